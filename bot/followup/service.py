"""Follow-up and evaluation, the bot layer: lessons learned, pulse surveys, the report's delivery.

Handlers parse a Slack payload and call one function here; each runs one unit of work and says
what to show (a view, field errors or a refusal) and what to do after `ack()` (`FormResult.after`).
Survey messages go through the outbox (`bot.core.outbox`): queued in the transaction that decides
them, sent exactly once by the outbox's worker.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import Session

from bot.core import outbox, permissions
from bot.core.actor import Actor, acting_as
from bot.core.blocks import Block, Reply, context, esc, header, modal, section
from bot.core.dates import format_date
from bot.core.i18n import language_of_locale, t
from bot.core.network_choice import stamp_view
from bot.core.runtime import Core
from bot.core.textrender import mrkdwn_to_text
from bot.followup import views
from bot.followup.report import build_report
from storage import lessons as lesson_store
from storage import registry
from storage import surveys as survey_store
from storage.models import (
    FocusArea,
    Lesson,
    Network,
    Party,
    Person,
    Survey,
)

log = logging.getLogger(__name__)

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


@dataclass
class FormResult:
    """What a view submission answers: field `errors`, or a `view` to show (or neither: close),
    and work to run after the ack."""

    errors: dict[str, str] | None = None
    view: dict[str, Any] | None = None
    after: Callable[[WebClient], None] | None = None

    def ack_kwargs(self) -> dict[str, Any]:
        if self.errors:
            return {"response_action": "errors", "errors": self.errors}
        if self.view is not None:
            return {"response_action": "update", "view": self.view}
        return {}


def _value(values: dict[str, Any], block_id: str, action_id: str) -> dict[str, Any]:
    entry = values.get(block_id, {}).get(action_id)
    return entry if isinstance(entry, dict) else {}


def _text_value(values: dict[str, Any], block_id: str, action_id: str | None = None) -> str:
    return str(_value(values, block_id, action_id or block_id).get("value") or "").strip()


def _selected(values: dict[str, Any], block_id: str, action_id: str | None = None) -> str | None:
    option = _value(values, block_id, action_id or block_id).get("selected_option")
    return str(option.get("value")) if isinstance(option, dict) else None


def int_value(text: Any) -> int | None:
    try:
        return int(str(text))
    except (TypeError, ValueError):
        return None


def local_date_text(core: Core, value: datetime, lang: str) -> str:
    return format_date(value, lang, core.settings.tz)


# =========================================================================== lessons


def _default_area_id(
    session: Session, areas: list[FocusArea], channel_id: str | None, actor: Actor
) -> int | None:
    """The area the message most likely belongs to: the one whose channel it is in, else the
    actor's party's only area."""
    for area in areas:
        if channel_id and area.channel_id == channel_id:
            return area.id
    if actor.party is not None and actor.party.id is not None:
        mine = registry.areas_of_party(session, party_id=actor.party.id)
        if len(mine) == 1:
            return mine[0][0].id
    return None


def lesson_shortcut(
    core: Core,
    client: WebClient,
    *,
    user_id: str,
    team_id: str | None,
    channel_id: str | None,
    message: dict[str, Any],
) -> tuple[dict[str, Any] | None, str | None]:
    """ "Spara som lärdom" on a message: the form to open, or the refusal to show."""
    with core.db.session() as session:
        network, actor = acting_as(core, session, user_id, team_id=team_id)
        if not permissions.may_record_lesson(actor):
            return None, t(actor.lang, "lesson.refused")
        areas = registry.areas(session, network_id=network.id)  # type: ignore[arg-type]
        if not areas:
            return None, t(actor.lang, "lesson.no_areas")
        selected = _default_area_id(session, areas, channel_id, actor)
    permalink = None
    ts = message.get("ts")
    if channel_id and ts:
        try:
            permalink = client.chat_getPermalink(channel=channel_id, message_ts=ts).get("permalink")
        except SlackApiError as error:
            log.warning("chat.getPermalink failed: %s", error.response.get("error"))
    text = mrkdwn_to_text(str(message.get("text") or ""))
    view = views.lesson_modal(
        actor.lang,
        areas,
        text=text,
        selected_area_id=selected,
        permalink=permalink,
        metadata={"permalink": permalink, "channel": channel_id, "ts": ts},
    )
    # the form saves into the network it was opened in, whatever the user works in meanwhile
    return stamp_view(view, network.id), None


def _safe_permalink(value: Any) -> str | None:
    if (
        isinstance(value, str)
        and value.startswith("https://")
        and len(value) <= 500
        and not any(c in value for c in "<>| \n")
    ):
        return value
    return None


def save_lesson_form(
    core: Core,
    *,
    user_id: str,
    team_id: str | None,
    values: dict[str, Any],
    private_metadata: str,
) -> FormResult:
    """The submitted lesson form: store it, or say what to fix; permission checked again."""
    try:
        metadata = json.loads(private_metadata or "{}")
    except ValueError:
        metadata = {}
    if not isinstance(metadata, dict):
        metadata = {}
    with core.db.session() as session:
        network, actor = acting_as(core, session, user_id, team_id=team_id)
        lang = actor.lang
        if not permissions.may_record_lesson(actor):
            return FormResult(errors={"text": t(lang, "lesson.refused")})
        area_id = int_value(_selected(values, "area"))
        area = session.get(FocusArea, area_id) if area_id is not None else None
        text = _text_value(values, "text")
        errors = {}
        if area is None or area.network_id != network.id or area.status != "active":
            errors["area"] = t(lang, "lesson.error_area")
        if not text or len(text) > lesson_store.MAX_LESSON_TEXT:
            errors["text"] = t(lang, "lesson.error_text")
        if errors:
            return FormResult(errors=errors)
        assert area is not None
        lesson_store.add_lesson(
            session,
            network_id=network.id,  # type: ignore[arg-type]
            area_id=area.id,
            text=text,
            actor=actor.audit_name,
            party_id=actor.party.id if actor.party else None,
            tags=lesson_store.clean_tags(_text_value(values, "tags")),
            permalink=_safe_permalink(metadata.get("permalink")),
            at=core.now(),
        )
        done = t(lang, "lesson.saved", area=esc(area.name), slug=area.slug)
    return FormResult(
        view=views.notice_modal(lang, "lesson.modal_title", done, callback_id="save_lesson_done")
    )


def lesson_lines(
    core: Core, session: Session, lesson: Lesson, lang: str, *, with_area: bool
) -> list[Block]:
    """One lesson as a section (its text) and a context line (date, who, area, tags, link)."""
    party = session.get(Party, lesson.party_id) if lesson.party_id else None
    who = esc(party.name) if party else ""
    if lesson.author_slack_id.startswith(("U", "W")):
        who = f"<@{lesson.author_slack_id}>" + (f", {who}" if who else "")
    area = session.get(FocusArea, lesson.area_id) if with_area and lesson.area_id else None
    meta = t(
        lang,
        "lesson.meta",
        date=local_date_text(core, lesson.created_at, lang),
        who=who or "–",
        area=f" · {esc(area.name)}" if area else "",
        tags=(" · " + ", ".join(f"#{esc(tag)}" for tag in lesson.tags)) if lesson.tags else "",
        link=t(lang, "lesson.link", link=lesson.permalink) if lesson.permalink else "",
    )
    text = lesson.text if len(lesson.text) <= 600 else lesson.text[:599] + "…"
    return [section(t(lang, "lesson.line", text=esc(text))), context(meta)]


def lessons_reply(
    core: Core, session: Session, network: Network, query: str, lang: str, *, limit: int = 5
) -> Reply | None:
    """The answerer's hook for "vad har vi lärt oss om X?" / "what have we learned about X?":
    the best-matching lessons, each citing its link; None when no lesson matches."""
    hits = lesson_store.search_lessons(session, network.id, query, limit=limit)  # type: ignore[arg-type]
    if not hits:
        return None
    title = t(lang, "lesson.answer_title", query=query.strip()[:80])
    blocks: list[Block] = [header(title)]
    for hit in hits:
        blocks.extend(lesson_lines(core, session, hit.lesson, lang, with_area=True))
    blocks.append(context(t(lang, "lesson.answer_footer")))
    return Reply(text=title, blocks=blocks)


# =========================================================================== surveys


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
    parties = registry.parties(session, network_id=network.id)  # type: ignore[arg-type]
    selected = survey_store.default_party_ids(session, network_id=network.id)  # type: ignore[arg-type]
    today = core.now().astimezone(core.settings.tz).date()
    return parties, selected, today + timedelta(days=14)


def _person_lang(core: Core, person: Person) -> str:
    return language_of_locale(person.locale, core.settings.language)


def create_survey_form(
    core: Core, *, user_id: str, team_id: str | None, values: dict[str, Any]
) -> FormResult:
    """The coordinator's submitted survey form: create it and queue one DM per school chief."""
    with core.db.session() as session:
        network, actor = acting_as(core, session, user_id, team_id=team_id)
        lang = actor.lang
        if not permissions.may_start_survey(actor):
            return FormResult(errors={"title": t(lang, "refused.coordinators_only")})
        errors: dict[str, str] = {}
        title = _text_value(values, "title")
        if not title or len(title) > 150:
            errors["title"] = t(lang, "survey.error_title")
        questions = [q.strip(" •-\t") for q in _text_value(values, "questions").splitlines()]
        questions = [q for q in questions if q]
        if (
            not questions
            or len(questions) > survey_store.MAX_QUESTIONS
            or any(len(q) > survey_store.MAX_QUESTION_LENGTH for q in questions)
        ):
            errors["questions"] = t(lang, "survey.error_questions")
        known = {p.id: p for p in registry.parties(session, network_id=network.id)}  # type: ignore[arg-type]
        chosen = _value(values, "parties", "parties").get("selected_options") or []
        party_ids = [
            i
            for i in (int_value(o.get("value")) for o in chosen if isinstance(o, dict))
            if i is not None and i in known
        ]
        if not party_ids:
            errors["parties"] = t(lang, "survey.error_parties")
        today = core.now().astimezone(core.settings.tz).date()
        try:
            closes_on = date.fromisoformat(
                str(_value(values, "closes", "closes").get("selected_date"))
            )
        except ValueError:
            closes_on = None
        if closes_on is None or not today < closes_on <= today + timedelta(days=366):
            errors["closes"] = t(lang, "survey.error_closes")
        if errors:
            return FormResult(errors=errors)
        assert closes_on is not None
        survey = survey_store.create_survey(
            session,
            network_id=network.id,  # type: ignore[arg-type]
            title=title,
            questions=questions,
            party_ids=party_ids,
            closes_at=closes_at_for(core, closes_on),
            actor=actor.audit_name,
        )
        survey.created_at = core.now()
        recipients = survey_store.school_chiefs(
            session,
            network_id=network.id,
            party_ids=party_ids,  # type: ignore[arg-type]
        )
        for recipient in recipients:
            _queue(core, session, survey, recipient, reminder=False, now=core.now())
        covered = {r.party.id for r in recipients}
        missing = [known[i].name for i in party_ids if i not in covered]
        closes_text = local_date_text(core, survey.closes_at, lang)
        text = t(
            lang,
            "survey.created",
            title=esc(title),
            count=len(recipients),
            date=closes_text,
            reminder=local_date_text(core, reminder_at(core, survey), lang),
        )
        blocks = [section(text)]
        if missing:
            blocks.append(
                section(t(lang, "survey.no_chief", parties=", ".join(esc(m) for m in missing)))
            )
    view = modal(
        t(lang, "survey.created_title"),
        blocks,
        callback_id="survey_created",
        close=t(lang, "survey.modal_done"),
    )
    return FormResult(view=view, after=lambda client: outbox.send_due(core, client, core.now()))


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
        closes_text=local_date_text(core, survey.closes_at, lang),
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
    core: Core, *, user_id: str, team_id: str | None, survey_id: int | None
) -> tuple[dict[str, Any] | None, str | None]:
    """The answer form a school chief opens from the DM, or the kind refusal to show."""
    with core.db.session() as session:
        survey = session.get(Survey, survey_id) if survey_id is not None else None
        # the survey's own network (the invitation comes in a DM, which no network owns)
        network, actor = acting_as(
            core,
            session,
            user_id,
            team_id=team_id,
            network_id=survey.network_id if survey is not None else None,
        )
        lang = actor.lang
        if survey is None or survey.network_id != network.id:
            return None, t(lang, "survey.missing")
        closes_text = local_date_text(core, survey.closes_at, lang)
        if not survey_store.is_open(survey, core.now()):
            return None, t(lang, "survey.closed", title=esc(survey.title), date=closes_text)
        if not permissions.may_answer_survey(actor, survey.party_ids):
            return None, t(lang, "survey.refused")
        assert actor.party is not None and actor.party.id is not None
        previous = survey_store.response_of(session, survey_id=survey.id, party_id=actor.party.id)  # type: ignore[arg-type]
        view = views.survey_answer_modal(
            lang,
            survey,
            party_name=actor.party.name,
            closes_text=closes_text,
            previous=previous,
            previous_text=local_date_text(core, previous.updated_at, lang) if previous else "",
        )
        return stamp_view(view, network.id), None


