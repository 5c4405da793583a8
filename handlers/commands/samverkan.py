"""`/samverkan`: hand the text to the command dispatcher, answer or open its form."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.blocks import Modal
from bot.commands import dispatch


def samverkan_command(ack: Ack, command: dict[str, Any], context: Any, client: WebClient) -> None:
    outcome = dispatch(
        context["core"],
        slack_user_id=command["user_id"],
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
