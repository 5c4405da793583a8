"""After the network select: remember the network chosen, then run again what asked (a command
or a question) there."""

from __future__ import annotations

from bot.answers import answer_as
from bot.commands import dispatch
from bot.core import network_choice as networks
from bot.core.actor import Who
from bot.core.blocks import esc, text_reply
from bot.core.i18n import language_of_locale, t


def after_choice(
    core,  # type: ignore[no-untyped-def]
    who: Who,
    *,
    value: str,
    block_id: str | None,
    channel_id: str | None = None,
    trigger_id: str | None = None,
):
    """The user chose a network in the select: remember it, then run again what asked (a
    command or a question) in that network. Returns the command's outcome, or the answer."""
    slack_user_id = who.slack_user_id
    lang = language_of_locale(who.locale, core.settings.language)
    with core.db.session() as session:
        chosen = networks.network_by_id(session, int(value)) if value.isdigit() else None
        name = chosen.name if chosen is not None else ""
    if chosen is None or chosen.id is None:
        text = t(lang, "networks.unknown", name=esc(value), known="–")
        return text_reply(text)
    networks.remember(core, slack_user_id, chosen.id)
    with core.db.session() as session:
        kind, resume = networks.read_resume(block_id, session)
    if kind == "ask" and resume:
        return answer_as(core, who.again(chosen.id), text=resume)
    if kind == "command":
        return dispatch(
            core,
            who.again(chosen.id),
            text=resume,
            channel_id=channel_id,
            trigger_id=trigger_id,
        )
    text = t(lang, "networks.chosen", name=esc(name))
    return text_reply(text)


def switch_network(core, slack_user_id: str, value: str) -> bool:  # type: ignore[no-untyped-def]
    """Remember the network `value` (its id) names, if there is one; returns whether."""
    with core.db.session() as session:
        chosen = networks.network_by_id(session, int(value)) if value.isdigit() else None
    if chosen is None or chosen.id is None:
        return False
    networks.remember(core, slack_user_id, chosen.id)
    return True
