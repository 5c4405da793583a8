"""English glosses of Swedish passages, kept as data (`data/glosses.toml`): for an English asker
quoted a Swedish passage, one English sentence that says what the passage says, before the
quote ('Who signs for a municipality?' → §7's gloss, then §7 in Swedish).

A gloss belongs to a network and names phrases of its passage; it is used only when the quoted
passage holds one of them, so it never answers from another passage than the one quoted.
`tests/answers/test_glosses.py` checks every gloss against the shipped documents.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from storage.text import fold

GLOSSES_FILE = Path(__file__).parent / "data" / "glosses.toml"


@dataclass(frozen=True)
class Gloss:
    network: str
    passage: tuple[str, ...]
    holds: tuple[str, ...]
    en: str


@lru_cache(maxsize=1)
def all_glosses() -> tuple[Gloss, ...]:
    data = tomllib.loads(GLOSSES_FILE.read_text(encoding="utf-8"))
    return tuple(
        Gloss(
            network=str(g["network"]),
            passage=tuple(g["passage"]),
            holds=tuple(g.get("holds", ())),
            en=str(g["en"]),
        )
        for g in data.get("gloss", [])
    )


def matches(gloss: Gloss, passage_text: str) -> bool:
    text = " ".join(fold(passage_text).split())
    return any(" ".join(fold(p).split()) in text for p in gloss.passage)


def english_gloss(network_slug: str, passage_text: str) -> str | None:
    """The English sentence for the passage of `network_slug` that holds `passage_text`."""
    for gloss in all_glosses():
        if gloss.network == network_slug and matches(gloss, passage_text):
            return gloss.en
    return None
