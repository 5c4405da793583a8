"""Timing the reminder tick: the due query (and its plan), and 1,000 due reminders delivered.

* `capture_due_queries`: runs the tick's own "find the due reminders" step (the public tick task
  `bot.events.reminders:fire_due_reminders`, at a time when nothing is due, so it fires nothing) and
  records the SQL it sends; `explain` shows each statement's plan and says whether the reminder
  table is read through an index search. Without the reminders code, the reference query on
  the `(status, due_at)` index is used instead.
* `time_statement`: runs a captured statement again and again (p50/max).
* `add_due_reminders` / `make_due`: 1,000 reminders of meetings in the 50 area channels, first
  due in the future (so that the timing of the query with 1,000 due does not race the running
  bot), then moved to "due now" for the bot's own scheduler to fire and deliver.
* `watch_delivery`: how long until all of them are fired and their messages are in Slack.
"""

from __future__ import annotations

import importlib
import random
import re
import statistics
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import func, select, update

from bot.events.reminders import PLANNED_FOR_GOOD
from storage.db import Database
from storage.models import Delivery, DeliveryStatus, Event, EventKind, EventStatus, Reminder
from tests.benchmarks.generate import Dataset, bulk_insert
from tests.fake_slack import FakeSlack

FIRE_TASK = "bot.events.reminders:fire_due_reminders"
PLAN_TASK = "bot.events.reminders:plan_reminders"
SEND_TASK = "bot.core.outbox:send_due_deliveries"
REMINDER_KIND = "reminder"
DUE_OFFSET = 60  # minutes: a "1 hour before" reminder


def task(reference: str) -> Callable[..., Any] | None:
    """The tick task `module:function`, or None while that code does not exist yet."""
    module_name, name = reference.split(":")
    try:
        return getattr(importlib.import_module(module_name), name, None)
    except ImportError:
        return None


def tick_tasks() -> tuple[str, ...]:
    try:
        from bot.scheduler.tasks import TICK_TASKS
    except ImportError:
        return ()
    return tuple(f"{task.__module__}:{task.__name__}" for task in TICK_TASKS)


# --------------------------------------------------------------------------- the due query


@dataclass
class Statement:
    sql: str
    params: Any


@contextmanager
def capture(db: Database) -> Iterator[list[Statement]]:
    """Record every statement `db`'s engine sends inside the block."""
    seen: list[Statement] = []

    def before(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        seen.append(Statement(statement, parameters))

    sa_event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", before)


def reference_due_statement(db: Database, now: datetime, limit: int | None = 20) -> Statement:
    """TODO hook (used only without `bot.events.reminders`): the due query on the (status, due_at)
    index as the tick should run it."""
    query = (
        select(Reminder.id)
        .where(Reminder.status == "pending", Reminder.due_at <= now)  # type: ignore[arg-type]
        .order_by(Reminder.due_at)  # type: ignore[arg-type]
    )
    if limit:
        query = query.limit(limit)
    compiled = query.compile(dialect=db.engine.dialect)
    params = compiled.construct_params()
    processors = compiled._bind_processors
    values = {k: processors[k](v) if k in processors else v for k, v in params.items()}
    if compiled.positiontup:
        return Statement(str(compiled), tuple(values[k] for k in compiled.positiontup))
    return Statement(str(compiled), values)


def capture_due_queries(db: Database, core: Any, now: datetime) -> tuple[list[Statement], str]:
    """The statements the tick uses to find due reminders, and where they came from."""
    fire = task(FIRE_TASK)
    if fire is None:
        return [reference_due_statement(db, now)], "reference query (bot.events.reminders missing)"
    with capture(db) as seen:
        fire(core, None, now)
    found = [s for s in seen if re.search(r"\bFROM\s+\"?reminder\"?", s.sql, re.I)]
    found = [s for s in found if "due_at" in s.sql and s.sql.lstrip().upper().startswith("SELECT")]
    if not found:
        return [reference_due_statement(db, now)], f"reference query ({FIRE_TASK} sent none)"
    return found, FIRE_TASK


def explain(db: Database, statement: Statement) -> tuple[list[str], bool]:
    """The plan's lines, and whether the reminder table is read by an index search."""
    with db.engine.connect() as conn:
        if db.dialect == "sqlite":
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement.sql, statement.params)
            lines = [str(row[-1]) for row in rows]
            searched = any(
                re.search(r"SEARCH (main\.)?\"?reminder\"? USING (COVERING )?INDEX", line)
                for line in lines
            )
            scanned = any(re.search(r"SCAN (main\.)?\"?reminder\"?", line) for line in lines)
            return lines, searched and not scanned
        rows = conn.exec_driver_sql("EXPLAIN " + statement.sql, statement.params)
        lines = [str(row[0]) for row in rows]
        text = "\n".join(lines)
        seq = re.search(r"Seq Scan on reminder\b", text)
        indexed = re.search(r"(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) \S+", text)
        on_reminder = re.search(r"(Index Scan|Index Only Scan) using \S+ on reminder\b", text) or (
            re.search(r"Bitmap Heap Scan on reminder\b", text)
        )
        return lines, bool(indexed and on_reminder and not seq)


