"""What the scheduler runs. The clock only ticks; the database decides what is due.

`tick` runs every few seconds in every process. Each task claims its work in the database, so
any number of processes can tick at once and every piece of work is still done once.
"""

from __future__ import annotations

import importlib
import logging
from datetime import datetime, timedelta

from slack_sdk import WebClient

from bot import networks
from bot.core import Core
from storage import dedupe

log = logging.getLogger(__name__)

# Tasks run on every tick, as "module:function" taking (core, client, now).
TICK_TASKS: tuple[str, ...] = (
    "bot.jobs:prune_processed_events",
    "bot.followup:survey_tick",
    # what is due first: fire due reminders and send them, then plan (bounded, and only what
    # needs it), so a due reminder never waits behind planning. Events are planned when they
    # are created or changed; the planner catches imports and extends recurring events, whose
    # next reminders are days ahead, so the tick after is soon enough for anything it plans.
    "bot.reminders:fire_due_reminders",
    "bot.outbox:send_due_deliveries",
    "bot.reminders:plan_reminders",
)
DEDUPE_KEEP = timedelta(hours=24)


def tick(core: Core, client: WebClient | None, now: datetime | None = None) -> None:
    """Run every tick task once; one failing task does not stop the others."""
    now = now or core.now()
    for reference in TICK_TASKS:
        module_name, function_name = reference.split(":")
        task = getattr(importlib.import_module(module_name), function_name)
        try:
            task(core, client, now)
        except Exception:
            log.exception("tick task %s failed", reference)


def prune_processed_events(core: Core, client: WebClient | None, now: datetime) -> None:
    """Forget Slack event IDs older than a day (Slack retries for about five minutes), and
    requests parked for a "which network?" select that nobody answered in a day."""
    with core.db.session() as session:
        dedupe.prune(session, before=now - DEDUPE_KEEP)
        networks.prune_parked(session, now)
