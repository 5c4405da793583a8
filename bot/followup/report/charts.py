"""The report's charts, drawn with matplotlib's Agg canvas (no display, no pyplot global state,
so reports can be drawn in any thread).

Every chart is always drawn. A chart without data says so on the picture ("Inga data ännu" and
why), and `no_data` gives the same reasons to the Markdown report, so a new network's report
is never a silent gap. The `*_figure` builders return the matplotlib `Figure` (tested by its
text), `png` turns one into bytes.
"""

from __future__ import annotations

import io
from datetime import date

from babel.dates import format_date as babel_date
from matplotlib import dates as mdates
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from bot.core.dates import babel_locale
from bot.core.i18n import t
from bot.followup.report.figures import AttendanceFigure, Change, Figures, SurveyFigure

DPI = 100
COLOURS = ("#1d4f91", "#e07b00", "#6a5acd", "#8b4513", "#008b8b", "#c71585", "#556b2f")
JOINED, LEFT = "#2e8b57", "#b22222"
MAX_TABLE_ROWS = 16

PARTICIPATION = "participation_over_time.png"
ATTENDANCE = "attendance_per_party.png"
SURVEY = "survey_scores.png"
CHART_FILES = {  # file name -> message key of its title
    PARTICIPATION: "report.chart.participation",
    ATTENDANCE: "report.chart.attendance",
    SURVEY: "report.chart.survey",
}


def png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- which have data


def no_data(figures: Figures, lang: str, *, area_only: bool = False) -> dict[str, str]:
    """The charts that have no data, each with the reason in `lang` (file name -> text)."""
    reasons: dict[str, str] = {}
    if not _has_participation(figures):
        reasons[PARTICIPATION] = t(lang, "report.chart.no_participants")
    if not figures.attendance:
        reasons[ATTENDANCE] = t(lang, "report.chart.no_forums")
    if latest_answered(figures) is None:
        if area_only:
            reasons[SURVEY] = t(lang, "report.chart.survey_network_only")
        elif figures.surveys:
            reasons[SURVEY] = t(
                lang, "report.chart.no_answers", title=figures.surveys[-1].survey.title
            )
        else:
            reasons[SURVEY] = t(lang, "report.chart.no_survey")
    return reasons


def _has_participation(figures: Figures) -> bool:
    return any(count for points in figures.series.values() for _, count in points) or any(
        s.changes for s in figures.areas
    )


def latest_answered(figures: Figures) -> SurveyFigure | None:
    answered = [s for s in figures.surveys if s.answered]
    return answered[-1] if answered else None


def draw_all(figures: Figures, lang: str, *, area_only: bool = False) -> dict[str, bytes]:
    """Every chart of the report as PNG, by file name, in the order the report lists them."""
    reasons = no_data(figures, lang, area_only=area_only)
    changes = {s.area.name: s.changes for s in figures.areas if s.area}
    return {
        PARTICIPATION: png(
            participation_figure(figures.series, changes, lang, reasons.get(PARTICIPATION))
        ),
        ATTENDANCE: png(attendance_figure(figures.attendance, lang, reasons.get(ATTENDANCE))),
        SURVEY: png(survey_figure(latest_answered(figures), lang, reasons.get(SURVEY))),
    }


def _no_data(ax: Axes, lang: str, reason: str) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    ax.text(
        0.5,
        0.5,
        f"{t(lang, 'report.chart.no_data')}\n{reason}",
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=12,
        color="#555555",
        wrap=True,
        bbox={"boxstyle": "round,pad=0.8", "facecolor": "#f2f2f2", "edgecolor": "#cccccc"},
    )


# --------------------------------------------------------------------------- participation


