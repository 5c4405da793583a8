"""Swedish (and English) word forms folded to their stems, for full-text search."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from bot.textmatch import fold

_WORD = re.compile(r"[0-9a-zåäöéü]+", re.IGNORECASE)
_swedish = snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The stem of one word, without diacritics: 'åtaganden' -> 'atagand'."""
    return fold(_swedish.stemWord(word.casefold()))


def search_terms(text: str) -> str:
    """Text as a space-separated string of stems: what the search index stores and matches."""
    return " ".join(stem(w) for w in _WORD.findall(text))
