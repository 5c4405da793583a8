"""The registry's Block Kit builders, tested as data (no Slack, no database)."""

from __future__ import annotations

from bot.core.forms import build_info_modal
from bot.registry.approval_view import (
    RegistrationCard,
    build_decided_message,
    build_registration_message,
)
from bot.registry.home_view import PARTIES_PER_PAGE, HomeData, Matrix, Pending, build_home
from bot.registry.ids import APPROVE, JOIN_PARTY, MATRIX_PAGE, REJECT
from bot.registry.views import (
    AreaForm,
    Choice,
    JoinForm,
    PersonForm,
    RegisterForm,
    build_area_modal,
    build_join_modal,
    build_person_modal,
    build_register_modal,
    read_metadata,
)
from tests.fake_slack.blockkit import validate_blocks, validate_view

PARTIES = [Choice(i, f"Kommun {i}") for i in range(1, 13)]
AREAS = [Choice(i, f"Område {i}") for i in range(1, 5)]


def test_join_modal_prefills_party_areas_contact_and_note() -> None:
    form = JoinForm(
        lang="sv",
        party=PARTIES[2],
        parties=PARTIES,
        areas=AREAS,
        joined=[2, 4],
        contact_user="U0CONTACT",
        note="En halv tjänst",
        commitments=["Avsätta tid"],
    )
    view = build_join_modal(form)
    assert validate_view(view, "modal") == []
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    party = blocks["party"]
    assert party["element"]["initial_option"]["value"] == "3"
    assert party["element"]["action_id"] == JOIN_PARTY and party["dispatch_action"] is True
    areas = blocks["areas"]["element"]
    assert [o["value"] for o in areas["initial_options"]] == ["2", "4"]
    assert blocks["areas"]["optional"] is True  # leaving every area is allowed
    assert blocks["contact"]["element"]["initial_user"] == "U0CONTACT"
    assert blocks["note"]["element"]["initial_value"] == "En halv tjänst"
    assert read_metadata(view["private_metadata"]) == {"party": 3}


def test_join_modal_for_a_school_chief_has_a_fixed_party_and_escapes_it() -> None:
    form = JoinForm(
        lang="en", party=Choice(1, "<!channel> & co"), parties=None, areas=AREAS, joined=[]
    )
    view = build_join_modal(form)
    assert validate_view(view, "modal") == []
    assert "party" not in {b.get("block_id") for b in view["blocks"]}
    assert "&lt;!channel&gt; &amp; co" in view["blocks"][0]["text"]["text"]
    assert view["title"]["text"] == "Focus areas"


def test_party_field_becomes_a_typed_name_beyond_a_hundred_parties() -> None:
    many = [Choice(i, f"Part {i}") for i in range(1, 150)]
    view = build_register_modal(RegisterForm(lang="sv", parties=many))
    assert validate_view(view, "modal") == []
    party = next(b for b in view["blocks"] if b.get("block_id") == "party")
    assert party["element"]["type"] == "plain_text_input"
    roles = next(b for b in view["blocks"] if b.get("block_id") == "role")
    assert "coordinator" not in [o["value"] for o in roles["element"]["options"]]


def test_person_and_area_modals_validate_in_both_languages() -> None:
    for lang in ("sv", "en"):
        person = build_person_modal(
            PersonForm(lang=lang, parties=PARTIES, person_id=7, name="Anna", roles=["contact"])
        )
        assert validate_view(person, "modal") == []
        assert read_metadata(person["private_metadata"]) == {"person": 7}
        area = build_area_modal(AreaForm(lang=lang, name="Ny", channel_id="C0AREA"))
        assert validate_view(area, "modal") == []
        assert validate_view(build_info_modal(lang, "Sparat", ["✅ klart"]), "modal") == []


def test_registration_message_has_approve_and_reject_then_only_the_outcome() -> None:
    card = RegistrationCard(7, "U0NEW", "<@U999> Eva", "Sala kommun", "school_chief", "chef")
    message = build_registration_message("sv", card)
    assert validate_blocks(message.blocks, "message") == []
    buttons = message.blocks[1]["elements"]
    assert [(b["action_id"], b["value"]) for b in buttons] == [(APPROVE, "7"), (REJECT, "7")]
    assert "&lt;@U999&gt; Eva" in message.text and "skolchef" in message.text
    decided = build_decided_message("en", card, approved=True, by="U0COORD", when="1 May 2026")
    assert validate_blocks(decided.blocks, "message") == []
    assert all(b["type"] != "actions" for b in decided.blocks)
    assert "Approved by <@U0COORD>" in decided.text


