"""Block Kit builders for events: reminder and notice messages, RSVP blocks, the event and
broadcast modals, and the replies of `forum` and `leveranser`. Pure functions: data in (rows
already read, names already looked up), plain dicts out."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.blocks import (
    Block,
    Reply,
    actions,
    bullet_lines,
    button,
    clip,
    context,
    divider,
    esc,
    header,
    modal,
    section,
)
from bot.core.dates import format_datetime
from bot.core.i18n import t
from bot.core.inputs import input_block, option, select_element, text_element
from bot.events.recurrence import describe
from storage.models import Event, EventKind, FocusArea, Party

RSVP_YES = "event_rsvp_yes"
RSVP_NO = "event_rsvp_no"
RSVP_COUNT_BLOCK = "rsvp_count"
EVENT_FORM = "event_form"
BROADCAST_PREVIEW = "broadcast_preview"
BROADCAST_SEND = "broadcast_send"
MAX_AGENDA = 2000
MAX_BROADCAST = 2500
MAX_TITLE = 150
KINDS = [k.value for k in EventKind]


def when_text(event: Event, start: datetime, lang: str, tz: ZoneInfo) -> str:
    return format_datetime(start, lang, tz, all_day=event.all_day)


def place_text(event: Event) -> str:
    parts = [esc(event.location)] if event.location else []
    if event.link:
        parts.append(safe_link(event.link))
    return " · ".join(parts)


def safe_link(url: str) -> str:
    """A link shown as written: only http(s) URLs become links; no `|` or `>` tricks."""
    if re.fullmatch(r"https?://[^\s<>|]+", url):
        return f"<{url.replace('&', '&amp;')}>"
    return esc(url)


def row_id(value: object) -> int | None:
    """A database id from untrusted input (button value, metadata, command word), or None."""
    text = str(value).strip() if value is not None else ""
    return int(text) if re.fullmatch(r"[0-9]{1,9}", text) else None


def rsvp_value(event_id: int, occurrence_start: datetime) -> str:
    return f"{event_id}|{occurrence_start.astimezone(UTC).isoformat()}"


def parse_rsvp_value(value: str) -> tuple[int, datetime] | None:
    try:
        event_id, when = value.split("|", 1)
        start = datetime.fromisoformat(when)
    except (ValueError, AttributeError):
        return None
    number = row_id(event_id)
    if start.tzinfo is None or number is None:
        return None
    return number, start.astimezone(UTC)


def rsvp_blocks(
    event_id: int, occurrence_start: datetime, lang: str, yes: int = 0, no: int = 0
) -> list[Block]:
    value = rsvp_value(event_id, occurrence_start)
    return [
        actions(
            button(t(lang, "rsvp.yes"), RSVP_YES, value, style="primary"),
            button(t(lang, "rsvp.no"), RSVP_NO, value),
            block_id="rsvp_buttons",
        ),
        count_block(lang, yes, no),
    ]


def count_block(lang: str, yes: int, no: int) -> Block:
    block = context(t(lang, "rsvp.count", yes=yes, no=no))
    block["block_id"] = RSVP_COUNT_BLOCK
    return block


def with_count(blocks: list[Block], lang: str, yes: int, no: int) -> list[Block]:
    """The message's blocks with its RSVP count replaced."""
    return [
        count_block(lang, yes, no) if b.get("block_id") == RSVP_COUNT_BLOCK else b for b in blocks
    ]


def _relative(start: datetime, now: datetime, tz: ZoneInfo, lang: str) -> str:
    days = (start.astimezone(tz).date() - now.astimezone(tz).date()).days
    if days <= 0:
        return t(lang, "reminder.today")
    if days == 1:
        return t(lang, "reminder.tomorrow")
    return t(lang, "reminder.in_days", n=days)


