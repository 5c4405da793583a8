"""A person's right of access and right to be forgotten.

`export_person` gathers everything the registry holds about one person. `forget_person` removes
it: the person row, their memberships of every network, their roles, their references as
contact or lead, and every copy of their personal data in the audit log. The log keeps the
fact that changes happened (action, time, entity), not who the person was.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, or_, select

from storage import audit
from storage.models import (
    AuditEntry,
    FocusArea,
    Lesson,
    Membership,
    Participation,
    Person,
    Registration,
    RoleAssignment,
    Rsvp,
    SurveyResponse,
)

REDACTED = "redacted"


def find_person(key: str, *, session: Session) -> Person | None:
    """A person by database id, Slack user ID or e-mail."""
    if key.isdigit():
        return session.get(Person, int(key))
    return session.exec(
        select(Person).where(or_(Person.slack_user_id == key, Person.email == key))
    ).first()


def export_person(person: Person, *, session: Session) -> dict[str, Any]:
    """Everything held about `person`, as JSON-ready data."""
    slack_id = person.slack_user_id
    roles = session.exec(select(RoleAssignment).where(RoleAssignment.person_id == person.id))
    contact_for = session.exec(
        select(Participation).where(Participation.contact_person_id == person.id)
    )
    memberships = session.exec(
        select(Membership).where(Membership.person_id == person.id).order_by(Membership.id)
    )
    data: dict[str, Any] = {
        "person": audit.snapshot(person),
        "memberships": [
            audit.snapshot(m, exclude=frozenset({"id", "person_id"})) for m in memberships
        ],
        "roles": [
            {"role": r.role, "area_id": r.area_id, "network_id": r.network_id} for r in roles
        ],
        "contact_for": [audit.snapshot(p) for p in contact_for],
        "leads": [
            a.name
            for a in session.exec(select(FocusArea).where(FocusArea.lead_person_id == person.id))
        ],
    }
    if slack_id:
        data["registrations"] = [
            audit.snapshot(r)
            for r in session.exec(
                select(Registration).where(Registration.slack_user_id == slack_id)
            )
        ]
        data["rsvps"] = [
            audit.snapshot(r)
            for r in session.exec(select(Rsvp).where(Rsvp.slack_user_id == slack_id))
        ]
        data["lessons"] = [
            audit.snapshot(lesson)
            for lesson in session.exec(select(Lesson).where(Lesson.author_slack_id == slack_id))
        ]
        data["survey_answers"] = [
            audit.snapshot(r)
            for r in session.exec(
                select(SurveyResponse).where(SurveyResponse.answered_by == slack_id)
            )
        ]
    data["audit"] = [
        {
            "at": e.at.isoformat(),
            "action": e.action,
            "entity": e.entity,
            "entity_id": e.entity_id,
            "actor": e.actor,
            "summary": e.summary,
        }
        for e in _audit_about(session, person)
    ]
    return data


def _audit_about(session: Session, person: Person) -> list[AuditEntry]:
    conditions = [(AuditEntry.entity == "person") & (AuditEntry.entity_id == person.id)]
    if person.slack_user_id:
        conditions.append(AuditEntry.actor == person.slack_user_id)
    return list(session.exec(select(AuditEntry).where(or_(*conditions)).order_by(AuditEntry.id)))


def forget_person(person: Person, *, session: Session, actor: str) -> int:
    """Remove `person` and their personal data; returns how many audit entries were scrubbed."""
    assert person.id is not None
    slack_id = person.slack_user_id
    personal = [v for v in (person.name, person.email, person.phone, slack_id) if v]
    for row in session.exec(
        select(Participation).where(Participation.contact_person_id == person.id)
    ):
        row.contact_person_id = None
        session.add(row)
    for area in session.exec(select(FocusArea).where(FocusArea.lead_person_id == person.id)):
        area.lead_person_id = None
        session.add(area)
    for role in session.exec(select(RoleAssignment).where(RoleAssignment.person_id == person.id)):
        session.delete(role)
    memberships = list(session.exec(select(Membership).where(Membership.person_id == person.id)))
    network_ids = sorted({m.network_id for m in memberships})
    for membership in memberships:
        session.delete(membership)
    if slack_id:
        for registration in session.exec(
            select(Registration).where(Registration.slack_user_id == slack_id)
        ):
            session.delete(registration)
        for rsvp in session.exec(select(Rsvp).where(Rsvp.slack_user_id == slack_id)):
            rsvp.slack_user_id = REDACTED
            session.add(rsvp)
        for lesson in session.exec(select(Lesson).where(Lesson.author_slack_id == slack_id)):
            lesson.author_slack_id = REDACTED
            session.add(lesson)
        for answer in session.exec(
            select(SurveyResponse).where(SurveyResponse.answered_by == slack_id)
        ):
            answer.answered_by = REDACTED
            session.add(answer)
        for row in session.exec(
            select(Participation).where(
                or_(
                    col(Participation.joined_by) == slack_id, col(Participation.left_by) == slack_id
                )
            )
        ):
            row.joined_by = REDACTED if row.joined_by == slack_id else row.joined_by
            row.left_by = REDACTED if row.left_by == slack_id else row.left_by
            session.add(row)
    scrubbed = 0
    for entry in session.exec(select(AuditEntry)):
        if _mentions(entry, person, personal):
            entry.before = {"redacted": True} if entry.before is not None else None
            entry.after = {"redacted": True} if entry.after is not None else None
            entry.summary = ""
            if slack_id and entry.actor == slack_id:
                entry.actor = REDACTED
            session.add(entry)
            scrubbed += 1
    person_id = person.id
    session.flush()
    session.delete(person)
    session.flush()
    for network_id in network_ids or [None]:
        audit.record(
            session=session,
            actor=actor,
            action="person.forget",
            entity="person",
            entity_id=person_id,
            network_id=network_id,
        )
    return scrubbed


def _mentions(entry: AuditEntry, person: Person, personal: list[str]) -> bool:
    if entry.entity == "person" and entry.entity_id == person.id:
        return True
    if person.slack_user_id and entry.actor == person.slack_user_id:
        return True
    blob = f"{entry.summary} {entry.before or ''} {entry.after or ''}"
    return any(value in blob for value in personal)
