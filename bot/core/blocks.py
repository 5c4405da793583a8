"""Block Kit as plain data: small builders, Slack's limits, and escaping of user text.

Every text that came from a user or the registry goes through `esc()` before it is put into
`mrkdwn`, so that it cannot mention `@channel`, a user or a link its author did not write.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from slack_sdk import WebClient

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_FALLBACK_TEXT = 3000

Block = dict[str, Any]


def esc(text: object) -> str:
    """Escape Slack's control characters so text shows as written and never pings anyone."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """Shorten `text` to at most `limit` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": clip(text, MAX_HEADER_TEXT)}}


def section(mrkdwn: str, *, accessory: Block | None = None, block_id: str | None = None) -> Block:
    block: Block = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": clip(mrkdwn, MAX_SECTION_TEXT)},
    }
    if accessory:
        block["accessory"] = accessory
    if block_id:
        block["block_id"] = block_id
    return block


def context(*mrkdwn: str) -> Block:
    elements = [{"type": "mrkdwn", "text": clip(m, MAX_SECTION_TEXT)} for m in mrkdwn if m]
    return {"type": "context", "elements": elements[:MAX_CONTEXT_ELEMENTS]}


def divider() -> Block:
    return {"type": "divider"}


def button(
    text: str, action_id: str, value: str = "", *, style: str | None = None, url: str | None = None
) -> Block:
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": clip(text, 75)},
        "action_id": action_id,
    }
    if value:
        element["value"] = value[:2000]
    if style:
        element["style"] = style
    if url:
        element["url"] = url
    return element


def actions(*elements: Block, block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": list(elements)[:25]}
    if block_id:
        block["block_id"] = block_id
    return block


def bullet_lines(lines: list[str], *, limit: int = MAX_SECTION_TEXT) -> list[Block]:
    """Lines as as few sections as fit Slack's per-section limit."""
    blocks: list[Block] = []
    chunk = ""
    for line in lines:
        candidate = f"{chunk}\n{line}" if chunk else line
        if len(candidate) > limit and chunk:
            blocks.append(section(chunk))
            chunk = line
        else:
            chunk = candidate
    if chunk:
        blocks.append(section(chunk))
    return blocks


@dataclass
class Reply:
    """A message the bot answers with: fallback `text` plus `blocks`.

    `ephemeral` replies are shown only to the person who asked (the default for commands).
    """

    text: str
    blocks: list[Block] = field(default_factory=list)
    ephemeral: bool = True
    # `as_command_response()` as JSON, for a reply cached and shared by many requests
    # (`bot.commands.cached_view`): it is then never changed, only read
    command_json: str | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.text = clip(self.text, MAX_FALLBACK_TEXT)
        if len(self.blocks) > MAX_MESSAGE_BLOCKS:
            self.blocks = [*self.blocks[: MAX_MESSAGE_BLOCKS - 1], context("…")]

    def as_command_response(self) -> dict[str, Any]:
        """The body for `ack()`/`respond()` on a slash command."""
        return {
            "response_type": "ephemeral" if self.ephemeral else "in_channel",
            "text": self.text,
            "blocks": self.blocks,
        }

    def serialized(self) -> Reply:
        """This reply with its command response serialized once (see `command_json`)."""
        self.command_json = json.dumps(self.as_command_response())
        return self

    def as_message(self) -> dict[str, Any]:
        """Keyword arguments for `chat.postMessage` (add channel and thread)."""
        return {"text": self.text, "blocks": self.blocks}


def text_reply(text: str, *, ephemeral: bool = True) -> Reply:
    """A one-section message: `text` (mrkdwn, already escaped) as fallback and as the block."""
    return Reply(text=text, blocks=[section(text)], ephemeral=ephemeral)


@dataclass
class ReplyThen(Reply):
    """A reply, and work the handler runs with the Slack client after answering (an upload)."""

    then: Callable[[WebClient], None] | None = None


@dataclass
class Modal:
    """A command's answer that is a form: the handler opens it with `views.open`."""

    view: dict[str, Any]
    fallback: Reply | None = None  # what the console shows instead


Outcome = Reply | Modal


def modal(
    title: str,
    blocks: list[Block],
    *,
    callback_id: str,
    submit: str | None = None,
    close: str | None = None,
    private_metadata: str = "",
) -> dict[str, Any]:
    view: dict[str, Any] = {
        "type": "modal",
        "callback_id": callback_id,
        "title": {"type": "plain_text", "text": clip(title, 24)},
        "blocks": blocks[:MAX_VIEW_BLOCKS],
        "private_metadata": private_metadata[:3000],
    }
    if submit:
        view["submit"] = {"type": "plain_text", "text": clip(submit, 24)}
    if close:
        view["close"] = {"type": "plain_text", "text": clip(close, 24)}
    return view
