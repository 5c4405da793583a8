"""Answers decided by the evidence: the documents' passages first when they hold the fact
asked for, an honest refusal when nothing the bot holds does, and the registry's history
(who joined lately, who stepped out) and network membership as thin builders over its rows.

The rule of this module: the bot states a fact only when a passage or a registry row holds
it. A question about a price is answered only from a passage that states an amount; a name
of another network's party or of another network gets "Det vet jag inte" and what the bot
can answer, never the nearest fact of this network.
"""

from __future__ import annotations

import functools
import re

from bot.answers import agreement, events, evidence
from bot.answers import registry_state as registry_answers
from bot.answers.base import Answer, Question
from bot.answers.registry_state import join_names, party_name, source
from bot.answers.understand import (
    AREA_SUFFIXES,
    KIND_WORDS,
    Understanding,
    cue_spans,
    ordinary_word,
)
from bot.core.blocks import actions, button, esc
from bot.core.dates import format_date
from storage import generation, registry
from storage.models import FocusArea, Participation, Party
from storage.text import STOPWORDS, fold, stem, words

# Cue groups whose words ask about the registry or the calendar: they choose the kind of
# answer and are not a topic to look up in the documents.
REGISTRY_CUES = (
    "who",
    "which",
    "contact",
    "email",
    "phone",
    "lead",
    "members",
    "areas",
    "count",
    "when",
    "forum",
    "evaluation",
    "deadline",
    "council",
    "meeting",
    "milestone",
    "list",
    "yesno",
    "help",
    "thanks",
    "network",
    "month",
    "municipality_words",
    "party_words",
)
SPECIFIC_DF = 0.2  # a word in at most this share of passages names a topic
EVIDENCE_COVERAGE = 0.6

LEFT_CUES = (
    "lamna",
    "lamnat",
    "lamnade",
    "hoppat av",
    "hoppade av",
    "gatt ur",
    "gick ur",
    "klivit av",
    "klev av",
    "slutat",
    "utträtt",
    "uttratt",
    "left",
    "leave",
    "stepped out",
    "step out",
    "dropped out",
    "withdr*",
    "quit",
)
RECENT_CUES = (
    "senast",
    "nyligen",
    "nyast",
    "senaste",
    "recent*",
    "lately",
    "latest",
    "newest",
    "last",
)
JOIN_CUES = (
    "gick med",
    "gatt med",
    "anslot*",
    "anslutit",
    "joined",
    "join",
    "tillkommit",
    "nya",
    "new",
)


def _cue_words(u: Understanding, groups: tuple[str, ...]) -> set[str]:
    return {
        u.tokens[i] for g in groups for start, end in u.cues.get(g, []) for i in range(start, end)
    }


def strong_names(u: Understanding) -> bool:
    """The question names a party or a person, or an area by its whole name (every content
    word of it, or a compound of one with an area word: 'elevhälsoområdet')."""
    return any(m.kind in ("party", "person") or strong_area(u, m) for m in u.mentions)


def strong_area(u: Understanding, mention) -> bool:  # type: ignore[no-untyped-def]
    if mention.kind != "area":
        return False
    if mention.score >= 99:
        return True
    said = " ".join(u.tokens[mention.start : mention.end])
    if mention.end - mention.start == 1 and any(
        said.endswith(suffix) and len(said) > len(suffix) + 4
        for suffix in AREA_SUFFIXES
        if suffix.startswith("omrade")
    ):
        return True  # one word of the name joined with an area word: 'elevhälsoområdet'
    content = [w for w in fold(mention.item.name).split() if len(w) >= 4 and w not in STOPWORDS]
    if len(content) <= 1:
        return mention.score >= 80
    return all(any(t.startswith(w[:5]) for t in u.tokens) for w in content)


# --------------------------------------------------------------------------- documents first


