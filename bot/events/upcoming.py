"""What will fire, and when: the reminders planned for an event's next occurrence.

* `planned_reminders(session, events, now=...)` reads, for each (start, event) pair, the
  pending reminders of that occurrence with where they will go (the channel, and how many
  DMs for evaluations and deadlines) and the day a weekend or holiday moved them from. Two
  queries for any number of events, plus one per area for the DM count.
* `planned_lines(lang, items, tz)` is the pure builder: one line of text per reminder, as App
  Home, `/samverkan forum` and `samverkansbot event list` show it.

The moving rule itself lives in `bot.events.reminders` (`due_time`, `moved_from`): this module only
reads what the planner stored and explains it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.core.dates import format_datetime, format_weekday_date
from bot.core.i18n import t
from bot.events import reminders
from storage import events as store
from storage import generation
from storage import reminders as reminder_store
from storage.models import Event


@dataclass(frozen=True)
class PlannedReminder:
    """One reminder still to fire: when, where to, and what moved it."""

    due_at: datetime  # UTC
    channel: str | None  # the channel it posts to, if any
    dms: int  # how many DMs go with it (contacts of participating parties)
    moved_from: date | None = None  # the weekend day or holiday it would have fallen on


def planned_reminders(
    session: Session, pairs: Iterable[tuple[datetime, Event]], *, now: datetime
) -> dict[int, list[PlannedReminder]]:
    """Event id -> the pending reminders of the occurrence starting at its paired start."""
    pairs = list(pairs)
    if not pairs:
        return {}
    starts = {event.id: start for start, event in pairs}
    rows = reminder_store.pending_reminders(session=session, event_ids=list(starts), after=now)  # type: ignore[arg-type]
    dms_of_area: dict[tuple[int, int | None], int] = {}

    def item(event: Event, start: datetime, offset: int, due: datetime) -> PlannedReminder:
        dms = 0
        if event.kind in reminders.DM_KINDS:
            key = (event.network_id, event.area_id)
            if key not in dms_of_area:
                dms_of_area[key] = dm_count(session, event.network_id, event.area_id)
            dms = dms_of_area[key]
        tz = reminders.zone_of(session, event)
        return PlannedReminder(
            due_at=due,
            channel=store.channel_for(event, session=session),
            dms=dms,
            moved_from=reminders.moved_from(start, offset, tz),
        )

    planned: dict[int, list[PlannedReminder]] = {event.id: [] for _, event in pairs}  # type: ignore[misc]
    events = {event.id: event for _, event in pairs}
    for row in rows:
        event = events[row.event_id]
        if _stored(event, starts[row.event_id]) and row.occurrence_start == starts[row.event_id]:
            planned[row.event_id].append(
                item(event, row.occurrence_start, row.offset_minutes, row.due_at)
            )
    for start, event in pairs:
        if not _stored(event, start):
            # not planned yet (imported, seeded): what the planner will store, by the same rule
            tz = reminders.zone_of(session, event)
            dues = sorted(
                (reminders.due_time(start, offset, tz), offset)
                for offset in reminders.offsets_of(event)
            )
            planned[event.id] = [item(event, start, o, due) for due, o in dues if due > now]  # type: ignore[index]
    return planned


def dm_count(session: Session, network_id: int, area_id: int | None) -> int:
    """How many contacts an evaluation or deadline of the area (or network) DMs. It depends on
    the registry only (participants, roles, people), so it is counted once per registry
    generation: counting loads every school chief and contact of the network."""
    return generation.cached(
        ("upcoming.dm_count", network_id, area_id),
        lambda: len(store.party_contacts(session=session, network_id=network_id, area_id=area_id)),
        session=session,
    )


def _stored(event: Event, start: datetime) -> bool:
    """Whether the planner has stored the reminders of the occurrence at `start`."""
    return event.planned_until is not None and event.planned_until >= start


def planned_lines(
    lang: str, items: list[PlannedReminder], tz: ZoneInfo, *, mrkdwn: bool = True
) -> list[str]:
    """One line per reminder: "⏰ onsdag 23 december 2026 kl. 09:00 → <#C1> och DM till 3
    kontakter (flyttad från torsdag 24 december 2026: Julafton)". Plain text (`#C1`) for the
    CLI with `mrkdwn=False`."""
    if not items:
        return [t(lang, "upcoming.none")]
    return [planned_line(lang, item, tz, mrkdwn=mrkdwn) for item in items]


def with_planned(
    lang: str, line: str, items: list[PlannedReminder], tz: ZoneInfo, *, mrkdwn: bool = True
) -> str:
    """An event's line with its planned reminders below it, indented."""
    return "\n".join(
        [line, *(INDENT + text for text in planned_lines(lang, items, tz, mrkdwn=mrkdwn))]
    )


INDENT = "      "


def planned_line(lang: str, item: PlannedReminder, tz: ZoneInfo, *, mrkdwn: bool = True) -> str:
    where = _where(lang, item, mrkdwn=mrkdwn)
    moved = ""
    if item.moved_from is not None:
        reason = reminders.holiday_name(item.moved_from, lang) or t(lang, "upcoming.weekend")
        moved = t(
            lang,
            "upcoming.moved",
            day=format_weekday_date(item.moved_from, lang),
            reason=reason,
        )
    return t(
        lang, "upcoming.line", when=format_datetime(item.due_at, lang, tz), where=where, moved=moved
    )


def _where(lang: str, item: PlannedReminder, *, mrkdwn: bool) -> str:
    channel = None
    if item.channel:
        channel = f"<#{item.channel}>" if mrkdwn else f"#{item.channel}"
    dms = t(lang, "upcoming.dms", count=item.dms) if item.dms else None
    if channel and dms:
        return t(lang, "upcoming.channel_and_dms", channel=channel, dms=dms)
    return channel or dms or t(lang, "upcoming.nowhere")
