"""`/samverkan forum|kalender|leveranser|utskick` through signed HTTP requests."""

from __future__ import annotations

import dataclasses
import json
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.core.runtime import Core
from bot.scheduler import tasks as jobs
from storage import events as store
from storage.models import AuditEntry, DeliveryStatus, EventStatus, ReminderStatus
from tests.conftest import ADMIN, LiveBot
from tests.events.util import (
    AREA_CHANNEL,
    add_event,
    area_id,
    client_for,
    delivery_rows,
    join_with_contact,
    quiet_seed,
    reminder_rows,
    set_channels,
)
from tests.fake_slack.blockkit import validate_blocks
from tests.helpers import add_person, texts

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
SALA_CHIEF = "USALACHIEF"
VISITOR = "UVISITOR01"


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM).astimezone(UTC)


def command(bot: LiveBot, text: str, user: str = VISITOR) -> dict:
    result = bot.slack.command(text, user=user)
    assert result.status == 200, result.text
    body = result.json() if result.text else {}
    assert validate_blocks(body.get("blocks", []), "message") == []
    return body


def sala_in_an_area_with_a_forum(core: Core) -> None:
    """Sala's school chief, Sala in the area, and a forum of the area on 12 January 2027."""
    add_person(core, SALA_CHIEF, "sala", "school_chief", name="Sara Sala")
    join_with_contact(core, "sala", "USALA0001")
    add_event(
        core,
        now=NOW,
        title="Forum lärarförsörjning",
        kind="forum",
        starts_at=local(2027, 1, 12, 13, 0),
        area_id=area_id(core),
        location="Västerås",
    )


def test_forum_lists_what_comes_next_with_the_users_areas_first(bot: LiveBot) -> None:
    sala_in_an_area_with_a_forum(bot.core)
    body = texts(command(bot, "forum", user=SALA_CHIEF))
    assert body.index("Dina områden") < body.index("Forum lärarförsörjning")
    assert body.index("Forum lärarförsörjning") < body.index("Gemensam genomlysning")
    assert "tisdag 12 januari 2027 kl. 13:00" in body and "#" not in body.split("\n")[0]
    english = texts(command(bot, "forums", user=SALA_CHIEF))
    assert "Coming up" in english and "Tuesday 12 January 2027 at 13:00" in english
    # coordinators see the numbers they need to edit
    assert "`#" in texts(command(bot, "forum", user=ADMIN))


def test_forum_splits_the_same_coming_events_per_asker_and_follows_a_join(bot: LiveBot) -> None:
    """The lines are shared by every asker of one language and kind; which of them are "your
    areas" is the asker's party's own, and moves when the party joins the area."""
    core = bot.core
    sala_in_an_area_with_a_forum(core)
    add_person(core, "UKOPCHIEF1", "koping", "school_chief", name="Kim Köping")
    sala = texts(command(bot, "forum", user=SALA_CHIEF))
    koping = texts(command(bot, "forum", user="UKOPCHIEF1"))
    assert "Dina områden" in sala and "Forum lärarförsörjning" in sala
    assert "Dina områden" not in koping and "Forum lärarförsörjning" in koping
    # the same lines again, from the cache, still split per party
    assert "Dina områden" in texts(command(bot, "forum", user=SALA_CHIEF))
    join_with_contact(core, "koping", "UKOP00001")
    koping = texts(command(bot, "forum", user="UKOPCHIEF1"))
    assert koping.index("Dina områden") < koping.index("Forum lärarförsörjning")
    # a new event is seen by both at once (the event generation moved)
    add_event(core, now=NOW, title="Rådsmöte", kind="council", starts_at=local(2027, 1, 20, 9, 0))
    for user in (SALA_CHIEF, "UKOPCHIEF1", VISITOR):
        assert "Rådsmöte" in texts(command(bot, "forum", user=user))


