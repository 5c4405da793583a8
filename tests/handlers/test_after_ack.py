"""Slack's answer never waits for Slack: every Web API call that follows an answer runs after
the ack (`handlers.after_ack`), so a stuck Slack cannot delay an acknowledgement.

Each test holds a Web API method on the fake server (the call waits until the test releases it)
and shows that the bot's HTTP response came back while the call was still waiting; then it
releases the call and sees the work done. No clock is involved.
"""

from __future__ import annotations

from bot.registry.ids import HOME_JOIN, JOIN_VIEW
from tests.conftest import LiveBot
from tests.events.util import NETWORK_CHANNEL
from tests.registry_support import (
    SALA_CHIEF,
    SALA_MEMBER,
    area_id,
    join_values,
    party_id,
    people,
    submit,
)


def test_a_button_is_acked_while_its_form_is_still_opening(bot: LiveBot) -> None:
    people(bot.core)
    stuck = bot.fake.hold("views.open")
    result = bot.slack.action(SALA_CHIEF, HOME_JOIN, view={"type": "home", "id": "VHOME"})
    assert result.status == 200 and result.text == ""
    assert bot.fake.calls("views.open") == []  # Slack has not answered the form yet
    stuck.set()
    [opened] = bot.fake.wait_for("views.open")
    assert opened.view["callback_id"] == "registry_join"


def test_a_command_that_opens_a_form_is_acked_before_the_form_opens(bot: LiveBot) -> None:
    people(bot.core)
    stuck = bot.fake.hold("views.open")
    result = bot.slack.command("gå-med", user=SALA_CHIEF)
    assert result.status == 200
    assert bot.fake.calls("views.open") == []
    stuck.set()
    [opened] = bot.fake.wait_for("views.open")
    assert opened.view["callback_id"] == JOIN_VIEW


def test_a_form_submission_answers_first_and_refreshes_the_home_after(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    stuck = bot.fake.hold("views.publish")
    meta = f'{{"party":{party_id(core, "sala")}}}'
    values = join_values([area_id(core, "lararforsorjning")], contact=SALA_MEMBER)
    body = submit(bot, SALA_CHIEF, JOIN_VIEW, values, meta)
    assert body["response_action"] == "update"  # the outcome, answered in the ack
    assert bot.fake.calls("views.publish") == []
    stuck.set()
    bot.fake.wait_for("views.publish", predicate=lambda c: c.params["user_id"] == SALA_CHIEF)


def test_a_button_whose_work_fails_after_the_ack_tells_the_user_kindly(bot: LiveBot) -> None:
    people(bot.core)
    bot.fake.fail_forever("views.open", error="internal_error", status=200)
    result = bot.slack.action(SALA_CHIEF, HOME_JOIN, channel_id=NETWORK_CHANNEL)
    assert result.status == 200
    [apology] = bot.fake.wait_for("response_url")
    assert apology.params["response_type"] == "ephemeral"
    assert "Något gick fel" in apology.params["text"]
