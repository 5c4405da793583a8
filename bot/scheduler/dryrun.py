"""A dry run of the tick: what would be sent at a given moment, with nothing sent or claimed.

`would_send(core, at)` runs the tick's own rules (`bot.events.reminders.fire`: late, skipped, the
channel and the DMs, the message text) in a transaction that is always rolled back
(`Database.rehearsal`), then reads what the outbox would send at `at`. Nothing reaches Slack,
no reminder is fired and no delivery is claimed. `samverkansbot tick --dry-run --at
"2026-12-23 09:00"` prints it.

Which reminders count:
* `at` in the past or now: everything due by then, as the next real tick would do it (late
  ones marked late, missed ones skipped);
* `at` in the future: the bot is taken to have run until then, so only what falls due in the
  last `LATE_GRACE` before `at` (on time, as on the day), plus outbox rows waiting until then.

The survey tick's rules run in the same rehearsal (`bot.followup.surveys.queue_survey_work`), so the
reminders to school chiefs who have not answered a pulse survey are listed too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.runtime import Core
from bot.events.reminders import LATE_GRACE, fire
from bot.followup.surveys import queue_survey_work
from storage import outbox as outbox_store
from storage import reminders as reminder_store
from storage.models import Event, ReminderStatus


@dataclass(frozen=True)
class WouldSend:
    """One message the outbox would post."""

    not_before: datetime
    recipient: str  # channel ID, or user ID for a DM
    kind: str
    ref_id: int
    text: str  # the message's fallback text
    late: bool = False
    queued: bool = False  # already waiting in the outbox (not fired by this tick)


@dataclass(frozen=True)
class WouldSkip:
    """A due reminder the tick would not send, and why."""

    due_at: datetime
    title: str
    note: str


@dataclass
class DryRun:
    at: datetime
    messages: list[WouldSend]
    skipped: list[WouldSkip]


def would_send(core: Core, at: datetime, *, now: datetime | None = None) -> DryRun:
    """What the tick at `at` would send; nothing is written."""
    now = now or core.now()
    since = at - LATE_GRACE if at > now else None
    with core.db.rehearsal() as session:
        queued_before = outbox_store.pending_ids(session=session)
        due = reminder_store.pending_due(session=session, until=at, since=since)
        skipped = []
        for reminder in due:
            if not fire(core, session, reminder, at):
                session.refresh(reminder)
                if reminder.status == ReminderStatus.skipped:
                    event = session.get(Event, reminder.event_id)
                    skipped.append(
                        WouldSkip(reminder.due_at, event.title if event else "?", reminder.note)
                    )
        queue_survey_work(core, session, at)
        messages = [
            WouldSend(
                not_before=d.not_before,
                recipient=d.recipient,
                kind=d.kind,
                ref_id=d.ref_id,
                text=str((d.payload or {}).get("text", "")),
                late=d.late,
                queued=d.id in queued_before,
            )
            for d in outbox_store.waiting(session=session, at=at, since=since)
        ]
    return DryRun(at=at, messages=messages, skipped=skipped)


def report_lines(run: DryRun, tz: ZoneInfo) -> list[str]:
    """The dry run as the CLI prints it: a summary, then one tab-separated line per message
    (time, recipient, what, text) and one per skipped reminder."""
    local = run.at.astimezone(tz)
    lines = [
        f"samverkansbot: dry run at {local:%Y-%m-%d %H:%M} ({tz.key}): "
        f"{len(run.messages)} message(s) would be sent, {len(run.skipped)} reminder(s) skipped; "
        "nothing was sent or claimed"
    ]
    for m in run.messages:
        where = f"DM {m.recipient}" if m.recipient[:1] in ("U", "W") else f"#{m.recipient}"
        flags = "".join([" (late)" if m.late else "", " (already queued)" if m.queued else ""])
        when = m.not_before.astimezone(tz)
        lines.append(f"{when:%Y-%m-%d %H:%M}\t{where}\t{m.kind} {m.ref_id}{flags}\t{m.text}")
    for s in run.skipped:
        lines.append(f"{s.due_at.astimezone(tz):%Y-%m-%d %H:%M}\tskipped\t{s.title}\t{s.note}")
    return lines
