"""The event form and the broadcast form through signed view_submission requests."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.scheduler import tasks as jobs
from storage import events as store
from storage.models import Broadcast, DeliveryStatus, Event, ReminderStatus
from tests.conftest import ADMIN, LiveBot
from tests.events.util import (
    AREA_CHANNEL,
    add_event,
    area_id,
    client_for,
    delivery_rows,
    eventually,
    join_with_contact,
    quiet_seed,
    reminder_rows,
    set_channels,
)
from tests.fake_slack.signing import option, state_input

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
VISITOR = "UVISITOR01"


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM).astimezone(UTC)


def event_values(
    *,
    title: str = "Nätverksforum",
    kind: str = "forum",
    area: str = "network",
    date: str | None = "2026-12-08",
    time: str | None = "13:00",
    end_time: str | None = None,
    link: str = "",
    recurrence: str = "",
    reminders: str = "",
    agenda: str = "",
) -> dict[str, Any]:
    return {
        "title": {"title": state_input(title)},
        "kind": {"kind": state_input(option(kind), type="static_select")},
        "area": {"area": state_input(option(area), type="static_select")},
        "date": {"date": state_input(date, type="datepicker")},
        "time": {"time": state_input(time, type="timepicker")},
        "end_time": {"end_time": state_input(end_time, type="timepicker")},
        "location": {"location": state_input("Västerås")},
        "link": {"link": state_input(link)},
        "agenda": {"agenda": state_input(agenda)},
        "recurrence": {"recurrence": state_input(recurrence)},
        "reminders": {"reminders": state_input(reminders)},
    }


def submit(bot: LiveBot, user: str, callback: str, values: dict, metadata: str = "") -> dict:
    result = bot.slack.submit(user, callback, values, private_metadata=metadata)
    assert result.status == 200, result.text
    return result.json() if result.text else {}


def events_titled(bot: LiveBot, title: str) -> list[Event]:
    with bot.core.db.session() as session:
        return list(session.exec(select(Event).where(Event.title == title)))


def test_coordinator_creates_an_event_and_its_reminders_are_planned(bot: LiveBot) -> None:
    body = submit(
        bot,
        ADMIN,
        "event_form",
        event_values(area=str(area_id(bot.core)), reminders="7d, 1d, 30m", end_time="15:00"),
        '{"event_id": null}',
    )
    assert body["response_action"] == "update"
    shown = json.dumps(body["view"], ensure_ascii=False)
    assert "tisdag 8 december 2026 kl. 13:00" in shown and "30 min före" in shown
    [event] = events_titled(bot, "Nätverksforum")
    assert event.starts_at == local(2026, 12, 8, 13, 0)
    assert event.ends_at == local(2026, 12, 8, 15, 0)
    assert event.area_id == area_id(bot.core) and event.created_by == ADMIN
    dues = [r.due_at for r in reminder_rows(bot.core, event.id)]  # type: ignore[arg-type]
    assert dues == [local(2026, 12, 1, 9, 0), local(2026, 12, 7, 9, 0), local(2026, 12, 8, 12, 30)]


def test_recurring_event_from_a_friendly_phrase(bot: LiveBot) -> None:
    submit(
        bot,
        ADMIN,
        "event_form",
        event_values(
            title="Månadsmöte",
            kind="meeting",
            date="2026-12-01",
            time=None,
            recurrence="första tisdagen varje månad 13:00",
        ),
    )
    [event] = events_titled(bot, "Månadsmöte")
    assert event.recurrence == "FREQ=MONTHLY;BYDAY=1TU"
    assert event.starts_at == local(2026, 12, 1, 13, 0) and not event.all_day
    starts = {r.occurrence_start for r in reminder_rows(bot.core, event.id)}  # type: ignore[arg-type]
    assert local(2027, 1, 5, 13, 0) in starts and local(2027, 2, 2, 13, 0) in starts


def test_bad_fields_are_refused_on_the_field_and_nothing_is_saved(bot: LiveBot) -> None:
    cases = [
        (event_values(title=""), "title"),
        (event_values(date=None), "date"),
        (event_values(date="2026-01-10"), "date"),  # in the past
        (event_values(time="13:00", end_time="12:00"), "end_time"),
        (event_values(link="javascript:alert(1)"), "link"),
        (event_values(recurrence="ibland kanske"), "recurrence"),
        (event_values(reminders="snart"), "reminders"),
        (event_values(reminders="400d"), "reminders"),
        (event_values(area="999999"), "area"),
        (event_values(agenda="x" * 2001), "agenda"),
    ]
    for values, field in cases:
        body = submit(bot, ADMIN, "event_form", values)
        assert body["response_action"] == "errors", field
        assert list(body["errors"]) == [field]
    assert events_titled(bot, "Nätverksforum") == []


def test_a_crafted_submission_by_a_non_coordinator_is_refused(bot: LiveBot) -> None:
    body = submit(bot, VISITOR, "event_form", event_values())
    assert body["response_action"] == "errors"
    assert "samordnare" in json.dumps(body["errors"], ensure_ascii=False)
    assert events_titled(bot, "Nätverksforum") == []


def test_editing_an_event_moves_its_reminders(bot: LiveBot) -> None:
    event_id = add_event(
        bot.core, now=NOW, title="Nätverksforum", kind="forum", starts_at=local(2026, 12, 8, 13, 0)
    )
    submit(
        bot,
        ADMIN,
        "event_form",
        event_values(date="2026-12-17", time="10:00", reminders="1h"),
        json.dumps({"event_id": event_id}),
    )
    rows = reminder_rows(bot.core, event_id)
    assert [r.due_at for r in rows if r.status == ReminderStatus.pending] == [
        local(2026, 12, 17, 9, 0)
    ]
    assert {r.status for r in rows if r.occurrence_start == local(2026, 12, 8, 13, 0)} == {
        ReminderStatus.cancelled
    }
    # an edit for an event of another network or a missing one is refused
    body = submit(bot, ADMIN, "event_form", event_values(), json.dumps({"event_id": 99999}))
    assert body["response_action"] == "errors"


def broadcast_values(text: str, *, title: str = "", mentions: bool = False) -> dict[str, Any]:
    return {
        "title": {"title": state_input(title)},
        "text": {"text": state_input(text)},
        "mentions": {"mentions": state_input(["allow"] if mentions else [], type="checkboxes")},
    }


def arrange_area(bot: LiveBot) -> None:
    quiet_seed(bot.core)
    set_channels(bot.core)
    join_with_contact(bot.core, "sala", "USALA0001")
    join_with_contact(bot.core, "koping", "UKOPING01")


def test_broadcast_preview_then_send_reaches_channel_and_every_contact_once(
    bot: LiveBot,
) -> None:
    arrange_area(bot)
    meta = json.dumps({"area_id": area_id(bot.core)})
    text = "Välkomna till forum <!channel> & fika"
    body = submit(bot, ADMIN, "broadcast_preview", broadcast_values(text, title="Inbjudan"), meta)
    assert body["response_action"] == "update"
    preview = body["view"]
    assert preview["callback_id"] == "broadcast_send"
    shown = json.dumps(preview["blocks"], ensure_ascii=False)
    assert "&lt;!channel&gt; &amp; fika" in shown and "Sala kommun" in shown
    assert bot.fake.calls("chat.postMessage") == []  # nothing sent by a preview
    body = submit(
        bot,
        ADMIN,
        "broadcast_send",
        broadcast_values(text, title="Inbjudan"),
        preview["private_metadata"],
    )
    assert "3 mottagare" in json.dumps(body["view"], ensure_ascii=False)
    calls = bot.fake.wait_for("chat.postMessage", 3)
    assert sorted(c.params["channel"] for c in calls) == [AREA_CHANNEL, "UKOPING01", "USALA0001"]
    for call in calls:
        assert (
            "<!channel>" not in json.dumps(call.blocks) and "<!channel>" not in call.params["text"]
        )
    with bot.core.db.session() as session:
        [broadcast] = session.exec(select(Broadcast)).all()
        assert broadcast.created_by == ADMIN and not broadcast.allow_mentions
    eventually(lambda: {d.status for d in delivery_rows(bot.core)} == {DeliveryStatus.sent})
    jobs.tick(bot.core, client_for(bot.core), now=NOW)  # the tick finds nothing left to send
    assert len(bot.fake.calls("chat.postMessage")) == 3


def test_broadcast_mentions_only_on_purpose_and_failures_do_not_stop_others(
    bot: LiveBot,
) -> None:
    arrange_area(bot)
    bot.fake.fail_forever(
        "chat.postMessage", error="user_disabled", when=lambda p: p.get("channel") == "USALA0001"
    )
    meta = json.dumps({"area_id": area_id(bot.core)})
    values = broadcast_values("Viktigt @here: nytt datum", mentions=True)
    preview = submit(bot, ADMIN, "broadcast_preview", values, meta)["view"]
    submit(bot, ADMIN, "broadcast_send", values, preview["private_metadata"])
    bot.fake.wait_for("chat.postMessage", 3)
    channel_call = next(
        c for c in bot.fake.successful("chat.postMessage") if c.params["channel"] == AREA_CHANNEL
    )
    assert "<!here>" in json.dumps(channel_call.blocks)
    eventually(lambda: DeliveryStatus.sending not in {d.status for d in delivery_rows(bot.core)})
    statuses = {d.recipient: d.status for d in delivery_rows(bot.core)}
    assert statuses == {
        AREA_CHANNEL: DeliveryStatus.sent,
        "UKOPING01": DeliveryStatus.sent,
        "USALA0001": DeliveryStatus.failed,
    }


def test_broadcast_refusals_and_changed_text(bot: LiveBot) -> None:
    arrange_area(bot)
    meta = json.dumps({"area_id": area_id(bot.core)})
    body = submit(bot, VISITOR, "broadcast_send", broadcast_values("hej"), meta)
    assert body["response_action"] == "errors"
    body = submit(bot, ADMIN, "broadcast_preview", broadcast_values(""), meta)
    assert list(body["errors"]) == ["text"]
    body = submit(bot, ADMIN, "broadcast_preview", broadcast_values("x" * 2600), meta)
    assert list(body["errors"]) == ["text"]
    preview = submit(bot, ADMIN, "broadcast_preview", broadcast_values("första"), meta)["view"]
    body = submit(
        bot, ADMIN, "broadcast_send", broadcast_values("ändrad"), preview["private_metadata"]
    )
    assert body["view"]["callback_id"] == "broadcast_send"  # shown again, not sent
    assert "ändrades" in json.dumps(body["view"], ensure_ascii=False)
    with bot.core.db.session() as session:
        assert session.exec(select(Broadcast)).all() == []
        assert store.problem_deliveries(session=session, network_id=1) == []


def test_the_broadcast_form_offers_the_areas_coming_events_soonest_first(bot: LiveBot) -> None:
    quiet_seed(bot.core)
    area = "Lärarförsörjning"
    teachers = area_id(bot.core, "lararforsorjning")
    analysis = area_id(bot.core, "analys-och-uppfoljning")
    monthly = {"recurrence": "FREQ=MONTHLY;BYDAY=1TU"}
    for title, start, area_of_event, extra in (
        ("Passerat möte", local(2026, 11, 2, 9, 0), teachers, {}),
        ("Vårforum", local(2027, 3, 4, 9, 0), teachers, {}),
        ("Annat område", local(2026, 12, 2, 9, 0), analysis, {}),
        ("Nätverksträff", local(2027, 1, 20, 13, 0), None, {}),
        ("Månadsmöte", local(2026, 10, 6, 13, 0), teachers, monthly),
        ("Snart möte", local(2026, 11, 26, 9, 0), teachers, {}),
    ):
        add_event(
            bot.core,
            now=bot.core.now(),
            title=title,
            starts_at=start,
            area_id=area_of_event,
            **extra,
        )
    result = bot.slack.command(f"utskick {area}", user=ADMIN)
    assert result.status == 200
    [opened] = bot.fake.wait_for("views.open")
    [picker] = [
        block["element"]
        for block in opened.view["blocks"]
        if block.get("element", {}).get("type") == "static_select"
    ]
    labels = [o["text"]["text"] for o in picker["options"]]
    assert [label.split(" – ")[0] for label in labels] == [
        "Snart möte",
        "Månadsmöte",  # at its next date (1 December), not its first (October)
        "Nätverksträff",
        "Vårforum",
    ]
    assert "1 dec" in labels[1]
