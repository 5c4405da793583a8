"""The answerer's fixtures: the test network imported over the seed, and the question set's
accuracy printed in pytest's terminal summary."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.core.runtime import Core
from storage import networkfile

HERE = Path(__file__).parent
NETWORK_FILE = HERE / "network.toml"
QUESTIONS_FILE = HERE / "questions.toml"

# Filled by test_question_set: backend -> (correct, total, failures)
ACCURACY: dict[str, tuple[int, int, list[str]]] = {}


def load_questions() -> list[dict]:
    return tomllib.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))["q"]


def import_test_network(core: Core) -> None:
    spec = networkfile.load_file(NETWORK_FILE)
    with core.db.session() as session:
        networkfile.import_network(spec, session=session, actor="test", base_dir=HERE)


@pytest.fixture
def answers_core(core: Core) -> Core:
    """`core` (SQLite and PostgreSQL) with people, leads, participation and events."""
    import_test_network(core)
    return core


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not ACCURACY:
        return
    terminalreporter.section("answerer question set")
    for backend, (correct, total, failures) in sorted(ACCURACY.items()):
        terminalreporter.write_line(
            f"answers: {correct}/{total} correct ({correct / total:.1%}) on {backend}"
        )
        for failure in failures:
            terminalreporter.write_line(f"  wrong: {failure}")
