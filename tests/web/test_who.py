"""The app's middleware (`bot.web.app.attach_who`) tells every listener who is acting and in
which network, through signed HTTP requests: a command, a button and a form submission each
find a `Who` in `context["who"]`, resolved once, in the network the request works on (a
submitted form's own network, else the user's), in the user's Slack language."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlmodel import select

from bot.core.runtime import SEED_DIR
from storage import networkfile
from storage.models import Network
from tests.conftest import ADMIN, LiveBot

VISITOR = "UWHOVISIT1"  # in no network: the workspace's; English in Slack


@pytest.fixture
def seen(bot: LiveBot) -> list[dict[str, Any]]:
    """Probe listeners beside the bot's own, each noting what the middleware gave it."""
    found: list[dict[str, Any]] = []

    def note(kind: str, context: Any) -> None:
        who = context["who"]
        acting = who.get()
        found.append(
            {
                "kind": kind,
                "user": who.slack_user_id,
                "network": acting.network.slug,
                "coordinator": acting.actor.is_coordinator,
                "lang": acting.actor.lang,
                "once": who.get() is acting,
            }
        )

    app = bot.runtime.slack

    @app.command("/probe")
    def probe_command(ack: Any, context: Any) -> None:
        note("command", context)
        ack()

    @app.action("probe")
    def probe_action(ack: Any, context: Any) -> None:
        note("action", context)
        ack()

    @app.view("probe")
    def probe_view(ack: Any, context: Any) -> None:
        note("view", context)
        ack()

    return found


def network_id(bot: LiveBot, slug: str) -> int:
    with bot.core.db.session() as session:
        return session.exec(select(Network.id).where(Network.slug == slug)).one()


def test_a_command_a_button_and_a_form_find_who_is_acting_in_context(
    bot: LiveBot, seen: list[dict[str, Any]]
) -> None:
    spec = networkfile.load_file(SEED_DIR / "4m.toml")
    with bot.core.db.session() as session:
        networkfile.import_network(spec, session=session, actor="test", base_dir=SEED_DIR)
    bot.fake.users[VISITOR] = {"locale": "en-US"}

    assert bot.slack.command("", user=ADMIN, command="/probe").status == 200
    assert bot.slack.action(VISITOR, "probe", "1").status == 200
    assert bot.slack.submit(ADMIN, "probe", {}).status == 200
    # the form opened in 4M is submitted there, whatever the user works in otherwise
    stamped = json.dumps({"network": network_id(bot, "4m")})
    assert bot.slack.submit(VISITOR, "probe", {}, private_metadata=stamped).status == 200

    assert seen == [
        {
            "kind": "command",
            "user": ADMIN,
            "network": "vastmanland",
            "coordinator": True,
            "lang": "sv",
            "once": True,
        },
        {
            "kind": "action",
            "user": VISITOR,
            "network": "vastmanland",
            "coordinator": False,
            "lang": "en",
            "once": True,
        },
        {
            "kind": "view",
            "user": ADMIN,
            "network": "vastmanland",
            "coordinator": True,
            "lang": "sv",
            "once": True,
        },
        {
            "kind": "view",
            "user": VISITOR,
            "network": "4m",
            "coordinator": False,
            "lang": "en",
            "once": True,
        },
    ]
