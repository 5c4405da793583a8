"""The registry's Block Kit, pure (data in, dicts out): the modals (join, register, person,
area, ask) and the command replies (areas, an area, who, a person, commitments, history)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from bot.core.blocks import Block, Reply, bullet_lines, context, esc, header, modal, section
from bot.core.i18n import t
from bot.core.inputs import (
    MAX_OPTIONS,
    channel_element,
    input_block,
    option,
    select_element,
    text_element,
    user_element,
)
from bot.registry.ids import (
    AREA_VIEW,
    ASK_VIEW,
    JOIN_PARTY,
    JOIN_VIEW,
    PERSON_VIEW,
    REGISTER_ROLE,
    REGISTER_VIEW,
)

NOTE_MAX = 2000
DESCRIPTION_MAX = 2000
REGISTRABLE_ROLES = ("school_chief", "chair", "contact", "member")
ALL_ROLES = ("school_chief", "chair", "coordinator", "contact", "member")


@dataclass(frozen=True)
class Choice:
    """Something to pick in a form: its id (the option value) and its name."""

    id: int
    name: str


def metadata(**values: Any) -> str:
    return json.dumps(values, separators=(",", ":"))


def read_metadata(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def party_field(
    lang: str,
    parties: list[Choice],
    *,
    initial: int | None,
    label_key: str,
    optional: bool = False,
    dispatch: bool = False,
) -> Block:
    """A select over the parties; a typed name when there are more than a select can hold."""
    if len(parties) <= MAX_OPTIONS:
        element = select_element(
            [option(p.name, str(p.id)) for p in parties],
            initial=str(initial) if initial else None,
            placeholder=t(lang, "form.party_placeholder"),
        )
        if dispatch:
            element["action_id"] = JOIN_PARTY
        block = input_block("party", t(lang, label_key), element, optional=optional)
        if dispatch:
            block["element"]["action_id"] = JOIN_PARTY
            block["dispatch_action"] = True
        return block
    name = next((p.name for p in parties if p.id == initial), None)
    return input_block(
        "party",
        t(lang, label_key),
        text_element(name, max_length=200, placeholder=t(lang, "form.party_type")),
        optional=optional,
        hint=t(lang, "form.party_type_hint"),
    )


# --------------------------------------------------------------------------- join


@dataclass
class JoinForm:
    lang: str
    party: Choice
    parties: list[Choice] | None  # None: the party is fixed (a school chief's own)
    areas: list[Choice]
    joined: list[int]
    contact_user: str | None = None
    note: str = ""
    commitments: list[str] = field(default_factory=list)


def build_join_modal(form: JoinForm) -> dict[str, Any]:
    lang = form.lang
    blocks: list[Block] = []
    if form.parties is None:
        blocks.append(section(t(lang, "join_form.party_fixed", party=esc(form.party.name))))
    else:
        blocks.append(
            party_field(
                lang,
                form.parties,
                initial=form.party.id,
                label_key="join_form.party",
                dispatch=True,
            )
        )
    if form.areas:
        blocks.append(
            input_block(
                "areas",
                t(lang, "join_form.areas"),
                select_element(
                    [option(a.name, str(a.id)) for a in form.areas],
                    multi=True,
                    initial_values=[str(i) for i in form.joined],
                    placeholder=t(lang, "join_form.areas_placeholder"),
                ),
                optional=True,
                hint=t(lang, "join_form.areas_hint"),
            )
        )
    else:
        blocks.append(section(t(lang, "join_form.no_areas")))
    blocks.append(
        input_block(
            "contact",
            t(lang, "join_form.contact"),
            user_element(form.contact_user),
            optional=True,
            hint=t(lang, "join_form.contact_hint"),
        )
    )
    blocks.append(
        input_block(
            "note",
            t(lang, "join_form.note"),
            text_element(form.note, multiline=True, max_length=NOTE_MAX),
            optional=True,
            hint=t(lang, "join_form.note_hint"),
        )
    )
    if form.commitments:
        lines = [f"• {esc(c)}" for c in form.commitments]
        blocks.append(context(t(lang, "join_form.commitments_intro")))
        blocks.extend(bullet_lines(lines, limit=1500)[:3])
    return modal(
        t(lang, "join_form.title"),
        blocks,
        callback_id=JOIN_VIEW,
        submit=t(lang, "form.save"),
        close=t(lang, "form.cancel"),
        private_metadata=metadata(party=form.party.id),
    )


# --------------------------------------------------------------------------- register


@dataclass
class RegisterForm:
    lang: str
    parties: list[Choice]  # only those that fit `role` (`permissions.parties_for_role`)
    name: str = ""
    role: str | None = None
    party_id: int | None = None
    title: str = ""


def build_register_modal(form: RegisterForm) -> dict[str, Any]:
    """The role comes first: choosing it redraws the form (`REGISTER_ROLE`) with only the
    parties that role fits."""
    lang = form.lang
    roles = [option(t(lang, f"role.{r}"), r) for r in REGISTRABLE_ROLES]
    role = input_block(
        "role",
        t(lang, "register_form.role"),
        {**select_element(roles, initial=form.role), "action_id": REGISTER_ROLE},
        dispatch_action=True,
    )
    blocks: list[Block] = [
        section(t(lang, "register_form.intro")),
        input_block("name", t(lang, "form.name"), text_element(form.name, max_length=200)),
        role,
        party_field(lang, form.parties, initial=form.party_id, label_key="register_form.party"),
        input_block(
            "title",
            t(lang, "form.title"),
            text_element(form.title, max_length=200, placeholder=t(lang, "form.title_placeholder")),
            optional=True,
        ),
    ]
    return modal(
        t(lang, "register_form.title"),
        blocks,
        callback_id=REGISTER_VIEW,
        submit=t(lang, "register_form.submit"),
        close=t(lang, "form.cancel"),
    )


# --------------------------------------------------------------------------- person


@dataclass
class PersonForm:
    lang: str
    parties: list[Choice]
    person_id: int | None = None
    name: str = ""
    slack_user_id: str | None = None
    party_id: int | None = None
    title: str = ""
    email: str = ""
    phone: str = ""
    roles: list[str] = field(default_factory=list)


def build_person_modal(form: PersonForm) -> dict[str, Any]:
    lang = form.lang
    roles = [option(t(lang, f"role.{r}"), r) for r in ALL_ROLES]
    blocks: list[Block] = [
        input_block("name", t(lang, "form.name"), text_element(form.name, max_length=200)),
        input_block(
            "user",
            t(lang, "person_form.user"),
            user_element(form.slack_user_id),
            optional=True,
            hint=t(lang, "person_form.user_hint"),
        ),
        party_field(
            lang,
            form.parties,
            initial=form.party_id,
            label_key="person_form.party",
            optional=True,
        ),
        input_block(
            "roles",
            t(lang, "person_form.roles"),
            select_element(roles, multi=True, initial_values=form.roles),
            optional=True,
        ),
        input_block(
            "title", t(lang, "form.title"), text_element(form.title, max_length=200), optional=True
        ),
        input_block(
            "email",
            t(lang, "person_form.email"),
            text_element(form.email, max_length=254),
            optional=True,
        ),
        input_block(
            "phone",
            t(lang, "person_form.phone"),
            text_element(form.phone, max_length=64),
            optional=True,
        ),
    ]
    title_key = "person_form.title_edit" if form.person_id else "person_form.title_new"
    return modal(
        t(lang, title_key),
        blocks,
        callback_id=PERSON_VIEW,
        submit=t(lang, "form.save"),
        close=t(lang, "form.cancel"),
        private_metadata=metadata(person=form.person_id),
    )


# --------------------------------------------------------------------------- area


@dataclass
class AreaForm:
    lang: str
    area_id: int | None = None
    name: str = ""
    description: str = ""
    lead_user: str | None = None
    channel_id: str | None = None


def build_area_modal(form: AreaForm) -> dict[str, Any]:
    lang = form.lang
    blocks: list[Block] = [
        input_block("name", t(lang, "area_form.name"), text_element(form.name, max_length=80)),
        input_block(
            "description",
            t(lang, "area_form.description"),
            text_element(form.description, multiline=True, max_length=DESCRIPTION_MAX),
            optional=True,
        ),
        input_block(
            "lead",
            t(lang, "area_form.lead"),
            user_element(form.lead_user),
            optional=True,
            hint=t(lang, "area_form.lead_hint"),
        ),
        input_block(
            "channel",
            t(lang, "area_form.channel"),
            channel_element(form.channel_id),
            optional=True,
        ),
    ]
    title_key = "area_form.title_edit" if form.area_id else "area_form.title_new"
    return modal(
        t(lang, title_key),
        blocks,
        callback_id=AREA_VIEW,
        submit=t(lang, "form.save"),
        close=t(lang, "form.cancel"),
        private_metadata=metadata(area=form.area_id),
    )


# --------------------------------------------------------------------------- ask, result


def build_ask_modal(lang: str) -> dict[str, Any]:
    blocks = [
        input_block(
            "question",
            t(lang, "ask_form.question"),
            text_element(multiline=True, max_length=1000),
            hint=t(lang, "ask_form.hint"),
        )
    ]
    return modal(
        t(lang, "ask_form.title"),
        blocks,
        callback_id=ASK_VIEW,
        submit=t(lang, "ask_form.submit"),
        close=t(lang, "form.cancel"),
    )


# --------------------------------------------------------------------------- command replies
# Labels of people (`bot.registry.people.person_label`) and contact details come as mrkdwn,
# already escaped; every other name comes as written and is escaped here.


def roles_text(lang: str, roles: set[str] | frozenset[str]) -> str:
    """'ordförande, skolchef': the roles' names, sorted by key."""
    return ", ".join(t(lang, f"role.{role}") for role in sorted(roles))


