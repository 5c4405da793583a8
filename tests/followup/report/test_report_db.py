"""The report from the database: the data set read back exactly, `/samverkan rapport` uploading
it to the coordinator through the fake Slack server, and `samverkansbot report` writing it."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.runtime import Core
from bot.followup.report import build_report
from bot.followup.report.dataset import load_dataset
from bot.followup.report.figures import AttendanceFigure, NoticeFigure, ReminderFigure, compute
from storage import lessons as lesson_store
from storage import registry
from storage import surveys as survey_store
from storage.models import Broadcast, Delivery, Event, Reminder, Rsvp
from tests.conftest import ADMIN, LiveBot
from tests.helpers import add_person, area_by_slug, party_by_slug, texts

SALA_CHIEF = "USALACHIEF"
PNG = b"\x89PNG\r\n\x1a\n"


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def arrange(core: Core) -> None:
    """A known history: Sala joins Lärarförsörjning 1 Feb, Köping 1 Mar and leaves 1 May; a
    monthly forum (13:00 local, three times from 10 March); answers, notices, reminders, a
    lesson and a survey."""
    area = area_by_slug(core, "lararforsorjning")
    sala, koping = party_by_slug(core, "sala"), party_by_slug(core, "koping")
    with core.db.session() as session:
        network = core.network(session)
        registry.join_area(session=session, area=area, party=sala, actor="test", at=at(2, 1))
        registry.join_area(session=session, area=area, party=koping, actor="test", at=at(3, 1))
        registry.leave_area(session=session, area=area, party=koping, actor="test", at=at(5, 1))
        forum = Event(
            network_id=network.id,
            area_id=area.id,
            kind="forum",
            title="Lärarforum",
            starts_at=at(3, 10, 12),
            recurrence="FREQ=MONTHLY;COUNT=3",
        )
        session.add(forum)
        session.flush()
        session.add(
            Rsvp(
                event_id=forum.id,
                occurrence_start=at(3, 10, 12),
                slack_user_id="U1",
                party_id=sala.id,
                attending=True,
            )
        )
        session.add(
            Rsvp(
                event_id=forum.id,
                occurrence_start=at(4, 10, 11),
                slack_user_id="U2",
                party_id=koping.id,
                attending=False,
            )
        )
        on_time = Reminder(
            event_id=forum.id,
            occurrence_start=at(3, 10, 12),
            offset_minutes=60,
            due_at=at(3, 10, 11),
            status="fired",
        )
        late = Reminder(
            event_id=forum.id,
            occurrence_start=at(4, 10, 11),
            offset_minutes=60,
            due_at=at(4, 10, 10),
            status="fired",
            late=True,
        )
        skipped = Reminder(
            event_id=forum.id,
            occurrence_start=at(5, 10, 11),
            offset_minutes=60,
            due_at=at(5, 10, 10),
            status="skipped",
        )
        notice = Broadcast(
            network_id=network.id,
            area_id=area.id,
            text="Välkomna",
            created_by=ADMIN,
            created_at=at(3, 1),
        )
        session.add_all([on_time, late, skipped, notice])
        session.flush()
        for kind, ref, recipient, status in (
            ("reminder", on_time.id, "C0AREA", "sent"),
            ("reminder", late.id, "C0AREA", "sent"),
            ("broadcast", notice.id, "C0AREA", "sent"),
            ("broadcast", notice.id, "USALA", "sent"),
            ("broadcast", notice.id, "UKOPING", "failed"),
        ):
            session.add(
                Delivery(
                    network_id=network.id, kind=kind, ref_id=ref, recipient=recipient, status=status
                )
            )
        lesson_store.add_lesson(
            session=session,
            network_id=network.id,
            area_id=area.id,
            text="Gemensam mentorsutbildning",
            actor="U1",
            party_id=sala.id,
            at=at(3, 12),
        )
        survey = survey_store.create_survey(
            session=session,
            network_id=network.id,
            title="Puls",
            questions=["A", "B"],
            party_ids=[sala.id, koping.id],
            closes_at=at(6, 1),
            actor=ADMIN,
        )
        survey.created_at = at(5, 15)
        survey_store.answer(
            session=session,
            survey=survey,
            party_id=sala.id,
            scores=[4, 5],
            comment="Bra",
            actor="U1",
            now=at(5, 16),
        )


def test_dataset_from_the_database_gives_the_known_figures(core: Core) -> None:
    arrange(core)
    with core.db.session() as session:
        network = core.network(session)
        data = load_dataset(
            session, network, start=date(2026, 1, 1), end=date(2026, 6, 30), tz=core.settings.tz
        )
    figures = compute(data)
    [teachers] = [s for s in figures.areas if s.area and s.area.slug == "lararforsorjning"]
    assert teachers.participants_at_start == ()
    assert teachers.participants_at_end == ("Sala kommun",)
    assert [(c.day.isoformat(), c.party, c.joined) for c in teachers.changes] == [
        ("2026-02-01", "Sala kommun", True),
        ("2026-03-01", "Köpings kommun", True),
        ("2026-05-01", "Köpings kommun", False),
    ]
    # 13:00 local each month, across the change to summer time
    assert [f.occurrence.start for f in teachers.forums] == [
        at(3, 10, 12),
        at(4, 10, 11),
        at(5, 10, 11),
    ]
    assert [(f.attending, f.declined, f.no_answer) for f in teachers.forums] == [
        (("Sala kommun",), (), ("Köpings kommun",)),
        ((), ("Köpings kommun",), ("Sala kommun",)),
        ((), (), ("Sala kommun",)),
    ]
    assert teachers.attendance == (
        AttendanceFigure("Sala kommun", 3, 1, 0),
        AttendanceFigure("Köpings kommun", 2, 0, 1),
    )
    assert teachers.notices == NoticeFigure(1, 2, 1)
    assert teachers.reminders == ReminderFigure(on_time=1, late=1, skipped=1, messages=2)
    assert [lesson.text for lesson in teachers.lessons] == ["Gemensam mentorsutbildning"]
    [survey] = figures.surveys
    assert (survey.asked, survey.answered) == (2, 1)
    assert [(q.question, q.answers, q.mean) for q in survey.questions] == [
        ("A", 1, 4.0),
        ("B", 1, 5.0),
    ]
    matrix = {p.name: cells for p, cells in figures.matrix}
    column = [a.slug for a in figures.matrix_areas].index("lararforsorjning")
    assert matrix["Sala kommun"][column] == "2026-02-01"
    assert matrix["Köpings kommun"][column] == "2026-03-01–2026-05-01"
    with core.db.session() as session:
        report = build_report(
            session,
            core.network(session),
            start=date(2026, 1, 1),
            end=date(2026, 6, 30),
            lang="sv",
            tz=core.settings.tz,
        )
    assert report.files["participation_over_time.png"][:8] == PNG  # type: ignore[index]


def test_report_command_uploads_the_report_to_the_coordinator(bot: LiveBot) -> None:
    arrange(bot.core)
    body = bot.slack.command("rapport", user=ADMIN).json()
    assert "sammanställer utvärderingsrapporten" in texts(body)
    [done] = bot.fake.wait_for("files.completeUploadExternal", timeout=30)
    assert done.params["channel_id"] == "D" + ADMIN
    assert "Utvärderingsrapporten för" in done.params["initial_comment"]
    uploaded = {
        info["filename"]: bot.fake.uploads[file_id] for file_id, info in bot.fake.files.items()
    }
    assert {
        "evaluation_report.md",
        "participation_matrix.csv",
        "survey_results.csv",
        "participation_over_time.png",
        "attendance_per_party.png",
        "survey_scores.png",
    } <= set(uploaded)
    markdown = uploaded["evaluation_report.md"].decode()
    assert "# Utvärderingsrapport – " in markdown
    assert "- 2026-05-01: Köpings kommun lämnade" in markdown
    assert "Gemensam mentorsutbildning" in markdown
    assert uploaded["attendance_per_party.png"].startswith(PNG)
    rows = list(csv.reader(io.StringIO(uploaded["survey_results.csv"].decode())))
    assert rows[1] == ["Puls", "A", "1", "4.00", "0", "0", "0", "1", "0"]


def test_report_for_one_area_and_refusals(bot: LiveBot) -> None:
    add_person(bot.core, SALA_CHIEF, "sala", "school_chief")
    assert "bara samordnare" in texts(bot.slack.command("rapport", user=SALA_CHIEF).json())
    assert "hittar inget fokusområde" in texts(
        bot.slack.command("rapport xyzzy", user=ADMIN).json()
    )
    assert bot.fake.calls("files.getUploadURLExternal") == []
    body = bot.slack.command("report elevhalsa", user=ADMIN).json()
    assert "for Elevhälsa" in texts(body)
    bot.fake.wait_for("files.completeUploadExternal", timeout=30)
    names = {info["filename"] for info in bot.fake.files.values()}
    assert "evaluation_report.md" in names and "survey_results.csv" not in names
    markdown = next(
        bot.fake.uploads[f]
        for f, i in bot.fake.files.items()
        if i["filename"] == "evaluation_report.md"
    ).decode()
    assert "# Evaluation report" in markdown and "Focus area: Pupil health" in markdown


def test_cli_writes_the_report(
    core: Core, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    arrange(core)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", core.settings.database_url)
    out = tmp_path / "rapport"
    code = main(
        ["report", "vastmanland", "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out)]
    )
    assert code == 0, capsys.readouterr().err
    assert (out / "participation_over_time.png").read_bytes().startswith(PNG)
    markdown = (out / "evaluation_report.md").read_text(encoding="utf-8")
    assert "Period: 1 januari 2026 – 30 juni 2026" in markdown
    assert "| 2026-03-10 | Lärarforum | Sala kommun | – | Köpings kommun |" in markdown
    assert (
        main(
            [
                "report",
                "vastmanland",
                "--area",
                "lararforsorjning",
                "--lang",
                "en",
                "--to",
                "2026-06-30",
                "--out",
                str(tmp_path / "en"),
            ]
        )
        == 0
    )
    english = (tmp_path / "en" / "evaluation_report.md").read_text(encoding="utf-8")
    assert "Focus area: Teacher supply" in english  # the area's English name, for English readers
    assert "Lärarförsörjning" not in english
    capsys.readouterr()
    assert main(["report", "vastmanland", "--from", "2026-13-01"]) == 1
    assert "is not a date" in capsys.readouterr().err
    assert main(["report", "nowhere"]) == 1
    assert "no network 'nowhere'" in capsys.readouterr().err
    assert main(["report", "vastmanland", "--from", "2026-06-01", "--to", "2026-01-01"]) == 1
    assert "is after" in capsys.readouterr().err


def test_report_on_a_new_network_uploads_every_chart_and_says_which_have_no_data(
    bot: LiveBot,
) -> None:
    """Nothing has happened yet: no forums, no surveys. Every chart is still uploaded, and the
    report says under each empty one that there is no data yet, and why."""
    bot.slack.command("rapport", user=ADMIN)
    bot.fake.wait_for("files.completeUploadExternal", timeout=30)
    uploaded = {
        info["filename"]: bot.fake.uploads[file_id] for file_id, info in bot.fake.files.items()
    }
    for name in ("participation_over_time.png", "attendance_per_party.png", "survey_scores.png"):
        assert uploaded[name].startswith(PNG), name
    markdown = uploaded["evaluation_report.md"].decode()
    assert (
        "![Närvaro per part (forum)](attendance_per_party.png)\n\n_Inga data ännu: Inga forum"
        in (markdown)
    )
    assert "_Inga data ännu: Ingen pulsenkät under perioden._" in markdown


def test_cli_report_in_english_on_a_new_network(
    core: Core, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", core.settings.database_url)
    out = tmp_path / "report"
    assert main(["report", "vastmanland", "--lang", "en", "--out", str(out)]) == 0
    assert {p.name for p in out.glob("*.png")} == {
        "participation_over_time.png",
        "attendance_per_party.png",
        "survey_scores.png",
    }
    markdown = (out / "evaluation_report.md").read_text(encoding="utf-8")
    assert "_No data yet: No forums were held during the period" in markdown
