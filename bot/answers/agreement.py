"""What the agreement (or any document of the network) says about a topic: full-text search
over the document sections (storage.documents.search_sections: FTS5 / PostgreSQL), re-ranked
here, and the best section quoted and cited ('Överenskommelsen, §6 Process och tidsram').

English questions meet the Swedish text through `GLOSSARY` (question word -> Swedish words);
typos are corrected against the documents' own vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.answers import evidence
from bot.answers.base import Answer, Question
from bot.answers.facts import english_fact
from bot.answers.glosses import english_gloss
from bot.core.blocks import esc
from storage import documents
from storage.models import DocumentSection
from storage.text import STOPWORDS, query_stems, search_terms, stem, words

# Folded question words -> Swedish words that the documents use for the same thing.
GLOSSARY: dict[str, str] = {
    "purpose": "syfte syftar",
    "aim": "syfte",
    "aims": "syfte",
    "why": "syfte",
    "varfor": "syfte",
    "goal": "mål",
    "goals": "mål",
    "objective": "mål",
    "objectives": "mål",
    "valid": "giltighet",
    "validity": "giltighet",
    "expire": "giltighet utgången",
    "expires": "giltighet utgången",
    "galler": "giltighet",
    "galla": "giltighet",
    "borjade": "giltighet",
    "borjar": "giltighet",
    "began": "giltighet",
    "begin": "giltighet",
    "begins": "giltighet",
    "started": "giltighet",
    "giltig": "giltighet",
    "lange": "giltighet",
    "long": "giltighet",
    "upphor": "giltighet utgången",
    "slutar": "giltighet utgången",
    "end": "giltighet utgången",
    "ends": "giltighet utgången",
    "background": "bakgrund",
    "process": "process tidsram",
    "timeline": "tidsram process",
    "timeframe": "tidsram process",
    "steps": "steg",
    "stages": "steg",
    "evaluation": "utvärdering genomlysning",
    "evaluate": "utvärdering genomlysning",
    "evaluated": "utvärdering genomlysning",
    "review": "genomlysning utvärdering",
    "utvardering": "genomlysning",
    "utvardera": "utvärdering genomlysning",
    "commitments": "åtaganden",
    "commitment": "åtaganden",
    "obligations": "åtaganden",
    "signatures": "underskrifter",
    "signature": "underskrifter",
    "sign": "underskrifter",
    "signs": "underskrifter",
    "signed": "underskrifter",
    "undertecknar": "underskrifter",
    "direction": "inriktning",
    "focus": "inriktning fokus",
    "parties": "parter",
    "follow": "uppföljning",
    "followup": "uppföljning",
    "learning": "lärande",
    "lessons": "lärdomar",
    "resources": "resurser",
    "kickoff": "uppstart",
    "start": "uppstart",
    "startup": "uppstart",
    "planning": "planering",
    "plan": "plan planering",
    "implementation": "genomförande",
    "universities": "lärosäten",
    "university": "lärosäten",
    "independent": "fristående",
    "inclusive": "inkluderande",
    "collaboration": "samarbete samverkan",
    "cooperation": "samarbete samverkan",
    "teachers": "lärare",
    "quality": "kvalitet",
    "equity": "likvärdig",
    "equal": "likvärdig",
    "capacity": "kapacitet kapacitetsbyggande",
    "data": "data",
    "experience": "erfarenheter",
    "experiences": "erfarenheter",
    "sharing": "delning dela",
    "share": "dela delning",
    "students": "elever",
    "pupils": "elever",
    "children": "barn",
    "small": "små",
    "municipalities": "kommuner",
    "municipality": "kommun",
    "region": "region",
    "regions": "regioner",
    "challenges": "utmaningar",
    "vulnerability": "sårbarhet",
    "expertise": "kompetens specialistkompetens",
    "competence": "kompetens",
    "state": "staten",
    "government": "staten",
    "meeting": "mötesplatser",
    "meetings": "mötesplatser",
    "forums": "forum",
    "schools": "skola",
    "school": "skola",
}
WHOLE_SECTION_LIMIT = 2400
MAX_UNITS = 3


@dataclass
class Scored:
    hit: documents.Hit
    score: float
    heading_hits: int
    body_hits: float


def _stems_of(text: str) -> set[str]:
    return set(search_terms(text).split())


def _matches(term: str, stems: set[str]) -> bool:
    if term in stems:
        return True
    return len(term) >= 5 and any(s.startswith(term) for s in stems)


def question_terms(q: Question) -> tuple[list[str], list[str]]:
    """(the question's own topic stems, stems added by the glossary), typos corrected."""
    vocabulary = documents.vocabulary(session=q.session, network_id=q.network_id)
    skip = {w for m in q.understood.mentions for w in q.understood.tokens[m.start : m.end]}
    own = [s for s in query_stems(q.text) if s not in {stem(w) for w in skip}]
    extra: list[str] = []
    for word in words(q.text):
        for swedish in GLOSSARY.get(word, "").split():
            extra.append(stem(swedish))
    corrected = []
    for term in own:
        if vocabulary and not _matches(term, vocabulary) and len(term) >= 5:
            close = process.extractOne(term, list(vocabulary), scorer=fuzz.ratio, score_cutoff=84)
            if close:
                corrected.append(close[0])
                continue
        corrected.append(term)
    return list(dict.fromkeys(corrected)), [e for e in dict.fromkeys(extra) if e not in corrected]


def _units(text: str) -> list[str]:
    """A section's text as quotable units: paragraphs and list items."""
    units = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if not lines:
            continue
        if all(ln.startswith(("- ", "* ", "• ")) or re.match(r"^\d+[.)] ", ln) for ln in lines[1:]):
            if not lines[0].startswith(("- ", "* ", "• ")) and len(lines) > 1:
                units.append(lines[0])
                lines = lines[1:]
            units.extend(lines)
        else:
            units.append(" ".join(lines))
    return units


def _mrkdwn(text: str) -> str:
    """Document Markdown as Slack mrkdwn, escaped: '**x**' -> '*x*', '- x' -> '• x'."""
    text = esc(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"*\1*", text)
    return re.sub(r"^[-*] ", "• ", text, flags=re.MULTILINE)


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines())


