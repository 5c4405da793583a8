"""Score a question file: `python -m tests.answers.score FILE [FILE ...] [--quiet]`.

Builds a fresh SQLite database with the Västmanland seed and `tests/answers/network.toml`
imported over it (the same registry state the question set is written for), plus the Södertörn
seed, freezes the clock at the tests' "now" (2026-11-24 09:00 UTC) and answers every `[[q]]`
of each file as the Slack user `UASKER01` would be answered (through `answer_question`, the
entry point every surface calls). A question may name its network (`network = "sodertorn"`);
the default is `vastmanland`. A question counts as right when every `must` substring is in the
rendered answer and no `must_not` is (case-insensitive), exactly as `test_question_set` judges.

Prints `right/total` per file and, unless `--quiet`, each failure with the answer given.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from bot.core.runtime import SEED_DIR, Core
from storage import networkfile
from storage.db import Database

HERE = Path(__file__).parent


@dataclass
class Result:
    question: dict
    answer: str
    problems: list[str]


def judge(question: dict, answer_text: str) -> list[str]:
    text = answer_text.casefold()
    problems = [f"missing {m!r}" for m in question.get("must", []) if m.casefold() not in text]
    problems += [f"contains {m!r}" for m in question.get("must_not", []) if m.casefold() in text]
    return problems


def load(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8")).get("q", [])


def build_core(directory: Path, api_url: str) -> Core:
    from tests.conftest import FrozenClock, make_settings

    url = f"sqlite:///{directory / 'score.db'}"
    db = Database(url)
    db.upgrade()
    with db.session() as session:
        for path, base in (
            (SEED_DIR / "vastmanland.toml", SEED_DIR),
            (HERE / "network.toml", HERE),
            (SEED_DIR / "sodertorn.toml", SEED_DIR),
        ):
            networkfile.import_network(
                networkfile.load_file(path), session=session, actor="test", base_dir=base
            )
        for path in sorted(SEED_DIR.glob("*.toml")):
            if path.stem not in ("vastmanland", "sodertorn"):
                networkfile.import_network(
                    networkfile.load_file(path), session=session, actor="test", base_dir=SEED_DIR
                )
    return Core(settings=make_settings(url, api_url), db=db, clock=FrozenClock())


def score(core: Core, questions: list[dict]) -> list[Result]:
    from bot.answers import answer_question
    from bot.core.textrender import render_blocks

    base = core.settings
    results = []
    for question in questions:
        core.settings = replace(base, default_network=question.get("network", "vastmanland"))
        reply = answer_question(core, slack_user_id="UASKER01", text=question["text"])
        text = render_blocks(reply.blocks, reply.text)
        results.append(Result(question, text, judge(question, text)))
    core.settings = base
    return results


def main(argv: list[str] | None = None) -> int:
    from tests.fake_slack import FakeSlack

    parser = argparse.ArgumentParser(prog="python -m tests.answers.score")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--quiet", action="store_true", help="only the scores, no failures")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, FakeSlack() as fake:
        core = build_core(Path(tmp), fake.url)
        for path in args.files:
            results = score(core, load(path))
            wrong = [r for r in results if r.problems]
            right = len(results) - len(wrong)
            print(f"{path}: {right}/{len(results)} right ({right / max(len(results), 1):.1%})")
            if not args.quiet:
                for r in wrong:
                    print(f"\n  Q: {r.question['text']}  [{'; '.join(r.problems)}]")
                    print("  A: " + r.answer.replace("\n", "\n     ")[:900])
        core.db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
