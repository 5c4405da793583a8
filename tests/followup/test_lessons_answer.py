"""The answerer's "what have we learned about X?" question type (bot/answers/lessons.py)."""

from __future__ import annotations

from bot.answers import answer_question
from bot.core.runtime import Core
from storage import lessons as lesson_store
from storage import registry
from tests.fake_slack import validate_blocks
from tests.helpers import party_by_slug, texts


def arrange(core: Core) -> None:
    sala = party_by_slug(core, "sala")
    with core.db.session() as session:
        network = core.network(session)
        areas = {a.slug: a for a in registry.areas(session=session, network_id=network.id)}
        lesson_store.add_lesson(
            session=session,
            network_id=network.id,
            area_id=areas["lararforsorjning"].id,
            text="Gemensam mentorsutbildning för nyanställda lärare minskade avhoppen.",
            actor="U1",
            party_id=sala.id,
            tags=["mentorskap"],
            permalink="https://example.slack.com/archives/C1/p1",
        )
        lesson_store.add_lesson(
            session=session,
            network_id=network.id,
            area_id=areas["elevhalsa"].id,
            text="Skolsköterskor delar rutiner över kommungränsen.",
            actor="U2",
        )


def ask(core: Core, text: str) -> str:
    reply = answer_question(core, slack_user_id="UASKER0001", text=text)
    assert validate_blocks(reply.blocks) == []
    return texts({"text": reply.text, "blocks": reply.blocks})


def test_what_have_we_learned_cites_the_lessons(core: Core) -> None:
    arrange(core)
    sv = ask(core, "Vad har vi lärt oss om mentorskap?")
    assert "Gemensam mentorsutbildning" in sv and "Sala kommun" in sv
    assert "<https://example.slack.com/archives/C1/p1|lärdom" in sv
    assert "Skolsköterskor" not in sv
    en = ask(core, "What have we learned about mentoring and mentorskap?")
    assert "Gemensam mentorsutbildning" in en
    area = ask(core, "vad har vi lärt oss inom elevhälsa")
    assert "Skolsköterskor" in area and "mentorsutbildning" not in area
    none = ask(core, "Vad har vi lärt oss om budgetprocessen?")
    assert "inga sparade lärdomar" in none
