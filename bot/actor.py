"""Who is acting: a Slack user resolved against the registry, with their roles and language."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from bot.i18n import language_of_locale
from storage import registry
from storage.models import Network, Party, Role


@dataclass(frozen=True)
class Actor:
    slack_user_id: str
    network_id: int
    lang: str
    person_id: int | None = None
    name: str | None = None
    party: Party | None = None
    roles: frozenset[str] = frozenset()
    # False for someone from another organisation (e.g. in a Slack Connect channel).
    workspace_member: bool = True

    @property
    def is_registered(self) -> bool:
        return self.person_id is not None

    @property
    def is_coordinator(self) -> bool:
        return Role.coordinator in self.roles

    @property
    def is_school_chief(self) -> bool:
        return Role.school_chief in self.roles

    @property
    def audit_name(self) -> str:
        return self.slack_user_id


def resolve_actor(
    session: Session,
    *,
    network: Network,
    slack_user_id: str,
    admins: frozenset[str],
    default_lang: str,
    locale: str | None = None,
    workspace_member: bool = True,
) -> Actor:
    """The registry's view of `slack_user_id`; `SAMVERKAN_ADMINS` are coordinators always."""
    assert network.id is not None
    person = registry.person_by_slack_id(
        session, network_id=network.id, slack_user_id=slack_user_id
    )
    roles: set[str] = set()
    party = None
    if person is not None and person.id is not None:
        roles = registry.roles_of(session, person_id=person.id)
        party = session.get(Party, person.party_id) if person.party_id else None
    if slack_user_id in admins:
        roles.add(Role.coordinator)
    lang = language_of_locale(locale or (person.locale if person else None), default_lang)
    return Actor(
        slack_user_id=slack_user_id,
        network_id=network.id,
        lang=lang,
        person_id=person.id if person else None,
        name=person.name if person else None,
        party=party,
        roles=frozenset(roles),
        workspace_member=workspace_member,
    )
