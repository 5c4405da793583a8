"""Block Kit views as pure functions: data in, plain dicts out (tested as data).

One module per surface: `forms` (the registry's modals), `home` (the App Home tab),
`approvals` (the coordinators' message with Approve/Reject). The ids that listeners are wired
to live here so that builders and handlers agree on them.
"""

from __future__ import annotations

from typing import Any

from bot.blocks import Block, clip

# Modal callback ids
JOIN_VIEW = "registry_join"
REGISTER_VIEW = "registry_register"
PERSON_VIEW = "registry_person"
AREA_VIEW = "registry_area"
ASK_VIEW = "registry_ask"
INFO_VIEW = "registry_info"

# Action ids
HOME_JOIN = "registry_home_join"
HOME_REGISTER = "registry_home_register"
HOME_ASK = "registry_home_ask"
HOME_EXPORT = "registry_home_export"
HOME_NEW_AREA = "registry_home_new_area"
HOME_NEW_PERSON = "registry_home_new_person"
MATRIX_PAGE = "registry_matrix_page"
APPROVE = "registry_registration_approve"
REJECT = "registry_registration_reject"
JOIN_PARTY = "registry_join_party"
REGISTER_ROLE = "registry_register_role"

ACTION_IDS = (
    HOME_JOIN,
    HOME_REGISTER,
    HOME_ASK,
    HOME_EXPORT,
    HOME_NEW_AREA,
    HOME_NEW_PERSON,
    MATRIX_PAGE,
    APPROVE,
    REJECT,
    JOIN_PARTY,
    REGISTER_ROLE,
)

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
