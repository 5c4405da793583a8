"""Documents (agreements, declarations...) stored as numbered sections, ready for search."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, delete, select

from bot.stemming import search_terms
from storage import audit
from storage.models import Document, DocumentSection

_HEADING = re.compile(r"^(#{1,3})\s+(?:(§?\d+(?:\.\d+)*)\.?\s+)?(.+?)\s*$")


@dataclass(frozen=True)
class Section:
    number: str
    heading: str
    text: str


def split_sections(text: str) -> list[Section]:
    """Split Markdown into sections at `#`/`##`/`###` headings ('## 5. Åtaganden').

    Text before the first heading becomes an unnumbered introduction section.
    """
    sections: list[Section] = []
    number, heading, body = "", "", []
    for line in text.splitlines():
        match = _HEADING.match(line)
        if match:
            if heading or "".join(body).strip():
                sections.append(Section(number, heading, "\n".join(body).strip()))
            number = (match.group(2) or "").lstrip("§")
            heading, body = match.group(3).strip(), []
        else:
            body.append(line)
    if heading or "".join(body).strip():
        sections.append(Section(number, heading, "\n".join(body).strip()))
    return [s for s in sections if s.text or s.heading]


def read_text_file(path: Path) -> str:
    """Text of a Markdown, plain-text or PDF file."""
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        return "\n\n".join((page.extract_text() or "") for page in reader.pages)
    return path.read_text(encoding="utf-8")


def ingest(
    session: Session,
    *,
    network_id: int,
    slug: str,
    title: str,
    text: str,
    source: str = "",
    actor: str = "import",
) -> bool:
    """Store (or replace) a document's sections; returns whether anything changed."""
    sections = split_sections(text)
    doc = session.exec(
        select(Document).where(Document.network_id == network_id, Document.slug == slug)
    ).first()
    if doc is not None:
        current = [
            Section(s.number, s.heading, s.text) for s in sections_of(session, document_id=doc.id)
        ]
        if current == sections and doc.title == title and doc.source == source:
            return False
        session.exec(delete(DocumentSection).where(col(DocumentSection.document_id) == doc.id))
        doc.title, doc.source = title, source
        action = "document.update"
    else:
        doc = Document(network_id=network_id, slug=slug, title=title, source=source, added_by=actor)
        action = "document.create"
    session.add(doc)
    session.flush()
    for position, section in enumerate(sections):
        session.add(
            DocumentSection(
                document_id=doc.id,
                number=section.number,
                heading=section.heading,
                text=section.text,
                search_text=search_terms(f"{section.heading}\n{section.text}"),
                position=position,
            )
        )
    audit.record(
        session,
        actor=actor,
        action=action,
        entity="document",
        entity_id=doc.id,
        network_id=network_id,
        summary=title,
        after={"slug": slug, "title": title, "sections": len(sections)},
    )
    session.flush()
    return True


def sections_of(session: Session, *, document_id: int | None) -> list[DocumentSection]:
    return list(
        session.exec(
            select(DocumentSection)
            .where(DocumentSection.document_id == document_id)
            .order_by(DocumentSection.position)
        )
    )


def as_markdown(session: Session, doc: Document) -> str:
    """The document back as Markdown, in the form `split_sections` reads."""
    parts = []
    for s in sections_of(session, document_id=doc.id):
        if s.heading:
            number = f"{s.number}. " if s.number else ""
            parts.append(f"## {number}{s.heading}\n\n{s.text}".rstrip())
        else:
            parts.append(s.text)
    return "\n\n".join(parts) + "\n"
