"""A fake Slack Web API served over real HTTP, for end-to-end bot tests.

``FakeSlack`` runs a ``ThreadingHTTPServer`` on 127.0.0.1 (free port) and answers
Web API calls the way slack.com does: it authenticates the token, validates
Block Kit payloads, keeps enough state (posted messages, views, uploads) to
answer follow-up reads realistically, records every call, and can inject
faults (429 with ``Retry-After``, 5xx, ``ok: false`` errors, slow responses).

Typical use::

    with FakeSlack() as fake:
        client = WebClient(token="xoxb-test", base_url=fake.url)
        ...
        [call] = fake.wait_for("chat.postMessage")
        assert call.params["channel"] == "C0GENERAL"
        assert fake.violations == []
"""

from __future__ import annotations

import base64
import email.policy
import json
import logging
import mimetypes
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlsplit

from . import recorder
from .blockkit import validate_blocks, validate_metadata, validate_text, validate_view

logger = logging.getLogger(__name__)

TEAM_ID = "T0001"
TEAM_NAME = "Example"
TEAM_DOMAIN = "example"
APP_ID = "A0001"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
BOT_NAME = "samverkansbot"
WORKSPACE_URL = f"https://{TEAM_DOMAIN}.slack.com/"

API_PREFIX = "/api/"
UPLOAD_PREFIX = "/upload/"
RESPONSE_URL_PREFIX = "/response_url/"
#: Pseudo method name under which POSTs to an upload URL are recorded.
UPLOAD_METHOD = "upload"
#: Pseudo method name under which POSTs to a ``response_url`` are recorded.
RESPONSE_URL_METHOD = "response_url"

MESSAGE_METHODS = frozenset(
    {"chat.postMessage", "chat.postEphemeral", "chat.update", "chat.scheduleMessage"}
)
VIEW_METHODS = frozenset({"views.open", "views.push", "views.update", "views.publish"})

Params = dict[str, Any]
ParamsPredicate = Callable[[Params], bool]
CallPredicate = Callable[["Call"], bool]
Responder = dict[str, Any] | Callable[[Params], dict[str, Any]]


# --- records -------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One HTTP request received by the fake, with the answer it got.

    ``params`` merges query string and body (form values stay ``str``; JSON
    bodies keep their JSON types).  ``headers`` keys are lower-case.
    ``at`` is ``time.time()`` on arrival; ``status`` the HTTP status answered.
    """

    method: str
    params: Params
    headers: dict[str, str]
    at: float
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the call got HTTP 200 with ``"ok": true``."""
        return self.status == 200 and self.response.get("ok") is True

    @property
    def error(self) -> str | None:
        """The ``error`` field of the answer, if any."""
        return self.response.get("error")

    @property
    def token(self) -> str | None:
        """The token sent, from the ``Authorization`` header or ``token`` param."""
        return _token_of(self.params, self.headers)

    def json_param(self, name: str) -> Any:
        """Return param ``name`` JSON-decoded when it was sent as a JSON string."""
        return _decode_json(self.params.get(name))

    @property
    def blocks(self) -> Any:
        """Decoded ``blocks`` param (``None`` when absent)."""
        return self.json_param("blocks")

    @property
    def view(self) -> Any:
        """Decoded ``view`` param (``None`` when absent)."""
        return self.json_param("view")

    @property
    def metadata(self) -> Any:
        """Decoded ``metadata`` param (``None`` when absent)."""
        return self.json_param("metadata")


@dataclass
class Fault:
    """A programmed failure; see :meth:`FakeSlack.fail`."""

    method: str
    status: int
    error: str | None
    retry_after: int | None
    remaining: int | None
    when: ParamsPredicate | None = None
    hits: int = 0

    def matches(self, method: str, params: Params) -> bool:
        """Whether this fault applies to a call (and has uses left)."""
        if self.remaining is not None and self.remaining <= 0:
            return False
        if self.method not in ("*", method):
            return False
        return self.when is None or bool(self.when(params))

    def reply(self) -> _Reply:
        """The HTTP answer this fault produces."""
        if self.status == 429:
            headers = {"Retry-After": str(self.retry_after)} if self.retry_after is not None else {}
            return _Reply(429, {"ok": False, "error": self.error or "ratelimited"}, headers)
        if self.status >= 500:
            return _Reply(self.status, {"ok": False, "error": self.error or "internal_error"})
        return _Reply(self.status, {"ok": False, "error": self.error or "fatal_error"})


class _Reply(NamedTuple):
    status: int
    payload: dict[str, Any]
    headers: dict[str, str] = {}
    text: str | None = None  # wire body when not the JSON of ``payload``


class _BadRequest(Exception):
    """Raised while parsing a request that Slack would refuse."""


# --- the fake ------------------------------------------------------------------


