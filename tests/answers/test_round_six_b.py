"""Round six (b) of issue 14, Västmanland and the registry, each test in other words than the
tune questions. An agreement that starts to apply is asked for its validity, not for the
kick-off meeting."""

from __future__ import annotations

from bot.core.runtime import Core
from tests.answers.test_round_six import _ask


def test_an_agreement_coming_into_force_is_its_validity(answers_core: Core) -> None:
    answer = _ask(answers_core, "On which date does the agreement come into force?")
    assert "1 January 2026" in answer and "Giltighet" in answer
    assert "senhösten" not in answer and "late autumn" not in answer
