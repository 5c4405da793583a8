"""Event subcommands and forms: `forum` (list, ny, ändra, flytta, ställ-in, svar), `kalender`,
`leveranser`; the event form's submission and the RSVP buttons (called by thin handlers)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.core import permissions
from bot.core.blocks import Block, Modal, Reply, bullet_lines, context, esc, header, section
from bot.core.dates import format_datetime, network_tz
from bot.core.lookup import find_area
from bot.core.request import Request, Subcommand
from bot.core.textmatch import fold
from bot.events import upcoming, views
from bot.events.calendar import calendar_command
from bot.events.deliveries import deliveries_command
from bot.events.recurrence import describe
from bot.events.reminders import (
    next_occurrence,
    parse_when,
    plan_event,
)
from storage import events as store
from storage import generation, registry
from storage.models import (
    Event,
    EventStatus,
    FocusArea,
    Party,
)

LIST_LIMIT = 20
LIST_DAYS = 400
ACTION_WORDS = {
    "new": ("ny", "new", "nytt", "skapa", "create"),
    "edit": ("ändra", "edit", "andra", "redigera"),
    "move": ("flytta", "move"),
    "cancel": ("ställ-in", "cancel", "ställin", "stall-in", "stallin", "avboka", "ställ"),
    "rsvps": ("svar", "rsvps", "rsvp", "anmälda", "answers"),
}


# --------------------------------------------------------------------------- input


# --------------------------------------------------------------------------- showing


def event_line(
    request: Request, event: Event, start: datetime, areas: dict[int, registry.AreaRef]
) -> str:
    lang, tz = request.lang, network_tz(request.network)
    place = views.place_text(event)
    area = areas.get(event.area_id or 0)
    return request.t(
        "events.line",
        id=request.t("events.id", id=event.id)
        if permissions.may_manage_events(request.actor)
        else "",
        title=esc(event.title),
        when=format_datetime(start, lang, tz, all_day=event.all_day),
        where=request.t("events.where", where=place) if place else "",
        area=request.t("events.area", area=esc(area.name)) if area else "",
        recurs=request.t("events.recurs", rule=esc(describe(event.recurrence, lang)))
        if event.recurrence
        else "",
    )


def list_events(request: Request) -> Reply:
    """The coming events, built once per generation of the registry and of the events
    (`storage.generation.cached_events`) for each kind of asker, until the first event or
    reminder it shows is past."""
    party = request.actor.party
    key = (
        "forum",
        request.network.id,
        request.lang,
        permissions.may_manage_events(request.actor),
        party.id if party is not None else None,
    )
    now = request.core.now()
    return generation.cached_events(
        request.session, key, lambda: _list_events(request, now), now=now
    )


def _list_events(request: Request, now: datetime) -> tuple[Reply, datetime | None]:
    """The listing, serialized, and the moment it goes stale as time passes."""
    session, network = request.session, request.network
    title = request.t("events.title", network=network.name)
    areas = {a.id: a for a in registry.area_refs(session, network_id=network.id)}  # type: ignore[arg-type]
    # one-off events from the starts_at index, recurring ones (few) expanded: never all events
    coming = store.next_starts(
        session,
        network_id=network.id,  # type: ignore[arg-type]
        after=now,
        before=now + timedelta(days=LIST_DAYS, microseconds=1),  # up to LIST_DAYS inclusive
        limit=LIST_LIMIT,
        next_start=lambda event: next_occurrence(session, event, now),
    )
    blocks: list[Block] = [header(title)]
    times = [start for start, _event in coming]
    if not coming:
        blocks.append(section(request.t("events.none")))
    else:
        mine_ids: set[int] = set()
        if request.actor.party is not None:
            mine_ids = set(registry.area_ids_of_party(session, party_id=request.actor.party.id))  # type: ignore[arg-type]
        mine = [(s, e) for s, e in coming if e.area_id in mine_ids]
        others = [(s, e) for s, e in coming if e.area_id not in mine_ids]
        manage = permissions.may_manage_events(request.actor)
        planned = upcoming.planned_reminders(session, coming, now=now)
        times += [item.due_at for items in planned.values() for item in items]
        tz = network_tz(network)

        def line(start: datetime, event: Event) -> str:
            text = f"• {event_line(request, event, start, areas)}"
            return upcoming.with_planned(request.lang, text, planned[event.id], tz)  # type: ignore[index]

        def lines(pairs: list[tuple[datetime, Event]]) -> list[Block]:
            if manage:  # one section per event, with its Ändra / Ställ in menu
                return [
                    section(line(s, e), accessory=views.manage_menu(request.lang, e.id))  # type: ignore[arg-type]
                    for s, e in pairs
                ]
            return bullet_lines([line(s, e) for s, e in pairs])

        if mine:
            blocks.append(section(request.t("events.mine")))
            blocks.extend(lines(mine))
            if others:
                blocks.append(section(request.t("events.others")))
        blocks.extend(lines(others))
    footer = (
        "events.footer_coordinator"
        if permissions.may_manage_events(request.actor)
        else "events.footer"
    )
    blocks.append(context(request.t(footer)))
    return Reply(text=title, blocks=blocks).serialized(), min(times, default=None)


# --------------------------------------------------------------------------- forum command


def forum_command(request: Request) -> Reply | Modal:
    words = request.args.split(maxsplit=1)
    if not words:
        return list_events(request)
    action = _action_of(words[0])
    rest = words[1] if len(words) > 1 else ""
    if action is None:
        raise request.fail("events.unknown_action", word=esc(words[0][:40]))
    if not permissions.may_manage_events(request.actor):
        raise request.fail("refused.coordinators_only")
    if action == "new":
        return new_event_form(request, rest)
    event = _event_arg(request, rest.split()[0] if rest else "", words[0])
    if action == "edit":
        return edit_event_form(request, event)
    if action == "move":
        return move_event(
            request, event, rest.split(maxsplit=1)[1] if len(rest.split()) > 1 else ""
        )
    if action == "cancel":
        return cancel_event(request, event)
    return show_rsvps(request, event)


def _action_of(word: str) -> str | None:
    folded = fold(word)
    for action, words in ACTION_WORDS.items():
        if folded in {fold(w) for w in words}:
            return action
    return None


def _event_arg(request: Request, text: str, word: str) -> Event:
    text = text.lstrip("#")
    number = views.row_id(text)
    if number is None:
        raise request.fail("events.usage_id", word=esc(word[:40]))
    event = store.get_event(request.session, network_id=request.network.id, event_id=number)  # type: ignore[arg-type]
    if event is None:
        raise request.fail("events.not_found", id=esc(text))
    return event


def _areas(request: Request) -> list[FocusArea]:
    return registry.areas(request.session, network_id=request.network.id)  # type: ignore[arg-type]


def new_event_form(request: Request, area_text: str = "") -> Modal:
    area_id = find_area(request, area_text).id if area_text.strip() else None
    view = views.event_modal(
        request.lang, _areas(request), network_tz(request.network), area_id=area_id
    )
    return Modal(view=view, fallback=Reply(text=view["title"]["text"]))


def edit_event_form(request: Request, event: Event) -> Modal:
    if event.status == EventStatus.cancelled:
        raise request.fail("events.is_cancelled", title=esc(event.title))
    view = views.event_modal(
        request.lang, _areas(request), network_tz(request.network), event=event
    )
    return Modal(view=view, fallback=Reply(text=view["title"]["text"]))


def move_event(request: Request, event: Event, when_text: str) -> Reply:
    if event.status == EventStatus.cancelled:
        raise request.fail("events.is_cancelled", title=esc(event.title))
    tz = network_tz(request.network)
    try:
        starts_at, all_day = parse_when(when_text, tz)
    except ValueError:
        raise request.fail("events.move_usage") from None
    now = request.core.now()
    if starts_at + (timedelta(days=1) if all_day else timedelta()) <= now:
        when = format_datetime(starts_at, request.lang, tz, all_day=all_day)
        raise request.fail("events.past_date", when=when)
    ends_at = None
    if event.ends_at is not None and not all_day:
        ends_at = starts_at + (event.ends_at - event.starts_at)
    store.update_event(
        request.session,
        event=event,
        actor=request.actor.audit_name,
        now=now,
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=all_day,
    )
    plan_event(request.session, event, now=now)
    when = format_datetime(starts_at, request.lang, tz, all_day=all_day)
    text = request.t("events.moved", title=esc(event.title), when=when)
    return Reply(text=text, blocks=[section(text)])


def cancel_event(request: Request, event: Event) -> Reply:
    changed = store.cancel_event(
        request.session, event=event, actor=request.actor.audit_name, now=request.core.now()
    )
    key = "events.cancelled" if changed else "events.already_cancelled"
    text = request.t(key, title=esc(event.title))
    return Reply(text=text, blocks=[section(text)])


def show_rsvps(request: Request, event: Event) -> Reply:
    session, tz = request.session, network_tz(request.network)
    answers = store.rsvps(session, event_id=event.id)  # type: ignore[arg-type]
    title = request.t("events.rsvps_title", title=event.title)
    if not answers:
        start = next_occurrence(session, event, request.core.now()) or event.starts_at
        when = format_datetime(start, request.lang, tz, all_day=event.all_day)
        text = request.t("events.rsvps_none", when=when)
        return Reply(text=title, blocks=[header(title), section(text)])
    blocks: list[Block] = [header(title)]
    by_occurrence: dict[datetime, list[Any]] = {}
    for answer in answers:
        by_occurrence.setdefault(answer.occurrence_start, []).append(answer)
    for start in sorted(by_occurrence)[-3:]:
        rows = by_occurrence[start]
        when = format_datetime(start, request.lang, tz, all_day=event.all_day)
        yes = sum(1 for r in rows if r.attending)
        blocks.append(
            section(request.t("events.rsvps_summary", when=when, yes=yes, no=len(rows) - yes))
        )
        by_party: dict[str, list[str]] = {}
        for row in rows:
            party = session.get(Party, row.party_id) if row.party_id else None
            name = esc(party.name) if party else request.t("events.no_party")
            mark = "✅" if row.attending else "❌"
            by_party.setdefault(name, []).append(f"{mark} <@{row.slack_user_id}>")
        lines = [
            request.t("events.rsvps_line", party=name, who=", ".join(who))
            for name, who in sorted(by_party.items())
        ]
        blocks.extend(bullet_lines(lines))
    return Reply(text=title, blocks=blocks)


# --------------------------------------------------------------------------- calendar


# --------------------------------------------------------------------------- deliveries


# --------------------------------------------------------------------------- forms and buttons


SUBCOMMANDS = [
    Subcommand(
        "forum", "forums", forum_command, "help.forum", aliases=("möten", "moten", "events")
    ),
    Subcommand("kalender", "calendar", calendar_command, "help.calendar"),
    Subcommand(
        "leveranser",
        "deliveries",
        deliveries_command,
        "help.deliveries",
        coordinators_only=True,
    ),
]
