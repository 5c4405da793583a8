"""Arranging events, channels and contacts for the reminder tests (through the storage layer)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from sqlmodel import select

from bot.core.runtime import Core
from bot.core.slack_client import make_web_client
from bot.events import reminders
from storage import events as store
from storage import registry
from storage.models import Delivery, Event, FocusArea, Network, Party, Reminder
from tests.helpers import add_person

NETWORK_CHANNEL = "C0NETWORK"
AREA_CHANNEL = "C0LARARE"
AREA = "lararforsorjning"


def client_for(core: Core) -> WebClient:
    return make_web_client(core.settings)


def set_channels(
    core: Core, *, network: str | None = NETWORK_CHANNEL, area: str | None = AREA_CHANNEL
) -> None:
    with core.db.session() as session:
        net = core.network(session)
        net.channel_id = network
        session.add(net)
        row = session.exec(select(FocusArea).where(FocusArea.slug == AREA)).one()
        row.channel_id = area
        session.add(row)


def join_with_contact(core: Core, party_slug: str, slack_id: str, *, area: str = AREA) -> int:
    """Make a party participate in the area with a contact person in Slack; returns person id."""
    person_id = add_person(core, slack_id, party_slug, "contact", name=f"Kontakt {party_slug}")
    with core.db.session() as session:
        area_row = session.exec(select(FocusArea).where(FocusArea.slug == area)).one()
        party = session.exec(select(Party).where(Party.slug == party_slug)).one()
        registry.join_area(
            session=session, area=area_row, party=party, actor="test", contact_person_id=person_id
        )
    return person_id


def area_id(core: Core, slug: str = AREA) -> int:
    with core.db.session() as session:
        return session.exec(select(FocusArea.id).where(FocusArea.slug == slug)).one()  # type: ignore[return-value]


def add_event(core: Core, *, now: datetime, title: str, starts_at: datetime, **fields: Any) -> int:
    """Create an event and plan its reminders, as the command does; returns its id."""
    with core.db.session() as session:
        network = core.network(session)
        event = store.create_event(
            session=session,
            network_id=network.id,  # type: ignore[arg-type]
            actor="test",
            title=title,
            starts_at=starts_at,
            **fields,
        )
        reminders.plan_event(session, event, now=now)
        return event.id  # type: ignore[return-value]


def reminder_rows(core: Core, event_id: int) -> list[Reminder]:
    with core.db.session() as session:
        return store.reminders_of(session=session, event_id=event_id)


def delivery_rows(core: Core) -> list[Delivery]:
    with core.db.session() as session:
        return list(session.exec(select(Delivery).order_by(Delivery.id)))


def get_event(core: Core, event_id: int) -> Event:
    with core.db.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        return event


def network(core: Core) -> Network:
    with core.db.session() as session:
        return core.network(session)


def posted_delivery_ids(fake: Any) -> list[int]:
    """The delivery_id of every message the fake Slack accepted, in order."""
    ids = []
    for call in fake.successful("chat.postMessage"):
        metadata = call.metadata or {}
        ids.append(int(metadata["event_payload"]["delivery_id"]))
    return ids


def quiet_seed(core: Core) -> None:
    """Cancel the seeded milestones (the network's own evaluation and end date), so a test sees
    only the events it made."""
    with core.db.session() as session:
        for event in store.events(session=session):
            store.cancel_event(session=session, event=event, actor="test", now=event.created_at)


def join_existing_contact(core: Core, party_slug: str, slack_id: str, *, area: str) -> None:
    """Another area for a party whose contact is already in the registry."""
    with core.db.session() as session:
        person = registry.person_by_slack_id(session=session, network_id=1, slack_user_id=slack_id)
        assert person is not None
        area_row = session.exec(select(FocusArea).where(FocusArea.slug == area)).one()
        party = session.exec(select(Party).where(Party.slug == party_slug)).one()
        registry.join_area(
            session=session, area=area_row, party=party, actor="test", contact_person_id=person.id
        )


def eventually(check: Any, timeout: float = 5.0) -> Any:
    """Poll `check()` until it returns something truthy (work finishing on another thread
    after the fake Slack answered), or fail after `timeout` seconds."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            assert result, "the condition never became true"
            return result
        time.sleep(0.02)


STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
"""The tests' frozen "now"."""


def local(*args: int) -> datetime:
    """A Stockholm wall-clock time, in UTC."""
    return datetime(*args, tzinfo=STOCKHOLM).astimezone(UTC)


def arrange_evaluation(core: Core) -> int:
    """The joint evaluation on New Year's Eve in the area, with Sala's and Köping's contacts
    and the channels set: the event most reminder tests start from. Returns its id."""
    quiet_seed(core)
    set_channels(core)
    join_with_contact(core, "sala", "USALA0001")
    join_with_contact(core, "koping", "UKOPING01")
    return add_event(
        core,
        now=NOW,
        title="Gemensam genomlysning",
        kind="evaluation",
        starts_at=local(2026, 12, 31, 0, 0),
        all_day=True,
        area_id=area_id(core),
    )
