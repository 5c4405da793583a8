"""`samverkansbot serve` as a real process (gunicorn): draining on SIGTERM, JSON-lines logs
without secrets, metrics added up over the workers, and a clear exit when the database is
unreachable at start."""

from __future__ import annotations

import json
import re
import secrets
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.fake_slack import FakeSlack
from tests.fake_slack.signing import sign, slash_command
from tests.process.support import Server, free_port, get, run

pytestmark = pytest.mark.slow

BOT_TOKEN = "xoxb-" + secrets.token_hex(12)
SIGNING_SECRET = "sig" + secrets.token_hex(16)


@pytest.fixture
def server_settings(tmp_path: Path, fake_slack: FakeSlack) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "SAMVERKAN_ADMINS": "UADMIN01",
    }


def signed_command_request(
    port: int, text: str, fake: FakeSlack, user: str = "U0USER"
) -> tuple[bytes, bytes]:
    """The head (with `Expect: 100-continue`) and body of a signed `/samverkan` POST."""
    request = slash_command(text, user, response_url=fake.response_url())
    body = request.body.encode()
    headers = {
        "Host": f"127.0.0.1:{port}",
        "Content-Type": request.content_type,
        "Content-Length": str(len(body)),
        "Expect": "100-continue",
        "Connection": "close",
        **sign(request.body, SIGNING_SECRET),
    }
    head = "POST /slack/events HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return (head + "\r\n").encode(), body


def read_until(sock: socket.socket, marker: bytes) -> bytes:
    data = b""
    while marker not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def assert_no_secrets(output: str) -> None:
    assert BOT_TOKEN not in output
    assert SIGNING_SECRET not in output
    assert "xoxb-" not in output


def test_sigterm_drains_the_request_in_flight_and_stops_the_scheduler(
    tmp_path: Path, fake_slack: FakeSlack, server_settings: dict[str, str]
) -> None:
    server = Server(tmp_path, "--workers", "1", "--threads", "4", **server_settings)
    try:
        assert server.wait_healthy()["scheduler"] == "running"
        head, body = signed_command_request(server.port, "områden", fake_slack)
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
            sock.sendall(head)
            # gunicorn answers "100 Continue" from the worker thread that handles the request:
            # from here on the request is in flight, waiting for its body.
            assert read_until(sock, b"\r\n\r\n").startswith(b"HTTP/1.1 100")
            server.terminate()
            server.wait_for_line(lambda line: "Handling signal: term" in line)
            sock.sendall(body)
            response = read_until(sock, b"\x00never")
        status_line, _, rest = response.partition(b"\r\n")
        assert status_line.startswith(b"HTTP/1.1 200"), response
        answer = json.loads(rest.split(b"\r\n\r\n", 1)[1])
        assert "Lärarförsörjning" in json.dumps(answer, ensure_ascii=False), answer
        assert server.proc.wait(timeout=60) == 0
        server.stop()
        output = server.output
        term = output.index("Handling signal: term")
        served = output.index('"slack_command": "/samverkan"')
        stopped = output.index("scheduler stopped")
        assert term < served < stopped, output
        assert_no_secrets(output)
    finally:
        server.stop()


def test_sigterm_lets_the_work_after_an_ack_finish(
    tmp_path: Path, fake_slack: FakeSlack, server_settings: dict[str, str]
) -> None:
    """A form whose opening is still waiting for Slack when SIGTERM comes is opened, not lost."""
    server = Server(tmp_path, "--workers", "1", "--threads", "4", **server_settings)
    try:
        server.wait_healthy()
        stuck = fake_slack.hold("views.open")
        head, body = signed_command_request(server.port, "gå-med", fake_slack, user="UADMIN01")
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
            sock.sendall(head.replace(b"Expect: 100-continue\r\n", b"") + body)
            response = read_until(sock, b"\x00never")
        assert response.startswith(b"HTTP/1.1 200"), response  # acked; the form comes after
        assert stuck.arrived.wait(timeout=30)
        server.terminate()
        server.wait_for_line(lambda line: "Handling signal: term" in line)
        stuck.set()
        [opened] = fake_slack.wait_for("views.open", timeout=30)
        assert opened.view["callback_id"] == "registry_join"
        assert server.proc.wait(timeout=60) == 0
        server.stop()
        assert "after-ack work still running" not in server.output
    finally:
        server.stop()


