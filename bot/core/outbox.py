"""The outbox: every message the bot sends on its own goes through `Delivery` rows, exactly once.

Public API (reminders, broadcasts and survey invitations all use it):

* `enqueue(session, network_id=..., kind=..., ref_id=..., recipient=..., payload=...,
  not_before=..., party_id=None, late=False) -> bool` adds one message to the outbox in the
  caller's transaction. `(kind, ref_id, recipient)` is unique: enqueueing the same thing twice
  adds nothing and returns False. `recipient` is a channel ID (C/G...) or a user ID (U/W...,
  sent as a DM). `payload` is `{"text": fallback, "blocks": [...]}` ready for chat.postMessage.
* `cancel(session, kind=..., ref_id=...) -> int` cancels what has not been claimed yet.
* `send_due(core, client, now) -> SendReport` sends what is due; the tick runs it as
  `bot.core.outbox:send_due_deliveries`.

How exactly-once works, with any number of processes ticking against one database:

1. *Claim* (short transaction): a due `pending` row, or a `sending` row whose lease expired, is
   moved to `sending` with `claimed_by`/`claimed_until` by a conditional UPDATE (plus
   `FOR UPDATE SKIP LOCKED` on PostgreSQL). Only one worker wins a row.
2. *Post* to Slack with `metadata = {event_type: "samverkan_delivery", event_payload:
   {delivery_id}}`. 3. *Record* the ts (second transaction): `sent`.

A worker killed between 2 and 3 leaves the row in `sending`; whoever claims it after the lease
expired first reads the conversation's history (`include_all_metadata`) for that delivery_id
and records the message it finds instead of posting again. While a claim's lease runs, later
messages for the same channel wait (to keep their order). A restarted process does not wait
for the lease of its dead predecessor: each tick *settles* the claims of workers on this host
whose process is gone (`settle_orphans`: the history check, then the post if Slack does not
have it), so only that one message was ever in doubt and the rest of the channel goes at once.
Claims of other hosts (replicas) still wait for their lease, as no one can tell from here
whether they are alive.

Errors that might have reached Slack (5xx, a dropped connection) are answered at once, within
the claim: a short jittered backoff (slack_sdk's `BackoffRetryIntervalCalculator`), the history
check, and the post again if Slack does not have it, up to `POST_RETRIES` times; then the row
waits a jittered `backoff` (seconds, not minutes) in `sending`, so the next worker checks
first. slack_sdk's own retry handlers post again only where that cannot double a message: 429
(honouring `Retry-After`, which the outbox also honours beyond them) and refused connections.
Other refusals are retried with backoff (`not_before`); permanent errors (archived channel,
deactivated user, bot not in channel...) mark the row `failed` with the error, for coordinators
to see, and never block the other rows. Posts keep to one message per second per channel.
"""

from __future__ import annotations

import copy
import logging
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.jitter import RandomJitter
from sqlmodel import Session

from bot.core.runtime import Core
from bot.core.slack_client import post_retry_handlers
from storage import outbox as store
from storage.models import Delivery
from storage.outbox import Claim

log = logging.getLogger(__name__)

METADATA_EVENT_TYPE = "samverkan_delivery"
LEASE = timedelta(minutes=5)  # longer than a post with all its slack_sdk retries
MAX_ATTEMPTS = 6
MIN_CHANNEL_INTERVAL = 1.0  # seconds between posts to one channel (Slack: about 1/s)
TICK_BUDGET_SECONDS = 8.0  # stop sending after this long; the next tick goes on
TICK_MAX_MESSAGES = 200
HISTORY_PAGES = 3
POST_RETRIES = 2  # a 5xx or dropped connection: check and post again this often in the claim
# in the claim: about 0.5, 1 s (+ up to 1 s of jitter) before each history check
POST_RETRY_INTERVALS = BackoffRetryIntervalCalculator(backoff_factor=0.5, jitter=RandomJitter())
# after that, between claims: about 5, 10, 20 s... (+ jitter), at most an hour
CLAIM_RETRY_INTERVALS = BackoffRetryIntervalCalculator(backoff_factor=2.5, jitter=RandomJitter())
MAX_BACKOFF_SECONDS = 3600
HOST = socket.gethostname()[:30]
_BOOTS: dict[int, str] = {}


