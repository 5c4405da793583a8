"""Build real, signed Slack requests for the bot's ``/slack/events`` endpoint.

The builders return :class:`SlackRequest` ``(body, content_type)`` pairs with
the payload shapes Slack actually sends (slash commands and interactivity are
form-encoded, Events API callbacks are JSON).  :func:`sign` adds the
``X-Slack-Signature`` / ``X-Slack-Request-Timestamp`` headers, and
:class:`SlackClient` POSTs the lot over HTTP::

    client = SlackClient(app_url, SIGNING_SECRET, response_url=fake.response_url())
    resp = client.command("hjälp", user="U0USER")
    assert resp.status == 200
    assert client.command("x", signature="v0=bad").status == 401
"""

from __future__ import annotations

import http.client
import itertools
import json
import re
import secrets
import threading
import time
import uuid
from dataclasses import dataclass
from email.message import Message
from typing import Any, NamedTuple
from urllib.parse import urlencode, urlsplit

from slack_sdk.signature import SignatureVerifier

from . import recorder

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

TEAM_ID = "T0001"
TEAM_DOMAIN = "example"
APP_ID = "A0001"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
DEFAULT_USER = "U0USER"
DEFAULT_CHANNEL = "C0GENERAL"
VERIFICATION_TOKEN = "verification-token"

_sequence = itertools.count(1)
_ts_lock = threading.Lock()
_last_ts_us = 0


class SlackRequest(NamedTuple):
    """An unsigned request body and its content type."""

    body: str
    content_type: str


# --- signing -------------------------------------------------------------------------


def sign(body: str, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """Return the ``X-Slack-*`` headers Slack would send with ``body``.

    ``timestamp`` defaults to now; pass an old one to build a replayed request.
    """
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": str(signature)}


# --- identifiers -----------------------------------------------------------------------


def new_ts() -> str:
    """A fresh, strictly increasing message timestamp such as ``"1718000000.000123"``."""
    global _last_ts_us
    with _ts_lock:
        _last_ts_us = max(int(time.time() * 1_000_000), _last_ts_us + 1)
        seconds, micros = divmod(_last_ts_us, 1_000_000)
    return f"{seconds}.{micros:06d}"


def new_trigger_id() -> str:
    """A trigger_id shaped like Slack's (``"12345.98765.abcdef..."``)."""
    return f"{int(time.time() * 1000)}.{next(_sequence)}.{secrets.token_hex(16)}"


def new_event_id() -> str:
    """An Events API ``event_id`` (``"Ev..."``)."""
    return "Ev" + secrets.token_hex(5).upper()


def new_response_url(team_id: str = TEAM_ID) -> str:
    """A hooks.slack.com ``response_url``; prefer ``FakeSlack.response_url()`` in tests."""
    return f"https://hooks.slack.com/commands/{team_id}/{next(_sequence)}/{secrets.token_hex(12)}"


# --- slash commands and events --------------------------------------------------------------


def slash_command(
    text: str,
    user_id: str = DEFAULT_USER,
    *,
    command: str = "/samverkan",
    channel_id: str = DEFAULT_CHANNEL,
    channel_name: str = "general",
    team_id: str = TEAM_ID,
    team_domain: str = TEAM_DOMAIN,
    user_name: str | None = None,
    api_app_id: str = APP_ID,
    trigger_id: str | None = None,
    response_url: str | None = None,
) -> SlackRequest:
    """A slash command invocation, form-encoded with every field Slack sends."""
    fields = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": team_domain,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_name or user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": api_app_id,
        "is_enterprise_install": "false",
        "response_url": response_url or new_response_url(team_id),
        "trigger_id": trigger_id or new_trigger_id(),
    }
    return SlackRequest(urlencode(fields), FORM)


def event_callback(
    event: dict[str, Any],
    *,
    event_id: str | None = None,
    team_id: str = TEAM_ID,
    api_app_id: str = APP_ID,
    event_time: int | None = None,
) -> SlackRequest:
    """Wrap an event in the Events API ``event_callback`` envelope (JSON)."""
    envelope = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "context_team_id": team_id,
        "context_enterprise_id": None,
        "api_app_id": api_app_id,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or new_event_id(),
        "event_time": event_time or int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{secrets.token_hex(16)}",
    }
    return SlackRequest(json.dumps(envelope), JSON)


