"""Self-tests proving the Slack stand-in behaves like Slack where the bot relies on it."""

from __future__ import annotations

import threading
import time
import types
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from slack_bolt import App, BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import builtin_handlers
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier

from .blockkit import validate_blocks, validate_view
from .server import FakeSlack
from .signing import SlackClient, app_mention, sign, slash_command, state_input

SECRET = "test-signing-secret"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake.url)


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def test_post_message_is_recorded_with_realistic_answer(fake: FakeSlack, client: WebClient) -> None:
    response = client.chat_postMessage(channel="C0GENERAL", text="Hej!", blocks=[_section("Hej!")])

    [call] = fake.wait_for("chat.postMessage")
    assert call.ok and call.token == "xoxb-test"
    assert call.params["text"] == "Hej!" and call.blocks == [_section("Hej!")]
    assert response["channel"] == "C0GENERAL"
    assert response["ts"].split(".")[1].isdigit() and len(response["ts"].split(".")[1]) == 6
    assert response["message"]["text"] == "Hej!"
    assert fake.violations == []


def test_invalid_token_is_rejected(fake: FakeSlack) -> None:
    with pytest.raises(SlackApiError) as info:
        WebClient(token="bogus", base_url=fake.url).auth_test()
    assert info.value.response["error"] == "invalid_auth"


def test_51_blocks_are_rejected_like_slack(fake: FakeSlack, client: WebClient) -> None:
    blocks = [_section(f"rad {i}") for i in range(51)]

    with pytest.raises(SlackApiError) as info:
        client.chat_postMessage(channel="C0GENERAL", text="för många", blocks=blocks)

    assert info.value.response["error"] == "invalid_blocks"
    assert fake.violations == ["chat.postMessage: 51 blocks, max 50 in a message"]
    assert fake.successful("chat.postMessage") == []
    assert validate_blocks(blocks[:50], "message") == []
    assert validate_blocks(blocks, "modal") == []


def test_validator_catches_common_mistakes() -> None:
    blocks = [
        {"type": "header", "block_id": "a", "text": {"type": "plain_text", "text": "x" * 151}},
        {"type": "section", "block_id": "a", "text": {"type": "mrkdwn", "text": ""}},
        {"type": "sektion"},
    ]
    errors = validate_blocks(blocks, "message")
    assert len(errors) == 4, errors
    view = {"type": "modal", "title": {"type": "plain_text", "text": "En alldeles för lång titel"}}
    assert validate_view({**view, "blocks": []}, "modal") == ["view.title: 26 characters, max 24"]


