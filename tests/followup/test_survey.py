"""The pulse survey: the coordinator's form, DMs to school chiefs, answers, reminders, closing."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlmodel import select

from bot.core import outbox
from bot.core.slack_client import make_web_client
from bot.scheduler.tasks import tick
from storage import registry
from storage.models import AuditEntry, Delivery, Survey, SurveyResponse
from tests.conftest import ADMIN, FrozenClock, LiveBot
from tests.fake_slack import validate_message, validate_view
from tests.fake_slack.signing import state_input
from tests.helpers import add_person, party_by_slug, texts

SALA_CHIEF = "USALACHIEF"
KOPING_CHIEF = "UKOPCHIEF1"
ARBOGA_CHIEF = "UARBCHIEF1"
SALA_MEMBER = "USALAMEMB1"


def setup_network(bot: LiveBot) -> None:
    add_person(bot.core, SALA_CHIEF, "sala", "school_chief", name="Sara Sala")
    add_person(bot.core, KOPING_CHIEF, "koping", "school_chief", name="Karin Köping")
    add_person(bot.core, ARBOGA_CHIEF, "arboga", "school_chief", name="Arne Arboga")
    add_person(bot.core, SALA_MEMBER, "sala", "member")
    with bot.core.db.session() as session:
        area = registry.areas(session=session, network_id=bot.core.network(session).id)[0]
        for slug in ("sala", "koping", "vasteras"):
            registry.join_area(
                session=session, area=area, party=party_by_slug(bot.core, slug), actor="test"
            )


def survey_values(
    party_slugs: list[str], closes: str = "2026-12-08", questions: str | None = None
) -> dict:
    ids = [str(party_by_slug_id) for party_by_slug_id in party_slugs]
    return {
        "title": {"title": state_input("Hur fungerar samverkan?")},
        "questions": {
            "questions": state_input(
                questions
                if questions is not None
                else "Samverkan ger mervärde.\n\n- Forumen är bra.\n"
            )
        },
        "parties": {"parties": state_input(ids, type="multi_static_select")},
        "closes": {"closes": state_input(closes, type="datepicker")},
    }


def party_ids(bot: LiveBot, *slugs: str) -> list[str]:
    return [str(party_by_slug(bot.core, s).id) for s in slugs]


def answer_values(*scores: int | None, comment: str = "") -> dict:
    values: dict = {
        f"q{i}": {"score": state_input(None if s is None else str(s), type="radio_buttons")}
        for i, s in enumerate(scores)
    }
    values["comment"] = {"comment": state_input(comment)}
    return values


def only_survey(bot: LiveBot) -> Survey:
    with bot.core.db.session() as session:
        return session.exec(select(Survey)).one()


def dms_to(bot: LiveBot, user: str) -> list:
    return [c for c in bot.fake.calls("chat.postMessage") if c.params["channel"] == user]


def send_queue(bot: LiveBot, clock: FrozenClock) -> None:
    client = make_web_client(bot.core.settings)
    tick(bot.core, client, clock.now)
    outbox.send_due(bot.core, client, clock.now)


def test_full_survey_flow(bot: LiveBot, clock: FrozenClock) -> None:
    setup_network(bot)
    result = bot.slack.command("enkät", user=ADMIN)
    assert result.status == 200
    [opened] = bot.fake.wait_for("views.open")
    view = opened.view
    assert validate_view(view) == [] and view["callback_id"] == "survey_create"
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    preselected = {o["value"] for o in blocks["parties"]["element"]["initial_options"]}
    assert preselected == set(
        party_ids(bot, "sala", "koping", "vasteras")
    )  # municipalities in areas
    assert (
        "Samverkan ger min kommun ett tydligt mervärde."
        in blocks["questions"]["element"]["initial_value"]
    )
    assert blocks["closes"]["element"]["initial_date"] == "2026-12-08"

    # Västerås has no school chief in the registry: the coordinator is told.
    values = survey_values(party_ids(bot, "sala", "koping", "vasteras"))
    answer = bot.slack.submit(ADMIN, "survey_create", values).json()
    assert answer["response_action"] == "update"
    summary = json.dumps(answer["view"], ensure_ascii=False)
    assert "2 skolchefer" in summary and "Västerås stad" in summary
    assert "8 december 2026" in summary and "6 december 2026" in summary
    invitations = bot.fake.wait_for("chat.postMessage", count=2)
    assert {c.params["channel"] for c in invitations} == {SALA_CHIEF, KOPING_CHIEF}
    for call in invitations:
        assert validate_message(call.params.get("text"), call.blocks) == []
        assert "Sala kommun" in call.params["text"] or "Köpings kommun" in call.params["text"]
    survey = only_survey(bot)
    assert survey.questions == ["Samverkan ger mervärde.", "Forumen är bra."]
    assert survey.closes_at == datetime(2026, 12, 8, 22, 59, tzinfo=UTC)
    button = invitations[0].blocks[-1]["elements"][0]
    assert button["action_id"] == "survey_open" and button["value"] == str(survey.id)

    # The Sala chief opens the form and answers; then changes the answer.
    bot.slack.action(SALA_CHIEF, "survey_open", str(survey.id), channel_id="D" + SALA_CHIEF)
    [_, form] = bot.fake.wait_for("views.open", count=2)
    assert validate_view(form.view) == [] and form.view["callback_id"] == "survey_answer"
    metadata = form.view["private_metadata"]
    first = bot.slack.submit(
        SALA_CHIEF, "survey_answer", answer_values(4, 2, comment="Bra!"), private_metadata=metadata
    ).json()
    assert first["response_action"] == "update"
    assert "är sparat" in json.dumps(first["view"], ensure_ascii=False)
    bot.slack.action(SALA_CHIEF, "survey_open", str(survey.id))
    [*_, again] = bot.fake.wait_for("views.open", count=3)
    radios = [b["element"] for b in again.view["blocks"] if b.get("block_id") in ("q0", "q1")]
    assert [r["initial_option"]["value"] for r in radios] == ["4", "2"]
    second = bot.slack.submit(
        SALA_CHIEF, "survey_answer", answer_values(5, 3), private_metadata=metadata
    ).json()
    assert "är ändrat" in json.dumps(second["view"], ensure_ascii=False)
    status = texts(bot.slack.command("enkät status", user=ADMIN).json())
    assert (
        "*Hur fungerar samverkan?* – stänger 8 december 2026: 1 av 3 parter har svarat." in status
    )
    assert "Inte svarat ännu: Köpings kommun, Västerås stad" in status
    assert "Only coordinators" in texts(bot.slack.command("survey status", user=SALA_CHIEF).json())
    with bot.core.db.session() as session:
        [response] = session.exec(select(SurveyResponse)).all()
        assert response.scores == [5, 3] and response.comment == ""
        assert response.party_id == party_by_slug(bot.core, "sala").id
        actions = [e.action for e in session.exec(select(AuditEntry).order_by(AuditEntry.id))]
        assert {"survey.create", "survey.answer", "survey.answer_update"} <= set(actions)

    # Before the reminder is due nothing more goes out; at 09:00 two days before closing the
    # Köping chief (who has not answered) is reminded, once.
    bot.fake.clear()
    clock.set(datetime(2026, 12, 6, 7, 59, tzinfo=UTC))
    send_queue(bot, clock)
    assert bot.fake.calls("chat.postMessage") == []
    clock.set(datetime(2026, 12, 6, 8, 0, tzinfo=UTC))
    send_queue(bot, clock)
    send_queue(bot, clock)
    [reminder] = bot.fake.calls("chat.postMessage")
    assert reminder.params["channel"] == KOPING_CHIEF and "Påminnelse" in reminder.params["text"]
    with bot.core.db.session() as session:
        kinds = sorted(d.kind for d in session.exec(select(Delivery)))
        assert kinds == ["survey", "survey", "survey_reminder"]

    # After closing: the survey is closed by the tick, answers are refused kindly.
    clock.set(datetime(2026, 12, 8, 23, 0, tzinfo=UTC))
    send_queue(bot, clock)
    assert only_survey(bot).status == "closed"
    late = bot.slack.submit(
        KOPING_CHIEF, "survey_answer", answer_values(3, 3), private_metadata=metadata
    ).json()
    assert late["response_action"] == "update"
    assert "stängde 8 december 2026" in json.dumps(late["view"], ensure_ascii=False)
    bot.slack.action(KOPING_CHIEF, "survey_open", str(survey.id))
    [closed] = bot.fake.wait_for("response_url")
    assert "stängde" in closed.params["text"]
    with bot.core.db.session() as session:
        assert len(session.exec(select(SurveyResponse)).all()) == 1


def test_only_asked_school_chiefs_may_answer(bot: LiveBot) -> None:
    setup_network(bot)
    bot.slack.submit(ADMIN, "survey_create", survey_values(party_ids(bot, "sala", "koping")))
    survey = only_survey(bot)
    metadata = json.dumps({"survey": survey.id})
    for user in (ARBOGA_CHIEF, SALA_MEMBER, "UNOBODY001", ADMIN):
        bot.fake.clear()
        bot.slack.action(user, "survey_open", str(survey.id))
        [refusal] = bot.fake.wait_for("response_url")
        assert "skolchefen" in refusal.params["text"]
        crafted = bot.slack.submit(
            user, "survey_answer", answer_values(1, 1), private_metadata=metadata
        ).json()
        assert crafted["response_action"] == "errors"
    bot.fake.clear()
    bot.slack.action(SALA_CHIEF, "survey_open", "not-a-number")
    [missing] = bot.fake.wait_for("response_url")
    assert "hittar inte" in missing.params["text"]
    with bot.core.db.session() as session:
        assert session.exec(select(SurveyResponse)).all() == []


def test_missing_scores_and_bad_survey_forms_get_field_errors(bot: LiveBot) -> None:
    setup_network(bot)
    refused = bot.slack.submit(
        SALA_CHIEF, "survey_create", survey_values(party_ids(bot, "sala"))
    ).json()
    assert refused["response_action"] == "errors"
    assert "samordnare" in refused["errors"]["title"]
    assert "bara samordnare" in texts(bot.slack.command("enkät", user=SALA_CHIEF).json())
    bad = survey_values(["999999"], closes="2026-11-24", questions=" \n ")
    errors = bot.slack.submit(ADMIN, "survey_create", bad).json()
    assert errors["response_action"] == "errors"
    assert set(errors["errors"]) == {"questions", "parties", "closes"}
    too_many = survey_values(
        party_ids(bot, "sala"), questions="\n".join(f"Q{i}" for i in range(11))
    )
    assert set(bot.slack.submit(ADMIN, "survey_create", too_many).json()["errors"]) == {"questions"}
    with bot.core.db.session() as session:
        assert session.exec(select(Survey)).all() == []

    bot.slack.submit(ADMIN, "survey_create", survey_values(party_ids(bot, "sala")))
    survey = only_survey(bot)
    partial = bot.slack.submit(
        SALA_CHIEF,
        "survey_answer",
        answer_values(4, None),
        private_metadata=json.dumps({"survey": survey.id}),
    ).json()
    assert partial == {"response_action": "errors", "errors": {"q1": "Välj ett värde 1–5."}}
    crafted = bot.slack.submit(
        SALA_CHIEF,
        "survey_answer",
        answer_values(4, 9),
        private_metadata=json.dumps({"survey": survey.id}),
    ).json()
    assert set(crafted["errors"]) == {"q1"}
    with bot.core.db.session() as session:
        assert session.exec(select(SurveyResponse)).all() == []


def test_closing_is_done_once_and_console_shows_the_fallbacks(bot: LiveBot) -> None:
    from dataclasses import replace

    from bot.cli.console import respond
    from storage import surveys as survey_store

    setup_network(bot)
    bot.slack.submit(ADMIN, "survey_create", survey_values(party_ids(bot, "sala")))
    later = datetime(2026, 12, 9, tzinfo=UTC)
    with bot.core.db.session() as session:
        assert [s.title for s in survey_store.close_due(session=session, now=later)] == [
            "Hur fungerar samverkan?"
        ]
    with bot.core.db.session() as session:
        assert survey_store.close_due(session=session, now=later) == []
        closes = session.exec(select(AuditEntry).where(AuditEntry.action == "survey.close"))
        assert len(closes.all()) == 1
    bot.core.settings = replace(bot.core.settings, slack_bot_token=None)
    assert "samverkansbot report vastmanland" in respond(bot.core, ADMIN, "/samverkan rapport")
    assert "Ny pulsenkät" in respond(bot.core, ADMIN, "/samverkan enkät")


def test_the_dry_run_lists_the_survey_reminder_and_queues_nothing(
    bot: LiveBot, monkeypatch, capsys
) -> None:
    """`tick --dry-run` runs the survey tick's rules too: the chief who has not answered shows
    up with the reminder the real tick would send at that moment, and nothing is queued."""
    from bot.cli import main

    setup_network(bot)
    bot.slack.submit(ADMIN, "survey_create", survey_values(party_ids(bot, "sala", "koping")))
    bot.fake.wait_for("chat.postMessage", count=2)  # the invitations
    survey = only_survey(bot)
    metadata = json.dumps({"survey": survey.id})
    bot.slack.submit(SALA_CHIEF, "survey_answer", answer_values(4, 4), private_metadata=metadata)
    with bot.core.db.session() as session:
        before = sorted((d.kind, d.recipient) for d in session.exec(select(Delivery)))
    monkeypatch.setenv("DATABASE_URL", bot.core.settings.database_url)
    monkeypatch.setenv("BOT_TIMEZONE", "Europe/Stockholm")
    bot.fake.clear()

    assert main(["tick", "--dry-run", "--at", "2026-12-06 09:00"]) == 0
    lines = capsys.readouterr().out.splitlines()
    reminders = [line for line in lines[1:] if f"survey_reminder {survey.id}" in line]
    assert len(reminders) == 1 and f"DM {KOPING_CHIEF}" in reminders[0], lines
    assert "Påminnelse" in reminders[0]
    assert main(["tick", "--dry-run", "--at", "2026-12-06 08:59"]) == 0  # not yet due
    assert "survey_reminder" not in capsys.readouterr().out
    with bot.core.db.session() as session:
        assert sorted((d.kind, d.recipient) for d in session.exec(select(Delivery))) == before
    assert bot.fake.calls("chat.postMessage") == []
