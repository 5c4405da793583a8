"""The English glosses (bot/answers/data/glosses.toml) are checked against the documents the
bot ships: each names a passage that exists, states only what that passage holds, and leads
the answer to an English asker."""

from __future__ import annotations

import re

from bot.answers import answer_question
from bot.answers.glosses import all_glosses, matches
from bot.core.runtime import SEED_DIR, Core
from bot.core.textrender import render_blocks
from storage import networkfile
from storage.text import fold

# English month names and the Swedish the documents write
MONTHS = {"january": "januari", "september": "september", "december": "december"}


def _passages(network: str) -> list[tuple[str, str]]:
    """(paragraph, its section's text) of the network's shipped documents."""
    from storage import documents

    spec = networkfile.load_file(SEED_DIR / f"{network}.toml")
    texts = []
    for doc in spec.documents:
        body = doc.text if doc.text is not None else (SEED_DIR / str(doc.file)).read_text("utf-8")
        for section in documents.split_sections(body):
            texts.extend((p, section.text) for p in re.split(r"\n\s*\n", section.text) if p.strip())
    return texts


def test_every_gloss_names_a_passage_and_says_no_more_than_it() -> None:
    assert len(all_glosses()) >= 20
    for gloss in all_glosses():
        found = [(p, s) for p, s in _passages(gloss.network) if matches(gloss, p)]
        passages = [p for p, _ in found]
        assert passages, f"no passage of {gloss.network} holds {gloss.passage}"
        for passage in passages:
            folded = " ".join(fold(passage).split())
            for word in gloss.holds:
                assert fold(word) in folded, f"{word!r} is not in the passage of {gloss.en!r}"
        # a bullet's party is in its list's lead ('Region Västmanland åtar sig att:')
        held = " ".join(fold(w) for w in gloss.holds) + " " + fold(" ".join(s for _, s in found))
        # every number and name the English states is one the passage holds
        for number in re.findall(r"\d+", gloss.en):
            assert number in held, f"{number} of {gloss.en!r} is not in its passage"
        for name in re.findall(r"(?<![.:] )(?<!^)\b[A-ZÅÄÖ][\wåäö]+", gloss.en):
            if name in {"Yes", "No", "Each", "The"}:
                continue
            assert MONTHS.get(fold(name), fold(name)) in held, f"{name} of {gloss.en!r}"


def test_an_english_asker_of_a_swedish_passage_gets_its_gloss_first(answers_core: Core) -> None:
    def ask(question: str) -> str:
        reply = answer_question(answers_core, slack_user_id="UASKER01", text=question)
        return render_blocks(reply.blocks, reply.text)

    signs = ask("Who signs the agreement for a municipality?")
    assert signs.startswith("Each municipality signs through its chair")
    assert "Ordförande med ansvar för utbildningsfrågor" in signs  # then the quote
    join = ask("May independent schools and universities join?")
    assert join.startswith("Yes: the cooperation is to be inclusive")
    assert "lärosäten" in join
    swedish = ask("Får fristående skolor vara med?")
    assert "Yes:" not in swedish and "lärosäten" in swedish
