"""Block Kit input elements for modals: plain text, options, inputs, selects, pickers.

Pure functions, data in and plain dicts out, shared by every feature's views."""

from __future__ import annotations

from typing import Any

from bot.core.blocks import Block, clip

MAX_OPTIONS = 100


def plain(text: str, limit: int = 2000) -> dict[str, Any]:
    return {"type": "plain_text", "text": clip(text, limit) or " "}


def option(text: str, value: str) -> dict[str, Any]:
    return {"text": plain(text, 75), "value": value[:150]}


def input_block(
    block_id: str,
    label: str,
    element: Block,
    *,
    optional: bool = False,
    hint: str | None = None,
    dispatch_action: bool = False,
) -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "element": {"action_id": block_id, **element},
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint)
    if dispatch_action:
        block["dispatch_action"] = True
    return block


def text_element(
    initial: str | None = None,
    *,
    multiline: bool = False,
    max_length: int | None = None,
    placeholder: str | None = None,
) -> Block:
    element: Block = {"type": "plain_text_input", "multiline": multiline}
    if initial:
        element["initial_value"] = initial[: max_length or 3000]
    if max_length:
        element["max_length"] = max_length
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    return element


def select_element(
    options: list[dict[str, Any]],
    *,
    initial: str | None = None,
    multi: bool = False,
    initial_values: list[str] | None = None,
    placeholder: str | None = None,
) -> Block:
    """A static select (or multi-select) over at most 100 options."""
    options = options[:MAX_OPTIONS]
    element: Block = {"type": "multi_static_select" if multi else "static_select"}
    element["options"] = options
    if multi and initial_values:
        chosen = [o for o in options if o["value"] in set(initial_values)]
        if chosen:
            element["initial_options"] = chosen
    elif initial is not None:
        chosen = [o for o in options if o["value"] == initial]
        if chosen:
            element["initial_option"] = chosen[0]
    if placeholder:
        element["placeholder"] = plain(placeholder, 150)
    return element


def user_element(initial: str | None = None) -> Block:
    element: Block = {"type": "users_select"}
    if initial:
        element["initial_user"] = initial
    return element


def channel_element(initial: str | None = None) -> Block:
    element: Block = {"type": "conversations_select", "filter": {"include": ["public", "private"]}}
    if initial:
        element["initial_conversation"] = initial
    return element
