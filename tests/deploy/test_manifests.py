"""The two Slack app manifests declare exactly what the code listens to, and the reverse;
`samverkansbot manifest [--socket]` prints them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cli import main, manifest_path
from handlers import register_handlers
from tests.process.support import SETTINGS

REPO = Path(__file__).resolve().parents[2]
HTTP = REPO / "deploy" / "slack-manifest.yml"
SOCKET = REPO / "deploy" / "slack-manifest-socket.yml"
# Bot scopes an event subscription needs (Slack refuses the manifest without them).
EVENT_SCOPES = {
    "app_mention": "app_mentions:read",
    "message.im": "im:history",
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "message.mpim": "mpim:history",
    "file_shared": "files:read",
    "reaction_added": "reactions:read",
    "member_joined_channel": "channels:read",
}


@dataclass
class RecordingApp:
    """Stands in for `slack_bolt.App`: records what `register_handlers` asks it to listen to."""

    calls: list[tuple[str, Any]] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        def register(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args[0] if args else kwargs))
            return lambda *functions, **listeners: functions[0] if functions else None

        return register

    def names(self, *kinds: str, key: str) -> set[str]:
        found = set()
        for kind, constraint in self.calls:
            if kind not in kinds:
                continue
            if kind == "message":  # app.message(...) listens to the "message" event
                found.add("message")
                continue
            if isinstance(constraint, dict):
                constraint = constraint.get(key)
            assert isinstance(constraint, str), f"app.{kind}({constraint!r}): use a plain name"
            found.add(constraint)
        return found


@pytest.fixture(scope="module")
def registered() -> RecordingApp:
    app = RecordingApp()
    register_handlers(app)  # type: ignore[arg-type]
    return app


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def declared_events(manifest: dict[str, Any]) -> list[str]:
    return manifest["settings"].get("event_subscriptions", {}).get("bot_events", [])


def strings(value: Any, prefix: str) -> Iterator[str]:
    """Every string in a parsed manifest that starts with `prefix`."""
    if isinstance(value, str) and value.startswith(prefix):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item, prefix)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, prefix)


def as_listener(event: str) -> str:
    """ "message.im" is delivered as the event "message"."""
    return event.split(".", 1)[0] if event.startswith("message.") else event


@pytest.mark.parametrize("path", [HTTP, SOCKET], ids=["http", "socket"])
def test_manifest_declares_what_the_code_registers_and_the_reverse(
    registered: RecordingApp, path: Path
) -> None:
    manifest = load(path)
    features = manifest["features"]
    commands = {c["command"] for c in features.get("slash_commands", [])}
    assert commands == registered.names("command", key="command")
    events = {as_listener(e) for e in declared_events(manifest)}
    assert events == registered.names("event", "message", key="type")
    shortcuts = {s["callback_id"] for s in features.get("shortcuts", [])}
    assert shortcuts == registered.names(
        "shortcut", "global_shortcut", "message_shortcut", key="callback_id"
    )
    interactive = {"action", "block_action", "view", "view_submission", "shortcut", "options"}
    if any(kind in interactive for kind, _ in registered.calls) or shortcuts:
        assert manifest["settings"]["interactivity"]["is_enabled"] is True


@pytest.mark.parametrize("path", [HTTP, SOCKET], ids=["http", "socket"])
def test_manifest_has_the_scopes_its_commands_and_events_need(path: Path) -> None:
    manifest = load(path)
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    if manifest["features"].get("slash_commands"):
        assert "commands" in scopes
    for event in declared_events(manifest):
        if event in EVENT_SCOPES:
            assert EVENT_SCOPES[event] in scopes, event


def test_the_two_manifests_differ_only_in_how_slack_reaches_the_bot(
    registered: RecordingApp,
) -> None:
    http, socket = load(HTTP), load(SOCKET)
    assert socket["settings"]["socket_mode_enabled"] is True
    assert http["settings"]["socket_mode_enabled"] is False
    urls = set(strings(http, "https://"))
    assert len(urls) == 1 and next(iter(urls)).endswith("/slack/events")
    assert not list(strings(socket, "http"))
    assert http["settings"]["event_subscriptions"]["request_url"] in urls
    assert http["settings"]["interactivity"]["request_url"] in urls
    for command in http["features"].get("slash_commands", []):
        assert command.pop("url") in urls
    if any(kind == "options" for kind, _ in registered.calls):
        assert http["settings"]["interactivity"].pop("message_menu_options_url") in urls
    for manifest in (http, socket):
        del manifest["settings"]["socket_mode_enabled"]
        manifest["settings"].get("event_subscriptions", {}).pop("request_url", None)
        manifest["settings"]["interactivity"].pop("request_url", None)
    assert http == socket


@pytest.mark.parametrize(("args", "path"), [([], HTTP), (["--socket"], SOCKET)])
def test_manifest_command_prints_it(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    path: Path,
) -> None:
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    assert manifest_path("--socket" in args) == path
    assert main(["manifest", *args]) == 0
    out = capsys.readouterr().out
    assert out == path.read_text(encoding="utf-8")
    assert yaml.safe_load(out)["display_information"]["name"]
