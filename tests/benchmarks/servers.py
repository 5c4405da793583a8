"""Starting and stopping the servers under test as subprocesses, always cleaned up.

Every subprocess gets its own process group (`start_new_session`), is remembered in
`PROCESSES`, and is stopped by `stop()` (SIGTERM to its group, then SIGKILL after a grace
period): from `finally` blocks, `atexit`, and on SIGTERM, so a Ctrl-C or a failure never leaves
a gunicorn behind. Only processes this module started are ever signalled.
"""

from __future__ import annotations

import atexit
import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROCESSES: list[subprocess.Popen[bytes]] = []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slack/events"

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def start(
    name: str,
    argv: Sequence[str],
    *,
    env: dict[str, str],
    port: int,
    log_dir: Path,
    cwd: Path,
    ready_path: str = "/healthz",
    timeout: float = 60.0,
) -> Server:
    """Start `argv` and wait until it answers HTTP on `port` (any status counts as up)."""
    log = log_dir / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            list(argv),
            env=env,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    PROCESSES.append(process)
    server = Server(name, process, port, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{name} exited with {process.returncode} while starting:\n{server.log_tail()}"
            )
        if http_status(port, ready_path) is not None:
            return server
        time.sleep(0.2)
    stop(server)
    raise RuntimeError(f"{name} did not answer on port {port} within {timeout}s")


def http_status(port: int, path: str) -> int | None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    except OSError:
        return None
    finally:
        conn.close()


def stop(server: Server | subprocess.Popen[bytes], grace: float = 15.0) -> None:
    """SIGTERM the process group (gunicorn drains and stops its workers), then SIGKILL."""
    process = server.process if isinstance(server, Server) else server
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    else:  # the master is gone; make sure no worker of its group is left
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    if process in PROCESSES:
        PROCESSES.remove(process)


def stop_all() -> None:
    for process in list(PROCESSES):
        stop(process, grace=10.0)


@contextlib.contextmanager
def cleanup_on_exit() -> Iterator[None]:
    """Stop every started subprocess when the block ends, also on Ctrl-C and SIGTERM."""
    previous = signal.getsignal(signal.SIGTERM)

    def on_sigterm(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_sigterm)
    atexit.register(stop_all)
    try:
        yield
    finally:
        stop_all()
        signal.signal(signal.SIGTERM, previous)


def python() -> str:
    return sys.executable


def gunicorn_argv(module: str, port: int, *, workers: int, threads: int) -> list[str]:
    """The bare app on the bot's stack: the options `bot.web.server.GunicornServer` sets."""
    return [
        python(),
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--keep-alive",
        "5",
        "--timeout",
        "30",
        "--graceful-timeout",
        "20",
        "--log-level",
        "warning",
        "--chdir",
        str(REPO),
        module,
    ]


def bot_argv(*, workers: int, threads: int) -> list[str]:
    """`samverkansbot serve` (run as `python -m bot.cli serve`, the same entry point)."""
    return [
        python(),
        "-m",
        "bot.cli",
        "serve",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
    ]
