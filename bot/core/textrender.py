"""Block Kit rendered as plain text, for the console: what Slack would show, in a terminal."""

from __future__ import annotations

import re
from typing import Any

_LINK = re.compile(r"<([@#!])?([^>|]+)(?:\|([^>]+))?>")


def mrkdwn_to_text(text: str) -> str:
    """Slack mrkdwn to terminal text: <@U1> -> @U1, <#C1> -> #C1, <url|label> -> label (url)."""

    def link(match: re.Match[str]) -> str:
        sigil, target, label = match.groups()
        if sigil in ("@", "#"):
            return f"{sigil}{label or target}"
        if sigil == "!":
            return f"@{target}"
        return f"{label} ({target})" if label else target

    text = _LINK.sub(link, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def render_blocks(blocks: list[dict[str, Any]], fallback: str = "") -> str:
    if not blocks:
        return mrkdwn_to_text(fallback)
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = block["text"]["text"]
            lines += ["", title, "=" * min(len(title), 60)]
        elif kind == "section":
            if block.get("text"):
                lines.append(mrkdwn_to_text(block["text"]["text"]))
            for f in block.get("fields", []):
                lines.append(mrkdwn_to_text(f["text"]))
            accessory = block.get("accessory")
            if accessory and accessory.get("type") == "button":
                lines.append(f"  [{accessory['text']['text']}]")
        elif kind == "context":
            lines.append(
                "  " + "  ".join(mrkdwn_to_text(e.get("text", "")) for e in block["elements"])
            )
        elif kind == "divider":
            lines.append("-" * 40)
        elif kind == "actions":
            buttons = [f"[{e['text']['text']}]" for e in block["elements"] if e.get("text")]
            lines.append("  " + " ".join(buttons))
        elif kind == "rich_text":
            lines.append(mrkdwn_to_text(str(block)))
    return "\n".join(lines).strip("\n")
