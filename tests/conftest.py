"""Shared fixtures: a real database (SQLite file and PostgreSQL), the fake Slack Web API, the
bot's WSGI app on a real HTTP server, and a clock tests can move.

Every test that asks for `core` runs twice: on SQLite and on PostgreSQL (127.0.0.1:5432,
database `test`, one schema per test session). PostgreSQL is skipped with a reason when it is
not reachable, unless `CI` or `SAMVERKAN_REQUIRE_POSTGRES` is set: then it fails.
"""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from sqlalchemy import create_engine, text

from bot.core import userinfo
from bot.core.config import Settings
from bot.core.runtime import SEED_DIR, Core
from bot.core.slack_client import make_web_client
from bot.web.app import build_app
from bot.web.server import Runtime
from handlers import after_ack
from storage import networkfile
from storage.db import Database
from tests.fake_slack import FakeSlack, recorder
from tests.fake_slack.signing import SlackClient

SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-token"
ADMIN = "UADMIN01"
POSTGRES_URL = os.environ.get(
    "SAMVERKAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRES = bool(os.environ.get("CI") or os.environ.get("SAMVERKAN_REQUIRE_POSTGRES"))
# Tests run "now" at a fixed instant in late 2026 unless they move the clock.
DEFAULT_NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@dataclass
class FrozenClock:
    """A clock for tests: `core.now()` returns `now` until a test moves it."""

    now: datetime = field(default=DEFAULT_NOW)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def set(self, when: datetime) -> datetime:
        self.now = when
        return self.now


def _postgres_reachable() -> str | None:
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # the reason is shown in the skip
        return str(exc).splitlines()[0]


# --------------------------------------------------------------------------- databases


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, seeded SQLite file; each test gets a copy (fast and fully isolated)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    with db.session() as session:
        spec = networkfile.load_file(SEED_DIR / "vastmanland.toml")
        networkfile.import_network(spec, session=session, actor="seed", base_dir=SEED_DIR)
    db.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[str]:
    """One migrated schema for the test session; tests truncate and reseed it."""
    reason = _postgres_reachable()
    if reason is not None:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required here but not reachable: {reason}")
        pytest.skip(f"PostgreSQL not reachable at 127.0.0.1:5432: {reason}")
    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = postgres_url(schema)
    db = Database(url)
    db.upgrade()
    db.dispose()
    yield url
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def postgres_url(schema: str) -> str:
    return f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"


def reset_postgres(url: str) -> None:
    """Empty every table and load the Västmanland seed again."""
    db = Database(url)
    with db.engine.begin() as conn:
        tables = [
            row[0]
            for row in conn.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                    "AND tablename NOT IN "
                    "('alembic_version', 'registry_generation', 'event_generation')"
                )
            )
        ]
        if tables:
            quoted = ", ".join(f'"{t}"' for t in tables)
            conn.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
        # the generation is kept (its value only grows), or put back if a test removed it
        conn.execute(
            text(
                "INSERT INTO registry_generation (id, epoch, value) "
                "SELECT 1, md5(random()::text || clock_timestamp()::text), 0 "
                "WHERE NOT EXISTS (SELECT 1 FROM registry_generation)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO event_generation (id, value) SELECT 1, 0 "
                "WHERE NOT EXISTS (SELECT 1 FROM event_generation)"
            )
        )
    with db.session() as session:
        spec = networkfile.load_file(SEED_DIR / "vastmanland.toml")
        networkfile.import_network(spec, session=session, actor="seed", base_dir=SEED_DIR)
    db.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A seeded database for one test, on each backend in turn."""
    if request.param == "sqlite":
        path = tmp_path / "bot.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("postgres_schema")
    reset_postgres(url)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, not even migrated, on each backend in turn (for the CLI)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    reason = _postgres_reachable()
    if reason is not None:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required here but not reachable: {reason}")
        pytest.skip(f"PostgreSQL not reachable at 127.0.0.1:5432: {reason}")
    schema = f"f_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield postgres_url(schema)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


# --------------------------------------------------------------------------- the bot


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake
        assert fake.violations == [], f"the bot sent Slack something invalid: {fake.violations}"


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


def make_settings(database_url: str, api_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = dict(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=api_url,
        database_url=database_url,
        admins=frozenset({ADMIN}),
    )
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def core(database_url: str, fake_slack: FakeSlack, clock: FrozenClock) -> Iterator[Core]:
    # Slack locales are cached per process, keyed on the Slack URL; a new fake Slack may get
    # an earlier one's port, so a test must not inherit another test's users' languages.
    userinfo.forget()
    core = Core(
        settings=make_settings(database_url, fake_slack.url), db=Database(database_url), clock=clock
    )
    yield core
    core.db.dispose()


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class LiveBot:
    """The bot's WSGI app on a real HTTP port, and a client that signs requests like Slack."""

    runtime: Runtime
    url: str
    slack: SlackClient
    fake: FakeSlack

    @property
    def core(self) -> Core:
        return self.runtime.core


@pytest.fixture
def bot(core: Core, fake_slack: FakeSlack) -> Iterator[LiveBot]:
    """The bot serving HTTP on 127.0.0.1 (no scheduler: tests tick the clock themselves)."""
    slack_app = build_app(core, client=make_web_client(core.settings))
    runtime = Runtime(core=core, slack=slack_app)
    from bot.web.server import extra_routes

    runtime.routes.update(extra_routes(runtime))
    server = make_server(
        "127.0.0.1",
        0,
        recorder.wsgi_recorder(runtime.wsgi()),  # unchanged unless SAMVERKAN_RECORD_DIR is set
        server_class=_ThreadingWSGIServer,
        handler_class=_QuietHandler,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/"
    client = SlackClient(url, SIGNING_SECRET, response_url=fake_slack.response_url())
    try:
        yield LiveBot(runtime=runtime, url=url, slack=client, fake=fake_slack)
    finally:
        fake_slack.reset_faults()
        after_ack.drain()  # this test's follow-up work ends with it
        server.shutdown()
        server.server_close()
