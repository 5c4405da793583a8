"""Which network a request works on, when one workspace holds several. The one place for it:

1. a network the caller names (the console's, `ask --network`): that one;
2. the channel's network: a channel bound with `/samverkan nätverk kanal <nätverk>`, a
   network's own channel or coordinators' channel, or one of its focus areas' channels;
3. the asker's only network: the one network where they are in the registry;
4. in several: the one they chose last (remembered per user); none chosen yet: ask them with a
   select (`NetworkUnclear`) where the caller can ask (commands, questions), else their first;
5. in none: the one they chose, else the workspace's (`Network.team_id`), else
   `SAMVERKAN_NETWORK`, else the first network there is.

A channel that places a multi-network user also becomes their remembered network, so a form
they open there is submitted to the same network.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from bot.core.blocks import Block, Reply, context, section
from bot.core.i18n import t
from bot.core.textmatch import fold
from storage import audit, generation
from storage import networks as store
from storage.models import (
    FocusArea,
    Membership,
    Network,
    NetworkChannel,
    NetworkChoice,
    ParkedRequest,
    Party,
    utcnow,
)

if TYPE_CHECKING:
    from bot.core.runtime import Core

CHOOSE_ACTION = "network_choose"
MAX_RESUME_CHARS = 2000  # what a choice re-runs: a command or a question


class NetworkUnclear(Exception):
    """The asker is in several networks and nothing says which one this request is for."""

    def __init__(self, choices: tuple[Network, ...]) -> None:
        super().__init__(", ".join(n.slug for n in choices))
        self.choices = choices


# --------------------------------------------------------------------------- reading


def channel_networks(session: Session) -> MappingProxyType[str, int]:
    """Every channel that belongs to a network, and its network's id (per generation)."""

    def compute() -> MappingProxyType[str, int]:
        found: dict[str, int] = {}
        for channel, nid in store.area_channels(session=session):
            found.setdefault(channel, nid)
        for network in store.networks_by_id(session=session):
            for channel in (network.coordinators_channel_id, network.channel_id):
                if channel and network.id is not None:
                    found[channel] = network.id
        for row in store.bound_channels(session=session):
            found[row.channel_id] = row.network_id
        return MappingProxyType(found)

    return generation.cached(("channel_networks",), compute, session=session)


def member_network_ids(session: Session, slack_user_id: str) -> tuple[int, ...]:
    """The networks where `slack_user_id` is an active person of the registry, in order."""

    def compute() -> tuple[int, ...]:
        return store.member_network_ids(session=session, slack_user_id=slack_user_id)

    return generation.cached(("member_networks", slack_user_id), compute, session=session)


def network_count(session: Session) -> int:
    return generation.cached(
        ("network_count",), lambda: store.network_count(session=session), session=session
    )


def network_by_id(session: Session, network_id: int) -> Network | None:
    return generation.registry_row(Network, network_id, session=session)


def chosen_network_id(session: Session, slack_user_id: str) -> int | None:
    choice = session.get(NetworkChoice, slack_user_id)
    return choice.network_id if choice is not None else None


def find_network(session: Session, name: str) -> Network | None:
    """A network by its slug or name, any case, with or without å/ä/ö."""

    wanted = fold(name)
    for network in store.networks_by_id(session=session):
        if wanted in (fold(network.slug), fold(network.name)):
            return network
    return None


# --------------------------------------------------------------------------- resolving


def resolve(
    core: Core,
    session: Session,
    slack_user_id: str,
    *,
    channel_id: str | None = None,
    team_id: str | None = None,
    network_id: int | None = None,
    can_ask: bool = False,
) -> Network:
    """The network this request works on (see the module's docstring for the order)."""
    if network_id is not None:
        found = network_by_id(session, network_id)
        if found is not None:
            return found
    if channel_id:
        nid = channel_networks(session).get(channel_id)
        if nid is not None:
            found = network_by_id(session, nid)
            if found is not None:
                mine = member_network_ids(session, slack_user_id)
                if len(mine) > 1 and nid in mine:
                    remember_if_changed(core, session, slack_user_id, nid)
                return found
    mine = member_network_ids(session, slack_user_id)
    if len(mine) == 1:
        found = network_by_id(session, mine[0])
        if found is not None:
            return found
    if not mine and network_count(session) <= 1:
        return core.network(session, team_id)  # one network: nothing to choose, no query
    chosen = chosen_network_id(session, slack_user_id)
    if mine:
        if chosen in mine:
            found = network_by_id(session, chosen)
            if found is not None:
                return found
        choices = tuple(n for n in (network_by_id(session, i) for i in mine) if n is not None)
        if can_ask and len(choices) > 1:
            raise NetworkUnclear(choices)
        if choices:
            return choices[0]
    if chosen is not None:
        found = network_by_id(session, chosen)
        if found is not None:
            return found
    return core.network(session, team_id)