def process_id() -> str:
    """`host:pid:boot` of this process; `boot` tells a restarted process from its predecessor
    when both had the same pid (a container's pid 1)."""
    pid = os.getpid()
    boot = _BOOTS.get(pid)
    if boot is None:
        boot = _BOOTS.setdefault(pid, uuid.uuid4().hex[:6])
    return f"{HOST}:{pid}:{boot}"


# Slack errors that retrying will not fix: the row is failed and shown to coordinators.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "is_archived",
        "not_in_channel",
        "user_disabled",
        "user_not_found",
        "account_inactive",
        "cannot_dm_bot",
        "messages_tab_disabled",
        "restricted_action",
        "restricted_action_read_only_channel",
        "restricted_action_thread_only_channel",
        "restricted_action_non_threadable_channel",
        "team_access_not_granted",
        "missing_scope",
        "not_authed",
        "invalid_auth",
        "token_revoked",
        "no_permission",
        "ekm_access_denied",
        "invalid_blocks",
        "invalid_blocks_format",
        "msg_too_long",
        "no_text",
        "too_many_attachments",
        "invalid_metadata_format",
        "invalid_metadata_schema",
        "metadata_too_large",
        "invalid_arguments",
    }
)
# Answers that do not say whether the message was stored: check history before posting again.
AMBIGUOUS_ERRORS = frozenset(
    {"internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)


# --------------------------------------------------------------------------- enqueue


def enqueue(
    session: Session,
    *,
    network_id: int,
    kind: str,
    ref_id: int,
    recipient: str,
    payload: dict[str, Any],
    not_before: datetime,
    party_id: int | None = None,
    late: bool = False,
) -> bool:
    """Add one message to the outbox (in the caller's transaction); False if already there."""
    return store.add_delivery(
        session=session,
        network_id=network_id,
        kind=kind,
        ref_id=ref_id,
        recipient=recipient,
        payload=payload,
        not_before=not_before,
        party_id=party_id,
        late=late,
    )


def cancel(session: Session, *, kind: str, ref_id: int, note: str = "") -> int:
    """Cancel the not yet claimed deliveries of one thing (a claimed one may be in Slack)."""
    return store.cancel_pending(session=session, kind=kind, ref_id=ref_id, note=note)


def deliveries(session: Session, *, kind: str, ref_id: int) -> list[Delivery]:
    return store.deliveries(session=session, kind=kind, ref_id=ref_id)


# --------------------------------------------------------------------------- sending


@dataclass
class SendReport:
    sent: int = 0
    recovered: int = 0  # found already in Slack after a crash: recorded, not posted again
    settled: int = 0  # claims of a dead process on this host, settled without its lease
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class _Pacer:
    """One post per second per channel, in this process."""

    def __init__(self) -> None:
        self.last: dict[str, float] = {}

    def hot(self) -> list[str]:
        now = time.monotonic()
        return [c for c, at in self.last.items() if now - at < MIN_CHANNEL_INTERVAL]

    def wait(self, channel: str) -> None:
        at = self.last.get(channel)
        if at is not None:
            remaining = MIN_CHANNEL_INTERVAL - (time.monotonic() - at)
            if remaining > 0:
                time.sleep(remaining)

    def mark(self, channel: str) -> None:
        self.last[channel] = time.monotonic()
        if len(self.last) > 1000:
            cutoff = time.monotonic() - MIN_CHANNEL_INTERVAL
            self.last = {c: at for c, at in self.last.items() if at >= cutoff}


PACER = _Pacer()


def send_due_deliveries(core: Core, client: WebClient | None, now: datetime) -> None:
    """Tick task: send what is due."""
    if client is None:
        return
    send_due(core, client, now)


def send_due(
    core: Core,
    client: WebClient,
    now: datetime,
    *,
    worker: str | None = None,
    budget_seconds: float = TICK_BUDGET_SECONDS,
    max_messages: int = TICK_MAX_MESSAGES,
) -> SendReport:
    """Claim, post and record due deliveries until none is left or the budget is spent.

    Safe to call from several threads and processes at once (the tick, or a form handler that
    wants its messages out now): each call claims rows under its own worker name."""
    worker = worker or f"{process_id()}:{threading.get_ident() % 100000}"
    report = SendReport()
    started = time.monotonic()
    client = _post_client(client)
    settle_orphans(core, client, now, worker, report)
    for _ in range(max_messages):
        if time.monotonic() - started > budget_seconds:
            break
        claim = _claim(core, now, worker, avoid=PACER.hot())
        if claim is None:
            claim = _claim(core, now, worker, avoid=[])
            if claim is None:
                break
        _deliver(core, client, now, worker, claim, report)
    return report


def _post_client(client: WebClient) -> WebClient:
    """The client for chat.postMessage: slack_sdk retries only what cannot double a message
    (429, refused connections); 5xx and dropped connections are the outbox's to check."""
    poster = copy.copy(client)
    poster.retry_handlers = post_retry_handlers(client.retry_handlers)
    return poster


def process_is_gone(claimed_by: str) -> bool:
    """Whether the worker named `claimed_by` was a process on this host that no longer runs
    (another process of this host, or an earlier one with this pid). Unknown: False."""
    parts = claimed_by.split(":")
    if len(parts) < 3 or parts[0] != HOST:
        return False
    try:
        pid = int(parts[1])
    except ValueError:
        return False
    if pid == os.getpid():
        return parts[2] != process_id().split(":")[2]
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # PermissionError: it runs, as another user
        return False
    return False


def settle_orphans(
    core: Core, client: WebClient, now: datetime, worker: str, report: SendReport
) -> int:
    """Settle the claims of dead processes on this host now, instead of when their lease ends:
    take each over, look for it in the conversation's history, and post it if Slack does not
    have it. Only these were in doubt; the messages behind them go on at once."""
    with core.db.session() as session:
        held = store.held_claims(session=session, now=now, claimed_by_prefix=f"{HOST}:")
    settled = 0
    for delivery_id, claimed_by in held:
        if not claimed_by or not process_is_gone(claimed_by):
            continue
        claim = _take_over(core, now, worker, delivery_id, claimed_by)
        if claim is None:
            continue  # another worker settled it first
        log.info("delivery %s: its worker %s is gone; settling it now", delivery_id, claimed_by)
        report.settled += 1
        settled += 1
        _deliver(core, client, now, worker, claim, report)
    return settled


def _take_over(
    core: Core, now: datetime, worker: str, delivery_id: int, claimed_by: str
) -> Claim | None:
    with core.db.session() as session:
        return store.take_over(
            session=session,
            delivery_id=delivery_id,
            claimed_by=claimed_by,
            worker=worker,
            until=now + LEASE,
        )


def _claim(core: Core, now: datetime, worker: str, *, avoid: list[str]) -> Claim | None:
    """Take one due delivery for `worker` (short transaction), or None."""
    with core.db.session() as session:
        return store.claim_due(
            session=session, now=now, worker=worker, until=now + LEASE, avoid=avoid
        )


def _deliver(
    core: Core, client: WebClient, now: datetime, worker: str, claim: Claim, report: SendReport
) -> None:
    if claim.recovering:
        if _settled_from_history(core, client, now, worker, claim, report):
            return
        if claim.attempts > MAX_ATTEMPTS:
            _record_failed(core, worker, claim.id, "gave up after repeated errors")
            report.failed += 1
            return
    for retry in range(POST_RETRIES + 1):
        code, status, retry_after = _post(core, client, now, worker, claim, report)
        if code is None:
            return  # sent, or failed for good
        ambiguous = status >= 500 or status == -1 or code in AMBIGUOUS_ERRORS
        report.errors.append(code)
        if ambiguous and retry < POST_RETRIES:
            # it may have reached Slack: look, after a short jittered pause, then post again
            time.sleep(POST_RETRY_INTERVALS.calculate_sleep_duration(retry))
            if _settled_from_history(core, client, now, worker, claim, report):
                return
            continue
        _retry_later(core, now, worker, claim, code, ambiguous=ambiguous, retry_after=retry_after)
        report.retried += 1
        return


def _settled_from_history(
    core: Core, client: WebClient, now: datetime, worker: str, claim: Claim, report: SendReport
) -> bool:
    """Whether Slack already holds the claim's message (then it is recorded as sent), or the
    history could not be read (then the claim waits, still in doubt)."""
    try:
        found = find_posted(client, claim.id, claim.channel or claim.recipient)
    except (SlackApiError, SlackClientError, OSError) as error:
        _retry_later(core, now, worker, claim, _error_code(error), ambiguous=True)
        report.retried += 1
        return True
    if found is None:
        return False
    channel, ts = found
    _record_sent(core, now, worker, claim.id, channel, ts)
    report.recovered += 1
    log.info("delivery %s was already in Slack (%s %s)", claim.id, channel, ts)
    return True


def _post(
    core: Core, client: WebClient, now: datetime, worker: str, claim: Claim, report: SendReport
) -> tuple[str | None, int, float | None]:
    """Post the claim once. `(None, ...)` when that settled it (sent, or failed for good);
    else the error code, the HTTP status (-1: the connection dropped) and any Retry-After."""
    PACER.wait(claim.recipient)
    try:
        response = client.chat_postMessage(
            channel=claim.recipient,
            text=claim.payload.get("text", ""),
            blocks=claim.payload.get("blocks") or None,
            metadata={
                "event_type": METADATA_EVENT_TYPE,
                "event_payload": {"delivery_id": claim.id},
            },
            unfurl_links=False,
            unfurl_media=False,
        )
    except SlackApiError as error:
        PACER.mark(claim.recipient)
        code = _error_code(error)
        status = error.response.status_code if error.response is not None else 0
        if code in PERMANENT_ERRORS:
            _record_failed(core, worker, claim.id, code)
            report.failed += 1
            report.errors.append(code)
            return None, status, None
        retry_after = None
        if status == 429:
            headers = error.response.headers or {}
            retry_after = _seconds(headers.get("Retry-After") or headers.get("retry-after"))
        return code, status, retry_after
    except (SlackClientError, OSError) as error:  # connection refused, reset, timed out
        PACER.mark(claim.recipient)
        return _error_code(error), -1, None
    PACER.mark(claim.recipient)
    _record_sent(core, now, worker, claim.id, response.get("channel"), response.get("ts"))
    report.sent += 1
    return None, 200, None


def find_posted(client: WebClient, delivery_id: int, recipient: str) -> tuple[str, str] | None:
    """The (channel, ts) of the message that carried `delivery_id`'s metadata, if Slack has it."""
    channel = recipient
    if recipient[:1] in ("U", "W"):
        opened = client.conversations_open(users=recipient)
        channel = opened["channel"]["id"]
    cursor = None
    for _ in range(HISTORY_PAGES):
        page = client.conversations_history(
            channel=channel, limit=100, include_all_metadata=True, cursor=cursor
        )
        for message in page.get("messages", []):
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") != METADATA_EVENT_TYPE:
                continue
            payload = metadata.get("event_payload") or {}
            if str(payload.get("delivery_id")) == str(delivery_id):
                return channel, message["ts"]
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return None


def backoff(attempts: int) -> timedelta:
    """About 5 s, 10 s, 20 s, 40 s... with up to a second of jitter, at most an hour."""
    seconds = CLAIM_RETRY_INTERVALS.calculate_sleep_duration(max(attempts, 1))
    return timedelta(seconds=min(seconds, MAX_BACKOFF_SECONDS))


def _retry_later(
    core: Core,
    now: datetime,
    worker: str,
    claim: Claim,
    code: str,
    *,
    ambiguous: bool,
    retry_after: float | None = None,
) -> None:
    """A transient failure: try again later; if the post may have reached Slack, keep the row in
    `sending` with a lease that expires at the retry time, so the next worker checks first."""
    if claim.attempts >= MAX_ATTEMPTS and not ambiguous:
        _record_failed(core, worker, claim.id, f"{code} (gave up after {claim.attempts} attempts)")
        return
    delay = backoff(claim.attempts)
    if retry_after is not None:
        delay = max(timedelta(seconds=retry_after), timedelta(seconds=1))
    with core.db.session() as session:
        store.release_for_retry(
            session=session,
            delivery_id=claim.id,
            worker=worker,
            error=code,
            retry_at=now + delay,
            in_doubt=ambiguous,
        )
    log.warning("delivery %s: %s; retrying in %s", claim.id, code, delay)


def _record_sent(
    core: Core, now: datetime, worker: str, delivery_id: int, channel: str | None, ts: str | None
) -> None:
    with core.db.session() as session:
        store.mark_sent(
            session=session, delivery_id=delivery_id, worker=worker, channel=channel, ts=ts, now=now
        )


def _record_failed(core: Core, worker: str, delivery_id: int, error: str) -> None:
    with core.db.session() as session:
        store.mark_failed(session=session, delivery_id=delivery_id, worker=worker, error=error)
    log.warning("delivery %s failed for good: %s", delivery_id, error)


def _error_code(error: Exception) -> str:
    if isinstance(error, SlackApiError) and error.response is not None:
        data = error.response.data if isinstance(error.response.data, dict) else {}
        code = data.get("error")
        if code:
            return str(code)
        return f"http_{error.response.status_code}"
    return type(error).__name__


def _seconds(value: Any) -> float | None:
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None
