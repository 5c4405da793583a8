"""Registry subcommands for running the registry: register, history, people, areas, export.

`/samverkan registrera` opens the registration form; `person ...` and `område ny|ändra|
byt-namn|beskriv|arkivera|återställ|ledare|kanal ...` are for coordinators (each checked in
`bot.core.permissions`); `historik` reads the audit log; `export` sends CSV files by DM.
"""

from __future__ import annotations

import re

from slack_sdk import WebClient

from bot.core import permissions
from bot.core.blocks import Modal, Outcome, Reply, ReplyThen, esc, text_reply
from bot.core.dates import format_date
from bot.core.i18n import catalogue, t
from bot.core.lookup import area_names, explain_miss, find_area, party_names, person_names
from bot.core.request import Request, Subcommand
from bot.core.slack_client import dm_user
from bot.core.textmatch import Match, best_match
from bot.registry.export import upload_export
from bot.registry.forms import area_form, check_area_name, person_form
from bot.registry.home import refreshing_home
from bot.registry.people import person_card
from bot.registry.registrations import register_form
from bot.registry.views import build_history_message, build_person_message
from storage import audit, registry
from storage.models import FocusArea, Party
from storage.text import fold

USER_MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$|^([UW][A-Z0-9]{2,})$")
CHANNEL_MENTION = re.compile(r"^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$|^([CG][A-Z0-9]{2,})$")
NONE_WORDS = frozenset({"ingen", "inget", "none", "-"})
SEPARATORS = ("=", "->", "→", ":", " till ", " to ")
HISTORY_LIMIT = 40
# What the history shows: changes to who takes part, areas, people and registrations.
HISTORY_ACTIONS = ("participation.", "area.", "person.", "registration.")


def _reply(text: str) -> Reply:
    return text_reply(text)


def _changed(request: Request, text: str) -> Reply:
    """A reply to a change; the actor's Home tab is published again after it."""

    return refreshing_home(request, _reply(text))


# --------------------------------------------------------------------------- register


def register_command(request: Request) -> Outcome:

    view = register_form(request)
    text = request.t("register.console")
    return Modal(view, fallback=_reply(text))


# --------------------------------------------------------------------------- history


def history_command(request: Request) -> Reply:
    if not permissions.may_read_history(request.actor):
        raise request.fail("refused.not_registered")
    session, network_id = request.session, request.network.id
    assert network_id is not None
    parties = registry.parties(session=session, network_id=network_id)
    areas = registry.areas(session=session, network_id=network_id, include_archived=True)
    query = request.args
    if not query:
        title = request.t("history.title_network", network=request.network.name)
        entries = audit.entries(session=session, network_id=network_id, limit=HISTORY_LIMIT * 5)
    else:
        party_match = best_match(query, parties, party_names)
        area_match = best_match(query, areas, area_names)
        party, area = party_match.found, area_match.found
        if party and area:  # both named: the exact one wins, else the party
            if area_match.exact and not party_match.exact:
                party = None
            else:
                area = None
        if party is not None:
            title = request.t("history.title", what=party.name)
            entries = audit.entries(
                session=session, network_id=network_id, party_id=party.id, limit=HISTORY_LIMIT * 5
            )
        elif area is not None:
            title = request.t("history.title", what=area.name)
            entries = audit.entries(
                session=session, network_id=network_id, area_id=area.id, limit=HISTORY_LIMIT * 5
            )
        else:
            combined: Match[str] = Match(
                candidates=[
                    *(p.name for p in party_match.candidates),
                    *(a.name for a in area_match.candidates),
                ],
                suggestions=[
                    *(p.name for p in party_match.suggestions),
                    *(a.name for a in area_match.suggestions),
                ][:3],
            )
            raise explain_miss(request, query, combined, "what.party_or_area", str)
    entries = [e for e in entries if e.action.startswith(HISTORY_ACTIONS) and e.actor != "seed"][
        :HISTORY_LIMIT
    ]
    party_by_id = {p.id: p.name for p in parties}
    area_by_id = {a.id: a.name for a in areas}
    lines = [
        history_line(request, e.at, e.actor, e.action, e.summary, party_by_id, area_by_id, e)
        for e in entries
    ]
    return build_history_message(request.lang, title, lines)


def history_line(
    request: Request,
    at: object,
    actor: str,
    action: str,
    summary: str,
    party_by_id: dict,
    area_by_id: dict,
    entry: object,
) -> str:
    tz = request.core.settings.tz
    local = at.astimezone(tz)  # type: ignore[attr-defined]
    when = f"{format_date(local, request.lang)} {local:%H:%M}"
    who = f"<@{actor}>" if USER_MENTION.match(actor) else f"_{esc(actor)}_"
    party = party_by_id.get(getattr(entry, "party_id", None), "")
    area = area_by_id.get(getattr(entry, "area_id", None), "") or summary
    key = f"history.action.{action}"

    if key not in catalogue():
        key = "history.action.other"
    what = request.t(key, party=esc(party), area=esc(area), summary=esc(summary), action=action)
    return request.t("history.line", when=when, who=who, what=what)