def evidence_first(q: Question) -> Answer | None:
    """A question about what the documents say, whatever its wording: answered from the
    passage that holds most of its topic words, when one holds at least one specific word and
    most of them. Registry and calendar questions pass (their cue words are not topics)."""
    u = q.understood
    if strong_names(u) or (u.event_kinds and u.has("when") and not u.has("topic")):
        return None
    # 'Vilka universitet är med?': the registry lists the parties of a kind; but in 'Bestämmer
    # varje kommun själv vilka områden den är med i?' the question word asks for areas
    which_ends = {end for _start, end in u.cues.get("which", [])}
    listing = any(i in which_ends and tok in KIND_WORDS for i, tok in enumerate(u.tokens))
    if u.party_kinds and u.has("members") and listing:
        return None
    # a cue word the glossary maps to the documents' words ('coordinates' -> samordning) is
    # a topic too
    terms, _ = evidence.glossary()
    leading = {w for w in _cue_words(u, ("lead",)) if any(terms.get(w, ()))}
    cues = _cue_words(u, REGISTRY_CUES) - leading
    skip = agreement.entity_words(q) | cues
    found, concepts = evidence.retrieve(q, skip_words=skip)
    index = evidence.index_of(q)
    about_network = (not concepts and u.network_named) or (
        concepts and all(c.word in index.title_words for c in concepts)
    )
    if about_network and u.has("lead") and not u.areas:
        # 'Vem leder samverkansrådet?': the network's own organisation is in its documents,
        # and the words asking about it are the topic
        skip -= _cue_words(u, ("lead",)) | set(words(q.network.name))
        found, concepts = evidence.retrieve(q, skip_words=skip)
    if not found or not concepts:
        return None
    best = found[0]
    if best.coverage < EVIDENCE_COVERAGE:
        return None
    if u.has("count") and not _COUNTED.search(best.passage.text):
        return None  # 'How many came to the kick-off?': a passage without a number is no count
    if (
        best.passage.cite == evidence.REGISTRY
        and (u.areas or u.parties)
        and u.has("lead", "contact", "members")
    ):
        # 'Who is the lead of the analysis and follow-up area?': an area's description holds
        # no lead, contact or participant; the registry's answer for the area does
        return None
    n = max(len(index.passages), 1)
    specific = [
        c
        for c in concepts
        if evidence._holds(index.tokens[best.passage.position], c)
        and sum(1 for t in index.tokens if evidence._holds(t, c)) / n <= SPECIFIC_DF
    ]
    if not specific:
        return None
    return agreement.passage_answer(q, skip_words=skip, min_coverage=EVIDENCE_COVERAGE)


PARTY_COVERAGE = 0.34


def party_evidence(q: Question) -> Answer | None:
    """A question that names one party and asks about something the documents say of that
    party ('Vad ska regionen bidra med vid behov?', 'What focus does the region have?'): the
    passage that names the party (a §5 bullet under its commitments) and holds the topic,
    before the party's registry page answers something else. A question whose words are all
    registry words ('Är Sala med?', 'Vilka områden är Köping med i?') passes."""
    u = q.understood
    # the passages are only those that name the party, so a smaller share of the topic
    # suffices than over all passages (its registry page would answer something else)
    if len(u.parties) != 1 or u.areas or u.people or u.event_kinds:
        return None
    if u.has("contact", "email", "phone", "lead", "count", "areas", "when", "commit"):
        return None  # the party's commitments, contacts and areas have their own answers
    cues = _cue_words(u, REGISTRY_CUES)
    skip = agreement.entity_words(q) | cues
    party = u.parties[0]
    naming = {w for w in words(party.name) if len(w) >= 4 and w not in STOPWORDS}
    found, concepts = evidence.retrieve(q, skip_words=skip, naming=naming)
    if not found or not concepts or len(concepts) < 2:
        return None  # one plain word beside a name asks for the name's page
    best = found[0]
    if best.coverage < PARTY_COVERAGE or best.passage.cite == evidence.REGISTRY:
        return None
    index = evidence.index_of(q)
    n = max(len(index.passages), 1)
    tokens = index.tokens[best.passage.position]
    if not any(
        evidence._holds(tokens, c)
        and sum(1 for t in index.tokens if evidence._holds(t, c)) / n <= SPECIFIC_DF
        for c in concepts
    ):
        return None
    return agreement.passage_answer(q, skip_words=skip, naming=naming, min_coverage=PARTY_COVERAGE)


DOCUMENT_COVERAGE = 0.4


def best_passage(q: Question, *, guess: bool = False) -> Answer | None:
    """A question about the documents that no registry answer took: the passage that the
    ranking puts first, when it holds a clear share of the topic (the same ranking as
    `evidence_first`, with its question words left out), rather than the section whose words
    merely overlap most."""
    u = q.understood
    skip = agreement.entity_words(q) | _cue_words(u, REGISTRY_CUES)
    return agreement.passage_answer(q, skip_words=skip, min_coverage=DOCUMENT_COVERAGE, guess=guess)


