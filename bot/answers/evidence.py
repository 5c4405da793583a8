"""Evidence: what the network's documents say, as passages, and the ones a question is about.

Every section of every document of a network is cut into passages: each paragraph, and each
bullet of a list with the line that introduces it ('**Region Västmanland åtar sig att:**'),
so that a §5 bullet carries its party. A list of short items (the parties of §1, the projects
of a declaration) stays one passage. Passages are ranked with BM25 (`bm25s`, over numpy) on
Swedish Snowball stems (`storage.text`), with compounds split into their parts against the
documents' own vocabulary ('samordningsansvar' also indexes 'samordning' and 'ansvar'), typos
corrected against that vocabulary, and English (or other) question words mapped to the
documents' Swedish through the glossary kept as data (`data/glossary.toml`).

`retrieve(q)` gives the best passages with how much of the question each covers: the
answerers use the coverage to decide whether the documents support an answer at all.
The index is built once per network and state of its documents, and shared by every question.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import bm25s
import numpy as np
from rapidfuzz import fuzz, process

from storage import documents, generation, registry
from storage.text import STOPWORDS, english_stem, stem, words

if TYPE_CHECKING:
    from bot.answers.base import Question

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index it builds

GLOSSARY_FILE = Path(__file__).parent / "data" / "glossary.toml"
REGISTRY = "registry"  # the `cite` of a passage rendered from the registry
_BULLET = ("- ", "* ", "• ")
SHORT_ITEM = 70  # list items up to this long are names, kept together in one passage
GLOSSARY_WEIGHT = 0.6
EXPANSION_WEIGHT = 0.8
UNMAPPED_WEIGHT = 0.25


@lru_cache(maxsize=1)
def glossary() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """(question word -> Swedish stems, the words that ask for an amount of money)."""
    data = tomllib.loads(GLOSSARY_FILE.read_text(encoding="utf-8"))
    terms = {
        word: tuple(stem(w) for w in swedish.split()) for word, swedish in data["terms"].items()
    }
    return terms, frozenset(data["amounts"]["words"])


@dataclass(frozen=True)
class Passage:
    document: str  # the document's short name ('Överenskommelsen')
    cite: str  # 'Överenskommelsen, §5 Åtaganden'
    number: str
    heading: str
    lead: str  # the line introducing a bullet's list ('Region Västmanland åtar sig att:'), or ''
    text: str  # the passage as written (Markdown)
    position: int
    section_text: str = ""  # the whole section, quoted when its heading is the topic


@dataclass
class Index:
    passages: list[Passage]
    tokens: list[frozenset[str]]
    vocabulary: frozenset[str]
    retriever: bm25s.BM25 | None
    vocab_list: list[str] = field(default_factory=list)
    title_words: frozenset[str] = frozenset()


def _is_item(line: str) -> bool:
    """A bullet ('- ', '• ') or a numbered item ('1. ', '2) ') of a list."""
    return line.startswith(_BULLET) or bool(re.match(r"^\d+[.)] ", line))


def _units(text: str) -> list[tuple[str, str]]:
    """A section's text as (lead, passage) pairs: paragraphs, and list items with their lead."""
    out: list[tuple[str, str]] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip()]
        if not lines:
            continue
        items = [ln for ln in lines if _is_item(ln)]
        if not items:
            out.append(("", " ".join(lines)))
            continue
        lead = ""
        if not _is_item(lines[0]):
            lead = lines[0]
        elif out and out[-1][1].rstrip("*").endswith(":") and not out[-1][0]:
            lead = out.pop()[1]  # the paragraph before introduces this list
        if all(len(i) <= SHORT_ITEM for i in items):
            out.append((lead, "\n".join(items)))
        else:
            out.extend((lead, item) for item in items)
    return out


def _index_tokens(text: str, base: frozenset[str]) -> list[str]:
    tokens = []
    for word in words(text):
        if word in STOPWORDS or len(word) < 2:
            continue
        tokens.append(stem(word))
        tokens.extend(_compound_parts(word, base))
    return tokens


@lru_cache(maxsize=50_000)
def _compound_parts_cached(word: str, base: frozenset[str]) -> tuple[str, ...]:
    if len(word) < 9:
        return ()
    for i in range(4, len(word) - 3):
        left, right = word[:i], word[i:]
        right_stem = stem(right)
        if right_stem not in base or len(right) < 4:
            continue
        for candidate in (left, left[:-1] if left.endswith("s") else None):
            if candidate and len(candidate) >= 4 and stem(candidate) in base:
                return (stem(candidate), right_stem)
    return ()


