"""Helpers for the registry's Slack tests: people, signed submissions, reading the database."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from bot.core.runtime import Core
from storage import audit, registry
from storage.models import AuditEntry, Registration
from tests.conftest import LiveBot
from tests.fake_slack.blockkit import validate_blocks
from tests.fake_slack.signing import option, state_input
from tests.helpers import add_person, area_by_slug, party_by_slug

COORD = "UCOORD0001"
SALA_CHIEF = "USALACHIEF"
SALA_MEMBER = "USALAMEMB1"
VISITOR = "UVISITOR01"


def people(core: Core) -> None:
    """A coordinator (in the registry), Sala's school chief, and a plain member of Sala."""
    add_person(core, COORD, "region-vastmanland", "coordinator", name="Cecilia Samordnare")
    add_person(core, SALA_CHIEF, "sala", "school_chief", name="Sara Sala")
    add_person(core, SALA_MEMBER, "sala", "member", name="Mats Medlem")


def command(bot: LiveBot, text: str, user: str) -> dict[str, Any]:
    result = bot.slack.command(text, user=user)
    assert result.status == 200, result.text
    body = result.json() if result.text else {}
    assert validate_blocks(body.get("blocks", []), "message") == []
    return body


def opened_view(bot: LiveBot, callback_id: str, count: int = 1) -> dict[str, Any]:
    """The `count`th view opened with `callback_id` (views.open; it comes after the ack)."""
    calls = bot.fake.wait_for(
        "views.open",
        count=count,
        predicate=lambda c: (c.view or {}).get("callback_id") == callback_id,
    )
    call = calls[count - 1]
    return call.view


def submit(
    bot: LiveBot, user: str, callback_id: str, values: dict[str, Any], metadata: str = ""
) -> dict[str, Any]:
    result = bot.slack.submit(user, callback_id, values, private_metadata=metadata)
    assert result.status == 200, result.text
    return result.json() if result.text.strip() else {}


def text_of_view(view: dict[str, Any]) -> str:
    parts = []
    for block in view.get("blocks", []):
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        for element in block.get("elements", []):
            if isinstance(element, dict) and isinstance(element.get("text"), dict | str):
                t = element["text"]
                parts.append(t["text"] if isinstance(t, dict) else t)
    return "\n".join(parts)


def join_values(
    area_ids: list[int], *, party_id: int | None = None, contact: str | None = None, note: str = ""
) -> dict[str, Any]:
    values: dict[str, Any] = {
        "areas": {
            "areas": state_input([option(str(i)) for i in area_ids], type="multi_static_select")
        },
        "contact": {"contact": state_input(contact, type="users_select")},
        "note": {"note": state_input(note or None)},
    }
    if party_id is not None:
        values["party"] = {
            "registry_join_party": state_input(option(str(party_id)), type="static_select")
        }
    return values


def area_id(core: Core, slug: str) -> int:
    return area_by_slug(core, slug).id  # type: ignore[return-value]


def party_id(core: Core, slug: str) -> int:
    return party_by_slug(core, slug).id  # type: ignore[return-value]


def audit_actions(core: Core) -> list[str]:
    with core.db.session() as session:
        network = core.network(session)
        return [e.action for e in audit.entries(session=session, network_id=network.id, limit=500)]  # type: ignore[arg-type]


def audit_count(core: Core) -> int:
    with core.db.session() as session:
        return len(session.exec(select(AuditEntry)).all())


def registrations(core: Core) -> list[Registration]:
    with core.db.session() as session:
        return list(session.exec(select(Registration).order_by(Registration.id)))


def person(core: Core, slack_id: str) -> registry.Member | None:
    """The Slack user as the default network sees them (removed ones too)."""
    with core.db.session() as session:
        return registry.person_any_by_slack_id(
            session=session,
            network_id=core.network(session).id,  # type: ignore[arg-type]
            slack_user_id=slack_id,
        )
