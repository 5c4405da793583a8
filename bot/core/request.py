"""A request to the service layer: who asks, in which network, with which words; and the
error that stops it (`UserError`: change nothing, show the reply)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session

from bot.core.actor import Actor
from bot.core.blocks import Outcome, Reply, text_reply
from bot.core.i18n import t
from bot.core.runtime import Core
from storage import generation
from storage.models import (
    Network,
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
        return UserError(text_reply(text))


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


def cached_view(request: Request, key: tuple[object, ...], build: Callable[[], Reply]) -> Reply:
    """A registry view's reply, built and serialized once per registry generation and
    language (`storage.generation`), then shared: `key` names everything else it shows (the
    area, the party, the asker's party where it marks "yours")."""
    return generation.cached(
        ("view", *key, request.lang), lambda: build().serialized(), session=request.session
    )
