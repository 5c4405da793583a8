"""Queries and changes on the registry: networks, parties, areas, participation, people.

Plain keyword-only functions that take the session. Every change writes its audit entry in the
same transaction; callers decide who may do what (`bot.permissions`), this module what happens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlmodel import Session, col, func, select

from storage import audit, generation
from storage.models import (
    AreaStatus,
    Commitment,
    FocusArea,
    Membership,
    Network,
    Participation,
    Party,
    Person,
    Registration,
    RegistrationStatus,
    RoleAssignment,
    utcnow,
)
from storage.text import slugify

# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, eq=False)
class Member:
    """A person as one network sees them: the human (`person`: name, e-mail, Slack user, one
    row however many networks they are in) and their `membership` there (party, title, active).
    `id` is the person's."""

    person: Person
    membership: Membership

    @property
    def id(self) -> int | None:
        return self.person.id

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def email(self) -> str | None:
        return self.person.email

    @property
    def phone(self) -> str | None:
        return self.person.phone

    @property
    def slack_user_id(self) -> str | None:
        return self.person.slack_user_id

    @property
    def locale(self) -> str | None:
        return self.person.locale

    @property
    def network_id(self) -> int:
        return self.membership.network_id

    @property
    def party_id(self) -> int | None:
        return self.membership.party_id

    @property
    def title(self) -> str:
        return self.membership.title

    @property
    def active(self) -> bool:
        return self.membership.active


PERSON_FIELDS = frozenset({"name", "email", "phone", "slack_user_id", "locale"})
MEMBERSHIP_FIELDS = frozenset({"party_id", "title", "active"})


def _members(rows: Iterable[Any]) -> list[Member]:
    return [Member(person, membership) for person, membership in rows]


def _in_network(network_id: int) -> Any:
    return (
        select(Person, Membership)
        .join(Membership, col(Membership.person_id) == Person.id)
        .where(Membership.network_id == network_id)
    )


def member(
    *, session: Session, person_id: int, network_id: int, active_only: bool = False
) -> Member | None:
    """The person with this id as the network sees them; None if they are not in it."""
    query = _in_network(network_id).where(Person.id == person_id)
    if active_only:
        query = query.where(col(Membership.active).is_(True))
    row = session.exec(query).first()
    return Member(*row) if row is not None else None


def network_by_slug(slug: str, *, session: Session) -> Network | None:
    return session.exec(select(Network).where(Network.slug == slug)).first()


def networks(*, session: Session) -> list[Network]:
    return list(session.exec(select(Network).order_by(Network.name)))


def parties(*, session: Session, network_id: int) -> list[Party]:
    return list(
        session.exec(select(Party).where(Party.network_id == network_id).order_by(Party.name))
    )


class PartyRef(NamedTuple):
    """The fields of a party that name it: cheap to load for matching what people type."""

    id: int
    name: str
    slug: str
    kind: str
    aliases: tuple[str, ...]


def party_refs(*, session: Session, network_id: int) -> list[PartyRef]:
    """Every party's names, without loading full rows (a national network has 300+ parties);
    loaded once per generation of the registry (`storage.generation`)."""

    def load() -> tuple[PartyRef, ...]:
        rows = session.exec(
            select(Party.id, Party.name, Party.slug, Party.kind, Party.aliases)
            .where(Party.network_id == network_id)
            .order_by(Party.name)
        )
        return tuple(
            PartyRef(i, name, slug, kind, tuple(aliases)) for i, name, slug, kind, aliases in rows
        )

    return list(generation.cached(("party_refs", network_id), load, session=session))


def areas(*, session: Session, network_id: int, include_archived: bool = False) -> list[FocusArea]:
    query = select(FocusArea).where(FocusArea.network_id == network_id)
    if not include_archived:
        query = query.where(FocusArea.status == AreaStatus.active)
    return list(session.exec(query.order_by(FocusArea.name)))


class AreaSummary(NamedTuple):
    """An active focus area as the list of areas shows it."""

    id: int
    name: str
    is_example: bool
    participants: int
    name_en: str | None = None


