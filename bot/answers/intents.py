"""The kinds of question the bot answers, in the order it considers them.

Each `Intent` has a test on the understood question (`when`) and a function that answers it
(`run`, returning None to pass to the next intent). The first intent whose test holds and
whose function answers wins; when none does, the bot says honestly that it does not know and
what it can answer.

Adding a kind of question (for example "what have we learned about X?" from Lesson rows):
1. add its cue words to `CUES` in `bot/answers/understand.py` (a new group, e.g. "lessons");
2. write `def lessons_answer(q: Question) -> Answer | None` in its own module under
   `bot/answers/`, reading through `q.session` (scoped to `q.network_id`) and citing its
   sources in `Answer.sources`; texts go in the gettext catalogue
   (`bot/locale/*/LC_MESSAGES/messages.po`);
3. add `Intent("lessons", lambda u: u.has("lessons"), lessons_answer)` to `INTENTS` before
   the intents that would otherwise catch the question (usually before "document");
4. add questions with the facts the answers must (and must not) contain to
   `tests/answers/questions.toml`, and run `pytest tests/answers`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.answers import agreement, commitments, events, grounded, lessons
from bot.answers import registry_state as registry_answers
from bot.answers.base import Answer, Question
from bot.answers.understand import Understanding, cue_spans
from bot.core.blocks import esc
from bot.core.lookup import area_names, party_names
from bot.core.textmatch import best_match
from storage import registry


@dataclass(frozen=True)
class Intent:
    name: str
    when: Callable[[Understanding], bool]
    run: Callable[[Question], Answer | None]


def _is_help(u: Understanding) -> bool:
    other = (
        "count",
        "commit",
        "when",
        "contact",
        "lead",
        "doc",
        "topic",
        "members",
        "areas",
        *(k for k in ("forum", "evaluation", "deadline", "council", "meeting")),
    )
    return u.has("help") and not u.named_anything and not u.has(*other) and len(u.tokens) <= 8


def _is_events(u: Understanding) -> bool:
    if u.has("month") and (u.has("when") or u.event_kinds):
        return True
    if u.event_kinds and (u.has("when") or not u.has("doc", "topic")):
        return True
    return u.has("when") and not u.has("doc", "topic", "members", "commit")


def _is_membership(u: Understanding) -> bool:
    return (
        bool(u.parties and u.areas)
        and u.has("members", "yesno", "when")
        and not u.has("contact", "lead", "commit")
    )


def _is_contact(u: Understanding) -> bool:
    if u.has("contact"):
        return u.named_anything or bool(u.people)
    if u.has("who") and not u.has("members", "commit", "lead"):
        return bool(u.parties or u.areas or u.people)
    return False


# words of responsibility: for a focus area they ask for its lead ('Vem har ansvaret för
# elevhälsoområdet?'); only parties have commitments
_RESPONSIBILITY = ("ansvar*", "responsib*")


def _area_responsibility(u: Understanding) -> bool:
    return (
        bool(u.areas)
        and not (u.parties or u.party_kinds)
        and u.has("who")
        and bool(cue_spans(u.tokens, _RESPONSIBILITY))
    )


def _is_lead(u: Understanding) -> bool:
    if _area_responsibility(u):
        return True
    if not u.has("lead") or (u.has("commit") and not (u.has("who") and u.areas)):
        return False
    return bool(u.areas) or not (u.parties or u.unknown_names)


def _is_commitments(u: Understanding) -> bool:
    if not u.has("commit") or u.has("when", "month") or _area_responsibility(u):
        return False
    if u.people and not (u.parties or u.party_kinds):
        return False  # 'Vilken roll har Lena Öberg?': a person's role is on their card
    if u.has("topic") and not (u.parties or u.party_kinds):
        return False
    return not (u.has("lead") and u.has("who") and u.areas)


def _is_areas_of(u: Understanding) -> bool:
    return bool(u.parties) and u.has("areas", "members") and not u.areas


def _is_members(u: Understanding) -> bool:
    if u.areas:
        return u.has("members", "which", "municipality_words", "party_words", "who")
    if u.has("doc", "topic"):
        return False
    return u.has("members", "party_words") or (
        u.has("which") and u.has("municipality_words") and not u.parties
    )


def _is_thanks(u: Understanding) -> bool:
    return u.has("thanks") and not u.named_anything and len(u.tokens) <= 6


def _is_about_network(u: Understanding) -> bool:
    """'Vad är Ensam är inte stark?', 'What is the network?'"""
    if not u.has("network") or u.named_anything:
        return False
    others = ("members", "count", "commit", "contact", "lead", "when", "topic", "areas")
    return not u.has(*others) and (u.network_named or len(u.tokens) <= 6)


def thanks_answer(q: Question) -> Answer:
    return Answer(q.t("answers.thanks"), kind="thanks")


def _names_unknown(u: Understanding) -> bool:
    """A name the registry does not know, in a question about the registry ('contact for
    Uppsala'): say so rather than answer something else."""
    registry_cues = ("contact", "lead", "who", "members", "areas", "count", "commit", "when")
    return (
        bool(u.unknown_names)
        and not u.named_anything
        and u.has(*registry_cues)
        and not u.has("doc", "topic")
    )


def contact_or_refuse(q: Question) -> Answer | None:
    """A contact page; but a question that only a bare 'who' ties to a name and whose topic no
    source holds ('Who won the last election in Norberg?') is refused, not answered with the
    name's contacts."""
    u = q.understood
    if not u.has("contact") and not u.people and u.area is None:  # an area is a registry topic
        unknown = grounded.foreign_word(q)
        if unknown:
            return grounded.refuse(q, "answers.refuse.unknown_topic", topic=esc(unknown))
    return registry_answers.contact_answer(q)


def help_answer(q: Question) -> Answer:
    """What the bot can answer, with examples named from this network's own registry."""
    parties = [
        p
        for p in registry.party_refs(session=q.session, network_id=q.network_id)
        if p.kind == "municipality"
    ]
    areas = registry.areas(session=q.session, network_id=q.network_id)
    party = (parties[0].aliases[0] if parties[0].aliases else parties[0].name) if parties else "…"
    genitive = party if party.endswith(("s", "x", "z")) or q.lang == "en" else party + "s"
    area = areas[0].name if areas else "…"
    text = q.t("answers.help", party=esc(party), party_genitive=esc(genitive), area=esc(area))
    return Answer(text, kind="help")


def commitments_or_evidence(q: Question) -> Answer | None:
    """The commitments registered; in a network that registers none ('Vilken förvaltning får
    uppdragen?' in 4M, whose proposal gives its assignments as text), the passage that holds
    the topic first, and "none registered" only when no passage does."""
    found = commitments.commitments_answer(q)
    if found is not None and found.sources:
        return found
    if registry.commitments_for(session=q.session, network_id=q.network_id):
        return found
    return grounded.evidence_first(q) or grounded.best_passage(q) or found


def document_if_asked(q: Question) -> Answer | None:
    return grounded.best_passage(q) or agreement.document_answer(q, strict=False)


def document_guess(q: Question) -> Answer | None:
    return grounded.best_passage(q, guess=True) or agreement.document_answer(q, strict=True)


def overview(q: Question) -> Answer | None:
    u = q.understood
    unknown = grounded.foreign_topic(q) if not u.people else None
    if unknown:
        # 'Hur är vädret i Västerås imorgon?': a name alone does not make the question one
        # about its contacts; the weather is nothing the bot knows
        return grounded.refuse(q, "answers.refuse.unknown_topic", topic=esc(unknown))
    if u.areas and not u.parties:
        return registry_answers.area_overview(q)
    if u.people and not u.areas:
        # 'Karin Lind in Köping': the person named is more specific than the party
        found = registry_answers.person_answer(q)
        if found is not None:
            return found
    if u.parties and not u.areas:
        return registry_answers.party_overview(q)
    if u.people:
        return registry_answers.person_answer(q)
    if u.parties and u.areas:
        return registry_answers.membership_answer(q)
    return None


INTENTS: list[Intent] = [
    Intent("help", _is_help, help_answer),
    Intent("thanks", _is_thanks, thanks_answer),
    Intent("lessons", lambda u: u.has("lessons"), lessons.lessons_answer),
    Intent("ambiguous", lambda u: bool(u.ambiguous), grounded.ask_back),
    Intent("networks", lambda u: True, grounded.networks_answer),
    Intent("other_network", lambda u: True, grounded.other_network),
    Intent("amount", lambda u: True, grounded.amount_refusal),
    Intent(
        "unknown_place", lambda u: bool(u.unknown_names or u.document_names), grounded.unknown_place
    ),
    Intent("named_event", lambda u: True, events.named_event),
    Intent("party_evidence", lambda u: True, grounded.party_evidence),
    Intent("network_member", lambda u: bool(u.parties), grounded.network_membership),
    Intent("history", lambda u: True, grounded.history_answer),
    Intent("recent", lambda u: True, grounded.recent_joins),
    Intent("past", lambda u: True, grounded.past_participation),
    Intent("commitments", _is_commitments, commitments_or_evidence),
    Intent("evidence", lambda u: True, grounded.evidence_first),
    Intent("party_topic", lambda u: True, grounded.party_topic),
    Intent("count", lambda u: u.has("count"), grounded.count_or_refuse),
    Intent("events", _is_events, grounded.events_or_evidence),
    Intent("unknown_name", _names_unknown, lambda q: unknown_answer(q)),
    Intent("lead", _is_lead, registry_answers.lead_answer),
    Intent("contact", _is_contact, contact_or_refuse),
    Intent("membership", _is_membership, registry_answers.membership_answer),
    Intent("areas_of", _is_areas_of, registry_answers.areas_of_party_answer),
    Intent("members", _is_members, registry_answers.members_answer),
    Intent(
        "list_areas",
        lambda u: u.has("areas") and not u.named_anything,
        registry_answers.list_areas_answer,
    ),
    Intent("section", lambda u: True, agreement.section_answer),
    Intent("about_network", _is_about_network, registry_answers.network_answer),
    Intent("document", lambda u: u.has("doc", "topic"), document_if_asked),
    Intent("overview", lambda u: u.named_anything or bool(u.people), overview),
    Intent("document_guess", lambda u: True, document_guess),
]


def unknown_answer(q: Question) -> Answer:
    """The honest answer: not sure what is asked, here is what the bot can answer."""
    u = q.understood
    parts = []
    if u.unknown_names:
        name = " ".join(u.unknown_names[:3])
        parties = registry.party_refs(session=q.session, network_id=q.network_id)
        areas = registry.areas(session=q.session, network_id=q.network_id)
        party_match = best_match(name, parties, party_names, suggest_cutoff=75)
        area_match = best_match(name, areas, area_names, suggest_cutoff=75)
        close = [p.name for p in party_match.suggestions + party_match.candidates] + [
            a.name for a in area_match.suggestions + area_match.candidates
        ]
        parts.append(q.t("answers.unknown.name", name=esc(name)))
        if close:
            options = f" {q.t('word.or')} ".join(f"*{esc(c)}*" for c in close[:3])
            parts.append(q.t("answers.unknown.did_you_mean", options=options))
    else:
        parts.append(q.t("answers.unknown.question"))
    parts.append(q.t("answers.unknown.can_answer"))
    return Answer("\n".join(parts), kind="unknown", certain=False)


class RuleAnswerer:
    """Answers from the registry and the documents by rules: no external service."""

    name = "rules"

    def __init__(self, intents: list[Intent] | None = None) -> None:
        self.intents = intents if intents is not None else INTENTS

    def answer(self, question: Question) -> Answer | None:
        u = question.understood
        if not u.tokens:
            return help_answer(question)
        for intent in self.intents:
            if intent.when(u):
                found = intent.run(question)
                if found is not None:
                    found.kind = found.kind or intent.name
                    return found
        return unknown_answer(question)
