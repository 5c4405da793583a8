"""CLI: `samverkansbot event add|list|cancel` and `samverkansbot tick`.

`tick` runs the scheduler's tick by hand (once, or in a loop for `--for` seconds): what a bot
process does every few seconds, useful in cron-like setups and in the multi-process tests.
"""

from __future__ import annotations

import argparse
import sys
import time

from bot.cli.common import CliError, network_named
from bot.core.config import Settings
from bot.core.dates import network_tz
from bot.core.runtime import Core
from bot.core.slack_client import make_web_client
from bot.events import upcoming
from bot.events.event_input import EventInput, InputError, event_input_from_text, save_event
from bot.events.reminders import next_occurrence
from bot.scheduler import tasks as jobs
from bot.scheduler.dryrun import report_lines, would_send
from storage import events as store


def add_cli(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("event", help="events: add, list, cancel")
    actions = p.add_subparsers(metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add an event and plan its reminders")
    add.add_argument("title")
    add.add_argument("start", help="'YYYY-MM-DD HH:MM' (network time) or 'YYYY-MM-DD' (all day)")
    add.add_argument("--kind", default="forum", help="forum, evaluation, deadline, council...")
    add.add_argument("--end", help="end time 'HH:MM' or 'YYYY-MM-DD HH:MM'")
    add.add_argument("--area", help="the focus area's slug (default: the whole network)")
    add.add_argument("--location", default="")
    add.add_argument("--link", default="")
    add.add_argument("--agenda", default="")
    add.add_argument("--recurrence", help="e.g. 'första tisdagen varje månad' or an RRULE")
    add.add_argument("--reminders", help="e.g. '7d,1d,1h'; 'none' for none")
    add.add_argument("--network", help="the network's slug (default: SAMVERKAN_NETWORK)")
    add.set_defaults(handler=run_event_add)

    ls = actions.add_parser("list", help="list coming events")
    ls.add_argument("--network")
    ls.add_argument("--all", action="store_true", help="include past and cancelled events")
    ls.set_defaults(handler=run_event_list)

    cancel = actions.add_parser("cancel", help="cancel an event and its reminders")
    cancel.add_argument("id", type=int)
    cancel.add_argument("--network")
    cancel.set_defaults(handler=run_event_cancel)

    tick = sub.add_parser("tick", help="run the scheduler's tick (reminders, outbox) by hand")
    tick.add_argument("--for", dest="seconds", type=float, default=0, help="keep ticking")
    tick.add_argument("--every", type=float, default=1.0, help="seconds between ticks")
    tick.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would be sent, without sending or claiming anything",
    )
    tick.add_argument(
        "--at", help="with --dry-run: the moment, 'YYYY-MM-DD HH:MM' in network time (default now)"
    )
    tick.set_defaults(handler=run_tick)


def _core(settings: Settings) -> Core:
    core = Core.from_settings(settings)
    core.db.upgrade()
    return core


def _network(core: Core, session, slug: str | None):  # type: ignore[no-untyped-def]

    return network_named(session, slug) if slug else core.network(session)


def run_event_add(args: argparse.Namespace, settings: Settings) -> int:

    core = _core(settings)
    with core.db.session() as session:
        network = _network(core, session, args.network)
        try:
            values: EventInput = event_input_from_text(
                session,
                network,
                title=args.title,
                start=args.start,
                kind=args.kind,
                end=args.end,
                area=args.area,
                location=args.location,
                link=args.link,
                agenda=args.agenda,
                recurrence=args.recurrence,
                reminders=args.reminders,
                now=core.now(),
            )
        except InputError as error:
            raise CliError(f"{error.field}: {error.text}") from None
        event = save_event(session, core, network=network, actor="cli", values=values)
        print(f"samverkansbot: event {event.id} added: {event.title} ({_local(event, network)})")
    return 0


def _local(event, network) -> str:  # type: ignore[no-untyped-def]
    local = event.starts_at.astimezone(network_tz(network))
    return local.strftime("%Y-%m-%d") if event.all_day else local.strftime("%Y-%m-%d %H:%M")


def run_event_list(args: argparse.Namespace, settings: Settings) -> int:

    core = _core(settings)
    now = core.now()
    with core.db.session() as session:
        network = _network(core, session, args.network)
        rows = store.events(session=session, network_id=network.id, include_cancelled=args.all)
        shown = []
        for event in rows:
            start = next_occurrence(session, event, now)
            if start is None and not args.all:
                continue
            shown.append((start, event))
        planned = upcoming.planned_reminders(
            session, [(s, e) for s, e in shown if s is not None], now=now
        )
        tz = network_tz(network)
        for start, event in shown:
            when = _local(event.model_copy(update={"starts_at": start or event.starts_at}), network)
            extra = f" [{event.recurrence}]" if event.recurrence else ""
            status = "" if event.status == "planned" else f" ({event.status})"
            print(f"{event.id}\t{when}\t{event.kind}\t{event.title}{extra}{status}")
            if start is not None and event.status == "planned":
                for text in upcoming.planned_lines(
                    settings.language, planned[event.id], tz, mrkdwn=False
                ):
                    print(f"\t{text}")
    return 0


def run_event_cancel(args: argparse.Namespace, settings: Settings) -> int:

    core = _core(settings)
    with core.db.session() as session:
        network = _network(core, session, args.network)
        event = store.get_event(session=session, network_id=network.id, event_id=args.id)
        if event is None:
            raise CliError(f"no event {args.id} in {network.slug}")
        changed = store.cancel_event(session=session, event=event, actor="cli", now=core.now())
    print(f"samverkansbot: event {args.id} {'cancelled' if changed else 'was already cancelled'}")
    return 0


def run_tick(args: argparse.Namespace, settings: Settings) -> int:

    if args.dry_run:
        return run_dry_tick(args, settings)
    if args.at:
        raise CliError("--at needs --dry-run: a real tick runs at the real time")
    core = Core.from_settings(settings)
    client = make_web_client(settings) if settings.slack_bot_token else None
    deadline = time.monotonic() + args.seconds
    try:
        while True:
            jobs.tick(core, client)
            if time.monotonic() >= deadline:
                break
            time.sleep(args.every)
    finally:
        core.db.dispose()
    print("samverkansbot: tick done", file=sys.stderr)
    return 0


def run_dry_tick(args: argparse.Namespace, settings: Settings) -> int:
    """`tick --dry-run [--at ...]`: print what the tick would send; nothing is written."""
    from datetime import datetime

    core = Core.from_settings(settings)
    tz = settings.tz
    try:
        now = core.now()
        at = now
        if args.at:
            try:
                at = datetime.strptime(args.at.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=tz)
            except ValueError:
                raise CliError(
                    f"--at {args.at!r}: write the moment as 'YYYY-MM-DD HH:MM'"
                ) from None
        for line in report_lines(would_send(core, at, now=now), tz):
            print(line)
    finally:
        core.db.dispose()
    return 0
