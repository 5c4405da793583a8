"""Structured logs (one JSON line per request and per delivery, secrets redacted, no personal
data) and the Prometheus endpoint, through the running app."""

from __future__ import annotations

import io
import json
import logging
import re
import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED

from bot.core import observability
from bot.web.server import Runtime
from tests.conftest import DEFAULT_NOW, LiveBot, make_settings
from tests.fake_slack import FakeSlack
from tests.process.support import get

TOKEN = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp"
APP_TOKEN = "xapp-1-A0001-1234567890-abcdef0123456789"


class Lines:
    """Log records as the production handler writes them: JSON lines, redacted."""

    def __init__(self) -> None:
        self.stream = io.StringIO()
        self.handler = logging.StreamHandler(self.stream)
        self.handler.setFormatter(observability.JsonFormatter())
        self.handler.addFilter(observability.RedactingFilter())

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    def records(self, **match: object) -> list[dict]:
        found = [json.loads(line) for line in self.text.splitlines()]
        return [r for r in found if all(r.get(k) == v for k, v in match.items())]


@pytest.fixture
def lines() -> Iterator[Lines]:
    captured = Lines()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(captured.handler)
    root.setLevel(logging.INFO)
    yield captured
    root.removeHandler(captured.handler)
    root.setLevel(old_level)


