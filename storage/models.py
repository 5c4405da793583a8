"""The registry's tables (SQLModel).

One module for the whole schema so that every feature reads the same model. Times are stored
in UTC (`UTCDateTime`) and shown in the network's time zone. Kinds and statuses are plain
strings validated by the `StrEnum`s below, so adding a kind never needs a database enum change.
Tables are created by Alembic (`storage/migrations`), never by `create_all` at run time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def utcnow() -> datetime:
    return datetime.now(UTC)


def _created() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def _when(*, index: bool = False, nullable: bool = True) -> Any:
    return Field(default=None, sa_type=UTCDateTime, index=index, nullable=nullable)


# --------------------------------------------------------------------------- kinds


class PartyKind(StrEnum):
    municipality = "municipality"
    region = "region"
    association = "association"  # SKR and the like
    university = "university"
    independent_school = "independent_school"
    other = "other"


class Role(StrEnum):
    school_chief = "school_chief"
    chair = "chair"
    coordinator = "coordinator"
    contact = "contact"
    member = "member"


class AreaStatus(StrEnum):
    active = "active"
    archived = "archived"


class EventKind(StrEnum):
    forum = "forum"
    evaluation = "evaluation"
    deadline = "deadline"
    council = "council"
    meeting = "meeting"  # network meetings (REKO, GySam, ...)
    milestone = "milestone"


class EventStatus(StrEnum):
    planned = "planned"
    cancelled = "cancelled"
    done = "done"


class ReminderStatus(StrEnum):
    pending = "pending"  # waiting for its due time
    fired = "fired"  # its deliveries were created
    cancelled = "cancelled"  # the event was cancelled or moved before it was due
    skipped = "skipped"  # missed while the bot was down, no longer useful


class DeliveryStatus(StrEnum):
    pending = "pending"
    sending = "sending"  # claimed by a worker; may have reached Slack
    sent = "sent"
    failed = "failed"  # permanent error (archived channel, deactivated user...)
    cancelled = "cancelled"


class RegistrationStatus(StrEnum):
    pending = "pending"
    approved = "approved"
    rejected = "rejected"


# --------------------------------------------------------------------------- registry


class NetworkBase(SQLModel):
    slug: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=200)
    kind: str = Field(default="agreement", max_length=32)  # agreement, council, declaration
    description: str = Field(default="", sa_type=Text)
    timezone: str = Field(default="Europe/Stockholm", max_length=64)
    valid_from: date | None = None
    valid_to: date | None = None
    channel_id: str | None = Field(default=None, max_length=32)
    coordinators_channel_id: str | None = Field(default=None, max_length=32)
    team_id: str | None = Field(default=None, max_length=32)


class Network(NetworkBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    calendar_token: str | None = Field(default=None, max_length=64, unique=True)
    created_at: datetime = _created()
    updated_at: datetime = _created()


class NetworkChannel(SQLModel, table=True):
    """A Slack channel that belongs to a network: requests from it work on that network.

    A network's own channels (`Network.channel_id`, `coordinators_channel_id`) and its areas'
    channels belong to it without a row here."""

    __tablename__ = "network_channel"
    channel_id: str = Field(primary_key=True, max_length=32)
    network_id: int = Field(foreign_key="network.id", index=True)
    added_by: str = Field(default="", max_length=64)
    created_at: datetime = _created()


class NetworkChoice(SQLModel, table=True):
    """The network a Slack user in several networks chose (or last worked in), for requests
    that no channel places: DMs, App Home buttons, forms."""

    __tablename__ = "network_choice"
    slack_user_id: str = Field(primary_key=True, max_length=32)
    network_id: int = Field(foreign_key="network.id")
    updated_at: datetime = _created()


class ParkedRequest(SQLModel, table=True):
    """A command or question too long for the block id of the "which network?" select, kept
    until the user chooses (the block id names it by its unguessable token)."""

    __tablename__ = "parked_request"
    token: str = Field(primary_key=True, max_length=32)
    kind: str = Field(max_length=16)
    text: str = Field(sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class Organisation(SQLModel, table=True):
    """One organisation across networks (Västerås stad in Västmanland and in 4M). Its `Party`
    rows, one per network, keep its participation per network."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=120, unique=True, index=True)
    name: str = Field(max_length=200)
    kind: str = Field(default=PartyKind.municipality, max_length=32)
    created_at: datetime = _created()


