"""`/samverkan utskick <område>`: a coordinator's notice to an area, with a preview.

The form is shown twice: first to write (Förhandsgranska), then with the message rendered as it
will look (Skicka). Sending records one `Broadcast` and one outbox `Delivery` per recipient
(the area's channel and a DM to each participating party's contact), in one transaction; the
outbox then sends each exactly once, retrying failures without holding up the others.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from bot.core import outbox, permissions
from bot.core.actor import Who
from bot.core.blocks import Modal, Reply, esc
from bot.core.dates import format_datetime, network_tz
from bot.core.forms import FormOutcome, selected_value, selected_values, text_value, view_values
from bot.core.i18n import language_of_locale, t
from bot.core.lookup import find_area
from bot.core.request import Request, Subcommand
from bot.core.runtime import Core
from bot.events import views
from bot.events.reminders import next_occurrence
from storage import audit
from storage import events as store
from storage.models import Broadcast, Event, EventStatus, FocusArea, Network


def broadcast_command(request: Request) -> Modal:
    if not permissions.may_broadcast(request.actor):
        raise request.fail("refused.coordinators_only")
    if not request.args.strip():
        raise request.fail("broadcast.usage")
    area = find_area(request, request.args)
    view = _form(request.session, request.core, request.network, area, request.lang)
    return Modal(view=view, fallback=Reply(text=view["title"]["text"]))


def _recipients(session: Session, network: Network, area: FocusArea) -> tuple[str | None, list]:
    contacts = store.party_contacts(session=session, network_id=network.id, area_id=area.id)  # type: ignore[arg-type]
    return area.channel_id, contacts


def _recipients_text(session: Session, network: Network, area: FocusArea, lang: str) -> str:
    channel, contacts = _recipients(session, network, area)
    parties = ", ".join(esc(party.name) for party, _ in contacts) or "–"
    return t(
        lang,
        "broadcast.recipients",
        channel=f"<#{channel}>" if channel else t(lang, "broadcast.no_channel"),
        count=len(contacts),
        parties=parties,
    )


def _event_options(
    session: Session, core: Core, network: Network, area: FocusArea, lang: str
) -> list[tuple[str, str]]:
    tz = network_tz(network)
    now = core.now()
    coming = store.next_starts(  # an index range, not every event of the network
        session=session,
        network_id=network.id,  # type: ignore[arg-type]
        after=now,
        next_start=lambda event: next_occurrence(session, event, now),
        limit=100,  # what a Slack select holds
        area_ids=[area.id, None],
    )
    return [
        (
            f"{event.title} – {format_datetime(start, lang, tz, all_day=event.all_day)}",
            views.rsvp_value(event.id, start),  # type: ignore[arg-type]
        )
        for start, event in coming
    ]


def _form(
    session: Session,
    core: Core,
    network: Network,
    area: FocusArea,
    lang: str,
    *,
    values: dict[str, Any] | None = None,
    preview: list[Any] | None = None,
    note: str | None = None,
    digest: str = "",
) -> dict[str, Any]:
    return views.broadcast_modal(
        lang,
        area=area,
        recipients_text=_recipients_text(session, network, area, lang),
        event_options=_event_options(session, core, network, area, lang),
        values=values,
        preview=preview,
        note=note,
        digest=digest,
    )


@dataclass
class Draft:
    title: str
    text: str
    allow_mentions: bool
    event_value: str | None

    def digest(self) -> str:
        data = json.dumps([self.title, self.text, self.allow_mentions, self.event_value])
        return hashlib.sha256(data.encode()).hexdigest()[:32]

    def values(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "text": self.text,
            "mentions": self.allow_mentions,
            "event": self.event_value,
        }


def _draft(values: dict[str, Any]) -> Draft:
    return Draft(
        title=text_value(values, "title"),
        text=text_value(values, "text"),
        allow_mentions="allow" in selected_values(values, "mentions"),
        event_value=selected_value(values, "event"),
    )


def _event_of(session: Session, network: Network, value: str | None) -> tuple[Event, Any] | None:
    parsed = views.parse_rsvp_value(value or "")
    if parsed is None:
        return None
    event = store.get_event(session=session, network_id=network.id, event_id=parsed[0])  # type: ignore[arg-type]
    if event is None or event.status != EventStatus.planned:
        return None
    return event, parsed[1]


def _message(
    session: Session, network: Network, area: FocusArea, draft: Draft, author: str, lang: str
) -> dict[str, Any]:
    linked = _event_of(session, network, draft.event_value)
    return views.build_broadcast_message(
        title=draft.title,
        text=draft.text,
        allow_mentions=draft.allow_mentions,
        author=author,
        area_name=area.name,
        lang=lang,
        event=linked[0] if linked else None,
        occurrence_start=linked[1] if linked else None,
        tz=network_tz(network),
    )


def submit_broadcast(core: Core, who: Who, *, view: dict[str, Any], send: bool) -> FormOutcome:
    """First submission (`send=False`): validate and show the preview. Second: send, unless the
    text changed since the preview (then preview again)."""
    with core.db.session() as session:
        acting = who.get(session)
        network, actor = acting.network, acting.actor
        lang = actor.lang
        if not permissions.may_broadcast(actor):
            return FormOutcome(errors={"text": t(lang, "refused.coordinators_only")})
        try:
            metadata = json.loads(view.get("private_metadata") or "{}")
            number = views.row_id(metadata.get("area_id"))
            area = session.get(FocusArea, number) if number is not None else None
        except (ValueError, TypeError, AttributeError):
            area = None
        if area is None or area.network_id != network.id:
            return FormOutcome(errors={"text": t(lang, "rsvp.gone")})
        draft = _draft(view_values(view))
        if not draft.text or len(draft.text) > views.MAX_BROADCAST:
            return FormOutcome(
                errors={"text": t(lang, "broadcast.error_text", limit=views.MAX_BROADCAST)}
            )
        if len(draft.title) > views.MAX_TITLE:
            return FormOutcome(
                errors={"title": t(lang, "events.error_too_long", limit=views.MAX_TITLE)}
            )
        channel, contacts = _recipients(session, network, area)
        if channel is None and not contacts:
            return FormOutcome(errors={"text": t(lang, "broadcast.nobody")})
        message = _message(
            session, network, area, draft, actor.slack_user_id, core.settings.language
        )
        if not send or metadata.get("digest") != draft.digest():
            note = t(lang, "broadcast.preview_changed") if send else None
            view_out = _form(
                session,
                core,
                network,
                area,
                lang,
                values=draft.values(),
                preview=message["blocks"],
                note=note,
                digest=draft.digest(),
            )
            return FormOutcome(view=view_out)
        count = send_broadcast(
            session, core, network=network, area=area, draft=draft, author=actor.slack_user_id
        )
        return FormOutcome(view=views.done_modal(lang, t(lang, "broadcast.queued", count=count)))


def send_broadcast(
    session: Session, core: Core, *, network: Network, area: FocusArea, draft: Draft, author: str
) -> int:
    """Record the broadcast and put one delivery per recipient in the outbox; audited."""
    now = core.now()
    linked = _event_of(session, network, draft.event_value)
    broadcast = Broadcast(
        network_id=network.id,  # type: ignore[arg-type]
        area_id=area.id,
        event_id=linked[0].id if linked else None,
        title=draft.title,
        text=draft.text,
        allow_mentions=draft.allow_mentions,
        created_by=author,
        created_at=now,
    )
    session.add(broadcast)
    session.flush()
    channel, contacts = _recipients(session, network, area)
    count = 0
    default_lang = core.settings.language
    if channel:
        payload = _message(session, network, area, draft, author, default_lang)
        count += outbox.enqueue(
            session,
            network_id=network.id,  # type: ignore[arg-type]
            kind=store.BROADCAST_KIND,
            ref_id=broadcast.id,  # type: ignore[arg-type]
            recipient=channel,
            payload=payload,
            not_before=now,
        )
    for party, person in contacts:
        lang = language_of_locale(person.locale, default_lang)
        payload = _message(session, network, area, draft, author, lang)
        count += outbox.enqueue(
            session,
            network_id=network.id,  # type: ignore[arg-type]
            kind=store.BROADCAST_KIND,
            ref_id=broadcast.id,  # type: ignore[arg-type]
            recipient=person.slack_user_id,  # type: ignore[arg-type]
            party_id=party.id,
            payload=payload,
            not_before=now,
        )
    audit.record(
        session=session,
        actor=author,
        action="broadcast.send",
        entity="broadcast",
        entity_id=broadcast.id,
        network_id=network.id,
        area_id=area.id,
        summary=(draft.title or draft.text)[:200],
        after={**(audit.snapshot(broadcast) or {}), "recipients": count},
    )
    return count


SUBCOMMANDS = [
    Subcommand("utskick", "broadcast", broadcast_command, "help.broadcast", coordinators_only=True),
]
