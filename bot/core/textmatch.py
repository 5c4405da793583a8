"""Matching what people type against names: case-, diacritic- and typo-tolerant.

"vasteras", "VÄSTERÅS" and "Västerås stad" all find Västerås stad; "Lararforsorjning" finds
Lärarförsörjning; one clear match acts, several ask which one, none suggests the closest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from storage.text import fold

T = TypeVar("T")

# Words that qualify a name without telling names apart ("Sala kommun", "Västerås stad").
NOISE_WORDS = frozenset({"kommun", "kommuns", "stad", "stads", "region", "municipality", "city"})


@lru_cache(maxsize=65536)
def core_name(text: str) -> str:
    """The folded name without qualifying words: 'Sala kommun' -> 'sala'."""
    words = [w for w in fold(text).split() if w not in NOISE_WORDS]
    return " ".join(words) or fold(text)


@dataclass
class Match(Generic[T]):
    """The outcome of a lookup: one `found`; or several `candidates` to choose from; or,
    when nothing matched, the closest `suggestions`."""

    found: T | None = None
    candidates: list[T] = field(default_factory=list)
    suggestions: list[T] = field(default_factory=list)
    exact: bool = False

    @property
    def ambiguous(self) -> bool:
        return self.found is None and len(self.candidates) > 1


def best_match(
    query: str,
    items: Sequence[T],
    names: Callable[[T], Iterable[str]],
    *,
    cutoff: float = 80.0,
    suggest_cutoff: float = 55.0,
) -> Match[T]:
    """Find the item whose name (or alias) `query` means.

    Exact folded matches win; otherwise fuzzy scores decide. A clear winner is `found`; several
    close ones are `candidates`; with none close, the best few are `suggestions`.
    """
    q = core_name(query)
    if not q:
        return Match()
    keys: list[tuple[str, int]] = []
    for index, item in enumerate(items):
        for name in names(item):
            if name:
                core = core_name(name)
                keys.append((core, index))
                keys.append((fold(name), index))
                if core.endswith("s") and " " not in core:  # genitive: "Köpings" -> "köping"
                    keys.append((core[:-1], index))

    exact = {index for key, index in keys if key == q}
    if len(exact) == 1:
        return Match(found=items[exact.pop()], exact=True)
    if len(exact) > 1:
        return Match(candidates=[items[i] for i in sorted(exact)])

    prefixed = {index for key, index in keys if len(q) >= 3 and key.startswith(q)}
    if len(prefixed) == 1:
        return Match(found=items[prefixed.pop()])

    scores: dict[int, float] = {}
    choices = [key for key, _ in keys]
    # Scores under both cutoffs are never used: leaving them out spares a Python loop over
    # every name (15,000 keys for 5,000 people).
    floor = min(cutoff, suggest_cutoff)
    for _key, score, pos in process.extract(
        q, choices, scorer=fuzz.WRatio, limit=None, score_cutoff=floor
    ):
        index = keys[pos][1]
        scores[index] = max(scores.get(index, 0.0), score)
    ranked = sorted(scores.items(), key=lambda pair: -pair[1])
    good = [(i, s) for i, s in ranked if s >= cutoff and len(q) >= 3]
    if good:
        top_index, top_score = good[0]
        close = [i for i, s in good if s >= top_score - 3]
        if len(close) == 1:
            return Match(found=items[top_index])
        return Match(candidates=[items[i] for i in close])
    return Match(suggestions=[items[i] for i, s in ranked[:3] if s >= suggest_cutoff])
