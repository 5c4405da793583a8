"""Kommer / Kommer inte buttons on reminders and notices: record, confirm, update the count."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.events.forms import manage_event_view
from bot.events.rsvp import answer_rsvp

log = logging.getLogger(__name__)


def _rsvp(body: dict[str, Any], context: Any, client: WebClient, attending: bool) -> None:
    action = (body.get("actions") or [{}])[0]
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    user_id = body["user"]["id"]
    outcome = answer_rsvp(
        context["core"],
        context["who"],
        value=action.get("value", ""),
        attending=attending,
        message=body.get("message"),
    )
    if outcome.blocks is not None and channel and container.get("message_ts"):
        try:
            client.chat_update(
                channel=channel,
                ts=container["message_ts"],
                text=outcome.text or "",
                blocks=outcome.blocks,
            )
        except SlackApiError as error:  # the answer is recorded; only the count is stale
            log.warning("could not update the RSVP count: %s", error.response.get("error"))
    if channel:
        client.chat_postEphemeral(channel=channel, user=user_id, text=outcome.ephemeral)


def rsvp_yes(body: dict[str, Any], context: Any, client: WebClient) -> None:
    _rsvp(body, context, client, True)


def rsvp_no(body: dict[str, Any], context: Any, client: WebClient) -> None:
    _rsvp(body, context, client, False)


def manage_event(body: dict[str, Any], context: Any, client: WebClient, respond: Respond) -> None:
    """Ändra… / Ställ in… in a coordinator's event list: open the form, or say why not."""
    action = (body.get("actions") or [{}])[0]
    view, refusal = manage_event_view(
        context["core"],
        context["who"],
        value=(action.get("selected_option") or {}).get("value", ""),
    )
    if view is not None:
        client.views_open(trigger_id=body["trigger_id"], view=view)
    elif refusal:
        respond(text=refusal, response_type="ephemeral", replace_original=False)
