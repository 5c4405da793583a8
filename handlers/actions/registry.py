"""Registry buttons: the Home's quick buttons, matrix pages, Approve/Reject, the join form's
party picker. Each runs after its ack (`handlers.after_ack.ack_first`) and asks the bot layer,
which checks permissions."""

from __future__ import annotations

from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.core.forms import build_info_modal, int_value, language_for, open_form, view_values
from bot.core.i18n import t
from bot.registry import forms
from bot.registry.export import export_for
from bot.registry.home import publish_home
from bot.registry.registrations import decide, register_form
from bot.registry.views import build_ask_modal


def _open(client: WebClient, body: dict[str, Any], view: dict[str, Any]) -> None:
    client.views_open(trigger_id=body["trigger_id"], view=view)


def _open_form(body: dict[str, Any], context: Any, client: WebClient, builder: Any) -> None:
    _open(client, body, open_form(context["core"], context["who"], builder))


def home_join(body: dict[str, Any], context: Any, client: WebClient) -> None:
    _open_form(body, context, client, forms.join_form)


def home_register(body: dict[str, Any], context: Any, client: WebClient) -> None:
    _open_form(body, context, client, register_form)


def home_new_area(body: dict[str, Any], context: Any, client: WebClient) -> None:
    _open_form(body, context, client, forms.area_form)


def home_new_person(body: dict[str, Any], context: Any, client: WebClient) -> None:
    _open_form(body, context, client, forms.person_form)


def home_ask(body: dict[str, Any], context: Any, client: WebClient) -> None:
    core, who = context["core"], context["who"]
    _open(client, body, build_ask_modal(language_for(core, who.locale)))


def home_export(body: dict[str, Any], context: Any, client: WebClient) -> None:
    core, who = context["core"], context["who"]
    refusal = export_for(core, client, who)
    if refusal:
        lang = language_for(core, who.locale)
        _open(client, body, build_info_modal(lang, t(lang, "form.refused_title"), [refusal]))


def matrix_page(
    body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient
) -> None:
    page = int_value(action.get("value")) or 0
    publish_home(context["core"], client, context["who"], page=page)


def _decide(
    approve: bool,
    body: dict[str, Any],
    action: dict[str, Any],
    context: Any,
    client: WebClient,
    respond: Respond,
) -> None:
    core, who = context["core"], context["who"]
    container = body.get("container") or {}
    from_message = container.get("type") == "message"
    clicked = None
    if from_message and container.get("channel_id") and container.get("message_ts"):
        clicked = (str(container["channel_id"]), str(container["message_ts"]))
    decision = decide(core, who, action.get("value"), approve=approve, clicked=clicked)
    if decision.message is not None and from_message:
        respond(replace_original=True, **decision.message.as_message())
    if decision.refusal:
        if from_message:
            respond(text=decision.refusal, response_type="ephemeral", replace_original=False)
        else:
            lang = language_for(core, who.locale)
            title = t(lang, "form.refused_title")
            _open(client, body, build_info_modal(lang, title, [decision.refusal]))
    for step in decision.after:
        step(client)
    if not from_message:
        publish_home(core, client, who.again())  # after the decision


def approve_registration(
    body: dict[str, Any],
    action: dict[str, Any],
    context: Any,
    client: WebClient,
    respond: Respond,
) -> None:
    _decide(True, body, action, context, client, respond)


def reject_registration(
    body: dict[str, Any],
    action: dict[str, Any],
    context: Any,
    client: WebClient,
    respond: Respond,
) -> None:
    _decide(False, body, action, context, client, respond)


def join_party_chosen(body: dict[str, Any], context: Any, client: WebClient) -> None:
    """A coordinator picked another party in the join form: show that party's areas."""
    view = body.get("view") or {}
    values = view_values(view)
    new_view = open_form(
        context["core"], context["who"], lambda r: forms.join_form_for_party(r, values)
    )
    client.views_update(view_id=view.get("id"), hash=view.get("hash"), view=new_view)


def register_role_chosen(body: dict[str, Any], context: Any, client: WebClient) -> None:
    """A role was chosen in the registration form: offer only the parties that role fits."""
    view = body.get("view") or {}
    values = view_values(view)
    new_view = open_form(context["core"], context["who"], lambda r: register_form(r, values))
    client.views_update(view_id=view.get("id"), hash=view.get("hash"), view=new_view)
