"""The ask-back buttons of an ambiguous question ("Flera i registret heter Anna Berg. Vem
menar du?"): the chosen one answers the question, in place of the buttons."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.answers import answer_as

log = logging.getLogger(__name__)


def choose(body: dict[str, Any], context: Any, client: WebClient) -> None:
    action = (body.get("actions") or [{}])[0]
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    try:
        value = json.loads(action.get("value") or "{}")
        choice = (str(value["k"]), int(value["id"]))
        text = str(value["q"])
    except (ValueError, KeyError, TypeError):
        log.warning("an ask-back button with a malformed value")
        return
    reply = answer_as(context["core"], context["who"], text=text, choice=choice)
    payload = reply.as_message()
    if not channel:
        return
    try:
        if container.get("message_ts"):
            client.chat_update(channel=channel, ts=container["message_ts"], **payload)
        else:
            client.chat_postMessage(channel=channel, **payload)
    except SlackApiError as error:
        log.warning("could not post the chosen answer: %s", error.response.get("error"))