def party_topic(q: Question) -> Answer | None:
    """A question that names a party but asks about something else than its registry page
    ('Vem ska skriva på för Köpings kommun?', 'Who is the mayor of Västerås?'): the passage
    that holds the topic answers; a topic that neither the documents, the glossary nor the
    registry knows gets "I don't know", never the party's contact card as if it answered."""

    u = q.understood
    if not u.parties or u.areas or u.people or not u.has("who", "which", "yesno"):
        return None
    # a contact word the glossary maps to the documents ('talk to the state' -> dialog) is
    # the topic, not a request for the party's contacts
    terms, _ = evidence.glossary()
    topic_cues: set[str] = set()
    contact: set[str] = set()
    for start, end in u.cues.get("contact", []):
        said = set(u.tokens[start:end])
        glossed = any(any(terms.get(w, ())) for w in said)
        (topic_cues if glossed else contact).update(said)
    asks_registry = ("email", "phone", "lead", "members", "areas", "count", "when")
    if contact or u.has(*asks_registry, "commit", "network", "topic") or u.event_kinds:
        return None
    skip = (agreement.entity_words(q) | _cue_words(u, REGISTRY_CUES)) - topic_cues
    found, concepts = evidence.retrieve(q, skip_words=skip)
    if not concepts or any(evidence.is_title(c.word) for c in concepts):
        return None  # 'vem är skolchef i Köping?': the party's people answer
    index = evidence.index_of(q)
    # one plain word beside a party's name ('Vem representerar SKR?') asks for its people;
    # a phrase of the glossary ('skriva på') or two topic words ask for a passage
    topical = len(concepts) >= 2 or any(not c.own for c in concepts)
    if topical and found and found[0].coverage >= EVIDENCE_COVERAGE:
        n = max(len(index.passages), 1)
        best = index.tokens[found[0].passage.position]
        if any(
            evidence._holds(best, c)
            and sum(1 for t in index.tokens if evidence._holds(t, c)) / n <= SPECIFIC_DF
            for c in concepts
        ):
            return agreement.passage_answer(q, skip_words=skip, min_coverage=EVIDENCE_COVERAGE)
    if not _asks_for_an_office(u):
        return None
    unknown = [
        c.word
        for c in concepts
        if not c.glossed and not (set(c.own) & index.vocabulary) and ordinary_word(c.word)
    ]
    if unknown and len(unknown) == len(concepts):
        written = max(unknown, key=len)
        return refuse(q, "answers.refuse.unknown_topic", topic=esc(written))
    return None


_BE = frozenset({"is", "are", "was", "ar", "var"})
_ARTICLES = frozenset({"the", "a", "an"})


def _asks_for_an_office(u: Understanding) -> bool:
    """'Who is the mayor of Västerås?', 'Vem är borgmästare i Sala?': who holds some office
    of the party named next."""
    tokens = u.tokens
    for i, tok in enumerate(tokens[:-2]):
        if tok in ("who", "vem") and tokens[i + 1] in _BE:
            rest = [t for t in tokens[i + 2 :] if t not in _ARTICLES]
            return bool(rest) and rest[0] not in STOPWORDS
    return False


# --------------------------------------------------------------------------- refusals


def refuse(q: Question, reason_key: str, **values: object) -> Answer:
    text = q.t(reason_key, **values) + "\n" + q.t("answers.unknown.can_answer")
    return Answer(text, kind="refusal", certain=False)


def amount_refusal(q: Question) -> Answer | None:
    """'Vad kostar lunchen?': an amount only from a passage that states one."""
    if not evidence.asks_amount(q):
        return None
    found, _ = evidence.retrieve(q, skip_words=agreement.entity_words(q), limit=5)
    if any(evidence.states_amount(f.passage) and f.covered for f in found):
        return None  # a document states an amount: the document answers
    return refuse(q, "answers.refuse.amount")


