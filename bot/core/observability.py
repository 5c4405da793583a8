"""Observability: JSON-lines logs with secrets redacted, Prometheus metrics, request logging.

What other modules call:

- `log_delivery(kind=..., outcome=..., ...)`: one log line and the delivery counters for every
  reminder or broadcast that was sent, failed or skipped (call it once per delivery attempt
  that reached a final outcome).
- `metrics()`: the process's metric objects (created on first use, so that `serve` can switch
  prometheus_client to multi-process mode before any exists).
- `instrument_wsgi(app, route_of)`: wraps a WSGI app; one log line and one histogram sample per
  HTTP request (method, route, status, duration and, for Slack, the request kind, command,
  action or callback id; never the text, the user or a token).
- `instrument_scheduler(scheduler)`: scheduler lag and tick duration from APScheduler events.
- `configure_logging(settings)`: JSON lines on stderr through `RedactingFilter`.

Under gunicorn every worker is its own process: `enable_multiprocess()` (called by `serve`)
puts prometheus_client in multi-process mode, so `/metrics` on any worker adds up all of them.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from gunicorn.glogging import Logger as GunicornBaseLogger
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    values,
)
from prometheus_client.multiprocess import MultiProcessCollector, mark_process_dead

log = logging.getLogger("samverkansbot.access")
delivery_log = logging.getLogger("samverkansbot.delivery")

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
#: A delivery sent more than this many seconds after it was due counts as late.
LATE_AFTER_SECONDS = 60.0
DELIVERY_OUTCOMES = ("sent", "failed", "skipped")
# Metric labels must come from a small fixed set: an unsigned request can say anything.
SLACK_KINDS = frozenset(
    {
        "command",
        "event",
        "url_verification",
        "block_actions",
        "block_suggestion",
        "view_submission",
        "view_closed",
        "shortcut",
        "message_action",
        "interactive_message",
    }
)
_MAX_FIELD = 80

# --------------------------------------------------------------------------- redaction

_TOKEN = re.compile(r"\bx(?:ox[a-z]|app)-[A-Za-z0-9-]{4,}")
_URL_PASSWORD = re.compile(r"(://[^:/@\s]+:)[^@\s/]+@")
_BOLT_BODY = re.compile(r"body: .*", re.DOTALL)
_secrets: set[str] = set()
_secrets_longest_first: tuple[str, ...] = ()


def register_secrets(*secrets: str | None) -> None:
    """Add values (signing secret, tokens, passwords) that must never appear in a log line."""
    global _secrets_longest_first
    for secret in secrets:
        if secret and len(secret) >= 6:
            _secrets.add(secret)
    _secrets_longest_first = tuple(sorted(_secrets, key=len, reverse=True))


def register_settings_secrets(settings: Any) -> None:
    """Register every secret in `settings`: the tokens, the signing secret, the DB password."""
    register_secrets(
        getattr(settings, "slack_bot_token", None),
        getattr(settings, "slack_app_token", None),
        getattr(settings, "slack_signing_secret", None),
        _url_password(getattr(settings, "database_url", "") or ""),
    )


def _url_password(url: str) -> str | None:
    match = re.search(r"://[^:/@\s]+:([^@\s/]+)@", url)
    return match.group(1) if match else None


def redact(text: str) -> str:
    """`text` with Slack tokens, registered secrets and URL passwords replaced by `[redacted]`.
    Each pattern runs only where its fixed part occurs (most lines hold none: microseconds)."""
    for secret in _secrets_longest_first:
        if secret in text:
            text = text.replace(secret, "[redacted]")
    if "xox" in text or "xapp-" in text:
        text = _TOKEN.sub("[redacted]", text)
    if "://" in text:
        text = _URL_PASSWORD.sub(r"\1[redacted]@", text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites every record (message, arguments, traceback, extra fields) without secrets.

    Attach it to handlers, not loggers: a handler filter sees the records of every logger that
    propagates to it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not hide the record
            message = f"{record.msg} {record.args}"
        if record.name.startswith("slack_bolt"):
            # Bolt puts whole request bodies (user IDs, message text) into some lines.
            message = _BOLT_BODY.sub("body: [not logged]", message)
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for key, value in list(record.__dict__.items()):
            if key not in _STANDARD_ATTRS and isinstance(value, str):
                setattr(record, key, redact(value))
        return True


# --------------------------------------------------------------------------- JSON lines

_STANDARD_ATTRS = frozenset(
    vars(logging.LogRecord("x", logging.INFO, "x", 0, "x", None, None)).keys()
    | {"message", "asctime", "taskName"}
)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, msg, then the record's extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": _timestamp(record.created),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                data[key] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            data["exc"] = record.exc_text
        return json.dumps(data, ensure_ascii=False, default=str)


def _timestamp(created: float) -> str:
    """`datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds")`, cheaper."""
    seconds = int(created)
    millis = int((created - seconds) * 1000)
    return f"{time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(seconds))}.{millis:03d}+00:00"


def configure_logging(
    settings: Any = None, *, level: int = logging.INFO, stream: Any = None
) -> None:
    """Send every log record to `stream` (stderr) as one JSON line, secrets redacted."""
    if settings is not None:
        register_settings_secrets(settings)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # APScheduler logs two lines per tick per process at INFO; the tick metrics say more.
    logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))


def install_redaction(settings: Any = None) -> None:
    """Keep the current log format but redact secrets on every root handler."""
    if settings is not None:
        register_settings_secrets(settings)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())


class GunicornLogger(GunicornBaseLogger):  # type: ignore[misc]
    """gunicorn's own lines (start, workers, signals) as JSON, through the same redaction."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for handler in self.error_log.handlers + self.access_log.handlers:
            handler.setFormatter(JsonFormatter())
            handler.addFilter(RedactingFilter())


