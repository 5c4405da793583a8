"""Contact data of public officials is shown only to members of the network's workspace."""

from __future__ import annotations

import json

from storage import registry
from tests.conftest import LiveBot
from tests.fake_slack.signing import app_mention
from tests.helpers import add_person, area_by_slug, party_by_slug

QUESTION = "<@UBOT> vem är kontakt för Sala i lärarförsörjning?"


def _arrange(bot: LiveBot) -> None:
    person_id = add_person(
        bot.core,
        "USALACONT1",
        "sala",
        "contact",
        name="Siv Sala",
        email="siv@sala.se",
        phone="0224-123",
    )
    with bot.core.db.session() as session:
        registry.join_area(
            session=session,
            area=area_by_slug(bot.core, "lararforsorjning"),
            party=party_by_slug(bot.core, "sala"),
            actor="test",
            contact_person_id=person_id,
        )


def _answer(bot: LiveBot, event: dict) -> str:
    assert bot.slack.event(event).status == 200
    posted = bot.fake.wait_for(
        "chat.postMessage", predicate=lambda c: c.params.get("thread_ts") == event["ts"]
    )
    return json.dumps(posted[0].params, ensure_ascii=False)


def test_members_see_contact_details_and_guests_from_other_organisations_do_not(
    bot: LiveBot,
) -> None:
    _arrange(bot)
    member = _answer(bot, app_mention(QUESTION, user="UMEMBER01", ts="1700000001.000100"))
    assert "Siv Sala" in member and "siv@sala.se" in member and "0224-123" in member

    guest_event = app_mention(QUESTION, user="UGUEST001", ts="1700000002.000100")
    guest_event["user_team"] = "TOTHERORG"  # a Slack Connect channel: someone from another org
    guest = _answer(bot, guest_event)
    assert "Siv Sala" in guest
    assert "siv@sala.se" not in guest and "0224-123" not in guest


def _join_without_contact(bot: LiveBot, party_slug: str) -> None:
    with bot.core.db.session() as session:
        registry.join_area(
            session=session,
            area=area_by_slug(bot.core, "lararforsorjning"),
            party=party_by_slug(bot.core, party_slug),
            actor="test",
        )


def test_the_contacts_of_an_area_list_every_participant_with_its_contact_or_none(
    bot: LiveBot,
) -> None:
    _arrange(bot)
    _join_without_contact(bot, "arboga")
    result = bot.slack.command("vem Lärarförsörjning", user="UMEMBER01")
    assert result.status == 200
    text = json.dumps(result.json(), ensure_ascii=False)
    assert "Kontakter – Lärarförsörjning" in text
    assert "Sala kommun" in text and "Siv Sala" in text and "<@USALACONT1>" in text
    assert "siv@sala.se" in text and "0224-123" in text
    assert "• Arboga kommun: _ingen kontakt angiven_" in text

    answer = _answer(
        bot,
        app_mention(
            "<@UBOT> vem är kontakt i lärarförsörjning?", user="UMEMBER01", ts="1700000003.000100"
        ),
    )
    assert "Siv Sala" in answer and "siv@sala.se" in answer
    assert "Arboga kommun: ingen kontaktperson registrerad" in answer