def area_summaries(*, session: Session, network_id: int) -> list[AreaSummary]:
    """The active areas by name, with how many parties take part in each now; read once per
    generation of the registry (`storage.generation`)."""

    def load() -> tuple[AreaSummary, ...]:
        found = areas(session=session, network_id=network_id)
        counts = participation_counts(session=session, area_ids=[a.id for a in found if a.id])
        return tuple(
            AreaSummary(a.id, a.name, a.is_example, counts.get(a.id, 0), a.name_en)  # type: ignore[arg-type]
            for a in found
        )

    return list(generation.cached(("area_summaries", network_id), load, session=session))


def active_participations(
    *, session: Session, area_id: int | None = None, party_id: int | None = None
) -> list[Participation]:
    query = select(Participation).where(col(Participation.left_at).is_(None))
    if area_id is not None:
        query = query.where(Participation.area_id == area_id)
    if party_id is not None:
        query = query.where(Participation.party_id == party_id)
    return list(session.exec(query.order_by(Participation.joined_at)))


def participation_counts(*, session: Session, area_ids: Iterable[int]) -> dict[int, int]:
    """How many parties take part in each area now, in one query (0 for none)."""
    ids = list(area_ids)
    counts = dict.fromkeys(ids, 0)
    if ids:
        rows = session.exec(
            select(Participation.area_id, func.count())
            .where(col(Participation.area_id).in_(ids), col(Participation.left_at).is_(None))
            .group_by(Participation.area_id)
        )
        counts.update({area_id: int(n) for area_id, n in rows})
    return counts


def participating_party_ids(*, session: Session) -> set[int]:
    """The ids of the parties taking part in at least one area now, in one query."""
    rows = session.exec(
        select(Participation.party_id).where(col(Participation.left_at).is_(None)).distinct()
    )
    return set(rows)


def participants(*, session: Session, area_id: int) -> list[tuple[Party, Participation]]:
    """The parties taking part in an area now, with their participation rows, by name."""
    rows = session.exec(
        select(Party, Participation)
        .join(Participation, col(Participation.party_id) == Party.id)
        .where(Participation.area_id == area_id, col(Participation.left_at).is_(None))
        .order_by(Party.name)
    )
    return [(party, participation) for party, participation in rows]


class ContactRef(NamedTuple):
    """How a contact person is shown: name, title, Slack user, e-mail and phone."""

    name: str
    title: str
    slack_user_id: str | None
    email: str | None
    phone: str | None


_CONTACT_COLUMNS = (
    Person.name,
    func.coalesce(Membership.title, ""),
    Person.slack_user_id,
    Person.email,
    Person.phone,
)


def _contact(name: str | None, *rest: Any) -> ContactRef | None:
    return ContactRef(name, *rest) if name is not None else None


class ParticipantRef(NamedTuple):
    """A party taking part in an area now, as the area's page shows it."""

    party_name: str
    joined_at: datetime
    contact: ContactRef | None


def participant_refs(*, session: Session, area_id: int) -> list[ParticipantRef]:
    """The parties taking part in an area now, by name, with their contact persons; read once
    per generation of the registry (`storage.generation`)."""

    def load() -> tuple[ParticipantRef, ...]:
        rows = session.exec(
            select(Party.name, Participation.joined_at, *_CONTACT_COLUMNS)
            .join(Participation, col(Participation.party_id) == Party.id)
            .outerjoin(Person, col(Person.id) == Participation.contact_person_id)
            .outerjoin(
                Membership,
                (col(Membership.person_id) == Person.id)
                & (col(Membership.network_id) == Party.network_id),
            )
            .where(Participation.area_id == area_id, col(Participation.left_at).is_(None))
            .order_by(Party.name)
        )
        return tuple(
            ParticipantRef(party, joined, _contact(*rest)) for party, joined, *rest in rows
        )

    return list(generation.cached(("participant_refs", area_id), load, session=session))


class PartyAreaRef(NamedTuple):
    """An area a party takes part in now, with the party's contact person for it."""

    area_id: int
    area_name: str
    joined_at: datetime
    contact: ContactRef | None
    area_name_en: str | None = None


