"""The one reader of view state (`bot.core.forms`), tested on the values Slack sends."""

from __future__ import annotations

from bot.core.forms import (
    int_value,
    selected_conversation,
    selected_date,
    selected_time,
    selected_user,
    selected_value,
    selected_values,
    text_value,
    view_values,
)

VALUES = {
    "title": {"title": {"type": "plain_text_input", "value": "  Forum  "}},
    "kind": {"kind": {"type": "static_select", "selected_option": {"value": "forum"}}},
    "areas": {"areas": {"selected_options": [{"value": "2"}, {"value": "4"}]}},
    "contact": {"contact": {"selected_user": "U0CONTACT"}},
    "channel": {"channel": {"selected_conversation": "C0AREA"}},
    "old_channel": {"old_channel": {"selected_channel": "C0OLD"}},
    "date": {"date": {"selected_date": "2026-05-01"}},
    "time": {"time": {"selected_time": "09:30"}},
    "q0": {"score": {"selected_option": {"value": "4"}}},
    "empty": {"empty": {"value": None, "selected_option": None}},
}


def test_each_reader_takes_the_first_action_of_a_block() -> None:
    assert text_value(VALUES, "title") == "Forum"
    assert text_value(VALUES, "title", strip=False) == "  Forum  "
    assert selected_value(VALUES, "kind") == "forum"
    assert selected_values(VALUES, "areas") == ["2", "4"]
    assert selected_user(VALUES, "contact") == "U0CONTACT"
    assert selected_conversation(VALUES, "channel") == "C0AREA"
    assert selected_conversation(VALUES, "old_channel") == "C0OLD"
    assert selected_date(VALUES, "date") == "2026-05-01"
    assert selected_time(VALUES, "time") == "09:30"
    assert int_value(selected_value(VALUES, "q0")) == 4


def test_an_action_id_picks_that_action_and_a_missing_one_reads_as_empty() -> None:
    assert selected_value(VALUES, "q0", "score") == "4"
    assert selected_value(VALUES, "q0", "other") is None
    assert text_value(VALUES, "title", "nope") == ""


def test_missing_or_empty_fields_read_as_empty() -> None:
    for block in ("missing", "empty"):
        assert text_value(VALUES, block) == ""
        assert selected_value(VALUES, block) is None
        assert selected_values(VALUES, block) == []
        assert selected_user(VALUES, block) is None
        assert selected_conversation(VALUES, block) is None
        assert selected_date(VALUES, block) is None
        assert selected_time(VALUES, block) is None
    assert selected_value({"kind": {"kind": {"selected_option": {}}}}, "kind") is None
    assert text_value({"title": "not a dict"}, "title") == ""
    assert int_value("x") is None and int_value(None) is None and int_value("7") == 7


def test_view_values_reads_the_state_of_a_view() -> None:
    assert view_values({"state": {"values": VALUES}}) is VALUES
    assert view_values({"state": None}) == {} and view_values({}) == {}
    assert view_values(None) == {}
