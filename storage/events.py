"""Events, their reminders, RSVPs and calendar tokens: queries and changes.

Every change writes an audit entry in the caller's transaction. Planning reminders (which needs
time zones, holidays and recurrence rules) lives in `bot.events.reminders`; this module only stores.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, or_, update
from sqlmodel import Session, col, select

from storage import audit, generation, registry
from storage.models import (
    Broadcast,
    Delivery,
    DeliveryStatus,
    Event,
    EventStatus,
    FocusArea,
    Network,
    Party,
    Reminder,
    ReminderStatus,
    Role,
    Rsvp,
)

REMINDER_KIND = "reminder"  # Delivery.kind of reminder messages
BROADCAST_KIND = "broadcast"  # Delivery.kind of broadcasts
EDITABLE = frozenset(
    {
        "kind",
        "title",
        "starts_at",
        "ends_at",
        "all_day",
        "area_id",
        "location",
        "link",
        "agenda",
        "recurrence",
        "recurrence_until",
        "reminder_offsets",
    }
)


def create_event(
    *, session: Session, network_id: int, actor: str, title: str, starts_at: datetime, **fields: Any
) -> Event:
    """Add an event (fields: any of `EDITABLE`); audited. Plan its reminders afterwards (if not,
    `planned_until` stays None and the reminder tick plans them)."""
    unknown = set(fields) - EDITABLE - {"source"}
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    event = Event(
        network_id=network_id, title=title, starts_at=starts_at, created_by=actor, **fields
    )
    session.add(event)
    session.flush()
    audit.record_change(
        event,
        session=session,
        actor=actor,
        action="event.create",
        summary=title,
        area_id=event.area_id,
        network_id=network_id,
    )
    return event


def update_event(
    *, session: Session, event: Event, actor: str, now: datetime, **changes: Any
) -> bool:
    """Change an event's fields; audited. Returns whether anything changed."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise TypeError(f"unknown event fields: {sorted(unknown)}")
    before = audit.snapshot(event)
    changed = {k: v for k, v in changes.items() if getattr(event, k) != v}
    if not changed:
        return False
    for key, value in changed.items():
        setattr(event, key, value)
    event.updated_at = now
    event.planned_until = None  # its reminders need planning (the caller does it right away)
    session.add(event)
    session.flush()
    action = "event.move" if set(changed) & {"starts_at", "ends_at"} else "event.update"
    audit.record_change(
        event,
        session=session,
        actor=actor,
        action=action,
        before=before,
        summary=event.title,
        area_id=event.area_id,
    )
    return True


def cancel_event(*, session: Session, event: Event, actor: str, now: datetime) -> bool:
    """Cancel an event and everything it had not yet sent; audited. False if already cancelled."""
    if event.status == EventStatus.cancelled:
        return False
    before = audit.snapshot(event)
    event.status = EventStatus.cancelled
    event.updated_at = now
    session.add(event)
    cancel_reminders(session=session, event_id=event.id, note="event cancelled")  # type: ignore[arg-type]
    session.flush()
    audit.record_change(
        event,
        session=session,
        actor=actor,
        action="event.cancel",
        before=before,
        summary=event.title,
        area_id=event.area_id,
    )
    return True


def cancel_reminders(
    *, session: Session, event_id: int, reminder_ids: Iterable[int] | None = None, note: str = ""
) -> int:
    """Cancel pending reminders of an event (all, or `reminder_ids`) and their unsent
    deliveries. A delivery already claimed (`sending`) is left to finish: it may be in Slack."""
    query = update(Reminder).where(
        col(Reminder.event_id) == event_id, col(Reminder.status) == ReminderStatus.pending
    )
    if reminder_ids is not None:
        ids = list(reminder_ids)
        if not ids:
            return 0
        query = query.where(col(Reminder.id).in_(ids))
    result = session.exec(query.values(status=ReminderStatus.cancelled, note=note[:300]))  # type: ignore[call-overload]
    fired = select(Reminder.id).where(Reminder.event_id == event_id)
    if reminder_ids is not None:
        fired = fired.where(col(Reminder.id).in_(ids))
    session.exec(
        update(Delivery)  # type: ignore[call-overload]
        .where(
            col(Delivery.kind) == REMINDER_KIND,
            col(Delivery.ref_id).in_(fired),
            col(Delivery.status) == DeliveryStatus.pending,
        )
        .values(status=DeliveryStatus.cancelled, error=note[:300] or None)
    )
    return int(result.rowcount or 0)


