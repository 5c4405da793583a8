"""Kommer / Kommer inte: an answer to a reminder or notice, recorded, with the count shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.core import permissions
from bot.core.actor import Who
from bot.core.blocks import Block, esc
from bot.core.dates import format_datetime, network_tz
from bot.core.i18n import t
from bot.core.runtime import Core
from bot.events import views
from storage import events as store
from storage.models import (
    EventStatus,
)


@dataclass
class RsvpOutcome:
    ephemeral: str
    blocks: list[Block] | None = None  # the message's new blocks (count updated)
    text: str | None = None


def answer_rsvp(
    core: Core,
    who: Who,
    *,
    value: str,
    attending: bool,
    message: dict[str, Any] | None,
) -> RsvpOutcome:
    """Record a Kommer / Kommer inte click and give the message's updated count."""
    with core.db.session() as session:
        acting = who.get(session)
        network, actor = acting.network, acting.actor
        lang = actor.lang
        parsed = views.parse_rsvp_value(value or "")
        event = None
        if parsed is not None:
            event = store.get_event(session=session, network_id=network.id, event_id=parsed[0])  # type: ignore[arg-type]
        if (
            parsed is None
            or event is None
            or event.status != EventStatus.planned
            or not permissions.may_rsvp(actor)
        ):
            return RsvpOutcome(ephemeral=t(lang, "rsvp.gone"))
        occurrence = parsed[1]
        store.record_rsvp(
            session=session,
            event=event,
            occurrence_start=occurrence,
            slack_user_id=actor.slack_user_id,
            party_id=actor.party.id if actor.party else None,
            attending=attending,
            now=core.now(),
        )
        yes, no = store.rsvp_counts(session=session, event_id=event.id, occurrence_start=occurrence)  # type: ignore[arg-type]
        tz = network_tz(network)
        when = format_datetime(occurrence, lang, tz, all_day=event.all_day)
        key = "rsvp.thanks_yes" if attending else "rsvp.thanks_no"
        ephemeral = t(lang, key, title=esc(event.title), when=when)
        blocks = None
        if message and message.get("blocks"):
            message_lang = core.settings.language
            blocks = views.with_count(message["blocks"], message_lang, yes, no)
        return RsvpOutcome(
            ephemeral=ephemeral, blocks=blocks, text=(message or {}).get("text") or event.title
        )
