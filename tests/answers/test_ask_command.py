"""`/samverkan fråga <fråga>` (`ask`) through signed slash commands."""

from __future__ import annotations

from tests.answers.conftest import import_test_network
from tests.conftest import LiveBot
from tests.fake_slack.blockkit import validate_blocks
from tests.helpers import texts


def command(bot: LiveBot, text: str) -> dict:
    result = bot.slack.command(text, user="UASKER01")
    assert result.status == 200, result.text
    body = result.json()
    assert validate_blocks(body.get("blocks", []), "message") == []
    return body


def test_ask_answers_privately_with_the_question_shown(bot: LiveBot) -> None:
    import_test_network(bot.core)
    body = command(bot, "fråga vem leder lärarförsörjning?")
    assert body["response_type"] == "ephemeral"
    assert "Karin Lind" in texts(body) and "Fråga: vem leder lärarförsörjning?" in texts(body)
    english = command(bot, "ask what has the region committed to?")
    assert "samordningsansvar" in texts(english) and "Source:" in texts(english)
    ascii_word = command(bot, "fraga nar ar nasta utvardering")
    assert "31 december 2026" in texts(ascii_word)


def test_ask_without_a_question_explains_how(bot: LiveBot) -> None:
    assert "Skriv din fråga" in texts(command(bot, "fråga"))
    assert "Type your question" in texts(command(bot, "ask   "))
    assert "fråga &lt;fråga&gt;" in texts(command(bot, "hjälp"))  # shows as <fråga> in Slack
