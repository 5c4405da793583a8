"""How the registry shows a person: the label, what their card shows (roles and contact
details; drawn by `views.build_person_message`), and the card of someone asking to be
registered."""

from __future__ import annotations

from sqlmodel import Session

from bot.core.blocks import esc
from bot.core.request import Request
from bot.registry.approval_view import (
    RegistrationCard,
)
from bot.registry.views import PersonCard, roles_text
from storage import registry
from storage.models import (
    Party,
    Person,
    Registration,
)


def person_label(
    request: Request, person: registry.Member | registry.ContactRef | registry.PersonRef
) -> str:
    """'Anna Svensson (skolchef), <@U123>' – name and title escaped, the Slack link verified."""
    label = f"*{esc(person.name)}*"
    if person.title:
        label += f", {esc(person.title)}"
    if person.slack_user_id:
        label += f" <@{person.slack_user_id}>"
    return label


def roles_label(request: Request, roles: set[str]) -> str:
    return roles_text(request.lang, roles)


def person_card(request: Request, person: registry.Member) -> PersonCard:
    """What a person's card shows (`views.build_person_message` draws it)."""
    session = request.session
    roles = registry.roles_of(session=session, person_id=person.id, network_id=person.network_id)  # type: ignore[arg-type]
    party = session.get(Party, person.party_id) if person.party_id else None
    return PersonCard(
        name=person.name,
        label=person_label(request, person),
        party=party.name if party else None,
        roles=frozenset(roles),
        details=contact_details(person),
    )


def contact_details(person: Person | registry.ContactRef | registry.PersonRef) -> str:
    details = [esc(d) for d in (person.email, person.phone) if d]
    return f"\n    {' · '.join(details)}" if details else ""


def registration_card(session: Session, registration: Registration) -> RegistrationCard:
    party = session.get(Party, registration.party_id) if registration.party_id else None
    return RegistrationCard(
        id=registration.id,  # type: ignore[arg-type]
        slack_user_id=registration.slack_user_id,
        name=registration.name,
        party=party.name if party else "",
        role=registration.role,
        title=registration.title,
    )