# --------------------------------------------------------------------------- metrics

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 3.0, 5.0, 10.0)
_TICK_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
_DELAY_BUCKETS = (1.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 900.0, 3600.0)


class Metrics:
    """The process's metric objects (see OPERATIONS.md for what each one means)."""

    def __init__(self, registry: CollectorRegistry | None) -> None:
        self.registry = registry
        r = {"registry": registry}
        self.request_duration = Histogram(
            "samverkansbot_http_request_duration_seconds",
            "HTTP request latency by route and Slack request kind",
            ["route", "kind"],
            buckets=_LATENCY_BUCKETS,
            **r,
        )
        self.requests = Counter(
            "samverkansbot_http_requests",
            "HTTP requests by route, Slack request kind and status",
            ["route", "kind", "status"],
            **r,
        )
        self.deliveries = Counter(
            "samverkansbot_deliveries",
            "Reminder and broadcast deliveries by kind and outcome (sent, failed, skipped)",
            ["kind", "outcome"],
            **r,
        )
        self.deliveries_late = Counter(
            "samverkansbot_deliveries_late",
            f"Deliveries sent more than {LATE_AFTER_SECONDS:.0f} s after they were due",
            ["kind"],
            **r,
        )
        self.delivery_delay = Histogram(
            "samverkansbot_delivery_delay_seconds",
            "Time between a delivery's due time and its sending",
            ["kind"],
            buckets=_DELAY_BUCKETS,
            **r,
        )
        self.scheduler_lag = Gauge(
            "samverkansbot_scheduler_lag_seconds",
            "Time between the last tick's due time and its start",
            multiprocess_mode="livemax",
            **r,
        )
        self.tick_duration = Histogram(
            "samverkansbot_scheduler_tick_duration_seconds",
            "How long one scheduler tick took",
            buckets=_TICK_BUCKETS,
            **r,
        )
        self.last_tick = Gauge(
            "samverkansbot_scheduler_last_tick_timestamp_seconds",
            "Unix time when a tick last finished",
            multiprocess_mode="livemax",
            **r,
        )
        self.ticks_skipped = Counter(
            "samverkansbot_scheduler_ticks_skipped",
            "Ticks not run because the previous one was still running or ran too late",
            **r,
        )
        self.slack_rejected = Counter(
            "samverkansbot_slack_requests_rejected",
            "Requests to /slack/events turned away at the door, by status and reason",
            ["status", "reason"],
            **r,
        )
        self.tick_errors = Counter(
            "samverkansbot_scheduler_tick_errors", "Ticks that raised an exception", **r
        )


