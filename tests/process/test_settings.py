"""A missing or malformed setting: one line on stderr naming it, a non-zero exit, no
traceback, and never the value of a secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from tests.process.support import SETTINGS, run

SECRET_TOKEN = "xapp-1-A0001-notabottoken-5f3c9d"


@pytest.fixture
def clean_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    return monkeypatch


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORT", "eighty"),
        ("PORT", "70000"),
        ("BOT_TIMEZONE", "Mars/Olympus_Mons"),
        ("BOT_LANGUAGE", "de"),
        ("DATABASE_URL", "mysql://bot:hunter2secret@db/samverkan"),
        ("SLACK_BOT_TOKEN", SECRET_TOKEN),
        ("SLACK_APP_TOKEN", "xoxb-1-not-an-app-token-5f3c9d"),
        ("SLACK_API_URL", "ftp://slack.example"),
        ("SAMVERKAN_ADMINS", "U012ABCDEF,anna"),
    ],
)
def test_malformed_setting_is_one_line_naming_it(
    clean_settings: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, value: str
) -> None:
    clean_settings.setenv(name, value)
    assert main(["manifest"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.strip().splitlines()
    assert line.startswith(f"samverkansbot: {name} is malformed")
    for secret in ("hunter2secret", SECRET_TOKEN, "xoxb-1-not-an-app-token-5f3c9d"):
        assert secret not in captured.err


@pytest.mark.parametrize(
    ("args", "missing"),
    [(["serve"], "SLACK_SIGNING_SECRET"), (["socket"], "SLACK_APP_TOKEN")],
)
def test_a_mode_without_its_credentials_names_the_missing_one(
    clean_settings: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    missing: str,
) -> None:
    clean_settings.setenv("SLACK_BOT_TOKEN", "xoxb-1-secret-bot-token")
    assert main(args) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"samverkansbot: {missing} is not set")
    assert "xoxb-1-secret-bot-token" not in line


def test_the_installed_program_says_the_same_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("BOT_TIMEZONE=Europe/Stockholmm\n", encoding="utf-8")
    result = run(["serve"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "samverkansbot: BOT_TIMEZONE is malformed: 'Europe/Stockholmm' is not a time zone"
    ]


def test_postgres_password_fills_a_database_url_without_one() -> None:
    from bot.core.config import load_settings

    base = {"DATABASE_URL": "postgresql://samverkan@db:5432/samverkan"}
    assert load_settings(base, dotenv=False).database_url == (
        "postgresql+psycopg://samverkan@db:5432/samverkan"
    )
    filled = load_settings({**base, "POSTGRES_PASSWORD": "p@ss:ord"}, dotenv=False)
    assert filled.database_url == "postgresql+psycopg://samverkan:p%40ss%3Aord@db:5432/samverkan"
    own = {"DATABASE_URL": "postgresql+psycopg://u:mine@db/x", "POSTGRES_PASSWORD": "other"}
    assert load_settings(own, dotenv=False).database_url == "postgresql+psycopg://u:mine@db/x"
    sqlite = {"DATABASE_URL": "sqlite:///x.db", "POSTGRES_PASSWORD": "other"}
    assert load_settings(sqlite, dotenv=False).database_url == "sqlite:///x.db"
