"""one person row, memberships per network (hand-written)

A human in two networks was two `person` rows. Now `person` keeps the human (name, e-mail,
phone, Slack user, locale) and `membership` their place in each network (party, title, active);
`role_assignment.network_id` says in which network a role is held.

Upgrade: every person row gets its membership and its roles their network; rows that are the
same human (the same Slack user, else the same case-folded e-mail, and not both in one network)
are merged into the oldest, every reference to the others repointed (roles, area leads,
participation contacts, audit entries); then the per-network columns go and the Slack user
becomes unique. A single-network database keeps every person as it was.

Downgrade: one person row per membership (the first keeps the id, the others get new rows with
the human's fields), each network's references repointed to its row.

SQLite recreates `person` and `role_assignment` (batch mode). Other tables refer to `person`,
so this needs foreign keys off, as SQLite's recipe for recreating a table says:
`Database.upgrade` migrates SQLite with them off and checks them afterwards (a bare Alembic
engine has them off anyway). The batch copy drops the tables' registry-generation triggers
(migration 0003), recreated here.

Revision ID: 0008
Revises: 0007
"""

import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_generation = importlib.import_module("storage.migrations.versions.0003_registry_generation")

# the tables this migration adds to those whose changes raise the registry generation
TABLES = ("membership",)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _run(sql: str, **params: object) -> sa.CursorResult:
    return op.get_bind().execute(sa.text(sql), params)


