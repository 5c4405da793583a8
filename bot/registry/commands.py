"""Registry subcommands: areas, area, join, leave, who, commitments."""

from __future__ import annotations

from bot.core import permissions
from bot.core.blocks import (
    Block,
    Modal,
    Outcome,
    Reply,
    bullet_lines,
    context,
    esc,
    header,
    section,
)
from bot.core.dates import format_date
from bot.core.localized import area_description, area_name, localized
from bot.core.lookup import (
    area_names,
    explain_miss,
    find_area,
    find_party,
    party_names,
    person_names,
    split_area_and_party,
)
from bot.core.request import Request, Subcommand, cached_view
from bot.core.textmatch import Match, best_match
from bot.registry.admin import area_admin_action, run_area_admin
from bot.registry.forms import join_form
from bot.registry.home import refreshing_home
from bot.registry.people import contact_details, person_blocks, person_label, roles_label
from storage import generation, registry
from storage.models import AreaStatus, FocusArea, Party


def areas_command(request: Request) -> Reply:
    party = request.actor.party
    key = ("areas", request.network.id, party.id if party is not None else None)
    return cached_view(request, key, lambda: _areas(request))


def _areas(request: Request) -> Reply:
    session, network = request.session, request.network
    areas = registry.area_summaries(session, network_id=network.id)  # type: ignore[arg-type]
    title = request.t("areas.title", network=network.name)
    if not areas:
        return Reply(text=title, blocks=[header(title), section(request.t("areas.none"))])
    mine: frozenset[int] = frozenset()
    if request.actor.party is not None:
        mine = registry.area_ids_of_party(session, party_id=request.actor.party.id)  # type: ignore[arg-type]
    lines = []
    for area in areas:
        lines.append(
            request.t(
                "areas.line",
                name=esc(area_name(area, request.lang)),
                count=area.participants,
                mine=request.t("areas.mine") if area.id in mine else "",
                example=request.t("areas.example") if area.is_example else "",
            )
        )
    blocks = [header(title), *bullet_lines(lines), context(request.t("areas.footer"))]
    return Reply(text=title, blocks=blocks)


def area_command(request: Request) -> Outcome:

    action = area_admin_action(request.args)
    if action is not None:
        return run_area_admin(request, *action)
    area = find_area(request, request.args, include_archived=True)
    return cached_view(
        request,
        ("area", area.id),
        lambda: Reply(text=area_name(area, request.lang), blocks=area_blocks(request, area)),
    )


