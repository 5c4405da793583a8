"""Who may do what: the one place for the rules. Every command, button and form checks here."""

from __future__ import annotations

from bot.actor import Actor
from storage.models import Party


def may_change_participation(actor: Actor, party: Party) -> bool:
    """Coordinators for any party; a school chief for their own municipality only."""
    if actor.is_coordinator:
        return True
    return actor.is_school_chief and actor.party is not None and actor.party.id == party.id


def may_coordinate(actor: Actor) -> bool:
    """Creating areas and events, broadcasts, approving people, exports and reports."""
    return actor.is_coordinator
