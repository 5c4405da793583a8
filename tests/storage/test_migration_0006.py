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

    command.upgrade(alembic_config(fresh_database_url), "0007")
    db = Database(fresh_database_url)
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


def columns(conn, table: str) -> set[str]:  # type: ignore[no-untyped-def]
    from sqlalchemy import inspect

    return {c["name"] for c in inspect(conn).get_columns(table)}


def test_downgrading_0006_keeps_the_registry_and_its_triggers_and_upgrades_again(
    fresh_database_url: str,
) -> None:
    config = alembic_config(fresh_database_url)
    command.upgrade(config, "0006")
    engine = create_engine(fresh_database_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO network (id, slug, name, kind, description, timezone, created_at, "
                "updated_at) VALUES (1, 'vastmanland', 'V', 'agreement', '', 'Europe/Stockholm', "
                ":now, :now)"
            ),
            {"now": NOW},
        )
        conn.execute(
            text(
                "INSERT INTO organisation (id, slug, name, kind, created_at) "
                "VALUES (1, 'sala', 'Sala kommun', 'municipality', :now)"
            ),
            {"now": NOW},
        )
        conn.execute(
            text(
                "INSERT INTO party (id, network_id, organisation_id, slug, name, kind, aliases, "
                "created_at, updated_at) VALUES (1, 1, 1, 'sala', 'Sala kommun', 'municipality', "
                "'[]', :now, :now)"
            ),
            {"now": NOW},
        )
        conn.execute(
            text(
                "INSERT INTO person (id, network_id, party_id, name, title, slack_user_id, active,"
                " created_at, updated_at) VALUES (1, 1, 1, 'Åsa Öberg', 'Skolchef', 'UASA00001',"
                " :true, :now, :now)"
            ),
            {"now": NOW, "true": True},
        )
        conn.execute(
            text(
                "INSERT INTO network_channel (channel_id, network_id, added_by, created_at) "
                "VALUES ('CVAST0001', 1, 'UASA00001', :now)"
            ),
            {"now": NOW},
        )
        conn.execute(
            text(
                "INSERT INTO network_choice (slack_user_id, network_id, updated_at) "
                "VALUES ('UASA00001', 1, :now)"
            ),
            {"now": NOW},
        )
        person_before = conn.execute(text("SELECT * FROM person ORDER BY id")).all()
    engine.dispose()

    command.downgrade(config, "0005")
    engine = create_engine(fresh_database_url)
    with engine.begin() as conn:
        from sqlalchemy import inspect

        tables = set(inspect(conn).get_table_names())
        assert not tables & {"organisation", "network_channel", "network_choice"}
        assert "organisation_id" not in columns(conn, "party")
        assert conn.execute(text("SELECT id, slug, name FROM party")).all() == [
            (1, "sala", "Sala kommun")
        ]
        assert conn.execute(text("SELECT * FROM person ORDER BY id")).all() == person_before
        generation = conn.execute(text("SELECT value FROM registry_generation")).scalar_one()
    with engine.begin() as conn:
        conn.execute(text("UPDATE party SET name = 'Sala' WHERE id = 1"))
    with engine.begin() as conn:
        # the party table still raises the registry generation
        assert conn.execute(text("SELECT value FROM registry_generation")).scalar_one() > generation
    engine.dispose()

    # and up again: the party gets its organisation back
    command.upgrade(config, "0006")
    engine = create_engine(fresh_database_url)
    with engine.begin() as conn:
        assert conn.execute(
            text("SELECT o.slug FROM party p JOIN organisation o ON o.id = p.organisation_id")
        ).all() == [("sala",)]
        generation = conn.execute(text("SELECT value FROM registry_generation")).scalar_one()
    with engine.begin() as conn:
        conn.execute(text("UPDATE party SET name = 'Sala kommun' WHERE id = 1"))
    with engine.begin() as conn:
        assert conn.execute(text("SELECT value FROM registry_generation")).scalar_one() > generation
    engine.dispose()
