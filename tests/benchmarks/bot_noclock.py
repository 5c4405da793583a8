"""Diagnostic: the bot's WSGI app without its scheduler, on the same gunicorn stack.

`Runtime.create(settings, with_clock=False)`: the same app, routes and middleware as
`samverkansbot serve`, but no tick in the workers. Comparing it with the real server shows how
much of the request path's cost is the scheduler's work running beside it in the same processes.
"""

from __future__ import annotations

from bot.core.config import load_settings
from bot.web.server import Runtime

_runtime = Runtime.create(load_settings(dotenv=False), with_clock=False)
application = _runtime.wsgi()
