"""No nearby fact presented as the answer (issue 14, round three): a name alone does not make a
question one about its contacts, a town outside the network is said to be outside it, an area
with no lead person answers with what its description says of who leads, and a calendar word
that is the question's topic ('the council') is not a question about the calendar."""

from __future__ import annotations

from dataclasses import replace

from bot.answers import answer_question
from bot.core.runtime import SEED_DIR, Core
from bot.core.textrender import render_blocks
from storage import networkfile


def _ask(core: Core, question: str, network: str = "vastmanland") -> str:
    core.settings = replace(core.settings, default_network=network)
    reply = answer_question(core, slack_user_id="UASKER01", text=question)
    return render_blocks(reply.blocks, reply.text)


def _with_orebro(core: Core) -> Core:
    with core.db.session() as session:
        spec = networkfile.load_file(SEED_DIR / "orebro.toml")
        networkfile.import_network(spec, session=session, actor="test", base_dir=SEED_DIR)
    return core


def test_the_weather_in_a_member_town_is_not_answered_with_its_contacts(
    answers_core: Core,
) -> None:
    answer = _ask(answers_core, "Hur är vädret i Västerås imorgon?")
    assert "vet jag inte" in answer and "anna.berg@" not in answer


def test_a_town_outside_the_network_is_said_to_be_outside_it(answers_core: Core) -> None:
    answer = _ask(_with_orebro(answers_core), "Is Karlstad in the Örebro network?", "orebro")
    assert "Karlstad" in answer and "not" in answer
    assert "12 municipalities" not in answer


def test_an_area_without_a_lead_person_answers_with_its_description(answers_core: Core) -> None:
    answer = _ask(_with_orebro(answers_core), "Vem leder chefsgruppen?", "orebro")
    assert "men registrets beskrivning säger" in answer and "områdeschefen" in answer


def test_the_council_word_as_topic_is_answered_from_the_passage(answers_core: Core) -> None:
    chair = _ask(_with_orebro(answers_core), "who chairs the council", "orebro")
    assert "Regionala tillväxtnämnden" in chair and "calendar" not in chair
    often = _ask(answers_core, "How often does the council meet?", "orebro")
    assert "4" in often and "month" not in often