# --------------------------------------------------------------------------- export


def export_command(request: Request) -> Reply:
    if not permissions.may_export(request.actor):
        raise request.fail("refused.coordinators_only")

    core, user, lang = request.core, request.actor.slack_user_id, request.lang
    team, network_id = request.network.team_id, request.network.id
    text = request.t("export.started")

    def then(client: WebClient) -> None:
        if not upload_export(core, client, user, lang=lang, team_id=team, network_id=network_id):
            dm_user(client, user, _reply(t_(lang, "export.failed")))

    reply = text_reply(text)
    return ReplyThen(text=reply.text, blocks=reply.blocks, then=then)


def t_(lang: str, key: str, **values: object) -> str:

    return t(lang, key, **values)


# --------------------------------------------------------------------------- people

PERSON_ACTIONS = {
    "ny": "new",
    "new": "new",
    "lagg-till": "new",
    "lagg till": "new",
    "add": "new",
    "andra": "edit",
    "edit": "edit",
    "ta-bort": "remove",
    "ta bort": "remove",
    "tabort": "remove",
    "remove": "remove",
    "roll": "role",
    "roller": "role",
    "role": "role",
    "roles": "role",
}

ROLE_WORDS = {
    "skolchef": "school_chief",
    "school chief": "school_chief",
    "school_chief": "school_chief",
    "schoolchief": "school_chief",
    "ordforande": "chair",
    "chair": "chair",
    "samordnare": "coordinator",
    "coordinator": "coordinator",
    "kontaktperson": "contact",
    "kontakt": "contact",
    "contact": "contact",
    "deltagare": "member",
    "member": "member",
}


def _first_word_action(args: str, actions: dict[str, str]) -> tuple[str | None, str]:
    words = args.split(maxsplit=1)
    if not words:
        return None, ""
    action = actions.get(fold(words[0]).replace(" ", "-")) or actions.get(fold(words[0]))
    return (action, words[1].strip() if len(words) > 1 else "") if action else (None, args)


def find_person(request: Request, query: str) -> registry.Member:
    query = query.strip()
    if not query:
        raise request.fail("person.missing_arg")
    network_id = request.network.id
    assert network_id is not None
    mention = USER_MENTION.match(query)
    if mention:
        person = registry.person_by_slack_id(
            session=request.session,
            network_id=network_id,
            slack_user_id=mention.group(1) or mention.group(2),
        )
        if person is None:
            raise request.fail("person.not_in_registry", user=mention.group(1) or mention.group(2))
        return person
    people = registry.people(session=request.session, network_id=network_id)
    match = best_match(query, people, person_names)
    if match.found is not None:
        return match.found
    raise explain_miss(request, query, match, "what.person", lambda p: p.name)


def person_command(request: Request) -> Outcome:
    if not permissions.may_manage_people(request.actor):
        raise request.fail("refused.coordinators_only")

    action, rest = _first_word_action(request.args, PERSON_ACTIONS)
    if action is None and not rest:
        return _reply(request.t("person.usage"))
    fallback = _reply(request.t("person.usage"))
    if action == "new":
        return Modal(person_form(request, name=rest), fallback=fallback)
    if action == "edit":
        return Modal(person_form(request, find_person(request, rest)), fallback=fallback)
    if action == "remove":
        person = find_person(request, rest)
        registry.remove_person(
            session=request.session,
            person=person,
            actor=request.actor.audit_name,
            at=request.core.now(),
        )
        return _changed(request, request.t("person.removed", name=esc(person.name)))
    if action == "role":
        return _change_roles(request, rest)
    person = find_person(request, rest)
    return build_person_message(request.lang, person_card(request, person))


def _change_roles(request: Request, rest: str) -> Reply:
    words = rest.split()
    changes: list[tuple[str, str]] = []
    while words and words[-1][:1] in "+-" and len(words[-1]) > 1:
        word = words.pop()
        role = ROLE_WORDS.get(fold(word[1:]))
        if role is None:
            known = ", ".join(
                f"`{w}`" for w in ("skolchef", "ordförande", "samordnare", "kontakt", "deltagare")
            )
            raise request.fail("person.role_unknown", role=esc(word[1:]), roles=known)
        changes.append((word[0], role))
    if not changes or not words:
        raise request.fail("person.role_usage")
    person = find_person(request, " ".join(words))
    assert person.id is not None
    roles = registry.roles_of(
        session=request.session, person_id=person.id, network_id=person.network_id
    )
    party = request.session.get(Party, person.party_id) if person.party_id else None
    for sign, role in reversed(changes):
        if sign == "+":
            if party is not None and not permissions.role_fits_party(role, party):
                raise request.fail(
                    "register_form.error_party_kind",
                    role=request.t(f"role.{role}"),
                    party=esc(party.name),
                )
            roles.add(role)
        else:
            roles.discard(role)
    changed = registry.update_person(
        session=request.session,
        person=person,
        actor=request.actor.audit_name,
        roles=roles,
        at=request.core.now(),
    )
    names = ", ".join(request.t(f"role.{r}") for r in sorted(roles)) or request.t("person.no_roles")
    key = "person.roles_changed" if changed else "person.roles_unchanged"
    return _reply(request.t(key, name=esc(person.name), roles=names))


