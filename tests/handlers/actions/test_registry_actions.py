"""Registry buttons through signed block_actions: Approve/Reject, Home buttons, matrix pages,
the join form's party picker; every refusal changes nothing."""

from __future__ import annotations

from bot.registry.ids import (
    APPROVE,
    HOME_ASK,
    HOME_EXPORT,
    HOME_JOIN,
    HOME_NEW_AREA,
    HOME_NEW_PERSON,
    HOME_REGISTER,
    JOIN_PARTY,
    JOIN_VIEW,
    MATRIX_PAGE,
    REJECT,
)
from storage import registry
from storage.models import Party, RegistrationStatus
from tests.conftest import ADMIN, LiveBot
from tests.fake_slack.signing import option, state_input
from tests.registry_support import (
    COORD,
    SALA_CHIEF,
    SALA_MEMBER,
    VISITOR,
    audit_count,
    party_id,
    people,
    person,
    registrations,
    text_of_view,
)


def _pending(bot: LiveBot, user: str = VISITOR, role: str = "school_chief") -> int:
    core = bot.core
    with core.db.session() as session:
        network = core.network(session)
        registration = registry.create_registration(
            session=session,
            network_id=network.id,  # type: ignore[arg-type]
            slack_user_id=user,
            name="Eva Ny",
            party_id=party_id(core, "sala"),
            role=role,
        )
        return registration.id  # type: ignore[return-value]


def _click(
    bot: LiveBot, user: str, action_id: str, value: str | None = None, **kwargs: object
) -> None:
    result = bot.slack.action(user, action_id, value, **kwargs)
    assert result.status == 200, result.text


def test_coordinator_approves_in_the_message_and_the_person_is_told(bot: LiveBot) -> None:
    people(bot.core)
    registration_id = _pending(bot)
    _click(bot, COORD, APPROVE, str(registration_id), channel_id="DUCOORD0001")
    [update] = bot.fake.wait_for("response_url")
    assert update.params["replace_original"] in (True, "true")
    assert "Godkänd av" in update.params["text"]
    assert not any(b["type"] == "actions" for b in update.params["blocks"])
    dm = bot.fake.wait_for(
        "chat.postMessage", predicate=lambda c: c.params["channel"] == f"D{VISITOR}"
    )
    assert "Välkommen" in dm[0].params["text"]
    eva = person(bot.core, VISITOR)
    assert eva is not None and eva.party_id == party_id(bot.core, "sala")
    with bot.core.db.session() as session:
        roles = registry.roles_of(session=session, person_id=eva.id, network_id=eva.network_id)  # type: ignore[union-attr,arg-type]
        assert roles == {"school_chief"}
    assert registrations(bot.core)[0].decided_by == COORD
    bot.fake.wait_for("views.publish", predicate=lambda c: c.params["user_id"] == VISITOR)


def test_rejection_tells_the_person_in_their_language(bot: LiveBot) -> None:
    people(bot.core)
    bot.fake.users[VISITOR] = {"locale": "en-US"}
    registration_id = _pending(bot)
    _click(bot, COORD, REJECT, str(registration_id))
    dm = bot.fake.wait_for(
        "chat.postMessage", predicate=lambda c: c.params["channel"] == f"D{VISITOR}"
    )
    assert "was not approved" in dm[0].params["text"]
    assert registrations(bot.core)[0].status == RegistrationStatus.rejected
    assert person(bot.core, VISITOR) is None


def test_non_coordinators_clicking_approve_are_refused_and_nothing_changes(bot: LiveBot) -> None:
    people(bot.core)
    registration_id = _pending(bot)
    before = audit_count(bot.core)
    for user in (SALA_CHIEF, SALA_MEMBER, VISITOR):
        _click(bot, user, APPROVE, str(registration_id))
    replies = bot.fake.wait_for("response_url", count=3)
    assert all(r.params["replace_original"] in (False, "false") for r in replies)
    assert all("samordnare" in r.params["text"] for r in replies)
    assert registrations(bot.core)[0].status == RegistrationStatus.pending
    assert audit_count(bot.core) == before
    assert person(bot.core, VISITOR) is None


def test_a_second_click_and_a_forged_id_are_refused(bot: LiveBot) -> None:
    people(bot.core)
    registration_id = _pending(bot)
    _click(bot, COORD, APPROVE, str(registration_id))
    bot.fake.wait_for("response_url")
    _click(bot, COORD, REJECT, str(registration_id))
    replies = bot.fake.wait_for("response_url", count=3)
    assert any("är redan godkänd av" in r.params.get("text", "") for r in replies)
    assert registrations(bot.core)[0].status == RegistrationStatus.approved
    for forged in ("99999", "not-a-number"):
        _click(bot, COORD, APPROVE, forged)
    bot.fake.wait_for(
        "response_url", predicate=lambda c: "hittar inte" in c.params.get("text", ""), count=2
    )


