"""Reminder rows for planning and firing: insert-or-ignore, re-time, lock, and fire once.

When a reminder is due and what it sends live in `bot.reminders`; this module only stores.
Every change of a reminder's status is a conditional UPDATE on the status it is expected to
have, so two workers never both fire (or both re-time) one reminder.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col, select

from storage.db import insert_ignoring_conflicts
from storage.models import Event, Reminder, ReminderStatus, utcnow


def add_reminder(
    *,
    session: Session,
    event_id: int,
    occurrence_start: datetime,
    offset_minutes: int,
    due_at: datetime,
) -> int:
    """Add one pending reminder; 0 if the event has one for that occurrence and offset already."""
    values = dict(
        event_id=event_id,
        occurrence_start=occurrence_start,
        offset_minutes=offset_minutes,
        due_at=due_at,
        status=ReminderStatus.pending.value,
        late=False,
        note="",
        created_at=utcnow(),
    )
    return int(insert_ignoring_conflicts(Reminder, values, session=session).rowcount or 0)


def retime_reminder(
    *, session: Session, reminder_id: int, expected: str, due_at: datetime, revive: bool = False
) -> None:
    """Move a reminder that is still `expected` to `due_at`; `revive` makes it pending again."""
    values: dict[str, object] = {"due_at": due_at}
    if revive:
        values.update(status=ReminderStatus.pending.value, note="")
    session.exec(
        update(Reminder)  # type: ignore[call-overload]
        .where(col(Reminder.id) == reminder_id, col(Reminder.status) == expected)
        .values(**values)
    )


def lock_event(*, session: Session, event_id: int) -> Event | None:
    """The event, locked for planning (skipped while someone else edits it on PostgreSQL;
    on SQLite a no-op write takes the single writer lock so the row read is the newest)."""
    if session.get_bind().dialect.name == "sqlite":
        session.exec(update(Event).where(col(Event.id) == event_id).values(id=event_id))  # type: ignore[call-overload]
        return session.exec(select(Event).where(Event.id == event_id)).first()
    return session.exec(
        select(Event)
        .where(Event.id == event_id)
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    ).first()


def due_reminders(*, session: Session, now: datetime, limit: int) -> list[Reminder]:
    """Up to `limit` pending reminders due by `now`, oldest first, locked for this transaction
    (rows another worker holds are skipped on PostgreSQL)."""
    return list(
        session.exec(
            select(Reminder)
            .where(Reminder.status == ReminderStatus.pending, col(Reminder.due_at) <= now)
            .order_by(col(Reminder.due_at), col(Reminder.id))
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )


def closer_reminder_due(*, session: Session, reminder: Reminder, now: datetime) -> bool:
    """Whether a closer reminder of the same occurrence (a smaller offset) is due by `now` and
    pending or fired."""
    closer = session.exec(
        select(Reminder.id).where(
            Reminder.event_id == reminder.event_id,
            Reminder.occurrence_start == reminder.occurrence_start,
            col(Reminder.offset_minutes) < reminder.offset_minutes,
            col(Reminder.due_at) <= now,
            col(Reminder.status).in_([ReminderStatus.pending, ReminderStatus.fired]),
        )
    ).first()
    return closer is not None


def finish_reminder(
    *,
    session: Session,
    reminder_id: int,
    status: str,
    now: datetime,
    late: bool = False,
    note: str = "",
) -> bool:
    """Move a pending reminder to `status`; False if it was not pending any more (another
    worker finished it first)."""
    result = session.exec(
        update(Reminder)  # type: ignore[call-overload]
        .where(col(Reminder.id) == reminder_id, col(Reminder.status) == ReminderStatus.pending)
        .values(status=status, fired_at=now, late=late, note=note)
    )
    return bool(result.rowcount)


def pending_reminders(*, session: Session, event_ids: list[int], after: datetime) -> list[Reminder]:
    """The pending reminders of these events due after `after`, soonest first."""
    return list(
        session.exec(
            select(Reminder)
            .where(
                col(Reminder.event_id).in_(event_ids),
                Reminder.status == ReminderStatus.pending,
                col(Reminder.due_at) > after,
            )
            .order_by(col(Reminder.due_at), col(Reminder.id))
        ).all()
    )


def pending_due(
    *, session: Session, until: datetime, since: datetime | None = None
) -> list[Reminder]:
    """The pending reminders due by `until` (and after `since`, if given), oldest first; not
    locked (the dry run only looks)."""
    query = select(Reminder).where(
        Reminder.status == ReminderStatus.pending, col(Reminder.due_at) <= until
    )
    if since is not None:
        query = query.where(col(Reminder.due_at) > since)
    return list(session.exec(query.order_by(col(Reminder.due_at), col(Reminder.id))))
