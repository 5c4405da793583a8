"""What will fire, and when: the planned reminders as data (`bot.events.upcoming`), built
from what the planner stored, or by the same rule before it has run."""

from __future__ import annotations

from datetime import date

from bot.core.runtime import Core
from bot.events import reminders
from bot.events.upcoming import PlannedReminder, planned_lines, planned_reminders, with_planned
from storage.models import Event
from tests.events.util import (
    AREA_CHANNEL,
    NETWORK_CHANNEL,
    NOW,
    STOCKHOLM,
    add_event,
    area_id,
    join_with_contact,
    local,
    quiet_seed,
    set_channels,
)


def test_the_lines_say_when_where_and_which_holiday_moved_it() -> None:
    items = [
        PlannedReminder(local(2026, 12, 23, 9, 0), "C1", 3, moved_from=date(2026, 12, 24)),
        PlannedReminder(local(2026, 12, 30, 9, 0), None, 1),
        PlannedReminder(local(2026, 12, 4, 9, 0), "C1", 0, moved_from=date(2026, 12, 6)),
        PlannedReminder(local(2026, 12, 4, 9, 0), None, 0),
    ]
    assert planned_lines("sv", items, STOCKHOLM) == [
        "⏰ onsdag 23 december 2026 kl. 09:00 → <#C1> och DM till 3 kontakter"
        " (flyttad från torsdag 24 december 2026: Julafton)",
        "⏰ onsdag 30 december 2026 kl. 09:00 → DM till 1 kontakt",
        "⏰ fredag 4 december 2026 kl. 09:00 → <#C1> (flyttad från söndag 6 december 2026: helg)",
        "⏰ fredag 4 december 2026 kl. 09:00 → ingen kanal och inga kontakter: inget skickas",
    ]
    assert planned_lines("en", items[:3], STOCKHOLM) == [
        "⏰ Wednesday 23 December 2026 at 09:00 → <#C1> and DMs to 3 contacts"
        " (moved from Thursday 24 December 2026: Christmas Eve)",
        "⏰ Wednesday 30 December 2026 at 09:00 → a DM to 1 contact",
        "⏰ Friday 4 December 2026 at 09:00 → <#C1> (moved from Sunday 6 December 2026: weekend)",
    ]
    assert planned_lines("sv", items[:1], STOCKHOLM, mrkdwn=False)[0].count("→ #C1 och") == 1
    assert planned_lines("sv", [], STOCKHOLM) == ["⏰ inga påminnelser planerade"]
    assert planned_lines("en", [], STOCKHOLM) == ["⏰ no reminders planned"]
    assert with_planned("sv", "• *Forum*", items[1:2], STOCKHOLM) == (
        "• *Forum*\n      ⏰ onsdag 30 december 2026 kl. 09:00 → DM till 1 kontakt"
    )


def test_moved_from_names_the_day_the_rule_moved_it_from() -> None:
    new_year_eve = local(2026, 12, 31, 0, 0)
    assert reminders.moved_from(new_year_eve, 7 * reminders.DAY, STOCKHOLM) == date(2026, 12, 24)
    assert reminders.moved_from(new_year_eve, reminders.DAY, STOCKHOLM) is None
    assert reminders.moved_from(new_year_eve, 60, STOCKHOLM) is None  # minutes never move
    assert reminders.holiday_name(date(2026, 12, 24), "sv") == "Julafton"
    assert reminders.holiday_name(date(2026, 6, 19), "en") == "Midsummer Eve"
    assert reminders.holiday_name(date(2026, 12, 22), "sv") is None


def test_planned_reminders_read_the_stored_rows_and_their_recipients(core: Core) -> None:
    quiet_seed(core)
    set_channels(core)
    join_with_contact(core, "sala", "USALA0001")
    join_with_contact(core, "koping", "UKOPING01")
    evaluation = add_event(
        core,
        now=NOW,
        title="Gemensam genomlysning",
        kind="evaluation",
        starts_at=local(2026, 12, 31, 0, 0),
        all_day=True,
        area_id=area_id(core),
    )
    meeting = add_event(
        core,
        now=NOW,
        title="Nätverksmöte",
        kind="meeting",
        starts_at=local(2026, 12, 8, 13, 0),
        reminder_offsets=[7 * reminders.DAY, 60],
    )
    with core.db.session() as session:
        pairs = [
            (e.starts_at, e) for e in (session.get(Event, evaluation), session.get(Event, meeting))
        ]
        planned = planned_reminders(session, pairs, now=NOW)  # type: ignore[arg-type]
    assert planned[evaluation] == [
        PlannedReminder(local(2026, 12, 23, 9, 0), AREA_CHANNEL, 2, date(2026, 12, 24)),
        PlannedReminder(local(2026, 12, 30, 9, 0), AREA_CHANNEL, 2, None),
    ]
    assert planned[meeting] == [
        PlannedReminder(local(2026, 12, 1, 9, 0), NETWORK_CHANNEL, 0, None),
        PlannedReminder(local(2026, 12, 8, 12, 0), NETWORK_CHANNEL, 0, None),
    ]
    # once the first has fired, only the second is still to come
    with core.db.session() as session:
        pairs = [(session.get(Event, meeting).starts_at, session.get(Event, meeting))]  # type: ignore[union-attr]
        later = planned_reminders(session, pairs, now=local(2026, 12, 2, 9, 0))  # type: ignore[arg-type]
    assert [p.due_at for p in later[meeting]] == [local(2026, 12, 8, 12, 0)]


def test_an_event_not_planned_yet_shows_what_the_planner_will_store(core: Core) -> None:
    from storage import events as store

    quiet_seed(core)
    set_channels(core)
    with core.db.session() as session:
        event = store.create_event(
            session=session,
            network_id=core.network(session).id,  # type: ignore[arg-type]
            actor="test",
            title="Importerad deadline",
            kind="deadline",
            starts_at=local(2026, 12, 28, 0, 0),
            all_day=True,
        )
        assert event.planned_until is None
        planned = planned_reminders(session, [(event.starts_at, event)], now=NOW)
    assert [(p.due_at, p.moved_from) for p in planned[event.id]] == [  # type: ignore[index]
        (local(2026, 12, 21, 9, 0), None),
        (local(2026, 12, 23, 9, 0), date(2026, 12, 27)),  # Sunday, then three holidays
    ]