class Hold(threading.Event):
    """A method held by :meth:`FakeSlack.hold`: ``set()`` releases it; ``arrived`` is set when
    a call has come and waits."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived = threading.Event()


class FakeSlack:
    """Threaded HTTP fake of the Slack Web API; see the module docstring.

    Mutable state tests may seed or inspect:

    * ``users[uid]``: overrides merged into ``users.info`` answers.
    * ``channels[cid]``: overrides merged into ``conversations.info``; set
      ``is_archived=True`` or ``is_member=False`` to get ``is_archived`` /
      ``not_in_channel`` from ``chat.postMessage``.
    * ``uploads[file_id]``: bytes received on upload URLs; ``files[file_id]``
      holds filename, declared length, title, channel_id, initial_comment...
    * ``views[view_id]``, ``home_views[user_id]``: views opened / published.
    * ``reactions``: set of ``(channel, ts, name)`` added.
    * ``violations``: Block Kit and protocol problems found; assert it is ``[]``.
    """

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        """Create a stopped fake; ``clock`` seeds message timestamps (``ts``)."""
        self._clock = clock
        self._lock = threading.Condition(threading.RLock())
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._calls: list[Call] = []
        self._faults: list[Fault] = []
        self._delays: dict[str, float] = {}
        self._holds: dict[str, Hold] = {}
        self._responders: dict[str, Responder] = {}
        self._messages: dict[str, list[dict[str, Any]]] = {}
        self._last_ts_us = 0
        self._counter = 0
        self.violations: list[str] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.channels: dict[str, dict[str, Any]] = {}
        self.uploads: dict[str, bytes] = {}
        self.files: dict[str, dict[str, Any]] = {}
        self.views: dict[str, dict[str, Any]] = {}
        self.home_views: dict[str, dict[str, Any]] = {}
        self.reactions: set[tuple[str, str, str]] = set()
        self._api: dict[str, Callable[[Params], dict[str, Any]]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
            "chat.getPermalink": self._chat_get_permalink,
            "chat.scheduleMessage": self._chat_schedule_message,
            "conversations.open": self._conversations_open,
            "conversations.history": self._conversations_history,
            "conversations.replies": self._conversations_replies,
            "conversations.info": self._conversations_info,
            "conversations.join": self._conversations_join,
            "users.info": self._users_info,
            "views.open": self._views_open,
            "views.push": self._views_open,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
            "files.upload": lambda _params: {"ok": False, "error": "method_deprecated"},
            "reactions.add": self._reactions_add,
        }

    # --- lifecycle ------------------------------------------------------------

    def start(self) -> FakeSlack:
        """Start serving on 127.0.0.1 with a free port; returns ``self``."""
        if self._server is not None:
            return self
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.01},
            name="fake-slack",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port (idempotent)."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        with self._lock:
            for gate in self._holds.values():  # nothing may stay stuck on a stopped server
                gate.set()
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The TCP port served on (only while started)."""
        if self._server is None:
            raise RuntimeError("FakeSlack is not started")
        return int(self._server.server_address[1])

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT`` without trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """Web API base URL for ``WebClient(base_url=...)`` / ``SLACK_API_URL``."""
        return f"{self.base}{API_PREFIX}"

    def response_url(self, name: str = "default") -> str:
        """A ``response_url`` on this server; POSTs are recorded as ``"response_url"`` calls."""
        return f"{self.base}{RESPONSE_URL_PREFIX}{name}"

    # --- inspecting calls ---------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """All recorded calls, oldest first, optionally only those to ``method``."""
        with self._lock:
            return [c for c in self._calls if method is None or c.method == method]

    def successful(self, method: str | None = None) -> list[Call]:
        """Recorded calls that were answered HTTP 200 with ``ok: true``."""
        return [c for c in self.calls(method) if c.ok]

    def clear(self) -> None:
        """Forget recorded calls and violations (state such as messages is kept)."""
        with self._lock:
            self._calls.clear()
            self.violations.clear()

    def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        predicate: CallPredicate | None = None,
    ) -> list[Call]:
        """Block until at least ``count`` calls to ``method`` (matching ``predicate``) arrived.

        Returns all matching calls.  Raises ``AssertionError`` listing what was
        received instead when ``timeout`` seconds pass first.
        """
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                matching = [
                    c
                    for c in self._calls
                    if c.method == method and (predicate is None or predicate(c))
                ]
                if len(matching) >= count:
                    return matching
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"expected >= {count} call(s) to {method} within {timeout}s, "
                        f"got {len(matching)}.\n{self.summary()}"
                    )
                self._lock.wait(remaining)

    def assert_no_call(
        self, method: str, within: float = 0.3, predicate: CallPredicate | None = None
    ) -> None:
        """Wait ``within`` seconds, then assert no call to ``method`` was ever recorded."""
        time.sleep(within)
        found = [c for c in self.calls(method) if predicate is None or predicate(c)]
        if found:
            raise AssertionError(
                f"expected no call to {method}, got {len(found)}.\n" + self.summary()
            )

    def summary(self, last: int = 30) -> str:
        """Readable list of the last ``last`` recorded calls, for assertion messages."""
        calls = self.calls()
        lines = [f"received {len(calls)} call(s):"] + [f"  {_describe(c)}" for c in calls[-last:]]
        if self.violations:
            lines += ["violations:"] + [f"  {v}" for v in self.violations]
        return "\n".join(lines)

    def max_rate_per_channel(
        self, window: float = 1.0, method: str = "chat.postMessage"
    ) -> dict[str, int]:
        """Per channel, the most ``method`` calls that arrived within any ``window`` seconds.

        Every attempt counts, including rejected ones.  Slack allows about one
        message per second per channel, so a well-behaved bot keeps all values at 1.
        """
        arrivals: dict[str, list[float]] = {}
        for call in self.calls(method):
            channel = _normalize_channel(str(call.params.get("channel", "")))
            arrivals.setdefault(channel, []).append(call.at)
        return {
            channel: _max_in_window(sorted(times), window) for channel, times in arrivals.items()
        }

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """Messages stored for ``channel`` (posted or seeded), oldest first."""
        with self._lock:
            return [dict(m) for m in self._messages.get(_normalize_channel(channel), [])]

    def add_message(
        self,
        channel: str,
        text: str,
        *,
        user: str = "U0USER",
        ts: str | None = None,
        thread_ts: str | None = None,
        metadata: dict[str, Any] | None = None,
        blocks: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Seed a (human) message into a channel's history; returns the stored message."""
        message: dict[str, Any] = {"type": "message", "user": user, "text": text, "team": TEAM_ID}
        for key, value in (("thread_ts", thread_ts), ("metadata", metadata), ("blocks", blocks)):
            if value is not None:
                message[key] = value
        with self._lock:
            message["ts"] = ts or self._next_ts()
            self._store_message(_normalize_channel(channel), message)
        return dict(message)

    # --- programming behaviour ----------------------------------------------------

    def fail(
        self,
        method: str,
        *,
        status: int | None = None,
        retry_after: int | None = 1,
        times: int | None = 1,
        error: str | None = None,
        when: ParamsPredicate | None = None,
    ) -> Fault:
        """Make the next ``times`` calls to ``method`` (``"*"`` = any) fail.

        * default: HTTP 429 with ``Retry-After: retry_after`` (``None`` omits it);
        * ``status=500``/``503``: a server error;
        * ``error="channel_not_found"`` (status defaults to 200): ``{"ok": false, "error": ...}``.

        ``when(params)`` restricts the fault to matching calls.  ``times=None``
        fails forever.  Faulted calls are recorded with their ``status``.
        """
        if status is None:
            status = 200 if error is not None else 429
        fault = Fault(method, status, error, retry_after, times, when)
        with self._lock:
            self._faults.append(fault)
        return fault

    def fail_forever(self, method: str, **kwargs: Any) -> Fault:
        """Like :meth:`fail` with ``times=None``: every matching call fails until reset."""
        return self.fail(method, times=None, **kwargs)

    def delay(self, method: str, seconds: float) -> None:
        """Answer calls to ``method`` (``"*"`` = any) only after ``seconds``."""
        with self._lock:
            self._delays[method] = seconds

    def hold(self, method: str) -> Hold:
        """Keep calls to ``method`` waiting (Slack is stuck) until the returned hold is set.

        Unlike :meth:`delay` this needs no clock: a test can show that something happened
        *while* Slack had not answered yet (``hold.arrived`` is set once a call waits).
        :meth:`reset_faults` releases every hold.
        """
        gate = Hold()
        with self._lock:
            self._holds[method] = gate
        return gate

    def set_response(self, method: str, response: Responder) -> None:
        """Replace the default answer for ``method`` by a dict or ``callable(params) -> dict``.

        Token checks, validation and faults still apply first.
        """
        with self._lock:
            self._responders[method] = response

    def reset_faults(self) -> None:
        """Remove all programmed faults, delays and custom responses."""
        with self._lock:
            self._faults.clear()
            self._delays.clear()
            self._responders.clear()
            for gate in self._holds.values():
                gate.set()
            self._holds.clear()

    # --- request processing (called from server threads) -----------------------

    def _route(self, path: str, query: str, headers: dict[str, str], body: bytes) -> _Reply:
        try:
            if path.startswith(API_PREFIX):
                method = path[len(API_PREFIX) :]
                params = parse_params(query, headers.get("content-type", ""), body)
                return self._serve(
                    method, params, headers, lambda: self._answer_api(method, params, headers)
                )
            if path.startswith(UPLOAD_PREFIX):
                file_id = path[len(UPLOAD_PREFIX) :]
                params = {"file_id": file_id, "size": len(body)}
                return self._serve(
                    UPLOAD_METHOD,
                    params,
                    headers,
                    lambda: self._answer_upload(file_id, headers, body),
                )
            if path.startswith(RESPONSE_URL_PREFIX):
                params = _parse_response_url_body(headers.get("content-type", ""), body)
                params["name"] = path[len(RESPONSE_URL_PREFIX) :]
                return self._serve(
                    RESPONSE_URL_METHOD, params, headers, lambda: self._answer_response_url(params)
                )
            return _Reply(404, {"ok": False, "error": "unknown_path"})
        except _BadRequest as exc:
            self._violation(f"{path}: {exc}")
            return _Reply(200, {"ok": False, "error": str(exc)})
        except Exception as exc:  # a bug in the fake itself: fail loudly
            logger.exception("FakeSlack failed handling %s", path)
            self._violation(f"fake_slack internal error on {path}: {exc!r}")
            return _Reply(500, {"ok": False, "error": "fake_slack_internal_error"})

    def _serve(
        self, method: str, params: Params, headers: dict[str, str], answer: Callable[[], _Reply]
    ) -> _Reply:
        arrived = time.time()
        with self._lock:
            delay = self._delays.get(method, self._delays.get("*", 0.0))
            gate = self._holds.get(method)
        if delay:
            time.sleep(delay)
        if gate is not None:
            gate.arrived.set()
            gate.wait(timeout=60)
        fault = self._take_fault(method, params)
        reply = fault.reply() if fault is not None else answer()
        call = Call(method, params, headers, arrived, reply.status, reply.payload)
        if recorder.enabled():  # SAMVERKAN_RECORD_DIR: what the bot sent, for comparisons
            is_upload = method == UPLOAD_METHOD
            upload = self.uploads.get(str(params.get("file_id"))) if is_upload else None
            recorder.record_slack_call(method, params, reply.status, upload)
        with self._lock:
            self._calls.append(call)
            self._lock.notify_all()
        return reply

    def _take_fault(self, method: str, params: Params) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, params):
                    fault.hits += 1
                    if fault.remaining is not None:
                        fault.remaining -= 1
                    return fault
        return None

    def _answer_api(self, method: str, params: Params, headers: dict[str, str]) -> _Reply:
        token = _token_of(params, headers)
        if not token:
            return _Reply(200, {"ok": False, "error": "not_authed"})
        if not token.startswith("xox"):
            return _Reply(200, {"ok": False, "error": "invalid_auth"})
        rejection = self._validate(method, params)
        if rejection is not None:
            return _Reply(200, rejection)
        with self._lock:
            responder = self._responders.get(method)
            if responder is not None:
                return _Reply(200, responder(params) if callable(responder) else dict(responder))
            handler = self._api.get(method, lambda _params: {"ok": True})
            return _Reply(200, handler(params))

    def _validate(self, method: str, params: Params) -> dict[str, Any] | None:
        """Return Slack's error answer when the payload breaks Block Kit rules."""
        if method in MESSAGE_METHODS:
            code, errors = _check_message(method, params)
        elif method in VIEW_METHODS:
            code, errors = _check_view(method, params)
        else:
            return None
        if not errors:
            return None
        for error in errors:
            self._violation(f"{method}: {error}")
        return {"ok": False, "error": code, "errors": errors}

    def _violation(self, text: str) -> None:
        with self._lock:
            self.violations.append(text)

    def _answer_upload(self, file_id: str, headers: dict[str, str], body: bytes) -> _Reply:
        with self._lock:
            info = self.files.get(file_id)
            if info is None:
                return _Reply(404, {"ok": False, "error": "file_not_found"}, text="Not Found")
            data = _extract_upload(headers.get("content-type", ""), body)
            self.uploads[file_id] = data
            info.update(size=len(data), uploaded=True)
            if info.get("length") != len(data):
                self.violations.append(
                    f"upload {file_id}: declared length {info.get('length')}, got {len(data)} bytes"
                )
        return _Reply(200, {"ok": True}, text=f"OK - {len(data)}")

    def _answer_response_url(self, params: Params) -> _Reply:
        blocks = _decode_json(params.get("blocks"))
        errors = validate_text(params.get("text"))
        if blocks is not None:
            errors += validate_blocks(blocks, "message")
        if errors:
            for error in errors:
                self._violation(f"response_url: {error}")
            return _Reply(
                400,
                {"ok": False, "error": "invalid_blocks", "errors": errors},
                text="invalid_blocks",
            )
        return _Reply(200, {"ok": True})

    # --- state helpers (call with the lock held) ----------------------------------

    def _next_ts(self) -> str:
        now_us = int(self._clock() * 1_000_000)
        self._last_ts_us = max(now_us, self._last_ts_us + 100)
        seconds, micros = divmod(self._last_ts_us, 1_000_000)
        return f"{seconds}.{micros:06d}"

    def _next_id(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}{self._counter:08d}"

    def _store_message(self, channel: str, message: dict[str, Any]) -> None:
        stored = self._messages.setdefault(channel, [])
        stored.append(message)
        stored.sort(key=lambda m: _ts_key(m["ts"]))

    def _find_message(self, channel: str, ts: str) -> dict[str, Any] | None:
        return next((m for m in self._messages.get(channel, []) if m["ts"] == ts), None)

    def _channel_info(self, channel: str) -> dict[str, Any]:
        info: dict[str, Any] = {
            "id": channel,
            "name": channel.lower(),
            "is_channel": channel.startswith("C"),
            "is_group": channel.startswith("G"),
            "is_im": channel.startswith("D"),
            "is_private": channel.startswith(("G", "D")),
            "is_archived": False,
            "is_member": True,
            "created": 1_600_000_000,
            "creator": "U0ADMIN",
        }
        if channel.startswith("D"):
            info["user"] = channel[1:]
        info.update(self.channels.get(channel, {}))
        return info

    def _user_info(self, user_id: str, include_locale: bool) -> dict[str, Any]:
        is_bot = user_id == BOT_USER_ID
        name = BOT_NAME if is_bot else user_id.lower()
        real_name = BOT_NAME if is_bot else f"User {user_id}"
        user: dict[str, Any] = {
            "id": user_id,
            "team_id": TEAM_ID,
            "name": name,
            "real_name": real_name,
            "deleted": False,
            "is_bot": is_bot,
            "is_admin": False,
            "tz": "Europe/Stockholm",
            "tz_label": "Central European Time",
            "tz_offset": 3600,
            "locale": "sv-SE",
            "profile": {
                "real_name": real_name,
                "display_name": name,
                "email": f"{name}@example.com",
                "team": TEAM_ID,
            },
        }
        override = self.users.get(user_id, {})
        profile = {**user["profile"], **override.get("profile", {})}
        user.update(override)
        user["profile"] = profile
        if not include_locale:
            user.pop("locale", None)
        return user

    def _writable(self, channel: str) -> str | None:
        info = self._channel_info(channel)
        if info["is_archived"]:
            return "is_archived"
        if not info["is_member"]:
            return "not_in_channel"
        return None

    # --- Web API methods (called with the lock held) ------------------------------

    def _auth_test(self, params: Params) -> dict[str, Any]:
        return {
            "ok": True,
            "url": WORKSPACE_URL,
            "team": TEAM_NAME,
            "user": BOT_NAME,
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _chat_post_message(self, params: Params) -> dict[str, Any]:
        channel = _normalize_channel(str(params.get("channel") or ""))
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        problem = self._writable(channel)
        if problem:
            return {"ok": False, "error": problem}
        message = _bot_message(params, self._next_ts())
        self._store_message(channel, message)
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": dict(message)}

    def _chat_post_ephemeral(self, params: Params) -> dict[str, Any]:
        if not params.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        if not params.get("user"):
            return {"ok": False, "error": "user_not_in_channel"}
        return {"ok": True, "message_ts": self._next_ts()}

    def _chat_update(self, params: Params) -> dict[str, Any]:
        channel = _normalize_channel(str(params.get("channel") or ""))
        ts = str(params.get("ts") or "")
        if not channel or not ts:
            return {"ok": False, "error": "invalid_arguments"}
        message = self._find_message(channel, ts)
        changes = _bot_message(params, ts)
        if message is not None:
            message.update(
                {k: v for k, v in changes.items() if k in ("text", "blocks", "metadata")}
            )
            message["edited"] = {"user": BOT_USER_ID, "ts": self._next_ts()}
        else:  # e.g. a message built by a test: accept leniently
            message = changes
        return {
            "ok": True,
            "channel": channel,
            "ts": ts,
            "text": message.get("text", ""),
            "message": dict(message),
        }

    def _chat_delete(self, params: Params) -> dict[str, Any]:
        channel = _normalize_channel(str(params.get("channel") or ""))
        ts = str(params.get("ts") or "")
        stored = self._messages.get(channel, [])
        self._messages[channel] = [m for m in stored if m["ts"] != ts]
        return {"ok": True, "channel": channel, "ts": ts}

    def _chat_get_permalink(self, params: Params) -> dict[str, Any]:
        channel = str(params.get("channel") or "")
        ts = str(params.get("message_ts") or "")
        if not channel or not ts:
            return {"ok": False, "error": "invalid_arguments"}
        return {
            "ok": True,
            "channel": channel,
            "permalink": f"{WORKSPACE_URL}archives/{channel}/p{ts.replace('.', '')}",
        }

    def _chat_schedule_message(self, params: Params) -> dict[str, Any]:
        channel = _normalize_channel(str(params.get("channel") or ""))
        post_at = params.get("post_at")
        if not channel or post_at is None:
            return {"ok": False, "error": "invalid_arguments"}
        return {
            "ok": True,
            "channel": channel,
            "scheduled_message_id": self._next_id("Q"),
            "post_at": int(post_at),
            "message": _bot_message(params, ""),
        }

    def _conversations_open(self, params: Params) -> dict[str, Any]:
        if params.get("channel"):
            return {
                "ok": True,
                "no_op": True,
                "already_open": True,
                "channel": {"id": params["channel"]},
            }
        users = [u for u in str(params.get("users") or "").split(",") if u]
        if not users:
            return {"ok": False, "error": "users_list_not_supplied"}
        for user_id in users:
            if self._user_info(user_id, include_locale=False).get("deleted"):
                return {"ok": False, "error": "user_disabled"}
        channel_id = "D" + users[0] if len(users) == 1 else "G" + "".join(sorted(users))[:10]
        return {"ok": True, "no_op": False, "already_open": False, "channel": {"id": channel_id}}

    def _conversations_history(self, params: Params) -> dict[str, Any]:
        channel = _normalize_channel(str(params.get("channel") or ""))
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if not self._channel_info(channel)["is_member"]:
            return {"ok": False, "error": "not_in_channel"}
        inclusive = _truthy(params.get("inclusive"))
        oldest = _ts_key(params.get("oldest") or "0")
        latest = _ts_key(params["latest"]) if params.get("latest") else None
        top_level = [
            m
            for m in self._messages.get(channel, [])
            if m.get("thread_ts") in (None, m["ts"]) or m.get("subtype") == "thread_broadcast"
        ]
        selected = [
            m for m in reversed(top_level) if _in_range(_ts_key(m["ts"]), oldest, latest, inclusive)
        ]
        with_metadata = _truthy(params.get("include_all_metadata"))
        return _page([_export(m, with_metadata) for m in selected], params)

    def _conversations_replies(self, params: Params) -> dict[str, Any]:
        channel = _normalize_channel(str(params.get("channel") or ""))
        ts = str(params.get("ts") or "")
        thread = [
            m for m in self._messages.get(channel, []) if m["ts"] == ts or m.get("thread_ts") == ts
        ]
        if not thread:
            return {"ok": False, "error": "thread_not_found"}
        with_metadata = _truthy(params.get("include_all_metadata"))
        return _page([_export(m, with_metadata) for m in thread], params)

    def _conversations_info(self, params: Params) -> dict[str, Any]:
        channel = str(params.get("channel") or "")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "channel": self._channel_info(channel)}

    def _conversations_join(self, params: Params) -> dict[str, Any]:
        channel = str(params.get("channel") or "")
        info = self._channel_info(channel)
        if info["is_archived"]:
            return {"ok": False, "error": "is_archived"}
        self.channels.setdefault(channel, {})["is_member"] = True
        return {"ok": True, "channel": {**info, "is_member": True}}

    def _users_info(self, params: Params) -> dict[str, Any]:
        user_id = str(params.get("user") or "")
        if not user_id:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": self._user_info(user_id, _truthy(params.get("include_locale")))}

    def _views_open(self, params: Params) -> dict[str, Any]:
        if not params.get("trigger_id") and not params.get("interactivity_pointer"):
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "view": self._store_view(_decode_json(params.get("view")), None)}

    def _views_update(self, params: Params) -> dict[str, Any]:
        view_id = params.get("view_id")
        external_id = params.get("external_id")
        if not view_id and not external_id:
            return {"ok": False, "error": "invalid_arguments"}
        if not view_id:
            view_id = next(
                (v["id"] for v in self.views.values() if v.get("external_id") == external_id), None
            )
        if view_id is None:
            return {"ok": False, "error": "not_found"}
        return {
            "ok": True,
            "view": self._store_view(_decode_json(params.get("view")), str(view_id)),
        }

    def _views_publish(self, params: Params) -> dict[str, Any]:
        user_id = str(params.get("user_id") or "")
        if not user_id:
            return {"ok": False, "error": "invalid_arguments"}
        previous = self.home_views.get(user_id)
        view = self._store_view(
            _decode_json(params.get("view")), previous["id"] if previous else None
        )
        self.home_views[user_id] = view
        return {"ok": True, "view": view}

    def _store_view(self, submitted: Any, view_id: str | None) -> dict[str, Any]:
        view_id = view_id or self._next_id("V")
        view: dict[str, Any] = {
            "id": view_id,
            "team_id": TEAM_ID,
            "type": "modal",
            "blocks": [],
            "private_metadata": "",
            "callback_id": "",
            "state": {"values": {}},
            "hash": f"{int(self._clock())}.{self._next_id('')}",
            "clear_on_close": False,
            "notify_on_close": False,
            "close": None,
            "submit": None,
            "previous_view_id": None,
            "root_view_id": view_id,
            "app_id": APP_ID,
            "external_id": "",
            "app_installed_team_id": TEAM_ID,
            "bot_id": BOT_ID,
        }
        if isinstance(submitted, Mapping):
            view.update(submitted)
        view["id"] = view_id
        self.views[view_id] = view
        return json.loads(json.dumps(view))

    def _files_get_upload_url(self, params: Params) -> dict[str, Any]:
        filename = params.get("filename")
        try:
            length = int(params.get("length"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return {"ok": False, "error": "invalid_arguments"}
        if not filename:
            return {"ok": False, "error": "invalid_arguments"}
        file_id = self._next_id("F")
        self.files[file_id] = {
            "id": file_id,
            "filename": str(filename),
            "length": length,
            "alt_txt": params.get("alt_txt"),
            "snippet_type": params.get("snippet_type"),
            "uploaded": False,
            "completed": False,
        }
        return {
            "ok": True,
            "upload_url": f"{self.base}{UPLOAD_PREFIX}{file_id}",
            "file_id": file_id,
        }

    def _files_complete_upload(self, params: Params) -> dict[str, Any]:
        entries = _decode_json(params.get("files"))
        if not isinstance(entries, list) or not entries:
            return {"ok": False, "error": "invalid_arguments"}
        if any(not self.files.get(str(e.get("id")), {}).get("uploaded") for e in entries):
            return {"ok": False, "error": "file_not_found"}
        channels = [c for c in str(params.get("channels") or "").split(",") if c]
        if params.get("channel_id"):
            channels.insert(0, str(params["channel_id"]))
        shared = {
            "channel_id": params.get("channel_id"),
            "channels": channels,
            "initial_comment": params.get("initial_comment"),
            "thread_ts": params.get("thread_ts"),
            "completed": True,
        }
        files = []
        for entry in entries:
            info = self.files[str(entry["id"])]
            info.update(shared, title=entry.get("title") or info["filename"])
            files.append(_file_object(info, self._clock()))
        return {"ok": True, "files": files}

    def _reactions_add(self, params: Params) -> dict[str, Any]:
        key = (
            str(params.get("channel") or ""),
            str(params.get("timestamp") or ""),
            str(params.get("name") or ""),
        )
        if not all(key):
            return {"ok": False, "error": "invalid_arguments"}
        if key in self.reactions:
            return {"ok": False, "error": "already_reacted"}
        self.reactions.add(key)
        return {"ok": True}


# --- HTTP plumbing ---------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Slack does not refuse connections: a bot under load opens many at once (one per call),
    # more than socketserver's default backlog of 5 would take.
    request_queue_size = 256
    fake: FakeSlack


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "FakeSlack/1.0"
    protocol_version = "HTTP/1.1"  # keep-alive, as Slack does (every answer has its length)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def _handle(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        reply = self.server.fake._route(url.path, url.query, headers, body)
        is_json = reply.text is None
        data = (json.dumps(reply.payload) if is_json else str(reply.text)).encode("utf-8")
        self.send_response(reply.status)
        content_type = "application/json; charset=utf-8" if is_json else "text/plain; charset=utf-8"
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def parse_params(query: str, content_type: str, body: bytes) -> Params:
    """Merge query string and body (form, JSON or multipart) into one dict, like Slack does."""
    params: Params = dict(parse_qsl(query, keep_blank_values=True))
    if not body:
        return params
    media_type = content_type.split(";")[0].strip().lower()
    if media_type == "application/json":
        try:
            decoded = json.loads(body)
        except ValueError as exc:
            raise _BadRequest("invalid_json") from exc
        if not isinstance(decoded, dict):
            raise _BadRequest("invalid_json")
        params.update(decoded)
    elif media_type == "multipart/form-data":
        params.update(_parse_multipart(content_type, body))
    else:
        params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return params


def _parse_multipart(content_type: str, body: bytes) -> Params:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    params: Params = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        params[str(name)] = payload if part.get_filename() else payload.decode("utf-8")
    return params


def _extract_upload(content_type: str, body: bytes) -> bytes:
    if content_type.lower().startswith("multipart/form-data"):
        files = [v for v in _parse_multipart(content_type, body).values() if isinstance(v, bytes)]
        if files:
            return files[0]
    return body


def _parse_response_url_body(content_type: str, body: bytes) -> Params:
    params = parse_params("", content_type or "application/json", body)
    if isinstance(params.get("payload"), str):  # form-encoded payload=JSON
        params = _decode_json(params["payload"])
    return dict(params)


# --- small pure helpers ------------------------------------------------------------


def _token_of(params: Mapping[str, Any], headers: Mapping[str, str]) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[len("bearer ") :].strip() or None
    token = params.get("token")
    return str(token) if token else None


def _decode_json(value: Any) -> Any:
    if isinstance(value, str | bytes):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true")


def _normalize_channel(channel: str) -> str:
    """Posting to a user id lands in the DM with that user, as on Slack."""
    return "D" + channel if channel[:1] in ("U", "W") else channel


def _ts_key(ts: Any) -> Decimal:
    try:
        return Decimal(str(ts))
    except InvalidOperation:
        return Decimal(0)


def _in_range(ts: Decimal, oldest: Decimal, latest: Decimal | None, inclusive: bool) -> bool:
    above = ts >= oldest if inclusive else ts > oldest
    below = latest is None or (ts <= latest if inclusive else ts < latest)
    return above and below


def _max_in_window(times: list[float], window: float) -> int:
    best, start = 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


def _bot_message(params: Params, ts: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "type": "message",
        "subtype": "bot_message",
        "text": params.get("text") or "",
        "user": BOT_USER_ID,
        "bot_id": BOT_ID,
        "app_id": APP_ID,
        "team": TEAM_ID,
        "ts": ts,
    }
    for key in ("blocks", "metadata", "attachments"):
        if params.get(key) is not None:
            message[key] = _decode_json(params[key])
    if params.get("thread_ts"):
        message["thread_ts"] = str(params["thread_ts"])
        if _truthy(params.get("reply_broadcast")):
            message["subtype"] = "thread_broadcast"
    return message


def _export(message: dict[str, Any], with_metadata: bool) -> dict[str, Any]:
    exported = dict(message)
    if not with_metadata:
        exported.pop("metadata", None)
    return exported


def _page(messages: list[dict[str, Any]], params: Params) -> dict[str, Any]:
    """Apply ``limit``/``cursor`` pagination the way Slack's cursors work."""
    limit = int(params.get("limit") or 100) or 100
    offset = 0
    if params.get("cursor"):
        offset = int(base64.b64decode(str(params["cursor"])).decode().split(":", 1)[1])
    page = messages[offset : offset + limit]
    has_more = offset + limit < len(messages)
    cursor = base64.b64encode(f"offset:{offset + limit}".encode()).decode() if has_more else ""
    return {
        "ok": True,
        "messages": page,
        "has_more": has_more,
        "pin_count": 0,
        "response_metadata": {"next_cursor": cursor},
    }


def _file_object(info: dict[str, Any], now: float) -> dict[str, Any]:
    file_id, name = info["id"], info["filename"]
    return {
        "id": file_id,
        "created": int(now),
        "timestamp": int(now),
        "name": name,
        "title": info.get("title") or name,
        "mimetype": mimetypes.guess_type(name)[0] or "application/octet-stream",
        "filetype": name.rsplit(".", 1)[-1] if "." in name else "binary",
        "user": BOT_USER_ID,
        "size": info.get("size", 0),
        "url_private": f"https://files.slack.com/files-pri/{TEAM_ID}-{file_id}/{name}",
        "permalink": f"{WORKSPACE_URL}files/{BOT_USER_ID}/{file_id}/{name}",
        "channels": list(info.get("channels") or []),
        "shares": {},
    }


def _check_message(method: str, params: Params) -> tuple[str, list[str]]:
    """Slack's error code and the list of problems for a message-posting call."""
    raw_blocks = params.get("blocks")
    blocks = _decode_json(raw_blocks)
    if isinstance(raw_blocks, str) and blocks is raw_blocks:
        return "invalid_blocks_format", ["blocks is not valid JSON"]
    text = params.get("text")
    has_content = text or blocks or params.get("attachments") or method == "chat.update"
    metadata = params.get("metadata")
    checks = [
        ("invalid_blocks", validate_blocks(blocks, "message") if blocks is not None else []),
        ("msg_too_long", validate_text(text)),
        (
            "no_text",
            [] if has_content else ["no_text: a message needs text, blocks or attachments"],
        ),
        (
            "invalid_metadata_format",
            validate_metadata(_decode_json(metadata)) if metadata is not None else [],
        ),
    ]
    errors = [error for _, found in checks for error in found]
    code = next((code for code, found in checks if found), "")
    return code, errors


def _check_view(method: str, params: Params) -> tuple[str, list[str]]:
    view = _decode_json(params.get("view"))
    if view is None:
        return "invalid_arguments", ["view is required"]
    is_home = method == "views.publish" or (
        isinstance(view, Mapping) and view.get("type") == "home"
    )
    return "invalid_blocks", validate_view(view, "home" if is_home else "modal")


def _describe(call: Call) -> str:
    outcome = "ok" if call.ok else (call.error or "failed")
    shown = {k: v for k, v in call.params.items() if k != "token"}
    text = json.dumps(shown, default=repr, ensure_ascii=False)
    if len(text) > 160:
        text = text[:157] + "..."
    return f"{call.method} -> {call.status} {outcome} {text}"
