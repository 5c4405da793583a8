"""The report as text: Markdown for people, CSV for spreadsheets. Pure functions of the figures."""

from __future__ import annotations

import csv
import io
from datetime import date

from bot.core.dates import format_date
from bot.core.i18n import t
from bot.followup.report.charts import CHART_FILES
from bot.followup.report.dataset import CommitmentRow, Dataset
from bot.followup.report.figures import AreaFigures, AttendanceFigure, Figures


def md_cell(text: object) -> str:
    """A value safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return lines


def _mean(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def commitment_who(data: Dataset, row: CommitmentRow, lang: str) -> str:
    if row.party_id is not None:
        return next((p.name for p in data.parties if p.id == row.party_id), "?")
    of_kind = [p for p in data.parties if p.kind == row.party_kind]
    if len(of_kind) == 1 and row.party_kind != "municipality":
        return of_kind[0].name
    return t(lang, f"kind.{row.party_kind or 'other'}")


def markdown(
    data: Dataset,
    figures: Figures,
    lang: str,
    *,
    charts: list[str],
    no_data: dict[str, str] | None = None,
    area_name: str | None = None,
) -> str:
    """The report in Markdown. `charts` are the chart files, `no_data` those without data and
    why: they are listed with the reason, under their picture (which says the same)."""
    lines = [f"# {t(lang, 'report.md.title', network=data.network)}", ""]
    lines.append(
        t(
            lang,
            "report.md.period",
            start=format_date(data.start, lang),
            end=format_date(data.end, lang),
        )
    )
    if area_name:
        lines += ["", t(lang, "report.md.area_only", area=area_name)]
    lines += ["", t(lang, "report.md.intro"), ""]

    lines += [f"## {t(lang, 'report.md.matrix')}", ""]
    if figures.matrix:
        header = [t(lang, "report.md.party"), *(a.name for a in figures.matrix_areas)]
        lines += _table(header, [[p.name, *cells] for p, cells in figures.matrix])
        lines += ["", t(lang, "report.md.matrix_note"), ""]
    else:
        lines += [t(lang, "report.md.none"), ""]

    for section in figures.areas:
        lines += _area_markdown(data, section, lang)

    if figures.attendance and data.area_id is None:
        lines += [f"## {t(lang, 'report.md.attendance_all')}", ""]
        lines += [*_attendance_table(figures.attendance, lang), ""]

    if data.area_id is None:
        lines += [f"## {t(lang, 'report.md.commitments')}", ""]
        for row in data.commitments:
            source = (
                f" ({t(lang, 'report.md.source', source=row.source, section=row.section).strip()})"
                if row.source
                else ""
            )
            lines.append(f"- **{commitment_who(data, row, lang)}:** {row.text}{source}")
        if not data.commitments:
            lines.append(t(lang, "report.md.none"))
        lines.append("")

        lines += [f"## {t(lang, 'report.md.surveys')}", ""]
        if not figures.surveys:
            lines += [t(lang, "report.md.no_surveys"), ""]
        for survey in figures.surveys:
            lines += [f"### {t(lang, 'report.md.survey', title=survey.survey.title)}", ""]
            lines += [
                t(
                    lang,
                    "report.md.survey_meta",
                    answered=survey.answered,
                    asked=survey.asked,
                    date=format_date(survey.survey.closes_at, lang, data.tz),
                ),
                "",
            ]
            rows: list[list[object]] = [
                [q.question, q.answers, _mean(q.mean), *q.distribution] for q in survey.questions
            ]
            lines += [*_table(t(lang, "report.md.survey_cols").split("|"), rows), ""]
            if survey.comments:
                lines += [f"**{t(lang, 'report.md.comments')}**", ""]
                lines += [f"- {party}: {md_cell(comment)}" for party, comment in survey.comments]
                lines.append("")

    if charts:
        lines += [f"## {t(lang, 'report.md.charts')}", ""]
        for name in charts:
            lines += [f"![{t(lang, CHART_FILES[name])}]({name})", ""]
            if no_data and name in no_data:
                lines += [t(lang, "report.md.chart_no_data", reason=no_data[name]), ""]
    return "\n".join(lines).rstrip() + "\n"


def _attendance_table(rows: tuple[AttendanceFigure, ...], lang: str) -> list[str]:
    return _table(
        t(lang, "report.md.attendance_cols").split("|"),
        [[a.party, a.invited, a.attended, a.declined, a.no_answer] for a in rows],
    )


def _area_markdown(data: Dataset, f: AreaFigures, lang: str) -> list[str]:
    title = f.area.name if f.area else t(lang, "report.md.network_section")
    lines = [f"## {title}", ""]
    if f.area is not None:
        lines.append(
            "- "
            + t(
                lang,
                "report.md.at_start",
                count=len(f.participants_at_start),
                parties=", ".join(f.participants_at_start) or "–",
            )
        )
        lines.append(
            "- "
            + t(
                lang,
                "report.md.at_end",
                count=len(f.participants_at_end),
                parties=", ".join(f.participants_at_end) or "–",
            )
        )
        lines += ["", f"### {t(lang, 'report.md.changes')}", ""]
        for change in f.changes:
            key = "report.md.joined" if change.joined else "report.md.left"
            lines.append("- " + t(lang, key, day=change.day.isoformat(), party=change.party))
        if not f.changes:
            lines.append(t(lang, "report.md.no_changes"))
        lines.append("")
    lines += [f"### {t(lang, 'report.md.forums', count=len(f.forums))}", ""]
    if f.forums:
        rows: list[list[object]] = [
            [
                data.local_date(forum.occurrence.start).isoformat(),
                forum.occurrence.title,
                ", ".join(forum.attending) or "–",
                ", ".join(forum.declined) or "–",
                ", ".join(forum.no_answer) or "–",
            ]
            for forum in f.forums
        ]
        lines += _table(t(lang, "report.md.forum_cols").split("|"), rows)
        lines += ["", f"**{t(lang, 'report.md.attendance')}**", ""]
        lines += _attendance_table(f.attendance, lang)
    else:
        lines.append(t(lang, "report.md.none"))
    r = f.reminders
    lines += [
        "",
        f"### {t(lang, 'report.md.delivery')}",
        "",
        "- "
        + t(
            lang,
            "report.md.notices",
            count=f.notices.notices,
            sent=f.notices.sent,
            failed=f.notices.failed,
        ),
        "- "
        + t(
            lang,
            "report.md.reminders",
            on_time=r.on_time,
            late=r.late,
            skipped=r.skipped,
            cancelled=r.cancelled,
            pending=r.pending,
            messages=r.messages,
        ),
        "",
        f"### {t(lang, 'report.md.lessons', count=len(f.lessons))}",
        "",
    ]
    names = {p.id: p.name for p in data.parties}
    for lesson in f.lessons:
        who = names.get(lesson.party_id, "") if lesson.party_id else ""
        meta = ", ".join(x for x in (who, data.local_date(lesson.created_at).isoformat()) if x)
        link = (
            f" [{t(lang, 'report.md.lesson_link')}]({lesson.permalink})" if lesson.permalink else ""
        )
        tags = " " + " ".join(f"#{tag}" for tag in lesson.tags) if lesson.tags else ""
        lines.append(f"- {md_cell(lesson.text)} ({meta}){tags}{link}")
    if not f.lessons:
        lines.append(t(lang, "report.md.none"))
    lines.append("")
    return lines


# --------------------------------------------------------------------------- CSV


def _csv(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _header(lang: str, name: str) -> list[str]:
    return t(lang, f"report.csv.{name}").split(",")


def csv_files(data: Dataset, figures: Figures, lang: str) -> dict[str, str]:
    """The report's tables as CSV files, by file name."""
    whole = t(lang, "report.csv.whole_network")
    names = {p.id: p.name for p in data.parties}

    def area_label(section: AreaFigures) -> str:
        return section.area.name if section.area else whole

    files: dict[str, str] = {}
    files["participation_matrix.csv"] = _csv(
        [*_header(lang, "participation_matrix"), *(a.name for a in figures.matrix_areas)],
        [[p.name, t(lang, f"kind.{p.kind}"), *cells] for p, cells in figures.matrix],
    )
    files["participation_changes.csv"] = _csv(
        _header(lang, "participation_changes"),
        [
            [
                c.day.isoformat(),
                area_label(s),
                c.party,
                t(lang, "report.csv.change_join" if c.joined else "report.csv.change_leave"),
            ]
            for s in figures.areas
            for c in s.changes
        ],
    )
    forum_rows: list[list[object]] = []
    for s in figures.areas:
        for forum in s.forums:
            day = data.local_date(forum.occurrence.start).isoformat()
            for key, parties in (
                ("report.csv.answer_yes", forum.attending),
                ("report.csv.answer_no", forum.declined),
                ("report.csv.answer_none", forum.no_answer),
            ):
                forum_rows += [
                    [day, area_label(s), forum.occurrence.title, p, t(lang, key)] for p in parties
                ]
    files["forums.csv"] = _csv(_header(lang, "forums"), forum_rows)
    files["attendance_per_party.csv"] = _csv(
        _header(lang, "attendance"),
        [[a.party, a.invited, a.attended, a.declined, a.no_answer] for a in figures.attendance],
    )
    files["notices_and_reminders.csv"] = _csv(
        _header(lang, "deliveries"),
        [
            [
                area_label(s),
                s.notices.notices,
                s.notices.sent,
                s.notices.failed,
                s.reminders.on_time,
                s.reminders.late,
                s.reminders.skipped,
                s.reminders.cancelled,
                s.reminders.messages,
            ]
            for s in figures.areas
        ],
    )
    files["lessons.csv"] = _csv(
        _header(lang, "lessons"),
        [
            [
                data.local_date(lesson.created_at).isoformat(),
                area_label(s),
                names.get(lesson.party_id, "") if lesson.party_id else "",
                lesson.author,
                lesson.text,
                ", ".join(lesson.tags),
                lesson.permalink or "",
            ]
            for s in figures.areas
            for lesson in s.lessons
        ],
    )
    if data.area_id is None:
        files["commitments.csv"] = _csv(
            _header(lang, "commitments"),
            [
                [commitment_who(data, c, lang), c.text, c.source, c.section]
                for c in data.commitments
            ],
        )
        files["survey_results.csv"] = _csv(
            _header(lang, "survey_results"),
            [
                [s.survey.title, q.question, q.answers, _mean(q.mean), *q.distribution]
                for s in figures.surveys
                for q in s.questions
            ],
        )
    return files


def period_label(start: date, end: date, lang: str) -> str:
    return f"{format_date(start, lang)} – {format_date(end, lang)}"
