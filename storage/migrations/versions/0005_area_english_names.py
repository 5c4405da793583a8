"""optional English names and descriptions of focus areas

`focus_area.name_en` and `focus_area.description_en`: shown to English users when set; the
Swedish name stays the one the registry sorts and audits by, and lookups accept both.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN on both databases (no table rebuild), so the registry-generation
    # triggers of migration 0003 on focus_area stay as they are.
    op.add_column("focus_area", sa.Column("name_en", sa.String(length=80), nullable=True))
    op.add_column("focus_area", sa.Column("description_en", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("focus_area") as batch:
        batch.drop_column("description_en")
        batch.drop_column("name_en")
