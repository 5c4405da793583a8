"""The database goes away while the bot runs (a TCP proxy in front of PostgreSQL is closed):
/healthz says so with 503, users get a friendly "try again shortly", and the bot recovers by
itself when the database is back."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import make_url

from bot.core.i18n import t
from tests.conftest import LiveBot, reset_postgres
from tests.helpers import texts
from tests.process.support import TcpProxy, get


@pytest.fixture
def proxy(postgres_schema: str) -> Iterator[TcpProxy]:
    real = make_url(postgres_schema)
    proxy = TcpProxy((real.host or "127.0.0.1", real.port or 5432)).start()
    yield proxy
    proxy.stop()


@pytest.fixture
def database_url(postgres_schema: str, proxy: TcpProxy) -> str:
    """Overrides the shared fixture: PostgreSQL only, reached through the proxy."""
    reset_postgres(postgres_schema)
    through = make_url(postgres_schema).set(host="127.0.0.1", port=proxy.port)
    return through.render_as_string(hide_password=False)


def health(bot: LiveBot) -> tuple[int, dict]:
    status, body = get(bot.url + "healthz")
    return status, json.loads(body)


def areas(bot: LiveBot) -> str:
    result = bot.slack.command("områden", user="UVISITOR01")
    assert result.status == 200, result.text
    return texts(result.json())


def test_database_outage_is_reported_answered_kindly_and_recovered_from(
    bot: LiveBot, proxy: TcpProxy
) -> None:
    assert health(bot) == (200, {"status": "ok", "database": "ok", "scheduler": "off"})
    assert "Lärarförsörjning" in areas(bot)

    proxy.stop()  # the database goes away: open connections cut, new ones refused
    status, body = health(bot)
    assert (status, body["database"], body["status"]) == (503, "unavailable", "degraded")
    answer = areas(bot)
    assert set(answer.strip().splitlines()) == {t("sv", "error.database")}

    proxy.start()  # back on the same address: nothing restarted, no operator action
    assert health(bot) == (200, {"status": "ok", "database": "ok", "scheduler": "off"})
    assert "Lärarförsörjning" in areas(bot)