# --------------------------------------------------------------------------- areas

AREA_ACTIONS = {
    "ny": "new",
    "new": "new",
    "skapa": "new",
    "create": "new",
    "andra": "edit",
    "edit": "edit",
    "byt-namn": "rename",
    "bytnamn": "rename",
    "rename": "rename",
    "beskriv": "describe",
    "describe": "describe",
    "arkivera": "archive",
    "archive": "archive",
    "aterstall": "restore",
    "restore": "restore",
    "ledare": "lead",
    "lead": "lead",
    "kanal": "channel",
    "channel": "channel",
}


def area_admin_action(args: str) -> tuple[str, str] | None:
    """('rename', 'rest of the text') when `område <args>` names an admin action."""
    action, rest = _first_word_action(args, AREA_ACTIONS)
    return (action, rest) if action else None


def _split_area(request: Request, text: str) -> tuple[FocusArea, str | None]:
    """'<area> = <value>' (or ':', 'till', 'to', '->'); a trailing mention or ID also splits."""
    areas = registry.areas(
        session=request.session, network_id=request.network.id, include_archived=True
    )  # type: ignore[arg-type]
    for separator in SEPARATORS:
        start = 0
        while (pos := text.find(separator, start)) > 0:
            head, tail = text[:pos].strip(), text[pos + len(separator) :].strip()
            match = best_match(head, areas, area_names)
            if match.found is not None and tail:
                return match.found, tail
            start = pos + 1
    words = text.split()
    if len(words) > 1:
        last = words[-1]
        if USER_MENTION.match(last) or CHANNEL_MENTION.match(last) or fold(last) in NONE_WORDS:
            match = best_match(" ".join(words[:-1]), areas, area_names)
            if match.found is not None:
                return match.found, last
    return find_area(request, text, include_archived=True), None


def run_area_admin(request: Request, action: str, rest: str) -> Outcome:
    if not permissions.may_manage_areas(request.actor):
        raise request.fail("refused.coordinators_only")

    fallback = _reply(request.t("area_admin.usage"))
    if action == "new":
        return Modal(area_form(request, name=rest), fallback=fallback)
    if not rest:
        raise request.fail("area_admin.usage")
    area, value = _split_area(request, rest)
    if action == "edit" or (value is None and action in ("rename", "describe", "lead", "channel")):
        return Modal(area_form(request, area), fallback=fallback)
    who, at, session = request.actor.audit_name, request.core.now(), request.session
    name = esc(area.name)
    if action in ("archive", "restore"):
        changed = registry.set_area_archived(
            session=session, area=area, archived=action == "archive", actor=who, at=at
        )
        key = f"area_admin.{action}d" if changed else f"area_admin.already_{action}d"
        text = request.t(key, area=name)
        return _changed(request, text) if changed else _reply(text)
    assert value is not None
    if action == "rename":
        problem = check_area_name(request, value, area.id)
        if problem:
            raise request.fail("area_admin.refused", reason=problem)
        registry.update_area(session=session, area=area, actor=who, name=value, at=at)
        return _changed(request, request.t("area_admin.renamed", old=name, area=esc(value)))
    if action == "describe":
        if len(value) > 2000:
            raise request.fail("form.error_too_long", limit=2000)
        registry.update_area(session=session, area=area, actor=who, description=value, at=at)
        return _changed(request, request.t("area_admin.described", area=name))
    if action == "lead":
        lead = None if fold(value) in NONE_WORDS else find_person(request, value)
        registry.update_area(
            session=session, area=area, actor=who, lead_person_id=lead.id if lead else None, at=at
        )
        if lead is None:
            return _changed(request, request.t("area_admin.lead_cleared", area=name))
        return _changed(request, request.t("area_admin.lead_set", area=name, lead=esc(lead.name)))
    # channel
    if fold(value) in NONE_WORDS:
        registry.update_area(session=session, area=area, actor=who, channel_id=None, at=at)
        return _changed(request, request.t("area_admin.channel_cleared", area=name))
    mention = CHANNEL_MENTION.match(value)
    if mention is None:
        raise request.fail("area_admin.channel_format")
    channel = mention.group(1) or mention.group(2)
    registry.update_area(session=session, area=area, actor=who, channel_id=channel, at=at)
    return _changed(request, request.t("area_admin.channel_set", area=name, channel=channel))


SUBCOMMANDS = [
    Subcommand("registrera", "register", register_command, "help.register", aliases=("reg",)),
    Subcommand("historik", "history", history_command, "help.history"),
    Subcommand(
        "person",
        "person",
        person_command,
        "help.person",
        aliases=("personer", "people"),
        coordinators_only=True,
    ),
    Subcommand("export", "export", export_command, "help.export", coordinators_only=True),
]
