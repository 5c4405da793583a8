"""A national-scale database for the benchmark, written with bulk inserts.

The Västmanland seed (its agreement, commitments and documents) grows to the size of a
national network: every municipality, every region and SKR as parties, 50 focus areas with
their channels, 5,000 people with roles, participation with history, 100,000 future reminders
from their events, a year of fired reminders with their sent deliveries, and a year of audit log.

Rows are written with SQLAlchemy Core `insert()` in batches (executemany), with explicit ids so
that rows can refer to each other without reading anything back; on PostgreSQL the id sequences
are moved past them afterwards so that the bot's own inserts keep working. Columns the rows do
not name get their model's Python default, so a column added to the schema later needs no change
here as long as it has a default.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlmodel import Session, SQLModel
from sqlmodel import select as sm_select

from bot.core.runtime import SEED_DIR
from bot.core.textmatch import core_name
from bot.events.reminders import PLANNED_FOR_GOOD
from storage import networkfile
from storage.db import Database
from storage.models import (
    AuditEntry,
    Delivery,
    DeliveryStatus,
    Event,
    EventKind,
    EventStatus,
    FocusArea,
    Membership,
    Network,
    Participation,
    Party,
    PartyKind,
    Person,
    Reminder,
    ReminderStatus,
    Role,
    RoleAssignment,
)
from storage.text import slugify

NETWORK_SLUG = "vastmanland"
# Reminder offsets (minutes before the start) of every generated event: 2 weeks, 1 week,
# 2 days, 1 day, 1 hour. 20,000 events x 5 offsets = 100,000 reminders.
OFFSETS = (20160, 10080, 2880, 1440, 60)
BATCH = 5000

REGIONS = (
    "Region Stockholm",
    "Region Uppsala",
    "Region Sörmland",
    "Region Östergötland",
    "Region Jönköpings län",
    "Region Kronoberg",
    "Region Kalmar län",
    "Region Gotland",
    "Region Blekinge",
    "Region Skåne",
    "Region Halland",
    "Västra Götalandsregionen",
    "Region Värmland",
    "Region Örebro län",
    "Region Västmanland",
    "Region Dalarna",
    "Region Gävleborg",
    "Region Västernorrland",
    "Region Jämtland Härjedalen",
    "Region Västerbotten",
    "Region Norrbotten",
)
_PREFIXES = (
    "Öster", "Väster", "Norr", "Söder", "Ny", "Stor", "Lill", "Berg", "Sjö", "Älv",
    "Ek", "Björk", "Gran", "Lind", "Ås", "Hag", "Mal", "Sand", "Sten", "Vall",
)  # fmt: skip
_STEMS = (
    "köping", "hamn", "vik", "berg", "holm", "torp", "by", "sala", "dal", "sund",
    "näs", "fors", "å", "lunda", "tuna", "ryd", "mark", "hult", "stad", "bo",
)  # fmt: skip
_AREA_THEMES = (
    "Lärarförsörjning", "Digitalisering i skolan", "Nyanlända elevers lärande", "Elevhälsa",
    "Matematikutveckling", "Läsfrämjande arbete", "Skolnärvaro", "Systematiskt kvalitetsarbete",
    "Huvudmannens styrning", "Fritidshemmet", "Förskolans utveckling", "Särskilt stöd",
    "Studie- och yrkesvägledning", "Vuxenutbildning", "Betyg och bedömning", "Likvärdig skola",
    "Språkutvecklande arbetssätt", "Tillgängliga lärmiljöer", "Rektorers ledarskap",
    "Introduktionsprogram", "Yrkesutbildning", "Teknik och naturvetenskap", "Modersmål",
    "Trygghet och studiero", "Kollegialt lärande",
)  # fmt: skip
_QUALIFIERS = ("", " – norr", " – söder", " – väst", " – öst")
_FIRST = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kristina", "Elin", "Ida",
    "Lars", "Mikael", "Anders", "Johan", "Erik", "Per", "Karl", "Peter", "Jonas", "Fredrik",
    "Åsa", "Örjan", "Märta", "Björn", "Göran",
)  # fmt: skip
_LAST = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson",
    "Bengtsson", "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Lindström", "Öberg",
    "Åberg", "Sjöberg", "Holm", "Ek",
)  # fmt: skip
_AUDIT_ACTIONS = (
    ("participation.join", "participation"),
    ("participation.leave", "participation"),
    ("person.create", "person"),
    ("person.update", "person"),
    ("event.create", "event"),
    ("event.update", "event"),
    ("area.update", "focus_area"),
    ("reminder.fire", "reminder"),
)


@dataclass(frozen=True)
class Scale:
    """How much to generate. `national()` is the size of issue 7; `tiny()` for the smoke test."""

    municipalities: int = 290
    regions: int = 21
    areas: int = 50
    people: int = 5000
    future_reminders: int = 100_000
    past_events: int = 2000
    audit_entries: int = 50_000

    @classmethod
    def national(cls) -> Scale:
        return cls()

    @classmethod
    def tiny(cls) -> Scale:
        return cls(
            municipalities=20,
            regions=3,
            areas=8,
            people=120,
            future_reminders=500,
            past_events=20,
            audit_entries=300,
        )


@dataclass
class Dataset:
    """What was generated, as the load generator and the timings need it."""

    network_id: int
    party_names: list[str]
    municipality_names: list[str]
    area_names: list[str]
    area_ids: list[int]
    area_channels: list[str]
    user_ids: list[str]  # Slack user IDs of registered people
    coordinator_ids: list[str]
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


# --------------------------------------------------------------------------- helpers


def _defaults(model: type[SQLModel]) -> dict[str, Any]:
    """The Python-side default of every column of `model` (one call of each factory)."""
    values: dict[str, Any] = {}
    columns = set(model.__table__.columns.keys())  # type: ignore[attr-defined]
    for name, info in model.model_fields.items():
        if name not in columns or name == "id":
            continue
        if info.default_factory is not None:
            values[name] = info.default_factory()  # type: ignore[call-arg]
        elif not info.is_required():
            values[name] = info.default
    return values


def bulk_insert(session: Session, model: type[SQLModel], rows: Sequence[dict[str, Any]]) -> int:
    """Insert `rows` (dicts of column values) in batches; missing columns get their default."""
    if not rows:
        return 0
    base = _defaults(model)
    table = model.__table__  # type: ignore[attr-defined]
    for start in range(0, len(rows), BATCH):
        chunk = [{**base, **row} for row in rows[start : start + BATCH]]
        session.execute(table.insert(), chunk)
    return len(rows)


def _next_id(session: Session, model: type[SQLModel]) -> int:
    table = model.__table__  # type: ignore[attr-defined]
    return int(session.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1


def _fix_sequences(session: Session, models: Iterable[type[SQLModel]]) -> None:
    """PostgreSQL: move each serial sequence past the explicit ids written."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in models:
        name = model.__tablename__  # type: ignore[attr-defined]
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f'(SELECT COALESCE(MAX(id), 1) FROM "{name}"))'
            )
        )


