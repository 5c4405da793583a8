"""The database: one engine per process, sessions as units of work, migrations on start."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).parent / "migrations"
UNAVAILABLE_ERRORS = (OperationalError, PoolTimeout)
MIGRATION_LOCK = 0x53414D56  # "SAMV": the advisory lock held while migrating PostgreSQL


class DatabaseUnavailable(Exception):
    """The database cannot be reached; the message is one line saying which one."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create the process's engine; SQLite gets WAL and foreign keys, PostgreSQL a pool."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 10},
            pool_size=10,
            hide_parameters=True,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url,
        pool_size=10,
        max_overflow=10,
        pool_pre_ping=True,
        pool_timeout=5,
        connect_args={"connect_timeout": 5},
        hide_parameters=True,  # SQL errors in logs carry no personal data
    )


class Database:
    """Holds the engine; `session()` is the one way code gets a transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on any error."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def rehearsal(self) -> Iterator[Session]:
        """A unit of work that is always rolled back: to see what a change would do (the dry
        run of the tick) without keeping any of it."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            finally:
                session.rollback()

    def ping(self) -> bool:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except UNAVAILABLE_ERRORS:
            return False

    def upgrade(self) -> None:
        """Bring the schema to the newest migration (what `samverkansbot db upgrade` does)."""
        try:
            if self.dialect == "sqlite":
                self._upgrade_sqlite()
                return
            with self.engine.begin() as connection:
                # Replicas starting together take turns; the second finds nothing to do.
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
                )
                config = alembic_config(self.url)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except UNAVAILABLE_ERRORS as exc:
            raise DatabaseUnavailable(
                f"the database at {safe_url(self.url)} cannot be reached: {first_line(exc)}"
            ) from None

    def _upgrade_sqlite(self) -> None:
        """SQLite migrates with foreign keys off, as SQLite's own recipe for recreating a table
        asks (migration 0008 recreates `person`, which other tables refer to): the pragma only
        takes effect outside a transaction. The keys are checked afterwards, and on again for
        the connection's next user."""
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
            try:
                with connection.begin():
                    config = alembic_config(self.url)
                    config.attributes["connection"] = connection
                    command.upgrade(config, "head")
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise RuntimeError(f"foreign keys broken by the migration: {broken[:5]}")
            finally:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def safe_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return url


def first_line(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", None) or exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__


def insert_ignoring_conflicts(
    model: Any,
    values: Mapping[str, Any] | Sequence[Mapping[str, Any]],
    *,
    session: Session,
    index_elements: Iterable[str] | None = None,
    returning: Iterable[Any] = (),
) -> CursorResult[Any]:
    """INSERT … ON CONFLICT DO NOTHING (PostgreSQL's or SQLite's, as the session's database
    speaks): one row (`values` a mapping) or many in one statement (a sequence of mappings).
    The result's `rowcount` says how many were inserted; with `returning`, its rows are those
    of the inserted ones only (a row that was there already is not returned)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = getattr(model, "__table__", model)
    statement = insert(table).on_conflict_do_nothing(
        index_elements=list(index_elements) if index_elements is not None else None
    )
    returning = list(returning)
    if returning:
        statement = statement.returning(*returning)
    if isinstance(values, Mapping):
        return session.exec(statement.values(**values))  # type: ignore[call-overload,no-any-return]
    # one INSERT … VALUES (…), (…) for all rows; the statement is compiled once
    return session.execute(statement, list(values))  # type: ignore[return-value]
