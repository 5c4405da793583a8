"""Lessons learned: the message shortcut, its form, `/samverkan lärdom|lärdomar`, and search."""

from __future__ import annotations

import json

from sqlmodel import select

from bot.followup.lessons import lessons_reply
from storage import lessons as lesson_store
from storage.models import AuditEntry, Lesson
from tests.conftest import ADMIN, LiveBot
from tests.fake_slack import validate_blocks, validate_view
from tests.fake_slack.signing import state_input
from tests.helpers import add_person, area_by_slug, party_by_slug, texts

SALA_CHIEF = "USALACHIEF"
MEMBER = "UMEMBER001"
VISITOR = "UVISITOR01"
MESSAGE = {
    "type": "message",
    "user": "UOTHER0001",
    "ts": "1764000000.000100",
    "text": "Gemensam mentorsutbildning för nya lärare sparade tid &amp; pengar <@U0FRIEND>",
}


def command(bot: LiveBot, text: str, user: str) -> dict:
    result = bot.slack.command(text, user=user)
    assert result.status == 200, result.text
    body = result.json()
    assert validate_blocks(body.get("blocks", []), "message") == []
    return body


def all_lessons(bot: LiveBot) -> list[Lesson]:
    with bot.core.db.session() as session:
        return list(session.exec(select(Lesson).order_by(Lesson.id)))


def test_shortcut_opens_prefilled_form_and_submission_stores_lesson(bot: LiveBot) -> None:
    add_person(bot.core, MEMBER, "sala", "member", name="Maja Medlem")
    area = area_by_slug(bot.core, "lararforsorjning")
    with bot.core.db.session() as session:
        stored = session.get(type(area), area.id)
        stored.channel_id = "C0LARARE"  # the message is in the area's channel: preselected
    assert bot.slack.shortcut(MEMBER, "save_lesson", MESSAGE, "C0LARARE").status == 200
    [opened] = bot.fake.wait_for("views.open")
    view = opened.view
    assert validate_view(view) == []
    assert view["callback_id"] == "save_lesson"
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["area"]["element"]["initial_option"]["value"] == str(area.id)
    assert blocks["text"]["element"]["initial_value"].startswith("Gemensam mentorsutbildning")
    assert "& pengar @U0FRIEND" in blocks["text"]["element"]["initial_value"]
    [permalink] = bot.fake.calls("chat.getPermalink")
    assert permalink.params["channel"] == "C0LARARE"

    values = {
        "area": {"area": state_input(str(area.id), type="static_select")},
        "text": {"text": state_input("Mentorsutbildning tillsammans sparar tid.")},
        "tags": {"tags": state_input("Mentorskap, #rekrytering")},
    }
    result = bot.slack.submit(
        MEMBER, "save_lesson", values, private_metadata=view["private_metadata"]
    )
    assert result.status == 200
    answer = result.json()
    assert answer["response_action"] == "update"
    assert "sparad i *Lärarförsörjning*" in answer["view"]["blocks"][0]["text"]["text"]
    [lesson] = all_lessons(bot)
    assert lesson.text == "Mentorsutbildning tillsammans sparar tid."
    assert lesson.tags == ["mentorskap", "rekrytering"]
    assert lesson.author_slack_id == MEMBER
    assert lesson.party_id == party_by_slug(bot.core, "sala").id
    assert lesson.area_id == area.id
    assert lesson.permalink == "https://example.slack.com/archives/C0LARARE/p1764000000000100"
    with bot.core.db.session() as session:
        audit = session.exec(select(AuditEntry).where(AuditEntry.action == "lesson.create")).one()
        assert audit.actor == MEMBER and audit.entity_id == lesson.id


def test_unregistered_user_is_refused_by_shortcut_and_by_crafted_submission(
    bot: LiveBot,
) -> None:
    assert bot.slack.shortcut(VISITOR, "save_lesson", MESSAGE).status == 200
    [reply] = bot.fake.wait_for("response_url")
    assert "personer i registret" in reply.params["text"]
    assert bot.fake.calls("views.open") == []
    area = area_by_slug(bot.core, "elevhalsa")
    values = {
        "area": {"area": state_input(str(area.id), type="static_select")},
        "text": {"text": state_input("Sneaky")},
    }
    answer = bot.slack.submit(VISITOR, "save_lesson", values).json()
    assert answer["response_action"] == "errors" and "registret" in answer["errors"]["text"]
    assert all_lessons(bot) == []


def test_form_errors_for_missing_area_and_empty_text(bot: LiveBot) -> None:
    add_person(bot.core, MEMBER, "sala", "member")
    values = {
        "area": {"area": state_input(None, type="static_select")},
        "text": {"text": state_input("   ")},
    }
    answer = bot.slack.submit(MEMBER, "save_lesson", values, private_metadata="not json").json()
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"area", "text"}
    assert all_lessons(bot) == []


