"""`/samverkan <subcommand> ...`: parse, check, run; one transaction per command.

Each feature module lists its subcommands in `SUBCOMMANDS`; `dispatch()` finds the one the
first word names (Swedish or English, any case, with or without å/ä/ö), runs it in one unit of
work and returns what to show. A `UserError` anywhere rolls the work back and shows its reply.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from sqlmodel import Session

from bot.actor import Actor, acting_as
from bot.blocks import Modal, Outcome, Reply, esc, section
from bot.core import Core
from bot.i18n import language_of_locale, t
from bot.networks import NetworkUnclear, choice_reply, stamp_view
from bot.textmatch import best_match
from storage import generation
from storage.db import UNAVAILABLE_ERRORS
from storage.models import Network
from storage.text import fold

# Feature modules whose SUBCOMMANDS make up /samverkan, in help order.
FEATURE_MODULES = (
    "bot.commands.registry",
    "bot.commands.followup",
    "bot.commands.events",
    "bot.commands.broadcast",
    "bot.commands.ask",
    "bot.commands.networks",
)


class UserError(Exception):
    """Stop the command, change nothing, and show `reply` to the user."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.text)
        self.reply = reply


@dataclass
class Request:
    """Everything a subcommand needs: who asks, in which network, with which words."""

    core: Core
    session: Session
    network: Network
    actor: Actor
    args: str
    lang: str
    channel_id: str | None = None
    trigger_id: str | None = None

    def t(self, key: str, **values: object) -> str:
        return t(self.lang, key, **values)

    def fail(self, key: str, **values: object) -> UserError:
        """A `UserError` with a one-section ephemeral reply."""
        text = self.t(key, **values)
        return UserError(Reply(text=text, blocks=[section(text)]))


@dataclass(frozen=True)
class Subcommand:
    sv: str
    en: str
    run: Callable[[Request], Outcome]
    help_key: str
    aliases: tuple[str, ...] = ()
    coordinators_only: bool = False
    chooses_network: bool = False  # never asks which network first (`nätverk` itself)

    @property
    def words(self) -> tuple[str, ...]:
        return (self.sv, self.en, *self.aliases)


@cache
def subcommands() -> tuple[Subcommand, ...]:
    found: list[Subcommand] = []
    for name in FEATURE_MODULES:
        found.extend(importlib.import_module(name).SUBCOMMANDS)
    return tuple(found)


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
    *,
    slack_user_id: str,
    text: str,
    team_id: str | None = None,
    locale: str | None = None,
    channel_id: str | None = None,
    trigger_id: str | None = None,
    network_id: int | None = None,
) -> Outcome:
    """Run `/samverkan text` for `slack_user_id`; returns the reply or the modal to open.

    The network is the one `network_id` names, else the channel's, else the user's
    (`bot.networks`); a user in several networks whom nothing places is asked which, and
    choosing runs the command again there."""
    words = text.strip().split(maxsplit=1)
    word, args = (words[0], words[1] if len(words) > 1 else "") if words else ("", "")
    sub, word_lang = find_subcommand(word) if word else (help_subcommand(), None)
    try:
        with core.db.session() as session:
            try:
                network, actor = acting_as(
                    core,
                    session,
                    slack_user_id,
                    team_id=team_id,
                    locale=locale,
                    channel_id=channel_id,
                    network_id=network_id,
                    can_ask=not (sub is not None and sub.chooses_network),
                )
            except NetworkUnclear as unclear:
                lang = word_lang or language_of_locale(locale, core.settings.language)
                return choice_reply(
                    lang, unclear.choices, resume=text.strip(), kind="command", session=session
                )
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
        return Reply(text=text, blocks=[section(text)])


def cached_view(request: Request, key: tuple[object, ...], build: Callable[[], Reply]) -> Reply:
    """A registry view's reply, built and serialized once per registry generation and
    language (`storage.generation`), then shared: `key` names everything else it shows (the
    area, the party, the asker's party where it marks "yours")."""
    return generation.cached(
        request.session, ("view", *key, request.lang), lambda: build().serialized()
    )


def help_subcommand() -> Subcommand:
    return subcommands()[0]


def unknown_subcommand(request: Request, word: str) -> UserError:
    match = best_match(word, list(subcommands()), lambda s: s.words)
    guess = match.found or next(iter(match.candidates or match.suggestions), None)
    if guess is not None:
        name = guess.en if request.lang == "en" else guess.sv
        return request.fail("command.unknown_suggest", word=esc(word), suggestion=name)
    return request.fail("command.unknown", word=esc(word))
