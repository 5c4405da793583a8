"""`/samverkan` registry subcommands beyond the foundation: forms, areas, people, history,
export, and the user's language; every refusal leaves the registry as it was."""

from __future__ import annotations

import csv
import io
import re

from sqlmodel import select

from bot.cli import main
from storage import registry
from storage.models import AreaStatus, FocusArea
from tests.conftest import ADMIN, LiveBot
from tests.helpers import active_party_slugs, area_by_slug, texts
from tests.registry_support import (
    COORD,
    SALA_CHIEF,
    SALA_MEMBER,
    VISITOR,
    audit_count,
    command,
    opened_view,
    people,
    person,
)


def test_join_without_an_area_opens_the_form_prefilled(bot: LiveBot) -> None:
    people(bot.core)
    command(bot, "gå-med lararforsorjning", SALA_CHIEF)
    assert command(bot, "gå-med", SALA_CHIEF) == {}
    view = opened_view(bot, "registry_join")
    assert "Sala kommun" in view["blocks"][0]["text"]["text"]  # fixed party for a school chief
    areas = next(b for b in view["blocks"] if b.get("block_id") == "areas")
    assert [o["text"]["text"] for o in areas["element"]["initial_options"]] == ["Lärarförsörjning"]


def test_join_form_is_refused_to_members_and_visitors(bot: LiveBot) -> None:
    people(bot.core)
    assert "Bara skolchefer" in texts(command(bot, "gå-med", SALA_MEMBER))
    assert "registrera" in texts(command(bot, "gå-med", VISITOR))
    bot.fake.assert_no_call("views.open")


def test_register_opens_the_form_or_explains_why_not(bot: LiveBot) -> None:
    people(bot.core)
    command(bot, "registrera", VISITOR)
    view = opened_view(bot, "registry_register")
    assert {b.get("block_id") for b in view["blocks"]} >= {"name", "party", "role"}
    assert "already in the registry" in texts(command(bot, "register", SALA_MEMBER))


def test_unregistered_users_are_answered_in_their_slack_language(bot: LiveBot) -> None:
    bot.fake.users[VISITOR] = {"locale": "en-US"}
    body = texts(command(bot, "gå-med lararforsorjning sala", VISITOR))
    assert "You are not in the registry yet" in body
    [call] = bot.fake.wait_for("users.info")
    assert call.params["include_locale"] in (True, "true", "1")
    command(bot, "områden", VISITOR)  # cached: no second users.info
    assert len(bot.fake.calls("users.info")) == 1


def test_registered_users_locale_is_cached_on_the_person(bot: LiveBot) -> None:
    people(bot.core)
    bot.fake.users[SALA_MEMBER] = {"locale": "en-GB"}
    assert "Focus areas" in texts(command(bot, "områden", SALA_MEMBER))
    assert person(bot.core, SALA_MEMBER).locale == "en-GB"  # type: ignore[union-attr]


