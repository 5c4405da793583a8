"""Slack actions listeners."""

from __future__ import annotations

import re

from slack_bolt import App

from bot import views as registry_ids
from handlers.actions import events as event_actions
from handlers.actions import registry as registry_actions
from handlers.actions.followup import save_lesson_shortcut, survey_open_action


def register(app: App) -> None:
    app.action(registry_ids.HOME_JOIN)(registry_actions.home_join)
    app.action(registry_ids.HOME_REGISTER)(registry_actions.home_register)
    app.action(registry_ids.HOME_ASK)(registry_actions.home_ask)
    app.action(registry_ids.HOME_EXPORT)(registry_actions.home_export)
    app.action(registry_ids.HOME_NEW_AREA)(registry_actions.home_new_area)
    app.action(registry_ids.HOME_NEW_PERSON)(registry_actions.home_new_person)
    app.action(re.compile(f"^{registry_ids.MATRIX_PAGE}"))(registry_actions.matrix_page)
    app.action(registry_ids.APPROVE)(registry_actions.approve_registration)
    app.action(registry_ids.REJECT)(registry_actions.reject_registration)
    app.action(registry_ids.JOIN_PARTY)(registry_actions.join_party_chosen)
    app.shortcut("save_lesson")(save_lesson_shortcut)
    app.action("survey_open")(survey_open_action)
    app.action("event_rsvp_yes")(event_actions.rsvp_yes)
    app.action("event_rsvp_no")(event_actions.rsvp_no)
    app.action("event_manage")(event_actions.manage_event)