def _score(hit: documents.Hit, own: list[str], extra: list[str], rank: int) -> Scored:
    heading = _stems_of(hit.section.heading)
    body = set(hit.section.search_text.split())
    terms = [*own, *extra]
    heading_hits = sum(1 for t in terms if _matches(t, heading))
    body_hits = sum(1 for t in own if _matches(t, body)) + 0.5 * sum(
        1 for t in extra if _matches(t, body)
    )
    score = 3 * heading_hits + body_hits + max(0.0, 1.0 - rank * 0.15)
    return Scored(hit, score, heading_hits, body_hits)


def search(q: Question) -> tuple[list[Scored], list[str], list[str]]:
    own, extra = question_terms(q)
    # Words naming a document ('handlingsplanen') choose the document, not the topic.
    titles = {
        doc.id: _stems_of(doc.title)
        for doc in documents.documents_of(session=q.session, network_id=q.network_id)
    }
    named = {doc_id for doc_id, stems in titles.items() if any(t in stems for t in own)}
    all_title_stems = set().union(*titles.values()) if titles else set()
    topic = [t for t in own if t not in all_title_stems] or own
    hits = documents.search_sections(
        session=q.session, network_id=q.network_id, stems=[*topic, *extra], limit=12
    )
    hits = [h for h in hits if h.section.text.strip()]
    scored = [_score(h, topic, extra, rank) for rank, h in enumerate(hits)]
    for s in scored:
        if s.hit.document.id in named:
            s.score += 1.5
    scored.sort(key=lambda s: (-s.score, s.hit.section.position))
    return scored, topic, extra


