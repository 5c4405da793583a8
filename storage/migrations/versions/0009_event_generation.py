"""event generation: a counter every change to the events and their reminders raises (hand-written)

Beside the registry generation (migration 0003): `event_generation` holds one row whose `value`
a trigger on `event` and on `reminder` raises in the same transaction as the change, whoever
makes it (the bot, the clock, the CLI, psql). A process caches what it shows of the coming
events (`/samverkan forum`) per (registry generation, event generation), and recomputes it
once either has moved (`storage.generation.cached_events`).

SQLite: row-level triggers; PostgreSQL: one function and a statement-level trigger per table.
A later migration that recreates one of these tables on SQLite (batch mode) drops its
triggers: recreate them with `create_triggers()` from this module.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables whose rows the event caches read; `storage.generation.EVENT_TABLES` repeats this
# list and a test checks that the two agree.
TABLES = ("event", "reminder")
BUMP = "UPDATE event_generation SET value = value + 1"


def create_triggers(tables: Sequence[str] = TABLES) -> None:
    dialect = op.get_bind().dialect.name
    for table in tables:
        if dialect == "sqlite":
            for operation in ("INSERT", "UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_event_generation_{operation.lower()} "
                    f"AFTER {operation} ON {table} BEGIN {BUMP}; END"
                )
        elif dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_event_generation ON {table}")
            op.execute(
                f"CREATE TRIGGER {table}_event_generation AFTER INSERT OR UPDATE OR DELETE "
                f"OR TRUNCATE ON {table} FOR EACH STATEMENT "
                "EXECUTE FUNCTION bump_event_generation()"
            )


def upgrade() -> None:
    op.create_table(
        "event_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO event_generation (id, value) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION bump_event_generation() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
        )
    create_triggers()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in TABLES:
        if dialect == "sqlite":
            for operation in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_event_generation_{operation}")
        elif dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_event_generation ON {table}")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS bump_event_generation()")
    op.drop_table("event_generation")
