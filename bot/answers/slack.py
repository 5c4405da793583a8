"""Questions arriving from Slack (an @-mention in a channel, a DM), answered in their thread.

Called by the listeners in `handlers/events/` after Slack got its ack (`handlers.after_ack`
acks first, then runs the work on its pool). Each message is
answered once: the event's `event_id` and its `channel:ts` are claimed in the database first
(`storage.dedupe`), so Slack's retries and re-sends under a new event_id are skipped on every
replica. Messages from bots (this one included) and edits/deletions are ignored.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.answers import answer_as
from bot.core.actor import Who
from bot.core.i18n import t
from bot.core.runtime import Core
from storage import dedupe
from storage.db import UNAVAILABLE_ERRORS

log = logging.getLogger(__name__)

# Message subtypes that are a person writing a question; every other subtype (bot_message,
# message_changed, message_deleted, channel_join...) is not one. A file shared in a DM
# (file_share) is handled by the file_shared event instead (documents for coordinators).
HUMAN_SUBTYPES = frozenset({"", "thread_broadcast"})


def is_question(event: dict[str, Any], *, bot_user_id: str | None, direct: bool) -> bool:
    """Whether `event` is a person's message the bot should answer."""
    if event.get("bot_id") or event.get("bot_profile"):
        return False
    if (event.get("subtype") or "") not in HUMAN_SUBTYPES:
        return False
    user = event.get("user")
    if not user or (bot_user_id and user == bot_user_id):
        return False
    if direct and event.get("channel_type") != "im":
        return False
    return bool(event.get("channel") and event.get("ts"))


def dedupe_keys(event: dict[str, Any], event_id: str | None) -> list[str]:
    keys = [f"msg:{event.get('channel')}:{event.get('ts')}"]
    if event_id:
        keys.insert(0, f"event:{event_id}")
    return keys


def is_workspace_member(event: dict[str, Any], home_team_id: str | None) -> bool:
    """Whether the asker belongs to the workspace the bot is installed in. In a Slack Connect
    channel, `user_team` names the asker's own organisation."""
    user_team = event.get("user_team")
    return not (user_team and home_team_id and user_team != home_team_id)


def answer_event(
    core: Core,
    client: WebClient,
    who: Who | None,
    *,
    event: dict[str, Any],
    event_id: str | None,
    bot_user_id: str | None,
    direct: bool,
) -> bool:
    """Answer one message event in its thread; returns whether an answer was posted."""
    if who is None or not is_question(event, bot_user_id=bot_user_id, direct=direct):
        return False
    with core.db.session() as session:
        if not dedupe.claim(dedupe_keys(event, event_id), session=session, now=core.now()):
            log.info("event %s already handled; skipped", event_id)
            return False
    channel, ts = event["channel"], event["ts"]
    thread_ts = event.get("thread_ts") or ts
    try:
        reply = answer_as(core, who, text=event.get("text") or "", can_ask=True)
        payload = reply.as_message()
    except UNAVAILABLE_ERRORS:
        text = t(core.settings.language, "error.database")
        payload = {"text": text}
    except Exception:
        log.exception("answering a question failed")
        text = t(core.settings.language, "answers.failed")
        payload = {"text": text}
    try:
        client.chat_postMessage(
            channel=channel,
            thread_ts=thread_ts,
            unfurl_links=False,
            unfurl_media=False,
            **payload,
        )
    except SlackApiError as error:
        log.warning("could not post an answer in %s: %s", channel, error.response.get("error"))
        return False
    return True
