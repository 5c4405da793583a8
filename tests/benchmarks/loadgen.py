"""The load generator: signed Slack requests at a fixed concurrency, over keep-alive HTTP/1.1.

Runs in its own process (`python -m tests.benchmarks.loadgen < spec.json`) so that its CPU
use is not mixed with the bench process (which also serves the fake Slack Web API). It reads
one JSON spec on stdin, builds and signs every request before the clock starts (signatures stay
valid for five minutes; a round lasts seconds), then runs `concurrency` asyncio workers, each
with its own keep-alive connection, for `duration` seconds after `warmup` seconds (or until
`max_requests` were sent), and prints one JSON result on stdout.

Spec::

    {"url": "http://127.0.0.1:PORT/slack/events", "secret": "...", "concurrency": 50,
     "duration": 8.0, "warmup": 1.0, "max_requests": null, "max_rate": 2500,
     "response_url": "http://127.0.0.1:FAKE/response_url/x", "error_markers": ["..."],
     "kinds": [{"name": "cmd hjälp", "weight": 2, "type": "command", "texts": ["hjälp"],
                "users": ["U1"]},
               {"name": "question", "weight": 2, "type": "mention", "texts": ["..."],
                "users": ["U1"], "channels": ["C1"]},
               {"name": "action x", "weight": 1, "type": "action", "action_id": "x",
                "values": ["1"], "users": ["U1"]}]}

Result: per kind and in total, the number of measured requests, throughput (requests per second
of the measured window), latency percentiles in milliseconds, and errors (HTTP status other
than 200, connection errors, timeouts, and 200 answers carrying the bot's error message).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import random
import sys
import time
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from tests.fake_slack.signing import (
    app_mention,
    block_actions,
    event_callback,
    new_ts,
    sign,
    slash_command,
)

TIMEOUT = 15.0


def build_request(kind: dict[str, Any], rng: random.Random, response_url: str | None) -> str:
    """One request body of `kind` (unique ids, random user/text from the kind's lists)."""
    user = rng.choice(kind.get("users") or ["U0USER"])
    if kind["type"] == "command":
        return slash_command(
            rng.choice(kind["texts"]),
            user,
            channel_id=rng.choice(kind.get("channels") or ["C0GENERAL"]),
            response_url=response_url,
        ).body
    if kind["type"] == "mention":
        event = app_mention(
            f"<@UBOT> {rng.choice(kind['texts'])}",
            user,
            channel=rng.choice(kind.get("channels") or ["C0GENERAL"]),
            ts=new_ts(),
        )
        return event_callback(event).body
    if kind["type"] == "action":
        request = block_actions(
            user,
            kind["action_id"],
            rng.choice(kind.get("values") or [""]),
            block_id=kind.get("block_id", "actions"),
            channel_id=rng.choice(kind.get("channels") or ["C0GENERAL"]),
            response_url=response_url,
        )
        return request.body
    if kind["type"] == "raw":  # a prepared body (tests)
        return str(kind["body"])
    raise ValueError(f"unknown request type {kind['type']!r}")


def content_type(kind: dict[str, Any]) -> str:
    return "application/json" if kind["type"] == "mention" else "application/x-www-form-urlencoded"


def prepare(spec: dict[str, Any]) -> tuple[list[list[bytes]], list[int]]:
    """Every request as the bytes to write, signed now; and the weighted kind schedule."""
    parts = urlsplit(spec["url"])
    host = parts.netloc
    path = parts.path or "/"
    kinds = spec["kinds"]
    total_weight = sum(k["weight"] for k in kinds)
    expected = spec.get("max_requests") or int(
        spec.get("max_rate", 2500) * (spec["duration"] + spec.get("warmup", 0.0))
    )
    rng = random.Random(spec.get("seed", 7))
    pools: list[list[bytes]] = []
    for kind in kinds:
        size = max(8, math.ceil(expected * kind["weight"] / total_weight) + 8)
        size = min(size, kind.get("pool_limit", size))
        pool = []
        for _ in range(size):
            body = build_request(kind, rng, spec.get("response_url")).encode()
            headers = sign(body.decode(), spec["secret"])
            head = (
                f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type(kind)}\r\n"
                f"Content-Length: {len(body)}\r\n"
                f"X-Slack-Request-Timestamp: {headers['X-Slack-Request-Timestamp']}\r\n"
                f"X-Slack-Signature: {headers['X-Slack-Signature']}\r\n\r\n"
            )
            pool.append(head.encode() + body)
        pools.append(pool)
    schedule = [i for i, kind in enumerate(kinds) for _ in range(kind["weight"])]
    rng.shuffle(schedule)
    return pools, schedule


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """(status, body, whether the server closes the connection)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length = None
    chunked = False
    close = lines[0].startswith("HTTP/1.0")  # 1.0 closes unless it says keep-alive
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
        elif name == "connection":
            close = "close" in value.lower() or (close and "keep-alive" not in value.lower())
    if chunked:
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                break
            body += chunk[:-2]
        return status, body, close
    if length is None:
        return status, await reader.read(), True
    return status, await reader.readexactly(length), close


class Stats:
    def __init__(self, names: list[str], markers: list[str]) -> None:
        self.latencies: list[list[float]] = [[] for _ in names]
        self.errors: list[Counter[str]] = [Counter() for _ in names]
        self.samples: list[list[str]] = [[] for _ in names]
        self.markers = [m.encode() for m in markers if m] + [
            json.dumps(m)[1:-1].encode() for m in markers if m
        ]

    def record(self, kind: int, seconds: float, status: int, body: bytes) -> None:
        self.latencies[kind].append(seconds)
        if status != 200:
            self.error(kind, f"http_{status}", body)
        elif self.markers and any(m in body for m in self.markers):
            self.error(kind, "error_reply", body)

    def error(self, kind: int, reason: str, body: bytes = b"") -> None:
        self.errors[kind][reason] += 1
        if len(self.samples[kind]) < 3:
            self.samples[kind].append(f"{reason}: {body[:200].decode('utf-8', 'replace')}")


async def run(spec: dict[str, Any]) -> dict[str, Any]:
    pools, schedule = prepare(spec)
    names = [k["name"] for k in spec["kinds"]]
    stats = Stats(names, spec.get("error_markers", []))
    parts = urlsplit(spec["url"])
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    counter = itertools.count()
    positions = [0] * len(pools)
    max_requests = spec.get("max_requests")
    warmup = float(spec.get("warmup", 0.0))
    started = time.perf_counter()
    measure_from = started + warmup
    end = measure_from + float(spec["duration"])
    connects = 0

    async def worker() -> None:
        nonlocal connects
        reader: asyncio.StreamReader | None = None
        writer: asyncio.StreamWriter | None = None
        while True:
            now = time.perf_counter()
            if now >= end:
                break
            i = next(counter)
            if max_requests is not None and i >= max_requests:
                break
            kind = schedule[i % len(schedule)]
            pool = pools[kind]
            data = pool[positions[kind] % len(pool)]
            positions[kind] += 1
            try:
                if writer is None or reader is None:
                    reader, writer = await asyncio.open_connection(host, port)
                    connects += 1
                t0 = time.perf_counter()
                writer.write(data)
                status, body, close = await asyncio.wait_for(read_response(reader), TIMEOUT)
                t1 = time.perf_counter()
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                if time.perf_counter() >= measure_from or max_requests is not None:
                    stats.error(kind, type(exc).__name__)
                if writer is not None:
                    writer.close()
                reader = writer = None
                continue
            if t0 >= measure_from or max_requests is not None:
                stats.record(kind, t1 - t0, status, body)
            if close:
                writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(int(spec["concurrency"]))))
    finished = time.perf_counter()
    window = (
        (finished - started) if max_requests is not None else (max(finished, end) - measure_from)
    )
    window = max(window, 1e-6)
    result: dict[str, Any] = {"window_s": round(window, 3), "connections": connects, "kinds": {}}
    all_latencies: list[float] = []
    total_errors: Counter[str] = Counter()
    for i, name in enumerate(names):
        lat = stats.latencies[i]
        all_latencies.extend(lat)
        total_errors.update(stats.errors[i])
        result["kinds"][name] = summarize(lat, window, stats.errors[i], stats.samples[i])
    samples = [s for per_kind in stats.samples for s in per_kind][:5]
    result["total"] = summarize(all_latencies, window, total_errors, samples)
    return result


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, math.ceil(q / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def summarize(
    latencies: list[float], window: float, errors: Counter[str], samples: list[str]
) -> dict[str, Any]:
    values = sorted(latencies)
    ms = [v * 1000 for v in values]
    return {
        "n": len(values),
        "rps": round(len(values) / window, 1),
        "p50_ms": round(percentile(ms, 50), 1) if ms else None,
        "p95_ms": round(percentile(ms, 95), 1) if ms else None,
        "p99_ms": round(percentile(ms, 99), 1) if ms else None,
        "max_ms": round(ms[-1], 1) if ms else None,
        "mean_ms": round(sum(ms) / len(ms), 1) if ms else None,
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "error_samples": samples,
    }


def main() -> int:
    spec = json.loads(sys.stdin.read())
    result = asyncio.run(run(spec))
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