def party_name(base: str) -> str:
    """'Sjövik' -> 'Sjöviks kommun' (the genitive, as Swedish municipalities are named)."""
    return f"{base} kommun" if base.endswith("s") else f"{base}s kommun"


def municipality_names(count: int, taken: set[str], rng: random.Random) -> list[str]:
    """`count` plausible, unique Swedish place names ('Österköping', 'Sjövik', ...)."""
    combos = [p + s for p in _PREFIXES for s in _STEMS]
    rng.shuffle(combos)
    names: list[str] = []
    taken_folded = {core_name(t) for t in taken}
    for combo in combos:
        name = combo[0] + combo[1:].lower()
        keys = {core_name(name), core_name(party_name(name))}
        keys |= {k[:-1] for k in keys if k.endswith("s")}
        if keys & taken_folded:
            continue
        taken_folded |= keys
        names.append(name)
        if len(names) == count:
            return names
    raise ValueError(f"cannot make {count} distinct municipality names")


# --------------------------------------------------------------------------- the generator


def generate(
    db: Database,
    scale: Scale = Scale(),
    *,
    now: datetime | None = None,
    extra_files: Sequence[Path] = (),
) -> Dataset:
    """Migrate `db`, load the Västmanland seed if it is empty (and `extra_files`, network files
    of the same network, over it), and grow it to `scale`."""
    started = time.perf_counter()
    now = now or datetime.now(UTC)
    rng = random.Random(20261124)
    db.upgrade()
    with db.session() as session:
        network = session.exec(sm_select(Network).where(Network.slug == NETWORK_SLUG)).first()
        if network is None:
            spec = networkfile.load_file(SEED_DIR / f"{NETWORK_SLUG}.toml")
            network, _ = networkfile.import_network(
                spec, session=session, actor="seed", base_dir=SEED_DIR
            )
            for extra in extra_files:
                spec = networkfile.load_file(extra)
                network, _ = networkfile.import_network(
                    spec, session=session, actor="seed", base_dir=extra.parent
                )
        assert network.id is not None
        data = _grow(session, network.id, scale, now, rng)
        _fix_sequences(
            session,
            (
                Party,
                Person,
                Membership,
                RoleAssignment,
                FocusArea,
                Participation,
                Event,
                Reminder,
                Delivery,
                AuditEntry,
            ),
        )
    if db.dialect == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    else:
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    data.seconds = time.perf_counter() - started
    return data


