"""The planning tick visits only events that need planning: never planned (imported, seeded,
changed without planning) and recurring ones whose horizon runs short; one-off events are
planned once, for good, when they are created or changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.runtime import Core
from bot.events import reminders
from bot.scheduler import tasks as jobs
from storage import events as store
from storage import networkfile
from storage.models import Event, ReminderStatus
from tests.events.util import add_event, client_for, get_event, quiet_seed, reminder_rows

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM).astimezone(UTC)


def plan(core: Core, now: datetime) -> int:
    return reminders.plan_reminders(core, None, now)


def test_created_events_are_planned_at_once_and_the_tick_leaves_them_alone(core: Core) -> None:
    quiet_seed(core)
    assert plan(core, NOW) == 0  # the seeded events are cancelled: nothing to plan
    far = add_event(  # a one-off event beyond the recurring horizon: all its reminders now
        core, now=NOW, title="Rådsmöte", kind="council", starts_at=local(2027, 9, 14, 13, 0)
    )
    assert get_event(core, far).planned_until == reminders.PLANNED_FOR_GOOD
    assert [r.due_at for r in reminder_rows(core, far)] == [
        local(2027, 9, 7, 9, 0),
        local(2027, 9, 13, 9, 0),
        local(2027, 9, 14, 12, 0),
    ]
    monthly = add_event(
        core,
        now=NOW,
        title="Månadsmöte",
        kind="meeting",
        starts_at=local(2026, 12, 1, 13, 0),
        recurrence="FREQ=MONTHLY;BYDAY=1TU",
        reminder_offsets=[60],
    )
    assert get_event(core, monthly).planned_until == NOW + reminders.HORIZON
    assert plan(core, NOW) == 0
    assert plan(core, NOW + timedelta(hours=12)) == 0  # the horizon is still long enough
    # two days later the recurring event (only) is extended, once
    later = NOW + timedelta(days=2)
    assert plan(core, later) == 1
    assert plan(core, later + timedelta(seconds=10)) == 0
    assert get_event(core, monthly).planned_until == later + reminders.HORIZON
    assert get_event(core, far).planned_until == reminders.PLANNED_FOR_GOOD


def test_events_stored_without_planning_are_planned_by_the_tick_soonest_first(
    core: Core,
) -> None:
    quiet_seed(core)
    with core.db.session() as session:
        ids = [
            store.create_event(
                session=session,
                network_id=1,
                actor="import",
                title=f"Forum {day}",
                kind="forum",
                starts_at=local(2027, 1, day, 13, 0),
            ).id
            for day in (20, 12)
        ]
    assert [get_event(core, i).planned_until for i in ids] == [None, None]
    with core.db.session() as session:  # the soonest first
        assert store.needing_planning(session=session, extend_before=NOW, limit=1) == [ids[1]]
    jobs.tick(core, client_for(core), now=NOW)
    for event_id in ids:
        assert get_event(core, event_id).planned_until == reminders.PLANNED_FOR_GOOD
        assert {r.status for r in reminder_rows(core, event_id)} == {ReminderStatus.pending}
    assert plan(core, NOW + timedelta(seconds=10)) == 0


def test_an_edit_without_planning_is_caught_by_the_tick(core: Core) -> None:
    quiet_seed(core)
    event_id = add_event(
        core, now=NOW, title="Forum", kind="forum", starts_at=local(2026, 12, 8, 13, 0)
    )
    with core.db.session() as session:
        event = store.get_event(session=session, network_id=1, event_id=event_id)
        assert event is not None
        store.update_event(
            session=session,
            event=event,
            actor="test",
            now=NOW,
            starts_at=local(2026, 12, 15, 13, 0),
        )
    assert get_event(core, event_id).planned_until is None
    assert plan(core, NOW) == 1
    pending = [r for r in reminder_rows(core, event_id) if r.status == ReminderStatus.pending]
    assert [r.occurrence_start for r in pending] == [local(2026, 12, 15, 13, 0)] * 3


def test_imported_events_are_planned_and_a_changed_one_is_planned_again(core: Core) -> None:
    quiet_seed(core)
    text = """
format = 1
[network]
slug = "vastmanland"
name = "Skolsamverkan Västmanland"
[[events]]
kind = "forum"
title = "Importerat forum"
start = 2027-02-09T13:00:00
reminders = [1440]
"""
    with core.db.session() as session:
        networkfile.import_network(networkfile.parse(text), session=session, actor="import")
    with core.db.session() as session:
        [event] = [e for e in store.events(session=session) if e.title == "Importerat forum"]
    assert event.planned_until is None
    assert plan(core, NOW) == 1
    assert [r.due_at for r in reminder_rows(core, event.id)] == [local(2027, 2, 8, 9, 0)]  # type: ignore[arg-type]
    # importing the same file again changes nothing and plans nothing
    with core.db.session() as session:
        networkfile.import_network(networkfile.parse(text), session=session, actor="import")
    assert plan(core, NOW) == 0
    # a changed offset: the tick re-plans it
    with core.db.session() as session:
        networkfile.import_network(
            networkfile.parse(text.replace("[1440]", "[60]")), session=session, actor="import"
        )
    assert get_event(core, event.id).planned_until is None  # type: ignore[arg-type]
    assert plan(core, NOW) == 1
    pending = [
        r.due_at
        for r in reminder_rows(core, event.id)  # type: ignore[arg-type]
        if r.status == ReminderStatus.pending
    ]
    assert pending == [local(2027, 2, 9, 12, 0)]


def test_one_tick_plans_a_bounded_number_of_events(core: Core) -> None:
    quiet_seed(core)
    count = reminders.PLAN_BATCH + 5
    with core.db.session() as session:
        session.add_all(
            Event(
                network_id=1,
                title=f"Importerat {n}",
                kind="deadline",
                all_day=True,
                starts_at=NOW + timedelta(days=30 + n % 60),
                reminder_offsets=[],
            )
            for n in range(count)
        )
    assert plan(core, NOW) == reminders.PLAN_BATCH
    assert plan(core, NOW + timedelta(seconds=10)) == 5
    assert plan(core, NOW + timedelta(seconds=20)) == 0
