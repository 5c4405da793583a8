"""The Slack Web API client every part of the bot uses: one base URL, bounded retries.

Retries use slack_sdk's handlers (`slack_sdk.http_retry`) with exponential backoff and random
jitter, so that many workers that hit the same fault do not come back in step:

* 429: `RateLimitErrorRetryHandler` waits what `Retry-After` says (plus jitter);
* 5xx (500, 502, 503, 504): `ServerErrorRetryHandler`, about 0.5 s then 1 s (+ up to 1 s);
* connection errors: `ConnectionErrorRetryHandler`, likewise.

A message the outbox posts is not idempotent: a 5xx or a dropped connection may mean Slack
stored it. `post_retry_handlers` keeps only the retries that cannot double a message (429 and
refused connections); the outbox answers the others itself by checking the history first.
"""

from __future__ import annotations

from urllib.error import URLError

from slack_sdk import WebClient
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

from bot.config import Settings

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


def make_web_client(settings: Settings, token: str | None = None) -> WebClient:
    """A WebClient pointed at `SLACK_API_URL` with the bot's retry policy."""
    return WebClient(
        token=token or settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=10,
        retry_handlers=retry_handlers(),
    )
