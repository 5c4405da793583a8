"""Several networks in one workspace, through signed HTTP requests: Västmanland and 4M side by
side, with Västerås stad in both. A request works on the network of its channel, else the
asker's only network, else the one they chose; where nothing says, they are asked with a
select, and choosing runs their command or question in that network. A coordinator's rights
are per network."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

from bot.core.network_choice import CHOOSE_ACTION
from bot.core.runtime import SEED_DIR
from bot.registry.home_view import NETWORK_SWITCH
from storage import networkfile, registry
from storage.models import FocusArea, Network, NetworkChannel, Organisation, Party
from tests.conftest import ADMIN, LiveBot
from tests.fake_slack.blockkit import validate_blocks, validate_view
from tests.fake_slack.signing import BOT_USER_ID, app_home_opened, app_mention, message_im
from tests.helpers import texts

BOTH = "UBOTHNET1"  # school chief for Västerås in both networks, coordinator in 4M only
TWO = "UTWONETS1"  # a member of Västerås in both networks
SOLO = "USOLO4M01"  # in 4M only
C4M, CVAST, CGENERAL = "C4MGYMNAS", "CVASTMANL", "CGENERAL1"
FOUR_M_AREA = "Kommunöverskridande programråd"
VASTMANLAND_AREA = "Lärarförsörjning"


def network_id(bot: LiveBot, slug: str) -> int:
    with bot.core.db.session() as session:
        return session.exec(select(Network.id).where(Network.slug == slug)).one()


@pytest.fixture
def side_by_side(bot: LiveBot) -> LiveBot:
    """The seeded Västmanland network plus 4M, and people in one or both."""
    spec = networkfile.load_file(SEED_DIR / "4m.toml")
    with bot.core.db.session() as session:
        networkfile.import_network(spec, session=session, actor="test", base_dir=SEED_DIR)
    with bot.core.db.session() as session:
        for slug in ("vastmanland", "4m"):
            network = registry.network_by_slug(slug, session=session)
            assert network is not None and network.id is not None
            vasteras = session.exec(
                select(Party).where(Party.network_id == network.id, Party.slug == "vasteras")
            ).one()
            people: list[tuple[str, list[str]]] = [
                (BOTH, ["school_chief", "coordinator"] if slug == "4m" else ["school_chief"]),
                (TWO, ["member"]),
            ]
            if slug == "4m":
                people.append((SOLO, ["member"]))
            for user, roles in people:
                registry.add_person(
                    session=session,
                    network_id=network.id,
                    name=f"Person {user}",
                    actor="test",
                    party_id=vasteras.id,
                    slack_user_id=user,
                    roles=roles,
                )
    return bot


def command(bot: LiveBot, text: str, user: str, channel: str) -> dict[str, Any]:
    result = bot.slack.command(text, user=user, channel_id=channel)
    assert result.status == 200, result.text
    body = result.json()
    assert validate_blocks(body.get("blocks", []), "message") == []
    return body


def the_select(body: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The block id of the network select in a reply, and its options by label."""
    for block in body.get("blocks", []):
        accessory = block.get("accessory") or {}
        if accessory.get("action_id") == CHOOSE_ACTION:
            options = {o["text"]["text"]: o["value"] for o in accessory["options"]}
            return block["block_id"], options
    raise AssertionError(f"no network select in {body}")


def choose(bot: LiveBot, user: str, body: dict[str, Any], name: str, channel: str) -> str:
    """Pick `name` in the select of `body`; returns what the bot answered (response_url)."""
    block_id, options = the_select(body)
    before = len(bot.fake.calls("response_url"))
    result = bot.slack.action(
        user,
        CHOOSE_ACTION,
        block_id=block_id,
        selected_option={"value": options[name], "text": {"type": "plain_text", "text": name}},
        channel_id=channel,
    )
    assert result.status == 200
    calls = bot.fake.wait_for("response_url", count=before + 1)
    answer = calls[-1]
    assert validate_blocks(answer.params.get("blocks") or [], "message") == []
    return texts({"text": answer.params.get("text", ""), "blocks": answer.params.get("blocks")})


def title_of(view: dict[str, Any]) -> str:
    return view["blocks"][0]["text"]["text"]


