"""Test harness standing in for Slack: a fake Web API server and signed-request builders.

* :class:`FakeSlack` serves the Web API over real HTTP (``WebClient(base_url=fake.url)``).
* :mod:`.signing` builds and sends signed requests to the bot's ``/slack/events``.
* :mod:`.blockkit` validates Block Kit payloads (also usable directly in tests).
"""

from .blockkit import validate_blocks, validate_message, validate_metadata, validate_view
from .server import BOT_ID, BOT_USER_ID, TEAM_ID, Call, FakeSlack, Fault
from .signing import SlackClient, SlackRequest, sign

__all__ = [
    "BOT_ID",
    "BOT_USER_ID",
    "TEAM_ID",
    "Call",
    "FakeSlack",
    "Fault",
    "SlackClient",
    "SlackRequest",
    "sign",
    "validate_blocks",
    "validate_message",
    "validate_metadata",
    "validate_view",
]
