"""Registry subcommands: areas, area, join, leave, who, commitments."""

from __future__ import annotations

from bot.core import lookup, permissions
from bot.core.blocks import Modal, Outcome, Reply, esc, text_reply
from bot.core.dates import format_date
from bot.core.localized import area_description, area_name, localized
from bot.core.lookup import (
    explain_miss,
    find_area,
    find_party,
    person_names,
    split_area_and_party,
)
from bot.core.request import Request, Subcommand, cached_view
from bot.core.textmatch import Match, best_match
from bot.registry.admin import area_admin_action, run_area_admin
from bot.registry.forms import join_form
from bot.registry.home import refreshing_home
from bot.registry.people import contact_details, person_card, person_label
from bot.registry.views import (
    AreaCard,
    AreaRow,
    CommitmentGroup,
    JoinedArea,
    Participant,
    PersonLine,
    build_area_contacts_message,
    build_area_message,
    build_areas_message,
    build_commitments_message,
    build_party_contacts_message,
    build_person_message,
)
from storage import generation, registry
from storage.models import AreaStatus, FocusArea, Party


def areas_command(request: Request) -> Reply:
    party = request.actor.party
    key = ("areas", request.network.id, party.id if party is not None else None)
    return cached_view(request, key, lambda: _areas(request))


def _areas(request: Request) -> Reply:
    session, network = request.session, request.network
    areas = registry.area_summaries(session=session, network_id=network.id)  # type: ignore[arg-type]
    mine: frozenset[int] = frozenset()
    if areas and request.actor.party is not None:
        mine = registry.area_ids_of_party(session=session, party_id=request.actor.party.id)  # type: ignore[arg-type]
    rows = [
        AreaRow(
            name=area_name(area, request.lang),
            participants=area.participants,
            mine=area.id in mine,
            example=area.is_example,
        )
        for area in areas
    ]
    return build_areas_message(request.lang, network.name, rows)


def area_command(request: Request) -> Outcome:

    action = area_admin_action(request.args)
    if action is not None:
        return run_area_admin(request, *action)
    area = find_area(request, request.args, include_archived=True)
    return cached_view(
        request,
        ("area", area.id),
        lambda: build_area_message(request.lang, area_card(request, area)),
    )


def area_card(request: Request, area: FocusArea) -> AreaCard:
    """What is shown of an area: its facts, and the parties taking part with their contacts."""
    session, tz = request.session, request.core.settings.tz
    lead = None
    if area.lead_person_id:
        lead = registry.member_of(
            session=session,
            person_id=area.lead_person_id,
            network_id=area.network_id,
        )
    rows = registry.participant_refs(session=session, area_id=area.id)  # type: ignore[arg-type]
    return AreaCard(
        name=area_name(area, request.lang),
        slug=area.slug,
        description=area_description(area, request.lang),
        lead=person_label(request, lead) if lead else None,
        channel_id=area.channel_id,
        archived=area.status == AreaStatus.archived,
        example=area.is_example,
        participants=[
            Participant(
                party=row.party_name,
                since=format_date(row.joined_at, request.lang, tz),
                contact=person_label(request, row.contact) if row.contact is not None else None,
                contact_details=contact_details(row.contact) if row.contact is not None else "",
            )
            for row in rows
        ],
    )


def _target_party(request: Request, party: Party | None) -> Party:
    """The party a join/leave is for: the named one, else the actor's own."""
    if party is not None:
        return party
    if request.actor.party is not None:
        return request.actor.party
    if not request.actor.is_registered and not request.actor.is_coordinator:
        raise request.fail("refused.not_registered")
    raise request.fail("refused.no_party")


def _check_may_change(request: Request, party: Party) -> None:
    actor = request.actor
    if permissions.may_change_participation(actor, party):
        return
    if not actor.is_registered:
        raise request.fail("refused.not_registered")
    if actor.is_school_chief and actor.party is not None:
        raise request.fail("refused.other_party", own=esc(actor.party.name), party=esc(party.name))
    raise request.fail("refused.not_school_chief")


def join_command(request: Request) -> Outcome:
    if not request.args:
        usage = request.t("join.usage")
        return Modal(join_form(request), fallback=text_reply(usage))
    area, named_party = split_area_and_party(request, request.args)
    party = _target_party(request, named_party)
    _check_may_change(request, party)
    if area.status == AreaStatus.archived:
        raise request.fail("join.archived", area=esc(area.name))
    participation, created = registry.join_area(
        session=request.session,
        area=area,
        party=party,
        actor=request.actor.audit_name,
        at=request.core.now(),
    )
    if not created:
        since = format_date(participation.joined_at, request.lang, request.core.settings.tz)
        text = request.t("join.already", party=esc(party.name), area=esc(area.name), since=since)
    else:
        text = request.t("join.done", party=esc(party.name), area=esc(area.name))
    return refreshing_home(request, text_reply(text), changed=created)