def url_verification(challenge: str = "challenge-token") -> SlackRequest:
    """The handshake Slack sends when the Request URL is configured."""
    body = {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}
    return SlackRequest(json.dumps(body), JSON)


def rich_text_blocks(text: str) -> list[dict[str, Any]]:
    """The ``rich_text`` block Slack attaches to user messages, with ``<@U..>`` as user elements."""
    elements: list[dict[str, Any]] = []
    for part in re.split(r"(<@[UW][A-Z0-9]+>)", text):
        mention = re.fullmatch(r"<@([UW][A-Z0-9]+)>", part)
        if mention:
            elements.append({"type": "user", "user_id": mention.group(1)})
        elif part:
            elements.append({"type": "text", "text": part})
    section = {"type": "rich_text_section", "elements": elements}
    return [{"type": "rich_text", "block_id": secrets.token_hex(3), "elements": [section]}]


def message_event(
    text: str,
    user: str = DEFAULT_USER,
    channel: str = DEFAULT_CHANNEL,
    ts: str | None = None,
    thread_ts: str | None = None,
    *,
    channel_type: str = "channel",
    team_id: str = TEAM_ID,
) -> dict[str, Any]:
    """A ``message`` event as posted by a human in a channel."""
    ts = ts or new_ts()
    event: dict[str, Any] = {
        "type": "message",
        "user": user,
        "text": text,
        "ts": ts,
        "team": team_id,
        "client_msg_id": str(uuid.uuid4()),
        "blocks": rich_text_blocks(text),
        "channel": channel,
        "event_ts": ts,
        "channel_type": channel_type,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def message_im(
    text: str,
    user: str = DEFAULT_USER,
    channel: str | None = None,
    ts: str | None = None,
    thread_ts: str | None = None,
) -> dict[str, Any]:
    """A ``message.im`` event: ``user`` writing to the bot in their DM (``"D" + user``)."""
    return message_event(text, user, channel or "D" + user, ts, thread_ts, channel_type="im")


def app_mention(
    text: str,
    user: str = DEFAULT_USER,
    channel: str = DEFAULT_CHANNEL,
    ts: str | None = None,
    thread_ts: str | None = None,
) -> dict[str, Any]:
    """An ``app_mention`` event; ``text`` should contain ``<@UBOT>`` like the real one."""
    event = message_event(text, user, channel, ts, thread_ts)
    event["type"] = "app_mention"
    del event["channel_type"]
    return event


def app_home_opened(
    user: str = DEFAULT_USER, *, tab: str = "home", view: dict[str, Any] | None = None
) -> dict[str, Any]:
    """An ``app_home_opened`` event (``view`` is present once a Home was published)."""
    event: dict[str, Any] = {
        "type": "app_home_opened",
        "user": user,
        "channel": "D" + user,
        "tab": tab,
        "event_ts": new_ts(),
    }
    if view is not None:
        event["view"] = view
    return event


def file_shared(
    file_id: str = "F0000001",
    user_id: str = DEFAULT_USER,
    channel_id: str = DEFAULT_CHANNEL,
) -> dict[str, Any]:
    """A ``file_shared`` event (Slack only sends the file id; fetch details via files.info)."""
    return {
        "type": "file_shared",
        "channel_id": channel_id,
        "file_id": file_id,
        "user_id": user_id,
        "file": {"id": file_id},
        "event_ts": new_ts(),
    }


# --- interactivity ---------------------------------------------------------------------------


def _user(user_id: str, team_id: str) -> dict[str, str]:
    return {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id}


def _team(team_id: str) -> dict[str, str]:
    return {"id": team_id, "domain": TEAM_DOMAIN}


def _interactive(payload: dict[str, Any]) -> SlackRequest:
    """Interactivity payloads travel as a form field ``payload=<json>``."""
    return SlackRequest(urlencode({"payload": json.dumps(payload)}), FORM)


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text, "emoji": True}


def option(value: str, text: str | None = None) -> dict[str, Any]:
    """A select/checkbox option object."""
    return {"text": _plain(text or value), "value": value}