def _excerpt(section: DocumentSection, terms: list[str], whole: bool) -> str:
    if whole and len(section.text) <= WHOLE_SECTION_LIMIT:
        return section.text
    units = _units(section.text)
    scored = []
    for index, unit in enumerate(units):
        stems = _stems_of(unit)
        hits = sum(1 for t in terms if _matches(t, stems))
        if hits:
            scored.append((hits, index))
    if not scored:
        text = section.text
        return text if len(text) <= WHOLE_SECTION_LIMIT else text[: WHOLE_SECTION_LIMIT - 1] + "…"
    best = sorted(scored, key=lambda pair: (-pair[0], pair[1]))[:MAX_UNITS]
    chosen = sorted({i for _, index in best for i in _whole_list(units, index)})
    parts = []
    for index in chosen:
        unit = units[index]
        # a list item keeps the line that introduces its list ('SKR åtar sig att:')
        if unit.startswith(("- ", "* ", "• ")):
            lead = next(
                (
                    units[j]
                    for j in range(index - 1, -1, -1)
                    if not units[j].startswith(("- ", "* ", "• "))
                ),
                None,
            )
            if lead and lead not in parts and lead.endswith(":"):
                parts.append(lead)
        parts.append(unit)
    return "\n".join(parts)


def _whole_list(units: list[str], index: int) -> list[int]:
    """The unit at `index`, or, when it is one item of a list of short items (the parties
    of §1, a list of names), every item of that list: one name of a list is no answer to
    which are in it ('Vilka parter står bakom?')."""
    bullet = ("- ", "* ", "• ")
    if not units[index].startswith(bullet):
        return [index]
    start = index
    while start > 0 and units[start - 1].startswith(bullet):
        start -= 1
    end = index
    while end + 1 < len(units) and units[end + 1].startswith(bullet):
        end += 1
    run = range(start, end + 1)
    if all(len(units[i]) <= evidence.SHORT_ITEM for i in run):
        return list(run)
    return [index]


def _is_about(section: DocumentSection, terms: list[str]) -> bool:
    """The heading is mostly the topic asked about ('Process och tidsram' for 'processen')."""
    content = [w for w in words(section.heading) if w not in STOPWORDS]
    if not content:
        return False
    return len(content) <= 2 and any(_matches(t, {stem(w) for w in content}) for t in terms)


def document_answer(q: Question, *, strict: bool = False) -> Answer | None:
    """The best matching section, quoted and cited; None when nothing matches well enough.
    `strict` (no document word in the question) asks for a clearer match and says it is a
    best guess."""
    scored, own, extra = search(q)
    if not scored:
        return None
    best = scored[0]
    if strict and best.heading_hits == 0 and best.body_hits < 2:
        return None
    if not strict and best.heading_hits == 0 and best.body_hits == 0:
        return None
    section, doc = best.hit.section, best.hit.document
    terms = [*own, *extra]
    excerpt = _excerpt(section, terms, whole=_is_about(section, terms))
    cite = documents.citation(doc, section)
    key = "answers.doc.guess" if strict else "answers.doc.says"
    summary = q.t(key, document=esc(documents.short_name(doc)), section=esc(cite))
    blocks_text = _quote(_mrkdwn(excerpt))
    sources = [esc(cite)]
    for other in scored[1:3]:
        if other.score >= best.score * 0.6 and other.hit.section.id != section.id:
            sources.append(esc(documents.citation(other.hit.document, other.hit.section)))
    answer = Answer(summary + "\n" + blocks_text, sources=sources, kind="document")
    answer.certain = not strict
    return answer


_SECTION_REF = re.compile(
    r"(?:§|\bparagraf\w*|\bsection|\bavsnitt\w*|\bkapitel\w*|\bpunkt\w*|\bchapter|\bclause)"
    r"\s*(?:nr\.?|nummer|number|no\.?)?\s*(\d{1,2}(?:\.\d{1,2})?)\b",
    re.IGNORECASE,
)


def section_answer(q: Question) -> Answer | None:
    """'Vad står det i §4?', 'What does section 6 say?': the numbered section, whole."""
    match = _SECTION_REF.search(q.text)
    if match is None:
        return None
    number = match.group(1)
    docs = documents.documents_of(session=q.session, network_id=q.network_id)
    own = set(query_stems(q.text))
    named = [d for d in docs if _stems_of(d.title) & own]
    for doc in named + [d for d in docs if d not in named]:
        for section in documents.sections_of(session=q.session, document_id=doc.id):
            if section.number == number and section.text.strip():
                cite = documents.citation(doc, section)
                text = section.text
                if len(text) > WHOLE_SECTION_LIMIT:
                    text = text[: WHOLE_SECTION_LIMIT - 1] + "…"
                summary = q.t("answers.doc.says", document=esc(doc.title), section=esc(cite))
                return Answer(
                    summary + "\n" + _quote(_mrkdwn(text)), sources=[esc(cite)], kind="section"
                )
    return None


