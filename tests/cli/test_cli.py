"""The `samverkansbot` command as a user runs it: a real process, real files, real database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SETTINGS = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DATABASE_URL",
    "BOT_TIMEZONE",
    "BOT_LANGUAGE",
    "SAMVERKAN_ADMINS",
    "PORT",
    "SAMVERKAN_NETWORK",
    "PUBLIC_URL",
    "POSTGRES_PASSWORD",
)


def run(
    args: list[str], cwd: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**environment, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )


def test_no_credentials_starts_the_console_on_the_seeded_sqlite_default(tmp_path: Path) -> None:
    lines = "\n".join(
        [
            "/samverkan hjälp",
            "/samverkan gå-med lararforsorjning sala",
            "/samverkan område Lärarförsörjning",
            ":som UNOBODY01",
            "/samverkan lämna lararforsorjning sala",
            "/samverkan areas",
            ":avsluta",
        ]
    )
    result = run([], tmp_path, stdin=lines + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Ensam är inte stark – Västmanland" in out
    assert "SLACK_BOT_TOKEN" in out  # one line on how to connect to Slack
    assert "gå-med" in out
    assert "Sala kommun* deltar nu i *Lärarförsörjning" in out
    assert "• Sala kommun – sedan" in out
    assert "Du agerar nu som UNOBODY01" in out
    assert "registrera" in out  # the visitor may not leave for Sala
    assert "Focus areas" in out and "Teacher supply* – 1 participant" in out
    assert "1 participants" not in out
    assert (tmp_path / "samverkansbot.db").exists()
    # the data survived: a second start sees Sala still in the area
    again = run(["console"], tmp_path, stdin="/samverkan area lararforsorjning\n:nätverk\n")
    assert "Sala kommun" in again.stdout
    assert "Konsolen arbetar i Ensam är inte stark – Västmanland. Nätverken är: vastmanland." in (
        again.stdout
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"BOT_TIMEZONE": "Europe/Nowhere"}, "BOT_TIMEZONE is malformed"),
        ({"BOT_LANGUAGE": "de"}, "BOT_LANGUAGE is malformed"),
        ({"SAMVERKAN_ADMINS": "bob"}, "SAMVERKAN_ADMINS is malformed"),
        ({"PORT": "http"}, "PORT is malformed"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL is malformed"),
        ({"SLACK_BOT_TOKEN": "abc"}, "SLACK_BOT_TOKEN is malformed"),
    ],
)
def test_a_malformed_setting_gives_one_line_naming_it(
    tmp_path: Path, env: dict[str, str], message: str
) -> None:
    result = run(["console"], tmp_path, **env)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert message in result.stderr and "Traceback" not in result.stderr


def test_serve_without_signing_secret_names_the_missing_setting(tmp_path: Path) -> None:
    result = run(["serve"], tmp_path, SLACK_BOT_TOKEN="xoxb-1")
    assert result.returncode == 2
    assert "SLACK_SIGNING_SECRET is not set" in result.stderr


def test_settings_come_from_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("BOT_LANGUAGE=en\nDATABASE_URL=sqlite:///fromenv.db\n")
    result = run(["console"], tmp_path, stdin="/samverkan areas\n")
    assert result.returncode == 0, result.stderr
    assert "Samverkansbot – local console" in result.stdout
    assert (tmp_path / "fromenv.db").exists()


def test_db_upgrade_import_export_and_manifest(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parents[2] / "storage" / "seed" / "sodertorn.toml"
    assert run(["db", "upgrade"], tmp_path).returncode == 0
    first = run(["import", str(seed)], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "created" in first.stdout
    second = run(["import", str(seed)], tmp_path)
    assert "0 created, 0 updated" in second.stdout
    exported = run(["export", "sodertorn", "-o", str(tmp_path / "out.toml")], tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert "Nynäshamns kommun" in (tmp_path / "out.toml").read_text(encoding="utf-8")
    assert (tmp_path / "avsiktsforklaringen.md").exists()
    again = run(["import", str(tmp_path / "out.toml")], tmp_path)
    assert "0 created, 0 updated" in again.stdout
    missing = run(["export", "nowhere"], tmp_path)
    assert missing.returncode == 1 and "no network 'nowhere'" in missing.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'format = 1\n[network]\nslug = "x"\nname = "X"\n[[parties]]\nname = "A"\nkind = "kommun"\n'
    )
    failed = run(["import", str(bad)], tmp_path)
    assert failed.returncode == 1 and "bad.toml:7: parties[1].kind" in failed.stderr
    manifest = run(["manifest"], tmp_path)
    assert "/samverkan" in manifest.stdout


def test_unreachable_database_at_start_is_one_clear_error(tmp_path: Path) -> None:
    result = run(["console"], tmp_path, DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert result.returncode == 1
    assert "cannot be reached" in result.stderr and "Traceback" not in result.stderr
