"""A Babel extraction method for the bot's message keys (`pybabel extract -F babel.cfg`).

The bot names its messages by key, so the extractor yields keys, not sentences. From Python
source it takes:

* `t(lang, "key", ...)`: the second argument of a call to `t`;
* `request.t("key", ...)`, `q.t("key", ...)`: the first argument of a method named `t`;
* `N_("key")`: gettext's marker for a key used later;
* any other string constant that is already a key of the catalogue (keys handed around as
  values: `Refusal("refused.not_registered")`, `Subcommand(..., "help.join")`);
* an f-string key with a literal prefix (`f"role.{role}"`, `f"export.col_{column}"`): every
  catalogue key with that prefix.

A new key (not yet in the `.po` files) is plural when its call has `count=` or `n=`; a known key
keeps the form its `.po` entry has, so `pybabel update` never turns a heading into a plural.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Iterator, Mapping
from functools import cache
from typing import IO, Any

from bot.core.i18n import DEFAULT_LANGUAGE, po_catalogue

PLURAL_KEYWORDS = frozenset({"count", "n"})
_KEY_PREFIX = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9_.]*$")

Extracted = tuple[int, str, str | tuple[str, str], list[str]]


@cache
def known_keys() -> dict[str, bool]:
    """The keys of the Swedish catalogue, each with whether it is plural."""

    return {
        (m.id[0] if m.pluralizable else m.id): m.pluralizable
        for m in po_catalogue(DEFAULT_LANGUAGE)
        if m.id
    }


def _string(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _plural(call: ast.Call) -> bool:
    for keyword in call.keywords:
        if keyword.arg in PLURAL_KEYWORDS:
            return True
        if keyword.arg == "plural" and isinstance(keyword.value, ast.Constant):
            return bool(keyword.value.value)
    return False


def keys_in_source(source: str, known: Mapping[str, bool]) -> Iterator[tuple[int, str, bool]]:
    """(line, key, plural) for every message key the Python source names."""
    tree = ast.parse(source)
    called: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function, arg = node.func, None
            name = getattr(function, "id", None)
            method = isinstance(function, ast.Attribute) and function.attr == "t"
            if name == "t" and len(node.args) >= 2:
                arg = node.args[1]  # t(lang, "key")
            elif (method or name == "N_") and node.args:
                arg = node.args[0]  # request.t("key"), N_("key")
            key = _string(arg)
            if key:
                called.add(id(arg))
                yield node.lineno, key, known.get(key, _plural(node))
        elif isinstance(node, ast.JoinedStr) and node.values:
            prefix = _string(node.values[0])
            if prefix and _KEY_PREFIX.match(prefix):
                for key, plural in known.items():
                    if key.startswith(prefix):
                        yield node.lineno, key, plural
    for node in ast.walk(tree):
        value = _string(node)
        if value in known and id(node) not in called:
            yield node.lineno, value, known[value]  # type: ignore[misc]


def extract(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Babel's extraction-method interface (`[extractors]` in babel.cfg)."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for line, key, plural in sorted(set(keys_in_source(source, known_keys()))):
        # Named as gettext's own functions, whose argument specs Babel knows by default.
        if plural:
            yield line, "ngettext", (key, key), []
        else:
            yield line, "gettext", key, []
