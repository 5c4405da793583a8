"""Modal forms: open one or run its submission in one unit of work, read the values Slack
sends (the one reader of view state), and answer with field errors, a view or work after ack."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient

from bot.core.actor import Who
from bot.core.blocks import bullet_lines, modal, section
from bot.core.i18n import language_of_locale, t
from bot.core.network_choice import stamp_view
from bot.core.request import Request, UserError
from bot.core.runtime import Core

INFO_VIEW = "registry_info"


def build_info_modal(lang: str, title: str, lines: list[str]) -> dict[str, Any]:
    """A form's outcome (what changed) or a refusal; `lines` are mrkdwn, already escaped."""
    return modal(
        title,
        bullet_lines(lines) or [section(" ")],
        callback_id=INFO_VIEW,
        close=t(lang, "form.close"),
    )


AfterAck = Callable[[WebClient], None]


class FieldErrors(Exception):
    """The submission is refused with these messages on these fields; nothing is changed."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


@dataclass
class FormOutcome:
    """What a view submission answers: field errors, or a view to show, and work after ack."""

    errors: dict[str, str] | None = None
    view: dict[str, Any] | None = None
    after: list[AfterAck] = field(default_factory=list)

    def ack_kwargs(self) -> dict[str, Any]:
        if self.errors:
            return {"response_action": "errors", "errors": self.errors}
        if self.view:
            return {"response_action": "update", "view": self.view}
        return {}

    def run_after(self, client: WebClient) -> None:
        for step in self.after:
            step(client)


def run_form(core: Core, who: Who, submit: Callable[[Request], FormOutcome]) -> FormOutcome:
    """Run a submission in one transaction; a refusal or field error rolls it back."""
    lang = language_of_locale(who.locale, core.settings.language)
    try:
        with core.db.session() as session:
            acting = who.get(session)
            request = Request(core, session, acting.network, acting.actor, "", acting.actor.lang)
            lang = request.lang
            return submit(request)
    except FieldErrors as error:
        return FormOutcome(errors=error.errors)
    except UserError as error:
        return FormOutcome(
            view=build_info_modal(lang, t(lang, "form.refused_title"), [error.reply.text])
        )


def open_form(core: Core, who: Who, build: Callable[[Request], dict[str, Any]]) -> dict[str, Any]:
    """The modal `build` makes, or an info modal with the refusal."""
    lang = language_of_locale(who.locale, core.settings.language)
    try:
        with core.db.session() as session:
            acting = who.get(session)
            request = Request(core, session, acting.network, acting.actor, "", acting.actor.lang)
            lang = request.lang
            return stamp_view(build(request), request.network.id)
    except UserError as error:
        return build_info_modal(lang, t(lang, "form.refused_title"), [error.reply.text])


def view_values(view: dict[str, Any] | None) -> dict[str, Any]:
    """`view.state.values` of a submitted or updated view: block id → action id → entry."""
    values = ((view or {}).get("state") or {}).get("values") or {}
    return values if isinstance(values, dict) else {}


def _entry(values: dict[str, Any], block_id: str, action_id: str | None = None) -> dict[str, Any]:
    """The entry of `action_id` in the block, or of its first action (an input block has one)."""
    entries = values.get(block_id) or {}
    if not isinstance(entries, dict) or not entries:
        return {}
    chosen = entries.get(action_id) if action_id else next(iter(entries.values()))
    return chosen if isinstance(chosen, dict) else {}


def text_value(
    values: dict[str, Any], block_id: str, action_id: str | None = None, *, strip: bool = True
) -> str:
    """A text input's value, stripped unless `strip=False` (then exactly as typed)."""
    text = str(_entry(values, block_id, action_id).get("value") or "")
    return text.strip() if strip else text


def selected_value(
    values: dict[str, Any], block_id: str, action_id: str | None = None
) -> str | None:
    chosen = _entry(values, block_id, action_id).get("selected_option")
    if not isinstance(chosen, dict) or chosen.get("value") is None:
        return None
    return str(chosen["value"])


def selected_values(
    values: dict[str, Any], block_id: str, action_id: str | None = None
) -> list[str]:
    chosen = _entry(values, block_id, action_id).get("selected_options") or []
    return [str(o.get("value")) for o in chosen if isinstance(o, dict)]


def selected_user(
    values: dict[str, Any], block_id: str, action_id: str | None = None
) -> str | None:
    user = _entry(values, block_id, action_id).get("selected_user")
    return str(user) if user else None


def selected_conversation(
    values: dict[str, Any], block_id: str, action_id: str | None = None
) -> str | None:
    entry = _entry(values, block_id, action_id)
    chosen = entry.get("selected_conversation") or entry.get("selected_channel")
    return str(chosen) if chosen else None


def selected_date(
    values: dict[str, Any], block_id: str, action_id: str | None = None
) -> str | None:
    """A date picker's 'YYYY-MM-DD', or None."""
    chosen = _entry(values, block_id, action_id).get("selected_date")
    return str(chosen) if chosen else None


def selected_time(
    values: dict[str, Any], block_id: str, action_id: str | None = None
) -> str | None:
    """A time picker's 'HH:MM', or None."""
    chosen = _entry(values, block_id, action_id).get("selected_time")
    return str(chosen) if chosen else None


def int_value(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def language_for(core: Core, locale: str | None) -> str:
    return language_of_locale(locale, core.settings.language)
