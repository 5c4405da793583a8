"""Opt-in recorder of everything the bot *produces* while the tests run.

Set ``SAMVERKAN_RECORD_DIR=/some/dir`` and run pytest: every Web API call the bot makes to
:class:`~tests.fake_slack.server.FakeSlack` (``kind: "slack"``), every answer the bot's app gives
to a request sent by :class:`~tests.fake_slack.signing.SlackClient` (``kind: "http"``) and every
answer to a plain GET on the test bot's HTTP port (``kind: "get"``) is appended as one JSON line
to ``DIR/records-<pid>.jsonl`` (one file per process, so threads of the pytest process and
subprocesses never interleave half lines).

Each record carries the test's node id (``PYTEST_CURRENT_TEST`` without its phase suffix), the
phase (``setup``/``call``/``teardown``) and ``seq``, its order within the test in this process.
Compare two recording directories with ``tests/fake_slack/compare_recordings.py``.

When the variable is unset every hook returns at once: no file, no behaviour change.
"""

from __future__ import annotations

import itertools
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

ENV_VAR = "SAMVERKAN_RECORD_DIR"

_lock = threading.Lock()
_counters: dict[str, itertools.count[int]] = {}


def record_dir() -> Path | None:
    """The directory recordings go to, or ``None`` when recording is off."""
    value = os.environ.get(ENV_VAR)
    return Path(value) if value else None


def enabled() -> bool:
    return bool(os.environ.get(ENV_VAR))


def current_test() -> tuple[str, str]:
    """``(node id, phase)`` of the running test (``("", "")`` outside pytest)."""
    value = os.environ.get("PYTEST_CURRENT_TEST", "")
    for phase in ("call", "setup", "teardown"):
        suffix = f" ({phase})"
        if value.endswith(suffix):
            return value[: -len(suffix)], phase
    return value, ""


def decode(value: Any) -> Any:
    """JSON strings (``blocks``, ``view``, ``payload``...) decoded, recursively; bytes as text."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return decode(json.loads(value))
        except ValueError:
            return value
    if isinstance(value, Mapping):
        return {str(k): decode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [decode(v) for v in value]
    return value


def record(kind: str, **data: Any) -> None:
    """Append one record (no-op unless ``SAMVERKAN_RECORD_DIR`` is set)."""
    directory = record_dir()
    if directory is None:
        return
    test, phase = current_test()
    with _lock:
        seq = next(_counters.setdefault(test, itertools.count()))
        entry = {"test": test, "phase": phase, "seq": seq, "at": round(time.time(), 3)}
        entry.update(kind=kind, **data)
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True, default=repr)
        directory.mkdir(parents=True, exist_ok=True)
        with open(directory / f"records-{os.getpid()}.jsonl", "a", encoding="utf-8") as out:
            out.write(line + "\n")


# --- hooks -------------------------------------------------------------------------------------


def record_slack_call(method: str, params: Mapping[str, Any], status: int, extra: Any) -> None:
    """A call the bot made to the fake Web API (``extra``: upload content, when there is one)."""
    if not enabled():
        return
    shown = {k: decode(v) for k, v in params.items() if k != "token"}
    if extra is not None:
        shown["content"] = decode(extra)
    record("slack", method=method, params=shown, status=status)


def request_summary(body: str | bytes, content_type: str) -> dict[str, Any]:
    """What a signed request asked for, in a few stable fields (to read a diff by)."""
    text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
    try:
        if content_type.startswith("application/json"):
            parsed: Any = json.loads(text)
        else:
            parsed = dict(parse_qsl(text, keep_blank_values=True))
            if "payload" in parsed:
                parsed = json.loads(parsed["payload"])
    except ValueError:
        return {"unparsed": True}
    if not isinstance(parsed, dict):
        return {"unparsed": True}
    summary: dict[str, Any] = {}
    for key in ("type", "command", "text", "callback_id", "user_id"):
        if isinstance(parsed.get(key), str):
            summary[key] = parsed[key]
    event = parsed.get("event")
    if isinstance(event, dict):
        summary["event"] = {k: event[k] for k in ("type", "subtype", "text") if k in event}
    view = parsed.get("view")
    if isinstance(view, dict) and "callback_id" in view:
        summary["view_callback_id"] = view["callback_id"]
    actions = parsed.get("actions")
    if isinstance(actions, list):
        summary["action_ids"] = [a.get("action_id") for a in actions if isinstance(a, dict)]
    return summary


def response_body(text: str, content_type: str | None) -> Any:
    if text and (content_type or "").startswith("application/json"):
        try:
            return decode(json.loads(text))
        except ValueError:
            pass
    return text


def record_http(
    body: str | bytes,
    headers: Mapping[str, str],
    path: str,
    status: int,
    content_type: str | None,
    text: str,
) -> None:
    """The bot's answer to a request the tests' ``SlackClient`` sent."""
    if not enabled():
        return
    request_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    record(
        "http",
        path=path,
        request=request_summary(body, request_type),
        status=status,
        content_type=content_type,
        body=response_body(text, content_type),
    )


def wsgi_recorder(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """Wrap a WSGI app to record its answers to non-POST requests (POSTs come from
    ``SlackClient``, which records them itself). Returns ``app`` unchanged when recording is off."""
    if not enabled():
        return app

    def recording_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("REQUEST_METHOD") == "POST":
            return app(environ, start_response)
        seen: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            seen["status"] = int(status.split()[0])
            seen["content_type"] = next(
                (v for k, v in headers if k.lower() == "content-type"), None
            )
            return start_response(status, headers, exc_info)

        result = app(environ, capture)
        path = environ.get("PATH_INFO", "")
        if environ.get("QUERY_STRING"):
            path += "?" + environ["QUERY_STRING"]
        recording = _Recording(result, environ.get("REQUEST_METHOD", ""), path, seen)
        if isinstance(result, list):  # kept a list: the server still sets Content-Length
            recording._chunks = list(result)
            recording.close()
            return result
        return recording

    return recording_app


class _Recording:
    def __init__(
        self, result: Iterable[bytes], method: str, path: str, seen: dict[str, Any]
    ) -> None:
        self._result = result
        self._method = method
        self._path = path
        self._seen = seen
        self._chunks: list[bytes] = []

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._result:
            self._chunks.append(chunk)
            yield chunk

    def close(self) -> None:
        try:
            close = getattr(self._result, "close", None)
            if close is not None:
                close()
        finally:
            text = b"".join(self._chunks).decode("utf-8", errors="replace")
            content_type = self._seen.get("content_type")
            record(
                "get",
                method=self._method,
                path=self._path,
                status=self._seen.get("status"),
                content_type=content_type,
                body=response_body(text, content_type),
            )
