"""The network data file: one TOML file per network, read by `import`, written by `export`.

The format is documented in the README ("Network data files"). Import is an idempotent upsert
(importing the same file twice changes nothing); export writes the same format, so
export → import → export gives the same bytes. A bad file raises `NetworkFileError` naming the
line and field, and nothing is written.
"""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sqlalchemy import update
from sqlmodel import Session, SQLModel, col, func, select

from storage import audit, documents, registry
from storage.models import (
    AreaStatus,
    Commitment,
    Document,
    Event,
    EventKind,
    EventStatus,
    FocusArea,
    Membership,
    Network,
    Organisation,
    Participation,
    Party,
    PartyKind,
    Person,
    Role,
    RoleAssignment,
    utcnow,
)
from storage.text import slugify


class NetworkFileError(Exception):
    """The file cannot be imported; the message names the line and the field."""


Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=100)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class NetworkSpec(_Strict):
    slug: Slug
    name: Annotated[str, Field(min_length=1, max_length=200)]
    kind: Literal["agreement", "council", "declaration", "proposal", "other"] = "agreement"
    description: str = ""
    timezone: str = "Europe/Stockholm"
    valid_from: date | None = None
    valid_to: date | None = None
    channel: str | None = None
    coordinators_channel: str | None = None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        ZoneInfo(value)
        return value


class PartySpec(_Strict):
    slug: Slug | None = None
    name: Annotated[str, Field(min_length=1, max_length=200)]
    kind: PartyKind = PartyKind.municipality
    aliases: list[str] = []


class AreaSpec(_Strict):
    slug: Slug | None = None
    name: Annotated[str, Field(min_length=1, max_length=80)]
    description: str = ""
    name_en: Annotated[str, Field(min_length=1, max_length=80)] | None = None
    description_en: str | None = None
    status: AreaStatus = AreaStatus.active
    example: bool = False
    channel: str | None = None
    lead: str | None = None  # a person's key (Slack ID, e-mail or name)


class PersonSpec(_Strict):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    title: str = ""
    party: Slug | None = None
    email: str | None = None
    phone: str | None = None
    slack: str | None = Field(default=None, pattern=r"^[UW][A-Z0-9]{2,}$")
    roles: list[Role] = []

    @property
    def key(self) -> str:
        return self.slack or self.email or self.name


class ParticipationSpec(_Strict):
    party: Slug
    area: Slug
    joined: datetime | None = None
    joined_by: str = "import"
    left: datetime | None = None
    left_by: str | None = None
    contact: str | None = None  # a person's key
    note: str = ""


class CommitmentSpec(_Strict):
    party_kind: PartyKind | None = None
    party: Slug | None = None
    text: Annotated[str, Field(min_length=1)]
    source: str = ""
    section: str = ""

    @model_validator(mode="after")
    def _binds_someone(self) -> CommitmentSpec:
        if (self.party_kind is None) == (self.party is None):
            raise ValueError("give exactly one of party_kind or party")
        return self


class EventSpec(_Strict):
    kind: EventKind = EventKind.forum
    title: Annotated[str, Field(min_length=1, max_length=200)]
    start: datetime | date
    end: datetime | date | None = None
    area: Slug | None = None
    location: str = ""
    link: str = ""
    agenda: str = ""
    recurrence: str | None = None
    status: EventStatus = EventStatus.planned
    reminders: list[int] | None = None  # minutes before the start
    source: str = ""


class DocumentSpec(_Strict):
    slug: Slug
    title: Annotated[str, Field(min_length=1, max_length=300)]
    file: str | None = None  # relative to the network file: Markdown, text or PDF
    text: str | None = None  # or the text itself, inline (what `export` to stdout writes)
    source: str = ""

    @model_validator(mode="after")
    def _file_or_text(self) -> DocumentSpec:
        if (self.file is None) == (self.text is None):
            raise ValueError("give exactly one of file or text")
        return self


