"""The registry's forms and buttons: open a modal, check and apply a submission, decide a
registration. Handlers stay thin: they pass the payload here and ack/respond with the result.

Every entry point resolves the actor and checks `bot.permissions` on the server, so a payload
crafted by hand gets the same refusal as the UI gives. Bad input becomes field errors
(`response_action: errors`), never a crash, and nothing is changed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot import permissions
from bot.actor import acting_as
from bot.blocks import esc
from bot.commands import Request, UserError
from bot.core import Core
from bot.dates import format_date
from bot.i18n import language_of_locale, t
from bot.lookup import party_names
from bot.networks import stamp_view
from bot.textmatch import best_match
from bot.views import MAX_OPTIONS
from bot.views.approvals import (
    RegistrationCard,
    build_decided_message,
    build_registration_message,
)
from bot.views.forms import (
    ALL_ROLES,
    DESCRIPTION_MAX,
    NOTE_MAX,
    REGISTRABLE_ROLES,
    AreaForm,
    Choice,
    JoinForm,
    PersonForm,
    RegisterForm,
    build_area_modal,
    build_info_modal,
    build_join_modal,
    build_person_modal,
    build_register_modal,
    read_metadata,
)
from storage import registry
from storage.models import (
    AreaStatus,
    DeliveryStatus,
    FocusArea,
    Network,
    Party,
    Person,
    Registration,
    RegistrationStatus,
    Role,
)
from storage.text import fold

log = logging.getLogger(__name__)

SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")
SLACK_CHANNEL = re.compile(r"^[CG][A-Z0-9]{2,}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^[0-9+()\-\s]{5,}$")

AfterAck = Callable[[WebClient], None]


@contextmanager
def acting(
    core: Core, slack_user_id: str, *, team_id: str | None = None, locale: str | None = None
) -> Iterator[Request]:
    """One unit of work on behalf of `slack_user_id`: the `Request` a command would get."""
    with core.db.session() as session:
        network, actor = acting_as(core, session, slack_user_id, team_id=team_id, locale=locale)
        yield Request(core, session, network, actor, "", actor.lang)


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


def run_form(
    core: Core,
    slack_user_id: str,
    submit: Callable[[Request], FormOutcome],
    *,
    team_id: str | None = None,
    locale: str | None = None,
) -> FormOutcome:
    """Run a submission in one transaction; a refusal or field error rolls it back."""
    lang = language_of_locale(locale, core.settings.language)
    try:
        with acting(core, slack_user_id, team_id=team_id, locale=locale) as request:
            lang = request.lang
            return submit(request)
    except FieldErrors as error:
        return FormOutcome(errors=error.errors)
    except UserError as error:
        return FormOutcome(
            view=build_info_modal(lang, t(lang, "form.refused_title"), [error.reply.text])
        )


def open_form(
    core: Core,
    slack_user_id: str,
    build: Callable[[Request], dict[str, Any]],
    *,
    team_id: str | None = None,
    locale: str | None = None,
) -> dict[str, Any]:
    """The modal `build` makes, or an info modal with the refusal."""
    lang = language_of_locale(locale, core.settings.language)
    try:
        with acting(core, slack_user_id, team_id=team_id, locale=locale) as request:
            lang = request.lang
            return stamp_view(build(request), request.network.id)
    except UserError as error:
        return build_info_modal(lang, t(lang, "form.refused_title"), [error.reply.text])


# --------------------------------------------------------------------------- reading values


def _entry(values: dict[str, Any], block_id: str) -> dict[str, Any]:
    entries = values.get(block_id) or {}
    if not isinstance(entries, dict) or not entries:
        return {}
    first = next(iter(entries.values()))
    return first if isinstance(first, dict) else {}


def text_value(values: dict[str, Any], block_id: str) -> str:
    return str(_entry(values, block_id).get("value") or "").strip()


def selected_value(values: dict[str, Any], block_id: str) -> str | None:
    chosen = _entry(values, block_id).get("selected_option")
    return str(chosen.get("value")) if isinstance(chosen, dict) else None


def selected_values(values: dict[str, Any], block_id: str) -> list[str]:
    chosen = _entry(values, block_id).get("selected_options") or []
    return [str(o.get("value")) for o in chosen if isinstance(o, dict)]


def selected_user(values: dict[str, Any], block_id: str) -> str | None:
    user = _entry(values, block_id).get("selected_user")
    return str(user) if user else None


def selected_conversation(values: dict[str, Any], block_id: str) -> str | None:
    entry = _entry(values, block_id)
    chosen = entry.get("selected_conversation") or entry.get("selected_channel")
    return str(chosen) if chosen else None


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- shared pieces


def party_choices(request: Request) -> list[Choice]:
    parties = registry.parties(request.session, network_id=request.network.id)  # type: ignore[arg-type]
    return [Choice(p.id, p.name) for p in parties]  # type: ignore[arg-type]


def party_from_form(
    request: Request, values: dict[str, Any], *, required: bool = True
) -> Party | None:
    """The party a form names: the chosen option (checked to be in the network) or the typed
    name (matched like commands do). Field errors on `party` otherwise."""
    parties = registry.parties(request.session, network_id=request.network.id)  # type: ignore[arg-type]
    chosen = selected_value(values, "party")
    if chosen is not None:
        party = next((p for p in parties if str(p.id) == chosen), None)
        if party is None:
            raise FieldErrors({"party": request.t("form.error_party_unknown")})
        return party
    typed = text_value(values, "party")
    if not typed:
        if required:
            raise FieldErrors({"party": request.t("form.error_required")})
        return None
    match = best_match(typed, parties, party_names)
    if match.found is not None:
        return match.found
    if match.ambiguous:
        options = ", ".join(p.name for p in match.candidates[:5])
        raise FieldErrors({"party": request.t("form.error_party_ambiguous", options=options)})
    raise FieldErrors({"party": request.t("form.error_party_none", query=typed[:80])})


def person_for_user(request: Request, slack_user_id: str) -> registry.Member | None:
    return registry.person_by_slack_id(
        request.session,
        network_id=request.network.id,  # type: ignore[arg-type]
        slack_user_id=slack_user_id,
    )


def registration_card(session: Session, registration: Registration) -> RegistrationCard:
    party = session.get(Party, registration.party_id) if registration.party_id else None
    return RegistrationCard(
        id=registration.id,  # type: ignore[arg-type]
        slack_user_id=registration.slack_user_id,
        name=registration.name,
        party=party.name if party else "",
        role=registration.role,
        title=registration.title,
    )


def refuse_participation(request: Request, party: Party | None = None) -> UserError:
    """The refusal the join command gives, for the form and its submission alike."""
    actor = request.actor
    if not actor.is_registered and not actor.is_coordinator:
        return request.fail("refused.not_registered")
    if actor.is_school_chief and actor.party is not None and party is not None:
        return request.fail("refused.other_party", own=esc(actor.party.name), party=esc(party.name))
    if actor.is_school_chief and actor.party is None:
        return request.fail("refused.no_party")
    return request.fail("refused.not_school_chief")


# --------------------------------------------------------------------------- join


def join_form(request: Request, party: Party | None = None) -> dict[str, Any]:
    """The join modal for `party` (default: the actor's own), as the actor may see it."""
    actor, session = request.actor, request.session
    if not permissions.may_use_join_form(actor):
        raise refuse_participation(request)
    choices = party_choices(request)
    if party is None:
        party = actor.party
    if party is None:
        if not choices:
            raise request.fail("join_form.no_parties")
        party = session.get(Party, choices[0].id)
    assert party is not None and party.id is not None
    if not permissions.may_change_participation(actor, party):
        raise refuse_participation(request, party)
    areas = registry.areas(session, network_id=request.network.id)  # type: ignore[arg-type]
    current = registry.active_participations(session, party_id=party.id)
    contact_user = None
    note = ""
    for participation in current:
        if participation.contact_person_id and contact_user is None:
            person = registry.member(
                session,
                person_id=participation.contact_person_id,
                network_id=request.network.id,  # type: ignore[arg-type]
            )
            if person and person.slack_user_id and person.active:
                contact_user = person.slack_user_id
        note = note or participation.note
    commitments = [
        c.text
        for c in registry.commitments_for(session, network_id=request.network.id, party=party)  # type: ignore[arg-type]
    ]
    form = JoinForm(
        lang=request.lang,
        party=Choice(party.id, party.name),
        parties=choices if permissions.may_choose_party(actor) else None,
        areas=[Choice(a.id, a.name) for a in areas],  # type: ignore[arg-type]
        joined=[p.area_id for p in current],
        contact_user=contact_user,
        note=note,
        commitments=commitments[:6],
    )
    return build_join_modal(form)


def join_form_for_party(request: Request, values: dict[str, Any]) -> dict[str, Any]:
    """The join modal again after a coordinator picked another party in it."""
    try:
        party = party_from_form(request, values)
    except FieldErrors:
        party = None
    return join_form(request, party)


def submit_join(request: Request, values: dict[str, Any], private_metadata: str) -> FormOutcome:
    session, actor, network = request.session, request.actor, request.network
    if permissions.may_choose_party(actor) and values.get("party"):
        party = party_from_form(request, values)
    else:
        party_id = _int(read_metadata(private_metadata).get("party"))
        party = session.get(Party, party_id) if party_id else None
        if party is None or party.network_id != network.id:
            party = actor.party
    if party is None or party.network_id != network.id:
        raise refuse_participation(request)
    if not permissions.may_change_participation(actor, party):
        raise refuse_participation(request, party)
    active_areas = registry.areas(session, network_id=network.id)  # type: ignore[arg-type]
    active = {a.id: a for a in active_areas}
    offered = {a.id for a in active_areas[:MAX_OPTIONS]}  # what the form's select could hold
    wanted: list[FocusArea] = []
    for value in selected_values(values, "areas"):
        area = active.get(_int(value))  # type: ignore[arg-type]
        if area is None:
            raise FieldErrors({"areas": request.t("join_form.error_area")})
        wanted.append(area)
    note = text_value(values, "note")
    if len(note) > NOTE_MAX:
        raise FieldErrors({"note": request.t("form.error_too_long", limit=NOTE_MAX)})
    contact_id: int | None = None
    contact_user = selected_user(values, "contact")
    if contact_user:
        contact = person_for_user(request, contact_user)
        if contact is None:
            raise FieldErrors({"contact": request.t("join_form.error_contact_unknown")})
        contact_id = contact.id
    assert party.id is not None
    current = {p.area_id: p for p in registry.active_participations(session, party_id=party.id)}
    at, who = request.core.now(), actor.audit_name
    lines: list[str] = []
    wanted_ids = {a.id for a in wanted}
    for area in wanted:
        existing = current.get(area.id)  # type: ignore[arg-type]
        if existing is None:
            registry.join_area(
                session,
                area=area,
                party=party,
                actor=who,
                contact_person_id=contact_id,
                note=note,
                at=at,
            )
            lines.append(request.t("join_form.joined", area=esc(area.name)))
        elif registry.update_participation(
            session,
            participation=existing,
            area=area,
            party=party,
            actor=who,
            contact_person_id=contact_id,
            note=note,
        ):
            lines.append(request.t("join_form.updated", area=esc(area.name)))
    for area_id in current:
        if area_id in wanted_ids:
            continue
        area = session.get(FocusArea, area_id)
        if area is None or area.status != AreaStatus.active or area_id not in offered:
            continue  # not in the form (archived, or beyond its 100 options): left as is
        registry.leave_area(session, area=area, party=party, actor=who, at=at)
        lines.append(request.t("join_form.left", area=esc(area.name)))
    title = request.t("join_form.done_title")
    if not lines:
        lines = [request.t("join_form.nothing_changed", party=esc(party.name))]
    else:
        lines.insert(0, request.t("join_form.done_intro", party=esc(party.name)))
    user, team = actor.slack_user_id, network.team_id
    return FormOutcome(
        view=build_info_modal(request.lang, title, lines),
        after=[lambda client: _publish(request.core, client, user, team)],
    )


def _publish(core: Core, client: WebClient, slack_user_id: str, team_id: str | None) -> None:
    from bot.home import publish_home

    publish_home(core, client, slack_user_id, team_id=team_id)


# --------------------------------------------------------------------------- register


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
    return registry.parties(request.session, network_id=request.network.id)  # type: ignore[arg-type]


def _check_may_register(request: Request) -> None:
    actor = request.actor
    if not permissions.may_register(actor):
        party = actor.party.name if actor.party else request.network.name
        raise request.fail("register.already", party=esc(party))
    pending = registry.pending_registration_of(
        request.session,
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
        request.session,
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
    people = registry.people_with_role(session, network_id=network_id, role=Role.coordinator)
    ids = {p.slack_user_id for p in people if p.slack_user_id}
    return sorted(ids | set(core.settings.admins))


REGISTRATION_KIND = "registration"  # Delivery.kind of the coordinators' approval messages


def notify_coordinators(core: Core, client: WebClient, registration_id: int) -> None:
    """Post Approve/Reject to the coordinators' channel, else by DM to each coordinator.

    The messages go through the outbox (`Delivery` rows, kind `registration`), which keeps
    where each one landed, so that a decision can update every coordinator's copy."""
    from bot import outbox
    from bot.userinfo import user_locale

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
    from bot import outbox

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


def _open_dm(client: WebClient, slack_user_id: str) -> str | None:
    try:
        return str(client.conversations_open(users=slack_user_id)["channel"]["id"])
    except SlackApiError as error:
        log.warning("cannot open a DM with %s: %s", slack_user_id, error.response.get("error"))
        return None


def _post(client: WebClient, channel: str, reply: Any) -> None:
    try:
        client.chat_postMessage(channel=channel, **reply.as_message())
    except SlackApiError as error:
        log.warning("posting to %s failed: %s", channel, error.response.get("error"))


def dm_user(client: WebClient, slack_user_id: str, reply: Any) -> None:
    dm = _open_dm(client, slack_user_id)
    if dm:
        _post(client, dm, reply)


# --------------------------------------------------------------------------- decide


@dataclass
class Decision:
    """A click on Approve/Reject: a refusal to show the clicker, or the updated card."""

    refusal: str | None = None
    message: Any = None  # the coordinators' message with the outcome instead of buttons
    after: list[AfterAck] = field(default_factory=list)


def decide(
    core: Core,
    slack_user_id: str,
    registration_value: str | None,
    *,
    approve: bool,
    team_id: str | None = None,
    locale: str | None = None,
    clicked: tuple[str, str] | None = None,
) -> Decision:
    """Approve or reject; `clicked` is the (channel, ts) of the message clicked, if any."""
    from bot.blocks import Reply, section

    try:
        with acting(core, slack_user_id, team_id=team_id, locale=locale) as request:
            if not permissions.may_manage_people(request.actor):
                raise request.fail("refused.coordinators_only")
            registration_id = _int(registration_value)
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
                request.session,
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
        from bot.userinfo import user_locale

        their = language_of_locale(user_locale(core, client, applicant), core.settings.language)
        key = "approval.told_approved" if approve else "approval.told_rejected"
        text = t(their, key, network=esc(network_name), party=esc(party), user=slack_user_id)
        dm_user(client, applicant, Reply(text=text, blocks=[section(text)], ephemeral=False))
        _publish(core, client, applicant, team_id)
        _publish(core, client, slack_user_id, team_id)

    return Decision(message=message, after=[update_the_others, tell_applicant])


def session_get(session: Session, registration_id: int | None) -> Registration | None:
    """The registration, locked for this transaction (two coordinators clicking at once: the
    second waits and then sees it decided)."""
    if not registration_id:
        return None
    return registry.registration_for_update(session, registration_id=registration_id)


# --------------------------------------------------------------------------- people


def person_form(
    request: Request, person: registry.Member | None = None, name: str = ""
) -> dict[str, Any]:
    if not permissions.may_manage_people(request.actor):
        raise request.fail("refused.coordinators_only")
    form = PersonForm(lang=request.lang, parties=party_choices(request), name=name)
    if person is not None and person.id is not None:
        form.person_id = person.id
        form.name = person.name
        form.slack_user_id = person.slack_user_id
        form.party_id = person.party_id
        form.title = person.title
        form.email = person.email or ""
        form.phone = person.phone or ""
        form.roles = sorted(
            registry.roles_of(request.session, person_id=person.id, network_id=person.network_id)
        )
    return build_person_modal(form)


def submit_person(request: Request, values: dict[str, Any], private_metadata: str) -> FormOutcome:
    if not permissions.may_manage_people(request.actor):
        raise request.fail("refused.coordinators_only")
    session, network = request.session, request.network
    person_id = _int(read_metadata(private_metadata).get("person"))
    person = (
        registry.member(session, person_id=person_id, network_id=network.id, active_only=True)  # type: ignore[arg-type]
        if person_id
        else None
    )
    if person_id and person is None:
        raise request.fail("person.not_found")
    errors: dict[str, str] = {}
    name = text_value(values, "name")
    if not name:
        errors["name"] = request.t("form.error_required")
    email = text_value(values, "email") or None
    if email and not EMAIL.match(email):
        errors["email"] = request.t("person_form.error_email")
    phone = text_value(values, "phone") or None
    if phone and not PHONE.match(phone):
        errors["phone"] = request.t("person_form.error_phone")
    title = text_value(values, "title")
    roles = selected_values(values, "roles")
    if any(r not in ALL_ROLES for r in roles):
        errors["roles"] = request.t("person_form.error_role")
    user = selected_user(values, "user")
    if user:
        other = person_for_user(request, user)
        if other is None and person_id:
            # the Slack user is one human across networks: another person's in another network
            other = registry.person_any_by_slack_user(session, slack_user_id=user)
        if other is not None and other.id != person_id:
            errors["user"] = request.t("person_form.error_user_taken", name=other.name)
    try:
        party = party_from_form(request, values, required=False)
    except FieldErrors as error:
        errors.update(error.errors)
        party = None
    unfit = [r for r in roles if party is not None and not permissions.role_fits_party(r, party)]
    if unfit and "roles" not in errors:
        errors["roles"] = request.t(
            "register_form.error_party_kind",
            role=request.t(f"role.{unfit[0]}"),
            party=esc(party.name),  # type: ignore[union-attr]
        )
    for key, limit in (("name", 200), ("title", 200)):
        if len(locals()[key] or "") > limit:
            errors[key] = request.t("form.error_too_long", limit=limit)
    if errors:
        raise FieldErrors(errors)
    who = request.actor.audit_name
    fields = dict(title=title, email=email, phone=phone, party_id=party.id if party else None)
    if person is None:
        person = registry.add_or_restore_person(
            session,
            network_id=network.id,  # type: ignore[arg-type]
            name=name,
            actor=who,
            slack_user_id=user,
            roles=roles,
            **fields,
        )
        lines = [request.t("person_form.added", name=esc(name))]
    else:
        changed = registry.update_person(
            session, person=person, actor=who, roles=roles, name=name, slack_user_id=user, **fields
        )
        lines = (
            [
                request.t(
                    "person_form.changed", name=esc(name), fields=_field_names(request, changed)
                )
            ]
            if changed
            else [request.t("person_form.unchanged", name=esc(name))]
        )
    if roles:
        lines.append(
            request.t(
                "person_form.roles_now",
                roles=", ".join(request.t(f"role.{r}") for r in sorted(roles)),
            )
        )
    return FormOutcome(
        view=build_info_modal(request.lang, request.t("person_form.done_title"), lines)
    )


def _field_names(request: Request, changed: list[str]) -> str:
    return ", ".join(request.t(f"field.{name}") for name in changed)


# --------------------------------------------------------------------------- areas


def area_form(request: Request, area: FocusArea | None = None, name: str = "") -> dict[str, Any]:
    if not permissions.may_manage_areas(request.actor):
        raise request.fail("refused.coordinators_only")
    form = AreaForm(lang=request.lang, name=name)
    if area is not None:
        lead = request.session.get(Person, area.lead_person_id) if area.lead_person_id else None
        form = AreaForm(
            lang=request.lang,
            area_id=area.id,
            name=area.name,
            description=area.description,
            lead_user=lead.slack_user_id if lead else None,
            channel_id=area.channel_id,
        )
    return build_area_modal(form)


def check_area_name(request: Request, name: str, area_id: int | None) -> str | None:
    """An error text when `name` is empty, too long or taken by another area of the network."""
    if not name:
        return request.t("form.error_required")
    if len(name) > 80:
        return request.t("form.error_too_long", limit=80)
    areas = registry.areas(request.session, network_id=request.network.id, include_archived=True)  # type: ignore[arg-type]
    for other in areas:
        if other.id != area_id and fold(other.name) == fold(name):
            return request.t("area_form.error_name_taken", name=esc(other.name))
    return None


def submit_area(request: Request, values: dict[str, Any], private_metadata: str) -> FormOutcome:
    if not permissions.may_manage_areas(request.actor):
        raise request.fail("refused.coordinators_only")
    session, network = request.session, request.network
    area_id = _int(read_metadata(private_metadata).get("area"))
    area = session.get(FocusArea, area_id) if area_id else None
    if area_id and (area is None or area.network_id != network.id):
        raise request.fail("area_admin.not_found")
    errors: dict[str, str] = {}
    name = text_value(values, "name")
    problem = check_area_name(request, name, area_id)
    if problem:
        errors["name"] = problem
    description = text_value(values, "description")
    if len(description) > DESCRIPTION_MAX:
        errors["description"] = request.t("form.error_too_long", limit=DESCRIPTION_MAX)
    lead_id = None
    lead_user = selected_user(values, "lead")
    if lead_user:
        lead = person_for_user(request, lead_user)
        if lead is None:
            errors["lead"] = request.t("area_form.error_lead_unknown")
        else:
            lead_id = lead.id
    channel = selected_conversation(values, "channel")
    if channel and not SLACK_CHANNEL.match(channel):
        errors["channel"] = request.t("area_form.error_channel")
    if errors:
        raise FieldErrors(errors)
    who = request.actor.audit_name
    if area is None:
        area = registry.create_area(
            session,
            network_id=network.id,  # type: ignore[arg-type]
            name=name,
            actor=who,
            description=description,
            lead_person_id=lead_id,
            channel_id=channel,
        )
        lines = [request.t("area_admin.created", area=esc(name), slug=area.slug)]
    else:
        changed = registry.update_area(
            session,
            area=area,
            actor=who,
            name=name,
            description=description,
            lead_person_id=lead_id,
            channel_id=channel,
            at=request.core.now(),
        )
        lines = (
            [request.t("area_admin.changed", area=esc(name), fields=_field_names(request, changed))]
            if changed
            else [request.t("area_admin.unchanged", area=esc(name))]
        )
    return FormOutcome(
        view=build_info_modal(request.lang, request.t("area_admin.done_title"), lines)
    )


# --------------------------------------------------------------------------- buttons


def export_for(
    core: Core,
    client: WebClient,
    slack_user_id: str,
    *,
    team_id: str | None = None,
    locale: str | None = None,
) -> str | None:
    """The export button: upload the CSV files, or return the refusal to show."""
    from bot.export_csv import upload_export

    with acting(core, slack_user_id, team_id=team_id, locale=locale) as request:
        lang = request.lang
        network_id = request.network.id
        if not permissions.may_export(request.actor):
            return request.t("refused.coordinators_only")
    if not upload_export(
        core, client, slack_user_id, lang=lang, team_id=team_id, network_id=network_id
    ):
        return t(lang, "export.failed")
    return None


def answer_by_dm(
    core: Core, client: WebClient, slack_user_id: str, question: str, team_id: str | None
) -> None:
    """The Home's 'ask' form: the answerer's reply, sent to the asker's DM."""
    from bot.answers import answer_question

    reply = answer_question(core, slack_user_id=slack_user_id, text=question, team_id=team_id)
    reply.ephemeral = False
    dm_user(client, slack_user_id, reply)


def language_for(core: Core, locale: str | None) -> str:
    return language_of_locale(locale, core.settings.language)
