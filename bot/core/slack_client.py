"""The Slack Web API client every part of the bot uses: one base URL, bounded retries.

Retries use slack_sdk's handlers (`slack_sdk.http_retry`) with exponential backoff and random
jitter, so that many workers that hit the same fault do not come back in step:

* 429: `RateLimitErrorRetryHandler` waits what `Retry-After` says (plus jitter);
* 5xx (500, 502, 503, 504): `ServerErrorRetryHandler`, about 0.5 s then 1 s (+ up to 1 s);
* connection errors: `ConnectionErrorRetryHandler`, likewise.

Connections are kept alive (`KeepAliveWebClient`): each thread keeps its own connection to
Slack and reuses it for the next call, instead of a new connection (a TLS handshake against
the real Slack) for every call. The retries above see the same errors as with urllib.

A message the outbox posts is not idempotent: a 5xx or a dropped connection may mean Slack
stored it. `post_retry_handlers` keeps only the retries that cannot double a message (429 and
refused connections); the outbox answers the others itself by checking the history first.
"""

from __future__ import annotations

import io
import logging
import select
import threading
from http.client import HTTPConnection, HTTPSConnection
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import RetryHandler
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.jitter import RandomJitter
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.core.config import Settings

log = logging.getLogger(__name__)

SERVER_ERRORS = (500, 502, 503, 504)


def jittered_backoff() -> BackoffRetryIntervalCalculator:
    """0.5 s, 1 s, 2 s... each plus a random 0-1 s."""
    return BackoffRetryIntervalCalculator(backoff_factor=0.5, jitter=RandomJitter())


class AnyServerErrorRetryHandler(ServerErrorRetryHandler):
    """slack_sdk's server error handler, for every 5xx Slack answers (it knows 500 and 503)."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return response is not None and response.status_code in SERVER_ERRORS


class RefusedConnectionRetryHandler(ConnectionErrorRetryHandler):
    """Retries only a connection that was refused: the request never left, so posting again
    cannot double it (a reset or a dropped connection might have reached Slack)."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if isinstance(error, ConnectionRefusedError):
            return True
        return (
            isinstance(error, URLError)
            and response is None
            and isinstance(error.reason, ConnectionRefusedError)
        )


