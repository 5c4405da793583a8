"""The report's charts, rendered to PNG in Swedish and English: their size, the text on them
(matplotlib's text artists, read after drawing), the joins and leaves marked on the
participation step chart with its table, and a clear "no data yet" on a chart without data."""

from __future__ import annotations

import struct
from datetime import UTC, date, datetime, timedelta

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from bot.followup.report import charts, render_report
from bot.followup.report.charts import ATTENDANCE, PARTICIPATION, SURVEY
from bot.followup.report.dataset import AreaRow, Dataset, ParticipationRow, PartyRow, SurveyRow
from bot.followup.report.figures import compute
from tests.followup.report.known_data import HEALTH, known_dataset

PNG = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG)
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    return width, height


def drawn_texts(figure: Figure) -> str:
    """Every text on the figure once drawn (tick labels are only set when drawing)."""
    charts.png(figure)
    found = [t.get_text() for t in figure.findobj(Text) if t.get_visible()]
    for ax in figure.axes:
        for table in ax.tables:
            found += [cell.get_text().get_text() for cell in table.get_celld().values()]
    return "\n".join(text for text in found if text)


def markers(figure: Figure, marker: str) -> int:
    lines = figure.axes[0].get_lines()
    return sum(len(line.get_xdata()) for line in lines if line.get_marker() == marker)


def empty_dataset(area_id: int | None = None) -> Dataset:
    """A new network: parties and areas, nothing has happened yet."""
    return Dataset(
        network="Nytt nätverk",
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        area_id=area_id,
        parties=[PartyRow(1, "Arboga kommun"), PartyRow(2, "Sala kommun")],
        areas=[AreaRow(10, "Lärarförsörjning", "lararforsorjning")],
    )


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_chart_is_a_png_of_the_expected_size(lang: str) -> None:
    report = render_report(known_dataset(), lang)
    assert png_size(report.files[PARTICIPATION]) == (1200, 500)  # type: ignore[arg-type]
    width, height = png_size(report.files[ATTENDANCE])  # type: ignore[arg-type]
    assert width == 800 and 250 <= height <= 1000
    width, height = png_size(report.files[SURVEY])  # type: ignore[arg-type]
    assert width == 800 and 250 <= height <= 1000
    for name in (PARTICIPATION, ATTENDANCE, SURVEY):
        assert len(report.files[name]) > 5000  # something is drawn


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "sv",
            [
                "Deltagande parter över tid",
                "Antal parter",
                "Lärarförsörjning",
                "Elevhälsa",
                "gick med",
                "lämnade",
                "Anslutningar och avslut",
                "Datum",
                "Fokusområde",
                "▼ lämnade",
                "▲ gick med",
                "maj 2026",
            ],
        ),
        (
            "en",
            [
                "Participating parties over time",
                "Number of parties",
                "joined",
                "left",
                "Joins and leaves",
                "Date",
                "Focus area",
                "▼ left",
                "May 2026",
            ],
        ),
    ],
)
def test_participation_is_a_step_chart_with_joins_and_leaves_marked_and_a_table(
    lang: str, words: list[str]
) -> None:
    figures = compute(known_dataset())
    changes = {s.area.name: s.changes for s in figures.areas if s.area}
    figure = charts.participation_figure(figures.series, changes, lang)
    text = drawn_texts(figure)
    for word in words:
        assert word in text, word
    # In the period: Köping joins (10 Feb) and leaves (5 May) Lärarförsörjning, Sala joins it
    # (1 Mar) and Elevhälsa (15 Jan): three joins, one leave, each a marker and a table row.
    assert markers(figure, "^") == 3 and markers(figure, "v") == 1
    steps = [line for line in figure.axes[0].get_lines() if line.get_drawstyle() == "steps-post"]
    assert len(steps) == 2
    for row in ("2026-02-10", "2026-03-01", "2026-05-05", "2026-01-15", "Köpings kommun"):
        assert row in text
    assert "Inga data" not in text and "No data" not in text


def test_a_long_history_shows_the_latest_changes_and_says_how_many_more() -> None:
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    data = Dataset(
        network="N",
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        parties=[PartyRow(i, f"Kommun {i}") for i in range(1, 21)],
        areas=[AreaRow(10, "Område")],
        participations=[
            ParticipationRow(i, 10, start + timedelta(days=7 * i)) for i in range(1, 21)
        ],
    )
    figures = compute(data)
    changes = {s.area.name: s.changes for s in figures.areas if s.area}
    text = drawn_texts(charts.participation_figure(figures.series, changes, "en"))
    assert "… and 4 more (see participation_changes.csv)" in text
    assert "Kommun 20" in text and "Kommun 1\n" not in text


@pytest.mark.parametrize(
    ("lang", "note", "reasons"),
    [
        (
            "sv",
            "Inga data ännu",
            [
                "Ingen part deltog i något fokusområde under perioden.",
                "Inga forum hölls under perioden",
                "Ingen pulsenkät under perioden.",
            ],
        ),
        (
            "en",
            "No data yet",
            [
                "No party took part in a focus area during the period.",
                "No forums were held during the period",
                "No pulse survey in the period.",
            ],
        ),
    ],
)
def test_a_new_network_gets_every_chart_with_a_note_that_there_is_no_data_yet(
    lang: str, note: str, reasons: list[str]
) -> None:
    report = render_report(empty_dataset(), lang)
    for name in (PARTICIPATION, ATTENDANCE, SURVEY):
        assert len(report.files[name]) > 3000, name  # type: ignore[arg-type]
    figures = compute(empty_dataset())
    reason = charts.no_data(figures, lang)
    assert list(reason.values()) == [
        r for r in reason.values() if any(r.startswith(x.rstrip(".")) for x in reasons)
    ]
    drawn = [
        drawn_texts(charts.participation_figure(figures.series, {}, lang, reason[PARTICIPATION])),
        drawn_texts(charts.attendance_figure(figures.attendance, lang, reason[ATTENDANCE])),
        drawn_texts(charts.survey_figure(None, lang, reason[SURVEY])),
    ]
    for text, why in zip(drawn, reasons, strict=True):
        assert note in text and why in text
    # The report lists each chart with the reason under its picture.
    md = report.markdown
    for name, why in zip((PARTICIPATION, ATTENDANCE, SURVEY), reasons, strict=True):
        picture = md.index(f"]({name})")
        assert why in md[picture : picture + 200], name


def test_a_survey_without_answers_and_a_one_area_report_say_why_there_is_no_survey_chart() -> None:
    data = empty_dataset()
    data.surveys = [SurveyRow(1, "Puls", ("Q1",), (1, 2), datetime(2026, 6, 1, tzinfo=UTC))]
    assert charts.no_data(compute(data), "sv")[SURVEY] == (
        "Ingen har svarat på pulsenkäten ”Puls” ännu."
    )
    report = render_report(known_dataset(area_id=HEALTH), "en", area_name="Elevhälsa")
    assert "_No data yet: Pulse surveys cover the whole network" in report.markdown
    assert SURVEY in report.files and PARTICIPATION in report.files
