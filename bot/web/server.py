"""HTTP mode: a WSGI application served by gunicorn (gthread workers).

Routes: POST /slack/events (commands, events, interactivity: through `bot.web.door`, which
checks size, signature and shape, then Bolt's WSGI adapter),
GET /healthz (database and scheduler state, for load balancers), plus the routes features add
to `Runtime.routes` (calendar feeds, metrics).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from gunicorn.app.base import BaseApplication
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.core import observability
from bot.core.config import Settings
from bot.core.runtime import Core
from bot.scheduler.clock import Clock
from bot.web.app import build_app
from bot.web.door import slack_door
from handlers import after_ack

log = logging.getLogger(__name__)

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


@dataclass
class Runtime:
    """One process's bot: core, Slack app, clock, and its extra HTTP routes."""

    core: Core
    slack: App
    clock: Clock | None = None
    routes: dict[str, WSGIApp] = field(default_factory=dict)

    @classmethod
    def create(cls, settings: Settings, *, with_clock: bool = True) -> Runtime:
        core = Core.from_settings(settings)
        slack = build_app(core)
        clock = Clock(core, slack.client) if with_clock else None
        runtime = cls(core=core, slack=slack, clock=clock)
        runtime.routes.update(extra_routes(runtime))
        if clock:
            observability.instrument_scheduler(clock.scheduler)
        return runtime

    def route_of(self, path: str) -> str:
        """The route a path belongs to, as logs and metrics name it (never a feed's token)."""
        if path in ("/slack/events", "/healthz"):
            return path
        return next((prefix for prefix in self.routes if path.startswith(prefix)), "other")

    def health(self) -> tuple[int, dict[str, Any]]:
        database = "ok" if self.core.db.ping() else "unavailable"
        scheduler = self.clock.state if self.clock else "off"
        healthy = database == "ok" and scheduler != "stopped"
        status = "ok" if healthy else "degraded"
        return (200 if healthy else 503), {
            "status": status,
            "database": database,
            "scheduler": scheduler,
        }

    def wsgi(self) -> WSGIApp:
        slack_handler = slack_door(
            SlackRequestHandler(self.slack, path="/slack/events"),
            self.core.settings.slack_signing_secret,
        )

        def application(
            environ: dict[str, Any], start_response: Callable[..., Any]
        ) -> Iterable[bytes]:
            path = environ.get("PATH_INFO", "")
            method = environ.get("REQUEST_METHOD", "GET")
            if path == "/healthz" and method in ("GET", "HEAD"):
                status, body = self.health()
                return _json(start_response, status, body)
            if path == "/slack/events":
                return slack_handler(environ, start_response)
            for prefix, route in self.routes.items():
                if path.startswith(prefix):
                    return route(environ, start_response)
            return _json(start_response, 404, {"error": "not found"})

        return observability.instrument_wsgi(application, self.route_of)

    def start(self) -> None:
        if self.clock:
            self.clock.start()

    def stop(self) -> None:
        if self.clock:
            self.clock.stop()
        after_ack.drain()  # forms, updates and DMs that follow acks already sent
        self.core.db.dispose()


def extra_routes(runtime: Runtime) -> dict[str, WSGIApp]:
    """Routes that features add (calendar feeds, metrics); path prefix -> WSGI app."""
    from bot.events.calendar import PREFIX as CALENDAR_PREFIX
    from bot.events.calendar import calendar_app

    return {
        "/metrics": observability.metrics_app,
        CALENDAR_PREFIX: calendar_app(runtime.core),
    }


_REASONS = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}


def _json(start_response: Callable[..., Any], status: int, body: dict[str, Any]) -> list[bytes]:
    data = json.dumps(body).encode()
    start_response(
        f"{status} {_REASONS.get(status, 'OK')}",
        [("Content-Type", "application/json"), ("Content-Length", str(len(data)))],
    )
    return [data]


class GunicornServer(BaseApplication):  # type: ignore[misc]
    """gunicorn, configured in code: gthread workers, each with its own runtime and clock."""

    def __init__(self, settings: Settings, *, workers: int = 2, threads: int = 4) -> None:
        self.settings = settings
        self.options = {
            "bind": f"0.0.0.0:{settings.port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": threads,
            "graceful_timeout": 20,
            "timeout": 30,
            "keepalive": 5,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "info",
            "post_worker_init": self._post_worker_init,
            "worker_exit": self._worker_exit,
            "child_exit": lambda server, worker: observability.worker_exited(worker.pid),
            "logger_class": observability.GunicornLogger,
        }
        self.runtime: Runtime | None = None
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)
        if "control_socket_disable" in self.cfg.settings:  # newer gunicorn: no socket in $HOME
            self.cfg.set("control_socket_disable", True)

    def load(self) -> WSGIApp:
        self.runtime = Runtime.create(self.settings)
        return self.runtime.wsgi()

    def _post_worker_init(self, worker: Any) -> None:
        if self.runtime:
            self.runtime.start()

    def _worker_exit(self, server: Any, worker: Any) -> None:
        if self.runtime:
            self.runtime.stop()


def serve(settings: Settings, *, workers: int = 2, threads: int = 4) -> None:
    """Run HTTP mode until SIGTERM/SIGINT; gunicorn drains in-flight requests on SIGTERM."""
    observability.configure_logging(settings)
    observability.enable_multiprocess()
    GunicornServer(settings, workers=workers, threads=threads).run()
