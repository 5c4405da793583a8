"""The registry as CSV: the participation matrix, the participation history, contacts and
commitments. Coordinators get it in a DM (files_upload_v2); the CLI writes the same files.

Files are UTF-8 with a byte-order mark so that spreadsheet programs show å, ä and ö right.
"""

from __future__ import annotations

import csv
import io
import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.core import permissions
from bot.core.actor import Who
from bot.core.i18n import t
from bot.core.runtime import Core
from storage import registry
from storage.models import (
    Network,
)

log = logging.getLogger(__name__)

BOM = "\ufeff"


def _csv(rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return BOM + buffer.getvalue()


def _day(value: object) -> str:
    return value.date().isoformat() if hasattr(value, "date") else ""  # type: ignore[union-attr]


def export_files(session: Session, network: Network, lang: str) -> dict[str, str]:
    """File name -> CSV text, for `network`, with headers in `lang`."""
    assert network.id is not None
    parties = registry.parties(session=session, network_id=network.id)
    areas = registry.areas(session=session, network_id=network.id, include_archived=True)
    active_areas = [a for a in areas if a.status == "active"]
    party_name = {p.id: p.name for p in parties}
    area_name = {a.id: a.name for a in areas}
    people = registry.people(session=session, network_id=network.id)
    person_name = {p.id: p.name for p in people}
    roles = registry.roles_by_person(
        session=session, person_ids=[p.id for p in people if p.id], network_id=network.id
    )
    history = registry.participation_history(session=session, network_id=network.id)

    joined: dict[tuple[int, int], str] = {}
    for row in history:
        if row.left_at is None:
            joined[(row.party_id, row.area_id)] = _day(row.joined_at)
    matrix: list[list[object]] = [[t(lang, "export.col_party"), *[a.name for a in active_areas]]]
    for party in parties:
        matrix.append([party.name, *[joined.get((party.id, a.id), "") for a in active_areas]])  # type: ignore[arg-type]

    participation: list[list[object]] = [
        [
            t(lang, f"export.col_{c}")
            for c in ("party", "area", "joined", "joined_by", "left", "left_by", "contact", "note")
        ]
    ]
    for row in history:
        participation.append(
            [
                party_name.get(row.party_id, ""),
                area_name.get(row.area_id, ""),
                _day(row.joined_at),
                row.joined_by,
                _day(row.left_at) if row.left_at else "",
                row.left_by or "",
                person_name.get(row.contact_person_id, "") if row.contact_person_id else "",
                row.note,
            ]
        )

    contacts: list[list[object]] = [
        [
            t(lang, f"export.col_{c}")
            for c in ("name", "party", "roles", "title", "email", "phone", "slack")
        ]
    ]
    for person in people:
        contacts.append(
            [
                person.name,
                party_name.get(person.party_id, "") if person.party_id else "",
                ", ".join(t(lang, f"role.{r}") for r in sorted(roles.get(person.id, ()))),  # type: ignore[arg-type]
                person.title,
                person.email or "",
                person.phone or "",
                person.slack_user_id or "",
            ]
        )

    commitments: list[list[object]] = [
        [t(lang, f"export.col_{c}") for c in ("binds", "text", "source", "section")]
    ]
    for c in registry.commitments_for(session=session, network_id=network.id):
        binds = party_name.get(c.party_id, "") if c.party_id else t(lang, f"kind.{c.party_kind}")
        commitments.append([binds, c.text, c.source, c.section])

    prefix = network.slug
    return {
        f"{prefix}-{t(lang, 'export.file_matrix')}.csv": _csv(matrix),
        f"{prefix}-{t(lang, 'export.file_participation')}.csv": _csv(participation),
        f"{prefix}-{t(lang, 'export.file_contacts')}.csv": _csv(contacts),
        f"{prefix}-{t(lang, 'export.file_commitments')}.csv": _csv(commitments),
    }


def upload_export(
    core: object,
    client: WebClient,
    slack_user_id: str,
    *,
    lang: str,
    team_id: str | None = None,
    network_id: int | None = None,
) -> bool:
    """Build the CSV files of the network (`network_id`, else the workspace's) and upload
    them to the user's DM; returns whether it worked."""

    assert isinstance(core, Core)
    with core.db.session() as session:
        network = (session.get(Network, network_id) if network_id else None) or core.network(
            session, team_id
        )
        files = export_files(session, network, lang)
        network_name = network.name
    try:
        dm = client.conversations_open(users=slack_user_id)["channel"]["id"]
        client.files_upload_v2(
            channel=dm,
            file_uploads=[
                {"content": text.encode("utf-8"), "filename": name, "title": name}
                for name, text in files.items()
            ],
            initial_comment=t(lang, "export.comment", network=network_name, count=len(files)),
        )
        return True
    except SlackApiError as error:
        log.warning("export upload for %s failed: %s", slack_user_id, error.response.get("error"))
        return False


# --------------------------------------------------------------------------- the CLI


def export_for(core: Core, client: WebClient, who: Who) -> str | None:
    """The export button: upload the CSV files, or return the refusal to show."""

    with core.db.session() as session:
        acting = who.get(session)
        lang = acting.actor.lang
        network_id = acting.network.id
        if not permissions.may_export(acting.actor):
            return t(lang, "refused.coordinators_only")
    if not upload_export(
        core, client, who.slack_user_id, lang=lang, team_id=who.team_id, network_id=network_id
    ):
        return t(lang, "export.failed")
    return None
