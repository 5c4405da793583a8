"""What the follow-up's forms share: the result of a submission (`FormResult`: a view, field
errors or a refusal, and the work after `ack()`), and local dates. Values are read with
`bot.core.forms`.

Handlers parse a Slack payload and call one function of `lessons`, `surveys` or
`report.delivery`; each runs one unit of work. Survey messages go through the outbox
(`bot.core.outbox`): queued in the transaction that decides them, sent exactly once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_sdk import WebClient

from bot.core.dates import format_date
from bot.core.runtime import Core

log = logging.getLogger(__name__)


@dataclass
class FormResult:
    """What a view submission answers: field `errors`, or a `view` to show (or neither: close),
    and work to run after the ack."""

    errors: dict[str, str] | None = None
    view: dict[str, Any] | None = None
    after: Callable[[WebClient], None] | None = None

    def ack_kwargs(self) -> dict[str, Any]:
        if self.errors:
            return {"response_action": "errors", "errors": self.errors}
        if self.view is not None:
            return {"response_action": "update", "view": self.view}
        return {}


def local_date_text(core: Core, value: datetime, lang: str) -> str:
    return format_date(value, lang, core.settings.tz)


# =========================================================================== lessons


# =========================================================================== surveys


# --------------------------------------------------------------------------- reminders


# =========================================================================== the report
