"""several networks in one workspace: channels, users' choices, organisations (hand-written)

- `network_channel`: a channel that belongs to a network (requests from it work on it);
- `network_choice`: the network a user in several networks chose, for DMs and forms;
- `organisation` and `party.organisation_id`: one organisation across networks, its
  participation kept per network in its party rows. Existing parties each get their
  organisation (parties of different networks with the same slug and kind share one), so a
  single-network database keeps its data exactly as it was.

SQLite adds the column with ALTER TABLE rather than a batch copy, so the party table keeps its
rows' references and its registry-generation triggers (migration 0003); the downgrade drops
it with ALTER TABLE DROP COLUMN (SQLite 3.35 or newer) for the same reason.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "network_channel",
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("network_id", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["network_id"], ["network.id"]),
        sa.PrimaryKeyConstraint("channel_id"),
    )
    op.create_index("ix_network_channel_network_id", "network_channel", ["network_id"])
    op.create_table(
        "network_choice",
        sa.Column("slack_user_id", sa.String(length=32), nullable=False),
        sa.Column("network_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["network_id"], ["network.id"]),
        sa.PrimaryKeyConstraint("slack_user_id"),
    )
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_organisation_slug", "organisation", ["slug"], unique=True)
    if op.get_bind().dialect.name == "sqlite":
        # ALTER TABLE, not a batch copy: the copy would drop the party table while people
        # and participation refer to it, and its registry-generation triggers with it
        op.execute(
            "ALTER TABLE party ADD COLUMN organisation_id INTEGER REFERENCES organisation (id)"
        )
    else:
        op.add_column("party", sa.Column("organisation_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "party_organisation_id_fkey", "party", "organisation", ["organisation_id"], ["id"]
        )
    op.create_index("ix_party_organisation_id", "party", ["organisation_id"])
    _backfill_organisations()


def _backfill_organisations() -> None:
    """One organisation per party slug (the first party's name and kind); parties link to it."""
    bind = op.get_bind()
    parties = bind.execute(
        sa.text("SELECT id, slug, name, kind, created_at FROM party ORDER BY id")
    ).all()
    organisation_of: dict[str, int] = {}
    for party_id, slug, name, kind, created_at in parties:
        if slug not in organisation_of:
            bind.execute(
                sa.text(
                    "INSERT INTO organisation (slug, name, kind, created_at) "
                    "VALUES (:slug, :name, :kind, :created_at)"
                ),
                {"slug": slug, "name": name, "kind": kind, "created_at": created_at},
            )
            organisation_of[slug] = bind.execute(
                sa.text("SELECT id FROM organisation WHERE slug = :slug"), {"slug": slug}
            ).scalar_one()
        bind.execute(
            sa.text("UPDATE party SET organisation_id = :org WHERE id = :id"),
            {"org": organisation_of[slug], "id": party_id},
        )


def downgrade() -> None:
    op.drop_index("ix_party_organisation_id", table_name="party")
    if op.get_bind().dialect.name == "sqlite":
        # ALTER TABLE DROP COLUMN (SQLite 3.35+), not a batch copy, for the same reason as the
        # upgrade: the party table keeps its rows' references and its triggers
        op.execute("ALTER TABLE party DROP COLUMN organisation_id")
    else:
        op.drop_constraint("party_organisation_id_fkey", "party", type_="foreignkey")
        op.drop_column("party", "organisation_id")
    op.drop_index("ix_organisation_slug", table_name="organisation")
    op.drop_table("organisation")
    op.drop_table("network_choice")
    op.drop_index("ix_network_channel_network_id", table_name="network_channel")
    op.drop_table("network_channel")
