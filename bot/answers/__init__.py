"""Answering questions asked in a channel, a DM, the console or `/samverkan fråga`.

`answer_as()` is the one entry point (`answer_question()` for a user id outside Slack): it
reads the question (language, cue words, the parties, areas, people and event kinds it names:
`understand.py`), asks the answerers in `ANSWERERS` in turn (today the rule-based
`RuleAnswerer`: `intents.py`), and renders the `Answer` as Block Kit with its sources. It
never raises for any text: an answerer that fails is logged and skipped, and the bot then says
honestly that it does not know.

An LLM could be added later as another `Answerer` (see `base.py`), before or after the rules.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from sqlmodel import Session

from bot.answers.base import Answer, Answerer, Question
from bot.answers.grounded import NETWORK_CHOICE
from bot.answers.intents import RuleAnswerer, unknown_answer
from bot.answers.understand import clean_text, detect_language
from bot.core.actor import Actor, Who
from bot.core.blocks import MAX_SECTION_TEXT, Block, Reply, context, esc, section
from bot.core.i18n import language_of_locale, t
from bot.core.network_choice import choice_reply
from bot.core.runtime import Core
from storage.db import UNAVAILABLE_ERRORS
from storage.models import Network

__all__ = ["ANSWERERS", "Answer", "Answerer", "Question", "answer", "answer_as", "answer_question"]

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
ANSWERERS: list[Answerer] = [RuleAnswerer()]


def answer_question(
    core: Core,
    *,
    slack_user_id: str,
    text: str,
    team_id: str | None = None,
    locale: str | None = None,
    answerers: Sequence[Answerer] | None = None,
    workspace_member: bool = True,
    choice: tuple[str, int] | None = None,
    channel_id: str | None = None,
    network_id: int | None = None,
    can_ask: bool = False,
) -> Reply:
    """The answer to `text` asked by `slack_user_id` outside Slack (the console, the CLI,
    tests): `answer_as` for who they are there (`bot.core.actor.who_is_acting`)."""
    who = Who(
        core,
        slack_user_id=slack_user_id,
        team_id=team_id,
        locale=locale,
        workspace_member=workspace_member,
        channel_id=channel_id,
        network_id=network_id,
    )
    return answer_as(core, who, text=text, answerers=answerers, choice=choice, can_ask=can_ask)


def answer_as(
    core: Core,
    who: Who,
    *,
    text: str,
    answerers: Sequence[Answerer] | None = None,
    choice: tuple[str, int] | None = None,
    can_ask: bool = False,
) -> Reply:
    """The answer to `text` asked by the user `who` names, as a (non-ephemeral) reply. With
    `can_ask`, a user in several networks whom the channel does not place is asked which
    network (a select that answers once chosen). A `choice` of kind "network" (the ask-back
    button of a name in several networks) answers in that network."""
    if choice is not None and choice[0] == NETWORK_CHOICE:
        who, choice = who.again(choice[1]), None
    try:
        with core.db.session() as session:
            acting = who.get(session)
            if can_ask and acting.unclear:
                cleaned = clean_text(text)[:MAX_QUESTION_CHARS]
                lang = detect_language(
                    cleaned, default=language_of_locale(who.locale, core.settings.language)
                )
                return choice_reply(
                    lang,
                    acting.choices,
                    resume=cleaned,
                    kind="ask",
                    ephemeral=False,
                    session=session,
                )
            return answer(
                core,
                session=session,
                network=acting.network,
                actor=acting.actor,
                text=text,
                answerers=answerers,
                choice=choice,
            )
    except UNAVAILABLE_ERRORS:
        message = t(core.settings.language, "error.database")
        return Reply(text=message, blocks=[section(message)], ephemeral=False)


def answer(
    core: Core,
    *,
    session: Session,
    network: Network,
    actor: Actor,
    text: str,
    lang: str | None = None,
    answerers: Sequence[Answerer] | None = None,
    choice: tuple[str, int] | None = None,
) -> Reply:
    """Answer `text` inside the caller's transaction (used by `/samverkan fråga`). `choice`
    is the registry item the asker picked when the question named several (a button)."""
    cleaned = clean_text(text)[:MAX_QUESTION_CHARS]
    language = detect_language(_without_names(cleaned, network), default=lang or actor.lang)
    question = Question(
        core=core,
        session=session,
        network=network,
        actor=actor,
        text=cleaned,
        lang=language,
        now=core.now(),
        choice=choice,
    )
    result: Answer | None = None
    for answerer in answerers if answerers is not None else ANSWERERS:
        try:
            result = answerer.answer(question)
        except UNAVAILABLE_ERRORS:
            raise
        except Exception:
            # answering only reads: roll back so the next answerer has a usable transaction
            log.exception("answerer %s failed on a question", getattr(answerer, "name", answerer))
            session.rollback()
            result = None
        if result is not None:
            break
    if result is None:
        result = unknown_answer(question)
    log.info("answered kind=%s lang=%s certain=%s", result.kind, language, result.certain)
    return render(question, result)


def _without_names(text: str, network: Network) -> str:
    """The question without the network's own name: 'Does Surahammar belong to Ensam är inte
    stark?' is English although the name is Swedish (a name never decides the language)."""
    for name in {network.name, network.name.split(" – ")[0].split(" - ")[0]}:
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return text


def render(question: Question, result: Answer) -> Reply:
    """An `Answer` as Block Kit: the text in sections that fit Slack, then its sources."""
    blocks: list[Block] = [section(chunk) for chunk in _chunks(result.summary)]
    blocks.extend(result.blocks)
    if result.sources:
        primary, *others = result.sources
        line = question.t("answers.source", source=primary)
        if others:
            line += "  ·  " + question.t("answers.see_also", sources="; ".join(others))
        blocks.append(context(line))
    fallback = _plain(result.summary)
    return Reply(text=fallback, blocks=blocks, ephemeral=False)


def _chunks(text: str, limit: int = MAX_SECTION_TEXT - 100) -> list[str]:
    """Text split at line ends into pieces Slack accepts in one section each."""
    chunks: list[str] = []
    current = ""
    for line in text.splitlines() or [""]:
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        chunks.append(current)
    return chunks[:40] or [esc("…")]


def _plain(text: str) -> str:
    """The fallback text: the answer's first lines (notifications show this)."""
    first = " ".join(text.splitlines()[:3])
    return first.replace("*", "")[:500] or "…"
