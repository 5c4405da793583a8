"""The coordinators' message about a registration: who asks, and Approve / Reject."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.blocks import Block, Reply, actions, button, context, esc, section
from bot.core.i18n import t
from bot.registry.ids import APPROVE, REJECT
from storage.text import fold


@dataclass
class RegistrationCard:
    id: int
    slack_user_id: str
    name: str
    party: str
    role: str  # a role key, e.g. "school_chief"
    title: str = ""


def registration_text(lang: str, card: RegistrationCard) -> str:
    role = t(lang, f"role.{card.role}")
    # the title only when it says more than the role ("skolchef" twice says nothing)
    title = f", {esc(card.title)}" if card.title and not _same_word(card.title, card.role) else ""
    return t(
        lang,
        "approval.request",
        user=card.slack_user_id,
        name=esc(card.name),
        title=title,
        party=esc(card.party) if card.party else t(lang, "approval.no_party"),
        role=role,
    )


def _same_word(title: str, role: str) -> bool:
    """Whether a typed title only repeats the role's name, in either language."""
    words = {fold(t(lang, f"role.{role}")) for lang in ("sv", "en")}
    return fold(title.strip().rstrip(".")) in words


def registration_buttons(lang: str, card: RegistrationCard) -> Block:
    return actions(
        button(t(lang, "approval.approve"), APPROVE, str(card.id), style="primary"),
        button(t(lang, "approval.reject"), REJECT, str(card.id), style="danger"),
        block_id=f"registration_{card.id}",
    )


def build_registration_message(lang: str, card: RegistrationCard) -> Reply:
    text = registration_text(lang, card)
    return Reply(
        text=text, blocks=[section(text), registration_buttons(lang, card)], ephemeral=False
    )


def build_decided_message(
    lang: str, card: RegistrationCard, *, approved: bool, by: str, when: str
) -> Reply:
    """The same message after the decision, without buttons."""
    key = "approval.approved_by" if approved else "approval.rejected_by"
    text = registration_text(lang, card)
    outcome = t(lang, key, user=by, when=when)
    return Reply(text=f"{text}\n{outcome}", blocks=[section(text), context(outcome)])
