"""The benchmark still works (tests/benchmarks/): generator, load generator, tick tooling, and
one whole tiny run. Nothing here is timed: the benchmark measures, these tests check it runs."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.core.runtime import Core
from bot.core.slack_client import make_web_client
from storage.models import Delivery, Membership, Person, Reminder
from tests.benchmarks import run, tick
from tests.benchmarks.generate import Scale, generate, table_counts
from tests.conftest import SIGNING_SECRET, LiveBot
from tests.fake_slack import FakeSlack


def test_generator_builds_a_tiny_national_database(core: Core) -> None:
    scale = Scale.tiny()
    data = generate(core.db, scale)
    counts = table_counts(core.db)
    assert counts["reminder_pending_future"] == scale.future_reminders
    assert len(data.municipality_names) == scale.municipalities
    assert len(data.area_ids) == scale.areas == counts["focus_area"]
    assert counts["person"] == scale.people
    assert counts["audit_entry"] >= scale.audit_entries
    # The ids written explicitly leave the database usable: the bot's own inserts still work.
    with core.db.session() as session:
        person = Person(name="Ny Person", slack_user_id="UNEW1")
        session.add(person)
        session.flush()
        assert person.id is not None
        session.add(Membership(person_id=person.id, network_id=data.network_id))
    with core.db.session() as session:
        assert session.exec(select(func.count()).select_from(Person)).one()[0] == scale.people + 1


def test_due_query_is_found_and_explained(core: Core) -> None:
    generate(core.db, Scale.tiny())
    statements, source = tick.capture_due_queries(core.db, core, datetime.now(UTC))
    assert statements, source
    for statement in statements:
        plan, indexed = tick.explain(core.db, statement)
        assert plan
        if core.db.dialect == "sqlite":  # PostgreSQL may rightly scan a table this small
            assert indexed, plan


def test_due_reminders_are_delivered_by_the_tick_tasks(core: Core, fake_slack: FakeSlack) -> None:
    data = generate(core.db, Scale.tiny())
    ids = tick.add_due_reminders(core.db, data, datetime.now(UTC) - timedelta(seconds=5), count=10)
    watch = tick.deliver_in_process(
        core, make_web_client(core.settings), core.db, fake_slack, ids, timeout=60, tick_seconds=1
    )
    assert watch.delivered_s is not None, watch
    assert watch.sent == 10
    with core.db.session() as session:
        rows = session.exec(select(Reminder.status).where(Reminder.id.in_(ids)))  # type: ignore[union-attr]
        statuses = {status for (status,) in rows}
        sent = session.exec(
            select(func.count()).select_from(Delivery).where(Delivery.ref_id.in_(ids))  # type: ignore[union-attr]
        ).one()
    assert statuses == {"fired"}
    assert sent[0] == 10


def test_one_short_load_round_against_the_bot(bot: LiveBot) -> None:
    kinds = [
        {"name": "cmd hjälp", "weight": 1, "type": "command", "texts": ["hjälp"]},
        {"name": "cmd områden", "weight": 1, "type": "command", "texts": ["områden"]},
    ]
    result = run.run_load(
        bot.url + "slack/events",
        kinds,
        concurrency=2,
        duration=60,
        warmup=0,
        response_url=bot.fake.response_url(),
        markers=run.error_markers(),
        max_requests=10,
        secret=SIGNING_SECRET,
    )
    assert result["total"]["n"] == 10, result
    assert result["total"]["errors"] == 0, result
    assert set(result["kinds"]) == {"cmd hjälp", "cmd områden"}


@pytest.mark.slow
def test_a_whole_tiny_run_writes_its_table_and_json(tmp_path: Path) -> None:
    code = run.main(
        [
            "--scale=tiny",
            "--databases=sqlite",
            "--duration=0.5",
            "--warmup=0.2",
            "--concurrency=2",
            "--workers=1",
            "--threads=2",
            "--no-tick",
            "--no-diagnostic",
            f"--out={tmp_path}",
        ]
    )
    assert code == 0
    [written] = tmp_path.glob("*.json")
    results = json.loads(written.read_text(encoding="utf-8"))
    assert results["bare"]["rounds"]["2"]["total"]["n"] > 0
    sqlite = results["databases"]["sqlite"]
    assert sqlite["rounds"]["2"]["total"]["n"] > 0
    assert sqlite["due_query"]["index_search"]
    assert sqlite["answers"]["n"] > 0
    assert "| db | target | figure | met |" in results["table"]
