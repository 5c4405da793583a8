"""Pulse surveys: the coordinator's form, the survey message, answers, and the tick that sends
them and their reminders (through the outbox)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from slack_sdk import WebClient
from sqlmodel import Session

from bot.core import outbox, permissions
from bot.core.actor import Who
from bot.core.blocks import esc
from bot.core.dates import format_date
from bot.core.forms import (
    FormOutcome,
    int_value,
    selected_date,
    selected_value,
    selected_values,
    text_value,
)
from bot.core.i18n import language_of_locale, t
from bot.core.network_choice import stamp_view
from bot.core.runtime import Core
from bot.followup import views
from storage import registry
from storage import surveys as survey_store
from storage.models import (
    Network,
    Party,
    Person,
    Survey,
)

REMIND_DAYS_BEFORE = 2


REMIND_AT = time(9, 0)


CLAIM_HOLD = timedelta(minutes=2)


MAX_ATTEMPTS = 5


PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "user_not_found",
        "account_inactive",
        "user_disabled",
        "cannot_dm_bot",
        "is_archived",
        "not_in_channel",
        "invalid_blocks",
        "msg_too_long",
    }
)


def closes_at_for(core: Core, day: date) -> datetime:
    """A closing date means the end of that day in the network's time zone (23:59)."""
    return datetime.combine(day, time(23, 59), tzinfo=core.settings.tz).astimezone(UTC)


def reminder_at(core: Core, survey: Survey) -> datetime:
    """When those who have not answered are reminded: 09:00 local two days before closing, or
    half-way through a survey too short for that."""
    tz = core.settings.tz
    local_close = survey.closes_at.astimezone(tz)
    due = datetime.combine(
        local_close.date() - timedelta(days=REMIND_DAYS_BEFORE), REMIND_AT, tzinfo=tz
    ).astimezone(UTC)
    if due <= survey.created_at + timedelta(hours=12):
        due = survey.created_at + (survey.closes_at - survey.created_at) / 2
    return due


def survey_form_defaults(
    core: Core, session: Session, network: Network
) -> tuple[list[Party], list[int], date]:
    parties = registry.parties(session=session, network_id=network.id)  # type: ignore[arg-type]
    selected = survey_store.default_party_ids(session=session, network_id=network.id)  # type: ignore[arg-type]
    today = core.now().astimezone(core.settings.tz).date()
    return parties, selected, today + timedelta(days=14)


def _person_lang(core: Core, person: Person) -> str:
    return language_of_locale(person.locale, core.settings.language)


def create_survey_form(core: Core, who: Who, *, values: dict[str, Any]) -> FormOutcome:
    """The coordinator's submitted survey form: create it and queue one DM per school chief."""
    with core.db.session() as session:
        acting = who.get(session)
        network, actor = acting.network, acting.actor
        lang = actor.lang
        if not permissions.may_start_survey(actor):
            return FormOutcome(errors={"title": t(lang, "refused.coordinators_only")})
        errors: dict[str, str] = {}
        title = text_value(values, "title")
        if not title or len(title) > 150:
            errors["title"] = t(lang, "survey.error_title")
        questions = [q.strip(" •-\t") for q in text_value(values, "questions").splitlines()]
        questions = [q for q in questions if q]
        if (
            not questions
            or len(questions) > survey_store.MAX_QUESTIONS
            or any(len(q) > survey_store.MAX_QUESTION_LENGTH for q in questions)
        ):
            errors["questions"] = t(lang, "survey.error_questions")
        known = {p.id: p for p in registry.parties(session=session, network_id=network.id)}  # type: ignore[arg-type]
        party_ids = [
            i
            for i in (int_value(v) for v in selected_values(values, "parties"))
            if i is not None and i in known
        ]
        if not party_ids:
            errors["parties"] = t(lang, "survey.error_parties")
        today = core.now().astimezone(core.settings.tz).date()
        try:
            closes_on = date.fromisoformat(str(selected_date(values, "closes")))
        except ValueError:
            closes_on = None
        if closes_on is None or not today < closes_on <= today + timedelta(days=366):
            errors["closes"] = t(lang, "survey.error_closes")
        if errors:
            return FormOutcome(errors=errors)
        assert closes_on is not None
        survey = survey_store.create_survey(
            session=session,
            network_id=network.id,  # type: ignore[arg-type]
            title=title,
            questions=questions,
            party_ids=party_ids,
            closes_at=closes_at_for(core, closes_on),
            actor=actor.audit_name,
        )
        survey.created_at = core.now()
        recipients = survey_store.school_chiefs(
            session=session,
            network_id=network.id,
            party_ids=party_ids,  # type: ignore[arg-type]
        )
        for recipient in recipients:
            _queue(core, session, survey, recipient, reminder=False, now=core.now())
        covered = {r.party.id for r in recipients}
        missing = [known[i].name for i in party_ids if i not in covered]
        view = views.survey_created_modal(
            lang,
            title=title,
            count=len(recipients),
            closes=format_date(survey.closes_at, lang, core.settings.tz),
            reminder=format_date(reminder_at(core, survey), lang, core.settings.tz),
            missing=missing,
        )
    return FormOutcome(view=view, after=[lambda client: outbox.send_due(core, client, core.now())])


