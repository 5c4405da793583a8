"""Network data files: idempotent import, exact round trip, and errors that name line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import func, select

from bot.core.runtime import SEED_DIR, Core
from storage import networkfile, registry
from storage.models import AuditEntry, Commitment, Event, FocusArea, Network, Party

SODERTORN = SEED_DIR / "sodertorn.toml"


def count(core: Core, model: type) -> int:
    with core.db.session() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def import_file(core: Core, path: Path) -> networkfile.ImportResult:
    spec = networkfile.load_file(path)
    with core.db.session() as session:
        _, result = networkfile.import_network(spec, session=session, base_dir=path.parent)
    return result


def export(core: Core, slug: str) -> str:
    with core.db.session() as session:
        network = registry.network_by_slug(slug, session=session)
        assert network is not None
        return networkfile.export_network(network, session=session)


def test_the_vastmanland_seed_is_spelled_right_and_complete(core: Core) -> None:
    with core.db.session() as session:
        network = registry.network_by_slug("vastmanland", session=session)
        assert network is not None
        assert (str(network.valid_from), str(network.valid_to)) == ("2026-01-01", "2027-12-31")
        names = {p.name for p in registry.parties(session=session, network_id=network.id)}
        kinds = [
            c.party_kind for c in registry.commitments_for(session=session, network_id=network.id)
        ]
        events = session.exec(select(Event).where(Event.network_id == network.id)).all()
    assert {
        "Arboga kommun",
        "Fagersta kommun",
        "Hallstahammars kommun",
        "Kungsörs kommun",
        "Köpings kommun",
        "Norbergs kommun",
        "Sala kommun",
        "Skinnskattebergs kommun",
        "Surahammars kommun",
        "Västerås stad",
        "Region Västmanland",
        "Sveriges Kommuner och Regioner",
    } == names
    assert (kinds.count("municipality"), kinds.count("region"), kinds.count("association")) == (
        4,
        3,
        5,
    )
    evaluation = next(e for e in events if e.kind == "evaluation")
    assert evaluation.starts_at.astimezone(core.settings.tz).date().isoformat() == "2026-12-31"
    assert any(
        e.starts_at.astimezone(core.settings.tz).date().isoformat() == "2027-12-31" for e in events
    )


def test_importing_twice_changes_nothing(core: Core) -> None:
    first = import_file(core, SODERTORN)
    assert first.created > 20
    audit_rows = count(core, AuditEntry)
    second = import_file(core, SODERTORN)
    assert (second.created, second.updated) == (0, 0)
    assert count(core, AuditEntry) == audit_rows
    assert count(core, Network) == 2
    with core.db.session() as session:
        sodertorn = registry.network_by_slug("sodertorn", session=session)
        assert len(registry.parties(session=session, network_id=sodertorn.id)) == 8
        assert len(registry.areas(session=session, network_id=sodertorn.id)) == 12


def test_export_then_import_round_trips_exactly(core: Core, tmp_path: Path) -> None:
    with core.db.session() as session:
        network = core.network(session)
        sala = session.exec(select(Party).where(Party.slug == "sala")).one()
        area = session.exec(select(FocusArea).where(FocusArea.slug == "elevhalsa")).one()
        person = registry.add_person(
            session=session,
            network_id=network.id,
            name="Åsa Öberg",
            actor="test",
            party_id=sala.id,
            email="asa@sala.se",
            slack_user_id="UASA00001",
            roles=["school_chief", "contact"],
        )
        registry.join_area(
            session=session,
            area=area,
            party=sala,
            actor="UASA00001",
            contact_person_id=person.id,
            note="Två dagar i månaden",
        )
        registry.leave_area(session=session, area=area, party=sala, actor="UASA00001")
        registry.join_area(session=session, area=area, party=sala, actor="UASA00001")
    first = export(core, "vastmanland")
    assert "Åsa Öberg" in first and "left" in first
    path = tmp_path / "vastmanland.toml"
    path.write_text(first, encoding="utf-8")
    with core.db.session() as session:
        for name, text in networkfile.export_documents(
            core.network(session), session=session
        ).items():
            (tmp_path / name).write_text(text, encoding="utf-8")
    result = import_file(core, path)
    assert (result.created, result.updated) == (0, 0)
    assert export(core, "vastmanland") == first
    # and into an empty network of another name, the same content comes back
    renamed = first.replace('slug = "vastmanland"', 'slug = "kopia"', 1)
    (tmp_path / "kopia.toml").write_text(renamed, encoding="utf-8")
    import_file(core, tmp_path / "kopia.toml")
    assert export(core, "kopia") == renamed


@pytest.mark.parametrize(
    ("mutation", "expected"),
    [
        (('kind = "region"', 'kind = "regionen"'), ":79: parties[11].kind:"),
        (("valid_to = 2027-12-31", "valid_to = 2027-13-31"), "not valid TOML"),
        (
            ('party_kind = "region"', 'party = "nowhere"'),
            "commitments[5].party: unknown party 'nowhere'",
        ),
        (('slug = "sala"', 'slug = "Sala kommun"'), "parties[7].slug:"),
    ],
)
def test_a_bad_file_names_line_and_field_and_writes_nothing(
    core: Core, tmp_path: Path, mutation: tuple[str, str], expected: str
) -> None:
    text = (SEED_DIR / "vastmanland.toml").read_text(encoding="utf-8")
    text = text.replace('slug = "vastmanland"', 'slug = "ny"', 1).replace(*mutation, 1)
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    before = count(core, Party), count(core, Commitment), count(core, AuditEntry)
    with pytest.raises(networkfile.NetworkFileError) as error:
        import_file(core, path)
    assert expected in str(error.value)
    assert "\n" not in str(error.value)
    assert (count(core, Party), count(core, Commitment), count(core, AuditEntry)) == before