class PartyBase(SQLModel):
    name: str = Field(max_length=200)
    slug: str = Field(max_length=120)
    kind: str = Field(default=PartyKind.municipality, max_length=32)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Party(PartyBase, table=True):
    __table_args__ = (UniqueConstraint("network_id", "slug", name="uq_party_network_slug"),)
    id: int | None = Field(default=None, primary_key=True)
    network_id: int = Field(foreign_key="network.id", index=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    created_at: datetime = _created()
    updated_at: datetime = _created()


class PersonBase(SQLModel):
    name: str = Field(max_length=200)
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=64)
    slack_user_id: str | None = Field(default=None, max_length=32, index=True, unique=True)
    locale: str | None = Field(default=None, max_length=16)


class Person(PersonBase, table=True):
    """The human, once: a person in several networks has one row and a `Membership` in each."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _created()
    updated_at: datetime = _created()


class Membership(SQLModel, table=True):
    """A person's place in one network: their party, title there, and whether they are active."""

    __table_args__ = (
        UniqueConstraint("person_id", "network_id", name="uq_membership_person_network"),
    )
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    network_id: int = Field(foreign_key="network.id", index=True)
    party_id: int | None = Field(default=None, foreign_key="party.id", index=True)
    title: str = Field(default="", max_length=200)
    active: bool = True
    created_at: datetime = _created()
    updated_at: datetime = _created()


class RoleAssignment(SQLModel, table=True):
    """A role a person holds in one network; `area_id` narrows it (e.g. contact for one focus
    area)."""

    __tablename__ = "role_assignment"
    __table_args__ = (
        UniqueConstraint("person_id", "network_id", "role", "area_id", name="uq_role"),
    )
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    network_id: int = Field(foreign_key="network.id", index=True)
    role: str = Field(max_length=32)
    area_id: int | None = Field(default=None, foreign_key="focus_area.id")
    created_at: datetime = _created()


class FocusAreaBase(SQLModel):
    name: str = Field(max_length=80)
    slug: str = Field(max_length=100)
    description: str = Field(default="", sa_type=Text)
    # Optional English name and description, shown to English users; lookups accept both names.
    name_en: str | None = Field(default=None, max_length=80)
    description_en: str | None = Field(default=None, sa_type=Text)
    channel_id: str | None = Field(default=None, max_length=32)
    status: str = Field(default=AreaStatus.active, max_length=16)
    is_example: bool = False


class FocusArea(FocusAreaBase, table=True):
    __tablename__ = "focus_area"
    __table_args__ = (UniqueConstraint("network_id", "slug", name="uq_area_network_slug"),)
    id: int | None = Field(default=None, primary_key=True)
    network_id: int = Field(foreign_key="network.id", index=True)
    lead_person_id: int | None = Field(default=None, foreign_key="person.id")
    calendar_token: str | None = Field(default=None, max_length=64, unique=True)
    created_at: datetime = _created()
    updated_at: datetime = _created()


