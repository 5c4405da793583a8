"""`samverkansbot bench [OPTIONS]`: run the benchmark of tests/benchmarks/ (a source checkout).

The benchmark lives with the tests (it needs the fake Slack server), so it is imported only
when this command runs, from the checkout the package is installed from; every option is
passed on (`samverkansbot bench --help` lists them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli.common import CliError
from bot.core.config import Settings

ROOT = Path(__file__).resolve().parents[2]


class BenchUnavailable(Exception):
    """The package is not installed from a source checkout with tests/benchmarks/."""


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
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.benchmarks.run import main

    return main(list(args.options))