def time_statement(db: Database, statement: Statement, repeats: int = 30) -> dict[str, float]:
    """Milliseconds per execution (fetching all rows), after one warm-up run."""
    times: list[float] = []
    with db.engine.connect() as conn:
        for i in range(repeats + 1):
            started = time.perf_counter()
            with conn.begin():
                rows = conn.exec_driver_sql(statement.sql, statement.params).fetchall()
            if i:
                times.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": round(statistics.median(times), 2),
        "max_ms": round(max(times), 2),
        "rows": len(rows),
    }


# --------------------------------------------------------------------------- 1,000 due


def add_due_reminders(
    db: Database, data: Dataset, due_at: datetime, count: int = 1000
) -> list[int]:
    """`count` meetings starting an hour after `due_at`, one per area round-robin, each with
    one pending reminder due at `due_at`; returns the reminder ids."""
    from tests.benchmarks.generate import _next_id

    rng = random.Random(5)
    kinds = [EventKind.meeting, EventKind.forum, EventKind.council]
    with db.session() as session:
        event_id = _next_id(session, Event)
        reminder_id = _next_id(session, Reminder)
        events, reminders = [], []
        for i in range(count):
            starts = due_at + timedelta(minutes=DUE_OFFSET)
            events.append(
                dict(
                    id=event_id + i,
                    network_id=data.network_id,
                    area_id=data.area_ids[i % len(data.area_ids)],
                    kind=rng.choice(kinds),
                    title=f"Avstämning {i + 1}",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=1),
                    location="Teams",
                    status=EventStatus.planned,
                    planned_until=PLANNED_FOR_GOOD,
                    reminder_offsets=[DUE_OFFSET],
                    created_by="bench",
                )
            )
            reminders.append(
                dict(
                    id=reminder_id + i,
                    event_id=event_id + i,
                    occurrence_start=starts,
                    offset_minutes=DUE_OFFSET,
                    due_at=due_at,
                    status="pending",
                )
            )
        bulk_insert(session, Event, events)
        bulk_insert(session, Reminder, reminders)
        from tests.benchmarks.generate import _fix_sequences

        _fix_sequences(session, (Event, Reminder))
    return [r["id"] for r in reminders]


def make_due(db: Database, ids: list[int], due_at: datetime) -> None:
    """Move the reminders (and their events) so that they are due at `due_at`."""
    with db.session() as session:
        events = select(Reminder.event_id).where(Reminder.id.in_(ids))  # type: ignore[union-attr]
        session.execute(
            update(Event)
            .where(Event.id.in_(events))  # type: ignore[union-attr]
            .values(starts_at=due_at + timedelta(minutes=DUE_OFFSET))
        )
        session.execute(
            update(Reminder)
            .where(Reminder.id.in_(ids))  # type: ignore[union-attr]
            .values(due_at=due_at, occurrence_start=due_at + timedelta(minutes=DUE_OFFSET))
        )


@dataclass
class DeliveryWatch:
    reminders: int
    fired_s: float | None = None
    first_post_s: float | None = None
    delivered_s: float | None = None
    sent: int = 0
    deliveries: int = 0
    not_pending: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    posts: int = 0
    rate_limited: int = 0
    max_per_channel_per_s: int = 0
    channels: int = 0
    timed_out: bool = False
    stalled: bool = False
    mode: str = "server"


def watch_delivery(
    db: Database,
    fake: FakeSlack,
    ids: list[int],
    started: float,
    timeout: float,
    *,
    stall: float | None = None,
) -> DeliveryWatch:
    """Poll the database until every reminder in `ids` left `pending` and every delivery
    they made is sent (or failed), or `timeout` seconds after `started`, or `stall` seconds
    without any of them fired."""
    watch = DeliveryWatch(reminders=len(ids))
    id_set = ids
    while True:
        elapsed = time.perf_counter() - started
        if stall is not None and elapsed > stall and watch.not_pending == 0:
            watch.timed_out = True
            watch.stalled = True
            break
        with db.engine.connect() as conn:
            pending = conn.execute(
                select(func.count())
                .select_from(Reminder)
                .where(Reminder.id.in_(id_set), Reminder.status == "pending")  # type: ignore[union-attr,arg-type]
            ).scalar_one()
            rows = conn.execute(
                select(Delivery.status, func.count())
                .where(Delivery.kind == REMINDER_KIND, Delivery.ref_id.in_(id_set))  # type: ignore[union-attr,arg-type]
                .group_by(Delivery.status)
            ).all()
        statuses = {str(s): int(n) for s, n in rows}
        watch.statuses = statuses
        watch.not_pending = len(ids) - int(pending)
        watch.deliveries = sum(statuses.values())
        watch.sent = statuses.get(DeliveryStatus.sent, 0)
        if watch.first_post_s is None and fake.calls("chat.postMessage"):
            watch.first_post_s = round(elapsed, 2)
        if pending == 0 and watch.fired_s is None:
            watch.fired_s = round(elapsed, 2)
        open_ = statuses.get(DeliveryStatus.pending, 0) + statuses.get(DeliveryStatus.sending, 0)
        if pending == 0 and watch.deliveries and open_ == 0:
            watch.delivered_s = round(elapsed, 2)
            break
        if elapsed > timeout:
            watch.timed_out = True
            break
        time.sleep(0.1)
    posts = fake.calls("chat.postMessage")
    watch.posts = len(posts)
    watch.rate_limited = sum(1 for c in posts if c.status == 429)
    rates = fake.max_rate_per_channel(window=1.0)
    watch.max_per_channel_per_s = max(rates.values(), default=0)
    watch.channels = len(rates)
    return watch


