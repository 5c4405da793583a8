"""The door of POST /slack/events: size, signature, then shape, before anything reads the body.

Order matters. A request is checked in this order, and the first failure answers:
1. its size (413 above `MAX_BODY_BYTES`, read no further than that);
2. Slack's signature over the raw bytes (401 with an empty body for a missing, empty,
   non-numeric or stale timestamp, a malformed or wrong signature, or a mutated body);
3. its shape, now that Slack vouches for it: a body Slack would never send is 400.

Only then does Bolt see the request. Nothing of the bot's own (dedupe, logs, metrics, the
network lookup) reads a field of a body that did not pass. Every refusal is one log line
without a traceback (the request's own `http_request` line carries the reason) and one count
in `samverkansbot_slack_requests_rejected{reason}`.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from bot.core.observability import REQUEST_INFO_KEY, metrics

log = logging.getLogger(__name__)

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

MAX_BODY_BYTES = 1024 * 1024
"""Slack's payloads are far below this (a modal's view is capped at a few hundred KB)."""

MAX_CLOCK_SKEW_SECONDS = 5 * 60
"""Slack's own rule: a request older (or newer) than five minutes may be a replay."""

_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")
_MAX_FIELD = 80

_STATUS_LINES = {400: "400 Bad Request", 401: "401 Unauthorized", 413: "413 Content Too Large"}


class Refused(Exception):
    """A request the door turns away: its HTTP status and a short reason for the log."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def slack_door(
    bolt: WSGIApp, signing_secret: str | None, *, now: Callable[[], float] = time.time
) -> WSGIApp:
    """Wrap Bolt's WSGI handler so that it only ever sees signed, well-formed Slack requests."""
    secret = (signing_secret or "").encode()

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            return bolt(environ, start_response)
        info: dict[str, Any] = {}
        environ[REQUEST_INFO_KEY] = info
        try:
            body = read_body(environ)
            verify_signature(secret, environ, body, now())
            payload = parse_payload(body, environ.get("CONTENT_TYPE", ""))
        except Refused as refused:
            return refuse(refused, info, start_response)
        info.update(describe(payload, environ))
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        try:
            return bolt(environ, start_response)
        except Exception as error:  # Bolt could not read a verified body
            # Listener and middleware failures never get here (Bolt hands them to the app's
            # error handler); what does is a shape of nested field that Bolt cannot read.
            refused = Refused(400, f"bolt could not read it: {type(error).__name__}")
            return refuse(refused, info, start_response)

    return application


def read_body(environ: dict[str, Any]) -> bytes:
    """The raw body, at most `MAX_BODY_BYTES`; a larger one is refused before it is read."""
    declared = environ.get("CONTENT_LENGTH") or ""
    if declared:
        if not declared.isdigit():
            raise Refused(400, "content-length is not a number")
        if int(declared) > MAX_BODY_BYTES:
            raise Refused(413, "body too large")
        return environ["wsgi.input"].read(int(declared)) if int(declared) else b""
    body = environ["wsgi.input"].read(MAX_BODY_BYTES + 1)  # chunked: no length declared
    if len(body) > MAX_BODY_BYTES:
        raise Refused(413, "body too large")
    return body


def verify_signature(secret: bytes, environ: dict[str, Any], body: bytes, now: float) -> None:
    """Slack's v0 signature over `v0:{timestamp}:{body}`, checked in constant time."""
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
    signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
    if not secret:
        raise Refused(401, "no signing secret configured")
    if not timestamp or not signature:
        raise Refused(401, "signature headers missing")
    if not _TIMESTAMP.fullmatch(timestamp):
        raise Refused(401, "timestamp is not a number")
    if abs(now - int(timestamp)) > MAX_CLOCK_SKEW_SECONDS:
        raise Refused(401, "timestamp too old or too new")
    if not _SIGNATURE.fullmatch(signature):
        raise Refused(401, "signature malformed")
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret, base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        raise Refused(401, "signature does not match")


# --------------------------------------------------------------------------- shape


