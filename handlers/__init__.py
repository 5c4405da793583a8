"""Slack listeners, one package per surface; `register_handlers` wires them all."""

from __future__ import annotations

from slack_bolt import App

from handlers import actions, commands, events, views


def register_handlers(app: App) -> None:
    commands.register(app)
    events.register(app)
    actions.register(app)
    views.register(app)