class NetworkFile(_Strict):
    format: Literal[1] = 1
    network: NetworkSpec
    parties: list[PartySpec] = []
    areas: list[AreaSpec] = []
    people: list[PersonSpec] = []
    participation: list[ParticipationSpec] = []
    commitments: list[CommitmentSpec] = []
    events: list[EventSpec] = []
    documents: list[DocumentSpec] = []

    @model_validator(mode="after")
    def _references_resolve(self) -> NetworkFile:
        party_slugs = {p.slug or slugify(p.name) for p in self.parties}
        area_slugs = {a.slug or slugify(a.name) for a in self.areas}
        person_keys = {p.key for p in self.people}
        for i, person in enumerate(self.people):
            if person.party and person.party not in party_slugs:
                raise _RefError(("people", i, "party"), f"unknown party {person.party!r}")
        for i, row in enumerate(self.participation):
            if row.party not in party_slugs:
                raise _RefError(("participation", i, "party"), f"unknown party {row.party!r}")
            if row.area not in area_slugs:
                raise _RefError(("participation", i, "area"), f"unknown area {row.area!r}")
            if row.contact and row.contact not in person_keys:
                raise _RefError(("participation", i, "contact"), f"unknown person {row.contact!r}")
        for i, area in enumerate(self.areas):
            if area.lead and area.lead not in person_keys:
                raise _RefError(("areas", i, "lead"), f"unknown person {area.lead!r}")
        for i, commitment in enumerate(self.commitments):
            if commitment.party and commitment.party not in party_slugs:
                raise _RefError(("commitments", i, "party"), f"unknown party {commitment.party!r}")
        for i, event in enumerate(self.events):
            if event.area and event.area not in area_slugs:
                raise _RefError(("events", i, "area"), f"unknown area {event.area!r}")
        return self


