"""Who is acting: a Slack user resolved against the registry, with their roles and language."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from sqlmodel import Session

from bot.core.i18n import language_of_locale
from bot.core.network_choice import resolve
from storage import generation, registry
from storage.models import Network, Party, Role

if TYPE_CHECKING:
    from bot.core.runtime import Core


# The channel of the Slack request being handled, set by the app's middleware
# (`bot.web.app.attach_scope`), so that every `acting_as` finds the channel's network.
request_channel: ContextVar[str | None] = ContextVar("request_channel", default=None)
# The network a submitted form was opened in (`bot.core.network_choice.stamp_view`), likewise.
request_network: ContextVar[int | None] = ContextVar("request_network", default=None)


def current_channel() -> str | None:
    return request_channel.get()


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


class _Known(NamedTuple):
    """What the registry says of a Slack user: cached per registry generation."""

    person_id: int
    name: str
    party_id: int | None
    roles: frozenset[str]
    locale: str | None


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
    network_id = network.id

    def look_up() -> _Known | None:
        person = registry.person_by_slack_id(
            session, network_id=network_id, slack_user_id=slack_user_id
        )
        if person is None or person.id is None:
            return None
        roles = frozenset(registry.roles_of(session, person_id=person.id, network_id=network_id))
        return _Known(person.id, person.name, person.party_id, roles, person.locale)

    known = generation.cached(session, ("actor", network_id, slack_user_id), look_up)
    roles = set(known.roles) if known else set()
    if slack_user_id in admins:
        roles.add(Role.coordinator)
    party = None
    if known and known.party_id:
        party = generation.registry_row(session, Party, known.party_id)
    lang = language_of_locale(locale or (known.locale if known else None), default_lang)
    return Actor(
        slack_user_id=slack_user_id,
        network_id=network_id,
        lang=lang,
        person_id=known.person_id if known else None,
        name=known.name if known else None,
        party=party,
        roles=frozenset(roles),
        workspace_member=workspace_member,
    )


def acting_as(
    core: Core,
    session: Session,
    slack_user_id: str,
    *,
    team_id: str | None = None,
    locale: str | None = None,
    workspace_member: bool = True,
    channel_id: str | None = None,
    network_id: int | None = None,
    can_ask: bool = False,
) -> tuple[Network, Actor]:
    """The network the request works on (`bot.core.network_choice.resolve`: the one named,
    the channel's, the user's...), and who `slack_user_id` is in it. With `can_ask`, a user in
    several networks whom nothing places gets `NetworkUnclear`; the caller asks which."""

    network = resolve(
        core,
        session,
        slack_user_id,
        channel_id=channel_id or current_channel(),
        team_id=team_id,
        network_id=network_id if network_id is not None else request_network.get(),
        can_ask=can_ask,
    )
    actor = resolve_actor(
        session,
        network=network,
        slack_user_id=slack_user_id,
        admins=core.settings.admins,
        default_lang=core.settings.language,
        locale=locale,
        workspace_member=workspace_member,
    )
    return network, actor
