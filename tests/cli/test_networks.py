"""The four shipped networks and self-contained export, as a user runs the CLI: a real
process on a fresh database, on SQLite and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.runtime import SEED_DIR
from tests.cli.test_cli import run

# (network, a question about its own document, what the answer must quote, its citation: the
# network's own document, whichever section the answerer finds best)
QUESTIONS = [
    (
        "vastmanland",
        "Vad säger överenskommelsen om giltighet?",
        "31 december 2027",
        "Överenskommelsen, §",
    ),
    (
        "sodertorn",
        "Vad säger avsiktsförklaringen om gemensam prissättning?",
        "gemensam prissättning",
        "Avsiktsförklaring, §",
    ),
    (
        "orebro",
        "Vad säger presentationen om studieresa?",
        "studieresa",
        "Specifika samverkansrådet för skola, utbildning och kompetensförsörjning, §",
    ),
    (
        "4m",
        "Vad säger förslaget om programråd?",
        "programråd kan samverka kommunöverskridande",
        "Fördjupad samverkan mellan gymnasieutbildningarna i 4M, §",
    ),
]


def cli(args: list[str], cwd: Path, url: str, stdin: str = "") -> str:
    result = run(args, cwd, stdin=stdin, DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_all_four_networks_import_on_a_fresh_database_and_answer_from_their_documents(
    tmp_path: Path, fresh_database_url: str
) -> None:
    for slug, *_ in QUESTIONS:
        out = cli(["import", str(SEED_DIR / f"{slug}.toml")], tmp_path, fresh_database_url)
        assert f"imported {slug}" in out
    again = cli(["import", str(SEED_DIR / "4m.toml")], tmp_path, fresh_database_url)
    assert "0 created, 0 updated" in again
    listed = cli(["networks"], tmp_path, fresh_database_url)
    for slug, *_ in QUESTIONS:
        assert slug in listed
    assert "Specifika samverkansrådet för skola, utbildning och kompetensförsörjning" in listed
    assert "Västerås stad is one organisation in vastmanland, 4m" in listed
    for slug, question, quoted, citation in QUESTIONS:
        answer = cli(["ask", "--network", slug, question], tmp_path, fresh_database_url)
        assert quoted in answer, (slug, answer)
        assert citation in answer, (slug, answer)
    # each network answers from its own registry: 4M's four, Örebro's twelve
    four = cli(["ask", "--network", "4m", "Vilka kommuner är med?"], tmp_path, fresh_database_url)
    assert "Eskilstuna kommun" in four and "Västerås stad" in four and "Sala" not in four
    twelve = cli(
        ["ask", "--network", "orebro", "Vilka kommuner är med?"], tmp_path, fresh_database_url
    )
    assert "Ljusnarsbergs kommun" in twelve and "Örebro kommun" in twelve
    assert "Västerås" not in twelve


@pytest.mark.parametrize("slug", ["orebro", "4m"])
def test_the_new_seeds_say_what_their_documents_say(slug: str) -> None:
    from storage import networkfile

    spec = networkfile.load_file(SEED_DIR / f"{slug}.toml")
    names = {p.name for p in spec.parties}
    if slug == "4m":
        assert names == {
            "Västerås stad",
            "Eskilstuna kommun",
            "Enköpings kommun",
            "Strängnäs kommun",
        }
        assert len(spec.areas) == 4
        (deadline,) = spec.events
        assert deadline.kind == "deadline"
        assert (str(deadline.start), str(deadline.end)) == ("2022-09-01", "2022-09-30")
    else:
        assert spec.network.kind == "council"
        assert (
            "Region Örebro län" in names
            and len([p for p in spec.parties if p.kind == "municipality"]) == 12
        )
        areas = {a.slug: a.description for a in spec.areas}
        assert "22 personer" in areas["reko"] and "1 gång i månaden" in areas["reko"]
        assert "12 personer" in areas["gysam"] and "1 gång i månaden" in areas["gysam"]
        assert {"chefsgruppen", "sakkunnigstodet"} <= set(areas)
        texts = " ".join(c.text for c in spec.commitments)
        for words in (
            "minst 4 gånger per år",
            "uppföljning av den varje år",
            "studieresa",
            "temadag",
        ):
            assert words in texts
        assert "ingen beslutande rätt" in spec.network.description


def test_export_to_stdout_carries_the_documents_and_round_trips_on_a_fresh_database(
    tmp_path: Path, fresh_database_url: str
) -> None:
    source = tmp_path / "source.db"
    first_url = f"sqlite:///{source}"
    cli(["import", str(SEED_DIR / "sodertorn.toml")], tmp_path, first_url)
    exported = cli(["export", "sodertorn"], tmp_path, first_url)
    assert "file =" not in exported and "Syftet med kommunsamarbetet" in exported
    # elsewhere, with nothing beside it: through a file in an empty directory, and from stdin
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "sodertorn.toml").write_text(exported, encoding="utf-8")
    cli(["import", "sodertorn.toml"], elsewhere, fresh_database_url)
    assert cli(["export", "sodertorn"], elsewhere, fresh_database_url) == exported
    again = cli(["import", "-"], elsewhere, fresh_database_url, stdin=exported)
    assert "0 created, 0 updated" in again
    # with -o: the file and its documents beside it, the same bytes after a round trip
    out = tmp_path / "out"
    out.mkdir()
    cli(["export", "sodertorn", "-o", str(out / "s.toml")], tmp_path, fresh_database_url)
    written = (out / "s.toml").read_bytes()
    assert (
        b'file = "avsiktsforklaringen.md"' in written and (out / "avsiktsforklaringen.md").exists()
    )
    third = f"sqlite:///{tmp_path / 'third.db'}"
    cli(["import", str(out / "s.toml")], tmp_path, third)
    back = tmp_path / "back"
    back.mkdir()
    cli(["export", "sodertorn", "-o", str(back / "s.toml")], tmp_path, third)
    assert (back / "s.toml").read_bytes() == written
    assert (back / "avsiktsforklaringen.md").read_bytes() == (
        out / "avsiktsforklaringen.md"
    ).read_bytes()
    assert cli(["export", "sodertorn"], tmp_path, third) == exported


PEOPLE_VASTMANLAND = """
[[people]]
name = "Dana Delad"
title = "Rektor i Sala"
party = "sala"
slack = "USHARED01"
roles = ["contact"]