_metrics: Metrics | None = None


def metrics() -> Metrics:
    """This process's metrics, created on first use."""
    global _metrics
    if _metrics is None:
        multiprocess = bool(os.environ.get(MULTIPROC_ENV))
        _metrics = Metrics(None if multiprocess else CollectorRegistry())
    return _metrics


def enable_multiprocess() -> Path:
    """Switch to prometheus_client's multi-process mode (gunicorn with several workers).

    Uses `PROMETHEUS_MULTIPROC_DIR` when set, else a fresh temporary directory; old files in
    it are removed (counters restart with the server, as Prometheus expects). Call it in the
    gunicorn master before the workers fork.
    """
    global _metrics
    directory = os.environ.get(MULTIPROC_ENV)
    path = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="samverkansbot-metrics-"))
    path.mkdir(parents=True, exist_ok=True)
    for old in path.glob("*.db"):
        old.unlink()
    os.environ[MULTIPROC_ENV] = str(path)
    values.ValueClass = values.get_value_class()
    _metrics = None
    return path


def worker_exited(pid: int) -> None:
    """gunicorn `child_exit`: drop a dead worker's live gauges."""
    if os.environ.get(MULTIPROC_ENV):
        mark_process_dead(pid)


def render_metrics() -> tuple[bytes, str]:
    """The Prometheus text exposition of every worker's metrics, and its content type."""
    directory = os.environ.get(MULTIPROC_ENV)
    if directory:
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=directory)
    else:
        registry = metrics().registry or CollectorRegistry()
    return generate_latest(registry), CONTENT_TYPE_LATEST