def _other_networks(q: Question) -> tuple[tuple[str, str, str, int], ...]:
    """(folded key, its name as written, the network's name, its id) for the names of the
    other networks and of parties that are only in other networks, but none whose every word
    this network's documents use (once per registry generation, which covers the documents)."""

    def build() -> tuple[tuple[str, str, str, int], ...]:
        here = {
            fold(p.name) for p in registry.party_refs(session=q.session, network_id=q.network_id)
        }
        here |= {
            fold(a)
            for p in registry.party_refs(session=q.session, network_id=q.network_id)
            for a in p.aliases
        }
        keys: list[tuple[str, str, str, int]] = []
        for network in registry.networks(session=q.session):
            if network.id == q.network_id or network.id is None:
                continue
            short = network.name.split(" – ")[0].split(" - ")[0]
            keys.append((fold(short), short, network.name, network.id))
            keys.append((fold(network.slug), short, network.name, network.id))
            for party in registry.party_refs(session=q.session, network_id=network.id):
                for name in (party.name, *party.aliases):
                    if fold(name) not in here:
                        keys.append((fold(name), name, network.name, network.id))
        vocabulary = evidence.index_of(q).vocabulary
        return tuple(
            k
            for k in keys
            if len(k[0]) >= 4
            # a word this network's documents use ('regionen') is not a foreign name
            and not all(stem(w) in vocabulary for w in k[0].split() if w not in STOPWORDS)
        )

    return generation.cached(("answers.other_networks", q.network_id), build, session=q.session)


def other_network(q: Question) -> Answer | None:
    """A name that belongs to another network ('Södertörnssamarbetet', 'Botkyrka'): the bot
    answers about the network it is asked in, and says so."""
    u = q.understood
    keys = _other_networks(q)
    # a word that is exactly another network's name ('Enköping') is that name, even when it
    # is close to one of this network's ('Köping'): a guess never beats an exact match
    exact = {k for k, *_ in keys} & set(u.tokens)
    guessed = [
        m for m in u.mentions if m.score < 95 and " ".join(u.tokens[m.start : m.end]) in exact
    ]
    if strong_names(u) and not u.unknown_names and not guessed:
        return None
    text = " " + " ".join(u.tokens) + " "
    for key, name, _network, _id in keys:
        if f" {key} " in text or any(t.startswith(key) and len(key) >= 6 for t in u.tokens):
            others = list(dict.fromkeys((n, i) for k, _, n, i in keys if k == key))
            if len(others) > 1:
                # a name in several other networks ('Västerås': Västmanland and 4M): ask which
                return network_ask_back(q, name, others)
            return refuse(
                q,
                "answers.refuse.other_network",
                name=esc(name),
                other=join_names(q, [esc(n) for n, _ in others]),
                network=esc(q.network.name),
            )
    return None


def unknown_place(q: Question) -> Answer | None:
    """'Finns det ett forum i Eskilstuna?': a name the registry does not know, in a question
    about the calendar or the registry, gets "I don't know" and not the next forum elsewhere."""
    u = q.understood
    membership = u.has("members", "yesno") and u.has("network")
    # 'Ingår Stockholm i Södertörnssamarbetet?': a capitalised name the documents mention
    # but the registry does not hold is no party either
    names = u.unknown_names or (
        [n for n in u.document_names if n[:1].isupper()] if membership else []
    )
    if not names or strong_names(u):
        return None
    if not (u.event_kinds or membership):
        return None
    name = " ".join(names[:3])
    return refuse(q, "answers.refuse.unknown_name", name=esc(name), network=esc(q.network.name))


# --------------------------------------------------------------------------- the registry

# words asking about the networks in the plural: which the bot knows, or which a party is in
NETWORKS_CUES = (
    "networks",
    "natverken",
    "vilka natverk",
    "vilket natverk",
    "which network",
    "what network",
    "flera natverk",
    "andra natverk",
    "tva natverk",
    "bada natverken",
    "fler an ett natverk",
    "more than one network",
    "several networks",
    "other networks",
    "two networks",
    "both networks",
)


