"""Follow-up listeners on messages: the "Spara som lärdom" shortcut and the survey's button."""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.followup.lessons import lesson_shortcut
from bot.followup.surveys import survey_answer_form


def save_lesson_shortcut(
    shortcut: dict[str, Any], client: WebClient, context: Any, respond: Respond
) -> None:
    """Message shortcut `save_lesson`: open the lesson form pre-filled with the message."""
    view, refusal = lesson_shortcut(
        context["core"],
        client,
        context["who"],
        channel_id=(shortcut.get("channel") or {}).get("id"),
        message=shortcut.get("message") or {},
    )
    if refusal is not None:
        respond(text=refusal, response_type="ephemeral")
        return
    client.views_open(trigger_id=shortcut["trigger_id"], view=view)


def survey_open_action(
    body: dict[str, Any], client: WebClient, context: Any, respond: Respond
) -> None:
    """The survey DM's button: open the answer form, or say kindly why not."""
    action = (body.get("actions") or [{}])[0]
    try:
        survey_id: int | None = int(action.get("value", ""))
    except ValueError:
        survey_id = None
    view, refusal = survey_answer_form(context["core"], context["who"], survey_id=survey_id)
    if refusal is not None:
        respond(text=refusal, response_type="ephemeral", replace_original=False)
        return
    client.views_open(trigger_id=body["trigger_id"], view=view)
