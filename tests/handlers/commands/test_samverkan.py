"""`/samverkan` through signed HTTP requests into the running app."""

from __future__ import annotations

import json
import time

from tests.conftest import ADMIN, LiveBot
from tests.fake_slack.blockkit import validate_blocks
from tests.helpers import active_party_slugs, add_person, texts

SALA_CHIEF = "USALACHIEF"
KOPING_CHIEF = "UKOPCHIEF1"
VISITOR = "UVISITOR01"


def command(bot: LiveBot, text: str, user: str = VISITOR) -> dict:
    result = bot.slack.command(text, user=user)
    assert result.status == 200, result.text
    body = result.json()
    assert validate_blocks(body.get("blocks", []), "message") == []
    return body


def test_help_in_swedish_by_default_and_english_for_english_words(bot: LiveBot) -> None:
    sv = command(bot, "hjälp")
    assert sv["response_type"] == "ephemeral"
    assert "gå-med" in texts(sv) and "Fokusområden" not in texts(sv)
    en = command(bot, "help")
    assert "join" in texts(en) and "Type `/samverkan`" in texts(en)
    assert "Skriv `/samverkan`" in texts(command(bot, ""))


def test_areas_lists_the_seeded_example_areas(bot: LiveBot) -> None:
    body = texts(command(bot, "områden"))
    for name in ("Lärarförsörjning", "Analys och uppföljning", "Elevhälsa och specialpedagogik"):
        assert name in body
    assert "exempel" in body


def test_area_lookup_accepts_ascii_case_and_typos(bot: LiveBot) -> None:
    for query in ("Lararforsorjning", "LÄRARFÖRSÖRJNING", "lararforsörjnig"):
        assert "Lärarförsörjning" in texts(command(bot, f"område {query}"))
    missing = texts(command(bot, "område xyzzy"))
    assert "hittar inget fokusområde" in missing


def test_school_chief_joins_and_leaves_for_own_municipality(bot: LiveBot) -> None:
    add_person(bot.core, SALA_CHIEF, "sala", "school_chief", name="Sara Sala")
    body = texts(command(bot, "gå-med lararforsorjning", user=SALA_CHIEF))
    assert "Sala kommun" in body and "deltar nu" in body
    assert active_party_slugs(bot.core, "lararforsorjning") == ["sala"]
    again = texts(command(bot, "gå-med Lärarförsörjning", user=SALA_CHIEF))
    assert "deltar redan" in again
    left = texts(command(bot, "lämna lararforsorjning", user=SALA_CHIEF))
    assert "har lämnat" in left
    assert active_party_slugs(bot.core, "lararforsorjning") == []


def test_school_chief_cannot_act_for_another_municipality(bot: LiveBot) -> None:
    add_person(bot.core, SALA_CHIEF, "sala", "school_chief")
    body = texts(command(bot, "gå-med lararforsorjning köping", user=SALA_CHIEF))
    assert "bara ändra deltagande för Sala kommun" in body
    assert active_party_slugs(bot.core, "lararforsorjning") == []


def test_unregistered_user_is_refused_politely_and_nothing_changes(bot: LiveBot) -> None:
    body = texts(command(bot, "gå-med lararforsorjning sala", user=VISITOR))
    assert "registrera" in body
    assert active_party_slugs(bot.core, "lararforsorjning") == []


def test_coordinator_joins_any_party_with_multiword_area(bot: LiveBot) -> None:
    body = texts(command(bot, "join analys och uppföljning vasteras", user=ADMIN))
    assert "Västerås stad" in body and "now takes part" in body
    assert active_party_slugs(bot.core, "analys-och-uppfoljning") == ["vasteras"]


def test_who_shows_contacts_and_commitments_cite_their_source(bot: LiveBot) -> None:
    add_person(
        bot.core,
        KOPING_CHIEF,
        "koping",
        "school_chief",
        name="Karin Köping",
        email="karin@koping.se",
    )
    who = texts(command(bot, "vem koping"))
    assert "Karin Köping" in who and "karin@koping.se" in who and "skolchef" in who
    commitments = texts(command(bot, "åtaganden regionen"))
    assert "samordningsansvar" in commitments and "§5 Åtaganden" in commitments
    assert "Region Västmanland" in commitments
    en = texts(command(bot, "commitments skr"))
    assert "Skapa gemensamma mötesplatser" in en and "Source:" in en


def test_user_text_is_escaped_so_it_cannot_mention_anyone(bot: LiveBot) -> None:
    body = texts(command(bot, "område <!channel> <@U123> &"))
    assert "<!channel>" not in body and "<@U123>" not in body
    assert "&lt;!channel&gt;" in body


def test_unknown_subcommand_suggests_the_closest(bot: LiveBot) -> None:
    assert "områden" in texts(command(bot, "omraden"))  # ascii works as the word itself
    assert "Menade du `/samverkan åtaganden`" in texts(command(bot, "åtagande"))


def test_forged_and_stale_signatures_get_401_and_change_nothing(bot: LiveBot) -> None:
    forged = bot.slack.command("gå-med lararforsorjning sala", user=ADMIN, signature="v0=bad")
    assert forged.status == 401
    stale = bot.slack.command(
        "gå-med lararforsorjning sala", user=ADMIN, timestamp=int(time.time()) - 6 * 60
    )
    assert stale.status == 401
    assert active_party_slugs(bot.core, "lararforsorjning") == []


def test_healthz_reports_database_and_scheduler(bot: LiveBot) -> None:
    import json
    import urllib.request

    with urllib.request.urlopen(bot.url + "healthz") as response:
        body = json.loads(response.read())
    assert body == {"status": "ok", "database": "ok", "scheduler": "off"}


def test_a_slow_dependency_still_gets_an_ack_in_time_and_the_answer_follows(bot: LiveBot) -> None:
    bot.fake.delay("users.info", 3.0)  # the visitor's language lookup is slow today
    result = bot.slack.command("områden", user="USLOWUSER1")
    assert result.status == 200
    assert "Ett ögonblick" in result.json()["text"]  # acked on the budget, not on the answer
    answer = bot.fake.wait_for("response_url", timeout=10)[0]
    assert "Lärarförsörjning" in json.dumps(answer.params, ensure_ascii=False)
