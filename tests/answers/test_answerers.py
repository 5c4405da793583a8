"""The answerer interface: answerers asked in turn, a failing one skipped, the console."""

from __future__ import annotations

import io

from bot.answers import Answer, Question, answer_question
from bot.answers.intents import RuleAnswerer
from bot.cli.console import run_console
from bot.core.runtime import Core
from bot.core.textrender import render_blocks


class Failing:
    name = "failing"

    def answer(self, question: Question) -> Answer | None:
        raise RuntimeError("boom")


class Echo:
    """What a language-model answerer would look like: it gets the same question and
    returns an Answer with its sources, or None to let the rules answer."""

    name = "echo"

    def answer(self, question: Question) -> Answer | None:
        if "echo" not in question.text:
            return None
        return Answer(f"echo ({question.lang})", sources=["test"], kind="echo")


def test_answerers_are_asked_in_turn_and_a_failing_one_is_skipped(core: Core) -> None:
    chain = [Failing(), Echo(), RuleAnswerer()]
    echoed = answer_question(core, slack_user_id="U1", text="please echo", answerers=chain)
    assert "echo (en)" in render_blocks(echoed.blocks, echoed.text)
    ruled = answer_question(core, slack_user_id="U1", text="vad har SKR lovat?", answerers=chain)
    assert "expertstöd" in render_blocks(ruled.blocks, ruled.text)
    nobody = answer_question(core, slack_user_id="U1", text="vad har SKR lovat?", answerers=[])
    assert "inte säker" in render_blocks(nobody.blocks, nobody.text)  # honest, not a crash


def test_console_answers_questions(core: Core) -> None:
    out = io.StringIO()
    run_console(core, stdin=io.StringIO("När är nästa utvärdering?\n:avsluta\n"), stdout=out)
    text = out.getvalue()
    assert "Gemensam genomlysning av samarbetet" in text and "31 december 2026" in text