def area_blocks(request: Request, area: FocusArea) -> list[Block]:
    session, tz = request.session, request.core.settings.tz
    blocks: list[Block] = [header(area_name(area, request.lang))]
    description = area_description(area, request.lang)
    if description:
        blocks.append(section(esc(description)))
    facts = []
    if area.lead_person_id:
        lead = registry.member_of(
            session,
            person_id=area.lead_person_id,
            network_id=area.network_id,
        )
        if lead:
            facts.append(request.t("area.lead", lead=person_label(request, lead)))
    if area.channel_id:
        facts.append(request.t("area.channel", channel=area.channel_id))
    if facts:
        blocks.append(section("\n".join(facts)))
    if area.status == AreaStatus.archived:
        blocks.append(context(request.t("area.archived")))
    elif area.is_example:
        blocks.append(context(request.t("area.example")))
    rows = registry.participant_refs(session, area_id=area.id)  # type: ignore[arg-type]
    if not rows:
        blocks.append(section(request.t("area.no_participants", slug=area.slug)))
        return blocks
    lines = []
    for row in rows:
        contact = ""
        if row.contact is not None:
            contact = request.t("area.contact_suffix", contact=person_label(request, row.contact))
        since = format_date(row.joined_at, request.lang, tz)
        lines.append(
            request.t(
                "area.participant_line", party=esc(row.party_name), since=since, contact=contact
            )
        )
    blocks.append(section(request.t("area.participants", count=len(rows))))
    blocks.extend(bullet_lines(lines))
    return blocks


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
        return Modal(join_form(request), fallback=Reply(text=usage, blocks=[section(usage)]))
    area, named_party = split_area_and_party(request, request.args)
    party = _target_party(request, named_party)
    _check_may_change(request, party)
    if area.status == AreaStatus.archived:
        raise request.fail("join.archived", area=esc(area.name))
    participation, created = registry.join_area(
        request.session,
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
    return refreshing_home(request, Reply(text=text, blocks=[section(text)]), changed=created)


def leave_command(request: Request) -> Reply:
    if not request.args:
        raise request.fail("leave.usage")
    area, named_party = split_area_and_party(request, request.args)
    party = _target_party(request, named_party)
    _check_may_change(request, party)
    left = registry.leave_area(
        request.session,
        area=area,
        party=party,
        actor=request.actor.audit_name,
        at=request.core.now(),
    )
    key = "leave.done" if left else "leave.not_member"
    text = request.t(key, party=esc(party.name), area=esc(area.name))
    return refreshing_home(request, Reply(text=text, blocks=[section(text)]), changed=bool(left))


def who_command(request: Request) -> Reply:
    query = request.args
    if not query:
        raise request.fail("who.usage")
    session, network_id = request.session, request.network.id
    parties = registry.party_refs(session, network_id=network_id)  # type: ignore[arg-type]
    party_match = best_match(query, parties, party_names)
    if party_match.found:
        party = generation.registry_row(session, Party, party_match.found.id)
        assert party is not None
        return cached_view(
            request,
            ("who.party", party.id),
            lambda: Reply(text=party.name, blocks=party_contact_blocks(request, party)),
        )
    areas = registry.areas(session, network_id=network_id, include_archived=True)  # type: ignore[arg-type]
    area_match = best_match(query, areas, area_names)
    if area_match.found:
        area = area_match.found
        return cached_view(
            request,
            ("who.area", area.id),
            lambda: Reply(text=area.name, blocks=area_contact_blocks(request, area)),
        )
    people = registry.person_names_of(session, network_id=network_id)  # type: ignore[arg-type]
    person_match = best_match(query, people, person_names)
    if person_match.found:
        person = registry.member_of(
            session,
            person_id=person_match.found.id,
            network_id=network_id,  # type: ignore[arg-type]
        )
        if person is not None:
            return Reply(text=person.name, blocks=person_blocks(request, person))

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


def party_contact_blocks(request: Request, party: Party) -> list[Block]:
    session = request.session
    blocks: list[Block] = [header(request.t("who.party_title", party=party.name))]
    people = registry.party_people(session, network_id=request.network.id, party_id=party.id)  # type: ignore[arg-type]
    if people:
        lines = []
        for person in people:
            line = f"• {person_label(request, person)}"
            if person.roles:
                line += f" – {roles_label(request, set(person.roles))}"
            lines.append(line + contact_details(person))
        blocks.extend(bullet_lines(lines))
    else:
        blocks.append(section(request.t("who.no_people", party=esc(party.name))))
    joined = registry.party_area_refs(session, party_id=party.id)  # type: ignore[arg-type]
    if joined:
        names = ", ".join(
            f"*{esc(localized(a.area_name, a.area_name_en, request.lang))}*" for a in joined
        )
        blocks.append(section(request.t("who.party_areas", areas=names)))
        contact_lines = [
            f"• {esc(localized(a.area_name, a.area_name_en, request.lang))}: "
            f"{person_label(request, a.contact)}"
            for a in joined
            if a.contact is not None
        ]
        blocks.extend(bullet_lines(contact_lines))
    else:
        blocks.append(context(request.t("who.party_no_areas", party=esc(party.name))))
    return blocks


def area_contact_blocks(request: Request, area: FocusArea) -> list[Block]:
    session = request.session
    blocks: list[Block] = [header(request.t("who.area_title", area=area.name))]
    if area.lead_person_id:
        lead = registry.member_of(
            session,
            person_id=area.lead_person_id,
            network_id=area.network_id,
        )
        if lead:
            blocks.append(section(request.t("area.lead", lead=person_label(request, lead))))
    rows = registry.participant_refs(session, area_id=area.id)  # type: ignore[arg-type]
    if not rows:
        blocks.append(section(request.t("area.no_participants", slug=area.slug)))
        return blocks
    lines = []
    for row in rows:
        contact = (
            person_label(request, row.contact) + contact_details(row.contact)
            if row.contact
            else request.t("who.no_contact")
        )
        lines.append(request.t("who.area_contact_line", party=esc(row.party_name), contact=contact))
    blocks.extend(bullet_lines(lines))
    return blocks


def commitments_command(request: Request) -> Reply:
    party = find_party(request, request.args) if request.args else None
    key = ("commitments", request.network.id, party.id if party is not None else None)
    return cached_view(request, key, lambda: _commitments(request, party))


def _commitments(request: Request, party: Party | None) -> Reply:
    session, network = request.session, request.network
    commitments = registry.commitments_for(session, network_id=network.id, party=party)  # type: ignore[arg-type]
    title = (
        request.t("commitments.title_party", party=party.name)
        if party
        else request.t("commitments.title", network=network.name)
    )
    if not commitments:
        text = request.t("commitments.none", party=esc(party.name if party else network.name))
        return Reply(text=text, blocks=[header(title), section(text)])
    parties = registry.party_refs(session, network_id=network.id)  # type: ignore[arg-type]
    blocks: list[Block] = [header(title)]
    groups: dict[str, list[str]] = {}
    sources: dict[str, set[str]] = {}
    for c in commitments:
        who = binder_label(request, c.party_kind, c.party_id, parties)
        groups.setdefault(who, []).append(f"• {esc(c.text)}")
        if c.source:
            sources.setdefault(who, set()).add(
                request.t("commitments.source", source=esc(c.source), section=esc(c.section))
            )
    for who, lines in groups.items():
        blocks.append(section(request.t("commitments.group", who=who)))
        blocks.extend(bullet_lines(lines))
        if who in sources:
            blocks.append(context(*sorted(sources[who])))
    return Reply(text=title, blocks=blocks)


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
