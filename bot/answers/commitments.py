"""What a party has committed to: the Commitment rows that bind it (its own and its kind's),
quoted as written and cited ('Överenskommelsen, §5 Åtaganden')."""

from __future__ import annotations

from bot.answers.base import Answer, Question
from bot.answers.glosses import english_gloss
from bot.core.blocks import esc
from storage import registry
from storage.models import PartyKind


def _cite(commitment: registry.CommitmentRef) -> str:
    if commitment.source and commitment.section:
        return f"{commitment.source}, {commitment.section}"
    return commitment.source or commitment.section


def _binder(q: Question, c: registry.CommitmentRef, parties: list[registry.PartyRef]) -> str:
    if c.party_id is not None:
        return esc(next((p.name for p in parties if p.id == c.party_id), "?"))
    of_kind = [p for p in parties if p.kind == c.party_kind]
    if len(of_kind) == 1 and c.party_kind != PartyKind.municipality:
        return esc(of_kind[0].name)
    return q.t(f"kind.{c.party_kind}") if c.party_kind else "?"


def _line(q: Question, c: registry.CommitmentRef) -> str:
    """A commitment as written; for an English asker, with its English gloss beneath."""

    line = f"• {esc(c.text)}"
    gloss = english_gloss(q.network.slug, c.text) if q.lang == "en" else None
    return line + (f"\n   _{esc(gloss)}_" if gloss else "")


def commitments_answer(q: Question) -> Answer | None:
    u = q.understood
    parties = registry.party_refs(session=q.session, network_id=q.network_id)
    everything = registry.commitments_for(session=q.session, network_id=q.network_id)
    party = u.party
    kind = None
    if party is not None:
        chosen = registry.commitments_for(session=q.session, network_id=q.network_id, party=party)
        who = f"*{esc(party.name)}*"
    elif u.party_kinds:
        kind = u.party_kinds[0]
        chosen = [c for c in everything if c.party_kind == kind]
        who = f"*{q.t(f'kind.{kind}')}*"
    else:
        chosen = everything
        who = ""
    if not chosen:
        key = "answers.commitments.none" if who else "answers.commitments.none_at_all"
        return Answer(q.t(key, who=who), sources=[], kind="commitments")
    sources = sorted({_cite(c) for c in chosen if _cite(c)})
    if who:
        lines = [_line(q, c) for c in chosen]
        summary = q.t("answers.commitments.party", who=who) + "\n" + "\n".join(lines)
        if party is not None and party.kind == PartyKind.municipality and kind is None:
            summary += "\n" + q.t("answers.commitments.as_municipality", party=esc(party.name))
        return Answer(summary, sources=sources, kind="commitments")
    groups: dict[str, list[str]] = {}
    for c in chosen:
        groups.setdefault(_binder(q, c, parties), []).append(_line(q, c))
    parts = [q.t("answers.commitments.all")]
    for binder, lines in groups.items():
        parts.append(f"*{binder}*\n" + "\n".join(lines))
    return Answer("\n".join(parts), sources=sources, kind="commitments")