def test_forum_new_opens_the_form_for_coordinators_only(bot: LiveBot) -> None:
    refused = texts(command(bot, "forum ny", user=VISITOR))
    assert "bara samordnare" in refused
    assert bot.fake.calls("views.open") == []
    command(bot, "forum ny", user=ADMIN)
    [call] = bot.fake.wait_for("views.open")
    view = call.view
    assert view["callback_id"] == "event_form"
    ids = [b["block_id"] for b in view["blocks"]]
    assert {"title", "kind", "area", "date", "time", "recurrence", "reminders"} <= set(ids)


def test_move_and_cancel_replan_reminders_and_are_audited(bot: LiveBot) -> None:
    core = bot.core
    quiet_seed(core)
    event_id = add_event(
        core, now=NOW, title="Rådsmöte", kind="council", starts_at=local(2026, 12, 8, 13, 0)
    )
    body = texts(command(bot, f"forum flytta {event_id} 2026-12-15 14:00", user=ADMIN))
    assert "flyttat till tisdag 15 december 2026 kl. 14:00" in body
    pending = [r for r in reminder_rows(core, event_id) if r.status == ReminderStatus.pending]
    assert [r.due_at for r in pending] == [
        local(2026, 12, 8, 9, 0),
        local(2026, 12, 14, 9, 0),
        local(2026, 12, 15, 13, 0),
    ]
    # bad input changes nothing
    assert "forum flytta" in texts(command(bot, f"forum flytta {event_id} imorgon", user=ADMIN))
    assert "passerat" in texts(command(bot, f"forum flytta {event_id} 2026-01-01", user=ADMIN))
    assert "nr 999" in texts(command(bot, "forum ställ-in 999", user=ADMIN))
    assert "bara samordnare" in texts(command(bot, f"forum ställ-in {event_id}", user=VISITOR))
    body = texts(command(bot, f"forum ställ-in {event_id}", user=ADMIN))
    assert "inställt" in body
    with core.db.session() as session:
        event = store.get_event(session=session, network_id=1, event_id=event_id)
        assert event is not None and event.status == EventStatus.cancelled
        actions = [
            a.action
            for a in session.exec(
                select(AuditEntry).where(
                    AuditEntry.entity == "event", AuditEntry.entity_id == event_id
                )
            )
        ]
    assert actions == ["event.create", "event.move", "event.cancel"]
    assert {r.status for r in reminder_rows(core, event_id)} == {ReminderStatus.cancelled}
    assert "redan inställt" in texts(command(bot, f"forum cancel {event_id}", user=ADMIN))
    assert "inställt" in texts(command(bot, f"forum ändra {event_id}", user=ADMIN))


def test_edit_opens_the_form_filled_in(bot: LiveBot) -> None:
    event_id = add_event(
        bot.core,
        now=NOW,
        title="Månadsmöte",
        kind="meeting",
        starts_at=local(2026, 12, 1, 13, 0),
        recurrence="FREQ=MONTHLY;BYDAY=1TU",
        reminder_offsets=[1440, 90],
    )
    command(bot, f"forum ändra {event_id}", user=ADMIN)
    [call] = bot.fake.wait_for("views.open")
    blocks = {b["block_id"]: b["element"] for b in call.view["blocks"]}
    assert blocks["title"]["initial_value"] == "Månadsmöte"
    assert blocks["date"]["initial_date"] == "2026-12-01"
    assert blocks["time"]["initial_time"] == "13:00"
    assert blocks["recurrence"]["initial_value"] == "första tisdagen varje månad"
    assert blocks["reminders"]["initial_value"] == "1d, 90m"
    metadata = json.loads(call.view["private_metadata"])
    assert metadata == {"event_id": event_id, "network": metadata["network"]}  # its network too