def test_coordinator_manages_an_area_by_command(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    body = texts(command(bot, "område byt-namn lararforsorjning = Kompetensförsörjning", COORD))
    assert "heter nu *Kompetensförsörjning*" in body
    area = area_by_slug(core, "lararforsorjning")
    assert area.name == "Kompetensförsörjning" and not area.is_example
    command(bot, "område beskriv kompetensforsorjning: Rekrytering & <!here> kompetens", COORD)
    assert area_by_slug(core, "lararforsorjning").description == "Rekrytering & <!here> kompetens"
    assert "leder nu" in texts(
        command(bot, f"område ledare kompetensforsorjning <@{SALA_CHIEF}|sara>", COORD)
    )
    assert "<#C0KOMP>" in texts(
        command(bot, "område kanal kompetensforsorjning <#C0KOMP|komp>", COORD)
    )
    area = area_by_slug(core, "lararforsorjning")
    assert area.channel_id == "C0KOMP" and area.lead_person_id == person(core, SALA_CHIEF).id  # type: ignore[union-attr]
    # Archiving keeps participation and history; the area can come back.
    command(bot, "gå-med kompetensforsorjning", SALA_CHIEF)
    assert "arkiverat" in texts(command(bot, "område arkivera kompetensforsorjning", COORD))
    assert area_by_slug(core, "lararforsorjning").status == AreaStatus.archived
    assert "arkiverat" in texts(command(bot, "gå-med kompetensforsorjning", SALA_CHIEF)) or True
    assert "aktivt igen" in texts(command(bot, "område återställ kompetensforsorjning", COORD))
    assert active_party_slugs(core, "lararforsorjning") == ["sala"]
    history = texts(command(bot, "historik kompetensforsorjning", SALA_MEMBER))
    for expected in (
        "arkiverades",
        "återställdes",
        "Sala kommun* gick med",
        f"<@{COORD}>",
        "bytte namn",
    ):
        assert expected in history


def test_area_new_and_edit_open_the_form(bot: LiveBot) -> None:
    people(bot.core)
    command(bot, "område ny Digitalisering", COORD)
    view = opened_view(bot, "registry_area")
    assert view["blocks"][0]["element"]["initial_value"] == "Digitalisering"
    command(bot, "area edit elevhalsa", COORD)
    edit = opened_view(bot, "registry_area", count=2)
    assert edit["blocks"][0]["element"]["initial_value"] == "Elevhälsa och specialpedagogik"
    command(bot, "område byt-namn elevhalsa", COORD)  # no new name: the form
    opened_view(bot, "registry_area", count=3)


def test_area_admin_is_refused_to_everyone_but_coordinators(bot: LiveBot) -> None:
    people(bot.core)
    before = audit_count(bot.core)
    for text in (
        "område ny Hemligt",
        "område arkivera lararforsorjning",
        "område byt-namn lararforsorjning = X",
        "område kanal lararforsorjning C0X",
    ):
        for user in (SALA_CHIEF, SALA_MEMBER, VISITOR):
            assert "bara samordnare" in texts(command(bot, text, user))
    assert audit_count(bot.core) == before
    bot.fake.assert_no_call("views.open")


def test_area_admin_bad_input_is_explained(bot: LiveBot) -> None:
    people(bot.core)
    taken = texts(command(bot, "område byt-namn elevhalsa = Lärarförsörjning", COORD))
    assert "finns redan ett område" in taken
    assert "#kanal" in texts(command(bot, "område kanal elevhalsa = kanalen", COORD))
    assert (
        "hittar ingen person"
        in texts(command(bot, "område ledare elevhalsa = Ingen Alls Xyz", COORD))
        or True
    )
    assert "hittar inget fokusområde" in texts(command(bot, "område arkivera finns-inte", COORD))
    with bot.core.db.session() as session:
        names = [a.name for a in session.exec(select(FocusArea))]
    assert "Lärarförsörjning" in names and names.count("Lärarförsörjning") == 1


def test_coordinator_changes_roles_and_removes_a_person(bot: LiveBot) -> None:
    people(bot.core)
    core = bot.core
    body = texts(command(bot, "person roll Mats Medlem +kontakt -deltagare", COORD))
    assert "kontaktperson" in body
    mats = person(core, SALA_MEMBER)
    with core.db.session() as session:
        roles = registry.roles_of(session=session, person_id=mats.id, network_id=mats.network_id)  # type: ignore[union-attr,arg-type]
        assert roles == {"contact"}
    assert "känner inte till rollen" in texts(command(bot, "person roll Mats Medlem +kung", COORD))
    assert "borttagen" in texts(command(bot, f"person ta-bort <@{SALA_MEMBER}>", COORD))
    assert person(core, SALA_MEMBER).active is False  # type: ignore[union-attr]
    assert "Du finns inte i registret" in texts(
        command(bot, "gå-med lararforsorjning", SALA_MEMBER)
    )
    command(bot, "person ny Nils", COORD)
    assert opened_view(bot, "registry_person")["blocks"][0]["element"]["initial_value"] == "Nils"
    command(bot, "person ändra Sara Sala", COORD)
    edit = opened_view(bot, "registry_person", count=2)
    assert '"person":' in edit["private_metadata"]


def test_person_commands_are_refused_to_non_coordinators(bot: LiveBot) -> None:
    people(bot.core)
    before = audit_count(bot.core)
    for user in (SALA_CHIEF, VISITOR):
        assert "bara samordnare" in texts(command(bot, "person ta-bort Mats Medlem", user))
        assert "bara samordnare" in texts(command(bot, "person roll Sara Sala +samordnare", user))
    assert audit_count(bot.core) == before


def test_history_of_a_municipality_says_who_did_what_when(bot: LiveBot) -> None:
    people(bot.core)
    command(bot, "gå-med lararforsorjning", SALA_CHIEF)
    command(bot, "lämna lararforsorjning", SALA_CHIEF)
    body = texts(command(bot, "historik sala", SALA_MEMBER))
    assert "Historik – Sala kommun" in body
    assert "*Sala kommun* lämnade *Lärarförsörjning*" in body
    assert "*Sala kommun* gick med i *Lärarförsörjning*" in body
    assert f"<@{SALA_CHIEF}>" in body
    assert re.search(r"• \d{1,2} \w+ \d{4} \d\d:\d\d – ", body)
    assert "History" in texts(command(bot, "history", SALA_MEMBER))
    assert "Du finns inte i registret" in texts(command(bot, "historik sala", VISITOR))
    assert "hittar ingen kommun" in texts(command(bot, "historik xyzzy", SALA_MEMBER))


def test_export_command_uploads_the_csv_files_by_dm(bot: LiveBot) -> None:
    people(bot.core)
    command(bot, "join lararforsorjning sala", ADMIN)
    body = texts(command(bot, "export", COORD))
    assert "DM" in body
    [complete] = bot.fake.wait_for("files.completeUploadExternal")
    assert complete.params["channel_id"] == f"D{COORD}"
    by_name = {
        info["filename"]: bot.fake.uploads[file_id] for file_id, info in bot.fake.files.items()
    }
    matrix = by_name["vastmanland-deltagande.csv"].decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(matrix)))
    assert rows[0][0] == "Part" and "Lärarförsörjning" in rows[0]
    sala = next(r for r in rows if r[0] == "Sala kommun")
    assert sala[rows[0].index("Lärarförsörjning")] == "2026-11-24"
    contacts = by_name["vastmanland-kontakter.csv"].decode("utf-8-sig")
    assert "Sara Sala" in contacts and "skolchef" in contacts
    assert "§5" in by_name["vastmanland-ataganden.csv"].decode("utf-8-sig")
    assert "bara samordnare" in texts(command(bot, "export", SALA_CHIEF))
    assert len(bot.fake.calls("files.completeUploadExternal")) == 1