def networks_answer(q: Question) -> Answer | None:
    """'Which networks do you know about?', 'Is Västerås in more than one network?': the
    networks the registry holds, or those a named party is a party of (by its name or an
    alias in each network's registry)."""
    u = q.understood
    said = " " + " ".join(u.tokens) + " "
    if not any(f" {cue} " in said for cue in NETWORKS_CUES):  # exactly: 'nätverket' is one
        return None
    if u.areas or u.people or len(u.parties) > 1:
        return None
    if u.has("contact", "lead", "commit", "when", "count") and not u.parties:
        return None
    every = [n for n in registry.networks(session=q.session) if n.id is not None]
    elsewhere = [(name, n) for key, name, n, _id in _other_networks(q) if f" {key} " in said]
    if not u.parties and elsewhere:
        # a party of other networks only ('Vilka nätverk är Västerås med i?' in Södertörn)
        name = elsewhere[0][0]
        inside = list(dict.fromkeys(f"*{esc(n)}*" for k, n in elsewhere if k == name))
        summary = q.t(
            "answers.networks.party",
            party=esc(name),
            count=len(inside),
            networks=join_names(q, inside),
        )
        return Answer(summary, kind="networks")
    if not u.parties:
        index = evidence.index_of(q)
        skip = _cue_words(u, REGISTRY_CUES) | {w for c in NETWORKS_CUES for w in c.split()}
        concepts = evidence.concepts_of(q, index, skip)
        if any({*c.own, *c.glossed} & index.vocabulary for c in concepts):
            # 'Vilka nätverk finns inom Utbildning och arbetsmarknad?', 'Which network works
            # on upper secondary schools?': a topic (in the documents' words or the glossary's)
            return None
        names = [f"*{esc(n.name)}*" for n in every]
        summary = q.t("answers.networks.all", count=len(names), networks=join_names(q, names))
        return Answer(summary, kind="networks")
    party: Party = u.parties[0]
    keys = {fold(party.name), *(fold(a) for a in party.aliases)}
    inside = []
    for network in every:
        refs = registry.party_refs(session=q.session, network_id=network.id)  # type: ignore[arg-type]
        if any(keys & {fold(r.name), *(fold(a) for a in r.aliases)} for r in refs):
            inside.append(f"*{esc(network.name)}*")
    summary = q.t(
        "answers.networks.party",
        party=party_name(party),
        count=len(inside),
        networks=join_names(q, inside),
    )
    return Answer(summary, sources=[source(q)], kind="networks")


def network_membership(q: Question) -> Answer | None:
    """'Är Sala med i nätverket?', 'Is Sala part of the network?': yes, and its areas if any."""
    u = q.understood
    if u.areas or not u.parties or len(u.parties) > 1 or u.people:
        return None
    if not (u.has("members", "yesno") and (u.has("network", "doc") or u.network_named)):
        return None
    if u.has("contact", "lead", "commit", "when", "count"):
        return None
    party: Party = u.parties[0]
    summary = q.t("answers.network.member", party=party_name(party), network=esc(q.network.name))
    refs = registry.party_area_refs(session=q.session, party_id=party.id)  # type: ignore[arg-type]
    if refs:
        names = [f"*{esc(r.area_name)}*" for r in refs]
        summary += " " + q.t("answers.network.member_areas", areas=join_names(q, names))
    # no areas: the plain yes answers the question; 'no focus area yet' reads like a no, and
    # 'yet' is false of a party that has left its areas
    return Answer(summary, sources=[source(q)], kind="network_member")


def _has(u: Understanding, cues: tuple[str, ...]) -> bool:
    return bool(cue_spans(u.tokens, cues))


def history_answer(q: Question) -> Answer | None:
    """'Vilken kommun har lämnat Elevhälsa?', 'who stepped out?': the ended participations."""
    u = q.understood
    if not _has(u, LEFT_CUES) or u.has("commit") or u.people:
        return None
    # about parties and areas: 'vilken kommun har lämnat …', 'när lämnade Norberg …'
    if not (u.has("who", "which", "municipality_words", "party_words") or u.parties or u.areas):
        return None
    ended = _participations(q, u, ended=True, limit=10)
    named = [p.name for p in u.parties] + [a.name for a in u.areas]
    scope = join_names(q, [esc(n) for n in named]) if named else esc(q.network.name)
    if not ended:
        return Answer(
            q.t("answers.history.none_left", scope=scope), sources=[source(q)], kind="history"
        )
    lines = []
    for r in sorted(ended, key=lambda r: r.left_at, reverse=True):
        party = q.session.get(Party, r.party_id)
        area = q.session.get(FocusArea, r.area_id)
        if party is None or area is None:
            continue
        lines.append(
            "• "
            + q.t(
                "answers.history.left_line",
                party=party_name(party),
                area=f"*{esc(area.name)}*",
                joined=format_date(r.joined_at, q.lang, q.tz),
                left=format_date(r.left_at, q.lang, q.tz),  # type: ignore[arg-type]
            )
        )
    summary = q.t("answers.history.left", scope=scope) + "\n" + "\n".join(lines)
    return Answer(summary, sources=[source(q)], kind="history")