class ChannelRateLimit:
    """Slack's ~1 message per second per channel, as a token bucket (bursts of `burst`): a
    `when` predicate for `FakeSlack.fail_forever("chat.postMessage", ...)` answering 429."""

    def __init__(self, per_second: float = 1.0, burst: float = 2.0) -> None:
        self.rate, self.burst = per_second, burst
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def __call__(self, params: dict[str, Any]) -> bool:
        channel = str(params.get("channel", ""))
        now = time.monotonic()
        with self.lock:
            tokens, at = self.buckets.get(channel, (self.burst, now))
            tokens = min(self.burst, tokens + (now - at) * self.rate)
            if tokens >= 1.0:
                self.buckets[channel] = (tokens - 1.0, now)
                return False  # allowed
            self.buckets[channel] = (tokens, now)
            return True  # limited: answer 429


# --------------------------------------------------------------------------- planning cost


def time_planning(db: Database, now: datetime, sample: int = 200) -> dict[str, Any] | None:
    """What one `plan_reminders` tick costs at this scale: the number of events it visits
    every tick, and milliseconds per event measured on a sample
    (`bot.events.reminders.plan_event` in its own transaction, as the task does)."""
    try:
        from bot.events import reminders
    except ImportError:
        return None
    from storage import events as store

    try:  # the SQL that locks the event moved from bot.reminders to storage.reminders
        from storage.reminders import lock_event as store_lock_event

        def lock_event(session: Any, event_id: int) -> Any:
            return store_lock_event(session=session, event_id=event_id)
    except ImportError:
        lock_event = getattr(reminders, "lock_event", None)  # type: ignore[assignment]
    if not hasattr(reminders, "plan_event") or lock_event is None:
        return None

    with db.session() as session:
        if hasattr(store, "needing_planning"):  # the tick visits only events that need it
            ids = store.needing_planning(
                session=session,
                extend_before=now + reminders.HORIZON - reminders.REPLAN_MARGIN,
                limit=reminders.PLAN_BATCH,
            )
        else:
            ids = list(
                session.execute(
                    select(Event.id).where(
                        Event.status == EventStatus.planned,
                        (Event.recurrence.is_not(None)) | (Event.starts_at > now),  # type: ignore[union-attr,operator]
                    )
                ).scalars()
            )
    chosen = random.Random(3).sample(ids, min(sample, len(ids)))
    started = time.perf_counter()
    for event_id in chosen:
        with db.session() as session:
            found = lock_event(session, event_id)
            if found is not None and found.status == EventStatus.planned:
                reminders.plan_event(session, found, now=now)
    per_event = (time.perf_counter() - started) * 1000 / max(1, len(chosen))
    return {
        "events_visited_per_tick": len(ids),
        "ms_per_event": round(per_event, 2),
        "estimated_tick_s": round(per_event * len(ids) / 1000, 1),
        "in_tick_tasks": PLAN_TASK in tick_tasks(),
    }


def deliver_in_process(
    core: Any,
    client: Any,
    db: Database,
    fake: FakeSlack,
    ids: list[int],
    timeout: float,
    tick_seconds: float = 10.0,
) -> DeliveryWatch:
    """Fire and deliver `ids` with the tick's two delivery tasks only (no planner), in this
    process, one tick every `tick_seconds` like one worker's scheduler; watched like above."""
    tasks = [t for t in (task(FIRE_TASK), task(SEND_TASK)) if t is not None]
    stop = threading.Event()
    errors: list[str] = []

    def ticker() -> None:
        while not stop.is_set():
            began = time.perf_counter()
            now = datetime.now(core.now().tzinfo)
            for run in tasks:
                try:
                    run(core, client, now)
                except Exception as exc:  # reported, like bot.scheduler.tasks.tick logs it
                    errors.append(f"{type(exc).__name__}: {exc}")
            stop.wait(max(0.0, tick_seconds - (time.perf_counter() - began)))

    thread = threading.Thread(target=ticker, name="bench-ticker", daemon=True)
    started = time.perf_counter()
    thread.start()
    try:
        watch = watch_delivery(db, fake, ids, started, timeout)
    finally:
        stop.set()
        thread.join(timeout=30)
    watch.mode = "in-process: fire_due_reminders + send_due_deliveries, one ticker"
    if errors:
        watch.statuses["tick_errors"] = len(errors)
    return watch
