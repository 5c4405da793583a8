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
    for old in (MIGRATIONS / "versions").glob(f"{INITIAL}_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        config = alembic_config(f"sqlite:///{Path(tmp) / 'empty.db'}")
        command.revision(
            config, message="initial schema", autogenerate=True, rev_id=INITIAL, head="base"
        )


if __name__ == "__main__":
    main()