def retry_handlers() -> list[RetryHandler]:
    """429 (honouring Retry-After), 5xx and connection errors, each retried a bounded number
    of times with jittered backoff; slack_sdk installs only the connection handler by default."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=2, interval_calculator=jittered_backoff()),
        RateLimitErrorRetryHandler(max_retry_count=3, interval_calculator=jittered_backoff()),
        AnyServerErrorRetryHandler(max_retry_count=2, interval_calculator=jittered_backoff()),
    ]


def post_retry_handlers(handlers: list[RetryHandler]) -> list[RetryHandler]:
    """Of a client's `handlers`, those safe for a post that must not be doubled: its 429
    handlers, and a refused-connection retry in place of its connection handlers."""
    safe: list[RetryHandler] = []
    for handler in handlers:
        if isinstance(handler, RefusedConnectionRetryHandler | RateLimitErrorRetryHandler):
            safe.append(handler)
        elif isinstance(handler, ConnectionErrorRetryHandler):
            safe.append(
                RefusedConnectionRetryHandler(
                    max_retry_count=handler.max_retry_count,
                    interval_calculator=handler.interval_calculator,
                )
            )
    return safe


class KeepAliveWebClient(WebClient):
    """slack_sdk's WebClient, with one kept-alive HTTP connection per thread and host.

    Only the sending of one request changes (`_perform_urllib_http_request_internal`): its
    answer, an HTTP error (as `urllib.error.HTTPError`) or a failure to connect or send (as
    `URLError`, like urllib's) go to slack_sdk's retry loop and handlers unchanged. A
    connection the server has closed while it was idle is noticed before it is reused, so a
    request is never sent twice by this class. Through a proxy it is urllib as before.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._local = threading.local()

    def _perform_urllib_http_request_internal(self, url: str, req: Request) -> dict[str, Any]:
        parts = urlsplit(url)
        if self.proxy or parts.scheme not in ("http", "https"):
            return super()._perform_urllib_http_request_internal(url, req)  # type: ignore[no-any-return]
        connections: dict[tuple[str, str], HTTPConnection] = self._local.__dict__.setdefault(
            "connections", {}
        )
        key = (parts.scheme, parts.netloc)
        connection = connections.pop(key, None)
        if connection is not None and _closed_by_peer(connection):
            connection.close()
            connection = None
        if connection is None:
            if parts.scheme == "https":
                connection = HTTPSConnection(
                    parts.hostname or "", parts.port, timeout=self.timeout, context=self.ssl
                )
            else:
                connection = HTTPConnection(parts.hostname or "", parts.port, timeout=self.timeout)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        try:
            try:
                connection.request(
                    req.get_method(), path, body=req.data, headers=dict(req.header_items())
                )
            except OSError as error:  # as urllib: refused, unreachable, a timeout connecting
                raise URLError(error) from error
            response = connection.getresponse()
            body = response.read()
        except BaseException:
            connection.close()
            raise
        if response.will_close:
            connection.close()
        else:
            connections[key] = connection
        if response.status >= 400:
            raise HTTPError(
                req.full_url, response.status, response.reason, response.headers, io.BytesIO(body)
            )
        if response.headers.get_content_type() == "application/gzip":
            return {"status": response.status, "headers": response.headers, "body": body}
        charset = response.headers.get_content_charset() or "utf-8"
        return {
            "status": response.status,
            "headers": response.headers,
            "body": body.decode(charset),
        }


def _closed_by_peer(connection: HTTPConnection) -> bool:
    """Whether an idle kept-alive connection was closed by the server (readable means EOF)."""
    sock = connection.sock
    if sock is None:
        return False
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def make_web_client(
    settings: Settings, token: str | None = None, *, team_id: str | None = None
) -> WebClient:
    """A WebClient pointed at `SLACK_API_URL` with the bot's retry policy, keeping its
    connections alive."""
    return KeepAliveWebClient(
        token=token or settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=10,
        retry_handlers=retry_handlers(),
        team_id=team_id,
    )


class TeamClients:
    """One kept-alive client per workspace for the listeners (Bolt makes a new WebClient for
    every request, which would open a new connection for every call after the ack). Each
    sends its workspace's `team_id`, as Bolt's per-request client does."""

    def __init__(self, template: WebClient) -> None:
        self._template = template
        self._clients: dict[str | None, WebClient] = {}
        self._lock = threading.Lock()

    def get(self, team_id: str | None) -> WebClient:
        client = self._clients.get(team_id)
        if client is None:
            with self._lock:
                client = self._clients.get(team_id)
                if client is None:
                    template = self._template
                    client = KeepAliveWebClient(
                        token=template.token,
                        base_url=template.base_url,
                        timeout=template.timeout,
                        ssl=template.ssl,
                        proxy=template.proxy,
                        headers=template.headers,
                        team_id=team_id,
                        logger=template.logger,
                        retry_handlers=list(template.retry_handlers),
                    )
                    self._clients[team_id] = client
        return client


def _open_dm(client: WebClient, slack_user_id: str) -> str | None:
    try:
        return str(client.conversations_open(users=slack_user_id)["channel"]["id"])
    except SlackApiError as error:
        log.warning("cannot open a DM with %s: %s", slack_user_id, error.response.get("error"))
        return None


def _post(client: WebClient, channel: str, reply: Any) -> None:
    try:
        client.chat_postMessage(channel=channel, **reply.as_message())
    except SlackApiError as error:
        log.warning("posting to %s failed: %s", channel, error.response.get("error"))


def dm_user(client: WebClient, slack_user_id: str, reply: Any) -> None:
    dm = _open_dm(client, slack_user_id)
    if dm:
        _post(client, dm, reply)
