"""Finding the party, area or person a user means, or explaining kindly why not."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from bot.core.blocks import esc
from bot.core.textmatch import Match, best_match
from storage import generation, registry
from storage.models import FocusArea, Party, Person

if TYPE_CHECKING:
    from bot.core.request import Request, UserError

T = TypeVar("T")


def party_names(party: Party | registry.PartyRef) -> Iterable[str]:
    return [party.name, party.slug, *party.aliases]


def area_names(area: FocusArea | registry.AreaRef) -> Iterable[str]:
    """The Swedish name, the slug and the English name, if any: lookups accept each."""
    return [area.name, area.slug, *([area.name_en] if area.name_en else [])]


def person_names(person: Person) -> Iterable[str]:
    return [person.name, person.email or ""]


def party_match(request: Request, query: str) -> Match[registry.PartyRef]:
    """What `query` names among the network's parties, matched once per registry generation
    and typed text (a fuzzy match over every party's names costs a millisecond)."""
    network_id = request.network.id

    def match() -> Match[registry.PartyRef]:
        refs = registry.party_refs(session=request.session, network_id=network_id)  # type: ignore[arg-type]
        return best_match(query, refs, party_names)

    key = ("match.party", network_id, query.strip().casefold())
    return generation.cached(key, match, session=request.session)


def area_match(
    request: Request, query: str, *, include_archived: bool = False
) -> Match[registry.AreaRef]:
    """What `query` names among the network's areas (by `area_names`), matched once per
    registry generation and typed text."""

    def match() -> Match[registry.AreaRef]:
        return best_match(query, _area_refs(request, include_archived=include_archived), area_names)

    key = ("match.area", request.network.id, include_archived, query.strip().casefold())
    return generation.cached(key, match, session=request.session)


def _found(
    request: Request, query: str, match: Match[T], what_key: str, label: Callable[[T], str]
) -> T:
    if match.found is not None:
        return match.found
    raise explain_miss(request, query, match, what_key, label)


def explain_miss(
    request: Request, query: str, match: Match[T], what_key: str, label: Callable[[T], str]
) -> UserError:
    """The `UserError` for a lookup that found several or none."""
    options = f" {request.t('word.or')} ".join(f"*{esc(label(c))}*" for c in match.candidates[:5])
    if match.ambiguous:
        return request.fail("lookup.ambiguous", query=esc(query), options=options)
    what = request.t(what_key)
    if match.suggestions:
        suggestions = f" {request.t('word.or')} ".join(
            f"*{esc(label(c))}*" for c in match.suggestions
        )
        return request.fail("lookup.none_suggest", what=what, query=esc(query), options=suggestions)
    return request.fail("lookup.none", what=what, query=esc(query))


def find_party(request: Request, query: str) -> Party:
    if not query.strip():
        raise request.fail("lookup.party_missing_arg")
    ref = _found(request, query, party_match(request, query), "what.party", lambda p: p.name)
    return generation.registry_row(Party, ref.id, session=request.session)  # type: ignore[return-value]


def find_area(request: Request, query: str, *, include_archived: bool = False) -> FocusArea:
    if not query.strip():
        raise request.fail("lookup.area_missing_arg")
    match = area_match(request, query, include_archived=include_archived)
    return _area(request, _found(request, query, match, "what.area", lambda a: a.name))


def _area_refs(request: Request, *, include_archived: bool = False) -> list[registry.AreaRef]:
    refs = registry.area_refs(session=request.session, network_id=request.network.id)  # type: ignore[arg-type]
    return refs if include_archived else [ref for ref in refs if not ref.archived]


def split_area_and_party(request: Request, text: str) -> tuple[FocusArea, Party | None]:
    """Read '<area> [party]' where both may have several words ('analys och uppföljning sala').

    Preference: the whole text naming an area exactly; then a split whose tail names a party
    exactly; then the whole text as a fuzzy area; then any split where both match.
    """
    network_id = request.network.id
    areas = _area_refs(request)
    whole = best_match(text, areas, area_names)
    if whole.exact and whole.found is not None:
        return _area(request, whole.found), None
    parties = registry.party_refs(session=request.session, network_id=network_id)  # type: ignore[arg-type]
    words = text.split()
    splits = []
    for cut in range(len(words) - 1, 0, -1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        area_match = best_match(head, areas, area_names)
        party_match = best_match(tail, parties, party_names)
        if area_match.found is not None and party_match.found is not None:
            party = generation.registry_row(Party, party_match.found.id, session=request.session)
            if party_match.exact:
                return _area(request, area_match.found), party
            splits.append((area_match.found, party))
    if whole.found is not None:
        return _area(request, whole.found), None
    if splits:
        area, party = splits[0]
        return _area(request, area), party
    return find_area(request, text), None


def _area(request: Request, ref: registry.AreaRef) -> FocusArea:
    return generation.registry_row(FocusArea, ref.id, session=request.session)  # type: ignore[return-value]