def party_area_refs(*, session: Session, party_id: int) -> list[PartyAreaRef]:
    """The areas a party takes part in now, by name, with its contact for each; read once per
    generation of the registry (`storage.generation`)."""

    def load() -> tuple[PartyAreaRef, ...]:
        rows = session.exec(
            select(
                FocusArea.id,
                FocusArea.name,
                FocusArea.name_en,
                Participation.joined_at,
                *_CONTACT_COLUMNS,
            )
            .join(Participation, col(Participation.area_id) == FocusArea.id)
            .outerjoin(Person, col(Person.id) == Participation.contact_person_id)
            .outerjoin(
                Membership,
                (col(Membership.person_id) == Person.id)
                & (col(Membership.network_id) == FocusArea.network_id),
            )
            .where(Participation.party_id == party_id, col(Participation.left_at).is_(None))
            .order_by(FocusArea.name)
        )
        return tuple(
            PartyAreaRef(area_id, name, joined, _contact(*rest), name_en)
            for area_id, name, name_en, joined, *rest in rows
        )

    return list(generation.cached(("party_area_refs", party_id), load, session=session))


def area_ids_of_party(*, session: Session, party_id: int) -> frozenset[int]:
    """The ids of the areas a party takes part in now (from `party_area_refs`)."""
    return frozenset(a.area_id for a in party_area_refs(session=session, party_id=party_id))


def areas_of_party(*, session: Session, party_id: int) -> list[tuple[FocusArea, Participation]]:
    rows = session.exec(
        select(FocusArea, Participation)
        .join(Participation, col(Participation.area_id) == FocusArea.id)
        .where(Participation.party_id == party_id, col(Participation.left_at).is_(None))
        .order_by(FocusArea.name)
    )
    return [(area, participation) for area, participation in rows]


def member_of(*, session: Session, person_id: int, network_id: int) -> Member | None:
    """`member` read once per generation of the registry (`storage.generation`): the person and
    their membership of the network, removed ones too; None if they were never in it."""
    person = generation.registry_row(Person, person_id, session=session)
    if person is None:
        return None
    membership = generation.cached_row(
        ("membership", person_id, network_id),
        lambda: session.exec(
            select(Membership).where(
                Membership.person_id == person_id, Membership.network_id == network_id
            )
        ).first(),
        session=session,
    )
    return Member(person, membership) if membership is not None else None


def person_by_slack_id(*, session: Session, network_id: int, slack_user_id: str) -> Member | None:
    """The active member of the network with this Slack user."""
    row = session.exec(
        _in_network(network_id).where(
            Person.slack_user_id == slack_user_id, col(Membership.active).is_(True)
        )
    ).first()
    return Member(*row) if row is not None else None


def people(*, session: Session, network_id: int, party_id: int | None = None) -> list[Member]:
    """The network's active members (of one party when given), by name."""
    query = _in_network(network_id).where(col(Membership.active).is_(True))
    if party_id is not None:
        query = query.where(Membership.party_id == party_id)
    return _members(session.exec(query.order_by(Person.name, Person.id)))


class PersonRef(NamedTuple):
    """A person as contact lists show them, with their roles."""

    id: int
    name: str
    title: str
    slack_user_id: str | None
    email: str | None
    phone: str | None
    roles: frozenset[str]


def party_people(*, session: Session, network_id: int, party_id: int) -> list[PersonRef]:
    """The active people of a party, by name, with their roles; read once per generation of
    the registry (`storage.generation`)."""

    def load() -> tuple[PersonRef, ...]:
        found = people(session=session, network_id=network_id, party_id=party_id)
        roles = roles_by_person(
            session=session, person_ids=[p.id for p in found if p.id], network_id=network_id
        )
        return tuple(
            PersonRef(
                p.id,  # type: ignore[arg-type]
                p.name,
                p.title,
                p.slack_user_id,
                p.email,
                p.phone,
                frozenset(roles.get(p.id or 0, ())),
            )
            for p in found
        )

    return list(generation.cached(("party_people", network_id, party_id), load, session=session))


def person_names_of(*, session: Session, network_id: int) -> list[Any]:
    """(id, name, email) of every active person, by name: enough to match a typed name
    without loading thousands of full rows (load the one found with `session.get`)."""
    query = (
        select(Person.id, Person.name, Person.email)
        .join(Membership, col(Membership.person_id) == Person.id)
        .where(Membership.network_id == network_id, col(Membership.active).is_(True))
    )
    return list(session.exec(query.order_by(Person.name)))


class AreaRef(NamedTuple):
    """The fields of a focus area that name it: cheap to load for matching what people type."""

    id: int
    name: str
    slug: str
    archived: bool
    name_en: str | None = None


