"""The network select ("which network is this about?"): remember the choice, then answer."""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.commands.resume import after_choice, switch_network
from bot.core.blocks import Modal, ReplyThen
from bot.registry.home import publish_home


def network_chosen(body: dict[str, Any], context: Any, client: WebClient, respond: Respond) -> None:
    action = body["actions"][0]
    outcome = after_choice(
        context["core"],
        context["who"],
        value=str((action.get("selected_option") or {}).get("value", "")),
        block_id=action.get("block_id"),
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
    core, who = context["core"], context["who"]
    switch_network(core, who.slack_user_id, str(body["actions"][0].get("value") or ""))
    publish_home(core, client, who.again())  # in the network chosen just now
