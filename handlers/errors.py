"""The one error handler: log the failure, tell the user kindly, never leak details."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_bolt import BoltResponse

from bot.core.i18n import t
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
    text = user_error_text(error, context.get("core") if context else None)
    if body.get("type") == "view_submission":
        return BoltResponse(status=200, body="")
    payload = {"response_type": "ephemeral", "text": text}
    return BoltResponse(
        status=200, body=json.dumps(payload), headers={"content-type": "application/json"}
    )


def user_error_text(error: Exception, core: Any) -> str:
    """What the user is told when a listener fails: the database is away, or something else."""
    lang = core.settings.language if core else "sv"
    key = "error.database" if isinstance(error, UNAVAILABLE_ERRORS) else "error.generic"
    return t(lang, key)
