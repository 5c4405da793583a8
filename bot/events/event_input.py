"""An event as typed: read from the event form or from a line of text, checked, and saved
(with its reminders planned) in the caller's transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.core.blocks import esc
from bot.core.dates import format_datetime, network_tz
from bot.core.forms import selected_date, selected_time, selected_value, text_value
from bot.core.i18n import t
from bot.core.runtime import Core
from bot.events import views
from bot.events.recurrence import RecurrenceError, first_occurrence, parse_recurrence
from bot.events.reminders import (
    parse_offsets,
    parse_when,
    plan_event,
)
from storage import events as store
from storage import registry
from storage.models import (
    Event,
    FocusArea,
    Network,
)


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

    title = text_value(state, "title")
    kind = selected_value(state, "kind") or "forum"
    if kind not in views.KINDS:
        raise InputError("kind", t(lang, "events.error_kind"))
    area_value = selected_value(state, "area") or "network"
    area_id = None
    if area_value != "network":
        number = views.row_id(area_value)
        area = session.get(FocusArea, number) if number is not None else None
        if area is None or area.network_id != network.id:
            raise InputError("area", t(lang, "events.error_area"))
        area_id = area.id
    location = text_value(state, "location")
    link = text_value(state, "link")
    agenda = text_value(state, "agenda")
    rule, rule_time, offsets = _check_common(
        lang,
        title=title,
        location=location,
        link=link,
        agenda=agenda,
        recurrence_text=text_value(state, "recurrence", strip=False),
        reminders_text=text_value(state, "reminders", strip=False),
    )
    tz = network_tz(network)
    starts_at, ends_at, all_day = _finish_times(
        lang,
        tz,
        day=selected_date(state, "date") or "",
        start_time=selected_time(state, "time"),
        end_time=selected_time(state, "end_time"),
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
        row = registry.area_by_slug(session=session, network_id=network.id, slug=area)  # type: ignore[arg-type]
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
        network_tz(network),
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
            session=session,
            network_id=network.id,  # type: ignore[arg-type]
            actor=actor,
            **{k: v for k, v in values.fields().items() if k not in ("title", "starts_at")},
            title=values.title,
            starts_at=values.starts_at,
        )
    else:
        store.update_event(session=session, event=event, actor=actor, now=now, **values.fields())
    plan_event(session, event, now=now)
    return event
