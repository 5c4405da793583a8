"""Questions through signed Events API requests: @-mentions and DMs answered once, in their
thread, after the ack; bots ignored; Slack's retries and re-sends deduped in the database;
documents added by coordinators sharing a file with the bot."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import select

from storage.models import Document, ProcessedEvent
from tests.answers.conftest import import_test_network
from tests.answers.files import FileHost, make_pdf
from tests.conftest import ADMIN, LiveBot
from tests.fake_slack.blockkit import validate_blocks
from tests.fake_slack.signing import (
    BOT_ID,
    BOT_USER_ID,
    app_mention,
    file_shared,
    message_event,
    message_im,
    new_event_id,
    new_ts,
)
from tests.helpers import texts

ASKER = "UASKER01"


@pytest.fixture
def asked(bot: LiveBot) -> LiveBot:
    import_test_network(bot.core)
    return bot


def posted_text(call) -> str:  # type: ignore[no-untyped-def]
    return texts({"text": call.params.get("text", ""), "blocks": call.blocks or []})


def answers_in(bot: LiveBot, channel: str) -> list:  # type: ignore[type-arg]
    return [c for c in bot.fake.calls("chat.postMessage") if c.params.get("channel") == channel]


def test_mention_is_answered_in_its_thread_after_the_ack(asked: LiveBot) -> None:
    asked.fake.delay("chat.postMessage", 0.5)
    event = app_mention(f"<@{BOT_USER_ID}> vem är kontaktperson för Sala?", user=ASKER)
    result = asked.slack.event(event)
    assert result.status == 200
    # acked before the answer was posted: the (delayed) post is not recorded yet
    assert asked.fake.calls("chat.postMessage") == []
    [call] = asked.fake.wait_for("chat.postMessage")
    assert call.params["channel"] == event["channel"]
    assert call.params["thread_ts"] == event["ts"]
    assert "Sara Sandberg" in posted_text(call)
    assert validate_blocks(call.blocks, "message") == []


def test_mention_inside_a_thread_answers_in_that_thread_in_english(asked: LiveBot) -> None:
    parent = new_ts()
    event = app_mention(f"<@{BOT_USER_ID}> when is the next forum?", user=ASKER, thread_ts=parent)
    asked.slack.event(event)
    [call] = asked.fake.wait_for("chat.postMessage")
    assert call.params["thread_ts"] == parent
    text = posted_text(call)
    assert "Länsforum för skolchefer" in text and "The next forum" in text


def test_direct_message_is_answered(asked: LiveBot) -> None:
    event = message_im("Vad har regionen åtagit sig?", user=ASKER)
    asked.slack.event(event)
    [call] = asked.fake.wait_for("chat.postMessage")
    assert call.params["channel"] == "D" + ASKER
    assert call.params["thread_ts"] == event["ts"]
    text = posted_text(call)
    assert "samordningsansvar" in text and "Överenskommelsen, §5 Åtaganden" in text


def test_retries_and_resends_get_one_answer(asked: LiveBot) -> None:
    event = app_mention(f"<@{BOT_USER_ID}> vem leder lärarförsörjning?", user=ASKER)
    event_id = new_event_id()
    assert asked.slack.event(event, event_id=event_id).status == 200
    [first] = asked.fake.wait_for("chat.postMessage")
    # Slack's retry of the same event, and the same message re-sent under a new event_id
    assert asked.slack.event(event, event_id=event_id, retry_num=1).status == 200
    assert asked.slack.event(event, event_id=event_id, retry_num=2).status == 200
    assert asked.slack.event(event, event_id=new_event_id()).status == 200
    asked.fake.assert_no_call("chat.postMessage", within=0.4, predicate=lambda c: c is not first)
    with asked.core.db.session() as session:
        keys = set(session.exec(select(ProcessedEvent.key)))
    assert f"event:{event_id}" in keys
    assert f"msg:{event['channel']}:{event['ts']}" in keys


def test_bots_own_messages_and_edits_are_ignored(asked: LiveBot) -> None:
    own = message_im("Nästa forum är ...", user=BOT_USER_ID, channel="D" + ASKER)
    other_bot = message_im("när är nästa forum?", user="UOTHERBOT", channel="D" + ASKER)
    other_bot["bot_id"] = "BOTHER"
    bot_message = message_im("när är nästa forum?", user=ASKER)
    bot_message.update(subtype="bot_message", bot_id=BOT_ID)
    edited = message_im("när är nästa forum?", user=ASKER)
    edited["subtype"] = "message_changed"
    in_channel = message_event("när är nästa forum?", user=ASKER)  # not a DM, no mention
    for event in (own, other_bot, bot_message, edited, in_channel):
        assert asked.slack.event(event).status == 200
    asked.fake.assert_no_call("chat.postMessage", within=0.4)


def test_a_bare_mention_gets_the_help(asked: LiveBot) -> None:
    asked.slack.event(app_mention(f"<@{BOT_USER_ID}>", user=ASKER))
    [call] = asked.fake.wait_for("chat.postMessage")
    assert "Jag svarar på frågor" in posted_text(call)


def test_question_text_cannot_mention_anyone(asked: LiveBot) -> None:
    asked.slack.event(message_im("vem är kontakt för <!channel> <@U999> Uppsala & co?", user=ASKER))
    [call] = asked.fake.wait_for("chat.postMessage")
    text = posted_text(call)
    assert "<!channel>" not in text and "<@U999>" not in text


# --------------------------------------------------------------------------- documents


@pytest.fixture
def file_host() -> Iterator[FileHost]:
    with FileHost() as host:
        yield host


def share(bot: LiveBot, host: FileHost, name: str, data: bytes, *, user: str, channel: str) -> None:
    host.files[f"/{name}"] = data
    file_id = "F" + new_event_id()[2:]
    bot.fake.set_response(
        "files.info",
        {
            "ok": True,
            "file": {
                "id": file_id,
                "name": name,
                "title": name.rsplit(".", 1)[0].replace("-", " ").capitalize(),
                "filetype": name.rsplit(".", 1)[-1],
                "size": len(data),
                "url_private_download": f"{host.url}/{name}",
            },
        },
    )
    assert bot.slack.event(file_shared(file_id, user_id=user, channel_id=channel)).status == 200


def documents(bot: LiveBot) -> list[str]:
    with bot.core.db.session() as session:
        return [d.title for d in session.exec(select(Document).order_by(Document.id))]


MARKDOWN = """# Handlingsplan för lärarförsörjning