def area_refs(*, session: Session, network_id: int) -> list[AreaRef]:
    """Every focus area's names (archived ones too), by name, without loading full rows;
    loaded once per generation of the registry (`storage.generation`)."""

    def load() -> tuple[AreaRef, ...]:
        rows = session.exec(
            select(
                FocusArea.id, FocusArea.name, FocusArea.slug, FocusArea.status, FocusArea.name_en
            )
            .where(FocusArea.network_id == network_id)
            .order_by(FocusArea.name)
        )
        return tuple(
            AreaRef(i, name, slug, status == AreaStatus.archived, name_en)
            for i, name, slug, status, name_en in rows
        )

    return list(generation.cached(("area_refs", network_id), load, session=session))


def roles_of(*, session: Session, person_id: int, network_id: int) -> set[str]:
    """The roles the person holds in this network (roles are per network)."""
    rows = session.exec(
        select(RoleAssignment.role).where(
            RoleAssignment.person_id == person_id, RoleAssignment.network_id == network_id
        )
    )
    return set(rows)


def roles_by_person(
    *, session: Session, person_ids: Iterable[int], network_id: int
) -> dict[int, set[str]]:
    ids = list(person_ids)
    result: dict[int, set[str]] = {i: set() for i in ids}
    if ids:
        rows = session.exec(
            select(RoleAssignment.person_id, RoleAssignment.role).where(
                col(RoleAssignment.person_id).in_(ids), RoleAssignment.network_id == network_id
            )
        )
        for person_id, role in rows:
            result[person_id].add(role)
    return result


def people_with_role(*, session: Session, network_id: int, role: str) -> list[Member]:
    """The network's active members who hold the role there, by name."""
    query = (
        _in_network(network_id)
        .join(RoleAssignment, col(RoleAssignment.person_id) == Person.id)
        .where(
            RoleAssignment.network_id == network_id,
            RoleAssignment.role == role,
            col(Membership.active).is_(True),
        )
        .distinct()
        .order_by(Person.name, Person.id)
    )
    return _members(session.exec(query))


class CommitmentRef(NamedTuple):
    """A commitment as it is read and cited: whom it binds (a kind of party or one party)."""

    id: int
    party_kind: str | None
    party_id: int | None
    text: str
    source: str
    section: str


def commitments_for(
    *, session: Session, network_id: int, party: Party | None = None
) -> list[CommitmentRef]:
    """All commitments, or those binding `party`: its kind's and its own, in document order;
    read once per generation of the registry (`storage.generation`)."""

    def load() -> tuple[CommitmentRef, ...]:
        rows = session.exec(
            select(
                Commitment.id,
                Commitment.party_kind,
                Commitment.party_id,
                Commitment.text,
                Commitment.source,
                Commitment.section,
            )
            .where(Commitment.network_id == network_id)
            .order_by(Commitment.position, Commitment.id)
        )
        return tuple(CommitmentRef(*row) for row in rows)

    everything = generation.cached(("commitments", network_id), load, session=session)
    if party is None:
        return list(everything)
    return [c for c in everything if c.party_id == party.id or c.party_kind == party.kind]


# --------------------------------------------------------------------------- changing


