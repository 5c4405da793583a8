"""Questions to the bot (@-mention in a channel, a DM) and files shared with it in a DM.

Thin: acked at once (`handlers.after_ack.ack_first`; Slack wants it within 3 seconds), then
answered in the thread through `bot.answers.slack` / `bot.answers.files`.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.answers.files import add_shared_file
from bot.answers.slack import answer_event


def _answer(
    event: dict[str, Any],
    body: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    *,
    direct: bool,
) -> None:
    answer_event(
        context["core"],
        client,
        context.get("who"),
        event=event,
        event_id=body.get("event_id"),
        bot_user_id=context.bot_user_id,
        direct=direct,
    )


def answer_mention(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    _answer(event, body, context, client, direct=False)


def answer_direct_message(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    _answer(event, body, context, client, direct=True)


def add_file(
    event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient
) -> None:
    add_shared_file(
        context["core"],
        client,
        context.get("who"),
        event=event,
        event_id=body.get("event_id"),
        bot_user_id=context.bot_user_id,
    )