def test_calendar_gives_a_link_to_an_ics_feed_with_an_unguessable_token(bot: LiveBot) -> None:
    core = bot.core
    assert "PUBLIC_URL" in texts(command(bot, "kalender"))
    core.settings = dataclasses.replace(core.settings, public_url="https://bot.example.se")
    add_event(
        core,
        now=NOW,
        title="Forum & <fika>",
        kind="forum",
        starts_at=local(2026, 12, 8, 13, 0),
        area_id=area_id(core),
        recurrence="FREQ=MONTHLY;BYDAY=2TU",
        location="Köping",
    )
    body = texts(command(bot, "kalender"))
    url = body.split("https://bot.example.se")[1].split()[0]
    assert url.startswith("/calendar/") and url.endswith(".ics") and len(url) > 40
    with urllib.request.urlopen(bot.url.rstrip("/") + url) as response:
        assert response.headers["Content-Type"].startswith("text/calendar")
        feed = response.read().decode()
    assert "BEGIN:VEVENT" in feed and "SUMMARY:Gemensam genomlysning av samarbetet" in feed
    assert "DTSTART;VALUE=DATE:20261231" in feed
    assert (
        "RRULE:FREQ=MONTHLY;BYDAY=2TU" in feed
        and "DTSTART;TZID=Europe/Stockholm:20261208T130000" in feed
    )
    assert "BEGIN:VTIMEZONE" in feed
    # the area's own feed has only the area's events; the same link is given again
    area_body = texts(command(bot, "kalender lärarförsörjning"))
    area_url = area_body.split("https://bot.example.se")[1].split()[0]
    assert area_url != url
    with urllib.request.urlopen(bot.url.rstrip("/") + area_url) as response:
        area_feed = response.read().decode()
    assert "Forum & <fika>" in area_feed.replace("\\", "") and "genomlysning" not in area_feed
    assert url in texts(command(bot, "kalender"))  # the same link again
    for bad in ("/calendar/not-a-token-at-all-xx.ics", "/calendar/x.ics"):
        try:
            urllib.request.urlopen(bot.url.rstrip("/") + bad)
            raise AssertionError("expected 404")
        except urllib.error.HTTPError as error:
            assert error.code == 404


def test_deliveries_show_coordinators_what_failed_or_was_skipped(bot: LiveBot) -> None:
    core = bot.core
    quiet_seed(core)
    set_channels(core)
    bot.fake.channels[AREA_CHANNEL] = {"is_archived": True}
    add_event(
        core,
        now=NOW,
        title="Forum i arkiverad kanal",
        kind="forum",
        starts_at=local(2026, 12, 8, 13, 0),
        area_id=area_id(core),
        reminder_offsets=[60],
    )
    add_event(
        core, now=NOW, title="Missat möte", kind="meeting", starts_at=local(2026, 12, 9, 13, 0)
    )
    assert "Alla påminnelser" in texts(command(bot, "leveranser", user=ADMIN))
    jobs.tick(core, client_for(core), now=local(2026, 12, 8, 12, 0))
    jobs.tick(core, client_for(core), now=local(2026, 12, 10, 8, 0))
    assert DeliveryStatus.failed in {d.status for d in delivery_rows(core)}
    body = texts(command(bot, "leveranser", user=ADMIN))
    assert "Forum i arkiverad kanal" in body and "is_archived" in body
    assert "Missat möte" in body and "hann inte gå ut" in body
    assert "bara samordnare" in texts(command(bot, "leveranser", user=VISITOR))


def test_broadcast_command_opens_the_form_for_coordinators_only(bot: LiveBot) -> None:
    assert "bara samordnare" in texts(command(bot, "utskick lärarförsörjning", user=VISITOR))
    assert "utskick" in texts(command(bot, "utskick", user=ADMIN))
    assert "hittar inget fokusområde" in texts(command(bot, "utskick xyzzy", user=ADMIN))
    command(bot, "utskick lararforsorjning", user=ADMIN)
    [call] = bot.fake.wait_for("views.open")
    assert call.view["callback_id"] == "broadcast_preview"
    assert json.loads(call.view["private_metadata"])["area_id"] == area_id(bot.core)


