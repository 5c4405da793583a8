"""Migration 0008 (one person row, memberships per network) on a database with data at 0007, on
SQLite and PostgreSQL: the same human in two networks becomes one person with two memberships,
every reference follows, single-network people stay as they were; down splits them again."""

from __future__ import annotations

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from storage.db import Database, alembic_config

NOW = "2026-05-04 10:00:00+00:00"

# id, network, party, name, title, email, slack user
PEOPLE = (
    (1, 1, 2, "Åsa Öberg", "Skolchef", None, "UASA00001"),
    (2, 2, 3, "Åsa Öberg", "Samordnare 4M", None, "UASA00001"),
    (3, 1, 1, "Bo Ek", "Rektor", "Bo.Ek@vasteras.se", None),
    (4, 2, 3, "Bo Ek", "", "bo.ek@VASTERAS.se", None),
    (5, 1, 2, "Cia Lund", "Utvecklare", "cia@sala.se", "UCIA00001"),
)
CIA = (
    "SELECT id, network_id, party_id, name, title, email, phone, slack_user_id, locale, active, "
    "created_at, updated_at FROM person WHERE id = 5"
)
HUMAN = "network_id, party_id, name, title, email, slack_user_id, active"


def arrange_0007(url: str) -> None:
    command.upgrade(alembic_config(url), "0007")
    engine = create_engine(url)
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
        for pid, nid, slug in ((1, 1, "vasteras"), (2, 1, "sala"), (3, 2, "vasteras")):
            conn.execute(
                text(
                    "INSERT INTO party (id, network_id, slug, name, kind, aliases, created_at, "
                    "updated_at) VALUES (:id, :nid, :slug, :slug, 'municipality', '[]', :now, :now)"
                ),
                {"id": pid, "nid": nid, "slug": slug, "now": NOW},
            )
        for pid, nid, party, name, title, email, slack in PEOPLE:
            conn.execute(
                text(
                    "INSERT INTO person (id, network_id, party_id, name, title, email, "
                    "slack_user_id, active, created_at, updated_at) VALUES (:id, :nid, :party, "
                    ":name, :title, :email, :slack, :true, :now, :now)"
                ),
                {
                    "id": pid,
                    "nid": nid,
                    "party": party,
                    "name": name,
                    "title": title,
                    "email": email,
                    "slack": slack,
                    "true": True,
                    "now": NOW,
                },
            )
        for rid, person, role in ((1, 1, "coordinator"), (2, 2, "coordinator"), (3, 5, "contact")):
            conn.execute(
                text(
                    "INSERT INTO role_assignment (id, person_id, role, created_at) "
                    "VALUES (:id, :person, :role, :now)"
                ),
                {"id": rid, "person": person, "role": role, "now": NOW},
            )
        conn.execute(
            text(
                "INSERT INTO focus_area (id, network_id, name, slug, description, status, "
                "is_example, lead_person_id, created_at, updated_at) VALUES (1, 2, 'Lärcentra', "
                "'larcentra', '', 'active', :false, 2, :now, :now)"
            ),
            {"now": NOW, "false": False},
        )
        conn.execute(
            text(
                "INSERT INTO participation (id, party_id, area_id, joined_at, joined_by, "
                "contact_person_id, note) VALUES (1, 3, 1, :now, 'cli', 4, '')"
            ),
            {"now": NOW},
        )
        conn.execute(
            text(
                "INSERT INTO audit_entry (id, network_id, at, actor, action, entity, entity_id, "
                "summary) VALUES (1, 2, :now, 'cli', 'person.create', 'person', 2, 'Åsa')"
            ),
            {"now": NOW},
        )
    engine.dispose()


def human_rows(conn) -> list:  # type: ignore[no-untyped-def]
    """Each person row's fields, the e-mail case-folded (a merged human keeps one spelling)."""
    rows = conn.execute(text(f"SELECT {HUMAN} FROM person")).all()
    return sorted((*r[:4], (r[4] or "").casefold(), *r[5:]) for r in rows)


