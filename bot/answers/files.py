"""Documents added by sharing a file with the bot in a DM (coordinators only).

Plain text, Markdown and PDF (pypdf) files become a document split into sections, searchable
by the answerer at once. The file is fetched with the bot token from Slack's file host only
(files.slack.com, or the host of SLACK_API_URL for a local or test API), never from elsewhere.
"""

from __future__ import annotations

import logging
import urllib.request
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import permissions
from bot.core.actor import Who
from bot.core.blocks import esc
from bot.core.i18n import t
from bot.core.runtime import Core
from storage import dedupe, documents

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
TEXT_TYPES = frozenset({"text", "markdown", "md", "plain", "pdf", "post"})
FILE_HOSTS = frozenset({"files.slack.com"})


class FileRefused(Exception):
    """The file cannot be added; `key` and `values` name the message to show."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


def _supported(info: dict[str, Any]) -> bool:
    name = str(info.get("name") or "").lower()
    if name.endswith((*TEXT_SUFFIXES, ".pdf")):
        return True
    return str(info.get("filetype") or "").lower() in TEXT_TYPES


def _allowed_host(url: str, core: Core) -> bool:
    host = urlsplit(url).hostname or ""
    api_host = urlsplit(core.settings.slack_api_url).hostname or ""
    return host in FILE_HOSTS or (bool(api_host) and host == api_host)


def download(core: Core, url: str) -> bytes:
    """The file's bytes, fetched with the bot token (Slack requires it for private files)."""
    if not url.startswith(("https://", "http://")) or not _allowed_host(url, core):
        raise FileRefused("docs.failed", reason="unexpected file address")
    request = urllib.request.Request(
        url, headers={"Authorization": f"Bearer {core.settings.slack_bot_token}"}
    )
    with urllib.request.urlopen(request, timeout=20) as response:
        data = response.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise FileRefused("docs.too_large", limit=MAX_FILE_BYTES // (1024 * 1024))
    return data


def add_shared_file(
    core: Core,
    client: WebClient,
    who: Who | None,
    *,
    event: dict[str, Any],
    event_id: str | None,
    bot_user_id: str | None,
) -> str | None:
    """Handle a `file_shared` event; returns the message key it answered with (None: ignored)."""
    user = event.get("user_id") or ""
    channel = event.get("channel_id") or ""
    file_id = event.get("file_id") or (event.get("file") or {}).get("id") or ""
    # Only files shared with the bot in its DM; files in channels are none of its business.
    if who is None or not user or not file_id or user == bot_user_id or not channel.startswith("D"):
        return None
    with core.db.session() as session:
        keys = [f"event:{event_id}" if event_id else "", f"file:{file_id}:{channel}"]
        if not dedupe.claim(keys, session=session, now=core.now()):
            return None
        acting = who.get(session)
        actor, network_id = acting.actor, acting.network.id
    lang = actor.lang
    if not permissions.may_add_document(actor):
        _say(client, channel, t(lang, "docs.refused"))
        return "docs.refused"
    name = file_id
    try:
        info = client.files_info(file=file_id)["file"]
        name = str(info.get("name") or info.get("title") or file_id)
        if not _supported(info):
            raise FileRefused("docs.unsupported")
        if int(info.get("size") or 0) > MAX_FILE_BYTES:
            raise FileRefused("docs.too_large", limit=MAX_FILE_BYTES // (1024 * 1024))
        url = str(info.get("url_private_download") or info.get("url_private") or "")
        data = download(core, url)
        text = documents.read_text_bytes(name, data)
        title = str(info.get("title") or "").strip() or PurePosixPath(name).stem
        with core.db.session() as session:
            doc, changed = documents.add_document(
                session=session,
                network_id=network_id,  # type: ignore[arg-type]
                title=title,
                text=text,
                source=f"Slack: {name}",
                actor=user,
            )
            count = len(documents.sections_of(session=session, document_id=doc.id))
        key = "docs.added" if changed else "docs.unchanged"
        _say(client, channel, t(lang, key, title=esc(doc.title), sections=count))
        return key
    except FileRefused as refused:
        values = {"name": esc(name), **refused.values}
        _say(client, channel, t(lang, refused.key, **values))
        return refused.key
    except (documents.DocumentError, ValueError, OSError, SlackApiError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        if isinstance(error, SlackApiError):
            reason = str(error.response.get("error"))
        log.warning("could not add shared file %s: %s", file_id, reason)
        _say(client, channel, t(lang, "docs.failed", name=esc(name), reason=esc(reason[:200])))
        return "docs.failed"


def _say(client: WebClient, channel: str, text: str) -> None:
    try:
        client.chat_postMessage(channel=channel, text=text)
    except SlackApiError as error:
        log.warning("could not answer in %s: %s", channel, error.response.get("error"))
