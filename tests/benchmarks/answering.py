"""Timing the answerer and the command dispatcher in-process, at national scale.

`answer_question(core, slack_user_id=..., text=...)` is timed over the question set of
`tests/answers/` (any .toml/.json/.yaml/.txt file there: the strings under `question`/`text`
keys, or a `questions` list, or one question per line), falling back to `FALLBACK_QUESTIONS`.
`dispatch` is timed for each `/samverkan` text of the load mix: where a command is slow, this
shows it without the HTTP stack around it (and `--profile` runs pyinstrument over it).
"""

from __future__ import annotations

import json
import statistics
import time
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tests.benchmarks.servers import REPO

QUESTIONS_DIR = REPO / "tests" / "answers"
# The people, participation and events the question set is written for (imported under the
# national data when present, so that the questions find what they ask about).
ANSWERS_NETWORK = QUESTIONS_DIR / "network.toml"
FALLBACK_QUESTIONS = (
    "Vem är kontaktperson för Sala i lärarförsörjning?",
    "Vilka kommuner är med i Elevhälsa och specialpedagogik?",
    "Vad har kommunerna åtagit sig?",
    "Vad ska regionen göra enligt överenskommelsen?",
    "Vad gör SKR i samverkan?",
    "När gäller överenskommelsen?",
    "När är nästa forum?",
    "Vem är skolchef i Västerås?",
    "Vilka fokusområden finns?",
    "Hur går en kommun med i ett fokusområde?",
    "Hur lämnar vi ett område?",
    "När ska den gemensamma utvärderingen vara klar?",
    "Vem samordnar nätverket?",
    "Vilka är med i Digitalisering i skolan?",
    "Vad står det om kapacitetsbyggande?",
    "Who is the contact for Köping?",
    "Which municipalities take part in Lärarförsörjning?",
    "What has the region committed to?",
    "When does the agreement end?",
    "Vad betyder samverkan enligt överenskommelsen?",
)


def _strings(data: Any) -> Iterable[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("question", "q", "text", "ask") and isinstance(value, str):
                yield value
            elif key == "questions" and isinstance(value, list):
                for item in value:
                    if isinstance(item, str):
                        yield item
                    else:
                        yield from _strings(item)
            else:
                yield from _strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)


def load_questions(directory: Path = QUESTIONS_DIR) -> tuple[list[str], str]:
    """The question set and where it came from."""
    found: list[str] = []
    sources: list[str] = []
    if directory.is_dir():
        paths = sorted(directory.rglob("*"))
        named = [p for p in paths if "question" in p.name or p.parent.name == "unseen"]
        for path in named or paths:
            if path.name.startswith(("test_", "_")) or not path.is_file():
                continue
            try:
                if path.suffix == ".toml":
                    items = list(_strings(tomllib.loads(path.read_text(encoding="utf-8"))))
                elif path.suffix == ".json":
                    items = list(_strings(json.loads(path.read_text(encoding="utf-8"))))
                elif path.suffix in (".yaml", ".yml"):
                    import yaml  # the test extra has PyYAML

                    items = list(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
                elif path.suffix == ".txt":
                    items = [
                        line.strip()
                        for line in path.read_text(encoding="utf-8").splitlines()
                        if line.strip() and not line.lstrip().startswith("#")
                    ]
                else:
                    continue
            except Exception:
                continue
            if items:
                found.extend(items)
                sources.append(str(path.relative_to(REPO)))
    unique = list(dict.fromkeys(q.strip() for q in found if q.strip()))
    if unique:
        return unique, ", ".join(sources)
    return list(FALLBACK_QUESTIONS), "built-in list (tests/answers/ has no question set yet)"


def _percentiles(times: list[float]) -> dict[str, Any]:
    ordered = sorted(times)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]

    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(pick(95), 1),
        "max_ms": round(ordered[-1], 1),
    }


def time_calls(
    calls: list[tuple[str, Callable[[], Any]]], repeats: int, warm: int | None = None
) -> dict[str, Any]:
    """Run the first `warm` calls (all by default) to warm up, then every call `repeats` times;
    milliseconds overall and per name."""
    for _, call in calls[:warm]:
        call()
    overall: list[float] = []
    by_name: dict[str, list[float]] = {}
    for _ in range(repeats):
        for name, call in calls:
            started = time.perf_counter()
            call()
            elapsed = (time.perf_counter() - started) * 1000
            overall.append(elapsed)
            by_name.setdefault(name, []).append(elapsed)
    result = _percentiles(overall)
    slowest = sorted(by_name.items(), key=lambda item: -statistics.median(item[1]))[:5]
    result["slowest"] = {name: round(statistics.median(times), 1) for name, times in slowest}
    result["by_name"] = {name: _percentiles(times) for name, times in by_name.items()}
    return result


def time_answers(core: Any, user: str, repeats: int = 3) -> dict[str, Any]:
    from bot.answers import answer_question

    questions, source = load_questions()
    calls = [
        (q, lambda q=q: answer_question(core, slack_user_id=user, text=q))  # type: ignore[misc]
        for q in questions
    ]
    result = time_calls(calls, repeats, warm=3)
    result["questions"] = len(questions)
    result["source"] = source
    result.pop("by_name", None)
    return result


def time_dispatch(
    core: Any, texts: dict[str, list[str]], users: list[str], repeats: int = 5
) -> dict[str, Any]:
    """Per command kind: `bot.commands.dispatch` over its texts."""
    from bot.commands import dispatch
    from bot.core.actor import Who

    result: dict[str, Any] = {}
    for kind, kind_texts in texts.items():
        chosen = kind_texts[:8]
        calls = [
            (
                text,
                lambda text=text, i=i: dispatch(  # type: ignore[misc]
                    core, Who(core, slack_user_id=users[i % len(users)]), text=text
                ),
            )
            for i, text in enumerate(chosen)
        ]
        timing = time_calls(calls, repeats)
        timing.pop("by_name", None)
        result[kind] = timing
    return result


def main(argv: list[str] | None = None) -> int:
    """Only the answerer at national scale: `python -m tests.benchmarks.answering
    [--databases sqlite,postgresql] [--repeats 3]` (a minute or two per database)."""
    import argparse
    import tempfile

    from bot.core.config import Settings
    from bot.core.runtime import Core
    from storage.db import Database
    from tests.benchmarks.generate import Scale, generate
    from tests.benchmarks.run import ADMIN, SECRET, TOKEN, database, postgres_reason
    from tests.fake_slack import FakeSlack

    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.answering")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    with FakeSlack() as fake, tempfile.TemporaryDirectory(prefix="samverkan-answers-") as tmp:
        for name in [d.strip() for d in args.databases.split(",") if d.strip()]:
            if name == "postgresql" and postgres_reason():
                print(f"{name}: not reachable, skipped")
                continue
            with database(name, Path(tmp)) as url:
                db = Database(url)
                data = generate(db, Scale.national(), extra_files=[ANSWERS_NETWORK])
                settings = Settings(
                    slack_bot_token=TOKEN,
                    slack_signing_secret=SECRET,
                    slack_api_url=fake.url,
                    database_url=url,
                    admins=frozenset({ADMIN}),
                )
                core = Core(settings=settings, db=db)
                user = data.user_ids[0] if data.user_ids else ADMIN
                result = time_answers(core, user, repeats=args.repeats)
                print(
                    f"{name}: {result['questions']} questions x {args.repeats}: "
                    f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
                    f"max {result['max_ms']} ms; slowest {result['slowest']}"
                )
                db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