def _compound_parts(word: str, base: frozenset[str]) -> tuple[str, ...]:
    return _compound_parts_cached(word, base)


def _build(session, network_id: int) -> Index:  # type: ignore[no-untyped-def]
    passages: list[Passage] = []
    position = 0
    # the registry as statements: each focus area with its description (cited "registret")
    for area in registry.areas(session=session, network_id=network_id):
        if area.description:
            text = f"{area.name}: {area.description}"
            passages.append(Passage("", REGISTRY, "", area.name, "", text, position, text))
            position += 1
    for doc in documents.documents_of(session=session, network_id=network_id):
        name = documents.short_name(doc)
        for section in documents.sections_of(session=session, document_id=doc.id):
            if not section.text.strip():
                continue
            cite = documents.citation(doc, section)
            for lead, text in _units(section.text):
                passages.append(
                    Passage(
                        name,
                        cite,
                        section.number,
                        section.heading,
                        lead,
                        text,
                        position,
                        section.text,
                    )
                )
                position += 1
    base = frozenset(
        stem(w)
        for p in passages
        for w in words(f"{p.heading} {p.lead} {p.text}")
        if len(w) >= 4 and w not in STOPWORDS
    )
    token_lists = [_index_tokens(f"{p.heading} {p.lead} {p.text}", base) for p in passages]
    retriever = None
    if passages:
        retriever = bm25s.BM25()
        retriever.index([t or ["_"] for t in token_lists], show_progress=False)
    vocabulary = frozenset(t for ts in token_lists for t in ts)
    titles = frozenset(
        w
        for doc in documents.documents_of(session=session, network_id=network_id)
        for w in words(doc.title)
        if len(w) >= 6
    )
    return Index(
        passages,
        [frozenset(t) for t in token_lists],
        vocabulary,
        retriever,
        sorted(vocabulary),
        titles,
    )


_lock = threading.Lock()
_indexes: dict[tuple[int, int], tuple[tuple, Index]] = {}


def index_of(q: Question) -> Index:
    """The network's passage index, rebuilt when the registry generation moves: its triggers
    watch the documents and their sections too (migration 0010), and the registry's facts
    are passages as well. A session that has written builds its own."""
    session = q.session
    fingerprint = generation.current(session=session)
    if fingerprint is None or session.info.get("registry_written"):
        return _build(session, q.network_id)
    key = (str(session.get_bind().engine.url), q.network_id)
    with _lock:
        hit = _indexes.get(key)
    if hit is not None and hit[0] == fingerprint:
        return hit[1]
    built = _build(session, q.network_id)
    with _lock:
        _indexes[key] = (fingerprint, built)
    return built


# --------------------------------------------------------------------------- retrieving


@dataclass(frozen=True)
class Concept:
    """One word of the question and the stems that stand for it in the documents."""

    word: str
    own: tuple[str, ...]  # its stem, compound parts, typo corrections
    glossed: tuple[str, ...]  # Swedish stems from the glossary


def _glossed(terms: dict[str, tuple[str, ...]], word: str) -> tuple[str, ...] | None:
    """The glossary's Swedish for `word`, also for its plural or English inflection."""
    for key in (word, word[:-1] if word.endswith("s") else "", english_stem(word)):
        if key and key in terms:
            return terms[key]
    for ending in ("erna", "arna", "en", "et", "na", "n"):  # Swedish inflection: 'kickoffen'
        if word.endswith(ending) and len(word) - len(ending) >= 4 and word[: -len(ending)] in terms:
            return terms[word[: -len(ending)]]
    return None


@dataclass
class Found:
    passage: Passage
    score: float
    covered: int  # how many of the question's concepts the passage holds
    concepts: int
    weight_held: float = 0.0  # the inverse document frequency of the concepts it holds
    weight_all: float = 0.0  # of all the question's concepts

    @property
    def coverage(self) -> float:
        """The share of the question's topic the passage holds, rare words weighing most
        (a word the documents never use weighs half of the rarest)."""
        return self.weight_held / self.weight_all if self.weight_all > 0 else 0.0