@dataclass(frozen=True)
class AreaRow:
    """One line of `områden`: the area's name (in the reader's language) and its parties."""

    name: str
    participants: int
    mine: bool = False  # the asker's party takes part
    example: bool = False


def build_areas_message(lang: str, network: str, areas: list[AreaRow]) -> Reply:
    title = t(lang, "areas.title", network=network)
    if not areas:
        return Reply(text=title, blocks=[header(title), section(t(lang, "areas.none"))])
    lines = [
        t(
            lang,
            "areas.line",
            name=esc(area.name),
            count=area.participants,
            mine=t(lang, "areas.mine") if area.mine else "",
            example=t(lang, "areas.example") if area.example else "",
        )
        for area in areas
    ]
    blocks = [header(title), *bullet_lines(lines), context(t(lang, "areas.footer"))]
    return Reply(text=title, blocks=blocks)


@dataclass(frozen=True)
class Participant:
    """A party taking part in an area: since when (a date, formatted) and its contact."""

    party: str
    since: str = ""
    contact: str | None = None  # the contact's label (mrkdwn)
    contact_details: str = ""  # their e-mail and phone (mrkdwn), as `people.contact_details`


@dataclass
class AreaCard:
    """What `område <namn>` and `vem <område>` show of an area."""

    name: str  # in the reader's language
    slug: str
    description: str = ""
    lead: str | None = None  # the lead's label (mrkdwn)
    channel_id: str | None = None
    archived: bool = False
    example: bool = False
    participants: list[Participant] = field(default_factory=list)


