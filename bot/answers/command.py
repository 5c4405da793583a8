"""`/samverkan fråga <fråga>` (`ask`): the answerer behind a slash command.

The answer is shown only to the person who asked (like every command), with their question
above it; in a channel, an @-mention gets a public answer in the thread instead.
"""

from __future__ import annotations

from bot.answers import answer
from bot.core.blocks import Reply, context, esc
from bot.core.request import Request, Subcommand


def ask_command(request: Request) -> Reply:
    if not request.args.strip():
        raise request.fail("ask.usage")
    reply = answer(
        request.core,
        session=request.session,
        network=request.network,
        actor=request.actor,
        text=request.args,
        lang=request.lang,
    )
    asked = context(request.t("ask.question", question=esc(request.args[:300])))
    return Reply(text=reply.text, blocks=[asked, *reply.blocks], ephemeral=True)


SUBCOMMANDS = [
    Subcommand("fråga", "ask", ask_command, "help.ask", aliases=("fraga", "question")),
]
