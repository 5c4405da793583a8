"""`app_home_opened`: publish the viewer's Home tab (refreshing their cached locale)."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient

from bot.registry.home import publish_home


def app_home_opened(event: dict[str, Any], context: Any, client: WebClient) -> None:
    if event.get("tab", "home") != "home":
        return
    publish_home(context["core"], client, context["who"])  # its locale looked up afresh
