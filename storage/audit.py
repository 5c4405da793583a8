"""The audit log: every change is recorded in the same transaction as the change itself."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from storage.models import AuditEntry


def snapshot(
    obj: SQLModel | None, *, exclude: frozenset[str] = frozenset()
) -> dict[str, Any] | None:
    """A JSON-safe copy of a row's fields, for `before`/`after`."""
    if obj is None:
        return None
    # bookkeeping, not content: timestamps, and how far an event's reminders are planned
    data = obj.model_dump(exclude=set(exclude) | {"created_at", "updated_at", "planned_until"})
    return {k: _jsonable(v) for k, v in data.items()}


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def record(
    *,
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    network_id: int | None = None,
    party_id: int | None = None,
    area_id: int | None = None,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry; it commits or rolls back together with the change it describes."""
    entry = AuditEntry(
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        network_id=network_id,
        party_id=party_id,
        area_id=area_id,
        summary=summary[:500],
        before=before,
        after=after,
    )
    session.add(entry)
    return entry


def record_change(
    row: SQLModel,
    *,
    session: Session,
    actor: str,
    action: str,
    before: dict[str, Any] | None = None,
    summary: str = "",
    network_id: int | None = None,
    party_id: int | None = None,
    area_id: int | None = None,
) -> AuditEntry:
    """Record a change to `row` (after the flush that gave it an id): the entity and its id,
    the row's network unless given, and the row as it is now as `after`."""
    return record(
        session=session,
        actor=actor,
        action=action,
        entity=str(row.__tablename__),
        entity_id=getattr(row, "id", None),
        network_id=network_id if network_id is not None else getattr(row, "network_id", None),
        party_id=party_id,
        area_id=area_id,
        summary=summary,
        before=before,
        after=snapshot(row),
    )


def entries(
    *,
    session: Session,
    network_id: int,
    party_id: int | None = None,
    area_id: int | None = None,
    action_prefix: str | None = None,
    limit: int = 50,
) -> list[AuditEntry]:
    """The newest entries first, optionally for one party, one area or one kind of action."""
    query = select(AuditEntry).where(AuditEntry.network_id == network_id)
    if party_id is not None:
        query = query.where(AuditEntry.party_id == party_id)
    if area_id is not None:
        query = query.where(AuditEntry.area_id == area_id)
    if action_prefix:
        query = query.where(col(AuditEntry.action).startswith(action_prefix))
    query = query.order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc()).limit(limit)
    return list(session.exec(query))
