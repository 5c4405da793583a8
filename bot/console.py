"""The local console: talk to the bot on the embedded default, without Slack.

Lines starting with `/samverkan` run the command; `:as U123` (`:som`) switches who you act as;
`:quit` (`:avsluta`) or end of input stops; anything else is a question to the answerer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TextIO

from bot.blocks import Modal, Reply
from bot.commands import dispatch
from bot.core import Core
from bot.i18n import t
from bot.textrender import render_blocks

CONSOLE_USER = "U0CONSOLE"


def run_console(
    core: Core,
    *,
    as_user: str | None = None,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    answer: Callable[..., Reply] | None = None,
) -> None:
    """Read lines until `:quit` or end of input; print what Slack would show."""
    if as_user is None:
        as_user = CONSOLE_USER
        core.settings = replace(core.settings, admins=core.settings.admins | {CONSOLE_USER})
    lang = core.settings.language
    with core.db.session() as session:
        network_name = core.network(session).name
    interactive = stdin.isatty()

    def say(text: str) -> None:
        print(text, file=stdout, flush=True)

    say(t(lang, "console.banner", network=network_name, who=_who(as_user)))
    say(t(lang, "console.connect"))
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        line = line.strip()
        if not line:
            continue
        if line in (":quit", ":q", ":avsluta", ":exit"):
            break
        if line.split()[0] in (":as", ":som"):
            parts = line.split()
            if len(parts) == 2:
                as_user = parts[1]
                say(t(lang, "console.switched", who=_who(as_user)))
            continue
        say(respond(core, as_user, line, answer=answer))
        say("")


def respond(
    core: Core, as_user: str, line: str, *, answer: Callable[..., Reply] | None = None
) -> str:
    """One console line's answer as text."""
    if line.startswith("/samverkan"):
        outcome = dispatch(core, slack_user_id=as_user, text=line[len("/samverkan") :])
        if isinstance(outcome, Modal):
            title = outcome.view.get("title", {}).get("text", "")
            note = t(core.settings.language, "console.modal", title=title)
            if outcome.fallback:
                return render_blocks(outcome.fallback.blocks, outcome.fallback.text) + "\n" + note
            return note
        return render_blocks(outcome.blocks, outcome.text)
    if answer is None:
        from bot.answers import answer_question as answer
    reply = answer(core, slack_user_id=as_user, text=line)
    return render_blocks(reply.blocks, reply.text)


def _who(user: str) -> str:
    return f"{user} (samordnare/coordinator)" if user == CONSOLE_USER else user