def _as_option(value: str | dict[str, Any]) -> dict[str, Any]:
    return option(value) if isinstance(value, str) else value


def state_input(value: Any, *, type: str = "plain_text_input") -> dict[str, Any]:
    """One ``state.values[block_id][action_id]`` entry, shaped for the element ``type``.

    E.g. ``state_input("2024-05-01", type="datepicker")`` or
    ``state_input(["a", "b"], type="checkboxes")``.
    """
    keys = {
        "datepicker": "selected_date",
        "timepicker": "selected_time",
        "users_select": "selected_user",
        "conversations_select": "selected_conversation",
        "channels_select": "selected_channel",
        "multi_users_select": "selected_users",
        "multi_conversations_select": "selected_conversations",
    }
    entry: dict[str, Any] = {"type": type}
    if type in ("static_select", "external_select", "radio_buttons"):
        entry["selected_option"] = None if value is None else _as_option(value)
    elif type in ("checkboxes", "multi_static_select", "multi_external_select"):
        entry["selected_options"] = [_as_option(v) for v in value or []]
    else:
        entry[keys.get(type, "value")] = value
    return entry


def _view(view: dict[str, Any], team_id: str) -> dict[str, Any]:
    """Fill in the fields Slack includes in every view object of a payload."""
    view_id = view.get("id") or "V0VIEW00001"
    full: dict[str, Any] = {
        "id": view_id,
        "team_id": team_id,
        "type": "modal",
        "blocks": [],
        "private_metadata": "",
        "callback_id": "",
        "state": {"values": {}},
        "hash": f"{int(time.time())}.{secrets.token_hex(4)}",
        "title": _plain("Samverkan"),
        "clear_on_close": False,
        "notify_on_close": False,
        "close": None,
        "submit": None,
        "previous_view_id": None,
        "root_view_id": view_id,
        "app_id": APP_ID,
        "external_id": "",
        "app_installed_team_id": team_id,
        "bot_id": BOT_ID,
    }
    full.update(view)
    return full


def _action(
    action_id: str,
    block_id: str,
    value: str | None,
    action_type: str | None,
    selected_option: str | dict[str, Any] | None,
    selected_options: list[str | dict[str, Any]] | None,
    selected_user: str | None,
) -> dict[str, Any]:
    action: dict[str, Any] = {"action_id": action_id, "block_id": block_id, "action_ts": new_ts()}
    if selected_option is not None:
        action.update(
            type=action_type or "static_select", selected_option=_as_option(selected_option)
        )
    elif selected_options is not None:
        options = [_as_option(o) for o in selected_options]
        action.update(type=action_type or "multi_static_select", selected_options=options)
    elif selected_user is not None:
        action.update(type=action_type or "users_select", selected_user=selected_user)
    else:
        action.update(type=action_type or "button", text=_plain("Button"))
        if value is not None:
            action["value"] = value
    return action


def block_actions(
    user_id: str,
    action_id: str,
    value: str | None = None,
    *,
    block_id: str = "actions",
    action_type: str | None = None,
    view: dict[str, Any] | None = None,
    message: dict[str, Any] | None = None,
    channel_id: str | None = None,
    trigger_id: str | None = None,
    response_url: str | None = None,
    selected_option: str | dict[str, Any] | None = None,
    selected_options: list[str | dict[str, Any]] | None = None,
    selected_user: str | None = None,
    state_values: dict[str, Any] | None = None,
    team_id: str = TEAM_ID,
    api_app_id: str = APP_ID,
) -> SlackRequest:
    """A ``block_actions`` payload: a button click or select in a message or a view.

    With ``view`` the action comes from a modal/Home (container type ``view``);
    otherwise from ``message`` (a bot message in ``channel_id`` by default).
    The action type is inferred: ``selected_option`` → static_select,
    ``selected_options`` → multi_static_select, ``selected_user`` → users_select,
    else button.  Options may be given as plain value strings.
    """
    action = _action(
        action_id, block_id, value, action_type, selected_option, selected_options, selected_user
    )
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": _user(user_id, team_id),
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "team": _team(team_id),
        "enterprise": None,
        "is_enterprise_install": False,
        "actions": [action],
    }
    if view is not None:
        full_view = _view(view, team_id)
        if state_values is not None:
            full_view["state"] = {"values": state_values}
        payload.update(container={"type": "view", "view_id": full_view["id"]}, view=full_view)
        return _interactive(payload)
    channel = channel_id or DEFAULT_CHANNEL
    message = message or {
        "type": "message",
        "subtype": "bot_message",
        "text": "",
        "user": BOT_USER_ID,
        "bot_id": BOT_ID,
        "ts": new_ts(),
        "blocks": [],
    }
    payload.update(
        container={
            "type": "message",
            "message_ts": message["ts"],
            "channel_id": channel,
            "is_ephemeral": False,
        },
        channel={"id": channel, "name": channel.lower()},
        message=message,
        state={"values": state_values or {}},
        response_url=response_url or new_response_url(team_id),
    )
    return _interactive(payload)