def bind_channels(bot: LiveBot) -> None:
    bound = texts(command(bot, "nätverk kanal 4m", BOTH, C4M))
    assert "hör nu till *Fördjupad samverkan mellan gymnasieutbildningarna i 4M*" in bound
    bound = texts(command(bot, "nätverk kanal vastmanland", ADMIN, CVAST))
    assert "hör nu till *Ensam är inte stark – Västmanland*" in bound


def test_each_channel_works_on_its_own_network(side_by_side: LiveBot) -> None:
    bot = side_by_side
    bind_channels(bot)
    in_4m = texts(command(bot, "områden", BOTH, C4M))
    assert FOUR_M_AREA in in_4m and VASTMANLAND_AREA not in in_4m
    in_vastmanland = texts(command(bot, "områden", BOTH, CVAST))
    assert VASTMANLAND_AREA in in_vastmanland and FOUR_M_AREA not in in_vastmanland
    # a visitor in no network: the channel's network too
    assert FOUR_M_AREA in texts(command(bot, "områden", "UVISITOR9", C4M))
    # someone in 4M only gets 4M anywhere, unasked
    assert FOUR_M_AREA in texts(command(bot, "områden", SOLO, CGENERAL))


def test_a_coordinators_rights_are_per_network(side_by_side: LiveBot) -> None:
    bot = side_by_side
    bind_channels(bot)
    allowed = texts(command(bot, "export", BOTH, C4M))
    assert "skickar filerna till dig" in allowed
    refused = texts(command(bot, "export", BOTH, CVAST))
    assert "bara samordnare" in refused and "skickar filerna" not in refused
    # tying a channel to Västmanland needs a Västmanland coordinator: nothing changes
    refusal = texts(command(bot, "nätverk kanal vastmanland", BOTH, CGENERAL))
    assert "Bara samordnare i *Ensam är inte stark – Västmanland*" in refusal
    with bot.core.db.session() as session:
        assert session.get(NetworkChannel, CGENERAL) is None
    # the export that was allowed is 4M's registry, sent after the ack
    uploads = bot.fake.wait_for("files.getUploadURLExternal", count=4)
    assert {c.params["filename"] for c in uploads} >= {"4m-deltagande.csv", "4m-kontakter.csv"}


def test_where_nothing_says_which_network_the_user_is_asked_and_the_choice_is_kept(
    side_by_side: LiveBot,
) -> None:
    bot = side_by_side
    asked = command(bot, "områden", TWO, CGENERAL)
    text = texts(asked)
    assert "Vilket gäller det?" in text and FOUR_M_AREA not in text
    _, options = the_select(asked)
    assert set(options) == {
        "Ensam är inte stark – Västmanland",
        "Fördjupad samverkan mellan gymnasieutbildningarna i 4M",
    }
    answered = choose(
        bot, TWO, asked, "Fördjupad samverkan mellan gymnasieutbildningarna i 4M", CGENERAL
    )
    assert FOUR_M_AREA in answered  # the command ran again, in 4M
    # remembered: not asked again
    again = texts(command(bot, "områden", TWO, CGENERAL))
    assert FOUR_M_AREA in again and "Vilket gäller det?" not in again
    # switched by command
    switched = texts(command(bot, "nätverk vastmanland", TWO, CGENERAL))
    assert "Du arbetar nu i *Ensam är inte stark – Västmanland*" in switched
    assert VASTMANLAND_AREA in texts(command(bot, "områden", TWO, CGENERAL))
    listed = texts(command(bot, "nätverk", TWO, CGENERAL))
    assert "*Ensam är inte stark – Västmanland* (`vastmanland`) – här arbetar du nu" in listed
    assert "Fördjupad samverkan mellan gymnasieutbildningarna i 4M (`4m`)" in listed
    unknown = texts(command(bot, "nätverk ingenstans", TWO, CGENERAL))
    assert "hittar inget nätverk" in unknown and "`4m`" in unknown


