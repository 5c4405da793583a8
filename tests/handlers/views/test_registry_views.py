"""Registry form submissions through signed view_submission requests."""

from __future__ import annotations

from sqlmodel import select

from bot.registry.ids import AREA_VIEW, JOIN_VIEW, PERSON_VIEW, REGISTER_VIEW
from storage import registry
from storage.models import FocusArea, Participation, RegistrationStatus
from tests.conftest import ADMIN, LiveBot
from tests.fake_slack.signing import option, state_input
from tests.helpers import active_party_slugs, add_person
from tests.registry_support import (
    COORD,
    SALA_CHIEF,
    SALA_MEMBER,
    VISITOR,
    area_id,
    audit_actions,
    audit_count,
    join_values,
    party_id,
    people,
    person,
    registrations,
    submit,
    text_of_view,
)


def test_school_chief_submits_the_join_form_and_sees_what_changed(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    teachers, analysis = area_id(core, "lararforsorjning"), area_id(core, "analys-och-uppfoljning")
    meta = f'{{"party":{party_id(core, "sala")}}}'
    body = submit(
        bot,
        SALA_CHIEF,
        JOIN_VIEW,
        join_values([teachers, analysis], contact=SALA_MEMBER, note="10 % tjänst"),
        meta,
    )
    assert body["response_action"] == "update"
    shown = text_of_view(body["view"])
    assert "gick med i *Lärarförsörjning*" in shown and "Analys och uppföljning" in shown
    assert active_party_slugs(core, "lararforsorjning") == ["sala"]
    with core.db.session() as session:
        rows = session.exec(select(Participation).where(Participation.left_at == None)).all()  # noqa: E711
        assert {r.note for r in rows} == {"10 % tjänst"}
    # Deselect one area: it is left (history kept), the other is unchanged.
    body = submit(
        bot,
        SALA_CHIEF,
        JOIN_VIEW,
        join_values([teachers], contact=SALA_MEMBER, note="10 % tjänst"),
        meta,
    )
    shown = text_of_view(body["view"])
    assert "lämnade *Analys och uppföljning*" in shown and "Lärarförsörjning" not in shown
    assert active_party_slugs(core, "analys-och-uppfoljning") == []
    assert audit_actions(core)[:3] == [
        "participation.leave",
        "participation.join",
        "participation.join",
    ]
    # Same again: nothing changed.
    body = submit(
        bot,
        SALA_CHIEF,
        JOIN_VIEW,
        join_values([teachers], contact=SALA_MEMBER, note="10 % tjänst"),
        meta,
    )
    assert "Inget ändrades" in text_of_view(body["view"])
    bot.fake.wait_for("views.publish", predicate=lambda c: c.params.get("user_id") == SALA_CHIEF)


def test_join_form_errors_appear_on_the_field_and_change_nothing(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    before = audit_count(core)
    meta = f'{{"party":{party_id(core, "sala")}}}'
    teachers = area_id(core, "lararforsorjning")
    unknown = submit(bot, SALA_CHIEF, JOIN_VIEW, join_values([teachers], contact="UNOBODY01"), meta)
    assert unknown["response_action"] == "errors" and "contact" in unknown["errors"]
    crafted = submit(bot, SALA_CHIEF, JOIN_VIEW, join_values([teachers, 99999]), meta)
    assert crafted["response_action"] == "errors" and "areas" in crafted["errors"]
    too_long = submit(bot, SALA_CHIEF, JOIN_VIEW, join_values([teachers], note="x" * 2001), meta)
    assert "note" in too_long["errors"]
    assert audit_count(core) == before
    assert active_party_slugs(core, "lararforsorjning") == []


def test_crafted_join_submissions_get_the_same_refusal_as_the_command(bot: LiveBot) -> None:
    people(bot.core)
    add_person(bot.core, "UKOPCHIEF1", "koping", "school_chief")
    core = bot.core
    teachers = area_id(core, "lararforsorjning")
    koping = party_id(core, "koping")
    # A school chief who forges another party (metadata and a party field) is refused.
    for values, meta in (
        (join_values([teachers]), f'{{"party":{koping}}}'),
        (join_values([teachers], party_id=koping), f'{{"party":{koping}}}'),
    ):
        body = submit(bot, SALA_CHIEF, JOIN_VIEW, values, meta)
        assert body["response_action"] == "update"
        assert "bara ändra deltagande för Sala kommun" in text_of_view(body["view"])
    # A member and a visitor get the command's refusals.
    member = submit(
        bot,
        SALA_MEMBER,
        JOIN_VIEW,
        join_values([teachers]),
        f'{{"party":{party_id(core, "sala")}}}',
    )
    assert "Bara skolchefer" in text_of_view(member["view"])
    visitor = submit(bot, VISITOR, JOIN_VIEW, join_values([teachers]), f'{{"party":{koping}}}')
    assert "registrera" in text_of_view(visitor["view"])
    assert active_party_slugs(core, "lararforsorjning") == []


def test_coordinator_joins_for_any_party_picked_in_the_form(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    vasteras = party_id(core, "vasteras")
    values = join_values([area_id(core, "elevhalsa")], party_id=vasteras)
    body = submit(bot, COORD, JOIN_VIEW, values, f'{{"party":{party_id(core, "sala")}}}')
    assert "Västerås stad" in text_of_view(body["view"])
    assert active_party_slugs(core, "elevhalsa") == ["vasteras"]


def _register_values(party: str | None, role: str | None, name: str = "Eva Ny") -> dict:
    return {
        "name": {"name": state_input(name)},
        "party": {"party": state_input(option(party) if party else None, type="static_select")},
        "role": {"role": state_input(option(role) if role else None, type="static_select")},
        "title": {"title": state_input("rektor")},
    }


def test_registration_goes_to_each_coordinator_by_dm_with_buttons(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    body = submit(
        bot, VISITOR, REGISTER_VIEW, _register_values(str(party_id(core, "sala")), "school_chief")
    )
    assert body["response_action"] == "update" and "Tack" in text_of_view(body["view"])
    [registration] = registrations(core)
    assert registration.status == RegistrationStatus.pending and registration.role == "school_chief"
    posts = bot.fake.wait_for("chat.postMessage", count=2)
    assert sorted(c.params["channel"] for c in posts) == sorted([COORD, ADMIN])  # as DMs
    buttons = posts[0].blocks[1]["elements"]
    assert [b["action_id"] for b in buttons] == [
        "registry_registration_approve",
        "registry_registration_reject",
    ]
    assert buttons[0]["value"] == str(registration.id)
    assert f"<@{VISITOR}>" in posts[0].params["text"] and "Sala kommun" in posts[0].params["text"]
    # Asking again while pending is refused; nothing new is stored.
    again = submit(
        bot, VISITOR, REGISTER_VIEW, _register_values(str(party_id(core, "sala")), "member")
    )
    assert "väntar redan" in text_of_view(again["view"])
    assert len(registrations(core)) == 1


def test_registration_goes_to_the_coordinators_channel_when_there_is_one(bot: LiveBot) -> None:
    core = bot.core
    with core.db.session() as session:
        network = core.network(session)
        network.coordinators_channel_id = "C0COORDS"
        session.add(network)
    submit(bot, VISITOR, REGISTER_VIEW, _register_values(str(party_id(core, "koping")), "contact"))
    [post] = bot.fake.wait_for("chat.postMessage")
    assert post.params["channel"] == "C0COORDS"


def test_registration_errors_and_refusals(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    body = submit(bot, VISITOR, REGISTER_VIEW, _register_values(None, "coordinator", name=""))
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {
        "name",
        "party",
        "role",
    }  # a coordinator role cannot be asked for
    forged = submit(bot, VISITOR, REGISTER_VIEW, _register_values("99999", "member"))
    assert "party" in forged["errors"]
    registered = submit(
        bot, SALA_MEMBER, REGISTER_VIEW, _register_values(str(party_id(core, "sala")), "member")
    )
    assert "redan i registret" in text_of_view(registered["view"])
    assert registrations(core) == []


def _person_values(name: str, **fields: object) -> dict:
    values = {
        "name": {"name": state_input(name)},
        "user": {"user": state_input(fields.get("user"), type="users_select")},
        "party": {
            "party": state_input(
                option(str(fields["party"])) if fields.get("party") else None, type="static_select"
            )
        },
        "roles": {
            "roles": state_input(
                [option(r) for r in fields.get("roles", [])], type="multi_static_select"
            )
        },
        "title": {"title": state_input(fields.get("title"))},
        "email": {"email": state_input(fields.get("email"))},
        "phone": {"phone": state_input(fields.get("phone"))},
    }
    return values


def test_coordinator_adds_and_changes_a_person_with_roles(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    sala = party_id(core, "sala")
    body = submit(
        bot,
        COORD,
        PERSON_VIEW,
        _person_values(
            "Nils Ny", user="UNILS0001", party=sala, roles=["contact"], email="nils@sala.se"
        ),
        '{"person":null}',
    )
    assert "finns nu i registret" in text_of_view(body["view"])
    nils = person(core, "UNILS0001")
    assert nils is not None and nils.party_id == sala and nils.email == "nils@sala.se"
    with core.db.session() as session:
        roles = registry.roles_of(session=session, person_id=nils.id, network_id=nils.network_id)  # type: ignore[union-attr,arg-type]
        assert roles == {"contact"}
    body = submit(
        bot,
        COORD,
        PERSON_VIEW,
        _person_values(
            "Nils Ny",
            user="UNILS0001",
            party=sala,
            roles=["school_chief"],
            email="nils@sala.se",
            phone="070-123 45 67",
        ),
        f'{{"person":{nils.id}}}',
    )
    assert "ändrade" in text_of_view(body["view"]) and "skolchef" in text_of_view(body["view"])
    with core.db.session() as session:
        roles = registry.roles_of(session=session, person_id=nils.id, network_id=nils.network_id)  # type: ignore[union-attr,arg-type]
        assert roles == {"school_chief"}
    assert audit_actions(core)[0] == "person.update"


def test_person_form_errors_and_refusal_for_non_coordinators(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    before = audit_count(core)
    body = submit(
        bot,
        COORD,
        PERSON_VIEW,
        _person_values("", user=SALA_CHIEF, email="not-an-email", phone="abc", roles=["king"]),
        "",
    )
    assert set(body["errors"]) == {"name", "email", "phone", "roles", "user"}
    refused = submit(
        bot,
        SALA_CHIEF,
        PERSON_VIEW,
        _person_values("Hacker", roles=["coordinator"], user=SALA_CHIEF),
        "",
    )
    assert "Bara samordnare" in text_of_view(refused["view"]) or "bara samordnare" in text_of_view(
        refused["view"]
    )
    assert audit_count(core) == before


def _area_values(name: str, **fields: object) -> dict:
    return {
        "name": {"name": state_input(name)},
        "description": {"description": state_input(fields.get("description"))},
        "lead": {"lead": state_input(fields.get("lead"), type="users_select")},
        "channel": {"channel": state_input(fields.get("channel"), type="conversations_select")},
    }


def test_coordinator_creates_and_edits_an_area_by_form(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    body = submit(
        bot,
        COORD,
        AREA_VIEW,
        _area_values(
            "Digitalisering", description="Gemensamma system", lead=SALA_CHIEF, channel="C0DIGI"
        ),
        '{"area":null}',
    )
    assert "Digitalisering" in text_of_view(body["view"])
    with core.db.session() as session:
        area = session.exec(select(FocusArea).where(FocusArea.slug == "digitalisering")).one()
        assert area.channel_id == "C0DIGI" and area.lead_person_id is not None
    body = submit(
        bot,
        COORD,
        AREA_VIEW,
        _area_values(
            "Digitalisering och AI",
            channel="C0DIGI",
            lead=SALA_CHIEF,
            description="Gemensamma system",
        ),
        f'{{"area":{area.id}}}',
    )
    assert "ändrade namn" in text_of_view(body["view"])
    assert audit_actions(core)[0] == "area.rename"


def test_area_form_errors_and_refusal(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    before = audit_count(core)
    taken = submit(bot, COORD, AREA_VIEW, _area_values("lararforsorjning", lead="UNOBODY01"), "")
    assert set(taken["errors"]) == {"name", "lead"}
    refused = submit(bot, SALA_CHIEF, AREA_VIEW, _area_values("Mitt område"), "")
    assert "samordnare" in text_of_view(refused["view"])
    assert audit_count(core) == before


def test_ask_form_sends_the_answer_by_dm_and_wants_a_question(bot: LiveBot) -> None:
    from bot.registry.ids import ASK_VIEW

    empty = submit(bot, VISITOR, ASK_VIEW, {"question": {"question": state_input(None)}})
    assert empty["response_action"] == "errors" and "question" in empty["errors"]
    assert (
        submit(bot, VISITOR, ASK_VIEW, {"question": {"question": state_input("Vem leder Sala?")}})
        == {}
    )
    [dm] = bot.fake.wait_for("chat.postMessage")
    assert dm.params["channel"] == f"D{VISITOR}" and dm.params["text"]


def test_registration_refuses_a_role_the_party_does_not_fit(bot: LiveBot) -> None:
    core = bot.core
    region = str(party_id(core, "region-vastmanland"))
    body = submit(bot, VISITOR, REGISTER_VIEW, _register_values(region, "school_chief"))
    assert body["response_action"] == "errors" and set(body["errors"]) == {"party"}
    assert "Region Västmanland kan inte ha rollen skolchef" in body["errors"]["party"]
    skr = str(party_id(core, "skr"))
    body = submit(bot, VISITOR, REGISTER_VIEW, _register_values(skr, "school_chief"))
    assert "Sveriges Kommuner och Regioner kan inte ha rollen skolchef" in body["errors"]["party"]
    assert registrations(core) == []
    # the region may have a contact person
    body = submit(bot, VISITOR, REGISTER_VIEW, _register_values(region, "contact"))
    assert body["response_action"] == "update"
    assert [r.role for r in registrations(core)] == ["contact"]


def test_person_form_refuses_a_role_the_party_does_not_fit(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    before = audit_count(core)
    skr = party_id(core, "skr")
    body = submit(
        bot, COORD, PERSON_VIEW, _person_values("Sam SKR", party=skr, roles=["school_chief"]), ""
    )
    assert set(body["errors"]) == {"roles"}
    assert "kan inte ha rollen skolchef" in body["errors"]["roles"]
    assert audit_count(core) == before
    body = submit(
        bot, COORD, PERSON_VIEW, _person_values("Sam SKR", party=skr, roles=["contact"]), ""
    )
    assert body["response_action"] == "update"