def test_lesson_command_and_listing_with_links(bot: LiveBot) -> None:
    add_person(bot.core, SALA_CHIEF, "sala", "school_chief", name="Sara Sala")
    saved = texts(
        command(
            bot,
            "lärdom analys och uppföljning Gemensamma nyckeltal gör jämförelser lätta #nyckeltal",
            SALA_CHIEF,
        )
    )
    assert "sparad i *Analys och uppföljning*" in saved
    command(bot, "lesson lararforsorjning: <!channel> mentors help", ADMIN)
    [first, second] = all_lessons(bot)
    assert first.text == "Gemensamma nyckeltal gör jämförelser lätta #nyckeltal"
    assert first.tags == ["nyckeltal"]
    assert second.text == "<!channel> mentors help" and second.party_id is None
    with bot.core.db.session() as session:
        first.permalink = "https://example.slack.com/archives/C1/p1"
        session.add(first)

    listing = texts(command(bot, "lärdomar analys", SALA_CHIEF))
    assert "Lärdomar – Analys och uppföljning" in listing
    assert "Gemensamma nyckeltal" in listing and "mentors" not in listing
    assert "<https://example.slack.com/archives/C1/p1|ursprung>" in listing
    assert "Sala kommun" in listing and "#nyckeltal" in listing
    everything = texts(command(bot, "lessons", ADMIN))
    assert "&lt;!channel&gt; mentors help" in everything and "<!channel>" not in everything
    empty = texts(command(bot, "lärdomar elevhälsa", SALA_CHIEF))
    assert "Inga lärdomar" in empty


def test_lesson_command_refusals_and_bad_input(bot: LiveBot) -> None:
    assert "personer i registret" in texts(command(bot, "lärdom elevhalsa Något", VISITOR))
    assert "personer i registret" in texts(command(bot, "lärdomar", VISITOR))
    add_person(bot.core, MEMBER, "sala", "member")
    assert "Skriv område och lärdom" in texts(command(bot, "lärdom", MEMBER))
    assert "Vad var lärdomen" in texts(command(bot, "lärdom elevhalsa", MEMBER))
    assert "hittar inget fokusområde" in texts(command(bot, "lärdom xyzzy något", MEMBER))
    assert all_lessons(bot) == []


def test_search_lessons_for_the_answerer(core) -> None:  # type: ignore[no-untyped-def]
    with core.db.session() as session:
        network = core.network(session)
        areas = {
            a.slug: a
            for a in __import__("storage.registry").registry.areas(
                session=session, network_id=network.id
            )
        }
        add = lesson_store.add_lesson
        add(
            session=session,
            network_id=network.id,
            area_id=areas["lararforsorjning"].id,
            text="Gemensam mentorsutbildning för nyanställda lärare minskade avhoppen.",
            actor="U1",
            tags=["mentorskap"],
            permalink="https://example.slack.com/archives/C/p1",
        )
        add(
            session=session,
            network_id=network.id,
            area_id=areas["elevhalsa"].id,
            text="Skolsköterskor delar rutiner över kommungränsen.",
            actor="U2",
        )
        add(
            session=session,
            network_id=network.id,
            area_id=areas["analys-och-uppfoljning"].id,
            text="Nyckeltal för lärare i behörighet jämförs varje termin.",
            actor="U3",
        )
    with core.db.session() as session:
        network = core.network(session)
        hits = lesson_store.search_lessons(
            network.id, "Vad har vi lärt oss om mentorskap?", session=session
        )
        assert [h.lesson.text[:9] for h in hits] == ["Gemensam "]
        hits = lesson_store.search_lessons(
            network.id, "what have we learned about lärarförsörjning", session=session
        )
        assert [h.area.slug for h in hits] == ["lararforsorjning"]
        hits = lesson_store.search_lessons(network.id, "lärare", session=session)
        assert {h.area.slug for h in hits} == {"lararforsorjning", "analys-och-uppfoljning"}
        assert (
            lesson_store.search_lessons(network.id, "vad har vi lärt oss?", session=session) == []
        )
        assert lesson_store.search_lessons(network.id, "budget", session=session) == []
        reply = lessons_reply(core, session, network, "mentorskap", "sv")
        assert reply is not None
        body = json.dumps(reply.blocks, ensure_ascii=False)
        assert "Det här har vi lärt oss om" in body and "archives/C/p1|ursprung" in body
        assert validate_blocks(reply.blocks) == []
        assert lessons_reply(core, session, network, "budget", "sv") is None
