"""One English sentence for an English asker of a Swedish passage: the date, the frequency or
the number the passage states, in English, before the quote ('In short: late autumn 2025.').

Only for questions that ask when, how often or how many, and only from the passage that is
quoted: the sentence never says more than the quote holds. The phrases and their English are
data (`[facts]` in data/glossary.toml).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from functools import lru_cache

from bot.answers.evidence import GLOSSARY_FILE
from storage.text import fold

_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_DATE = re.compile(
    r"(?:(?:innan )?utgangen av |slutet av |borjan av |under )?"
    rf"(?:(?:senhosten|hosten|varen|sommaren|vintern) |(?:\d{{1,2}} )?(?:{_MONTHS}) |ar )?"
    r"(?:19|20)\d\d\b"
)
_NUMBER = r"(?:\d+|en|ett|tva|tre|fyra)"
_FREQUENCY = re.compile(
    rf"(?:(?:minst|ca) )?{_NUMBER} gang(?:er)? "
    r"(?:per termin|per ar|om aret|per manad|i manaden|man\b|per vecka)"
)


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    data = tomllib.loads(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return dict(data.get("facts", {}))


def _english(phrase: str) -> str:
    table = _table()
    phrase = re.sub(r"\bman$", "per manad", phrase)
    words = phrase.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            key = " ".join(words[i : i + n])
            if len(words[i : i + n]) == n and key in table:
                if table[key]:
                    out.append(table[key])
                i += n
                break
        else:
            out.append(words[i] if words[i] != "under" else "in")
            i += 1
    return " ".join(out)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    """A passage's sentences (and lines of a list), as written."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def english_fact(
    passage_text: str, *, asks: str, holds: Callable[[str], bool] | None = None
) -> str | None:
    """The fact of kind `asks` ('when' or 'often') the passage states, in English. With
    `holds` (does a sentence hold the question's topic?), only from a sentence that holds the
    topic: the first year of a passage may date something else than what is asked."""
    pattern = _DATE if asks == "when" else _FREQUENCY
    for sentence in sentences(passage_text) if holds is not None else [passage_text]:
        if holds is not None and not holds(sentence):
            continue
        match = pattern.search(fold(sentence))
        if match is not None:
            return _english(match.group(0).strip())
    return None


def states_fact(passage_text: str, *, asks: str, holds: Callable[[str], bool]) -> bool:
    """A sentence of the passage holds the topic and states a fact of kind `asks`."""
    return english_fact(passage_text, asks=asks, holds=holds) is not None
