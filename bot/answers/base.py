"""The answerer's vocabulary: a `Question` in context, an `Answer`, and the `Answerer` interface.

An `Answerer` turns a question into an answer or passes (returns None). The bot asks its
answerers in turn (`bot.answers.ANSWERERS`): today one, the rule-based `RuleAnswerer` that
reads the registry and the documents. A language-model answerer could be added in front of it
or behind it later, given the same `Question` (with the session, so that it can retrieve facts
the same way) and returning the same `Answer`, whose `sources` say where every fact came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.answers.understand import understand
from bot.core.actor import Actor
from bot.core.blocks import Block
from bot.core.i18n import t
from storage.models import Network

if TYPE_CHECKING:
    from bot.answers.understand import Understanding
    from bot.core.runtime import Core


@dataclass
class Question:
    """A question as asked, with who asked it, where, and when."""

    core: Core
    session: Session
    network: Network
    actor: Actor
    text: str
    lang: str
    now: datetime
    # the (kind, id) of the registry item the asker picked when a name fitted several
    choice: tuple[str, int] | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.network.timezone or "Europe/Stockholm")

    @property
    def network_id(self) -> int:
        assert self.network.id is not None
        return self.network.id

    def t(self, key: str, **values: object) -> str:
        return t(self.lang, key, **values)

    @cached_property
    def understood(self) -> Understanding:
        """What the question is about: its cues and the entities it names (computed once)."""

        return understand(self)


@dataclass
class Answer:
    """What the bot says: `summary` (the fallback text and first section, mrkdwn, escaped),
    more `blocks`, and the `sources` it rests on (shown as 'Källa: ...').

    `certain` is False when the bot is not sure it understood (it then says so); `kind` names
    the question type that answered, for logs and the question-set test.
    """

    summary: str
    blocks: list[Block] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    kind: str = ""
    certain: bool = True


class Answerer(Protocol):
    """Anything that can answer: return an `Answer`, or None to let the next answerer try."""

    name: str

    def answer(self, question: Question) -> Answer | None: ...