def join_area(
    *,
    session: Session,
    area: FocusArea,
    party: Party,
    actor: str,
    contact_person_id: int | None = None,
    note: str = "",
    at: datetime | None = None,
) -> tuple[Participation, bool]:
    """Make `party` a participant of `area`; returns (participation, whether it is new)."""
    assert area.id is not None and party.id is not None
    current = active_participations(session=session, area_id=area.id, party_id=party.id)
    if current:
        participation = current[0]
        update_participation(
            session=session,
            participation=participation,
            area=area,
            party=party,
            actor=actor,
            contact_person_id=contact_person_id or participation.contact_person_id,
            note=note or participation.note,
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
    _audit_participation(session, "participation.join", participation, area, party, actor)
    return participation, True


def leave_area(
    *, session: Session, area: FocusArea, party: Party, actor: str, at: datetime | None = None
) -> Participation | None:
    """End `party`'s participation in `area`, keeping the row; None if it was not a participant."""
    assert area.id is not None and party.id is not None
    current = active_participations(session=session, area_id=area.id, party_id=party.id)
    if not current:
        return None
    participation = current[0]
    before = audit.snapshot(participation)
    participation.left_at = at or utcnow()
    participation.left_by = actor
    session.add(participation)
    session.flush()
    _audit_participation(
        session, "participation.leave", participation, area, party, actor, before=before
    )
    return participation


def add_person(
    *,
    session: Session,
    network_id: int,
    name: str,
    actor: str,
    party_id: int | None = None,
    title: str = "",
    email: str | None = None,
    phone: str | None = None,
    slack_user_id: str | None = None,
    roles: Iterable[str] = (),
) -> Member:
    """Add a person with their roles to a network. A human already in the registry (the same
    Slack user, else the same e-mail and not in this network yet) gets a membership here
    instead of a second person row."""
    person = human(session=session, slack_user_id=slack_user_id, email=email, network_id=network_id)
    if person is None:
        person = Person(name=name, email=email, phone=phone, slack_user_id=slack_user_id)
        session.add(person)
        session.flush()
    else:
        for key, value in (("email", email), ("phone", phone), ("slack_user_id", slack_user_id)):
            if value and not getattr(person, key):
                setattr(person, key, value)
        session.add(person)
    assert person.id is not None
    membership = Membership(
        person_id=person.id, network_id=network_id, party_id=party_id, title=title
    )
    session.add(membership)
    session.flush()
    role_list = sorted(set(roles))
    for role in role_list:
        session.add(RoleAssignment(person_id=person.id, network_id=network_id, role=role))
    added = Member(person, membership)
    audit.record(
        session=session,
        actor=actor,
        action="person.create",
        entity="person",
        entity_id=person.id,
        network_id=network_id,
        party_id=party_id,
        summary=name,
        after={**member_snapshot(added), "roles": role_list},
    )
    session.flush()
    return added


def human(
    *, session: Session, slack_user_id: str | None, email: str | None, network_id: int
) -> Person | None:
    """The person row a new member of the network is: the one with their Slack user, else one
    with their e-mail (case-folded) that is not in the network yet; None for a new human."""
    if slack_user_id:
        found = session.exec(select(Person).where(Person.slack_user_id == slack_user_id)).first()
        if found is not None:
            return found
    if email and email.strip():
        in_network = select(Membership.person_id).where(Membership.network_id == network_id)
        query = select(Person).where(
            func.lower(Person.email) == email.strip().lower(),
            col(Person.id).not_in(in_network),
        )
        if slack_user_id:  # another Slack user with the same e-mail is another human
            query = query.where(col(Person.slack_user_id).is_(None))
        return session.exec(query.order_by(Person.id)).first()
    return None


def member_snapshot(found: Member) -> dict[str, Any]:
    """A JSON-safe copy of a member's fields (the human's and the membership's) for audit."""
    return {
        **(audit.snapshot(found.person) or {}),
        **(audit.snapshot(found.membership, exclude=frozenset({"id", "person_id"})) or {}),
    }


# --------------------------------------------------------------------------- areas

_UNSET: object = object()


def area_slug_for(*, session: Session, network_id: int, name: str) -> str:
    """A slug for a new area that no area of the network (archived ones too) uses yet."""
    base = slugify(name)
    taken = set(
        session.exec(select(FocusArea.slug).where(FocusArea.network_id == network_id)).all()
    )
    slug, n = base, 2
    while slug in taken:
        slug = f"{base[:95]}-{n}"
        n += 1
    return slug


def create_area(
    *,
    session: Session,
    network_id: int,
    name: str,
    actor: str,
    description: str = "",
    lead_person_id: int | None = None,
    channel_id: str | None = None,
) -> FocusArea:
    area = FocusArea(
        network_id=network_id,
        name=name,
        slug=area_slug_for(session=session, network_id=network_id, name=name),
        description=description,
        lead_person_id=lead_person_id,
        channel_id=channel_id,
    )
    session.add(area)
    session.flush()
    audit.record_change(
        area,
        session=session,
        actor=actor,
        action="area.create",
        summary=name,
        area_id=area.id,
        network_id=network_id,
    )
    return area


def update_area(
    *,
    session: Session,
    area: FocusArea,
    actor: str,
    name: str | None = None,
    description: str | None = None,
    lead_person_id: int | object | None = _UNSET,
    channel_id: str | object | None = _UNSET,
    at: datetime | None = None,
) -> list[str]:
    """Change an area's fields; returns the names of the fields that changed (audited as
    `area.rename`, `area.describe`, `area.lead`, `area.channel`, or `area.update` for several)."""
    before = audit.snapshot(area)
    changed: list[str] = []
    if name is not None and name != area.name:
        area.name = name
        changed.append("name")
    if description is not None and description != area.description:
        area.description = description
        changed.append("description")
    if lead_person_id is not _UNSET and lead_person_id != area.lead_person_id:
        area.lead_person_id = lead_person_id  # type: ignore[assignment]
        changed.append("lead")
    if channel_id is not _UNSET and channel_id != area.channel_id:
        area.channel_id = channel_id  # type: ignore[assignment]
        changed.append("channel")
    if not changed:
        return []
    area.is_example = False  # edited by the coordinators: no longer a seed example
    area.updated_at = at or utcnow()
    session.add(area)
    session.flush()
    single = {"name": "area.rename", "description": "area.describe", "lead": "area.lead"}
    action = single.get(changed[0], "area.channel") if len(changed) == 1 else "area.update"
    audit.record_change(
        area,
        session=session,
        actor=actor,
        action=action,
        before=before,
        summary=area.name if "name" not in changed else f"{before['name']} → {area.name}",  # type: ignore[index],
        area_id=area.id,
    )
    return changed


def set_area_archived(
    *, session: Session, area: FocusArea, archived: bool, actor: str, at: datetime | None = None
) -> bool:
    """Archive (or restore) an area; participation rows and history are kept. Returns whether
    anything changed."""
    status = AreaStatus.archived if archived else AreaStatus.active
    if area.status == status:
        return False
    before = audit.snapshot(area)
    area.status = status
    area.updated_at = at or utcnow()
    session.add(area)
    session.flush()
    audit.record_change(
        area,
        session=session,
        actor=actor,
        action="area.archive" if archived else "area.restore",
        before=before,
        summary=area.name,
        area_id=area.id,
    )
    return True


# --------------------------------------------------------------------------- people and roles


def person_any_by_slack_id(
    *, session: Session, network_id: int, slack_user_id: str
) -> Member | None:
    """The network's member with this Slack ID, removed ones too."""
    row = session.exec(_in_network(network_id).where(Person.slack_user_id == slack_user_id)).first()
    return Member(*row) if row is not None else None


def person_any_by_slack_user(*, session: Session, slack_user_id: str) -> Person | None:
    """The human with this Slack ID, in whichever networks (the ID is unique)."""
    return session.exec(select(Person).where(Person.slack_user_id == slack_user_id)).first()


def _person_state(session: Session, person: Member) -> dict:
    assert person.id is not None
    return {
        **member_snapshot(person),
        "roles": sorted(
            roles_of(session=session, person_id=person.id, network_id=person.network_id)
        ),
    }


def _set_roles(session: Session, person_id: int, network_id: int, roles: Iterable[str]) -> None:
    wanted = set(roles)
    rows = session.exec(
        select(RoleAssignment).where(
            RoleAssignment.person_id == person_id,
            RoleAssignment.network_id == network_id,
            col(RoleAssignment.area_id).is_(None),
        )
    ).all()
    have = {row.role: row for row in rows}
    for role, row in have.items():
        if role not in wanted:
            session.delete(row)
    for role in sorted(wanted - set(have)):
        session.add(RoleAssignment(person_id=person_id, network_id=network_id, role=role))
    session.flush()


def update_person(
    *,
    session: Session,
    person: Member,
    actor: str,
    roles: Iterable[str] | None = None,
    at: datetime | None = None,
    **fields: object,
) -> list[str]:
    """Change a member's fields (the human's name, email, phone, slack_user_id; the network's
    title, party_id, active) and, when given, their roles in the network; returns what changed
    (`roles` included), audited as one `person.update` (or `person.roles` when only the roles
    changed)."""
    assert person.id is not None
    assert set(fields) <= PERSON_FIELDS | MEMBERSHIP_FIELDS, fields
    before = _person_state(session, person)
    changed = [k for k, v in fields.items() if getattr(person, k) != v]
    for key in changed:
        row = person.person if key in PERSON_FIELDS else person.membership
        setattr(row, key, fields[key])
    if roles is not None and set(roles) != set(before["roles"]):
        _set_roles(session, person.id, person.network_id, roles)
        changed.append("roles")
    if not changed:
        return []
    now = at or utcnow()
    if any(k in PERSON_FIELDS for k in changed):
        person.person.updated_at = now
        session.add(person.person)
    person.membership.updated_at = now
    session.add(person.membership)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="person.roles" if changed == ["roles"] else "person.update",
        entity="person",
        entity_id=person.id,
        network_id=person.network_id,
        party_id=person.party_id,
        summary=person.name,
        before=before,
        after=_person_state(session, person),
    )
    return changed


