"""Registry form submissions: join, register, person, area, ask. The bot layer checks the
permission again and answers with field errors, the outcome view, or a refusal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.core.forms import language_for, run_form, text_value, view_values
from bot.core.i18n import t
from bot.registry import forms
from bot.registry.registrations import submit_register
from handlers.after_ack import after_ack


def _submit(
    ack: Ack,
    body: dict[str, Any],
    view: dict[str, Any],
    context: Any,
    client: WebClient,
    submit: Any,
) -> None:
    values = view_values(view)
    metadata = view.get("private_metadata") or ""
    outcome = run_form(
        context["core"], context["who"], lambda request: submit(request, values, metadata)
    )
    ack(**outcome.ack_kwargs())
    after_ack(outcome.run_after, client)


def join_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any, client: WebClient
) -> None:
    _submit(ack, body, view, context, client, forms.submit_join)


def register_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any, client: WebClient
) -> None:
    _submit(ack, body, view, context, client, lambda r, values, _m: submit_register(r, values))


def person_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any, client: WebClient
) -> None:
    _submit(ack, body, view, context, client, forms.submit_person)


def area_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any, client: WebClient
) -> None:
    _submit(ack, body, view, context, client, forms.submit_area)


def ask_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any, client: WebClient
) -> None:
    core, who = context["core"], context["who"]
    values = view_values(view)
    question = text_value(values, "question")
    if not question:
        lang = language_for(core, who.locale)
        ack(response_action="errors", errors={"question": t(lang, "form.error_required")})
        return
    ack()
    after_ack(forms.answer_by_dm, core, client, who, question)
