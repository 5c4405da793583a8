"""`/samverkan leveranser` (`deliveries`): what the bot has sent on its own, what waits, what
failed."""

from __future__ import annotations

from collections import Counter

from bot.core import permissions
from bot.core.blocks import Reply, esc
from bot.core.dates import format_datetime, network_tz
from bot.core.request import Request
from bot.events import views
from storage import events as store
from storage import outbox as outbox_store
from storage.models import (
    Broadcast,
    Delivery,
    DeliveryStatus,
    Event,
    Reminder,
)


def deliveries_command(request: Request) -> Reply:
    if not permissions.may_see_deliveries(request.actor):
        raise request.fail("refused.coordinators_only")
    session, network, tz = request.session, request.network, network_tz(request.network)
    failed = store.problem_deliveries(session=session, network_id=network.id)  # type: ignore[arg-type]
    skipped = store.skipped_reminders(session=session, network_id=network.id)  # type: ignore[arg-type]
    recent = store.recent_broadcasts(session=session, network_id=network.id, limit=5)  # type: ignore[arg-type]
    counts = []
    for broadcast in recent:
        count = Counter(
            d.status
            for d in outbox_store.deliveries(
                session=session,
                kind=store.BROADCAST_KIND,
                ref_id=broadcast.id,  # type: ignore[arg-type]
            )
        )
        counts.append(
            views.BroadcastCount(
                title=broadcast.title or "",
                when=format_datetime(broadcast.created_at, request.lang, tz),
                sent=count[DeliveryStatus.sent],
                waiting=count[DeliveryStatus.pending] + count[DeliveryStatus.sending],
                failed=count[DeliveryStatus.failed],
            )
        )
    return views.build_deliveries_message(
        request.lang,
        [views.FailedDelivery(_delivery_what(request, d), d.recipient, d.error) for d in failed],
        [
            views.SkippedReminder(event.title, format_datetime(reminder.due_at, request.lang, tz))
            for reminder, event in skipped
        ],
        counts,
    )


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
