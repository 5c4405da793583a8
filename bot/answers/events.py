"""When the next forum, evaluation, deadline or meeting is: read from the Event table (status
planned, in the future relative to `core.now()`), recurring events expanded from their RRULE."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from sqlmodel import col, func, select

from bot.answers.base import Answer, Question
from bot.answers.understand import CUES as KINDS_CUES
from bot.answers.understand import cue_spans
from bot.core.blocks import esc
from bot.core.dates import format_datetime, format_month
from bot.core.localized import area_name
from storage import events as events_store
from storage import generation, registry
from storage.models import Event, EventKind, EventStatus
from storage.text import STOPWORDS, stem, words

# What a word in the question asks for ("möte" covers forums and council meetings too).
KINDS_ASKED: dict[str, tuple[str, ...]] = {
    "forum": (EventKind.forum,),
    "evaluation": (EventKind.evaluation,),
    "deadline": (EventKind.deadline,),
    "council": (EventKind.council,),
    "meeting": (EventKind.meeting, EventKind.forum, EventKind.council),
    "milestone": (EventKind.milestone,),
}
SHOW_AFTER = 2


@dataclass
class Occurrence:
    event: Event
    starts_at: datetime


def next_occurrence(event: Event, now: datetime, tz: ZoneInfo) -> datetime | None:
    """The event's first start not yet over at `now` (all-day events last their whole day)."""
    grace = timedelta(days=1) if event.all_day else timedelta(0)
    if not event.recurrence:
        return event.starts_at if event.starts_at + grace > now else None
    local_start = event.starts_at.astimezone(tz).replace(tzinfo=None)
    try:
        rule = rrulestr(event.recurrence, dtstart=local_start, ignoretz=True)
        found = rule.after((now - grace).astimezone(tz).replace(tzinfo=None), inc=True)
    except (ValueError, TypeError):
        return event.starts_at if event.starts_at + grace > now else None
    if found is None:
        return None
    start = found.replace(tzinfo=tz).astimezone(event.starts_at.tzinfo)
    if event.recurrence_until is not None and start > event.recurrence_until:
        return None
    return start


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january"),
            ("februari", "february"),
            ("mars", "march"),
            ("april",),
            ("maj", "may"),
            ("juni", "june"),
            ("juli", "july"),
            ("augusti", "august"),
            ("september",),
            ("oktober", "october"),
            ("november",),
            ("december",),
        ],
        start=1,
    )
    for name in names
}
MAX_IN_MONTH = 10


def asked_month(q: Question) -> tuple[datetime, datetime] | None:
    """The month a question names ('i januari'), as a UTC window: the next such month."""
    month = next((MONTHS[t] for t in q.understood.tokens if t in MONTHS), None)
    if month is None:
        return None
    local = q.now.astimezone(q.tz)
    year = local.year if month >= local.month else local.year + 1
    start = datetime(year, month, 1, tzinfo=q.tz)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=q.tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def occurrences_between(
    event: Event, start: datetime, end: datetime, tz: ZoneInfo
) -> list[datetime]:
    """The event's starts in [start, end) (recurring events expanded from their RRULE)."""
    if not event.recurrence:
        return [event.starts_at] if start <= event.starts_at < end else []
    local_start = event.starts_at.astimezone(tz).replace(tzinfo=None)
    try:
        rule = rrulestr(event.recurrence, dtstart=local_start, ignoretz=True)
        found = rule.between(
            start.astimezone(tz).replace(tzinfo=None),
            end.astimezone(tz).replace(tzinfo=None),
            inc=True,
        )
    except (ValueError, TypeError):
        return [event.starts_at] if start <= event.starts_at < end else []
    starts = [f.replace(tzinfo=tz).astimezone(UTC) for f in found]
    if event.recurrence_until is not None:
        starts = [s for s in starts if s <= event.recurrence_until]
    return [s for s in starts if s < end]