def build_area_message(lang: str, card: AreaCard) -> Reply:
    blocks: list[Block] = [header(card.name)]
    if card.description:
        blocks.append(section(esc(card.description)))
    facts = []
    if card.lead:
        facts.append(t(lang, "area.lead", lead=card.lead))
    if card.channel_id:
        facts.append(t(lang, "area.channel", channel=card.channel_id))
    if facts:
        blocks.append(section("\n".join(facts)))
    if card.archived:
        blocks.append(context(t(lang, "area.archived")))
    elif card.example:
        blocks.append(context(t(lang, "area.example")))
    if not card.participants:
        blocks.append(section(t(lang, "area.no_participants", slug=card.slug)))
        return Reply(text=card.name, blocks=blocks)
    lines = []
    for row in card.participants:
        contact = ""
        if row.contact is not None:
            contact = t(lang, "area.contact_suffix", contact=row.contact)
        lines.append(
            t(lang, "area.participant_line", party=esc(row.party), since=row.since, contact=contact)
        )
    blocks.append(section(t(lang, "area.participants", count=len(card.participants))))
    blocks.extend(bullet_lines(lines))
    return Reply(text=card.name, blocks=blocks)


def build_area_contacts_message(lang: str, card: AreaCard) -> Reply:
    """`vem <område>`: the lead, and each party's contact with e-mail and phone."""
    blocks: list[Block] = [header(t(lang, "who.area_title", area=card.name))]
    if card.lead:
        blocks.append(section(t(lang, "area.lead", lead=card.lead)))
    if not card.participants:
        blocks.append(section(t(lang, "area.no_participants", slug=card.slug)))
        return Reply(text=card.name, blocks=blocks)
    lines = []
    for row in card.participants:
        contact = row.contact + row.contact_details if row.contact else t(lang, "who.no_contact")
        lines.append(t(lang, "who.area_contact_line", party=esc(row.party), contact=contact))
    blocks.extend(bullet_lines(lines))
    return Reply(text=card.name, blocks=blocks)


