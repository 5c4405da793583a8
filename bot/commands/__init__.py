"""`/samverkan <subcommand> ...`: parse, check, run; one transaction per command.

Each feature lists its subcommands in `SUBCOMMANDS`, and `SUBCOMMANDS` here puts them in help
order; `dispatch()` finds the one the
first word names (Swedish or English, any case, with or without å/ä/ö), runs it in one unit of
work and returns what to show. A `UserError` anywhere rolls the work back and shows its reply.
"""

from __future__ import annotations

from bot.answers import command as ask
from bot.commands import networks, views
from bot.core.actor import Who
from bot.core.blocks import Modal, Outcome, Reply, esc, text_reply
from bot.core.i18n import language_of_locale, t
from bot.core.network_choice import choice_reply, stamp_view
from bot.core.request import Request, Subcommand, UserError, cached_view
from bot.core.runtime import Core
from bot.core.textmatch import best_match, fold
from bot.events import broadcast
from bot.events import commands as event_commands
from bot.followup import commands as followup_commands
from bot.registry import admin as registry_admin
from bot.registry import commands as registry_commands
from storage.db import UNAVAILABLE_ERRORS


def help_command(request: Request) -> Reply:
    return cached_view(request, ("help",), lambda: _help(request))


def _help(request: Request) -> Reply:
    return views.build_help_message(request.lang, [sub.help_key for sub in subcommands()])


HELP = Subcommand("hjälp", "help", help_command, "help.help", aliases=("hjalp", "?"))

# Every subcommand of /samverkan, in help order.
SUBCOMMANDS: tuple[Subcommand, ...] = (
    HELP,
    *registry_commands.SUBCOMMANDS,
    *registry_admin.SUBCOMMANDS,
    *followup_commands.SUBCOMMANDS,
    *event_commands.SUBCOMMANDS,
    *broadcast.SUBCOMMANDS,
    *ask.SUBCOMMANDS,
    *networks.SUBCOMMANDS,
)


def subcommands() -> tuple[Subcommand, ...]:
    return SUBCOMMANDS


def find_subcommand(word: str) -> tuple[Subcommand | None, str | None]:
    """The subcommand `word` names and the language the word is in (None if unknown)."""
    folded = fold(word)
    for sub in subcommands():
        if folded == fold(sub.en) and fold(sub.en) != fold(sub.sv):
            return sub, "en"
        if folded in (fold(w) for w in sub.words):
            return sub, None
    return None, None


def dispatch(
    core: Core,
    who: Who,
    *,
    text: str,
    channel_id: str | None = None,
    trigger_id: str | None = None,
) -> Outcome:
    """Run `/samverkan text` for the user `who` names; returns the reply or the modal to open.

    The network is `who`'s (`bot.core.actor.who_is_acting`: the one named, else the
    channel's, else the user's); a user in several networks whom nothing places is asked
    which, and choosing runs the command again there."""
    words = text.strip().split(maxsplit=1)
    word, args = (words[0], words[1] if len(words) > 1 else "") if words else ("", "")
    sub, word_lang = find_subcommand(word) if word else (help_subcommand(), None)
    try:
        with core.db.session() as session:
            acting = who.get(session)
            if acting.unclear and not (sub is not None and sub.chooses_network):
                lang = word_lang or language_of_locale(who.locale, core.settings.language)
                return choice_reply(
                    lang, acting.choices, resume=text.strip(), kind="command", session=session
                )
            network, actor = acting.network, acting.actor
            lang = word_lang or actor.lang
            request = Request(
                core, session, network, actor, args.strip(), lang, channel_id, trigger_id
            )
            if sub is None:
                raise unknown_subcommand(request, word)
            if sub.coordinators_only and not actor.is_coordinator:
                raise request.fail("refused.coordinators_only")
            outcome = sub.run(request)
            if isinstance(outcome, Modal):  # submitting the form works on this network
                outcome.view = stamp_view(outcome.view, network.id)
            return outcome
    except UserError as error:
        return error.reply
    except UNAVAILABLE_ERRORS:
        text = t(core.settings.language, "error.database")
        return text_reply(text)


def help_subcommand() -> Subcommand:
    return subcommands()[0]


def unknown_subcommand(request: Request, word: str) -> UserError:
    match = best_match(word, list(subcommands()), lambda s: s.words)
    guess = match.found or next(iter(match.candidates or match.suggestions), None)
    if guess is not None:
        name = guess.en if request.lang == "en" else guess.sv
        return request.fail("command.unknown_suggest", word=esc(word), suggestion=name)
    return request.fail("command.unknown", word=esc(word))