def get_event(*, session: Session, network_id: int, event_id: int) -> Event | None:
    event = session.get(Event, event_id)
    return event if event is not None and event.network_id == network_id else None


def events(
    *,
    session: Session,
    network_id: int | None = None,
    area_id: int | None = None,
    include_cancelled: bool = False,
) -> list[Event]:
    query = select(Event)
    if network_id is not None:
        query = query.where(Event.network_id == network_id)
    if area_id is not None:
        query = query.where(Event.area_id == area_id)
    if not include_cancelled:
        query = query.where(Event.status == EventStatus.planned)
    return list(session.exec(query.order_by(col(Event.starts_at), col(Event.id))))


def coming_events(
    *,
    session: Session,
    network_id: int,
    after: datetime,
    before: datetime | None = None,
    limit: int,
    kinds: Iterable[str] | None = None,
    area_ids: Iterable[int | None] | None = None,
    all_day_after: datetime | None = None,
) -> tuple[list[Event], list[Event]]:
    """Planned events that may start in [`after`, `before`): the first `limit` one-off events
    by start (all-day ones from `all_day_after` when given: they last their whole day), and
    every recurring event (there are few; the caller expands their rules). `area_ids` may hold
    None for network-wide events. Indexed (starts_at, recurrence): never a scan of the table."""
    base = select(Event).where(Event.network_id == network_id, Event.status == EventStatus.planned)
    if kinds is not None:
        base = base.where(col(Event.kind).in_(list(kinds)))
    if area_ids is not None:
        ids = set(area_ids)
        in_areas = col(Event.area_id).in_([i for i in ids if i is not None])
        base = base.where(or_(in_areas, col(Event.area_id).is_(None)) if None in ids else in_areas)
    starts = col(Event.starts_at) >= after
    if all_day_after is not None:
        starts = and_(  # the plain lower bound keeps it an index range
            col(Event.starts_at) >= min(after, all_day_after),
            or_(starts, and_(col(Event.all_day), col(Event.starts_at) >= all_day_after)),
        )
    one_off = base.where(col(Event.recurrence).is_(None), starts)
    if before is not None:
        one_off = one_off.where(col(Event.starts_at) < before)
    one_offs = list(
        session.exec(one_off.order_by(col(Event.starts_at), col(Event.id)).limit(limit))
    )
    recurring = list(session.exec(base.where(col(Event.recurrence).is_not(None))))
    return one_offs, recurring


def next_starts(
    *,
    session: Session,
    network_id: int,
    after: datetime,
    next_start: Callable[[Event], datetime | None],
    before: datetime | None = None,
    limit: int,
    kinds: Iterable[str] | None = None,
    area_ids: Iterable[int | None] | None = None,
    all_day_after: datetime | None = None,
) -> list[tuple[datetime, Event]]:
    """The next `limit` (start, event) pairs of `coming_events`, soonest first (ties by id): a
    one-off event's start is its `starts_at`; a recurring one's is `next_start(event)` (the
    caller's rule engine: this module knows no recurrence rules), kept if before `before`."""
    one_offs, recurring = coming_events(
        session=session,
        network_id=network_id,
        after=after,
        before=before,
        limit=limit,
        kinds=kinds,
        area_ids=area_ids,
        all_day_after=all_day_after,
    )
    found = [(event.starts_at, event) for event in one_offs]
    for event in recurring:
        start = next_start(event)
        if start is not None and (before is None or start < before):
            found.append((start, event))
    found.sort(key=lambda pair: (pair[0], pair[1].id or 0))
    return found[:limit]


