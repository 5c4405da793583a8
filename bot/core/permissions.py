"""Who may do what: the one place for the rules. Every command, button and form checks here."""

from __future__ import annotations

from bot.core.actor import Actor
from storage.models import Party, PartyKind, Role

# The kinds of party a role belongs to; a role not named here fits any party. A school chief
# leads the schools of a municipality or of an independent school organiser (huvudman), never
# those of the region, SKR or a university.
ROLE_PARTY_KINDS: dict[str, frozenset[str]] = {
    Role.school_chief: frozenset({PartyKind.municipality, PartyKind.independent_school}),
}


def role_fits_party(role: str | None, party: Party) -> bool:
    """Whether someone with `role` can belong to `party` (no role chosen yet: any party)."""
    kinds = ROLE_PARTY_KINDS.get(role or "")
    return kinds is None or party.kind in kinds


def parties_for_role(role: str | None, parties: list[Party]) -> list[Party]:
    """The parties a form offers someone with `role`, by `role_fits_party`."""
    return [p for p in parties if role_fits_party(role, p)]


def may_change_participation(actor: Actor, party: Party) -> bool:
    """Coordinators for any party; a school chief for their own municipality only."""
    if actor.is_coordinator:
        return True
    return actor.is_school_chief and actor.party is not None and actor.party.id == party.id


def may_see_contact_details(actor: Actor) -> bool:
    """E-mail addresses and phone numbers of public officials are shown only to members of the
    workspace the network is installed in, not to guests from other organisations."""
    return actor.workspace_member


def may_coordinate(actor: Actor) -> bool:
    """Creating areas and events, broadcasts, approving people, exports and reports."""
    return actor.is_coordinator


def may_manage_events(actor: Actor) -> bool:
    """Creating, editing, moving and cancelling events; seeing who answered (RSVPs)."""
    return actor.is_coordinator


def may_broadcast(actor: Actor) -> bool:
    """Sending a notice to an area's channel and participants' contacts."""
    return actor.is_coordinator


def may_see_deliveries(actor: Actor) -> bool:
    """Failed and skipped reminders and notices (they name recipients)."""
    return actor.is_coordinator


def may_rsvp(actor: Actor) -> bool:
    """Answering Kommer / Kommer inte: anyone the notice reached in the workspace."""
    return bool(actor.slack_user_id)


def may_manage_people(actor: Actor) -> bool:
    """Adding, changing and removing people and their roles; deciding registrations."""
    return actor.is_coordinator


def may_manage_areas(actor: Actor) -> bool:
    """Creating, renaming, describing and archiving focus areas; their lead and channel."""
    return actor.is_coordinator


def may_export(actor: Actor) -> bool:
    """The registry as CSV (it holds contact details)."""
    return actor.is_coordinator


def may_register(actor: Actor) -> bool:
    """Asking to be added: anyone not yet in the registry."""
    return not actor.is_registered


def may_use_join_form(actor: Actor) -> bool:
    """The join form: coordinators (any party) and school chiefs linked to a party."""
    return actor.is_coordinator or (actor.is_school_chief and actor.party is not None)


def may_read_history(actor: Actor) -> bool:
    """Who joined what and when: people in the registry and coordinators."""
    return actor.is_registered or actor.is_coordinator


def may_choose_party(actor: Actor) -> bool:
    """Acting for any party in the forms (the join form's party picker)."""
    return actor.is_coordinator


# --------------------------------------------------------------------------- follow-up


def may_record_lesson(actor: Actor) -> bool:
    """Lessons learned: anyone in the registry (school chiefs, coordinators, contacts, members)."""
    return actor.is_registered or actor.is_coordinator


def may_read_lessons(actor: Actor) -> bool:
    """Listing lessons: the same people who may record them."""
    return actor.is_registered or actor.is_coordinator


def may_start_survey(actor: Actor) -> bool:
    """Starting a pulse survey: coordinators."""
    return actor.is_coordinator


def may_answer_survey(actor: Actor, party_ids: list[int]) -> bool:
    """A survey answer: the school chief of one of the asked parties, for their own party."""
    return actor.is_school_chief and actor.party is not None and actor.party.id in party_ids


def may_build_report(actor: Actor) -> bool:
    """The evaluation report: coordinators."""
    return actor.is_coordinator


# --------------------------------------------------------------------------- answers


def may_add_document(actor: Actor) -> bool:
    """Adding or replacing a document the bot answers from (CLI or a file shared in a DM)."""
    return actor.is_coordinator
