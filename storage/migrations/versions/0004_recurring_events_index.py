"""a partial index of the recurring events

`storage.events.coming_events` reads every planned recurring event of a network. Without this
index SQLite reads them through `ix_event_planning` (status), that is every planned event: 5 ms
at national scale for the one recurring event there; with it, a few rows.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECURRING = sa.text("recurrence IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        "ix_event_recurring",
        "event",
        ["network_id", "status"],
        sqlite_where=RECURRING,
        postgresql_where=RECURRING,
    )


def downgrade() -> None:
    op.drop_index("ix_event_recurring", table_name="event")
