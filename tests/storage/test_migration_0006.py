"""Migration 0006 (several networks in one workspace) on a database that has data at 0004:
every row stays as it was, and each party gets its organisation."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, text

from storage.db import Database, alembic_config

NOW = "2026-05-04 10:00:00+00:00"


def test_upgrading_from_0004_keeps_single_network_data_and_links_organisations(
    fresh_database_url: str,
) -> None:
    command.upgrade(alembic_config(fresh_database_url), "0004")
    engine = create_engine(fresh_database_url)
    with engine.begin() as conn:
        for nid, slug in ((1, "vastmanland"), (2, "fyra")):
            conn.execute(
                text(
                    "INSERT INTO network (id, slug, name, kind, description, timezone, "
                    "created_at, updated_at) VALUES (:id, :slug, :slug, 'agreement', '', "
                    "'Europe/Stockholm', :now, :now)"
                ),
                {"id": nid, "slug": slug, "now": NOW},
            )
        for pid, nid, slug, name in (
            (1, 1, "vasteras", "Västerås stad"),
            (2, 1, "sala", "Sala kommun"),
            (3, 2, "vasteras", "Västerås stad"),
        ):
            conn.execute(
                text(
                    "INSERT INTO party (id, network_id, slug, name, kind, aliases, created_at, "
                    "updated_at) VALUES (:id, :nid, :slug, :name, 'municipality', '[]', :now, :now)"
                ),
                {"id": pid, "nid": nid, "slug": slug, "name": name, "now": NOW},
            )
        conn.execute(
            text(
                "INSERT INTO person (id, network_id, party_id, name, title, slack_user_id, active,"
                " created_at, updated_at) VALUES (1, 1, 2, 'Åsa Öberg', 'Skolchef', 'UASA00001',"
                " :true, :now, :now)"
            ),
            {"now": NOW, "true": True},
        )
        conn.execute(
            text(
                "INSERT INTO role_assignment (id, person_id, role, created_at) "
                "VALUES (1, 1, 'coordinator', :now)"
            ),
            {"now": NOW},
        )
        before = {
            table: conn.execute(text(f"SELECT * FROM {table} ORDER BY id")).all()
            for table in ("network", "person", "role_assignment")
        }
        parties_before = conn.execute(
            text("SELECT id, network_id, slug, name, kind FROM party ORDER BY id")
        ).all()
    engine.dispose()

    db = Database(fresh_database_url)
    db.upgrade()
    with db.engine.begin() as conn:
        for table, rows in before.items():
            assert conn.execute(text(f"SELECT * FROM {table} ORDER BY id")).all() == rows
        assert (
            conn.execute(
                text("SELECT id, network_id, slug, name, kind FROM party ORDER BY id")
            ).all()
            == parties_before
        )
        links = dict(conn.execute(text("SELECT id, organisation_id FROM party")).all())
        organisations = conn.execute(text("SELECT id, slug, name FROM organisation")).all()
        assert links[1] == links[3] != links[2]  # Västerås is one organisation in both
        assert sorted(o.slug for o in organisations) == ["sala", "vasteras"]
        generation = conn.execute(text("SELECT value FROM registry_generation")).scalar_one()
        conn.execute(text("UPDATE party SET name = 'Sala' WHERE id = 2"))
        # the party table's registry triggers survived the migration
        assert conn.execute(text("SELECT value FROM registry_generation")).scalar_one() > generation
    db.dispose()
