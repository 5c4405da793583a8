"""The benchmark, in one run: `python -m tests.benchmarks` (from the repository root).

For each database (SQLite in a temp file; PostgreSQL in a fresh schema of database `test` on
127.0.0.1:5432 when it is reachable, dropped afterwards):

1. generate a national-scale database (`tests.benchmarks.generate`);
2. start the bot on its production server (`samverkansbot serve`: gunicorn, 2 workers x 4
   threads) against a fake Slack Web API served by this process;
3. send signed requests at concurrency 10 and 50 for a fixed time (a mix of `/samverkan`
   commands, questions as app_mention events, block actions; `tests.benchmarks.loadgen` in its
   own process) and report throughput and latency per kind;
4. time the due-reminder query (with its plan: it must be an index search) and the delivery of
   1,000 reminders due at once by the running bot, under Slack's rate limit of about one message
   per second per channel (the fake answers 429 beyond it);
5. time the answerer over the question set and each command in-process.

Once per run, the same load goes to a bare slack-bolt app that only acks `/samverkan`, on the
same stack, as the ceiling. One table is printed and the results are written as JSON to
`bench-results/<timestamp>.json`. Only 127.0.0.1 is contacted; every subprocess is stopped at
the end, also on Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from tests.benchmarks import servers
from tests.benchmarks.generate import Dataset, Scale, generate, table_counts
from tests.fake_slack import FakeSlack
from tests.fake_slack.signing import SlackClient, app_mention, block_actions, event_callback

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench"
ADMIN = "UBENCHADMIN"
POSTGRES_URL = os.environ.get(
    "SAMVERKAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
RESULTS_DIR = servers.REPO / "bench-results"
REGISTRY_KINDS = ("hjälp", "områden", "område <x>", "vem <kommun>", "åtaganden <part>")
TARGETS = {
    "ack_p99_ms": 300.0,
    "throughput_ratio": 0.70,
    "due_query_ms": 50.0,
    "delivery_s": 60.0,
    "answer_p95_ms": 200.0,
}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- arguments


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks",
        description="samverkansbot at national scale: load, reminder tick, answerer.",
    )
    parser.add_argument("--duration", type=float, default=6.0, help="seconds per load round")
    parser.add_argument("--warmup", type=float, default=1.5, help="seconds not measured")
    parser.add_argument("--concurrency", default="10,50", help="comma-separated, e.g. 10,50")
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite and/or postgresql")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="the bot's (serve's default)")
    parser.add_argument(
        "--bare-threads",
        type=int,
        default=8,
        help="the bare app's: its best in Bolt's default mode, which waits for ack() per thread",
    )
    parser.add_argument("--scale", choices=("national", "tiny"), default="national")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare Bolt baseline")
    parser.add_argument("--no-tick", action="store_true", help="skip the reminder delivery")
    parser.add_argument(
        "--no-diagnostic", action="store_true", help="skip the round on the bot without scheduler"
    )
    parser.add_argument("--tick-timeout", type=float, default=65.0)
    parser.add_argument("--reminders-due", type=int, default=1000)
    parser.add_argument("--answer-repeats", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="pyinstrument the commands")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="directory for the JSON")
    return parser


# --------------------------------------------------------------------------- machine


def machine_info() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    import slack_bolt
    import sqlalchemy

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu or platform.processor(),
        "ram_gb": ram_gb,
        "python": platform.python_version(),
        "slack_bolt": slack_bolt.version.__version__,
        "sqlalchemy": sqlalchemy.__version__,
        "sqlite": sqlite3.sqlite_version,
        "loadavg_start": [round(x, 2) for x in os.getloadavg()],
        "wrk": False,
    }


# --------------------------------------------------------------------------- databases


def postgres_reason() -> str | None:
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:
        return str(exc).splitlines()[0]


@contextmanager
def database(kind: str, workdir: Path) -> Iterator[str]:
    """A fresh, empty database URL of `kind`; a PostgreSQL schema is dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'bench.db'}"
        return
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


# --------------------------------------------------------------------------- load


