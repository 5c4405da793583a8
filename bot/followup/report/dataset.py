"""The report's data set: plain, frozen rows read from the database once, for one period.

Everything the figures need and nothing else; the figures (`bot.followup.report.figures`) are pure
functions of a `Dataset`, so they are tested against a data set written by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.core.localized import area_name
from bot.events.recurrence import occurrences
from storage import report as store
from storage.models import (
    EventStatus,
    Network,
)

REMINDER_KIND = "reminder"  # Delivery.kind of reminder messages (storage.events)
BROADCAST_KIND = "broadcast"  # Delivery.kind of forum notices (storage.events)


@dataclass(frozen=True)
class PartyRow:
    id: int
    name: str
    kind: str = "municipality"


@dataclass(frozen=True)
class AreaRow:
    id: int
    name: str
    slug: str = ""


@dataclass(frozen=True)
class ParticipationRow:
    party_id: int
    area_id: int
    joined_at: datetime
    left_at: datetime | None = None


@dataclass(frozen=True)
class OccurrenceRow:
    """One occurrence of an event (a recurring event has several), start in UTC."""

    event_id: int
    area_id: int | None
    kind: str
    title: str
    start: datetime
    cancelled: bool = False


@dataclass(frozen=True)
class RsvpRow:
    event_id: int
    occurrence_start: datetime
    party_id: int | None
    attending: bool


@dataclass(frozen=True)
class BroadcastRow:
    id: int
    area_id: int | None
    created_at: datetime
    title: str = ""


@dataclass(frozen=True)
class DeliveryRow:
    kind: str
    ref_id: int
    status: str
    late: bool = False


@dataclass(frozen=True)
class ReminderRow:
    id: int
    area_id: int | None
    due_at: datetime
    status: str
    late: bool = False


@dataclass(frozen=True)
class LessonRow:
    area_id: int | None
    created_at: datetime
    text: str
    party_id: int | None = None
    author: str = ""
    tags: tuple[str, ...] = ()
    permalink: str | None = None


@dataclass(frozen=True)
class CommitmentRow:
    party_kind: str | None
    party_id: int | None
    text: str
    source: str = ""
    section: str = ""


@dataclass(frozen=True)
class SurveyRow:
    id: int
    title: str
    questions: tuple[str, ...]
    party_ids: tuple[int, ...]
    closes_at: datetime
    status: str = "open"


@dataclass(frozen=True)
class ResponseRow:
    survey_id: int
    party_id: int
    scores: tuple[int, ...]
    comment: str = ""


@dataclass
class Dataset:
    """All the report is made of. The period is [start, end] in local dates, both included."""

    network: str
    start: date
    end: date
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Stockholm"))
    area_id: int | None = None  # the report is about one area only
    parties: list[PartyRow] = field(default_factory=list)
    areas: list[AreaRow] = field(default_factory=list)
    participations: list[ParticipationRow] = field(default_factory=list)
    occurrences: list[OccurrenceRow] = field(default_factory=list)
    rsvps: list[RsvpRow] = field(default_factory=list)
    broadcasts: list[BroadcastRow] = field(default_factory=list)
    deliveries: list[DeliveryRow] = field(default_factory=list)
    reminders: list[ReminderRow] = field(default_factory=list)
    lessons: list[LessonRow] = field(default_factory=list)
    commitments: list[CommitmentRow] = field(default_factory=list)
    surveys: list[SurveyRow] = field(default_factory=list)
    responses: list[ResponseRow] = field(default_factory=list)

    @property
    def start_utc(self) -> datetime:
        return datetime.combine(self.start, time(0), tzinfo=self.tz).astimezone(UTC)

    @property
    def end_utc(self) -> datetime:
        """The instant the period ends (exclusive): midnight after its last day."""
        return datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=self.tz).astimezone(
            UTC
        )

    def in_period(self, when: datetime) -> bool:
        return self.start_utc <= when < self.end_utc

    def local_date(self, when: datetime) -> date:
        return when.astimezone(self.tz).date()


def load_dataset(
    session: Session,
    network: Network,
    *,
    start: date,
    end: date,
    tz: ZoneInfo,
    area_id: int | None = None,
    lang: str = "sv",
) -> Dataset:
    """Read what the report needs for `network` in [start, end] (local dates, inclusive); areas
    are named in `lang` (an area's English name for an English report, when it has one)."""

    assert network.id is not None
    data = Dataset(network=network.name, start=start, end=end, tz=tz, area_id=area_id)
    parties = store.parties(session=session, network_id=network.id)
    data.parties = sorted(
        (PartyRow(p.id, p.name, p.kind) for p in parties if p.id is not None),
        key=lambda p: p.name,
    )
    areas = store.areas(session=session, network_id=network.id)
    data.areas = sorted(
        (AreaRow(a.id, area_name(a, lang), a.slug) for a in areas if a.id is not None),
        key=lambda a: a.name,
    )
    area_ids = [a.id for a in data.areas]
    data.participations = [
        ParticipationRow(p.party_id, p.area_id, p.joined_at, p.left_at)
        for p in store.participations(session=session, area_ids=area_ids)
    ]
    events = store.events(session=session, network_id=network.id)
    event_area = {e.id: e.area_id for e in events}
    for event in events:
        assert event.id is not None
        for instant in occurrences(
            event.recurrence,
            event.starts_at,
            tz,
            after=data.start_utc,
            before=data.end_utc,
            until=event.recurrence_until,
        ):
            data.occurrences.append(
                OccurrenceRow(
                    event.id,
                    event.area_id,
                    event.kind,
                    event.title,
                    instant,
                    cancelled=event.status == EventStatus.cancelled,
                )
            )
    data.occurrences.sort(key=lambda o: (o.start, o.event_id))
    event_ids = [e.id for e in events]
    data.rsvps = [
        RsvpRow(r.event_id, r.occurrence_start, r.party_id, r.attending)
        for r in store.rsvps(session=session, event_ids=event_ids)  # type: ignore[arg-type]
    ]
    broadcasts = store.broadcasts(
        session=session, network_id=network.id, start=data.start_utc, end=data.end_utc
    )
    data.broadcasts = [
        BroadcastRow(b.id, b.area_id, b.created_at, b.title) for b in broadcasts if b.id
    ]
    reminders = store.reminders(
        session=session,
        event_ids=event_ids,  # type: ignore[arg-type]
        start=data.start_utc,
        end=data.end_utc,
    )
    data.reminders = [
        ReminderRow(r.id, event_area.get(r.event_id), r.due_at, r.status, r.late)
        for r in reminders
        if r.id is not None
    ]
    data.deliveries = [
        DeliveryRow(d.kind, d.ref_id, d.status, d.late)
        for d in store.deliveries(
            session=session, network_id=network.id, kinds=(REMINDER_KIND, BROADCAST_KIND)
        )
    ]
    data.lessons = [
        LessonRow(
            lesson.area_id,
            lesson.created_at,
            lesson.text,
            lesson.party_id,
            lesson.author_slack_id,
            tuple(lesson.tags),
            lesson.permalink,
        )
        for lesson in store.lessons(
            session=session, network_id=network.id, start=data.start_utc, end=data.end_utc
        )
    ]
    data.commitments = [
        CommitmentRow(c.party_kind, c.party_id, c.text, c.source, c.section)
        for c in store.commitments(session=session, network_id=network.id)
    ]
    surveys = store.surveys(
        session=session, network_id=network.id, start=data.start_utc, end=data.end_utc
    )
    data.surveys = [
        SurveyRow(s.id, s.title, tuple(s.questions), tuple(s.party_ids), s.closes_at, s.status)
        for s in surveys
        if s.id is not None
    ]
    data.responses = [
        ResponseRow(r.survey_id, r.party_id, tuple(r.scores), r.comment)
        for r in store.responses(session=session, survey_ids=[s.id for s in data.surveys])
    ]
    return data
