"""The network select, as data: valid Block Kit, one option per network, and what it carries
back (the command or question to run once chosen) within Slack's 255-character block id."""

from __future__ import annotations

from bot.core.network_choice import CHOOSE_ACTION, choice_reply, read_resume, resume_block_id
from storage.models import Network
from tests.fake_slack.blockkit import validate_blocks


def networks() -> tuple[Network, ...]:
    return (
        Network(id=1, slug="vastmanland", name="Ensam är inte stark – Västmanland"),
        Network(id=7, slug="4m", name="Fördjupad samverkan mellan gymnasieutbildningarna i 4M"),
    )


def test_the_select_offers_each_network_and_carries_the_command_back() -> None:
    reply = choice_reply("sv", networks(), resume="gå-med programråd", kind="command")
    assert validate_blocks(reply.blocks, "message") == []
    assert reply.ephemeral
    select = reply.blocks[0]["accessory"]
    assert select["action_id"] == CHOOSE_ACTION
    assert [o["value"] for o in select["options"]] == ["1", "7"]
    assert read_resume(reply.blocks[0]["block_id"]) == ("command", "gå-med programråd")
    english = choice_reply("en", networks(), kind="ask", ephemeral=False)
    assert "Which one" in english.text and not english.ephemeral


def test_a_long_question_is_cut_to_fit_the_block_id() -> None:
    question = "Vad säger överenskommelsen om åtaganden för skolchefer i länet? " * 10
    block_id = resume_block_id("ask", question)
    assert len(block_id) <= 255
    kind, resume = read_resume(block_id)
    assert kind == "ask" and question.startswith(resume) and len(resume) > 100
    assert read_resume("not json") == ("", "")
