"""Pure Block Kit validation, checking the limits Slack enforces server-side.

The checks are deliberately a practical subset of Slack's rules: the ones a bot
realistically trips over (too many blocks, over-long texts, duplicate ids,
unknown block types, empty texts).  Every function returns a list of
human-readable error strings; an empty list means "Slack would accept this".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

Surface = Literal["message", "modal", "home"]

MAX_BLOCKS: dict[str, int] = {"message": 50, "modal": 100, "home": 100}
MAX_MESSAGE_TEXT = 40_000
MAX_SECTION_TEXT = 3_000
MAX_SECTION_FIELDS = 10
MAX_FIELD_TEXT = 2_000
MAX_HEADER_TEXT = 150
MAX_MODAL_TITLE = 24
MAX_MODAL_BUTTON = 24
MAX_BLOCK_ID = 255
MAX_ACTION_ID = 255
MAX_ACTIONS_ELEMENTS = 25
MAX_CONTEXT_ELEMENTS = 10
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2_000
MAX_OPTIONS = 100
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
MAX_INPUT_LABEL = 2_000
MAX_PRIVATE_METADATA = 3_000
MAX_CALLBACK_ID = 255

KNOWN_BLOCK_TYPES = frozenset(
    {
        "actions",
        "call",
        "context",
        "context_actions",
        "divider",
        "file",
        "header",
        "image",
        "input",
        "markdown",
        "rich_text",
        "section",
        "table",
        "video",
    }
)
TEXT_TYPES = frozenset({"plain_text", "mrkdwn"})


def validate_blocks(blocks: Any, surface: Surface = "message") -> list[str]:
    """Validate a list of Block Kit blocks for one surface.

    Args:
        blocks: the ``blocks`` value as a Python list (decode JSON first).
        surface: ``"message"`` (max 50 blocks), ``"modal"`` or ``"home"`` (max 100).

    Returns:
        A list of error strings, empty when Slack would accept the blocks.
    """
    if surface not in MAX_BLOCKS:
        raise ValueError(f"unknown surface {surface!r}; use one of {sorted(MAX_BLOCKS)}")
    if not isinstance(blocks, list):
        return [f"blocks must be a list, got {type(blocks).__name__}"]
    errors: list[str] = []
    limit = MAX_BLOCKS[surface]
    if len(blocks) > limit:
        errors.append(f"{len(blocks)} blocks, max {limit} in a {surface}")
    seen_block_ids: set[str] = set()
    for index, block in enumerate(blocks):
        where = f"blocks[{index}]"
        if not isinstance(block, Mapping):
            errors.append(f"{where}: must be an object, got {type(block).__name__}")
            continue
        errors.extend(_check_block_id(block, where, seen_block_ids))
        errors.extend(_check_block(block, where))
    return errors


def validate_view(view: Any, surface: Surface = "modal") -> list[str]:
    """Validate a view payload (``views.open/push/update`` or ``views.publish``).

    Args:
        view: the ``view`` value as a Python dict.
        surface: ``"modal"`` or ``"home"``.

    Returns:
        A list of error strings, empty when Slack would accept the view.
    """
    if not isinstance(view, Mapping):
        return [f"view must be an object, got {type(view).__name__}"]
    errors: list[str] = []
    expected_type = "home" if surface == "home" else "modal"
    if view.get("type") != expected_type:
        errors.append(f"view.type must be {expected_type!r}, got {view.get('type')!r}")
    if surface != "home":
        errors.extend(_check_modal_chrome(view))
    errors.extend(
        _check_max_len(view.get("private_metadata"), MAX_PRIVATE_METADATA, "view.private_metadata")
    )
    errors.extend(_check_max_len(view.get("callback_id"), MAX_CALLBACK_ID, "view.callback_id"))
    errors.extend(_check_max_len(view.get("external_id"), MAX_CALLBACK_ID, "view.external_id"))
    blocks = view.get("blocks")
    if blocks is None:
        errors.append("view.blocks is required")
    else:
        errors.extend(f"view.{error}" for error in validate_blocks(blocks, surface))
    return errors


def validate_message(text: Any = None, blocks: Any = None, attachments: Any = None) -> list[str]:
    """Validate the content of a chat message (``text`` plus optional ``blocks``).

    Returns:
        A list of error strings; one starting with ``"no_text"`` when there is nothing to post.
    """
    errors = validate_text(text)
    if blocks is not None:
        errors.extend(validate_blocks(blocks, "message"))
    if not text and not blocks and not attachments:
        errors.append("no_text: a message needs text, blocks or attachments")
    return errors


def validate_text(text: Any) -> list[str]:
    """Validate a message's top-level ``text`` (a string of at most 40,000 characters)."""
    if text is None:
        return []
    if not isinstance(text, str):
        return [f"text must be a string, got {type(text).__name__}"]
    return _check_max_len(text, MAX_MESSAGE_TEXT, "text")


