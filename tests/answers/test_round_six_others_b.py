"""Round six of issue 14, the other networks, second pass: each test asks in other words than
the tune questions, so it shows that a class of failure is fixed, not a question."""

from __future__ import annotations

from dataclasses import replace

from bot.answers import answer_question
from bot.core.runtime import SEED_DIR, Core
from bot.core.textrender import render_blocks
from storage import networkfile


def _ask(core: Core, question: str, network: str) -> str:
    core.settings = replace(core.settings, default_network=network)
    reply = answer_question(core, slack_user_id="UASKER01", text=question)
    return render_blocks(reply.blocks, reply.text)


def _with_seeds(core: Core) -> Core:
    with core.db.session() as session:
        for stem in ("orebro", "4m", "sodertorn"):
            spec = networkfile.load_file(SEED_DIR / f"{stem}.toml")
            networkfile.import_network(spec, session=session, actor="test", base_dir=SEED_DIR)
    return core


def test_the_english_lead_dates_the_sentence_that_holds_the_topic(answers_core: Core) -> None:
    # §2 opens with 'Sedan 2020 …' and mentions reporting back later without a date; the date
    # of the reporting back is in §1 ('återredovisas i september 2022'): the English lead must
    # never take another sentence's year
    answer = _ask(_with_seeds(answers_core), "By when is the assignment to be reported?", "4m")
    assert "2020." not in answer.split("\n")[0]
    assert "September 2022" in answer
