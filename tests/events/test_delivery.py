"""Reminders fire on time and reach Slack exactly once: restarts, crashes mid-send, Slack
faults, edits and cancellations in between. The clock is driven by hand (tick with `now`)."""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlmodel import col

from bot.core import outbox
from bot.core.runtime import Core
from bot.events.reminders import DAY, fire_due_reminders
from bot.scheduler import tasks as jobs
from storage import events as store
from storage.db import Database
from storage.models import Delivery, DeliveryStatus, ReminderStatus
from tests.conftest import FrozenClock
from tests.events.util import (
    AREA_CHANNEL,
    NOW,
    add_event,
    area_id,
    arrange_evaluation,
    client_for,
    delivery_rows,
    join_with_contact,
    local,
    posted_delivery_ids,
    quiet_seed,
    reminder_rows,
    set_channels,
)
from tests.fake_slack import FakeSlack


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def tick(core: Core, now: datetime) -> None:
    jobs.tick(core, client_for(core), now=now)


def test_evaluation_reminders_go_once_to_the_area_channel_and_each_party_contact(
    core: Core, fake_slack: FakeSlack
) -> None:
    event_id = arrange_evaluation(core)
    dues = [(r.offset_minutes, r.due_at) for r in reminder_rows(core, event_id)]
    assert dues == [(7 * DAY, utc(2026, 12, 23, 8, 0)), (DAY, utc(2026, 12, 30, 8, 0))]

    tick(core, utc(2026, 12, 23, 7, 59))
    assert fake_slack.calls("chat.postMessage") == []
    tick(core, utc(2026, 12, 23, 8, 0))
    calls = fake_slack.wait_for("chat.postMessage", 3)
    assert sorted(c.params["channel"] for c in calls) == [AREA_CHANNEL, "UKOPING01", "USALA0001"]
    channel_post = next(c for c in calls if c.params["channel"] == AREA_CHANNEL)
    assert "Gemensam genomlysning" in channel_post.params["text"]
    dm = next(c for c in calls if c.params["channel"] == "USALA0001")
    assert "Sala kommun" in str(dm.blocks)
    assert all(c.metadata["event_type"] == outbox.METADATA_EVENT_TYPE for c in calls)
    # ticking again, or in a restarted process, sends nothing more
    tick(core, utc(2026, 12, 23, 8, 1))
    restarted = Core(settings=core.settings, db=Database(core.settings.database_url))
    try:
        tick(restarted, utc(2026, 12, 23, 8, 2))
    finally:
        restarted.db.dispose()
    ids = posted_delivery_ids(fake_slack)
    assert len(ids) == 3 and len(set(ids)) == 3
    rows = delivery_rows(core)
    assert {r.status for r in rows} == {DeliveryStatus.sent}
    assert all(r.ts and not r.late for r in rows)
    tick(core, utc(2026, 12, 30, 8, 0))
    assert len(posted_delivery_ids(fake_slack)) == 6


def test_forum_reminders_carry_rsvp_buttons_and_one_hour_before(
    core: Core, fake_slack: FakeSlack
) -> None:
    quiet_seed(core)
    set_channels(core)
    event_id = add_event(
        core,
        now=NOW,
        title="Nätverksforum",
        kind="forum",
        starts_at=local(2026, 12, 8, 13, 0),
        area_id=area_id(core),
        location="Västerås, Stadshuset",
    )
    offsets = [r.offset_minutes for r in reminder_rows(core, event_id)]
    assert offsets == [7 * DAY, DAY, 60]
    tick(core, local(2026, 12, 8, 12, 0))  # bot was down: only the closest reminder goes out
    [call] = fake_slack.wait_for("chat.postMessage")
    action_ids = [
        e["action_id"] for b in call.blocks if b["type"] == "actions" for e in b["elements"]
    ]
    assert action_ids == ["event_rsvp_yes", "event_rsvp_no"]
    statuses = {r.offset_minutes: r.status for r in reminder_rows(core, event_id)}
    assert statuses == {
        7 * DAY: ReminderStatus.skipped,
        DAY: ReminderStatus.skipped,
        60: ReminderStatus.fired,
    }


