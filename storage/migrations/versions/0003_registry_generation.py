"""registry generation: a counter every change to the registry tables raises (hand-written)

`registry_generation` holds one row: a random `epoch` (set when the row is made) and a `value`
that a trigger on each registry table raises in the same transaction as the change, whoever
writes it (the bot, the CLI, an import, an operator with psql). Every process can then tell in
one tiny query whether what it cached from the registry is still current (`storage.generation`).

SQLite: row-level triggers (SQLite has no statement triggers). PostgreSQL: one function and a
statement-level trigger per table, so a bulk import raises the counter once per statement.

A later migration that recreates one of these tables on SQLite (batch mode) drops its
triggers: recreate them with `create_triggers()` from this module.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables whose rows the caches read; `storage.generation.REGISTRY_TABLES` repeats this list
# and a test checks that the two agree.
TABLES = (
    "network",
    "party",
    "person",
    "role_assignment",
    "focus_area",
    "participation",
    "commitment",
)
BUMP = "UPDATE registry_generation SET value = value + 1"


def create_triggers(tables: Sequence[str] = TABLES) -> None:
    dialect = op.get_bind().dialect.name
    for table in tables:
        if dialect == "sqlite":
            for operation in ("INSERT", "UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_generation_{operation.lower()} "
                    f"AFTER {operation} ON {table} BEGIN {BUMP}; END"
                )
        elif dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_generation ON {table}")
            op.execute(
                f"CREATE TRIGGER {table}_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_generation()"
            )


def upgrade() -> None:
    op.create_table(
        "registry_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.String(length=32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    dialect = op.get_bind().dialect.name
    random_epoch = {
        "sqlite": "lower(hex(randomblob(16)))",
        "postgresql": "md5(random()::text || clock_timestamp()::text)",
    }.get(dialect, "'0'")
    op.execute(
        f"INSERT INTO registry_generation (id, epoch, value) VALUES (1, {random_epoch}, 0)"
    )
    if dialect == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION bump_registry_generation() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
        )
    create_triggers()


def drop_triggers(tables: Sequence[str] = TABLES) -> None:
    dialect = op.get_bind().dialect.name
    for table in tables:
        if dialect == "sqlite":
            for operation in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_generation_{operation}")
        elif dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_generation ON {table}")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    drop_triggers()
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS bump_registry_generation()")
    op.drop_table("registry_generation")