def _big_home(lang: str, page: int) -> dict:
    areas = [f"Fokusområde nummer {i} med ett långt namn" for i in range(1, 41)]
    parties = [f"Kommunen med ett mycket långt namn {i}" for i in range(1, 291)]
    start = page * PARTIES_PER_PAGE
    rows = [(name, [(i + j) % 3 == 0 for j in range(40)]) for i, name in enumerate(parties)]
    matrix = Matrix(
        areas=areas,
        rows=rows[start : start + PARTIES_PER_PAGE],
        area_lines=[
            f"*{i}. {a}* – 97 av 290 · senast Kommun 3 (1 maj 2026)" for i, a in enumerate(areas, 1)
        ],
        page=page,
        pages=15,
        total_parties=290,
    )
    data = HomeData(
        lang=lang,
        network="Stort nätverk",
        registered=True,
        is_coordinator=True,
        may_join=True,
        party="Kommun 1",
        area_lines=[f"• *{a}* – sedan 1 maj 2026" for a in areas],
        contact_lines=[f"• *Person {i}*" for i in range(30)],
        event_lines=[f"• *Forum {i}*" for i in range(5)],
        pending=[Pending(i, f"*Ny registrering* {i}") for i in range(5)],
        pending_total=40,
        matrix=matrix,
    )
    return build_home(data)


def test_home_for_290_parties_and_40_areas_stays_within_slacks_limits() -> None:
    for page in (0, 7, 14):
        view = _big_home("sv", page)
        assert validate_view(view, "home") == []
        assert len(view["blocks"]) <= 100
        grid = "\n".join(
            b["text"]["text"]
            for b in view["blocks"]
            if b["type"] == "section" and "```" in b["text"]["text"]
        )
        rows = min(PARTIES_PER_PAGE, 290 - page * PARTIES_PER_PAGE)
        assert grid.count("\n") >= rows  # a header line plus one row per party
        assert "Kommunen med ett mycket lån… " in grid or "Kommunen" in grid
        nav = [b for b in view["blocks"] if b.get("block_id") == "matrix_nav"]
        ids = [e["action_id"] for e in nav[0]["elements"]]
        assert all(i.startswith(MATRIX_PAGE) for i in ids)
        assert (f"{MATRIX_PAGE}_prev" in ids) == (page > 0)
        assert (f"{MATRIX_PAGE}_next" in ids) == (page < 14)


def test_home_for_someone_not_registered_offers_registration() -> None:
    view = build_home(HomeData(lang="en", network="Net", registered=False))
    assert validate_view(view, "home") == []
    text = str(view)
    assert "Register" in text and "registry_home_register" in text
    assert "For coordinators" not in text
    pending = build_home(HomeData(lang="sv", network="Net", registered=False, pending_own=True))
    assert "registry_home_register" not in str(pending) and "väntar" in str(pending)


def test_register_modal_asks_the_role_first_and_offers_the_parties_given() -> None:
    from bot.registry.ids import REGISTER_ROLE
    from bot.registry.views import RegisterForm, build_register_modal

    form = RegisterForm(
        lang="sv",
        parties=[Choice(1, "Sala kommun"), Choice(2, "Köpings kommun")],
        name="Eva",
        role="school_chief",
        party_id=2,
        title="skolchef",
    )
    view = build_register_modal(form)
    assert validate_view(view, "modal") == []
    ids = [b.get("block_id") for b in view["blocks"]]
    assert ids.index("role") < ids.index("party")
    blocks = {b.get("block_id"): b for b in view["blocks"]}
    assert blocks["role"]["element"]["action_id"] == REGISTER_ROLE
    assert blocks["role"]["dispatch_action"] is True
    assert blocks["role"]["element"]["initial_option"]["value"] == "school_chief"
    assert [o["value"] for o in blocks["party"]["element"]["options"]] == ["1", "2"]
    assert blocks["party"]["element"]["initial_option"]["value"] == "2"


def test_the_rule_of_which_parties_a_role_fits() -> None:
    from bot.core.permissions import parties_for_role, role_fits_party
    from storage.models import Party

    kinds = ["municipality", "independent_school", "region", "association", "university"]
    parties = [Party(id=i, network_id=1, name=k, slug=k, kind=k) for i, k in enumerate(kinds)]
    assert [p.kind for p in parties_for_role("school_chief", parties)] == kinds[:2]
    for role in ("contact", "member", "chair", None):
        assert parties_for_role(role, parties) == parties
    assert not role_fits_party("school_chief", parties[2])


