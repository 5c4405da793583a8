"""The report's figures: pure functions from a `Dataset` to numbers and tables.

No database, no Slack, no text: rendering (Markdown, CSV, charts) happens elsewhere. Rules:

* A party *participates* in an area at an instant when it joined at or before it and had not
  left by then. Joins and leaves count when they fall inside the period.
* *Forums held* are occurrences of forums, council meetings and network meetings that start in
  the period, are not cancelled and have started by the period's end. A forum of an area expects
  the parties participating in the area when it starts; a forum of the whole network expects
  every party of the network. A party *attended* when someone of it answered "Kommer"; it
  *declined* when all its answers were "Kommer inte"; else it did not answer.
* *Reminders* are those due in the period: delivered on time (fired, not late), late (fired
  late), skipped (missed and no longer useful), cancelled (event cancelled or moved), pending.
* *Notices* are the forum broadcasts of the period with their messages sent and failed.
* *Survey* results per statement: the number of answers, the mean (two decimals) and how many
  answered 1, 2, 3, 4 and 5.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.followup.report.dataset import (
    BROADCAST_KIND,
    REMINDER_KIND,
    AreaRow,
    Dataset,
    LessonRow,
    OccurrenceRow,
    PartyRow,
    SurveyRow,
)

FORUM_KINDS = frozenset({"forum", "council", "meeting"})
_EPSILON = timedelta(microseconds=1)


@dataclass(frozen=True)
class Change:
    day: date
    party: str
    joined: bool  # False: left


@dataclass(frozen=True)
class ForumFigure:
    occurrence: OccurrenceRow
    attending: tuple[str, ...]
    declined: tuple[str, ...]
    no_answer: tuple[str, ...]


@dataclass(frozen=True)
class AttendanceFigure:
    party: str
    invited: int
    attended: int
    declined: int

    @property
    def no_answer(self) -> int:
        return self.invited - self.attended - self.declined


@dataclass(frozen=True)
class NoticeFigure:
    notices: int
    sent: int
    failed: int


@dataclass(frozen=True)
class ReminderFigure:
    on_time: int = 0
    late: int = 0
    skipped: int = 0
    cancelled: int = 0
    pending: int = 0
    messages: int = 0  # reminder messages sent (a reminder may go to several recipients)


@dataclass(frozen=True)
class QuestionFigure:
    question: str
    answers: int
    mean: float | None
    distribution: tuple[int, int, int, int, int]


@dataclass(frozen=True)
class SurveyFigure:
    survey: SurveyRow
    asked: int
    answered: int
    questions: tuple[QuestionFigure, ...]
    comments: tuple[tuple[str, str], ...]  # (party, comment)


@dataclass(frozen=True)
class AreaFigures:
    area: AreaRow | None  # None: the whole network (events and notices not tied to an area)
    participants_at_start: tuple[str, ...]
    participants_at_end: tuple[str, ...]
    changes: tuple[Change, ...]
    forums: tuple[ForumFigure, ...]
    attendance: tuple[AttendanceFigure, ...]
    notices: NoticeFigure
    reminders: ReminderFigure
    lessons: tuple[LessonRow, ...]


@dataclass(frozen=True)
class Figures:
    areas: tuple[AreaFigures, ...]
    matrix_areas: tuple[AreaRow, ...]
    matrix: tuple[tuple[PartyRow, tuple[str, ...]], ...] = field(default=())
    attendance: tuple[AttendanceFigure, ...] = ()
    surveys: tuple[SurveyFigure, ...] = ()
    series: dict[str, list[tuple[date, int]]] = field(default_factory=dict)


# --------------------------------------------------------------------------- participation


def participants_at(data: Dataset, area_id: int, when: datetime) -> tuple[str, ...]:
    """The names of the parties taking part in the area at `when`, by name."""
    names = _party_names(data)
    ids = {
        p.party_id
        for p in data.participations
        if p.area_id == area_id and p.joined_at <= when and (p.left_at is None or p.left_at > when)
    }
    return tuple(sorted(names[i] for i in ids if i in names))


def changes(data: Dataset, area_id: int) -> tuple[Change, ...]:
    """Joins and leaves of the area within the period, in time order."""
    names = _party_names(data)
    found: list[tuple[datetime, Change]] = []
    for p in data.participations:
        if p.area_id != area_id:
            continue
        party = names[p.party_id]
        if data.in_period(p.joined_at):
            found.append((p.joined_at, Change(data.local_date(p.joined_at), party, True)))
        if p.left_at is not None and data.in_period(p.left_at):
            found.append((p.left_at, Change(data.local_date(p.left_at), party, False)))
    found.sort(key=lambda pair: (pair[0], pair[1].party))
    return tuple(change for _, change in found)


def participation_series(data: Dataset, area_id: int) -> list[tuple[date, int]]:
    """The number of participating parties over the period: the count on the first day, then
    the count at the end of every day with a change, then the count on the last day."""
    points: list[tuple[date, int]] = [
        (data.start, len(participants_at(data, area_id, data.start_utc)))
    ]
    days = sorted({c.day for c in changes(data, area_id)})
    for day in days:
        end_of_day = Dataset(data.network, day, day, data.tz).end_utc
        count = len(participants_at(data, area_id, end_of_day - _EPSILON))
        if points and points[-1][0] == day:
            points[-1] = (day, count)
        else:
            points.append((day, count))
    last = len(participants_at(data, area_id, data.end_utc - _EPSILON))
    if points[-1][0] != data.end:
        points.append((data.end, last))
    return points


def participation_matrix(data: Dataset) -> tuple[tuple[PartyRow, tuple[str, ...]], ...]:
    """Parties × areas at the period's end: the date joined (`2026-02-01`), for a party that
    left during the period `2026-02-01–2026-05-03`, else empty. Parties with no cell are left
    out."""
    rows = []
    areas = _matrix_areas(data)
    for party in data.parties:
        cells = []
        for area in areas:
            cells.append(_matrix_cell(data, party.id, area.id))
        if any(cells):
            rows.append((party, tuple(cells)))
    return tuple(rows)


def _matrix_cell(data: Dataset, party_id: int, area_id: int) -> str:
    end = data.end_utc
    spans = [
        p
        for p in data.participations
        if p.party_id == party_id and p.area_id == area_id and p.joined_at < end
    ]
    active = [p for p in spans if p.left_at is None or p.left_at >= end]
    if active:
        return data.local_date(active[-1].joined_at).isoformat()
    left = [p for p in spans if p.left_at is not None and data.in_period(p.left_at)]
    if left:
        joined, gone = left[-1].joined_at, left[-1].left_at
        assert gone is not None
        return f"{data.local_date(joined).isoformat()}–{data.local_date(gone).isoformat()}"
    return ""


def _matrix_areas(data: Dataset) -> list[AreaRow]:
    if data.area_id is not None:
        return [a for a in data.areas if a.id == data.area_id]
    return data.areas


# --------------------------------------------------------------------------- forums


def forums(data: Dataset, area_id: int | None) -> tuple[ForumFigure, ...]:
    """The forums of the area (None: of the whole network) held in the period, with who came."""
    names = _party_names(data)
    held = [
        o
        for o in data.occurrences
        if o.area_id == area_id
        and o.kind in FORUM_KINDS
        and not o.cancelled
        and data.in_period(o.start)
    ]
    result = []
    for occurrence in held:
        if area_id is None:
            expected = {p.id for p in data.parties}
        else:
            expected = {
                p.party_id
                for p in data.participations
                if p.area_id == area_id
                and p.joined_at <= occurrence.start
                and (p.left_at is None or p.left_at > occurrence.start)
            }
        answers: dict[int, list[bool]] = {}
        for r in data.rsvps:
            if (
                r.event_id == occurrence.event_id
                and r.occurrence_start == occurrence.start
                and r.party_id is not None
            ):
                answers.setdefault(r.party_id, []).append(r.attending)
        attending = {p for p, a in answers.items() if any(a)}
        declined = {p for p, a in answers.items() if not any(a)}
        expected |= attending | declined
        result.append(
            ForumFigure(
                occurrence,
                _names(names, attending),
                _names(names, declined),
                _names(names, expected - attending - declined),
            )
        )
    return tuple(result)


def attendance(
    forum_figures: list[ForumFigure] | tuple[ForumFigure, ...],
) -> tuple[AttendanceFigure, ...]:
    """Per party over the given forums: invited, attended, declined (no answer = the rest).
    Sorted by attended (most first), then name."""
    invited: Counter[str] = Counter()
    came: Counter[str] = Counter()
    declined: Counter[str] = Counter()
    for forum in forum_figures:
        for party in (*forum.attending, *forum.declined, *forum.no_answer):
            invited[party] += 1
        came.update(forum.attending)
        declined.update(forum.declined)
    figures = [AttendanceFigure(p, invited[p], came[p], declined[p]) for p in invited]
    return tuple(sorted(figures, key=lambda f: (-f.attended, f.party)))


# --------------------------------------------------------------------------- notices, reminders


def notices(data: Dataset, area_id: int | None) -> NoticeFigure:
    ids = {b.id for b in data.broadcasts if b.area_id == area_id and data.in_period(b.created_at)}
    statuses = Counter(
        d.status for d in data.deliveries if d.kind == BROADCAST_KIND and d.ref_id in ids
    )
    return NoticeFigure(len(ids), statuses["sent"], statuses["failed"])


def reminders(data: Dataset, area_id: int | None) -> ReminderFigure:
    rows = [r for r in data.reminders if r.area_id == area_id and data.in_period(r.due_at)]
    ids = {r.id for r in rows}
    count = Counter(
        ("late" if r.late else "on_time") if r.status == "fired" else r.status for r in rows
    )
    messages = sum(
        1
        for d in data.deliveries
        if d.kind == REMINDER_KIND and d.ref_id in ids and d.status == "sent"
    )
    return ReminderFigure(
        on_time=count["on_time"],
        late=count["late"],
        skipped=count["skipped"],
        cancelled=count["cancelled"],
        pending=count["pending"],
        messages=messages,
    )


# --------------------------------------------------------------------------- surveys


def survey_results(data: Dataset) -> tuple[SurveyFigure, ...]:
    names = _party_names(data)
    figures = []
    for survey in data.surveys:
        answers = [r for r in data.responses if r.survey_id == survey.id]
        questions = []
        for index, question in enumerate(survey.questions):
            scores = [r.scores[index] for r in answers if index < len(r.scores)]
            counts = Counter(scores)
            distribution = (counts[1], counts[2], counts[3], counts[4], counts[5])
            mean = round(sum(scores) / len(scores), 2) if scores else None
            questions.append(QuestionFigure(question, len(scores), mean, distribution))
        comments = tuple(
            sorted((names.get(r.party_id, "?"), r.comment) for r in answers if r.comment.strip())
        )
        figures.append(
            SurveyFigure(survey, len(survey.party_ids), len(answers), tuple(questions), comments)
        )
    return tuple(figures)


# --------------------------------------------------------------------------- everything


def area_figures(data: Dataset, area: AreaRow | None) -> AreaFigures:
    area_id = area.id if area else None
    held = forums(data, area_id)
    return AreaFigures(
        area=area,
        participants_at_start=participants_at(data, area.id, data.start_utc) if area else (),
        participants_at_end=participants_at(data, area.id, data.end_utc - _EPSILON) if area else (),
        changes=changes(data, area.id) if area else (),
        forums=held,
        attendance=attendance(held),
        notices=notices(data, area_id),
        reminders=reminders(data, area_id),
        lessons=tuple(
            lesson
            for lesson in data.lessons
            if lesson.area_id == area_id and data.in_period(lesson.created_at)
        ),
    )


def compute(data: Dataset) -> Figures:
    """Every figure of the report. With `data.area_id` only that area; otherwise every area
    with something to report, and the network's own forums, notices and reminders."""
    sections: list[AreaFigures] = []
    for area in _matrix_areas(data):
        figures = area_figures(data, area)
        if data.area_id is not None or _has_content(figures):
            sections.append(figures)
    if data.area_id is None:
        network = area_figures(data, None)
        if _has_content(network):
            sections.append(network)
    all_forums = [f for s in sections for f in s.forums]
    return Figures(
        areas=tuple(sections),
        matrix_areas=tuple(_matrix_areas(data)),
        matrix=participation_matrix(data),
        attendance=attendance(all_forums),
        surveys=survey_results(data) if data.area_id is None else (),
        series={s.area.name: participation_series(data, s.area.id) for s in sections if s.area},
    )


def _has_content(f: AreaFigures) -> bool:
    r = f.reminders
    return bool(
        f.participants_at_start
        or f.participants_at_end
        or f.changes
        or f.forums
        or f.notices.notices
        or f.lessons
        or (r.on_time + r.late + r.skipped + r.cancelled + r.pending)
    )


def _party_names(data: Dataset) -> dict[int, str]:
    return {p.id: p.name for p in data.parties}


def _names(names: dict[int, str], ids: set[int]) -> tuple[str, ...]:
    return tuple(sorted(names[i] for i in ids if i in names))
