"""Slack actions listeners: each acks at once and does its work after the ack."""

from __future__ import annotations

import re

from slack_bolt import App

from bot.core.network_choice import CHOOSE_ACTION
from bot.registry import ids as registry_ids
from bot.registry.home_view import NETWORK_SWITCH
from handlers.actions import answers as answer_actions
from handlers.actions import events as event_actions
from handlers.actions import registry as registry_actions
from handlers.actions.followup import save_lesson_shortcut, survey_open_action
from handlers.actions.networks import home_network_switch, network_chosen
from handlers.after_ack import ack_first


def register(app: App) -> None:
    app.action(re.compile(r"^answers\.choose\.\d+$"))(ack_first(answer_actions.choose))
    app.action(registry_ids.HOME_JOIN)(ack_first(registry_actions.home_join))
    app.action(registry_ids.HOME_REGISTER)(ack_first(registry_actions.home_register))
    app.action(registry_ids.HOME_ASK)(ack_first(registry_actions.home_ask))
    app.action(registry_ids.HOME_EXPORT)(ack_first(registry_actions.home_export))
    app.action(registry_ids.HOME_NEW_AREA)(ack_first(registry_actions.home_new_area))
    app.action(registry_ids.HOME_NEW_PERSON)(ack_first(registry_actions.home_new_person))
    app.action(re.compile(f"^{registry_ids.MATRIX_PAGE}"))(ack_first(registry_actions.matrix_page))
    app.action(registry_ids.APPROVE)(ack_first(registry_actions.approve_registration))
    app.action(registry_ids.REJECT)(ack_first(registry_actions.reject_registration))
    app.action(registry_ids.JOIN_PARTY)(ack_first(registry_actions.join_party_chosen))
    app.action(registry_ids.REGISTER_ROLE)(ack_first(registry_actions.register_role_chosen))
    app.shortcut("save_lesson")(ack_first(save_lesson_shortcut))
    app.action("survey_open")(ack_first(survey_open_action))
    app.action("event_rsvp_yes")(ack_first(event_actions.rsvp_yes))
    app.action("event_rsvp_no")(ack_first(event_actions.rsvp_no))
    app.action("event_manage")(ack_first(event_actions.manage_event))
    app.action(CHOOSE_ACTION)(ack_first(network_chosen))
    app.action(NETWORK_SWITCH)(ack_first(home_network_switch))