def test_a_question_is_answered_from_the_channels_network_and_asks_in_a_dm(
    side_by_side: LiveBot,
) -> None:
    bot = side_by_side
    bind_channels(bot)
    with bot.core.db.session() as session:  # the channel binding chose nothing for TWO
        assert registry.network_by_slug("4m", session=session) is not None
    bot.slack.event(app_mention(f"<@{BOT_USER_ID}> Vilka kommuner är med?", user=TWO, channel=C4M))
    [answer] = bot.fake.wait_for("chat.postMessage")
    in_4m = texts({"text": answer.params.get("text", ""), "blocks": answer.blocks})
    assert "Eskilstuna kommun" in in_4m and "Sala kommun" not in in_4m
    # in a DM nothing says which network: TWO last worked in 4M (the channel above)...
    bot.slack.event(message_im("Vilka kommuner är med?", user=SOLO))
    calls = bot.fake.wait_for("chat.postMessage", count=2)
    solo = texts({"text": calls[-1].params.get("text", ""), "blocks": calls[-1].blocks})
    assert "Eskilstuna kommun" in solo  # one network: answered unasked
    # ...and someone in both networks who never chose is asked, in the thread
    bot.slack.event(message_im("Vilka kommuner är med?", user=BOTH))
    calls = bot.fake.wait_for("chat.postMessage", count=3)
    question = {"text": calls[-1].params.get("text", ""), "blocks": calls[-1].blocks}
    assert "Vilket gäller det?" in texts(question)
    assert calls[-1].params["channel"] == "D" + BOTH
    answered = choose(bot, BOTH, question, "Ensam är inte stark – Västmanland", "D" + BOTH)
    assert "Sala kommun" in answered and "Eskilstuna" not in answered


def test_the_home_shows_each_of_the_viewers_networks(side_by_side: LiveBot) -> None:
    bot = side_by_side
    command(bot, "nätverk 4m", TWO, CGENERAL)
    bot.slack.event(app_home_opened(TWO))
    [call] = bot.fake.wait_for("views.publish")
    assert validate_view(call.view, "home") == []
    home = texts({"blocks": call.view["blocks"]})
    assert "Fördjupad samverkan mellan gymnasieutbildningarna i 4M" in title_of(call.view)
    assert "Även: Ensam är inte stark – Västmanland" in home
    switch = [
        e
        for b in call.view["blocks"]
        for e in b.get("elements", [])
        if isinstance(e, dict) and e.get("action_id") == NETWORK_SWITCH
    ]
    assert [e["value"] for e in switch] == [str(network_id(bot, "vastmanland"))]
    bot.slack.action(TWO, NETWORK_SWITCH, switch[0]["value"], view=call.view)
    calls = bot.fake.wait_for("views.publish", count=2)
    home = texts({"blocks": calls[-1].view["blocks"]})
    assert "Ensam är inte stark – Västmanland" in title_of(calls[-1].view)
    assert "Även: Fördjupad samverkan mellan gymnasieutbildningarna i 4M" in home


def test_vasteras_is_one_organisation_with_participation_per_network(
    side_by_side: LiveBot,
) -> None:
    bot = side_by_side
    bind_channels(bot)
    joined = texts(command(bot, "gå-med programrad", BOTH, C4M))
    assert "Västerås stad" in joined and "deltar nu" in joined
    with bot.core.db.session() as session:
        parties = session.exec(select(Party).where(Party.slug == "vasteras")).all()
        assert len({p.network_id for p in parties}) == 2
        assert len({p.organisation_id for p in parties}) == 1
        organisation = session.get(Organisation, parties[0].organisation_id)
        assert organisation is not None and organisation.name == "Västerås stad"
    # the participation is 4M's only: Västmanland's areas have no participant
    in_vastmanland = texts(command(bot, "områden", BOTH, CVAST))
    assert "0 deltagare" in in_vastmanland and "1 deltagare" not in in_vastmanland
    assert "1 deltagare" in texts(command(bot, "områden", BOTH, C4M))


def test_a_form_is_saved_in_the_network_it_was_opened_in(side_by_side: LiveBot) -> None:
    from tests.registry_support import join_values, submit

    bot = side_by_side
    bind_channels(bot)
    result = bot.slack.command("gå-med", user=BOTH, channel_id=C4M)
    assert result.status == 200
    [opened] = bot.fake.wait_for("views.open")
    form = opened.view
    shown = texts({"blocks": form["blocks"]}) + str(form["blocks"])
    assert FOUR_M_AREA in shown and VASTMANLAND_AREA not in shown
    # meanwhile BOTH works in Västmanland (their remembered network moves there)...
    command(bot, "områden", BOTH, CVAST)
    with bot.core.db.session() as session:
        programrad = session.exec(select(FocusArea.id).where(FocusArea.slug == "programrad")).one()
    # ...and the 4M form, submitted now, still joins 4M's area for 4M's Västerås
    body = submit(
        bot, BOTH, form["callback_id"], join_values([programrad]), form["private_metadata"]
    )
    assert "gick med i *Kommunöverskridande programråd*" in str(body)
    assert "1 deltagare" in texts(command(bot, "områden", BOTH, C4M))
    assert "1 deltagare" not in texts(command(bot, "områden", BOTH, CVAST))