def remove_person(
    *, session: Session, person: Member, actor: str, at: datetime | None = None
) -> None:
    """Take a person out of a network: their membership inactive, without roles there; the rows
    and history stay (and the human's other networks)."""
    assert person.id is not None
    before = _person_state(session, person)
    _set_roles(session, person.id, person.network_id, ())
    person.membership.active = False
    person.membership.updated_at = at or utcnow()
    session.add(person.membership)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="person.remove",
        entity="person",
        entity_id=person.id,
        network_id=person.network_id,
        party_id=person.party_id,
        summary=person.name,
        before=before,
        after=_person_state(session, person),
    )


def add_or_restore_person(
    *,
    session: Session,
    network_id: int,
    name: str,
    actor: str,
    slack_user_id: str | None = None,
    roles: Iterable[str] = (),
    **fields: object,
) -> Member:
    """`add_person`, or bring back a removed member with the same Slack ID (the ID is unique)."""
    if slack_user_id:
        old = person_any_by_slack_id(
            session=session, network_id=network_id, slack_user_id=slack_user_id
        )
        if old is not None:
            update_person(
                session=session,
                person=old,
                actor=actor,
                roles=roles,
                name=name,
                active=True,
                **fields,
            )
            return old
    return add_person(
        session=session,
        network_id=network_id,
        name=name,
        actor=actor,
        slack_user_id=slack_user_id,
        roles=roles,
        **fields,  # type: ignore[arg-type]
    )


