"""Answers from evidence, through the surfaces: `samverkansbot ask` (as a user runs it, on the
embedded seed, every shipped network imported) and signed @-mentions with the test registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.core.runtime import SEED_DIR
from tests.answers.conftest import import_test_network
from tests.cli.test_cli import SETTINGS
from tests.conftest import LiveBot
from tests.fake_slack.signing import BOT_USER_ID, app_mention
from tests.helpers import texts


@pytest.fixture
def ask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.chdir(tmp_path)
    assert main(["ask", "hej"]) == 0  # the first start loads the embedded Västmanland seed
    for path in sorted(SEED_DIR.glob("*.toml")):
        if path.stem != "vastmanland":
            assert main(["import", str(path)]) == 0
    capsys.readouterr()

    def run(question: str, network: str | None = None) -> str:
        args = ["ask", question] + (["--network", network] if network else [])
        assert main(args) == 0
        return capsys.readouterr().out

    return run


def test_the_fact_is_quoted_from_the_sentence_that_holds_it(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("Vem ansvarar för samordningen av planering och uppföljning?")
    assert answer.startswith("Region Västmanland, enligt Överenskommelsen, §5 Åtaganden")
    assert "Ha samordningsansvar för gemensam planering och uppföljning" in answer
    assert "Analys och uppföljning" not in answer  # an ordinary word is not the area's name
    english = ask("when was the kickoff?")
    assert english.startswith("In short: in late autumn 2025.")
    assert "senhösten 2025" in english and "§6 Process och tidsram" in english


def test_what_nothing_supports_is_refused_honestly(ask) -> None:  # type: ignore[no-untyped-def]
    price = ask("Vad kostar lunchen på forumet?")
    assert price.startswith("Det vet jag inte") and "kostnader" in price
    assert "3 december" not in price  # not the next forum presented as the answer
    other = ask("Vilka kommuner är med i Södertörnssamarbetet?")
    assert other.startswith("Det vet jag inte här") and "Arboga" not in other
    town = ask("Is there a forum in Uppsala?")
    assert town.startswith("I don't know") and "Uppsala" in town and "December" not in town


def test_each_network_is_answered_from_its_own_documents(ask) -> None:  # type: ignore[no-untyped-def]
    council = ask("Hur ofta sammanträder samverkansrådet?", network="orebro")
    assert "minst 4 gånger per år" in council and "Överenskommelsen" not in council
    fourm = ask("När ska uppdraget återredovisas?", network="4m")
    assert "september 2022" in fourm
    assert "Botkyrka" in ask("Vilka har tecknat avsiktsförklaringen?", network="sodertorn")


@pytest.fixture
def asked(bot: LiveBot) -> LiveBot:
    import_test_network(bot.core)
    return bot


def mention(bot: LiveBot, question: str) -> str:
    bot.fake.clear()
    bot.slack.event(app_mention(f"<@{BOT_USER_ID}> {question}", user="UASKER01"))
    [call] = bot.fake.wait_for("chat.postMessage")
    return texts({"text": call.params.get("text", ""), "blocks": call.blocks or []})


def test_registry_history_and_membership_are_answered_from_the_registry(asked: LiveBot) -> None:
    left = mention(asked, "Which municipality has stepped out of an area?")
    assert "Norbergs kommun" in left and "1 September 2026" in left
    latest = mention(asked, "Vilka gick med senast?")
    assert latest.index("Skinnskattebergs kommun") < latest.index("Arboga kommun")
    member = mention(asked, "Is Sala part of the network?")
    assert member.startswith("Yes, Sala kommun is a party") and "Lärarförsörjning" in member
    phone = mention(asked, "Vilket telefonnummer har Anna Berg?")
    assert "Inget telefonnummer är registrerat" in phone
    before = mention(asked, "Vilka deltog i elevhälsa innan september?")
    assert before.startswith("Deltagandet enligt registret (Elevhälsa och specialpedagogik)")
    assert "Norbergs kommun" in before and "1 september 2026" in before
    # no lead for the area: its own contacts are named, not the network's coordinator
    lead = mention(asked, "Vem har ansvaret för elevhälsoområdet?")
    assert "Karin Lind" in lead and "Maria Nyström" not in lead


def test_no_nearby_fact_is_given_as_the_answer(ask) -> None:  # type: ignore[no-untyped-def]
    # the council's rhythm, not REKO's monthly one quoted beside it
    council = ask("hur ofta träffas rådet", network="orebro")
    assert "minst 4 gånger per år" in council and "månad" not in council
    # a network of 12 people with no parties registered is not "0 parties take part"
    size = ask("how big is GySam", network="orebro")
    assert "12 personer" in size and "0 parties" not in size and "No one takes part" not in size
    assert "22 personer" in ask("Hur många personer ingår i REKO?", network="orebro")
    # the weather is neither in the calendar nor in the documents
    weather = ask("Vad blir vädret på forumet?")
    assert weather.startswith("Det vet jag inte") and "vädret" in weather
    assert "Länsforum" not in weather
    # Enköping is in 4M, not Köping; 'the Västmanland network' is not Region Västmanland
    town = ask("is Enköping part of the Västmanland network")
    assert town.startswith("I don't know") and "Enköping" in town and "Region" not in town
    member = ask("Är Sala med i Västmanlandsnätverket?")
    assert member.startswith("Ja, *Sala kommun* är part")
    # 'kickoffen' is not the next forum; 'åtar sig' asks for the commitments
    assert "Länsforum" not in ask("När var kickoffen?")
    assert "samordningsansvar" in ask("Vad åtar sig regionen?")


def test_the_networks_the_registry_holds_are_listed_and_a_name_in_two_is_placed(ask) -> None:  # type: ignore[no-untyped-def]
    every = ask("Which networks do you know about?")
    assert every.startswith("I know of 4 networks")
    assert "Södertörnssamarbetet" in every and "4M" in every and "Örebro" in every
    both = ask("Is Vasteras in more than one network?")
    assert both.startswith("*Västerås stad* is a party to 2 networks")
    assert "Västmanland" in both and "4M" in both
    # inside a network, 'nätverk' next to a topic asks about that network's own groups
    groups = ask("Vilka nätverk finns inom Utbildning och arbetsmarknad?", network="orebro")
    assert "Jag känner till" not in groups


def test_ordinary_words_are_topics_and_a_swedish_name_does_not_make_the_answer_swedish(ask) -> None:  # type: ignore[no-untyped-def]
    # 'dialogue' after 'for' is an English word, not a name the registry lacks
    meeting = ask("Who creates meeting places for dialogue and knowledge sharing?")
    assert "kunskapsdelning" in meeting and "not in the registry" not in meeting
    # a place written in lower case is still a name: the bot says it does not know it
    town = ask("finns det ett forum i uppsala")
    assert town.startswith("Det vet jag inte") and "uppsala" in town.casefold()
    member = ask("Does Surahammar belong to Ensam är inte stark?")
    assert member.startswith("Yes, *Surahammars kommun* is a party")


def test_responsibility_for_an_area_is_its_lead_and_its_contacts_are_named(ask) -> None:  # type: ignore[no-untyped-def]
    answer = ask("Vem har ansvaret för elevhälsoområdet?")
    assert answer.startswith("Ingen ledare är registrerad för *Elevhälsa och specialpedagogik*")


def test_a_party_named_beside_another_topic_does_not_get_its_contact_card(ask) -> None:  # type: ignore[no-untyped-def]
    signs = ask("Vem ska skriva på för Kopings kommun?")
    assert "§7 Underskrifter" in signs and "Ordförande med ansvar för utbildningsfrågor" in signs
    mayor = ask("Who is the mayor of Vasteras?")
    assert mayor.startswith("I don't know") and "mayor" in mayor and "@" not in mayor
    # a title people in the registry carry is still asked of the party's people
    chief = ask("vem är skolchef i köping")
    assert "§7" not in chief and "Köpings kommun" in chief and "ingen person registrerad" in chief


def test_the_past_tense_of_taking_part_lists_the_history_and_a_mentioned_town_is_no_party(
    ask,  # type: ignore[no-untyped-def]
) -> None:
    stockholm = ask("Ingår Stockholm i Södertörnssamarbetet?", network="sodertorn")
    assert stockholm.startswith("Det vet jag inte") and "Stockholm" in stockholm
    gysam = ask("träffas gysam varje manad", network="orebro")
    assert "1 gång i månaden" in gysam and "kalendern" not in gysam.split("\n")[0]
