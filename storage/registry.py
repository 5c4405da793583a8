"""Queries and changes on the registry: networks, parties, areas, participation, people.

Plain keyword-only functions that take the session. Every change writes its audit entry in the
same transaction; callers decide who may do what (`bot.permissions`), this module what happens.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, or_, select

from storage import audit
from storage.models import (
    AreaStatus,
    Commitment,
    FocusArea,
    Network,
    Participation,
    Party,
    Person,
    RoleAssignment,
    utcnow,
)

# --------------------------------------------------------------------------- reading


def network_by_slug(session: Session, slug: str) -> Network | None:
    return session.exec(select(Network).where(Network.slug == slug)).first()


def networks(session: Session) -> list[Network]:
    return list(session.exec(select(Network).order_by(Network.name)))


def parties(session: Session, *, network_id: int) -> list[Party]:
    return list(
        session.exec(select(Party).where(Party.network_id == network_id).order_by(Party.name))
    )


def areas(session: Session, *, network_id: int, include_archived: bool = False) -> list[FocusArea]:
    query = select(FocusArea).where(FocusArea.network_id == network_id)
    if not include_archived:
        query = query.where(FocusArea.status == AreaStatus.active)
    return list(session.exec(query.order_by(FocusArea.name)))


def active_participations(
    session: Session, *, area_id: int | None = None, party_id: int | None = None
) -> list[Participation]:
    query = select(Participation).where(col(Participation.left_at).is_(None))
    if area_id is not None:
        query = query.where(Participation.area_id == area_id)
    if party_id is not None:
        query = query.where(Participation.party_id == party_id)
    return list(session.exec(query.order_by(Participation.joined_at)))


def participants(session: Session, *, area_id: int) -> list[tuple[Party, Participation]]:
    """The parties taking part in an area now, with their participation rows, by name."""
    rows = session.exec(
        select(Party, Participation)
        .join(Participation, col(Participation.party_id) == Party.id)
        .where(Participation.area_id == area_id, col(Participation.left_at).is_(None))
        .order_by(Party.name)
    )
    return [(party, participation) for party, participation in rows]


def areas_of_party(session: Session, *, party_id: int) -> list[tuple[FocusArea, Participation]]:
    rows = session.exec(
        select(FocusArea, Participation)
        .join(Participation, col(Participation.area_id) == FocusArea.id)
        .where(Participation.party_id == party_id, col(Participation.left_at).is_(None))
        .order_by(FocusArea.name)
    )
    return [(area, participation) for area, participation in rows]


def person_by_slack_id(session: Session, *, network_id: int, slack_user_id: str) -> Person | None:
    return session.exec(
        select(Person).where(
            Person.network_id == network_id,
            Person.slack_user_id == slack_user_id,
            col(Person.active).is_(True),
        )
    ).first()


def people(session: Session, *, network_id: int, party_id: int | None = None) -> list[Person]:
    query = select(Person).where(Person.network_id == network_id, col(Person.active).is_(True))
    if party_id is not None:
        query = query.where(Person.party_id == party_id)
    return list(session.exec(query.order_by(Person.name)))


def roles_of(session: Session, *, person_id: int) -> set[str]:
    rows = session.exec(select(RoleAssignment.role).where(RoleAssignment.person_id == person_id))
    return set(rows)


def roles_by_person(session: Session, *, person_ids: Iterable[int]) -> dict[int, set[str]]:
    ids = list(person_ids)
    result: dict[int, set[str]] = {i: set() for i in ids}
    if ids:
        rows = session.exec(
            select(RoleAssignment.person_id, RoleAssignment.role).where(
                col(RoleAssignment.person_id).in_(ids)
            )
        )
        for person_id, role in rows:
            result[person_id].add(role)
    return result


def people_with_role(session: Session, *, network_id: int, role: str) -> list[Person]:
    return list(
        session.exec(
            select(Person)
            .join(RoleAssignment, col(RoleAssignment.person_id) == Person.id)
            .where(
                Person.network_id == network_id,
                RoleAssignment.role == role,
                col(Person.active).is_(True),
            )
            .order_by(Person.name)
        ).unique()
    )


def commitments_for(
    session: Session, *, network_id: int, party: Party | None = None
) -> list[Commitment]:
    """All commitments, or those binding `party`: its kind's and its own, in document order."""
    query = select(Commitment).where(Commitment.network_id == network_id)
    if party is not None:
        query = query.where(
            or_(Commitment.party_id == party.id, Commitment.party_kind == party.kind)
        )
    return list(session.exec(query.order_by(Commitment.position, Commitment.id)))