def in_month(
    q: Question,
    window: tuple[datetime, datetime],
    *,
    kinds: tuple[str, ...] | None,
    area_ids: set[int | None] | None,
) -> list[Occurrence]:
    start, end = window
    start = max(start, q.now)
    one_offs, recurring = events_store.coming_events(
        session=q.session,
        network_id=q.network_id,
        after=start,
        before=end,
        limit=MAX_IN_MONTH,
        kinds=kinds or None,
        area_ids=area_ids,
    )
    found = [Occurrence(event, event.starts_at) for event in one_offs]
    for event in recurring:
        found.extend(Occurrence(event, s) for s in occurrences_between(event, start, end, q.tz))
    return sorted(found, key=lambda o: (o.starts_at, o.event.id or 0))[:MAX_IN_MONTH]


def upcoming(
    q: Question,
    *,
    kinds: tuple[str, ...] | None,
    area_ids: set[int | None] | None,
    limit: int = 1 + SHOW_AFTER,
) -> list[Occurrence]:
    """The next `limit` occurrences, soonest first: one-off events not yet over (all-day ones
    last their whole day, as in `next_occurrence`), recurring ones at their next start."""
    tick = timedelta(microseconds=1)  # 'not yet over' is strictly after: starts_at > now
    found = events_store.next_starts(
        session=q.session,
        network_id=q.network_id,
        after=q.now + tick,
        all_day_after=q.now - timedelta(days=1) + tick,
        next_start=lambda event: next_occurrence(event, q.now, q.tz),
        limit=limit,
        kinds=kinds or None,
        area_ids=area_ids,
    )
    return [Occurrence(event, start) for start, event in found]


def _describe(q: Question, occ: Occurrence, areas: dict[int, registry.AreaRef]) -> str:
    event = occ.event
    when = format_datetime(occ.starts_at, q.lang, q.tz, all_day=event.all_day)
    text = f"*{esc(event.title)}* – {when}"
    where = event.location or event.link
    if where:
        text += f", {esc(where)}"
    area = areas.get(event.area_id) if event.area_id else None
    scope = esc(area_name(area, q.lang)) if area else q.t("answers.events.whole_network")
    return f"{text} ({scope})"


def events_answer(q: Question) -> Answer | None:
    u = q.understood
    kinds: tuple[str, ...] | None = None
    if u.event_kinds:
        kinds = tuple(dict.fromkeys(k for asked in u.event_kinds for k in KINDS_ASKED[asked]))
    asked = u.event_kinds[0] if u.event_kinds else "any"
    what = q.t(f"answers.events.kind.{asked}")
    plural = q.t(f"answers.events.plural.{asked}")
    areas = {a.id: a for a in registry.area_refs(session=q.session, network_id=q.network_id)}
    area = u.area
    scope_ids: set[int | None] | None = None
    scope_note = ""
    if area is not None:
        scope_ids = {area.id}
        scope_note = q.t("answers.events.for_area", area=esc(area_name(area, q.lang)))
    elif u.party is not None:
        joined = registry.area_ids_of_party(session=q.session, party_id=u.party.id)  # type: ignore[arg-type]
        scope_ids = {None, *joined}
        scope_note = q.t("answers.events.for_party", party=esc(u.party.name))
    window = asked_month(q)
    if window is not None:
        return _month_answer(q, window, kinds, scope_ids, scope_note, plural, areas)
    found = upcoming(q, kinds=kinds, area_ids=scope_ids)
    sources = [q.t("answers.source.calendar", network=esc(q.network.name))]
    if not found and area is not None:
        wider = upcoming(q, kinds=kinds, area_ids={None})
        summary = q.t("answers.events.none", plural=plural, scope=scope_note)
        if wider:
            summary += "\n" + q.t(
                "answers.events.network_instead", event=_describe(q, wider[0], areas)
            )
            sources += [esc(wider[0].event.source)] if wider[0].event.source else []
        return Answer(summary, sources=sources, kind="events")
    if not found:
        summary = q.t("answers.events.none", plural=plural, scope=scope_note)
        return Answer(summary, sources=sources, kind="events")
    first = found[0]
    summary = q.t(
        "answers.events.next", what=what, scope=scope_note, event=_describe(q, first, areas)
    )
    if first.event.agenda:
        agenda = (
            first.event.agenda if len(first.event.agenda) < 400 else first.event.agenda[:397] + "…"
        )
        summary += f"\n> {esc(agenda)}"
    later = found[1 : 1 + SHOW_AFTER]
    if later:
        summary += (
            "\n"
            + q.t("answers.events.after")
            + "\n"
            + "\n".join(f"• {_describe(q, o, areas)}" for o in later)
        )
    if first.event.source:
        sources.append(esc(first.event.source))
    return Answer(summary, sources=sources, kind="events")


