"""Helpers for tests that run the real `samverkansbot` program: a subprocess with its own
environment, a reader that collects its stderr as it comes, and a TCP proxy that a test can
close and reopen in front of PostgreSQL to make the database go away and come back."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
# Variables that must not leak from the developer's shell (or .env) into a test process.
SETTINGS = (
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DATABASE_URL",
    "BOT_TIMEZONE",
    "BOT_LANGUAGE",
    "SAMVERKAN_ADMINS",
    "PORT",
    "SAMVERKAN_NETWORK",
    "PUBLIC_URL",
    "POSTGRES_PASSWORD",
    "PROMETHEUS_MULTIPROC_DIR",
)


def program() -> list[str]:
    """The installed console script, as an operator runs it (`python -m bot.cli` if absent)."""
    script = Path(sys.executable).parent / "samverkansbot"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot.cli"]


def clean_env(**settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    env["PYTHONPATH"] = str(REPO)
    env.update(settings)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(
    args: list[str], cwd: Path, timeout: float = 60, **settings: str
) -> subprocess.CompletedProcess:
    """Run `samverkansbot ARGS` to the end in `cwd` (no `.env` there) with only `settings`."""
    return subprocess.run(
        [*program(), *args],
        cwd=cwd,
        env=clean_env(**settings),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


class Server:
    """`samverkansbot serve` in a subprocess; stderr is collected line by line."""

    def __init__(self, cwd: Path, *args: str, **settings: str) -> None:
        self.port = free_port()
        settings.setdefault("PORT", str(self.port))
        self.url = f"http://127.0.0.1:{self.port}/"
        self.proc = subprocess.Popen(
            [*program(), "serve", *args],
            cwd=cwd,
            env=clean_env(**settings),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._readers = [
            threading.Thread(target=self._read, args=(stream,), daemon=True)
            for stream in (self.proc.stderr, self.proc.stdout)
        ]
        for reader in self._readers:
            reader.start()

    def _read(self, stream: Any) -> None:
        for line in stream:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()

    @property
    def output(self) -> str:
        with self._changed:
            return "\n".join(self.lines)

    def wait_for_line(self, predicate: Callable[[str], bool], timeout: float = 30) -> str:
        """Block until a line of output matches; fails with the output so far."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines:
                    if predicate(line):
                        return line
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (self.proc.poll() is not None and not self._alive_readers()):
                    raise AssertionError(f"no matching output line; output:\n{self.output}")
                self._changed.wait(min(remaining, 0.5))

    def _alive_readers(self) -> bool:
        return any(reader.is_alive() for reader in self._readers)

    def wait_healthy(self, timeout: float = 60) -> dict[str, Any]:
        """Poll GET /healthz until it answers 200 (the server is up and its workers booted)."""
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"serve exited with {self.proc.returncode}:\n{self.output}")
            try:
                status, body = get(self.url + "healthz")
                if status == 200:
                    return json.loads(body)
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"serve never became healthy:\n{self.output}")
            time.sleep(0.1)

    def json_lines(self) -> list[dict[str, Any]]:
        found = []
        for line in self.lines:
            if line.startswith("{"):
                found.append(json.loads(line))
        return found

    def terminate(self) -> None:
        self.proc.send_signal(signal.SIGTERM)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        for reader in self._readers:
            reader.join(timeout=5)


def get(url: str, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class TcpProxy:
    """Forwards 127.0.0.1:port to `upstream`; `stop()` refuses new connections and cuts the
    open ones (the database "goes away"), `start()` listens on the same port again."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.port = 0
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()

    def start(self) -> TcpProxy:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = int(listener.getsockname()[1])
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=5)
                server.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.update((client, server))
            for src, dst in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                self._close(sock)

    def _close(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()

    def stop(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() thread on Linux
            listener.close()
        with self._lock:
            open_sockets = list(self._sockets)
        for sock in open_sockets:
            self._close(sock)