def _grow(session: Session, nid: int, scale: Scale, now: datetime, rng: random.Random) -> Dataset:
    counts: dict[str, int] = {}
    parties = list(session.exec(sm_select(Party).where(Party.network_id == nid)))
    existing_names = {p.name for p in parties} | {a for p in parties for a in p.aliases}

    # Parties: regions first, then municipalities up to the scale.
    party_rows: list[dict[str, Any]] = []
    pid = _next_id(session, Party)
    slugs = {p.slug for p in parties}
    n_regions = sum(1 for p in parties if p.kind == PartyKind.region)
    for name in REGIONS:
        if n_regions >= scale.regions:
            break
        if name in existing_names:
            continue
        party_rows.append(
            dict(id=pid, network_id=nid, name=name, slug=slugify(name), kind=PartyKind.region)
        )
        pid += 1
        n_regions += 1
    n_muni = sum(1 for p in parties if p.kind == PartyKind.municipality)
    for base in municipality_names(max(0, scale.municipalities - n_muni), existing_names, rng):
        slug = slugify(base)
        if slug in slugs:
            continue
        slugs.add(slug)
        party_rows.append(
            dict(
                id=pid,
                network_id=nid,
                name=party_name(base),
                slug=slug,
                kind=PartyKind.municipality,
                aliases=[base],
            )
        )
        pid += 1
    counts["parties_added"] = bulk_insert(session, Party, party_rows)
    all_parties = [(p.id, p.name, p.kind) for p in parties] + [
        (r["id"], r["name"], r["kind"]) for r in party_rows
    ]
    party_ids = [p[0] for p in all_parties]

    # People: a school chief for every municipality, a few coordinators, the rest contacts.
    n_people_now = int(
        session.execute(
            select(func.count()).select_from(Membership).where(Membership.network_id == nid)  # type: ignore[arg-type]
        ).scalar_one()
    )
    person_rows: list[dict[str, Any]] = []
    membership_rows: list[dict[str, Any]] = []
    role_rows: list[dict[str, Any]] = []
    people_of_party: dict[int, list[int]] = {}
    person_id = _next_id(session, Person)
    membership_id = _next_id(session, Membership)
    role_id = _next_id(session, RoleAssignment)
    user_ids: list[str] = []
    coordinator_ids: list[str] = []
    for i in range(max(0, scale.people - n_people_now)):
        if i < len(all_parties):
            party_id, _, kind = all_parties[i]
            roles = [Role.school_chief] if kind == PartyKind.municipality else [Role.contact]
            title = "Skolchef" if kind == PartyKind.municipality else "Utvecklingsledare"
        elif i < len(all_parties) + 8:
            party_id, roles, title = None, [Role.coordinator], "Samordnare"
        else:
            party_id = rng.choice(party_ids)
            roles = [Role.contact] if rng.random() < 0.7 else [Role.member]
            if rng.random() < 0.05:
                roles.append(Role.chair)
            title = rng.choice(("Rektor", "Förvaltningschef", "Utvecklingsledare", "Lärare"))
        slack_id = f"UB{i:07d}"
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        person_rows.append(
            dict(
                id=person_id,
                name=f"{first} {last}",
                email=f"{slugify(first)}.{slugify(last)}.{i}@example.se",
                phone=f"070-{i:07d}",
                slack_user_id=slack_id,
                # as cached from Slack when they first opened the App Home (bot.core.userinfo)
                locale="sv-SE" if rng.random() < 0.9 else "en-US",
            )
        )
        membership_rows.append(
            dict(
                id=membership_id,
                person_id=person_id,
                network_id=nid,
                party_id=party_id,
                title=title,
                active=True,
            )
        )
        membership_id += 1
        for role in roles:
            role_rows.append(dict(id=role_id, person_id=person_id, network_id=nid, role=role))
            role_id += 1
        if party_id is not None:
            people_of_party.setdefault(party_id, []).append(person_id)
        user_ids.append(slack_id)
        if Role.coordinator in roles:
            coordinator_ids.append(slack_id)
        person_id += 1
    counts["people_added"] = bulk_insert(session, Person, person_rows)
    bulk_insert(session, Membership, membership_rows)
    counts["roles_added"] = bulk_insert(session, RoleAssignment, role_rows)
    new_people = [r["id"] for r in person_rows]

    # Focus areas up to the scale, each with its own channel and a lead.
    areas = list(session.exec(sm_select(FocusArea).where(FocusArea.network_id == nid)))
    area_slugs = {a.slug for a in areas}
    area_rows: list[dict[str, Any]] = []
    area_id = _next_id(session, FocusArea)
    names = [theme + q for q in _QUALIFIERS for theme in _AREA_THEMES]
    for name in names:
        if len(areas) + len(area_rows) >= scale.areas:
            break
        slug = slugify(name)
        if slug in area_slugs:
            continue
        area_slugs.add(slug)
        area_rows.append(
            dict(
                id=area_id,
                network_id=nid,
                name=name,
                slug=slug,
                description=f"Samverkan kring {name.lower()} mellan kommunerna och regionen.",
                channel_id=f"C0AREA{area_id:04d}",
                lead_person_id=rng.choice(new_people) if new_people else None,
            )
        )
        area_id += 1
    counts["areas_added"] = bulk_insert(session, FocusArea, area_rows)
    # Every area (the seed's too) and the network get a channel: reminders go there.
    for area in areas:
        if not area.channel_id:
            area.channel_id = f"C0AREA{area.id:04d}"
            session.add(area)
    network = session.get(Network, nid)
    if network is not None and not network.channel_id:
        network.channel_id = "C0NETWORK"
        session.add(network)
    session.flush()
    all_areas = [(a.id, a.name, a.channel_id) for a in areas] + [
        (r["id"], r["name"], r["channel_id"]) for r in area_rows
    ]
    area_ids = [int(a[0]) for a in all_areas]  # type: ignore[arg-type]
    channel_of = {a[0]: a[2] or f"C0AREA{a[0]:04d}" for a in all_areas}

    # Participation: each new area gets 10..150 parties, with some history of leaving.
    active = {
        (p.party_id, p.area_id)
        for p in session.exec(sm_select(Participation).where(Participation.left_at.is_(None)))  # type: ignore[union-attr]
    }
    part_rows: list[dict[str, Any]] = []
    part_id = _next_id(session, Participation)
    year_ago = now - timedelta(days=365)
    for row in area_rows:
        members = rng.sample(party_ids, min(len(party_ids), rng.randint(10, 150)))
        for party in members:
            joined = year_ago + timedelta(seconds=rng.randint(0, 300 * 86400))
            contacts = people_of_party.get(party)
            left = rng.random() < 0.15
            if not left and (party, row["id"]) in active:
                continue
            part_rows.append(
                dict(
                    id=part_id,
                    party_id=party,
                    area_id=row["id"],
                    joined_at=joined,
                    joined_by=rng.choice(user_ids) if user_ids else "seed",
                    left_at=joined + timedelta(days=30) if left else None,
                    left_by=rng.choice(user_ids) if left and user_ids else None,
                    contact_person_id=rng.choice(contacts)
                    if contacts and rng.random() < 0.6
                    else None,
                )
            )
            part_id += 1
    counts["participations_added"] = bulk_insert(session, Participation, part_rows)

    # Future events and their pending reminders, spread over the next 12 months.
    event_rows: list[dict[str, Any]] = []
    reminder_rows: list[dict[str, Any]] = []
    event_id = _next_id(session, Event)
    reminder_id = _next_id(session, Reminder)
    kinds = [k.value for k in EventKind]
    span = 365 * 86400
    n_events = -(-scale.future_reminders // len(OFFSETS))
    for _ in range(n_events):
        starts = now + timedelta(days=15, seconds=rng.randint(0, span))
        area = rng.choice(area_ids) if rng.random() < 0.9 else None
        event_rows.append(
            dict(
                id=event_id,
                network_id=nid,
                area_id=area,
                kind=rng.choice(kinds),
                title=f"Nätverksträff {event_id}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                location="Teams",
                status=EventStatus.planned,
                reminder_offsets=list(OFFSETS),
                planned_until=PLANNED_FOR_GOOD,  # its reminders follow: planned, as the bot would
                created_by="bench",
            )
        )
        for offset in OFFSETS:
            if len(reminder_rows) >= scale.future_reminders:
                break
            reminder_rows.append(
                dict(
                    id=reminder_id,
                    event_id=event_id,
                    occurrence_start=starts,
                    offset_minutes=offset,
                    due_at=starts - timedelta(minutes=offset),
                    status=ReminderStatus.pending,
                )
            )
            reminder_id += 1
        event_id += 1

    # A year of past events: their reminders fired, their deliveries sent.
    delivery_rows: list[dict[str, Any]] = []
    delivery_id = _next_id(session, Delivery)
    for _ in range(scale.past_events):
        starts = now - timedelta(seconds=rng.randint(3600, span))
        area = rng.choice(area_ids)
        event_rows.append(
            dict(
                id=event_id,
                network_id=nid,
                area_id=area,
                kind=rng.choice(kinds),
                title=f"Nätverksträff {event_id}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                status=EventStatus.done,
                reminder_offsets=list(OFFSETS),
                created_by="bench",
            )
        )
        for offset in OFFSETS:
            due = starts - timedelta(minutes=offset)
            reminder_rows.append(
                dict(
                    id=reminder_id,
                    event_id=event_id,
                    occurrence_start=starts,
                    offset_minutes=offset,
                    due_at=due,
                    status=ReminderStatus.fired,
                    fired_at=due,
                )
            )
            delivery_rows.append(
                dict(
                    id=delivery_id,
                    network_id=nid,
                    kind="reminder",
                    ref_id=reminder_id,
                    recipient=channel_of[area],
                    payload={"text": f"Påminnelse {reminder_id}"},
                    status=DeliveryStatus.sent,
                    not_before=due,
                    attempts=1,
                    sent_at=due + timedelta(seconds=2),
                    channel=channel_of[area],
                    ts=f"{int(due.timestamp())}.000100",
                    created_at=due,
                )
            )
            reminder_id += 1
            delivery_id += 1
        event_id += 1
    counts["events_added"] = bulk_insert(session, Event, event_rows)
    counts["reminders_added"] = bulk_insert(session, Reminder, reminder_rows)
    counts["future_reminders"] = scale.future_reminders
    counts["deliveries_added"] = bulk_insert(session, Delivery, delivery_rows)

    # A year of audit log.
    audit_rows: list[dict[str, Any]] = []
    audit_id = _next_id(session, AuditEntry)
    for _ in range(scale.audit_entries):
        action, entity = rng.choice(_AUDIT_ACTIONS)
        audit_rows.append(
            dict(
                id=audit_id,
                network_id=nid,
                at=now - timedelta(seconds=rng.randint(0, span)),
                actor=rng.choice(user_ids) if user_ids else "cli",
                action=action,
                entity=entity,
                entity_id=rng.randint(1, 10_000),
                party_id=rng.choice(party_ids),
                area_id=rng.choice(area_ids),
                summary=f"{action} {audit_id}",
                before={"status": "before"},
                after={"status": "after"},
            )
        )
        audit_id += 1
    counts["audit_entries_added"] = bulk_insert(session, AuditEntry, audit_rows)

    municipality_list = [p[1] for p in all_parties if p[2] == PartyKind.municipality]
    return Dataset(
        network_id=nid,
        party_names=[p[1] for p in all_parties],
        municipality_names=municipality_list,
        area_names=[a[1] for a in all_areas],
        area_ids=area_ids,
        area_channels=[channel_of[a] for a in area_ids],
        user_ids=user_ids,
        coordinator_ids=coordinator_ids,
        counts=counts,
    )


def table_counts(db: Database) -> dict[str, int]:
    """Rows per table, to print beside the results."""
    result: dict[str, int] = {}
    with db.engine.connect() as conn:
        for model in (Party, Person, FocusArea, Participation, Event, Reminder, AuditEntry):
            table = model.__table__  # type: ignore[attr-defined]
            result[table.name] = int(
                conn.execute(select(func.count()).select_from(table)).scalar_one()
            )
        pending = Reminder.__table__  # type: ignore[attr-defined]
        result["reminder_pending_future"] = int(
            conn.execute(
                select(func.count())
                .select_from(pending)
                .where(pending.c.status == ReminderStatus.pending)
            ).scalar_one()
        )
    return result