# --------------------------------------------------------------------------- changing


def join_area(
    session: Session,
    *,
    area: FocusArea,
    party: Party,
    actor: str,
    contact_person_id: int | None = None,
    note: str = "",
    at: datetime | None = None,
) -> tuple[Participation, bool]:
    """Make `party` a participant of `area`; returns (participation, whether it is new)."""
    assert area.id is not None and party.id is not None
    current = active_participations(session, area_id=area.id, party_id=party.id)
    if current:
        participation = current[0]
        changed = False
        before = audit.snapshot(participation)
        if contact_person_id is not None and participation.contact_person_id != contact_person_id:
            participation.contact_person_id = contact_person_id
            changed = True
        if note and participation.note != note:
            participation.note = note
            changed = True
        if changed:
            session.add(participation)
            session.flush()
            audit.record(
                session,
                actor=actor,
                action="participation.update",
                entity="participation",
                entity_id=participation.id,
                network_id=area.network_id,
                party_id=party.id,
                area_id=area.id,
                summary=f"{party.name} · {area.name}",
                before=before,
                after=audit.snapshot(participation),
            )
        return participation, False
    participation = Participation(
        party_id=party.id,
        area_id=area.id,
        joined_at=at or utcnow(),
        joined_by=actor,
        contact_person_id=contact_person_id,
        note=note,
    )
    session.add(participation)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="participation.join",
        entity="participation",
        entity_id=participation.id,
        network_id=area.network_id,
        party_id=party.id,
        area_id=area.id,
        summary=f"{party.name} → {area.name}",
        after=audit.snapshot(participation),
    )
    return participation, True


def leave_area(
    session: Session, *, area: FocusArea, party: Party, actor: str, at: datetime | None = None
) -> Participation | None:
    """End `party`'s participation in `area`, keeping the row; None if it was not a participant."""
    assert area.id is not None and party.id is not None
    current = active_participations(session, area_id=area.id, party_id=party.id)
    if not current:
        return None
    participation = current[0]
    before = audit.snapshot(participation)
    participation.left_at = at or utcnow()
    participation.left_by = actor
    session.add(participation)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="participation.leave",
        entity="participation",
        entity_id=participation.id,
        network_id=area.network_id,
        party_id=party.id,
        area_id=area.id,
        summary=f"{party.name} ← {area.name}",
        before=before,
        after=audit.snapshot(participation),
    )
    return participation


def add_person(
    session: Session,
    *,
    network_id: int,
    name: str,
    actor: str,
    party_id: int | None = None,
    title: str = "",
    email: str | None = None,
    phone: str | None = None,
    slack_user_id: str | None = None,
    roles: Iterable[str] = (),
) -> Person:
    """Add a person with their roles to the registry."""
    person = Person(
        network_id=network_id,
        party_id=party_id,
        name=name,
        title=title,
        email=email,
        phone=phone,
        slack_user_id=slack_user_id,
    )
    session.add(person)
    session.flush()
    assert person.id is not None
    role_list = sorted(set(roles))
    for role in role_list:
        session.add(RoleAssignment(person_id=person.id, role=role))
    audit.record(
        session,
        actor=actor,
        action="person.create",
        entity="person",
        entity_id=person.id,
        network_id=network_id,
        party_id=party_id,
        summary=name,
        after={**(audit.snapshot(person) or {}), "roles": role_list},
    )
    session.flush()
    return person
