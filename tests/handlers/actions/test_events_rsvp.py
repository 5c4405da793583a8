"""Kommer / Kommer inte on a posted reminder: recorded per party, count updated in place."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.events.views import rsvp_value
from bot.scheduler import tasks as jobs
from storage import events as store
from tests.conftest import ADMIN, LiveBot
from tests.events.util import (
    NETWORK_CHANNEL,
    add_event,
    client_for,
    quiet_seed,
    set_channels,
)
from tests.helpers import add_person, texts

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
SALA_CHIEF = "USALACHIEF"
KOPING_CHIEF = "UKOPCHIEF1"


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM).astimezone(UTC)


def posted_reminder(bot: LiveBot) -> tuple[int, dict]:
    quiet_seed(bot.core)
    set_channels(bot.core)
    event_id = add_event(
        bot.core,
        now=NOW,
        title="Rådsmöte",
        kind="council",
        starts_at=local(2026, 12, 8, 13, 0),
        reminder_offsets=[1440],
    )
    jobs.tick(bot.core, client_for(bot.core), now=local(2026, 12, 7, 9, 0))
    bot.fake.wait_for("chat.postMessage")
    [message] = bot.fake.messages(NETWORK_CHANNEL)
    return event_id, message


def click(bot: LiveBot, user: str, action: str, value: str, message: dict) -> None:
    result = bot.slack.action(user, action, value, message=message, channel_id=NETWORK_CHANNEL)
    assert result.status == 200, result.text


def test_rsvp_is_recorded_per_party_and_the_count_updates(bot: LiveBot) -> None:
    add_person(bot.core, SALA_CHIEF, "sala", "school_chief", name="Sara Sala")
    add_person(bot.core, KOPING_CHIEF, "koping", "school_chief", name="Karl Köping")
    event_id, message = posted_reminder(bot)
    [buttons] = [b for b in message["blocks"] if b["type"] == "actions"]
    value = buttons["elements"][0]["value"]
    assert value == rsvp_value(event_id, local(2026, 12, 8, 13, 0))

    click(bot, SALA_CHIEF, "event_rsvp_yes", value, message)
    [update] = bot.fake.wait_for("chat.update")
    assert update.params["ts"] == message["ts"]
    assert "1 kommer · ❌ 0 kommer inte" in str(update.blocks)
    [ephemeral] = bot.fake.wait_for("chat.postEphemeral")
    assert "anmäld till *Rådsmöte*" in ephemeral.params["text"]

    click(bot, KOPING_CHIEF, "event_rsvp_no", value, bot.fake.messages(NETWORK_CHANNEL)[0])
    updates = bot.fake.wait_for("chat.update", 2)
    assert "1 kommer · ❌ 1 kommer inte" in str(updates[-1].blocks)
    # changing one's mind replaces the answer
    click(bot, SALA_CHIEF, "event_rsvp_no", value, bot.fake.messages(NETWORK_CHANNEL)[0])
    updates = bot.fake.wait_for("chat.update", 3)
    assert "0 kommer · ❌ 2 kommer inte" in str(updates[-1].blocks)
    with bot.core.db.session() as session:
        answers = store.rsvps(session=session, event_id=event_id)
    assert len(answers) == 2 and not any(a.attending for a in answers)

    result = bot.slack.command(f"forum svar {event_id}", user=ADMIN)
    shown = texts(result.json())
    assert "Sala kommun" in shown and "Köpings kommun" in shown
    assert "*0* kommer" in shown
    refused = texts(bot.slack.command(f"forum svar {event_id}", user=SALA_CHIEF).json())
    assert "bara samordnare" in refused


def test_crafted_or_stale_rsvp_values_are_refused(bot: LiveBot) -> None:
    event_id, message = posted_reminder(bot)
    for value in ("nonsense", f"{event_id}|not-a-date", "99999|2026-12-08T12:00:00+00:00"):
        click(bot, SALA_CHIEF, "event_rsvp_yes", value, message)
    with bot.core.db.session() as session:
        event = store.get_event(session=session, network_id=1, event_id=event_id)
        assert event is not None
        store.cancel_event(session=session, event=event, actor="test", now=NOW)
    click(bot, SALA_CHIEF, "event_rsvp_yes", rsvp_value(event_id, event.starts_at), message)
    ephemerals = bot.fake.wait_for("chat.postEphemeral", 4)
    assert all("finns inte längre" in e.params["text"] for e in ephemerals)
    assert bot.fake.calls("chat.update") == []
    with bot.core.db.session() as session:
        assert store.rsvps(session=session, event_id=event_id) == []


def test_coordinators_edit_or_cancel_from_the_list(bot: LiveBot) -> None:
    from tests.fake_slack.signing import option

    quiet_seed(bot.core)
    event_id = add_event(
        bot.core, now=NOW, title="Rådsmöte", kind="council", starts_at=local(2026, 12, 8, 13, 0)
    )
    listing = bot.slack.command("forum", user=ADMIN).json()
    menus = [b["accessory"] for b in listing["blocks"] if b.get("accessory")]
    assert [o["value"] for o in menus[0]["options"]] == [f"edit:{event_id}", f"cancel:{event_id}"]
    assert not any(
        b.get("accessory") for b in bot.slack.command("forum", user=SALA_CHIEF).json()["blocks"]
    )

    def pick(user: str, value: str) -> None:
        result = bot.slack.action(
            user, "event_manage", selected_option=option(value), action_type="overflow"
        )
        assert result.status == 200

    pick(ADMIN, f"edit:{event_id}")
    [opened] = bot.fake.wait_for("views.open")
    assert opened.view["callback_id"] == "event_form"
    pick(SALA_CHIEF, f"cancel:{event_id}")  # crafted: refused, nothing opened
    [refusal] = bot.fake.wait_for("response_url")
    assert "bara samordnare" in refusal.params["text"]
    pick(ADMIN, f"cancel:{event_id}")
    opened = bot.fake.wait_for("views.open", 2)[-1]
    assert opened.view["callback_id"] == "event_cancel"
    assert "Rådsmöte" in str(opened.view["blocks"])
    crafted = bot.slack.submit(SALA_CHIEF, "event_cancel", {}, private_metadata=str(event_id))
    assert "bara samordnare" in crafted.text
    with bot.core.db.session() as session:
        event = store.get_event(session=session, network_id=1, event_id=event_id)
        assert event is not None and event.status == "planned"
    done = bot.slack.submit(ADMIN, "event_cancel", {}, private_metadata=str(event_id)).json()
    assert "inställt" in str(done["view"])
    with bot.core.db.session() as session:
        event = store.get_event(session=session, network_id=1, event_id=event_id)
        assert event is not None and event.status == "cancelled"
