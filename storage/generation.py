"""What a process may cache from the registry, and for how long: until its generation moves.

Every change to a registry table raises `registry_generation.value` in the same transaction, by a
database trigger (migration 0003), whoever makes it. `cached(session, key, compute)` returns
the value computed for the generation the session reads, and computes it again when another
process (or this one) has committed a change since. Reading the generation is one tiny query
per transaction; a cache hit saves the queries and the Python behind them.

That query does not go through the session when the session has not touched the database yet
(the usual case: it is the first thing a request asks). It runs as one prepared statement on
an autocommit DBAPI connection kept for it (`_Reader`): no ORM statement, no transaction, no
pool checkout or ping, so on PostgreSQL one round trip; it sees every committed change, so the
next request sees a change at once. The session then reads its data after the generation, as
the first rule below wants. A session that has read already, or a failed fast read, reads the
generation inside its own transaction as before.

Rules that keep it correct:
- The generation is read before anything the cached value is computed from, so a value is never
  older than the generation it is filed under.
- A session that has written anything reads past the cache: its own uncommitted changes are not
  in any generation yet.
- Values must be immutable (tuples, named tuples, frozen dataclasses): callers share them.
  A cached row (`cached_row`, `registry_row`) is a detached snapshot that is never attached
  to a session; each session gets its own copy, merged in without a query, and a row the
  session already holds (perhaps with changes of its own) wins over the snapshot.
- A value is also recomputed after `MAX_AGE_SECONDS`, a bound on staleness should anything
  change the tables without the triggers (a restored backup: restart the bot, see
  deploy/OPERATIONS.md).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import event as sa_event
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import make_transient_to_detached
from sqlmodel import Session, SQLModel, select

from storage.models import EventGeneration, RegistryGeneration

log = logging.getLogger(__name__)

T = TypeVar("T")
M = TypeVar("M", bound=SQLModel)

# The tables the triggers watch (migrations 0003, 0008 and 0010 name the same; a test checks
# they agree).
REGISTRY_TABLES = (
    "network",
    "party",
    "person",
    "role_assignment",
    "focus_area",
    "participation",
    "commitment",
    "membership",
    "document",
    "document_section",
)
# The tables the event generation's triggers watch (migration 0009 names the same).
EVENT_TABLES = ("event", "reminder")
MAX_AGE_SECONDS = 300.0
MAX_ENTRIES = 8192  # per database; beyond it, the least recently used entries go

_lock = threading.Lock()
# Per engine, in order of last use (least recent first): key -> (generation, computed at, value)
_Store = OrderedDict[Hashable, tuple[tuple[Any, ...], float, Any]]
_stores: weakref.WeakKeyDictionary[Engine, _Store] = weakref.WeakKeyDictionary()


_READ_GENERATION = select(RegistryGeneration.epoch, RegistryGeneration.value).where(
    RegistryGeneration.id == 1
)
_READ_EVENT_GENERATION = select(EventGeneration.id, EventGeneration.value).where(
    EventGeneration.id == 1
)
_READ_SQL = "SELECT epoch, value FROM registry_generation WHERE id = 1"
_READ_EVENTS_SQL = "SELECT id, value FROM event_generation WHERE id = 1"
MAX_IDLE_READERS = 8  # per engine: kept-open connections for the generation read


def current(*, session: Session) -> tuple[str, int] | None:
    """The registry's generation as this transaction reads it: (epoch, value); None if its
    row is missing (then nothing is cached)."""
    if "registry_generation" not in session.info:
        rows = _read(session, _READ_SQL, _READ_GENERATION)
        session.info["registry_generation"] = (rows[0][0], rows[0][1]) if rows else None
    return session.info["registry_generation"]  # type: ignore[no-any-return]


def current_events(*, session: Session) -> tuple[str, int, int] | None:
    """The registry's generation and the events' (migration 0009), as this transaction reads
    them: (epoch, registry value, event value); None if a row is missing."""
    if "event_generation" not in session.info:
        registry = current(session=session)
        rows = _read(session, _READ_EVENTS_SQL, _READ_EVENT_GENERATION)
        session.info["event_generation"] = (
            (*registry, rows[0][1]) if registry is not None and rows else None
        )
    return session.info["event_generation"]  # type: ignore[no-any-return]


def _read(session: Session, sql: str, statement: Any) -> list[Any]:
    """A generation's row: outside the session while it has read nothing (`_Reader`), else
    (or should that fail) in its transaction."""
    rows = None if session.info.get("db_begun") else _fast_read(session.get_bind(), sql)
    if rows is None:
        rows = session.exec(statement).all()
    return rows  # type: ignore[no-any-return]


class _Reader:
    """Autocommit DBAPI connections of one engine for the generation read, each with its
    statement prepared; idle ones wait in a list (`pop` and `append` need no lock)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = weakref.ref(engine)
        self._postgres = engine.dialect.name == "postgresql"
        self._idle: list[tuple[Any, Any]] = []
        sa_event.listen(engine, "engine_disposed", lambda _engine: self.close())

    def read(self, sql: str) -> list[Any]:
        try:
            connection, cursor = self._idle.pop()
        except IndexError:
            connection, cursor = self._connect()
        try:
            if self._postgres:
                cursor.execute(sql, prepare=True)
            else:
                cursor.execute(sql)
            rows = cursor.fetchall()  # all: an unfinished SQLite statement keeps its snapshot
        except BaseException:
            _close_quietly(connection)
            raise
        if len(self._idle) < MAX_IDLE_READERS:
            self._idle.append((connection, cursor))
        else:
            _close_quietly(connection)
        return rows  # type: ignore[no-any-return]

    def _connect(self) -> tuple[Any, Any]:
        engine = self._engine()
        if engine is None:
            raise RuntimeError("the engine is gone")
        pooled = engine.raw_connection()  # the engine's connect arguments and events
        pooled.detach()  # ours from now on; the pool makes a new one in its place
        connection = pooled.dbapi_connection
        connection.rollback()
        if self._postgres:
            connection.autocommit = True
        # SQLite (pysqlite's default mode): a SELECT opens no transaction, so each read sees
        # the latest commit
        return connection, connection.cursor()

    def close(self) -> None:
        while self._idle:
            try:
                connection, _cursor = self._idle.pop()
            except IndexError:
                break
            _close_quietly(connection)


