"""iCalendar feeds: `GET /calendar/<token>.ics` for a network or one focus area.

Built with the `icalendar` package: one VEVENT per event, recurring ones with their RRULE and a
DTSTART in the network's zone (with its VTIMEZONE), all-day ones as DATE values, cancelled ones
kept with STATUS:CANCELLED so subscribed calendars remove them. The token is unguessable
(`secrets.token_urlsafe`) and stored on the network or area; an unknown token is a 404.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from sqlmodel import Session

from bot.core.blocks import Reply, esc, text_reply
from bot.core.dates import network_tz
from bot.core.lookup import find_area
from bot.core.request import Request
from bot.core.runtime import Core
from storage import events as store
from storage.models import (
    Event,
    EventStatus,
    FocusArea,
    Network,
)

PREFIX = "/calendar/"
_TOKEN = re.compile(r"^/calendar/([A-Za-z0-9_-]{16,64})\.ics$")


def build_calendar(
    session: Session, network: Network, area: FocusArea | None, *, host: str = "samverkansbot"
) -> bytes:
    tz = network_tz(network)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//samverkansbot//sv")
    calendar.add("version", "2.0")
    name = f"{network.name} – {area.name}" if area else network.name
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", network.timezone)
    rows = store.events(
        session=session,
        network_id=network.id,
        area_id=area.id if area else None,
        include_cancelled=True,
    )
    for event in rows:
        calendar.add_component(_vevent(event, tz, host))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _vevent(event: Event, tz: ZoneInfo, host: str) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", f"event-{event.id}@{host}")
    item.add("summary", event.title)
    item.add("dtstamp", event.updated_at)
    local_start = event.starts_at.astimezone(tz)
    if event.all_day:
        item.add("dtstart", local_start.date())
        end = event.ends_at.astimezone(tz).date() if event.ends_at else local_start.date()
        item.add("dtend", end + timedelta(days=1))
    else:
        item.add("dtstart", local_start)
        item.add("dtend", (event.ends_at or event.starts_at + timedelta(hours=1)).astimezone(tz))
    if event.recurrence:
        item.add("rrule", icalendar.vRecur.from_ical(event.recurrence))
    if event.location:
        item.add("location", event.location)
    if event.link:
        item.add("url", event.link)
    description = "\n\n".join(p for p in (event.agenda, event.link) if p)
    if description:
        item.add("description", description)
    item.add("categories", [event.kind])
    item.add("status", "CANCELLED" if event.status == EventStatus.cancelled else "CONFIRMED")
    return item


def calendar_app(core: Core) -> Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
    """The WSGI route for `/calendar/<token>.ics`."""

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            return _plain(start_response, "405 Method Not Allowed", b"method not allowed\n")
        match = _TOKEN.match(environ.get("PATH_INFO", ""))
        if not match:
            return _plain(start_response, "404 Not Found", b"not found\n")
        with core.db.session() as session:
            found = store.calendar_target(match.group(1), session=session)
            if found is None:
                return _plain(start_response, "404 Not Found", b"not found\n")
            body = build_calendar(session, found[0], found[1])
        start_response(
            "200 OK",
            [
                ("Content-Type", "text/calendar; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "private, max-age=300"),
            ],
        )
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]

    return application


def _plain(start_response: Callable[..., Any], status: str, body: bytes) -> list[bytes]:
    start_response(status, [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]


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
        session=request.session, target=target, actor=request.actor.audit_name
    )
    url = f"{base.rstrip('/')}/calendar/{token}.ics"
    text = request.t("calendar.link", name=name, url=url)
    return text_reply(text)