class Participation(SQLModel, table=True):
    """A party's membership of a focus area. Leaving sets `left_at`; rows are never deleted."""

    __table_args__ = (
        Index(
            "uq_participation_active",
            "party_id",
            "area_id",
            unique=True,
            sqlite_where=text("left_at IS NULL"),
            postgresql_where=text("left_at IS NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    party_id: int = Field(foreign_key="party.id", index=True)
    area_id: int = Field(foreign_key="focus_area.id", index=True)
    joined_at: datetime = _created()
    joined_by: str = Field(default="", max_length=64)
    left_at: datetime | None = _when()
    left_by: str | None = Field(default=None, max_length=64)
    contact_person_id: int | None = Field(default=None, foreign_key="person.id")
    note: str = Field(default="", sa_type=Text)


class Commitment(SQLModel, table=True):
    """What a kind of party, or one party, has committed to; cited from its source."""

    id: int | None = Field(default=None, primary_key=True)
    network_id: int = Field(foreign_key="network.id", index=True)
    party_kind: str | None = Field(default=None, max_length=32)
    party_id: int | None = Field(default=None, foreign_key="party.id")
    text: str = Field(sa_type=Text)
    source: str = Field(default="", max_length=200)
    section: str = Field(default="", max_length=100)
    position: int = 0


class Registration(SQLModel, table=True):
    """A request by a Slack user to be added to the registry, decided by a coordinator."""

    id: int | None = Field(default=None, primary_key=True)
    network_id: int = Field(foreign_key="network.id", index=True)
    slack_user_id: str = Field(max_length=32, index=True)
    name: str = Field(default="", max_length=200)
    party_id: int | None = Field(default=None, foreign_key="party.id")
    role: str = Field(default=Role.member, max_length=32)
    title: str = Field(default="", max_length=200)
    status: str = Field(default=RegistrationStatus.pending, max_length=16, index=True)
    decided_by: str | None = Field(default=None, max_length=32)
    decided_at: datetime | None = _when()
    created_at: datetime = _created()


# --------------------------------------------------------------------------- events


class Event(SQLModel, table=True):
    __table_args__ = (
        # what the reminder tick must plan (`storage.events.needing_planning`)
        Index("ix_event_planning", "status", "planned_until"),
        # what comes next: one-off events by start, and the recurring ones (`coming_events`)
        Index("ix_event_coming", "network_id", "recurrence", "starts_at"),
        # the recurring events alone (a few among thousands): without it SQLite reads them
        # through the status index, every planned event of the network
        Index(
            "ix_event_recurring",
            "network_id",
            "status",
            sqlite_where=text("recurrence IS NOT NULL"),
            postgresql_where=text("recurrence IS NOT NULL"),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    network_id: int = Field(foreign_key="network.id", index=True)
    area_id: int | None = Field(default=None, foreign_key="focus_area.id", index=True)
    kind: str = Field(default=EventKind.forum, max_length=32)
    title: str = Field(max_length=200)
    starts_at: datetime = Field(sa_type=UTCDateTime, index=True)
    ends_at: datetime | None = _when()
    all_day: bool = False
    location: str = Field(default="", max_length=300)
    link: str = Field(default="", max_length=500)
    agenda: str = Field(default="", sa_type=Text)
    recurrence: str | None = Field(default=None, max_length=300)  # RFC 5545 RRULE
    recurrence_until: datetime | None = _when()
    status: str = Field(default=EventStatus.planned, max_length=16)
    # Reminder offsets in minutes before the start; None means the defaults for the kind.
    reminder_offsets: list[int] | None = Field(default=None, sa_column=Column(JSON))
    source: str = Field(default="", max_length=200)
    created_by: str = Field(default="", max_length=64)
    created_at: datetime = _created()
    updated_at: datetime = _created()
    # Reminders exist for the occurrences starting before this instant (UTC). None: never
    # planned (new, imported, changed): the tick plans it. One-off events are planned for good
    # (`bot.events.reminders.PLANNED_FOR_GOOD`); recurring ones are extended as the horizon moves.
    planned_until: datetime | None = _when()


class Reminder(SQLModel, table=True):
    """One reminder of one occurrence of an event, due at a fixed UTC instant.

    The scheduler only ticks; these rows decide what is due. A reminder is fired by the one
    transaction that moves it from pending to fired and creates its deliveries.
    """

    __table_args__ = (
        UniqueConstraint("event_id", "occurrence_start", "offset_minutes", name="uq_reminder"),
        Index("ix_reminder_due", "status", "due_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True)
    occurrence_start: datetime = Field(sa_type=UTCDateTime)
    offset_minutes: int = 0
    due_at: datetime = Field(sa_type=UTCDateTime)
    status: str = Field(default=ReminderStatus.pending, max_length=16)
    fired_at: datetime | None = _when()
    late: bool = False
    note: str = Field(default="", max_length=300)
    created_at: datetime = _created()


class Delivery(SQLModel, table=True):
    """The outbox: one message to one Slack destination, sent exactly once.

    `kind`/`ref_id` name what it delivers (a reminder, a broadcast, a survey invitation...);
    the unique key makes creating it twice impossible; the claim (`claimed_by` until
    `claimed_until`) makes two workers never send it at the same time; `metadata` posted with
    the message lets a worker that takes over a crashed claim find out whether it reached Slack.
    """

    __table_args__ = (
        UniqueConstraint("kind", "ref_id", "recipient", name="uq_delivery"),
        Index("ix_delivery_due", "status", "not_before"),
    )
    id: int | None = Field(default=None, primary_key=True)
    network_id: int = Field(foreign_key="network.id", index=True)
    kind: str = Field(max_length=32)
    ref_id: int
    recipient: str = Field(max_length=64)  # channel ID, or user ID for a DM
    party_id: int | None = Field(default=None, foreign_key="party.id")
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default=DeliveryStatus.pending, max_length=16)
    not_before: datetime = _created()
    attempts: int = 0
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = _when()
    sent_at: datetime | None = _when()
    channel: str | None = Field(default=None, max_length=32)
    ts: str | None = Field(default=None, max_length=32)
    late: bool = False
    error: str | None = Field(default=None, max_length=300)
    created_at: datetime = _created()


class Broadcast(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    network_id: int = Field(foreign_key="network.id", index=True)
    area_id: int | None = Field(default=None, foreign_key="focus_area.id")
    event_id: int | None = Field(default=None, foreign_key="event.id")
    title: str = Field(default="", max_length=150)
    text: str = Field(sa_type=Text)
    allow_mentions: bool = False
    created_by: str = Field(max_length=32)
    created_at: datetime = _created()


class Rsvp(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("event_id", "occurrence_start", "slack_user_id", name="uq_rsvp"),
    )
    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True)
    occurrence_start: datetime = Field(sa_type=UTCDateTime)
    slack_user_id: str = Field(max_length=32)
    party_id: int | None = Field(default=None, foreign_key="party.id")
    attending: bool
    answered_at: datetime = _created()


# --------------------------------------------------------------------------- knowledge


class Document(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("network_id", "slug", name="uq_document_slug"),)
    id: int | None = Field(default=None, primary_key=True)
    network_id: int = Field(foreign_key="network.id", index=True)
    slug: str = Field(max_length=120)
    title: str = Field(max_length=300)
    source: str = Field(default="", max_length=300)
    added_by: str = Field(default="", max_length=64)
    added_at: datetime = _created()


class DocumentSection(SQLModel, table=True):
    __tablename__ = "document_section"
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    number: str = Field(default="", max_length=20)
    heading: str = Field(default="", max_length=300)
    text: str = Field(sa_type=Text)
    search_text: str = Field(default="", sa_type=Text)  # stemmed, folded: what FTS indexes
    position: int = 0


class Lesson(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    network_id: int = Field(foreign_key="network.id", index=True)
    area_id: int | None = Field(default=None, foreign_key="focus_area.id", index=True)
    text: str = Field(sa_type=Text)
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    author_slack_id: str = Field(default="", max_length=32)
    party_id: int | None = Field(default=None, foreign_key="party.id")
    permalink: str | None = Field(default=None, max_length=500)
    created_at: datetime = _created()


class Survey(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    network_id: int = Field(foreign_key="network.id", index=True)
    area_id: int | None = Field(default=None, foreign_key="focus_area.id")
    title: str = Field(max_length=150)
    questions: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    party_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    closes_at: datetime = Field(sa_type=UTCDateTime)
    status: str = Field(default="open", max_length=16)
    created_by: str = Field(max_length=32)
    created_at: datetime = _created()


class SurveyResponse(SQLModel, table=True):
    __tablename__ = "survey_response"
    __table_args__ = (UniqueConstraint("survey_id", "party_id", name="uq_survey_party"),)
    id: int | None = Field(default=None, primary_key=True)
    survey_id: int = Field(foreign_key="survey.id", index=True)
    party_id: int = Field(foreign_key="party.id")
    scores: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    comment: str = Field(default="", sa_type=Text)
    answered_by: str = Field(max_length=32)
    answered_at: datetime = _created()
    updated_at: datetime = _created()


# --------------------------------------------------------------------------- operations


class RegistryGeneration(SQLModel, table=True):
    """One row: a number that triggers raise with every change to the registry tables
    (migration 0003), so a process can tell whether what it cached is current."""

    __tablename__ = "registry_generation"
    id: int = Field(primary_key=True)
    epoch: str = Field(max_length=32)  # random, set when the row is made
    value: int = Field(sa_type=BigInteger)


class EventGeneration(SQLModel, table=True):
    """One row: a number that triggers raise with every change to the events and their
    reminders (migration 0009), so a process can tell whether the coming events it cached
    are current."""

    __tablename__ = "event_generation"
    id: int = Field(primary_key=True)
    value: int = Field(sa_type=BigInteger)


class ProcessedEvent(SQLModel, table=True):
    """Slack events already handled, keyed by event_id and by channel:ts (dedupe)."""

    __tablename__ = "processed_event"
    key: str = Field(primary_key=True, max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class AuditEntry(SQLModel, table=True):
    """Append-only log of every change: who, when, what, before and after."""

    __tablename__ = "audit_entry"
    id: int | None = Field(default=None, primary_key=True)
    network_id: int | None = Field(default=None, foreign_key="network.id", index=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor: str = Field(max_length=64)  # Slack user ID, "cli" or "system"
    action: str = Field(max_length=64)  # e.g. participation.join, area.create
    entity: str = Field(max_length=32)
    entity_id: int | None = None
    party_id: int | None = Field(default=None, index=True)
    area_id: int | None = Field(default=None, index=True)
    summary: str = Field(default="", max_length=500)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
