"""Round six of issue 14, the other networks (Södertörn, Örebro, 4M): each test asks in other
words than the tune questions, so it shows that a class of failure is fixed, not a question."""

from __future__ import annotations

from bot.core.runtime import SEED_DIR, Core
from storage import networkfile
from tests.answers.test_round_six import _ask


def _with_seeds(core: Core) -> Core:
    with core.db.session() as session:
        for stem in ("orebro", "4m", "sodertorn"):
            spec = networkfile.load_file(SEED_DIR / f"{stem}.toml")
            networkfile.import_network(spec, session=session, actor="test", base_dir=SEED_DIR)
    return core


def test_a_word_that_extends_a_cue_is_not_that_cue(answers_core: Core) -> None:
    # 'county' is no typo of 'count': the question asks which network, not how many
    answer = _ask(
        _with_seeds(answers_core),
        "Which network in the county works with upper secondary schools?",
        "orebro",
    )
    assert "GySam" in answer
    assert "counts" not in answer and "I know of" not in answer


def test_english_field_words_reach_the_other_networks_documents(answers_core: Core) -> None:
    # 'activities', 'begun', 'adult education', 'borrow', 'materials' map to the Swedish of the
    # documents through the glossary (data), not through the question's wording
    core = _with_seeds(answers_core)
    begun = _ask(core, "Which of the activities has not begun yet?", "orebro")
    assert "digitalisering" in begun
    adults = _ask(core, "Is there a network for adult learning?", "orebro")
    assert "REKO" in adults
    borrow = _ask(core, "Could the schools borrow costly course materials from one another?", "4m")
    assert "fordon" in borrow


def test_a_party_with_no_one_registered_is_an_honest_i_dont_know(answers_core: Core) -> None:
    core = _with_seeds(answers_core)
    sv = _ask(core, "Vem kan jag kontakta i Lindesberg?", "orebro")
    assert sv.startswith("Det vet jag inte") and "Lindesbergs kommun" in sv
    en = _ask(core, "Who should I get in touch with in Eskilstuna?", "4m")
    assert en.startswith("I don't know") and "Eskilstuna" in en and "@" not in en


def test_assignments_in_a_network_without_registered_commitments_come_from_its_document(
    answers_core: Core,
) -> None:
    # 4M registers no commitments; its proposal gives the assignments as text
    answer = _ask(_with_seeds(answers_core), "Vilka uppdrag får förvaltningen?", "4m")
    assert "utbildningsförvaltningen" in answer and "inga åtaganden" not in answer


def test_a_numbered_list_whose_lead_holds_the_question_is_quoted_whole(
    answers_core: Core,
) -> None:
    # a numbered list is a list (its first item is no lead), and when only the lead holds the
    # question's words, the answer is every item under it, not one item picked by score
    answer = _ask(_with_seeds(answers_core), "Vad uppdras utbildningsförvaltningen att göra?", "4m")
    assert "1. att utreda" in answer and "4. att föreslå" in answer
    assert answer.count("att uppdra till") == 1


def test_a_count_is_answered_by_the_passage_that_counts_that_thing(answers_core: Core) -> None:
    # the passage stating '10 aktiviteter' answers, not "I don't know" for want of a registry
    # count, and not a passage about the activity plan that states no number
    answer = _ask(
        _with_seeds(answers_core),
        "How many activities were there in the Kunskapslyft document?",
        "orebro",
    )
    assert "10 aktiviteter" in answer and "aktivitetsplan" not in answer


def test_an_english_asker_of_the_other_networks_documents_gets_an_english_sentence_first(
    answers_core: Core,
) -> None:
    # the document's passage (with its §) before the registry's restatement of it, and its
    # English gloss (data/glosses.toml) before the Swedish quote
    core = _with_seeds(answers_core)
    share = _ask(core, "Which costly study material could be hired out between the schools?", "4m")
    assert share.startswith("For example") and "vehicles" in share and "§2" in share
    vision = _ask(core, "How many inhabitants did the Södertörn 2020 vision foresee?", "sodertorn")
    assert "half a million" in vision and "halv miljon" in vision


def test_a_glossary_phrase_also_holds_in_its_own_words_inflected(answers_core: Core) -> None:
    # 'skriva under' is found where the document writes 'skrivs under', not only where it
    # writes the glossary's 'underskrifter'
    core = _with_seeds(answers_core)
    answer = _ask(core, "Vilka ska skriva under avsiktsförklaringen?", "sodertorn")
    assert "skrivs under av samtliga åtta kommuners ordförande" in answer
