"""The registry's forms and buttons: open a modal, check and apply a submission, decide a
registration. Handlers stay thin: they pass the payload here and ack/respond with the result.

Every entry point resolves the actor and checks `bot.core.permissions` on the server, so a payload
crafted by hand gets the same refusal as the UI gives. Bad input becomes field errors
(`response_action: errors`), never a crash, and nothing is changed.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_sdk import WebClient

from bot.answers import answer_as
from bot.core import permissions
from bot.core.actor import Who
from bot.core.blocks import esc
from bot.core.forms import (
    FieldErrors,
    FormOutcome,
    build_info_modal,
    int_value,
    selected_conversation,
    selected_user,
    selected_value,
    selected_values,
    text_value,
)
from bot.core.inputs import MAX_OPTIONS
from bot.core.lookup import party_names
from bot.core.request import Request, UserError
from bot.core.runtime import Core
from bot.core.slack_client import dm_user
from bot.core.textmatch import best_match, fold
from bot.registry.home import publish_home_of
from bot.registry.views import (
    ALL_ROLES,
    DESCRIPTION_MAX,
    NOTE_MAX,
    AreaForm,
    Choice,
    JoinForm,
    PersonForm,
    build_area_modal,
    build_join_modal,
    build_person_modal,
    read_metadata,
)
from storage import registry
from storage.models import (
    AreaStatus,
    FocusArea,
    Party,
    Person,
)

log = logging.getLogger(__name__)

SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")
SLACK_CHANNEL = re.compile(r"^[CG][A-Z0-9]{2,}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^[0-9+()\-\s]{5,}$")


# --------------------------------------------------------------------------- reading values


# --------------------------------------------------------------------------- shared pieces


def party_choices(request: Request) -> list[Choice]:
    parties = registry.parties(session=request.session, network_id=request.network.id)  # type: ignore[arg-type]
    return [Choice(p.id, p.name) for p in parties]  # type: ignore[arg-type]


def party_from_form(
    request: Request, values: dict[str, Any], *, required: bool = True
) -> Party | None:
    """The party a form names: the chosen option (checked to be in the network) or the typed
    name (matched like commands do). Field errors on `party` otherwise."""
    parties = registry.parties(session=request.session, network_id=request.network.id)  # type: ignore[arg-type]
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
        session=request.session,
        network_id=request.network.id,  # type: ignore[arg-type]
        slack_user_id=slack_user_id,
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
    areas = registry.areas(session=session, network_id=request.network.id)  # type: ignore[arg-type]
    current = registry.active_participations(session=session, party_id=party.id)
    contact_user = None
    note = ""
    for participation in current:
        if participation.contact_person_id and contact_user is None:
            person = registry.member(
                session=session,
                person_id=participation.contact_person_id,
                network_id=request.network.id,  # type: ignore[arg-type]
            )
            if person and person.slack_user_id and person.active:
                contact_user = person.slack_user_id
        note = note or participation.note
    commitments = [
        c.text
        for c in registry.commitments_for(
            session=session, network_id=request.network.id, party=party
        )  # type: ignore[arg-type]
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
        party_id = int_value(read_metadata(private_metadata).get("party"))
        party = session.get(Party, party_id) if party_id else None
        if party is None or party.network_id != network.id:
            party = actor.party
    if party is None or party.network_id != network.id:
        raise refuse_participation(request)
    if not permissions.may_change_participation(actor, party):
        raise refuse_participation(request, party)
    active_areas = registry.areas(session=session, network_id=network.id)  # type: ignore[arg-type]
    active = {a.id: a for a in active_areas}
    offered = {a.id for a in active_areas[:MAX_OPTIONS]}  # what the form's select could hold
    wanted: list[FocusArea] = []
    for value in selected_values(values, "areas"):
        area = active.get(int_value(value))  # type: ignore[arg-type]
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
    current = {
        p.area_id: p for p in registry.active_participations(session=session, party_id=party.id)
    }
    at, who = request.core.now(), actor.audit_name
    lines: list[str] = []
    wanted_ids = {a.id for a in wanted}
    for area in wanted:
        existing = current.get(area.id)  # type: ignore[arg-type]
        if existing is None:
            registry.join_area(
                session=session,
                area=area,
                party=party,
                actor=who,
                contact_person_id=contact_id,
                note=note,
                at=at,
            )
            lines.append(request.t("join_form.joined", area=esc(area.name)))
        elif registry.update_participation(
            session=session,
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
        registry.leave_area(session=session, area=area, party=party, actor=who, at=at)
        lines.append(request.t("join_form.left", area=esc(area.name)))
    title = request.t("join_form.done_title")
    if not lines:
        lines = [request.t("join_form.nothing_changed", party=esc(party.name))]
    else:
        lines.insert(0, request.t("join_form.done_intro", party=esc(party.name)))
    user, team = actor.slack_user_id, network.team_id
    return FormOutcome(
        view=build_info_modal(request.lang, title, lines),
        after=[lambda client: publish_home_of(request.core, client, user, team_id=team)],
    )


# --------------------------------------------------------------------------- register


# --------------------------------------------------------------------------- decide


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
            registry.roles_of(
                session=request.session, person_id=person.id, network_id=person.network_id
            )
        )
    return build_person_modal(form)


def submit_person(request: Request, values: dict[str, Any], private_metadata: str) -> FormOutcome:
    if not permissions.may_manage_people(request.actor):
        raise request.fail("refused.coordinators_only")
    session, network = request.session, request.network
    person_id = int_value(read_metadata(private_metadata).get("person"))
    person = (
        registry.member(
            session=session, person_id=person_id, network_id=network.id, active_only=True
        )  # type: ignore[arg-type]
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
            other = registry.person_any_by_slack_user(session=session, slack_user_id=user)
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
            session=session,
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
            session=session,
            person=person,
            actor=who,
            roles=roles,
            name=name,
            slack_user_id=user,
            **fields,
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
    areas = registry.areas(
        session=request.session, network_id=request.network.id, include_archived=True
    )  # type: ignore[arg-type]
    for other in areas:
        if other.id != area_id and fold(other.name) == fold(name):
            return request.t("area_form.error_name_taken", name=esc(other.name))
    return None


def submit_area(request: Request, values: dict[str, Any], private_metadata: str) -> FormOutcome:
    if not permissions.may_manage_areas(request.actor):
        raise request.fail("refused.coordinators_only")
    session, network = request.session, request.network
    area_id = int_value(read_metadata(private_metadata).get("area"))
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
            session=session,
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
            session=session,
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


def answer_by_dm(core: Core, client: WebClient, who: Who, question: str) -> None:
    """The Home's 'ask' form: the answerer's reply, sent to the asker's DM."""

    reply = answer_as(core, who, text=question)
    reply.ephemeral = False
    dm_user(client, who.slack_user_id, reply)
