"""Compare two recordings made with ``SAMVERKAN_RECORD_DIR`` (see ``recorder.py``), as data.

    python tests/fake_slack/compare_recordings.py DIR_A DIR_B [--only-common] [--strict-order]
        [--all-home-views]

Both directories are loaded (every ``*.jsonl``), grouped per test node id and per stream (what
the bot sent Slack; what its app answered), and normalised: values that differ between two
runs of the same code (Slack ``ts``, trigger ids, view hashes, ports, random tokens, wall-clock
times, temporary paths, PostgreSQL schema names...) become placeholders. Within one test the
same value always gets the same placeholder (``<ts:1>``, ``<ts:2>``...), so "the update went to
the message posted first" is still compared; texts and blocks are compared in full.

Lookups (``users.info``, ``auth.test``, ``conversations.history``...) are compared as the set of
distinct calls: caches shared by threads make their number vary.
App Home views are refreshed on a thread that races the test: only the last one published to
each user is compared, unless ``--all-home-views``.

When two runs differ only in the order of records within a test (work done on threads), the
test counts as identical (listed as reordered) unless ``--strict-order`` is given.

Prints, per test, the differing paths (``[3].params.blocks[0].text.text``) with both values.
Exit status: 0 identical, 1 differences, 2 usage error.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

# Key names whose values are volatile by nature (whatever their shape).
VOLATILE_KEYS = {
    "ts": "ts",
    "thread_ts": "ts",
    "message_ts": "ts",
    "timestamp": "ts",
    "trigger_id": "trigger",
    "hash": "hash",
    "event_id": "event",
    "response_url": "url",
    "event_time": "time",
    "p": "token",  # a parked request's token in a block id ({"k": kind, "p": token})
}

# (kind, pattern) applied to every string; order matters (longest shapes first).
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("trigger", re.compile(r"\b\d{13}\.\d+\.[0-9a-f]{32}\b")),
    ("hash", re.compile(r"\b\d{10}\.\d{8}\b")),
    ("ts", re.compile(r"\b\d{10}\.\d{6}\b")),
    ("ts", re.compile(r"(?<=/p)\d{16}\b")),  # permalinks: archives/C123/p1718000000000123
    ("stamp", re.compile(r"(?<=DTSTAMP:)\d{8}T\d{6}Z?")),  # iCalendar: when the feed was made
    ("token", re.compile(r"(?<=/calendar/)[A-Za-z0-9_-]{16,64}(?=\.ics)")),
    ("url", re.compile(r"https://hooks\.slack\.com/commands/[^\s\"'>|]+")),
    ("port", re.compile(r"(?<=127\.0\.0\.1:)\d+|(?<=localhost:)\d+")),
    ("tmp", re.compile(r"/tmp/pytest-of-[^/\s]+/pytest-\d+/[^/\s\"'>|]+")),
    ("tmp", re.compile(r"/tmp/tmp[0-9a-z_]{6,}")),
    ("schema", re.compile(r"\b[tf]_[0-9a-f]{10}\b")),
    ("event", re.compile(r"\bEv[0-9A-F]{10}\b")),
    ("file", re.compile(r"\bF[0-9A-F]{10}\b")),  # file ids the tests make up (the fake's: F0000...)
    ("id", re.compile(r"\b[VFQ]\d{8}\b")),  # the fake's ids: one counter shared by threads
    ("uuid", re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")),
    (
        "time",
        re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}\.\d{3,6}(?:[+-]\d{2}:?\d{2}|Z)?"),
    ),
]

# Prometheus samples whose values depend on timing: histogram/summary parts and creation times.
TIMED_SAMPLE = re.compile(r"^(\S+(?:_bucket|_sum|_count|_created)(?:\{[^}]*\})?) \S+$", re.M)

Wallclock = list[tuple[str, re.Pattern[str]]] | None

# Web API methods that only read: compared as the set of distinct calls, not their count.
READ_METHODS = frozenset(
    {
        "auth.test",
        "users.info",
        "conversations.info",
        "conversations.history",
        "conversations.replies",
        "conversations.open",
        "chat.getPermalink",
        "files.info",
    }
)

# Record fields that are bookkeeping, not output.
IGNORED_FIELDS = {"test", "seq", "phase", "at"}


class Normaliser:
    """Replaces volatile values by placeholders, numbered per test when ``numbered``."""

    def __init__(self, numbered: bool = True, wallclock: Wallclock = None) -> None:
        self.numbered = numbered
        self.patterns = (wallclock or []) + PATTERNS
        self.seen: dict[tuple[str, str], str] = {}

    def placeholder(self, kind: str, value: str) -> str:
        if not self.numbered or kind == "now":
            return f"<{kind}>"
        key = (kind, self.canonical(kind, value))
        if key not in self.seen:
            count = sum(1 for k, _ in self.seen if k == kind) + 1
            self.seen[key] = f"<{kind}:{count}>"
        return self.seen[key]

    @staticmethod
    def canonical(kind: str, value: str) -> str:
        """The same ts written as in a permalink (no dot) or as an id gets the same placeholder."""
        if kind == "ts" and value.isdigit() and len(value) == 16:
            return f"{value[:10]}.{value[10:]}"
        return value

    def string(self, value: str) -> str:
        if "\n# TYPE " in value or value.startswith("# HELP "):  # a /metrics page
            value = TIMED_SAMPLE.sub(lambda m: f"{m.group(1)} <n>", value)
        for kind, pattern in self.patterns:
            value = pattern.sub(lambda m, kind=kind: self.placeholder(kind, m.group(0)), value)
        return value

    def value(self, value: Any, key: str | None = None) -> Any:
        if key in VOLATILE_KEYS and isinstance(value, str | int | float) and value != "":
            return self.placeholder(VOLATILE_KEYS[key], str(value))
        if isinstance(value, dict):
            return {k: self.value(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, str):
            return self.string(value)
        return value


WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
WEEKDAYS += ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS_SV = "januari februari mars april maj juni juli augusti september oktober november december"
MONTHS_EN = "January February March April May June July August September October November December"


def run_days(directory: Path) -> set[date]:
    """The days (UTC and Stockholm) the recording was made on: what the bot writes about "now"
    from the real clock (a subprocess, a wall-clock stamp) falls on them. From the records'
    ``at``; for recordings without it, from the files' modification times (a run is < 1 h)."""
    stamps = []
    for path in directory.glob("*.jsonl"):
        with path.open(encoding="utf-8") as lines:
            stamps += [json.loads(line).get("at") for line in lines if line.strip()]
    known = [float(at) for at in stamps if isinstance(at, int | float)]
    if known:
        start, end = min(known), max(known)
    else:
        mtimes = [p.stat().st_mtime for p in directory.glob("*.jsonl")] or [0.0]
        start, end = min(mtimes) - 3600, max(mtimes)
    end += 3 * 3600  # reminders "in an hour or two" from the real now
    days: set[date] = set()
    stockholm = ZoneInfo("Europe/Stockholm")
    at = start
    while at <= end + 1:
        moment = datetime.fromtimestamp(min(at, end), UTC)
        days |= {moment.date(), moment.astimezone(stockholm).date()}
        at += 1800
    return days