class _RefError(ValueError):
    def __init__(self, loc: tuple[Any, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc


# --------------------------------------------------------------------------- parsing


def parse(text: str, *, name: str = "file") -> NetworkFile:
    """Parse and validate a network file; errors name the line and the field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise NetworkFileError(f"{name}: not valid TOML: {exc}") from None
    try:
        return NetworkFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        message = error["msg"]
        ctx_error = (error.get("ctx") or {}).get("error")
        if isinstance(ctx_error, _RefError):
            loc, message = ctx_error.loc, str(ctx_error)
        raise NetworkFileError(
            f"{name}:{_line_of(text, loc)}: {_field_path(loc)}: {message}"
        ) from None


def _field_path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "file"


def _line_of(text: str, loc: tuple[Any, ...]) -> int:
    """The line where `loc` (e.g. ('parties', 3, 'kind')) is written, or its table starts."""
    lines = text.splitlines()
    start, end = 0, len(lines)
    if loc and isinstance(loc[0], str):
        table = loc[0]
        headers = [i for i, line in enumerate(lines) if re.match(rf"^\s*\[\[{table}\]\]\s*$", line)]
        single = [i for i, line in enumerate(lines) if re.match(rf"^\s*\[{table}\]\s*$", line)]
        if len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(headers):
            start = headers[loc[1]]
            later = [i for i, line in enumerate(lines) if i > start and re.match(r"^\s*\[", line)]
            end = later[0] if later else len(lines)
        elif single:
            start = single[0]
            later = [i for i, line in enumerate(lines) if i > start and re.match(r"^\s*\[", line)]
            end = later[0] if later else len(lines)
        field_name = next((p for p in reversed(loc) if isinstance(p, str)), None)
        if field_name and field_name != table:
            for i in range(start, end):
                if re.match(rf"^\s*{re.escape(field_name)}\s*=", lines[i]):
                    return i + 1
    return start + 1


def load_file(path: Path) -> NetworkFile:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise NetworkFileError(f"{path}: cannot be read: {exc.strerror}") from None
    return parse(text, name=str(path))


# --------------------------------------------------------------------------- importing


class ImportResult(BaseModel):
    created: int = 0
    updated: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def import_network(
    spec: NetworkFile, *, session: Session, actor: str = "import", base_dir: Path | None = None
) -> tuple[Network, ImportResult]:
    """Upsert everything in `spec` in the caller's transaction; returns what changed."""
    result = ImportResult()
    texts = {d.slug: _read_document(base_dir, d) for d in spec.documents}
    n = spec.network
    network = session.exec(select(Network).where(Network.slug == n.slug)).first()
    old_zone = network.timezone if network is not None else None
    network = _upsert(
        session,
        result,
        network,
        Network,
        dict(
            slug=n.slug,
            name=n.name,
            kind=n.kind,
            description=n.description,
            timezone=n.timezone,
            valid_from=n.valid_from,
            valid_to=n.valid_to,
            channel_id=n.channel,
            coordinators_channel_id=n.coordinators_channel,
        ),
        actor=actor,
        entity="network",
    )
    assert network.id is not None
    nid = network.id
    tz = ZoneInfo(network.timezone)
    if old_zone is not None and old_zone != network.timezone:
        # reminders fall at 09:00 local time: the reminder tick re-plans every event
        session.exec(update(Event).where(col(Event.network_id) == nid).values(planned_until=None))  # type: ignore[call-overload]

    party_by_slug: dict[str, Party] = {}
    for p in spec.parties:
        slug = p.slug or slugify(p.name)
        row = session.exec(select(Party).where(Party.network_id == nid, Party.slug == slug)).first()
        party_by_slug[slug] = _upsert(
            session,
            result,
            row,
            Party,
            dict(
                network_id=nid,
                slug=slug,
                name=p.name,
                kind=p.kind.value,
                aliases=list(p.aliases),
                organisation_id=_organisation_id(session, slug, p),
            ),
            actor=actor,
            entity="party",
        )

    person_by_key: dict[str, registry.Member] = {}
    for p in spec.people:
        party = party_by_slug.get(p.party) if p.party else None
        person = _import_person(session, result, nid, p, party, actor=actor)
        person_by_key[p.key] = person
        assert person.id is not None
        have = set(
            session.exec(
                select(RoleAssignment.role).where(
                    RoleAssignment.person_id == person.id,
                    RoleAssignment.network_id == nid,
                    col(RoleAssignment.area_id).is_(None),
                )
            )
        )
        for role in p.roles:
            if role.value not in have:
                session.add(RoleAssignment(person_id=person.id, network_id=nid, role=role.value))
                audit.record(
                    session=session,
                    actor=actor,
                    action="role.grant",
                    entity="person",
                    entity_id=person.id,
                    network_id=nid,
                    party_id=person.party_id,
                    summary=f"{person.name}: {role.value}",
                    after={"role": role.value},
                )
                result.created += 1

    area_by_slug: dict[str, FocusArea] = {}
    for a in spec.areas:
        slug = a.slug or slugify(a.name)
        row = session.exec(
            select(FocusArea).where(FocusArea.network_id == nid, FocusArea.slug == slug)
        ).first()
        lead = person_by_key.get(a.lead) if a.lead else None
        area_by_slug[slug] = _upsert(
            session,
            result,
            row,
            FocusArea,
            dict(
                network_id=nid,
                slug=slug,
                name=a.name,
                description=a.description,
                name_en=a.name_en,
                description_en=a.description_en,
                status=a.status.value,
                is_example=a.example,
                channel_id=a.channel,
                lead_person_id=lead.id if lead else None,
            ),
            actor=actor,
            entity="area",
        )

    for r in spec.participation:
        party, area = party_by_slug[r.party], area_by_slug[r.area]
        contact = person_by_key.get(r.contact) if r.contact else None
        query = select(Participation).where(
            Participation.party_id == party.id, Participation.area_id == area.id
        )
        if r.joined is not None:
            row = session.exec(query.where(Participation.joined_at == _aware(r.joined))).first()
        else:
            row = session.exec(query.where(col(Participation.left_at).is_(None))).first()
        values: dict[str, Any] = dict(
            party_id=party.id,
            area_id=area.id,
            joined_by=r.joined_by,
            left_at=_aware(r.left) if r.left else None,
            left_by=r.left_by,
            contact_person_id=contact.id if contact else None,
            note=r.note,
        )
        if r.joined is not None or row is None:
            values["joined_at"] = _aware(r.joined) if r.joined else utcnow()
        _upsert(
            session,
            result,
            row,
            Participation,
            values,
            actor=actor,
            entity="participation",
            party_id=party.id,
            area_id=area.id,
        )

    for position, c in enumerate(spec.commitments):
        party = party_by_slug.get(c.party) if c.party else None
        row = session.exec(
            select(Commitment).where(
                Commitment.network_id == nid,
                Commitment.text == c.text,
                Commitment.party_kind == (c.party_kind.value if c.party_kind else None),
                Commitment.party_id == (party.id if party else None),
            )
        ).first()
        _upsert(
            session,
            result,
            row,
            Commitment,
            dict(
                network_id=nid,
                party_kind=c.party_kind.value if c.party_kind else None,
                party_id=party.id if party else None,
                text=c.text,
                source=c.source,
                section=c.section,
                position=position,
            ),
            actor=actor,
            entity="commitment",
        )

    for e in spec.events:
        starts_at, all_day = _instant(e.start, tz)
        ends_at = _instant(e.end, tz)[0] if e.end is not None else None
        area = area_by_slug.get(e.area) if e.area else None
        row = session.exec(
            select(Event).where(
                Event.network_id == nid, Event.title == e.title, Event.starts_at == starts_at
            )
        ).first()
        changes = result.updated
        row = _upsert(
            session,
            result,
            row,
            Event,
            dict(
                network_id=nid,
                area_id=area.id if area else None,
                kind=e.kind.value,
                title=e.title,
                starts_at=starts_at,
                ends_at=ends_at,
                all_day=all_day,
                location=e.location,
                link=e.link,
                agenda=e.agenda,
                recurrence=e.recurrence,
                status=e.status.value,
                reminder_offsets=e.reminders,
                source=e.source,
            ),
            actor=actor,
            entity="event",
        )
        if result.updated != changes and row.planned_until is not None:
            row.planned_until = None  # changed: the reminder tick re-plans it (new ones: None)
            session.add(row)

    for d in spec.documents:
        changed = documents.ingest(
            session=session,
            network_id=nid,
            slug=d.slug,
            title=d.title,
            text=texts[d.slug],
            source=d.source or d.file or "",
            actor=actor,
        )
        if changed:
            result.updated += 1
    session.flush()
    return network, result


def _organisation_id(session: Session, slug: str, spec: PartySpec) -> int:
    """The organisation a party of this slug is, in every network: made by the first one."""
    found = session.exec(select(Organisation.id).where(Organisation.slug == slug)).first()
    if found is not None:
        return found
    organisation = Organisation(slug=slug, name=spec.name, kind=spec.kind.value)
    session.add(organisation)
    session.flush()
    assert organisation.id is not None
    return organisation.id


def _read_document(base_dir: Path | None, spec: DocumentSpec) -> str:
    if spec.text is not None:
        return spec.text
    assert spec.file is not None
    path = (base_dir or Path.cwd()) / spec.file
    try:
        return documents.read_text_file(path)
    except (OSError, ValueError) as exc:
        raise NetworkFileError(f"documents: {spec.slug}: cannot read {spec.file}: {exc}") from None


def _find_person(session: Session, network_id: int, spec: PersonSpec) -> registry.Member | None:
    """The network's member the file's person is (removed ones too)."""
    query = (
        select(Person, Membership)
        .join(Membership, col(Membership.person_id) == Person.id)
        .where(Membership.network_id == network_id)
    )
    if spec.slack:
        row = session.exec(query.where(Person.slack_user_id == spec.slack)).first()
    elif spec.email:
        folded = spec.email.strip().lower()
        row = session.exec(query.where(func.lower(Person.email) == folded)).first()
    else:
        row = session.exec(query.where(Person.name == spec.name)).first()
    return registry.Member(*row) if row is not None else None


def _import_person(
    session: Session,
    result: ImportResult,
    nid: int,
    spec: PersonSpec,
    party: Party | None,
    *,
    actor: str,
) -> registry.Member:
    """The file's person as a member of the network: their membership there changed to match
    the file, or made; a human already in the registry (another network's, by Slack user or
    e-mail) is linked rather than made twice."""
    human = {"name": spec.name, "email": spec.email, "phone": spec.phone}
    human["slack_user_id"] = spec.slack
    place = {"party_id": party.id if party else None, "title": spec.title, "active": True}
    found = _find_person(session, nid, spec)
    if found is None:
        result.created += 1
        return registry.add_person(
            session=session,
            network_id=nid,
            name=spec.name,
            actor=actor,
            party_id=place["party_id"],
            title=spec.title,
            email=spec.email,
            phone=spec.phone,
            slack_user_id=spec.slack,
        )
    changed = {k: v for k, v in {**human, **place}.items() if getattr(found, k) != v}
    if spec.email and (found.email or "").lower() == spec.email.strip().lower():
        changed.pop("email", None)  # one human, however each network's file spells it
    if changed:
        before = registry.member_snapshot(found)
        for key, value in changed.items():
            setattr(found.person if key in human else found.membership, key, value)
        now = utcnow()
        found.person.updated_at = found.membership.updated_at = now
        session.add(found.person)
        session.add(found.membership)
        session.flush()
        result.updated += 1
        audit.record(
            session=session,
            actor=actor,
            action="person.update",
            entity="person",
            entity_id=found.id,
            network_id=nid,
            party_id=found.party_id,
            summary=spec.name[:200],
            before=before,
            after=registry.member_snapshot(found),
        )
    return found


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _instant(value: datetime | date, tz: ZoneInfo) -> tuple[datetime, bool]:
    """A file's start/end as a UTC instant: a date is all-day (local midnight), a local date-time
    is read in the network's time zone."""
    if isinstance(value, datetime):
        local = value if value.tzinfo else value.replace(tzinfo=tz)
        return local.astimezone(UTC), False
    return datetime.combine(value, time(0), tz).astimezone(UTC), True


def _upsert(
    session: Session,
    result: ImportResult,
    row: Any,
    model: type[SQLModel],
    values: dict[str, Any],
    *,
    actor: str,
    entity: str,
    party_id: int | None = None,
    area_id: int | None = None,
) -> Any:
    """Create `row` from `values`, or change only the fields that differ; audit either."""
    if row is None:
        row = model(**values)
        session.add(row)
        session.flush()
        result.created += 1
        audit.record(
            session=session,
            actor=actor,
            action=f"{entity}.create",
            entity=entity,
            entity_id=row.id,
            network_id=values.get("network_id") or (row.id if entity == "network" else None),
            party_id=party_id,
            area_id=area_id,
            summary=str(values.get("name") or values.get("title") or "")[:200],
            after=audit.snapshot(row),
        )
        return row
    changed = {k: v for k, v in values.items() if getattr(row, k) != v}
    if changed:
        before = audit.snapshot(row)
        for key, value in changed.items():
            setattr(row, key, value)
        if hasattr(row, "updated_at"):
            row.updated_at = utcnow()
        session.add(row)
        session.flush()
        result.updated += 1
        audit.record(
            session=session,
            actor=actor,
            action=f"{entity}.update",
            entity=entity,
            entity_id=row.id,
            network_id=values.get("network_id") or (row.id if entity == "network" else None),
            party_id=party_id,
            area_id=area_id,
            summary=", ".join(sorted(changed))[:200],
            before=before,
            after=audit.snapshot(row),
        )
    return row


# --------------------------------------------------------------------------- exporting


def export_network(network: Network, *, session: Session, inline: bool = False) -> str:
    """The network as a network file (TOML), in a stable order. With `inline` each document's
    text is in the file itself, so the file carries everything; else it names the file that
    `export_documents` gives."""
    nid = network.id
    tz = ZoneInfo(network.timezone)
    parties = list(session.exec(select(Party).where(Party.network_id == nid).order_by(Party.id)))
    party_slug = {p.id: p.slug for p in parties}
    areas = list(
        session.exec(select(FocusArea).where(FocusArea.network_id == nid).order_by(FocusArea.id))
    )
    area_slug = {a.id: a.slug for a in areas}
    people = [
        registry.Member(person, membership)
        for person, membership in session.exec(
            select(Person, Membership)
            .join(Membership, col(Membership.person_id) == Person.id)
            .where(Membership.network_id == nid)
            .order_by(Person.id)
        )
    ]
    person_key = {p.id: (p.slack_user_id or p.email or p.name) for p in people}

    data: dict[str, Any] = {"format": 1}
    data["network"] = _clean(
        {
            "slug": network.slug,
            "name": network.name,
            "kind": network.kind,
            "description": network.description,
            "timezone": network.timezone,
            "valid_from": network.valid_from,
            "valid_to": network.valid_to,
            "channel": network.channel_id,
            "coordinators_channel": network.coordinators_channel_id,
        }
    )
    data["parties"] = [
        _clean({"slug": p.slug, "name": p.name, "kind": p.kind, "aliases": p.aliases})
        for p in parties
    ]
    data["areas"] = [
        _clean(
            {
                "slug": a.slug,
                "name": a.name,
                "description": a.description,
                "name_en": a.name_en,
                "description_en": a.description_en,
                "status": a.status,
                "example": a.is_example,
                "channel": a.channel_id,
                "lead": person_key.get(a.lead_person_id) if a.lead_person_id else None,
            }
        )
        for a in areas
    ]
    roles: dict[int, list[str]] = {}
    for assignment in session.exec(
        select(RoleAssignment).where(RoleAssignment.network_id == nid).order_by(RoleAssignment.id)
    ):
        if assignment.person_id in person_key and assignment.area_id is None:
            roles.setdefault(assignment.person_id, []).append(assignment.role)
    data["people"] = [
        _clean(
            {
                "name": p.name,
                "title": p.title,
                "party": party_slug.get(p.party_id) if p.party_id else None,
                "email": p.email,
                "phone": p.phone,
                "slack": p.slack_user_id,
                "roles": roles.get(p.id or 0, []),
            }
        )
        for p in people
        if p.active
    ]
    rows = session.exec(
        select(Participation)
        .where(Participation.party_id.in_(list(party_slug)))  # type: ignore[union-attr]
        .order_by(Participation.id)
    )
    data["participation"] = [
        _clean(
            {
                "party": party_slug[r.party_id],
                "area": area_slug[r.area_id],
                "joined": r.joined_at,
                "joined_by": r.joined_by,
                "left": r.left_at,
                "left_by": r.left_by,
                "contact": person_key.get(r.contact_person_id) if r.contact_person_id else None,
                "note": r.note,
            }
        )
        for r in rows
    ]
    commitments = session.exec(
        select(Commitment)
        .where(Commitment.network_id == nid)
        .order_by(Commitment.position, Commitment.id)
    )
    data["commitments"] = [
        _clean(
            {
                "party_kind": c.party_kind,
                "party": party_slug.get(c.party_id) if c.party_id else None,
                "text": c.text,
                "source": c.source,
                "section": c.section,
            }
        )
        for c in commitments
    ]
    events = session.exec(select(Event).where(Event.network_id == nid).order_by(Event.id))
    data["events"] = [
        _clean(
            {
                "kind": e.kind,
                "title": e.title,
                "start": _local(e.starts_at, tz, e.all_day),
                "end": _local(e.ends_at, tz, e.all_day) if e.ends_at else None,
                "area": area_slug.get(e.area_id) if e.area_id else None,
                "location": e.location,
                "link": e.link,
                "agenda": e.agenda,
                "recurrence": e.recurrence,
                "status": e.status,
                "reminders": e.reminder_offsets,
                "source": e.source,
            }
        )
        for e in events
    ]
    docs = session.exec(select(Document).where(Document.network_id == nid).order_by(Document.id))
    data["documents"] = [
        _clean(
            {
                "slug": d.slug,
                "title": d.title,
                "file": None if inline else f"{d.slug}.md",
                "text": documents.as_markdown(d, session=session) if inline else None,
                "source": d.source,
            }
        )
        for d in docs
    ]
    return tomli_w.dumps(_clean(data), multiline_strings=True)


def export_documents(network: Network, *, session: Session) -> dict[str, str]:
    """The text of each document, by the file name `export_network` refers to."""
    docs = session.exec(select(Document).where(Document.network_id == network.id))
    return {f"{d.slug}.md": documents.as_markdown(d, session=session) for d in docs}


def _local(value: datetime, tz: ZoneInfo, all_day: bool) -> datetime | date:
    local = value.astimezone(tz)
    return local.date() if all_day else local.replace(tzinfo=None)


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values so files stay short; order is kept."""
    return {k: v for k, v in data.items() if v not in (None, "", [], False) or k == "format"}
