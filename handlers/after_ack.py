"""Work that follows Slack's acknowledgement.

The app runs with `process_before_response=True`: Bolt writes the HTTP response when the
listener returns, with no thread hand-off and no polling for `ack()`. A listener therefore
returns as soon as the answer is known, and every Slack Web API call that only follows the
answer (opening a form, updating a message, a DM, an upload, publishing the Home) goes to this
small pool, so a slow Slack can never delay an ack.

- `after_ack(work, *args)`: run `work` on the pool, logging a failure with its traceback.
- `ack_first(listener)`: a listener that acks at once and runs entirely after the ack (buttons,
  shortcuts, Home); it takes the same arguments, so Bolt injects them as usual. If it fails,
  the user is told kindly where Slack gave a `response_url`, as `handlers.errors` does.
- `drain(timeout)`: on shutdown, let queued work finish (gunicorn's worker exit, tests).

Nothing here must be durable: what cannot be lost (reminders, broadcasts, survey DMs) goes
through the outbox, which the clock drives; this pool only starts it sooner.
"""

from __future__ import annotations

import contextvars
import functools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from handlers.errors import user_error_text

log = logging.getLogger(__name__)

_pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="after-ack")
_pending: set[Future[None]] = set()
_lock = threading.Lock()


def after_ack(work: Callable[..., Any], /, *args: Any, **kwargs: Any) -> None:
    """Run `work(*args, **kwargs)` after the ack, on the pool."""
    # the request's context variables (its channel: `bot.core.actor.request_channel`) go along
    future = _pool.submit(contextvars.copy_context().run, _logged, work, args, kwargs)
    with _lock:
        _pending.add(future)
    future.add_done_callback(_forget)


def ack_first(listener: Callable[..., None]) -> Callable[..., None]:
    """`listener`, acked at once and run after the ack. It must take `context` (for the ack)."""

    @functools.wraps(listener)  # Bolt reads the wrapped listener's argument names
    def acked(**kwargs: Any) -> None:
        context = kwargs["context"]
        context.ack()
        after_ack(_run_or_apologise, listener, context, kwargs)

    return acked


def _run_or_apologise(listener: Callable[..., None], context: Any, kwargs: dict[str, Any]) -> None:
    try:
        listener(**kwargs)
    except Exception as error:
        log.exception("listener failed after the ack: %s", listener.__qualname__)
        if context.respond is not None:
            context.respond(
                text=user_error_text(error, context.get("core")),
                response_type="ephemeral",
                replace_original=False,
            )


def drain(timeout: float = 10.0) -> bool:
    """Wait up to `timeout` seconds for the work queued so far; True when all of it finished."""
    with _lock:
        pending = set(_pending)
    if not pending:
        return True
    _done, not_done = wait(pending, timeout=timeout)
    if not_done:
        log.warning("after-ack work still running at shutdown: %d task(s)", len(not_done))
    return not not_done


def _logged(work: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    try:
        work(*args, **kwargs)
    except Exception:
        log.exception("work after the ack failed: %s", getattr(work, "__qualname__", work))


def _forget(future: Future[None]) -> None:
    with _lock:
        _pending.discard(future)