def set_locale(*, session: Session, person: Person | Member, locale: str) -> None:
    """Cache the person's Slack locale (not a registry change: no audit entry)."""
    row = person.person if isinstance(person, Member) else person
    row.locale = locale[:16]
    session.add(row)


# --------------------------------------------------------------------------- registrations


def pending_registrations(*, session: Session, network_id: int) -> list[Registration]:
    return list(
        session.exec(
            select(Registration)
            .where(
                Registration.network_id == network_id,
                Registration.status == RegistrationStatus.pending,
            )
            .order_by(Registration.created_at, Registration.id)
        )
    )


def pending_registration_of(
    *, session: Session, network_id: int, slack_user_id: str
) -> Registration | None:
    return session.exec(
        select(Registration).where(
            Registration.network_id == network_id,
            Registration.slack_user_id == slack_user_id,
            Registration.status == RegistrationStatus.pending,
        )
    ).first()


def create_registration(
    *,
    session: Session,
    network_id: int,
    slack_user_id: str,
    name: str,
    party_id: int | None,
    role: str,
    title: str = "",
    at: datetime | None = None,
) -> Registration:
    registration = Registration(
        network_id=network_id,
        slack_user_id=slack_user_id,
        name=name,
        party_id=party_id,
        role=role,
        title=title,
        created_at=at or utcnow(),
    )
    session.add(registration)
    session.flush()
    audit.record_change(
        registration,
        session=session,
        actor=slack_user_id,
        action="registration.create",
        summary=name,
        party_id=party_id,
        network_id=network_id,
    )
    return registration


