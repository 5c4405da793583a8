"""Lessons learned: the "Spara som lärdom" shortcut, its form, and the lessons of an area."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.core import permissions
from bot.core.actor import Actor, Who
from bot.core.blocks import Reply, esc
from bot.core.dates import format_date
from bot.core.forms import FormOutcome, int_value, selected_value, text_value
from bot.core.i18n import t
from bot.core.network_choice import stamp_view
from bot.core.runtime import Core
from bot.core.textrender import mrkdwn_to_text
from bot.followup import views
from storage import lessons as lesson_store
from storage import registry
from storage.models import (
    FocusArea,
    Lesson,
    Network,
    Party,
)

log = logging.getLogger(__name__)


def _default_area_id(
    session: Session, areas: list[FocusArea], channel_id: str | None, actor: Actor
) -> int | None:
    """The area the message most likely belongs to: the one whose channel it is in, else the
    actor's party's only area."""
    for area in areas:
        if channel_id and area.channel_id == channel_id:
            return area.id
    if actor.party is not None and actor.party.id is not None:
        mine = registry.areas_of_party(session=session, party_id=actor.party.id)
        if len(mine) == 1:
            return mine[0][0].id
    return None


def lesson_shortcut(
    core: Core,
    client: WebClient,
    who: Who,
    *,
    channel_id: str | None,
    message: dict[str, Any],
) -> tuple[dict[str, Any] | None, str | None]:
    """ "Spara som lärdom" on a message: the form to open, or the refusal to show."""
    with core.db.session() as session:
        acting = who.get(session)
        network, actor = acting.network, acting.actor
        if not permissions.may_record_lesson(actor):
            return None, t(actor.lang, "lesson.refused")
        areas = registry.areas(session=session, network_id=network.id)  # type: ignore[arg-type]
        if not areas:
            return None, t(actor.lang, "lesson.no_areas")
        selected = _default_area_id(session, areas, channel_id, actor)
    permalink = None
    ts = message.get("ts")
    if channel_id and ts:
        try:
            permalink = client.chat_getPermalink(channel=channel_id, message_ts=ts).get("permalink")
        except SlackApiError as error:
            log.warning("chat.getPermalink failed: %s", error.response.get("error"))
    text = mrkdwn_to_text(str(message.get("text") or ""))
    view = views.lesson_modal(
        actor.lang,
        areas,
        text=text,
        selected_area_id=selected,
        permalink=permalink,
        metadata={"permalink": permalink, "channel": channel_id, "ts": ts},
    )
    # the form saves into the network it was opened in, whatever the user works in meanwhile
    return stamp_view(view, network.id), None


def _safe_permalink(value: Any) -> str | None:
    if (
        isinstance(value, str)
        and value.startswith("https://")
        and len(value) <= 500
        and not any(c in value for c in "<>| \n")
    ):
        return value
    return None


def save_lesson_form(
    core: Core,
    who: Who,
    *,
    values: dict[str, Any],
    private_metadata: str,
) -> FormOutcome:
    """The submitted lesson form: store it, or say what to fix; permission checked again."""
    try:
        metadata = json.loads(private_metadata or "{}")
    except ValueError:
        metadata = {}
    if not isinstance(metadata, dict):
        metadata = {}
    with core.db.session() as session:
        acting = who.get(session)
        network, actor = acting.network, acting.actor
        lang = actor.lang
        if not permissions.may_record_lesson(actor):
            return FormOutcome(errors={"text": t(lang, "lesson.refused")})
        area_id = int_value(selected_value(values, "area"))
        area = session.get(FocusArea, area_id) if area_id is not None else None
        text = text_value(values, "text")
        errors = {}
        if area is None or area.network_id != network.id or area.status != "active":
            errors["area"] = t(lang, "lesson.error_area")
        if not text or len(text) > lesson_store.MAX_LESSON_TEXT:
            errors["text"] = t(lang, "lesson.error_text")
        if errors:
            return FormOutcome(errors=errors)
        assert area is not None
        lesson_store.add_lesson(
            session=session,
            network_id=network.id,  # type: ignore[arg-type]
            area_id=area.id,
            text=text,
            actor=actor.audit_name,
            party_id=actor.party.id if actor.party else None,
            tags=lesson_store.clean_tags(text_value(values, "tags")),
            permalink=_safe_permalink(metadata.get("permalink")),
            at=core.now(),
        )
        done = t(lang, "lesson.saved", area=esc(area.name), slug=area.slug)
    return FormOutcome(
        view=views.notice_modal(lang, "lesson.modal_title", done, callback_id="save_lesson_done")
    )


def lesson_item(
    core: Core, session: Session, lesson: Lesson, lang: str, *, with_area: bool
) -> views.LessonItem:
    """What a list shows of a lesson (`views.lesson_blocks` draws it)."""
    party = session.get(Party, lesson.party_id) if lesson.party_id else None
    who = esc(party.name) if party else ""
    if lesson.author_slack_id.startswith(("U", "W")):
        who = f"<@{lesson.author_slack_id}>" + (f", {who}" if who else "")
    area = session.get(FocusArea, lesson.area_id) if with_area and lesson.area_id else None
    return views.LessonItem(
        text=lesson.text,
        date=format_date(lesson.created_at, lang, core.settings.tz),
        who=who,
        area=area.name if area else "",
        tags=tuple(lesson.tags or ()),
        permalink=lesson.permalink,
    )


def lessons_reply(
    core: Core, session: Session, network: Network, query: str, lang: str, *, limit: int = 5
) -> Reply | None:
    """The answerer's hook for "vad har vi lärt oss om X?" / "what have we learned about X?":
    the best-matching lessons, each citing its link; None when no lesson matches."""
    hits = lesson_store.search_lessons(network.id, query, session=session, limit=limit)  # type: ignore[arg-type]
    if not hits:
        return None
    items = [lesson_item(core, session, hit.lesson, lang, with_area=True) for hit in hits]
    return views.build_lessons_answer(lang, query, items)
