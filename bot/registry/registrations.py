"""Registrations: the form to ask to be registered, the coordinators' Approve / Reject message,
and the decision, told to the applicant."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.core import outbox, permissions
from bot.core.actor import Who
from bot.core.blocks import esc, text_reply
from bot.core.dates import format_date
from bot.core.forms import (
    AfterAck,
    FieldErrors,
    FormOutcome,
    build_info_modal,
    int_value,
    selected_value,
    text_value,
)
from bot.core.i18n import language_of_locale, t
from bot.core.request import Request, UserError
from bot.core.runtime import Core
from bot.core.slack_client import dm_user
from bot.core.userinfo import user_locale
from bot.registry.approval_view import (
    build_decided_message,
    build_registration_message,
)
from bot.registry.forms import party_from_form
from bot.registry.home import publish_home_of
from bot.registry.people import registration_card
from bot.registry.views import (
    REGISTRABLE_ROLES,
    Choice,
    RegisterForm,
    build_register_modal,
)
from storage import registry
from storage.models import (
    DeliveryStatus,
    Network,
    Party,
    Registration,
    RegistrationStatus,
    Role,
)


def register_form(request: Request, values: dict[str, Any] | None = None) -> dict[str, Any]:
    """The registration modal; with `values` (its state after the role was chosen), drawn
    again with what was typed and only the parties that role fits."""
    _check_may_register(request)
    values = values or {}
    role = selected_value(values, "role")
    role = role if role in REGISTRABLE_ROLES else None
    parties = permissions.parties_for_role(role, _parties(request))
    chosen = selected_value(values, "party")
    return build_register_modal(
        RegisterForm(
            lang=request.lang,
            parties=[Choice(p.id, p.name) for p in parties],  # type: ignore[arg-type]
            name=text_value(values, "name"),
            role=role,
            party_id=next((p.id for p in parties if str(p.id) == chosen), None),
            title=text_value(values, "title"),
        )
    )


def _parties(request: Request) -> list[Party]:
    return registry.parties(session=request.session, network_id=request.network.id)  # type: ignore[arg-type]


def _check_may_register(request: Request) -> None:
    actor = request.actor
    if not permissions.may_register(actor):
        party = actor.party.name if actor.party else request.network.name
        raise request.fail("register.already", party=esc(party))
    pending = registry.pending_registration_of(
        session=request.session,
        network_id=request.network.id,  # type: ignore[arg-type]
        slack_user_id=actor.slack_user_id,
    )
    if pending is not None:
        raise request.fail("register.pending")


def submit_register(request: Request, values: dict[str, Any]) -> FormOutcome:
    _check_may_register(request)  # the same checks as opening the form
    errors: dict[str, str] = {}
    name = text_value(values, "name")
    if not name:
        errors["name"] = request.t("form.error_required")
    elif len(name) > 200:
        errors["name"] = request.t("form.error_too_long", limit=200)
    role = selected_value(values, "role")
    if role not in REGISTRABLE_ROLES:
        errors["role"] = request.t("register_form.error_role")
    title = text_value(values, "title")
    if len(title) > 200:
        errors["title"] = request.t("form.error_too_long", limit=200)
    try:
        party = party_from_form(request, values)
    except FieldErrors as error:
        errors.update(error.errors)
        party = None
    if (
        party is not None
        and role in REGISTRABLE_ROLES
        and not permissions.role_fits_party(role, party)
    ):
        errors["party"] = request.t(
            "register_form.error_party_kind", role=request.t(f"role.{role}"), party=esc(party.name)
        )
    if errors:
        raise FieldErrors(errors)
    registration = registry.create_registration(
        session=request.session,
        network_id=request.network.id,  # type: ignore[arg-type]
        slack_user_id=request.actor.slack_user_id,
        name=name,
        party_id=party.id if party else None,
        role=str(role),
        title=title,
        at=request.core.now(),
    )
    registration_id = registration.id
    core = request.core
    view = build_info_modal(
        request.lang, request.t("register_form.sent_title"), [request.t("register_form.sent")]
    )
    return FormOutcome(
        view=view,
        after=[lambda client: notify_coordinators(core, client, registration_id)],  # type: ignore[arg-type]
    )


def coordinator_recipients(core: Core, session: Session, network_id: int) -> list[str]:
    """Slack users who decide registrations: coordinators in the registry and the admins."""
    people = registry.people_with_role(
        session=session, network_id=network_id, role=Role.coordinator
    )
    ids = {p.slack_user_id for p in people if p.slack_user_id}
    return sorted(ids | set(core.settings.admins))


def notify_coordinators(core: Core, client: WebClient, registration_id: int) -> None:
    """Post Approve/Reject to the coordinators' channel, else by DM to each coordinator.

    The messages go through the outbox (`Delivery` rows, kind `registration`), which keeps
    where each one landed, so that a decision can update every coordinator's copy."""

    with core.db.session() as session:
        registration = session.get(Registration, registration_id)
        if registration is None:
            return
        network = session.get(Network, registration.network_id)
        if network is None:
            return
        card = registration_card(session, registration)
        channel = network.coordinators_channel_id
        network_id = network.id
        recipients = [channel] if channel else coordinator_recipients(core, session, network.id)  # type: ignore[arg-type]
    if not recipients:
        log.warning("registration %s: no coordinators to ask", registration_id)
        return
    default = core.settings.language
    languages = {
        user: default
        if user == channel
        else language_of_locale(user_locale(core, client, user), default)
        for user in recipients
    }
    now = core.now()
    with core.db.session() as session:
        for user, lang in languages.items():
            message = build_registration_message(lang, card)
            outbox.enqueue(
                session,
                network_id=network_id,  # type: ignore[arg-type]
                kind=REGISTRATION_KIND,
                ref_id=registration_id,
                recipient=user,
                payload={**message.as_message(), "lang": lang},
                not_before=now,
            )
    outbox.send_due(core, client, now)


