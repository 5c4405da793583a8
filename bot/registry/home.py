"""The App Home tab: gather what the viewer should see, build it, publish it."""

from __future__ import annotations

import logging
import math
from collections import defaultdict

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import network_choice as networks
from bot.core import permissions
from bot.core.actor import Who, resolve_actor
from bot.core.blocks import (
    Reply,
    ReplyThen,
    esc,
)
from bot.core.dates import format_date, format_datetime
from bot.core.i18n import catalogue
from bot.core.localized import area_name
from bot.core.request import Request
from bot.core.runtime import Core
from bot.core.userinfo import user_locale
from bot.events import upcoming
from bot.events.reminders import next_occurrence
from bot.registry.approval_view import registration_text
from bot.registry.home_view import PARTIES_PER_PAGE, HomeData, Matrix, Pending, build_home
from bot.registry.people import (
    person_label,
    registration_card,
)
from storage import events as events_store
from storage import registry
from storage.models import FocusArea, Party

log = logging.getLogger(__name__)

EVENTS_SHOWN = 5


def home_data(request: Request, *, page: int = 0) -> HomeData:
    session, network, actor, lang = request.session, request.network, request.actor, request.lang
    assert network.id is not None
    pending_own = (
        not actor.is_registered
        and registry.pending_registration_of(
            session=session, network_id=network.id, slack_user_id=actor.slack_user_id
        )
        is not None
    )
    data = HomeData(
        lang=lang,
        network=network.name,
        registered=actor.is_registered,
        is_coordinator=permissions.may_coordinate(actor),
        may_join=permissions.may_use_join_form(actor),
        pending_own=pending_own,
    )
    party = actor.party
    area_ids: list[int] = []
    if party is not None and party.id is not None:
        data.party = party.name
        for area, participation in registry.areas_of_party(session=session, party_id=party.id):
            area_ids.append(area.id)  # type: ignore[arg-type]
            since = format_date(participation.joined_at, lang, request.core.settings.tz)
            contact = ""
            if participation.contact_person_id:
                person = registry.member_of(
                    session=session,
                    person_id=participation.contact_person_id,
                    network_id=network.id,
                )
                if person:
                    contact = request.t(
                        "area.contact_suffix", contact=person_label(request, person)
                    )
            data.area_lines.append(
                request.t(
                    "home.area_line",
                    area=esc(area_name(area, lang)),
                    since=since,
                    contact=contact,
                )
            )
        people = registry.people(session=session, network_id=network.id, party_id=party.id)
        roles = registry.roles_by_person(
            session=session, person_ids=[p.id for p in people if p.id], network_id=network.id
        )
        for person in people[:30]:
            role_names = ", ".join(request.t(f"role.{r}") for r in sorted(roles.get(person.id, ())))  # type: ignore[arg-type]
            suffix = f" – {role_names}" if role_names else ""
            data.contact_lines.append(f"• {person_label(request, person)}{suffix}")
    data.event_lines = event_lines(request, area_ids if party is not None else None)
    if data.is_coordinator:
        pending = registry.pending_registrations(session=session, network_id=network.id)
        data.pending_total = len(pending)
        data.pending = [
            Pending(r.id, registration_text(lang, registration_card(session, r)))  # type: ignore[arg-type]
            for r in pending[:5]
        ]
        data.matrix = matrix_page(request, page)
    return data


def event_lines(request: Request, area_ids: list[int] | None) -> list[str]:
    """The next forums and deadlines: the network's own, and those of the viewer's areas; a
    recurring event at its next date."""
    session, network, now = request.session, request.network, request.core.now()
    coming = events_store.next_starts(
        session=session,
        network_id=network.id,  # type: ignore[arg-type]
        after=now,
        next_start=lambda event: next_occurrence(session, event, now),
        limit=EVENTS_SHOWN,
        area_ids=None if area_ids is None else [None, *area_ids],
    )
    planned = upcoming.planned_reminders(session, coming, now=now)
    tz = request.core.settings.tz
    lines = []
    for start, event in coming:
        when = format_datetime(start, request.lang, tz, all_day=event.all_day)
        area = session.get(FocusArea, event.area_id) if event.area_id else None
        line = request.t(
            "home.event_line",
            title=esc(event.title),
            when=when,
            kind=request.t(f"home.kind.{event.kind}")
            if f"home.kind.{event.kind}" in _kinds()
            else esc(event.kind),
            area=f" · {esc(area.name)}" if area else "",
        )
        lines.append(upcoming.with_planned(request.lang, line, planned[event.id], tz))  # type: ignore[index]
    return lines


