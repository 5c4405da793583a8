"""The door of /slack/events, through real HTTP: size first, then the signature, then the shape.

Nothing unsigned or mis-signed gets past 401, nothing oddly shaped gets a 5xx, and no refusal
leaves a traceback in the log.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SIGNING_SECRET, LiveBot
from tests.fake_slack.signing import slash_command
from tests.process.support import get

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def signed(body: bytes, timestamp: str | None = None, secret: str = SIGNING_SECRET) -> dict:
    ts = timestamp if timestamp is not None else str(int(time.time()))
    digest = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + digest.hexdigest()}


def post(bot: LiveBot, body: bytes, content_type: str, headers: dict | None = None):
    return bot.slack.post_raw(body, {"Content-Type": content_type, **(headers or {})})


class Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def tracebacks(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.exc_info or "Traceback" in r.getMessage()]

    def rejections(self) -> list[dict]:
        return [
            {"status": r.status, "reason": r.rejected}  # type: ignore[attr-defined]
            for r in self.records
            if getattr(r, "event", None) == "http_request" and hasattr(r, "rejected")
        ]


@pytest.fixture
def log() -> Iterator[Captured]:
    captured = Captured()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(captured)
    root.setLevel(logging.DEBUG)
    yield captured
    root.removeHandler(captured)
    root.setLevel(old_level)


def slack_calls(bot: LiveBot) -> int:
    return len(bot.fake.calls())


def command_body(text: str = "områden") -> bytes:
    return slash_command(text, "UVISITOR01").body.encode()


# --------------------------------------------------------------------------- 401


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{bad", JSON),
        (b"payload=garbage", FORM),
        (b"", FORM),
        (b"\xff\xfe\x00", FORM),
        (b'{"type": "url_verification", "challenge": "x"}', JSON),
    ],
)
def test_unsigned_requests_are_401_with_an_empty_body(
    bot: LiveBot, log: Captured, body: bytes, content_type: str
) -> None:
    result = post(bot, body, content_type)
    assert (result.status, result.text) == (401, "")
    assert log.tracebacks() == []
    assert log.rejections() == [{"status": 401, "reason": "signature headers missing"}]


def test_every_bad_signature_is_401_and_counted(bot: LiveBot, log: Captured) -> None:
    body = command_body()
    now = str(int(time.time()))
    cases = {
        "signature headers missing": {"X-Slack-Request-Timestamp": "", "X-Slack-Signature": ""},
        "timestamp is not a number": signed(body, timestamp="abc"),
        "timestamp too old or too new": signed(body, timestamp=str(int(time.time()) - 600)),
        "signature malformed": {"X-Slack-Request-Timestamp": now, "X-Slack-Signature": "v0=bad"},
        "signature does not match": signed(body, secret="another-secret"),
    }
    for reason, headers in cases.items():
        result = post(bot, body, FORM, headers)
        assert (result.status, result.text) == (401, ""), reason
    tampered = post(bot, body + b"x", FORM, signed(body))  # one byte appended after signing
    assert (tampered.status, tampered.text) == (401, "")
    assert [r["reason"] for r in log.rejections()] == [*cases, "signature does not match"]
    assert log.tracebacks() == []
    assert slack_calls(bot) == 0
    metrics = get(bot.url + "metrics")[1]
    assert 'samverkansbot_slack_requests_rejected_total{reason="timestamp is not a number"' in (
        metrics
    )


# --------------------------------------------------------------------------- 400 and 413


def _interaction(payload: object) -> bytes:
    return urlencode({"payload": json.dumps(payload)}).encode()


SIGNED_BUT_MISSHAPEN = {
    "a JSON list": (b"[1,2,3]", JSON),
    "JSON null": (b"null", JSON),
    "a payload that is a list": (b"payload=[]", FORM),
    "a payload that is not JSON": (b"payload=garbage", FORM),
    "block_actions without actions": (
        _interaction({"type": "block_actions", "user": {"id": "U1"}}),
        FORM,
    ),
    "block_actions with a non-object action": (
        _interaction({"type": "block_actions", "actions": [1]}),
        FORM,
    ),
    "view_submission without view": (_interaction({"type": "view_submission"}), FORM),
    "a user that is a string": (
        _interaction({"type": "view_submission", "view": {}, "user": "U1"}),
        FORM,
    ),
    "a form body sent as JSON": (command_body(), JSON),
    "an event_callback without event": (b'{"type": "event_callback"}', JSON),
    "an event that is a list": (b'{"type": "event_callback", "event": []}', JSON),
    "a form with neither command nor payload": (b"a=b&c=d", FORM),
    "bytes that are not UTF-8": (b"\xff\xfe\x00", FORM),
}


@pytest.mark.parametrize("case", list(SIGNED_BUT_MISSHAPEN))
def test_signed_bodies_that_slack_never_sends_are_400(
    bot: LiveBot, log: Captured, case: str
) -> None:
    body, content_type = SIGNED_BUT_MISSHAPEN[case]
    result = post(bot, body, content_type, signed(body))
    assert (result.status, result.text) == (400, "")
    [rejection] = log.rejections()
    assert rejection["status"] == 400
    assert log.tracebacks() == []
    assert slack_calls(bot) == 0


def test_a_body_above_one_megabyte_is_413_before_it_is_read(bot: LiveBot, log: Captured) -> None:
    # It declares 2 MiB and sends a little: the door answers on the declared length alone.
    body = b"payload=" + b"x" * 100
    result = post(bot, body, FORM, {"Content-Length": str(2 * 1024 * 1024), **signed(body)})
    assert (result.status, result.text) == (413, "")
    assert log.rejections() == [{"status": 413, "reason": "body too large"}]


def test_a_signed_command_still_gets_its_answer(bot: LiveBot) -> None:
    body = command_body("områden")
    result = post(bot, body, FORM, signed(body))
    assert result.status == 200
    assert "Lärarförsörjning" in json.dumps(result.json(), ensure_ascii=False)


# --------------------------------------------------------------------------- property


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=12,
)
SLACK_KEYS = st.sampled_from(
    ["type", "event", "actions", "view", "user", "team", "channel", "callback_id", "action_id"]
)
SLACK_LIKE = st.dictionaries(
    SLACK_KEYS,
    st.one_of(
        st.sampled_from(["block_actions", "view_submission", "event_callback", "shortcut"]),
        JSON_VALUES,
    ),
    max_size=5,
)
BODIES = st.one_of(
    st.binary(max_size=200).map(lambda b: (b, FORM)),
    st.binary(max_size=200).map(lambda b: (b, JSON)),
    JSON_VALUES.map(lambda v: (json.dumps(v).encode(), JSON)),
    SLACK_LIKE.map(lambda v: (json.dumps(v).encode(), JSON)),
    SLACK_LIKE.map(lambda v: (_interaction(v), FORM)),
    st.dictionaries(st.sampled_from(["payload", "command", "text", "x"]), st.text(max_size=30))
    .map(lambda d: urlencode(d).encode())
    .map(lambda b: (b, FORM)),
)
SIGNING = st.sampled_from(["valid", "none", "wrong secret", "stale", "not a number", "tampered"])


def _headers_for(body: bytes, how: str) -> tuple[bytes, dict]:
    if how == "valid":
        return body, signed(body)
    if how == "none":
        return body, {}
    if how == "wrong secret":
        return body, signed(body, secret="not-the-secret")
    if how == "stale":
        return body, signed(body, timestamp=str(int(time.time()) - 3600))
    if how == "not a number":
        return body, signed(body, timestamp="12a")
    return body + b"!", signed(body)  # tampered after signing


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(request=BODIES, how=SIGNING)
def test_no_request_gets_a_5xx_and_only_signed_ones_get_past_401(
    bot: LiveBot, log: Captured, request: tuple[bytes, str], how: str
) -> None:
    log.records.clear()  # one log per example: hypothesis runs them all in one test
    body, content_type = request
    sent, headers = _headers_for(body, how)
    result = post(bot, sent, content_type, headers)
    assert result.status < 500, (result.status, result.text)
    if how != "valid":
        assert (result.status, result.text) == (401, "")
    assert log.tracebacks() == []
    assert get(bot.url + "healthz")[0] == 200