def test_429_with_retry_after_is_retried_by_slack_sdk(
    fake: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    monkeypatch.setattr(builtin_handlers, "time", types.SimpleNamespace(sleep=slept.append))
    client = WebClient(
        token="xoxb-test",
        base_url=fake.url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    fake.fail("chat.postMessage", status=429, retry_after=3)

    client.chat_postMessage(channel="C0GENERAL", text="hej")

    assert [c.status for c in fake.calls("chat.postMessage")] == [429, 200]
    assert len(fake.successful("chat.postMessage")) == 1
    assert len(slept) == 1 and 3 <= slept[0] < 4  # honoured Retry-After


def test_error_faults_and_forever(fake: FakeSlack, client: WebClient) -> None:
    fake.fail("chat.postMessage", error="is_archived", when=lambda p: p["channel"] == "C0OLD")
    fake.fail_forever("users.info", status=503)

    with pytest.raises(SlackApiError, match="is_archived"):
        client.chat_postMessage(channel="C0OLD", text="hej")
    client.chat_postMessage(channel="C0OLD", text="hej")  # fault used up
    for _ in range(2):
        with pytest.raises(SlackApiError):
            client.users_info(user="U1")
    fake.reset_faults()
    assert client.users_info(user="U1", include_locale=True)["user"]["locale"] == "sv-SE"


def test_upload_v2_flow_stores_bytes(fake: FakeSlack, client: WebClient) -> None:
    response = client.files_upload_v2(
        content=b"rapport,1\n", filename="rapport.csv", channel="C0GENERAL", initial_comment="Här"
    )

    file_id = response["file"]["id"]
    assert fake.uploads[file_id] == b"rapport,1\n"
    assert fake.files[file_id]["filename"] == "rapport.csv"
    assert fake.files[file_id]["channel_id"] == "C0GENERAL"
    assert fake.files[file_id]["initial_comment"] == "Här"
    assert [c.method for c in fake.calls()] == [
        "files.getUploadURLExternal",
        "upload",
        "files.completeUploadExternal",
    ]
    assert fake.violations == []


def test_history_returns_posted_messages_with_metadata(fake: FakeSlack, client: WebClient) -> None:
    metadata = {"event_type": "meeting_created", "event_payload": {"meeting_id": 7}}
    first = client.chat_postMessage(channel="C1", text="ett", metadata=metadata)["ts"]
    second = client.chat_postMessage(channel="C1", text="två")["ts"]
    client.chat_postMessage(channel="C2", text="annan kanal")

    history = client.conversations_history(channel="C1", include_all_metadata=True)
    assert [m["text"] for m in history["messages"]] == ["två", "ett"]
    assert history["messages"][1]["metadata"] == metadata
    plain = client.conversations_history(channel="C1", oldest=first)
    assert [m["ts"] for m in plain["messages"]] == [second]
    assert "metadata" not in client.conversations_history(channel="C1")["messages"][1]


def test_rate_per_channel_is_measured(fake: FakeSlack, client: WebClient) -> None:
    for _ in range(3):
        client.chat_postMessage(channel="C1", text="snabbt")
    client.chat_postMessage(channel="U7", text="dm")
    assert fake.max_rate_per_channel() == {"C1": 3, "DU7": 1}


def test_wait_for_timeout_explains_what_arrived(fake: FakeSlack, client: WebClient) -> None:
    client.auth_test()
    with pytest.raises(AssertionError, match=r"auth\.test -> 200 ok"):
        fake.wait_for("chat.postMessage", timeout=0.05)
    fake.assert_no_call("chat.postMessage", within=0.01)


def test_signed_request_verifies() -> None:
    request = slash_command("hjälp", "U0USER")
    headers = sign(request.body, SECRET)

    verifier = SignatureVerifier(SECRET)
    assert verifier.is_valid_request(request.body, headers)
    assert not SignatureVerifier("other-secret").is_valid_request(request.body, headers)
    stale = sign(request.body, SECRET, timestamp=int(time.time()) - 600)
    assert not verifier.is_valid_request(request.body, stale)


# --- end to end: SlackClient -> bolt App -> WebClient -> FakeSlack ---------------------------


def _serve_bolt(app: App) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
            bolt = app.dispatch(BoltRequest(body=body, headers=dict(self.headers.items())))
            data = bolt.body.encode("utf-8")
            self.send_response(bolt.status)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    ).start()
    return server


@pytest.fixture
def bolt(fake: FakeSlack, client: WebClient) -> Iterator[tuple[App, SlackClient]]:
    """A bolt App served over HTTP, talking to ``fake``, plus a client for it."""
    app = App(signing_secret=SECRET, client=client)
    server = _serve_bolt(app)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield app, SlackClient(url, SECRET, response_url=fake.response_url("cmd"))
    finally:
        server.shutdown()
        server.server_close()


def test_bolt_accepts_commands_and_events(fake: FakeSlack, bolt: tuple[App, SlackClient]) -> None:
    app, slack = bolt

    @app.command("/samverkan")
    def command(ack, say, respond, command) -> None:
        ack()
        say(f"Du skrev {command['text']}")
        respond("bara för dig")

    @app.event("app_mention")
    def mention(event, say) -> None:
        say(text="Hej!", thread_ts=event["ts"])

    assert slack.command("möte", user="U0USER").status == 200
    assert slack.event(app_mention("<@UBOT> hej"), retry_num=1).status == 200
    assert slack.command("x", signature="v0=bad").status == 401
    assert slack.command("x", timestamp=int(time.time()) - 600).status == 401

    fake.wait_for("chat.postMessage", count=2)
    [reply] = fake.wait_for("response_url")
    assert reply.params["text"] == "bara för dig" and reply.params["name"] == "cmd"
    texts = sorted(c.params["text"] for c in fake.calls("chat.postMessage"))
    assert texts == ["Du skrev möte", "Hej!"]
    assert fake.violations == []


def test_bolt_accepts_interactivity(fake: FakeSlack, bolt: tuple[App, SlackClient]) -> None:
    app, slack = bolt

    @app.action("approve")
    def approve(ack, body, say) -> None:
        ack()
        say(f"Godkänt {body['actions'][0]['value']}")

    @app.shortcut("save_message")
    def save(ack, shortcut, client) -> None:
        ack()
        view = {"type": "modal", "title": {"type": "plain_text", "text": "Spara"}, "blocks": []}
        client.views_open(trigger_id=shortcut["trigger_id"], view=view)

    @app.view("create_meeting")
    def submit(ack, view) -> None:
        title = view["state"]["values"]["t"]["title"]["value"]
        ack(response_action="errors", errors={"t": f"{title} är upptaget"})

    assert slack.action("U0USER", "approve", "42", channel_id="C0PLAN").status == 200
    assert slack.shortcut("U0USER", "save_message", {"ts": "1.000001", "text": "hej"}).status == 200
    submitted = slack.submit("U0USER", "create_meeting", {"t": {"title": state_input("Möte")}})

    assert submitted.json() == {"response_action": "errors", "errors": {"t": "Möte är upptaget"}}
    [posted] = fake.wait_for("chat.postMessage")
    assert posted.params["channel"] == "C0PLAN" and posted.params["text"] == "Godkänt 42"
    fake.wait_for("views.open", predicate=lambda c: c.ok)
    assert fake.violations == []
