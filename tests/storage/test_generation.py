"""The registry's generation (`storage.generation`, migration 0003): what a process caches from
the registry is used only while no change has been committed since, by anyone."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import inspect, text
from sqlmodel import select

from bot.core.runtime import Core
from storage import generation, registry
from storage.db import Database
from storage.models import Party
from tests.conftest import LiveBot
from tests.events.util import add_event
from tests.helpers import texts
from tests.registry_support import SALA_MEMBER, people


def names(core: Core) -> set[str]:
    with core.db.session() as session:
        network_id = core.network(session).id
        return {ref.name for ref in registry.party_refs(session=session, network_id=network_id)}


def other_process(core: Core) -> Database:
    """What another replica, the CLI or psql would use: its own engine on the same database."""
    return Database(core.settings.database_url)


def test_every_registry_table_raises_the_generation(core: Core) -> None:
    migration = importlib.import_module("storage.migrations.versions.0003_registry_generation")
    memberships = importlib.import_module("storage.migrations.versions.0008_memberships")
    documents = importlib.import_module(
        "storage.migrations.versions.0010_documents_in_registry_generation"
    )
    assert migration.TABLES + memberships.TABLES + documents.TABLES == generation.REGISTRY_TABLES
    with core.db.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            rows = connection.execute(
                text("SELECT tbl_name FROM sqlite_master WHERE type='trigger'")
            )
        else:
            rows = connection.execute(
                text(
                    "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                    "WHERE NOT t.tgisinternal AND t.tgname LIKE '%_generation%'"
                )
            )
        watched = {row[0] for row in rows}
    assert set(generation.REGISTRY_TABLES) <= watched
    assert set(generation.REGISTRY_TABLES) <= set(inspect(core.db.engine).get_table_names())


def test_party_names_are_read_once_per_generation(core: Core) -> None:
    names(core)
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    sa_event.listen(core.db.engine, "before_cursor_execute", record)
    try:
        names(core)
        assert not any("FROM party" in s for s in statements)  # served from the cache
        with core.db.session() as session:
            party = session.exec(select(Party).where(Party.slug == "sala")).one()
            party.aliases = [*party.aliases, "Silverstaden"]
            session.add(party)
        statements.clear()
        names(core)
        assert any("FROM party" in s for s in statements)  # the generation moved: read again
    finally:
        sa_event.remove(core.db.engine, "before_cursor_execute", record)


def test_a_change_committed_elsewhere_is_seen_at_once(core: Core) -> None:
    assert "Sala kommun" in names(core)  # cached for this generation
    before = _generation(core)
    other = other_process(core)
    try:
        with other.engine.begin() as connection:  # an operator's raw SQL, no ORM, no audit
            connection.execute(text("UPDATE party SET name = 'Silverstaden' WHERE slug = 'sala'"))
    finally:
        other.dispose()
    assert _generation(core) > before
    assert "Silverstaden" in names(core) and "Sala kommun" not in names(core)


def test_a_transaction_that_wrote_reads_its_own_changes_past_the_cache(core: Core) -> None:
    names(core)  # fill the cache
    with core.db.session() as session:
        network_id = core.network(session).id
        party = session.exec(select(Party).where(Party.slug == "sala")).one()
        party.name = "Silverstaden"
        session.add(party)
        session.flush()
        seen = {ref.name for ref in registry.party_refs(session=session, network_id=network_id)}
        assert "Silverstaden" in seen
        session.rollback()
    assert "Sala kommun" in names(core) and "Silverstaden" not in names(core)


def test_nothing_is_cached_without_the_generation_row(core: Core) -> None:
    names(core)
    with core.db.engine.begin() as connection:
        connection.execute(text("DELETE FROM registry_generation"))
        connection.execute(text("UPDATE party SET name = 'Silverstaden' WHERE slug = 'sala'"))
    assert "Silverstaden" in names(core)


def test_a_command_finds_a_party_renamed_by_another_process(bot: LiveBot) -> None:
    first = bot.slack.command("åtaganden Sala")
    assert first.status == 200 and "Sala" in texts(first.json())
    other = other_process(bot.core)
    try:
        with other.engine.begin() as connection:
            connection.execute(text("UPDATE party SET name = 'Silverstaden' WHERE slug = 'sala'"))
    finally:
        other.dispose()
    renamed = texts(bot.slack.command("åtaganden Silverstaden").json())
    assert "Silverstaden" in renamed and "hittar" not in renamed.lower()


def _generation(core: Core) -> int:
    with core.db.engine.connect() as connection:
        return int(connection.execute(text("SELECT value FROM registry_generation")).scalar_one())


def test_a_role_granted_elsewhere_takes_effect_on_the_next_request(bot: LiveBot) -> None:
    people(bot.core)
    refused = texts(bot.slack.command("utskick Lärarförsörjning", user=SALA_MEMBER).json())
    assert "bara samordnare" in refused  # the asker is cached as a plain member now
    other = other_process(bot.core)
    try:
        with other.engine.begin() as connection:
            connection.execute(
                text(
                    "UPDATE role_assignment SET role = 'coordinator' WHERE person_id = "
                    "(SELECT id FROM person WHERE slack_user_id = :user)"
                ),
                {"user": SALA_MEMBER},
            )
    finally:
        other.dispose()
    result = bot.slack.command("utskick Lärarförsörjning", user=SALA_MEMBER)
    assert result.status == 200 and "bara samordnare" not in result.text
    [opened] = bot.fake.wait_for("views.open")
    assert opened.view["callback_id"] == "broadcast_preview"


def _elsewhere(core: Core, sql: str, **params: object) -> None:
    other = other_process(core)
    try:
        with other.engine.begin() as connection:
            connection.execute(text(sql), params)
    finally:
        other.dispose()


def test_the_network_renamed_elsewhere_is_named_on_the_next_command(bot: LiveBot) -> None:
    assert "Västmanland" in texts(bot.slack.command("områden").json())
    _elsewhere(bot.core, "UPDATE network SET name = 'Bergslagen' WHERE slug = 'vastmanland'")
    listed = texts(bot.slack.command("områden").json())
    assert "Bergslagen" in listed and "Västmanland" not in listed


def test_an_area_page_and_the_area_list_follow_participation_changed_elsewhere(
    bot: LiveBot,
) -> None:
    def sala_in_area() -> bool:
        page = texts(bot.slack.command("område Lärarförsörjning").json())
        return "Sala" in page

    def count_line() -> str:
        listed = texts(bot.slack.command("områden").json())
        return next(line for line in listed.splitlines() if "Lärarförsörjning" in line)

    assert not sala_in_area()
    before = count_line()
    _elsewhere(
        bot.core,
        "INSERT INTO participation (party_id, area_id, joined_at, joined_by, note) VALUES ("
        "(SELECT id FROM party WHERE slug = 'sala'), "
        "(SELECT id FROM focus_area WHERE slug = 'lararforsorjning'), "
        "CURRENT_TIMESTAMP, 'psql', '')",
    )
    assert sala_in_area()
    assert count_line() != before


def test_a_cached_row_does_not_overwrite_what_the_session_changed(core: Core) -> None:
    with core.db.session() as session:
        party_id = registry.party_refs(session=session, network_id=core.network(session).id)[0].id
        generation.registry_row(Party, party_id, session=session)  # cached for this generation
    with core.db.session() as session:
        party = session.get(Party, party_id)
        assert party is not None
        party.name = "Ändrad"  # not flushed yet
        again = generation.registry_row(Party, party_id, session=session)
        assert again is party and again.name == "Ändrad"
        session.rollback()
    with core.db.session() as session:
        fresh = generation.registry_row(Party, party_id, session=session)
        assert fresh is not None and fresh.name != "Ändrad"


def test_commitments_and_contacts_changed_elsewhere_are_shown_on_the_next_command(
    bot: LiveBot,
) -> None:
    people(bot.core)
    assert "Läxhjälp åt alla" not in texts(bot.slack.command("åtaganden Sala").json())
    before = texts(bot.slack.command("vem Sala").json())
    _elsewhere(
        bot.core,
        "INSERT INTO commitment (network_id, party_id, text, source, section, position) "
        "SELECT network_id, id, 'Läxhjälp åt alla', 'Protokoll', '§1', 99 "
        "FROM party WHERE slug = 'sala'",
    )
    _elsewhere(
        bot.core,
        "UPDATE membership SET title = 'Skoldirektör' WHERE person_id = "
        "(SELECT id FROM person WHERE slack_user_id = :u)",
        u=SALA_MEMBER,
    )
    assert "Läxhjälp åt alla" in texts(bot.slack.command("åtaganden Sala").json())
    after = texts(bot.slack.command("vem Sala").json())
    assert "Skoldirektör" in after and "Skoldirektör" not in before


def test_what_is_used_often_stays_cached_when_many_rows_pass_through(
    core: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generation, "MAX_ENTRIES", 4)
    computed: list[str] = []

    def value(key: str) -> str:
        with core.db.session() as session:
            return generation.cached(key, lambda: computed.append(key) or key, session=session)

    value("names")
    for i in range(10):  # rows named by questions, one after another
        value(f"row {i}")
        value("names")  # used by every question
    assert computed.count("names") == 1
    assert computed.count("row 0") == 1
    value("row 0")  # long unused: it was dropped
    assert computed.count("row 0") == 2


def _event_generation(core: Core) -> int:
    with core.db.engine.connect() as connection:
        return int(connection.execute(text("SELECT value FROM event_generation")).scalar_one())


def test_every_event_table_raises_the_event_generation(core: Core) -> None:
    migration = importlib.import_module("storage.migrations.versions.0009_event_generation")
    assert migration.TABLES == generation.EVENT_TABLES
    before = _event_generation(core)
    registry_before = _generation(core)
    _elsewhere(core, "UPDATE event SET title = title || '!'")  # the seeded milestones
    after_event = _event_generation(core)
    assert after_event > before
    add_event(core, now=core.now(), title="Rådsmöte", starts_at=core.now() + timedelta(days=9))
    planned = _event_generation(core)
    assert planned > after_event
    _elsewhere(core, "UPDATE reminder SET status = status")  # the reminders are watched too
    assert _event_generation(core) > planned
    assert _generation(core) == registry_before  # events are not the registry


def test_the_coming_events_are_cached_per_generation_of_both(core: Core) -> None:
    computed: list[int] = []

    def listing() -> str:
        with core.db.session() as session:
            return generation.cached_events(
                "listing",
                lambda: (computed.append(1) or "listing", None),
                session=session,
                now=core.now(),
            )

    listing()
    listing()
    assert len(computed) == 1
    _elsewhere(core, "UPDATE event SET title = title || '!'")
    listing()
    assert len(computed) == 2
    _elsewhere(core, "UPDATE party SET name = name || '!' WHERE slug = 'sala'")
    listing()
    assert len(computed) == 3
