"""Slack views listeners."""

from __future__ import annotations

from slack_bolt import App

from bot.registry import ids as registry_ids
from handlers.views import events as event_views
from handlers.views import registry as registry_views
from handlers.views.followup import (
    save_lesson_submission,
    survey_answer_submission,
    survey_create_submission,
)


def register(app: App) -> None:
    app.view(registry_ids.JOIN_VIEW)(registry_views.join_submitted)
    app.view(registry_ids.REGISTER_VIEW)(registry_views.register_submitted)
    app.view(registry_ids.PERSON_VIEW)(registry_views.person_submitted)
    app.view(registry_ids.AREA_VIEW)(registry_views.area_submitted)
    app.view(registry_ids.ASK_VIEW)(registry_views.ask_submitted)
    app.view("save_lesson")(save_lesson_submission)
    app.view("survey_create")(survey_create_submission)
    app.view("survey_answer")(survey_answer_submission)
    app.view("event_form")(event_views.event_form_submitted)
    app.view("broadcast_preview")(event_views.broadcast_preview_submitted)
    app.view("broadcast_send")(event_views.broadcast_send_submitted)
    app.view("event_cancel")(event_views.cancel_form_submitted)
