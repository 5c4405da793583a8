"""Round six (b) of issue 14, Västmanland and the registry, each test in other words than the
tune questions. An agreement that starts to apply is asked for its validity, not for the
kick-off meeting."""

from __future__ import annotations

from dataclasses import replace

from bot.answers import answer_question
from bot.core.runtime import Core
from bot.core.textrender import render_blocks


def _ask(core: Core, question: str, network: str = "vastmanland") -> str:
    core.settings = replace(core.settings, default_network=network)
    reply = answer_question(core, slack_user_id="UASKER01", text=question)
    return render_blocks(reply.blocks, reply.text)


def test_an_agreement_coming_into_force_is_its_validity(answers_core: Core) -> None:
    answer = _ask(answers_core, "On which date does the agreement come into force?")
    assert "1 January 2026" in answer and "Giltighet" in answer
    assert "senhösten" not in answer and "late autumn" not in answer