def view_submission(
    user_id: str,
    callback_id: str,
    values: dict[str, Any],
    *,
    private_metadata: str = "",
    view_id: str = "V0VIEW00001",
    hash: str | None = None,
    blocks: list[dict[str, Any]] | None = None,
    title: str = "Samverkan",
    external_id: str = "",
    trigger_id: str | None = None,
    response_urls: list[dict[str, Any]] | None = None,
    team_id: str = TEAM_ID,
    api_app_id: str = APP_ID,
) -> SlackRequest:
    """A ``view_submission`` payload; ``values`` is the ``state.values`` mapping.

    Build entries with :func:`state_input`, e.g.
    ``{"title_block": {"title": state_input("Möte")}}``.
    """
    view = _view(
        {
            "id": view_id,
            "callback_id": callback_id,
            "private_metadata": private_metadata,
            "state": {"values": values},
            "blocks": blocks or [],
            "title": _plain(title),
            "submit": _plain("Skicka"),
            "close": _plain("Avbryt"),
            "external_id": external_id,
            **({"hash": hash} if hash else {}),
        },
        team_id,
    )
    payload = {
        "type": "view_submission",
        "team": _team(team_id),
        "user": _user(user_id, team_id),
        "api_app_id": api_app_id,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "view": view,
        "response_urls": response_urls or [],
        "is_enterprise_install": False,
        "enterprise": None,
    }
    return _interactive(payload)


def message_action(
    user_id: str,
    callback_id: str,
    message: dict[str, Any],
    channel_id: str = DEFAULT_CHANNEL,
    *,
    trigger_id: str | None = None,
    response_url: str | None = None,
    team_id: str = TEAM_ID,
) -> SlackRequest:
    """A message shortcut (``message_action``) invoked on ``message`` in ``channel_id``."""
    payload = {
        "type": "message_action",
        "token": VERIFICATION_TOKEN,
        "action_ts": new_ts(),
        "team": _team(team_id),
        "user": _user(user_id, team_id),
        "channel": {"id": channel_id, "name": channel_id.lower()},
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": trigger_id or new_trigger_id(),
        "response_url": response_url or new_response_url(team_id),
        "message_ts": message.get("ts", ""),
        "message": message,
    }
    return _interactive(payload)


def global_shortcut(
    user_id: str, callback_id: str, *, trigger_id: str | None = None, team_id: str = TEAM_ID
) -> SlackRequest:
    """A global shortcut (``shortcut``) invoked from the composer or search."""
    payload = {
        "type": "shortcut",
        "token": VERIFICATION_TOKEN,
        "action_ts": new_ts(),
        "team": _team(team_id),
        "user": _user(user_id, team_id),
        "is_enterprise_install": False,
        "enterprise": None,
        "callback_id": callback_id,
        "trigger_id": trigger_id or new_trigger_id(),
    }
    return _interactive(payload)


# --- HTTP client -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HttpResult:
    """What the bot answered: ``status``, ``headers`` (case-insensitive) and ``text``."""

    status: int
    headers: Message
    text: str

    def json(self) -> Any:
        """The body decoded as JSON."""
        return json.loads(self.text)


