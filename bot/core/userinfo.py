"""A Slack user's language: their Slack locale (users.info include_locale), cached.

For people in the registry the locale is cached on `Person.locale` (refreshed when they open
the App Home); for everyone else in memory for a few minutes, so that an unregistered user is
answered in their language too without a users.info call on every request.
"""

from __future__ import annotations

import logging
import threading
import time

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.runtime import Core
from storage import registry
from storage.models import Person

log = logging.getLogger(__name__)

MEMORY_TTL_SECONDS = 600.0
_lock = threading.Lock()
_memory: dict[tuple[str, str], tuple[float, str | None]] = {}


def user_locale(
    core: Core,
    client: WebClient | None,
    slack_user_id: str,
    *,
    team_id: str | None = None,
    refresh: bool = False,
) -> str | None:
    """The user's Slack locale ('sv-SE', 'en-US'), or None when Slack does not tell."""
    key = (core.settings.slack_api_url, slack_user_id)
    if not refresh:
        with _lock:
            cached = _memory.get(key)
        if cached is not None and time.monotonic() - cached[0] < MEMORY_TTL_SECONDS:
            return cached[1]  # the common case: no database or Slack round trip per request
    with core.db.session() as session:
        network = core.network(session, team_id)
        person = registry.person_by_slack_id(
            session=session,
            network_id=network.id,  # type: ignore[arg-type]
            slack_user_id=slack_user_id,
        )
        if person is not None and person.locale and not refresh:
            with _lock:
                _memory[key] = (time.monotonic(), person.locale)
            return person.locale
    now = time.monotonic()
    with _lock:
        cached = _memory.get(key)
    if cached is not None and not refresh and now - cached[0] < MEMORY_TTL_SECONDS:
        locale = cached[1]
    else:
        locale = _ask_slack(client, slack_user_id)
        with _lock:
            _memory[key] = (now, locale)
    if person is not None and locale and person.locale != locale:
        with core.db.session() as session:
            fresh = session.get(Person, person.id)
            if fresh is not None:
                registry.set_locale(session=session, person=fresh, locale=locale)
    return locale


def _ask_slack(client: WebClient | None, slack_user_id: str) -> str | None:
    if client is None:
        return None
    try:
        response = client.users_info(user=slack_user_id, include_locale=True)
    except SlackApiError as error:
        log.warning("users.info for %s failed: %s", slack_user_id, error.response.get("error"))
        return None
    user = response.get("user") or {}
    locale = user.get("locale")
    return str(locale) if locale else None


def forget(slack_user_id: str | None = None) -> None:
    """Drop the in-memory cache (for one user, or all)."""
    with _lock:
        for key in list(_memory):
            if slack_user_id is None or key[1] == slack_user_id:
                del _memory[key]
