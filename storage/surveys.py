"""Pulse surveys: who is asked and their answers (one per party, changeable until closing).

The survey's messages go through the outbox (`bot.core.outbox`) as `Delivery` rows of kind
`INVITATION` ("survey") and `REMINDER` ("survey_reminder"), with the survey's id as `ref_id`.

Plain keyword-only functions taking the session; each change writes its audit entry in the same
transaction. Who may do what is decided in `bot.core.permissions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage import audit, registry
from storage.models import (
    Membership,
    Participation,
    Party,
    PartyKind,
    Person,
    Role,
    RoleAssignment,
    Survey,
    SurveyResponse,
)

SCALE = (1, 2, 3, 4, 5)
MAX_QUESTIONS = 10
MAX_QUESTION_LENGTH = 150
MAX_COMMENT = 3000
INVITATION = "survey"
REMINDER = "survey_reminder"
KINDS = (INVITATION, REMINDER)


class SurveyClosed(Exception):
    """The survey no longer takes answers."""


@dataclass(frozen=True)
class Recipient:
    """A school chief who answers for a party."""

    party: Party
    person: Person


def is_open(survey: Survey, now: datetime) -> bool:
    return survey.status == "open" and now < survey.closes_at


def default_party_ids(*, session: Session, network_id: int) -> list[int]:
    """The municipalities taking part in any focus area now; all municipalities if none does."""
    municipalities = [
        p
        for p in registry.parties(session=session, network_id=network_id)
        if p.kind == PartyKind.municipality
    ]
    active = {
        p.party_id
        for p in session.exec(select(Participation).where(col(Participation.left_at).is_(None)))
    }
    chosen = [p.id for p in municipalities if p.id in active]
    return [i for i in (chosen or [p.id for p in municipalities]) if i is not None]


def school_chiefs(*, session: Session, network_id: int, party_ids: list[int]) -> list[Recipient]:
    """The school chiefs (with a Slack ID) of the given parties, by party name."""
    if not party_ids:
        return []
    rows = session.exec(
        select(Party, Person)
        .join(Membership, col(Membership.party_id) == Party.id)
        .join(Person, col(Person.id) == Membership.person_id)
        .join(RoleAssignment, col(RoleAssignment.person_id) == Person.id)
        .where(
            Party.network_id == network_id,
            Membership.network_id == network_id,
            RoleAssignment.network_id == network_id,
            col(Party.id).in_(party_ids),
            RoleAssignment.role == Role.school_chief,
            col(Membership.active).is_(True),
            col(Person.slack_user_id).is_not(None),
        )
        .order_by(Party.name, Person.name)
    )
    seen: set[tuple[int | None, int | None]] = set()
    found = []
    for party, person in rows:
        if (party.id, person.id) not in seen:
            seen.add((party.id, person.id))
            found.append(Recipient(party, person))
    return found


def create_survey(
    *,
    session: Session,
    network_id: int,
    title: str,
    questions: list[str],
    party_ids: list[int],
    closes_at: datetime,
    actor: str,
    area_id: int | None = None,
) -> Survey:
    survey = Survey(
        network_id=network_id,
        area_id=area_id,
        title=title[:150],
        questions=[q[:MAX_QUESTION_LENGTH] for q in questions][:MAX_QUESTIONS],
        party_ids=sorted(set(party_ids)),
        closes_at=closes_at,
        created_by=actor,
    )
    session.add(survey)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="survey.create",
        entity="survey",
        entity_id=survey.id,
        network_id=network_id,
        area_id=area_id,
        summary=survey.title,
        after=audit.snapshot(survey),
    )
    return survey


def surveys(
    *,
    session: Session,
    network_id: int,
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[Survey]:
    """The network's surveys, oldest first; with a period, those created before its end and
    closing after its start."""
    query = select(Survey).where(Survey.network_id == network_id)
    if end is not None:
        query = query.where(col(Survey.created_at) < end)
    if start is not None:
        query = query.where(col(Survey.closes_at) >= start)
    return list(session.exec(query.order_by(col(Survey.created_at), col(Survey.id))))


def responses(*, session: Session, survey_id: int) -> list[SurveyResponse]:
    return list(
        session.exec(
            select(SurveyResponse)
            .where(SurveyResponse.survey_id == survey_id)
            .order_by(col(SurveyResponse.party_id))
        )
    )


def response_of(*, session: Session, survey_id: int, party_id: int) -> SurveyResponse | None:
    return session.exec(
        select(SurveyResponse).where(
            SurveyResponse.survey_id == survey_id, SurveyResponse.party_id == party_id
        )
    ).first()


def answer(
    *,
    session: Session,
    survey: Survey,
    party_id: int,
    scores: list[int],
    comment: str,
    actor: str,
    now: datetime,
) -> tuple[SurveyResponse, bool]:
    """Store the party's answer, or replace it; returns (response, whether it is new).

    Raises `SurveyClosed` after closing and `ValueError` for scores off the scale.
    """
    if not is_open(survey, now):
        raise SurveyClosed(survey.id)
    if len(scores) != len(survey.questions) or any(s not in SCALE for s in scores):
        raise ValueError("scores must be one 1–5 value per question")
    assert survey.id is not None
    existing = response_of(session=session, survey_id=survey.id, party_id=party_id)
    if existing is not None:
        before = audit.snapshot(existing)
        existing.scores, existing.comment = list(scores), comment[:MAX_COMMENT]
        existing.answered_by, existing.updated_at = actor, now
        session.add(existing)
        response, created, action = existing, False, "survey.answer_update"
    else:
        before = None
        response = SurveyResponse(
            survey_id=survey.id,
            party_id=party_id,
            scores=list(scores),
            comment=comment[:MAX_COMMENT],
            answered_by=actor,
            answered_at=now,
            updated_at=now,
        )
        created, action = True, "survey.answer"
        try:
            with session.begin_nested():
                session.add(response)
                session.flush()
        except IntegrityError:  # the party's other chief answered at the same instant
            return answer(
                session=session,
                survey=survey,
                party_id=party_id,
                scores=scores,
                comment=comment,
                actor=actor,
                now=now,
            )
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action=action,
        entity="survey_response",
        entity_id=response.id,
        network_id=survey.network_id,
        party_id=party_id,
        area_id=survey.area_id,
        summary=survey.title,
        before=before,
        after=audit.snapshot(response),
    )
    return response, created


def close_due(*, session: Session, now: datetime) -> list[Survey]:
    """Close open surveys whose closing time has passed; returns those this call closed (a
    conditional update, so two processes ticking at once close and audit each survey once)."""
    due = list(
        session.exec(select(Survey).where(Survey.status == "open", col(Survey.closes_at) <= now))
    )
    closed = []
    for survey in due:
        result = session.execute(
            update(Survey)
            .where(col(Survey.id) == survey.id, col(Survey.status) == "open")
            .values(status="closed")
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            continue
        session.refresh(survey)
        closed.append(survey)
        audit.record(
            session=session,
            actor="system",
            action="survey.close",
            entity="survey",
            entity_id=survey.id,
            network_id=survey.network_id,
            area_id=survey.area_id,
            summary=survey.title,
        )
    return closed


def open_surveys(*, session: Session, now: datetime) -> list[Survey]:
    return list(
        session.exec(
            select(Survey)
            .where(Survey.status == "open", col(Survey.closes_at) > now)
            .order_by(col(Survey.id))
        )
    )
