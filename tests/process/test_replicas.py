"""Two replicas of `samverkansbot serve` behind a load balancer, on one PostgreSQL database.

Requests land on either replica; one replica is killed (SIGKILL) in the middle of its work. No
change is lost, and every reminder reaches Slack exactly once: the database decides who sends,
and no replica is special.
"""

from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from bot.core.runtime import Core
from bot.scheduler import tasks as jobs
from storage.db import Database
from storage.models import DeliveryStatus, FocusArea, utcnow
from tests.conftest import ADMIN, BOT_TOKEN, SIGNING_SECRET, make_settings, reset_postgres
from tests.events.util import (
    add_event,
    area_id,
    client_for,
    delivery_rows,
    eventually,
    join_with_contact,
    posted_delivery_ids,
    quiet_seed,
    set_channels,
)
from tests.fake_slack import FakeSlack
from tests.fake_slack.signing import SlackClient
from tests.helpers import active_party_slugs
from tests.process.support import Server

pytestmark = pytest.mark.slow

MUNICIPALITIES = [
    "arboga", "fagersta", "hallstahammar", "kungsor", "koping",
    "norberg", "sala", "skinnskatteberg", "surahammar", "vasteras",
]  # fmt: skip


@pytest.fixture
def postgres_core(postgres_schema: str, fake_slack: FakeSlack) -> Iterator[Core]:
    reset_postgres(postgres_schema)
    core = Core(
        settings=make_settings(postgres_schema, fake_slack.url), db=Database(postgres_schema)
    )
    yield core
    core.db.dispose()


def kill_replica(server: Server) -> None:
    """SIGKILL the replica's workers and its gunicorn master: nothing gets to clean up."""
    pid = server.proc.pid
    children = Path(f"/proc/{pid}/task/{pid}/children")
    for child in children.read_text().split() if children.exists() else []:
        os.kill(int(child), signal.SIGKILL)
    server.proc.send_signal(signal.SIGKILL)
    server.proc.wait(timeout=10)


def test_two_replicas_share_the_work_and_survive_one_dying(
    postgres_core: Core, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    core = postgres_core
    now = utcnow()
    quiet_seed(core)
    set_channels(core)
    with core.db.session() as session:
        for slug, channel in (("analys-och-uppfoljning", "C0ANALYS"), ("elevhalsa", "C0ELEVH")):
            area = session.exec(select(FocusArea).where(FocusArea.slug == slug)).one()
            area.channel_id = channel
            session.add(area)
    for party in ("sala", "koping", "arboga"):
        join_with_contact(core, party, f"U{party.upper()}01")
    for i, slug in enumerate(["lararforsorjning", "analys-och-uppfoljning", "elevhalsa"]):
        add_event(  # reminders due now: the replicas' first ticks fire them
            core,
            now=now - timedelta(minutes=5),
            title=f"Utvärdering {slug}",
            kind="evaluation",
            starts_at=now + timedelta(hours=3),
            area_id=area_id(core, slug),
            reminder_offsets=[181 + i, 182 + i],
        )
    fake_slack.delay("chat.postMessage", 0.2)  # sending takes a while: the kill lands mid-way

    settings = dict(
        DATABASE_URL=core.settings.database_url,
        SLACK_API_URL=fake_slack.url,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SAMVERKAN_ADMINS=ADMIN,
    )
    replicas = [Server(tmp_path, "--workers", "1", "--threads", "4", **settings) for _ in range(2)]
    try:
        for replica in replicas:
            replica.wait_healthy()
        clients = [SlackClient(r.url, SIGNING_SECRET) for r in replicas]

        # the load balancer spreads a coordinator's changes over both replicas (in an area
        # without events, so the joins do not change who the reminders go to)
        for i, party in enumerate(MUNICIPALITIES[:6]):
            answer = clients[i % 2].command(f"gå-med styrning-och-ledning {party}", user=ADMIN)
            assert answer.status == 200 and "deltar nu" in answer.text
        fake_slack.wait_for("chat.postMessage", 2, timeout=30)

        kill_replica(replicas[0])  # one replica dies in the middle of sending

        for party in MUNICIPALITIES[6:]:  # the survivor takes every request from now on
            answer = clients[1].command(f"gå-med styrning-och-ledning {party}", user=ADMIN)
            assert answer.status == 200 and "deltar nu" in answer.text

        # the survivor carries on with the reminders: the rows the dead replica had claimed
        # wait for its lease to expire, everything else goes out now
        posted_at_kill = len(fake_slack.successful("chat.postMessage"))
        eventually(
            lambda: (
                len(fake_slack.successful("chat.postMessage")) > posted_at_kill
                or all(r.status != DeliveryStatus.pending for r in delivery_rows(core))
            ),
            timeout=60,
        )
    finally:
        for replica in replicas:
            replica.stop()

    # what the dead replica held is taken over when its lease has expired (checked in Slack's
    # history first, so a message it did post is not posted again)
    fake_slack.reset_faults()
    for minutes in (10, 30, 60, 120):  # leases expire, retry backoffs pass
        jobs.tick(core, client_for(core), now=utcnow() + timedelta(minutes=minutes))
        if all(r.status == DeliveryStatus.sent for r in delivery_rows(core)):
            break

    assert sorted(active_party_slugs(core, "styrning-och-ledning")) == sorted(
        MUNICIPALITIES
    )  # nothing lost
    rows = delivery_rows(core)
    assert len(rows) == 2 * ((1 + 3) + 1 + 1)  # 2 reminders x (channel + contacts) per event
    assert {r.status for r in rows} == {DeliveryStatus.sent}
    posted = posted_delivery_ids(fake_slack)
    assert [i for i, n in Counter(posted).items() if n > 1] == []
    held = [
        m["metadata"]["event_payload"]["delivery_id"]
        for channel in ("C0LARARE", "C0ANALYS", "C0ELEVH", "DUSALA01", "DUKOPING01", "DUARBOGA01")
        for m in fake_slack.messages(channel)
        if m.get("metadata")
    ]
    assert sorted(held) == sorted(r.id for r in rows)  # every reminder in Slack, exactly once
