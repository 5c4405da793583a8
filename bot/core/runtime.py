"""The bot's core: settings, database and clock, shared by Slack, the console and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from bot.core.config import Settings
from storage import generation, networkfile, registry
from storage import networks as networks_store
from storage.db import Database
from storage.models import Network, utcnow

SEED_DIR = Path(__file__).resolve().parents[2] / "storage" / "seed"


class NetworkMissing(Exception):
    """The configured network is not in the database."""


@dataclass
class Core:
    settings: Settings
    db: Database
    clock: Callable[[], datetime] = field(default=utcnow)

    @classmethod
    def from_settings(cls, settings: Settings) -> Core:
        return cls(settings=settings, db=Database(settings.database_url))

    def __deepcopy__(self, memo: dict[int, object]) -> Core:
        """One core per process: Bolt deep-copies the context for lazy listeners, and they
        must find this same core (its engine and clock) there."""
        return self

    def now(self) -> datetime:
        """The current UTC time; tests inject their own clock."""
        return self.clock()

    def network(self, session: Session, team_id: str | None = None) -> Network:
        """The network a request belongs to: the one installed in `team_id`, else the default.
        Read once per registry generation (`storage.generation`): every request asks."""
        key = ("network", team_id, self.settings.default_network)
        found = generation.cached_row(
            key, lambda: self._find_network(session, team_id), session=session
        )
        if found is None:
            raise NetworkMissing(self.settings.default_network)
        return found

    def _find_network(self, session: Session, team_id: str | None) -> Network | None:
        if team_id:
            found = networks_store.network_of_team(session=session, team_id=team_id)
            if found:
                return found
        found = registry.network_by_slug(self.settings.default_network, session=session)
        if found is None:
            found = networks_store.first_network(session=session)
        return found

    def prepare_database(self, *, seed: bool = True) -> bool:
        """Upgrade the schema; on an empty database, load the Västmanland seed. Returns whether
        it seeded."""
        self.db.upgrade()
        if not seed:
            return False
        seed_file = SEED_DIR / f"{self.settings.default_network}.toml"
        try:
            with self.db.session() as session:
                if (
                    networks_store.first_network(session=session) is not None
                    or not seed_file.exists()
                ):
                    return False
                spec = networkfile.load_file(seed_file)
                networkfile.import_network(spec, session=session, actor="seed", base_dir=SEED_DIR)
        except IntegrityError:
            return False  # another process seeded it at the same moment
        return True