# --------------------------------------------------------------------------- passages


def entity_words(q: Question) -> set[str]:
    """The question's words that name a registry item (they choose, they are not the topic)."""
    u = q.understood
    named = {w for m in u.mentions for w in u.tokens[m.start : m.end]}
    if u.network_named:  # 'Ensam är inte stark' names the network, it is not a topic
        named |= set(words(q.network.name.split(" – ")[0]))
    named |= u.network_words  # 'Södertörn' in Södertörnssamarbetet
    return named


def _passage_text(found: evidence.Found) -> str:
    p = found.passage
    return f"{p.lead}\n{p.text}" if p.lead else p.text


def _party_of(lead: str) -> str:
    """'**Region Västmanland åtar sig att:**' -> 'Region Västmanland'."""
    text = lead.strip("*: ")
    if not re.search(r"\såtar sig att\W*$", text):
        return ""  # a list's lead that names no party ('Under perioden ska …:')
    return re.sub(r"\s+åtar sig att\W*$", "", text).strip("*: ")


def _asks_fact(q: Question) -> str | None:
    """'often' for a question of how often, 'when' for one of when, else None."""
    folded = " ".join(words(q.text))
    if "how often" in folded or "how frequently" in folded or "hur ofta" in folded:
        return "often"
    return "when" if q.understood.has("when") else None


def _topic_test(
    index: evidence.Index, found: evidence.Found, concepts: list[evidence.Concept]
) -> Callable[[str], bool] | None:
    """Does a sentence of the passage hold the question's topic? None when the passage's text
    holds none of it (its heading or its list's lead does: every sentence is then about it)."""
    passage = found.passage
    text_tokens = frozenset(evidence._index_tokens(passage.text, index.vocabulary))
    held = [c for c in concepts if evidence._holds(text_tokens, c)]
    if not held:
        return None

    def holds(sentence: str) -> bool:
        tokens = frozenset(evidence._index_tokens(sentence, index.vocabulary))
        return any(evidence._holds(tokens, c) for c in held)

    return holds


def _english_fact(
    q: Question, found: evidence.Found, index: evidence.Index, concepts: list[evidence.Concept]
) -> str | None:
    """The date or frequency asked for, in English, from the sentence of the passage that
    holds the topic ('Uppdraget ska återredovisas i september 2022'), never the first year of
    a sentence about something else ('Sedan 2020 har nämnderna …')."""

    asks = _asks_fact(q)
    if asks is None:
        return None
    return english_fact(found.passage.text, asks=asks, holds=_topic_test(index, found, concepts))


def _fact_first(
    q: Question,
    found: list[evidence.Found],
    index: evidence.Index,
    concepts: list[evidence.Concept],
) -> list[evidence.Found]:
    """For a question of when or how often: among the passages that hold as much of the
    question as the best, the first whose sentence about the topic states the date or the
    frequency goes first (the passage that only mentions the topic beside another year does
    not answer when)."""
    asks = _asks_fact(q)
    if asks is None or len(found) < 2:
        return found
    best = found[0]

    def states(f: evidence.Found) -> bool:
        holds = _topic_test(index, f, concepts)
        return english_fact(f.passage.text, asks=asks, holds=holds) is not None

    if states(best):
        return found
    for i, f in enumerate(found[1:3], start=1):
        same_kind = (f.passage.cite == evidence.REGISTRY) == (
            best.passage.cite == evidence.REGISTRY
        )
        if round(f.coverage, 2) >= round(best.coverage, 2) and same_kind and states(f):
            return [f, *found[:i], *found[i + 1 :]]
    return found


def _english_gloss(q: Question, found: evidence.Found, whole: bool) -> str | None:
    """The English sentence kept for the quoted passage (data/glosses.toml), if any."""

    if found.passage.cite == evidence.REGISTRY:
        return None
    gloss = english_gloss(q.network.slug, found.passage.text)
    if gloss is None and whole:
        gloss = english_gloss(q.network.slug, found.passage.section_text)
    return gloss


