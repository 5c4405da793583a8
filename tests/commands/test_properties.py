"""Property tests: arbitrary text never breaks the command parser, and every reply is valid Block
Kit within Slack's limits, whoever sends it."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.commands import dispatch
from bot.core.actor import Who
from bot.core.blocks import Modal
from bot.core.runtime import Core
from tests.conftest import ADMIN
from tests.fake_slack.blockkit import validate_blocks, validate_view

WORDS = st.sampled_from(
    [
        "hjälp",
        "help",
        "områden",
        "område",
        "gå-med",
        "join",
        "lämna",
        "leave",
        "vem",
        "who",
        "åtaganden",
        "commitments",
        "sala",
        "Västerås",
        "lararforsorjning",
        "<!channel>",
        "&",
        "ny",
    ]
)
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(WORDS, st.text(max_size=20)), max_size=8).map(" ".join),
    st.text(min_size=3000, max_size=5000),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXT, user=st.sampled_from([ADMIN, "UVISITOR01"]))
def test_any_command_text_gets_a_valid_reply(core: Core, text: str, user: str) -> None:
    outcome = dispatch(core, Who(core, slack_user_id=user), text=text)
    if isinstance(outcome, Modal):
        assert validate_view(outcome.view, "modal") == []
    else:
        assert outcome.text
        assert len(outcome.text) <= 3000
        assert validate_blocks(outcome.blocks, "message") == []
