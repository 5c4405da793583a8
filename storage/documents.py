"""Documents (agreements, declarations...) stored as numbered sections, ready for search."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session, col, delete, select

from storage import audit
from storage.models import Document, DocumentSection
from storage.text import search_terms, slugify

_HEADING = re.compile(r"^(#{1,3})\s+(?:(§?\d+(?:\.\d+)*)\.?\s+)?(.+?)\s*$")


@dataclass(frozen=True)
class Section:
    number: str
    heading: str
    text: str


def split_sections(text: str) -> list[Section]:
    """Split a document into sections.

    Markdown splits at `#`/`##`/`###` headings ('## 5. Åtaganden'). Text without Markdown
    headings (plain text, PDF) splits at numbered heading lines ('5. Åtaganden', '§ 6 Process
    och tidsram'); text with neither becomes sections of a few paragraphs each. Text before the
    first heading becomes an unnumbered introduction section.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = text.splitlines()
    if any(_HEADING.match(line) for line in lines):
        return _split_at(lines, _markdown_heading)
    if sum(1 for line in lines if _numbered_heading(line)) >= 2:
        return _split_at(lines, _numbered_heading)
    return _split_paragraphs(text)


def _markdown_heading(line: str) -> tuple[str, str] | None:
    match = _HEADING.match(line)
    if not match:
        return None
    return (match.group(2) or "").lstrip("§"), match.group(3).strip()


# '5. Åtaganden', '5 Åtaganden', '§ 6 Process och tidsram', '2.1 Mål': short, capitalised,
# no full stop at the end.
_NUMBERED = re.compile(r"^\s*(?:§\s*)?(\d{1,2}(?:\.\d{1,2})*)\.?\s+([A-ZÅÄÖ][^.!?:;]{1,80})\s*$")


def _numbered_heading(line: str) -> tuple[str, str] | None:
    match = _NUMBERED.match(line)
    if not match or len(match.group(2).split()) > 10:
        return None
    return match.group(1), match.group(2).strip()


def _split_at(lines: list[str], heading_of) -> list[Section]:  # type: ignore[no-untyped-def]
    sections: list[Section] = []
    number, heading, body = "", "", []
    for line in lines:
        found = heading_of(line)
        if found:
            if heading or "".join(body).strip():
                sections.append(Section(number, heading, "\n".join(body).strip()))
            number, heading = found
            body = []
        else:
            body.append(line)
    if heading or "".join(body).strip():
        sections.append(Section(number, heading, "\n".join(body).strip()))
    return [s for s in sections if s.text or s.heading]


def _split_paragraphs(text: str, size: int = 1500) -> list[Section]:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    sections: list[Section] = []
    chunk: list[str] = []
    for paragraph in paragraphs:
        if chunk and sum(len(c) for c in chunk) + len(paragraph) > size:
            sections.append(Section("", "", "\n\n".join(chunk)))
            chunk = []
        chunk.append(paragraph)
    if chunk:
        sections.append(Section("", "", "\n\n".join(chunk)))
    return sections


def read_text_file(path: Path) -> str:
    """Text of a Markdown, plain-text or PDF file."""
    return read_text_bytes(path.name, path.read_bytes())


def read_text_bytes(name: str, data: bytes) -> str:
    """Text of a file's content: PDF through pypdf, anything else as UTF-8 (or Latin-1)."""
    if name.lower().endswith(".pdf") or data[:5] == b"%PDF-":
        from io import BytesIO

        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            reader = PdfReader(BytesIO(data))
            return "\n\n".join((page.extract_text() or "") for page in reader.pages)
        except (PdfReadError, ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"not a readable PDF ({type(exc).__name__})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def ingest(
    *,
    session: Session,
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
            Section(s.number, s.heading, s.text)
            for s in sections_of(session=session, document_id=doc.id)
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
        session=session,
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


def sections_of(*, session: Session, document_id: int | None) -> list[DocumentSection]:
    return list(
        session.exec(
            select(DocumentSection)
            .where(DocumentSection.document_id == document_id)
            .order_by(DocumentSection.position)
        )
    )


def as_markdown(doc: Document, *, session: Session) -> str:
    """The document back as Markdown, in the form `split_sections` reads."""
    parts = []
    for s in sections_of(session=session, document_id=doc.id):
        if s.heading:
            number = f"{s.number}. " if s.number else ""
            parts.append(f"## {number}{s.heading}\n\n{s.text}".rstrip())
        else:
            parts.append(s.text)
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- adding


MAX_DOCUMENT_CHARS = 1_000_000
MAX_SECTIONS = 500


class DocumentError(Exception):
    """The file cannot become a document (empty, too large, unreadable); says why in one line."""


def add_document(
    *,
    session: Session,
    network_id: int,
    title: str,
    text: str,
    source: str = "",
    actor: str,
    slug: str | None = None,
) -> tuple[Document, bool]:
    """Add (or replace, by slug) a document from its text; returns it and whether it changed."""
    title = " ".join(title.split())[:300]
    if not title:
        raise DocumentError("the document has no title")
    if not text.strip():
        raise DocumentError("the file has no text (a scanned PDF without a text layer?)")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise DocumentError(f"the text is longer than {MAX_DOCUMENT_CHARS:,} characters")
    sections = split_sections(text)
    if len(sections) > MAX_SECTIONS:
        raise DocumentError(f"the document has more than {MAX_SECTIONS} sections")
    slug = (slug or slugify(title))[:120]
    changed = ingest(
        session=session,
        network_id=network_id,
        slug=slug,
        title=title,
        text=text,
        source=source[:300],
        actor=actor,
    )
    doc = session.exec(
        select(Document).where(Document.network_id == network_id, Document.slug == slug)
    ).one()
    return doc, changed


def documents_of(*, session: Session, network_id: int) -> list[Document]:
    return list(
        session.exec(
            select(Document).where(Document.network_id == network_id).order_by(Document.id)
        )
    )


# --------------------------------------------------------------------------- citing


def short_name(doc: Document) -> str:
    """How a reader names the document: 'Överenskommelsen' (its slug names its first word),
    else its title."""
    first = doc.title.split()[0] if doc.title.split() else doc.title
    if "-" not in doc.slug and doc.slug.startswith(slugify(first)) and len(first) >= 5:
        return first
    return doc.title


def section_label(section: DocumentSection) -> str:
    """'§6 Process och tidsram' (or just the heading when it has no number)."""
    if section.number:
        return f"§{section.number} {section.heading}".strip()
    return section.heading


def citation(doc: Document, section: DocumentSection) -> str:
    """'Överenskommelsen, §6 Process och tidsram'."""
    label = section_label(section)
    return f"{short_name(doc)}, {label}" if label else short_name(doc)


# --------------------------------------------------------------------------- searching


@dataclass
class Hit:
    """One section found by full-text search; higher `score` is better."""

    document: Document
    section: DocumentSection
    score: float


def _fts_terms(stems: list[str]) -> list[str]:
    clean = [s for s in dict.fromkeys(stems) if re.fullmatch(r"[a-z0-9]+", s)]
    return clean[:30]


def search_sections(
    *, session: Session, network_id: int, stems: list[str], limit: int = 8
) -> list[Hit]:
    """Sections of the network's documents matching any of `stems` (from
    `storage.text.query_stems`), best first: SQLite FTS5 (bm25), PostgreSQL full-text search
    (ts_rank). Stems of five letters or more also match as prefixes ('samverkan' finds
    'samverkansarbetet')."""
    terms = _fts_terms(stems)
    if not terms:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        query = " OR ".join(f'"{t}"*' if len(t) >= 5 else f'"{t}"' for t in terms)
        rows = session.execute(
            text(
                "SELECT s.id, bm25(document_section_fts) AS rank FROM document_section_fts "
                "JOIN document_section AS s ON s.id = document_section_fts.rowid "
                "JOIN document AS d ON d.id = s.document_id "
                "WHERE document_section_fts MATCH :query AND d.network_id = :network "
                "ORDER BY rank LIMIT :limit"
            ),
            {"query": query, "network": network_id, "limit": limit},
        ).all()
        scored = [(row[0], -float(row[1])) for row in rows]
    elif dialect == "postgresql":
        query = " | ".join(f"{t}:*" if len(t) >= 5 else t for t in terms)
        rows = session.execute(
            text(
                "SELECT s.id, ts_rank(to_tsvector('simple', s.search_text), "
                "to_tsquery('simple', :query)) AS rank FROM document_section AS s "
                "JOIN document AS d ON d.id = s.document_id "
                "WHERE to_tsvector('simple', s.search_text) @@ to_tsquery('simple', :query) "
                "AND d.network_id = :network ORDER BY rank DESC LIMIT :limit"
            ),
            {"query": query, "network": network_id, "limit": limit},
        ).all()
        scored = [(row[0], float(row[1])) for row in rows]
    else:  # any other engine: the same matching, in Python
        scored = _search_in_python(session, network_id, terms)[:limit]
    hits = []
    for section_id, score in scored:
        section = session.get(DocumentSection, section_id)
        if section is None:
            continue
        doc = session.get(Document, section.document_id)
        if doc is not None:
            hits.append(Hit(doc, section, score))
    return hits


def _search_in_python(
    session: Session, network_id: int, terms: list[str]
) -> list[tuple[int, float]]:
    rows = session.exec(
        select(DocumentSection)
        .join(Document, col(Document.id) == DocumentSection.document_id)
        .where(Document.network_id == network_id)
    )
    scored = []
    for section in rows:
        words = section.search_text.split()
        score = sum(
            1.0 for t in terms for w in words if w == t or (len(t) >= 5 and w.startswith(t))
        )
        if score:
            scored.append((section.id or 0, score))
    return sorted(scored, key=lambda pair: -pair[1])


def vocabulary(*, session: Session, network_id: int) -> set[str]:
    """Every stem the network's documents contain (to correct typos in a question)."""
    rows = session.exec(
        select(DocumentSection.search_text)
        .join(Document, col(Document.id) == DocumentSection.document_id)
        .where(Document.network_id == network_id)
    )
    found: set[str] = set()
    for search_text in rows:
        found.update(search_text.split())
    return found
