"""`samverkansbot person export|forget`: a person gets their data, or is removed from it."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from bot import cli
from bot.core.runtime import Core
from storage import registry
from storage.models import AuditEntry, Membership, Network, Participation, Person, RoleAssignment
from tests.helpers import add_person, area_by_slug, party_by_slug


@pytest.fixture
def env(core: Core, monkeypatch: pytest.MonkeyPatch) -> Core:
    monkeypatch.setenv("DATABASE_URL", core.settings.database_url)
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    return core


def test_export_then_forget_a_person(env: Core, capsys: pytest.CaptureFixture[str]) -> None:
    core = env
    person_id = add_person(
        core,
        "UGRETA001",
        "sala",
        "school_chief",
        name="Greta Gren",
        email="greta@sala.se",
        phone="070-1234567",
    )
    area, sala = area_by_slug(core, "elevhalsa"), party_by_slug(core, "sala")
    with core.db.session() as session:
        registry.join_area(
            session=session, area=area, party=sala, actor="UGRETA001", contact_person_id=person_id
        )

    with core.db.session() as session:  # Greta is in a second network too: the same human
        other = Network(slug="andra", name="Ett andra nätverk")
        session.add(other)
        session.flush()
        linked = registry.add_person(
            session=session,
            network_id=other.id,  # type: ignore[arg-type]
            name="Greta Gren",
            actor="test",
            title="Samordnare",
            slack_user_id="UGRETA001",
            roles=["coordinator"],
        )
        assert linked.id == person_id

    assert cli.main(["person", "export", "greta@sala.se"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["person"]["name"] == "Greta Gren"
    assert sorted(m["title"] for m in data["memberships"]) == ["", "Samordnare"]
    assert sorted(r["role"] for r in data["roles"]) == ["coordinator", "school_chief"]
    assert len(data["contact_for"]) == 1
    assert any(e["action"] == "participation.join" for e in data["audit"])

    assert cli.main(["person", "forget", "UGRETA001", "--yes"]) == 0
    with core.db.session() as session:
        assert session.get(Person, person_id) is None
        assert session.exec(select(Membership).where(Membership.person_id == person_id)).all() == []
        roles = select(RoleAssignment).where(RoleAssignment.person_id == person_id)
        assert session.exec(roles).all() == []
        participation = session.exec(select(Participation)).one()
        assert participation.contact_person_id is None and participation.joined_by == "redacted"
        log = session.exec(select(AuditEntry)).all()
        text = " ".join(f"{e.actor} {e.summary} {e.before} {e.after}" for e in log)
        assert "Greta" not in text and "greta@sala.se" not in text and "UGRETA001" not in text
        assert "070-1234567" not in text
        assert any(e.action == "person.forget" and e.entity_id == person_id for e in log)
        assert any(e.action == "participation.join" for e in log)  # the fact of the change stays

    assert cli.main(["person", "export", "UGRETA001"]) == 1
    assert "no person" in capsys.readouterr().err
