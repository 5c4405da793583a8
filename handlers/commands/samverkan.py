"""`/samverkan`: hand the text to the command dispatcher, answer or open its form.

Slack wants the acknowledgement within 3 seconds. A command normally answers in a few
milliseconds, inside the ack. If the database or Slack is slow, the ack goes out after
`ACK_BUDGET_SECONDS` with "one moment", and the answer follows through `respond` when it is
ready, so a slow dependency never turns into Slack's "operation_timeout". Opening a form and
any upload happen after the ack (`handlers.after_ack`).
"""

from __future__ import annotations

import contextvars
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from slack_bolt import Ack, BoltResponse, Respond
from slack_sdk import WebClient

from bot.commands import dispatch
from bot.core.blocks import Modal, Outcome, Reply, ReplyThen
from bot.core.i18n import t
from handlers.after_ack import after_ack

ACK_BUDGET_SECONDS = 2.0
_workers = ThreadPoolExecutor(max_workers=16, thread_name_prefix="samverkan-command")


def samverkan_command(
    ack: Ack, command: dict[str, Any], context: Any, client: WebClient, respond: Respond
) -> None:
    core = context["core"]

    def run() -> Outcome:
        return dispatch(
            core,
            context["who"],
            text=command.get("text", ""),
            channel_id=command.get("channel_id"),
            trigger_id=command.get("trigger_id"),
        )

    future = _workers.submit(contextvars.copy_context().run, run)
    try:
        outcome = future.result(timeout=ACK_BUDGET_SECONDS)
    except FutureTimeout:
        ack(response_type="ephemeral", text=t(core.settings.language, "command.working"))
        future.add_done_callback(
            lambda done: _answer_late(done, respond, client, core.settings.language)
        )
        return
    if isinstance(outcome, Modal):
        ack()
        after_ack(client.views_open, trigger_id=command["trigger_id"], view=outcome.view)
        return
    if outcome.command_json is not None:  # a cached view, serialized once per generation
        ack.response = BoltResponse(status=200, body=outcome.command_json)
    else:
        ack(**outcome.as_command_response())
    if isinstance(outcome, ReplyThen) and outcome.then is not None:  # e.g. an upload
        after_ack(outcome.then, client)


def _answer_late(future: Future[Outcome], respond: Respond, client: WebClient, lang: str) -> None:
    """The answer of a command that missed the ack budget, through its response_url."""
    try:
        outcome = future.result()
    except Exception:
        respond(response_type="ephemeral", text=t(lang, "error.generic"), replace_original=True)
        raise
    if isinstance(outcome, Modal):  # the trigger has expired: a form can no longer open
        respond(
            response_type="ephemeral", text=t(lang, "command.form_expired"), replace_original=True
        )
        return
    reply: Reply = outcome
    respond(**reply.as_command_response(), replace_original=True)
    if isinstance(reply, ReplyThen) and reply.then is not None:
        reply.then(client)
