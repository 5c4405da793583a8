"""Answers read from the registry's current state: contacts, leads, who takes part in what,
how many, and who a person is. Every name shown comes from a row; none is made up."""

from __future__ import annotations

import re

from bot.answers.agreement import entity_words
from bot.answers.base import Answer, Question
from bot.core.blocks import esc
from bot.core.dates import format_date
from bot.core.localized import area_description, area_name, localized
from bot.core.permissions import may_see_contact_details
from storage import registry
from storage.models import FocusArea, Party, PartyKind, Role
from storage.text import STOPWORDS, fold

# --------------------------------------------------------------------------- helpers


def source(q: Question) -> str:
    return q.t("answers.source.registry", network=esc(q.network.name))


def person_text(
    q: Question,
    person: registry.Member | registry.PersonRef | registry.ContactRef,
    *,
    roles: set[str] | None = None,
) -> str:
    """'*Johan Ek*, utvecklingsledare (kontaktperson) · johan.ek@koping.se · 070-...'."""
    text = f"*{esc(person.name)}*"
    if person.title:
        text += f", {esc(person.title)}"
    if roles:
        text += f" ({', '.join(q.t(f'role.{r}') for r in sorted(roles) if r != Role.member)})"
        text = text.replace(" ()", "")
    details = [esc(d) for d in (person.email, person.phone) if d]
    if details and may_see_contact_details(q.actor):
        text += " · " + " · ".join(details)
    return text


def party_name(party: Party | registry.PartyRef) -> str:
    return f"*{esc(party.name)}*"


