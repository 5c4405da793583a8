"""The local console: talk to the bot on the embedded default, without Slack.

Lines starting with `/samverkan` run the command; `:as U123` (`:som`) switches who you act as;
`:network SLUG` (`:nätverk`) switches the network the console works in (`--network` at the
start; the default is `SAMVERKAN_NETWORK`); `:quit` (`:avsluta`) or end of input stops;
anything else is a question to the answerer.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TextIO

from bot.answers import answer_question
from bot.commands import dispatch
from bot.core.actor import Who
from bot.core.blocks import Modal, Reply
from bot.core.i18n import t
from bot.core.network_choice import find_network
from bot.core.runtime import Core
from bot.core.textrender import render_blocks
from storage import networks as networks_store

CONSOLE_USER = "U0CONSOLE"


class ConsoleError(Exception):
    """The console cannot start (an unknown `--network`); the message says why."""


def run_console(
    core: Core,
    *,
    as_user: str | None = None,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    answer: Callable[..., Reply] | None = None,
    network: str | None = None,
) -> None:
    """Read lines until `:quit` or end of input; print what Slack would show."""
    if as_user is None:
        as_user = CONSOLE_USER
        core.settings = replace(core.settings, admins=core.settings.admins | {CONSOLE_USER})
    lang = core.settings.language
    with core.db.session() as session:
        found = find_network(session, network) if network else core.network(session)
        if found is None:
            known = ", ".join(n.slug for n in networks_store.networks_by_id(session=session))
            raise ConsoleError(t(lang, "console.network_unknown", name=network, known=known))
        network_id, network_name = found.id, found.name
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
        if line.split()[0] in (":network", ":nätverk", ":natverk"):
            name = line.split(maxsplit=1)[1] if len(line.split()) > 1 else ""
            with core.db.session() as session:
                found = find_network(session, name) if name else None
                known = ", ".join(n.slug for n in networks_store.networks_by_id(session=session))
                if found is not None:
                    network_id, network_name = found.id, found.name
            if not name:
                say(t(lang, "console.network_current", network=network_name, known=known))
            elif found is None:
                say(t(lang, "console.network_unknown", name=name, known=known))
            else:
                say(t(lang, "console.network", network=network_name))
            continue
        say(respond(core, as_user, line, answer=answer, network_id=network_id))
        say("")


def respond(
    core: Core,
    as_user: str,
    line: str,
    *,
    answer: Callable[..., Reply] | None = None,
    network_id: int | None = None,
) -> str:
    """One console line's answer as text, in the network `network_id` (else as in Slack)."""
    if line.startswith("/samverkan"):
        who = Who(core, slack_user_id=as_user, network_id=network_id)
        outcome = dispatch(core, who, text=line[len("/samverkan") :])
        if isinstance(outcome, Modal):
            title = outcome.view.get("title", {}).get("text", "")
            note = t(core.settings.language, "console.modal", title=title)
            if outcome.fallback:
                return render_blocks(outcome.fallback.blocks, outcome.fallback.text) + "\n" + note
            return note
        return render_blocks(outcome.blocks, outcome.text)
    answer = answer or answer_question
    extra = {"network_id": network_id} if network_id is not None else {}
    reply = answer(core, slack_user_id=as_user, text=line, **extra)
    return render_blocks(reply.blocks, reply.text)


def _who(user: str) -> str:
    return f"{user} (samordnare/coordinator)" if user == CONSOLE_USER else user
