"""`/samverkan`: hand the text to the command dispatcher, answer or open its form."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.blocks import Modal
from bot.commands import dispatch
from bot.userinfo import user_locale


def samverkan_command(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    core = context["core"]
    locale = user_locale(core, client, command["user_id"], team_id=command.get("team_id"))
    outcome = dispatch(
        core,
        slack_user_id=command["user_id"],
        locale=locale,
        text=command.get("text", ""),
        team_id=command.get("team_id"),
        channel_id=command.get("channel_id"),
        trigger_id=command.get("trigger_id"),
    )
    if isinstance(outcome, Modal):
        ack()
        client.views_open(trigger_id=command["trigger_id"], view=outcome.view)
    else:
        ack(**outcome.as_command_response())
        then = getattr(outcome, "then", None)  # work after answering (e.g. an upload)
        if then is not None:
            then(client)
