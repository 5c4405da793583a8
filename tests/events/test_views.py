"""The events' Block Kit builders, tested as data (no Slack, no database): reminders, notices,
the event, cancel and notice forms, and the replies of `forum`, `forum svar` and `leveranser`."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.core.i18n import t
from bot.events import views
from storage.models import Event, FocusArea, Party
from tests.fake_slack.blockkit import validate_blocks, validate_view

TZ = ZoneInfo("Europe/Stockholm")
START = datetime(2026, 5, 4, 7, 0, tzinfo=UTC)
NOW = datetime(2026, 5, 1, 7, 0, tzinfo=UTC)
LANGS = ("sv", "en")


def _event(**changes: object) -> Event:
    values: dict[str, object] = {
        "id": 7,
        "network_id": 1,
        "area_id": 3,
        "kind": "forum",
        "title": "Forum <!channel> & läsning",
        "starts_at": START,
        "location": "Aulan",
        "link": "https://example.org/möte",
        "agenda": "1. Läget",
    }
    values.update(changes)
    return Event(**values)


def _texts(blocks: list[dict]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        parts.extend(e["text"] for e in block.get("elements", []) if isinstance(e.get("text"), str))
    return "\n".join(parts)


def test_reminder_names_kind_time_area_place_and_offers_rsvp() -> None:
    for lang in LANGS:
        message = views.build_reminder_message(
            _event(), START, lang=lang, tz=TZ, late=True, rsvp=True, area="Läs & skriv", now=NOW
        )
        assert validate_blocks(message["blocks"], "message") == []
        text = _texts(message["blocks"])
        assert message["blocks"][0]["text"]["text"] == t(
            lang, "reminder.title", title="Forum <!channel> & läsning"
        )
        assert t(lang, "reminder.in_days", n=3) in text
        assert "_Läs &amp; skriv_" in text and "Aulan" in text
        assert t(lang, "reminder.late") in text
        assert "<!channel>" not in message["text"] and "&lt;!channel&gt;" in message["text"]
        buttons = next(b for b in message["blocks"] if b["type"] == "actions")["elements"]
        assert [b["action_id"] for b in buttons] == [views.RSVP_YES, views.RSVP_NO]
        assert views.parse_rsvp_value(buttons[0]["value"]) == (7, START)


def test_a_reminder_dm_names_the_party_and_has_no_buttons() -> None:
    for lang in LANGS:
        party = Party(id=2, network_id=1, name="Sala <kommun>", slug="sala", kind="municipality")
        message = views.build_reminder_message(
            _event(area_id=None, kind="deadline", link="javascript:x"),
            START,
            lang=lang,
            tz=TZ,
            late=False,
            rsvp=False,
            party=party,
            now=START,
        )
        assert validate_blocks(message["blocks"], "message") == []
        text = _texts(message["blocks"])
        assert t(lang, "reminder.for_party", party="Sala &lt;kommun&gt;") in text
        assert t(lang, "reminder.today") in text and "<javascript" not in text
        assert all(b["type"] != "actions" for b in message["blocks"])


def test_broadcast_message_escapes_unless_mentions_are_allowed() -> None:
    for lang in LANGS:
        event = _event()
        message = views.build_broadcast_message(
            title="Viktigt",
            text="Hej @channel <b>",
            allow_mentions=False,
            author="U0COORD",
            area_name="Läs & skriv",
            lang=lang,
            event=event,
            occurrence_start=START,
            tz=TZ,
        )
        assert validate_blocks(message["blocks"], "message") == []
        assert message["blocks"][1]["text"]["text"] == "Hej @channel &lt;b&gt;"
        assert "<@U0COORD>" in _texts(message["blocks"]) and "Läs &amp; skriv" in _texts(
            message["blocks"]
        )
        assert any(b.get("block_id") == views.RSVP_COUNT_BLOCK for b in message["blocks"])
        loud = views.build_broadcast_message(
            title="",
            text="Hej @channel",
            allow_mentions=True,
            author="U0COORD",
            area_name="A",
            lang=lang,
        )
        assert validate_blocks(loud["blocks"], "message") == []
        assert loud["blocks"][0]["text"]["text"] == "Hej <!channel>"


def test_rsvp_count_is_replaced_in_place() -> None:
    for lang in LANGS:
        blocks = views.rsvp_blocks(7, START, lang)
        counted = views.with_count(blocks, lang, 3, 1)
        assert validate_blocks(counted, "message") == []
        assert counted[0] == blocks[0]
        assert counted[1]["elements"][0]["text"] == t(lang, "rsvp.count", yes=3, no=1)


def test_event_form_new_and_edit_and_the_cancel_and_done_forms() -> None:
    areas = [FocusArea(id=3, network_id=1, name="Läsning", slug="lasning")]
    for lang in LANGS:
        new = views.event_modal(lang, areas, TZ, area_id=3)
        assert validate_view(new, "modal") == []
        assert new["callback_id"] == views.EVENT_FORM
        ids = [b.get("block_id") for b in new["blocks"]]
        assert {"title", "kind", "area", "date", "time"} <= set(ids)
        edit = views.event_modal(lang, areas, TZ, event=_event())
        assert validate_view(edit, "modal") == []
        title = next(b for b in edit["blocks"] if b.get("block_id") == "title")
        assert title["element"]["initial_value"] == "Forum <!channel> & läsning"
        cancel = views.cancel_modal(lang, 7, "Forum", "4 maj")
        assert validate_view(cancel, "modal") == []
        assert views.cancel_event_id(cancel["private_metadata"]) == 7
        done = views.done_modal(lang, "Klart")
        assert validate_view(done, "modal") == [] and done["blocks"][0]["text"]["text"] == "Klart"


def test_broadcast_form_and_its_preview() -> None:
    area = FocusArea(id=3, network_id=1, name="Läsning", slug="lasning")
    for lang in LANGS:
        form = views.broadcast_modal(
            lang, area=area, recipients_text="Till kanalen", event_options=[("Forum", "7|x")]
        )
        assert validate_view(form, "modal") == []
        assert form["callback_id"] == views.BROADCAST_PREVIEW
        message = views.build_broadcast_message(
            title="T", text="Hej", allow_mentions=False, author="U1", area_name="A", lang=lang
        )
        preview = views.broadcast_modal(
            lang,
            area=area,
            recipients_text="Till kanalen",
            event_options=[],
            values={"title": "T", "text": "Hej", "mentions": True},
            preview=message["blocks"],
            digest="abc",
        )
        assert validate_view(preview, "modal") == []
        assert preview["callback_id"] == views.BROADCAST_SEND
        assert t(lang, "broadcast.preview_heading") in _texts(preview["blocks"])
        mentions = next(b for b in preview["blocks"] if b.get("block_id") == "mentions")
        assert mentions["element"]["initial_options"][0]["value"] == "allow"


def test_events_listing_has_a_menu_per_event_for_coordinators() -> None:
    mine = [views.EventLine("• *Forum A*", 1)]
    others = [views.EventLine("• *Forum B*", 2), views.EventLine("• *Forum C*", 3)]
    for lang in LANGS:
        listing = views.build_events_message(lang, "Nät", mine, others, manage=True)
        assert validate_blocks(listing.blocks, "message") == []
        assert listing.text == t(lang, "events.title", network="Nät")
        menus = [b["accessory"] for b in listing.blocks if "accessory" in b]
        assert [m["options"][0]["value"] for m in menus] == ["edit:1", "edit:2", "edit:3"]
        text = _texts(listing.blocks)
        assert text.index(t(lang, "events.mine")) < text.index("Forum A")
        assert text.index(t(lang, "events.others")) < text.index("Forum B")
        assert listing.blocks[-1]["elements"][0]["text"] == t(lang, "events.footer_coordinator")
        plain = views.build_events_message(lang, "Nät", [], others, manage=False)
        assert validate_blocks(plain.blocks, "message") == []
        assert all("accessory" not in b for b in plain.blocks)
        assert "• *Forum B*\n• *Forum C*" in _texts(plain.blocks)
        assert t(lang, "events.mine") not in _texts(plain.blocks)
        none = views.build_events_message(lang, "Nät", [], [], manage=False)
        assert none.blocks[1]["text"]["text"] == t(lang, "events.none")
        assert none.blocks[-1]["elements"][0]["text"] == t(lang, "events.footer")


def test_rsvps_reply_counts_and_groups_by_party() -> None:
    for lang in LANGS:
        answers = views.OccurrenceAnswers(
            "4 maj", 2, 1, {"Sala": ["✅ <@U1>", "❌ <@U2>"], "Köping": ["✅ <@U3>"]}
        )
        reply = views.build_rsvps_message(lang, "Forum <x>", [answers])
        assert validate_blocks(reply.blocks, "message") == []
        assert reply.text == t(lang, "events.rsvps_title", title="Forum <x>")
        text = _texts(reply.blocks)
        assert t(lang, "events.rsvps_summary", when="4 maj", yes=2, no=1) in text
        assert text.index("Köping") < text.index("Sala")  # sorted by party
        assert "✅ <@U1>, ❌ <@U2>" in text
        none = views.build_rsvps_message(lang, "Forum", [], next_when="4 maj")
        assert validate_blocks(none.blocks, "message") == []
        assert none.blocks[1]["text"]["text"] == t(lang, "events.rsvps_none", when="4 maj")


def test_deliveries_reply_shows_failures_skips_and_notices() -> None:
    for lang in LANGS:
        reply = views.build_deliveries_message(
            lang,
            [views.FailedDelivery("*Forum*", "U0USER", "ratelimited <x>")],
            [views.SkippedReminder("Forum & co", "1 maj 09:00")],
            [views.BroadcastCount("", "1 maj", sent=3, waiting=1, failed=1)],
        )
        assert validate_blocks(reply.blocks, "message") == []
        text = _texts(reply.blocks)
        assert "<@U0USER>" in text and "ratelimited &lt;x&gt;" in text
        assert "Forum &amp; co" in text
        assert t(lang, "broadcast.none") in text
        assert reply.blocks[-1]["elements"][0]["text"] == t(lang, "deliveries.footer")
        none = views.build_deliveries_message(lang, [], [], [])
        assert validate_blocks(none.blocks, "message") == []
        assert none.blocks[1]["text"]["text"] == t(lang, "deliveries.none")
        assert views.recipient_label("C0CHAN") == "<#C0CHAN>"
        assert views.recipient_label("x<y") == "x&lt;y"
