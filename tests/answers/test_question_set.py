"""The question set (questions.toml): every question answered, scored against its facts.

Prints the accuracy per database (also in the terminal summary) and fails under the floor.
"""

from __future__ import annotations

from bot.answers import answer_question
from bot.core.runtime import Core
from bot.core.textrender import render_blocks
from tests.answers.conftest import ACCURACY, load_questions
from tests.fake_slack.blockkit import validate_blocks

FLOOR = 0.90


def judge(question: dict, answer_text: str) -> list[str]:
    """What is wrong with an answer: missing facts and facts it must not contain."""
    text = answer_text.casefold()
    problems = [f"missing {m!r}" for m in question.get("must", []) if m.casefold() not in text]
    problems += [f"contains {m!r}" for m in question.get("must_not", []) if m.casefold() in text]
    return problems


def test_question_set_has_enough_questions_in_both_languages() -> None:
    from bot.answers.understand import detect_language

    questions = load_questions()
    assert len(questions) >= 60
    languages = [detect_language(q["text"], default="?") for q in questions]
    assert languages.count("en") >= 20 and languages.count("sv") >= 30
    assert all(q.get("must") for q in questions), "every question names a fact it must contain"


def test_question_set_accuracy(answers_core: Core) -> None:
    questions = load_questions()
    failures = []
    for question in questions:
        reply = answer_question(answers_core, slack_user_id="UASKER01", text=question["text"])
        assert validate_blocks(reply.blocks, "message") == [], question["text"]
        problems = judge(question, render_blocks(reply.blocks, reply.text))
        if problems:
            failures.append(f"{question['text']!r}: {'; '.join(problems)}")
    correct = len(questions) - len(failures)
    backend = answers_core.db.dialect
    ACCURACY[backend] = (correct, len(questions), failures)
    print(
        f"answers: {correct}/{len(questions)} correct ({correct / len(questions):.1%}) on {backend}"
    )
    assert correct / len(questions) >= FLOOR, "\n".join(failures)
