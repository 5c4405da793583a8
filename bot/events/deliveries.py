"""`/samverkan leveranser` (`deliveries`): what the bot has sent on its own, what waits, what
failed."""

from __future__ import annotations

from collections import Counter

from bot.core import permissions
from bot.core.blocks import Block, Reply, bullet_lines, context, esc, header, section
from bot.core.dates import format_datetime, network_tz
from bot.core.request import Request
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