def _participations(q: Question, u: Understanding, *, ended: bool, limit: int) -> list:  # type: ignore[type-arg]
    """The network's participation rows, latest first (by leaving or by joining), for the
    areas and parties the question names: one indexed query, however large the registry."""
    return registry.latest_participations(
        session=q.session,
        network_id=q.network_id,
        ended=ended,
        limit=limit,
        area_ids=[a.id for a in u.areas],  # type: ignore[misc]
        party_ids=[p.id for p in u.parties],  # type: ignore[misc]
    )


# the past tense of taking part: the participation history, not only who takes part now
PAST_CUES = (
    "deltog",
    "har deltagit",
    "deltagit",
    "var med",
    "varit med",
    "took part",
    "participated",
    "was part",
    "were part",
    "was in",
    "were in",
    "used to",
    "tidigare",
    "previously",
    "formerly",
    "innan",
    "before",
)


def past_participation(q: Question) -> Answer | None:
    """'Vilka deltog i elevhälsa innan september?', 'Who took part in X before?': every
    participation of the area or party named, with its dates, those that ended too."""
    u = q.understood
    if not (u.areas or u.parties) or not _has(u, PAST_CUES) or u.people:
        return None
    if u.has("contact", "lead", "commit", "count") or u.event_kinds:
        return None
    if not (u.has("members", "who", "which") or _has(u, PAST_CUES[:12])):
        return None
    rows = _participations(q, u, ended=False, limit=50)
    if not rows:
        return None
    lines = _participation_lines(q, sorted(rows, key=lambda r: r.joined_at))
    named = [p.name for p in u.parties] + [a.name for a in u.areas]
    scope = join_names(q, [esc(n) for n in named])
    summary = q.t("answers.history.all", scope=scope) + "\n" + "\n".join(lines)
    return Answer(summary, sources=[source(q)], kind="history")


def _participation_lines(q: Question, rows: list[Participation]) -> list[str]:
    """One bullet per participation: the party, the area, when it joined and when it left."""
    lines = []
    for r in rows:
        party = q.session.get(Party, r.party_id)
        area = q.session.get(FocusArea, r.area_id)
        if party is None or area is None:
            continue
        key = "answers.history.joined_line_left" if r.left_at else "answers.history.joined_line"
        lines.append(
            "• "
            + q.t(
                key,
                party=party_name(party),
                area=f"*{esc(area.name)}*",
                joined=format_date(r.joined_at, q.lang, q.tz),
                left=format_date(r.left_at, q.lang, q.tz) if r.left_at else "",
            )
        )
    return lines


def recent_joins(q: Question) -> Answer | None:
    """'Vilka gick med senast?', 'who joined lately?': the latest joins that still hold."""
    u = q.understood
    if not (_has(u, RECENT_CUES) and (_has(u, JOIN_CUES) or u.has("members"))):
        return None
    if u.has("contact", "commit") or u.people or set(u.event_kinds) - {"deadline"}:
        return None
    rows = _participations(q, u, ended=False, limit=3)
    if not rows:
        return None
    lines = _participation_lines(q, rows)
    summary = q.t("answers.history.recent") + "\n" + "\n".join(lines)
    return Answer(summary, sources=[source(q)], kind="recent")


def events_or_evidence(q: Question) -> Answer | None:
    """The calendar's answer; when it has nothing (no upcoming event of the kind asked), a
    passage that holds the rest of the question ('how often does GySam meet?': the area's
    description; 'when is the report due?': the document) answers instead."""

    unknown = foreign_topic(q)
    if unknown:
        # 'Vad blir vädret på forumet?': the calendar says when and where, nothing of the
        # weather; the next forum would be an answer to another question
        return refuse(q, "answers.refuse.unknown_topic", topic=esc(unknown))
    found = events.events_answer(q)
    if found is None or not found.summary.startswith(_none_prefix(q)):
        return found
    u = q.understood
    naming = {u.tokens[i] for m in u.mentions for i in range(m.start, m.end)}
    cues = ("when", "which", "who", "yesno", "list", "forum", "evaluation", "deadline", "meeting")
    skip = agreement.entity_words(q) | _cue_words(u, cues)
    grounded = agreement.passage_answer(
        q, skip_words=skip, naming=naming or None, min_coverage=EVIDENCE_COVERAGE
    )
    if grounded is None and not u.has("when", "month", "where"):
        # 'who chairs the council?', 'does the council decide?': the event word is the topic,
        # not a question about the calendar; a passage about the council answers, not "no
        # upcoming council meetings"
        topic_skip = agreement.entity_words(q) | _cue_words(u, ("when", "which", "who", "yesno"))
        grounded = agreement.passage_answer(
            q, skip_words=topic_skip, naming=naming or None, min_coverage=EVIDENCE_COVERAGE
        )
    return grounded or found