def decide_registration(
    *,
    session: Session,
    registration: Registration,
    approve: bool,
    actor: str,
    at: datetime | None = None,
) -> Member | None:
    """Approve (adding the person with the asked-for role) or reject a pending registration."""
    before = audit.snapshot(registration)
    registration.status = RegistrationStatus.approved if approve else RegistrationStatus.rejected
    registration.decided_by = actor
    registration.decided_at = at or utcnow()
    session.add(registration)
    person = None
    if approve:
        existing = person_by_slack_id(
            session=session,
            network_id=registration.network_id,
            slack_user_id=registration.slack_user_id,
        )
        if existing is not None and existing.id is not None:
            roles = roles_of(
                session=session, person_id=existing.id, network_id=registration.network_id
            ) | {registration.role}
            update_person(session=session, person=existing, actor=actor, roles=roles)
            person = existing
        else:
            person = add_or_restore_person(
                session=session,
                network_id=registration.network_id,
                name=registration.name,
                actor=actor,
                slack_user_id=registration.slack_user_id,
                roles=[registration.role],
                party_id=registration.party_id,
                title=registration.title,
            )
    session.flush()
    audit.record_change(
        registration,
        session=session,
        actor=actor,
        action="registration.approve" if approve else "registration.reject",
        before=before,
        summary=registration.name,
        party_id=registration.party_id,
    )
    return person


# --------------------------------------------------------------------------- the matrix


def participation_matrix(*, session: Session, network_id: int) -> list[Participation]:
    """Every active participation in the network's active areas (one query)."""
    return list(
        session.exec(
            select(Participation)
            .join(FocusArea, col(FocusArea.id) == Participation.area_id)
            .where(
                FocusArea.network_id == network_id,
                FocusArea.status == AreaStatus.active,
                col(Participation.left_at).is_(None),
            )
            .order_by(Participation.joined_at)
        )
    )


def participation_history(*, session: Session, network_id: int) -> list[Participation]:
    """Every participation row of the network, ended ones too, oldest first."""
    return list(
        session.exec(
            select(Participation)
            .join(FocusArea, col(FocusArea.id) == Participation.area_id)
            .where(FocusArea.network_id == network_id)
            .order_by(Participation.joined_at, Participation.id)
        )
    )


def update_participation(
    *,
    session: Session,
    participation: Participation,
    area: FocusArea,
    party: Party,
    actor: str,
    contact_person_id: int | None,
    note: str,
) -> bool:
    """Set (or clear) the contact and the note of a participation; returns whether it changed."""
    if participation.contact_person_id == contact_person_id and participation.note == note:
        return False
    before = audit.snapshot(participation)
    participation.contact_person_id = contact_person_id
    participation.note = note
    session.add(participation)
    session.flush()
    _audit_participation(
        session, "participation.update", participation, area, party, actor, before=before
    )
    return True


def _audit_participation(
    session: Session,
    action: str,
    participation: Participation,
    area: FocusArea,
    party: Party,
    actor: str,
    *,
    before: dict[str, Any] | None = None,
) -> None:
    """The audit entry of a change to a participation (join, leave, contact or note)."""
    arrow = {"participation.join": "→", "participation.leave": "←"}.get(action, "·")
    audit.record_change(
        participation,
        session=session,
        actor=actor,
        action=action,
        before=before,
        summary=f"{party.name} {arrow} {area.name}",
        party_id=party.id,
        area_id=area.id,
        network_id=area.network_id,
    )


def area_by_slug(*, session: Session, network_id: int, slug: str) -> FocusArea | None:
    """The network's area (archived ones too) with this slug."""
    return session.exec(
        select(FocusArea).where(FocusArea.network_id == network_id, FocusArea.slug == slug)
    ).first()


def registration_for_update(*, session: Session, registration_id: int) -> Registration | None:
    """The registration, locked for this transaction (`SELECT … FOR UPDATE`)."""
    return session.exec(
        select(Registration).where(Registration.id == registration_id).with_for_update()
    ).first()


def latest_participations(
    *,
    session: Session,
    network_id: int,
    ended: bool,
    limit: int,
    area_ids: list[int] | None = None,
    party_ids: list[int] | None = None,
) -> list[Participation]:
    """The network's participation rows, latest first (by leaving if `ended`, which keeps only
    the ended ones; else by joining), of these areas and parties if given: one indexed query."""
    order = col(Participation.left_at) if ended else col(Participation.joined_at)
    query = (
        select(Participation)
        .join(FocusArea, col(FocusArea.id) == Participation.area_id)
        .where(FocusArea.network_id == network_id)
    )
    if ended:
        query = query.where(col(Participation.left_at).is_not(None))
    if area_ids:
        query = query.where(col(Participation.area_id).in_(area_ids))
    if party_ids:
        query = query.where(col(Participation.party_id).in_(party_ids))
    return list(
        session.exec(query.order_by(order.desc(), col(Participation.id).desc()).limit(limit))
    )
