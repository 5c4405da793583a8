"""Developer tool: regenerate the initial migration from `storage/models.py`.

Only for the time before the first release: once a database in use has the schema, add a new
revision instead (`alembic -c ... revision --autogenerate`). Usage:
    python -m storage.migrations.regenerate
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command

from storage.db import MIGRATIONS, alembic_config

INITIAL = "0001"


def main() -> None:
    versions = MIGRATIONS / "versions"
    for old in versions.glob(f"{INITIAL}_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        # Later hand-written revisions (0002: full-text search) revise 0001: keep them aside
        # while 0001 is written, then put them back unchanged.
        later = [p for p in versions.glob("[0-9][0-9][0-9][0-9]_*.py")]
        for path in later:
            path.rename(Path(tmp) / path.name)
        try:
            config = alembic_config(f"sqlite:///{Path(tmp) / 'empty.db'}")
            command.revision(
                config, message="initial schema", autogenerate=True, rev_id=INITIAL, head="base"
            )
        finally:
            for path in later:
                (Path(tmp) / path.name).rename(path)


if __name__ == "__main__":
    main()
