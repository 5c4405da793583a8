"""`/samverkan`'s own Block Kit (`hjälp`, `nätverk`) and the network select, tested as data."""

from __future__ import annotations

from bot.commands import subcommands
from bot.commands.views import NetworkLine, build_help_message, build_networks_message
from bot.core.blocks import text_reply
from bot.core.i18n import t
from bot.core.network_choice import CHOOSE_ACTION, build_choice_reply
from storage.models import Network
from tests.fake_slack.blockkit import validate_blocks


def test_help_lists_every_subcommand_in_order() -> None:
    keys = [sub.help_key for sub in subcommands()]
    for lang in ("sv", "en"):
        reply = build_help_message(lang, keys)
        assert validate_blocks(reply.blocks, "message") == []
        assert reply.text == t(lang, "help.title")
        text = "\n".join(b["text"]["text"] for b in reply.blocks if b["type"] == "section")
        positions = [text.index(f"• {t(lang, key)}") for key in keys]
        assert positions == sorted(positions)
        assert reply.blocks[-1]["elements"][0]["text"] == t(lang, "help.footer")


def test_networks_marks_the_current_one_and_adds_the_select() -> None:
    nets = (Network(id=1, name="Väst & co", slug="vast"), Network(id=2, name="Öst", slug="ost"))
    for lang in ("sv", "en"):
        choice = build_choice_reply(lang, nets, block_id="resume").blocks
        assert validate_blocks(choice, "message") == []
        select = choice[0]["accessory"]
        assert select["action_id"] == CHOOSE_ACTION
        assert [o["value"] for o in select["options"]] == ["1", "2"]
        lines = [NetworkLine("Väst & co", "vast", current=True), NetworkLine("Öst", "ost")]
        reply = build_networks_message(lang, lines, choice)
        assert validate_blocks(reply.blocks, "message") == []
        text = reply.blocks[1]["text"]["text"]
        assert t(lang, "networks.line_current", name="Väst &amp; co", slug="vast") in text
        assert t(lang, "networks.line", name="Öst", slug="ost") in text
        assert any(b.get("accessory") == select for b in reply.blocks)
        alone = build_networks_message(lang, lines[:1])
        assert validate_blocks(alone.blocks, "message") == []
        assert all("accessory" not in b for b in alone.blocks)


def test_a_text_reply_is_one_section() -> None:
    reply = text_reply("*Klart* &amp;")
    assert validate_blocks(reply.blocks, "message") == []
    assert reply.text == "*Klart* &amp;" and reply.blocks == [
        {"type": "section", "text": {"type": "mrkdwn", "text": "*Klart* &amp;"}}
    ]
    assert reply.ephemeral and not text_reply("x", ephemeral=False).ephemeral