def _month_answer(
    q: Question,
    window: tuple[datetime, datetime],
    kinds: tuple[str, ...] | None,
    scope_ids: set[int | None] | None,
    scope_note: str,
    plural: str,
    areas: dict[int, registry.AreaRef],
) -> Answer:
    month = format_month(window[0], q.lang, q.tz)  # 'januari 2027'
    found = in_month(q, window, kinds=kinds, area_ids=scope_ids)
    sources = [q.t("answers.source.calendar", network=esc(q.network.name))]
    if not found:
        summary = q.t("answers.events.none_in_month", plural=plural, scope=scope_note, month=month)
        return Answer(summary, sources=sources, kind="events")
    lines = [f"• {_describe(q, o, areas)}" for o in found]
    summary = q.t("answers.events.in_month", plural=plural, scope=scope_note, month=month)
    return Answer(summary + "\n" + "\n".join(lines), sources=sources, kind="events")


# --------------------------------------------------------------------------- a named event

# words that ask about an event that is over ('Vilket forum har redan hållits?')
PAST_CUES = (
    "redan",
    "already",
    "hallits",
    "holdits",
    "har varit",
    "hade",
    "agde rum",
    "took place",
    "was held",
    "were held",
    "has been held",
    "have been held",
    "forra",
    "previous",
    "past",
    "tidigare",
)
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|e|a|:e|:a)?$")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
MAX_NAMED = 3


def asked_days(q: Question) -> list[date]:
    """The calendar days a question names: '10 mars 2027', 'November on the 30th',
    '2027-03-10' (a day and a month within three words of each other; without a year the
    next such day, or this year's when the question asks about the past)."""
    days: list[date] = []
    for y, m, d in _ISO.findall(q.text):
        with contextlib.suppress(ValueError):
            days.append(date(int(y), int(m), int(d)))
    tokens = q.understood.tokens
    local = q.now.astimezone(q.tz).date()
    for i, tok in enumerate(tokens):
        if tok not in MONTHS:
            continue
        month = MONTHS[tok]
        near = tokens[max(0, i - 3) : i] + tokens[i + 1 : i + 4]
        day = next((int(x.group(1)) for t in near if (x := _DAY.match(t))), None)
        year = next((int(t) for t in tokens[i + 1 : i + 4] if re.fullmatch(r"20\d\d", t)), None)
        if day is None or not 1 <= day <= 31:
            continue
        with contextlib.suppress(ValueError):
            if year is None:
                year = local.year if (month, day) >= (local.month, local.day) else local.year + 1
            days.append(date(year, month, day))
    return days


def _title_words(title: str) -> list[str]:
    return [w for w in words(title) if len(w) >= 4 and w not in STOPWORDS]


def _matches(title_word: str, stems: set[str]) -> bool:
    """A word of an event's title held by the question: the same stem, or a stem of the
    question that the title word starts or ends with ('lansforumet' ~ 'Länsforum',
    'meet' -> 'träff' ~ 'Nätverksträff')."""
    return _stem_matches(stem(title_word), stems)


def _stem_matches(own: str, stems: set[str]) -> bool:
    return own in stems or any(
        (len(s) >= 4 and own.startswith(s))
        or (len(s) >= 5 and own.endswith(s))
        or (len(own) >= 5 and s.startswith(own))
        for s in stems
    )


def _is_kind_word(word: str) -> bool:
    """A title word that only says what kind of event it is ('forum', 'möte')."""
    return any(cue_spans([word], KINDS_CUES[k]) for k in KINDS_ASKED)