def test_cli_event_add_list_cancel(bot: LiveBot, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from bot.cli import main

    soon = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()  # the CLI's real clock
    monkeypatch.setenv("DATABASE_URL", bot.core.settings.database_url)
    monkeypatch.setenv("SLACK_API_URL", bot.fake.url)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    assert (
        main(
            [
                "event",
                "add",
                "Kvartalsmöte",
                f"{soon} 10:00",
                "--kind",
                "council",
                "--recurrence",
                "varje kvartal",
                "--reminders",
                "7d,1h",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    event_id = int(out.split("event ")[1].split()[0])
    assert main(["event", "list"]) == 0
    listing = capsys.readouterr().out
    assert f"{event_id}\t{soon} 10:00\tcouncil\tKvartalsmöte [FREQ=MONTHLY;INTERVAL=3]" in listing
    assert main(["event", "add", "Fel", "2030-13-40"]) == 1
    assert "date" in capsys.readouterr().err
    assert main(["event", "add", "Fel", "2030-01-01", "--reminders", "snart"]) == 1
    assert main(["event", "cancel", str(event_id)]) == 0
    assert "cancelled" in capsys.readouterr().out
    assert main(["event", "cancel", "9999"]) == 1
    assert main(["tick"]) == 0
    with bot.core.db.session() as session:
        statuses = {r.status for r in store.reminders_of(session=session, event_id=event_id)}
    assert statuses == {ReminderStatus.cancelled}


def test_odd_command_words_get_friendly_answers(bot: LiveBot) -> None:
    for text in (
        "forum flytta 99999999999999999999 2026-12-10",
        "forum svar ²",
        "forum ändra",
        "forum hoppsan",
        "forum ställ-in #abc",
        "forum flytta 2 2026-02-30 25:99",
        "kalender <!channel>",
    ):
        body = command(bot, text, user=ADMIN)
        assert body.get("response_type") == "ephemeral", text
        assert "<!channel>" not in texts(body)


def test_forum_shows_each_events_planned_reminders_and_what_moved_them(bot: LiveBot) -> None:
    core = bot.core
    quiet_seed(core)
    set_channels(core)
    join_with_contact(core, "sala", "USALA0001")
    add_event(
        core,
        now=NOW,
        title="Gemensam genomlysning",
        kind="evaluation",
        starts_at=local(2026, 12, 31, 0, 0),
        all_day=True,
        area_id=area_id(core),
    )
    body = texts(command(bot, "forum", user=ADMIN))
    assert (
        "⏰ onsdag 23 december 2026 kl. 09:00 → <#C0LARARE> och DM till 1 kontakt"
        " (flyttad från torsdag 24 december 2026: Julafton)"
    ) in body
    assert "⏰ onsdag 30 december 2026 kl. 09:00 → <#C0LARARE> och DM till 1 kontakt" in body
    english = texts(command(bot, "forums", user=VISITOR))
    assert "(moved from Thursday 24 December 2026: Christmas Eve)" in english


def test_cli_event_list_prints_the_planned_reminders(bot: LiveBot, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from bot.cli import main

    monkeypatch.setenv("DATABASE_URL", bot.core.settings.database_url)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    quiet_seed(bot.core)
    set_channels(bot.core)
    soon = datetime.now(UTC) + timedelta(days=30)  # the CLI's real clock
    event_id = add_event(
        bot.core,
        now=datetime.now(UTC),
        title="Nätverksmöte",
        kind="meeting",
        starts_at=soon,
        reminder_offsets=[60],
    )
    assert main(["event", "list"]) == 0
    listing = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(listing) if line.startswith(f"{event_id}\t"))
    due = (soon - timedelta(hours=1)).astimezone(STOCKHOLM).strftime("kl. %H:%M")
    assert listing[at + 1].startswith("\t⏰ ") and listing[at + 1].endswith(f"{due} → #C0NETWORK")