def test_the_approval_message_names_the_role_once_when_the_title_repeats_it() -> None:
    for title in ("skolchef", "Skolchef.", "School chief"):
        card = RegistrationCard(7, "U0NEW", "Eva Ny", "Sala kommun", "school_chief", title)
        text = build_registration_message("sv", card).text
        assert text == (
            "*Ny registrering:* <@U0NEW> – Eva Ny\n*Part:* Sala kommun · *Roll:* skolchef"
        )
    card = RegistrationCard(7, "U0NEW", "Eva Ny", "Sala kommun", "school_chief", "förvaltningschef")
    assert "Eva Ny, förvaltningschef\n" in build_registration_message("sv", card).text
    assert "*Role:* school chief" in build_registration_message("en", card).text


# --------------------------------------------------------------------------- command replies


def _texts(blocks: list[dict]) -> str:
    parts = []
    for block in blocks:
        if "text" in block:
            parts.append(block["text"]["text"])
        parts.extend(e.get("text", "") for e in block.get("elements", []) if "text" in e)
    return "\n".join(str(p) for p in parts)


def test_areas_message_marks_the_askers_areas_and_examples_and_escapes_names() -> None:
    from bot.core.i18n import t
    from bot.registry.views import AreaRow, build_areas_message

    for lang in ("sv", "en"):
        rows = [AreaRow("<!here> & Läsning", 3, mine=True), AreaRow("Matte", 1, example=True)]
        reply = build_areas_message(lang, "Nätverket", rows)
        assert validate_blocks(reply.blocks, "message") == []
        assert reply.text == t(lang, "areas.title", network="Nätverket")
        assert reply.blocks[0]["type"] == "header"
        text = _texts(reply.blocks)
        assert "&lt;!here&gt; &amp; Läsning" in text and "<!here>" not in text
        assert t(lang, "areas.mine") in text and t(lang, "areas.example") in text
        assert reply.blocks[-1]["type"] == "context"
        empty = build_areas_message(lang, "Nätverket", [])
        assert validate_blocks(empty.blocks, "message") == []
        assert empty.blocks[1]["text"]["text"] == t(lang, "areas.none")


def test_area_message_shows_facts_state_and_participants_with_contacts() -> None:
    from bot.core.i18n import t
    from bot.registry.views import AreaCard, Participant, build_area_message

    for lang in ("sv", "en"):
        card = AreaCard(
            name="Läsning",
            slug="lasning",
            description="Om <b> läsning",
            lead="*Anna*",
            channel_id="C0AREA",
            archived=True,
            participants=[
                Participant("Sala & co", "1 maj 2026", contact="*Eva* <@U0EVA>"),
                Participant("Köping", "2 maj 2026"),
            ],
        )
        reply = build_area_message(lang, card)
        assert validate_blocks(reply.blocks, "message") == []
        assert reply.text == "Läsning" and reply.blocks[0]["text"]["text"] == "Läsning"
        text = _texts(reply.blocks)
        assert "Om &lt;b&gt; läsning" in text
        assert t(lang, "area.lead", lead="*Anna*") in text and "C0AREA" in text
        assert t(lang, "area.archived") in text and t(lang, "area.example") not in text
        assert "Sala &amp; co" in text and "<@U0EVA>" in text
        assert t(lang, "area.participants", count=2) in text
        nobody = build_area_message(lang, AreaCard(name="Tom", slug="tom", example=True))
        assert validate_blocks(nobody.blocks, "message") == []
        assert t(lang, "area.no_participants", slug="tom") in _texts(nobody.blocks)
        assert t(lang, "area.example") in _texts(nobody.blocks)