def validate_metadata(metadata: Any) -> list[str]:
    """Validate message ``metadata``: ``{"event_type": str, "event_payload": dict}``."""
    if not isinstance(metadata, Mapping):
        return [f"metadata must be an object, got {type(metadata).__name__}"]
    errors: list[str] = []
    if not isinstance(metadata.get("event_type"), str) or not metadata.get("event_type"):
        errors.append("metadata.event_type must be a non-empty string")
    if not isinstance(metadata.get("event_payload"), Mapping):
        errors.append("metadata.event_payload must be an object")
    return errors


# --- blocks -----------------------------------------------------------------


def _check_block_id(block: Mapping[str, Any], where: str, seen: set[str]) -> list[str]:
    block_id = block.get("block_id")
    if block_id is None:
        return []
    if not isinstance(block_id, str) or not block_id:
        return [f"{where}: block_id must be a non-empty string"]
    errors = _check_max_len(block_id, MAX_BLOCK_ID, f"{where}.block_id")
    if block_id in seen:
        errors.append(f"{where}: duplicate block_id {block_id!r}")
    seen.add(block_id)
    return errors


def _check_block(block: Mapping[str, Any], where: str) -> list[str]:
    block_type = block.get("type")
    if block_type not in KNOWN_BLOCK_TYPES:
        return [f"{where}: unknown block type {block_type!r}"]
    where = f"{where} ({block_type})"
    checker = _BLOCK_CHECKERS.get(str(block_type))
    return checker(block, where) if checker else []


def _check_section(block: Mapping[str, Any], where: str) -> list[str]:
    text, fields = block.get("text"), block.get("fields")
    if text is None and not fields:
        return [f"{where}: needs text or fields"]
    errors: list[str] = []
    if text is not None:
        errors.extend(_check_text(text, f"{where}.text", MAX_SECTION_TEXT))
    if fields is not None:
        if not isinstance(fields, list):
            return [*errors, f"{where}.fields must be a list"]
        if len(fields) > MAX_SECTION_FIELDS:
            errors.append(f"{where}: {len(fields)} fields, max {MAX_SECTION_FIELDS}")
        for i, field in enumerate(fields):
            errors.extend(_check_text(field, f"{where}.fields[{i}]", MAX_FIELD_TEXT))
    accessory = block.get("accessory")
    if accessory is not None:
        errors.extend(_check_element(accessory, f"{where}.accessory"))
    return errors


def _check_header(block: Mapping[str, Any], where: str) -> list[str]:
    return _check_text(block.get("text"), f"{where}.text", MAX_HEADER_TEXT, plain_only=True)


def _check_actions(block: Mapping[str, Any], where: str) -> list[str]:
    elements = block.get("elements")
    if not isinstance(elements, list) or not elements:
        return [f"{where}: elements must be a non-empty list"]
    errors: list[str] = []
    if len(elements) > MAX_ACTIONS_ELEMENTS:
        errors.append(f"{where}: {len(elements)} elements, max {MAX_ACTIONS_ELEMENTS}")
    action_ids = [
        e.get("action_id") for e in elements if isinstance(e, Mapping) and e.get("action_id")
    ]
    errors.extend(f"{where}: duplicate action_id {a!r}" for a in _duplicates(action_ids))
    for i, element in enumerate(elements):
        errors.extend(_check_element(element, f"{where}.elements[{i}]"))
    return errors


def _check_context(block: Mapping[str, Any], where: str) -> list[str]:
    elements = block.get("elements")
    if not isinstance(elements, list) or not elements:
        return [f"{where}: elements must be a non-empty list"]
    errors: list[str] = []
    if len(elements) > MAX_CONTEXT_ELEMENTS:
        errors.append(f"{where}: {len(elements)} elements, max {MAX_CONTEXT_ELEMENTS}")
    for i, element in enumerate(elements):
        if isinstance(element, Mapping) and element.get("type") in TEXT_TYPES:
            errors.extend(_check_text(element, f"{where}.elements[{i}]", MAX_SECTION_TEXT))
    return errors


