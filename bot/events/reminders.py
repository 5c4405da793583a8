"""Planning and firing reminders: on time, in local time, on working days, exactly once.

Public API:

* `default_offsets(event)`: minutes before the start; 7 days and 1 day (at 09:00 local time on
  the working day), plus 1 hour before for meetings (not for all-day deadlines).
* `due_time(occurrence_start, offset_minutes, tz)`: when one reminder is due, in UTC. Offsets
  of whole days fire at 09:00 local time, moved back to the previous working day when they
  fall on a weekend or a Swedish public holiday (incl. Julafton, Midsommarafton, Nyårsafton);
  other offsets are wall-clock minutes before the start. Computed in the zone, then UTC.
* `plan_event(session, event, now=...)`: make the event's pending reminders match the event
  (create, re-time, cancel, revive); call it in the same transaction as any edit.
  It records how far the event is planned in `Event.planned_until`: for good for a one-off
  event (all its reminders at once, however far ahead), `now + HORIZON` for a recurring one.
* tick tasks `plan_reminders` (plans only the events that need it: never planned, i.e. imported,
  seeded or changed without planning, and recurring ones whose horizon runs short; at most
  `PLAN_BATCH` per tick, so a tick stays cheap at any number of events) and
  `fire_due_reminders` (one transaction moves a due reminder from pending to fired and puts its
  messages in the outbox; the conditional UPDATE and `FOR UPDATE SKIP LOCKED` make it once).

A reminder found due more than `LATE_GRACE` after its time (the bot was down) goes out marked
late if the event has not started yet; otherwise it is `skipped` and listed for coordinators.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from slack_sdk import WebClient
from sqlmodel import Session

from bot.core import outbox
from bot.core.i18n import language_of_locale, t
from bot.core.runtime import Core
from bot.events import recurrence
from bot.events.recurrence import occurrences
from bot.events.views import build_reminder_message
from storage import events as store
from storage import reminders as reminder_store
from storage.models import (
    Event,
    EventKind,
    EventStatus,
    FocusArea,
    Network,
    Reminder,
    ReminderStatus,
)

log = logging.getLogger(__name__)

DAY = 24 * 60
REMINDER_TIME = time(9, 0)
MEETING_KINDS = frozenset({EventKind.forum, EventKind.council, EventKind.meeting})
DM_KINDS = frozenset({EventKind.evaluation, EventKind.deadline})
HORIZON = timedelta(days=120)  # recurring events: reminders exist this far ahead
REPLAN_MARGIN = timedelta(days=1)  # extend a recurring event's horizon about once a day
PLANNED_FOR_GOOD = datetime(9999, 1, 1, tzinfo=UTC)  # `planned_until` of a one-off event
PLAN_BATCH = 200  # events planned per tick at most (a backlog of imports takes a few ticks)
PLAN_CHUNK = 20  # events planned per transaction (short write locks on SQLite)
LATE_GRACE = timedelta(minutes=10)
FIRE_BATCH = 20
MAX_OFFSET = 365 * DAY


# --------------------------------------------------------------------------- when


def default_offsets(event: Event) -> list[int]:
    offsets = [7 * DAY, DAY]
    if not event.all_day and event.kind in MEETING_KINDS:
        offsets.append(60)
    return offsets


def offsets_of(event: Event) -> list[int]:
    chosen = (
        event.reminder_offsets if event.reminder_offsets is not None else default_offsets(event)
    )
    return sorted({int(o) for o in chosen if 0 <= int(o) <= MAX_OFFSET}, reverse=True)


@cache
def _swedish_holidays() -> holidays.HolidayBase:
    return holidays.Sweden(categories=("public", "de_facto"))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _swedish_holidays()


def working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


@cache
def _holiday_names(lang: str) -> holidays.HolidayBase:
    return holidays.Sweden(
        categories=("public", "de_facto"), language="sv" if lang == "sv" else "en_US"
    )


def holiday_name(day: date, lang: str) -> str | None:
    """The Swedish public or de facto holiday on `day` ("Julafton" / "Christmas Eve"), if any."""
    return _holiday_names(lang).get(day)


def moved_from(occurrence_start: datetime, offset_minutes: int, tz: ZoneInfo) -> date | None:
    """The day a whole-day reminder would have fallen on, when that day is a weekend or a
    holiday and `due_time` moved it to the working day before; else None."""
    if offset_minutes > 0 and offset_minutes % DAY == 0:
        natural = occurrence_start.astimezone(tz).date() - timedelta(days=offset_minutes // DAY)
        if not is_working_day(natural):
            return natural
    return None


def due_time(occurrence_start: datetime, offset_minutes: int, tz: ZoneInfo) -> datetime:
    """When the reminder `offset_minutes` before `occurrence_start` is due (UTC)."""
    local = occurrence_start.astimezone(tz)
    if offset_minutes > 0 and offset_minutes % DAY == 0:
        day = working_day_on_or_before(local.date() - timedelta(days=offset_minutes // DAY))
        return datetime.combine(day, REMINDER_TIME, tz).astimezone(UTC)
    wall = local.replace(tzinfo=None) - timedelta(minutes=offset_minutes)
    return wall.replace(tzinfo=tz).astimezone(UTC)


def zone_of(session: Session, event: Event) -> ZoneInfo:
    network = session.get(Network, event.network_id)
    try:
        return ZoneInfo(network.timezone if network else "Europe/Stockholm")
    except (KeyError, ValueError):
        return ZoneInfo("Europe/Stockholm")


# --------------------------------------------------------------------------- planning


def plan_event(
    session: Session, event: Event, *, now: datetime, horizon: timedelta = HORIZON
) -> int:
    """Bring the event's reminders in line with the event; returns how many were created.

    Pending reminders of occurrences that no longer exist (moved, rule or offsets changed) are
    cancelled with their unsent messages; new ones are created; re-timed ones updated; ones
    cancelled earlier come back if the event moves back. Already fired ones are left alone.
    A recurring event is planned `horizon` ahead, a one-off event for good; `planned_until`
    records which, so the tick knows what to plan next.
    """
    assert event.id is not None
    existing = store.reminders_of(session=session, event_id=event.id)
    if event.status != EventStatus.planned:
        store.cancel_reminders(session=session, event_id=event.id, note="event cancelled")
        return 0
    tz = zone_of(session, event)
    # a one-off event is planned for good: its one occurrence, however far ahead
    horizon_end = now + horizon if event.recurrence else PLANNED_FOR_GOOD
    desired: dict[tuple[datetime, int], datetime] = {}
    offsets = offsets_of(event)
    for start in occurrences(
        event.recurrence,
        event.starts_at,
        tz,
        after=now,
        before=horizon_end,
        until=event.recurrence_until,
    ):
        for offset in offsets:
            desired[(start, offset)] = due_time(start, offset, tz)
    by_key = {(r.occurrence_start, r.offset_minutes): r for r in existing}
    stale = [
        r.id
        for r in existing
        if (r.occurrence_start, r.offset_minutes) not in desired
        and now < r.occurrence_start < horizon_end
        and r.status in (ReminderStatus.pending, ReminderStatus.fired)
    ]
    store.cancel_reminders(
        session=session, event_id=event.id, reminder_ids=stale, note="event changed"
    )  # type: ignore[arg-type]
    created = 0
    for (start, offset), due in desired.items():
        row = by_key.get((start, offset))
        if row is None:
            if due > now:
                created += reminder_store.add_reminder(
                    session=session,
                    event_id=event.id,
                    occurrence_start=start,
                    offset_minutes=offset,
                    due_at=due,
                )
        elif row.status == ReminderStatus.pending and row.due_at != due:
            reminder_store.retime_reminder(
                session=session,
                reminder_id=row.id,  # type: ignore[arg-type]
                expected=ReminderStatus.pending,
                due_at=due,
            )
        elif row.status == ReminderStatus.cancelled and due > now:
            reminder_store.retime_reminder(
                session=session,
                reminder_id=row.id,  # type: ignore[arg-type]
                expected=ReminderStatus.cancelled,
                due_at=due,
                revive=True,
            )
    event.planned_until = horizon_end
    session.add(event)
    return created


def needs_planning(event: Event, now: datetime) -> bool:
    """Whether the tick must (re)plan the event: never planned, or recurring and planned less
    than `HORIZON - REPLAN_MARGIN` ahead."""
    if event.status != EventStatus.planned:
        return False
    if event.planned_until is None:
        return True
    return bool(event.recurrence) and event.planned_until < now + HORIZON - REPLAN_MARGIN


def plan_reminders(core: Core, client: WebClient | None, now: datetime) -> int:
    """Tick task: plan the events that need it (`needs_planning`); returns how many.

    Creating, editing and moving an event plan it in their own transaction, so this finds only
    imported or seeded events, edits made without planning, and recurring events to extend
    (each about once a day). An index finds them; at most `PLAN_BATCH` per tick, in short
    transactions of `PLAN_CHUNK`, each event locked and checked again (another process, or an
    edit, may have planned it meanwhile: planning twice is harmless, it only matches rows)."""
    with core.db.session() as session:
        ids = store.needing_planning(
            session=session, extend_before=now + HORIZON - REPLAN_MARGIN, limit=PLAN_BATCH
        )
    planned = 0
    for first in range(0, len(ids), PLAN_CHUNK):
        with core.db.session() as session:
            for event_id in ids[first : first + PLAN_CHUNK]:
                event = reminder_store.lock_event(session=session, event_id=event_id)
                if event is not None and needs_planning(event, now):
                    plan_event(session, event, now=now)
                    planned += 1
    return planned


# --------------------------------------------------------------------------- firing


def fire_due_reminders(core: Core, client: WebClient | None, now: datetime) -> None:
    """Tick task: fire (or skip) every reminder that is due, each exactly once."""
    while True:
        with core.db.session() as session:
            rows = reminder_store.due_reminders(session=session, now=now, limit=FIRE_BATCH)
            for reminder in rows:
                fire(core, session, reminder, now)
        if len(rows) < FIRE_BATCH:
            return


def fire(core: Core, session: Session, reminder: Reminder, now: datetime) -> bool:
    """Move one reminder from pending to fired and enqueue its messages; False if another
    worker did it first, or if it is skipped or cancelled instead."""
    event = session.get(Event, reminder.event_id)
    if event is None or event.status != EventStatus.planned:
        _finish(session, reminder, ReminderStatus.cancelled, now, note="event cancelled")
        return False
    if now >= reminder.occurrence_start:
        if _finish(session, reminder, ReminderStatus.skipped, now, note="missed: event started"):
            log.warning("reminder %s skipped: the event had started", reminder.id)
        return False
    late = now - reminder.due_at > LATE_GRACE
    if late and _superseded(session, reminder, now):
        _finish(session, reminder, ReminderStatus.skipped, now, note="missed: a later one is due")
        return False
    if not _finish(session, reminder, ReminderStatus.fired, now, late=late):
        return False
    enqueue_reminder_messages(core, session, event, reminder, now=now, late=late)
    return True


def _superseded(session: Session, reminder: Reminder, now: datetime) -> bool:
    """Whether a closer reminder of the same occurrence is due too (after downtime: send the
    closest one only, not a pile of them)."""
    return reminder_store.closer_reminder_due(session=session, reminder=reminder, now=now)


def _finish(
    session: Session,
    reminder: Reminder,
    status: str,
    now: datetime,
    *,
    late: bool = False,
    note: str = "",
) -> bool:
    return reminder_store.finish_reminder(
        session=session,
        reminder_id=reminder.id,  # type: ignore[arg-type]
        status=status,
        now=now,
        late=late,
        note=note,
    )


def enqueue_reminder_messages(
    core: Core, session: Session, event: Event, reminder: Reminder, *, now: datetime, late: bool
) -> int:
    """The reminder's messages: the area's (or network's) channel, and for evaluations and
    deadlines a DM to the contact of every participating party."""

    tz = zone_of(session, event)
    default_lang = core.settings.language
    count = 0
    area = session.get(FocusArea, event.area_id) if event.area_id is not None else None
    area_name = area.name if area is not None else None
    channel = store.channel_for(event, session=session)
    if channel:
        payload = build_reminder_message(
            event,
            reminder.occurrence_start,
            lang=default_lang,
            tz=tz,
            late=late,
            rsvp=event.kind in MEETING_KINDS,
            area=area_name,
            now=now,
        )
        count += outbox.enqueue(
            session,
            network_id=event.network_id,
            kind=store.REMINDER_KIND,
            ref_id=reminder.id,  # type: ignore[arg-type]
            recipient=channel,
            payload=payload,
            not_before=now,
            late=late,
        )
    if event.kind in DM_KINDS:
        for party, person in store.party_contacts(
            session=session, network_id=event.network_id, area_id=event.area_id
        ):
            lang = language_of_locale(person.locale, default_lang)
            payload = build_reminder_message(
                event,
                reminder.occurrence_start,
                lang=lang,
                tz=tz,
                late=late,
                rsvp=False,
                area=area_name,
                party=party,
            )
            count += outbox.enqueue(
                session,
                network_id=event.network_id,
                kind=store.REMINDER_KIND,
                ref_id=reminder.id,  # type: ignore[arg-type]
                recipient=person.slack_user_id,  # type: ignore[arg-type]
                party_id=party.id,
                payload=payload,
                not_before=now,
                late=late,
            )
    return count


def next_occurrence(session: Session, event: Event, now: datetime) -> datetime | None:
    """The event's next start at or after `now` (its only start for a one-off event)."""
    if not event.recurrence:
        return event.starts_at if event.starts_at >= now else None
    return recurrence.next_occurrence(
        event.recurrence,
        event.starts_at,
        zone_of(session, event),
        after=max(now, event.starts_at),
        until=event.recurrence_until,
    )


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


# --------------------------------------------------------------------------- parsing input

_OFFSET = re.compile(
    r"^(\d{1,6})\s*(d|dag|dagar|day|days|h|tim|timme|timmar|hour|hours|m|min|minut|minuter|minute|minutes)?$"
)
_NONE_WORDS = frozenset({"ingen", "inga", "none", "no", "-"})
MAX_OFFSETS = 10


def parse_offsets(text: str) -> list[int] | None:
    """'7d, 1d, 1h, 30m' -> minutes [10080, 1440, 60, 30]; '' -> None (the defaults);
    'ingen'/'none' -> []. Raises ValueError on anything else."""
    text = text.strip().lower()
    if not text:
        return None
    if text in _NONE_WORDS:
        return []
    offsets: set[int] = set()
    for part in re.split(r"[,;]+|\s+och\s+|\s+and\s+", text):
        part = part.strip()
        if not part:
            continue
        match = _OFFSET.match(part)
        if not match:
            raise ValueError(part)
        number, unit = int(match.group(1)), (match.group(2) or "m")
        minutes = number * (DAY if unit[0] == "d" else 60 if unit[0] in "ht" else 1)
        if minutes > MAX_OFFSET:
            raise ValueError(part)
        offsets.add(minutes)
    if not offsets or len(offsets) > MAX_OFFSETS:
        raise ValueError(text)
    return sorted(offsets, reverse=True)


def parse_when(text: str, tz: ZoneInfo) -> tuple[datetime, bool]:
    """'2026-12-10 13:00' (local) -> (UTC instant, False); '2026-12-10' -> (local midnight,
    True = all day). Raises ValueError."""
    text = text.strip().replace("kl.", " ").replace("kl", " ")
    parts = text.split()
    if not parts or len(parts) > 2:
        raise ValueError(text)
    day = date.fromisoformat(parts[0])
    if len(parts) == 1:
        return datetime.combine(day, time(0), tz).astimezone(UTC), True
    clock = parts[1].replace(".", ":")
    if re.fullmatch(r"\d{1,2}", clock):
        clock += ":00"
    at = time.fromisoformat(clock if len(clock) == 5 else clock.zfill(5))
    return datetime.combine(day, at, tz).astimezone(UTC), False


def offsets_label(lang: str, offsets: list[int]) -> str:
    parts = []
    for minutes in offsets:
        if minutes == 0:
            parts.append(t(lang, "events.offset_start"))
        elif minutes % DAY == 0:
            parts.append(t(lang, "events.offset_days", n=minutes // DAY))
        elif minutes % 60 == 0:
            parts.append(t(lang, "events.offset_hours", n=minutes // 60))
        else:
            parts.append(t(lang, "events.offset_minutes", n=minutes))
    return ", ".join(parts)