def test_reminder_missed_while_down_goes_late_or_is_skipped(
    core: Core, fake_slack: FakeSlack
) -> None:
    quiet_seed(core)
    set_channels(core)
    event_id = add_event(
        core,
        now=NOW,
        title="Rådsmöte",
        kind="council",
        starts_at=local(2026, 12, 10, 13, 0),
    )
    # down from before the 7-day reminder (3 Dec) until the morning of 9 Dec, 10:00
    tick(core, local(2026, 12, 9, 10, 0))
    [call] = fake_slack.wait_for("chat.postMessage")
    assert call.params["channel"] == "C0NETWORK"
    assert "skickas sent" in str(call.blocks)
    rows = {r.offset_minutes: r for r in reminder_rows(core, event_id)}
    assert rows[7 * DAY].status == ReminderStatus.skipped
    assert rows[DAY].status == ReminderStatus.fired and rows[DAY].late
    assert [d.late for d in delivery_rows(core)] == [True]
    # down again over the meeting: the one-hour reminder is no longer useful
    tick(core, local(2026, 12, 10, 13, 30))
    assert rows[60].id is not None
    assert {r.offset_minutes: r.status for r in reminder_rows(core, event_id)}[60] == (
        ReminderStatus.skipped
    )
    assert len(fake_slack.calls("chat.postMessage")) == 1
    with core.db.session() as session:
        skipped = store.skipped_reminders(session=session, network_id=1)
    assert len(skipped) == 2


def test_crash_mid_send_never_double_posts(core: Core, fake_slack: FakeSlack) -> None:
    arrange_evaluation(core)
    due = utc(2026, 12, 23, 8, 0)
    with core.db.session() as session:
        fire_due_reminders(core, None, due)  # reminders fired, messages in the outbox
    rows = delivery_rows(core)
    assert len(rows) == 3
    reached, lost = rows[0], rows[1]
    # a worker claimed both and died: one message had reached Slack, the other had not
    client = client_for(core)
    posted = client.chat_postMessage(
        channel=reached.recipient,
        text="x",
        metadata={
            "event_type": outbox.METADATA_EVENT_TYPE,
            "event_payload": {"delivery_id": reached.id},
        },
    )
    with core.db.session() as session:
        session.exec(
            update(Delivery)
            .where(col(Delivery.id).in_([reached.id, lost.id]))
            .values(
                status=DeliveryStatus.sending,
                claimed_by="dead-worker",
                claimed_until=due + timedelta(minutes=1),
                attempts=1,
            )
        )
    fake_slack.clear()
    # while the lease runs, nobody touches them
    report = outbox.send_due(core, client, due + timedelta(seconds=30))
    assert report.sent == 1  # only the third, unclaimed one
    report = outbox.send_due(core, client, due + timedelta(minutes=2))
    assert (report.recovered, report.sent) == (1, 1)
    ids = posted_delivery_ids(fake_slack)
    assert reached.id not in ids and ids.count(lost.id) == 1
    final = {r.id: r for r in delivery_rows(core)}
    assert final[reached.id].status == DeliveryStatus.sent
    assert final[reached.id].ts == posted["ts"]
    assert all(r.status == DeliveryStatus.sent for r in final.values())


def test_rate_limits_and_server_errors_are_retried_without_double_posts(
    core: Core, fake_slack: FakeSlack
) -> None:
    arrange_evaluation(core)
    due = utc(2026, 12, 23, 8, 0)
    # 429 beyond slack_sdk's own retries for the channel, a 500 storm for one DM
    fake_slack.fail(
        "chat.postMessage",
        times=4,
        retry_after=0,
        when=lambda p: p.get("channel") == AREA_CHANNEL,
    )
    fake_slack.fail(
        "chat.postMessage", status=500, times=3, when=lambda p: p.get("channel") == "USALA0001"
    )
    tick(core, due)
    rows = {r.recipient: r for r in delivery_rows(core)}
    assert rows["UKOPING01"].status == DeliveryStatus.sent  # the others are not held up
    assert rows[AREA_CHANNEL].status == DeliveryStatus.pending
    assert rows[AREA_CHANNEL].not_before > due
    assert rows["USALA0001"].status == DeliveryStatus.sending  # may have reached Slack
    tick(core, due + timedelta(minutes=5))
    assert {r.status for r in delivery_rows(core)} == {DeliveryStatus.sent}
    ids = posted_delivery_ids(fake_slack)
    assert len(ids) == 3 and len(set(ids)) == 3
    # the 500 case checked the history before posting again
    assert fake_slack.calls("conversations.history")