def test_logs_are_json_lines_without_secrets_and_metrics_add_up_over_workers(
    tmp_path: Path, fake_slack: FakeSlack, server_settings: dict[str, str]
) -> None:
    server = Server(tmp_path, "--workers", "2", "--threads", "2", **server_settings)
    try:
        server.wait_healthy()
        before = healthz_count(server)
        for _ in range(6):
            assert get(server.url + "healthz")[0] == 200
        assert healthz_count(server) == before + 6  # whichever worker answered each one

        head, body = signed_command_request(server.port, "områden", fake_slack)
        forged = head.replace(b"v0=", b"v0=00")
        for request_head in (head, forged):
            with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
                sock.sendall(request_head.replace(b"Expect: 100-continue\r\n", b"") + body)
                read_until(sock, b"\x00never")
        server.terminate()
        assert server.proc.wait(timeout=60) == 0
        server.stop()

        records = server.json_lines()
        non_json = [line for line in server.lines if not line.startswith("{")]
        assert non_json == [
            f"samverkansbot: HTTP mode on port {server.port} (POST /slack/events, GET /healthz)"
        ], non_json
        requests = [r for r in records if r.get("event") == "http_request"]
        commands = [r for r in requests if r["path"] == "/slack/events"]
        [ok, forged] = sorted(commands, key=lambda r: r["status"])
        assert (ok["status"], forged["status"]) == (200, 401)
        assert ok["slack_kind"] == "command" and ok["slack_command"] == "/samverkan"
        assert "slack_kind" not in forged and forged["rejected"] == "signature malformed"
        for record in commands:
            assert record["method"] == "POST" and record["duration_ms"] >= 0
        output = server.output
        assert "områden" not in output and "U0USER" not in output  # no text, no user
        assert output.count("scheduler stopped") == 2
        assert_no_secrets(output)
    finally:
        server.stop()


def test_hostile_requests_get_4xx_without_tracebacks_and_the_server_stays_healthy(
    tmp_path: Path, fake_slack: FakeSlack, server_settings: dict[str, str]
) -> None:
    """gunicorn itself answers: no HTML 500 page, no traceback, for garbage signed or not."""
    server = Server(tmp_path, "--workers", "1", "--threads", "2", **server_settings)
    try:
        server.wait_healthy()
        form, json_type = "application/x-www-form-urlencoded", "application/json"
        now = str(int(time.time()))
        hostile = [
            (b"{bad", json_type, {}, 401),
            (b"payload=garbage", form, {}, 401),
            (
                b"payload=x",
                form,
                {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": ""},
                401,
            ),
            (b"[1,2,3]", json_type, sign("[1,2,3]", SIGNING_SECRET), 400),
            (b"null", json_type, sign("null", SIGNING_SECRET), 400),
            (b"payload=[]", form, sign("payload=[]", SIGNING_SECRET), 400),
            (b"payload=[]!", form, sign("payload=[]", SIGNING_SECRET), 401),
            (b"x" * (2 * 1024 * 1024), form, {"X-Slack-Request-Timestamp": now}, 413),
        ]
        statuses = []
        for body, content_type, headers, _ in hostile:
            request = urllib.request.Request(
                server.url + "slack/events",
                data=body,
                headers={"Content-Type": content_type, **headers},
                method="POST",
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    statuses.append(response.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
                assert error.read() == b""
            except (ConnectionResetError, BrokenPipeError):  # 413 before the body was sent
                statuses.append(413)
        assert statuses == [expected for *_, expected in hostile]
        assert get(server.url + "healthz")[0] == 200
        server.terminate()
        assert server.proc.wait(timeout=60) == 0
        server.stop()
        assert "Traceback" not in server.output and "Error" not in server.output
        rejected = [r for r in server.json_lines() if r.get("rejected")]
        assert len(rejected) == len(hostile)
    finally:
        server.stop()


def healthz_count(server: Server) -> float:
    status, text = get(server.url + "metrics")
    assert status == 200
    match = re.search(
        r'^samverkansbot_http_requests_total\{kind="http",route="/healthz",status="200"\} (\S+)$',
        text,
        re.MULTILINE,
    )
    return float(match.group(1)) if match else 0.0


@pytest.mark.parametrize("database", ["postgresql", "sqlite"])
def test_database_unreachable_at_start_is_one_clear_line_and_a_non_zero_exit(
    tmp_path: Path, database: str
) -> None:
    password = "pw" + secrets.token_hex(8)
    url = (
        f"postgresql+psycopg://bot:{password}@127.0.0.1:{free_port()}/samverkan"
        if database == "postgresql"
        else f"sqlite:///{tmp_path / 'missing-dir' / 'bot.db'}"
    )
    result = run(
        ["serve"],
        tmp_path,
        DATABASE_URL=url,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        PORT=str(free_port()),
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert (
        lines[0].startswith("samverkansbot: the database at ") and "cannot be reached" in lines[0]
    )
    assert "Traceback" not in result.stderr
    assert password not in result.stderr + result.stdout
    assert_no_secrets(result.stderr + result.stdout)