class SlackClient:
    """Sends signed requests to a bot's ``/slack/events`` like Slack's servers do.

    Every sending method accepts ``signature=`` (forge it, e.g. ``"v0=bad"``),
    ``timestamp=`` (e.g. ``int(time.time()) - 600`` for a stale request; the
    body is then signed with that timestamp) and ``headers=`` (extra headers).
    """

    def __init__(
        self,
        base_url: str,
        signing_secret: str,
        *,
        response_url: str | None = None,
        path: str = "slack/events",
        timeout: float = 10.0,
    ) -> None:
        """``base_url`` like ``"http://127.0.0.1:3000/"``; ``response_url`` is put in payloads."""
        self.url = base_url.rstrip("/") + "/" + path.lstrip("/")
        self.signing_secret = signing_secret
        self.response_url = response_url
        self.timeout = timeout

    def send(
        self,
        request: SlackRequest,
        *,
        signature: str | None = None,
        timestamp: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> HttpResult:
        """Sign ``request`` and POST it."""
        all_headers = {"Content-Type": request.content_type}
        all_headers.update(sign(request.body, self.signing_secret, timestamp))
        if signature is not None:
            all_headers["X-Slack-Signature"] = signature
        all_headers.update(headers or {})
        return self.post_raw(request.body, all_headers)

    def post_raw(self, body: str | bytes, headers: dict[str, str]) -> HttpResult:
        """POST ``body`` with exactly ``headers`` (no signing)."""
        parts = urlsplit(self.url)
        conn_class = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        conn = conn_class(parts.netloc, timeout=self.timeout)
        data = body.encode("utf-8") if isinstance(body, str) else body
        try:
            conn.request("POST", parts.path or "/", body=data, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            recorder.record_http(
                body, headers, parts.path, response.status, response.getheader("Content-Type"), text
            )
            return HttpResult(response.status, response.headers, text)
        finally:
            conn.close()

    def command(
        self,
        text: str,
        user: str = DEFAULT_USER,
        *,
        signature: str | None = None,
        timestamp: int | None = None,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> HttpResult:
        """Send a slash command; ``kwargs`` go to :func:`slash_command`."""
        kwargs.setdefault("response_url", self.response_url)
        request = slash_command(text, user, **kwargs)
        return self.send(request, signature=signature, timestamp=timestamp, headers=headers)

    def event(
        self,
        event: dict[str, Any],
        retry_num: int | None = None,
        retry_reason: str | None = None,
        event_id: str | None = None,
        *,
        signature: str | None = None,
        timestamp: int | None = None,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> HttpResult:
        """Deliver an event; ``retry_num``/``retry_reason`` mimic Slack's redeliveries."""
        extra = dict(headers or {})
        if retry_num is not None:
            extra["X-Slack-Retry-Num"] = str(retry_num)
            extra["X-Slack-Retry-Reason"] = retry_reason or "http_timeout"
        request = event_callback(event, event_id=event_id, **kwargs)
        return self.send(request, signature=signature, timestamp=timestamp, headers=extra)

    def action(
        self,
        user: str,
        action_id: str,
        value: str | None = None,
        *,
        signature: str | None = None,
        timestamp: int | None = None,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> HttpResult:
        """Send ``block_actions``; ``kwargs`` go to :func:`block_actions`."""
        kwargs.setdefault("response_url", self.response_url)
        request = block_actions(user, action_id, value, **kwargs)
        return self.send(request, signature=signature, timestamp=timestamp, headers=headers)

    def submit(
        self,
        user: str,
        callback_id: str,
        values: dict[str, Any],
        *,
        signature: str | None = None,
        timestamp: int | None = None,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> HttpResult:
        """Send ``view_submission``; ``kwargs`` go to :func:`view_submission`."""
        request = view_submission(user, callback_id, values, **kwargs)
        return self.send(request, signature=signature, timestamp=timestamp, headers=headers)

    def shortcut(
        self,
        user: str,
        callback_id: str,
        message: dict[str, Any],
        channel_id: str = DEFAULT_CHANNEL,
        *,
        signature: str | None = None,
        timestamp: int | None = None,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> HttpResult:
        """Send a message shortcut; ``kwargs`` go to :func:`message_action`."""
        kwargs.setdefault("response_url", self.response_url)
        request = message_action(user, callback_id, message, channel_id, **kwargs)
        return self.send(request, signature=signature, timestamp=timestamp, headers=headers)