def wallclock_patterns(days: Iterable[date]) -> list[tuple[str, re.Pattern[str]]]:
    """Dates (and times) on the run's own days, however the bot writes them: ISO, iCalendar,
    and the Swedish and English long forms ("fredag 4 december 2026 kl. 03:08")."""
    patterns = []
    weekday = "(?:(?:" + "|".join(WEEKDAYS) + ") )?"
    clock = r"(?: (?:kl\.|at) \d{1,2}[:.]\d{2}| \d{2}:\d{2})?"
    for day in sorted(days):
        time = r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:?\d{2}|Z)?)?"
        iso = rf"\b{day:%Y-%m-%d}{time}"
        months = f"(?:{MONTHS_SV.split()[day.month - 1]}|{MONTHS_EN.split()[day.month - 1]})"
        long = rf"\b{weekday}{day.day} {months} {day.year}{clock}"
        compact = rf"\b{day:%Y%m%d}T\d{{6}}Z?"
        patterns += [("now", re.compile(p)) for p in (iso, long, compact)]
    return patterns


def load(directory: Path) -> dict[str, list[dict[str, Any]]]:
    """Records per test node id, in recorded order (files in name order, then by ``seq``)."""
    tests: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(directory.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    record = json.loads(line)
                    tests.setdefault(record.get("test", ""), []).append(record)
    for records in tests.values():
        records.sort(key=lambda r: (r.get("phase") != "setup", r.get("phase") == "teardown"))
    return tests


def streams(
    records: Iterable[dict[str, Any]], all_home_views: bool = False
) -> dict[str, list[dict[str, Any]]]:
    """Split a test's records into what went to Slack and what the app answered: the two are
    produced by different threads, so only the order within each stream means something.

    App Home views are refreshed after the ack, on a thread that races the test's next request:
    how many refreshes land, and with which intermediate state, differs from run to run. Only
    the last view published to each user (the settled state) is compared, in stream ``home``,
    unless ``all_home_views``. Lookups (``READ_METHODS``) go through caches shared by threads,
    so how often they are made varies: stream ``reads`` holds each distinct lookup once."""
    out: dict[str, list[dict[str, Any]]] = {}
    last_home: dict[str, dict[str, Any]] = {}
    reads: dict[str, dict[str, Any]] = {}
    for record in records:
        is_publish = record.get("kind") == "slack" and record.get("method") == "views.publish"
        if is_publish and not all_home_views:
            last_home[str(record.get("params", {}).get("user_id"))] = record
            continue
        if record.get("kind") == "slack" and record.get("method") in READ_METHODS:
            key = _key([record.get("method"), record.get("params"), record.get("status")])
            reads.setdefault(key, record)
            continue
        stream = "slack" if record.get("kind") == "slack" else "app"
        out.setdefault(stream, []).append(record)
    if reads:
        out["reads"] = [reads[key] for key in sorted(reads)]
    if last_home:
        out["home"] = [last_home[user] for user in sorted(last_home)]
    return out


def normalise_test(
    records: list[dict[str, Any]],
    in_order: bool = True,
    wallclock: Wallclock = None,
    all_home_views: bool = False,
) -> dict[str, list[Any]]:
    """Per stream, the records normalised. Without ``in_order`` each stream is first sorted by
    its records' shape (volatile values blanked), so that placeholders are numbered the same
    whatever order threads produced the records in."""
    split = {
        stream: [{k: v for k, v in r.items() if k not in IGNORED_FIELDS} for r in items]
        for stream, items in sorted(streams(records, all_home_views).items())
    }
    blank = Normaliser(numbered=False, wallclock=wallclock)
    for stream, items in split.items():
        if not in_order or stream == "reads":  # reads are a set: in the order of their shape
            split[stream] = sorted(items, key=lambda r: _key(blank.value(r)))
    normaliser = Normaliser(wallclock=wallclock)
    return {stream: [normaliser.value(r) for r in items] for stream, items in split.items()}


def diff(a: Any, b: Any, path: str = "") -> list[tuple[str, Any, Any]]:
    """Paths where ``a`` and ``b`` differ, with both values (``<missing>`` when absent)."""
    if isinstance(a, dict) and isinstance(b, dict):
        found: list[tuple[str, Any, Any]] = []
        for key in sorted(set(a) | set(b), key=str):
            sub = f"{path}.{key}" if path else str(key)
            if key not in a:
                found.append((sub, "<missing>", b[key]))
            elif key not in b:
                found.append((sub, a[key], "<missing>"))
            else:
                found += diff(a[key], b[key], sub)
        return found
    if isinstance(a, list) and isinstance(b, list):
        found = []
        for i in range(max(len(a), len(b))):
            sub = f"{path}[{i}]"
            if i >= len(a):
                found.append((sub, "<missing>", b[i]))
            elif i >= len(b):
                found.append((sub, a[i], "<missing>"))
            else:
                found += diff(a[i], b[i], sub)
        return found
    return [] if a == b else [(path, a, b)]


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def compare_test(
    a: list[dict[str, Any]],
    b: list[dict[str, Any]],
    strict_order: bool = False,
    wallclock: tuple[Wallclock, Wallclock] = (None, None),
    all_home_views: bool = False,
) -> tuple[list[tuple[str, Any, Any]], bool]:
    """``(differences, reordered)`` for one test's records in run A and run B."""
    wall_a, wall_b = wallclock
    homes = all_home_views
    found = diff(normalise_test(a, True, wall_a, homes), normalise_test(b, True, wall_b, homes))
    if not found or strict_order:
        return found, False
    loose = diff(normalise_test(a, False, wall_a, homes), normalise_test(b, False, wall_b, homes))
    same = not loose
    return ([], True) if same else (found, False)


def compare(
    a: dict[str, list[dict[str, Any]]],
    b: dict[str, list[dict[str, Any]]],
    *,
    only_common: bool = False,
    strict_order: bool = False,
    wallclock: tuple[Wallclock, Wallclock] = (None, None),
    all_home_views: bool = False,
    out: Callable[[str], None] = print,
    max_paths: int = 20,
) -> int:
    """Print a report; return the number of tests that differ (missing ones included)."""
    names = sorted(set(a) & set(b)) if only_common else sorted(set(a) | set(b))
    differing = 0
    reordered: list[str] = []
    for name in names:
        if name not in a or name not in b:
            differing += 1
            side, records = ("A", a[name]) if name in a else ("B", b[name])
            out(f"{name}: only in {side} ({len(records)} records)")
            continue
        found, was_reordered = compare_test(
            a[name], b[name], strict_order, wallclock, all_home_views
        )
        if was_reordered:
            reordered.append(name)
        if found:
            differing += 1
            out(f"{name}: {len(found)} difference(s)")
            for path, va, vb in found[:max_paths]:
                out(f"  {path}")
                if isinstance(va, str) and isinstance(vb, str) and "\n" in va + vb:
                    lines = difflib.unified_diff(va.splitlines(), vb.splitlines(), "A", "B", n=1)
                    out("\n".join(f"    {line.rstrip()}" for line in list(lines)[2:40]))
                else:
                    out(f"    A: {_short(va)}\n    B: {_short(vb)}")
            if len(found) > max_paths:
                out(f"  ... and {len(found) - max_paths} more")
    total_a = sum(len(r) for r in a.values())
    total_b = sum(len(r) for r in b.values())
    out(
        f"{len(names)} test(s) compared ({total_a} records in A, {total_b} in B): "
        f"{differing} differ, {len(reordered)} identical but reordered"
    )
    return differing


def _short(value: Any, limit: int = 300) -> str:
    text = value if isinstance(value, str) else _key(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir_a", type=Path)
    parser.add_argument("dir_b", type=Path)
    parser.add_argument(
        "--only-common", action="store_true", help="ignore tests recorded in only one directory"
    )
    parser.add_argument(
        "--strict-order", action="store_true", help="records reordered within a test differ"
    )
    parser.add_argument(
        "--all-home-views",
        action="store_true",
        help="compare every App Home publish, not only the last one per user",
    )
    args = parser.parse_args(argv)
    for directory in (args.dir_a, args.dir_b):
        if not directory.is_dir():
            parser.error(f"not a directory: {directory}")
    a, b = load(args.dir_a), load(args.dir_b)
    wallclock = (
        wallclock_patterns(run_days(args.dir_a)),
        wallclock_patterns(run_days(args.dir_b)),
    )
    differing = compare(
        a,
        b,
        only_common=args.only_common,
        strict_order=args.strict_order,
        wallclock=wallclock,
        all_home_views=args.all_home_views,
    )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
