"""Recurring events: friendly Swedish/English phrases to RFC 5545 RRULEs, and their occurrences.

`parse_recurrence("första tisdagen varje månad 13:00")` gives
`Recurrence(rule="FREQ=MONTHLY;BYDAY=1TU", at=time(13, 0))`; a raw `FREQ=...` rule is accepted
as written (validated by dateutil). Occurrences are computed in the event's local wall time
(`Europe/Stockholm`) and converted to UTC, so 13:00 stays 13:00 across daylight-saving changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from storage.text import fold

_WEEKDAYS = {
    "MO": ("mandag", "monday", "mondays"),
    "TU": ("tisdag", "tuesday", "tuesdays"),
    "WE": ("onsdag", "wednesday", "wednesdays"),
    "TH": ("torsdag", "thursday", "thursdays"),
    "FR": ("fredag", "friday", "fridays"),
    "SA": ("lordag", "saturday", "saturdays"),
    "SU": ("sondag", "sunday", "sundays"),
}
_ORDINALS = {
    1: ("forsta", "first", "1st", "1:a"),
    2: ("andra", "second", "2nd", "2:a"),
    3: ("tredje", "third", "3rd", "3:e"),
    4: ("fjarde", "fourth", "4th", "4:e"),
    -1: ("sista", "last"),
}
_PERIODS = [
    # (words that must all appear, RRULE); the first match wins, so longer phrases go first
    (("varannan", "vecka"), "FREQ=WEEKLY;INTERVAL=2"),
    (("every", "other", "week"), "FREQ=WEEKLY;INTERVAL=2"),
    (("fortnightly",), "FREQ=WEEKLY;INTERVAL=2"),
    (("varannan", "manad"), "FREQ=MONTHLY;INTERVAL=2"),
    (("every", "other", "month"), "FREQ=MONTHLY;INTERVAL=2"),
    (("kvartal",), "FREQ=MONTHLY;INTERVAL=3"),
    (("kvartalsvis",), "FREQ=MONTHLY;INTERVAL=3"),
    (("quarter",), "FREQ=MONTHLY;INTERVAL=3"),
    (("quarterly",), "FREQ=MONTHLY;INTERVAL=3"),
    (("manad",), "FREQ=MONTHLY"),
    (("manaden",), "FREQ=MONTHLY"),
    (("manadsvis",), "FREQ=MONTHLY"),
    (("month",), "FREQ=MONTHLY"),
    (("monthly",), "FREQ=MONTHLY"),
    (("vecka",), "FREQ=WEEKLY"),
    (("veckan",), "FREQ=WEEKLY"),
    (("veckovis",), "FREQ=WEEKLY"),
    (("week",), "FREQ=WEEKLY"),
    (("weekly",), "FREQ=WEEKLY"),
    (("ar",), "FREQ=YEARLY"),
    (("arligen",), "FREQ=YEARLY"),
    (("year",), "FREQ=YEARLY"),
    (("yearly",), "FREQ=YEARLY"),
    (("annually",), "FREQ=YEARLY"),
]
_TIME = re.compile(r"(?:kl\.?\s*|at\s+)?\b([01]?\d|2[0-3])[:.]([0-5]\d)\b")
_TIME_HOUR_ONLY = re.compile(r"\b(?:kl\.?|at)\s*([01]?\d|2[0-3])\b")
MAX_RULE_LENGTH = 300


class RecurrenceError(ValueError):
    """The text is not a recurrence this module understands."""


@dataclass(frozen=True)
class Recurrence:
    rule: str  # RFC 5545 RRULE without the "RRULE:" prefix
    at: time | None = None  # a time of day named in the phrase ("13:00"), if any


def parse_recurrence(text: str) -> Recurrence:
    """A friendly phrase ("första tisdagen varje månad 13:00", "every quarter") or a raw RRULE."""
    raw = text.strip()
    if not raw:
        raise RecurrenceError("empty")
    if raw.upper().startswith(("RRULE:", "FREQ=")):
        rule = raw.split(":", 1)[1] if raw.upper().startswith("RRULE:") else raw
        rule = rule.strip().upper()
        validate_rule(rule)
        return Recurrence(rule=rule)
    lowered = raw.lower()
    at: time | None = None
    match = _TIME.search(lowered)
    if match:
        at = time(int(match.group(1)), int(match.group(2)))
        lowered = lowered[: match.start()] + " " + lowered[match.end() :]
    else:
        hour = _TIME_HOUR_ONLY.search(lowered)
        if hour:
            at = time(int(hour.group(1)), 0)
            lowered = lowered[: hour.start()] + " " + lowered[hour.end() :]
    words = fold(lowered).split()
    weekday = _find_weekday(words)
    ordinal = _find_ordinal(words)
    rule = None
    for needed, candidate in _PERIODS:
        if all(w in words for w in needed):
            rule = candidate
            break
    if rule is None and weekday and any(w in words for w in ("varje", "every", "each")):
        rule = "FREQ=WEEKLY"
    if rule is None:
        raise RecurrenceError(text)
    if weekday:
        if rule.startswith("FREQ=WEEKLY"):
            rule += f";BYDAY={weekday}"
        elif rule.startswith("FREQ=MONTHLY") and ordinal is not None:
            rule += f";BYDAY={ordinal}{weekday}"
        elif rule.startswith("FREQ=MONTHLY"):
            raise RecurrenceError(text)  # "every Tuesday each month" is ambiguous
    validate_rule(rule)
    return Recurrence(rule=rule, at=at)


def _find_weekday(words: list[str]) -> str | None:
    for code, names in _WEEKDAYS.items():
        for word in words:
            stem = word.rstrip("s")
            if word in names or any(word.startswith(n) and len(word) <= len(n) + 3 for n in names):
                return code
            if stem in names:
                return code
    return None


def _find_ordinal(words: list[str]) -> int | None:
    for number, names in _ORDINALS.items():
        if any(w in names for w in words):
            return number
    return None


def validate_rule(rule: str) -> None:
    """Raise `RecurrenceError` unless dateutil understands `rule`."""
    if len(rule) > MAX_RULE_LENGTH or not rule.startswith("FREQ="):
        raise RecurrenceError(rule)
    try:
        rrulestr(rule, dtstart=datetime(2026, 1, 1))
    except (ValueError, TypeError) as exc:
        raise RecurrenceError(rule) from exc


def occurrences(
    rule: str | None,
    starts_at: datetime,
    tz: ZoneInfo,
    *,
    after: datetime,
    before: datetime,
    until: datetime | None = None,
) -> Iterator[datetime]:
    """UTC start instants of the event's occurrences with `after <= start < before`.

    A one-off event has one occurrence (its start). A recurring one expands `rule` from the
    local wall time of `starts_at`, so the local time of day never shifts with DST.
    """
    if not rule:
        if after <= starts_at < before:
            yield starts_at
        return
    local_start = starts_at.astimezone(tz).replace(tzinfo=None)
    recurrence = rrulestr(rule, dtstart=local_start)
    local_after = after.astimezone(tz).replace(tzinfo=None)
    local_before = before.astimezone(tz).replace(tzinfo=None)
    limit = until.astimezone(tz).replace(tzinfo=None) if until else None
    # widen by a day each side: the wall-clock window differs from the UTC one around DST
    for local in recurrence.between(
        local_after - timedelta(days=1), local_before + timedelta(days=1), inc=True
    ):
        if limit is not None and local > limit:
            return
        instant = local.replace(tzinfo=tz).astimezone(UTC)
        if after <= instant < before:
            yield instant


def next_occurrence(
    rule: str, starts_at: datetime, tz: ZoneInfo, *, after: datetime, until: datetime | None = None
) -> datetime | None:
    """The first occurrence at or after `after` (UTC), however far ahead, or None."""
    local_start = starts_at.astimezone(tz).replace(tzinfo=None)
    recurrence = rrulestr(rule, dtstart=local_start)
    cursor = after.astimezone(tz).replace(tzinfo=None) - timedelta(days=1)
    for _ in range(5):  # skip the few wall-clock candidates that fall before `after`
        found = recurrence.after(cursor, inc=False)
        if found is None:
            return None
        if until is not None and found > until.astimezone(tz).replace(tzinfo=None):
            return None
        instant = found.replace(tzinfo=tz).astimezone(UTC)
        if instant >= after:
            return instant
        cursor = found
    return None


def first_occurrence(rule: str, starts_at: datetime, tz: ZoneInfo) -> datetime | None:
    """The first occurrence at or after `starts_at` (the rule may not include `starts_at`)."""
    local_start = starts_at.astimezone(tz).replace(tzinfo=None)
    found = rrulestr(rule, dtstart=local_start).after(local_start, inc=True)
    return found.replace(tzinfo=tz).astimezone(UTC) if found else None


def describe(rule: str | None, lang: str) -> str:
    """A short human description of the common rules; the raw rule otherwise."""
    if not rule:
        return ""
    parts = dict(p.split("=", 1) for p in rule.split(";") if "=" in p)
    freq, interval, byday = parts.get("FREQ"), parts.get("INTERVAL", "1"), parts.get("BYDAY")
    sv = lang != "en"
    day_names = {
        code: (
            names[0]
            .replace("mandag", "måndag")
            .replace("lordag", "lördag")
            .replace("sondag", "söndag")
            if sv
            else names[1].capitalize()
        )
        for code, names in _WEEKDAYS.items()
    }
    ordinal_names = {
        "1": ("första", "first"),
        "2": ("andra", "second"),
        "3": ("tredje", "third"),
        "4": ("fjärde", "fourth"),
        "-1": ("sista", "last"),
    }
    if freq == "MONTHLY" and interval == "3" and not byday:
        return "varje kvartal" if sv else "every quarter"
    if freq == "MONTHLY" and byday:
        m = re.fullmatch(r"(-?\d)([A-Z]{2})", byday)
        if m and m.group(1) in ordinal_names and m.group(2) in day_names:
            ordinal = ordinal_names[m.group(1)][0 if sv else 1]
            day = day_names[m.group(2)]
            if interval == "1":
                return f"{ordinal} {day}en varje månad" if sv else f"{ordinal} {day} each month"
    if freq == "WEEKLY" and byday in day_names:
        day = day_names[byday]
        if interval == "2":
            return f"varannan {day}" if sv else f"every other {day}"
        if interval == "1":
            return f"varje {day}" if sv else f"every {day}"
    simple = {
        ("WEEKLY", "1"): ("varje vecka", "every week"),
        ("WEEKLY", "2"): ("varannan vecka", "every other week"),
        ("MONTHLY", "1"): ("varje månad", "every month"),
        ("MONTHLY", "2"): ("varannan månad", "every other month"),
        ("YEARLY", "1"): ("varje år", "every year"),
    }
    if (freq, interval) in simple and not byday:
        return simple[(freq or "", interval)][0 if sv else 1]
    return rule
