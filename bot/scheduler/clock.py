"""The clock: an APScheduler 3 background scheduler in UTC that calls `bot.scheduler.tasks:tick`.

Job stores must never be shared between processes, so this one keeps its single job in
memory; what is due, claimed and sent lives in the database.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from slack_sdk import WebClient

from bot.core.runtime import Core

log = logging.getLogger(__name__)
TICK_SECONDS = 10


class Clock:
    """Starts and stops the tick; `state` is what /healthz reports."""

    def __init__(
        self, core: Core, client: WebClient | None, *, seconds: int = TICK_SECONDS
    ) -> None:
        self.scheduler = BackgroundScheduler(timezone=UTC)
        self.scheduler.add_job(
            "bot.scheduler.tasks:tick",
            trigger="interval",
            seconds=seconds,
            id="tick",
            replace_existing=True,
            kwargs={"core": core, "client": client},
            coalesce=True,  # after a pause, one tick catches up; the database knows what is due
            max_instances=1,  # a slow tick is never run twice at once in one process
            misfire_grace_time=seconds * 3,
            next_run_time=datetime.now(UTC),
        )

    @property
    def state(self) -> str:
        return "running" if self.scheduler.running else "stopped"

    def start(self) -> None:
        self.scheduler.start()
        log.info("scheduler started")

    def stop(self) -> None:
        if self.scheduler.running:
            # Wait for a running tick: it is bounded (planning at most PLAN_BATCH events, the
            # outbox stops after TICK_BUDGET_SECONDS), well inside the 30 s stop grace period,
            # and a tick cut off between posting to Slack and recording it would leave its
            # delivery claimed until the lease expires (minutes late). Not waiting would not
            # help anyway: the executor's threads are joined when the interpreter exits.
            self.scheduler.shutdown(wait=True)
            log.info("scheduler stopped")
