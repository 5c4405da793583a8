"""When reminders are due: local 09:00, working days, Swedish holidays, DST, recurrence rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.events.recurrence import RecurrenceError, describe, occurrences, parse_recurrence
from bot.events.reminders import DAY, default_offsets, due_time, is_working_day
from storage.models import Event

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM).astimezone(UTC)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_evaluation_due_new_years_eve_moves_its_week_reminder_off_christmas_eve() -> None:
    start = local(2026, 12, 31, 0, 0)  # all-day: local midnight
    # 7 days before is Julafton (Thursday 24 December) -> Wednesday 23 December, 09:00 CET
    assert due_time(start, 7 * DAY, STOCKHOLM) == utc(2026, 12, 23, 8, 0)
    assert due_time(start, DAY, STOCKHOLM) == utc(2026, 12, 30, 8, 0)


def test_holidays_weekends_and_eves_are_not_working_days() -> None:
    for day in (
        date(2026, 12, 24),  # Julafton
        date(2026, 12, 31),  # Nyårsafton
        date(2026, 6, 19),  # Midsommarafton
        date(2027, 3, 26),  # Långfredag
        date(2027, 3, 29),  # Annandag påsk
        date(2026, 11, 29),  # a Sunday
        date(2026, 11, 28),  # a Saturday
    ):
        assert not is_working_day(day), day
    assert is_working_day(date(2026, 12, 23))


def test_dst_end_does_not_shift_local_times() -> None:
    # Sunday 25 October 2026 the clocks go back; the meeting is Monday 26 October 13:00 CET
    start = local(2026, 10, 26, 13, 0)
    assert start == utc(2026, 10, 26, 12, 0)
    assert due_time(start, 60, STOCKHOLM) == utc(2026, 10, 26, 11, 0)  # 12:00 CET
    # one day before is a Sunday -> Friday 23 October 09:00 CEST (07:00 UTC)
    assert due_time(start, DAY, STOCKHOLM) == utc(2026, 10, 23, 7, 0)
    assert due_time(start, 7 * DAY, STOCKHOLM) == utc(2026, 10, 19, 7, 0)


def test_dst_start_and_easter_move_the_day_before_reminder_back_to_thursday() -> None:
    # clocks go forward Sunday 28 March 2027; Tuesday 30 March 10:00 CEST
    start = local(2027, 3, 30, 10, 0)
    assert start == utc(2027, 3, 30, 8, 0)
    assert due_time(start, 60, STOCKHOLM) == utc(2027, 3, 30, 7, 0)
    # Mon 29 Easter Monday, Sun, Sat, Fri 26 Good Friday -> Thursday 25 March 09:00 CET
    assert due_time(start, DAY, STOCKHOLM) == utc(2027, 3, 25, 8, 0)
    # minute offsets are wall-clock: 90 min before 10:00 is 08:30 local, whatever the offset
    assert due_time(start, 90, STOCKHOLM) == utc(2027, 3, 30, 6, 30)


def test_default_offsets_one_hour_only_for_timed_meetings() -> None:
    forum = Event(network_id=1, title="f", kind="forum", starts_at=utc(2026, 12, 1, 12))
    deadline = Event(
        network_id=1, title="d", kind="deadline", starts_at=utc(2026, 12, 1), all_day=True
    )
    assert default_offsets(forum) == [7 * DAY, DAY, 60]
    assert default_offsets(deadline) == [7 * DAY, DAY]


@pytest.mark.parametrize(
    ("text", "rule", "at"),
    [
        ("första tisdagen varje månad 13:00", "FREQ=MONTHLY;BYDAY=1TU", time(13, 0)),
        ("first Tuesday each month at 13:00", "FREQ=MONTHLY;BYDAY=1TU", time(13, 0)),
        ("sista torsdagen i månaden kl 9", "FREQ=MONTHLY;BYDAY=-1TH", time(9, 0)),
        ("varje kvartal", "FREQ=MONTHLY;INTERVAL=3", None),
        ("every quarter", "FREQ=MONTHLY;INTERVAL=3", None),
        ("varannan vecka", "FREQ=WEEKLY;INTERVAL=2", None),
        ("varje onsdag", "FREQ=WEEKLY;BYDAY=WE", None),
        ("varje månad", "FREQ=MONTHLY", None),
        ("RRULE:FREQ=MONTHLY;BYDAY=2WE", "FREQ=MONTHLY;BYDAY=2WE", None),
    ],
)
def test_friendly_recurrence_phrases(text: str, rule: str, at: time | None) -> None:
    parsed = parse_recurrence(text)
    assert parsed.rule == rule
    assert parsed.at == at


@pytest.mark.parametrize("text", ["", "ibland", "FREQ=SOMETIMES", "varje tisdag varje månad"])
def test_unknown_recurrence_is_refused(text: str) -> None:
    with pytest.raises(RecurrenceError):
        parse_recurrence(text)


def test_monthly_occurrences_keep_local_time_across_dst() -> None:
    rule = parse_recurrence("första tisdagen varje månad").rule
    starts = list(
        occurrences(
            rule,
            local(2026, 10, 6, 13, 0),
            STOCKHOLM,
            after=utc(2026, 10, 1),
            before=utc(2027, 1, 1),
        )
    )
    assert starts == [
        utc(2026, 10, 6, 11, 0),  # 13:00 CEST
        utc(2026, 11, 3, 12, 0),  # 13:00 CET
        utc(2026, 12, 1, 12, 0),
    ]
    assert describe(rule, "sv") == "första tisdagen varje månad"
    assert describe(rule, "en") == "first Tuesday each month"