def build_reminder_message(
    event: Event,
    occurrence_start: datetime,
    *,
    lang: str,
    tz: ZoneInfo,
    late: bool,
    rsvp: bool,
    area: str | None = None,
    party: Party | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The `{"text", "blocks"}` of one reminder (channel post or DM); `area` is the name of
    the event's area, if it has one."""
    title = t(lang, "reminder.title", title=event.title)
    when = when_text(event, occurrence_start, lang, tz)
    relative = _relative(occurrence_start, now or datetime.now(UTC), tz, lang)
    kind = t(lang, f"event.kind.{event.kind}") if event.kind in KINDS else esc(event.kind)
    lines = [t(lang, "reminder.when", kind=kind, relative=relative, when=when)]
    if area is not None:
        lines[0] += f" · _{esc(area)}_"
    if event.location:
        lines.append(t(lang, "reminder.place", place=esc(event.location)))
    if event.link:
        lines.append(t(lang, "reminder.link", link=safe_link(event.link)))
    blocks: list[Block] = [header(title), section("\n".join(lines))]
    if event.agenda:
        blocks.append(
            section(t(lang, "reminder.agenda", agenda=esc(clip(event.agenda, MAX_AGENDA))))
        )
    notes = []
    if party is not None:
        notes.append(t(lang, "reminder.for_party", party=esc(party.name)))
    if late:
        notes.append(t(lang, "reminder.late"))
    if notes:
        blocks.append(context(*notes))
    if rsvp and event.id is not None:
        blocks.extend(rsvp_blocks(event.id, occurrence_start, lang))
    text = f"{t(lang, 'reminder.title', title=esc(event.title))} – {when}"  # mrkdwn: escaped
    return {"text": clip(text, 3000), "blocks": blocks}


def broadcast_text(text: str, allow_mentions: bool) -> str:
    """A coordinator's notice as mrkdwn: escaped, unless mentions are allowed on purpose, when
    `@here`, `@channel` and `@everyone` become real mentions and `<@U...>` stays."""
    if not allow_mentions:
        return esc(text)
    converted = re.sub(r"(?<![<\w])@(here|channel|everyone)\b", r"<!\1>", text)
    return converted


def build_broadcast_message(
    *,
    title: str,
    text: str,
    allow_mentions: bool,
    author: str,
    area_name: str,
    lang: str,
    event: Event | None = None,
    occurrence_start: datetime | None = None,
    tz: ZoneInfo | None = None,
) -> dict[str, Any]:
    body = broadcast_text(text, allow_mentions)
    blocks: list[Block] = []
    if title:
        blocks.append(header(title))
    blocks.append(section(body))
    if event is not None and occurrence_start is not None and tz is not None:
        when = when_text(event, occurrence_start, lang, tz)
        line = f"*{esc(event.title)}* – {when}"
        place = place_text(event)
        if place:
            line += f" · {place}"
        blocks.append(section(line))
    blocks.append(context(t(lang, "broadcast.from", user=author, area=esc(area_name))))
    if event is not None and occurrence_start is not None and event.id is not None:
        blocks.extend(rsvp_blocks(event.id, occurrence_start, lang))
    fallback = f"{title}: {text}" if title else text
    if not allow_mentions:
        fallback = esc(fallback)
    return {"text": clip(fallback, 3000), "blocks": blocks}


# --------------------------------------------------------------------------- modals


def offsets_text(offsets: list[int] | None) -> str:
    if offsets is None:
        return ""
    if not offsets:
        return "ingen"
    parts = []
    for minutes in sorted(offsets, reverse=True):
        if minutes and minutes % 1440 == 0:
            parts.append(f"{minutes // 1440}d")
        elif minutes and minutes % 60 == 0:
            parts.append(f"{minutes // 60}h")
        else:
            parts.append(f"{minutes}m")
    return ", ".join(parts)


def event_modal(
    lang: str,
    areas: list[FocusArea],
    tz: ZoneInfo,
    *,
    event: Event | None = None,
    area_id: int | None = None,
) -> dict[str, Any]:
    """The form to create (or, with `event`, edit) an event."""
    local = event.starts_at.astimezone(tz) if event else None
    kind_options = [option(t(lang, f"event.kind.{k}"), k) for k in KINDS]
    area_options = [option(t(lang, "event.whole_network"), "network")] + [
        option(a.name, str(a.id)) for a in areas
    ]
    chosen_area = event.area_id if event else area_id
    date_element: Block = {"type": "datepicker", "action_id": "date"}
    time_element: Block = {"type": "timepicker", "action_id": "time"}
    end_element: Block = {"type": "timepicker", "action_id": "end_time"}
    if local is not None:
        date_element["initial_date"] = local.strftime("%Y-%m-%d")
        if not event.all_day:  # type: ignore[union-attr]
            time_element["initial_time"] = local.strftime("%H:%M")
        if event.ends_at and not event.all_day:  # type: ignore[union-attr]
            end_element["initial_time"] = event.ends_at.astimezone(tz).strftime("%H:%M")  # type: ignore[union-attr]
    blocks = [
        input_block(
            "title",
            t(lang, "events.field_title"),
            text_element(event.title if event else "", max_length=200),
        ),
        input_block(
            "kind",
            t(lang, "events.field_kind"),
            select_element(kind_options, initial=event.kind if event else "forum"),
        ),
        input_block(
            "area",
            t(lang, "events.field_area"),
            select_element(area_options, initial=str(chosen_area) if chosen_area else "network"),
        ),
        input_block("date", t(lang, "events.field_date"), date_element),
        input_block("time", t(lang, "events.field_time"), time_element, optional=True),
        input_block("end_time", t(lang, "events.field_end_time"), end_element, optional=True),
        input_block(
            "location",
            t(lang, "events.field_location"),
            text_element(event.location if event else "", max_length=300),
            optional=True,
        ),
        input_block(
            "link",
            t(lang, "events.field_link"),
            text_element(event.link if event else "", max_length=500),
            optional=True,
        ),
        input_block(
            "agenda",
            t(lang, "events.field_agenda"),
            text_element(event.agenda if event else "", multiline=True, max_length=MAX_AGENDA),
            optional=True,
        ),
        input_block(
            "recurrence",
            t(lang, "events.field_recurrence"),
            text_element(
                describe(event.recurrence, lang) if event and event.recurrence else "",
                max_length=300,
            ),
            optional=True,
            hint=t(lang, "events.hint_recurrence"),
        ),
        input_block(
            "reminders",
            t(lang, "events.field_reminders"),
            text_element(offsets_text(event.reminder_offsets) if event else "", max_length=100),
            optional=True,
            hint=t(lang, "events.hint_reminders"),
        ),
    ]
    metadata = json.dumps({"event_id": event.id if event else None})
    return modal(
        t(lang, "events.modal_edit" if event else "events.modal_new"),
        blocks,
        callback_id=EVENT_FORM,
        submit=t(lang, "events.modal_save"),
        close=t(lang, "events.modal_close"),
        private_metadata=metadata,
    )


MANAGE_MENU = "event_manage"
CANCEL_FORM = "event_cancel"


def manage_menu(lang: str, event_id: int) -> Block:
    """The coordinator's per-event menu in the list: edit or cancel."""
    return {
        "type": "overflow",
        "action_id": MANAGE_MENU,
        "options": [
            option(t(lang, "events.menu_edit"), f"edit:{event_id}"),
            option(t(lang, "events.menu_cancel"), f"cancel:{event_id}"),
        ],
    }


def cancel_modal(lang: str, event_id: int, title: str, when: str) -> dict[str, Any]:
    """Confirm cancelling (the title is already escaped)."""
    text = t(lang, "events.cancel_confirm", title=title, when=when)
    block = section(text, block_id="confirm")
    return modal(
        t(lang, "events.menu_cancel"),
        [block],
        callback_id=CANCEL_FORM,
        submit=t(lang, "events.cancel_submit"),
        close=t(lang, "events.modal_close"),
        private_metadata=json.dumps({"event_id": event_id}),
    )


def cancel_event_id(private_metadata: object) -> int | None:
    """The event a submitted cancel form names: `{"event_id": n}` (a bare number before)."""
    try:
        data = json.loads(str(private_metadata or ""))
    except ValueError:
        return None
    if isinstance(data, dict):
        return row_id(data.get("event_id"))
    return row_id(data) if isinstance(data, int) else None


def done_modal(lang: str, text: str) -> dict[str, Any]:
    return modal(
        t(lang, "events.done_title"), [section(text)], callback_id="event_done", close="OK"
    )


def broadcast_modal(
    lang: str,
    *,
    area: FocusArea,
    recipients_text: str,
    event_options: list[tuple[str, str]],
    values: dict[str, Any] | None = None,
    preview: list[Block] | None = None,
    note: str | None = None,
    digest: str = "",
) -> dict[str, Any]:
    """The notice form; with `preview` it shows the message as it will look and sends."""
    values = values or {}
    blocks: list[Block] = [section(recipients_text)]
    if note:
        blocks.append(context(note))
    if preview is not None:
        blocks.append(section(t(lang, "broadcast.preview_heading")))
        blocks.extend(b for b in preview if b.get("type") != "actions")
        blocks.append(divider())
    blocks.append(
        input_block(
            "title",
            t(lang, "broadcast.field_title"),
            text_element(values.get("title", ""), max_length=MAX_TITLE),
            optional=True,
        )
    )
    blocks.append(
        input_block(
            "text",
            t(lang, "broadcast.field_text"),
            text_element(values.get("text", ""), multiline=True, max_length=MAX_BROADCAST),
        )
    )
    if event_options:
        options = [option(label, value) for label, value in event_options]
        element = select_element(options, initial=values.get("event"))
        blocks.append(
            input_block("event", t(lang, "broadcast.field_event"), element, optional=True)
        )
    mention_option = {
        "text": {"type": "mrkdwn", "text": t(lang, "broadcast.mentions_option")},
        "value": "allow",
    }
    checkbox: Block = {"type": "checkboxes", "action_id": "mentions", "options": [mention_option]}
    if values.get("mentions"):
        checkbox["initial_options"] = [mention_option]
    blocks.append(
        input_block("mentions", t(lang, "broadcast.field_mentions"), checkbox, optional=True)
    )
    metadata = json.dumps({"area_id": area.id, "digest": digest})
    return modal(
        t(lang, "broadcast.modal_title"),
        blocks,
        callback_id=BROADCAST_SEND if preview is not None else BROADCAST_PREVIEW,
        submit=t(
            lang, "broadcast.send_button" if preview is not None else "broadcast.preview_button"
        ),
        close=t(lang, "events.modal_close"),
        private_metadata=metadata,
    )


# --------------------------------------------------------------------------- command replies


@dataclass(frozen=True)
class EventLine:
    """One event in `forum`'s listing: its line (mrkdwn, with the bullet) and its id."""

    text: str
    event_id: int


def build_events_message(
    lang: str,
    network: str,
    mine: list[EventLine],
    others: list[EventLine],
    *,
    manage: bool,
) -> Reply:
    """`forum`: the coming events, the asker's areas' first; with `manage`, each event has
    its Ändra / Ställ in menu."""
    title = t(lang, "events.title", network=network)
    blocks: list[Block] = [header(title)]

    def lines(items: list[EventLine]) -> list[Block]:
        if manage:  # one section per event, with its menu
            return [
                section(item.text, accessory=manage_menu(lang, item.event_id)) for item in items
            ]
        return bullet_lines([item.text for item in items])

    if not mine and not others:
        blocks.append(section(t(lang, "events.none")))
    else:
        if mine:
            blocks.append(section(t(lang, "events.mine")))
            blocks.extend(lines(mine))
            if others:
                blocks.append(section(t(lang, "events.others")))
        blocks.extend(lines(others))
    footer = "events.footer_coordinator" if manage else "events.footer"
    blocks.append(context(t(lang, footer)))
    return Reply(text=title, blocks=blocks)


@dataclass
class OccurrenceAnswers:
    """The answers for one occurrence: when (formatted), and who answered, by party name
    (mrkdwn, escaped) as '✅ <@U…>' / '❌ <@U…>'."""

    when: str
    yes: int
    no: int
    by_party: dict[str, list[str]] = field(default_factory=dict)


def build_rsvps_message(
    lang: str, title: str, occurrences: list[OccurrenceAnswers], *, next_when: str = ""
) -> Reply:
    """`forum svar`: each occurrence's count and who answered; `next_when` (the next
    occurrence, formatted) when nobody has answered yet."""
    heading = t(lang, "events.rsvps_title", title=title)
    if not occurrences:
        text = t(lang, "events.rsvps_none", when=next_when)
        return Reply(text=heading, blocks=[header(heading), section(text)])
    blocks: list[Block] = [header(heading)]
    for occurrence in occurrences:
        blocks.append(
            section(
                t(
                    lang,
                    "events.rsvps_summary",
                    when=occurrence.when,
                    yes=occurrence.yes,
                    no=occurrence.no,
                )
            )
        )
        lines = [
            t(lang, "events.rsvps_line", party=name, who=", ".join(who))
            for name, who in sorted(occurrence.by_party.items())
        ]
        blocks.extend(bullet_lines(lines))
    return Reply(text=heading, blocks=blocks)


def recipient_label(recipient: str) -> str:
    """A delivery's recipient as mrkdwn: a user or channel link, else the escaped id."""
    if recipient[:1] in ("U", "W"):
        return f"<@{recipient}>"
    if recipient[:1] in ("C", "G"):
        return f"<#{recipient}>"
    return esc(recipient)


@dataclass(frozen=True)
class FailedDelivery:
    what: str  # what was sent (mrkdwn, escaped)
    recipient: str  # a Slack id
    error: str | None = None


@dataclass(frozen=True)
class SkippedReminder:
    title: str  # the event's title
    due: str  # when it was due (formatted)


@dataclass(frozen=True)
class BroadcastCount:
    title: str  # the notice's title, or '' for none
    when: str  # when it was written (formatted)
    sent: int = 0
    waiting: int = 0
    failed: int = 0


def build_deliveries_message(
    lang: str,
    failed: list[FailedDelivery],
    skipped: list[SkippedReminder],
    broadcasts: list[BroadcastCount],
) -> Reply:
    """`leveranser`: what failed, which reminders were skipped, the latest notices' counts."""
    title = t(lang, "deliveries.title")
    blocks: list[Block] = [header(title)]
    if not failed and not skipped:
        blocks.append(section(t(lang, "deliveries.none")))
    if failed:
        blocks.append(section(t(lang, "deliveries.failed", count=len(failed))))
        lines = [
            t(
                lang,
                "deliveries.failed_line",
                what=d.what,
                recipient=recipient_label(d.recipient),
                error=esc(d.error or "?"),
            )
            for d in failed
        ]
        blocks.extend(bullet_lines(lines))
    if skipped:
        blocks.append(section(t(lang, "deliveries.skipped", count=len(skipped))))
        lines = [t(lang, "deliveries.skipped_line", title=esc(r.title), due=r.due) for r in skipped]
        blocks.extend(bullet_lines(lines))
    if broadcasts:
        blocks.append(section(t(lang, "deliveries.broadcasts")))
        lines = [
            t(
                lang,
                "deliveries.broadcast_line",
                title=esc(b.title or t(lang, "broadcast.none")),
                when=b.when,
                sent=b.sent,
                waiting=b.waiting,
                failed=b.failed,
            )
            for b in broadcasts
        ]
        blocks.extend(bullet_lines(lines))
    if failed:
        blocks.append(context(t(lang, "deliveries.footer")))
    return Reply(text=title, blocks=blocks)