def test_permanent_errors_are_recorded_and_do_not_block_others(
    core: Core, fake_slack: FakeSlack
) -> None:
    arrange_evaluation(core)
    fake_slack.channels[AREA_CHANNEL] = {"is_archived": True}
    fake_slack.fail_forever(
        "chat.postMessage", error="user_disabled", when=lambda p: p.get("channel") == "USALA0001"
    )
    tick(core, utc(2026, 12, 23, 8, 0))
    rows = {r.recipient: r for r in delivery_rows(core)}
    assert rows[AREA_CHANNEL].status == DeliveryStatus.failed
    assert rows[AREA_CHANNEL].error == "is_archived"
    assert rows["USALA0001"].status == DeliveryStatus.failed
    assert rows["UKOPING01"].status == DeliveryStatus.sent
    tick(core, utc(2026, 12, 23, 9, 0))
    assert len(fake_slack.calls("chat.postMessage")) == 3  # failed ones are not retried
    with core.db.session() as session:
        failed = store.problem_deliveries(session=session, network_id=1)
    assert {d.error for d in failed} == {"is_archived", "user_disabled"}


def test_moved_event_reminders_follow_and_cancelled_event_sends_nothing(
    core: Core, fake_slack: FakeSlack, clock: FrozenClock
) -> None:
    quiet_seed(core)
    set_channels(core)
    moved = add_event(
        core, now=NOW, title="Forum A", kind="forum", starts_at=local(2026, 12, 8, 13, 0)
    )
    cancelled = add_event(
        core, now=NOW, title="Forum B", kind="forum", starts_at=local(2026, 12, 8, 15, 0)
    )
    from bot.events.reminders import plan_event

    with core.db.session() as session:
        event = store.get_event(session=session, network_id=1, event_id=moved)
        assert event is not None
        store.update_event(
            session=session,
            event=event,
            actor="test",
            now=NOW,
            starts_at=local(2026, 12, 15, 13, 0),
        )
        plan_event(session, event, now=NOW)
        other = store.get_event(session=session, network_id=1, event_id=cancelled)
        assert other is not None
        store.cancel_event(session=session, event=other, actor="test", now=NOW)
    assert {r.status for r in reminder_rows(core, cancelled)} == {ReminderStatus.cancelled}
    pending = [r for r in reminder_rows(core, moved) if r.status == ReminderStatus.pending]
    assert [r.due_at for r in pending] == [
        local(2026, 12, 8, 9, 0),
        local(2026, 12, 14, 9, 0),
        local(2026, 12, 15, 12, 0),
    ]
    # the old times pass silently
    tick(core, local(2026, 12, 1, 9, 0))
    tick(core, local(2026, 12, 7, 9, 0))
    assert posted_delivery_ids(fake_slack) == []
    tick(core, local(2026, 12, 8, 9, 0) + timedelta(minutes=1))
    [call] = fake_slack.wait_for("chat.postMessage")
    assert "Forum A" in call.params["text"]
    # moving it back revives the cancelled reminders
    with core.db.session() as session:
        event = store.get_event(session=session, network_id=1, event_id=moved)
        assert event is not None
        store.update_event(
            session=session,
            event=event,
            actor="test",
            now=local(2026, 12, 8, 10, 0),
            starts_at=local(2026, 12, 8, 13, 0),
        )
        plan_event(session, event, now=local(2026, 12, 8, 10, 0))
    tick(core, local(2026, 12, 8, 12, 0))
    assert len(fake_slack.wait_for("chat.postMessage", 2)) == 2


def test_cancel_between_firing_and_sending_stops_the_messages(
    core: Core, fake_slack: FakeSlack
) -> None:
    event_id = arrange_evaluation(core)
    due = utc(2026, 12, 23, 8, 0)
    fire_due_reminders(core, None, due)
    assert {d.status for d in delivery_rows(core)} == {DeliveryStatus.pending}
    with core.db.session() as session:
        event = store.get_event(session=session, network_id=1, event_id=event_id)
        assert event is not None
        store.cancel_event(session=session, event=event, actor="test", now=due)
    tick(core, due + timedelta(minutes=1))
    assert fake_slack.calls("chat.postMessage") == []
    assert {d.status for d in delivery_rows(core)} == {DeliveryStatus.cancelled}