def metrics_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    """GET /metrics."""
    if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
        start_response("405 Method Not Allowed", [("Content-Length", "0"), ("Allow", "GET")])
        return []
    data, content_type = render_metrics()
    start_response("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(data)))])
    return [data]


# --------------------------------------------------------------------------- deliveries


def log_delivery(
    *,
    kind: str,
    outcome: str,
    item_id: int | str | None = None,
    network: str | None = None,
    channel: str | None = None,
    due_at: datetime | None = None,
    sent_at: datetime | None = None,
    error: str | None = None,
    attempt: int | None = None,
) -> None:
    """Record one delivery's final outcome: a log line and the delivery metrics.

    kind: what was delivered ("reminder", "broadcast", ...); outcome: "sent", "failed" or
    "skipped"; item_id: the database id of the reminder/delivery; channel: a channel ID
    (C.../G...) is logged, a DM or user ID only as "dm" (no personal data); error: Slack's
    error code (e.g. "channel_not_found"), never a message text. A sent delivery whose
    `sent_at - due_at` exceeds LATE_AFTER_SECONDS also counts as late.
    """
    if outcome not in DELIVERY_OUTCOMES:
        raise ValueError(f"outcome must be one of {DELIVERY_OUTCOMES}, not {outcome!r}")
    m = metrics()
    m.deliveries.labels(kind=kind, outcome=outcome).inc()
    fields: dict[str, Any] = {"event": "delivery", "kind": kind, "outcome": outcome}
    if item_id is not None:
        fields["item_id"] = item_id
    if network:
        fields["network"] = network
    if channel:
        fields["channel"] = channel if channel[:1] in ("C", "G") else "dm"
    if attempt is not None:
        fields["attempt"] = attempt
    if error:
        fields["error"] = _clip(error)
    if due_at is not None:
        fields["due"] = due_at.astimezone(UTC).isoformat()
        if outcome == "sent":
            delay = max(((sent_at or datetime.now(UTC)) - due_at).total_seconds(), 0.0)
            fields["delay_s"] = round(delay, 3)
            m.delivery_delay.labels(kind=kind).observe(delay)
            if delay > LATE_AFTER_SECONDS:
                fields["late"] = True
                m.deliveries_late.labels(kind=kind).inc()
    level = logging.WARNING if outcome == "failed" else logging.INFO
    delivery_log.log(level, "delivery %s %s", kind, outcome, extra=fields)


# --------------------------------------------------------------------------- scheduler


def instrument_scheduler(scheduler: Any) -> None:
    """Scheduler lag (due time -> start of a tick), tick duration and skipped ticks."""
    from apscheduler.events import (
        EVENT_JOB_ERROR,
        EVENT_JOB_EXECUTED,
        EVENT_JOB_MAX_INSTANCES,
        EVENT_JOB_MISSED,
        EVENT_JOB_SUBMITTED,
    )

    started: dict[str, float] = {}

    def submitted(event: Any) -> None:
        due = max(event.scheduled_run_times)
        metrics().scheduler_lag.set(max((datetime.now(UTC) - due).total_seconds(), 0.0))
        started[event.job_id] = time.perf_counter()

    def finished(event: Any) -> None:
        m = metrics()
        begun = started.pop(event.job_id, None)
        if begun is not None:
            m.tick_duration.observe(time.perf_counter() - begun)
        m.last_tick.set(time.time())
        if event.exception is not None:
            m.tick_errors.inc()

    def skipped(event: Any) -> None:
        metrics().ticks_skipped.inc()

    scheduler.add_listener(submitted, EVENT_JOB_SUBMITTED)
    scheduler.add_listener(finished, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    scheduler.add_listener(skipped, EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)


# --------------------------------------------------------------------------- HTTP requests


def _clip(value: Any) -> str:
    return str(value)[:_MAX_FIELD]


REQUEST_INFO_KEY = "samverkansbot.request_info"
"""Where a route leaves what its request's log line should say (see `bot.web.door`)."""


def instrument_wsgi(app: WSGIApp, route_of: Callable[[str], str]) -> WSGIApp:
    """Wrap `app`: one JSON log line and one latency sample per request.

    `route_of(path)` names the route for logs and metric labels ("/slack/events",
    "/healthz", a feature's prefix, or "other"), so a path carrying a secret (a calendar
    feed's token) is never logged and arbitrary paths cannot blow up the label set.
    """

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        began = time.perf_counter()
        path = environ.get("PATH_INFO", "")
        route = route_of(path)
        seen: dict[str, int] = {}

        def recording_start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
            seen["status"] = int(status.split(" ", 1)[0])
            return start_response(status, headers, exc_info)

        status = 500
        try:
            result = app(environ, recording_start_response)
            try:
                chunks = list(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
            status = seen.get("status", 500)
            return chunks
        finally:
            info = environ.get(REQUEST_INFO_KEY) or {}
            _record_request(environ, route, info, status, time.perf_counter() - began)

    return application


# (metrics object, route, kind, status) -> the request's histogram and counter children: a
# dict read needs no lock, where `labels()` takes the metric's lock and sorts its arguments
_request_children: dict[tuple[Any, str, str, int], tuple[Any, Any]] = {}


def _request_metrics(route: str, label: str, status: int) -> tuple[Any, Any]:
    m = metrics()
    key = (m, route, label, status)
    children = _request_children.get(key)
    if children is None:
        children = (
            m.request_duration.labels(route=route, kind=label),
            m.requests.labels(route=route, kind=label, status=str(status)),
        )
        if len(_request_children) > 1000:  # metrics were recreated (tests): start again
            _request_children.clear()
        _request_children[key] = children
    return children


def _record_request(
    environ: dict[str, Any], route: str, info: dict[str, Any], status: int, seconds: float
) -> None:
    kind = info.get("slack_kind", "")
    label = kind if kind in SLACK_KINDS else ("other" if kind else "http")
    try:
        duration, count = _request_metrics(route, label, status)
        duration.observe(seconds)
        count.inc()
    except Exception:  # metrics must never break a request
        logging.getLogger(__name__).exception("could not record request metrics")
    level = logging.WARNING if "rejected" in info else logging.INFO
    if not log.isEnabledFor(level):  # nothing would emit the line: do not build it
        return
    method = _clip(environ.get("REQUEST_METHOD", ""))
    fields = {
        "event": "http_request",
        "method": method,
        "path": route,
        "status": status,
        "duration_ms": round(seconds * 1000, 1),
        **info,
    }
    log.log(level, "%s %s %s", method, route, status, extra=fields)
