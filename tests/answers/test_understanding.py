"""Reading questions and searching documents: language, names with typos and without å/ä/ö,
Swedish word forms, full-text search on both databases, sectioning of text and PDF."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import select

from bot.answers.understand import clean_text, detect_language
from bot.core.runtime import Core
from storage import documents
from storage.models import DocumentSection
from storage.text import query_stems, stem


def test_language_of_the_question() -> None:
    assert detect_language("Vem är kontaktperson för Sala?") == "sv"
    assert detect_language("vem ar kontakt i kopings kommun") == "sv"
    assert detect_language("Who is the contact for Västerås?") == "en"
    assert detect_language("When is the next forum in Lärarförsörjning?") == "en"
    assert detect_language("Sala", default="en") == "en"  # a bare name: the user's language


def test_slack_markup_is_made_plain() -> None:
    assert (
        clean_text("<@UBOT> vem leder <#C123|lararforsorjning>?") == "vem leder lararforsorjning?"
    )
    assert clean_text("se <https://x.se|länken> &amp; mer") == "se länken & mer"


def test_word_forms_meet_in_one_stem() -> None:
    assert stem("åtaganden") == stem("atagandena") == stem("Åtagandet")
    assert stem("syfte") == stem("syftet")
    assert stem("utvärderingen") == stem("utvardering")
    assert query_stems("Vad säger överenskommelsen om syftet?") == [stem("syfte")]


def test_full_text_search_finds_sections_by_word_form(core: Core) -> None:
    with core.db.session() as session:
        network_id = core.network(session).id
        hits = documents.search_sections(
            session=session, network_id=network_id, stems=query_stems("genomlysningen")
        )
        assert hits and hits[0].section.heading == "Process och tidsram"
        assert documents.citation(hits[0].document, hits[0].section) == (
            "Överenskommelsen, §6 Process och tidsram"
        )
        prefix = documents.search_sections(
            session=session, network_id=network_id, stems=["samverkan"]
        )
        assert any("samverkansarbetet" in h.section.text for h in prefix)
        assert (
            documents.search_sections(session=session, network_id=network_id, stems=["zzzz"]) == []
        )


def test_index_follows_changes_to_sections(core: Core) -> None:
    with core.db.session() as session:
        network_id = core.network(session).id
        _doc, changed = documents.add_document(
            session=session,
            network_id=network_id,
            title="Plan",
            text="## 1. Mentorskap\n\nNya lärare får mentorer.\n",
            actor="test",
        )
        assert changed
        assert documents.search_sections(session=session, network_id=network_id, stems=["mentor"])
    with core.db.session() as session:
        documents.add_document(
            session=session,
            network_id=network_id,
            title="Plan",
            text="## 1. Introduktion\n\nNya lärare får introduktion.\n",
            actor="test",
        )
    with core.db.session() as session:
        assert not documents.search_sections(
            session=session, network_id=network_id, stems=["mentor"]
        )
        assert documents.search_sections(
            session=session, network_id=network_id, stems=["introduktion"]
        )
        rows = session.exec(select(DocumentSection)).all()
        assert session.execute(text("SELECT count(*) FROM document_section")).one()[0] == len(rows)


def test_migration_created_the_search_index(core: Core) -> None:
    with core.db.engine.connect() as conn:
        if core.db.dialect == "sqlite":
            names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
            assert {"document_section_fts", "document_section_fts_ai"} <= names
        else:
            indexes = {
                r[0]
                for r in conn.execute(
                    text("SELECT indexname FROM pg_indexes WHERE tablename = 'document_section'")
                )
            }
            assert "ix_document_section_fts" in indexes


def test_sections_of_plain_text_and_unstructured_text() -> None:
    numbered = documents.split_sections(
        "Rutin\n1. Insamling\nLämnas varje kvartal.\n2. Analys\nRegionen sammanställer.\n"
    )
    assert [(s.number, s.heading) for s in numbered] == [
        ("", ""),
        ("1", "Insamling"),
        ("2", "Analys"),
    ]
    loose = documents.split_sections("Ett stycke.\n\nEtt till.\n")
    assert len(loose) == 1 and "Ett till." in loose[0].text
    markdown = documents.split_sections("## 5. Åtaganden\n\nText\n\n## §6 Process\n\nMer\n")
    assert [(s.number, s.heading) for s in markdown] == [("5", "Åtaganden"), ("6", "Process")]


def test_a_second_network_is_answered_from_its_own_registry_and_documents(core: Core) -> None:
    from dataclasses import replace

    from bot.answers import answer_question
    from bot.core.runtime import SEED_DIR
    from bot.core.textrender import render_blocks
    from storage import networkfile

    with core.db.session() as session:
        spec = networkfile.load_file(SEED_DIR / "sodertorn.toml")
        networkfile.import_network(spec, session=session, actor="test", base_dir=SEED_DIR)
    core.settings = replace(core.settings, default_network="sodertorn")

    def ask(question: str) -> str:
        reply = answer_question(core, slack_user_id="UASKER01", text=question)
        return render_blocks(reply.blocks, reply.text)

    members = ask("Vilka kommuner är med?")
    assert "8 kommuner" in members and "Tyresö kommun" in members and "Sala" not in members
    purpose = ask("Vad är syftet med avsiktsförklaringen?")
    assert "Avsiktsförklaring" in purpose and "Överenskommelsen" not in purpose
    assert "gymnasieskolan" in purpose


def test_dedupe_keys_are_claimed_once_in_the_database(core: Core) -> None:
    from storage import dedupe

    now = core.now()
    with core.db.session() as session:
        assert dedupe.claim(["event:Ev1", "msg:C1:1.0"], session=session, now=now)
    with core.db.session() as session:  # Slack's retry: same event_id
        assert not dedupe.claim(["event:Ev1", "msg:C1:1.0"], session=session, now=now)
    with core.db.session() as session:  # re-sent under a new event_id: same channel:ts
        assert not dedupe.claim(["event:Ev2", "msg:C1:1.0"], session=session, now=now)
    with core.db.session() as session:
        assert dedupe.claim(["event:Ev3", "msg:C1:2.0"], session=session, now=now)
