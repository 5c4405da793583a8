"""Migration 0007 (requests parked for the "which network?" select) up and down, on SQLite and
PostgreSQL: down to 0006 drops only its table, and up again brings it back."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, inspect, text

from storage.db import alembic_config

NOW = "2026-05-04 10:00:00+00:00"


def test_0007_up_and_down(fresh_database_url: str) -> None:
    config = alembic_config(fresh_database_url)
    command.upgrade(config, "0007")
    engine = create_engine(fresh_database_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO parked_request (token, kind, text, created_at) "
                "VALUES ('abc', 'ask', 'Vilka kommuner är med?', :now)"
            ),
            {"now": NOW},
        )
        tables_before = set(inspect(conn).get_table_names())
    engine.dispose()
    command.downgrade(config, "0006")
    engine = create_engine(fresh_database_url)
    with engine.begin() as conn:
        assert set(inspect(conn).get_table_names()) == tables_before - {"parked_request"}
    engine.dispose()
    command.upgrade(config, "0007")
    engine = create_engine(fresh_database_url)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM parked_request")).scalar_one() == 0
    engine.dispose()