def named_event(q: Question) -> Answer | None:
    """A question about one event of the calendar, named by its title ('Var hålls
    länsforumet för skolchefer?'), by its day ('Vad händer den 10 mars?') or as one that is
    over ('Vilket forum har redan hållits?'): that event as the calendar holds it, also when
    it is past or cancelled, with where, how often it recurs and its status. A question
    about what comes next of a kind ('När är nästa forum?') passes to `events_answer`."""
    from bot.answers.evidence import glossary

    u = q.understood
    terms, _ = glossary()
    stems: set[str] = set()
    for tok in u.tokens:
        if tok in STOPWORDS or len(tok) < 3 or _is_kind_word(tok):
            continue  # 'forum' says what kind of event, not which one
        stems.add(stem(tok))
        stems.update(s for s in terms.get(tok, ()) if s)
    kinds = {k for asked in u.event_kinds for k in KINDS_ASKED[asked]}
    days = asked_days(q)
    past = bool(cue_spans(u.tokens, PAST_CUES)) and bool(u.event_kinds)
    all_events = _candidates(q, stems, days, kinds, past)
    named = {u.tokens[i] for m in u.mentions for i in range(m.start, m.end)}
    area_names = {
        a.id: a.name for a in registry.area_refs(session=q.session, network_id=q.network_id)
    }
    scored: list[tuple[int, Event, datetime]] = []
    for event in all_events:
        on_day = [
            s
            for d in days
            for s in occurrences_between(
                event,
                datetime(d.year, d.month, d.day, tzinfo=q.tz).astimezone(UTC),
                datetime(d.year, d.month, d.day, tzinfo=q.tz).astimezone(UTC) + timedelta(days=1),
                q.tz,
            )
        ]
        title = _title_words(event.title)
        held = [w for w in title if _matches(w, stems)]
        # the name of the event's area, or of anything the question names, says whose event
        # ('Forum lärarförsörjning' for 'Vem leder lärarförsörjning?'), not which one
        naming = named | set(words(area_names.get(event.area_id, "")))
        distinctive = [w for w in held if w not in naming]
        kind = event.kind in kinds
        area = u.area is not None and event.area_id == u.area.id
        score = 0
        if on_day and (kind or not kinds):
            score = 10
        elif distinctive and (len(held) >= 2 or kind or area):
            score = len(held) + kind + area
        elif past and kind and event.starts_at <= q.now and event.status != EventStatus.cancelled:
            score = 1
        if score:
            when = on_day[0] if on_day else _shown_start(event, q)
            scored.append((score, event, when))
    if not scored:
        return None
    best = max(s for s, _e, _w in scored)
    chosen = [(e, w) for s, e, w in scored if s == best]
    chosen.sort(key=lambda ew: ew[1], reverse=past)
    areas = {a.id: a for a in registry.area_refs(session=q.session, network_id=q.network_id)}
    lines = [_named_line(q, e, w, areas) for e, w in chosen[:MAX_NAMED]]
    sources = [q.t("answers.source.calendar", network=esc(q.network.name))]
    sources += [esc(e.source) for e, _w in chosen[:1] if e.source]
    return Answer("\n".join(lines), sources=sources, kind="events")


# A title word that more events hold than this names a kind of event, not one event
# ('Nätverksträff' in a national calendar): it does not make an event a candidate.
MAX_EVENTS_PER_TITLE_WORD = 50


@dataclass(frozen=True)
class TitleIndex:
    """The network's event titles, for finding the events a question names: the stem of
    each title word -> the ids of the events whose title holds it, the same stems by their
    first three and last five letters (for `_stem_matches`'s prefixes and endings), and the
    ids of the recurring events."""

    by_stem: dict[str, tuple[int, ...]]
    by_start: dict[str, tuple[str, ...]]
    by_end: dict[str, tuple[str, ...]]
    recurring: tuple[int, ...]

    def ids_for(self, stems: set[str]) -> set[int]:
        found: set[int] = set()
        for s in stems:
            near = {s, *self.by_start.get(s[:3], ()), *self.by_end.get(s[-5:], ())}
            for own in near:
                if own in self.by_stem and _stem_matches(own, {s}):
                    found.update(self.by_stem[own])
        return found


