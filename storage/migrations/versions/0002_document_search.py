"""full-text search over document sections (hand-written)

SQLite: an FTS5 table over `document_section.search_text` (external content, kept in step by
triggers, so every writer of document_section is indexed). PostgreSQL: a GIN index on
`to_tsvector('simple', search_text)`. `search_text` already holds folded Snowball stems
(bot/stemming.py), so both engines index the same terms with the plain 'simple' tokenizer.

A later migration that recreates `document_section` on SQLite (batch mode) drops these
triggers: recreate them with `create_sqlite_fts()` from this module.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS document_section_fts USING fts5("
    "search_text, content='document_section', content_rowid='id')",
    "CREATE TRIGGER IF NOT EXISTS document_section_fts_ai AFTER INSERT ON document_section "
    "BEGIN INSERT INTO document_section_fts(rowid, search_text) "
    "VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS document_section_fts_ad AFTER DELETE ON document_section "
    "BEGIN INSERT INTO document_section_fts(document_section_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS document_section_fts_au AFTER UPDATE ON document_section "
    "BEGIN INSERT INTO document_section_fts(document_section_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO document_section_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO document_section_fts(document_section_fts) VALUES ('rebuild')",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS document_section_fts_au",
    "DROP TRIGGER IF EXISTS document_section_fts_ad",
    "DROP TRIGGER IF EXISTS document_section_fts_ai",
    "DROP TABLE IF EXISTS document_section_fts",
)
POSTGRES_UP = (
    "CREATE INDEX IF NOT EXISTS ix_document_section_fts ON document_section "
    "USING gin (to_tsvector('simple', search_text))",
)
POSTGRES_DOWN = ("DROP INDEX IF EXISTS ix_document_section_fts",)


def create_sqlite_fts() -> None:
    for statement in SQLITE_UP:
        op.execute(statement)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        create_sqlite_fts()
    elif dialect == "postgresql":
        for statement in POSTGRES_UP:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    statements = {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}.get(dialect, ())
    for statement in statements:
        op.execute(statement)
