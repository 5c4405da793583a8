"""documents in the registry generation: a change to a network's documents raises it (hand-written)

The answerer's passage index holds every section of the network's documents beside the
registry's facts. It used to check a fingerprint of the sections (count, highest id, total
length) with one aggregate query per question; now the registry generation's triggers
(migration 0003) watch `document` and `document_section` too, so the generation alone says
whether the index is current, whoever changed the documents (the bot, the CLI, psql).

Revision ID: 0010
Revises: 0009
"""

import importlib
from collections.abc import Sequence


revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_generation = importlib.import_module("storage.migrations.versions.0003_registry_generation")

# `storage.generation.REGISTRY_TABLES` repeats these after 0003's and 0008's (a test checks).
TABLES = ("document", "document_section")


def upgrade() -> None:
    _generation.create_triggers(TABLES)


def downgrade() -> None:
    _generation.drop_triggers(TABLES)