def run_load(
    url: str,
    kinds: list[dict[str, Any]],
    *,
    concurrency: int,
    duration: float,
    warmup: float,
    response_url: str,
    markers: list[str],
    max_requests: int | None = None,
    secret: str = SECRET,
) -> dict[str, Any]:
    """One round of the load generator in its own process; its JSON result."""
    import subprocess

    spec = {
        "url": url,
        "secret": secret,
        "concurrency": concurrency,
        "duration": duration,
        "warmup": warmup,
        "max_requests": max_requests,
        "response_url": response_url,
        "error_markers": markers,
        "kinds": kinds,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.loadgen"],
        cwd=servers.REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    servers.PROCESSES.append(process)
    try:
        out, err = process.communicate(json.dumps(spec).encode(), timeout=duration + warmup + 120)
    finally:
        servers.stop(process)
    if process.returncode != 0:
        raise RuntimeError(f"load generator failed: {err.decode(errors='replace')[-2000:]}")
    return json.loads(out.decode().strip().splitlines()[-1])


def error_markers() -> list[str]:
    from bot.core.i18n import t

    return [t(lang, key) for lang in ("sv", "en") for key in ("error.generic", "error.database")]


def discover_actions() -> list[str]:
    """The action_ids the bot listens to (string literals in handlers/actions)."""
    import re

    found: list[str] = []
    for path in sorted((servers.REPO / "handlers" / "actions").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        found += re.findall(r"app\.action\(\s*[\"']([\w.:-]+)[\"']", source)
        found += re.findall(
            r"app\.action\(\s*\{[^}]*[\"']action_id[\"']:\s*[\"']([\w.:-]+)", source
        )
    return list(dict.fromkeys(found))


def action_values(core: Any, action_id: str, data: Dataset) -> list[str]:
    """Plausible button values for known actions (ids of real rows); else an empty value."""
    from sqlmodel import select

    from storage.models import Event

    if "rsvp" in action_id:
        from bot.events.views import rsvp_value

        # the value a reminder's button carries (event and occurrence), so that a click is
        # recorded and counted as in Slack, not refused as a button of a gone event
        with core.db.session() as session:
            rows = list(
                session.exec(
                    select(Event.id, Event.starts_at)
                    .where(
                        Event.starts_at > core.now(),
                        Event.recurrence.is_(None),  # type: ignore[union-attr]
                        Event.status == "planned",
                    )
                    .order_by(Event.id)
                    .limit(50)  # type: ignore[arg-type]
                )
            )
        return [rsvp_value(i, start) for i, start in rows] or [""]  # type: ignore[arg-type]
    return ["1", ""]


def build_mix(
    core: Any, data: Dataset, client: SlackClient, questions: list[str]
) -> tuple[list[dict[str, Any]], dict[str, list[str]], list[str]]:
    """The request kinds of the load (each probed once on the running bot), the command
    texts by kind (for the in-process timing), and notes on what was left out and why."""
    from bot.commands import find_subcommand

    rng = random.Random(11)
    users = rng.sample(data.user_ids, min(200, len(data.user_ids))) or ["U0USER"]
    municipalities = rng.sample(data.municipality_names, min(60, len(data.municipality_names)))
    parties = rng.sample(data.party_names, min(60, len(data.party_names)))
    texts: dict[str, list[str]] = {
        "hjälp": ["hjälp", "help"],
        "områden": ["områden"],
        "område <x>": [f"område {name}" for name in data.area_names],
        "vem <kommun>": [f"vem {name}" for name in municipalities],
        "åtaganden <part>": [f"åtaganden {name}" for name in parties],
    }
    weights = {
        "hjälp": 1,
        "områden": 2,
        "område <x>": 2,
        "vem <kommun>": 2,
        "åtaganden <part>": 2,
    }
    notes: list[str] = []
    if find_subcommand("forum")[0] is not None:
        texts["forum"] = ["forum"]
        weights["forum"] = 1
    else:
        notes.append("no `forum` subcommand yet: left out of the mix")
    channels = data.area_channels or ["C0GENERAL"]
    kinds = [
        {
            "name": f"cmd {name}",
            "weight": weights[name],
            "type": "command",
            "texts": values,
            "users": users,
            "channels": channels,
        }
        for name, values in texts.items()
    ]
    # Questions: only when the bot listens to app_mention (404 means no listener).
    mention = event_callback(app_mention(f"<@UBOT> {questions[0]}", users[0], channels[0]))
    status = client.send(mention).status
    if status == 200:
        question_channels = [f"C0Q{i:04d}" for i in range(200)]
        kinds.append(
            {
                "name": "question (app_mention)",
                "weight": 3,
                "type": "mention",
                "texts": questions,
                "users": users,
                "channels": question_channels,
            }
        )
    else:
        notes.append(f"app_mention answered HTTP {status}: questions left out of the mix")
    # Block actions: every action_id the handlers register that acks a probe.
    for action_id in discover_actions():
        values = action_values(core, action_id, data)
        probe = client.send(block_actions(users[0], action_id, values[0]))
        if probe.status == 200 and not any(m in probe.text for m in error_markers()):
            kinds.append(
                {
                    "name": f"action {action_id}",
                    "weight": 1,
                    "type": "action",
                    "action_id": action_id,
                    "values": values,
                    "users": users,
                    "channels": channels,
                }
            )
        else:
            notes.append(f"action {action_id}: probe answered {probe.status}; left out")
    if not any(k["type"] == "action" for k in kinds):
        notes.append("no block action acked a probe: the mix has no actions")
    return kinds, texts, notes


# --------------------------------------------------------------------------- phases


def follow_up_backlog(fake: FakeSlack, quiet: float = 1.0, timeout: float = 120.0) -> float:
    """Seconds after a round until the bot's work after its acks (answers in threads, message
    updates, forms, response_url posts) stopped reaching the fake Slack: the backlog the round
    left. Acks alone do not show it; a bot that acked fast by piling up work would show here."""
    started = time.perf_counter()
    seen, last_change = len(fake.calls()), started
    while time.perf_counter() - started < timeout:
        time.sleep(0.1)
        now_seen = len(fake.calls())
        if now_seen != seen:
            seen, last_change = now_seen, time.perf_counter()
        elif time.perf_counter() - last_change >= quiet:
            break
    return round(last_change - started, 1)


def bot_env(url: str, fake: FakeSlack, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SAMVERKAN_"))}
    env.update(
        PORT=str(port),
        DATABASE_URL=url,
        SLACK_API_URL=fake.url,
        SLACK_BOT_TOKEN=TOKEN,
        SLACK_SIGNING_SECRET=SECRET,
        SAMVERKAN_ADMINS=ADMIN,
        SAMVERKAN_NETWORK="vastmanland",
        PYTHONUNBUFFERED="1",
        # the checkout first, so the server runs this tree's code from any working directory
        PYTHONPATH=os.pathsep.join(p for p in (str(servers.REPO), env.get("PYTHONPATH")) if p),
    )
    return env


def bench_bare(
    args: argparse.Namespace, fake: FakeSlack, workdir: Path, *, before_response: bool = False
) -> dict[str, Any]:
    """The bare app in Bolt's default mode (the baseline of the targets) or, with
    `before_response`, in the mode the bot runs in (`process_before_response=True`)."""
    port = servers.free_port()
    env = bot_env("sqlite:///unused.db", fake, port)
    env["BARE_PROCESS_BEFORE_RESPONSE"] = "1" if before_response else "0"
    mode = "process_before_response" if before_response else "default mode"
    log(f"bare Bolt app, {mode}, on gunicorn ({args.workers}x{args.bare_threads}) on port {port}")
    server = servers.start(
        "bare",
        servers.gunicorn_argv(
            "tests.benchmarks.bare_app:application",
            port,
            workers=args.workers,
            threads=args.bare_threads,
        ),
        env=env,
        port=port,
        log_dir=workdir,
        cwd=servers.REPO,
        ready_path="/",
    )
    kinds = [
        {
            "name": "cmd hjälp (bare)",
            "weight": 1,
            "type": "command",
            "texts": ["hjälp"],
            "users": ["U0USER"],
        }
    ]
    try:
        common = dict(response_url=fake.response_url("bench"), markers=[])
        run_load(server.url, kinds, concurrency=10, duration=args.warmup, warmup=0, **common)
        rounds = {}
        for concurrency in args.concurrency_list:
            log(f"bare: concurrency {concurrency}, {args.duration}s")
            rounds[str(concurrency)] = run_load(
                server.url,
                kinds,
                concurrency=concurrency,
                duration=args.duration,
                warmup=args.warmup,
                **common,
            )
        return {"rounds": rounds}
    finally:
        servers.stop(server)


def bench_database(
    name: str, url: str, args: argparse.Namespace, fake: FakeSlack, workdir: Path
) -> dict[str, Any]:
    from bot.core.config import Settings
    from bot.core.runtime import Core
    from storage.db import Database
    from tests.benchmarks import answering, tick

    result: dict[str, Any] = {"notes": []}
    db = Database(url)
    scale = Scale.national() if args.scale == "national" else Scale.tiny()
    log(f"{name}: generating the {args.scale} database")
    extra = [answering.ANSWERS_NETWORK] if answering.ANSWERS_NETWORK.is_file() else []
    try:
        data = generate(db, scale, extra_files=extra)
    except Exception as exc:  # a file being edited right now must not stop the benchmark
        if not extra:
            raise
        result["notes"].append(f"{extra[0].name} not imported ({type(exc).__name__})")
        data = generate(db, scale)
    result["generate_s"] = round(data.seconds, 1)
    result["counts"] = table_counts(db)
    log(f"{name}: generated in {data.seconds:.1f}s: {result['counts']}")
    settings = Settings(
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=fake.url,
        database_url=url,
        admins=frozenset({ADMIN}),
    )
    core = Core(settings=settings, db=db)
    questions, _ = answering.load_questions()

    port = servers.free_port()
    log(f"{name}: samverkansbot serve ({args.workers}x{args.threads}) on port {port}")
    server = servers.start(
        f"bot-{name}",
        servers.bot_argv(workers=args.workers, threads=args.threads),
        env=bot_env(url, fake, port),
        port=port,
        log_dir=workdir,
        cwd=workdir,
    )
    try:
        client = SlackClient(f"http://127.0.0.1:{port}/", SECRET, response_url=fake.response_url())
        kinds, texts, notes = build_mix(core, data, client, questions)
        result["notes"] += notes
        result["mix"] = {k["name"]: k["weight"] for k in kinds}
        common = dict(response_url=fake.response_url("bench"), markers=error_markers())
        run_load(server.url, kinds, concurrency=10, duration=args.warmup, warmup=0, **common)
        rounds = {}
        for concurrency in args.concurrency_list:
            log(f"{name}: concurrency {concurrency}, {args.duration}s")
            rounds[str(concurrency)] = run_load(
                server.url,
                kinds,
                concurrency=concurrency,
                duration=args.duration,
                warmup=args.warmup,
                **common,
            )
            rounds[str(concurrency)]["follow_up_s"] = follow_up_backlog(fake)
        result["rounds"] = rounds
        # Diagnostic: the registry commands alone (what the foundation's request path costs).
        registry_kinds = [k for k in kinds if k["name"].removeprefix("cmd ") in REGISTRY_KINDS]
        if not args.no_diagnostic and registry_kinds:
            top = max(args.concurrency_list)
            log(f"{name}: diagnostic: registry commands only, concurrency {top}")
            result["rounds_registry"] = {
                str(top): run_load(
                    server.url,
                    registry_kinds,
                    concurrency=top,
                    duration=args.duration,
                    warmup=args.warmup,
                    **common,
                )
            }

        # The due query: its plan and its time, with nothing due and with 1,000 due.
        now = datetime.now(UTC)
        later = now + timedelta(minutes=10)
        ids = tick.add_due_reminders(db, data, later, count=args.reminders_due)
        statements, source = tick.capture_due_queries(db, core, now)
        due: dict[str, Any] = {"source": source, "statements": []}
        for statement in statements:
            plan, indexed = tick.explain(db, statement)
            due["statements"].append(
                {
                    "sql": " ".join(statement.sql.split()),
                    "plan": plan,
                    "index_search": indexed,
                    "none_due": tick.time_statement(db, statement),
                }
            )
        with_due = tick.reference_due_statement(db, later + timedelta(minutes=1), limit=None)
        plan, indexed = tick.explain(db, with_due)
        due["all_due"] = {
            "sql": " ".join(with_due.sql.split()),
            "plan": plan,
            "index_search": indexed,
            "timing": tick.time_statement(db, with_due),
        }
        due["index_search"] = all(s["index_search"] for s in due["statements"]) and indexed
        due["p50_ms"] = max(
            [s["none_due"]["p50_ms"] for s in due["statements"]]
            + [due["all_due"]["timing"]["p50_ms"]]
        )
        result["due_query"] = due
        log(f"{name}: due query {due['p50_ms']} ms, index search: {due['index_search']}")

        # 1,000 reminders due now, fired and delivered by the running bot's own scheduler.
        if not args.no_tick:
            if tick.task(tick.FIRE_TASK) is None or tick.FIRE_TASK not in tick.tick_tasks():
                result["notes"].append(
                    f"TODO: {tick.FIRE_TASK} is not in bot.scheduler.tasks.TICK_TASKS yet: "
                    "the running bot does not fire reminders, so delivery is measured only "
                    "once it is wired"
                )
            fake.clear()
            limiter = tick.ChannelRateLimit()
            fake.fail_forever("chat.postMessage", retry_after=1, when=limiter)
            tick.make_due(db, ids, datetime.now(UTC) - timedelta(seconds=5))
            started = time.perf_counter()
            log(f"{name}: {len(ids)} reminders due now; waiting for the bot to deliver them")
            watch = tick.watch_delivery(db, fake, ids, started, args.tick_timeout, stall=30.0)
            fake.reset_faults()
            result["tick"] = watch.__dict__
            log(f"{name}: delivery {watch.__dict__}")
    finally:
        servers.stop(server)
        result["server_log_tail"] = server.log_tail(15)
    if not args.no_tick and result["tick"]["delivered_s"] is None and tick.task(tick.SEND_TASK):
        result["tick_in_process"] = deliver_without_planner(core, db, data, ids, args, fake)

    if not args.no_diagnostic and registry_kinds:
        result["rounds_no_scheduler"] = bench_no_scheduler(
            name, url, registry_kinds, args, fake, workdir
        )
    result["planning"] = tick.time_planning(db, datetime.now(UTC))
    user = data.user_ids[0] if data.user_ids else ADMIN
    log(f"{name}: timing the answerer")
    result["answers"] = answering.time_answers(core, user, repeats=args.answer_repeats)
    log(f"{name}: timing each command in-process")
    result["dispatch"] = answering.time_dispatch(core, texts, data.user_ids[:50] or [ADMIN])
    if args.profile:
        result["profile"] = profile_commands(core, texts, data, args.out, name)
    db.dispose()
    return result


def deliver_without_planner(
    core: Any, db: Any, data: Dataset, stuck: list[int], args: argparse.Namespace, fake: FakeSlack
) -> dict[str, Any]:
    """Diagnostic when the bot did not deliver in time: a fresh 1,000 due reminders, fired and
    sent by the tick's delivery tasks alone in this process (the stuck ones are cancelled)."""
    from sqlalchemy import update

    from bot.core.slack_client import make_web_client
    from bot.scheduler.clock import TICK_SECONDS
    from storage.models import Delivery, Reminder
    from tests.benchmarks import tick

    with db.session() as session:
        session.execute(
            update(Reminder)
            .where(Reminder.id.in_(stuck), Reminder.status == "pending")  # type: ignore[union-attr,arg-type]
            .values(status="cancelled", note="bench: not fired in time")
        )
        session.execute(
            update(Delivery)
            .where(Delivery.ref_id.in_(stuck), Delivery.status == "pending")  # type: ignore[union-attr,arg-type]
            .values(status="cancelled")
        )
    ids = tick.add_due_reminders(
        db, data, datetime.now(UTC) - timedelta(seconds=5), count=args.reminders_due
    )
    fake.clear()
    fake.fail_forever("chat.postMessage", retry_after=1, when=tick.ChannelRateLimit())
    log(f"diagnostic: {len(ids)} due reminders fired and sent in-process without the planner")
    try:
        watch = tick.deliver_in_process(
            core, make_web_client(core.settings), db, fake, ids, args.tick_timeout, TICK_SECONDS
        )
    finally:
        fake.reset_faults()
    log(f"diagnostic delivery: {watch.__dict__}")
    return watch.__dict__


def bench_no_scheduler(
    name: str,
    url: str,
    kinds: list[dict[str, Any]],
    args: argparse.Namespace,
    fake: FakeSlack,
    workdir: Path,
) -> dict[str, Any]:
    """Diagnostic: `kinds` at the top concurrency on the bot without its scheduler."""
    port = servers.free_port()
    concurrency = max(args.concurrency_list)
    log(f"{name}: diagnostic: the bot without its scheduler, concurrency {concurrency}")
    server = servers.start(
        f"bot-noclock-{name}",
        servers.gunicorn_argv(
            "tests.benchmarks.bot_noclock:application",
            port,
            workers=args.workers,
            threads=args.threads,
        ),
        env=bot_env(url, fake, port),
        port=port,
        log_dir=workdir,
        cwd=servers.REPO,
    )
    try:
        common = dict(response_url=fake.response_url("bench"), markers=error_markers())
        run_load(server.url, kinds, concurrency=10, duration=args.warmup, warmup=0, **common)
        return {
            str(concurrency): run_load(
                server.url,
                kinds,
                concurrency=concurrency,
                duration=args.duration,
                warmup=args.warmup,
                **common,
            )
        }
    finally:
        servers.stop(server)


def profile_commands(
    core: Any, texts: dict[str, list[str]], data: Dataset, out: Path, name: str
) -> str:
    from pyinstrument import Profiler

    from bot.commands import dispatch
    from bot.core.actor import Who

    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(5):
        for kind_texts in texts.values():
            for i, text_ in enumerate(kind_texts[:8]):
                dispatch(
                    core, Who(core, slack_user_id=data.user_ids[i % len(data.user_ids)]), text=text_
                )
    profiler.stop()
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"profile-{name}-{time.strftime('%Y%m%dT%H%M%S')}.txt"
    path.write_text(profiler.output_text(unicode=True, show_all=False), encoding="utf-8")
    return str(path)


# --------------------------------------------------------------------------- verdicts


def verdicts(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issue 7, per database: the figure and whether it is met."""
    checks: list[dict[str, Any]] = []
    bare = results.get("bare", {}).get("rounds", {})
    for name, db in results["databases"].items():
        if "error" in db:
            checks.append({"db": name, "target": "run", "value": db["error"], "ok": False})
            continue
        rounds = db.get("rounds", {})
        top = max(rounds, key=int) if rounds else None
        if top:
            total = rounds[top]["total"]
            checks.append(
                {
                    "db": name,
                    "target": f"p99 ack < {TARGETS['ack_p99_ms']:.0f} ms at {top}, no errors",
                    "value": f"p99 {total['p99_ms']} ms, {total['errors']} errors",
                    "ok": (total["p99_ms"] or 1e9) < TARGETS["ack_p99_ms"] and total["errors"] == 0,
                }
            )
            if top in bare:
                ratio = total["rps"] / max(bare[top]["total"]["rps"], 1e-9)
                db.setdefault("ratio", {})[top] = round(ratio, 2)
                checks.append(
                    {
                        "db": name,
                        "target": f"throughput >= {TARGETS['throughput_ratio']:.0%} of bare "
                        f"at {top}",
                        "value": f"{ratio:.0%} ({total['rps']} vs "
                        f"{bare[top]['total']['rps']} req/s)",
                        "ok": ratio >= TARGETS["throughput_ratio"],
                    }
                )
        due = db.get("due_query")
        if due:
            checks.append(
                {
                    "db": name,
                    "target": f"due query < {TARGETS['due_query_ms']:.0f} ms, index search",
                    "value": f"{due['p50_ms']} ms, index search: {due['index_search']}",
                    "ok": due["p50_ms"] < TARGETS["due_query_ms"] and due["index_search"],
                }
            )
        tick_ = db.get("tick")
        if tick_:
            delivered = tick_.get("delivered_s")
            checks.append(
                {
                    "db": name,
                    "target": f"{tick_['reminders']} due delivered < {TARGETS['delivery_s']:.0f} s",
                    "value": (
                        f"{delivered} s, {tick_['sent']} sent, {tick_['rate_limited']} x 429, "
                        f"max {tick_['max_per_channel_per_s']}/s/channel"
                        if delivered is not None
                        else f"not done in {tick_['timed_out'] and 'time'}: {tick_['statuses']}, "
                        f"{tick_['not_pending']} fired"
                    ),
                    "ok": delivered is not None and delivered < TARGETS["delivery_s"],
                }
            )
        answers = db.get("answers")
        if answers:
            checks.append(
                {
                    "db": name,
                    "target": f"answer p95 < {TARGETS['answer_p95_ms']:.0f} ms",
                    "value": f"p95 {answers['p95_ms']} ms (p50 {answers['p50_ms']})",
                    "ok": answers["p95_ms"] < TARGETS["answer_p95_ms"],
                }
            )
    return checks


def _fmt(value: Any) -> str:
    return "–" if value is None else str(value)


def render(results: dict[str, Any]) -> str:
    """The one table (markdown, so it can go into the README as it is)."""
    m = results["machine"]
    lines = [
        f"Machine: {m['nproc']} cores ({m['cpu']}), {m['ram_gb']} GB RAM, Python {m['python']}, "
        f"slack-bolt {m['slack_bolt']}, SQLite {m['sqlite']}"
        + (f", PostgreSQL {m['postgresql']}" if m.get("postgresql") else "")
        + f"; load average at start {m['loadavg_start']}, at end {m.get('loadavg_end')}.",
        f"Server: gunicorn gthread {results['args']['workers']} workers x "
        f"{results['args']['threads']} threads (the bare app: "
        f"{results['args']['bare_threads']}); {results['args']['duration']} s per round after "
        f"{results['args']['warmup']} s warm-up; load generator: asyncio keep-alive HTTP/1.1.",
        "",
        "| db | conc | request | n | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    bare = results.get("bare", {}).get("rounds", {})
    for label, key in (
        ("bare Bolt", "bare"),
        ("bare Bolt, process_before_response", "bare_before_response"),
    ):
        for concurrency, round_ in results.get(key, {}).get("rounds", {}).items():
            t = round_["total"]
            lines.append(
                f"| {label} | {concurrency} | `/samverkan` ack only | {t['n']} | {t['rps']} | "
                f"{_fmt(t['p50_ms'])} | {_fmt(t['p95_ms'])} | {_fmt(t['p99_ms'])} | "
                f"{_fmt(t['max_ms'])} | {t['errors']} |"
            )
    for name, db in results["databases"].items():
        for label, key in (
            (name, "rounds"),
            (f"{name}, registry commands only", "rounds_registry"),
            (f"{name}, registry commands only, scheduler off", "rounds_no_scheduler"),
        ):
            for concurrency, round_ in (db.get(key) or {}).items():
                rows = [*round_["kinds"].items()] if key == "rounds" else []
                for kind, t in [*rows, ("**all**", round_["total"])]:
                    lines.append(
                        f"| {label} | {concurrency} | {kind} | {t['n']} | {t['rps']} | "
                        f"{_fmt(t['p50_ms'])} | {_fmt(t['p95_ms'])} | {_fmt(t['p99_ms'])} | "
                        f"{_fmt(t['max_ms'])} | {t['errors']} |"
                    )
    ratios = []
    for name, db in results["databases"].items():
        for label, key in (
            ("mix", "rounds"),
            ("registry commands only", "rounds_registry"),
            ("registry commands only, scheduler off", "rounds_no_scheduler"),
        ):
            for concurrency, round_ in (db.get(key) or {}).items():
                if concurrency in bare:
                    ratio = round_["total"]["rps"] / max(bare[concurrency]["total"]["rps"], 1e-9)
                    ratios.append(f"{name} {label} at {concurrency}: {ratio:.0%}")
    if ratios:
        lines += ["", "Throughput relative to the bare app: " + "; ".join(ratios) + "."]
    backlogs = [
        f"{name} at {concurrency}: {round_['follow_up_s']} s"
        for name, db in results["databases"].items()
        for concurrency, round_ in (db.get("rounds") or {}).items()
        if "follow_up_s" in round_
    ]
    if backlogs:
        lines += ["", "Work after the acks finished after the round ended: " + "; ".join(backlogs)]
    lines += ["", "| db | in-process | n | p50 ms | p95 ms | max ms |", "|---|---|---|---|---|---|"]
    for name, db in results["databases"].items():
        answers = db.get("answers")
        if answers:
            lines.append(
                f"| {name} | answer_question ({answers['questions']} questions) | {answers['n']} | "
                f"{answers['p50_ms']} | {answers['p95_ms']} | {answers['max_ms']} |"
            )
        for kind, timing in (db.get("dispatch") or {}).items():
            lines.append(
                f"| {name} | dispatch `{kind}` | {timing['n']} | {timing['p50_ms']} | "
                f"{timing['p95_ms']} | {timing['max_ms']} |"
            )
    lines += ["", "| db | reminders | figure |", "|---|---|---|"]
    for name, db in results["databases"].items():
        due = db.get("due_query")
        if due:
            for s in due["statements"]:
                lines.append(
                    f"| {name} | due query ({due['source']}), nothing due | "
                    f"{s['none_due']['p50_ms']} ms; plan: {'; '.join(s['plan'])[:160]} |"
                )
            a = due["all_due"]
            lines.append(
                f"| {name} | due query, {a['timing']['rows']} due of "
                f"{db['counts'].get('reminder', '?')} | {a['timing']['p50_ms']} ms; plan: "
                f"{'; '.join(a['plan'])[:160]} |"
            )
        for key, how in (("tick", "by the running bot"), ("tick_in_process", "without planner")):
            tick_ = db.get(key)
            if not tick_:
                continue
            lines.append(
                f"| {name} | {tick_['reminders']} due at once, {how} → all fired | "
                f"{_fmt(tick_['fired_s'])} s"
                + (" (stalled: nothing fired)" if tick_.get("stalled") else "")
                + " |"
            )
            lines.append(
                f"| {name} | … → all delivered | {_fmt(tick_['delivered_s'])} s "
                f"({tick_['sent']} sent to {tick_['channels']} channels, {tick_['rate_limited']} "
                f"x 429, max {tick_['max_per_channel_per_s']} msg/s/channel) |"
            )
        planning = db.get("planning")
        if planning:
            lines.append(
                f"| {name} | plan_reminders cost per tick | {planning['events_visited_per_tick']} "
                f"events x {planning['ms_per_event']} ms = ~{planning['estimated_tick_s']} s "
                f"(in TICK_TASKS: {planning['in_tick_tasks']}) |"
            )
    lines += ["", "| db | target | figure | met |", "|---|---|---|---|"]
    for check in results["targets"]:
        lines.append(
            f"| {check['db']} | {check['target']} | {check['value']} | "
            f"{'yes' if check['ok'] else '**no**'} |"
        )
    notes = [n for db in results["databases"].values() for n in db.get("notes", [])]
    if notes:
        lines += ["", "Notes: " + "; ".join(dict.fromkeys(notes)) + "."]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.concurrency_list = [int(c) for c in args.concurrency.split(",") if c.strip()]
    started = time.perf_counter()
    results: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "args": {k: v for k, v in vars(args).items() if k != "out"} | {"out": str(args.out)},
        "databases": {},
    }
    wanted = [d.strip() for d in args.databases.split(",") if d.strip()]
    if "postgresql" in wanted:
        reason = postgres_reason()
        if reason:
            log(f"PostgreSQL not reachable, skipped: {reason}")
            results["postgresql_skipped"] = reason
            wanted.remove("postgresql")
        else:
            engine = create_engine(POSTGRES_URL)
            with engine.connect() as conn:
                results["machine"]["postgresql"] = conn.execute(
                    text("SHOW server_version")
                ).scalar()
            engine.dispose()
    with (
        servers.cleanup_on_exit(),
        FakeSlack() as fake,
        tempfile.TemporaryDirectory(prefix="samverkan-bench-") as tmp,
    ):
        workdir = Path(tmp)
        if not args.no_bare:
            results["bare"] = bench_bare(args, fake, workdir)
            results["bare_before_response"] = bench_bare(args, fake, workdir, before_response=True)
        for name in wanted:
            fake.clear()
            try:
                with database(name, workdir) as url:
                    results["databases"][name] = bench_database(name, url, args, fake, workdir)
            except KeyboardInterrupt:
                raise
            except Exception as exc:
                import traceback

                log(f"{name}: failed: {exc}")
                traceback.print_exc()
                results["databases"][name] = {"error": f"{type(exc).__name__}: {exc}"}
        results["fake_slack_violations"] = fake.violations[:20]
    results["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    results["targets"] = verdicts(results)
    results["seconds"] = round(time.perf_counter() - started, 1)
    table = render(results)
    print(table)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    results["table"] = table
    path.write_text(
        json.dumps(results, indent=2, ensure_ascii=False, default=str), encoding="utf-8"
    )
    print(f"\nWrote {path} ({results['seconds']} s in all).")
    failed = [n for n, db in results["databases"].items() if "error" in db]
    return 1 if failed else 0