def test_a_long_question_is_kept_whole_until_the_network_is_chosen(side_by_side: LiveBot) -> None:
    from storage.models import ParkedRequest

    bot = side_by_side
    preamble = "Hej! Jag är ny som skolchef och försöker förstå hur allt hänger ihop, förlåt. "
    question = preamble * 4 + "Vilka kommuner är med?"  # the question itself after 300 characters
    assert len(question) > 300
    bot.slack.event(message_im(question, user=BOTH))
    [asked] = bot.fake.wait_for("chat.postMessage")
    body = {"text": asked.params.get("text", ""), "blocks": asked.blocks}
    block_id, _ = the_select(body)
    assert len(block_id) <= 255 and "Vilka kommuner" not in block_id
    answered = choose(
        bot, BOTH, body, "Fördjupad samverkan mellan gymnasieutbildningarna i 4M", "D" + BOTH
    )
    assert "Eskilstuna kommun" in answered and "Sala kommun" not in answered
    with bot.core.db.session() as session:  # used once, then forgotten
        assert session.exec(select(ParkedRequest)).all() == []
    # choosing again in the same (old) select runs nothing: the request is gone
    again = choose(bot, BOTH, body, "Ensam är inte stark – Västmanland", "D" + BOTH)
    assert "Sala kommun" not in again and "Du arbetar nu i" in again


def test_a_long_command_is_kept_whole_and_unanswered_requests_are_pruned(
    side_by_side: LiveBot,
) -> None:
    from datetime import timedelta

    from sqlmodel import delete

    from bot.scheduler import tasks as jobs
    from storage.models import NetworkChoice, ParkedRequest

    bot = side_by_side
    preamble = "Hej! Jag är ny som skolchef och försöker förstå hur allt hänger ihop, förlåt. "
    text = "fråga " + preamble * 4 + "Vilka kommuner är med?"
    asked = command(bot, text, TWO, CGENERAL)
    block_id, _ = the_select(asked)
    assert len(block_id) <= 255 and "Vilka kommuner" not in block_id
    answered = choose(
        bot, TWO, asked, "Fördjupad samverkan mellan gymnasieutbildningarna i 4M", CGENERAL
    )
    assert "Eskilstuna kommun" in answered and "Sala kommun" not in answered
    # asked again elsewhere and never answered...
    with bot.core.db.session() as session:
        session.exec(delete(NetworkChoice))  # type: ignore[call-overload]
    command(bot, text, TWO, CGENERAL)
    with bot.core.db.session() as session:
        [parked] = session.exec(select(ParkedRequest)).all()
        assert parked.text == text and parked.kind == "command"
    # ...a day later nobody chose: the tick forgets it
    jobs.tick(bot.core, None, now=parked.created_at + timedelta(hours=23))
    with bot.core.db.session() as session:
        assert session.exec(select(ParkedRequest)).all() != []  # not yet
    jobs.tick(bot.core, None, now=parked.created_at + timedelta(hours=25))
    with bot.core.db.session() as session:
        assert session.exec(select(ParkedRequest)).all() == []


SHARED = "USHARED01"  # Sala's contact in Västmanland, Eskilstuna's coordinator in 4M