## 1. Syfte

Planen ska stärka lärarförsörjningen i länet.

## 2. Mentorskap

Varje nyanställd lärare får en mentor under sitt första år.
"""


def test_coordinator_adds_a_markdown_document_and_the_bot_answers_from_it(
    asked: LiveBot, file_host: FileHost
) -> None:
    # asked once before: the passage index is built, and must follow the new document
    asked.slack.event(message_im("Vad säger handlingsplanen om mentorskap?", user=ASKER))
    [before] = asked.fake.wait_for("chat.postMessage")
    assert "mentor under sitt första år" not in posted_text(before)
    asked.fake.clear()
    share(asked, file_host, "handlingsplan.md", MARKDOWN.encode(), user=ADMIN, channel="D" + ADMIN)
    [done] = asked.fake.wait_for("chat.postMessage")
    assert "Handlingsplan" in posted_text(done) and "3 avsnitt" in posted_text(done)
    assert file_host.auth == ["Bearer xoxb-test-token"]
    assert "Handlingsplan" in documents(asked)
    asked.fake.clear()
    asked.slack.event(message_im("Vad säger handlingsplanen om mentorskap?", user=ASKER))
    [call] = asked.fake.wait_for("chat.postMessage")
    text = posted_text(call)
    assert "mentor under sitt första år" in text and "§2 Mentorskap" in text


def test_coordinator_adds_a_pdf(asked: LiveBot, file_host: FileHost) -> None:
    pdf = make_pdf(
        [
            "Rutin för nyckeltal",
            "1. Insamling",
            "Kommunerna lämnar nyckeltal till regionen varje kvartal.",
            "2. Analys",
            "Regionen sammanställer en gemensam rapport om nyckeltalen.",
        ]
    )
    share(asked, file_host, "rutin-nyckeltal.pdf", pdf, user=ADMIN, channel="D" + ADMIN)
    [done] = asked.fake.wait_for("chat.postMessage")
    assert "lagt till" in posted_text(done)
    asked.fake.clear()
    asked.slack.event(message_im("Hur ofta lämnas nyckeltal enligt rutinen?", user=ASKER))
    [call] = asked.fake.wait_for("chat.postMessage")
    assert "varje kvartal" in posted_text(call)


def test_non_coordinator_cannot_add_a_document(asked: LiveBot, file_host: FileHost) -> None:
    before = documents(asked)
    share(asked, file_host, "plan.md", MARKDOWN.encode(), user=ASKER, channel="D" + ASKER)
    [call] = asked.fake.wait_for("chat.postMessage")
    assert "Bara samordnare" in posted_text(call)
    assert documents(asked) == before
    assert file_host.auth == []  # not even downloaded


def test_files_shared_in_channels_are_ignored(asked: LiveBot, file_host: FileHost) -> None:
    before = documents(asked)
    share(asked, file_host, "plan.md", MARKDOWN.encode(), user=ADMIN, channel="C0GENERAL")
    asked.fake.assert_no_call("chat.postMessage", within=0.4)
    assert documents(asked) == before


def test_unsupported_and_broken_files_are_refused_kindly(
    asked: LiveBot, file_host: FileHost
) -> None:
    before = documents(asked)
    share(asked, file_host, "bild.png", b"\x89PNG....", user=ADMIN, channel="D" + ADMIN)
    [call] = asked.fake.wait_for("chat.postMessage")
    assert "bara läsa in text-, Markdown- och PDF-filer" in posted_text(call)
    asked.fake.clear()
    share(asked, file_host, "trasig.pdf", b"%PDF-1.4 broken", user=ADMIN, channel="D" + ADMIN)
    [call] = asked.fake.wait_for("chat.postMessage")
    assert "kunde inte läsa in" in posted_text(call)
    assert documents(asked) == before