def _queue(
    core: Core,
    session: Session,
    survey: Survey,
    recipient: survey_store.Recipient,
    *,
    reminder: bool,
    now: datetime,
) -> None:
    """Put one survey DM (invitation or reminder) in the outbox, once per chief and kind."""
    lang = _person_lang(core, recipient.person)
    payload = views.survey_message(
        lang,
        survey,
        party_name=recipient.party.name,
        closes_text=format_date(survey.closes_at, lang, core.settings.tz),
        reminder=reminder,
    )
    outbox.enqueue(
        session,
        network_id=survey.network_id,
        kind=survey_store.REMINDER if reminder else survey_store.INVITATION,
        ref_id=survey.id,  # type: ignore[arg-type]
        recipient=recipient.person.slack_user_id,  # type: ignore[arg-type]
        party_id=recipient.party.id,
        payload=payload,
        not_before=now,
    )


def survey_answer_form(
    core: Core, who: Who, *, survey_id: int | None
) -> tuple[dict[str, Any] | None, str | None]:
    """The answer form a school chief opens from the DM, or the kind refusal to show."""
    with core.db.session() as session:
        survey = session.get(Survey, survey_id) if survey_id is not None else None
        # the survey's own network (the invitation comes in a DM, which no network owns)
        there = who.again(survey.network_id if survey is not None else None)
        acting = there.get(session)
        network, actor = acting.network, acting.actor
        lang = actor.lang
        if survey is None or survey.network_id != network.id:
            return None, t(lang, "survey.missing")
        closes_text = format_date(survey.closes_at, lang, core.settings.tz)
        if not survey_store.is_open(survey, core.now()):
            return None, t(lang, "survey.closed", title=esc(survey.title), date=closes_text)
        if not permissions.may_answer_survey(actor, survey.party_ids):
            return None, t(lang, "survey.refused")
        assert actor.party is not None and actor.party.id is not None
        previous = survey_store.response_of(
            session=session, survey_id=survey.id, party_id=actor.party.id
        )  # type: ignore[arg-type]
        view = views.survey_answer_modal(
            lang,
            survey,
            party_name=actor.party.name,
            closes_text=closes_text,
            previous=previous,
            previous_text=format_date(previous.updated_at, lang, core.settings.tz)
            if previous
            else "",
        )
        return stamp_view(view, network.id), None


def save_survey_answer(
    core: Core,
    who: Who,
    *,
    private_metadata: str,
    values: dict[str, Any],
) -> FormOutcome:
    """A submitted answer: stored for the chief's party (replacing an earlier one), refused
    kindly after closing or for anyone but an asked party's school chief."""
    try:
        survey_id = int_value(json.loads(private_metadata or "{}").get("survey"))
    except (ValueError, AttributeError):
        survey_id = None
    with core.db.session() as session:
        acting = who.get(session)
        network, actor = acting.network, acting.actor
        lang = actor.lang
        survey = session.get(Survey, survey_id) if survey_id is not None else None
        if survey is None or survey.network_id != network.id:
            return FormOutcome(
                view=views.notice_modal(
                    lang,
                    "survey.closed_title",
                    t(lang, "survey.missing"),
                    callback_id="survey_done",
                )
            )
        closes_text = format_date(survey.closes_at, lang, core.settings.tz)
        if not survey_store.is_open(survey, core.now()):
            text = t(lang, "survey.closed", title=esc(survey.title), date=closes_text)
            return FormOutcome(
                view=views.notice_modal(
                    lang, "survey.closed_title", text, callback_id="survey_done"
                )
            )
        if not permissions.may_answer_survey(actor, survey.party_ids):
            return FormOutcome(errors={"comment": t(lang, "survey.refused")})
        assert actor.party is not None and actor.party.id is not None
        scores: list[int] = []
        errors = {}
        for index in range(len(survey.questions)):
            score = int_value(selected_value(values, f"q{index}", "score"))
            if score not in survey_store.SCALE:
                errors[f"q{index}"] = t(lang, "survey.error_score")
            else:
                scores.append(score)  # type: ignore[arg-type]
        if errors:
            return FormOutcome(errors=errors)
        _, created = survey_store.answer(
            session=session,
            survey=survey,
            party_id=actor.party.id,
            scores=scores,
            comment=text_value(values, "comment"),
            actor=actor.audit_name,
            now=core.now(),
        )
        key = "survey.thanks" if created else "survey.thanks_changed"
        text = t(lang, key, party=esc(actor.party.name), date=closes_text)
    return FormOutcome(
        view=views.notice_modal(lang, "survey.thanks_title", text, callback_id="survey_done")
    )


def survey_tick(core: Core, client: WebClient | None, now: datetime) -> None:
    """Tick task: close surveys past their date (cancelling their unsent messages) and queue a
    reminder for every asked party that has not answered once the reminder is due. The outbox's
    own tick task sends them, exactly once."""
    with core.db.session() as session:
        queue_survey_work(core, session, now)


def queue_survey_work(core: Core, session: Session, now: datetime) -> None:
    """The survey tick's rules in `session` (the tick's own, or the dry run's rehearsal)."""
    for survey in survey_store.close_due(session=session, now=now):
        for kind in survey_store.KINDS:
            outbox.cancel(session, kind=kind, ref_id=survey.id, note="survey closed")  # type: ignore[arg-type]
    for survey in survey_store.open_surveys(session=session, now=now):
        if now < reminder_at(core, survey):
            continue
        answered = {
            r.party_id for r in survey_store.responses(session=session, survey_id=survey.id)
        }  # type: ignore[arg-type]
        pending = [p for p in survey.party_ids if p not in answered]
        for recipient in survey_store.school_chiefs(
            session=session, network_id=survey.network_id, party_ids=pending
        ):
            _queue(core, session, survey, recipient, reminder=True, now=now)