def test_one_human_in_two_networks_is_one_person_with_a_membership_in_each(
    side_by_side: LiveBot,
) -> None:
    from storage.models import Membership, Person

    bot = side_by_side
    with bot.core.db.session() as session:
        for slug, party_slug, title, roles in (
            ("vastmanland", "sala", "Rektor i Sala", ["contact"]),
            ("4m", "eskilstuna", "Samordnare för 4M", ["coordinator"]),
        ):
            network = registry.network_by_slug(slug, session=session)
            assert network is not None and network.id is not None
            party = session.exec(
                select(Party).where(Party.network_id == network.id, Party.slug == party_slug)
            ).one()
            registry.add_person(
                session=session,
                network_id=network.id,
                name="Dana Delad",
                actor="test",
                party_id=party.id,
                title=title,
                slack_user_id=SHARED,
                roles=roles,
            )
    with bot.core.db.session() as session:
        [person] = session.exec(select(Person).where(Person.slack_user_id == SHARED)).all()
        memberships = session.exec(
            select(Membership).where(Membership.person_id == person.id)
        ).all()
        assert len(memberships) == 2
    bind_channels(bot)
    # each channel shows the person as its network has them: party, title and role there
    in_vastmanland = texts(command(bot, "vem Dana Delad", ADMIN, CVAST))
    assert "Sala kommun" in in_vastmanland and "Rektor i Sala" in in_vastmanland
    assert "kontaktperson" in in_vastmanland
    assert "Eskilstuna" not in in_vastmanland and "samordnare" not in in_vastmanland
    in_4m = texts(command(bot, "vem Dana Delad", ADMIN, C4M))
    assert "Eskilstuna kommun" in in_4m and "Samordnare för 4M" in in_4m and "samordnare" in in_4m
    assert "Sala" not in in_4m and "kontaktperson" not in in_4m
    # coordinating 4M gives no rights in Västmanland
    assert "skickar filerna till dig" in texts(command(bot, "export", SHARED, C4M))
    refused = texts(command(bot, "export", SHARED, CVAST))
    assert "bara samordnare" in refused and "skickar filerna" not in refused
    # the App Home shows the party of the network it shows, and switches to the other one
    command(bot, "nätverk 4m", SHARED, CGENERAL)
    bot.slack.event(app_home_opened(SHARED))
    [call] = bot.fake.wait_for("views.publish")
    assert validate_view(call.view, "home") == []
    home = texts({"blocks": call.view["blocks"]})
    assert "Fördjupad samverkan mellan gymnasieutbildningarna i 4M" in title_of(call.view)
    # this network in full, then the other one in short, each with its own party
    here, there = home.split("Även: Ensam är inte stark – Västmanland")
    assert "Eskilstuna kommun" in here and "Samordnare för 4M" in here
    assert "Sala kommun" not in here and "Rektor i Sala" not in here
    assert "Sala kommun" in there and "Rektor i Sala" in there
    switch = [
        e
        for b in call.view["blocks"]
        for e in b.get("elements", [])
        if isinstance(e, dict) and e.get("action_id") == NETWORK_SWITCH
    ]
    assert [e["value"] for e in switch] == [str(network_id(bot, "vastmanland"))]
    bot.slack.action(SHARED, NETWORK_SWITCH, switch[0]["value"], view=call.view)
    calls = bot.fake.wait_for("views.publish", count=2)
    home = texts({"blocks": calls[-1].view["blocks"]})
    assert "Ensam är inte stark – Västmanland" in title_of(calls[-1].view)
    here, there = home.split("Även: Fördjupad samverkan mellan gymnasieutbildningarna i 4M")
    assert "Sala kommun" in here and "Rektor i Sala" in here
    assert "Eskilstuna kommun" not in here and "Samordnare för 4M" not in here
    assert "Eskilstuna kommun" in there and "Samordnare för 4M" in there


# --------------------------------------------------------------------------- forms from other
# surfaces: each saves into the network it was opened in, whatever the user chose meanwhile


def remember(bot: LiveBot, user: str, slug: str) -> None:
    """The user's remembered network (what DMs and forms without a stamp go by)."""
    command(bot, f"nätverk {slug}", user, CGENERAL)
    with bot.core.db.session() as session:
        from storage.models import NetworkChoice

        choice = session.get(NetworkChoice, user)
        assert choice is not None and choice.network_id == network_id(bot, slug)


