"""The report's figures, Markdown and CSV against the hand-written data set in known_data.py."""

from __future__ import annotations

import csv
import io
from datetime import date

from bot.followup.report import render_report
from bot.followup.report.figures import (
    AttendanceFigure,
    Change,
    NoticeFigure,
    QuestionFigure,
    ReminderFigure,
    compute,
    participation_series,
)
from tests.followup.report.known_data import HEALTH, TEACHERS, known_dataset

PNG = b"\x89PNG\r\n\x1a\n"


def test_participation_over_time_and_matrix() -> None:
    data = known_dataset()
    assert participation_series(data, TEACHERS) == [
        (date(2026, 1, 1), 1),
        (date(2026, 2, 10), 2),
        (date(2026, 3, 1), 3),
        (date(2026, 5, 5), 2),
        (date(2026, 6, 30), 2),
    ]
    assert participation_series(data, HEALTH) == [
        (date(2026, 1, 1), 0),
        (date(2026, 1, 15), 1),
        (date(2026, 6, 30), 1),
    ]
    figures = compute(data)
    assert [a.name for a in figures.matrix_areas] == ["Elevhälsa", "Lärarförsörjning"]
    assert [(p.name, cells) for p, cells in figures.matrix] == [
        ("Arboga kommun", ("", "2025-12-01")),
        ("Köpings kommun", ("", "2026-02-10–2026-05-05")),
        ("Sala kommun", ("2026-01-15", "2026-03-01")),
    ]
    teachers = next(s for s in figures.areas if s.area and s.area.id == TEACHERS)
    assert teachers.participants_at_start == ("Arboga kommun",)
    assert teachers.participants_at_end == ("Arboga kommun", "Sala kommun")
    assert teachers.changes == (
        Change(date(2026, 2, 10), "Köpings kommun", True),
        Change(date(2026, 3, 1), "Sala kommun", True),
        Change(date(2026, 5, 5), "Köpings kommun", False),
    )


def test_forums_attendance_notices_reminders_lessons() -> None:
    figures = compute(known_dataset())
    assert [s.area.name if s.area else None for s in figures.areas] == [
        "Elevhälsa",
        "Lärarförsörjning",
        None,
    ]
    health, teachers, network = figures.areas
    assert [
        (f.occurrence.start.month, f.attending, f.declined, f.no_answer) for f in teachers.forums
    ] == [
        (3, ("Arboga kommun",), ("Köpings kommun",), ("Sala kommun",)),
        (6, ("Sala kommun",), (), ("Arboga kommun",)),
    ]
    assert teachers.attendance == (
        AttendanceFigure("Arboga kommun", 2, 1, 0),
        AttendanceFigure("Sala kommun", 2, 1, 0),
        AttendanceFigure("Köpings kommun", 1, 0, 1),
    )
    assert teachers.notices == NoticeFigure(notices=1, sent=3, failed=1)
    assert teachers.reminders == ReminderFigure(
        on_time=1, late=1, skipped=1, cancelled=1, pending=0, messages=3
    )
    assert [lesson.text for lesson in teachers.lessons] == [
        "Mentorer | hjälper",
        "Gemensam annonsering",
    ]
    assert [lesson.text for lesson in health.lessons] == ["Delade rutiner"]
    assert health.forums == () and health.reminders == ReminderFigure()
    [council] = network.forums
    assert council.attending == ("Region Västmanland", "Sala kommun")
    assert council.no_answer == ("Arboga kommun", "Köpings kommun")
    assert network.notices == NoticeFigure(1, 2, 0)
    assert network.reminders == ReminderFigure(on_time=1, messages=1)
    assert figures.attendance == (
        AttendanceFigure("Sala kommun", 3, 2, 0),
        AttendanceFigure("Arboga kommun", 3, 1, 0),
        AttendanceFigure("Region Västmanland", 1, 1, 0),
        AttendanceFigure("Köpings kommun", 2, 0, 1),
    )
    assert figures.attendance[-1].no_answer == 1


def test_survey_results() -> None:
    [survey] = compute(known_dataset()).surveys
    assert (survey.asked, survey.answered) == (3, 2)
    assert survey.questions == (
        QuestionFigure("Q1", 2, 4.5, (0, 0, 0, 1, 1)),
        QuestionFigure("Q2", 2, 2.5, (0, 1, 1, 0, 0)),
    )
    assert survey.comments == (("Arboga kommun", "Bra"),)