def upgrade() -> None:
    op.create_table(
        "membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("network_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["network_id"], ["network.id"]),
        sa.ForeignKeyConstraint(["party_id"], ["party.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "network_id", name="uq_membership_person_network"),
    )
    op.create_index("ix_membership_person_id", "membership", ["person_id"])
    op.create_index("ix_membership_network_id", "membership", ["network_id"])
    op.create_index("ix_membership_party_id", "membership", ["party_id"])
    op.add_column("role_assignment", sa.Column("network_id", sa.Integer(), nullable=True))
    _run(
        "UPDATE role_assignment SET network_id = "
        "(SELECT network_id FROM person WHERE person.id = role_assignment.person_id)"
    )
    _run(
        "INSERT INTO membership (person_id, network_id, party_id, title, active, created_at, "
        "updated_at) SELECT id, network_id, party_id, title, active, created_at, updated_at "
        "FROM person ORDER BY id"
    )
    _merge_people()

    with op.batch_alter_table("person") as batch:
        batch.drop_constraint("uq_person_network_slack", type_="unique")
        batch.drop_index("ix_person_network_id")
        batch.drop_index("ix_person_party_id")
        batch.drop_index("ix_person_slack_user_id")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("network_id")
        batch.drop_column("party_id")
        batch.drop_column("title")
        batch.drop_column("active")
        batch.create_index("ix_person_slack_user_id", ["slack_user_id"], unique=True)
    with op.batch_alter_table("role_assignment") as batch:
        batch.alter_column("network_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(
            "role_assignment_network_id_fkey", "network", ["network_id"], ["id"]
        )
        batch.drop_constraint("uq_role", type_="unique")
        batch.create_unique_constraint("uq_role", ["person_id", "network_id", "role", "area_id"])
    op.create_index("ix_role_assignment_network_id", "role_assignment", ["network_id"])
    _generation.create_triggers(("person", "role_assignment", *TABLES))


def _merge_people() -> None:
    """Merge the person rows that are one human into the oldest of them."""
    people = _run(
        "SELECT id, network_id, slack_user_id, email, phone, locale FROM person ORDER BY id"
    ).all()
    keep_of: dict[tuple[str, str], int] = {}  # ("slack", id) / ("email", folded) -> kept row
    networks_of: dict[int, set[int]] = {}
    fields_of: dict[int, dict[str, object]] = {}
    for pid, network_id, slack, email, phone, locale in people:
        keys = []
        if slack:
            keys.append(("slack", slack))
        elif email and email.strip():
            keys.append(("email", email.strip().casefold()))
        keep = next((keep_of[k] for k in keys if k in keep_of), None)
        if keep is None or network_id in networks_of[keep]:
            keep = pid
            networks_of[pid] = {network_id}
            fields_of[pid] = {"email": email, "phone": phone, "locale": locale}
            for key in keys:
                keep_of.setdefault(key, pid)
            if slack and email and email.strip():
                keep_of.setdefault(("email", email.strip().casefold()), pid)
            continue
        networks_of[keep].add(network_id)
        for table, column in (
            ("membership", "person_id"),
            ("role_assignment", "person_id"),
            ("focus_area", "lead_person_id"),
            ("participation", "contact_person_id"),
        ):
            _run(f"UPDATE {table} SET {column} = :keep WHERE {column} = :old", keep=keep, old=pid)
        _run(
            "UPDATE audit_entry SET entity_id = :keep WHERE entity = 'person' AND entity_id = :old",
            keep=keep,
            old=pid,
        )
        missing = {
            k: v
            for k, v in (("email", email), ("phone", phone), ("locale", locale))
            if v and not fields_of[keep][k]
        }
        if missing:
            fields_of[keep].update(missing)
            sets = ", ".join(f"{k} = :{k}" for k in missing)
            _run(f"UPDATE person SET {sets} WHERE id = :keep", keep=keep, **missing)
        _run("DELETE FROM person WHERE id = :old", old=pid)


def downgrade() -> None:
    op.drop_index("ix_role_assignment_network_id", table_name="role_assignment")
    with op.batch_alter_table("role_assignment") as batch:
        batch.drop_constraint("uq_role", type_="unique")
        batch.drop_constraint("role_assignment_network_id_fkey", type_="foreignkey")
    with op.batch_alter_table("person") as batch:
        batch.drop_index("ix_person_slack_user_id")
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("network_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("party_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("title", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))
    _split_people()
    with op.batch_alter_table("person") as batch:
        batch.alter_column("network_id", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("title", existing_type=sa.String(length=200), server_default=None)
        batch.alter_column("active", existing_type=sa.Boolean(), server_default=None)
        batch.create_foreign_key("person_network_id_fkey", "network", ["network_id"], ["id"])
        batch.create_foreign_key("person_party_id_fkey", "party", ["party_id"], ["id"])
        batch.create_unique_constraint("uq_person_network_slack", ["network_id", "slack_user_id"])
        batch.create_index("ix_person_network_id", ["network_id"])
        batch.create_index("ix_person_party_id", ["party_id"])
        batch.create_index("ix_person_slack_user_id", ["slack_user_id"])
    with op.batch_alter_table("role_assignment") as batch:
        batch.drop_column("network_id")
        batch.create_unique_constraint("uq_role", ["person_id", "role", "area_id"])
    for table in TABLES:
        if _sqlite():
            for operation in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_generation_{operation}")
    op.drop_index("ix_membership_party_id", table_name="membership")
    op.drop_index("ix_membership_network_id", table_name="membership")
    op.drop_index("ix_membership_person_id", table_name="membership")
    op.drop_table("membership")
    _generation.create_triggers(("person", "role_assignment"))


def _split_people() -> None:
    """One person row per membership; each network's references point at its row."""
    memberships = _run(
        "SELECT id, person_id, network_id, party_id, title, active, created_at, updated_at "
        "FROM membership ORDER BY person_id, id"
    ).all()
    if not _sqlite():  # new rows follow the highest id, even if rows were written with ids
        _run(
            "SELECT setval(pg_get_serial_sequence('person', 'id'), "
            "(SELECT coalesce(max(id), 0) + 1 FROM person), false)"
        )
    seen: set[int] = set()
    for _mid, pid, network_id, party_id, title, active, created_at, updated_at in memberships:
        if pid not in seen:
            seen.add(pid)
            _run(
                "UPDATE person SET network_id = :network_id, party_id = :party_id, "
                "title = :title, active = :active WHERE id = :pid",
                network_id=network_id,
                party_id=party_id,
                title=title,
                active=active,
                pid=pid,
            )
            continue
        human = _run(
            "SELECT name, email, phone, slack_user_id, locale FROM person WHERE id = :pid",
            pid=pid,
        ).one()
        new_id = _run(
            "INSERT INTO person (network_id, party_id, name, title, email, phone, slack_user_id,"
            " locale, active, created_at, updated_at) VALUES (:network_id, :party_id, :name, "
            ":title, :email, :phone, :slack, :locale, :active, :created_at, :updated_at) "
            "RETURNING id",
            network_id=network_id,
            party_id=party_id,
            name=human.name,
            title=title,
            email=human.email,
            phone=human.phone,
            slack=human.slack_user_id,
            locale=human.locale,
            active=active,
            created_at=created_at,
            updated_at=updated_at,
        ).scalar_one()
        params = {"new": new_id, "old": pid, "network_id": network_id}
        _run(
            "UPDATE role_assignment SET person_id = :new "
            "WHERE person_id = :old AND network_id = :network_id",
            **params,
        )
        _run(
            "UPDATE focus_area SET lead_person_id = :new "
            "WHERE lead_person_id = :old AND network_id = :network_id",
            **params,
        )
        _run(
            "UPDATE participation SET contact_person_id = :new WHERE contact_person_id = :old "
            "AND area_id IN (SELECT id FROM focus_area WHERE network_id = :network_id)",
            **params,
        )