def foreign_topic(q: Question) -> str | None:
    """A word of a Swedish event question that asks about something neither the calendar nor the
    documents speak of ('vädret', 'fika'), when the question does not ask when or where:
    the word as written, else None. Words the documents use (or a typo of one), the
    glossary's, names and question words are not foreign."""
    u = q.understood
    if q.lang != "sv":
        return None  # the documents are Swedish: an English word outside them is the norm
    if u.has("when", "month", "contact", "lead", "members", "count", "which", "list"):
        return None
    cued = {i for spans in u.cues.values() for start, end in spans for i in range(start, end)}
    skip = agreement.entity_words(q) | {u.tokens[i] for i in cued if i < len(u.tokens)}
    index = evidence.index_of(q)
    for concept in evidence.concepts_of(q, index, skip_words=skip):
        word = concept.word
        if len(word) < 5 or concept.glossed or word in _EVENT_VERBS:
            continue
        if not (set(concept.own) & index.vocabulary):
            written = [o for t, o in zip(u.tokens, u.original, strict=False) if t == word]
            return written[0] if written else word
    return None


def foreign_word(q: Question) -> str | None:
    """The topic of a question, in either language, when none of its topic words is held by
    the documents, the glossary or the registry's names ('election', 'valet', 'borgmästare'):
    the longest word as written, else None. For a question that only a bare 'who' ties to a
    name: its topic is then not the name's contacts, and a contact page would answer
    something else. Job titles and verbs of belonging ask for the name's people."""
    u = q.understood
    cued = {i for spans in u.cues.values() for start, end in spans for i in range(start, end)}
    skip = agreement.entity_words(q) | {u.tokens[i] for i in cued if i < len(u.tokens)}
    skip |= _EVENT_VERBS | _BELONGING_VERBS
    index = evidence.index_of(q)
    concepts = [
        c
        for c in evidence.concepts_of(q, index, skip_words=skip)
        if len(c.word) >= 4 and not evidence.is_title(c.word)
    ]
    foreign = [c.word for c in concepts if not c.glossed and not (set(c.own) & index.vocabulary)]
    if not foreign or len(foreign) < len(concepts):
        return None
    word = max(foreign, key=len)
    written = [o for t, o in zip(u.tokens, u.original, strict=False) if t == word]
    return written[0] if written else word


# verbs of belonging ('who works with … in Köping', 'vem jobbar på SKR'): they ask for a
# name's people
_BELONGING_VERBS = frozenset(
    {"works", "working", "jobbar", "jobba", "arbetar", "sitter", "sits", "belongs", "tillhor"}
)


# verbs of the calendar's own questions ('vad händer på forumet?', 'what happens'): they ask
# for the event itself
_EVENT_VERBS = frozenset({"hander", "happens", "happening", "planerat", "planned", "agenda"})


def _none_prefix(q: Question) -> str:
    return q.t("answers.events.none", plural="\x00", scope="").split("\x00")[0]


_MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_NUMBER_WORDS = "två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tjugo|hundra|tusen|miljon|miljoner"
_COUNTED = re.compile(
    rf"(?<![\d/.-])(?!(?:19|20)\d\d\b)\d+(?![\d/.-]\d)(?!\s+(?:{_MONTHS})\b)"
    rf"|\b(?:{_NUMBER_WORDS})\b",
    re.IGNORECASE,
)


def _counts(passage: evidence.Passage, *, nouns: frozenset[str]) -> bool:
    return evidence.counts(passage.text, nouns)


def _counted_stems(u: Understanding) -> frozenset[str]:
    """The stems of the thing a count question counts: the word after 'hur många', 'how
    many', 'antal' ('aktiviteter'; for an English word, also the glossary's Swedish)."""
    spans = cue_spans(u.tokens, ("hur manga", "how many", "number of", "antalet", "antal"))
    if not spans:
        return frozenset()
    end = spans[0][1]
    if end >= len(u.tokens):
        return frozenset()
    noun = u.tokens[end]
    if noun in STOPWORDS or len(noun) < 4:
        return frozenset()
    terms, _ = evidence.glossary()
    glossed = evidence._glossed(terms, noun) or ()
    return frozenset(s for s in (stem(noun), *glossed) if len(s) >= 4)


