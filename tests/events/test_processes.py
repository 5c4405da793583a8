"""Real OS processes: a bot killed in the middle of sending, restarted, and two bots ticking at
once against the same PostgreSQL database. The fake Slack server must see each reminder once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.core.runtime import Core
from bot.scheduler import tasks as jobs
from storage.db import Database
from storage.models import DeliveryStatus, utcnow
from tests.conftest import BOT_TOKEN, make_settings, reset_postgres
from tests.events.util import (
    AREA_CHANNEL,
    NETWORK_CHANNEL,
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

pytestmark = pytest.mark.slow


def spawn_ticker(database_url: str, fake: FakeSlack, cwd: Path, seconds: float) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SLACK_API_URL": fake.url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": "x",
    }
    env.pop("SLACK_APP_TOKEN", None)
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "tick", "--for", str(seconds), "--every", "0.3"],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_killed_mid_send_then_restarted_posts_each_reminder_once(
    core: Core, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    now = utcnow()
    quiet_seed(core)
    set_channels(core)
    # two reminders due a minute ago: one for the area's channel, one for the network's
    add_event(
        core,
        now=now - timedelta(minutes=5),
        title="Forum i området",
        kind="forum",
        starts_at=now + timedelta(hours=2),
        area_id=area_id(core),
        reminder_offsets=[121],
    )
    add_event(
        core,
        now=now - timedelta(minutes=5),
        title="Nätverksmöte",
        kind="meeting",
        starts_at=now + timedelta(hours=2, minutes=1),
        reminder_offsets=[122],
    )
    victim: dict[str, Any] = {}

    def crash(params: dict[str, Any]) -> dict[str, Any]:
        # the process dies while Slack handles its post: for the area's channel after Slack
        # stored the message (the worst case), for the network's before it did
        answer = {"ok": False, "error": "internal_error"}
        if params.get("channel") == AREA_CHANNEL:
            answer = fake_slack._chat_post_message(params)
        os.kill(victim["pid"], signal.SIGKILL)
        return answer

    fake_slack.set_response("chat.postMessage", crash)
    for _ in range(2):
        process = spawn_ticker(core.settings.database_url, fake_slack, tmp_path, 20)
        victim["pid"] = process.pid
        assert process.wait(timeout=60) == -signal.SIGKILL
    # the second process settled the first one's claim at its start (found in the history),
    # then died itself while posting the other one
    status = {d.recipient: d.status for d in delivery_rows(core)}
    assert status == {AREA_CHANNEL: DeliveryStatus.sent, NETWORK_CHANNEL: DeliveryStatus.sending}
    assert len(fake_slack.messages(AREA_CHANNEL)) == 1
    assert fake_slack.messages(NETWORK_CHANNEL) == []

    fake_slack.reset_faults()
    # restarted: the dead processes' claims are settled at once, without waiting for their
    # lease: the history tells which one reached Slack, and only the other is posted
    restarted = spawn_ticker(core.settings.database_url, fake_slack, tmp_path, 0)
    assert restarted.wait(timeout=60) == 0, restarted.stderr.read()  # type: ignore[union-attr]
    assert {d.status for d in delivery_rows(core)} == {DeliveryStatus.sent}
    assert len(fake_slack.messages(AREA_CHANNEL)) == 1
    assert len(fake_slack.messages(NETWORK_CHANNEL)) == 1
    area_row = next(d for d in delivery_rows(core) if d.recipient == AREA_CHANNEL)
    assert area_row.ts == fake_slack.messages(AREA_CHANNEL)[0]["ts"]
    # nothing left for a later tick to do
    jobs.tick(core, client_for(core), now=utcnow() + timedelta(minutes=10))
    assert len(posted_delivery_ids(fake_slack)) == 2


CRASH_REMINDERS = 30
CRASH_AT_POST = 6  # the process dies while Slack stores its sixth message


def test_thirty_due_killed_mid_send_the_rest_go_at_once_after_restart(
    core: Core, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    """Issue 18: 30 reminders due for one channel, the process SIGKILLed while Slack stores
    one of them. After the restart the channel does not wait for the dead claim's lease
    (5 minutes): the last reminder arrives within the time pacing takes (1 message/s)."""
    now = utcnow()
    quiet_seed(core)
    set_channels(core)
    for i in range(CRASH_REMINDERS):
        add_event(
            core,
            now=now - timedelta(minutes=5),
            title=f"Forum {i + 1}",
            kind="forum",
            starts_at=now + timedelta(hours=2, minutes=i),
            area_id=area_id(core),
            reminder_offsets=[121 + i],
        )
    victim: dict[str, Any] = {"posts": 0}

    def crash(params: dict[str, Any]) -> dict[str, Any]:
        victim["posts"] += 1
        answer = fake_slack._chat_post_message(params)  # Slack stores it...
        if victim["posts"] == CRASH_AT_POST:
            os.kill(victim["pid"], signal.SIGKILL)  # ...and the bot dies before it hears so
        return answer

    fake_slack.set_response("chat.postMessage", crash)
    process = spawn_ticker(core.settings.database_url, fake_slack, tmp_path, 60)
    victim["pid"] = process.pid
    assert process.wait(timeout=120) == -signal.SIGKILL
    fake_slack.reset_faults()
    assert len(fake_slack.messages(AREA_CHANNEL)) == CRASH_AT_POST
    in_doubt = [d for d in delivery_rows(core) if d.status == DeliveryStatus.sending]
    assert len(in_doubt) == 1 and in_doubt[0].claimed_until > utcnow() + timedelta(minutes=3)

    restarted_at = time.time()
    restarted = spawn_ticker(core.settings.database_url, fake_slack, tmp_path, 600)
    try:
        eventually(
            lambda: len(fake_slack.messages(AREA_CHANNEL)) >= CRASH_REMINDERS,
            timeout=float(os.environ.get("CRASH_MEASURE_TIMEOUT", "120")),
        )
        eventually(
            lambda: {d.status for d in delivery_rows(core)} == {DeliveryStatus.sent}, timeout=10
        )
    finally:
        restarted.kill()
        restarted.wait(timeout=30)
    last = max(call.at for call in fake_slack.successful("chat.postMessage"))
    took = last - restarted_at
    print(f"\nrestart to last of {CRASH_REMINDERS} reminders: {took:.1f} s")
    ids = posted_delivery_ids(fake_slack)
    # each posted once: the one in doubt was found in the history, not posted again
    assert len(ids) == CRASH_REMINDERS and len(set(ids)) == CRASH_REMINDERS
    held = [
        m["metadata"]["event_payload"]["delivery_id"] for m in fake_slack.messages(AREA_CHANNEL)
    ]
    assert sorted(held) == sorted(d.id for d in delivery_rows(core))
    # 24 messages left at one per second (plus the process's start): far from the 5 min lease
    assert took < 90
    assert max(fake_slack.max_rate_per_channel().values()) <= 1


@pytest.fixture
def postgres_core(postgres_schema: str, fake_slack: FakeSlack) -> Any:
    reset_postgres(postgres_schema)
    core = Core(
        settings=make_settings(postgres_schema, fake_slack.url), db=Database(postgres_schema)
    )
    yield core
    core.db.dispose()


AREAS = {
    "lararforsorjning": ("C0LARARE", ["sala", "koping"]),
    "analys-och-uppfoljning": ("C0ANALYS", ["sala", "arboga"]),
    "elevhalsa": ("C0ELEVHALSA", ["vasteras"]),
}


def test_two_processes_on_postgres_send_every_reminder_exactly_once(
    postgres_core: Core, fake_slack: FakeSlack, tmp_path: Path
) -> None:
    core = postgres_core
    now = utcnow()
    quiet_seed(core)
    set_channels(core)
    contacts = {}
    with core.db.session() as session:
        from sqlmodel import select

        from storage.models import FocusArea

        for slug, (channel, _) in AREAS.items():
            area = session.exec(select(FocusArea).where(FocusArea.slug == slug)).one()
            area.channel_id = channel
            session.add(area)
    for slug, (_, parties) in AREAS.items():
        for party in parties:
            if party not in contacts:
                contacts[party] = f"U{party.upper()[:6]}01"
                join_with_contact(core, party, contacts[party], area=slug)
            else:
                from tests.events.util import join_existing_contact

                join_existing_contact(core, party, contacts[party], area=slug)
    for i, slug in enumerate(AREAS):
        add_event(
            core,
            now=now - timedelta(minutes=5),
            title=f"Utvärdering {slug}",
            kind="evaluation",
            starts_at=now + timedelta(hours=3, minutes=i),
            area_id=area_id(core, slug),
            reminder_offsets=[180 + i + 2, 180 + i + 1],
        )
    expected = len(delivery_rows(core))
    assert expected == 0  # nothing fired yet: the processes do it
    fake_slack.delay("chat.postMessage", 0.15)
    first = spawn_ticker(core.settings.database_url, fake_slack, tmp_path, 4)
    second = spawn_ticker(core.settings.database_url, fake_slack, tmp_path, 4)
    fake_slack.wait_for("chat.postMessage", 3, timeout=30)

    def workers() -> int:
        return len({r.claimed_by for r in delivery_rows(core) if r.claimed_by})

    eventually(lambda: workers() >= 2, timeout=30)  # both bots are at work
    first.send_signal(signal.SIGKILL)  # one bot dies mid-way
    first.wait(timeout=30)
    assert second.wait(timeout=60) == 0, second.stderr.read()  # type: ignore[union-attr]
    restarted = spawn_ticker(core.settings.database_url, fake_slack, tmp_path, 0)
    assert restarted.wait(timeout=60) == 0, restarted.stderr.read()  # type: ignore[union-attr]
    fake_slack.reset_faults()
    jobs.tick(core, client_for(core), now=utcnow() + timedelta(minutes=10))

    rows = delivery_rows(core)
    # 3 events x 2 reminders x (channel + one DM per participating party)
    assert len(rows) == 2 * ((1 + 2) + (1 + 2) + (1 + 1))
    assert {r.status for r in rows} == {DeliveryStatus.sent}
    ids = posted_delivery_ids(fake_slack)
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert duplicates == []
    # every message Slack holds carries a distinct delivery, and every delivery is in Slack
    held = []
    for channel in [c for c, _ in AREAS.values()] + [f"D{u}" for u in contacts.values()]:
        for message in fake_slack.messages(channel):
            held.append(message["metadata"]["event_payload"]["delivery_id"])
    assert sorted(held) == sorted(r.id for r in rows)
    assert max(fake_slack.max_rate_per_channel().values()) <= 2  # two processes pace separately
