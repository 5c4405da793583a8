"""Dates and times as people read them, in the network's time zone and the user's language.

Month and weekday names come from Babel (CLDR data): `sv_SE` for Swedish, `en_GB` for English
(day before month, 24-hour clock, as in Sweden).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_skeleton

from storage.models import (
    Network,
)

LOCALES = {"sv": "sv_SE", "en": "en_GB"}
_DATE = "long"  # CLDR: sv 'd MMMM y' (31 december 2026), en_GB 'd MMMM y' (31 December 2026)
_WEEKDAY_DATE = "EEEE d MMMM y"  # torsdag 31 december 2026 / Thursday 31 December 2026
_AT = {"sv": "kl.", "en": "at"}


@cache
def babel_locale(lang: str) -> Locale:
    """The Babel locale of a bot language ('sv' -> sv_SE, 'en' -> en_GB); Swedish otherwise."""
    return Locale.parse(LOCALES.get(lang, LOCALES["sv"]))


def _local(value: date | datetime, tz: ZoneInfo | None) -> date | datetime:
    if isinstance(value, datetime) and tz is not None:
        return value.astimezone(tz)
    return value


def format_date(value: date | datetime, lang: str, tz: ZoneInfo | None = None) -> str:
    """'31 december 2026' / '31 December 2026'."""
    return _babel_date(_local(value, tz), _DATE, locale=babel_locale(lang))


def format_month(value: date | datetime, lang: str, tz: ZoneInfo | None = None) -> str:
    """'januari 2027' / 'January 2027'."""
    return format_skeleton("yMMMM", _local(value, tz), locale=babel_locale(lang))


def format_weekday_date(value: date | datetime, lang: str, tz: ZoneInfo | None = None) -> str:
    """'torsdag 31 december 2026' / 'Thursday 31 December 2026'."""
    return _babel_date(_local(value, tz), _WEEKDAY_DATE, locale=babel_locale(lang))


def format_datetime(value: datetime, lang: str, tz: ZoneInfo, *, all_day: bool = False) -> str:
    """'tisdag 1 december 2026 kl. 13:00' / 'Tuesday 1 December 2026 at 13:00'."""
    local = value.astimezone(tz)
    text = format_weekday_date(local, lang)
    if all_day:
        return text
    return f"{text} {_AT.get(lang, _AT['sv'])} {local:%H:%M}"


def network_tz(network: Network) -> ZoneInfo:
    """The network's time zone (Europe/Stockholm for every network so far)."""
    return ZoneInfo(network.timezone)
