"""`samverkansbot report NETWORK [--from DATE] [--to DATE] [--area AREA] [--out DIR]`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from bot.cli.common import CliError, network_named
from bot.core.config import Settings
from bot.core.runtime import Core
from bot.core.textmatch import best_match
from bot.followup.report import build_report
from bot.followup.report.delivery import report_period
from storage import registry


def add_cli(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "report", help="write the evaluation report (Markdown, CSV, PNG charts) to a directory"
    )
    p.add_argument("network", help="the network's slug, e.g. vastmanland")
    p.add_argument("--from", dest="start", help="first day, YYYY-MM-DD (default: agreement start)")
    p.add_argument("--to", dest="end", help="last day, YYYY-MM-DD (default: today)")
    p.add_argument("--area", help="only this focus area (name or slug)")
    p.add_argument("--lang", choices=("sv", "en"), help="language (default: BOT_LANGUAGE)")
    p.add_argument(
        "--out", type=Path, default=Path("report"), help="directory to write (default: ./report)"
    )
    p.set_defaults(handler=run_report)


def _date(value: str | None, name: str) -> date | None:

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"{name} {value!r} is not a date like 2026-01-31") from None


def run_report(args: argparse.Namespace, settings: Settings) -> int:

    start, end = _date(args.start, "--from"), _date(args.end, "--to")
    core = Core.from_settings(settings)
    core.db.upgrade()
    with core.db.session() as session:
        network = network_named(session, args.network)
        default_start, default_end = report_period(core, network)
        start, end = start or default_start, end or default_end
        if start > end:
            raise CliError(f"--from {start} is after --to {end}")
        area_id = None
        if args.area:
            areas = registry.areas(session=session, network_id=network.id, include_archived=True)  # type: ignore[arg-type]
            match = best_match(args.area, areas, lambda a: [a.name, a.slug])
            if match.found is None:
                raise CliError(
                    f"no single focus area {args.area!r}; known: "
                    + ", ".join(a.slug for a in areas)
                )
            area_id = match.found.id
        report = build_report(
            session,
            network,
            start=start,
            end=end,
            lang=args.lang or settings.language,
            tz=settings.tz,
            area_id=area_id,
        )
    core.db.dispose()
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, content in report.files.items():
            path = args.out / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
    except OSError as error:
        raise CliError(f"cannot write the report to {args.out}: {error.strerror}") from None
    print(
        f"samverkansbot: wrote the report for {network.slug} ({start} – {end}): "
        f"{len(report.files)} files in {args.out}",
        file=sys.stderr,
    )
    return 0