def remember(core: Core, slack_user_id: str, network_id: int) -> None:
    """Remember `network_id` as the user's network, in its own short transaction."""
    with core.db.session() as session:
        choice = session.get(NetworkChoice, slack_user_id)
        if choice is None:
            session.add(NetworkChoice(slack_user_id=slack_user_id, network_id=network_id))
        elif choice.network_id != network_id:
            choice.network_id = network_id
            choice.updated_at = utcnow()
            session.add(choice)


def remember_if_changed(core: Core, session: Session, slack_user_id: str, network_id: int) -> None:
    if chosen_network_id(session, slack_user_id) != network_id:
        remember(core, slack_user_id, network_id)


def bind_channel(session: Session, *, channel_id: str, network: Network, actor: str) -> None:
    """Make `channel_id` belong to `network`. The network row is touched too, so every
    process's cache of the channels moves on (its registry-generation trigger)."""
    row = session.get(NetworkChannel, channel_id)
    if row is None:
        session.add(NetworkChannel(channel_id=channel_id, network_id=network.id, added_by=actor))
    else:
        row.network_id = network.id  # type: ignore[assignment]
        row.added_by = actor
        session.add(row)
    network.updated_at = utcnow()
    session.add(network)

    audit.record(
        session=session,
        actor=actor,
        action="network.channel",
        entity="network",
        entity_id=network.id,
        network_id=network.id,
        summary=f"{channel_id} → {network.slug}",
        after={"channel": channel_id},
    )


# --------------------------------------------------------------------------- forms


def stamp_view(view: dict[str, Any], network_id: int | None) -> dict[str, Any]:
    """The form `view` with its network in its JSON private metadata, so that submitting it
    works on the network it was opened in (`network_of_view`). Metadata that is not a JSON
    object is left as it is (the form then goes by the user's network)."""
    if network_id is None:
        return view
    text = view.get("private_metadata") or ""
    try:
        data = json.loads(text) if text else None
    except ValueError:
        return view
    if not isinstance(data, dict):
        return view
    data["network"] = network_id
    stamped = json.dumps(data, separators=(",", ":"))
    if len(stamped) > 3000:
        return view
    return {**view, "private_metadata": stamped}


def network_of_view(view: Any) -> int | None:
    """The network a submitted form was opened in (see `stamp_view`), if it says."""
    if not isinstance(view, dict):
        return None
    try:
        data = json.loads(view.get("private_metadata") or "{}")
    except (ValueError, TypeError):
        return None
    value = data.get("network") if isinstance(data, dict) else None
    return value if isinstance(value, int) else None


# --------------------------------------------------------------------------- asking


def choice_reply(
    lang: str,
    choices: tuple[Network, ...],
    *,
    resume: str = "",
    kind: str = "command",
    ephemeral: bool = True,
    session: Session | None = None,
) -> Reply:
    """Ask which network: a select of `choices`; choosing one runs `resume` again in it. With
    `session`, a `resume` too long for the block id is parked in the database, whole."""
    block_id = resume_block_id(kind, resume, session)
    return build_choice_reply(lang, choices, block_id=block_id, ephemeral=ephemeral)


def build_choice_reply(
    lang: str, choices: tuple[Network, ...], *, block_id: str, ephemeral: bool = True
) -> Reply:
    """The network select (pure): its section carries `block_id`, what to resume."""
    text = t(lang, "networks.which")
    options = [
        {
            "text": {"type": "plain_text", "text": n.name[:75]},
            "value": str(n.id),
        }
        for n in choices[:100]
    ]
    select_element: Block = {
        "type": "static_select",
        "action_id": CHOOSE_ACTION,
        "placeholder": {"type": "plain_text", "text": t(lang, "networks.choose")},
        "options": options,
    }
    blocks: list[Block] = [
        section(text, accessory=select_element, block_id=block_id),
        context(t(lang, "networks.remembered")),
    ]
    return Reply(text=text, blocks=blocks, ephemeral=ephemeral)