def update_approval_messages(
    core: Core,
    client: WebClient,
    registration_id: int,
    *,
    approved: bool,
    by: str,
    skip: tuple[str, str] | None = None,
) -> int:
    """After a decision: every coordinator's copy of the approval message shows it ("approved
    by …", no buttons), so no one decides twice; copies not sent yet are cancelled. `skip` is
    the (channel, ts) of the clicked message, which the click's own answer replaces."""

    with core.db.session() as session:
        outbox.cancel(session, kind=REGISTRATION_KIND, ref_id=registration_id, note="decided")
        registration = session.get(Registration, registration_id)
        if registration is None:
            return 0
        card = registration_card(session, registration)
        decided_at = registration.decided_at or core.now()
        sent = [
            (d.channel, d.ts, str((d.payload or {}).get("lang") or core.settings.language))
            for d in outbox.deliveries(session, kind=REGISTRATION_KIND, ref_id=registration_id)
            if d.status == DeliveryStatus.sent and d.channel and d.ts
        ]
    updated = 0
    for channel, ts, lang in sent:
        if skip is not None and (channel, ts) == skip:
            continue
        message = build_decided_message(
            lang,
            card,
            approved=approved,
            by=by,
            when=format_date(decided_at, lang, core.settings.tz),
        )
        try:
            client.chat_update(channel=channel, ts=ts, **message.as_message())
            updated += 1
        except SlackApiError as error:
            log.warning("cannot update approval message %s: %s", ts, error.response.get("error"))
    return updated


@dataclass
class Decision:
    """A click on Approve/Reject: a refusal to show the clicker, or the updated card."""

    refusal: str | None = None
    message: Any = None  # the coordinators' message with the outcome instead of buttons
    after: list[AfterAck] = field(default_factory=list)


def decide(
    core: Core,
    who: Who,
    registration_value: str | None,
    *,
    approve: bool,
    clicked: tuple[str, str] | None = None,
) -> Decision:
    """Approve or reject; `clicked` is the (channel, ts) of the message clicked, if any."""

    slack_user_id, team_id = who.slack_user_id, who.team_id
    try:
        with core.db.session() as session:
            acting = who.get(session)
            request = Request(core, session, acting.network, acting.actor, "", acting.actor.lang)
            if not permissions.may_manage_people(request.actor):
                raise request.fail("refused.coordinators_only")
            registration_id = int_value(registration_value)
            registration = session_get(request.session, registration_id)
            if registration is None or registration.network_id != request.network.id:
                raise request.fail("approval.not_found")
            card = registration_card(request.session, registration)
            tz, lang = core.settings.tz, request.lang
            if registration.status != RegistrationStatus.pending:
                when = (
                    format_date(registration.decided_at, lang, tz)
                    if registration.decided_at
                    else ""
                )
                message = build_decided_message(
                    lang,
                    card,
                    approved=registration.status == RegistrationStatus.approved,
                    by=registration.decided_by or "?",
                    when=when,
                )
                key = (
                    "approval.already_approved"
                    if registration.status == RegistrationStatus.approved
                    else "approval.already_rejected"
                )
                return Decision(
                    refusal=request.t(
                        key, user=registration.decided_by or "?", name=esc(card.name), when=when
                    ),
                    message=message,
                )
            now = core.now()
            registry.decide_registration(
                session=request.session,
                registration=registration,
                approve=approve,
                actor=request.actor.audit_name,
                at=now,
            )
            message = build_decided_message(
                lang, card, approved=approve, by=slack_user_id, when=format_date(now, lang, tz)
            )
            applicant, network_name = registration.slack_user_id, request.network.name
            party = card.party
    except UserError as error:
        return Decision(refusal=error.reply.text)

    def update_the_others(client: WebClient) -> None:
        update_approval_messages(
            core,
            client,
            registration_id,  # type: ignore[arg-type]
            approved=approve,
            by=slack_user_id,
            skip=clicked,
        )

    def tell_applicant(client: WebClient) -> None:

        their = language_of_locale(user_locale(core, client, applicant), core.settings.language)
        key = "approval.told_approved" if approve else "approval.told_rejected"
        text = t(their, key, network=esc(network_name), party=esc(party), user=slack_user_id)
        dm_user(client, applicant, text_reply(text, ephemeral=False))
        publish_home_of(core, client, applicant, team_id=team_id)
        publish_home_of(core, client, slack_user_id, team_id=team_id)

    return Decision(message=message, after=[update_the_others, tell_applicant])


def session_get(session: Session, registration_id: int | None) -> Registration | None:
    """The registration, locked for this transaction (two coordinators clicking at once: the
    second waits and then sees it decided)."""
    if not registration_id:
        return None
    return registry.registration_for_update(session=session, registration_id=registration_id)


log = logging.getLogger(__name__)

REGISTRATION_KIND = "registration"  # Delivery.kind of the coordinators' approval messages
