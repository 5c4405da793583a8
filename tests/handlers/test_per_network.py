"""Reminders, notices, calendar feeds, exports and reports stay per network: Västmanland and 4M
side by side in one workspace, one coordinator in each, each network with its own area channel,
contacts and events. What one network's coordinator sends, feeds, exports or reports never shows
another network's rows or reaches another network's people; through signed HTTP requests, the
scheduler clock (`jobs.tick`) and the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.core.runtime import SEED_DIR
from bot.events import reminders
from bot.scheduler import tasks as jobs
from storage import events as store
from storage import networkfile, registry
from storage.models import Broadcast, Delivery, FocusArea, Network, Party
from tests.conftest import LiveBot
from tests.events.util import client_for, eventually, quiet_seed
from tests.fake_slack.blockkit import validate_blocks
from tests.helpers import texts
from tests.registry_support import submit

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # the tests' frozen clock

V_COORD, M_COORD = "UVCOORD01", "UMCOORD01"  # a coordinator of Västmanland, one of 4M
V_CONTACT, M_CONTACT = "UVSALA001", "UMESKIL01"  # Sala's contact, Eskilstuna's contact
V_CHANNEL, M_CHANNEL = "CVASTNET1", "C4MNET001"  # the networks' channels (tied by command)
V_AREA_CHANNEL, M_AREA_CHANNEL = "CVLARARE1", "C4MPROGR1"
V_AREA, M_AREA = "lararforsorjning", "programrad"
V_EVENT, M_EVENT = "Västmanlands lärarforum", "4M:s programrådsmöte"
V_NAME = "Ensam är inte stark – Västmanland"
M_NAME = "Fördjupad samverkan mellan gymnasieutbildningarna i 4M"


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM).astimezone(UTC)


def network_of(bot: LiveBot, slug: str) -> Network:
    with bot.core.db.session() as session:
        network = registry.network_by_slug(slug, session=session)
        assert network is not None
        return network


def area_of(bot: LiveBot, network_slug: str, area_slug: str) -> FocusArea:
    network = network_of(bot, network_slug)
    with bot.core.db.session() as session:
        return session.exec(
            select(FocusArea).where(FocusArea.network_id == network.id, FocusArea.slug == area_slug)
        ).one()


def command(bot: LiveBot, text: str, user: str, channel: str) -> dict[str, Any]:
    result = bot.slack.command(text, user=user, channel_id=channel)
    assert result.status == 200, result.text
    body = result.json() if result.text else {}
    assert validate_blocks(body.get("blocks", []), "message") == []
    return body


@pytest.fixture
def two_networks(bot: LiveBot) -> LiveBot:
    """Västmanland (seeded) and 4M (imported), with no seeded events left; in each network a
    coordinator, an area with its own channel, a participating party with a contact in Slack,
    and a coming meeting in the area with a reminder an hour before; the network channels tied
    to their networks by their coordinators."""
    spec = networkfile.load_file(SEED_DIR / "4m.toml")
    with bot.core.db.session() as session:
        networkfile.import_network(spec, session=session, actor="test", base_dir=SEED_DIR)
    quiet_seed(bot.core)
    arranged = (
        ("vastmanland", V_COORD, "sala", V_CONTACT, V_AREA, V_AREA_CHANNEL, V_EVENT),
        ("4m", M_COORD, "eskilstuna", M_CONTACT, M_AREA, M_AREA_CHANNEL, M_EVENT),
    )
    with bot.core.db.session() as session:
        for slug, coordinator, party_slug, contact, area_slug, channel, title in arranged:
            network = registry.network_by_slug(slug, session=session)
            assert network is not None and network.id is not None
            party = session.exec(
                select(Party).where(Party.network_id == network.id, Party.slug == party_slug)
            ).one()
            area = session.exec(
                select(FocusArea).where(
                    FocusArea.network_id == network.id, FocusArea.slug == area_slug
                )
            ).one()
            area.channel_id = channel
            session.add(area)
            registry.add_person(
                session=session,
                network_id=network.id,
                name=f"Samordnare {slug}",
                actor="test",
                party_id=party.id,
                slack_user_id=coordinator,
                roles=["coordinator"],
            )
            person = registry.add_person(
                session=session,
                network_id=network.id,
                name=f"Kontakt {party_slug}",
                actor="test",
                party_id=party.id,
                slack_user_id=contact,
                roles=["contact"],
            )
            registry.join_area(
                session=session,
                area=area,
                party=party,
                actor="test",
                contact_person_id=person.id,
                at=local(2026, 2, 1),  # within the report's default year
            )
            event = store.create_event(
                session=session,
                network_id=network.id,
                actor="test",
                title=title,
                kind="meeting",
                starts_at=local(2026, 12, 8, 13, 0),
                area_id=area.id,
                reminder_offsets=[60],
            )
            reminders.plan_event(session, event, now=NOW)
    assert "hör nu till" in texts(command(bot, "nätverk kanal vastmanland", V_COORD, V_CHANNEL))
    assert "hör nu till" in texts(command(bot, "nätverk kanal 4m", M_COORD, M_CHANNEL))
    return bot


def posted(bot: LiveBot) -> list[tuple[str, str]]:
    """(channel, all text) of every message the bot posted."""
    return [
        (
            call.params["channel"],
            call.params.get("text", "") + json.dumps(call.blocks or [], ensure_ascii=False),
        )
        for call in bot.fake.calls("chat.postMessage")
    ]


def test_reminders_go_to_their_own_networks_channel_and_people(two_networks: LiveBot) -> None:
    bot = two_networks
    jobs.tick(bot.core, client_for(bot.core), now=local(2026, 12, 8, 12, 0))
    bot.fake.wait_for("chat.postMessage", count=2)
    sent = posted(bot)
    by_channel = {channel: text for channel, text in sent}
    assert set(by_channel) == {V_AREA_CHANNEL, M_AREA_CHANNEL}, sent
    assert V_EVENT in by_channel[V_AREA_CHANNEL] and M_EVENT not in by_channel[V_AREA_CHANNEL]
    assert M_EVENT in by_channel[M_AREA_CHANNEL] and V_EVENT not in by_channel[M_AREA_CHANNEL]
    # each coordinator's deliveries list is their own network's only
    jobs.tick(bot.core, client_for(bot.core), now=local(2026, 12, 8, 12, 5))
    assert len(bot.fake.calls("chat.postMessage")) == 2  # sent once, nothing more
    with bot.core.db.session() as session:
        networks = {d.recipient: d.network_id for d in session.exec(select(Delivery))}
    assert networks == {
        V_AREA_CHANNEL: network_of(bot, "vastmanland").id,
        M_AREA_CHANNEL: network_of(bot, "4m").id,
    }


def test_the_deliveries_list_is_per_network(two_networks: LiveBot) -> None:
    bot = two_networks
    bot.fake.channels[M_AREA_CHANNEL] = {"is_archived": True}
    bot.fake.channels[V_AREA_CHANNEL] = {"is_archived": True}
    jobs.tick(bot.core, client_for(bot.core), now=local(2026, 12, 8, 12, 0))
    eventually(lambda: len(bot.fake.calls("chat.postMessage")) >= 2)
    in_4m = texts(command(bot, "leveranser", M_COORD, M_CHANNEL))
    assert M_EVENT in in_4m and V_EVENT not in in_4m
    in_vastmanland = texts(command(bot, "leveranser", V_COORD, V_CHANNEL))
    assert V_EVENT in in_vastmanland and M_EVENT not in in_vastmanland
    # 4M's coordinator has no coordinator rights in Västmanland's channel
    refused = texts(command(bot, "leveranser", M_COORD, V_CHANNEL))
    assert "bara samordnare" in refused and V_EVENT not in refused


def broadcast_values(text: str) -> dict[str, Any]:
    from tests.handlers.views.test_events_forms import broadcast_values as values

    return values(text, title="Nyhet")


def test_a_notice_reaches_its_own_networks_area_and_contacts_only(two_networks: LiveBot) -> None:
    bot = two_networks
    # 4M's coordinator cannot send to Västmanland's area, in its channel or from 4M's
    refused = texts(command(bot, "utskick lärarförsörjning", M_COORD, V_CHANNEL))
    assert "bara samordnare" in refused
    assert "hittar inget fokusområde" in texts(
        command(bot, "utskick lärarförsörjning", M_COORD, M_CHANNEL)
    )
    assert bot.fake.calls("views.open") == []
    command(bot, "utskick programråd", M_COORD, M_CHANNEL)
    [opened] = bot.fake.wait_for("views.open")
    form = opened.view
    assert "Eskilstuna kommun" in json.dumps(form["blocks"], ensure_ascii=False)
    assert "Sala kommun" not in json.dumps(form["blocks"], ensure_ascii=False)
    # a hand-made submission naming Västmanland's area in 4M's form is refused, nothing sent
    crafted = json.loads(form["private_metadata"])
    crafted["area_id"] = area_of(bot, "vastmanland", V_AREA).id
    body = submit(bot, M_COORD, "broadcast_preview", broadcast_values("hej"), json.dumps(crafted))
    assert body["response_action"] == "errors"
    body = submit(
        bot, M_COORD, "broadcast_preview", broadcast_values("Till 4M"), form["private_metadata"]
    )
    preview = body["view"]
    submit(bot, M_COORD, "broadcast_send", broadcast_values("Till 4M"), preview["private_metadata"])
    calls = bot.fake.wait_for("chat.postMessage", count=2)
    assert sorted(c.params["channel"] for c in calls) == sorted([M_AREA_CHANNEL, M_CONTACT])
    eventually(lambda: len({d.status for d in _deliveries(bot)} - {"sent"}) == 0)
    with bot.core.db.session() as session:
        [broadcast] = session.exec(select(Broadcast)).all()
        assert broadcast.network_id == network_of(bot, "4m").id
    # a tick of the clock sends nothing more, and nothing to Västmanland's people
    jobs.tick(bot.core, client_for(bot.core), now=NOW)
    channels = {c.params["channel"] for c in bot.fake.calls("chat.postMessage")}
    assert channels == {M_AREA_CHANNEL, M_CONTACT}


def _deliveries(bot: LiveBot) -> list[Delivery]:
    with bot.core.db.session() as session:
        return list(session.exec(select(Delivery)))


def feed(bot: LiveBot, body: dict[str, Any]) -> tuple[str, str]:
    url = texts(body).split("https://bot.example.se")[1].split()[0].rstrip(">")
    with urllib.request.urlopen(bot.url.rstrip("/") + url) as response:
        return url, response.read().decode()


def test_calendar_feeds_are_per_network(two_networks: LiveBot) -> None:
    bot = two_networks
    bot.core.settings = dataclasses.replace(bot.core.settings, public_url="https://bot.example.se")
    m_url, in_4m = feed(bot, command(bot, "kalender", M_CONTACT, M_CHANNEL))
    v_url, in_vastmanland = feed(bot, command(bot, "kalender", V_CONTACT, V_CHANNEL))
    assert m_url != v_url
    assert f"X-WR-CALNAME:{M_NAME}" in in_4m.replace("\r\n ", "")
    assert "programrådsmöte" in in_4m and "lärarforum" not in in_4m
    assert "lärarforum" in in_vastmanland and "programrådsmöte" not in in_vastmanland
    # the area feeds too; another network's area is not found from 4M's channel
    _, area_feed = feed(bot, command(bot, "kalender programråd", M_CONTACT, M_CHANNEL))
    assert "programrådsmöte" in area_feed and "lärarforum" not in area_feed
    missing = texts(command(bot, "kalender lärarförsörjning", M_CONTACT, M_CHANNEL))
    assert "hittar inget fokusområde" in missing and "https://" not in missing
    # a new event in Västmanland shows in its feed, never in 4M's
    with bot.core.db.session() as session:
        network = registry.network_by_slug("vastmanland", session=session)
        assert network is not None
        store.create_event(
            session=session,
            network_id=network.id,  # type: ignore[arg-type]
            actor="test",
            title="Västmanlands extra möte",
            starts_at=local(2026, 12, 15, 10, 0),
        )
    with urllib.request.urlopen(bot.url.rstrip("/") + m_url) as response:
        assert "extra möte" not in response.read().decode()
    with urllib.request.urlopen(bot.url.rstrip("/") + v_url) as response:
        assert "extra möte" in response.read().decode()


def uploaded(bot: LiveBot, name: str) -> str:
    for file_id, info in bot.fake.files.items():
        if info["filename"] == name:
            return bot.fake.uploads[file_id].decode("utf-8-sig")
    raise AssertionError(f"no upload named {name}: {list(bot.fake.files.values())}")


def test_an_export_is_the_networks_own(two_networks: LiveBot) -> None:
    bot = two_networks
    assert "skickar filerna till dig" in texts(command(bot, "export", M_COORD, M_CHANNEL))
    uploads = bot.fake.wait_for("files.completeUploadExternal", timeout=30)
    assert {c.params["channel_id"] for c in uploads} == {"D" + M_COORD}
    names = {info["filename"] for info in bot.fake.files.values()}
    assert len(names) == 4 and all(name.startswith("4m-") for name in names), names
    everything = "".join(uploaded(bot, name) for name in names)
    assert "Eskilstuna kommun" in everything and "Kommunöverskridande programråd" in everything
    assert "Sala kommun" not in everything and "Lärarförsörjning" not in everything
    assert "Kontakt sala" not in everything and "Kontakt eskilstuna" in everything
    participation = list(csv.reader(io.StringIO(uploaded(bot, "4m-deltagande.csv"))))
    assert participation and all("Sala" not in ",".join(row) for row in participation)
    # Västmanland's coordinator gets Västmanland's, refused in 4M's channel
    refused = texts(command(bot, "export", V_COORD, M_CHANNEL))
    assert "bara samordnare" in refused


def test_a_report_is_the_networks_own(two_networks: LiveBot) -> None:
    bot = two_networks
    body = command(bot, "rapport", M_COORD, M_CHANNEL)
    assert "sammanställer utvärderingsrapporten" in texts(body)
    [done] = bot.fake.wait_for("files.completeUploadExternal", timeout=30)
    assert done.params["channel_id"] == "D" + M_COORD
    markdown = uploaded(bot, "evaluation_report.md")
    assert M_NAME in markdown and V_NAME not in markdown, markdown
    assert "Eskilstuna kommun" in markdown and "Sala kommun" not in markdown, markdown
    assert "Lärarförsörjning" not in markdown
    matrix = uploaded(bot, "participation_matrix.csv")
    assert "Eskilstuna kommun" in matrix and "Sala kommun" not in matrix
    assert "bara samordnare" in texts(command(bot, "rapport", M_COORD, V_CHANNEL))


def test_the_cli_exports_and_reports_one_network(
    two_networks: LiveBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot.cli import main

    bot = two_networks
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", bot.core.settings.database_url)
    capsys.readouterr()
    assert main(["export", "4m"]) == 0
    exported = capsys.readouterr().out
    assert "Eskilstuna kommun" in exported and "Kontakt eskilstuna" in exported
    assert "Sala kommun" not in exported and "Kontakt sala" not in exported
    assert M_EVENT in exported and V_EVENT not in exported
    period = ["--from", "2026-01-01", "--to", "2026-06-30"]  # the CLI runs on the real clock
    assert main(["report", "4m", *period, "--out", str(tmp_path / "4m")]) == 0
    markdown = (tmp_path / "4m" / "evaluation_report.md").read_text(encoding="utf-8")
    assert M_NAME in markdown and "Eskilstuna kommun" in markdown
    assert "Sala kommun" not in markdown
    assert main(["report", "vastmanland", *period, "--out", str(tmp_path / "v")]) == 0
    markdown = (tmp_path / "v" / "evaluation_report.md").read_text(encoding="utf-8")
    assert "Sala kommun" in markdown and "Eskilstuna kommun" not in markdown
    # each network's events (--all: the CLI runs on the real clock), as the CLI lists them
    capsys.readouterr()
    assert main(["event", "list", "--all", "--network", "4m"]) == 0
    listed = capsys.readouterr().out
    assert M_EVENT in listed and V_EVENT not in listed
    assert main(["event", "list", "--all", "--network", "vastmanland"]) == 0
    listed = capsys.readouterr().out
    assert V_EVENT in listed and M_EVENT not in listed