BLOCK_ID_CHARS = 255  # what Slack allows in a block id
PARK_AFTER = 200  # a longer resume is parked (with a session) rather than carried
PARKED_KEEP = timedelta(hours=24)


def resume_block_id(kind: str, resume: str, session: Session | None = None) -> str:
    """The block id that carries what to do once chosen: the text itself, or, when it is
    longer than `PARK_AFTER` and there is a session, the token of its parked row."""
    resume = resume[:MAX_RESUME_CHARS]
    if session is not None and len(resume) > PARK_AFTER:
        token = secrets.token_urlsafe(16)
        session.add(ParkedRequest(token=token, kind=kind[:16], text=resume))
        session.flush()
        return json.dumps({"k": kind, "p": token})
    data = json.dumps({"k": kind, "r": resume[:PARK_AFTER]}, ensure_ascii=False)
    while len(data) > BLOCK_ID_CHARS:  # å/ä/ö are one character each; trim until it fits
        resume = resume[:-10]
        data = json.dumps({"k": kind, "r": resume}, ensure_ascii=False)
    return data


def read_resume(block_id: str | None, session: Session | None = None) -> tuple[str, str]:
    """(kind, text) from a select's block id; a parked text is read (with `session`) and
    forgotten. An unknown or used token gives no text."""
    try:
        data: Any = json.loads(block_id or "{}")
        kind, token = str(data.get("k") or ""), data.get("p")
        if isinstance(token, str) and token:
            parked = session.get(ParkedRequest, token) if session is not None else None
            if parked is None:
                return kind, ""
            session.delete(parked)  # type: ignore[union-attr]
            return kind, parked.text
        return kind, str(data.get("r") or "")
    except (ValueError, AttributeError):
        return "", ""


def prune_parked(session: Session, now: datetime) -> None:
    """Forget parked requests older than a day (nobody chose)."""
    store.prune_parked(session=session, before=now - PARKED_KEEP)


# --------------------------------------------------------------------------- listing


@dataclass(frozen=True)
class NetworkRow:
    slug: str
    name: str
    kind: str
    parties: int
    areas: int
    people: int
    channels: tuple[str, ...]
    is_default: bool


def overview(session: Session, *, default_slug: str) -> list[NetworkRow]:
    """Every network with its counts and channels (`samverkansbot networks`)."""

    def count(model: Any, network_id: int) -> int:
        return store.rows_in_network(session=session, model=model, network_id=network_id)

    channels: dict[int, list[str]] = {}
    for channel, nid in sorted(channel_networks(session).items()):
        channels.setdefault(nid, []).append(channel)
    networks = store.networks_by_id(session=session)
    slugs = {n.slug for n in networks}
    default = default_slug if default_slug in slugs else (networks[0].slug if networks else "")
    return [
        NetworkRow(
            slug=n.slug,
            name=n.name,
            kind=n.kind,
            parties=count(Party, n.id),  # type: ignore[arg-type]
            areas=count(FocusArea, n.id),  # type: ignore[arg-type]
            people=count(Membership, n.id),  # type: ignore[arg-type]
            channels=tuple(channels.get(n.id, ())),  # type: ignore[arg-type]
            is_default=n.slug == default,
        )
        for n in networks
    ]


def networks_of(session: Session, slack_user_id: str) -> list[Network]:
    """The networks the user is in (for App Home); none: empty."""
    return [
        n
        for n in (network_by_id(session, i) for i in member_network_ids(session, slack_user_id))
        if n is not None
    ]


def shared_organisations(session: Session) -> list[tuple[str, tuple[str, ...]]]:
    """Organisations that are parties of more than one network, with those networks' slugs."""
    rows = store.organisation_networks(session=session)
    found: dict[str, list[str]] = {}
    for name, slug in rows:
        found.setdefault(name, []).append(slug)
    return [(name, tuple(slugs)) for name, slugs in found.items() if len(slugs) > 1]
