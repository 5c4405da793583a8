"""`samverkansbot docs add|list` and `samverkansbot ask`, as a user runs them: in-process
through `bot.cli.main`, and once as a real process for the one-line error."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from tests.answers.files import make_pdf
from tests.cli.test_cli import SETTINGS, run

PLAN = """# Handlingsplan för lärarförsörjning

## 1. Syfte

Planen ska stärka lärarförsörjningen i länet.

## 2. Mentorskap

Varje nyanställd lärare får en mentor under sitt första år.
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out = capsys.readouterr()
    return status, out.out, out.err


def test_docs_add_list_and_ask(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "plan.md").write_text(PLAN, encoding="utf-8")
    status, out, _ = cli(
        capsys, "docs", "add", "vastmanland", "plan.md", "--title", "Handlingsplan"
    )
    assert status == 0 and "added 'handlingsplan'" in out and "3 sections" in out
    _, out, _ = cli(capsys, "docs", "add", "vastmanland", "plan.md", "--title", "Handlingsplan")
    assert "unchanged" in out

    lines = ["Rutin", "1. Insamling", "Nyckeltal lämnas varje kvartal.", "2. Analys", "Klart."]
    (workdir / "rutin.pdf").write_bytes(make_pdf(lines))
    status, out, err = cli(capsys, "docs", "add", "vastmanland", "rutin.pdf")
    assert status == 0, err
    _, out, _ = cli(capsys, "docs", "list", "vastmanland")
    assert "§2 Mentorskap" in out and "§1 Insamling" in out
    assert "§5 Åtaganden" in out  # the agreement from the seed

    _, out, _ = cli(capsys, "ask", "Vad säger handlingsplanen om mentorskap?")
    assert "mentor under sitt första år" in out and "§2 Mentorskap" in out
    _, out, _ = cli(capsys, "ask", "What has SKR committed to?")
    assert "expertstöd" in out and "Source: Överenskommelsen, §5 Åtaganden" in out


def test_docs_add_refuses_bad_input(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(capsys, "docs", "add", "vastmanland", "nope.md")
    assert status == 1 and "cannot read nope.md" in err
    (workdir / "empty.md").write_text("  \n", encoding="utf-8")
    status, _, err = cli(capsys, "docs", "add", "vastmanland", "empty.md")
    assert status == 1 and "no text" in err
    (workdir / "broken.pdf").write_bytes(b"%PDF-1.4 nothing here")
    status, _, err = cli(capsys, "docs", "add", "vastmanland", "broken.pdf")
    assert status == 1 and "not a readable PDF" in err
    status, _, err = cli(capsys, "docs", "add", "nowhere", "empty.md")
    assert status == 1 and "no network 'nowhere'" in err


def test_a_real_process_fails_with_one_line(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}"}
    missing = run(["docs", "add", "vastmanland", "nope.md"], tmp_path, **env)
    assert missing.returncode == 1 and "cannot read nope.md" in missing.stderr
    assert "Traceback" not in missing.stderr
