"""Registry texts in the reader's language: a focus area's English name and description, when
the network file gives them, for English readers; the Swedish ones otherwise (and always for
lookups, sorting and the audit log)."""

from __future__ import annotations

from typing import Protocol


class _Named(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def name_en(self) -> str | None: ...


class _Described(_Named, Protocol):
    @property
    def description(self) -> str: ...
    @property
    def description_en(self) -> str | None: ...


def localized(swedish: str, english: str | None, lang: str) -> str:
    """The English text for an English reader when there is one, else the Swedish."""
    return (english or swedish) if lang == "en" else swedish


def area_name(area: _Named, lang: str) -> str:
    """'Lärarförsörjning' / 'Teacher supply' (the Swedish name when there is no English one)."""
    return localized(area.name, area.name_en, lang)


def area_description(area: _Described, lang: str) -> str:
    return localized(area.description, area.description_en, lang)
