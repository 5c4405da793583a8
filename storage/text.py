"""Text as storage keys and indexes it: folded names, slugs, and word stems for full-text search.

Folding is lower case, no diacritics, single spaces (`fold`); `slugify` makes keys of names.
Stems are Swedish (and English): words are folded first (people type "atagandena" as often as
"åtagandena"), then stemmed with the Snowball Swedish stemmer, twice, and a few definite and
plural endings Snowball keeps are cut, so that the forms of a word meet in one stem:
'åtaganden', 'atagandena' -> 'atag'; 'syfte', 'syftet' -> 'syft'; 'forumet' -> 'forum'.
The same function stems what is indexed (`search_terms`) and what is asked (`query_stems`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_SPACE = re.compile(r"[\s_\-–—/.,:;!?()\"'`´]+")


@lru_cache(maxsize=65536)  # names are folded on every lookup: 5,000 people, 312 parties
def fold(text: str) -> str:
    """Lower case, without diacritics, single spaces: 'Västerås  Stad' -> 'vasteras stad'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACE.sub(" ", stripped).strip()


def slugify(text: str) -> str:
    """A URL- and command-friendly key: 'Lärarförsörjning & Co' -> 'lararforsorjning-co'."""
    folded = re.sub(r"[^a-z0-9 ]+", " ", fold(text))
    return "-".join(folded.split())[:100] or "x"


_WORD = re.compile(r"[0-9a-zåäöéüæø]+", re.IGNORECASE)
_swedish = snowballstemmer.stemmer("swedish")
_english = snowballstemmer.stemmer("english")
# Endings Snowball leaves on short words ('syftet', 'målen'), cut when a stem of 3+ remains.
_EXTRA_ENDINGS = ("et", "en", "na", "ar", "er", "or")

# Words that carry no topic: question words and function words in both languages (folded).
_STOPWORD_TEXT = """
    vad vem vems vilka vilken vilket nar hur var varfor vart manga mycket
    ar ha har hade bli blir blev vara varit ska skall kan kunde maste far fick gor gora gjort
    och eller men att som det den de detta dessa denna dom en ett i pa av till fran med om
    for at an sa nu ju da dar har hos under over efter innan utan mot vid sig sin sitt sina
    jag du han hon vi ni mig dig oss er min mitt mina din ditt dina var vart vara deras
    nagon nagot nagra inga ingen inget alla allt annan andra sjalv bara ocksa aven varje
    sager star skriver sagt saga beskriver handlar
    the a an of to in on at for from by with about and or but is are was were be been being
    do does did has have had will would shall should can could may might must
    what who whom whose which when where why how many much there this that these those it its
    i me my you your we our they their he she him her us them
    say says said tell please any some all every each
    overenskommelse overenskommelsen overenskommelser avtal avtalet agreement document dokument
    dokumentet text texten hej hi hello tack thanks
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem of one word, without diacritics: 'åtagandena' -> 'atag'."""
    folded = fold(word)
    once = _swedish.stemWord(folded)
    twice = _swedish.stemWord(once)
    for ending in _EXTRA_ENDINGS:
        if twice.endswith(ending) and len(twice) - len(ending) >= 3 and len(folded) > 4:
            twice = twice[: -len(ending)]
            break
    return twice


@lru_cache(maxsize=20_000)
def english_stem(word: str) -> str:
    return _english.stemWord(fold(word))


def words(text: str) -> list[str]:
    """The words of `text`, folded."""
    return [fold(w) for w in _WORD.findall(text)]


def search_terms(text: str) -> str:
    """Text as a space-separated string of stems: what the search index stores and matches."""
    return " ".join(stem(w) for w in _WORD.findall(text))


def query_stems(text: str) -> list[str]:
    """The stems of the topic words in a question (question and function words dropped)."""
    seen: dict[str, None] = {}
    for word in words(text):
        if word in STOPWORDS or len(word) < 2 or (word.isdigit() and len(word) < 4):
            continue
        seen.setdefault(stem(word), None)
    return list(seen)