def test_a_lesson_saved_from_a_message_in_4m_is_4ms(side_by_side: LiveBot) -> None:
    from storage.models import Lesson
    from tests.fake_slack.signing import state_input

    bot = side_by_side
    bind_channels(bot)
    message = {"type": "message", "user": SOLO, "ts": "1764000000.000200", "text": "Lån av lokaler"}
    assert bot.slack.shortcut(BOTH, "save_lesson", message, C4M).status == 200
    [opened] = bot.fake.wait_for("views.open")
    form = opened.view
    assert validate_view(form) == []
    shown = str(form["blocks"])
    assert FOUR_M_AREA in shown and VASTMANLAND_AREA not in shown
    remember(bot, BOTH, "vastmanland")  # meanwhile BOTH works in Västmanland
    with bot.core.db.session() as session:
        programrad = session.exec(select(FocusArea.id).where(FocusArea.slug == "programrad")).one()
    values = {
        "area": {"area": state_input(str(programrad), type="static_select")},
        "text": {"text": state_input("Lokaler går att låna mellan kommunerna.")},
        "tags": {"tags": state_input("lokaler")},
    }
    result = bot.slack.submit(
        BOTH, "save_lesson", values, private_metadata=form["private_metadata"]
    )
    assert result.status == 200 and result.json()["response_action"] == "update", result.text
    with bot.core.db.session() as session:
        [lesson] = session.exec(select(Lesson)).all()
        assert (lesson.network_id, lesson.area_id) == (network_id(bot, "4m"), programrad)
        vasteras_4m = session.exec(
            select(Party.id).where(
                Party.network_id == network_id(bot, "4m"), Party.slug == "vasteras"
            )
        ).one()
        assert lesson.party_id == vasteras_4m


def test_an_event_edited_or_cancelled_from_4ms_list_is_4ms(side_by_side: LiveBot) -> None:
    from datetime import UTC, datetime

    from storage import events as store
    from tests.fake_slack.signing import option
    from tests.handlers.views.test_events_forms import event_values

    bot = side_by_side
    bind_channels(bot)
    four_m = network_id(bot, "4m")
    with bot.core.db.session() as session:
        event_id = store.create_event(
            session=session,
            network_id=four_m,
            actor="test",
            title="Programrådets möte",
            kind="meeting",
            starts_at=datetime(2026, 12, 9, 12, 0, tzinfo=UTC),
        ).id
    listing = command(bot, "forum", BOTH, C4M)
    menus = [b["accessory"] for b in listing["blocks"] if b.get("accessory")]
    assert f"edit:{event_id}" in [o["value"] for m in menus for o in m["options"]]

    def pick(value: str) -> dict[str, Any]:
        before = len(bot.fake.calls("views.open"))
        result = bot.slack.action(
            BOTH,
            "event_manage",
            selected_option=option(value),
            action_type="overflow",
            channel_id=C4M,
        )
        assert result.status == 200
        return bot.fake.wait_for("views.open", count=before + 1)[-1].view

    edit = pick(f"edit:{event_id}")
    assert edit["callback_id"] == "event_form"
    remember(bot, BOTH, "vastmanland")  # meanwhile, where BOTH has no coordinator rights
    body = bot.slack.submit(
        BOTH,
        "event_form",
        event_values(title="Programrådets decembermöte", kind="meeting", date="2026-12-10"),
        private_metadata=edit["private_metadata"],
    )
    assert body.status == 200 and "errors" not in body.text, body.text
    with bot.core.db.session() as session:
        event = store.get_event(session=session, network_id=four_m, event_id=event_id)  # type: ignore[arg-type]
        assert event is not None and event.title == "Programrådets decembermöte"
    cancel = pick(f"cancel:{event_id}")
    assert cancel["callback_id"] == "event_cancel"
    remember(bot, BOTH, "vastmanland")
    done = bot.slack.submit(
        BOTH, "event_cancel", {}, private_metadata=cancel["private_metadata"]
    ).json()
    assert "inställt" in str(done["view"])
    with bot.core.db.session() as session:
        event = store.get_event(session=session, network_id=four_m, event_id=event_id)  # type: ignore[arg-type]
        assert event is not None and event.status == "cancelled"


