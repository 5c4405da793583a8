"""Dates and times as people read them, in the network's time zone and the user's language."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

_MONTHS = {
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
    "en": "January February March April May June July August September October November December",
}
_WEEKDAYS = {
    "sv": "måndag tisdag onsdag torsdag fredag lördag söndag",
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
}


def format_date(value: date | datetime, lang: str, tz: ZoneInfo | None = None) -> str:
    """'31 december 2026' / '31 December 2026'."""
    if isinstance(value, datetime) and tz is not None:
        value = value.astimezone(tz)
    month = _MONTHS.get(lang, _MONTHS["sv"]).split()[value.month - 1]
    return f"{value.day} {month} {value.year}"


def format_weekday_date(value: date | datetime, lang: str, tz: ZoneInfo | None = None) -> str:
    """'torsdag 31 december 2026'."""
    if isinstance(value, datetime) and tz is not None:
        value = value.astimezone(tz)
    weekday = _WEEKDAYS.get(lang, _WEEKDAYS["sv"]).split()[value.weekday()]
    return f"{weekday} {format_date(value, lang)}"


def format_datetime(value: datetime, lang: str, tz: ZoneInfo, *, all_day: bool = False) -> str:
    """'tisdag 1 december 2026 kl. 13:00' / 'Tuesday 1 December 2026 at 13:00'."""
    local = value.astimezone(tz)
    text = format_weekday_date(local, lang)
    if all_day:
        return text
    return f"{text} {'kl.' if lang == 'sv' else 'at'} {local:%H:%M}"
