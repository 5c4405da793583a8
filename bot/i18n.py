"""The message catalogue: every text the bot shows, in Swedish and English.

Texts live in `bot/messages/<feature>.py` as `MESSAGES = {key: {"sv": ..., "en": ...}}`; this
module merges them into one catalogue and formats them. Handlers never hold literal text.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Any

import bot.messages

DEFAULT_LANGUAGE = "sv"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module_info in pkgutil.iter_modules(bot.messages.__path__):
        module = importlib.import_module(f"bot.messages.{module_info.name}")
        for key, texts in getattr(module, "MESSAGES", {}).items():
            if key in merged:
                raise KeyError(
                    f"message {key!r} is defined twice (bot/messages/{module_info.name})"
                )
            merged[key] = texts
    return merged


def t(lang: str, key: str, **values: Any) -> str:
    """The text for `key` in `lang` (falling back to Swedish), formatted with `values`.

    With `count=1`, a `<lang>_one` variant of the text is used when the catalogue has one.
    """
    texts = catalogue()[key]
    if values.get("count") == 1 and f"{lang}_one" in texts:  # "1 kommun", not "1 kommuner"
        return texts[f"{lang}_one"].format(**values)
    template = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    return template.format(**values) if values else template


def language_of_locale(locale: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """'en-US' -> 'en', 'sv-SE' -> 'sv'; anything else -> `default`."""
    if locale:
        prefix = locale.split("-")[0].split("_")[0].lower()
        if prefix in ("sv", "en"):
            return prefix
    return default
