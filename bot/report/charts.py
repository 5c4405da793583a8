"""The report's charts as PNG bytes, drawn with matplotlib's Agg canvas (no display, no pyplot
global state, so reports can be drawn in any thread)."""

from __future__ import annotations

import io
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.i18n import t
from bot.report.figures import AttendanceFigure, SurveyFigure

DPI = 100
COLOURS = ("#1d4f91", "#e07b00", "#2e8b57", "#b22222", "#6a5acd", "#8b4513", "#008b8b")


def _png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def participation_over_time(series: dict[str, list[tuple[date, int]]], lang: str) -> bytes:
    """One step line per area: the number of participating parties over the period."""
    figure = Figure(figsize=(8, 4.5))
    ax = figure.add_subplot()
    top = 1
    for index, (area, points) in enumerate(sorted(series.items())):
        days = [d for d, _ in points]
        counts = [c for _, c in points]
        top = max(top, *counts)
        ax.step(days, counts, where="post", label=_short(area), color=COLOURS[index % len(COLOURS)])
    ax.set_title(t(lang, "report.chart.participation"))
    ax.set_ylabel(t(lang, "report.chart.parties"))
    ax.set_ylim(0, top + 1)
    ax.yaxis.get_major_locator().set_params(integer=True)
    if series:
        ax.legend(loc="upper left", fontsize="small")
    figure.autofmt_xdate()
    figure.tight_layout()
    return _png(figure)


def attendance_per_party(rows: tuple[AttendanceFigure, ...], lang: str) -> bytes:
    """Horizontal bars per party: forums it was invited to, and those it attended."""
    figure = Figure(figsize=(8, max(2.5, 0.4 * len(rows) + 1.5)))
    ax = figure.add_subplot()
    ordered = list(reversed(rows))
    positions = range(len(ordered))
    ax.barh(
        [p + 0.2 for p in positions],
        [r.invited for r in ordered],
        height=0.4,
        color="#c8d3e6",
        label=t(lang, "report.chart.invited"),
    )
    ax.barh(
        [p - 0.2 for p in positions],
        [r.attended for r in ordered],
        height=0.4,
        color=COLOURS[0],
        label=t(lang, "report.chart.attended"),
    )
    ax.set_yticks(list(positions), [_short(r.party, 30) for r in ordered])
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(t(lang, "report.chart.attendance"))
    if rows:
        ax.legend(loc="lower right", fontsize="small")
    figure.tight_layout()
    return _png(figure)


def survey_scores(survey: SurveyFigure, lang: str) -> bytes:
    """Horizontal bars: the mean score (1–5) of each statement of one survey."""
    questions = list(reversed(survey.questions))
    figure = Figure(figsize=(8, max(2.5, 0.5 * len(questions) + 1.5)))
    ax = figure.add_subplot()
    positions = range(len(questions))
    ax.barh(list(positions), [q.mean or 0 for q in questions], color=COLOURS[2])
    ax.set_yticks(list(positions), [_short(q.question, 45) for q in questions])
    ax.set_xlim(0, 5)
    ax.set_xlabel(t(lang, "report.chart.mean"))
    ax.set_title(_short(f"{t(lang, 'report.chart.survey')} – {survey.survey.title}", 70))
    figure.tight_layout()
    return _png(figure)
