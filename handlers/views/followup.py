"""Follow-up form submissions: a lesson, a new survey, a survey answer."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.core.forms import view_values
from bot.followup.lessons import save_lesson_form
from bot.followup.surveys import create_survey_form, save_survey_answer
from handlers.after_ack import after_ack


def _values(view: dict[str, Any]) -> dict[str, Any]:
    return view_values(view)


def save_lesson_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any
) -> None:
    result = save_lesson_form(
        context["core"],
        context["who"],
        private_metadata=view.get("private_metadata", ""),
        values=_values(view),
    )
    ack(**result.ack_kwargs())


def survey_create_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: Any
) -> None:
    result = create_survey_form(context["core"], context["who"], values=_values(view))
    ack(**result.ack_kwargs())
    if result.after:
        after_ack(result.run_after, client)


def survey_answer_submission(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any
) -> None:
    result = save_survey_answer(
        context["core"],
        context["who"],
        private_metadata=view.get("private_metadata", ""),
        values=_values(view),
    )
    ack(**result.ack_kwargs())