def save_survey_answer(
    core: Core,
    *,
    user_id: str,
    team_id: str | None,
    private_metadata: str,
    values: dict[str, Any],
) -> FormResult:
    """A submitted answer: stored for the chief's party (replacing an earlier one), refused
    kindly after closing or for anyone but an asked party's school chief."""
    try:
        survey_id = int_value(json.loads(private_metadata or "{}").get("survey"))
    except (ValueError, AttributeError):
        survey_id = None
    with core.db.session() as session:
        network, actor = acting_as(core, session, user_id, team_id=team_id)
        lang = actor.lang
        survey = session.get(Survey, survey_id) if survey_id is not None else None
        if survey is None or survey.network_id != network.id:
            return FormResult(
                view=views.notice_modal(
                    lang,
                    "survey.closed_title",
                    t(lang, "survey.missing"),
                    callback_id="survey_done",
                )
            )
        closes_text = local_date_text(core, survey.closes_at, lang)
        if not survey_store.is_open(survey, core.now()):
            text = t(lang, "survey.closed", title=esc(survey.title), date=closes_text)
            return FormResult(
                view=views.notice_modal(
                    lang, "survey.closed_title", text, callback_id="survey_done"
                )
            )
        if not permissions.may_answer_survey(actor, survey.party_ids):
            return FormResult(errors={"comment": t(lang, "survey.refused")})
        assert actor.party is not None and actor.party.id is not None
        scores: list[int] = []
        errors = {}
        for index in range(len(survey.questions)):
            score = int_value(_selected(values, f"q{index}", "score"))
            if score not in survey_store.SCALE:
                errors[f"q{index}"] = t(lang, "survey.error_score")
            else:
                scores.append(score)  # type: ignore[arg-type]
        if errors:
            return FormResult(errors=errors)
        _, created = survey_store.answer(
            session,
            survey=survey,
            party_id=actor.party.id,
            scores=scores,
            comment=_text_value(values, "comment"),
            actor=actor.audit_name,
            now=core.now(),
        )
        key = "survey.thanks" if created else "survey.thanks_changed"
        text = t(lang, key, party=esc(actor.party.name), date=closes_text)
    return FormResult(
        view=views.notice_modal(lang, "survey.thanks_title", text, callback_id="survey_done")
    )


