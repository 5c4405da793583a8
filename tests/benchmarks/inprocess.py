"""The per-request cost in-process: the bot's WSGI app and the bare Bolt app, side by side.

`python -m tests.benchmarks.inprocess [--kind NAME] [--requests N] [--database sqlite|postgresql]
[--profile] [--statements]`: a quick sub-run of the benchmark for iterating on one request
kind. It generates
the national-scale database, builds the bot as `samverkansbot serve` does (JSON logging,
multi-process metrics, the door, Bolt's WSGI adapter, no clock) against the fake Slack in a
process of its own (its work is not counted), and calls the WSGI apps directly with the load
generator's signed requests, one at a time: no HTTP server, no load generator, so the figures
are the request's own cost. The bare Bolt app (ack only, both Bolt modes) runs in the same
process for the ratio.

Prints, per kind, the mean wall time per request (the ack) and the process CPU per request
including the work after the ack (drained before the clock stops), and with `--profile` a
pyinstrument profile of the bot per kind into bench-results/; with `--statements`, the SQL
statements per request of each kind (through the engine; the generation read is apart).
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks import run, servers
from tests.benchmarks.generate import Scale, generate
from tests.benchmarks.loadgen import build_request, content_type
from tests.fake_slack.signing import sign


def environ_for(body: bytes, kind: dict[str, Any], secret: str) -> dict[str, Any]:
    headers = sign(body.decode(), secret)
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/slack/events",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "3000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "CONTENT_TYPE": content_type(kind),
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_X_SLACK_REQUEST_TIMESTAMP": headers["X-Slack-Request-Timestamp"],
        "HTTP_X_SLACK_SIGNATURE": headers["X-Slack-Signature"],
        "wsgi.input": io.BytesIO(body),
    }


def drive(
    app: Any, kind: dict[str, Any], count: int, response_url: str, batches: int = 5
) -> tuple[float, float]:
    """Wall ms per request (until its answer) and process CPU ms per request, after-ack work
    included: of `count` requests sent in `batches`, the cheapest batch (the machine is
    shared: the others are what other processes cost it)."""
    from handlers import after_ack

    rng = random.Random(3)
    statuses: list[str] = []

    def start_response(status: str, headers: Any, exc_info: Any = None) -> None:
        statuses.append(status)

    size = max(1, count // batches)
    best: tuple[float, float] | None = None
    for _ in range(batches):
        bodies = [build_request(kind, rng, response_url).encode() for _ in range(size)]
        environs = [environ_for(body, kind, run.SECRET) for body in bodies]
        after_ack.drain(30.0)
        cpu0, wall_total = time.process_time(), 0.0
        for environ in environs:
            began = time.perf_counter()
            b"".join(app(environ, start_response))
            wall_total += time.perf_counter() - began
        after_ack.drain(30.0)
        cpu = time.process_time() - cpu0
        result = (wall_total / size * 1000, cpu / size * 1000)
        best = result if best is None or result[1] < best[1] else best
    bad = [s for s in statuses if not s.startswith("200")]
    if bad:
        raise RuntimeError(f"{kind['name']}: {len(bad)} answers not 200, e.g. {bad[0]}")
    assert best is not None
    return best


def bare_app(before_response: bool, api_url: str) -> Any:
    """`tests.benchmarks.bare_app`, in this process."""
    from slack_bolt import Ack, App
    from slack_bolt.adapter.wsgi import SlackRequestHandler
    from slack_sdk import WebClient

    bolt = App(
        client=WebClient(token=run.TOKEN, base_url=api_url),
        signing_secret=run.SECRET,
        token_verification_enabled=False,
        process_before_response=before_response,
    )

    @bolt.command("/samverkan")
    def ack_only(ack: Ack) -> None:
        ack()

    return SlackRequestHandler(bolt)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.inprocess")
    parser.add_argument("--kind", action="append", help="a kind's name (repeatable); all if none")
    parser.add_argument("--requests", type=int, default=400, help="per kind")
    parser.add_argument("--database", default="sqlite", choices=("sqlite", "postgresql"))
    parser.add_argument("--scale", choices=("national", "tiny"), default="national")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--statements", action="store_true", help="count the SQL statements per request"
    )
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="samverkan-inprocess-"))
    fake = subprocess.Popen(
        [sys.executable, "-c", FAKE_SLACK],
        cwd=servers.REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    servers.PROCESSES.append(fake)
    assert fake.stdout is not None
    api_url, response_url = fake.stdout.readline().split()
    try:
        return measure(args, workdir, api_url, response_url)
    finally:
        servers.stop(fake)


FAKE_SLACK = (
    "import sys; from tests.fake_slack import FakeSlack; fake = FakeSlack().start(); "
    "print(fake.url, fake.response_url('inprocess'), flush=True); sys.stdin.read()"
)


def measure(args: argparse.Namespace, workdir: Path, api_url: str, response_url: str) -> int:
    from bot.core import observability
    from bot.core.config import Settings
    from bot.core.runtime import Core
    from bot.web.server import Runtime
    from storage.db import Database
    from tests.benchmarks import answering

    with run.database(args.database, workdir) as url:
        db = Database(url)
        scale = Scale.national() if args.scale == "national" else Scale.tiny()
        extra = [answering.ANSWERS_NETWORK] if answering.ANSWERS_NETWORK.is_file() else []
        data = generate(db, scale, extra_files=extra)
        db.dispose()
        settings = Settings(
            slack_bot_token=run.TOKEN,
            slack_signing_secret=run.SECRET,
            slack_api_url=api_url,
            database_url=url,
            admins=frozenset({run.ADMIN}),
            default_network="vastmanland",
        )
        # as `serve` does: JSON lines (here into nothing) and multi-process metrics
        observability.configure_logging(settings, stream=open(os.devnull, "w"))  # noqa: SIM115
        os.environ[observability.MULTIPROC_ENV] = str(workdir / "metrics")
        observability.enable_multiprocess()
        runtime = Runtime.create(settings, with_clock=False)
        app = runtime.wsgi()
        core = Core(settings=settings, db=Database(url))
        questions, _ = answering.load_questions()
        kinds = mix(core, data, questions)
        if args.kind:
            kinds = [k for k in kinds if k["name"] in args.kind]
        bare_kind = {"name": "bare", "type": "command", "texts": ["hjälp"], "users": ["U0USER"]}
        rows = []
        for before in (False, True):
            bare = bare_app(before, api_url)
            drive(bare, bare_kind, 50, response_url, batches=1)  # warm-up
            wall, cpu = drive(bare, bare_kind, args.requests, response_url)
            rows.append((f"bare Bolt, {'before_response' if before else 'default'}", wall, cpu))
        weighted_cpu = weights = 0.0
        statements = [0]
        if args.statements:
            from sqlalchemy import event

            @event.listens_for(runtime.core.db.engine, "before_cursor_execute")
            def count(*_args: Any) -> None:
                statements[0] += 1

        for kind in kinds:
            drive(app, kind, args.requests, response_url, batches=1)  # warm-up: caches
            statements[0] = 0
            profiler = None
            if args.profile:
                from pyinstrument import Profiler

                profiler = Profiler(interval=0.0002)
                profiler.start()
            wall, cpu = drive(app, kind, args.requests, response_url)
            if profiler is not None:
                profiler.stop()
                out = servers.REPO / "bench-results"
                out.mkdir(exist_ok=True)
                slug = "".join(c if c.isalnum() else "-" for c in kind["name"])
                path = out / f"inprocess-{args.database}-{slug}.txt"
                path.write_text(profiler.output_text(unicode=True, show_all=False))
            if args.statements:  # the generation's own read (`_Reader`) is not counted
                print(f"{kind['name']:40} {statements[0] / args.requests:8.2f} statements/request")
            rows.append((kind["name"], wall, cpu))
            weighted_cpu += cpu * kind["weight"]
            weights += kind["weight"]
        runtime.stop()
        core.db.dispose()
    logging.shutdown()
    bare_cpu = rows[0][2]
    print(f"{'kind':40} {'wall ms':>8} {'cpu ms':>8} {'cpu/bare':>8}")
    for name, wall, cpu in rows:
        print(f"{name:40} {wall:8.3f} {cpu:8.3f} {cpu / bare_cpu:8.2f}")
    if weights:
        mean = weighted_cpu / weights
        print(f"{'the mix, weighted':40} {'':8} {mean:8.3f} {mean / bare_cpu:8.2f}")
    return 0


def mix(core: Any, data: Any, questions: list[str]) -> list[dict[str, Any]]:
    """The benchmark's kinds (`run.build_mix`), without probing a server."""
    from bot.commands import find_subcommand

    rng = random.Random(11)
    users = rng.sample(data.user_ids, min(200, len(data.user_ids))) or ["U0USER"]
    municipalities = rng.sample(data.municipality_names, min(60, len(data.municipality_names)))
    parties = rng.sample(data.party_names, min(60, len(data.party_names)))
    channels = data.area_channels or ["C0GENERAL"]
    texts: dict[str, tuple[int, list[str]]] = {
        "hjälp": (1, ["hjälp", "help"]),
        "områden": (2, ["områden"]),
        "område <x>": (2, [f"område {name}" for name in data.area_names]),
        "vem <kommun>": (2, [f"vem {name}" for name in municipalities]),
        "åtaganden <part>": (2, [f"åtaganden {name}" for name in parties]),
    }
    if find_subcommand("forum")[0] is not None:
        texts["forum"] = (1, ["forum"])
    kinds: list[dict[str, Any]] = [
        {
            "name": f"cmd {name}",
            "weight": weight,
            "type": "command",
            "texts": values,
            "users": users,
            "channels": channels,
        }
        for name, (weight, values) in texts.items()
    ]
    kinds.append(
        {
            "name": "question (app_mention)",
            "weight": 3,
            "type": "mention",
            "texts": questions,
            "users": users,
            "channels": [f"C0Q{i:04d}" for i in range(200)],
        }
    )
    for action_id in run.discover_actions():
        kinds.append(
            {
                "name": f"action {action_id}",
                "weight": 1,
                "type": "action",
                "action_id": action_id,
                "values": run.action_values(core, action_id, data),
                "users": users,
                "channels": channels,
            }
        )
    return kinds


if __name__ == "__main__":
    sys.exit(main())
