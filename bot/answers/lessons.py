"""Answers "Vad har vi lärt oss om X?" / "What have we learned about X?": the saved lessons learned
(`storage.lessons.search_lessons`) that best match the question, each cited with its link."""

from __future__ import annotations

from bot.answers.base import Answer, Question
from bot.core.blocks import esc
from bot.core.dates import format_date
from storage import lessons as lesson_store
from storage.models import Party

MAX_LESSONS = 5


def lessons_answer(q: Question) -> Answer:
    area = q.understood.area
    hits = lesson_store.search_lessons(q.network_id, q.text, session=q.session, limit=MAX_LESSONS)
    if area is not None:
        hits = [h for h in hits if h.lesson.area_id == area.id]
        if not hits:  # the question names only the area: its newest lessons
            rows = lesson_store.lessons(
                session=q.session, network_id=q.network_id, area_id=area.id, limit=MAX_LESSONS
            )
            hits = [lesson_store.LessonHit(lesson, area, None, 0.0) for lesson in rows]
    if not hits:
        topic = esc(area.name) if area is not None else ""
        key = "lesson.answer_none_area" if topic else "lesson.answer_none"
        return Answer(q.t(key, area=topic), kind="lessons")
    lines = [q.t("lesson.answer_intro", count=len(hits))]
    sources = []
    for hit in hits:
        lesson = hit.lesson
        party = hit.party or (
            q.session.get(Party, lesson.party_id) if lesson.party_id is not None else None
        )
        day = format_date(lesson.created_at, q.lang, q.tz)
        who = f"{esc(party.name)}, " if party is not None else ""
        where = f" ({esc(hit.area.name)})" if hit.area is not None else ""
        lines.append(f"• {esc(lesson.text)} – _{who}{day}{where}_")
        label = q.t("lesson.answer_source", date=day)
        sources.append(f"<{lesson.permalink}|{label}>" if lesson.permalink else label)
    return Answer("\n".join(lines), sources=sources, kind="lessons")
