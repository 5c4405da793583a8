"""Round six of issue 14, each test in other words than the tune questions. An event named by
its title, its day or as one that is over is answered from the calendar as it holds that event
(past, cancelled, recurring), not with the next forum or a document passage. A party named
with a topic of what the documents say of it gets that passage, not its registry page."""

from __future__ import annotations

from dataclasses import replace

from bot.answers import answer_question
from bot.core.runtime import Core
from bot.core.textrender import render_blocks


def _ask(core: Core, question: str, network: str = "vastmanland") -> str:
    core.settings = replace(core.settings, default_network=network)
    reply = answer_question(core, slack_user_id="UASKER01", text=question)
    return render_blocks(reply.blocks, reply.text)


def test_an_event_named_by_its_title_is_answered_with_its_place(answers_core: Core) -> None:
    answer = _ask(answers_core, "I vilken stad hålls rådsmötet om fortsatt samverkan?")
    assert "Köping" in answer and "Rådsmöte om fortsatt samverkan" in answer
    assert "§6" not in answer


def test_a_day_names_the_event_on_it_also_when_cancelled(answers_core: Core) -> None:
    answer = _ask(answers_core, "Blir det något av den 30 november?")
    assert "Inställt novemberforum" in answer and "Det är inställt" in answer


def test_an_event_that_is_over_is_said_to_be_over(answers_core: Core) -> None:
    answer = _ask(answers_core, "Which forum already took place?")
    assert "Höstforum" in answer and "already taken place" in answer
    assert "Länsforum" not in answer


def test_a_recurring_event_says_how_often(answers_core: Core) -> None:
    answer = _ask(answers_core, "Hur ofta träffas elevhälsans nätverk?")
    assert "Nätverksträff elevhälsa" in answer and "varje månad" in answer


def test_the_next_event_of_a_kind_still_lists_what_comes(answers_core: Core) -> None:
    answer = _ask(answers_core, "När är nästa forum?")
    assert "Nästa forum" in answer and "Länsforum för skolchefer" in answer
    assert "Höstforum" not in answer and "Inställt" not in answer


def test_a_party_named_with_a_topic_of_its_commitments_gets_that_passage(
    answers_core: Core,
) -> None:
    answer = _ask(
        answers_core,
        "Vilken kompetens kan Region Västmanland ställa upp med för kommunernas utvecklingsarbete?",
    )
    assert "regional kompetens" in answer and "§5" in answer
    assert "maria.nystrom@" not in answer  # not the party's registry page


def test_a_party_named_alone_still_gets_its_page(answers_core: Core) -> None:
    answer = _ask(answers_core, "Är Sala med i nätverket?")
    assert "Ja" in answer and "Sala kommun" in answer


def test_one_name_of_a_short_list_quotes_the_whole_list() -> None:
    from bot.answers.agreement import _excerpt
    from storage.models import DocumentSection
    from storage.text import stem

    section = DocumentSection(
        document_id=1,
        number="2",
        heading="Deltagare",
        position=0,
        text="Samarbetet omfattar:\n\n- Alfa skola\n- Beta skola\n- Gamma gymnasium\n\n"
        "Samarbetet leds av en styrgrupp som träffas varje termin.",
    )
    quoted = _excerpt(section, [stem("gamma")], whole=False)
    assert "Alfa skola" in quoted and "Beta skola" in quoted and "Gamma gymnasium" in quoted
    assert "styrgrupp" not in quoted


def test_english_words_of_validity_and_results_reach_the_swedish_passages(
    answers_core: Core,
) -> None:
    applies = _ask(answers_core, "Does the agreement still apply in 2027?")
    assert "31 December 2027" in applies and "§1" in applies
    results = _ask(answers_core, "Which concrete results are expected?")
    assert "konkreta modeller" in results and "§3" in results


def test_a_glossary_word_is_not_corrected_into_a_swedish_false_friend(
    answers_core: Core,
) -> None:
    # 'start' is the glossary's 'uppstart', never the documents' 'stat' (the state)
    answer = _ask(answers_core, "When does the agreement start to apply?")
    assert "dialog med staten" not in answer


def test_a_kind_of_party_beside_another_question_word_is_no_listing(answers_core: Core) -> None:
    answer = _ask(answers_core, "Får varje kommun välja själv vilka områden den vill delta i?")
    assert "avgör själv" in answer and "§4" in answer
    listing = _ask(answers_core, "Vilka kommuner är med?")
    assert "10 kommuner" in listing


def test_a_phone_number_asked_of_a_person_at_a_party_says_it_is_missing(
    answers_core: Core,
) -> None:
    answer = _ask(answers_core, "Vilket telefonnummer har Lena Öberg på Hallstahammar?")
    assert "Inget telefonnummer är registrerat för *Lena Öberg*" in answer
    english = _ask(answers_core, "Could I get the telephone number of Karin Lind in Köping?")
    assert "no phone number registered" in english and "Karin Lind" in english
    counted = _ask(answers_core, "What number of municipalities take part?")
    assert "10 municipalities" in counted


def test_the_role_of_a_person_is_their_card_not_the_commitments(answers_core: Core) -> None:
    answer = _ask(answers_core, "What role does Johan Ek have?")
    assert "utvecklingsledare" in answer and "Förankra" not in answer