def leave_command(request: Request) -> Reply:
    if not request.args:
        raise request.fail("leave.usage")
    area, named_party = split_area_and_party(request, request.args)
    party = _target_party(request, named_party)
    _check_may_change(request, party)
    left = registry.leave_area(
        session=request.session,
        area=area,
        party=party,
        actor=request.actor.audit_name,
        at=request.core.now(),
    )
    key = "leave.done" if left else "leave.not_member"
    text = request.t(key, party=esc(party.name), area=esc(area.name))
    return refreshing_home(request, text_reply(text), changed=bool(left))


def who_command(request: Request) -> Reply:
    query = request.args
    if not query:
        raise request.fail("who.usage")
    session, network_id = request.session, request.network.id
    party_match = lookup.party_match(request, query)
    if party_match.found:
        party = generation.registry_row(Party, party_match.found.id, session=session)
        assert party is not None
        return cached_view(
            request,
            ("who.party", party.id),
            lambda: party_contacts(request, party),
        )
    area_match = lookup.area_match(request, query, include_archived=True)
    if area_match.found:
        area = generation.registry_row(FocusArea, area_match.found.id, session=session)
        assert area is not None
        return cached_view(
            request,
            ("who.area", area.id),
            lambda: area_contacts(request, area),
        )
    people = registry.person_names_of(session=session, network_id=network_id)  # type: ignore[arg-type]
    person_match = best_match(query, people, person_names)
    if person_match.found:
        person = registry.member_of(
            session=session,
            person_id=person_match.found.id,
            network_id=network_id,  # type: ignore[arg-type]
        )
        if person is not None:
            return build_person_message(request.lang, person_card(request, person))

    combined: Match[str] = Match(
        candidates=[
            *(p.name for p in party_match.candidates),
            *(a.name for a in area_match.candidates),
            *(p.name for p in person_match.candidates),
        ],
        suggestions=[
            *(p.name for p in party_match.suggestions),
            *(a.name for a in area_match.suggestions),
        ][:3],
    )
    raise explain_miss(request, query, combined, "what.anything", str)


def party_contacts(request: Request, party: Party) -> Reply:
    session = request.session
    people = registry.party_people(
        session=session, network_id=request.network.id, party_id=party.id
    )  # type: ignore[arg-type]
    joined = registry.party_area_refs(session=session, party_id=party.id)  # type: ignore[arg-type]
    return build_party_contacts_message(
        request.lang,
        party.name,
        [
            PersonLine(
                label=person_label(request, person),
                roles=frozenset(person.roles or ()),
                details=contact_details(person),
            )
            for person in people
        ],
        [
            JoinedArea(
                name=localized(a.area_name, a.area_name_en, request.lang),
                contact=person_label(request, a.contact) if a.contact is not None else None,
            )
            for a in joined
        ],
    )


def area_contacts(request: Request, area: FocusArea) -> Reply:
    card = area_card(request, area)
    card.name = area.name  # `vem` names the area as it is registered
    return build_area_contacts_message(request.lang, card)


def commitments_command(request: Request) -> Reply:
    party = find_party(request, request.args) if request.args else None
    key = ("commitments", request.network.id, party.id if party is not None else None)
    return cached_view(request, key, lambda: _commitments(request, party))


def _commitments(request: Request, party: Party | None) -> Reply:
    session, network = request.session, request.network
    commitments = registry.commitments_for(session=session, network_id=network.id, party=party)  # type: ignore[arg-type]
    groups: dict[str, CommitmentGroup] = {}
    if commitments:
        parties = registry.party_refs(session=session, network_id=network.id)  # type: ignore[arg-type]
        for c in commitments:
            who = binder_label(request, c.party_kind, c.party_id, parties)
            group = groups.setdefault(who, CommitmentGroup(who))
            group.texts.append(c.text)
            if c.source:
                group.sources.append((c.source, c.section))
    return build_commitments_message(
        request.lang, network.name, party.name if party else None, list(groups.values())
    )


def binder_label(
    request: Request,
    party_kind: str | None,
    party_id: int | None,
    parties: list[registry.PartyRef],
) -> str:
    """Whom a commitment binds, as a reader says it: 'Region Västmanland', 'Deltagande kommuner'."""
    if party_id is not None:
        return esc(next((p.name for p in parties if p.id == party_id), "?"))
    of_kind = [p for p in parties if p.kind == party_kind]
    if len(of_kind) == 1 and party_kind != "municipality":
        return esc(of_kind[0].name)
    return request.t(f"kind.{party_kind}")


SUBCOMMANDS = [
    Subcommand("områden", "areas", areas_command, "help.areas"),
    Subcommand("område", "area", area_command, "help.area"),
    Subcommand("gå-med", "join", join_command, "help.join", aliases=("gåmed", "ga-med", "gamed")),
    Subcommand("lämna", "leave", leave_command, "help.leave"),
    Subcommand("vem", "who", who_command, "help.who"),
    Subcommand("åtaganden", "commitments", commitments_command, "help.commitments"),
]
