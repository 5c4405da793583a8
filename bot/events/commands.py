"""Event subcommands and forms: `forum` (list, ny, ändra, flytta, ställ-in, svar), `kalender`,
`leveranser`; the event form's submission and the RSVP buttons (called by thin handlers)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.core import permissions
from bot.core.blocks import Modal, Reply, esc, text_reply
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
    """The coming events. Their lines are built once per generation of the registry and of
    the events (`storage.generation.cached_events`) for each language and kind of asker
    (coordinator or not), until the first event or reminder they show is past; the message is
    then cached per split of those lines into the asker's party's areas and the others, so a
    new party's first `forum` costs a lookup of its areas, not the events again."""
    network, lang = request.network, request.lang
    manage = permissions.may_manage_events(request.actor)
    now = request.core.now()
    lines, valid_until = generation.cached_events(
        ("forum.lines", network.id, lang, manage),
        lambda: _coming_lines(request, now),
        session=request.session,
        now=now,
    )
    party = request.actor.party
    mine_areas = (
        registry.area_ids_of_party(session=request.session, party_id=party.id)  # type: ignore[arg-type]
        if party is not None and lines
        else frozenset()
    )
    split = tuple(area_id in mine_areas for _line, area_id in lines)

    def message() -> tuple[Reply, datetime | None]:
        mine = [line for (line, _a), is_mine in zip(lines, split, strict=True) if is_mine]
        others = [line for (line, _a), is_mine in zip(lines, split, strict=True) if not is_mine]
        reply = views.build_events_message(lang, network.name, mine, others, manage=manage)
        return reply.serialized(), valid_until

    return generation.cached_events(
        ("forum", network.id, lang, manage, split), message, session=request.session, now=now
    )


ComingLines = tuple[tuple[tuple[views.EventLine, int | None], ...], datetime | None]


def _coming_lines(request: Request, now: datetime) -> tuple[ComingLines, datetime | None]:
    """Each coming event's line with its area, and the moment the lines go stale as time
    passes (returned twice: as part of the cached value and for `cached_events`)."""
    session, network = request.session, request.network
    areas = {a.id: a for a in registry.area_refs(session=session, network_id=network.id)}  # type: ignore[arg-type]
    # one-off events from the starts_at index, recurring ones (few) expanded: never all events
    coming = store.next_starts(
        session=session,
        network_id=network.id,  # type: ignore[arg-type]
        after=now,
        before=now + timedelta(days=LIST_DAYS, microseconds=1),  # up to LIST_DAYS inclusive
        limit=LIST_LIMIT,
        next_start=lambda event: next_occurrence(session, event, now),
    )
    times = [start for start, _event in coming]
    lines: list[tuple[views.EventLine, int | None]] = []
    if coming:
        planned = upcoming.planned_reminders(session, coming, now=now)
        times += [item.due_at for items in planned.values() for item in items]
        tz = network_tz(network)
        for start, event in coming:
            text = f"• {event_line(request, event, start, areas)}"
            text = upcoming.with_planned(request.lang, text, planned[event.id], tz)  # type: ignore[index]
            lines.append((views.EventLine(text, event.id), event.area_id))  # type: ignore[arg-type]
    valid_until = min(times, default=None)
    return (tuple(lines), valid_until), valid_until


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
    event = store.get_event(session=request.session, network_id=request.network.id, event_id=number)  # type: ignore[arg-type]
    if event is None:
        raise request.fail("events.not_found", id=esc(text))
    return event


def _areas(request: Request) -> list[FocusArea]:
    return registry.areas(session=request.session, network_id=request.network.id)  # type: ignore[arg-type]


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
        session=request.session,
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
    return text_reply(text)


def cancel_event(request: Request, event: Event) -> Reply:
    changed = store.cancel_event(
        session=request.session, event=event, actor=request.actor.audit_name, now=request.core.now()
    )
    key = "events.cancelled" if changed else "events.already_cancelled"
    text = request.t(key, title=esc(event.title))
    return text_reply(text)


def show_rsvps(request: Request, event: Event) -> Reply:
    session, tz = request.session, network_tz(request.network)
    answers = store.rsvps(session=session, event_id=event.id)  # type: ignore[arg-type]
    if not answers:
        start = next_occurrence(session, event, request.core.now()) or event.starts_at
        when = format_datetime(start, request.lang, tz, all_day=event.all_day)
        return views.build_rsvps_message(request.lang, event.title, [], next_when=when)
    by_occurrence: dict[datetime, list[Any]] = {}
    for answer in answers:
        by_occurrence.setdefault(answer.occurrence_start, []).append(answer)
    occurrences = []
    for start in sorted(by_occurrence)[-3:]:
        rows = by_occurrence[start]
        yes = sum(1 for r in rows if r.attending)
        occurrence = views.OccurrenceAnswers(
            when=format_datetime(start, request.lang, tz, all_day=event.all_day),
            yes=yes,
            no=len(rows) - yes,
        )
        for row in rows:
            party = session.get(Party, row.party_id) if row.party_id else None
            name = esc(party.name) if party else request.t("events.no_party")
            mark = "✅" if row.attending else "❌"
            occurrence.by_party.setdefault(name, []).append(f"{mark} <@{row.slack_user_id}>")
        occurrences.append(occurrence)
    return views.build_rsvps_message(request.lang, event.title, occurrences)


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
