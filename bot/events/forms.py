"""The event form's submission and the edit / cancel menu of an event: check, save, re-plan."""

from __future__ import annotations

import json
from typing import Any

from bot.core import permissions
from bot.core.actor import Who
from bot.core.blocks import esc
from bot.core.dates import format_datetime, network_tz
from bot.core.forms import FormOutcome, view_values
from bot.core.i18n import t
from bot.core.network_choice import stamp_view
from bot.core.runtime import Core
from bot.events import views
from bot.events.event_input import (
    InputError,
    event_input_from_form,
    save_event,
)
from bot.events.reminders import (
    offsets_label,
    offsets_of,
)
from storage import events as store
from storage import registry
from storage.models import (
    EventStatus,
)


def submit_event_form(core: Core, who: Who, *, view: dict[str, Any]) -> FormOutcome:
    """The event form was submitted: check permission and fields, save, re-plan; one
    transaction. A crafted submission by someone who may not gets the same refusal."""
    with core.db.session() as session:
        acting = who.get(session)
        network, actor = acting.network, acting.actor
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
                event = store.get_event(session=session, network_id=network.id, event_id=number)  # type: ignore[arg-type]
            if event is None or event.status == EventStatus.cancelled:
                return FormOutcome(errors={"title": t(lang, "rsvp.gone")})
        try:
            values = event_input_from_form(
                session, network, view_values(view), lang=lang, now=core.now()
            )
        except InputError as error:
            return FormOutcome(errors={error.field: error.text})
        saved = save_event(
            session, core, network=network, actor=actor.audit_name, values=values, event=event
        )
        tz = network_tz(network)
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
    core: Core, who: Who, *, value: str
) -> tuple[dict[str, Any] | None, str | None]:
    """The coordinator picked Ändra or Ställ in in the list: the form to open, or a refusal."""
    with core.db.session() as session:
        acting = who.get(session)
        network, actor = acting.network, acting.actor
        lang = actor.lang
        if not permissions.may_manage_events(actor):
            return None, t(lang, "refused.coordinators_only")
        action, _, number = (value or "").partition(":")
        event_id = views.row_id(number)
        event = (
            store.get_event(session=session, network_id=network.id, event_id=event_id)  # type: ignore[arg-type]
            if event_id is not None
            else None
        )
        if event is None or event.status != EventStatus.planned or action not in ("edit", "cancel"):
            return None, t(lang, "rsvp.gone")
        # each form saves into the network it was opened in (`stamp_view`)
        if action == "edit":
            areas = registry.areas(session=session, network_id=network.id)  # type: ignore[arg-type]
            view = views.event_modal(lang, areas, network_tz(network), event=event)
            return stamp_view(view, network.id), None
        when = format_datetime(event.starts_at, lang, network_tz(network), all_day=event.all_day)
        view = views.cancel_modal(lang, event.id, esc(event.title), when)  # type: ignore[arg-type]
        return stamp_view(view, network.id), None


def submit_cancel_form(core: Core, who: Who, *, view: dict[str, Any]) -> FormOutcome:
    """The cancel confirmation was submitted: check permission again, cancel, audit."""
    with core.db.session() as session:
        acting = who.get(session)
        network, actor = acting.network, acting.actor
        lang = actor.lang
        if not permissions.may_manage_events(actor):  # a crafted submission: nothing changes
            return FormOutcome(view=views.done_modal(lang, t(lang, "refused.coordinators_only")))
        event_id = views.cancel_event_id(view.get("private_metadata"))
        event = (
            store.get_event(session=session, network_id=network.id, event_id=event_id)  # type: ignore[arg-type]
            if event_id is not None
            else None
        )
        if event is None:
            return FormOutcome(view=views.done_modal(lang, t(lang, "rsvp.gone")))
        changed = store.cancel_event(
            session=session, event=event, actor=actor.audit_name, now=core.now()
        )
        key = "events.cancelled" if changed else "events.already_cancelled"
        return FormOutcome(view=views.done_modal(lang, t(lang, key, title=esc(event.title))))