def needing_planning(*, session: Session, extend_before: datetime, limit: int) -> list[int]:
    """Ids of planned events whose reminders must be (re)planned, at most `limit`: those never
    planned (created or changed without planning, imported, seeded), soonest first; then
    recurring ones planned only up to before `extend_before`. Two index range reads."""
    ids = list(
        session.exec(
            select(Event.id)
            .where(Event.status == EventStatus.planned, col(Event.planned_until).is_(None))
            .order_by(col(Event.starts_at), col(Event.id))
            .limit(limit)
        )
    )
    if len(ids) < limit:
        ids += session.exec(
            select(Event.id)
            .where(
                Event.status == EventStatus.planned,
                col(Event.planned_until) < extend_before,
                col(Event.recurrence).is_not(None),
            )
            .order_by(col(Event.planned_until), col(Event.id))
            .limit(limit - len(ids))
        )
    return ids  # type: ignore[return-value]


def reminders_of(*, session: Session, event_id: int) -> list[Reminder]:
    return list(
        session.exec(
            select(Reminder)
            .where(Reminder.event_id == event_id)
            .order_by(col(Reminder.due_at), col(Reminder.id))
        )
    )


# --------------------------------------------------------------------------- recipients


def channel_for(event: Event, *, session: Session) -> str | None:
    """Where an event's posts go: its area's channel, else the network's (read once per
    registry generation: `/samverkan forum` asks for every reminder it lists)."""
    network_id, area_id = event.network_id, event.area_id

    def find() -> str | None:
        if area_id is not None:
            area = session.get(FocusArea, area_id)
            if area is not None and area.channel_id:
                return area.channel_id
        network = session.get(Network, network_id)
        return network.channel_id if network else None

    return generation.cached(("events.channel_for", network_id, area_id), find, session=session)


def party_contacts(
    *, session: Session, network_id: int, area_id: int | None
) -> list[tuple[Party, registry.Member]]:
    """The contact of every participating party: the area's participating parties (or every
    party of the network for a network-wide event), each with its participation contact,
    falling back to the party's school chief, then its contact person. Parties with nobody
    reachable in Slack are left out."""
    rows: list[tuple[Party, int | None]] = []
    if area_id is not None:
        rows = [
            (p, part.contact_person_id)
            for p, part in registry.participants(session=session, area_id=area_id)
        ]
    else:
        rows = [(p, None) for p in registry.parties(session=session, network_id=network_id)]
    chiefs = _people_by_party(session, network_id=network_id, role=Role.school_chief)
    contacts = _people_by_party(session, network_id=network_id, role=Role.contact)
    found: list[tuple[Party, registry.Member]] = []
    for party, contact_id in rows:
        person = (
            registry.member(session=session, person_id=contact_id, network_id=network_id)
            if contact_id
            else None
        )
        if person is None or not person.active or not person.slack_user_id:
            person = chiefs.get(party.id) or contacts.get(party.id)  # type: ignore[arg-type]
        if person is not None and person.slack_user_id:
            found.append((party, person))
    return found


def _people_by_party(session: Session, *, network_id: int, role: str) -> dict[int, registry.Member]:
    people: dict[int, registry.Member] = {}
    for person in registry.people_with_role(session=session, network_id=network_id, role=role):
        if person.party_id is not None and person.slack_user_id:
            people.setdefault(person.party_id, person)
    return people


# --------------------------------------------------------------------------- RSVP


def record_rsvp(
    *,
    session: Session,
    event: Event,
    occurrence_start: datetime,
    slack_user_id: str,
    party_id: int | None,
    attending: bool,
    now: datetime,
) -> Rsvp:
    """Set a person's answer for one occurrence (answering again changes it); audited."""
    row = session.exec(
        select(Rsvp).where(
            Rsvp.event_id == event.id,
            Rsvp.occurrence_start == occurrence_start,
            Rsvp.slack_user_id == slack_user_id,
        )
    ).first()
    before = audit.snapshot(row)
    if row is None:
        row = Rsvp(
            event_id=event.id,  # type: ignore[arg-type]
            occurrence_start=occurrence_start,
            slack_user_id=slack_user_id,
            party_id=party_id,
            attending=attending,
            answered_at=now,
        )
    else:
        row.attending, row.party_id, row.answered_at = attending, party_id, now
    session.add(row)
    session.flush()
    audit.record(
        session=session,
        actor=slack_user_id,
        action="event.rsvp",
        entity="rsvp",
        entity_id=row.id,
        network_id=event.network_id,
        party_id=party_id,
        area_id=event.area_id,
        summary=f"{event.title}: {'yes' if attending else 'no'}",
        before=before,
        after=audit.snapshot(row),
    )
    return row