# --------------------------------------------------------------------------- reminders


def survey_tick(core: Core, client: WebClient | None, now: datetime) -> None:
    """Tick task: close surveys past their date (cancelling their unsent messages) and queue a
    reminder for every asked party that has not answered once the reminder is due. The outbox's
    own tick task sends them, exactly once."""
    with core.db.session() as session:
        queue_survey_work(core, session, now)


def queue_survey_work(core: Core, session: Session, now: datetime) -> None:
    """The survey tick's rules in `session` (the tick's own, or the dry run's rehearsal)."""
    for survey in survey_store.close_due(session, now=now):
        for kind in survey_store.KINDS:
            outbox.cancel(session, kind=kind, ref_id=survey.id, note="survey closed")  # type: ignore[arg-type]
    for survey in survey_store.open_surveys(session, now=now):
        if now < reminder_at(core, survey):
            continue
        answered = {r.party_id for r in survey_store.responses(session, survey_id=survey.id)}  # type: ignore[arg-type]
        pending = [p for p in survey.party_ids if p not in answered]
        for recipient in survey_store.school_chiefs(
            session, network_id=survey.network_id, party_ids=pending
        ):
            _queue(core, session, survey, recipient, reminder=True, now=now)


# =========================================================================== the report


def report_period(core: Core, network: Network) -> tuple[date, date]:
    """The default period: from the agreement's start (or a year back) to today."""
    today = core.now().astimezone(core.settings.tz).date()
    start = network.valid_from or today - timedelta(days=365)
    return min(start, today), today


