"""Lessons learned: what a network has found out, per focus area, with the message it came from.

Plain keyword-only functions taking the session. `search_lessons` is the API the answerer uses
for "vad har vi lärt oss om X?": it matches stemmed, diacritic-folded words in the lesson's
text, its tags and its area's name, and returns the best hits first, each with its permalink.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from storage import audit
from storage.models import FocusArea, Lesson, Party
from storage.text import query_stems, search_terms

MAX_LESSON_TEXT = 3000
MAX_TAGS = 10
MAX_TAG_LENGTH = 40

# Words that say nothing about a topic ("vad har vi lärt oss om ..."), as stems.
_QUESTION_WORDS = frozenset(
    search_terms(
        "vad har vi lärt oss om kring gällande inom av för och i på en ett det den de är "
        "lärdom lärdomar lärt erfarenhet erfarenheter "
        "what have has we learned learnt about on the of in for and a an is are lesson lessons"
    ).split()
)


@dataclass(frozen=True)
class LessonHit:
    """One lesson found by `search_lessons`, with its area and party for citing it."""

    lesson: Lesson
    area: FocusArea | None
    party: Party | None
    score: float


def clean_tags(raw: str | list[str]) -> list[str]:
    """'Rekrytering, #mentor  ,, ' -> ['rekrytering', 'mentor']: lower case, unique, bounded."""
    items = raw.replace(";", ",").split(",") if isinstance(raw, str) else raw
    tags: list[str] = []
    for item in items:
        tag = " ".join(item.strip().lstrip("#").split()).lower()[:MAX_TAG_LENGTH]
        if tag and tag not in tags:
            tags.append(tag)
    return tags[:MAX_TAGS]


def add_lesson(
    *,
    session: Session,
    network_id: int,
    area_id: int | None,
    text: str,
    actor: str,
    party_id: int | None = None,
    tags: list[str] | None = None,
    permalink: str | None = None,
    at: datetime | None = None,
) -> Lesson:
    """Store a lesson and its audit entry (one transaction with the caller's)."""
    lesson = Lesson(
        network_id=network_id,
        area_id=area_id,
        text=text.strip()[:MAX_LESSON_TEXT],
        tags=clean_tags(tags or []),
        author_slack_id=actor,
        party_id=party_id,
        permalink=permalink,
    )
    if at is not None:
        lesson.created_at = at
    session.add(lesson)
    session.flush()
    audit.record(
        session=session,
        actor=actor,
        action="lesson.create",
        entity="lesson",
        entity_id=lesson.id,
        network_id=network_id,
        party_id=party_id,
        area_id=area_id,
        summary=lesson.text[:200],
        after=audit.snapshot(lesson),
    )
    return lesson


def lessons(
    *,
    session: Session,
    network_id: int,
    area_id: int | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int | None = None,
) -> list[Lesson]:
    """Lessons of a network (or one area), newest first, optionally within [start, end)."""
    query = select(Lesson).where(Lesson.network_id == network_id)
    if area_id is not None:
        query = query.where(Lesson.area_id == area_id)
    if start is not None:
        query = query.where(col(Lesson.created_at) >= start)
    if end is not None:
        query = query.where(col(Lesson.created_at) < end)
    query = query.order_by(col(Lesson.created_at).desc(), col(Lesson.id).desc())
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query))


def search_lessons(
    network_id: int,
    query: str,
    area_id: int | None = None,
    *,
    session: Session,
    limit: int = 5,
) -> list[LessonHit]:
    """The lessons that best match `query` (a topic or a whole question), best first.

    Words are stemmed and folded ('lärarförsörjningen' finds 'Lärarförsörjning'); question words
    ('vad har vi lärt oss om') are ignored. A word that names the lesson's area or a tag counts
    double. With no topic word left, or no match, the result is empty. `area_id` restricts the
    search to one area.
    """
    terms = [t for t in query_stems(query) if t not in _QUESTION_WORDS]
    if not terms:
        return []
    areas = {
        a.id: a for a in session.exec(select(FocusArea).where(FocusArea.network_id == network_id))
    }
    hits: list[LessonHit] = []
    for lesson in lessons(session=session, network_id=network_id, area_id=area_id):
        area = areas.get(lesson.area_id) if lesson.area_id else None
        body = set(search_terms(lesson.text).split())
        strong = set(search_terms(" ".join(lesson.tags)).split())
        if area is not None:
            strong |= set(search_terms(area.name).split())
        score = 0.0
        for term in terms:
            if term in strong:
                score += 2
            elif term in body or any(len(term) >= 4 and w.startswith(term) for w in body):
                score += 1
        if score:
            party = session.get(Party, lesson.party_id) if lesson.party_id else None
            hits.append(LessonHit(lesson, area, party, score / len(terms)))
    hits.sort(key=lambda h: (-h.score, -h.lesson.created_at.timestamp(), -(h.lesson.id or 0)))
    return hits[:limit]
