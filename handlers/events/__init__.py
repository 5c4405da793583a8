"""Slack events listeners."""

from __future__ import annotations

from slack_bolt import App

from handlers.events.answers import (
    ack_event,
    add_file,
    answer_direct_message,
    answer_mention,
)
from handlers.events.app_home import app_home_opened


def register(app: App) -> None:
    app.event("app_home_opened")(app_home_opened)
    app.event("app_mention")(ack=ack_event, lazy=[answer_mention])
    app.event("message")(ack=ack_event, lazy=[answer_direct_message])
    app.event("file_shared")(ack=ack_event, lazy=[add_file])