def rsvps(
    *, session: Session, event_id: int, occurrence_start: datetime | None = None
) -> list[Rsvp]:
    query = select(Rsvp).where(Rsvp.event_id == event_id)
    if occurrence_start is not None:
        query = query.where(Rsvp.occurrence_start == occurrence_start)
    return list(session.exec(query.order_by(col(Rsvp.answered_at))))


def rsvp_counts(*, session: Session, event_id: int, occurrence_start: datetime) -> tuple[int, int]:
    """(coming, not coming) for one occurrence, counted in the database: a button's updated
    count needs no rows."""
    yes, total = session.exec(
        select(
            func.coalesce(func.sum(case((col(Rsvp.attending), 1), else_=0)), 0),
            func.count(),
        ).where(Rsvp.event_id == event_id, Rsvp.occurrence_start == occurrence_start)
    ).one()
    return int(yes), int(total) - int(yes)


# --------------------------------------------------------------------------- what went wrong


def problem_deliveries(*, session: Session, network_id: int, limit: int = 30) -> list[Delivery]:
    """Deliveries that failed for good, newest first."""
    return list(
        session.exec(
            select(Delivery)
            .where(Delivery.network_id == network_id, Delivery.status == DeliveryStatus.failed)
            .order_by(col(Delivery.created_at).desc(), col(Delivery.id).desc())
            .limit(limit)
        )
    )


def skipped_reminders(
    *, session: Session, network_id: int, limit: int = 30
) -> list[tuple[Reminder, Event]]:
    """Reminders missed while the bot was down and no longer useful, newest first."""
    return list(
        session.exec(
            select(Reminder, Event)
            .join(Event, col(Event.id) == Reminder.event_id)
            .where(Event.network_id == network_id, Reminder.status == ReminderStatus.skipped)
            .order_by(col(Reminder.due_at).desc())
            .limit(limit)
        )
    )


# --------------------------------------------------------------------------- calendar


def ensure_calendar_token(*, session: Session, target: Network | FocusArea, actor: str) -> str:
    """The feed token of a network or area, created (unguessable, audited) on first use."""
    if target.calendar_token:
        return target.calendar_token
    target.calendar_token = secrets.token_urlsafe(24)
    session.add(target)
    session.flush()
    is_area = isinstance(target, FocusArea)
    audit.record(
        session=session,
        actor=actor,
        action="calendar.token",
        entity="focus_area" if is_area else "network",
        entity_id=target.id,
        network_id=target.network_id if isinstance(target, FocusArea) else target.id,
        area_id=target.id if is_area else None,
        summary="calendar feed created",
    )
    return target.calendar_token


def calendar_target(token: str, *, session: Session) -> tuple[Network, FocusArea | None] | None:
    """The network (and area) a feed token belongs to, or None."""
    if not token:
        return None
    network = session.exec(select(Network).where(Network.calendar_token == token)).first()
    if network is not None:
        return network, None
    area = session.exec(select(FocusArea).where(FocusArea.calendar_token == token)).first()
    if area is not None:
        owner = session.get(Network, area.network_id)
        if owner is not None:
            return owner, area
    return None


def recent_broadcasts(*, session: Session, network_id: int, limit: int) -> list[Broadcast]:
    """The network's latest broadcasts, newest first."""
    return list(
        session.exec(
            select(Broadcast)
            .where(Broadcast.network_id == network_id)
            .order_by(Broadcast.created_at.desc(), Broadcast.id.desc())  # type: ignore[attr-defined, union-attr]
            .limit(limit)
        )
    )
