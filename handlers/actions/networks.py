"""The network select ("which network is this about?"): remember the choice, then answer."""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.commands.resume import after_choice, switch_network
from bot.core.blocks import Modal, ReplyThen
from bot.core.userinfo import user_locale
from bot.registry.home import publish_home


def network_chosen(body: dict[str, Any], context: Any, client: WebClient, respond: Respond) -> None:
    core = context["core"]
    user = body["user"]["id"]
    team = (body.get("team") or {}).get("id")
    action = body["actions"][0]
    outcome = after_choice(
        core,
        slack_user_id=user,
        value=str((action.get("selected_option") or {}).get("value", "")),
        block_id=action.get("block_id"),
        team_id=team,
        locale=user_locale(core, client, user, team_id=team),
        channel_id=context.get("channel_id"),
        trigger_id=body.get("trigger_id"),
    )
    if isinstance(outcome, Modal):
        client.views_open(trigger_id=body["trigger_id"], view=outcome.view)
        return
    message = outcome.as_command_response()
    respond(**message, replace_original=True)
    if isinstance(outcome, ReplyThen) and outcome.then is not None:
        outcome.then(client)


def home_network_switch(body: dict[str, Any], context: Any, client: WebClient) -> None:
    """A Home button: work in that network from now on, and show the Home for it."""
    core = context["core"]
    user = body["user"]["id"]
    team = (body.get("team") or {}).get("id")
    switch_network(core, user, str(body["actions"][0].get("value") or ""))
    publish_home(core, client, user, team_id=team)
