"""`samverkansbot`: run the bot (console, HTTP or Socket Mode) and manage its data.

Every failure a user can cause (a missing setting, an unreachable database, a bad file) ends
with one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import deploy
from bot.cli import answers, bench, events, registry, report
from bot.cli.common import CliError, network_named
from bot.core.config import ConfigError, Settings, load_settings
from bot.core.observability import configure_logging, install_redaction
from bot.core.runtime import Core, NetworkMissing
from storage.db import DatabaseUnavailable
from storage.networkfile import NetworkFileError

MANIFESTS = Path(deploy.__file__).resolve().parent
log = logging.getLogger("samverkansbot")


Handler = Callable[[argparse.Namespace, Settings], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    try:
        settings = load_settings()
        install_redaction(settings)
        handler: Handler = getattr(args, "handler", run_default)
        return handler(args, settings)
    except (ConfigError, DatabaseUnavailable, NetworkFileError, CliError) as error:
        print(f"samverkansbot: {error}", file=sys.stderr)
        return 2 if isinstance(error, ConfigError) else 1
    except NetworkMissing as error:
        print(
            f"samverkansbot: network {error} is not in the database; import it first",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="samverkansbot",
        description="Slack bot for Swedish inter-municipal school cooperation networks.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    parser.add_argument("--as", dest="as_user", help="console: act as this Slack user ID")
    parser.add_argument("--network", help="console: work in this network (slug or name)")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("console", help="talk to the bot in this terminal (no Slack needed)")
    p.add_argument("--as", dest="as_user", help="act as this Slack user ID")
    p.add_argument(
        "--network", help="work in this network (slug or name; default: SAMVERKAN_NETWORK)"
    )
    p.set_defaults(handler=run_console)

    p = sub.add_parser("serve", help="HTTP mode on gunicorn: /slack/events and /healthz")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--threads", type=int, default=4)
    p.set_defaults(handler=run_serve)

    p = sub.add_parser("socket", help="Socket Mode (needs SLACK_APP_TOKEN)")
    p.set_defaults(handler=run_socket)

    p = sub.add_parser("db", help="database maintenance")
    dbsub = p.add_subparsers(metavar="ACTION", required=True)
    up = dbsub.add_parser("upgrade", help="apply the migrations")
    up.set_defaults(handler=run_db_upgrade)

    p = sub.add_parser("import", help="import (upsert) a network data file")
    p.add_argument("file", type=Path, help="the file, or - for standard input")
    p.set_defaults(handler=run_import)

    p = sub.add_parser("export", help="export a network as a network data file")
    p.add_argument("network", help="the network's slug, e.g. vastmanland")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        help="write FILE and its documents beside it (default: all of it to stdout, inline)",
    )
    p.set_defaults(handler=run_export)

    p = sub.add_parser("networks", help="list the networks in the database, with their channels")
    p.set_defaults(handler=run_networks)

    p = sub.add_parser("manifest", help="print the Slack app manifest")
    p.add_argument("--socket", action="store_true", help="the Socket Mode manifest")
    p.set_defaults(handler=run_manifest)

    p = sub.add_parser("person", help="a person's data: export it, or forget them")
    person_sub = p.add_subparsers(metavar="ACTION", required=True)
    pe = person_sub.add_parser("export", help="print everything held about a person as JSON")
    pe.add_argument("person", help="database id, Slack user ID or e-mail")
    pe.set_defaults(handler=run_person_export)
    pf = person_sub.add_parser("forget", help="remove a person and their personal data")
    pf.add_argument("person", help="database id, Slack user ID or e-mail")
    pf.add_argument("--yes", action="store_true", help="do it without asking")
    pf.set_defaults(handler=run_person_forget)

    # CLI commands of the features (registry CSV, reports, events, documents, benchmark)
    for add_cli in (
        registry.add_cli,
        report.add_cli,
        events.add_cli,
        answers.add_cli,
        bench.add_cli,
    ):
        add_cli(sub)
    return parser


# --------------------------------------------------------------------------- runners


def run_default(args: argparse.Namespace, settings: Settings) -> int:
    """No command: Socket Mode with an app token, HTTP with a signing secret, else the console."""
    if settings.slack_bot_token and settings.slack_app_token:
        return run_socket(args, settings)
    if settings.slack_bot_token and settings.slack_signing_secret:
        return run_serve(args, settings)
    return run_console(args, settings)


def prepared_core(settings: Settings) -> Core:
    core = Core.from_settings(settings)
    core.prepare_database()
    return core


def run_console(args: argparse.Namespace, settings: Settings) -> int:
    from bot.cli.console import ConsoleError
    from bot.cli.console import run_console as console

    try:
        console(
            prepared_core(settings), as_user=args.as_user, network=getattr(args, "network", None)
        )
    except ConsoleError as error:
        raise CliError(str(error)) from None
    return 0


def run_serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.web.server import serve

    settings.require_http_credentials()
    prepared_core(settings).db.dispose()
    print(
        f"samverkansbot: HTTP mode on port {settings.port} (POST /slack/events, GET /healthz)",
        file=sys.stderr,
    )
    serve(settings, workers=getattr(args, "workers", 2), threads=getattr(args, "threads", 4))
    return 0


def run_socket(args: argparse.Namespace, settings: Settings) -> int:
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.web.server import Runtime

    settings.require_socket_credentials()
    configure_logging(settings)
    prepared_core(settings).db.dispose()
    runtime = Runtime.create(settings)
    runtime.start()
    print("samverkansbot: Socket Mode", file=sys.stderr)
    try:
        SocketModeHandler(runtime.slack, settings.slack_app_token).start()
    finally:
        runtime.stop()
    return 0


def run_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    Core.from_settings(settings).db.upgrade()
    print("samverkansbot: database is up to date")
    return 0


def run_import(args: argparse.Namespace, settings: Settings) -> int:
    from storage import networkfile

    if str(args.file) == "-":  # standard input: the file must carry its documents inline
        spec = networkfile.parse(sys.stdin.read(), name="<stdin>")
        base_dir = Path.cwd()
    else:
        spec = networkfile.load_file(args.file)
        base_dir = args.file.resolve().parent
    core = Core.from_settings(settings)
    core.db.upgrade()
    with core.db.session() as session:
        network, result = networkfile.import_network(
            spec, session=session, actor="cli", base_dir=base_dir
        )
    counts = f"{result.created} created, {result.updated} updated"
    print(f"samverkansbot: imported {network.slug}: {counts}")
    return 0


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    from storage import networkfile

    core = Core.from_settings(settings)
    core.db.upgrade()
    with core.db.session() as session:
        network = network_named(session, args.network)
        text = networkfile.export_network(network, session=session, inline=args.output is None)
        docs = networkfile.export_documents(network, session=session) if args.output else {}
    if args.output is None:
        sys.stdout.write(text)
        return 0
    args.output.write_text(text, encoding="utf-8")
    for name, content in docs.items():
        (args.output.parent / name).write_text(content, encoding="utf-8")
    print(f"samverkansbot: wrote {args.output}" + (f" and {len(docs)} document(s)" if docs else ""))
    return 0


def run_networks(args: argparse.Namespace, settings: Settings) -> int:
    from bot.core import network_choice as networks

    core = Core.from_settings(settings)
    core.db.upgrade()
    with core.db.session() as session:
        rows = networks.overview(session, default_slug=settings.default_network)
        shared = networks.shared_organisations(session)
    if not rows:
        print("samverkansbot: no networks yet; import one with `samverkansbot import FILE`")
        return 0
    for row in rows:
        mark = " (default)" if row.is_default else ""
        channels = ", ".join(row.channels) or "-"
        print(f"{row.slug}{mark}: {row.name} [{row.kind}]")
        print(
            f"    {row.parties} parties, {row.areas} areas, {row.people} people; "
            f"channels: {channels}"
        )
    for name, slugs in shared:
        print(f"{name} is one organisation in {', '.join(slugs)}")
    return 0


def _person(session, key: str):  # type: ignore[no-untyped-def]
    from storage import privacy

    person = privacy.find_person(key, session=session)
    if person is None:
        raise CliError(f"no person {key!r} (give a database id, Slack user ID or e-mail)")
    return person


def run_person_export(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from storage import privacy

    core = Core.from_settings(settings)
    core.db.upgrade()
    with core.db.session() as session:
        data = privacy.export_person(_person(session, args.person), session=session)
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    return 0


def run_person_forget(args: argparse.Namespace, settings: Settings) -> int:
    from storage import privacy

    core = Core.from_settings(settings)
    core.db.upgrade()
    with core.db.session() as session:
        person = _person(session, args.person)
        if not args.yes:
            answer = input(f"Forget {person.name} and all their personal data? [y/N] ")
            if answer.strip().lower() not in ("y", "yes", "j", "ja"):
                print("samverkansbot: nothing changed")
                return 1
        scrubbed = privacy.forget_person(person, session=session, actor="cli")
    print(f"samverkansbot: forgotten; {scrubbed} audit entries scrubbed of personal data")
    return 0


def manifest_path(socket: bool) -> Path:
    return MANIFESTS / ("slack-manifest-socket.yml" if socket else "slack-manifest.yml")


def run_manifest(args: argparse.Namespace, settings: Settings) -> int:
    sys.stdout.write(manifest_path(args.socket).read_text(encoding="utf-8"))
    return 0
