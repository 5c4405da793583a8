"""Networks as rows: listing them, their channels, who is in which, and parked requests.

Which network a request works on (the rules, and caching per generation) lives in
`bot.networks`; this module only reads and stores.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, delete, func, select

from storage.models import (
    FocusArea,
    Membership,
    Network,
    NetworkChannel,
    Organisation,
    ParkedRequest,
    Party,
    Person,
)


def networks_by_id(*, session: Session) -> list[Network]:
    """Every network, oldest first."""
    return list(session.exec(select(Network).order_by(Network.id)))


def first_network(*, session: Session) -> Network | None:
    return session.exec(select(Network).order_by(Network.id)).first()


def network_of_team(*, session: Session, team_id: str) -> Network | None:
    """The network installed in the Slack workspace `team_id`."""
    return session.exec(select(Network).where(Network.team_id == team_id)).first()


def network_count(*, session: Session) -> int:
    return session.exec(select(func.count(Network.id))).one()


def area_channels(*, session: Session) -> list[tuple[str, int]]:
    """(channel, network id) of every focus area that has a channel."""
    return list(
        session.exec(
            select(FocusArea.channel_id, FocusArea.network_id).where(
                col(FocusArea.channel_id).is_not(None)
            )
        )
    )  # type: ignore[arg-type]


def bound_channels(*, session: Session) -> list[NetworkChannel]:
    """The channels bound to a network (`/samverkan nätverk kanal`)."""
    return list(session.exec(select(NetworkChannel)))


def member_network_ids(*, session: Session, slack_user_id: str) -> tuple[int, ...]:
    """The networks where `slack_user_id` is an active person of the registry, in order."""
    return tuple(
        session.exec(
            select(Membership.network_id)
            .join(Person, col(Person.id) == Membership.person_id)
            .where(Person.slack_user_id == slack_user_id, col(Membership.active).is_(True))
            .distinct()
            .order_by(Membership.network_id)
        )
    )


def rows_in_network(*, session: Session, model: Any, network_id: int) -> int:
    """How many rows of `model` (a table with `network_id`) belong to the network."""
    return session.exec(
        select(func.count()).select_from(model).where(model.network_id == network_id)
    ).one()


def organisation_networks(*, session: Session) -> list[tuple[str, str]]:
    """(organisation name, network slug) of every party, by organisation and network."""
    return list(
        session.exec(
            select(Organisation.name, Network.slug)
            .join(Party, col(Party.organisation_id) == Organisation.id)
            .join(Network, col(Network.id) == Party.network_id)
            .order_by(Organisation.name, Network.id)
        )
    )  # type: ignore[arg-type]


def prune_parked(*, session: Session, before: datetime) -> None:
    """Forget the parked requests made before `before`."""
    session.exec(  # type: ignore[call-overload]
        delete(ParkedRequest).where(col(ParkedRequest.created_at) < before)
    )
