"""`/samverkan forum` is built once per generation of the registry and of the events (migration
0009) and shared: a change to an event or its reminders, through the bot or by anyone else,
shows on the next request, and so does time passing the first event or reminder it lists."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text

from storage.db import Database
from tests.conftest import ADMIN, LiveBot
from tests.events.util import add_event, quiet_seed
from tests.helpers import texts

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM).astimezone(UTC)


def forum(bot: LiveBot, user: str = ADMIN) -> str:
    result = bot.slack.command("forum", user=user)
    assert result.status == 200, result.text
    return texts(result.json())


def test_an_event_moved_through_the_bot_shows_moved_on_the_next_forum(bot: LiveBot) -> None:
    quiet_seed(bot.core)
    now = bot.core.now()
    event_id = add_event(
        bot.core, now=now, title="Rådsmöte", kind="council", starts_at=local(2026, 12, 8, 13, 0)
    )
    before = forum(bot)
    assert "tisdag 8 december 2026 kl. 13:00" in before
    assert forum(bot) == before  # unchanged: the same listing
    moved = bot.slack.command(f"forum flytta {event_id} 2026-12-15 14:00", user=ADMIN)
    assert "flyttat" in texts(moved.json())
    after = forum(bot)
    assert "tisdag 15 december 2026 kl. 14:00" in after
    assert "tisdag 8 december 2026 kl. 13:00" not in after


def test_an_event_changed_by_another_process_shows_on_the_next_forum(bot: LiveBot) -> None:
    quiet_seed(bot.core)
    event_id = add_event(
        bot.core,
        now=bot.core.now(),
        title="Rådsmöte",
        kind="council",
        starts_at=local(2026, 12, 8, 13, 0),
    )
    assert "Rådsmöte" in forum(bot)
    other = Database(bot.core.settings.database_url)  # the CLI, another replica, psql
    try:
        with other.engine.begin() as connection:
            connection.execute(
                text("UPDATE event SET title = 'Extra rådsmöte' WHERE id = :id"), {"id": event_id}
            )
    finally:
        other.dispose()
    assert "Extra rådsmöte" in forum(bot)


def test_an_event_drops_off_the_forum_once_it_has_started(bot: LiveBot) -> None:
    quiet_seed(bot.core)
    now = bot.core.now()
    add_event(
        bot.core, now=now, title="Snart möte", kind="forum", starts_at=now + timedelta(hours=2)
    )
    add_event(
        bot.core, now=now, title="Senare möte", kind="forum", starts_at=now + timedelta(days=3)
    )
    listed = forum(bot)
    assert "Snart möte" in listed and "Senare möte" in listed
    bot.core.clock.advance(hours=3)  # type: ignore[attr-defined]
    later = forum(bot)
    assert "Snart möte" not in later and "Senare möte" in later
