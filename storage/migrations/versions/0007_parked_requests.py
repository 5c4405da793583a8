"""parked requests: a command or question too long for the network select's block id (hand-written)

When the bot asks a user in several networks which one a request is for, the select's block id
carries what to run once they choose. Slack allows 255 characters there; a longer question is
kept in `parked_request` instead and the block id names it by an unguessable token. Rows are
deleted when used and pruned after a day.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "parked_request",
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token"),
    )
    op.create_index("ix_parked_request_created_at", "parked_request", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_parked_request_created_at", table_name="parked_request")
    op.drop_table("parked_request")