def parse_payload(body: bytes, content_type: str) -> dict[str, Any]:
    """The request as Bolt will read it, if it has a shape Slack sends; else `Refused(400)`.

    Bolt reads JSON when the content type says so or the body starts with `{`, else a form:
    a `payload` field holding JSON (interactivity), or the fields of a slash command.
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "body is not UTF-8") from None
    if content_type.split(";")[0].strip() == "application/json" or text.startswith("{"):
        return _event_shape(_json_object(text))
    try:
        form = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text))
    except ValueError:
        raise Refused(400, "form body malformed") from None
    if "payload" in form:
        return _interactive_shape(_json_object(form["payload"][0]))
    if "command" in form:
        return _command_shape({key: values[0] for key, values in form.items()})
    if "ssl_check" in form:
        return {"ssl_check": form["ssl_check"][0]}
    raise Refused(400, "form is neither a command nor an interaction")


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        raise Refused(400, "body is not JSON") from None
    if not isinstance(value, dict):
        raise Refused(400, "JSON body is not an object")
    return value


def _require(condition: bool, reason: str) -> None:
    if not condition:
        raise Refused(400, reason)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _optional_dict(payload: dict[str, Any], *keys: str) -> None:
    for key in keys:
        value = payload.get(key)
        _require(value is None or isinstance(value, dict), f"{key} is not an object")


_EVENT_ENVELOPES = frozenset({"url_verification", "event_callback", "app_rate_limited"})


def _event_shape(payload: dict[str, Any]) -> dict[str, Any]:
    """Events API: `url_verification`, `event_callback` with its event, or `app_rate_limited`."""
    kind = payload.get("type")
    _require(isinstance(kind, str) and kind in _EVENT_ENVELOPES, "not an Events API envelope")
    if kind == "url_verification":
        _require(_is_text(payload.get("challenge")), "url_verification without challenge")
    event = payload.get("event")
    _require("event" not in payload or isinstance(event, dict), "event is not an object")
    if kind == "event_callback":
        _require(isinstance(event, dict), "event_callback without event")
        _require(_is_text(event.get("type")), "event without type")
        _optional_dict(event, "channel_type_info", "item")
        authorizations = payload.get("authorizations")
        _require(
            authorizations is None
            or (
                isinstance(authorizations, list)
                and all(isinstance(a, dict) for a in authorizations)
            ),
            "authorizations is not a list of objects",
        )
    _optional_dict(payload, "enterprise")
    _require("actions" not in payload, "an event carrying actions")
    return payload


_INTERACTION_NEEDS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "block_actions": lambda p: bool(p.get("actions")),
    "block_suggestion": lambda p: _is_text(p.get("action_id")),
    "view_submission": lambda p: isinstance(p.get("view"), dict),
    "view_closed": lambda p: isinstance(p.get("view"), dict),
    "shortcut": lambda p: _is_text(p.get("callback_id")),
    "message_action": lambda p: _is_text(p.get("callback_id")),
    "interactive_message": lambda p: _is_text(p.get("callback_id")),
    "dialog_submission": lambda p: _is_text(p.get("callback_id")),
    "dialog_cancellation": lambda p: _is_text(p.get("callback_id")),
    "dialog_suggestion": lambda p: _is_text(p.get("callback_id")),
    "workflow_step_edit": lambda p: _is_text(p.get("callback_id")),
}


def _interactive_shape(payload: dict[str, Any]) -> dict[str, Any]:
    """Interactivity: a typed payload with the fields its type cannot do without."""
    kind = payload.get("type")
    needs = _INTERACTION_NEEDS.get(kind) if isinstance(kind, str) else None
    _require(needs is not None, "not a kind of interaction")
    _require(needs(payload), f"{kind} without its fields")
    _optional_dict(payload, "user", "team", "channel", "enterprise", "view", "container")
    _require("event" not in payload, "an interaction carrying an event")
    actions = payload.get("actions", [])
    _require(
        isinstance(actions, list)
        and all(isinstance(a, dict) and _is_text(a.get("action_id")) for a in actions),
        "actions is not a list of actions",
    )
    view = payload.get("view")
    if isinstance(view, dict):
        _optional_dict(view, "state")
    return payload


def _command_shape(form: dict[str, str]) -> dict[str, Any]:
    _require(form["command"].startswith("/"), "command does not start with /")
    return form


# --------------------------------------------------------------------------- log and answer


def _clip(value: Any) -> str:
    return str(value)[:_MAX_FIELD]


def describe(payload: dict[str, Any], environ: dict[str, Any]) -> dict[str, Any]:
    """What the log line may say of a verified request: identifiers only, never text or users."""
    info: dict[str, Any] = {}
    retry = environ.get("HTTP_X_SLACK_RETRY_NUM")
    if retry:
        info["slack_retry"] = _clip(retry)
    if "command" in payload and "type" not in payload:
        info.update(slack_kind="command", slack_command=_clip(payload["command"]))
        return info
    kind = payload.get("type")
    if kind == "event_callback":
        event = payload["event"]
        info.update(slack_kind="event", slack_event=_clip(event["type"]))
        if event.get("subtype"):
            info["slack_event_subtype"] = _clip(event["subtype"])
        return info
    if kind:
        info["slack_kind"] = _clip(kind)
    actions = payload.get("actions")
    if isinstance(actions, list) and actions:
        info["slack_action_id"] = _clip(actions[0]["action_id"])
    view = payload.get("view")
    callback_id = payload.get("callback_id") or (
        view.get("callback_id") if isinstance(view, dict) else None
    )
    if callback_id:
        info["slack_callback_id"] = _clip(callback_id)
    if kind == "block_suggestion":
        info["slack_action_id"] = _clip(payload["action_id"])
    return info


def refuse(
    refused: Refused, info: dict[str, Any], start_response: Callable[..., Any]
) -> list[bytes]:
    """Answer a refusal with an empty body; the request's log line carries the reason."""
    info["rejected"] = refused.reason
    try:
        metrics().slack_rejected.labels(status=str(refused.status), reason=refused.reason).inc()
    except Exception:  # metrics must never break a request
        log.warning("could not count a refused request")
    start_response(_STATUS_LINES[refused.status], [("Content-Length", "0")])
    return [b""]