def test_approve_from_the_home_tab_republishes_it(bot: LiveBot) -> None:
    people(bot.core)
    registration_id = _pending(bot)
    _click(bot, COORD, APPROVE, str(registration_id), view={"type": "home", "id": "VHOME"})
    bot.fake.wait_for("views.publish", predicate=lambda c: c.params["user_id"] == COORD)
    assert registrations(bot.core)[0].status == RegistrationStatus.approved


def test_home_buttons_open_their_forms(bot: LiveBot) -> None:
    people(bot.core)
    home = {"type": "home", "id": "VHOME"}
    _click(bot, SALA_CHIEF, HOME_JOIN, view=home)
    _click(bot, VISITOR, HOME_REGISTER, view=home)
    _click(bot, VISITOR, HOME_ASK, view=home)
    _click(bot, COORD, HOME_NEW_AREA, view=home)
    _click(bot, COORD, HOME_NEW_PERSON, view=home)
    opened = bot.fake.wait_for("views.open", count=5)
    ids = sorted(c.view["callback_id"] for c in opened)
    assert ids == sorted(
        ["registry_join", "registry_register", "registry_ask", "registry_area", "registry_person"]
    )


def test_home_buttons_for_coordinators_refuse_others_with_a_modal(bot: LiveBot) -> None:
    people(bot.core)
    home = {"type": "home", "id": "VHOME"}
    for action in (HOME_NEW_AREA, HOME_NEW_PERSON, HOME_EXPORT):
        _click(bot, SALA_CHIEF, action, view=home)
    _click(bot, VISITOR, HOME_JOIN, view=home)
    _click(bot, SALA_MEMBER, HOME_REGISTER, view=home)
    opened = bot.fake.wait_for("views.open", count=5)
    assert all(c.view["callback_id"] == "registry_info" for c in opened)
    texts = [text_of_view(c.view) for c in opened]
    assert sum("kan bara samordnare" in t for t in texts) == 3
    assert any("registrera" in t for t in texts) and any("redan i registret" in t for t in texts)
    bot.fake.assert_no_call("files.completeUploadExternal")


def test_export_button_uploads_csv_files_to_the_coordinators_dm(bot: LiveBot) -> None:
    people(bot.core)
    _click(bot, COORD, HOME_EXPORT, view={"type": "home", "id": "VHOME"})
    [complete] = bot.fake.wait_for("files.completeUploadExternal")
    assert complete.params["channel_id"] == f"D{COORD}"
    names = sorted(info["filename"] for info in bot.fake.files.values())
    assert names == sorted(
        [
            "vastmanland-deltagande.csv",
            "vastmanland-deltagandehistorik.csv",
            "vastmanland-kontakter.csv",
            "vastmanland-ataganden.csv",
        ]
    )


def test_matrix_page_button_publishes_that_page(bot: LiveBot) -> None:
    people(bot.core)
    _click(bot, COORD, f"{MATRIX_PAGE}_next", "1", view={"type": "home", "id": "VHOME"})
    [call] = bot.fake.wait_for("views.publish")
    assert "Parter, sida 1 av 1" in text_of_view(call.view)  # 12 parties: one page; clamped