def test_one_area_only() -> None:
    figures = compute(known_dataset(area_id=HEALTH))
    assert [s.area.name for s in figures.areas if s.area] == ["Elevhälsa"]
    assert len(figures.areas) == 1 and figures.surveys == ()
    assert [(p.name, cells) for p, cells in figures.matrix] == [("Sala kommun", ("2026-01-15",))]


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_markdown_csv_and_charts() -> None:
    report = render_report(known_dataset(), "sv")
    assert set(report.files) == {
        "evaluation_report.md",
        "participation_matrix.csv",
        "participation_changes.csv",
        "forums.csv",
        "attendance_per_party.csv",
        "notices_and_reminders.csv",
        "lessons.csv",
        "commitments.csv",
        "survey_results.csv",
        "participation_over_time.png",
        "attendance_per_party.png",
        "survey_scores.png",
    }
    for name in ("participation_over_time.png", "attendance_per_party.png", "survey_scores.png"):
        content = report.files[name]
        assert isinstance(content, bytes) and content.startswith(PNG) and len(content) > 5000
    md = report.markdown
    assert md.startswith("# Utvärderingsrapport – Testnätverket\n")
    assert "Period: 1 januari 2026 – 30 juni 2026" in md
    assert "| Köpings kommun |  | 2026-02-10–2026-05-05 |" in md
    assert "- 2026-05-05: Köpings kommun lämnade" in md
    assert "| 2026-03-10 | Forum lärare | Arboga kommun | Köpings kommun | Sala kommun |" in md
    assert "- Utskick: 1 (meddelanden skickade: 3, misslyckade: 1)" in md
    assert "- Påminnelser: 1 i tid, 1 sena, 1 överhoppade, 1 inställda, 0 väntande" in md
    assert "Mentorer \\| hjälper (Sala kommun, 2026-03-12) #mentorskap [länk](https://example" in md
    assert "| Q1 | 2 | 4.50 | 0 | 0 | 0 | 1 | 1 |" in md
    assert "Svar från 2 av 3 tillfrågade parter. Sista svarsdag: 1 juni 2026." in md
    assert "- **Deltagande kommuner:** Delta aktivt (källa: Överenskommelsen §5)" in md
    assert "- **Region Västmanland:** Samordna" in md
    assert "![Pulsenkät: medelvärde per påstående](survey_scores.png)" in md

    assert read_csv(report.files["participation_matrix.csv"]) == [  # type: ignore[arg-type]
        ["part", "typ", "Elevhälsa", "Lärarförsörjning"],
        ["Arboga kommun", "Deltagande kommuner", "", "2025-12-01"],
        ["Köpings kommun", "Deltagande kommuner", "", "2026-02-10–2026-05-05"],
        ["Sala kommun", "Deltagande kommuner", "2026-01-15", "2026-03-01"],
    ]
    assert read_csv(report.files["attendance_per_party.csv"])[1:] == [  # type: ignore[arg-type]
        ["Sala kommun", "3", "2", "0", "1"],
        ["Arboga kommun", "3", "1", "0", "2"],
        ["Region Västmanland", "1", "1", "0", "0"],
        ["Köpings kommun", "2", "0", "1", "1"],
    ]
    assert read_csv(report.files["notices_and_reminders.csv"])[1:] == [  # type: ignore[arg-type]
        ["Elevhälsa", "0", "0", "0", "0", "0", "0", "0", "0"],
        ["Lärarförsörjning", "1", "3", "1", "1", "1", "1", "1", "3"],
        ["hela nätverket", "1", "2", "0", "1", "0", "0", "0", "1"],
    ]
    assert read_csv(report.files["survey_results.csv"])[1:] == [  # type: ignore[arg-type]
        ["Puls", "Q1", "2", "4.50", "0", "0", "0", "1", "1"],
        ["Puls", "Q2", "2", "2.50", "0", "1", "1", "0", "0"],
    ]
    forums_csv = read_csv(report.files["forums.csv"])  # type: ignore[arg-type]
    assert [
        "2026-03-10",
        "Lärarförsörjning",
        "Forum lärare",
        "Köpings kommun",
        "kommer inte",
    ] in forums_csv
    assert len(forums_csv) == 1 + 5 + 4  # header, teachers' two forums, the council

    english = render_report(known_dataset(), "en")
    assert "# Evaluation report – Testnätverket" in english.markdown
    assert read_csv(english.files["participation_changes.csv"])[1] == [  # type: ignore[arg-type]
        "2026-01-15",
        "Elevhälsa",
        "Sala kommun",
        "joined",
    ]
