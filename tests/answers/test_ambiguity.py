"""A name that fits two people asks back with buttons, through signed Slack requests: the
@-mention gets one button per person, and the button answers about the person chosen."""

from __future__ import annotations

import json
from pathlib import Path

from bot.core.runtime import Core
from handlers import after_ack
from storage import networkfile
from tests.answers.conftest import HERE, NETWORK_FILE, import_test_network
from tests.conftest import LiveBot
from tests.fake_slack.blockkit import validate_blocks
from tests.fake_slack.signing import BOT_USER_ID, app_mention
from tests.helpers import texts

ASKER = "UASKER01"
SECOND_ANNA = """
[[people]]
name = "Anna Berg"
title = "lärare"
party = "sala"
email = "anna.berg@sala.se"
slack = "UANNA002"
roles = ["contact"]
"""


def two_annas(core: Core, tmp_path: Path) -> None:
    import_test_network(core)
    path = tmp_path / "network.toml"
    path.write_text(NETWORK_FILE.read_text(encoding="utf-8") + SECOND_ANNA, encoding="utf-8")
    with core.db.session() as session:
        spec = networkfile.load_file(path)
        networkfile.import_network(spec, session=session, actor="test", base_dir=HERE)


def buttons_of(blocks: list[dict]) -> list[dict]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def test_two_people_with_one_name_are_asked_back_and_the_choice_answers(
    bot: LiveBot, tmp_path: Path
) -> None:
    two_annas(bot.core, tmp_path)
    event = app_mention(f"<@{BOT_USER_ID}> vem är Anna Berg?", user=ASKER)
    assert bot.slack.event(event).status == 200
    [call] = bot.fake.wait_for("chat.postMessage")
    assert validate_blocks(call.blocks, "message") == []
    assert "Flera i registret heter ”Anna Berg”" in texts({"blocks": call.blocks})
    buttons = buttons_of(call.blocks)
    labels = [b["text"]["text"] for b in buttons]
    assert labels == [
        "Anna Berg (kvalitetsstrateg, Västerås stad)",
        "Anna Berg (lärare, Sala kommun)",
    ]
    # neither person is stated before the asker chooses
    assert "anna.berg@" not in texts({"blocks": call.blocks})

    sala = buttons[1]
    message = {"type": "message", "ts": "1700000000.000100", "text": "", "blocks": call.blocks}
    result = bot.slack.action(
        ASKER,
        sala["action_id"],
        sala["value"],
        block_id="answers.choose",
        message=message,
        channel_id=event["channel"],
    )
    assert result.status == 200
    [update] = bot.fake.wait_for("chat.update")
    answer = texts({"text": update.params.get("text", ""), "blocks": update.blocks or []})
    assert "anna.berg@sala.se" in answer and "Sala kommun" in answer
    assert "Västerås stad" not in answer
    assert buttons_of(update.blocks or []) == []


def test_a_tampered_choice_changes_nothing(bot: LiveBot, tmp_path: Path) -> None:
    two_annas(bot.core, tmp_path)
    value = json.dumps({"k": "person", "id": "not-a-number", "q": "vem är Anna Berg?"})
    result = bot.slack.action(ASKER, "answers.choose.0", value, block_id="answers.choose")
    assert result.status == 200
    after_ack.drain(5.0)  # the work after the ack has run
    assert bot.fake.calls("chat.update") == [] and bot.fake.calls("chat.postMessage") == []


def test_one_person_of_a_name_is_answered_without_asking(bot: LiveBot) -> None:
    import_test_network(bot.core)
    bot.slack.event(app_mention(f"<@{BOT_USER_ID}> vem är Anna Berg?", user=ASKER))
    [call] = bot.fake.wait_for("chat.postMessage")
    assert buttons_of(call.blocks) == [] and "kvalitetsstrateg" in texts({"blocks": call.blocks})


def test_a_name_in_two_other_networks_asks_which_network_and_the_choice_answers_there(
    bot: LiveBot,
) -> None:
    """'Västerås' asked in Södertörn is in Västmanland and in 4M: a button per network, not
    one picked and not only the two named; the button answers in the network chosen."""
    from dataclasses import replace

    from bot.core.runtime import SEED_DIR

    import_test_network(bot.core)
    with bot.core.db.session() as session:
        for slug in ("4m", "sodertorn"):
            spec = networkfile.load_file(SEED_DIR / f"{slug}.toml")
            networkfile.import_network(spec, session=session, actor="test", base_dir=SEED_DIR)
    bot.core.settings = replace(bot.core.settings, default_network="sodertorn")
    event = app_mention(f"<@{BOT_USER_ID}> vem är kontakt för Vasteras?", user=ASKER)
    assert bot.slack.event(event).status == 200
    [call] = bot.fake.wait_for("chat.postMessage")
    assert validate_blocks(call.blocks, "message") == []
    asked = texts({"blocks": call.blocks})
    assert "”Västerås” finns i" in asked and "Vilket nätverk menar du?" in asked
    assert "anna.berg@" not in asked  # nothing is stated before the asker chooses
    buttons = buttons_of(call.blocks)
    assert [b["text"]["text"] for b in buttons] == [
        "Ensam är inte stark – Västmanland",
        "Fördjupad samverkan mellan gymnasieutbildningarna i 4M",
    ]

    message = {"type": "message", "ts": "1700000000.000200", "text": "", "blocks": call.blocks}
    result = bot.slack.action(
        ASKER,
        buttons[0]["action_id"],
        buttons[0]["value"],
        block_id="answers.choose",
        message=message,
        channel_id=event["channel"],
    )
    assert result.status == 200
    [update] = bot.fake.wait_for("chat.update")
    answer = texts({"text": update.params.get("text", ""), "blocks": update.blocks or []})
    assert "Anna Berg" in answer and "anna.berg@vasteras.se" in answer
    assert buttons_of(update.blocks or []) == []


def test_a_name_in_the_asked_network_and_another_is_answered_in_the_asked_one(
    bot: LiveBot,
) -> None:
    from bot.core.runtime import SEED_DIR

    import_test_network(bot.core)
    with bot.core.db.session() as session:
        spec = networkfile.load_file(SEED_DIR / "4m.toml")
        networkfile.import_network(spec, session=session, actor="test", base_dir=SEED_DIR)
    bot.slack.event(app_mention(f"<@{BOT_USER_ID}> vem är kontakt för Västerås?", user=ASKER))
    [call] = bot.fake.wait_for("chat.postMessage")
    assert buttons_of(call.blocks) == [] and "anna.berg@vasteras.se" in texts(
        {"blocks": call.blocks}
    )
