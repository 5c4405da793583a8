"""Who is acting: a Slack user resolved against the registry, with their roles and language."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import make_transient_to_detached
from sqlmodel import Session, SQLModel

from bot.core.i18n import language_of_locale
from bot.core.network_choice import NetworkUnclear, resolve
from storage import generation, registry
from storage.models import Network, Party, Role

if TYPE_CHECKING:
    from bot.core.runtime import Core

M = TypeVar("M", bound=SQLModel)


# The channel of the Slack request being handled, set by the app's middleware
# (`bot.web.app.attach_scope`), so that every `who_is_acting` finds the channel's network.
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
            session=session, network_id=network_id, slack_user_id=slack_user_id
        )
        if person is None or person.id is None:
            return None
        roles = frozenset(
            registry.roles_of(session=session, person_id=person.id, network_id=network_id)
        )
        return _Known(person.id, person.name, person.party_id, roles, person.locale)

    known = generation.cached(("actor", network_id, slack_user_id), look_up, session=session)
    roles = set(known.roles) if known else set()
    if slack_user_id in admins:
        roles.add(Role.coordinator)
    party = None
    if known and known.party_id:
        party = generation.registry_row(Party, known.party_id, session=session)
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


@dataclass(frozen=True)
class Acting:
    """Who is acting and in which network: `network` and `actor` in it. A user in several
    networks whom nothing places has `choices` too (`NetworkUnclear`): a caller that can ask
    asks which; any other works on `network`, the first of them."""

    network: Network
    actor: Actor
    choices: tuple[Network, ...] = ()

    @property
    def unclear(self) -> bool:
        return bool(self.choices)


def who_is_acting(
    core: Core,
    session: Session,
    *,
    slack_user_id: str,
    team_id: str | None = None,
    locale: str | None = None,
    channel_id: str | None = None,
    network_id: int | None = None,
    workspace_member: bool = True,
) -> Acting:
    """The network the request works on (`bot.core.network_choice.resolve`: the one named,
    the channel's, the user's...; the request's channel and stamped network when not given),
    and who `slack_user_id` is in it. The one place that resolves it: the app's middleware
    (through `Who`), the console and the CLI."""

    def where(can_ask: bool) -> Network:
        return resolve(
            core,
            session,
            slack_user_id,
            channel_id=channel_id or current_channel(),
            team_id=team_id,
            network_id=network_id if network_id is not None else request_network.get(),
            can_ask=can_ask,
        )

    choices: tuple[Network, ...] = ()
    try:
        network = where(can_ask=True)
    except NetworkUnclear as unclear:
        choices = unclear.choices
        network = choices[0]
    actor = resolve_actor(
        session,
        network=network,
        slack_user_id=slack_user_id,
        admins=core.settings.admins,
        default_lang=core.settings.language,
        locale=locale,
        workspace_member=workspace_member,
    )
    return Acting(network, actor, choices)


class Who:
    """The request's `Acting`, resolved once, when first asked (`get`): by the listener, so
    after the ack where it acks first, and in the session of the unit of work that asks
    (no session of its own then). The app's middleware puts one in `context["who"]`
    for every request with a user; the console, the CLI and tests make their own."""

    def __init__(
        self,
        core: Core,
        *,
        slack_user_id: str,
        team_id: str | None = None,
        locale: str | Callable[[], str | None] | None = None,
        channel_id: str | None = None,
        network_id: int | None = None,
        workspace_member: bool = True,
    ) -> None:
        self.core = core
        self.slack_user_id = slack_user_id
        self.team_id = team_id
        self.channel_id = channel_id
        self.network_id = network_id
        self.workspace_member = workspace_member
        self._locale = locale
        self._lock = threading.Lock()
        self._acting: Acting | None = None

    @property
    def locale(self) -> str | None:
        """The user's Slack locale (`bot.core.userinfo.user_locale`), looked up once."""
        with self._lock:
            if callable(self._locale):
                self._locale = self._locale()
            return self._locale

    def get(self, session: Session | None = None) -> Acting:
        """Who is acting, resolved the first time (in `session` if given, else in a unit of
        work of its own); the same `Acting` after that."""
        if self._acting is None:
            locale = self.locale
            with self._lock:
                if self._acting is None:
                    if session is not None:
                        acting = self._resolve(session, locale)
                    else:
                        with self.core.db.session() as own:
                            acting = self._resolve(own, locale)
                    self._acting = _detached(acting)
        return self._acting

    def _resolve(self, session: Session, locale: str | None) -> Acting:
        return who_is_acting(
            self.core,
            session,
            slack_user_id=self.slack_user_id,
            team_id=self.team_id,
            locale=locale,
            channel_id=self.channel_id,
            network_id=self.network_id,
            workspace_member=self.workspace_member,
        )

    def again(self, network_id: int | None = None) -> Who:
        """The same user resolved afresh (after a change), or in the network `network_id`
        names (a choice they made, a survey's own network)."""
        return Who(
            self.core,
            slack_user_id=self.slack_user_id,
            team_id=self.team_id,
            locale=self.locale,
            channel_id=self.channel_id,
            network_id=network_id if network_id is not None else self.network_id,
            workspace_member=self.workspace_member,
        )


def _detached(acting: Acting) -> Acting:
    """`acting` with its rows as detached copies: it outlives the unit of work it was resolved
    in (rolled back on a refusal, which expires that session's rows), and is only read."""
    party = acting.actor.party
    return Acting(
        _copy(acting.network),
        replace(acting.actor, party=_copy(party) if party is not None else None),
        tuple(_copy(n) for n in acting.choices),
    )


def _copy(row: M) -> M:
    copy = type(row)(**{a.key: getattr(row, a.key) for a in inspect(row).mapper.column_attrs})
    make_transient_to_detached(copy)
    return copy
