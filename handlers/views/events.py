"""View submissions of the event form and the broadcast form: parse, call the bot, ack."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.core import outbox
from bot.core.forms import FormOutcome
from bot.events.broadcast import submit_broadcast
from bot.events.forms import submit_cancel_form, submit_event_form
from handlers.after_ack import after_ack


def _answer(ack: Ack, outcome: FormOutcome) -> None:
    ack(**outcome.ack_kwargs())


def event_form_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any
) -> None:
    outcome = submit_event_form(
        context["core"],
        context["who"],
        view=view,
    )
    _answer(ack, outcome)


def broadcast_preview_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any
) -> None:
    outcome = submit_broadcast(
        context["core"],
        context["who"],
        view=view,
        send=False,
    )
    _answer(ack, outcome)


def broadcast_send_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any, client: WebClient
) -> None:
    core = context["core"]
    outcome = submit_broadcast(
        core,
        context["who"],
        view=view,
        send=True,
    )
    _answer(ack, outcome)
    if outcome.view is not None and not outcome.errors:
        after_ack(outbox.send_due, core, client, core.now())  # start sending right away


def cancel_form_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: Any
) -> None:
    outcome = submit_cancel_form(
        context["core"],
        context["who"],
        view=view,
    )
    _answer(ack, outcome)
