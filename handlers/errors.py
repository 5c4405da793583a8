"""The one error handler: log the failure, tell the user kindly, never leak details."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import BoltResponse

from bot.i18n import t
from storage.db import UNAVAILABLE_ERRORS


def handle_error(
    error: Exception, body: dict[str, Any], logger: logging.Logger, context: Any
) -> BoltResponse:
    logger.error(
        "listener failed: %s: %s",
        type(error).__name__,
        str(error).splitlines()[0] if str(error) else "",
        exc_info=error,
    )
    core = context.get("core") if context else None
    lang = core.settings.language if core else "sv"
    key = "error.database" if isinstance(error, UNAVAILABLE_ERRORS) else "error.generic"
    text = t(lang, key)
    if body.get("type") == "view_submission":
        return BoltResponse(status=200, body="")
    payload = {"response_type": "ephemeral", "text": text}
    return BoltResponse(
        status=200, body=json.dumps(payload), headers={"content-type": "application/json"}
    )