@dataclass(frozen=True)
class PersonLine:
    """A person as a line: their label and contact details (mrkdwn) and their roles."""

    label: str
    roles: frozenset[str] = frozenset()
    details: str = ""


@dataclass(frozen=True)
class JoinedArea:
    """An area a party takes part in (its name in the reader's language), and its contact."""

    name: str
    contact: str | None = None  # the contact's label (mrkdwn)


def build_party_contacts_message(
    lang: str, party: str, people: list[PersonLine], areas: list[JoinedArea]
) -> Reply:
    """`vem <part>`: the party's people with roles and contact details, and its areas."""
    blocks: list[Block] = [header(t(lang, "who.party_title", party=party))]
    if people:
        lines = []
        for person in people:
            line = f"• {person.label}"
            if person.roles:
                line += f" – {roles_text(lang, person.roles)}"
            lines.append(line + person.details)
        blocks.extend(bullet_lines(lines))
    else:
        blocks.append(section(t(lang, "who.no_people", party=esc(party))))
    if areas:
        names = ", ".join(f"*{esc(a.name)}*" for a in areas)
        blocks.append(section(t(lang, "who.party_areas", areas=names)))
        contact_lines = [f"• {esc(a.name)}: {a.contact}" for a in areas if a.contact is not None]
        blocks.extend(bullet_lines(contact_lines))
    else:
        blocks.append(context(t(lang, "who.party_no_areas", party=esc(party))))
    return Reply(text=party, blocks=blocks)


@dataclass(frozen=True)
class PersonCard:
    """A person's card: name, label and contact details (mrkdwn), party and roles."""

    name: str
    label: str
    party: str | None = None
    roles: frozenset[str] = frozenset()
    details: str = ""


def build_person_message(lang: str, card: PersonCard) -> Reply:
    line = card.label
    if card.party:
        line += f" – {esc(card.party)}"
    if card.roles:
        line += f" ({roles_text(lang, card.roles)})"
    return Reply(text=card.name, blocks=[header(card.name), section(line + card.details)])


@dataclass
class CommitmentGroup:
    """The commitments binding one party or kind of party (`who`, mrkdwn), and their sources."""

    who: str
    texts: list[str] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)  # (document, section)


def build_commitments_message(
    lang: str, network: str, party: str | None, groups: list[CommitmentGroup]
) -> Reply:
    """`åtaganden [part]`: what each party has committed to, grouped, with the sources."""
    title = (
        t(lang, "commitments.title_party", party=party)
        if party
        else t(lang, "commitments.title", network=network)
    )
    if not groups:
        text = t(lang, "commitments.none", party=esc(party if party else network))
        return Reply(text=text, blocks=[header(title), section(text)])
    blocks: list[Block] = [header(title)]
    for group in groups:
        blocks.append(section(t(lang, "commitments.group", who=group.who)))
        blocks.extend(bullet_lines([f"• {esc(text)}" for text in group.texts]))
        sources = {
            t(lang, "commitments.source", source=esc(source), section=esc(part))
            for source, part in group.sources
        }
        if sources:
            blocks.append(context(*sorted(sources)))
    return Reply(text=title, blocks=blocks)


def build_history_message(lang: str, title: str, lines: list[str]) -> Reply:
    """`historik`: the changes, one line each (mrkdwn, as `admin.history_line` writes them)."""
    if not lines:
        return Reply(text=title, blocks=[header(title), section(t(lang, "history.none"))])
    blocks = [header(title), *bullet_lines(lines), context(t(lang, "history.footer"))]
    return Reply(text=title, blocks=blocks)