def test_a_survey_of_4m_is_answered_in_4m_from_the_dm(side_by_side: LiveBot) -> None:
    from datetime import UTC, datetime

    from storage import surveys
    from storage.models import SurveyResponse
    from tests.followup.test_survey import answer_values

    bot = side_by_side
    four_m = network_id(bot, "4m")
    with bot.core.db.session() as session:
        vasteras_4m = session.exec(
            select(Party.id).where(Party.network_id == four_m, Party.slug == "vasteras")
        ).one()
        survey_id = surveys.create_survey(
            session=session,
            network_id=four_m,
            title="Hur går samverkan i 4M?",
            questions=["Samverkan ger mervärde.", "Programråden fungerar."],
            party_ids=[vasteras_4m],
            closes_at=datetime(2026, 12, 20, 22, 0, tzinfo=UTC),
            actor="test",
        ).id
    remember(bot, BOTH, "vastmanland")
    bot.slack.action(BOTH, "survey_open", str(survey_id), channel_id="D" + BOTH)
    [opened] = bot.fake.wait_for("views.open")
    form = opened.view
    assert validate_view(form) == [] and form["callback_id"] == "survey_answer"
    answer = bot.slack.submit(
        BOTH, "survey_answer", answer_values(4, 3), private_metadata=form["private_metadata"]
    ).json()
    assert answer["response_action"] == "update"
    assert "är sparat" in str(answer["view"])
    with bot.core.db.session() as session:
        [response] = session.exec(select(SurveyResponse)).all()
        assert (response.survey_id, response.party_id) == (survey_id, vasteras_4m)
        assert response.scores == [4, 3]


def test_adding_someone_of_another_network_links_the_same_human(side_by_side: LiveBot) -> None:
    """The person form and an approved registration in Västmanland, for Slack users who are in
    4M only, give them a Västmanland membership: still one person each."""
    from bot.registry.ids import APPROVE, PERSON_VIEW
    from storage.models import Membership, Person
    from tests.handlers.views.test_registry_views import _person_values
    from tests.registry_support import submit

    bot = side_by_side
    bind_channels(bot)
    vastmanland, four_m = network_id(bot, "vastmanland"), network_id(bot, "4m")
    with bot.core.db.session() as session:
        sala = session.exec(
            select(Party.id).where(Party.network_id == vastmanland, Party.slug == "sala")
        ).one()
        registry.add_person(
            session=session,
            network_id=four_m,
            name="Rut Registrerad",
            actor="test",
            slack_user_id="UREG4M001",
        )
        registration_id = registry.create_registration(
            session=session,
            network_id=vastmanland,
            slack_user_id="UREG4M001",
            name="Rut Registrerad",
            party_id=sala,
            role="school_chief",
        ).id
    assert bot.slack.command("person ny Solo", user=ADMIN, channel_id=CVAST).status == 200
    [opened] = bot.fake.wait_for("views.open")
    values = _person_values(
        "Person USOLO4M01", user=SOLO, party=sala, roles=["contact"], title="Lärare i Sala"
    )
    body = submit(bot, ADMIN, PERSON_VIEW, values, opened.view["private_metadata"])
    assert body.get("response_action") == "update", body
    # another human's Slack account cannot be given to someone else in another network
    two = registry_person_id(bot, TWO)
    taken = submit(
        bot,
        ADMIN,
        PERSON_VIEW,
        _person_values("Person UTWONETS1", user="UREG4M001", party=sala),
        f'{{"person":{two},"network":{vastmanland}}}',
    )
    assert taken["response_action"] == "errors" and "Rut Registrerad" in str(taken["errors"])
    result = bot.slack.action(ADMIN, APPROVE, str(registration_id), channel_id="DADMIN0001")
    assert result.status == 200
    bot.fake.wait_for("response_url")
    with bot.core.db.session() as session:
        for user, expected in (
            (
                SOLO,
                {
                    (four_m, "", frozenset({"member"})),
                    (vastmanland, "Lärare i Sala", frozenset({"contact"})),
                },
            ),
            (
                "UREG4M001",
                {(four_m, "", frozenset()), (vastmanland, "", frozenset({"school_chief"}))},
            ),
        ):
            [human] = session.exec(select(Person).where(Person.slack_user_id == user)).all()
            memberships = session.exec(
                select(Membership).where(Membership.person_id == human.id)
            ).all()
            found = {
                (
                    m.network_id,
                    m.title,
                    frozenset(
                        registry.roles_of(
                            session=session, person_id=human.id, network_id=m.network_id
                        )  # type: ignore[arg-type]
                    ),
                )
                for m in memberships
            }
            assert found == expected, user
        [two_human] = session.exec(select(Person).where(Person.slack_user_id == TWO)).all()
        assert two_human.id == two


def registry_person_id(bot: LiveBot, user: str) -> int:
    from storage.models import Person

    with bot.core.db.session() as session:
        return session.exec(select(Person.id).where(Person.slack_user_id == user)).one()  # type: ignore[return-value]