def test_recurring_event_reminders_extend_with_the_horizon(
    core: Core, fake_slack: FakeSlack
) -> None:
    quiet_seed(core)
    set_channels(core)
    event_id = add_event(
        core,
        now=NOW,
        title="Månadsmöte",
        kind="meeting",
        starts_at=local(2026, 12, 1, 13, 0),
        recurrence="FREQ=MONTHLY;BYDAY=1TU",
        reminder_offsets=[60],
    )
    starts = sorted({r.occurrence_start for r in reminder_rows(core, event_id)})
    assert starts[0] == local(2026, 12, 1, 13, 0)
    assert starts[-1] < NOW + timedelta(days=121)
    tick(core, NOW + timedelta(days=100))
    later = sorted({r.occurrence_start for r in reminder_rows(core, event_id)})
    assert later[-1] > starts[-1]
    assert local(2027, 4, 6, 13, 0) in later  # first Tuesday of April, 13:00 CEST


def test_posts_to_one_channel_keep_one_per_second(core: Core, fake_slack: FakeSlack) -> None:
    quiet_seed(core)
    set_channels(core)
    for hour in (13, 14, 15):
        add_event(
            core,
            now=NOW,
            title=f"Forum {hour}",
            kind="forum",
            starts_at=local(2026, 12, 8, hour, 0),
            reminder_offsets=[60 * 24 * 7],
        )
    tick(core, local(2026, 12, 1, 9, 0))
    fake_slack.wait_for("chat.postMessage", 3)
    assert fake_slack.max_rate_per_channel() == {"C0NETWORK": 1}


def test_the_seeded_network_evaluation_reminds_the_network_channel_and_every_party(
    core: Core, fake_slack: FakeSlack
) -> None:
    set_channels(core)
    join_with_contact(core, "sala", "USALA0001")
    tick(core, NOW)  # plans the imported milestones
    tick(core, utc(2026, 12, 23, 8, 0))  # Julafton moved the week reminder to the 23rd
    calls = fake_slack.wait_for("chat.postMessage", 2)
    assert sorted(c.params["channel"] for c in calls) == ["C0NETWORK", "USALA0001"]
    assert "Gemensam genomlysning av samarbetet" in calls[0].params["text"]


def test_connection_errors_are_retried_after_checking_slack(
    core: Core, fake_slack: FakeSlack
) -> None:
    from slack_sdk import WebClient

    arrange_evaluation(core)
    due = utc(2026, 12, 23, 8, 0)
    # nothing listens there (slack_sdk's own connection retries left out to keep this fast)
    unreachable = WebClient(
        token="xoxb-test", base_url="http://127.0.0.1:9/api/", retry_handlers=[]
    )
    jobs.tick(core, unreachable, now=due)
    rows = delivery_rows(core)
    assert {r.status for r in rows} == {DeliveryStatus.sending}  # unknown: maybe in Slack
    assert all(r.claimed_by is None and r.claimed_until > due for r in rows)
    tick(core, due + timedelta(minutes=5))
    assert {r.status for r in delivery_rows(core)} == {DeliveryStatus.sent}
    assert len(posted_delivery_ids(fake_slack)) == 3


def test_a_server_error_is_checked_and_posted_again_within_seconds(
    core: Core, fake_slack: FakeSlack
) -> None:
    """Issue 18: a 5xx used to hold the message (and its channel) for a minute; now the outbox
    looks in the history after a short jittered pause and posts again in the same tick."""
    arrange_evaluation(core)
    due = utc(2026, 12, 23, 8, 0)
    fake_slack.fail(
        "chat.postMessage", status=502, times=1, when=lambda p: p.get("channel") == AREA_CHANNEL
    )
    fake_slack.fail(
        "chat.postMessage", status=503, times=1, when=lambda p: p.get("channel") == "USALA0001"
    )
    started = time.monotonic()
    tick(core, due)
    took = time.monotonic() - started
    assert {r.status for r in delivery_rows(core)} == {DeliveryStatus.sent}
    assert took < 10  # two pauses of 0.5-1.5 s and the pacing, not a lease of a minute
    ids = posted_delivery_ids(fake_slack)
    assert len(ids) == 3 and len(set(ids)) == 3
    # each 5xx was followed by a look at the history before the post went again (slack_sdk
    # itself does not post again blindly: one faulted call per message)
    calls = [
        c for c in fake_slack.calls() if c.method in ("chat.postMessage", "conversations.history")
    ]
    for channel in (AREA_CHANNEL, "USALA0001"):
        faulted = [
            i
            for i, c in enumerate(calls)
            if c.method == "chat.postMessage" and c.params.get("channel") == channel
        ]
        assert calls[faulted[0]].status >= 500 and calls[faulted[1]].ok
        between = [c.method for c in calls[faulted[0] + 1 : faulted[1]]]
        assert "conversations.history" in between


