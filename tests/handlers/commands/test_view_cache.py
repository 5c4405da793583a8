"""The registry views (`områden`, `område`, `vem`, `åtaganden`) are built once per registry
generation and shared as serialized JSON: a change made through the bot shows on the next
request, and what a view shows of the asker (their party, their language) stays theirs."""

from __future__ import annotations

from tests.conftest import LiveBot
from tests.helpers import texts
from tests.registry_support import COORD, SALA_CHIEF, VISITOR, command, people


def _line(listing: str, area: str) -> str:
    return next(line for line in listing.splitlines() if area in line)


def test_a_join_through_the_bot_shows_in_every_cached_view_at_once(bot: LiveBot) -> None:
    people(bot.core)
    areas_before = texts(command(bot, "områden", SALA_CHIEF))
    area_before = texts(command(bot, "område Lärarförsörjning", SALA_CHIEF))
    who_before = texts(command(bot, "vem Sala", SALA_CHIEF))
    assert "Sala" not in area_before and "Lärarförsörjning" not in who_before
    # asked again: the same views, from the cache
    assert texts(command(bot, "områden", SALA_CHIEF)) == areas_before

    joined = texts(command(bot, "gå-med Lärarförsörjning", SALA_CHIEF))
    assert "Lärarförsörjning" in joined

    areas_after = texts(command(bot, "områden", SALA_CHIEF))
    assert _line(areas_after, "Lärarförsörjning") != _line(areas_before, "Lärarförsörjning")
    assert "Sala" in texts(command(bot, "område Lärarförsörjning", SALA_CHIEF))
    assert "Lärarförsörjning" in texts(command(bot, "vem Sala", SALA_CHIEF))


def test_the_askers_own_areas_are_marked_only_for_their_party(bot: LiveBot) -> None:
    people(bot.core)
    command(bot, "gå-med Lärarförsörjning", SALA_CHIEF)
    own = _line(texts(command(bot, "områden", SALA_CHIEF)), "Lärarförsörjning")
    other = _line(texts(command(bot, "områden", VISITOR)), "Lärarförsörjning")
    assert "ni deltar" in own and "ni deltar" not in other
    assert "ni deltar" in _line(texts(command(bot, "områden", SALA_CHIEF)), "Lärarförsörjning")


def test_each_language_has_its_own_view(bot: LiveBot) -> None:
    swedish = texts(command(bot, "områden", SALA_CHIEF))
    english = texts(command(bot, "areas", SALA_CHIEF))
    assert swedish != english
    assert texts(command(bot, "områden", SALA_CHIEF)) == swedish


def test_a_typed_name_is_matched_again_once_the_registry_changes(bot: LiveBot) -> None:
    """What a typed name matches is kept per registry generation: after a rename through the
    bot, the new name is found on the next request."""
    people(bot.core)
    for _ in range(2):  # the second from the cache
        missing = texts(command(bot, "vem Kompetenslyftet", SALA_CHIEF))
        assert "hittar ingen" in missing
    renamed = texts(command(bot, "område byt-namn lararforsorjning = Kompetenslyftet", COORD))
    assert "heter nu *Kompetenslyftet*" in renamed
    found = texts(command(bot, "vem Kompetenslyftet", SALA_CHIEF))
    assert "hittar ingen" not in found and "Kompetenslyftet" in found