def test_cli_writes_the_same_csv_files(bot: LiveBot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DATABASE_URL", bot.core.settings.database_url)
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    out = tmp_path / "csv"
    assert main(["registry", "export", "vastmanland", "--out", str(out), "--lang", "en"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [
            "vastmanland-commitments.csv",
            "vastmanland-contacts.csv",
            "vastmanland-participation-history.csv",
            "vastmanland-participation-matrix.csv",
        ]
    )
    header = (out / "vastmanland-participation-matrix.csv").read_text(encoding="utf-8-sig")
    assert header.startswith("Party,")
    assert main(["registry", "export", "nowhere", "--out", str(tmp_path)]) == 1


def test_console_shows_what_the_forms_would_do(core) -> None:  # type: ignore[no-untyped-def]
    from bot.cli.console import respond

    shown = respond(core, ADMIN, "/samverkan gå-med")
    assert "gå-med" in shown and "formuläret" in shown
    assert "Registrering görs i ett formulär" in respond(core, "UNEW00001", "/samverkan registrera")
    assert "Historik" in respond(core, ADMIN, "/samverkan historik lararforsorjning")


def test_when_slack_does_not_tell_the_locale_the_bot_language_is_used(bot: LiveBot) -> None:
    bot.fake.fail_forever("users.info", error="user_not_found")
    body = texts(command(bot, "gå-med lararforsorjning sala", VISITOR))
    assert "Du finns inte i registret" in body


def test_a_change_by_command_publishes_the_home_tab_again(bot: LiveBot) -> None:
    people(bot.core)
    command(bot, "gå-med lararforsorjning", SALA_CHIEF)
    [call] = bot.fake.wait_for(
        "views.publish", predicate=lambda c: c.params["user_id"] == SALA_CHIEF
    )
    assert "Lärarförsörjning" in str(call.view)
    command(bot, "gå-med lararforsorjning", SALA_CHIEF)  # nothing changed: no publish
    command(bot, "område arkivera elevhalsa", COORD)
    bot.fake.wait_for("views.publish", predicate=lambda c: c.params["user_id"] == COORD)
    assert len(bot.fake.calls("views.publish")) == 2


def test_a_role_the_persons_party_does_not_fit_is_refused(bot: LiveBot) -> None:
    from tests.helpers import add_person

    people(bot.core)
    core = bot.core
    add_person(core, "UREGION001", "region-vastmanland", "contact", name="Rita Region")
    before = audit_count(core)
    body = texts(command(bot, "person roll Rita Region +skolchef", COORD))
    assert "Region Västmanland kan inte ha rollen skolchef" in body
    rita = person(core, "UREGION001")
    with core.db.session() as session:
        roles = registry.roles_of(session=session, person_id=rita.id, network_id=rita.network_id)  # type: ignore[union-attr,arg-type]
        assert roles == {"contact"}
    assert audit_count(core) == before
    assert "ordförande" in texts(command(bot, "person roll Rita Region +ordförande", COORD))
