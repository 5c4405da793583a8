"""`samverkansbot tick --dry-run --at ...`: what would be sent at a moment, printed, with
nothing sent to Slack and nothing fired or claimed in the database."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core import outbox
from bot.core.runtime import Core
from bot.scheduler.dryrun import would_send
from storage.models import DeliveryStatus, ReminderStatus
from tests.events.util import (
    AREA_CHANNEL,
    NOW,
    add_event,
    arrange_evaluation,
    delivery_rows,
    local,
    reminder_rows,
)
from tests.fake_slack import FakeSlack

TEXT = "⏰ Påminnelse: Gemensam genomlysning – torsdag 31 december 2026"


@pytest.fixture
def cli_env(core: Core, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", core.settings.database_url)
    monkeypatch.setenv("SLACK_API_URL", fake_slack.url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")  # it could send: it must not
    monkeypatch.setenv("BOT_TIMEZONE", "Europe/Stockholm")


def test_dry_run_prints_what_would_go_out_and_changes_nothing(
    core: Core, fake_slack: FakeSlack, cli_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    event_id = arrange_evaluation(core)
    before = [(r.id, r.status, r.due_at) for r in reminder_rows(core, event_id)]
    assert main(["tick", "--dry-run", "--at", "2026-12-23 09:00"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        "samverkansbot: dry run at 2026-12-23 09:00 (Europe/Stockholm): 3 message(s) would be"
        " sent, 0 reminder(s) skipped"
    )
    week = next(r for r in reminder_rows(core, event_id) if r.due_at == local(2026, 12, 23, 9, 0))
    assert sorted(lines[1:]) == sorted(
        f"2026-12-23 09:00\t{where}\treminder {week.id}\t{TEXT}"
        for where in (f"#{AREA_CHANNEL}", "DM USALA0001", "DM UKOPING01")
    )
    # nothing sent, fired or claimed
    assert fake_slack.calls() == []
    assert delivery_rows(core) == []
    assert [(r.id, r.status, r.due_at) for r in reminder_rows(core, event_id)] == before
    assert {r.status for r in reminder_rows(core, event_id)} == {ReminderStatus.pending}
    # a moment when nothing is due
    assert main(["tick", "--dry-run", "--at", "2026-12-22 09:00"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == []


def test_messages_already_waiting_are_listed_and_stay_unclaimed(core: Core) -> None:
    arrange_evaluation(core)
    with core.db.session() as session:
        outbox.enqueue(
            session,
            network_id=1,
            kind="broadcast",
            ref_id=7,
            recipient="C0OTHER",
            payload={"text": "Utskick"},
            not_before=local(2026, 12, 23, 8, 55),
        )
    run = would_send(core, local(2026, 12, 23, 9, 0), now=NOW)
    assert (run.messages[0].recipient, run.messages[0].queued) == ("C0OTHER", True)
    assert len(run.messages) == 4
    [row] = delivery_rows(core)
    assert (row.status, row.claimed_by, row.attempts) == (DeliveryStatus.pending, None, 0)


def test_a_moment_in_the_past_shows_late_and_skipped_as_the_next_tick_would(core: Core) -> None:
    event_id = arrange_evaluation(core)
    add_event(
        core,
        now=NOW,
        title="Forum som redan började",
        kind="forum",
        starts_at=NOW + timedelta(hours=2),
        reminder_offsets=[60],
    )
    # the bot was down: at 12:00 the evaluation's reminders are not due, the forum has started
    run = would_send(core, NOW + timedelta(hours=3), now=NOW + timedelta(hours=4))
    assert run.messages == []
    assert [(s.title, s.note) for s in run.skipped] == [
        ("Forum som redan började", "missed: event started")
    ]
    # a week's reminder found an hour late goes out marked late
    run = would_send(core, local(2026, 12, 23, 10, 0), now=local(2026, 12, 23, 10, 0))
    assert len(run.messages) == 3 and all(m.late for m in run.messages)
    assert {r.status for r in reminder_rows(core, event_id)} == {ReminderStatus.pending}


def test_at_needs_dry_run_and_a_readable_moment(
    cli_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    assert main(["tick", "--at", "2026-12-23 09:00"]) == 1
    assert "--at needs --dry-run" in capsys.readouterr().err
    assert main(["tick", "--dry-run", "--at", "23/12 9"]) == 1
    assert "YYYY-MM-DD HH:MM" in capsys.readouterr().err
