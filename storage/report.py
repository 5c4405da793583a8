"""What the report reads for one network and period: the rows, as the database holds them.

Turning them into the report's data set (and its figures) lives in `bot.report`; this module
only reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import (
    Broadcast,
    Commitment,
    Delivery,
    Event,
    FocusArea,
    Lesson,
    Participation,
    Party,
    Reminder,
    Rsvp,
    Survey,
    SurveyResponse,
)


def parties(*, session: Session, network_id: int) -> Sequence[Party]:
    return session.exec(select(Party).where(Party.network_id == network_id)).all()


def areas(*, session: Session, network_id: int) -> Sequence[FocusArea]:
    return session.exec(select(FocusArea).where(FocusArea.network_id == network_id)).all()


def participations(*, session: Session, area_ids: list[int]) -> list[Participation]:
    """The participations in these areas, by joining."""
    return list(
        session.exec(
            select(Participation)
            .where(col(Participation.area_id).in_(area_ids))
            .order_by(col(Participation.joined_at), col(Participation.id))
        )
    )


def events(*, session: Session, network_id: int) -> Sequence[Event]:
    return session.exec(select(Event).where(Event.network_id == network_id)).all()


def rsvps(*, session: Session, event_ids: list[int]) -> list[Rsvp]:
    return list(session.exec(select(Rsvp).where(col(Rsvp.event_id).in_(event_ids))))


def broadcasts(
    *, session: Session, network_id: int, start: datetime, end: datetime
) -> Sequence[Broadcast]:
    """The network's broadcasts made in [start, end)."""
    return session.exec(
        select(Broadcast).where(
            Broadcast.network_id == network_id,
            col(Broadcast.created_at) >= start,
            col(Broadcast.created_at) < end,
        )
    ).all()


def reminders(
    *, session: Session, event_ids: list[int], start: datetime, end: datetime
) -> Sequence[Reminder]:
    """The reminders of these events due in [start, end)."""
    return session.exec(
        select(Reminder).where(
            col(Reminder.event_id).in_(event_ids),
            col(Reminder.due_at) >= start,
            col(Reminder.due_at) < end,
        )
    ).all()


def deliveries(*, session: Session, network_id: int, kinds: tuple[str, ...]) -> list[Delivery]:
    return list(
        session.exec(
            select(Delivery).where(
                Delivery.network_id == network_id,
                col(Delivery.kind).in_(kinds),
            )
        )
    )


def lessons(*, session: Session, network_id: int, start: datetime, end: datetime) -> list[Lesson]:
    """The network's lessons written in [start, end), oldest first."""
    return list(
        session.exec(
            select(Lesson)
            .where(
                Lesson.network_id == network_id,
                col(Lesson.created_at) >= start,
                col(Lesson.created_at) < end,
            )
            .order_by(col(Lesson.created_at), col(Lesson.id))
        )
    )


def commitments(*, session: Session, network_id: int) -> list[Commitment]:
    return list(
        session.exec(
            select(Commitment)
            .where(Commitment.network_id == network_id)
            .order_by(col(Commitment.position), col(Commitment.id))
        )
    )


def surveys(
    *, session: Session, network_id: int, start: datetime, end: datetime
) -> Sequence[Survey]:
    """The network's surveys open at some time in [start, end), oldest first."""
    return session.exec(
        select(Survey)
        .where(
            Survey.network_id == network_id,
            col(Survey.created_at) < end,
            col(Survey.closes_at) >= start,
        )
        .order_by(col(Survey.created_at), col(Survey.id))
    ).all()


def responses(*, session: Session, survey_ids: list[int]) -> list[SurveyResponse]:
    return list(
        session.exec(select(SurveyResponse).where(col(SurveyResponse.survey_id).in_(survey_ids)))
    )