def test_who_messages_list_contacts_roles_and_areas() -> None:
    from bot.core.i18n import t
    from bot.registry.views import (
        AreaCard,
        JoinedArea,
        Participant,
        PersonLine,
        build_area_contacts_message,
        build_party_contacts_message,
    )

    for lang in ("sv", "en"):
        people = [
            PersonLine("*Eva*", frozenset({"school_chief", "chair"}), "\n    eva@x.se"),
            PersonLine("*Bo*"),
        ]
        areas = [JoinedArea("Läsning", contact="*Eva*"), JoinedArea("Matte & NO")]
        reply = build_party_contacts_message(lang, "Sala <kommun>", people, areas)
        assert validate_blocks(reply.blocks, "message") == []
        assert reply.text == "Sala <kommun>"  # the fallback is plain text
        text = _texts(reply.blocks)
        roles = f"{t(lang, 'role.chair')}, {t(lang, 'role.school_chief')}"
        assert f"• *Eva* – {roles}\n    eva@x.se" in text and "• *Bo*" in text
        assert "*Läsning*, *Matte &amp; NO*" in text and "• Läsning: *Eva*" in text
        alone = build_party_contacts_message(lang, "Sala <kommun>", [], [])
        assert t(lang, "who.no_people", party="Sala &lt;kommun&gt;") in _texts(alone.blocks)
        assert alone.blocks[-1]["type"] == "context"

        card = AreaCard(
            name="Läsning",
            slug="lasning",
            lead="*Anna*",
            participants=[
                Participant("Sala", contact="*Eva*", contact_details="\n    070"),
                Participant("Köping"),
            ],
        )
        contacts = build_area_contacts_message(lang, card)
        assert validate_blocks(contacts.blocks, "message") == []
        text = _texts(contacts.blocks)
        assert contacts.blocks[0]["text"]["text"] == t(lang, "who.area_title", area="Läsning")
        assert "*Eva*\n    070" in text and t(lang, "who.no_contact") in text


def test_person_message_shows_party_roles_and_contact_details() -> None:
    from bot.core.i18n import t
    from bot.registry.views import PersonCard, build_person_message

    for lang in ("sv", "en"):
        card = PersonCard(
            name="Eva",
            label="*Eva*, rektor <@U0EVA>",
            party="Sala & co",
            roles=frozenset({"contact"}),
            details="\n    eva@x.se",
        )
        reply = build_person_message(lang, card)
        assert validate_blocks(reply.blocks, "message") == []
        assert reply.text == "Eva" and reply.blocks[0]["text"]["text"] == "Eva"
        assert reply.blocks[1]["text"]["text"] == (
            f"*Eva*, rektor <@U0EVA> – Sala &amp; co ({t(lang, 'role.contact')})\n    eva@x.se"
        )


def test_commitments_message_groups_by_who_with_sorted_sources() -> None:
    from bot.core.i18n import t
    from bot.registry.views import CommitmentGroup, build_commitments_message

    for lang in ("sv", "en"):
        groups = [
            CommitmentGroup(
                "Region <V>", ["Avsätta <tid>"], [("Avtal", "§2"), ("Avtal", "§1"), ("Avtal", "§1")]
            ),
            CommitmentGroup("Sala", ["Delta"]),
        ]
        reply = build_commitments_message(lang, "Nät", None, groups)
        assert validate_blocks(reply.blocks, "message") == []
        assert reply.text == t(lang, "commitments.title", network="Nät")
        text = _texts(reply.blocks)
        assert t(lang, "commitments.group", who="Region <V>") in text
        assert "• Avsätta &lt;tid&gt;" in text
        sources = [b for b in reply.blocks if b["type"] == "context"]
        assert len(sources) == 1 and [e["text"] for e in sources[0]["elements"]] == [
            t(lang, "commitments.source", source="Avtal", section="§1"),
            t(lang, "commitments.source", source="Avtal", section="§2"),
        ]
        none = build_commitments_message(lang, "Nät", "Sala & co", [])
        assert none.blocks[0]["text"]["text"] == t(
            lang, "commitments.title_party", party="Sala & co"
        )
        assert none.text == t(lang, "commitments.none", party="Sala &amp; co")


def test_history_message_lists_lines_or_says_none() -> None:
    from bot.core.i18n import t
    from bot.registry.views import build_history_message

    for lang in ("sv", "en"):
        reply = build_history_message(lang, "Historik", ["• a", "• b"])
        assert validate_blocks(reply.blocks, "message") == []
        assert "• a\n• b" in _texts(reply.blocks)
        assert reply.blocks[-1]["elements"][0]["text"] == t(lang, "history.footer")
        none = build_history_message(lang, "Historik", [])
        assert validate_blocks(none.blocks, "message") == []
        assert none.blocks[1]["text"]["text"] == t(lang, "history.none")


def test_a_long_list_is_split_into_sections_within_slacks_limits() -> None:
    from bot.registry.views import AreaRow, build_areas_message

    rows = [AreaRow(f"Område {i} " + "x" * 80, i) for i in range(200)]
    reply = build_areas_message("sv", "Stort", rows)
    assert validate_blocks(reply.blocks, "message") == []
    assert all(len(b["text"]["text"]) <= 3000 for b in reply.blocks if b["type"] == "section")