def _check_input(block: Mapping[str, Any], where: str) -> list[str]:
    errors = _check_text(block.get("label"), f"{where}.label", MAX_INPUT_LABEL, plain_only=True)
    element = block.get("element")
    if element is None:
        errors.append(f"{where}: element is required")
    else:
        errors.extend(_check_element(element, f"{where}.element"))
    if block.get("hint") is not None:
        errors.extend(_check_text(block["hint"], f"{where}.hint", MAX_INPUT_LABEL, plain_only=True))
    return errors


def _check_image(block: Mapping[str, Any], where: str) -> list[str]:
    errors: list[str] = []
    if not block.get("image_url") and not block.get("slack_file"):
        errors.append(f"{where}: image_url or slack_file is required")
    if not block.get("alt_text"):
        errors.append(f"{where}: alt_text is required")
    return errors


_BLOCK_CHECKERS = {
    "section": _check_section,
    "header": _check_header,
    "actions": _check_actions,
    "context": _check_context,
    "input": _check_input,
    "image": _check_image,
}


# --- elements and composition objects ---------------------------------------


def _check_element(element: Any, where: str) -> list[str]:
    if not isinstance(element, Mapping):
        return [f"{where}: must be an object"]
    if not element.get("type"):
        return [f"{where}: type is required"]
    errors = _check_max_len(element.get("action_id"), MAX_ACTION_ID, f"{where}.action_id")
    if element["type"] == "button":
        errors.extend(
            _check_text(element.get("text"), f"{where}.text", MAX_BUTTON_TEXT, plain_only=True)
        )
        errors.extend(_check_max_len(element.get("value"), MAX_BUTTON_VALUE, f"{where}.value"))
    options = element.get("options")
    if isinstance(options, list):
        errors.extend(_check_options(options, f"{where}.options"))
    return errors


def _check_options(options: list[Any], where: str) -> list[str]:
    errors: list[str] = []
    if len(options) > MAX_OPTIONS:
        errors.append(f"{where}: {len(options)} options, max {MAX_OPTIONS}")
    for i, option in enumerate(options):
        if not isinstance(option, Mapping):
            errors.append(f"{where}[{i}]: must be an object")
            continue
        errors.extend(_check_text(option.get("text"), f"{where}[{i}].text", MAX_OPTION_TEXT))
        errors.extend(_check_max_len(option.get("value"), MAX_OPTION_VALUE, f"{where}[{i}].value"))
    return errors


def _check_text(obj: Any, where: str, max_len: int, *, plain_only: bool = False) -> list[str]:
    """Check a text composition object: right type, 1..max_len characters."""
    if not isinstance(obj, Mapping):
        return [f"{where}: must be a text object, got {type(obj).__name__}"]
    allowed = {"plain_text"} if plain_only else TEXT_TYPES
    if obj.get("type") not in allowed:
        return [f"{where}: type must be one of {sorted(allowed)}, got {obj.get('type')!r}"]
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        return [f"{where}: text must be a non-empty string"]
    return _check_max_len(text, max_len, where)


def _check_max_len(value: Any, max_len: int, where: str) -> list[str]:
    if isinstance(value, str) and len(value) > max_len:
        return [f"{where}: {len(value)} characters, max {max_len}"]
    return []


def _check_modal_chrome(view: Mapping[str, Any]) -> list[str]:
    errors = _check_text(view.get("title"), "view.title", MAX_MODAL_TITLE, plain_only=True)
    for key in ("submit", "close"):
        if view.get(key) is not None:
            errors.extend(_check_text(view[key], f"view.{key}", MAX_MODAL_BUTTON, plain_only=True))
    blocks = view.get("blocks")
    has_input = isinstance(blocks, list) and any(
        isinstance(b, Mapping) and b.get("type") == "input" for b in blocks
    )
    if has_input and view.get("submit") is None:
        errors.append("view.submit is required when the view contains input blocks")
    return errors


def _duplicates(values: Iterable[Any]) -> list[Any]:
    seen: set[Any] = set()
    dupes: list[Any] = []
    for value in values:
        if value in seen and value not in dupes:
            dupes.append(value)
        seen.add(value)
    return dupes