def test_a_server_error_after_slack_stored_the_message_posts_nothing_twice(
    core: Core, fake_slack: FakeSlack
) -> None:
    arrange_evaluation(core)
    due = utc(2026, 12, 23, 8, 0)
    answered: list[str] = []

    def stored_then_failed(params: dict) -> dict:
        message = fake_slack._chat_post_message(params)
        if params.get("channel") == AREA_CHANNEL and not answered:
            answered.append(message["ts"])
            return {"ok": False, "error": "internal_error"}
        return message

    fake_slack.set_response("chat.postMessage", stored_then_failed)
    tick(core, due)
    rows = {r.recipient: r for r in delivery_rows(core)}
    assert {r.status for r in rows.values()} == {DeliveryStatus.sent}
    assert len(fake_slack.messages(AREA_CHANNEL)) == 1
    assert rows[AREA_CHANNEL].ts == answered[0]  # found in the history, recorded


def test_a_server_error_that_persists_waits_seconds_not_minutes(
    core: Core, fake_slack: FakeSlack
) -> None:
    arrange_evaluation(core)
    due = utc(2026, 12, 23, 8, 0)
    fake_slack.fail_forever(
        "chat.postMessage", status=500, when=lambda p: p.get("channel") == AREA_CHANNEL
    )
    tick(core, due)
    row = next(r for r in delivery_rows(core) if r.recipient == AREA_CHANNEL)
    assert row.status == DeliveryStatus.sending  # may have reached Slack: checked first
    assert timedelta(seconds=5) <= row.claimed_until - due <= timedelta(seconds=6)
    fake_slack.reset_faults()
    tick(core, due + timedelta(seconds=10))
    assert {r.status for r in delivery_rows(core)} == {DeliveryStatus.sent}
    assert len(fake_slack.messages(AREA_CHANNEL)) == 1


def test_rate_limits_keep_honouring_retry_after(core: Core, fake_slack: FakeSlack) -> None:
    arrange_evaluation(core)
    due = utc(2026, 12, 23, 8, 0)
    # once: slack_sdk waits what Retry-After says, then posts again
    fake_slack.fail(
        "chat.postMessage", times=1, retry_after=1, when=lambda p: p.get("channel") == AREA_CHANNEL
    )
    tick(core, due)
    posts = [c for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == AREA_CHANNEL]
    assert [c.status for c in posts] == [429, 200]
    assert posts[1].at - posts[0].at >= 1.0
    assert {r.status for r in delivery_rows(core)} == {DeliveryStatus.sent}


def test_rate_limits_beyond_slack_sdk_wait_for_retry_after(
    core: Core, fake_slack: FakeSlack
) -> None:
    arrange_evaluation(core)
    due = utc(2026, 12, 23, 8, 0)
    fake_slack.fail_forever(
        "chat.postMessage", retry_after=2, when=lambda p: p.get("channel") == AREA_CHANNEL
    )
    tick(core, due)
    posts = [c for c in fake_slack.calls("chat.postMessage") if c.params["channel"] == AREA_CHANNEL]
    assert [c.status for c in posts] == [429] * 4  # the first and slack_sdk's three retries
    assert all(b.at - a.at >= 2.0 for a, b in itertools.pairwise(posts))
    row = next(r for r in delivery_rows(core) if r.recipient == AREA_CHANNEL)
    assert row.status == DeliveryStatus.pending  # a 429 never reached Slack: no history check
    assert row.not_before == due + timedelta(seconds=2)  # what Retry-After said
    assert not fake_slack.calls("conversations.history")
    fake_slack.reset_faults()
    tick(core, due + timedelta(seconds=2))
    assert {r.status for r in delivery_rows(core)} == {DeliveryStatus.sent}


def test_the_web_client_retries_any_server_error_for_calls_that_may_repeat(
    core: Core, fake_slack: FakeSlack
) -> None:
    fake_slack.fail("conversations.history", status=502, times=1)
    fake_slack.fail("conversations.history", status=504, times=1)
    answer = client_for(core).conversations_history(channel=AREA_CHANNEL)
    assert answer["ok"]
    assert [c.status for c in fake_slack.calls("conversations.history")] == [502, 504, 200]
