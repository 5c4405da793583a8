"""The recorder's comparison script: real differences are reported as data paths, what differs
between two runs of the same code is not."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.fake_slack import compare_recordings, recorder

SCRIPT = Path(compare_recordings.__file__)
TEST = "tests/x/test_y.py::test_z[sqlite]"
PERMALINK = "https://x.slack.com/archives/C1/"
TRIGGER_A = "1795510800123.7." + "ab" * 16
TRIGGER_B = "1796000000999.9." + "cd" * 16


def _records(ts: str, trigger: str, text: str, port: int) -> list[dict[str, Any]]:
    blocks = [{"type": "section", "block_id": "b1", "text": {"type": "mrkdwn", "text": text}}]
    body = f"se http://127.0.0.1:{port}/healthz och {PERMALINK}p{ts.replace('.', '')}"
    return [
        {
            "test": TEST, "phase": "call", "seq": 0, "kind": "slack", "status": 200,
            "method": "chat.postMessage",
            "params": {"channel": "C0GENERAL", "text": text, "blocks": blocks},
        },
        {
            "test": TEST, "phase": "call", "seq": 1, "kind": "slack", "status": 200,
            "method": "chat.update",
            "params": {"channel": "C0GENERAL", "ts": ts, "text": f"{text} (ändrad)"},
        },
        {
            "test": TEST, "phase": "call", "seq": 2, "kind": "slack", "status": 200,
            "method": "views.open",
            "params": {"trigger_id": trigger, "view": {"type": "modal", "blocks": blocks}},
        },
        {
            "test": TEST, "phase": "call", "seq": 3, "kind": "http", "status": 200,
            "path": "/slack/events", "request": {"command": "/samverkan"}, "content_type": None,
            "body": body,
        },
    ]  # fmt: skip


def _write(directory: Path, records: list[dict[str, Any]]) -> Path:
    directory.mkdir()
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    (directory / "records-1.jsonl").write_text(lines, encoding="utf-8")
    return directory


def _run(a: Path, b: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(a), str(b), *args], capture_output=True, text=True
    )


def test_volatile_values_are_ignored(tmp_path: Path) -> None:
    a = _write(tmp_path / "a", _records("1795510800.000100", TRIGGER_A, "Hej", 40001))
    b = _write(tmp_path / "b", _records("1796000000.123456", TRIGGER_B, "Hej", 51234))
    result = _run(a, b)
    assert result.returncode == 0, result.stdout
    assert "0 differ" in result.stdout


def test_a_changed_block_text_is_reported_with_its_path(tmp_path: Path) -> None:
    a = _write(tmp_path / "a", _records("1795510800.000100", TRIGGER_A, "Hej", 40001))
    b = _write(tmp_path / "b", _records("1795510800.000100", TRIGGER_A, "Hej då", 40001))
    result = _run(a, b)
    assert result.returncode == 1
    assert TEST in result.stdout
    assert "slack[0].params.blocks[0].text.text" in result.stdout
    assert "slack[2].params.view.blocks[0].text.text" in result.stdout
    assert "Hej då" in result.stdout


def test_the_same_ts_keeps_its_identity(tmp_path: Path) -> None:
    """A link to another message than the one updated is a difference, though ts are volatile."""
    records = _records("1795510800.000100", TRIGGER_A, "Hej", 40001)
    changed = copy.deepcopy(records)
    changed[3]["body"] = changed[3]["body"].replace("p1795510800000100", "p1795510899000100")
    a, b = _write(tmp_path / "a", records), _write(tmp_path / "b", changed)
    assert _run(a, b).returncode == 1


def test_reordering_within_a_test_is_tolerated_unless_strict(tmp_path: Path) -> None:
    records = _records("1795510800.000100", TRIGGER_A, "Hej", 40001)
    swapped = [records[2], records[0], records[1], records[3]]
    a, b = _write(tmp_path / "a", records), _write(tmp_path / "b", swapped)
    assert _run(a, b).returncode == 0
    assert _run(a, b, "--strict-order").returncode == 1


def test_a_missing_test_differs_unless_only_common(tmp_path: Path) -> None:
    records = _records("1795510800.000100", TRIGGER_A, "Hej", 40001)
    other = [dict(r, test="tests/x/test_y.py::test_other") for r in records]
    a, b = _write(tmp_path / "a", records + other), _write(tmp_path / "b", records)
    assert _run(a, b).returncode == 1
    assert _run(a, b, "--only-common").returncode == 0


def test_records_go_to_the_directory_only_when_the_variable_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(recorder.ENV_VAR, raising=False)
    recorder.record("slack", method="auth.test")
    assert not recorder.enabled()
    monkeypatch.setenv(recorder.ENV_VAR, str(tmp_path / "rec"))
    recorder.record("slack", method="auth.test", params={})
    [path] = (tmp_path / "rec").glob("*.jsonl")
    [line] = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["method"] == "auth.test"
    assert record["test"].endswith("test_records_go_to_the_directory_only_when_the_variable_is_set")
    assert record["phase"] == "call"


def test_lookups_count_once_and_only_the_last_home_view_counts(tmp_path: Path) -> None:
    records = _records("1795510800.000100", TRIGGER_A, "Hej", 40001)
    lookup = {"test": TEST, "kind": "slack", "method": "users.info", "params": {"user": "U1"}}
    home = {"test": TEST, "kind": "slack", "method": "views.publish", "status": 200}
    early = dict(home, params={"user_id": "U1", "view": {"type": "home", "blocks": []}})
    final = dict(home, params={"user_id": "U1", "view": {"type": "home", "blocks": [{"x": 1}]}})
    a = _write(tmp_path / "a", [lookup, early, *records, lookup, final])
    b = _write(tmp_path / "b", [*records, lookup, final])
    assert _run(a, b).returncode == 0
    assert _run(a, b, "--all-home-views").returncode == 1
    c = _write(tmp_path / "c", [lookup, final, *records, early])
    assert "home[0].params.view.blocks" in _run(a, c).stdout
