"""Follow-up subcommands: lessons learned, the pulse survey and the evaluation report."""

from __future__ import annotations

import functools
import re

from bot.core import permissions
from bot.core.blocks import Modal, Outcome, Reply, ReplyThen, esc, text_reply
from bot.core.dates import format_date
from bot.core.lookup import area_names, explain_miss, find_area
from bot.core.request import Request, Subcommand
from bot.core.textmatch import best_match
from bot.followup import views
from bot.followup.lessons import lesson_item
from bot.followup.report.delivery import report_period, report_started_reply, send_report
from bot.followup.surveys import survey_form_defaults
from storage import lessons as lesson_store
from storage import registry
from storage import surveys as survey_store
from storage.models import FocusArea
from storage.text import fold

LIST_LIMIT = 15
_HASHTAG = re.compile(r"(?<!\w)#([\wåäöÅÄÖ-]{1,40})")


def split_area_and_text(request: Request, args: str) -> tuple[FocusArea, str]:
    """'<area> <text>' where the area may have several words: the longest head naming an area
    exactly wins; then a fuzzy match of the first one to three words."""
    words = args.split()
    areas = registry.areas(session=request.session, network_id=request.network.id)  # type: ignore[arg-type]
    for cut in range(len(words), 0, -1):
        head = " ".join(words[:cut]).rstrip(":,")
        match = best_match(head, areas, area_names)
        if match.exact and match.found is not None:
            return match.found, " ".join(words[cut:]).lstrip(":–- ")
    for cut in range(1, min(3, len(words)) + 1):
        head = " ".join(words[:cut]).rstrip(":,")
        match = best_match(head, areas, area_names)
        if match.found is not None:
            return match.found, " ".join(words[cut:]).lstrip(":–- ")
    first = words[0].rstrip(":,")
    raise explain_miss(
        request, first, best_match(first, areas, area_names), "what.area", lambda a: a.name
    )


def lesson_command(request: Request) -> Reply:
    actor = request.actor
    if not permissions.may_record_lesson(actor):
        raise request.fail("lesson.refused")
    if not request.args:
        raise request.fail("lesson.usage")
    area, text = split_area_and_text(request, request.args)
    if not text:
        raise request.fail("lesson.no_text", area=area.slug)
    if len(text) > lesson_store.MAX_LESSON_TEXT:
        raise request.fail("lesson.error_text")
    lesson_store.add_lesson(
        session=request.session,
        network_id=request.network.id,  # type: ignore[arg-type]
        area_id=area.id,
        text=text,
        actor=actor.audit_name,
        party_id=actor.party.id if actor.party else None,
        tags=_HASHTAG.findall(text),
        at=request.core.now(),
    )
    reply = request.t("lesson.saved", area=esc(area.name), slug=area.slug)
    return text_reply(reply)


def lessons_command(request: Request) -> Reply:
    if not permissions.may_read_lessons(request.actor):
        raise request.fail("lesson.refused")
    area = find_area(request, request.args, include_archived=True) if request.args else None
    found = lesson_store.lessons(
        session=request.session,
        network_id=request.network.id,  # type: ignore[arg-type]
        area_id=area.id if area else None,
    )
    items = [
        lesson_item(request.core, request.session, lesson, request.lang, with_area=area is None)
        for lesson in found[:LIST_LIMIT]
    ]
    return views.build_lessons_message(
        request.lang,
        items,
        area=area.name if area is not None else None,
        slug=area.slug if area is not None else "",
        network=request.network.name,
        more=len(found) - LIST_LIMIT,
    )


STATUS_WORDS = frozenset({"status", "lage", "svar", "answers"})


def survey_command(request: Request) -> Outcome:
    if not permissions.may_start_survey(request.actor):
        raise request.fail("refused.coordinators_only")
    if fold(request.args) in STATUS_WORDS:
        return survey_status(request)
    parties, selected, closes_on = survey_form_defaults(
        request.core, request.session, request.network
    )
    view = views.survey_create_modal(
        request.lang, parties, selected_party_ids=selected, closes_on=closes_on
    )
    hint = request.t("survey.field_questions_hint")
    fallback = text_reply(hint)
    return Modal(view=view, fallback=fallback)


def survey_status(request: Request) -> Reply:
    """The newest surveys: closing date, how many parties answered, who has not yet."""
    session, network = request.session, request.network
    found = survey_store.surveys(session=session, network_id=network.id)[-5:]  # type: ignore[arg-type]
    if not found:
        return views.build_survey_status_message(request.lang, [])
    names = {p.id: p.name for p in registry.parties(session=session, network_id=network.id)}  # type: ignore[arg-type]
    statuses = []
    for survey in reversed(found):
        answered = {
            r.party_id for r in survey_store.responses(session=session, survey_id=survey.id)
        }  # type: ignore[arg-type]
        missing = [names[i] for i in survey.party_ids if i not in answered and i in names]
        statuses.append(
            views.SurveyStatus(
                title=survey.title,
                open=survey_store.is_open(survey, request.core.now()),
                closes=format_date(survey.closes_at, request.lang, request.core.settings.tz),
                answered=len(answered),
                asked=len(survey.party_ids),
                missing=sorted(missing),
            )
        )
    return views.build_survey_status_message(request.lang, statuses)


def report_command(request: Request) -> Reply:
    if not permissions.may_build_report(request.actor):
        raise request.fail("report.refused")
    area = find_area(request, request.args, include_archived=True) if request.args else None
    start, end = report_period(request.core, request.network)
    if not request.core.settings.slack_bot_token:
        text = request.t("report.no_slack", network=request.network.slug)
        return text_reply(text)
    reply = report_started_reply(request.lang, area, start, end)
    send = functools.partial(
        send_report,
        request.core,
        user_id=request.actor.slack_user_id,
        network_id=request.network.id,
        area_id=area.id if area else None,
        start=start,
        end=end,
        lang=request.lang,
    )
    return ReplyThen(text=reply.text, blocks=reply.blocks, then=send)


SUBCOMMANDS = [
    Subcommand("lärdom", "lesson", lesson_command, "help.lesson", aliases=("lardom",)),
    Subcommand("lärdomar", "lessons", lessons_command, "help.lessons", aliases=("lardomar",)),
    Subcommand(
        "enkät",
        "survey",
        survey_command,
        "help.survey",
        aliases=("enkat", "pulsenkät"),
        coordinators_only=True,
    ),
    Subcommand("rapport", "report", report_command, "help.report", coordinators_only=True),
]
