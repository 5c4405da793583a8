"""How the registry shows a person: the label, the card with roles and contact details, and
the card of someone asking to be registered."""

from __future__ import annotations

from sqlmodel import Session

from bot.core.blocks import (
    Block,
    esc,
    header,
    section,
)
from bot.core.request import Request
from bot.registry.approval_view import (
    RegistrationCard,
)
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
    return ", ".join(request.t(f"role.{role}") for role in sorted(roles))


def person_blocks(request: Request, person: registry.Member) -> list[Block]:
    session = request.session
    roles = registry.roles_of(session, person_id=person.id, network_id=person.network_id)  # type: ignore[arg-type]
    party = session.get(Party, person.party_id) if person.party_id else None
    line = person_label(request, person)
    if party:
        line += f" – {esc(party.name)}"
    if roles:
        line += f" ({roles_label(request, roles)})"
    return [header(person.name), section(line + contact_details(person))]


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