def participation_figure(
    series: dict[str, list[tuple[date, int]]],
    changes: dict[str, tuple[Change, ...]],
    lang: str,
    reason: str | None = None,
) -> Figure:
    """A step line per area (parties taking part over the period), the joins (▲) and leaves
    (▼) marked on it, and beside it the table of those changes."""
    figure = Figure(figsize=(12, 5))
    grid = figure.add_gridspec(1, 2, width_ratios=(3, 2), wspace=0.05)
    ax = figure.add_subplot(grid[0])
    side = figure.add_subplot(grid[1])
    side.axis("off")
    ax.set_title(t(lang, "report.chart.participation"))
    if reason is not None:
        _no_data(ax, lang, reason)
        _changes_table(side, {}, lang)
        return figure

    top = 1
    for index, (area, points) in enumerate(sorted(series.items())):
        colour = COLOURS[index % len(COLOURS)]
        days = [d for d, _ in points]
        counts = [c for _, c in points]
        top = max(top, *counts)
        ax.step(days, counts, where="post", label=_short(area), color=colour, linewidth=2)
        at_day = dict(points)
        for change in changes.get(area, ()):
            y = at_day.get(change.day, 0)
            ax.plot(
                [change.day],
                [y],
                marker="^" if change.joined else "v",
                markersize=9,
                color=JOINED if change.joined else LEFT,
                markeredgecolor="black",
                markeredgewidth=0.5,
                linestyle="none",
                zorder=3,
            )
    ax.set_ylabel(t(lang, "report.chart.parties"))
    ax.set_ylim(0, top + 1)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", alpha=0.3)
    locale = babel_locale(lang)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
    ax.xaxis.set_major_formatter(
        FuncFormatter(lambda x, _: babel_date(mdates.num2date(x).date(), "MMM y", locale=locale))
    )
    for label in ax.get_xticklabels():
        label.set_rotation(30)
    handles, _ = ax.get_legend_handles_labels()
    markers = [
        Line2D([], [], marker="^", color=JOINED, linestyle="none", markersize=9),
        Line2D([], [], marker="v", color=LEFT, linestyle="none", markersize=9),
    ]
    ax.legend(
        [*handles, *markers],
        [
            *(h.get_label() for h in handles),
            t(lang, "report.chart.joined"),
            t(lang, "report.chart.left"),
        ],
        loc="upper left",
        fontsize="small",
    )
    _changes_table(side, changes, lang)
    figure.subplots_adjust(left=0.06, right=0.99, bottom=0.15, top=0.9)
    return figure


def _changes_table(ax: Axes, changes: dict[str, tuple[Change, ...]], lang: str) -> None:
    ax.set_title(t(lang, "report.chart.changes"))
    rows = sorted(
        ((c.day, c.party, area, c.joined) for area, found in changes.items() for c in found),
        key=lambda row: (row[0], row[2], row[1]),
    )
    if not rows:
        ax.text(0.5, 0.85, t(lang, "report.chart.no_changes"), ha="center", transform=ax.transAxes)
        return
    shown = rows[-MAX_TABLE_ROWS:] if len(rows) > MAX_TABLE_ROWS else rows
    cells = [
        [
            day.isoformat(),
            _short(party, 24),
            _short(area, 20),
            ("▲ " if joined else "▼ ")
            + t(lang, "report.chart.joined" if joined else "report.chart.left"),
        ]
        for day, party, area, joined in shown
    ]
    table = ax.table(
        cellText=cells,
        colLabels=t(lang, "report.chart.changes_cols").split("|"),
        loc="upper center",
        cellLoc="left",
        colLoc="left",
    )
    table.auto_set_font_size(False)
    table.set_fontsize(8)
    table.auto_set_column_width(list(range(4)))
    for (row, _), cell in table.get_celld().items():
        cell.set_edgecolor("#dddddd")
        if row == 0:
            cell.set_facecolor("#e8edf5")
    if len(rows) > len(shown):
        ax.text(
            0.5,
            0.0,
            t(lang, "report.chart.more_changes", count=len(rows) - len(shown)),
            ha="center",
            fontsize=8,
            transform=ax.transAxes,
        )


# --------------------------------------------------------------------------- attendance


def attendance_figure(
    rows: tuple[AttendanceFigure, ...], lang: str, reason: str | None = None
) -> Figure:
    """Horizontal bars per party: forums it was invited to, and those it attended."""
    figure = Figure(figsize=(8, max(2.5, 0.4 * len(rows) + 1.5)))
    ax = figure.add_subplot()
    ax.set_title(t(lang, "report.chart.attendance"))
    if reason is not None:
        _no_data(ax, lang, reason)
        return figure
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
    ax.legend(loc="lower right", fontsize="small")
    figure.tight_layout()
    return figure


# --------------------------------------------------------------------------- survey


def survey_figure(survey: SurveyFigure | None, lang: str, reason: str | None = None) -> Figure:
    """Horizontal bars: the mean score (1–5) of each statement of one survey."""
    questions = list(reversed(survey.questions)) if survey and reason is None else []
    figure = Figure(figsize=(8, max(2.5, 0.5 * len(questions) + 1.5)))
    ax = figure.add_subplot()
    if survey is None or reason is not None:
        ax.set_title(t(lang, "report.chart.survey"))
        _no_data(ax, lang, reason or t(lang, "report.chart.no_survey"))
        return figure
    positions = range(len(questions))
    ax.barh(list(positions), [q.mean or 0 for q in questions], color="#2e8b57")
    ax.set_yticks(list(positions), [_short(q.question, 45) for q in questions])
    ax.set_xlim(0, 5)
    ax.set_xlabel(t(lang, "report.chart.mean"))
    ax.set_title(_short(f"{t(lang, 'report.chart.survey')} – {survey.survey.title}", 70))
    figure.tight_layout()
    return figure
