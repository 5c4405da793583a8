"""Slack events seen before: insert-or-ignore keys in `processed_event`, shared by every replica.

Slack retries an event it thinks failed (`X-Slack-Retry-Num`, up to three times over about
five minutes) and sometimes sends the same message again under a new `event_id`. Whoever
inserts a key first handles the event; everyone else sees the row and skips it. The rows are
pruned after a day by `bot.scheduler.tasks.prune_processed_events`.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, delete

from storage.db import insert_ignoring_conflicts
from storage.models import ProcessedEvent


def claim(keys: list[str], *, session: Session, now: datetime) -> bool:
    """Record `keys`; True when none of them was recorded before (this caller handles it).

    Every key is inserted even when an earlier one was already there, so that a re-send
    under a new event_id is recognised by its (channel, ts) and vice versa.
    """
    table = ProcessedEvent.__table__  # type: ignore[attr-defined]
    unique = list(dict.fromkeys(k[:100] for k in keys if k))
    if not unique:
        return True
    # one INSERT … VALUES (…), (…) RETURNING for all keys
    rows = [{"key": key, "created_at": now} for key in unique]
    inserted = insert_ignoring_conflicts(
        table, rows, session=session, index_elements=["key"], returning=[table.c.key]
    ).all()
    return len(inserted) == len(unique)  # a key that was there already is not returned


def prune(*, session: Session, before: datetime) -> None:
    """Forget the keys recorded before `before`."""
    session.exec(delete(ProcessedEvent).where(col(ProcessedEvent.created_at) < before))  # type: ignore[call-overload]
