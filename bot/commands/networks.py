"""`/samverkan nätverk`: which network you work on, switching it, and binding a channel.

- `nätverk`: your networks (every network if you are in none), the one you work on now, and a
  select to switch;
- `nätverk <namn>`: work on that network from now on (remembered; a channel that belongs to a
  network still works on its own);
- `nätverk kanal <namn>`: this channel belongs to that network (its coordinators only).
"""

from __future__ import annotations

from bot.commands import views
from bot.core import network_choice as networks
from bot.core.actor import resolve_actor
from bot.core.blocks import Reply, esc, text_reply
from bot.core.request import Request, Subcommand, UserError
from storage import networks as networks_store
from storage.models import Network
from storage.text import fold

CHANNEL_WORDS = ("kanal", "channel")


def network_command(request: Request) -> Reply:
    words = request.args.split(maxsplit=1)
    if words and fold(words[0]) in CHANNEL_WORDS:
        return _bind_channel(request, words[1] if len(words) > 1 else "")
    if request.args:
        return _switch(request, request.args)
    return _list(request)


def _target(request: Request, name: str) -> Network:
    found = networks.find_network(request.session, name.strip())
    if found is None:
        known = ", ".join(
            f"`{n.slug}`" for n in networks_store.networks_by_id(session=request.session)
        )
        raise request.fail("networks.unknown", name=esc(name.strip()), known=known)
    return found


def _list(request: Request) -> Reply:
    session, user = request.session, request.actor.slack_user_id
    mine = networks.networks_of(session, user)
    shown = mine or networks_store.networks_by_id(session=session)
    lines = [views.NetworkLine(n.name, n.slug, n.id == request.network.id) for n in shown]
    choice = networks.choice_reply(request.lang, tuple(shown)).blocks if len(shown) > 1 else None
    return views.build_networks_message(request.lang, lines, choice)


def _switch(request: Request, name: str) -> Reply:
    target = _target(request, name)
    assert target.id is not None
    networks.remember(request.core, request.actor.slack_user_id, target.id)
    text = request.t("networks.switched", name=esc(target.name))
    return text_reply(text)


def _bind_channel(request: Request, name: str) -> Reply:
    if not request.channel_id or request.channel_id.startswith("D"):
        raise request.fail("networks.channel_needed")
    if not name.strip():
        raise request.fail("networks.channel_usage")
    target = _target(request, name)
    # a coordinator's rights are per network: of the network the channel is to belong to
    actor = resolve_actor(
        request.session,
        network=target,
        slack_user_id=request.actor.slack_user_id,
        admins=request.core.settings.admins,
        default_lang=request.lang,
    )
    if not actor.is_coordinator:
        raise UserError(text_reply(request.t("networks.channel_refused", name=esc(target.name))))
    networks.bind_channel(
        request.session,
        channel_id=request.channel_id,
        network=target,
        actor=request.actor.audit_name,
    )
    text = request.t("networks.channel_bound", channel=request.channel_id, name=esc(target.name))
    return text_reply(text)


SUBCOMMANDS = [
    Subcommand(
        "nätverk",
        "network",
        network_command,
        "help.network",
        aliases=("natverk", "networks"),
        chooses_network=True,
    ),
]
