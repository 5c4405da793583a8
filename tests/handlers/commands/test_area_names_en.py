"""English names and descriptions of focus areas (`name_en`, `description_en` in the network
file): English users see them, Swedish users the Swedish ones, and lookups accept both names."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.core.localized import area_description, area_name
from bot.core.runtime import Core
from storage.models import FocusArea
from tests.conftest import ADMIN, LiveBot
from tests.fake_slack.signing import BOT_USER_ID, app_mention
from tests.helpers import active_party_slugs, texts


def test_english_users_see_english_area_names_and_swedish_users_swedish_ones(
    bot: LiveBot,
) -> None:
    english = texts(bot.slack.command("areas").json())
    assert "Teacher supply" in english and "Pupil health and special needs education" in english
    assert "Lärarförsörjning" not in english
    swedish = texts(bot.slack.command("områden").json())
    assert "Lärarförsörjning" in swedish and "Teacher supply" not in swedish


def test_the_area_page_in_english_and_lookups_by_either_name(bot: LiveBot) -> None:
    page = texts(bot.slack.command("area teacher supply").json())
    assert "Teacher supply" in page
    assert "Example area: shared ways to recruit, keep and develop teachers" in page
    assert "Exempelområde" not in page
    # The Swedish name finds it for English users too, and the English name for Swedish users.
    assert "Example area: shared ways" in texts(bot.slack.command("area lararforsorjning").json())
    swedish = texts(bot.slack.command("område Teacher supply").json())
    assert "Lärarförsörjning" in swedish and "Exempelområde: gemensamma vägar" in swedish


def test_an_area_without_an_english_name_is_shown_by_its_swedish_one() -> None:
    area = FocusArea(name="Skolutveckling", slug="skolutveckling", description="Gemensamt")
    assert (area_name(area, "en"), area_description(area, "en")) == ("Skolutveckling", "Gemensamt")
    area.name_en, area.description_en = "School development", "Together"
    assert (area_name(area, "en"), area_description(area, "en")) == (
        "School development",
        "Together",
    )
    assert area_name(area, "sv") == "Skolutveckling"


def test_joining_by_the_english_name(bot: LiveBot) -> None:
    body = texts(bot.slack.command("join teacher supply sala", user=ADMIN).json())
    assert "Sala kommun" in body
    assert active_party_slugs(bot.core, "lararforsorjning") == ["sala"]


def test_the_network_file_keeps_english_names_through_export_and_import(
    core: Core, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", core.settings.database_url)
    out = tmp_path / "vastmanland.toml"
    assert main(["export", "vastmanland", "-o", str(out)]) == 0, capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert 'name_en = "Teacher supply"' in text
    assert 'description_en = "Example area: shared ways' in text
    changed = text.replace('name_en = "Teacher supply"', 'name_en = "Teacher recruitment"')
    out.write_text(changed, encoding="utf-8")
    assert main(["import", str(out)]) == 0, capsys.readouterr().err
    assert main(["export", "vastmanland", "-o", str(tmp_path / "again.toml")]) == 0
    assert (tmp_path / "again.toml").read_text(encoding="utf-8") == changed
    too_long = text.replace('name_en = "Teacher supply"', f'name_en = "{"x" * 81}"')
    out.write_text(too_long, encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(out)]) != 0
    assert "name_en" in capsys.readouterr().err


def test_a_question_in_english_names_the_area_in_english(bot: LiveBot) -> None:
    bot.slack.command("join teacher supply sala", user=ADMIN)
    bot.slack.event(app_mention(f"<@{BOT_USER_ID}> who takes part in teacher supply?"))
    [call] = bot.fake.wait_for("chat.postMessage")
    answer = texts({"text": call.params.get("text", ""), "blocks": call.blocks or []})
    assert "Teacher supply" in answer and "Sala kommun" in answer
    assert "Lärarförsörjning" not in answer
    bot.slack.event(app_mention(f"<@{BOT_USER_ID}> vilka deltar i lärarförsörjning?"))
    calls = bot.fake.wait_for("chat.postMessage", count=2)
    swedish = texts({"text": calls[-1].params.get("text", ""), "blocks": calls[-1].blocks or []})
    assert "Lärarförsörjning" in swedish and "Teacher supply" not in swedish
