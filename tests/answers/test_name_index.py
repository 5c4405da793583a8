"""The answerer keeps an index of the registry's names in memory between questions: a person
added, renamed or taken out, or a party given a new alias, is answered right away."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.answers import answer_question
from bot.core.runtime import Core
from bot.core.textrender import render_blocks
from storage import registry
from storage.models import Party, Person

EMAIL = "greta.holmqvist@example.se"


def ask(core: Core, text: str) -> str:
    reply = answer_question(core, slack_user_id="U1", text=text)
    return render_blocks(reply.blocks, reply.text)


def member_by_email(session: Session, core: Core) -> registry.Member:
    person = session.exec(select(Person).where(Person.email == EMAIL)).one()
    found = registry.member(
        session=session, person_id=person.id, network_id=core.network(session).id
    )  # type: ignore[arg-type]
    assert found is not None
    return found


def test_people_added_renamed_and_removed_are_answered_at_once(core: Core) -> None:
    assert EMAIL not in ask(core, "Vem är Greta Holmqvist?")  # the index is built without her
    with core.db.session() as session:
        network_id = core.network(session).id
        registry.add_person(
            session=session,
            network_id=network_id,
            name="Greta Holmqvist",
            actor="test",
            title="rektor",
            email=EMAIL,
        )
    assert EMAIL in ask(core, "Vem är Greta Holmqvist?")

    # a rename to a name of the same length, stamped with the same time (a frozen clock)
    with core.db.session() as session:
        person = member_by_email(session, core)
        registry.update_person(
            session=session,
            person=person,
            actor="test",
            at=person.membership.updated_at,
            name="Elsa Kvarnström",
        )
    assert EMAIL in ask(core, "Vem är Elsa Kvarnström?")
    assert EMAIL not in ask(core, "Vem är Greta Holmqvist?")

    with core.db.session() as session:
        registry.remove_person(session=session, person=member_by_email(session, core), actor="test")
    assert EMAIL not in ask(core, "Vem är Elsa Kvarnström?")


def test_a_new_alias_of_a_party_is_understood_at_once(core: Core) -> None:
    before = ask(core, "Vad har Fjärilsstaden åtagit sig?")
    with core.db.session() as session:
        network_id = core.network(session).id
        party = session.exec(
            select(Party).where(Party.network_id == network_id, Party.slug == "skr")
        ).one()
        party.aliases = [*party.aliases, "Fjärilsstaden"]
        session.add(party)
    after = ask(core, "Vad har Fjärilsstaden åtagit sig?")
    assert after != before
    assert after == ask(core, "Vad har SKR åtagit sig?")
