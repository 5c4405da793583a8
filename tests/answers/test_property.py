"""Any text to the answerer: no exception escapes, and the reply is valid Block Kit within
Slack's limits (issue 6 asks this of the command parser and the answerer)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answers import answer_question
from bot.core.blocks import MAX_FALLBACK_TEXT, MAX_MESSAGE_BLOCKS
from bot.core.runtime import Core
from tests.fake_slack.blockkit import validate_blocks, validate_text

WORDS = st.sampled_from(
    [
        "vem",
        "är",
        "kontakt",
        "för",
        "Sala",
        "vasteras",
        "när",
        "nästa",
        "forum",
        "who",
        "leads",
        "Lärarförsörjning",
        "hur",
        "många",
        "kommuner",
        "åtagit",
        "regionen",
        "SKR",
        "<!channel>",
        "<@U123>",
        "&",
        "*",
        "_",
        "`",
        "§",
        "?",
        "\n",
        "överenskommelsen",
        "syfte",
        "deadline",
        "elevhälsa",
        "analys och uppföljning",
        "x" * 300,
        "🙂",
    ]
)
QUESTIONS = st.one_of(
    st.text(max_size=400),
    st.lists(WORDS, max_size=30).map(" ".join),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=QUESTIONS)
def test_any_text_gets_a_valid_answer(core: Core, text: str) -> None:
    reply = answer_question(core, slack_user_id="UFUZZ001", text=text)
    assert reply.text and len(reply.text) <= MAX_FALLBACK_TEXT
    assert 1 <= len(reply.blocks) <= MAX_MESSAGE_BLOCKS
    assert validate_blocks(reply.blocks, "message") == []
    assert validate_text(reply.text) == []
    rendered = str(reply.blocks)
    assert "<!channel>" not in rendered and "<@U123>" not in rendered
