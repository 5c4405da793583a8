"""The message catalogue: gettext catalogues (.po) with every text in Swedish and English, the
same placeholders in both, plural forms where a count governs a noun, and a `pybabel` workflow
(extract → update → compile) that keeps every message."""

from __future__ import annotations

import io
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from bot.core import i18n
from bot.core.babel_extract import keys_in_source, known_keys
from bot.core.i18n import LANGUAGES, catalogue, po_catalogue, t

ROOT = Path(__file__).resolve().parents[2]


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
        if "sv_one" in texts and _fields(texts["sv_one"]) != _fields(texts["sv"]):
            problems.append(f"{key}: singular and plural have different placeholders")
    assert problems == []


def test_the_catalogues_are_complete_and_nothing_is_fuzzy() -> None:
    for lang in LANGUAGES:
        entries = [m for m in po_catalogue(lang) if m.id]
        assert len(entries) > 600
        assert [m.id for m in entries if m.fuzzy] == []
        empty = [m.id for m in entries if not all(m.string if m.pluralizable else [m.string])]
        assert empty == [], f"{lang}: untranslated"
        assert po_catalogue(lang).plural_forms == "nplurals=2; plural=(n != 1);"


def test_a_count_of_one_uses_the_singular() -> None:
    assert (
        t("sv", "answers.members.area", area="A", count=1, parties="Sala")
        == "I A deltar 1 kommun: Sala."
    )
    assert t("en", "answers.members.area", area="A", count=3, parties="…").startswith(
        "3 municipalities take"
    )


@pytest.mark.parametrize(
    ("lang", "key", "values", "text"),
    [
        (
            "sv",
            "answers.areas_of.some",
            {"party": "Sala", "count": 1},
            "Sala deltar i 1 fokusområde:",
        ),
        (
            "sv",
            "answers.areas_of.some",
            {"party": "Sala", "count": 2},
            "Sala deltar i 2 fokusområden:",
        ),
        (
            "en",
            "answers.areas_of.some",
            {"party": "Sala", "count": 1},
            "Sala takes part in 1 focus area:",
        ),
        ("sv", "answers.count.areas", {"count": 0}, "Nätverket har 0 aktiva fokusområden."),
        ("en", "answers.count.parties", {"network": "N", "count": 1}, "N has 1 party."),
        ("sv", "reminder.in_days", {"n": 1}, "om 1 dag"),
        ("en", "reminder.in_days", {"n": 5}, "in 5 days"),
    ],
)
def test_counted_messages_have_plural_forms(
    lang: str, key: str, values: dict[str, object], text: str
) -> None:
    assert t(lang, key, **values) == text


def test_no_counted_noun_is_left_without_a_plural_form() -> None:
    """ "deltar i 1 fokusområden": a number placeholder right before a noun that changes in the
    plural must be a plural message."""
    nouns = re.compile(
        r"\{(count|n)\} (\w+ )?(fokusområden|kommuner|parter|dagar|skolchefer|lärdomar|"
        r"påståenden|focus areas|municipalities|parties|days|school chiefs|lessons|"
        r"statements|participants|recipients|files)\b"
    )
    bad = [
        key
        for key, texts in catalogue().items()
        if "sv_one" not in texts and any(nouns.search(text) for text in texts.values())
    ]
    assert bad == []


def test_an_unknown_key_raises_and_an_unknown_language_falls_back_to_swedish() -> None:
    with pytest.raises(KeyError):
        t("sv", "no.such.key")
    assert t("de", "help.title") == t("sv", "help.title")


def test_no_message_has_a_raw_angle_bracket_that_slack_would_read_as_a_link() -> None:
    console_only = {"console.banner"}  # printed to a terminal, never sent to Slack
    raw = re.compile(r"<(?![@#!]|https?:|mailto:|\{)")
    bad = [
        key
        for key, texts in catalogue().items()
        if key not in console_only and any(raw.search(text) for text in texts.values())
    ]
    assert bad == []


def test_every_key_named_in_the_code_is_in_the_catalogue_and_every_message_is_used() -> None:
    """What `pybabel extract` finds is exactly the catalogue: no typo'd key in the code, and no
    message that `pybabel update` would mark obsolete."""
    known = known_keys()
    found: set[str] = set()
    for folder in ("bot", "handlers", "storage"):
        for path in (ROOT / folder).rglob("*.py"):
            found |= {key for _, key, _ in keys_in_source(path.read_text("utf-8"), {})}
            found |= {key for _, key, _ in keys_in_source(path.read_text("utf-8"), known)}
    assert sorted(found - set(known)) == []
    assert sorted(set(known) - found) == []


def test_a_compiled_mo_gives_the_same_texts_as_the_po() -> None:
    for lang in LANGUAGES:
        compiled = io.BytesIO()
        write_mo(compiled, po_catalogue(lang))
        compiled.seek(0)
        mo = Translations(compiled, domain="messages")
        for message in po_catalogue(lang):
            if not message.id:
                continue
            if message.pluralizable:
                key = message.id[0]
                assert mo.ngettext(key, key, 1) == message.string[0]
                assert mo.ngettext(key, key, 2) == message.string[1]
            else:
                assert mo.gettext(message.id) == message.string


@pytest.mark.skipif(
    shutil.which("pybabel", path=str(Path(sys.executable).parent)) is None,
    reason="pybabel not installed",
)
def test_the_documented_pybabel_workflow_keeps_every_message(tmp_path: Path) -> None:
    """extract → update → compile, as in the README, on a copy of the catalogues: nothing is
    lost, nothing becomes fuzzy, and the compiled .mo is what `t` then reads."""
    pybabel = str(Path(sys.executable).parent / "pybabel")
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    pot = locale / "messages.pot"

    def run(*args: str) -> None:
        subprocess.run([pybabel, *args], cwd=ROOT, check=True, capture_output=True)

    run("extract", "-F", "babel.cfg", "-o", str(pot), "--no-location", "--sort-by-file", ".")
    run("update", "-i", str(pot), "-d", str(locale), "-D", "messages", "--no-fuzzy-matching")
    run("compile", "-d", str(locale), "-D", "messages", "--statistics")
    for lang in LANGUAGES:
        with (locale / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
            updated = read_po(f, locale=lang)
        before = {m.id: m.string for m in po_catalogue(lang) if m.id}
        assert {m.id: m.string for m in updated if m.id} == before
        with (locale / lang / "LC_MESSAGES" / "messages.mo").open("rb") as f:
            mo = Translations(f, domain="messages")
        assert mo.gettext("help.title") == t(lang, "help.title")
