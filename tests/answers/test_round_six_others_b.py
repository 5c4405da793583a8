"""Round six of issue 14, the other networks, second pass: each test asks in other words than
the tune questions, so it shows that a class of failure is fixed, not a question."""

from __future__ import annotations

from bot.core.runtime import Core
from tests.answers.test_round_six import _ask
from tests.answers.test_round_six_others import _with_seeds


def test_the_english_lead_dates_the_sentence_that_holds_the_topic(answers_core: Core) -> None:
    # §2 opens with 'Sedan 2020 …' and mentions reporting back later without a date; the date
    # of the reporting back is in §1 ('återredovisas i september 2022'): the English lead must
    # never take another sentence's year
    answer = _ask(_with_seeds(answers_core), "By when is the assignment to be reported?", "4m")
    assert "2020." not in answer.split("\n")[0]
    assert "September 2022" in answer