def _kinds() -> set[str]:

    return {k for k in catalogue() if k.startswith("home.kind.")}


def matrix_page(request: Request, page: int) -> Matrix:
    """One page of the parties × areas matrix and a summary line per area."""
    session, network = request.session, request.network
    assert network.id is not None
    parties: list[Party] = registry.parties(session=session, network_id=network.id)
    areas: list[FocusArea] = registry.areas(session=session, network_id=network.id)
    rows = registry.participation_matrix(session=session, network_id=network.id)
    by_party: dict[int, set[int]] = defaultdict(set)
    latest: dict[int, tuple] = {}
    count: dict[int, int] = defaultdict(int)
    for p in rows:
        by_party[p.party_id].add(p.area_id)
        count[p.area_id] += 1
        if p.area_id not in latest or p.joined_at >= latest[p.area_id][0]:
            latest[p.area_id] = (p.joined_at, p.party_id)
    names = {p.id: p.name for p in parties}
    pages = max(1, math.ceil(len(parties) / PARTIES_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = parties[page * PARTIES_PER_PAGE : (page + 1) * PARTIES_PER_PAGE]
    area_lines = []
    for number, area in enumerate(areas, start=1):
        last = ""
        if area.id in latest:
            when, party_id = latest[area.id]  # type: ignore[index]
            last = request.t(
                "home.matrix_latest",
                party=esc(names.get(party_id, "?")),
                when=format_date(when, request.lang, request.core.settings.tz),
            )
        area_lines.append(
            request.t(
                "home.matrix_area_line",
                number=number,
                area=esc(area.name),
                count=count.get(area.id, 0),  # type: ignore[arg-type]
                total=len(parties),
                latest=last,
            )
        )
    return Matrix(
        areas=[a.name for a in areas],
        rows=[(p.name, [a.id in by_party.get(p.id, set()) for a in areas]) for p in shown],  # type: ignore[arg-type]
        area_lines=area_lines,
        page=page,
        pages=pages,
        total_parties=len(parties),
    )


def home_view(core: Core, who: Who, *, page: int = 0) -> dict:
    with core.db.session() as session:
        acting = who.get(session)
        request = Request(core, session, acting.network, acting.actor, "", acting.actor.lang)
        data = home_data(request, page=page)
        data.network_id = request.network.id
        # a user in several networks sees each of them: this one in full, the others in short
        for other in networks.networks_of(request.session, who.slack_user_id):
            if other.id == request.network.id:
                continue
            actor = resolve_actor(
                request.session,
                network=other,
                slack_user_id=who.slack_user_id,
                admins=core.settings.admins,
                default_lang=core.settings.language,
                locale=who.locale,
            )
            there = Request(core, request.session, other, actor, "", request.lang)
            summary = home_data(there)
            summary.network_id = other.id
            data.others.append(summary)
        return build_home(data)


def publish_home(core: Core, client: WebClient, who: Who, *, page: int = 0) -> None:
    """Publish the viewer's Home tab (after app_home_opened and after their changes)."""
    view = home_view(core, who, page=page)
    try:
        client.views_publish(user_id=who.slack_user_id, view=view)
    except SlackApiError as error:
        log.warning(
            "views.publish for %s failed: %s", who.slack_user_id, error.response.get("error")
        )


def publish_home_of(
    core: Core, client: WebClient, slack_user_id: str, *, team_id: str | None = None
) -> None:
    """Publish `slack_user_id`'s Home tab again after a change (theirs, or one that concerns
    them), as they see it in this request's channel and network."""
    who = Who(
        core,
        slack_user_id=slack_user_id,
        team_id=team_id,
        locale=lambda: user_locale(core, client, slack_user_id, team_id=team_id),
    )
    publish_home(core, client, who)


def refreshing_home(request: Request, reply: Reply, *, changed: bool = True) -> Reply:
    """`reply`, and after it the actor's Home tab published again when something changed."""
    if not changed:
        return reply

    core, user, team = request.core, request.actor.slack_user_id, request.network.team_id

    def then(client: object) -> None:

        publish_home_of(core, client, user, team_id=team)  # type: ignore[arg-type]

    return ReplyThen(text=reply.text, blocks=reply.blocks, ephemeral=reply.ephemeral, then=then)
