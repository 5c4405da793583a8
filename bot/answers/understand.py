"""Reading a question: its language, its cue words, and the parties, areas, people and event
kinds it names, tolerant of case, missing å/ä/ö and small typos.

Everything is compared folded (`storage.text.fold`). Cue words are grouped by meaning
(`CUES`: "contact", "lead", "when"...); a question type asks `u.has("contact")`. To teach the
bot a new kind of question, add its cue words here as a new group (Swedish and English, with
`*` for "any ending") and an `Intent` in `bot/answers/intents.py` that uses them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from bot.answers import evidence
from bot.core.textmatch import core_name
from storage import generation, registry
from storage.models import FocusArea, Party, PartyKind, Person
from storage.text import STOPWORDS, fold, stem

if TYPE_CHECKING:
    from bot.answers.base import Question

MAX_TOKENS = 60
_WORD = re.compile(r"[0-9a-zåäöéüæø§]+(?:[-'][0-9a-zåäöéüæø]+)*", re.IGNORECASE)
_SLACK_MARKUP = re.compile(r"<([@#!][^>|]*)(?:\|([^>]*))?>|<([^>|]+)(?:\|([^>]*))?>")

# Cue groups: folded words or phrases; "word*" also matches any ending ("kontakt*" finds
# "kontaktperson"); words of five letters or more also match with a small typo.
CUES: dict[str, tuple[str, ...]] = {
    "who": ("vem", "vilken person", "who", "whom", "whos", "wem"),
    "which": ("vilka", "vilken", "vilket", "which", "what"),
    "contact": (
        "kontakt*",
        "contact*",
        "kontakta",
        "reach",
        "get in touch",
        "mejl*",
        "mail*",
        "epost*",
        "email*",
        "telefon*",
        "phone*",
        "ringa",
        "call",
        "talk to",
        "prata med",
        "vanda mig",
        "turn to",
        "ask about",
        "fraga om",
    ),
    "email": ("mejl*", "mail*", "epost*", "email*", "adress*", "address*"),
    "phone": ("telefon*", "telephone*", "phone*", "nummer", "number", "ringa", "call"),
    "lead": (
        "leder",
        "leds",
        "leda",
        "ledare*",
        "ansvarig*",
        "ansvarar",
        "lead",
        "leads",
        "leader*",
        "led by",
        "in charge",
        "responsible",
        "chair*",
        "ordforande*",
        "samordnar*",
        "driver",
        "drivs",
        "heads",
        "head of",
        "runs",
        "coordinat*",
        "samordnare*",
        "owner",
        "agare",
    ),
    "members": (
        "deltar",
        "deltagare*",
        "deltagande",
        "delta",
        "med i",
        "ar med",
        "part of",
        "take part",
        "takes part",
        "taking part",
        "participat*",
        "member*",
        "medlem*",
        "ingar",
        "involved",
        "joined",
        "gatt med",
        "gick med",
        "with in",
        "engaged",
        "engagerad*",
    ),
    "municipality_words": (
        "kommun",
        "kommuner",
        "kommunerna",
        "kommunen",
        "kommunernas",
        "municipality",
        "municipalities",
        "councils",
        "towns",
    ),
    "party_words": ("parter", "parterna", "parties", "organisationer*", "organisations*"),
    "areas": (
        "omrade*",
        "fokusomrade*",
        "samarbetsomrade*",
        "area",
        "areas",
        "focus area*",
        "tema*",
        "themes",
        "topics",
        "workstream*",
        "arbetsgrupp*",
    ),
    "count": (
        "hur manga",
        "antal*",
        "how many",
        "number of",
        "count",
        "hur stor del",
        "hur stor",
        "hur stort",
        "hur stora",
        "how big",
        "how large",
        "storlek*",
        "size",
    ),
    "commit": (
        "atag*",
        "atar sig",
        "atagit",
        "ataganden",
        "lovat",
        "lovar",
        "forbundit",
        "ska gora",
        "galler for",
        "applies to",
        "ska bidra",
        "maste gora",
        "skyldig*",
        "ansvar",
        "ansvaret",
        "commit",
        "commits",
        "committed",
        "commitment*",
        "committing",
        "promis*",
        "oblig*",
        "pledge*",
        "duties",
        "duty",
        "responsibilit*",
        "responsible for",
        "supposed to",
        "expected to",
        "undertak*",
        "agreed to do",
        "ska regionen",
        "ska skr",
        "ska kommunerna",
        "uppdrag*",
        "roll",
        "rollen",
        "role",
    ),
    "when": (
        "nar",
        "when",
        "datum",
        "date",
        "dates",
        "nasta",
        "next",
        "kommande",
        "upcoming",
        "hur dags",
        "what time",
        "planerad*",
        "schema",
        "schedule*",
        "vad hander",
        "what happens",
        "whats happening",
        "happening",
        "vad sker",
        "month",
        "manad",
        "manaden",
        "whats next",
        "whats on",
        "snart",
        "soon",
        "harnast",
        "dags for",
        "calendar",
        "kalender*",
        "tid for",
    ),
    "forum": ("forum*", "konferens*", "conference*"),
    "evaluation": (
        "utvardering*",
        "utvardera*",
        "evaluat*",
        "genomlysning*",
        "review",
        "reviewed",
        "assessment",
    ),
    "deadline": (
        "deadline*",
        "sista dag*",
        "sista datum*",
        "tidsfrist*",
        "frist",
        "due",
        "last day",
        "inlamning*",
        "senast",
    ),
    "council": ("radsmote*", "council*", "styrgrupp*", "steering*"),
    "meeting": (
        "mote",
        "motet",
        "moten",
        "motena",
        "meeting*",
        "traff*",
        "natverkstraff*",
        "sammankomst*",
        "get together",
        "event*",
        "handelse*",
        "aktivitet*",
    ),
    "milestone": ("milstolpe*", "milestone*"),
    "doc": (
        "overenskommelse*",
        "avtal*",
        "agreement*",
        "avsiktsforklaring*",
        "dokument*",
        "document*",
        "sager",
        "star det",
        "say",
        "says",
        "state",
        "states",
        "paragraf*",
        "avsnitt*",
        "section*",
        "kapitel*",
        "skrivet",
        "written",
        "enligt",
    ),
    "topic": (
        "syfte*",
        "syftar",
        "purpose*",
        "aim",
        "aims",
        "giltig*",
        "galler",
        "valid*",
        "how long",
        "hur lange",
        "expire*",
        "upphor*",
        "slutar",
        "ends",
        "end",
        "mal",
        "malet",
        "malen",
        "goal*",
        "objective*",
        "process*",
        "tidsram*",
        "timeline",
        "timeframe",
        "time frame",
        "bakgrund*",
        "background",
        "inriktning*",
        "direction",
        "underskrift*",
        "signature*",
        "sign",
        "signs",
        "signed",
        "undertecknar",
        "parter",
        "parterna",
        "parties",
        "uppfoljning*",
        "follow up",
        "learning",
        "resurser*",
        "resources",
        "steg",
        "steps",
        "stages",
        "uppstart*",
        "kickoff",
        "start",
        "planering*",
        "planning",
        "galla",
        "borjade",
        "borjar",
        "began",
        "begin",
        "begins",
        "started",
        "genomforande*",
        "implementation",
    ),
    "lessons": (
        "lardom*",
        "lart oss",
        "lart sig",
        "larde oss",
        "erfarenheter*",
        "learned",
        "learnt",
        "lesson*",
    ),
    "month": (
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
        "january",
        "february",
        "march",
        "may",
        "june",
        "july",
        "august",
        "october",
    ),
    "network": (
        "natverk*",
        "samarbetet",
        "samverkan",
        "network",
        "collaboration",
        "cooperation",
        "partnership",
    ),
    "thanks": ("tack", "tackar", "thanks", "thank you", "thx", "tusen tack", "toppen", "great"),
    "negation": ("inte", "ej", "not", "saknar", "utan", "without", "lack*", "missing", "no"),
    "help": (
        "hjalp",
        "help",
        "vad kan du",
        "what can you",
        "vad klarar du",
        "kommandon",
        "commands",
        "hej",
        "hello",
        "hi",
        "hallo",
        "tjena",
        "hey",
        "vad gor du",
        "what do you do",
        "how do i use",
        "hur anvander jag",
    ),
    "list": ("lista", "list", "visa", "show", "alla", "all", "finns", "exist", "are there"),
    "yesno": ("ar", "is", "does", "deltar", "har", "do", "is there", "finns det"),
}

# Words meaning a kind of party ("the municipalities", "the region").
KIND_WORDS: dict[str, str] = {
    "kommun": PartyKind.municipality,
    "kommuner": PartyKind.municipality,
    "kommunerna": PartyKind.municipality,
    "kommunernas": PartyKind.municipality,
    "municipality": PartyKind.municipality,
    "municipalities": PartyKind.municipality,
    "region": PartyKind.region,
    "regionen": PartyKind.region,
    "regionens": PartyKind.region,
    "regional": PartyKind.region,
    "skr": PartyKind.association,
    "forbundet": PartyKind.association,
    "association": PartyKind.association,
    "larosate": PartyKind.university,
    "larosaten": PartyKind.university,
    "universitet": PartyKind.university,
    "university": PartyKind.university,
}

_EVERY = ("varje", "varannan", "every", "each", "per", "once a", "en gang i", "en gang per")
_UNITS = ("vecka", "veckan", "manad", "manaden", "termin", "terminen", "ar", "aret")
_FREQUENCY = (
    *(f"{every} {unit}" for every in _EVERY for unit in (*_UNITS, "week", "month", "term", "year")),
    "monthly",
    "weekly",
    "yearly",
    "manadsvis",
    "veckovis",
)
_AS_FOR = ("nar det galler", "nar det kommer till", "i fraga om")
EVENT_KINDS = ("forum", "evaluation", "deadline", "council", "meeting", "milestone")

# Words after which a name usually follows ("kontakt för Uppsala", "contact in Uppsala").
_NAME_BEFORE = frozenset(
    {"for", "i", "in", "hos", "at", "om", "about", "av", "of", "fran", "from", "pa", "on", "med"}
)
_SV_TEXT = """
    vad vem vilka vilken vilket nar hur manga ar har om nasta kontakt kontaktperson leder
    kommuner kommunerna overenskommelsen avtalet sager star med och det den som till pa kan jag
    du mig finns gor ska nagon deltar lovat syftet galler hej tack omraden omrade vart vara
    regionen atagit sig ansvarig leds mote forumet utvardering nasta dags ingar gatt ocksa
    eller men att inte
