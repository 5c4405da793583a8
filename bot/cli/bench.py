"""`samverkansbot bench [OPTIONS]`: run the benchmark of tests/benchmarks/ (a source checkout).

The benchmark lives with the tests (it needs the fake Slack server), so the bot does not import
it: this command runs `python -m tests.benchmarks` in the checkout the package is installed
from, with every option passed on (`samverkansbot bench --help` lists them).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from bot.cli.common import CliError
from bot.core.config import Settings

ROOT = Path(__file__).resolve().parents[2]


def add_cli(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "bench",
        help="benchmark at national scale (source checkout; options: bench --help)",
        add_help=False,
        prefix_chars="+",  # every option goes on to the benchmark's own parser
    )
    parser.add_argument("options", nargs=argparse.REMAINDER)
    parser.set_defaults(handler=run_bench)


def run_bench(args: argparse.Namespace, settings: Settings) -> int:
    if not (ROOT / "tests" / "benchmarks" / "run.py").is_file():
        raise CliError("bench needs a source checkout with tests/benchmarks/ (pip install -e .)")
    command = [sys.executable, "-m", "tests.benchmarks", *args.options]
    return subprocess.run(command, cwd=ROOT, check=False).returncode