[[people]]
name = "Erik Epost"
title = "Utvecklingsledare"
party = "sala"
email = "Erik.Epost@example.se"
"""
PEOPLE_4M = """
[[people]]
name = "Dana Delad"
title = "Samordnare för 4M"
party = "eskilstuna"
slack = "USHARED01"
roles = ["coordinator"]

[[people]]
name = "Erik Epost"
party = "eskilstuna"
email = "erik.epost@EXAMPLE.se"
"""


def test_importing_a_second_network_links_the_humans_already_in_the_first(
    tmp_path: Path, fresh_database_url: str
) -> None:
    from sqlalchemy import create_engine, text

    for slug, people in (("vastmanland", PEOPLE_VASTMANLAND), ("4m", PEOPLE_4M)):
        source = (SEED_DIR / f"{slug}.toml").read_text(encoding="utf-8")
        (tmp_path / f"{slug}.toml").write_text(source + people, encoding="utf-8")
    for document in SEED_DIR.glob("*.md"):
        (tmp_path / document.name).write_text(document.read_text(encoding="utf-8"))
    cli(["import", "vastmanland.toml"], tmp_path, fresh_database_url)
    out = cli(["import", "4m.toml"], tmp_path, fresh_database_url)
    assert "imported 4m" in out
    engine = create_engine(fresh_database_url)
    with engine.connect() as conn:
        people = conn.execute(text("SELECT id, name FROM person ORDER BY id")).all()
        assert [p.name for p in people] == ["Dana Delad", "Erik Epost"]
        memberships = conn.execute(
            text(
                "SELECT p.name, n.slug, m.title FROM membership m JOIN person p ON p.id = "
                "m.person_id JOIN network n ON n.id = m.network_id ORDER BY p.name, n.slug"
            )
        ).all()
        assert [tuple(m) for m in memberships] == [
            ("Dana Delad", "4m", "Samordnare för 4M"),
            ("Dana Delad", "vastmanland", "Rektor i Sala"),
            ("Erik Epost", "4m", ""),
            ("Erik Epost", "vastmanland", "Utvecklingsledare"),
        ]
        roles = conn.execute(
            text(
                "SELECT n.slug, r.role FROM role_assignment r JOIN network n ON n.id = "
                "r.network_id ORDER BY n.slug"
            )
        ).all()
        assert [tuple(r) for r in roles] == [("4m", "coordinator"), ("vastmanland", "contact")]
    engine.dispose()
    again = cli(["import", "4m.toml"], tmp_path, fresh_database_url)
    assert "0 created, 0 updated" in again
    # each network's file lists its people as that network has them
    four_m = cli(["export", "4m"], tmp_path, fresh_database_url)
    assert "Samordnare för 4M" in four_m and "Rektor i Sala" not in four_m
    assert '"coordinator"' in four_m and '"contact"' not in four_m
    vastmanland = cli(["export", "vastmanland"], tmp_path, fresh_database_url)
    assert "Rektor i Sala" in vastmanland and "Samordnare för 4M" not in vastmanland
