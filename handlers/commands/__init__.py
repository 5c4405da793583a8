"""Slash command listeners."""

from __future__ import annotations

from slack_bolt import App

from handlers.commands.samverkan import samverkan_command


def register(app: App) -> None:
    app.command("/samverkan")(samverkan_command)