"""
_SV = frozenset(_SV_TEXT.split())
_EN_TEXT = """
    what who whom which when where how is are the does do has have about next many contact lead
    leads municipalities municipality agreement say says part take areas area committed commit
    with there any can you me my to a an and or whats tell of it this that region meeting
    evaluation deadline purpose responsible involved participate member members people person
    show list please hello hi thanks
"""
_EN = frozenset(_EN_TEXT.split())


def clean_text(text: str) -> str:
    """Slack's markup made plain: mentions of the bot removed, links to their labels,
    `&amp;`-escapes undone, whitespace collapsed."""

    def plain(match: re.Match[str]) -> str:
        special, special_label, url, url_label = match.groups()
        if special is not None:
            if special.startswith("@"):
                return ""
            return special_label or special[1:]
        return url_label or url or ""

    text = _SLACK_MARKUP.sub(plain, text or "")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def detect_language(text: str, default: str = "sv") -> str:
    """'en' or 'sv' by their function words; å/ä/ö count for Swedish; ties give `default`."""
    tokens = fold(text).split()
    # å/ä/ö in ordinary words (not in names, which are capitalised) speak for Swedish
    swedish_letters = sum(
        1 for w in text.split() if not w[:1].isupper() and any(c in "åäöÅÄÖ" for c in w)
    )
    sv = sum(1 for w in tokens if w in _SV) + swedish_letters
    en = sum(1 for w in tokens if w in _EN)
    if en > sv:
        return "en"
    if sv > en:
        return "sv"
    return default


# --------------------------------------------------------------------------- cues


# Endings of Swedish nouns and verbs (definite, plural, passive) that a cue word keeps its
# meaning under, including English loanwords ('kickoffen').
_INFLECTIONS = frozenset(
    {"en", "n", "et", "t", "er", "ar", "na", "erna", "arna", "s", "ens", "ets"}
)


@functools.lru_cache(maxsize=1 << 16)  # pure; questions share most of their words
def _word_matches(token: str, pattern: str) -> bool:
    if pattern.endswith("*"):
        stem = pattern[:-1]
        if token.startswith(stem):
            return True
        return (
            len(stem) >= 5
            and len(token) >= len(stem)
            and fuzz.ratio(token[: len(stem)], stem) >= 85
        )
    if token == pattern:
        return True
    if len(pattern) >= 5 and token.startswith(pattern) and token[len(pattern) :] in _INFLECTIONS:
        return True  # a Swedish inflection of the word ('kickoffen', 'forumet', 'kontakterna')
    if token.startswith(pattern):
        return False  # the word with another ending is another word ('county' is no 'count')
    return (
        len(pattern) >= 5
        and abs(len(token) - len(pattern)) <= 1
        and fuzz.ratio(token, pattern) >= 85
    )


@functools.lru_cache(maxsize=4096)
def _words(pattern: str) -> tuple[str, ...]:
    return tuple(pattern.split())


def cue_spans(tokens: Sequence[str], patterns: Iterable[str]) -> list[tuple[int, int]]:
    """Where in `tokens` any of `patterns` occurs, as (start, end) token spans (by pattern,
    then by position)."""
    patterns = tuple(patterns)
    found = []
    for start, token in enumerate(tokens):
        for index, parts in _patterns_starting_with(token, patterns):
            end = start + len(parts)
            if end <= len(tokens) and all(
                _word_matches(tokens[start + i], parts[i]) for i in range(1, len(parts))
            ):
                found.append((index, start, end))
    return [(start, end) for _index, start, end in sorted(found)]


@functools.lru_cache(maxsize=1 << 14)  # per word and list of cues; words recur in questions
def _patterns_starting_with(
    token: str, patterns: tuple[str, ...]
) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """The patterns (index, words) whose first word `token` matches."""
    return tuple(
        (index, _words(pattern))
        for index, pattern in enumerate(patterns)
        if _word_matches(token, _words(pattern)[0])
    )


# --------------------------------------------------------------------------- entities


@dataclass
class Mention:
    item: Any
    kind: str  # "party", "area", "person"
    start: int
    end: int
    score: float


# What may follow one word of an area's name in a compound: 'analysområdet', 'elevhälsogruppen'.
AREA_SUFFIXES = frozenset(
    {
        "omradet",
        "omrade",
        "omraden",
        "sgruppen",
        "gruppen",
        "grupp",
        "arbetet",
        "natverket",
        "sfragor",
        "fragor",
        "fragorna",
        "sarbetet",
        "somradet",
        "n",
        "en",
        "et",
    }
)


def _keys_for(kind: str, item: Any, people_first_names: dict[str, int]) -> list[tuple[str, float]]:
    """(folded key, score if it matches exactly) for one registry item."""
    keys: list[tuple[str, float]] = []
    if kind == "party":
        for name in (item.name, item.slug.replace("-", " "), *item.aliases):
            if name:
                keys.append((fold(name), 100.0))
                keys.append((core_name(name), 99.0))
    elif kind == "area":
        for name in (item.name, item.slug.replace("-", " "), getattr(item, "name_en", None)):
            if name:
                keys.append((fold(name), 100.0))
        english = getattr(item, "name_en", None) or ""
        for word in (*fold(item.name).split(), *fold(english).split()):
            if len(word) >= 5 and word not in STOPWORDS:
                keys.append((word, 88.0))  # 'elevhälsa' for 'Elevhälsa och specialpedagogik'
    elif kind == "person":
        full = fold(item.name)
        keys.append((full, 100.0))
        parts = full.split()
        if len(parts) >= 2:
            if len(parts[-1]) >= 4:
                keys.append((parts[-1], 86.0))
            if people_first_names.get(parts[0], 0) == 1 and len(parts[0]) >= 4:
                keys.append((parts[0], 80.0))
    return [(k, s) for k, s in keys if k and k not in STOPWORDS]


class NameIndex:
    """The folded keys of every registry item's names, grouped by their number of words, with
    an exact-key lookup: built once per state of the registry (see `name_index`), then used
    for every question. `candidates` are (kind, item) pairs; an item needs only the fields that
    name it (`registry.party_refs`, `registry.area_refs`, `registry.person_names_of`)."""

    def __init__(self, candidates: Iterable[tuple[str, Any]]) -> None:
        candidates = list(candidates)
        first_names: dict[str, int] = {}
        for kind, item in candidates:
            if kind == "person":
                parts = fold(item.name).split()
                if parts:
                    first_names[parts[0]] = first_names.get(parts[0], 0) + 1
        self.by_length: dict[int, list[tuple[str, float, str, Any]]] = {}
        for kind, item in candidates:
            for key, base in _keys_for(kind, item, first_names):
                self.by_length.setdefault(len(key.split()), []).append((key, base, kind, item))
        self.keys: dict[int, list[str]] = {}
        self.exact: dict[int, dict[str, list[int]]] = {}
        for n, entries in self.by_length.items():
            self.keys[n] = [e[0] for e in entries]
            positions: dict[str, list[int]] = {}
            for index, key in enumerate(self.keys[n]):
                positions.setdefault(key, []).append(index)
            self.exact[n] = positions
        # `_close_keys` remembered: questions repeat their words, and the keys never change
        self._close: dict[tuple[int, str], tuple[tuple[str, float, int], ...]] = {}

    def _close_keys(self, n: int, form: str) -> tuple[tuple[str, float, int], ...]:
        """The keys of `n` words that `form` is close to (a typo, a missing ä): up to 8."""
        found = self._close.get((n, form))
        if found is None:
            found = tuple(
                process.extract(form, self.keys[n], scorer=fuzz.ratio, score_cutoff=84, limit=8)
            )
            if len(self._close) >= _MAX_CLOSE_FORMS:
                self._close.clear()
            self._close[(n, form)] = found
        return found

    def find(
        self,
        tokens: Sequence[str],
        *,
        blocked: set[int],
        ties: list[list[Mention]] | None = None,
    ) -> list[Mention]:
        """The registry items `tokens` name, without overlaps, best first. `ties` collects,
        for a chosen mention, the other items its words name exactly as well (two people
        called Anna Berg): the question is then ambiguous."""
        found: list[Mention] = []
        for n, entries in self.by_length.items():
            exact = self.exact[n]
            for start in range(len(tokens) - n + 1):
                span = range(start, start + n)
                gram = " ".join(tokens[start : start + n])
                # a stopword blocks a span, except inside a whole name ('analys och uppföljning')
                if any(i in blocked for i in span) and (n == 1 or gram not in exact):
                    continue
                forms = {gram}
                if gram.endswith("s") and len(gram) > 4:
                    forms.add(gram[:-1])  # genitive: "Salas", "Köpings"
                for form in forms:
                    # exact keys, and (one word) keys of six letters or more that begin `form`
                    hits = [(index, 0) for index in exact.get(form, ())]
                    if n == 1:
                        for length in range(6, len(form)):
                            hits.extend((index, length) for index in exact.get(form[:length], ()))
                            if form[length - 1] == "o":
                                # a compound's joining form: 'elevhälsa' -> 'elevhälsoområdet'
                                joined = exact.get(form[: length - 1] + "a", ())
                                hits.extend((index, length) for index in joined)
                    for index, length in sorted(hits):
                        key, base, kind, item = entries[index]
                        if not length:
                            found.append(Mention(item, kind, start, start + n, base))
                            continue
                        rest = form[length:]
                        # a compound of a whole name ('lararforsorjningsgruppen'), or of one
                        # word of an area's name with an area word ('analysomradet')
                        if base >= 99 or rest in AREA_SUFFIXES:
                            found.append(Mention(item, kind, start, start + n, base - 8))
                    if len(form) < 5:
                        continue
                    for key, score, index in self._close_keys(n, form):
                        _key, base, kind, item = entries[index]
                        if len(key) < 5 or score >= 100:
                            continue
                        found.append(Mention(item, kind, start, start + n, base * score / 100 - 3))
        found.sort(key=lambda m: (-m.score, -(m.end - m.start)))
        chosen: list[Mention] = []
        taken: set[int] = set()
        for mention in found:
            span = set(range(mention.start, mention.end))
            if span & taken:
                # the same item named again elsewhere is fine; a different item on the same
                # words not
                continue
            if any(m.item is mention.item for m in chosen):
                taken |= span
                continue
            chosen.append(mention)
            taken |= span
        if ties is not None:
            for mention in chosen:
                if mention.score < 99:
                    continue
                same = [
                    m
                    for m in found
                    if (m.start, m.end, m.kind) == (mention.start, mention.end, mention.kind)
                    and m.score == mention.score
                ]
                items = {id(m.item): m for m in same}
                if len(items) > 1:
                    ties.append(list(items.values()))
        return chosen


def find_mentions(
    tokens: Sequence[str],
    candidates: list[tuple[str, Any]],
    *,
    blocked: set[int],
) -> list[Mention]:
    """The registry items `tokens` name, without overlaps, best first."""
    return NameIndex(candidates).find(tokens, blocked=blocked)


def name_index(question: Question) -> tuple[NameIndex, list[registry.PartyRef]]:
    """The network's name index, and its parties' names (by name), as they are now: built once
    per generation of the registry (`storage.generation`), shared by every question until a
    change is committed, in this process or any other."""
    session, network_id = question.session, question.network_id

    def build() -> tuple[NameIndex, list[registry.PartyRef]]:
        parties = registry.party_refs(session=session, network_id=network_id)
        areas = registry.area_refs(session=session, network_id=network_id)
        names = registry.person_names_of(session=session, network_id=network_id)
        index = NameIndex(
            [
                *(("party", p) for p in parties),
                *(("area", a) for a in areas),
                *(("person", p) for p in names),
            ]
        )
        return index, parties

    return generation.cached(("answers.name_index", network_id), build, session=session)


_MAX_CLOSE_FORMS = 20_000  # words remembered per name index
_MODELS: dict[str, Any] = {"party": Party, "area": FocusArea, "person": Person}


# --------------------------------------------------------------------------- understanding


@dataclass
class Understanding:
    """What a question says: cues present, entities named, words left unexplained."""

    tokens: list[str]
    original: list[str]
    cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    parties: list[Party] = field(default_factory=list)
    areas: list[FocusArea] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    party_kinds: list[str] = field(default_factory=list)
    event_kinds: list[str] = field(default_factory=list)
    unknown_names: list[str] = field(default_factory=list)
    # names that are not in the registry though the documents use them ('Stockholm' in
    # 'Stockholm-Mälarregionen'): known as words, still not a party
    document_names: list[str] = field(default_factory=list)
    network_words: set[str] = field(default_factory=set)  # words of the network's own name
    mentions: list[Mention] = field(default_factory=list)
    network_named: bool = False
    # registry items one name fits equally well (two people called Anna Berg): ask back
    ambiguous: list[list[Mention]] = field(default_factory=list)

    def has(self, *groups: str) -> bool:
        return any(self.cues.get(g) for g in groups)

    @property
    def party(self) -> Party | None:
        return self.parties[0] if self.parties else None

    @property
    def area(self) -> FocusArea | None:
        return self.areas[0] if self.areas else None

    @property
    def person(self) -> Person | None:
        return self.people[0] if self.people else None

    @property
    def named_anything(self) -> bool:
        return bool(self.parties or self.areas or self.people or self.party_kinds)


def tokenize(text: str) -> tuple[list[str], list[str]]:
    original = [w for w in _WORD.findall(clean_text(text))][:MAX_TOKENS]
    return [fold(w).replace(" ", "") for w in original], original


def understand(question: Question) -> Understanding:
    tokens, original = tokenize(question.text)
    u = Understanding(tokens=tokens, original=original)
    for group, patterns in CUES.items():
        spans = cue_spans(tokens, patterns)
        if spans:
            u.cues[group] = spans
    reach = [i for i, w in enumerate(original) if w.casefold() == "når"]
    if reach:  # 'når' (reach) folds to 'nar' like 'när' (when)
        u.cues["when"] = [span for span in u.cues.get("when", []) if span[0] not in reach]
        u.cues.setdefault("contact", []).extend((i, i + 1) for i in reach)
        u.cues = {group: spans for group, spans in u.cues.items() if spans}
    # 'varje månad', 'every week': how often, a rhythm the documents state, not a date
    for phrase in cue_spans(tokens, _FREQUENCY):
        inside = set(range(*phrase))
        u.cues["when"] = [sp for sp in u.cues.get("when", []) if not set(range(*sp)) & inside]
        u.cues = {group: spans for group, spans in u.cues.items() if spans}
    # 'när det gäller' (as for), 'vad gäller': neither 'when' nor 'valid'
    for phrase in cue_spans(tokens, _AS_FOR):
        inside = set(range(*phrase))
        u.cues = {
            g: kept
            for g, spans in u.cues.items()
            if (kept := [sp for sp in spans if not set(range(*sp)) & inside])
        }
    # 'the phone number of Peter': a number to call, not a count ('number of')
    phone_at = {
        i
        for start, end in u.cues.get("phone", [])
        if any(t not in ("number", "nummer") for t in tokens[start:end])
        for i in range(start, end)
    }
    phone_at |= {i + 1 for i in phone_at}  # 'phone number of': the number is the phone's
    if phone_at and u.cues.get("count"):
        u.cues["count"] = [sp for sp in u.cues["count"] if not set(range(*sp)) & phone_at]
        u.cues = {group: spans for group, spans in u.cues.items() if spans}
    u.event_kinds = [k for k in EVENT_KINDS if u.cues.get(k)]
    if len(u.event_kinds) > 1 and "meeting" in u.event_kinds:  # 'council meeting', 'forummöte'
        u.event_kinds.remove("meeting")

    session = question.session
    index, parties = name_index(question)
    # Cue words are not names, except when a name is exactly that word.
    cue_positions = {
        i
        for group, spans in u.cues.items()
        if group not in ("which", "yesno", "list", "topic")
        for start, end in spans
        for i in range(start, end)
    }
    stop_positions = {i for i, tok in enumerate(tokens) if tok in STOPWORDS}
    ties: list[list[Mention]] = []
    mentions = index.find(tokens, blocked=stop_positions, ties=ties)
    choice = question.choice
    if choice is not None:  # the asker picked one of the items a name fits (a button)
        for group in ties:
            picked = [m for m in group if (m.kind, m.item.id) == choice]
            if picked:
                mentions = [picked[0] if m in group else m for m in mentions]
        ties = []
    mentions = [
        m for m in mentions if m.score >= 99 or not (set(range(m.start, m.end)) & cue_positions)
    ]
    # the index holds names only: the rows named are read now, in this question's session
    mentions = [
        Mention(
            generation.registry_row(_MODELS[m.kind], m.item.id, session=session),
            m.kind,
            m.start,
            m.end,
            m.score,
        )
        for m in mentions
    ]
    mentions = [m for m in mentions if m.item is not None]
    # a word of the network's own name ('Södertörn') that is also one word of an area's name
    # ('Nyckeltal Södertörn') names the network, not that area
    own = _place_words(question.network.name)
    mentions = [
        m
        for m in mentions
        if not (
            m.kind == "area"
            and m.score < 99
            and m.end - m.start == 1
            and len(tokens[m.start]) >= 5
            and any(tokens[m.start].startswith(w) or w.startswith(tokens[m.start]) for w in own)
        )
    ]
    u.mentions = mentions
    u.ambiguous = [
        [
            Mention(
                generation.registry_row(_MODELS[m.kind], m.item.id, session=session),
                m.kind,
                m.start,
                m.end,
                m.score,
            )
            for m in group
        ]
        for group in ties
    ]
    u.parties = [m.item for m in mentions if m.kind == "party"]
    u.areas = [m.item for m in mentions if m.kind == "area"]
    u.people = [m.item for m in mentions if m.kind == "person"]
    used = {i for m in mentions for i in range(m.start, m.end)}
    # the network's own place ('Södertörn' in Södertörnssamarbetet) is no unknown name
    u.network_words = {
        tok
        for tok in tokens
        if len(tok) >= 5 and any(tok.startswith(w) or w.startswith(tok) for w in own)
    }
    used |= {i for i, tok in enumerate(tokens) if tok in u.network_words}

    for i, tok in enumerate(tokens):
        kind = KIND_WORDS.get(tok)
        if kind is None and len(tok) >= 5:
            close = process.extractOne(tok, list(KIND_WORDS), scorer=fuzz.ratio, score_cutoff=80)
            kind = KIND_WORDS[close[0]] if close else None
        if kind and i not in used and kind not in u.party_kinds:
            u.party_kinds.append(kind)
            used.add(i)
    # "the region" / "SKR" said as a kind: the one party of that kind is meant
    for kind in u.party_kinds:
        if kind == PartyKind.municipality:
            continue
        of_kind = [p for p in parties if p.kind == kind]
        if len(of_kind) == 1:
            party = session.get(Party, of_kind[0].id)
            if party is not None and party not in u.parties:
                u.parties.append(party)

    network_name = fold(question.network.name.split(" – ")[0].split(" - ")[0])
    joined = " ".join(tokens)
    if network_name and (network_name in joined or fold(question.network.slug) in tokens):
        u.cues.setdefault("network", []).append((0, 0))
        u.network_named = True
        name_words = network_name.split()
        for start in range(len(tokens) - len(name_words) + 1):
            if tokens[start : start + len(name_words)] == name_words:
                used |= set(range(start, start + len(name_words)))
    _network_by_its_place(question, u, tokens, used)
    network_words = {i for start, end in u.cues.get("network", []) for i in range(start, end)}
    u.unknown_names = _unknown_names(tokens, original, used | cue_positions | network_words, u)
    if u.unknown_names:
        # a name the network's documents use ('Kunskapslyft', 'GIRFEC') is known: they answer

        vocabulary = evidence.index_of(question).vocabulary
        u.document_names = [n for n in u.unknown_names if stem(fold(n)) in vocabulary]
        u.unknown_names = [n for n in u.unknown_names if stem(fold(n)) not in vocabulary]
    return u


_NETWORK_WORDS = frozenset({"natverket", "natverk", "samarbetet", "samverkan", "network"})


def _network_by_its_place(
    question: Question, u: Understanding, tokens: list[str], used: set[int]
) -> None:
    """'the Västmanland network', 'Örebronätverket': a later part of the network's name (after
    its dash) said next to a word for the network names the network, not the party whose name
    holds that word too (Region Västmanland)."""
    parts = [fold(p) for p in re.split(r" [–-] ", question.network.name)[1:]]
    places = {w for p in parts for w in p.split() if len(w) >= 4 and w not in STOPWORDS}
    if not places:
        return
    compounds = {  # 'Västmanlandsnätverket'
        i
        for i, tok in enumerate(tokens)
        for place in places
        if tok.startswith(place) and tok[len(place) :].removeprefix("s") in _NETWORK_WORDS
    }
    if not (u.has("network") or compounds):
        return
    spans = {i for i, tok in enumerate(tokens) if tok in places} | compounds
    if not spans:
        return
    kept = [
        m
        for m in u.mentions
        if not (
            m.kind == "party"
            and set(range(m.start, m.end)) <= spans
            and fold(m.item.name) != " ".join(tokens[m.start : m.end])
        )
    ]
    if len(kept) == len(u.mentions):
        return
    u.mentions = kept
    u.parties = [m.item for m in kept if m.kind == "party"]
    u.network_named = True
    u.cues.setdefault("network", []).append((0, 0))
    used |= spans


def _unknown_names(
    tokens: list[str], original: list[str], used: set[int], u: Understanding
) -> list[str]:
    """Words that look like a name the registry does not know ('Uppsala' in 'contact for
    Uppsala'): capitalised inside the sentence, or right after 'för'/'for'/'i'/'in'."""
    names = []
    for i, tok in enumerate(tokens):
        if i in used or tok in STOPWORDS or len(tok) < 3 or tok in KIND_WORDS or tok.isdigit():
            continue
        if any(_word_matches(tok, p) for group in ("topic", "doc") for p in CUES[group]):
            continue
        capitalised = i > 0 and original[i][:1].isupper()
        after_preposition = i > 0 and tokens[i - 1] in _NAME_BEFORE
        if capitalised or (after_preposition and not ordinary_word(original[i])):
            names.append(original[i])
    return names


@functools.lru_cache(maxsize=64)
def _place_words(name: str) -> frozenset[str]:
    """The folded words of a network's name that are names, not ordinary words:
    'sodertornssamarbetet', 'orebro', 'vastmanland' (not 'skola', 'specifika', 'stark')."""
    found = re.findall(r"[^\W\d_]{4,}", name)
    return frozenset(fold(w) for w in found if w[:1].isupper() and not ordinary_word(w))


@functools.lru_cache(maxsize=1 << 14)
def ordinary_word(word: str) -> bool:
    """A word written in lower case that the Swedish or English dictionary knows as a common
    word ('dialogue', 'after', 'dagordningen', 'protokoll'): after 'for'/'om'/'på' it is the
    topic, not a name the registry lacks. A place or other proper name ('uppsala', 'kiruna':
    simplemma gives its lemma capitalised) stays a name, and so does an unknown word."""
    import simplemma

    lower = word.casefold()
    lemma = simplemma.lemmatize(lower, lang="sv")
    if lemma[:1].isupper():
        return False
    if simplemma.is_known(lower, lang="sv"):
        return True
    return (
        simplemma.is_known(lower, lang="en")
        and not simplemma.lemmatize(lower, lang="en")[:1].isupper()
    )
