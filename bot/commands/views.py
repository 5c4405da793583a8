"""Block Kit of `/samverkan` itself, pure (data in, dicts out): `hjälp` and `nätverk`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.blocks import Block, Reply, bullet_lines, context, esc, header, section
from bot.core.i18n import t


def build_help_message(lang: str, help_keys: list[str]) -> Reply:
    """`hjälp`: one line per subcommand (its `help.*` message), in help order."""
    lines = [t(lang, key) for key in help_keys]
    blocks = [
        header(t(lang, "help.title")),
        section(t(lang, "help.intro")),
        *bullet_lines([f"• {line}" for line in lines]),
        context(t(lang, "help.footer")),
    ]
    return Reply(text=t(lang, "help.title"), blocks=blocks)


@dataclass(frozen=True)
class NetworkLine:
    name: str
    slug: str
    current: bool = False  # the network the asker works on now


def build_networks_message(
    lang: str, networks: list[NetworkLine], choice: list[Block] | None = None
) -> Reply:
    """`nätverk`: the asker's networks, the current one marked, then `choice` (the blocks of
    the select to switch, when there is more than one)."""
    title = t(lang, "networks.title")
    lines = [
        t(
            lang,
            "networks.line_current" if n.current else "networks.line",
            name=esc(n.name),
            slug=n.slug,
        )
        for n in networks
    ]
    blocks = [header(title), *bullet_lines(lines)]
    if choice:
        blocks.extend(choice)
    blocks.append(context(t(lang, "networks.footer")))
    return Reply(text=title, blocks=blocks)
