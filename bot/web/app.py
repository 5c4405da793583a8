"""Build the Bolt app: client, middleware, listeners. Kept short on purpose."""

from __future__ import annotations

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.answers.slack import is_workspace_member
from bot.core.actor import Who, request_channel, request_network
from bot.core.network_choice import network_of_view
from bot.core.runtime import Core
from bot.core.slack_client import TeamClients, make_web_client
from bot.core.userinfo import user_locale
from handlers import register_handlers
from handlers.errors import handle_error


def build_app(core: Core, *, client: WebClient | None = None) -> App:
    """The Slack app for `core`; every listener finds `core` in `context`."""
    settings = core.settings
    app = App(
        client=client or make_web_client(settings),
        signing_secret=settings.slack_signing_secret,
        token_verification_enabled=False,
        ignoring_self_events_enabled=True,
        # Answer Slack when the listener returns: no thread hand-off, no polling for ack().
        # Listeners return as soon as the answer is known; Slack calls that follow it run on
        # `handlers.after_ack`'s pool, so a slow Slack never delays an ack.
        process_before_response=True,
    )

    clients = TeamClients(app.client)

    @app.middleware
    def attach_core(context, next) -> None:  # type: ignore[no-untyped-def]
        context["core"] = core
        # the workspace's kept-alive client in place of the one Bolt made for this request
        context["client"] = clients.get(context.team_id)
        next()

    @app.middleware
    def attach_scope(body, context, next) -> None:  # type: ignore[no-untyped-def]
        """The request's channel, and a submitted form's network, for `who_is_acting` to find
        the network: in `context`, and in `bot.core.actor.request_channel`/`request_network` for
        the listener and the work it hands to `handlers.after_ack` and the command pool.
        Bolt runs the listener after the middleware returns, in this thread, so the values
        are set (not reset afterwards); every request sets both, so none outlives its own."""
        channel = request_channel_of(body)
        network_id = (
            network_of_view(body.get("view")) if body.get("type") == "view_submission" else None
        )
        context["channel_id"], context["network_id"] = channel, network_id
        request_channel.set(channel)
        request_network.set(network_id)
        next()

    @app.middleware
    def attach_who(body, context, next) -> None:  # type: ignore[no-untyped-def]
        """Who is acting, and in which network, for every request with a user: a
        `bot.core.actor.Who` in `context["who"]`, which the listener hands to the service.
        It is resolved once, by `bot.core.actor.who_is_acting` (the user's locale by
        `user_locale`, cached), when the service first asks, in its unit of work: so after
        the ack where the listener acks first, and with no query for a request that never
        asks (nor for one without a user)."""
        user = context.user_id
        if user:
            team = request_team_of(body, context)
            client = context["client"]
            refresh = (body.get("event") or {}).get("type") == "app_home_opened"

            def locale() -> str | None:
                return user_locale(core, client, user, team_id=team, refresh=refresh)

            event = body.get("event")
            context["who"] = Who(
                core,
                slack_user_id=user,
                team_id=team,
                locale=locale,
                channel_id=context["channel_id"],
                network_id=context["network_id"],
                workspace_member=not isinstance(event, dict)
                or is_workspace_member(event, context.team_id),
            )
        next()

    register_handlers(app)
    app.error(handle_error)
    return app


def request_team_of(body: dict, context: BoltContext) -> str | None:  # type: ignore[type-arg]
    """The workspace a Slack request belongs to: an event's (Bolt's reading, for shared
    channels), an interaction's `team`, a command's `team_id`."""
    if body.get("type") == "event_callback":
        event = body.get("event")
        return context.team_id or (event.get("team") if isinstance(event, dict) else None)
    team = body.get("team")
    if isinstance(team, dict) and team.get("id"):
        return str(team["id"])
    return body.get("team_id")


def request_channel_of(body: dict) -> str | None:  # type: ignore[type-arg]
    """The channel a Slack request comes from: a command's, an event's, a button's."""
    if isinstance(body.get("channel_id"), str):
        return body["channel_id"]
    event = body.get("event")
    if isinstance(event, dict) and isinstance(event.get("channel"), str):
        return event["channel"]
    channel = body.get("channel")
    if isinstance(channel, dict) and isinstance(channel.get("id"), str):
        return channel["id"]
    container = body.get("container")
    if isinstance(container, dict) and isinstance(container.get("channel_id"), str):
        return container["channel_id"]
    return None
