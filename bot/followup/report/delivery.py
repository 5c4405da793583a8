"""The report's delivery: the period it covers, built and uploaded to Slack after the ack."""

from __future__ import annotations

import contextlib
import logging
from datetime import date, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.blocks import Reply, esc, text_reply
from bot.core.dates import format_date
from bot.core.i18n import t
from bot.core.runtime import Core
from bot.followup.report import build_report
from storage.models import (
    FocusArea,
    Network,
)

log = logging.getLogger(__name__)


def report_period(core: Core, network: Network) -> tuple[date, date]:
    """The default period: from the agreement's start (or a year back) to today."""
    today = core.now().astimezone(core.settings.tz).date()
    start = network.valid_from or today - timedelta(days=365)
    return min(start, today), today


def send_report(
    core: Core,
    client: WebClient,
    *,
    user_id: str,
    network_id: int,
    area_id: int | None,
    start: date,
    end: date,
    lang: str,
) -> None:
    """Build the report and upload it to `user_id` in a DM (the report command runs it after
    its answer); if that fails, say so in the DM."""
    try:
        deliver_report(
            core,
            client,
            user_id=user_id,
            network_id=network_id,
            area_id=area_id,
            start=start,
            end=end,
            lang=lang,
        )
    except Exception:
        log.exception("the evaluation report failed")
        with contextlib.suppress(SlackApiError):
            client.chat_postMessage(channel=user_id, text=t(lang, "report.failed"))


def deliver_report(
    core: Core,
    client: WebClient,
    *,
    user_id: str,
    network_id: int,
    area_id: int | None,
    start: date,
    end: date,
    lang: str,
) -> list[str]:
    """Build the report and upload its files to the user's DM; returns the file names."""

    with core.db.session() as session:
        network = session.get(Network, network_id)
        assert network is not None
        area = session.get(FocusArea, area_id) if area_id is not None else None
        report = build_report(
            session, network, start=start, end=end, area_id=area_id, lang=lang, tz=core.settings.tz
        )
        comment = t(
            lang,
            "report.upload_comment",
            network=esc(network.name),
            area=t(lang, "report.started_area", area=esc(area.name)) if area else "",
            start=format_date(start, lang),
            end=format_date(end, lang),
        )
    channel = client.conversations_open(users=user_id)["channel"]["id"]
    uploads = [
        {"content" if isinstance(data, str) else "file": data, "filename": name, "title": name}
        for name, data in report.files.items()
    ]
    client.files_upload_v2(channel=channel, file_uploads=uploads, initial_comment=comment)
    return list(report.files)


def report_started_reply(lang: str, area: FocusArea | None, start: date, end: date) -> Reply:
    text = t(
        lang,
        "report.started",
        area=t(lang, "report.started_area", area=esc(area.name)) if area else "",
        start=format_date(start, lang),
        end=format_date(end, lang),
    )
    return text_reply(text)
