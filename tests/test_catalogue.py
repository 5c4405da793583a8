"""The message catalogue: every text in Swedish and English, with the same placeholders."""

from __future__ import annotations

import string

from bot.i18n import catalogue, t


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_swedish_and_english_with_the_same_placeholders() -> None:
    problems = []
    for key, texts in catalogue().items():
        if not texts.get("sv") or not texts.get("en"):
            problems.append(f"{key}: missing sv or en")
            continue
        for variant in ("", "_one"):
            sv, en = texts.get(f"sv{variant}"), texts.get(f"en{variant}")
            if (sv is None) != (en is None):
                problems.append(f"{key}: {variant} only in one language")
            elif sv is not None and _fields(sv) != _fields(en):
                problems.append(f"{key}{variant}: placeholders differ")
    assert problems == []


def test_a_count_of_one_uses_the_singular() -> None:
    assert (
        t("sv", "answers.members.area", area="A", count=1, parties="Sala")
        == "I A deltar 1 kommun: Sala."
    )
    assert t("en", "answers.members.area", area="A", count=3, parties="…").startswith(
        "3 municipalities take"
    )


def test_no_message_has_a_raw_angle_bracket_that_slack_would_read_as_a_link() -> None:
    import re

    console_only = {"console.banner"}  # printed to a terminal, never sent to Slack
    raw = re.compile(r"<(?![@#!]|https?:|mailto:|\{)")
    bad = [
        key
        for key, texts in catalogue().items()
        if key not in console_only and any(raw.search(text) for text in texts.values())
    ]
    assert bad == []