def concepts_of(q: Question, index: Index, skip_words: set[str] | None = None) -> list[Concept]:
    """The question's topic words (names of registry items and question words left out)."""
    terms, _amounts = glossary()
    skip = set(skip_words or ())
    out: list[Concept] = []
    seen: set[str] = set()
    folded = " ".join(words(q.text))
    if "det galler" in folded:  # 'när det gäller': 'as for', not 'valid'
        skip.add("galler")
    # phrases of the glossary ('går ut på' = what it is for): one concept for the phrase,
    # whose words are then not topics of their own
    question_words = folded.split()
    for phrase, swedish in terms.items():
        if " " in phrase and phrase not in skip and _in_order(phrase.split(), question_words):
            # a Swedish phrase's own content words count too, in any inflection ('skriver
            # under' holds in 'skrivs under'), besides the glossary's words for it (an English
            # phrase's words are no Swedish: 'upper' is no 'upp')
            stems = {stem(w) for w in phrase.split()} if q.lang == "sv" else set()
            own = tuple(sorted(s for s in stems if len(s) >= 4 and s in index.vocabulary))
            out.append(Concept(phrase, own, swedish))
            skip |= set(phrase.split())
    for word in words(q.text):
        if word in skip or word in seen or len(word) < 2 or (word.isdigit() and len(word) < 4):
            continue
        seen.add(word)
        glossed = _glossed(terms, word)
        if word in STOPWORDS and not glossed:
            continue
        if glossed is not None and not any(glossed):
            continue  # a glossary word that carries no topic ('up' in 'follow up')
        base = stem(word)
        own = {base, *_compound_parts(word, index.vocabulary)}
        # a shorter stem of the documents that this word extends ('gemensamm' -> 'gemensam')
        own |= {base[:n] for n in range(5, len(base)) if base[:n] in index.vocabulary}
        # a typo is corrected against the documents' words; a word the glossary knows is
        # no typo, and an English word spelled like a Swedish one is a false friend
        # ('start' is not 'stat')
        typo = not (own & index.vocabulary) and not glossed and len(stem(word)) >= 5
        if typo and index.vocab_list:
            close = process.extract(
                stem(word), index.vocab_list, scorer=fuzz.ratio, score_cutoff=84, limit=2
            )
            own |= {c[0] for c in close}
            prefixed = [v for v in index.vocab_list if v.startswith(stem(word))][:4]
            own |= set(prefixed)
        out.append(Concept(word, tuple(sorted(own)), tuple(glossed or ())))
    # words naming a document ('avsiktsförklaringen') choose it and are not the topic, unless
    # they are all the question asks about ('Vem leder samverkansrådet?')
    topical = [c for c in out if c.word not in index.title_words]
    return topical or out


def _in_order(phrase: list[str], question: list[str], gap: int = 3) -> bool:
    """The phrase's words in the question in their order, with at most `gap` other words
    between two of them ('går överenskommelsen ut på')."""
    at = -1
    for word in phrase:
        window = question[at + 1 : at + 2 + (gap if at >= 0 else len(question))]
        if word not in window:
            return False
        at = at + 1 + window.index(word)
    return True


def _holds(tokens: frozenset[str], concept: Concept) -> bool:
    return any(t in tokens for t in (*concept.own, *concept.glossed)) or any(
        len(t) >= 5 and any(x.startswith(t) for x in tokens) for t in concept.own
    )