def whole_section(found: evidence.Found, concepts: list[evidence.Concept]) -> bool:
    """Quote the passage's whole section: its heading is what is asked about."""
    passage = found.passage
    return evidence.heading_is_topic(passage, concepts) and len(passage.section_text) <= (
        WHOLE_SECTION_LIMIT
    )


def passage_answer(
    q: Question,
    *,
    min_coverage: float = 0.5,
    guess: bool = False,
    skip_words: set[str] | None = None,
    naming: set[str] | None = None,
    prefer: Callable[[evidence.Passage], bool] | None = None,
) -> Answer | None:
    """The passages that hold the fact asked for, quoted with their section; None when no
    passage covers enough of the question. `prefer` puts the passages it holds for first."""
    skip = entity_words(q) if skip_words is None else skip_words
    found, concepts = evidence.retrieve(q, skip_words=skip, naming=naming, prefer=prefer)
    if not found:
        return None
    index = evidence.index_of(q)
    found = _fact_first(q, found, index, concepts)
    best = found[0]
    if best.covered == 0 or best.coverage < min_coverage:
        return None
    chosen = [best]
    first_cite = best.passage.cite
    for other in found[1:3]:
        if (
            other.coverage >= best.coverage - 0.01
            and other.score >= 0.5 * best.score
            and other.passage.position != best.passage.position
            # the registry is another subject than a document's passage ('hur ofta träffas
            # rådet': the council's rhythm, not REKO's), so the two are not quoted together
            and (other.passage.cite == evidence.REGISTRY) == (first_cite == evidence.REGISTRY)
            and not (whole_section(best, concepts) and other.passage.cite == best.passage.cite)
            and len(chosen) < 2
            and (prefer is None or prefer(other.passage))
        ):
            chosen.append(other)
    first = best.passage
    items = [] if whole_section(best, concepts) else evidence.whole_list(index, best, concepts)
    if items:
        # the list is the answer: quoted whole, with its lead once, and alone (not beside its
        # own items, nor a restatement of the list elsewhere)
        chosen = [best]
    key = "answers.doc.guess" if guess else "answers.doc.says"
    registry_source = q.t("answers.source.registry", network=esc(q.network.name))
    if first.cite == evidence.REGISTRY:
        summary = q.t("answers.doc.registry_says")
    elif first.lead and not guess and q.understood.has("who") and _party_of(first.lead):
        # 'Who coordinates …?': the party whose commitment holds it answers
        summary = q.t(
            "answers.doc.party_answers", section=esc(first.cite), party=esc(_party_of(first.lead))
        )
    elif q.lang == "en" and first.lead and not guess and _party_of(first.lead):
        summary = q.t(
            "answers.doc.party_says", section=esc(first.cite), party=esc(_party_of(first.lead))
        )
    else:
        summary = q.t(key, document=esc(first.document), section=esc(first.cite))
    whole = whole_section(best, concepts)
    # an English asker first gets one English sentence: the date or frequency asked for, or
    # else the passage's gloss (data/glosses.toml)
    fact = _english_fact(q, best, index, concepts) if q.lang == "en" and not guess else None
    gloss = _english_gloss(q, best, whole) if q.lang == "en" and not guess and not fact else None
    if fact:
        summary = q.t("answers.doc.fact", fact=esc(fact), section=esc(first.cite))
    elif gloss:
        summary = q.t("answers.doc.gloss", gloss=esc(gloss), section=esc(first.cite))
    quoted = []
    for f in chosen:
        text = f.passage.section_text if (f is best and whole) else _passage_text(f)
        if f is best and items:
            text = "\n".join([first.lead, *(p.text for p in items)])
        if f is not best and f.passage.lead and f.passage.lead == first.lead:
            text = f.passage.text  # the list's lead is quoted once
        block = _quote(_mrkdwn(text))
        if f is not best and f.passage.cite != first.cite:
            cite = registry_source if f.passage.cite == evidence.REGISTRY else esc(f.passage.cite)
            block = f"_{cite}:_\n" + block
        quoted.append(block)
    sources = list(
        dict.fromkeys(
            registry_source if f.passage.cite == evidence.REGISTRY else esc(f.passage.cite)
            for f in chosen
        )
    )
    return Answer(
        summary + "\n" + "\n".join(quoted), sources=sources, kind="document", certain=not guess
    )
