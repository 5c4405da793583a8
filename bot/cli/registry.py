"""`samverkansbot registry export NETWORK [--out DIR] [--lang]`: the registry as CSV files."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.common import network_named
from bot.core.config import Settings
from bot.core.runtime import Core
from bot.registry.export import export_files


def add_cli(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("registry", help="the registry as CSV files")
    sub = p.add_subparsers(metavar="ACTION", required=True)
    export = sub.add_parser(
        "export", help="write the participation matrix, history, contacts and commitments"
    )
    export.add_argument("network", help="the network's slug, e.g. vastmanland")
    export.add_argument("--out", type=Path, default=Path("."), help="directory to write to")
    export.add_argument("--lang", choices=("sv", "en"), help="language of the headers")
    export.set_defaults(handler=run_export_cli)


def run_export_cli(args: argparse.Namespace, settings: object) -> int:

    assert isinstance(settings, Settings)
    core = Core.from_settings(settings)
    core.db.upgrade()
    lang = args.lang or settings.language
    with core.db.session() as session:
        network = network_named(session, args.network)
        files = export_files(session, network, lang)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    print(f"samverkansbot: wrote {len(files)} CSV file(s) to {out}")
    core.db.dispose()
    return 0