def count_or_refuse(q: Question) -> Answer | None:
    """A count the registry holds (parties, areas, participants); else one a passage states
    ('22 personer'); else "I don't know" rather than a nearby page."""

    counted = registry_answers.count_answer(q)
    if counted is not None:
        return counted
    u = q.understood
    skip = agreement.entity_words(q) | _cue_words(u, ("count", "which", "yesno", "members"))
    nouns = _counted_stems(u)
    if nouns:
        # 'Hur många aktiviteter omfattade …?': a passage that counts that very thing
        # ('Sammanlagt 10 aktiviteter') and holds a clear share of the rest of the question
        prefer = functools.partial(_counts, nouns=nouns)
        found, _ = evidence.retrieve(q, skip_words=skip, prefer=prefer)
        if found and prefer(found[0].passage) and found[0].coverage >= DOCUMENT_COVERAGE:
            return agreement.passage_answer(
                q, skip_words=skip, min_coverage=DOCUMENT_COVERAGE, prefer=prefer
            )
    found, _ = evidence.retrieve(q, skip_words=skip)
    # a passage that states a number (not only a year or a date: 'senhösten 2025' counts no
    # one) answers a count
    if any(f.coverage >= EVIDENCE_COVERAGE and _COUNTED.search(f.passage.text) for f in found):
        return agreement.passage_answer(q, skip_words=skip, min_coverage=EVIDENCE_COVERAGE)
    return refuse(q, "answers.refuse.count")


# --------------------------------------------------------------------------- ambiguity

CHOOSE_ACTION = "answers.choose"  # action_id prefix of the ask-back buttons


def ask_back(q: Question) -> Answer | None:
    """A name that fits several registry items equally (two people called Anna Berg): ask
    which one with a button each, rather than pick one. The button carries the question and
    the item; `handlers/actions/answers.py` answers it with that item."""
    import json

    u = q.understood
    if not u.ambiguous:
        return None
    group = u.ambiguous[0]
    name = " ".join(u.original[group[0].start : group[0].end])
    buttons = []
    for n, mention in enumerate(group[:5]):
        value = json.dumps(
            {"k": mention.kind, "id": mention.item.id, "q": q.text[:1500]}, ensure_ascii=False
        )
        buttons.append(button(_label(q, mention), f"{CHOOSE_ACTION}.{n}", value))
    summary = q.t("answers.ambiguous", name=esc(name))
    return Answer(summary, blocks=[actions(*buttons, block_id=CHOOSE_ACTION)], kind="ambiguous")


NETWORK_CHOICE = "network"  # the kind of an ask-back button that names a network


def network_ask_back(q: Question, name: str, networks: list[tuple[str, int]]) -> Answer:
    """A name that belongs to several other networks ('Västerås' asked in Södertörn: Västmanland
    and 4M): a button per network; the button answers the question in the network chosen."""
    import json

    buttons = []
    for n, (network_name, network_id) in enumerate(networks[:5]):
        value = json.dumps(
            {"k": NETWORK_CHOICE, "id": network_id, "q": q.text[:1500]}, ensure_ascii=False
        )
        buttons.append(button(network_name[:75], f"{CHOOSE_ACTION}.{n}", value))
    summary = q.t(
        "answers.ambiguous_network",
        name=esc(name),
        networks=join_names(q, [esc(n) for n, _ in networks]),
        network=esc(q.network.name),
    )
    return Answer(summary, blocks=[actions(*buttons, block_id=CHOOSE_ACTION)], kind="ambiguous")


def _label(q: Question, mention) -> str:  # type: ignore[no-untyped-def]
    item = mention.item
    if mention.kind == "person":
        item = (
            registry.member_of(session=q.session, person_id=item.id, network_id=q.network_id)
            or item
        )
        party = q.session.get(Party, item.party_id) if getattr(item, "party_id", None) else None
        details = [d for d in (getattr(item, "title", ""), party.name if party else "") if d]
        return f"{item.name} ({', '.join(details)})" if details else item.name
    return item.name
