"""Small helpers for arranging registry state in tests (through the storage layer)."""

from __future__ import annotations

from sqlmodel import select

from bot.core.runtime import Core
from storage import registry
from storage.models import FocusArea, Party


def add_person(
    core: Core,
    slack_id: str,
    party_slug: str | None,
    *roles: str,
    name: str | None = None,
    **fields: object,
) -> int:
    """Add a person to the default network; returns the person's id."""
    with core.db.session() as session:
        network = core.network(session)
        party = party_by_slug(core, party_slug) if party_slug else None
        person = registry.add_person(
            session=session,
            network_id=network.id,  # type: ignore[arg-type]
            name=name or f"Person {slack_id}",
            actor="test",
            party_id=party.id if party else None,
            slack_user_id=slack_id,
            roles=roles,
            **fields,  # type: ignore[arg-type]
        )
        return person.id  # type: ignore[return-value]


def party_by_slug(core: Core, slug: str) -> Party:
    with core.db.session() as session:
        return session.exec(select(Party).where(Party.slug == slug)).one()


def area_by_slug(core: Core, slug: str) -> FocusArea:
    with core.db.session() as session:
        return session.exec(select(FocusArea).where(FocusArea.slug == slug)).one()


def active_party_slugs(core: Core, area_slug: str) -> list[str]:
    area = area_by_slug(core, area_slug)
    with core.db.session() as session:
        return [p.slug for p, _ in registry.participants(session=session, area_id=area.id)]  # type: ignore[arg-type]


def texts(result_json: dict) -> str:
    """All text of a command response: fallback text plus every block's text."""
    parts = [result_json.get("text", "")]
    for block in result_json.get("blocks", []):
        if "text" in block and isinstance(block["text"], dict):
            parts.append(block["text"]["text"])
        for element in block.get("elements", []):
            if isinstance(element, dict) and "text" in element:
                t = element["text"]
                parts.append(t["text"] if isinstance(t, dict) else str(t))
    return "\n".join(parts)
