"""deploy/: the Dockerfile, the compose file and the systemd unit run the documented command
with documented variables (no Docker engine here, so the files are parsed and checked)."""

from __future__ import annotations

import configparser
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import make_url

from bot.core.config import Settings, load_settings
from bot.web.server import GunicornServer
from tests.conftest import LiveBot

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
COMMAND = ["samverkansbot", "serve"]


def dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with line continuations joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        keyword, _, rest = line.partition(" ")
        instructions.append((keyword.upper(), rest.strip()))
    return instructions


def instruction(name: str) -> list[str]:
    return [rest for keyword, rest in dockerfile() if keyword == name]


def dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for rest in instruction("ENV"):
        for pair in shlex.split(rest):
            key, _, value = pair.partition("=")
            env[key] = value
    return env


def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yml").read_text(encoding="utf-8"))


def env_example_variables() -> set[str]:
    """Every variable .env.example sets (commented out or not)."""
    text = (REPO / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))


def variables_the_code_reads() -> set[str]:
    config = (REPO / "bot" / "core" / "config.py").read_text(encoding="utf-8")
    return set(re.findall(r'get\("([A-Z][A-Z0-9_]+)"\)', config))


def documents() -> list[Path]:
    """The operations guide, and the README once the lead has written it."""
    return [p for p in (DEPLOY / "OPERATIONS.md", REPO / "README.md") if p.exists()]


def test_env_example_documents_every_variable_the_code_reads_and_no_other() -> None:
    documented = env_example_variables()
    read = variables_the_code_reads()
    assert read >= {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "DATABASE_URL", "PORT"}
    assert read <= documented
    # The one extra: prometheus_client reads it (multi-process metrics under gunicorn).
    assert documented - read == {"PROMETHEUS_MULTIPROC_DIR"}


def test_dockerfile_is_slim_non_root_with_a_health_check_and_the_documented_command() -> None:
    [base] = instruction("FROM")
    assert base == "python:3.11-slim"
    [user] = instruction("USER")
    assert user not in ("root", "0") and not user.startswith("0:")
    assert any('pip install ".[postgres]"' in run for run in instruction("RUN"))
    [cmd] = instruction("CMD")
    assert json.loads(cmd) == COMMAND
    [healthcheck] = instruction("HEALTHCHECK")
    assert "/healthz" in healthcheck and "--timeout=" in healthcheck
    assert (
        set(dockerfile_env())
        - {
            "PYTHONDONTWRITEBYTECODE",
            "PYTHONUNBUFFERED",
            "PIP_NO_CACHE_DIR",
            "PIP_DISABLE_PIP_VERSION_CHECK",
        }
        <= env_example_variables()
    )
    [port] = instruction("EXPOSE")
    assert port == dockerfile_env()["PORT"] == str(Settings().port)


def test_compose_runs_the_bot_on_postgres_with_the_same_command_and_variables() -> None:
    services = compose()["services"]
    bot, db = services["bot"], services["postgres"]
    assert db["image"] == "postgres:16"
    [volume] = db["volumes"]
    assert volume.split(":")[0] in compose()["volumes"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])

    assert bot["command"] == COMMAND
    assert bot["build"]["dockerfile"] == "deploy/Dockerfile"
    assert bot["env_file"] == "../.env"
    assert set(bot["environment"]) <= env_example_variables()
    url = bot["environment"]["DATABASE_URL"]
    assert url.startswith("postgresql+psycopg://") and "@postgres:5432/" in url
    assert f"/{db['environment']['POSTGRES_DB']}" in url
    # the password is written once, in .env: both services read it from there
    assert db["env_file"] == bot["env_file"] == "../.env"
    assert "POSTGRES_PASSWORD" not in db["environment"] and "POSTGRES_PASSWORD" in (
        env_example_variables()
    )
    assert (
        make_url(url).password is None
        and make_url(url).username == db["environment"]["POSTGRES_USER"]
    )
    env = {"DATABASE_URL": url, "POSTGRES_PASSWORD": "hemligt lösen/1"}
    settled = make_url(load_settings(env, dotenv=False).database_url)
    assert settled.password == "hemligt lösen/1" and settled.host == "postgres"
    assert bot["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert bot["ports"] == [f"{bot['environment']['PORT']}:{bot['environment']['PORT']}"]
    assert any("/healthz" in part for part in bot["healthcheck"]["test"])
    # docker stop waits stop_grace_period before SIGKILL: longer than gunicorn's drain.
    grace = int(bot["stop_grace_period"].rstrip("s"))
    assert grace > gunicorn_option("graceful_timeout")


def gunicorn_option(name: str) -> int:
    return int(GunicornServer(Settings()).options[name])


def test_systemd_unit_runs_the_same_command_as_a_non_root_user_and_drains_on_stop() -> None:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DEPLOY / "samverkansbot.service", encoding="utf-8")
    service = parser["Service"]
    assert service["User"] not in ("root", "0")
    assert service["EnvironmentFile"].startswith("/etc/")
    program, *args = shlex.split(service["ExecStart"])
    assert [Path(program).name, *args] == COMMAND
    assert service["Restart"] == "on-failure"
    assert service["KillSignal"] == "SIGTERM"
    assert int(service["TimeoutStopSec"]) > gunicorn_option("graceful_timeout")
    assert parser["Install"]["WantedBy"] == "multi-user.target"


def test_the_documents_give_the_same_command_and_every_file_they_name_exists() -> None:
    guide = (DEPLOY / "OPERATIONS.md").read_text(encoding="utf-8")
    for document in documents():
        assert "samverkansbot serve" in document.read_text(encoding="utf-8"), document
    for name in re.findall(r"deploy/[\w.-]+\.(?:yml|service|md)|deploy/Dockerfile", guide):
        assert (REPO / name).exists(), name
    for command in ("samverkansbot db upgrade", "samverkansbot export", "samverkansbot import"):
        assert command in guide
    for tool in ("sqlite3", ".backup", "pg_dump", "pg_restore", "/metrics", "/healthz"):
        assert tool in guide


@pytest.mark.parametrize("where", ["Dockerfile", "compose"])
def test_the_health_check_command_passes_when_healthy(bot: LiveBot, where: str) -> None:
    """Run the very command Docker would run, against a live bot."""
    if where == "Dockerfile":
        [healthcheck] = instruction("HEALTHCHECK")
        argv = json.loads(healthcheck[healthcheck.index("CMD") + 3 :])
    else:
        argv = compose()["services"]["bot"]["healthcheck"]["test"][1:]
    assert argv[0] == "python"
    port = bot.url.rstrip("/").rsplit(":", 1)[1]
    result = subprocess.run(
        [sys.executable, *argv[1:]], env={"PORT": port}, capture_output=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    closed = subprocess.run(
        [sys.executable, *argv[1:]], env={"PORT": "1"}, capture_output=True, timeout=30
    )
    assert closed.returncode != 0
