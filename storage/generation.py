"""What a process may cache from the registry, and for how long: until its generation moves.

Every change to a registry table raises `registry_generation.value` in the same transaction, by a
database trigger (migration 0003), whoever makes it. `cached(session, key, compute)` returns
the value computed for the generation the session reads, and computes it again when another
process (or this one) has committed a change since. Reading the generation is one tiny query
per transaction; a cache hit saves the queries and the Python behind them.

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

import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import event as sa_event
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import make_transient_to_detached
from sqlmodel import Session, SQLModel, select

from storage.models import RegistryGeneration

T = TypeVar("T")
M = TypeVar("M", bound=SQLModel)

# The tables the triggers watch (migrations 0003 and 0008 name the same; a test checks they
# agree).
REGISTRY_TABLES = (
    "network",
    "party",
    "person",
    "role_assignment",
    "focus_area",
    "participation",
    "commitment",
    "membership",
)
MAX_AGE_SECONDS = 300.0
MAX_ENTRIES = 8192  # per database; beyond it, the least recently used entries go

_lock = threading.Lock()
# Per engine, in order of last use (least recent first): key -> (generation, computed at, value)
_Store = OrderedDict[Hashable, tuple[tuple[str, int], float, Any]]
_stores: weakref.WeakKeyDictionary[Engine, _Store] = weakref.WeakKeyDictionary()


_READ_GENERATION = select(RegistryGeneration.epoch, RegistryGeneration.value).where(
    RegistryGeneration.id == 1
)


def current(session: Session) -> tuple[str, int] | None:
    """The registry's generation as this transaction reads it: (epoch, value); None if its
    row is missing (then nothing is cached)."""
    if "registry_generation" not in session.info:
        row = session.exec(_READ_GENERATION).first()
        session.info["registry_generation"] = (row[0], row[1]) if row is not None else None
    return session.info["registry_generation"]  # type: ignore[no-any-return]


def cached(session: Session, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, or the value it gave for this generation of the registry."""
    if session.info.get("registry_written"):
        return compute()
    generation = current(session)
    if generation is None:
        return compute()
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
    with _lock:
        store[key] = (generation, now, value)
        store.move_to_end(key)
        while len(store) > MAX_ENTRIES:  # the least recently used go first
            store.popitem(last=False)
    return value


def cached_row(session: Session, key: Hashable, find: Callable[[], M | None]) -> M | None:
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

    copy = cached(session, key, snapshot)
    if copy is None:
        return None
    # the row this session holds already (just loaded by `find`, or with changes of its own)
    in_session = session.identity_map.get(inspect(copy).key)
    return in_session if in_session is not None else session.merge(copy, load=False)


def registry_row(session: Session, model: type[M], row_id: int) -> M | None:
    """`session.get(model, row_id)` for a row of a registry table, read once per generation."""
    assert model.__tablename__ in REGISTRY_TABLES, model
    return cached_row(session, (model.__tablename__, row_id), lambda: session.get(model, row_id))


def forget() -> None:
    """Drop every cached value (tests that rebuild a database under the same engine)."""
    with _lock:
        _stores.clear()


def _written(session: OrmSession, _context: Any) -> None:
    session.info["registry_written"] = True


def _transaction_ended(session: OrmSession) -> None:
    session.info.pop("registry_written", None)
    session.info.pop("registry_generation", None)


sa_event.listen(OrmSession, "after_flush", _written)
sa_event.listen(OrmSession, "after_commit", _transaction_ended)
sa_event.listen(OrmSession, "after_rollback", _transaction_ended)