def _close_quietly(connection: Any) -> None:
    with contextlib.suppress(Exception):  # already broken
        connection.close()


_readers: weakref.WeakKeyDictionary[Engine, _Reader] = weakref.WeakKeyDictionary()


def _fast_read(engine: Engine, sql: str) -> list[Any] | None:
    """The generation's rows read outside any session, or None if that failed (the caller
    then reads it in its session, which reports a database that is down as usual)."""
    reader = _readers.get(engine)
    if reader is None:
        with _lock:
            reader = _readers.get(engine)
            if reader is None:
                reader = _readers[engine] = _Reader(engine)
    try:
        return reader.read(sql)
    except Exception:
        log.debug("generation read outside the session failed", exc_info=True)
        return None


def cached(key: Hashable, compute: Callable[[], T], *, session: Session) -> T:
    """`compute()`, or the value it gave for this generation of the registry."""
    if session.info.get("registry_written"):
        return compute()
    generation = current(session=session)
    if generation is None:
        return compute()
    return _cached(session, key, generation, compute)


def cached_events(
    key: Hashable,
    compute: Callable[[], tuple[T, datetime | None]],
    *,
    session: Session,
    now: datetime,
) -> T:
    """What `compute()` built from the coming events (and the registry), for these
    generations of both. `compute()` returns the value and the moment it goes stale as time
    passes (the first event or reminder it shows that will be past), or None; the value is
    built again from then on (`now` is the caller's clock), or when either generation moves."""
    if session.info.get("registry_written"):
        return compute()[0]
    generation = current_events(session=session)
    if generation is None:
        return compute()[0]
    value, valid_until = _cached(session, key, generation, compute)
    if valid_until is not None and now >= valid_until:
        value, valid_until = compute()
        _store(session.get_bind(), key, generation, time.monotonic(), (value, valid_until))
    return value


def _cached(
    session: Session, key: Hashable, generation: tuple[Any, ...], compute: Callable[[], T]
) -> T:
    engine = session.get_bind()
    now = time.monotonic()
    with _lock:
        store = _stores.setdefault(engine, OrderedDict())  # type: ignore[arg-type]
        hit = store.get(key)
        if hit is not None:
            store.move_to_end(key)
    if hit is not None and hit[0] == generation and now - hit[1] < MAX_AGE_SECONDS:
        return hit[2]  # type: ignore[no-any-return]
    value = compute()
    _store(engine, key, generation, now, value)
    return value


def _store(engine: Any, key: Hashable, generation: tuple[Any, ...], now: float, value: Any) -> None:
    with _lock:
        store = _stores.setdefault(engine, OrderedDict())
        store[key] = (generation, now, value)
        store.move_to_end(key)
        while len(store) > MAX_ENTRIES:  # the least recently used go first
            store.popitem(last=False)


def cached_row(key: Hashable, find: Callable[[], M | None], *, session: Session) -> M | None:
    """The registry row `find()` loads, read once per generation: later sessions get it from a
    detached snapshot merged in without a query (`Session.merge(load=False)`). The snapshot is
    shared and never attached to a session, so it is only ever read."""

    def snapshot() -> M | None:
        row = find()
        if row is None:
            return None
        copy = type(row)(**{a.key: getattr(row, a.key) for a in inspect(row).mapper.column_attrs})
        make_transient_to_detached(copy)
        return copy

    copy = cached(key, snapshot, session=session)
    if copy is None:
        return None
    # the row this session holds already (just loaded by `find`, or with changes of its own)
    in_session = session.identity_map.get(inspect(copy).key)
    return in_session if in_session is not None else session.merge(copy, load=False)


def registry_row(model: type[M], row_id: int, *, session: Session) -> M | None:
    """`session.get(model, row_id)` for a row of a registry table, read once per generation."""
    assert model.__tablename__ in REGISTRY_TABLES, model
    return cached_row(
        (model.__tablename__, row_id), lambda: session.get(model, row_id), session=session
    )


def forget() -> None:
    """Drop every cached value (tests that rebuild a database under the same engine)."""
    with _lock:
        _stores.clear()


def _written(session: OrmSession, _context: Any) -> None:
    session.info["registry_written"] = True


def _began(session: OrmSession, _transaction: Any, _connection: Any) -> None:
    session.info["db_begun"] = True  # this transaction has a connection: it may have read


def _transaction_ended(session: OrmSession) -> None:
    session.info.pop("registry_written", None)
    session.info.pop("registry_generation", None)
    session.info.pop("event_generation", None)
    session.info.pop("db_begun", None)


sa_event.listen(OrmSession, "after_flush", _written)
sa_event.listen(OrmSession, "after_begin", _began)
sa_event.listen(OrmSession, "after_commit", _transaction_ended)
sa_event.listen(OrmSession, "after_rollback", _transaction_ended)
