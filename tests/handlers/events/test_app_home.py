"""`app_home_opened` publishes the Home tab: the viewer's party, areas, contacts and dates,
and for coordinators the pending registrations and the (paged) participation matrix."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.registry.ids import APPROVE, MATRIX_PAGE
from storage import registry
from storage.models import Event, FocusArea, Network, Participation, Party, RoleAssignment
from tests.conftest import LiveBot
from tests.events.util import add_event
from tests.fake_slack.blockkit import validate_view
from tests.fake_slack.signing import app_home_opened
from tests.helpers import add_person
from tests.registry_support import (
    COORD,
    SALA_CHIEF,
    SALA_MEMBER,
    VISITOR,
    command,
    people,
    text_of_view,
)


def _home(bot: LiveBot, user: str) -> dict:
    result = bot.slack.event(app_home_opened(user))
    assert result.status == 200
    [*_, call] = bot.fake.wait_for("views.publish", predicate=lambda c: c.params["user_id"] == user)
    view = call.view
    assert validate_view(view, "home") == []
    return view


def test_school_chief_sees_their_party_areas_contacts_and_next_dates(bot: LiveBot) -> None:
    people(bot.core)
    command(bot, "gå-med lararforsorjning", SALA_CHIEF)
    view = _home(bot, SALA_CHIEF)
    text = text_of_view(view)
    assert "Sala kommun" in text and "Lärarförsörjning" in text
    assert "Sara Sala" in text and "Mats Medlem" in text
    assert "Kommande forum och datum" in text
    with bot.core.db.session() as session:
        upcoming = session.exec(select(Event).where(Event.starts_at >= bot.core.now())).all()
    assert upcoming and any(e.title in text for e in upcoming)
    assert "registry_home_join" in str(view) and "För samordnare" not in text


def test_visitor_is_offered_registration_in_their_language(bot: LiveBot) -> None:
    bot.fake.users[VISITOR] = {"locale": "en-US"}
    view = _home(bot, VISITOR)
    assert "You are not in the registry yet" in text_of_view(view)
    assert "registry_home_register" in str(view) and "registry_home_join" not in str(view)


def test_coordinator_sees_pending_registrations_and_the_matrix(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    command(bot, "gå-med lararforsorjning", SALA_CHIEF)
    with core.db.session() as session:
        network = core.network(session)
        registry.create_registration(
            session=session,
            network_id=network.id,
            slack_user_id=VISITOR,
            name="Eva <!channel>",
            party_id=None,
            role="member",  # type: ignore[arg-type]
        )
    view = _home(bot, COORD)
    text = text_of_view(view)
    assert "Väntande registreringar:* 1" in text and "Eva &lt;!channel&gt;" in text
    assert APPROVE in str(view)
    assert "3. Lärarförsörjning* – 1 av 12" in text and "senast Sala kommun" in text
    grid = "\n".join(
        b["text"]["text"]
        for b in view["blocks"]
        if b["type"] == "section" and "```" in b["text"]["text"]
    )
    sala = next(
        line for line in grid.replace("```", "").splitlines() if line.startswith("Sala kommun")
    )
    assert "x" in sala


def test_home_stays_within_100_blocks_for_290_parties_and_40_areas(bot: LiveBot) -> None:
    core = bot.core
    add_person(core, COORD, None, "coordinator")
    with core.db.session() as session:
        network = Network(slug="stort", name="Stort nätverk")
        session.add(network)
        session.flush()
        parties = [
            Party(network_id=network.id, name=f"Kommun {i:03d}", slug=f"k{i:03d}")
            for i in range(290)
        ]  # type: ignore[arg-type]
        areas = [
            FocusArea(network_id=network.id, name=f"Område {i:02d}", slug=f"o{i:02d}")
            for i in range(40)
        ]  # type: ignore[arg-type]
        session.add_all([*parties, *areas])
        session.flush()
        now = core.now()
        session.add_all(
            [
                Participation(
                    party_id=p.id, area_id=a.id, joined_at=now - timedelta(days=i), joined_by="test"
                )  # type: ignore[arg-type]
                for i, p in enumerate(parties)
                for j, a in enumerate(areas)
                if (i + j) % 4 == 0
            ]
        )
        network.team_id = "TBIG"
        session.add(network)
        old = core.network(session)
        coordinator = registry.person_by_slack_id(
            session=session, network_id=old.id, slack_user_id=COORD
        )  # type: ignore[arg-type]
        assert coordinator is not None
        coordinator.membership.network_id = network.id  # type: ignore[assignment]
        session.add(coordinator.membership)
        for role in session.exec(
            select(RoleAssignment).where(RoleAssignment.person_id == coordinator.id)
        ):
            role.network_id = network.id  # type: ignore[assignment]
            session.add(role)
    result = bot.slack.event(app_home_opened(COORD), team_id="TBIG")
    assert result.status == 200
    [call] = bot.fake.wait_for("views.publish")
    view = call.view
    assert validate_view(view, "home") == []
    assert len(view["blocks"]) <= 100
    text = text_of_view(view)
    assert "sida 1 av 15" in text and "290 parter" in text and "40. Område 39" in text
    bot.slack.action(
        COORD, f"{MATRIX_PAGE}_next", "14", view={"type": "home", "id": "VHOME"}, team_id="TBIG"
    )
    pages = bot.fake.wait_for("views.publish", count=2)
    last = pages[1].view
    assert len(last["blocks"]) <= 100 and "sida 15 av 15" in text_of_view(last)
    assert "Kommun 289" in text_of_view(last)


def test_messages_tab_does_not_publish(bot: LiveBot) -> None:
    result = bot.slack.event(app_home_opened(SALA_MEMBER, tab="messages"))
    assert result.status == 200
    bot.fake.assert_no_call("views.publish")


def test_a_recurring_forum_shows_its_next_date_after_its_first(bot: LiveBot) -> None:
    """A monthly forum that began in October is still coming: the Home shows its next meeting."""
    people(bot.core)
    stockholm = ZoneInfo("Europe/Stockholm")
    first = datetime(2026, 10, 6, 13, 0, tzinfo=stockholm)  # the first Tuesday of October
    assert first < bot.core.now()
    add_event(
        bot.core,
        now=bot.core.now(),
        title="Månadsforum rektorer",
        starts_at=first,
        kind="forum",
        recurrence="FREQ=MONTHLY;BYDAY=1TU",
    )
    text = text_of_view(_home(bot, SALA_CHIEF))
    line = next(line for line in text.splitlines() if "Månadsforum rektorer" in line)
    assert "1 december" in line or "1 dec" in line  # the first Tuesday after 24 November


def test_home_shows_the_reminders_planned_for_each_coming_event(bot: LiveBot) -> None:
    from tests.events.util import area_id, join_with_contact, quiet_seed, set_channels

    core = bot.core
    quiet_seed(core)
    set_channels(core)
    join_with_contact(core, "sala", "USALA0001")
    starts = datetime(2026, 12, 31, tzinfo=ZoneInfo("Europe/Stockholm"))
    add_event(
        core,
        now=core.now(),
        title="Gemensam genomlysning",
        kind="evaluation",
        starts_at=starts,
        all_day=True,
        area_id=area_id(core),
    )
    text = text_of_view(_home(bot, COORD))
    assert (
        "⏰ onsdag 23 december 2026 kl. 09:00 → <#C0LARARE> och DM till 1 kontakt"
        " (flyttad från torsdag 24 december 2026: Julafton)"
    ) in text
    bot.fake.users[VISITOR] = {"locale": "en-US"}
    english = text_of_view(_home(bot, VISITOR))
    assert "⏰ Wednesday 30 December 2026 at 09:00 → <#C0LARARE> and a DM to 1 contact" in english
