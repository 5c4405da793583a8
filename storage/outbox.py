"""The outbox's `Delivery` rows: adding, cancelling, and the exactly-once claim, lease and record.

What to send and when, posting to Slack and retrying live in `bot.outbox`; this module only
stores. A claim moves a due row to `sending` for one worker by a conditional UPDATE (plus
`FOR UPDATE SKIP LOCKED` on PostgreSQL), so only one worker wins it; every later change of a
claimed row is made only while that worker still holds it (`claimed_by`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, update
from sqlmodel import Session, col, select

from storage.db import insert_ignoring_conflicts
from storage.models import Delivery, DeliveryStatus, utcnow


@dataclass
class Claim:
    """A delivery one worker holds: what to post, and whether it may be in Slack already
    (`recovering`: claimed again after an expired or taken-over lease)."""

    id: int
    recipient: str
    channel: str | None
    payload: dict[str, Any]
    attempts: int
    recovering: bool


def add_delivery(
    *,
    session: Session,
    network_id: int,
    kind: str,
    ref_id: int,
    recipient: str,
    payload: dict[str, Any],
    not_before: datetime,
    party_id: int | None = None,
    late: bool = False,
) -> bool:
    """Add one pending delivery (in the caller's transaction); False if `(kind, ref_id,
    recipient)` is there already."""
    values = dict(
        network_id=network_id,
        kind=kind,
        ref_id=ref_id,
        recipient=recipient,
        party_id=party_id,
        payload=payload,
        status=DeliveryStatus.pending.value,
        not_before=not_before,
        attempts=0,
        late=late,
        created_at=utcnow(),
    )
    return bool(insert_ignoring_conflicts(Delivery, values, session=session).rowcount)


def cancel_pending(*, session: Session, kind: str, ref_id: int, note: str = "") -> int:
    """Cancel the not yet claimed deliveries of one thing; returns how many."""
    result = session.exec(
        update(Delivery)  # type: ignore[call-overload]
        .where(
            col(Delivery.kind) == kind,
            col(Delivery.ref_id) == ref_id,
            col(Delivery.status) == DeliveryStatus.pending,
        )
        .values(status=DeliveryStatus.cancelled, error=note[:300] or None)
    )
    return int(result.rowcount or 0)


def deliveries(*, session: Session, kind: str, ref_id: int) -> list[Delivery]:
    return list(
        session.exec(
            select(Delivery)
            .where(Delivery.kind == kind, Delivery.ref_id == ref_id)
            .order_by(col(Delivery.id))
        )
    )


def held_claims(
    *, session: Session, now: datetime, claimed_by_prefix: str
) -> list[tuple[int, str | None]]:
    """(id, claimed_by) of the deliveries whose lease runs, claimed by workers whose name starts
    with `claimed_by_prefix` (the workers of one host)."""
    return list(
        session.exec(
            select(Delivery.id, Delivery.claimed_by).where(
                col(Delivery.status) == DeliveryStatus.sending,
                col(Delivery.claimed_until) > now,
                col(Delivery.claimed_by).like(f"{claimed_by_prefix}%"),
            )
        ).all()
    )  # type: ignore[arg-type]


def take_over(
    *, session: Session, delivery_id: int, claimed_by: str, worker: str, until: datetime
) -> Claim | None:
    """Move `claimed_by`'s claim of one delivery to `worker` with a lease `until`; None if
    it is no longer `claimed_by`'s (another worker settled it first)."""
    row = session.get(Delivery, delivery_id)
    if row is None:
        return None
    attempts = row.attempts + 1  # read before the UPDATE, which also refreshes `row`
    result = session.exec(
        update(Delivery)  # type: ignore[call-overload]
        .where(
            col(Delivery.id) == delivery_id,
            col(Delivery.status) == DeliveryStatus.sending,
            col(Delivery.claimed_by) == claimed_by,
        )
        .values(
            claimed_by=worker,
            claimed_until=until,
            attempts=Delivery.attempts + 1,
        )
    )
    if not result.rowcount:
        return None
    return Claim(
        id=delivery_id,
        recipient=row.recipient,
        channel=row.channel,
        payload=dict(row.payload),
        attempts=attempts,
        recovering=True,
    )


def _due_condition(now: datetime) -> Any:
    return or_(
        and_(col(Delivery.status) == DeliveryStatus.pending, col(Delivery.not_before) <= now),
        and_(col(Delivery.status) == DeliveryStatus.sending, col(Delivery.claimed_until) <= now),
    )


def claim_due(
    *, session: Session, now: datetime, worker: str, until: datetime, avoid: list[str]
) -> Claim | None:
    """Take the first due delivery (pending and due, or sending with an expired lease) for
    `worker` with a lease `until`, or None. Recipients with a running lease of another worker
    wait (to keep their order), and so do those in `avoid`."""
    in_flight = select(Delivery.recipient).where(
        col(Delivery.status) == DeliveryStatus.sending,
        col(Delivery.claimed_until) > now,
        col(Delivery.claimed_by) != worker,
    )
    query = (
        select(Delivery)
        .where(_due_condition(now), col(Delivery.recipient).not_in(in_flight))
        .order_by(col(Delivery.not_before), col(Delivery.id))
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if avoid:
        query = query.where(col(Delivery.recipient).not_in(avoid))
    row = session.exec(query).first()
    if row is None:
        return None
    recovering = row.status == DeliveryStatus.sending
    attempts = row.attempts + 1  # read before the UPDATE, which also refreshes `row`
    result = session.exec(
        update(Delivery)  # type: ignore[call-overload]
        .where(col(Delivery.id) == row.id, _due_condition(now))
        .values(
            status=DeliveryStatus.sending,
            claimed_by=worker,
            claimed_until=until,
            attempts=Delivery.attempts + 1,
        )
    )
    if not result.rowcount:
        return None  # another worker was faster
    return Claim(
        id=row.id,  # type: ignore[arg-type]
        recipient=row.recipient,
        channel=row.channel,
        payload=dict(row.payload),
        attempts=attempts,
        recovering=recovering,
    )


def _update_claimed(session: Session, delivery_id: int, worker: str, **values: Any) -> None:
    session.exec(
        update(Delivery)  # type: ignore[call-overload]
        .where(col(Delivery.id) == delivery_id, col(Delivery.claimed_by) == worker)
        .values(**values)
    )


def release_for_retry(
    *,
    session: Session,
    delivery_id: int,
    worker: str,
    error: str,
    retry_at: datetime,
    in_doubt: bool,
) -> None:
    """Give `worker`'s claim up until `retry_at`. `in_doubt` (the post may have reached Slack):
    the row stays `sending` with a lease that expires then, so the next worker checks first;
    else it is `pending` again, not before then."""
    if in_doubt:
        values: dict[str, Any] = dict(
            status=DeliveryStatus.sending, claimed_by=None, claimed_until=retry_at
        )
    else:
        values = dict(
            status=DeliveryStatus.pending,
            claimed_by=None,
            claimed_until=None,
            not_before=retry_at,
        )
    _update_claimed(session, delivery_id, worker, error=error[:300], **values)


def mark_sent(
    *,
    session: Session,
    delivery_id: int,
    worker: str,
    channel: str | None,
    ts: str | None,
    now: datetime,
) -> None:
    """Record `worker`'s claim as sent, as the message `ts` in `channel`."""
    _update_claimed(
        session,
        delivery_id,
        worker,
        status=DeliveryStatus.sent,
        channel=channel,
        ts=ts,
        sent_at=now,
        claimed_until=None,
        error=None,
    )


def mark_failed(*, session: Session, delivery_id: int, worker: str, error: str) -> None:
    """Record `worker`'s claim as failed for good, with the error (for coordinators to see)."""
    _update_claimed(
        session,
        delivery_id,
        worker,
        status=DeliveryStatus.failed,
        claimed_until=None,
        error=error[:300],
    )


def pending_ids(*, session: Session) -> set[int]:
    """The ids of the pending deliveries."""
    return {
        d.id  # type: ignore[misc]
        for d in session.exec(
            select(Delivery).where(col(Delivery.status) == DeliveryStatus.pending)
        )
    }


def waiting(*, session: Session, at: datetime, since: datetime | None = None) -> list[Delivery]:
    """What a tick at `at` could claim: pending rows due by then, and sending rows whose lease
    has run out by then; with `since`, only those not before it. Oldest first."""
    query = select(Delivery).where(
        or_(
            col(Delivery.status) == DeliveryStatus.pending,
            (col(Delivery.status) == DeliveryStatus.sending) & (col(Delivery.claimed_until) <= at),
        ),
        or_(
            col(Delivery.not_before) <= at,
            col(Delivery.status) == DeliveryStatus.sending,
        ),
    )
    if since is not None:
        query = query.where(col(Delivery.not_before) > since)
    return list(session.exec(query.order_by(col(Delivery.not_before), col(Delivery.id))))
