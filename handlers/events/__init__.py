"""Slack events listeners: each acks at once and does its work after the ack."""

from __future__ import annotations

from slack_bolt import App

from handlers.after_ack import ack_first
from handlers.events.answers import add_file, answer_direct_message, answer_mention
from handlers.events.app_home import app_home_opened


def register(app: App) -> None:
    app.event("app_home_opened")(ack_first(app_home_opened))
    app.event("app_mention")(ack_first(answer_mention))
    app.event("message")(ack_first(answer_direct_message))
    app.event("file_shared")(ack_first(add_file))