def test_0008_merges_the_same_human_and_splits_again(fresh_database_url: str) -> None:
    arrange_0007(fresh_database_url)
    engine = create_engine(fresh_database_url)
    with engine.begin() as conn:
        humans_before = human_rows(conn)
        cia_before = conn.execute(text(CIA)).one()
    engine.dispose()

    config = alembic_config(fresh_database_url)
    # the bot's own way (its engine enforces foreign keys on SQLite), to the newest revision
    db = Database(fresh_database_url)
    db.upgrade()
    with db.engine.connect() as conn:
        head = ScriptDirectory.from_config(config).get_current_head()
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head
        if conn.dialect.name == "sqlite":  # on again for everything after the migration
            assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    db.dispose()
    engine = create_engine(fresh_database_url)
    with engine.begin() as conn:
        people = conn.execute(
            text("SELECT id, name, email, slack_user_id FROM person ORDER BY id")
        ).all()
        assert [(p.id, p.name) for p in people] == [(1, "Åsa Öberg"), (3, "Bo Ek"), (5, "Cia Lund")]
        assert "network_id" not in {c["name"] for c in inspect(conn).get_columns("person")}
        memberships = conn.execute(
            text("SELECT person_id, network_id, party_id, title FROM membership ORDER BY id")
        ).all()
        assert [tuple(m) for m in memberships] == [
            (1, 1, 2, "Skolchef"),
            (1, 2, 3, "Samordnare 4M"),
            (3, 1, 1, "Rektor"),
            (3, 2, 3, ""),
            (5, 1, 2, "Utvecklare"),
        ]
        roles = conn.execute(
            text("SELECT person_id, network_id, role FROM role_assignment ORDER BY id")
        ).all()
        assert [tuple(r) for r in roles] == [
            (1, 1, "coordinator"),
            (1, 2, "coordinator"),
            (5, 1, "contact"),
        ]
        assert conn.execute(text("SELECT lead_person_id FROM focus_area")).scalar_one() == 1
        assert conn.execute(text("SELECT contact_person_id FROM participation")).scalar_one() == 3
        assert conn.execute(text("SELECT entity_id FROM audit_entry")).scalar_one() == 1
        cia = conn.execute(text("SELECT name, email, slack_user_id FROM person WHERE id = 5"))
        assert tuple(cia.one()) == ("Cia Lund", "cia@sala.se", "UCIA00001")
        unique = [i for i in inspect(conn).get_indexes("person") if i["unique"]]
        assert [i["column_names"] for i in unique] == [["slack_user_id"]]
        # the registry triggers watch the new table and the two recreated ones
        for statement in (
            "UPDATE membership SET title = 'Skolchef' WHERE id = 1",
            "UPDATE person SET phone = '021' WHERE id = 1",
            "UPDATE role_assignment SET role = 'chair' WHERE id = 3",
        ):
            before = conn.execute(text("SELECT value FROM registry_generation")).scalar_one()
            conn.execute(text(statement))
            after = conn.execute(text("SELECT value FROM registry_generation")).scalar_one()
            assert after > before, statement
        conn.execute(text("UPDATE person SET phone = NULL WHERE id = 1"))
        conn.execute(text("UPDATE role_assignment SET role = 'contact' WHERE id = 3"))
    engine.dispose()

    command.downgrade(config, "0007")
    engine = create_engine(fresh_database_url)
    with engine.begin() as conn:
        assert "membership" not in inspect(conn).get_table_names()
        assert human_rows(conn) == humans_before
        assert conn.execute(text(CIA)).one() == cia_before
        asa_4m = conn.execute(
            text("SELECT id FROM person WHERE network_id = 2 AND slack_user_id = 'UASA00001'")
        ).scalar_one()
        bo_4m = conn.execute(
            text("SELECT id FROM person WHERE network_id = 2 AND name = 'Bo Ek'")
        ).scalar_one()
        assert conn.execute(text("SELECT lead_person_id FROM focus_area")).scalar_one() == asa_4m
        assert (
            conn.execute(text("SELECT contact_person_id FROM participation")).scalar_one() == bo_4m
        )
        roles = conn.execute(text("SELECT person_id, role FROM role_assignment ORDER BY id")).all()
        assert [tuple(r) for r in roles] == [
            (1, "coordinator"),
            (asa_4m, "coordinator"),
            (5, "contact"),
        ]
        before = conn.execute(text("SELECT value FROM registry_generation")).scalar_one()
        conn.execute(text("UPDATE person SET phone = '021' WHERE id = 1"))
        assert conn.execute(text("SELECT value FROM registry_generation")).scalar_one() > before
    engine.dispose()

    command.upgrade(config, "0008")
    engine = create_engine(fresh_database_url)
    with engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM person")).scalar_one() == 3
        assert conn.execute(text("SELECT count(*) FROM membership")).scalar_one() == 5
    engine.dispose()


def test_0008_keeps_a_single_network_database_as_it_was(fresh_database_url: str) -> None:
    arrange_0007(fresh_database_url)
    engine = create_engine(fresh_database_url)
    people = (
        "SELECT id, network_id, party_id, name, title, email, phone, slack_user_id, locale, "
        "active, created_at, updated_at FROM person ORDER BY id"
    )
    roles = "SELECT id, person_id, role, area_id, created_at FROM role_assignment ORDER BY id"
    with engine.begin() as conn:  # 4M's rows go: what is left is one network's registry
        for statement in (
            "DELETE FROM audit_entry",
            "DELETE FROM participation",
            "DELETE FROM focus_area",
            "DELETE FROM role_assignment WHERE person_id IN (2, 4)",
            "DELETE FROM person WHERE network_id = 2",
        ):
            conn.execute(text(statement))
        people_before = conn.execute(text(people)).all()
        roles_before = conn.execute(text(roles)).all()
    engine.dispose()
    db = Database(fresh_database_url)
    db.upgrade()
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT p.id, m.network_id, m.party_id, p.name, m.title, p.email, p.slack_user_id "
                "FROM person p JOIN membership m ON m.person_id = p.id ORDER BY p.id"
            )
        ).all()
        assert [tuple(r) for r in rows] == [
            (r.id, r.network_id, r.party_id, r.name, r.title, r.email, r.slack_user_id)
            for r in people_before
        ]
    db.dispose()
    command.downgrade(alembic_config(fresh_database_url), "0007")
    engine = create_engine(fresh_database_url)
    with engine.begin() as conn:
        assert conn.execute(text(people)).all() == people_before
        assert conn.execute(text(roles)).all() == roles_before
    engine.dispose()
