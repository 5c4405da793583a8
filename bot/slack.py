"""The Slack Web API client every part of the bot uses: one base URL, bounded retries."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import Settings


def retry_handlers() -> list:
    """429 (honouring Retry-After), 5xx and connection errors, each retried a bounded number
    of times with backoff; slack_sdk installs only the connection handler by default."""
    return [
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=2),
    ]


def make_web_client(settings: Settings, token: str | None = None) -> WebClient:
    """A WebClient pointed at `SLACK_API_URL` with the bot's retry policy."""
    return WebClient(
        token=token or settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=10,
        retry_handlers=retry_handlers(),
    )
