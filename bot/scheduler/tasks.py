"""What the scheduler runs. The clock only ticks; the database decides what is due.

`tick` runs every few seconds in every process. Each task claims its work in the database, so
any number of processes can tick at once and every piece of work is still done once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from slack_sdk import WebClient

from bot.core import network_choice as networks
from bot.core.outbox import send_due_deliveries
from bot.core.runtime import Core
from bot.events.reminders import fire_due_reminders, plan_reminders
from bot.followup.surveys import survey_tick
from storage import dedupe

log = logging.getLogger(__name__)

DEDUPE_KEEP = timedelta(hours=24)


def tick(core: Core, client: WebClient | None, now: datetime | None = None) -> None:
    """Run every tick task once; one failing task does not stop the others."""
    now = now or core.now()
    for task in TICK_TASKS:
        try:
            task(core, client, now)
        except Exception:
            log.exception("tick task %s.%s failed", task.__module__, task.__name__)


def prune_processed_events(core: Core, client: WebClient | None, now: datetime) -> None:
    """Forget Slack event IDs older than a day (Slack retries for about five minutes), and
    requests parked for a "which network?" select that nobody answered in a day."""
    with core.db.session() as session:
        dedupe.prune(session=session, before=now - DEDUPE_KEEP)
        networks.prune_parked(session, now)


Task = Callable[[Core, WebClient | None, datetime], None]

# Tasks run on every tick, each taking (core, client, now).
TICK_TASKS: tuple[Task, ...] = (
    prune_processed_events,
    survey_tick,
    # what is due first: fire due reminders and send them, then plan (bounded, and only what
    # needs it), so a due reminder never waits behind planning. Events are planned when they
    # are created or changed; the planner catches imports and extends recurring events, whose
    # next reminders are days ahead, so the tick after is soon enough for anything it plans.
    fire_due_reminders,
    send_due_deliveries,
    plan_reminders,
)
