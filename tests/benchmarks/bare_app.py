"""The baseline: a bare slack-bolt app that only acks `/samverkan`, as a WSGI module.

Served by the same stack as the bot (gunicorn, gthread workers, Bolt's WSGI adapter):
`gunicorn -k gthread -w 2 --threads 8 tests.benchmarks.bare_app:application`. Reads
SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_API_URL (the fake Slack) from the environment.
"""

from __future__ import annotations

import os

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

bolt = App(
    client=WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"]),
    signing_secret=os.environ["SLACK_SIGNING_SECRET"],
    token_verification_enabled=False,
    # BARE_PROCESS_BEFORE_RESPONSE=1: Bolt's other mode, the one the bot runs in
    process_before_response=os.environ.get("BARE_PROCESS_BEFORE_RESPONSE") == "1",
)


@bolt.command("/samverkan")
def ack_only(ack: Ack) -> None:
    ack()


application = SlackRequestHandler(bolt)