def join_names(q: Question, names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {q.t('answers.and')} {names[-1]}"


def _contact_of(q: Question, party: Party, area: FocusArea) -> tuple[bool, registry.Member | None]:
    rows = registry.active_participations(session=q.session, area_id=area.id, party_id=party.id)
    if not rows:
        return False, None
    contact_id = rows[0].contact_person_id
    return True, (_member(q, contact_id) if contact_id else None)


def _member(q: Question, person_id: int) -> registry.Member | None:
    return registry.member_of(session=q.session, person_id=person_id, network_id=q.network_id)


def _people_lines(q: Question, party: Party) -> list[str]:
    people = registry.party_people(session=q.session, network_id=q.network_id, party_id=party.id)  # type: ignore[arg-type]
    return [f"• {person_text(q, p, roles=set(p.roles))}" for p in people]


def coordinators(q: Question) -> list[registry.Member]:
    found = registry.people_with_role(
        session=q.session, network_id=q.network_id, role=Role.coordinator
    )
    return found or registry.people_with_role(
        session=q.session, network_id=q.network_id, role=Role.chair
    )


# --------------------------------------------------------------------------- contacts


def contact_answer(q: Question) -> Answer | None:
    u = q.understood
    party, area = u.party, u.area
    if party is not None and area is not None:
        return _party_area_contact(q, party, area)
    if u.person is not None:
        # 'Peter Åkesson at SKR': the person named is the one asked about, not the party's
        # list (which would not say that the number asked for is missing)
        found = person_answer(q)
        if found is not None:
            return found
    if party is not None:
        return party_contacts(q, party)
    if area is not None:
        return area_contacts(q, area)
    if u.person is not None:
        return person_answer(q)
    return None


def _party_area_contact(q: Question, party: Party, area: FocusArea) -> Answer:
    takes_part, person = _contact_of(q, party, area)
    names = {"party": party_name(party), "area": f"*{esc(area_name(area, q.lang))}*"}
    if person is not None:
        summary = q.t("answers.contact.party_area", **names, person=person_text(q, person))
        return Answer(summary, sources=[source(q)], kind="contact")
    key = "answers.contact.party_area_none" if takes_part else "answers.contact.not_in_area"
    summary = q.t(key, **names)
    lines = _people_lines(q, party)
    if lines:
        summary += "\n" + q.t("answers.contact.people_of_party", party=party_name(party))
        summary += "\n" + "\n".join(lines)
    return Answer(summary, sources=[source(q)], kind="contact")


def party_contacts(q: Question, party: Party) -> Answer:
    lines = _people_lines(q, party)
    if not lines:
        summary = q.t("answers.contact.no_people", party=party_name(party))
        helpers = coordinators(q)
        if helpers:
            summary += " " + q.t(
                "answers.ask_coordinators",
                people=join_names(q, [person_text(q, p) for p in helpers]),
            )
        return Answer(summary, sources=[source(q)], kind="contact", certain=True)
    summary = q.t("answers.contact.party", party=party_name(party)) + "\n" + "\n".join(lines)
    area_lines = []
    for joined in registry.party_area_refs(session=q.session, party_id=party.id):  # type: ignore[arg-type]
        if joined.contact is not None:
            area_lines.append(
                f"• {esc(localized(joined.area_name, joined.area_name_en, q.lang))}: "
                f"{person_text(q, joined.contact)}"
            )
    if area_lines:
        summary += "\n" + q.t("answers.contact.per_area") + "\n" + "\n".join(area_lines)
    return Answer(summary, sources=[source(q)], kind="contact")


def area_contacts(q: Question, area: FocusArea) -> Answer:
    parts = []
    lead = _member(q, area.lead_person_id) if area.lead_person_id else None
    if lead:
        parts.append(
            q.t(
                "answers.lead.is",
                area=f"*{esc(area_name(area, q.lang))}*",
                person=person_text(q, lead),
            )
        )
    lines = []
    for row in registry.participant_refs(session=q.session, area_id=area.id):  # type: ignore[arg-type]
        who = person_text(q, row.contact) if row.contact else q.t("answers.contact.none_short")
        lines.append(f"• {esc(row.party_name)}: {who}")
    if lines:
        parts.append(
            q.t("answers.contact.area", area=f"*{esc(area_name(area, q.lang))}*")
            + "\n"
            + "\n".join(lines)
        )
    else:
        parts.append(q.t("answers.members.none", area=f"*{esc(area_name(area, q.lang))}*"))
    return Answer("\n".join(parts), sources=[source(q)], kind="contact")


def person_answer(q: Question) -> Answer | None:
    found = q.understood.person
    person = _member(q, found.id) if found is not None and found.id is not None else None
    if person is None:
        return None
    roles = registry.roles_of(session=q.session, person_id=found.id, network_id=q.network_id)  # type: ignore[arg-type, union-attr]
    party = q.session.get(Party, person.party_id) if person.party_id else None
    summary = person_text(q, person, roles=roles)
    if party:
        summary += f" – {esc(party.name)}"
    if u_asks_phone(q) and not person.phone and may_see_contact_details(q.actor):
        summary += "\n" + q.t("answers.person.no_phone", name=f"*{esc(person.name)}*")
    led = [
        a.name
        for a in registry.areas(session=q.session, network_id=q.network_id)
        if a.lead_person_id == person.id
    ]
    if led:
        summary += "\n" + q.t(
            "answers.person.leads", areas=join_names(q, [f"*{esc(n)}*" for n in led])
        )
    return Answer(summary, sources=[source(q)], kind="person")


def u_asks_phone(q: Question) -> bool:
    return q.understood.has("phone") and not q.understood.has("email")


# --------------------------------------------------------------------------- leads


def _unlinked_words(q: Question) -> list[str]:
    """Content words of the question that are neither cue words, names, the network's name
    nor stopwords: what the question is about when nothing was linked."""

    u = q.understood
    cued = {i for spans in u.cues.values() for start, end in spans for i in range(start, end)}
    named = entity_words(q)
    network_words = {fold(w) for w in q.network.name.replace("–", " ").split()}
    return [
        t
        for i, t in enumerate(u.tokens)
        if i not in cued
        and t not in named
        and t not in network_words
        and t not in STOPWORDS
        and len(t) >= 4
        and not t.startswith(("natverk", "network", "samverkan", "samarbet"))
    ]


def _lead_sentence(description: str) -> str:
    """The sentence of a description that says who leads or chairs ('Leds av områdeschefen …',
    '… är ordförande'), or ''."""
    for sentence in re.split(r"(?<=[.!?])\s+", description):
        if re.search(r"\b(leds|leder|ledes|ordförande|ordföranden)\b", sentence, re.IGNORECASE):
            return sentence.strip()
    return ""


def lead_answer(q: Question) -> Answer | None:
    area = q.understood.area
    if area is None:
        if _unlinked_words(q):
            # 'Who leads teacher supply?' with no area linked: the network's coordinators
            # would answer another question
            return None
        helpers = coordinators(q)
        if not helpers:
            return None
        lines = [f"• {person_text(q, p)}" for p in helpers]
        summary = q.t("answers.lead.network", network=esc(q.network.name)) + "\n" + "\n".join(lines)
        return Answer(summary, sources=[source(q)], kind="lead")
    lead = _member(q, area.lead_person_id) if area.lead_person_id else None
    name = f"*{esc(area_name(area, q.lang))}*"
    if lead is None:
        stated = _lead_sentence(area.description or "")
        if stated:
            # the registry keeps no lead person, but the area's description says who leads
            summary = q.t("answers.lead.described", area=name) + "\n> " + esc(stated)
            return Answer(summary, sources=[source(q)], kind="lead")
        summary = q.t("answers.lead.none", area=name)
        contacts = [
            f"• {esc(row.party_name)}: {person_text(q, row.contact)}"
            for row in registry.participant_refs(session=q.session, area_id=area.id)  # type: ignore[arg-type]
            if row.contact
        ]
        helpers = coordinators(q)
        if contacts:
            # the area's own contacts know it best; the network's coordinators named here
            # would read as the answer to who leads it
            summary += "\n" + q.t("answers.contact.area", area=name) + "\n" + "\n".join(contacts)
        elif helpers:
            summary += " " + q.t(
                "answers.ask_coordinators",
                people=join_names(q, [person_text(q, p) for p in helpers]),
            )
        return Answer(summary, sources=[source(q)], kind="lead")
    party = q.session.get(Party, lead.party_id) if lead.party_id else None
    who = person_text(q, lead) + (f" ({esc(party.name)})" if party else "")
    summary = q.t("answers.lead.is", area=name, person=who)
    return Answer(summary, sources=[source(q)], kind="lead")


# --------------------------------------------------------------------------- participation


def _wants_kind(q: Question) -> str | None:
    """'vilka kommuner' -> municipalities only; otherwise every kind of party."""
    kinds = q.understood.party_kinds
    return kinds[0] if len(kinds) == 1 and kinds[0] == PartyKind.municipality else None


def described_area(q: Question, area: FocusArea) -> Answer | None:
    """An area with no parties registered whose description says who is in it (the
    networks of people in Örebro: 'Rektorer, strateger … totalt 22 personer'): it says that
    no party is registered and quotes the description, never "0 take part" alone."""
    description = area_description(area, q.lang)
    if not description:
        return None
    name = f"*{esc(area_name(area, q.lang))}*"
    # a description that states a number says who is in it ('12 personer'): then "no one
    # takes part" would be false; otherwise the registry's "no one yet" leads
    key = (
        "answers.members.none_described"
        if re.search(r"\d", description)
        else "answers.members.none"
    )
    summary = q.t(key, area=name) + "\n> " + esc(description)
    return Answer(summary, sources=[source(q)], kind="members")


def members_answer(q: Question) -> Answer | None:
    area = q.understood.area
    if q.understood.has("negation") and not q.understood.network_named:
        return outside_answer(q)
    if area is None:
        return network_parties(q)
    rows = registry.participants(session=q.session, area_id=area.id)  # type: ignore[arg-type]
    name = f"*{esc(area_name(area, q.lang))}*"
    if not rows:
        return described_area(q, area) or Answer(
            q.t("answers.members.none", area=name), sources=[source(q)], kind="members"
        )
    municipalities = [p for p, _ in rows if p.kind == PartyKind.municipality]
    others = [p for p, _ in rows if p.kind != PartyKind.municipality]
    summary = q.t(
        "answers.members.area",
        area=name,
        count=len(municipalities),
        parties=join_names(q, [party_name(p) for p in municipalities]) or "–",
    )
    if others:
        others_text = join_names(q, [party_name(p) for p in others])
        summary += " " + q.t("answers.members.others", parties=others_text)
    return Answer(summary, sources=[source(q)], kind="members")


def network_parties(q: Question) -> Answer:
    parties = registry.party_refs(session=q.session, network_id=q.network_id)
    asked = [k for k in q.understood.party_kinds if k != PartyKind.municipality]
    if asked:  # 'Vilka universitet är med?': the parties of that kind, or none
        of_kind = [p for p in parties if p.kind in asked]
        kind = q.t(f"answers.kind.{asked[0]}")
        if not of_kind:
            text = q.t("answers.members.kind_none", kind=kind, network=esc(q.network.name))
        else:
            text = q.t(
                "answers.members.kind",
                kind=kind,
                network=esc(q.network.name),
                parties=join_names(q, [party_name(p) for p in of_kind]),
            )
        return Answer(text, sources=[source(q)], kind="members")
    municipalities = [p for p in parties if p.kind == PartyKind.municipality]
    others = [p for p in parties if p.kind != PartyKind.municipality]
    summary = q.t(
        "answers.members.network",
        network=esc(q.network.name),
        count=len(municipalities),
        parties=join_names(q, [party_name(p) for p in municipalities]),
    )
    if others and _wants_kind(q) is None:
        summary += " " + q.t(
            "answers.members.others", parties=join_names(q, [party_name(p) for p in others])
        )
    return Answer(summary, sources=[source(q)], kind="members")


def areas_of_party_answer(q: Question) -> Answer | None:
    party = q.understood.party
    if party is None:
        return None
    rows = registry.party_area_refs(session=q.session, party_id=party.id)  # type: ignore[arg-type]
    if not rows:
        summary = q.t("answers.areas_of.none", party=party_name(party))
        return Answer(summary, sources=[source(q)], kind="areas_of")
    lines = [
        q.t(
            "answers.areas_of.line",
            area=esc(localized(row.area_name, row.area_name_en, q.lang)),
            since=format_date(row.joined_at, q.lang, q.tz),
        )
        for row in rows
    ]
    summary = q.t("answers.areas_of.some", party=party_name(party), count=len(rows))
    return Answer(summary + "\n" + "\n".join(lines), sources=[source(q)], kind="areas_of")


def membership_answer(q: Question) -> Answer | None:
    party, area = q.understood.party, q.understood.area
    if party is None or area is None:
        return None
    rows = registry.active_participations(session=q.session, area_id=area.id, party_id=party.id)
    names = {"party": party_name(party), "area": f"*{esc(area_name(area, q.lang))}*"}
    if not rows:
        return Answer(q.t("answers.membership.no", **names), sources=[source(q)], kind="membership")
    since = format_date(rows[0].joined_at, q.lang, q.tz)
    summary = q.t("answers.membership.yes", **names, since=since)
    if rows[0].contact_person_id:
        person = _member(q, rows[0].contact_person_id)
        if person:
            summary += " " + q.t("answers.membership.contact", person=person_text(q, person))
    return Answer(summary, sources=[source(q)], kind="membership")


def list_areas_answer(q: Question) -> Answer:
    areas = registry.areas(session=q.session, network_id=q.network_id)
    if not areas:
        return Answer(q.t("answers.areas.none"), sources=[source(q)], kind="areas")
    counts = registry.participation_counts(
        session=q.session, area_ids=[a.id for a in areas if a.id]
    )
    lines = [
        q.t(
            "answers.areas.line",
            area=esc(area_name(area, q.lang)),
            count=counts.get(area.id or 0, 0),
        )
        for area in areas
    ]
    summary = q.t("answers.areas.some", count=len(areas), network=esc(q.network.name))
    return Answer(summary + "\n" + "\n".join(lines), sources=[source(q)], kind="areas")


def count_answer(q: Question) -> Answer | None:
    u = q.understood
    area = u.area
    if area is not None:
        rows = registry.participants(session=q.session, area_id=area.id)  # type: ignore[arg-type]
        if not rows and re.search(r"\d", area_description(area, q.lang) or ""):
            # 'Hur många är med i GySam?': the registry keeps no parties for it, and its
            # description states its size ('12 personer'): that, not "0 parties"
            return described_area(q, area)
        municipalities = [p for p, _ in rows if p.kind == PartyKind.municipality]
        others = [p for p, _ in rows if p.kind != PartyKind.municipality]
        wants_all = u.has("party_words") or not u.has("municipality_words")
        count = len(rows) if wants_all else len(municipalities)
        key = "answers.count.area_parties" if wants_all else "answers.count.area"
        summary = q.t(key, area=f"*{esc(area_name(area, q.lang))}*", count=count)
        if municipalities:
            summary += f" ({join_names(q, [esc(p.name) for p in municipalities])})"
        summary += "."
        if others and not wants_all:
            summary += " " + q.t(
                "answers.members.others", parties=join_names(q, [party_name(p) for p in others])
            )
        return Answer(summary, sources=[source(q)], kind="count")
    if u.has("areas") and not u.has("municipality_words", "party_words"):
        party = u.party
        if party is not None:
            n = len(registry.area_ids_of_party(session=q.session, party_id=party.id))  # type: ignore[arg-type]
            summary = q.t("answers.count.party_areas", party=party_name(party), count=n)
            return Answer(summary, sources=[source(q)], kind="count")
        n = len(registry.area_summaries(session=q.session, network_id=q.network_id))
        return Answer(q.t("answers.count.areas", count=n), sources=[source(q)], kind="count")
    parties = registry.party_refs(session=q.session, network_id=q.network_id)
    if u.has("party_words"):
        summary = q.t("answers.count.parties", count=len(parties), network=esc(q.network.name))
        return Answer(summary, sources=[source(q)], kind="count")
    if u.has("municipality_words") or u.has("members"):
        n = len([p for p in parties if p.kind == PartyKind.municipality])
        summary = q.t("answers.count.municipalities", count=n, network=esc(q.network.name))
        return Answer(summary, sources=[source(q)], kind="count")
    return None


# --------------------------------------------------------------------------- overviews


def area_overview(q: Question) -> Answer | None:
    area = q.understood.area
    if area is None:
        return None
    description = area_description(area, q.lang)
    parts = [
        f"*{esc(area_name(area, q.lang))}*" + (f" – {esc(description)}" if description else "")
    ]
    lead = lead_answer(q)
    if lead:
        parts.append(lead.summary)
    members = members_answer(q)
    if members:
        parts.append(members.summary)
    return Answer("\n".join(parts), sources=[source(q)], kind="area")


def party_overview(q: Question) -> Answer | None:
    party = q.understood.party
    if party is None:
        return None
    contacts = party_contacts(q, party)
    areas = areas_of_party_answer(q)
    summary = contacts.summary + ("\n" + areas.summary if areas else "")
    return Answer(summary, sources=[source(q)], kind="party")


def outside_answer(q: Question) -> Answer:
    """'Vilka kommuner deltar inte i X?' / 'Which municipalities are in no area?'"""
    area = q.understood.area
    municipalities = [
        p
        for p in registry.party_refs(session=q.session, network_id=q.network_id)
        if p.kind == PartyKind.municipality
    ]
    if area is not None:
        inside = {p.id for p, _ in registry.participants(session=q.session, area_id=area.id)}  # type: ignore[arg-type]
        names = {"area": f"*{esc(area_name(area, q.lang))}*"}
    else:
        inside = registry.participating_party_ids(session=q.session)
        names = {}
    outside = [p for p in municipalities if p.id not in inside]
    if not outside:
        key = "answers.outside.none_area" if area else "answers.outside.none"
        return Answer(q.t(key, **names), sources=[source(q)], kind="members")
    key = "answers.outside.area" if area else "answers.outside.network"
    summary = q.t(
        key, **names, count=len(outside), parties=join_names(q, [party_name(p) for p in outside])
    )
    return Answer(summary, sources=[source(q)], kind="members")


def network_answer(q: Question) -> Answer:
    """What the network is: its description, validity and who takes part."""
    network = q.network
    parts = [f"*{esc(network.name)}*"]
    if network.description:
        parts.append(esc(network.description))
    if network.valid_from and network.valid_to:
        parts.append(
            q.t(
                "answers.network.valid",
                start=format_date(network.valid_from, q.lang),
                end=format_date(network.valid_to, q.lang),
            )
        )
    parties = registry.party_refs(session=q.session, network_id=q.network_id)
    count = len([p for p in parties if p.kind == PartyKind.municipality])
    areas = len(registry.area_summaries(session=q.session, network_id=q.network_id))
    parts.append(q.t("answers.network.size", municipalities=count, areas=areas))
    return Answer("\n".join(parts), sources=[source(q)], kind="network")
