"""What every CLI command shares: the one-line failure it raises, and finding a network by slug."""

from __future__ import annotations

from sqlmodel import Session

from storage import registry
from storage.models import Network


class CliError(Exception):
    """A one-line failure to show the user."""


def network_named(session: Session, slug: str) -> Network:
    """The network called `slug`, or a `CliError` that names the ones there are."""
    network = registry.network_by_slug(slug, session=session)
    if network is None:
        known = ", ".join(n.slug for n in registry.networks(session=session))
        raise CliError(f"no network {slug!r}; known: {known}")
    return network
