"""The App Home tab: the viewer's party, areas, contacts and dates, quick buttons, and for
coordinators the participation matrix (paged) and the pending registrations.

Built from plain data; it stays within Slack's 100 blocks for any size of network: the matrix
shows one page of parties at a time as a compact grid, with one summary line per area.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.core.blocks import (
    MAX_VIEW_BLOCKS,
    Block,
    actions,
    bullet_lines,
    button,
    context,
    divider,
    esc,
    header,
    section,
)
from bot.core.i18n import t
from bot.registry.ids import (
    APPROVE,
    HOME_ASK,
    HOME_EXPORT,
    HOME_JOIN,
    HOME_NEW_AREA,
    HOME_NEW_PERSON,
    HOME_REGISTER,
    MATRIX_PAGE,
    REJECT,
)

PARTIES_PER_PAGE = 20
PENDING_SHOWN = 5
NAME_WIDTH = 26


@dataclass
class Pending:
    id: int
    text: str  # mrkdwn, already escaped


@dataclass
class Matrix:
    """One page of the parties × areas grid, plus a summary line per area."""

    areas: list[str]  # column names, in column order
    rows: list[tuple[str, list[bool]]]  # party name, joined per column
    area_lines: list[str]  # mrkdwn, already escaped: count and latest join per area
    page: int = 0
    pages: int = 1
    total_parties: int = 0


@dataclass
class HomeData:
    lang: str
    network: str
    registered: bool
    is_coordinator: bool = False
    may_join: bool = False
    pending_own: bool = False
    party: str | None = None
    area_lines: list[str] = field(default_factory=list)  # mrkdwn, already escaped
    contact_lines: list[str] = field(default_factory=list)  # mrkdwn, already escaped
    event_lines: list[str] = field(default_factory=list)  # mrkdwn, already escaped
    pending: list[Pending] = field(default_factory=list)
    pending_total: int = 0
    matrix: Matrix | None = None
    network_id: int | None = None
    # the viewer's other networks, each in short (a user in several networks sees them all)
    others: list[HomeData] = field(default_factory=list)


NETWORK_SWITCH = "home_network_switch"


def build_home(data: HomeData) -> dict[str, Any]:
    lang = data.lang
    blocks: list[Block] = [
        header(t(lang, "home.title", network=data.network)),
        context(t(lang, "home.intro")),
    ]
    blocks += _you(data)
    blocks += _quick_buttons(data)
    blocks += [divider(), header(t(lang, "home.events_title"))]
    if data.event_lines:
        blocks += bullet_lines(data.event_lines)
    else:
        blocks.append(section(t(lang, "home.no_events")))
    for other in data.others:
        blocks += _other_network(other)
    if data.is_coordinator:
        blocks += _coordinator(data)
    if len(blocks) > MAX_VIEW_BLOCKS:  # a safety net; the parts above are bounded
        blocks = [*blocks[: MAX_VIEW_BLOCKS - 1], context("…")]
    return {"type": "home", "blocks": blocks}


def _other_network(data: HomeData) -> list[Block]:
    """Another of the viewer's networks, in short: their part in it, what comes next, and a
    button to work in it (the Home then shows it in full)."""
    lang = data.lang
    blocks: list[Block] = [divider(), header(t(lang, "home.other_network", network=data.network))]
    blocks += _you(data)[:4]
    if data.event_lines:
        blocks += bullet_lines(data.event_lines[:3])[:1]
    blocks.append(
        actions(button(t(lang, "home.network_switch"), NETWORK_SWITCH, str(data.network_id or "")))
    )
    return blocks


def _you(data: HomeData) -> list[Block]:
    lang = data.lang
    if not data.registered and data.is_coordinator:
        return [section(t(lang, "home.admin_unregistered"))]
    if not data.registered:
        key = "home.pending_own" if data.pending_own else "home.not_registered"
        return [section(t(lang, key))]
    if data.party is None:
        return [section(t(lang, "home.no_party"))]
    blocks = [header(t(lang, "home.party_title", party=data.party))]
    if data.area_lines:
        blocks.append(section(t(lang, "home.party_areas")))
        blocks += bullet_lines(data.area_lines)[:4]
    else:
        blocks.append(section(t(lang, "home.party_no_areas", party=esc(data.party))))
    if data.contact_lines:
        blocks.append(section(t(lang, "home.party_contacts")))
        blocks += bullet_lines(data.contact_lines)[:3]
    return blocks


def _quick_buttons(data: HomeData) -> list[Block]:
    lang = data.lang
    elements = []
    if data.may_join:
        elements.append(button(t(lang, "home.button_join"), HOME_JOIN, style="primary"))
    if not data.registered and not data.pending_own and not data.is_coordinator:
        elements.append(button(t(lang, "home.button_register"), HOME_REGISTER, style="primary"))
    elements.append(button(t(lang, "home.button_ask"), HOME_ASK))
    return [actions(*elements, block_id="home_quick")]


def _coordinator(data: HomeData) -> list[Block]:
    lang = data.lang
    blocks: list[Block] = [
        divider(),
        header(t(lang, "home.coordinator_title")),
        actions(
            button(t(lang, "home.button_export"), HOME_EXPORT),
            button(t(lang, "home.button_new_area"), HOME_NEW_AREA),
            button(t(lang, "home.button_new_person"), HOME_NEW_PERSON),
            block_id="home_coordinator",
        ),
        section(t(lang, "home.pending_title", count=data.pending_total)),
    ]
    for item in data.pending[:PENDING_SHOWN]:
        blocks.append(section(item.text))
        blocks.append(
            actions(
                button(t(lang, "approval.approve"), APPROVE, str(item.id), style="primary"),
                button(t(lang, "approval.reject"), REJECT, str(item.id), style="danger"),
                block_id=f"pending_{item.id}",
            )
        )
    if data.pending_total > PENDING_SHOWN:
        blocks.append(
            context(t(lang, "home.pending_more", count=data.pending_total - PENDING_SHOWN))
        )
    if data.matrix is not None:
        blocks += _matrix(lang, data.matrix)
    return blocks


def _matrix(lang: str, matrix: Matrix) -> list[Block]:
    blocks: list[Block] = [divider(), header(t(lang, "home.matrix_title"))]
    if not matrix.areas:
        return [*blocks, section(t(lang, "home.matrix_empty"))]
    blocks += bullet_lines(matrix.area_lines)[:6]
    blocks.append(
        section(
            t(
                lang,
                "home.matrix_page",
                page=matrix.page + 1,
                pages=matrix.pages,
                total=matrix.total_parties,
            )
        )
    )
    blocks += grid_sections(matrix)
    legend = [f"{i}={esc(name)}" for i, name in enumerate(matrix.areas, start=1)]
    blocks += [context(chunk) for chunk in _chunks(" · ".join(legend), 2900)][:3]
    nav = []
    if matrix.page > 0:
        nav.append(button(t(lang, "home.matrix_prev"), f"{MATRIX_PAGE}_prev", str(matrix.page - 1)))
    if matrix.page + 1 < matrix.pages:
        nav.append(button(t(lang, "home.matrix_next"), f"{MATRIX_PAGE}_next", str(matrix.page + 1)))
    if nav:
        blocks.append(actions(*nav, block_id="matrix_nav"))
    blocks.append(context(t(lang, "home.matrix_footer")))
    return blocks


def grid_sections(matrix: Matrix) -> list[Block]:
    """The page's rows as a monospaced grid: one column per area (x = takes part)."""
    numbers = "".join(str(i % 10) for i in range(1, len(matrix.areas) + 1))
    lines = [" " * NAME_WIDTH + " " + numbers]
    for name, flags in matrix.rows:
        label = name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
        cells = "".join("x" if f else "·" for f in flags)
        lines.append(f"{esc(label).ljust(NAME_WIDTH)} {cells}")
    blocks: list[Block] = []
    for chunk in _chunks("\n".join(lines), 2900, sep="\n"):
        blocks.append(section(f"```{chunk}```"))
    return blocks


def _chunks(text: str, limit: int, sep: str = " · ") -> list[str]:
    parts = text.split(sep)
    chunks: list[str] = []
    current = ""
    for part in parts:
        candidate = f"{current}{sep}{part}" if current else part
        if len(candidate) > limit and current:
            chunks.append(current)
            current = part
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks
