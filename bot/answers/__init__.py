"""Answering questions asked in a channel, a DM, the console or `/samverkan fråga`."""

from __future__ import annotations

from bot.blocks import Reply, section
from bot.core import Core
from bot.i18n import t


def answer_question(
    core: Core, *, slack_user_id: str, text: str, team_id: str | None = None
) -> Reply:
    """The answer to `text` (placeholder until the answerer lands: points to the commands)."""
    message = t(core.settings.language, "command.unknown", word=text[:40])
    return Reply(text=message, blocks=[section(message)])