def _title_index(q: Question) -> TitleIndex:
    """The `TitleIndex` of the network's events, built once per registry generation and
    state of the event table (how many events, the highest id, the latest edit): a question
    never loads every event (22,000 at national scale). Not per event generation, which a
    delivered reminder moves too: the index would be rebuilt all day long."""
    state = tuple(
        q.session.exec(
            select(func.count(), func.max(Event.id), func.max(Event.updated_at)).where(
                Event.network_id == q.network_id
            )
        ).one()
    )

    def build() -> TitleIndex:
        index: dict[str, list[int]] = {}
        recurring: list[int] = []
        rows = q.session.exec(
            select(Event.id, Event.title, Event.recurrence).where(Event.network_id == q.network_id)
        )
        for event_id, title, recurrence in rows:
            for own in {stem(w) for w in _title_words(title) if not w.isdigit()}:
                index.setdefault(own, []).append(event_id)  # type: ignore[arg-type]
            if recurrence:
                recurring.append(event_id)  # type: ignore[arg-type]
        by_stem = {k: tuple(v) for k, v in index.items() if len(v) <= MAX_EVENTS_PER_TITLE_WORD}
        by_start: dict[str, list[str]] = {}
        by_end: dict[str, list[str]] = {}
        for own in by_stem:
            by_start.setdefault(own[:3], []).append(own)
            if len(own) >= 5:
                by_end.setdefault(own[-5:], []).append(own)
        built = TitleIndex(
            by_stem,
            {k: tuple(v) for k, v in by_start.items()},
            {k: tuple(v) for k, v in by_end.items()},
            tuple(recurring),
        )
        return built

    key = ("answers.event_titles", q.network_id, state)
    return generation.cached(key, build, session=q.session)


def _candidates(
    q: Question, stems: set[str], days: list[date], kinds: set[str], past: bool
) -> list[Event]:
    """The events `named_event` may choose from: those whose title holds a word of the
    question, those on a day it names (one-off ones by the start index, recurring ones all),
    and for a question about what is over, the latest past events of the kinds it asks."""
    titles = _title_index(q)
    ids = titles.ids_for(stems)
    if days or past:
        ids.update(titles.recurring)
    base = select(Event.id).where(Event.network_id == q.network_id)
    for d in days:
        start = datetime(d.year, d.month, d.day, tzinfo=q.tz).astimezone(UTC)
        end = start + timedelta(days=1, hours=2)  # a day of 25 hours at the change of time
        ids.update(
            q.session.exec(base.where(Event.starts_at >= start, Event.starts_at < end))  # type: ignore[arg-type]
        )
    if past and kinds:
        latest = base.where(
            col(Event.kind).in_(kinds),
            Event.starts_at <= q.now,
            Event.status != EventStatus.cancelled,
        )
        ids.update(
            q.session.exec(latest.order_by(col(Event.starts_at).desc()).limit(MAX_NAMED * 4))  # type: ignore[arg-type]
        )
    if not ids:
        return []
    found = q.session.exec(
        select(Event).where(col(Event.id).in_(ids)).order_by(col(Event.starts_at), col(Event.id))
    )
    return list(found)


def _shown_start(event: Event, q: Question) -> datetime:
    """The occurrence to show: the next one of a recurring event, else its start."""
    if event.recurrence and event.status != EventStatus.cancelled:
        return next_occurrence(event, q.now, q.tz) or event.starts_at
    return event.starts_at


_FREQUENCIES = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}


def _named_line(
    q: Question, event: Event, when: datetime, areas: dict[int, registry.AreaRef]
) -> str:
    text = _describe(q, Occurrence(event, when), areas) + "."
    if event.status == EventStatus.cancelled:
        text += " " + q.t("answers.events.cancelled")
    elif event.recurrence:
        freq = re.search(r"FREQ=(\w+)", event.recurrence)
        unit = _FREQUENCIES.get(freq.group(1)) if freq else None
        if unit:
            text += " " + q.t(f"answers.events.recurs.{unit}")
    elif when <= q.now:
        text += " " + q.t("answers.events.was_held")
    if event.agenda:
        agenda = event.agenda if len(event.agenda) < 400 else event.agenda[:397] + "…"
        text += f"\n> {esc(agenda)}"
    return text
