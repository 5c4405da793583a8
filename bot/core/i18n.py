"""The message catalogue: every text the bot shows, in Swedish and English, as gettext catalogues.

The texts live in `bot/locale/<lang>/LC_MESSAGES/messages.po` (Swedish is the default, English
the other), one entry per message key: `msgid "area.none"`, `msgstr "…"`. A message that counts
something has plural forms (`msgid_plural`, `msgstr[0]` for one, `msgstr[1]` for more), chosen
by the catalogue's `Plural-Forms` rule from `n=` or `count=`. Handlers never hold literal text:
they call `t(lang, key, **values)`, and the text is formatted with `str.format(**values)`.

The catalogues are read through the standard `gettext` machinery (Babel's `Translations`). A
compiled `messages.mo` beside the `.po` is used when it is at least as new (`pybabel compile`);
otherwise the `.po` is compiled in memory on first use, so a fresh checkout or install works
without a build step. README, "Messages and languages", has the `pybabel` commands.
"""

from __future__ import annotations

import io
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DEFAULT_LANGUAGE = "sv"
LANGUAGES = ("sv", "en")
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


def po_file(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def po_catalogue(lang: str) -> Catalog:
    """The `.po` file of `lang` as a Babel catalogue (the source of every text)."""
    with po_file(lang).open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


@cache
def translations(lang: str) -> Translations:
    """The gettext translations of `lang`: the compiled `.mo` if it is up to date, else the
    `.po` compiled in memory."""
    po = po_file(lang)
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as f:
            return Translations(f, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, po_catalogue(lang))
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message as `{key: {"sv": …, "en": …}}`; a plural message also has `sv_one` and
    `en_one` (its singular), with `sv`/`en` the plural."""
    merged: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        for message in po_catalogue(lang):
            if not message.id:
                continue  # the header
            if message.pluralizable:
                key = message.id[0]
                one, *_, other = message.string
                merged.setdefault(key, {})[lang] = other
                merged[key][f"{lang}_one"] = one
            else:
                merged.setdefault(message.id, {})[lang] = message.string
    return merged


@lru_cache(maxsize=8192)
def _text(lang: str, key: str, n: int | None) -> str | None:
    translation = translations(lang)
    # A plural entry is only found by ngettext, a singular one only by gettext; gettext returns
    # its argument unchanged when the catalogue has no such entry.
    text = translation.ngettext(key, key, 2 if n is None else n)
    if text != key:
        return text
    text = translation.gettext(key)
    return text if text != key else None


def t(lang: str, key: str, **values: Any) -> str:
    """The text for `key` in `lang` (falling back to Swedish), formatted with `values`.

    A plural message takes its form from `n=` or else `count=` (both are also placeholders):
    `t("sv", "answers.count.areas", count=1)` is "Nätverket har 1 aktivt fokusområde.".
    An unknown key raises KeyError.
    """
    number = values.get("n", values.get("count"))
    n = number if isinstance(number, int) and not isinstance(number, bool) else None
    template = _text(lang if lang in LANGUAGES else DEFAULT_LANGUAGE, key, n)
    if template is None and lang != DEFAULT_LANGUAGE:
        template = _text(DEFAULT_LANGUAGE, key, n)
    if template is None:
        raise KeyError(key)
    return template.format(**values) if values else template


def language_of_locale(locale: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """'en-US' -> 'en', 'sv-SE' -> 'sv'; anything else -> `default`."""
    if locale:
        prefix = locale.split("-")[0].split("_")[0].lower()
        if prefix in ("sv", "en"):
            return prefix
    return default
