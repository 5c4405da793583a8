"""CLI: `samverkansbot docs add NETWORK FILE [--title]`, `docs list NETWORK`, and
`samverkansbot ask "question"` (the answer as the console shows it)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from bot.answers import answer_question
from bot.cli.common import CliError, network_named
from bot.core.config import Settings
from bot.core.runtime import Core
from bot.core.textrender import render_blocks
from storage import documents


def add_cli(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("docs", help="documents the bot answers from: add, list")
    actions = p.add_subparsers(metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add or replace a document (Markdown, text or PDF)")
    add.add_argument("network", help="the network's slug, e.g. vastmanland")
    add.add_argument("file", type=Path)
    add.add_argument("--title", help="the document's title (default: the file's name)")
    add.add_argument("--slug", help="the document's key (default: from the title)")
    add.set_defaults(handler=run_docs_add)
    ls = actions.add_parser("list", help="list a network's documents and their sections")
    ls.add_argument("network")
    ls.set_defaults(handler=run_docs_list)

    ask = sub.add_parser("ask", help="ask the bot a question, as in Slack")
    ask.add_argument("question")
    ask.add_argument("--as", dest="as_user", default="U0CLI", help="ask as this Slack user ID")
    ask.add_argument("--network", help="the network's slug (default: SAMVERKAN_NETWORK)")
    ask.set_defaults(handler=run_ask)


def _core(settings: Settings) -> Core:
    core = Core.from_settings(settings)
    core.prepare_database()
    return core


def _network_id(core: Core, slug: str) -> int:
    with core.db.session() as session:
        return network_named(session, slug).id  # type: ignore[return-value]


def run_docs_add(args: argparse.Namespace, settings: Settings) -> int:

    core = _core(settings)
    network_id = _network_id(core, args.network)
    path: Path = args.file
    try:
        text = documents.read_text_file(path)
    except (OSError, ValueError) as error:
        raise CliError(f"cannot read {path}: {error}") from None
    title = args.title or path.stem.replace("-", " ").replace("_", " ")
    try:
        with core.db.session() as session:
            doc, changed = documents.add_document(
                session=session,
                network_id=network_id,
                title=title,
                text=text,
                source=path.name,
                actor="cli",
                slug=args.slug,
            )
            count = len(documents.sections_of(session=session, document_id=doc.id))
    except documents.DocumentError as error:
        raise CliError(f"{path}: {error}") from None
    state = "added" if changed else "unchanged"
    print(f"samverkansbot: {state} {doc.slug!r} ({doc.title}): {count} sections")
    return 0


def run_docs_list(args: argparse.Namespace, settings: Settings) -> int:

    core = _core(settings)
    network_id = _network_id(core, args.network)
    with core.db.session() as session:
        for doc in documents.documents_of(session=session, network_id=network_id):
            sections = documents.sections_of(session=session, document_id=doc.id)
            print(f"{doc.slug}\t{doc.title}\t{len(sections)} sections")
            for section in sections:
                label = documents.section_label(section) or "(introduction)"
                print(f"    {label}")
    return 0


def run_ask(args: argparse.Namespace, settings: Settings) -> int:

    if args.network:
        settings = replace(settings, default_network=args.network)
    core = _core(settings)
    network_id = _network_id(core, args.network) if args.network else None
    reply = answer_question(
        core, slack_user_id=args.as_user, text=args.question, network_id=network_id
    )
    sys.stdout.write(render_blocks(reply.blocks, reply.text) + "\n")
    return 0
