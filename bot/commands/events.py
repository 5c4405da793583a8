"""Event subcommands and forms: `forum` (list, ny, ändra, flytta, ställ-in, svar), `kalender`,
`leveranser`; the event form's submission and the RSVP buttons (called by thin handlers)."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot import permissions, upcoming
from bot.actor import acting_as
from bot.blocks import Block, Modal, Reply, bullet_lines, context, esc, header, section
from bot.commands import Request, Subcommand
from bot.core import Core
from bot.dates import format_datetime
from bot.i18n import t
from bot.lookup import find_area
from bot.networks import stamp_view
from bot.recurrence import RecurrenceError, describe, first_occurrence, parse_recurrence
from bot.reminders import (
    DAY,
    next_occurrence,
    offsets_of,
    parse_offsets,
    parse_when,
    plan_event,
)
from bot.views import events as views
from storage import events as store
from storage import generation, registry
from storage import outbox as outbox_store
from storage.models import (
    Broadcast,
    Delivery,
    DeliveryStatus,
    Event,
    EventStatus,
    FocusArea,
    Network,
    Party,
    Reminder,
)
from storage.text import fold

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


class InputError(ValueError):
    """One field of an event is wrong: `field` names it (the modal's block_id)."""

    def __init__(self, field: str, text: str) -> None:
        super().__init__(f"{field}: {text}")
        self.field = field
        self.text = text


@dataclass
class EventInput:
    title: str
    kind: str
    area_id: int | None
    starts_at: datetime
    all_day: bool
    ends_at: datetime | None = None
    location: str = ""
    link: str = ""
    agenda: str = ""
    recurrence: str | None = None
    reminder_offsets: list[int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def fields(self) -> dict[str, Any]:
        return dict(
            kind=self.kind,
            title=self.title,
            area_id=self.area_id,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            all_day=self.all_day,
            location=self.location,
            link=self.link,
            agenda=self.agenda,
            recurrence=self.recurrence,
            reminder_offsets=self.reminder_offsets,
        )


def _check_common(
    lang: str,
    *,
    title: str,
    location: str,
    link: str,
    agenda: str,
    recurrence_text: str,
    reminders_text: str,
) -> tuple[str | None, time | None, list[int] | None]:
    if not title.strip() or len(title) > 200:
        raise InputError("title", t(lang, "events.error_title"))
    if len(location) > 300:
        raise InputError("location", t(lang, "events.error_too_long", limit=300))
    if link and (len(link) > 500 or not re.fullmatch(r"https?://[^\s<>|]+", link)):
        raise InputError("link", t(lang, "events.error_link"))
    if len(agenda) > views.MAX_AGENDA:
        raise InputError("agenda", t(lang, "events.error_too_long", limit=views.MAX_AGENDA))
    rule, at = None, None
    if recurrence_text.strip():
        try:
            parsed = parse_recurrence(recurrence_text)
        except RecurrenceError:
            raise InputError(
                "recurrence", t(lang, "events.error_recurrence", text=recurrence_text[:100])
            ) from None
        rule, at = parsed.rule, parsed.at
    try:
        offsets = parse_offsets(reminders_text)
    except ValueError:
        raise InputError(
            "reminders", t(lang, "events.error_reminders", text=reminders_text[:100])
        ) from None
    return rule, at, offsets


def _finish_times(
    lang: str,
    tz: ZoneInfo,
    *,
    day: str,
    start_time: str | None,
    end_time: str | None,
    rule: str | None,
    rule_time: time | None,
    now: datetime,
) -> tuple[datetime, datetime | None, bool]:
    if not day:
        raise InputError("date", t(lang, "events.error_date"))
    clock = start_time or (rule_time.strftime("%H:%M") if rule_time else None)
    try:
        starts_at, all_day = parse_when(f"{day} {clock}" if clock else day, tz)
    except ValueError:
        raise InputError("date", t(lang, "events.bad_date", text=esc(day))) from None
    if rule:
        found = first_occurrence(rule, starts_at, tz)
        if found is None:
            raise InputError("recurrence", t(lang, "events.error_recurrence", text=rule))
        starts_at = found
    ends_at = None
    if end_time:
        try:
            ends_at, _ = parse_when(f"{starts_at.astimezone(tz):%Y-%m-%d} {end_time}", tz)
        except ValueError:
            raise InputError("end_time", t(lang, "events.error_end")) from None
        if all_day or ends_at <= starts_at:
            raise InputError("end_time", t(lang, "events.error_end"))
    last_moment = starts_at + (timedelta(days=1) if all_day else timedelta())
    if last_moment <= now:
        when = format_datetime(starts_at, lang, tz, all_day=all_day)
        raise InputError("date", t(lang, "events.past_date", when=when))
    return starts_at, ends_at, all_day


def event_input_from_form(
    session: Session, network: Network, state: dict[str, Any], *, lang: str, now: datetime
) -> EventInput:
    """The event form's values, validated; raises `InputError` naming the field."""

    def value(block: str, key: str = "value") -> Any:
        entry = (state.get(block) or {}).get(block) or {}
        return entry.get(key)

    title = (value("title") or "").strip()
    kind = ((value("kind", "selected_option") or {}).get("value")) or "forum"
    if kind not in views.KINDS:
        raise InputError("kind", t(lang, "events.error_kind"))
    area_value = ((value("area", "selected_option") or {}).get("value")) or "network"
    area_id = None
    if area_value != "network":
        number = views.row_id(area_value)
        area = session.get(FocusArea, number) if number is not None else None
        if area is None or area.network_id != network.id:
            raise InputError("area", t(lang, "events.error_area"))
        area_id = area.id
    location = (value("location") or "").strip()
    link = (value("link") or "").strip()
    agenda = (value("agenda") or "").strip()
    rule, rule_time, offsets = _check_common(
        lang,
        title=title,
        location=location,
        link=link,
        agenda=agenda,
        recurrence_text=value("recurrence") or "",
        reminders_text=value("reminders") or "",
    )
    tz = ZoneInfo(network.timezone)
    starts_at, ends_at, all_day = _finish_times(
        lang,
        tz,
        day=value("date", "selected_date") or "",
        start_time=value("time", "selected_time"),
        end_time=value("end_time", "selected_time"),
        rule=rule,
        rule_time=rule_time,
        now=now,
    )
    return EventInput(
        title=title,
        kind=kind,
        area_id=area_id,
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=all_day,
        location=location,
        link=link,
        agenda=agenda,
        recurrence=rule,
        reminder_offsets=offsets,
    )


def event_input_from_text(
    session: Session,
    network: Network,
    *,
    title: str,
    start: str,
    kind: str = "forum",
    end: str | None = None,
    area: str | None = None,
    location: str = "",
    link: str = "",
    agenda: str = "",
    recurrence: str | None = None,
    reminders: str | None = None,
    now: datetime,
    lang: str = "en",
) -> EventInput:
    """The CLI's arguments, validated the same way as the form."""
    if kind not in views.KINDS:
        raise InputError("kind", f"unknown kind {kind!r}; use one of {', '.join(views.KINDS)}")
    area_id = None
    if area:
        row = registry.area_by_slug(session, network_id=network.id, slug=area)  # type: ignore[arg-type]
        if row is None:
            raise InputError("area", f"no area {area!r}")
        area_id = row.id
    rule, rule_time, offsets = _check_common(
        lang,
        title=title,
        location=location,
        link=link,
        agenda=agenda,
        recurrence_text=recurrence or "",
        reminders_text=reminders or "",
    )
    parts = start.split()
    end_time = end.split()[-1] if end else None
    starts_at, ends_at, all_day = _finish_times(
        lang,
        ZoneInfo(network.timezone),
        day=parts[0] if parts else "",
        start_time=parts[1] if len(parts) > 1 else None,
        end_time=end_time,
        rule=rule,
        rule_time=rule_time,
        now=now,
    )
    return EventInput(
        title=title.strip(),
        kind=kind,
        area_id=area_id,
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=all_day,
        location=location,
        link=link,
        agenda=agenda,
        recurrence=rule,
        reminder_offsets=offsets,
    )


def save_event(
    session: Session,
    core: Core,
    *,
    network: Network,
    actor: str,
    values: EventInput,
    event: Event | None = None,
) -> Event:
    """Create or change an event (audited) and re-plan its reminders, in one transaction."""
    now = core.now()
    if event is None:
        event = store.create_event(
            session,
            network_id=network.id,  # type: ignore[arg-type]
            actor=actor,
            **{k: v for k, v in values.fields().items() if k not in ("title", "starts_at")},
            title=values.title,
            starts_at=values.starts_at,
        )
    else:
        store.update_event(session, event=event, actor=actor, now=now, **values.fields())
    plan_event(session, event, now=now)
    return event


# --------------------------------------------------------------------------- showing


def _tz(network: Network) -> ZoneInfo:
    return ZoneInfo(network.timezone)


def offsets_label(lang: str, offsets: list[int]) -> str:
    parts = []
    for minutes in offsets:
        if minutes == 0:
            parts.append(t(lang, "events.offset_start"))
        elif minutes % DAY == 0:
            parts.append(t(lang, "events.offset_days", n=minutes // DAY))
        elif minutes % 60 == 0:
            parts.append(t(lang, "events.offset_hours", n=minutes // 60))
        else:
            parts.append(t(lang, "events.offset_minutes", n=minutes))
    return ", ".join(parts)


def event_line(
    request: Request, event: Event, start: datetime, areas: dict[int, registry.AreaRef]
) -> str:
    lang, tz = request.lang, _tz(request.network)
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
        tz = _tz(network)

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
    view = views.event_modal(request.lang, _areas(request), _tz(request.network), area_id=area_id)
    return Modal(view=view, fallback=Reply(text=view["title"]["text"]))


def edit_event_form(request: Request, event: Event) -> Modal:
    if event.status == EventStatus.cancelled:
        raise request.fail("events.is_cancelled", title=esc(event.title))
    view = views.event_modal(request.lang, _areas(request), _tz(request.network), event=event)
    return Modal(view=view, fallback=Reply(text=view["title"]["text"]))


def move_event(request: Request, event: Event, when_text: str) -> Reply:
    if event.status == EventStatus.cancelled:
        raise request.fail("events.is_cancelled", title=esc(event.title))
    tz = _tz(request.network)
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
    session, tz = request.session, _tz(request.network)
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


def calendar_command(request: Request) -> Reply:
    base = request.core.settings.public_url
    if not base:
        raise request.fail("calendar.no_public_url")
    target: Network | FocusArea = request.network
    name = request.t("calendar.name_network", network=esc(request.network.name))
    if request.args:
        area = find_area(request, request.args)
        target = area
        name = request.t(
            "calendar.name_area", network=esc(request.network.name), area=esc(area.name)
        )
    token = store.ensure_calendar_token(
        request.session, target=target, actor=request.actor.audit_name
    )
    url = f"{base.rstrip('/')}/calendar/{token}.ics"
    text = request.t("calendar.link", name=name, url=url)
    return Reply(text=text, blocks=[section(text)])


# --------------------------------------------------------------------------- deliveries


def deliveries_command(request: Request) -> Reply:
    if not permissions.may_see_deliveries(request.actor):
        raise request.fail("refused.coordinators_only")
    session, network, tz = request.session, request.network, _tz(request.network)
    title = request.t("deliveries.title")
    failed = store.problem_deliveries(session, network_id=network.id)  # type: ignore[arg-type]
    skipped = store.skipped_reminders(session, network_id=network.id)  # type: ignore[arg-type]
    blocks: list[Block] = [header(title)]
    if not failed and not skipped:
        blocks.append(section(request.t("deliveries.none")))
    if failed:
        blocks.append(section(request.t("deliveries.failed", count=len(failed))))
        lines = [
            request.t(
                "deliveries.failed_line",
                what=_delivery_what(request, d),
                recipient=_recipient_label(d.recipient),
                error=esc(d.error or "?"),
            )
            for d in failed
        ]
        blocks.extend(bullet_lines(lines))
    if skipped:
        blocks.append(section(request.t("deliveries.skipped", count=len(skipped))))
        lines = [
            request.t(
                "deliveries.skipped_line",
                title=esc(event.title),
                due=format_datetime(reminder.due_at, request.lang, tz),
            )
            for reminder, event in skipped
        ]
        blocks.extend(bullet_lines(lines))
    recent = store.recent_broadcasts(session, network_id=network.id, limit=5)  # type: ignore[arg-type]
    if recent:
        blocks.append(section(request.t("deliveries.broadcasts")))
        lines = []
        for broadcast in recent:
            counts = Counter(
                d.status
                for d in outbox_store.deliveries(
                    session,
                    kind=store.BROADCAST_KIND,
                    ref_id=broadcast.id,  # type: ignore[arg-type]
                )
            )
            lines.append(
                request.t(
                    "deliveries.broadcast_line",
                    title=esc(broadcast.title or request.t("broadcast.none")),
                    when=format_datetime(broadcast.created_at, request.lang, tz),
                    sent=counts[DeliveryStatus.sent],
                    waiting=counts[DeliveryStatus.pending] + counts[DeliveryStatus.sending],
                    failed=counts[DeliveryStatus.failed],
                )
            )
        blocks.extend(bullet_lines(lines))
    if failed:
        blocks.append(context(request.t("deliveries.footer")))
    return Reply(text=title, blocks=blocks)


def _recipient_label(recipient: str) -> str:
    if recipient[:1] in ("U", "W"):
        return f"<@{recipient}>"
    if recipient[:1] in ("C", "G"):
        return f"<#{recipient}>"
    return esc(recipient)


def _delivery_what(request: Request, delivery: Delivery) -> str:
    session = request.session
    if delivery.kind == store.REMINDER_KIND:
        reminder = session.get(Reminder, delivery.ref_id)
        event = session.get(Event, reminder.event_id) if reminder else None
        if event is not None:
            return request.t("deliveries.what_reminder", title=esc(event.title))
    if delivery.kind == store.BROADCAST_KIND:
        broadcast = session.get(Broadcast, delivery.ref_id)
        if broadcast is not None:
            name = broadcast.title or broadcast.text[:40]
            return request.t("deliveries.what_broadcast", title=esc(name))
    return request.t("deliveries.what_other", kind=esc(delivery.kind), id=delivery.ref_id)


# --------------------------------------------------------------------------- forms and buttons


@dataclass
class FormOutcome:
    """What a view submission answers: field errors, or a view to show instead."""

    errors: dict[str, str] | None = None
    view: dict[str, Any] | None = None


def submit_event_form(
    core: Core, *, user_id: str, team_id: str | None, view: dict[str, Any]
) -> FormOutcome:
    """The event form was submitted: check permission and fields, save, re-plan; one
    transaction. A crafted submission by someone who may not gets the same refusal."""
    with core.db.session() as session:
        network, actor = acting_as(core, session, user_id, team_id=team_id)
        lang = actor.lang
        if not permissions.may_manage_events(actor):
            return FormOutcome(errors={"title": t(lang, "refused.coordinators_only")})
        try:
            metadata = json.loads(view.get("private_metadata") or "{}")
        except ValueError:
            metadata = {}
        event = None
        if isinstance(metadata, dict) and metadata.get("event_id") is not None:
            number = views.row_id(metadata["event_id"])
            if number is not None:
                event = store.get_event(session, network_id=network.id, event_id=number)  # type: ignore[arg-type]
            if event is None or event.status == EventStatus.cancelled:
                return FormOutcome(errors={"title": t(lang, "rsvp.gone")})
        try:
            values = event_input_from_form(
                session, network, view.get("state", {}).get("values", {}), lang=lang, now=core.now()
            )
        except InputError as error:
            return FormOutcome(errors={error.field: error.text})
        saved = save_event(
            session, core, network=network, actor=actor.audit_name, values=values, event=event
        )
        tz = _tz(network)
        offsets = offsets_of(saved)
        reminders = (
            t(lang, "events.reminders_planned", list=offsets_label(lang, offsets))
            if offsets
            else t(lang, "events.no_reminders")
        )
        text = t(
            lang,
            "events.saved",
            title=esc(saved.title),
            when=format_datetime(saved.starts_at, lang, tz, all_day=saved.all_day),
            reminders=reminders,
        )
        return FormOutcome(view=views.done_modal(lang, text))


def manage_event_view(
    core: Core, *, user_id: str, team_id: str | None, value: str
) -> tuple[dict[str, Any] | None, str | None]:
    """The coordinator picked Ändra or Ställ in in the list: the form to open, or a refusal."""
    with core.db.session() as session:
        network, actor = acting_as(core, session, user_id, team_id=team_id)
        lang = actor.lang
        if not permissions.may_manage_events(actor):
            return None, t(lang, "refused.coordinators_only")
        action, _, number = (value or "").partition(":")
        event_id = views.row_id(number)
        event = (
            store.get_event(session, network_id=network.id, event_id=event_id)  # type: ignore[arg-type]
            if event_id is not None
            else None
        )
        if event is None or event.status != EventStatus.planned or action not in ("edit", "cancel"):
            return None, t(lang, "rsvp.gone")
        # each form saves into the network it was opened in (`stamp_view`)
        if action == "edit":
            areas = registry.areas(session, network_id=network.id)  # type: ignore[arg-type]
            view = views.event_modal(lang, areas, _tz(network), event=event)
            return stamp_view(view, network.id), None
        when = format_datetime(event.starts_at, lang, _tz(network), all_day=event.all_day)
        view = views.cancel_modal(lang, event.id, esc(event.title), when)  # type: ignore[arg-type]
        return stamp_view(view, network.id), None


def submit_cancel_form(
    core: Core, *, user_id: str, team_id: str | None, view: dict[str, Any]
) -> FormOutcome:
    """The cancel confirmation was submitted: check permission again, cancel, audit."""
    with core.db.session() as session:
        network, actor = acting_as(core, session, user_id, team_id=team_id)
        lang = actor.lang
        if not permissions.may_manage_events(actor):  # a crafted submission: nothing changes
            return FormOutcome(view=views.done_modal(lang, t(lang, "refused.coordinators_only")))
        event_id = views.cancel_event_id(view.get("private_metadata"))
        event = (
            store.get_event(session, network_id=network.id, event_id=event_id)  # type: ignore[arg-type]
            if event_id is not None
            else None
        )
        if event is None:
            return FormOutcome(view=views.done_modal(lang, t(lang, "rsvp.gone")))
        changed = store.cancel_event(session, event=event, actor=actor.audit_name, now=core.now())
        key = "events.cancelled" if changed else "events.already_cancelled"
        return FormOutcome(view=views.done_modal(lang, t(lang, key, title=esc(event.title))))


@dataclass
class RsvpOutcome:
    ephemeral: str
    blocks: list[Block] | None = None  # the message's new blocks (count updated)
    text: str | None = None


def answer_rsvp(
    core: Core,
    *,
    user_id: str,
    team_id: str | None,
    value: str,
    attending: bool,
    message: dict[str, Any] | None,
) -> RsvpOutcome:
    """Record a Kommer / Kommer inte click and give the message's updated count."""
    with core.db.session() as session:
        network, actor = acting_as(core, session, user_id, team_id=team_id)
        lang = actor.lang
        parsed = views.parse_rsvp_value(value or "")
        event = None
        if parsed is not None:
            event = store.get_event(session, network_id=network.id, event_id=parsed[0])  # type: ignore[arg-type]
        if (
            parsed is None
            or event is None
            or event.status != EventStatus.planned
            or not permissions.may_rsvp(actor)
        ):
            return RsvpOutcome(ephemeral=t(lang, "rsvp.gone"))
        occurrence = parsed[1]
        store.record_rsvp(
            session,
            event=event,
            occurrence_start=occurrence,
            slack_user_id=user_id,
            party_id=actor.party.id if actor.party else None,
            attending=attending,
            now=core.now(),
        )
        rows = store.rsvps(session, event_id=event.id, occurrence_start=occurrence)  # type: ignore[arg-type]
        yes = sum(1 for r in rows if r.attending)
        tz = _tz(network)
        when = format_datetime(occurrence, lang, tz, all_day=event.all_day)
        key = "rsvp.thanks_yes" if attending else "rsvp.thanks_no"
        ephemeral = t(lang, key, title=esc(event.title), when=when)
        blocks = None
        if message and message.get("blocks"):
            message_lang = core.settings.language
            blocks = views.with_count(message["blocks"], message_lang, yes, len(rows) - yes)
        return RsvpOutcome(
            ephemeral=ephemeral, blocks=blocks, text=(message or {}).get("text") or event.title
        )


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