def test_party_picker_in_the_join_form_shows_that_partys_areas(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    with core.db.session() as session:
        area = registry.areas(session=session, network_id=core.network(session).id)[0]  # type: ignore[arg-type]
        koping_party = session.get(Party, party_id(core, "koping"))
        registry.join_area(session=session, area=area, party=koping_party, actor="test")  # type: ignore[arg-type]
    koping = party_id(core, "koping")
    values = {"party": {JOIN_PARTY: state_input(option(str(koping)), type="static_select")}}
    view = {"id": "VJOIN", "type": "modal", "callback_id": JOIN_VIEW, "hash": "1.abc"}
    _click(
        bot,
        COORD,
        JOIN_PARTY,
        block_id="party",
        view=view,
        state_values=values,
        selected_option=option(str(koping)),
    )
    [update] = bot.fake.wait_for("views.update")
    assert update.params["view_id"] == "VJOIN"
    new = update.view
    party = next(b for b in new["blocks"] if b.get("block_id") == "party")
    assert party["element"]["initial_option"]["value"] == str(koping)
    areas = next(b for b in new["blocks"] if b.get("block_id") == "areas")
    assert [o["value"] for o in areas["element"]["initial_options"]] == [str(area.id)]
    # A school chief cannot use the picker to look at another party's form.
    _click(
        bot,
        SALA_CHIEF,
        JOIN_PARTY,
        block_id="party",
        view=view,
        state_values=values,
        selected_option=option(str(koping)),
    )
    updates = bot.fake.wait_for("views.update", count=2)
    assert "bara ändra deltagande för Sala kommun" in text_of_view(updates[1].view)


def test_choosing_a_role_in_the_registration_form_offers_only_the_parties_it_fits(
    bot: LiveBot,
) -> None:
    from bot.registry.ids import REGISTER_ROLE, REGISTER_VIEW
    from tests.registry_support import command, opened_view

    command(bot, "registrera", VISITOR)
    first = opened_view(bot, REGISTER_VIEW)
    party = next(b for b in first["blocks"] if b.get("block_id") == "party")
    offered = {o["text"]["text"] for o in party["element"]["options"]}
    assert (
        "Region Västmanland" in offered and "Sveriges Kommuner och Regioner" in offered
    )  # no role yet
    role = next(b for b in first["blocks"] if b.get("block_id") == "role")
    assert role["element"]["action_id"] == REGISTER_ROLE and role["dispatch_action"] is True

    values = {
        "name": {"name": state_input("Eva Ny")},
        "role": {REGISTER_ROLE: state_input(option("school_chief"), type="static_select")},
        "title": {"title": state_input("skolchef")},
    }
    view = {"id": "VREG", "type": "modal", "callback_id": REGISTER_VIEW, "hash": "1.abc"}
    _click(
        bot,
        VISITOR,
        REGISTER_ROLE,
        block_id="role",
        view=view,
        state_values=values,
        selected_option=option("school_chief"),
    )
    [update] = bot.fake.wait_for("views.update")
    assert update.params["view_id"] == "VREG"
    blocks = {b.get("block_id"): b for b in update.view["blocks"]}
    offered = {o["text"]["text"] for o in blocks["party"]["element"]["options"]}
    assert "Sala kommun" in offered and "Västerås stad" in offered
    assert "Region Västmanland" not in offered
    assert "Sveriges Kommuner och Regioner" not in offered
    with bot.core.db.session() as session:
        kinds = {
            p.kind
            for p in registry.parties(session=session, network_id=bot.core.network(session).id)  # type: ignore[arg-type]
            if p.name in offered
        }
    assert kinds <= {"municipality", "independent_school"}
    # what was typed stays
    assert blocks["name"]["element"]["initial_value"] == "Eva Ny"
    assert blocks["title"]["element"]["initial_value"] == "skolchef"
    assert blocks["role"]["element"]["initial_option"]["value"] == "school_chief"


def test_one_coordinators_decision_updates_every_coordinators_message(bot: LiveBot) -> None:
    from bot.registry.ids import REGISTER_VIEW
    from tests.fake_slack.signing import option as opt
    from tests.registry_support import submit

    people(bot.core)
    core = bot.core
    bot.fake.users[ADMIN] = {"locale": "en-US"}
    values = {
        "name": {"name": state_input("Eva Ny")},
        "party": {"party": state_input(opt(str(party_id(core, "sala"))), type="static_select")},
        "role": {"role": state_input(opt("school_chief"), type="static_select")},
        "title": {"title": state_input("Skolchef")},
    }
    submit(bot, VISITOR, REGISTER_VIEW, values)
    posts = bot.fake.wait_for("chat.postMessage", count=2)
    by_user = {c.params["channel"]: c for c in posts}
    assert "Skolchef" not in by_user[COORD].params["text"]  # the role once, not the title too
    assert "Roll:* skolchef" in by_user[COORD].params["text"]
    assert "Role:* school chief" in by_user[ADMIN].params["text"]  # each in their language
    [registration] = registrations(core)
    coord_ts = by_user[COORD].response["ts"]
    admin_channel, admin_ts = by_user[ADMIN].response["channel"], by_user[ADMIN].response["ts"]

    # the coordinator approves in their DM: the admin's copy shows it, without buttons
    _click(
        bot,
        COORD,
        APPROVE,
        str(registration.id),
        channel_id=by_user[COORD].response["channel"],
        message={"type": "message", "ts": coord_ts, "text": "x", "blocks": []},
    )
    [update] = bot.fake.wait_for("chat.update")
    assert (update.params["channel"], update.params["ts"]) == (admin_channel, admin_ts)
    assert f"Approved by <@{COORD}>" in update.params["text"]
    assert not any(b["type"] == "actions" for b in update.blocks)
    stored = bot.fake.messages(admin_channel)[-1]
    assert "Approved by" in stored["text"]
    assert registrations(core)[0].status == RegistrationStatus.approved

    # the admin clicks anyway (an old copy): kindly refused, nothing changes
    before = audit_count(core)
    _click(bot, ADMIN, REJECT, str(registration.id), channel_id=admin_channel)
    refusal = bot.fake.wait_for(
        "response_url",
        predicate=lambda c: c.params.get("replace_original") in (False, "false"),
    )[-1]
    assert refusal.params["response_type"] == "ephemeral"
    assert f"<@{COORD}> already approved Eva Ny" in refusal.params["text"]
    assert registrations(core)[0].status == RegistrationStatus.approved
    assert audit_count(core) == before
    assert len(bot.fake.calls("chat.update")) == 1  # a refused click updates no one else