def metric(name: str, **labels: str) -> float:
    """The current value of one sample on GET /metrics (0 when absent)."""
    text = observability.render_metrics()[0].decode()
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    pattern = rf"^{re.escape(name)}(?:\{{{re.escape(wanted)}\}})? (\S+)$"
    match = re.search(pattern, text, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


def test_one_line_per_request_with_the_slack_kind_but_no_text_user_or_token(
    lines: Lines, bot: LiveBot
) -> None:
    before = metric(
        "samverkansbot_http_request_duration_seconds_count", route="/slack/events", kind="command"
    )
    assert bot.slack.command("vem Sala kommun", user="UPRIVATE01").status == 200
    assert bot.slack.command("områden", signature="v0=forged").status == 401
    bot.slack.action("UPRIVATE01", "some_button", "a value")
    assert get(bot.url + "healthz")[0] == 200
    assert get(bot.url + "nowhere/secret-feed-token.ics")[0] == 404
    feeds = [prefix for prefix in bot.runtime.routes if prefix != "/metrics"]
    for prefix in feeds:  # a feature's route (calendar feeds) may carry a token in its path
        get(bot.url + prefix.strip("/") + "/secret-feed-token.ics")

    [ok] = lines.records(event="http_request", slack_kind="command")
    assert ok["status"] == 200
    [forged] = lines.records(event="http_request", status=401)
    assert forged["rejected"] == "signature malformed"  # "v0=forged"
    assert "slack_kind" not in forged  # nothing of an unverified body is read, not even its kind
    assert ok["method"] == "POST" and ok["path"] == "/slack/events"
    assert ok["slack_command"] == "/samverkan" and ok["duration_ms"] >= 0
    [action] = lines.records(event="http_request", slack_kind="block_actions")
    assert action["slack_action_id"] == "some_button"
    [health] = lines.records(event="http_request", path="/healthz")
    assert health["status"] == 200
    [other] = lines.records(event="http_request", path="other")
    assert other["status"] == 404
    for prefix in feeds:
        assert len(lines.records(event="http_request", path=prefix)) == 1
    for private in ("Sala", "UPRIVATE01", "a value", "secret-feed-token"):
        assert private not in lines.text
    after = metric(
        "samverkansbot_http_request_duration_seconds_count", route="/slack/events", kind="command"
    )
    assert after == before + 1  # the forged one is not a command: its body was never read
    assert (
        metric(
            "samverkansbot_slack_requests_rejected_total",
            status="401",
            reason="signature malformed",
        )
        >= 1
    )


def test_metrics_endpoint_serves_prometheus_text(bot: LiveBot) -> None:
    bot.slack.command("hjälp")
    status, text = get(bot.url + "metrics")
    assert status == 200
    for name in (
        "samverkansbot_http_request_duration_seconds_bucket",
        "samverkansbot_http_requests_total",
        "samverkansbot_deliveries_total",
        "samverkansbot_scheduler_lag_seconds",
        "samverkansbot_scheduler_tick_duration_seconds",
    ):
        assert f"# TYPE {name.removesuffix('_bucket').removesuffix('_total')}" in text, name


def test_secrets_are_redacted_from_messages_arguments_tracebacks_and_fields(
    lines: Lines,
) -> None:
    settings = make_settings(
        "postgresql+psycopg://bot:pg-Secret-99@db/samverkan",
        "http://127.0.0.1:1/api/",
        slack_signing_secret="sign-Secret-1234567",
        slack_app_token=APP_TOKEN,
    )
    observability.register_settings_secrets(settings)
    log = logging.getLogger("bot.some_feature")
    log.warning("token %s and secret %s", TOKEN, "sign-Secret-1234567")
    log.info("url postgresql+psycopg://bot:pg-Secret-99@db/x", extra={"detail": APP_TOKEN})
    try:
        raise RuntimeError(f"Slack said no to {TOKEN} with xoxp-999-personal-token")
    except RuntimeError:
        log.exception("failed")
    text = lines.text
    for secret in (TOKEN, "sign-Secret-1234567", "pg-Secret-99", APP_TOKEN, "xoxp-999"):
        assert secret not in text
    assert text.count("[redacted]") >= 6
    assert "RuntimeError" in text  # the traceback is kept, only the secret is gone


def test_a_refused_request_is_logged_without_its_body(lines: Lines, bot: LiveBot) -> None:
    # `lines` first: Bolt copies the root level (INFO, as in production) when the app is built.
    bot.slack.command("vem Köping", user="UPRIVATE02", signature="v0=bad")
    assert "signature malformed" in lines.text
    assert "UPRIVATE02" not in lines.text and "K\\u00f6ping" not in lines.text


def test_log_delivery_writes_one_line_and_counts_sent_late_failed_and_skipped(
    lines: Lines,
) -> None:
    def count(outcome: str) -> float:
        return metric("samverkansbot_deliveries_total", kind="reminder", outcome=outcome)

    def late() -> float:
        return metric("samverkansbot_deliveries_late_total", kind="reminder")

    start = {o: count(o) for o in observability.DELIVERY_OUTCOMES}
    start_late = late()
    due = DEFAULT_NOW
    observability.log_delivery(
        kind="reminder",
        outcome="sent",
        item_id=7,
        network="vastmanland",
        channel="C0AREA",
        due_at=due,
        sent_at=due + timedelta(seconds=4),
    )
    observability.log_delivery(
        kind="reminder",
        outcome="sent",
        item_id=8,
        channel="U0PERSON",
        due_at=due,
        sent_at=due + timedelta(minutes=5),
    )
    observability.log_delivery(
        kind="reminder", outcome="failed", item_id=9, channel="C0GONE", error="is_archived"
    )
    observability.log_delivery(kind="reminder", outcome="skipped", item_id=10)
    with pytest.raises(ValueError):
        observability.log_delivery(kind="reminder", outcome="maybe")

    assert count("sent") == start["sent"] + 2
    assert count("failed") == start["failed"] + 1
    assert count("skipped") == start["skipped"] + 1
    assert late() == start_late + 1
    records = lines.records(event="delivery")
    assert [r["item_id"] for r in records] == [7, 8, 9, 10]
    on_time, late_one, failed, skipped = records
    assert on_time["channel"] == "C0AREA" and on_time["delay_s"] == 4.0 and "late" not in on_time
    assert late_one["channel"] == "dm" and late_one["late"] is True  # no user ID in logs
    assert failed["level"] == "warning" and failed["error"] == "is_archived"
    assert skipped["outcome"] == "skipped"
    assert "U0PERSON" not in lines.text


def test_scheduler_reports_lag_and_tick_duration(database_url: str, fake_slack: FakeSlack) -> None:
    runtime = Runtime.create(make_settings(database_url, fake_slack.url))
    assert runtime.clock is not None
    ticked = threading.Event()
    runtime.clock.scheduler.add_listener(
        lambda _: ticked.set(), EVENT_JOB_EXECUTED | EVENT_JOB_ERROR
    )
    before = metric("samverkansbot_scheduler_tick_duration_seconds_count")
    runtime.start()
    try:
        assert ticked.wait(30), "the first tick never ran"
    finally:
        runtime.stop()
    assert metric("samverkansbot_scheduler_tick_duration_seconds_count") == before + 1
    assert metric("samverkansbot_scheduler_lag_seconds") >= 0
    assert metric("samverkansbot_scheduler_last_tick_timestamp_seconds") > 0