def retrieve(
    q: Question,
    *,
    skip_words: set[str] | None = None,
    limit: int = 5,
    naming: set[str] | None = None,
    prefer: Callable[[Passage], bool] | None = None,
) -> tuple[list[Found], list[Concept]]:
    """The passages best supporting an answer to `q`, best first, and the question's concepts.
    With `naming` (the words of a registry item the question names), only passages that name
    it too. With `prefer`, the passages it holds for come first (and are considered however
    low BM25 puts them): 'how many activities' prefers a passage that counts activities."""
    index = index_of(q)
    concepts = concepts_of(q, index, skip_words)
    if index.retriever is None or not concepts:
        return [], concepts
    scores = np.zeros(len(index.passages), dtype=np.float64)
    for concept in concepts:
        own = [t for t in concept.own if t in index.vocabulary]
        if own:
            scores += np.asarray(index.retriever.get_scores(own), dtype=np.float64)
        glossed = [t for t in concept.glossed if t in index.vocabulary and t not in own]
        if glossed:
            part = np.asarray(index.retriever.get_scores(glossed), dtype=np.float64)
            scores += GLOSSARY_WEIGHT * part
    n = len(index.passages)
    weights = []
    for c in concepts:
        df = sum(1 for tokens in index.tokens if _holds(tokens, c))
        if df:
            weights.append(math.log((n + 1) / (df + 0.5)))
        else:
            # a word the documents never use: half of the rarest; an English word that the
            # glossary does not map either is mostly phrasing ('want to find out'), a quarter
            unmapped = q.lang == "en" and not c.glossed
            weights.append((UNMAPPED_WEIGHT if unmapped else 0.5) * math.log(n + 1))
    total = sum(weights)
    order = list(np.argsort(-scores)[: limit * 3 if not naming else len(scores)])
    if prefer is not None:
        order += [i for i, p in enumerate(index.passages) if prefer(p) and i not in order]
    found = []
    for i in order:
        if scores[i] <= 0:
            continue
        tokens = index.tokens[i]
        if naming and not all(any(t.startswith(stem(w)[:5]) for t in tokens) for w in naming):
            continue
        held = [w for c, w in zip(concepts, weights, strict=True) if _holds(tokens, c)]
        found.append(
            Found(index.passages[i], float(scores[i]), len(held), len(concepts), sum(held), total)
        )
    found.sort(
        key=lambda f: (
            prefer is not None and not prefer(f.passage),
            -round(f.coverage, 2),
            not heading_is_topic(f.passage, concepts),
            # a document's passage before the registry's restatement of it: its § is the
            # source to cite
            f.passage.cite == REGISTRY,
            -f.score,
            f.passage.position,
        )
    )
    return found[:limit], concepts


# a number in a document: digits (not a year) or a Swedish number word, folded
_NUMBER_WORDS = frozenset(
    {"tva", "tre", "fyra", "fem", "sex", "sju", "atta", "nio", "tio", "elva", "tolv", "tjugo"}
)


def counts(text: str, noun_stems: frozenset[str]) -> bool:
    """The text states a number of the thing counted ('Sammanlagt 10 aktiviteter' counts
    'aktivitet'): a number followed, at most one word later, by a word of one of the stems."""
    folded = words(text)
    for i, word in enumerate(folded):
        is_number = (word.isdigit() and not (len(word) == 4 and word[:2] in ("19", "20"))) or (
            word in _NUMBER_WORDS
        )
        if not is_number:
            continue
        for after in folded[i + 1 : i + 3]:
            if any(stem(after).startswith(s) or s.startswith(stem(after)) for s in noun_stems):
                return True
    return False


def whole_list(index: Index, found: Found, concepts: list[Concept]) -> list[Passage]:
    """The items of the list a found item belongs to, when what the item holds of the
    question its list's lead holds already ('Vilka uppdrag får förvaltningen?': every item
    ties on the lead 'uppdra till utbildningsförvaltningen:', so the list is the answer)."""
    passage = found.passage
    if not passage.lead or passage.cite == REGISTRY:
        return []
    lead = frozenset(_index_tokens(f"{passage.heading} {passage.lead}", index.vocabulary))
    held = [c for c in concepts if _holds(index.tokens[passage.position], c)]
    if not held or not all(_holds(lead, c) for c in held):
        return []
    items = [p for p in index.passages if p.cite == passage.cite and p.lead == passage.lead]
    return items if len(items) > 1 else []


@lru_cache(maxsize=1)
def title_endings() -> tuple[str, ...]:
    """The endings of job titles (data/glossary.toml, [titles])."""
    data = tomllib.loads(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return tuple(data.get("titles", {}).get("endings", ()))


def is_title(word: str) -> bool:
    """'skolchef', 'förvaltningschefen', 'coordinator': a job title people carry."""
    return word.endswith(title_endings())


def asks_amount(q: Question) -> bool:
    """The question asks what something costs (a price, a budget, a salary)."""
    _terms, amounts = glossary()
    return any(w in amounts for w in words(q.text)) or "how much" in " ".join(words(q.text))


_AMOUNT = re.compile(r"\d[\d  .,]*\s*(?:kr\b|kronor|sek\b|mkr|tkr|miljoner kronor)", re.I)


def states_amount(passage: Passage) -> bool:
    return bool(_AMOUNT.search(passage.text))


def heading_is_topic(passage: Passage, concepts: list[Concept]) -> bool:
    """The section's heading is mostly what is asked about ('§2 Bakgrund' for 'background')."""
    content = [w for w in words(passage.heading) if w not in STOPWORDS]
    if not content or len(content) > 2:
        return False
    stems = frozenset(stem(w) for w in content)
    return any(_holds(stems, c) for c in concepts)
