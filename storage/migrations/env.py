"""Alembic environment: the schema is `SQLModel.metadata` from `storage.models`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)

config = context.config
target_metadata = SQLModel.metadata


def _not_search_index(name, type_, parent_names) -> bool:  # type: ignore[no-untyped-def]
    """Autogenerate ignores the full-text search objects of revision 0002 (not in the models)."""
    return not (name or "").startswith(("document_section_fts", "ix_document_section_fts"))


def run_migrations(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=_not_search_index,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.begin() as conn:
        run_migrations(conn)
