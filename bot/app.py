"""Build the Bolt app: client, middleware, listeners. Kept short on purpose."""

from __future__ import annotations

from slack_bolt import App
from slack_sdk import WebClient

from bot.core import Core
from bot.slack import make_web_client
from handlers import register_handlers
from handlers.errors import handle_error


def build_app(core: Core, *, client: WebClient | None = None) -> App:
    """The Slack app for `core`; every listener finds `core` in `context`."""
    settings = core.settings
    app = App(
        client=client or make_web_client(settings),
        signing_secret=settings.slack_signing_secret,
        token_verification_enabled=False,
        ignoring_self_events_enabled=True,
        # Answer Slack when the listener returns: no thread hand-off, no polling for ack().
        # Listeners return as soon as the answer is known; Slack calls that follow it run on
        # `handlers.after_ack`'s pool, so a slow Slack never delays an ack.
        process_before_response=True,
    )

    @app.middleware
    def attach_core(context, next) -> None:  # type: ignore[no-untyped-def]
        context["core"] = core
        next()

    register_handlers(app)
    app.error(handle_error)
    return app
