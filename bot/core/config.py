"""Configuration: read once from the environment (and `.env`, through python-dotenv).

Every setting is documented in `.env.example`. A missing or malformed value raises
`ConfigError` whose message is one line naming the variable; the CLI prints it and exits.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import load_dotenv

DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_FILE = "samverkansbot.db"
LANGUAGES = ("sv", "en")
_SLACK_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line naming it."""


@dataclass(frozen=True)
class Settings:
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = DEFAULT_SLACK_API_URL
    database_url: str = f"sqlite:///{DEFAULT_DATABASE_FILE}"
    timezone: str = "Europe/Stockholm"
    language: str = "sv"
    admins: frozenset[str] = field(default_factory=frozenset)
    port: int = 3000
    default_network: str = "vastmanland"
    public_url: str | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def has_slack_credentials(self) -> bool:
        return bool(self.slack_bot_token and (self.slack_signing_secret or self.slack_app_token))

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def require_http_credentials(self) -> None:
        """HTTP mode needs a bot token and a signing secret."""
        for name, value in (
            ("SLACK_BOT_TOKEN", self.slack_bot_token),
            ("SLACK_SIGNING_SECRET", self.slack_signing_secret),
        ):
            if not value:
                raise ConfigError(f"{name} is not set: HTTP mode needs it (see .env.example)")

    def require_socket_credentials(self) -> None:
        """Socket Mode needs a bot token and an app-level token."""
        if not self.slack_bot_token:
            raise ConfigError("SLACK_BOT_TOKEN is not set: Socket Mode needs it (see .env.example)")
        if not self.slack_app_token:
            raise ConfigError("SLACK_APP_TOKEN is not set: Socket Mode needs it (see .env.example)")


def _with_password(database_url: str, password: str | None) -> str:
    """A PostgreSQL URL without a password takes `POSTGRES_PASSWORD`: the compose file's
    database and the bot then read the one password in `.env`. A URL's own password wins."""
    if not password or not database_url.startswith("postgresql"):
        return database_url
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if url.password is not None:
        return database_url
    return url.set(password=password).render_as_string(hide_password=False)


def load_settings(env: dict[str, str] | None = None, *, dotenv: bool = True) -> Settings:
    """Build `Settings` from `env` (default: `os.environ`, after loading `.env`)."""
    if env is None:
        if dotenv:
            load_dotenv(Path.cwd() / ".env", override=False)
        env = dict(os.environ)

    def get(name: str) -> str | None:
        value = env.get(name, "").strip()
        return value or None

    bot_token = get("SLACK_BOT_TOKEN")
    if bot_token and not bot_token.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN is malformed: a bot token starts with 'xoxb-'")
    app_token = get("SLACK_APP_TOKEN")
    if app_token and not app_token.startswith("xapp-"):
        raise ConfigError("SLACK_APP_TOKEN is malformed: an app-level token starts with 'xapp-'")

    api_url = get("SLACK_API_URL") or DEFAULT_SLACK_API_URL
    if not re.match(r"^https?://[^/\s]+", api_url):
        raise ConfigError(f"SLACK_API_URL is malformed: {api_url!r} is not an http(s) URL")
    if not api_url.endswith("/"):
        api_url += "/"

    database_url = get("DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE_FILE}"
    if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", database_url):
        raise ConfigError(
            "DATABASE_URL is malformed: use sqlite:///path.db or postgresql+psycopg://user@host/db"
        )
    if database_url.startswith(("postgresql://", "postgres://")):
        database_url = "postgresql+psycopg://" + database_url.split("://", 1)[1]
    database_url = _with_password(database_url, get("POSTGRES_PASSWORD"))

    timezone = get("BOT_TIMEZONE") or "Europe/Stockholm"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"BOT_TIMEZONE is malformed: {timezone!r} is not a time zone") from None

    language = (get("BOT_LANGUAGE") or "sv").lower()
    if language not in LANGUAGES:
        raise ConfigError(f"BOT_LANGUAGE is malformed: {language!r}; use one of sv, en")

    admins = frozenset(a for a in re.split(r"[\s,]+", get("SAMVERKAN_ADMINS") or "") if a)
    for admin in admins:
        if not _SLACK_USER_ID.match(admin):
            raise ConfigError(
                f"SAMVERKAN_ADMINS is malformed: {admin!r} is not a Slack user ID like U012ABCDEF"
            )

    port_text = get("PORT") or "3000"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError(f"PORT is malformed: {port_text!r} is not a port number")

    return Settings(
        slack_bot_token=bot_token,
        slack_signing_secret=get("SLACK_SIGNING_SECRET"),
        slack_app_token=app_token,
        slack_api_url=api_url,
        database_url=database_url,
        timezone=timezone,
        language=language,
        admins=admins,
        port=int(port_text),
        default_network=get("SAMVERKAN_NETWORK") or "vastmanland",
        public_url=get("PUBLIC_URL"),
    )