def send_report(
    core: Core,
    client: WebClient,
    *,
    user_id: str,
    network_id: int,
    area_id: int | None,
    start: date,
    end: date,
    lang: str,
) -> None:
    """Build the report and upload it to `user_id` in a DM (the report command runs it after
    its answer); if that fails, say so in the DM."""
    try:
        deliver_report(
            core,
            client,
            user_id=user_id,
            network_id=network_id,
            area_id=area_id,
            start=start,
            end=end,
            lang=lang,
        )
    except Exception:
        log.exception("the evaluation report failed")
        with contextlib.suppress(SlackApiError):
            client.chat_postMessage(channel=user_id, text=t(lang, "report.failed"))


def deliver_report(
    core: Core,
    client: WebClient,
    *,
    user_id: str,
    network_id: int,
    area_id: int | None,
    start: date,
    end: date,
    lang: str,
) -> list[str]:
    """Build the report and upload its files to the user's DM; returns the file names."""

    with core.db.session() as session:
        network = session.get(Network, network_id)
        assert network is not None
        area = session.get(FocusArea, area_id) if area_id is not None else None
        report = build_report(
            session, network, start=start, end=end, area_id=area_id, lang=lang, tz=core.settings.tz
        )
        comment = t(
            lang,
            "report.upload_comment",
            network=esc(network.name),
            area=t(lang, "report.started_area", area=esc(area.name)) if area else "",
            start=format_date(start, lang),
            end=format_date(end, lang),
        )
    channel = client.conversations_open(users=user_id)["channel"]["id"]
    uploads = [
        {"content" if isinstance(data, str) else "file": data, "filename": name, "title": name}
        for name, data in report.files.items()
    ]
    client.files_upload_v2(channel=channel, file_uploads=uploads, initial_comment=comment)
    return list(report.files)


def report_started_reply(lang: str, area: FocusArea | None, start: date, end: date) -> Reply:
    text = t(
        lang,
        "report.started",
        area=t(lang, "report.started_area", area=esc(area.name)) if area else "",
        start=format_date(start, lang),
        end=format_date(end, lang),
    )
    return Reply(text=text, blocks=[section(text)])
