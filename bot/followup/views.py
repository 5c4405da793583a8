"""Block Kit builders of the follow-up: the lesson form, the survey forms and the survey message,
the lessons (`lärdomar`, and as an answer) and the survey status (`enkät status`).

Plain functions from data to views and blocks; no Slack calls and no database here. Every
user- or registry-sourced text shown as mrkdwn goes through `esc`; plain_text is shown as is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.core.blocks import (
    Block,
    Reply,
    actions,
    button,
    context,
    esc,
    header,
    modal,
    section,
)
from bot.core.i18n import t
from bot.core.inputs import input_block, option, select_element, text_element
from storage.models import FocusArea, Party, Survey, SurveyResponse

# callback_ids, action_ids and block_ids: the contract with handlers/ and the tests.
LESSON_SHORTCUT = "save_lesson"
LESSON_VIEW = "save_lesson"
SURVEY_CREATE_VIEW = "survey_create"
SURVEY_ANSWER_VIEW = "survey_answer"
SURVEY_OPEN_ACTION = "survey_open"


# --------------------------------------------------------------------------- lessons


def lesson_modal(
    lang: str,
    areas: list[FocusArea],
    *,
    text: str = "",
    selected_area_id: int | None = None,
    permalink: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The "Spara som lärdom" form: area, the text (pre-filled, editable), optional tags."""
    select = select_element(
        [option(a.name, str(a.id)) for a in areas],
        initial=str(selected_area_id) if selected_area_id is not None else None,
        placeholder=t(lang, "lesson.field_area_placeholder"),
    )
    blocks: list[Block] = [
        input_block("area", t(lang, "lesson.field_area"), select),
        input_block(
            "text",
            t(lang, "lesson.field_text"),
            text_element(text, multiline=True, max_length=3000),
        ),
        input_block(
            "tags",
            t(lang, "lesson.field_tags"),
            text_element(max_length=300),
            optional=True,
            hint=t(lang, "lesson.field_tags_hint"),
        ),
    ]
    if permalink:
        blocks.append(context(t(lang, "lesson.from_message", link=permalink)))
    return modal(
        t(lang, "lesson.modal_title"),
        blocks,
        callback_id=LESSON_VIEW,
        submit=t(lang, "lesson.modal_submit"),
        close=t(lang, "lesson.modal_close"),
        private_metadata=json.dumps(metadata or {}),
    )


def notice_modal(lang: str, title_key: str, text: str, *, callback_id: str) -> dict[str, Any]:
    """A form's last page: one message and a Close button."""
    return modal(
        t(lang, title_key),
        [section(text)],
        callback_id=callback_id,
        close=t(lang, "lesson.modal_done"),
    )


# --------------------------------------------------------------------------- surveys


def survey_create_modal(
    lang: str,
    parties: list[Party],
    *,
    selected_party_ids: list[int],
    closes_on: date,
) -> dict[str, Any]:
    """The coordinator's form: title, statements, which parties, closing date."""
    party_select = select_element(
        [option(p.name, str(p.id)) for p in parties],
        multi=True,
        initial_values=[str(i) for i in selected_party_ids],
    )
    blocks: list[Block] = [
        input_block(
            "title",
            t(lang, "survey.field_title"),
            text_element(t(lang, "survey.default_title"), max_length=150),
        ),
        input_block(
            "questions",
            t(lang, "survey.field_questions"),
            text_element(t(lang, "survey.default_questions"), multiline=True, max_length=3000),
            hint=t(lang, "survey.field_questions_hint"),
        ),
        input_block(
            "parties",
            t(lang, "survey.field_parties"),
            party_select,
            hint=t(lang, "survey.field_parties_hint"),
        ),
        input_block(
            "closes",
            t(lang, "survey.field_closes"),
            {"type": "datepicker", "action_id": "closes", "initial_date": closes_on.isoformat()},
        ),
    ]
    return modal(
        t(lang, "survey.modal_title"),
        blocks,
        callback_id=SURVEY_CREATE_VIEW,
        submit=t(lang, "survey.modal_submit"),
        close=t(lang, "survey.modal_close"),
    )


def survey_created_modal(
    lang: str, *, title: str, count: int, closes: str, reminder: str, missing: list[str]
) -> dict[str, Any]:
    """The coordinator's last page: the survey went to `count` school chiefs, closes and is
    reminded of on these dates (formatted); `missing` are the parties with no school chief."""
    text = t(
        lang,
        "survey.created",
        title=esc(title),
        count=count,
        date=closes,
        reminder=reminder,
    )
    blocks = [section(text)]
    if missing:
        blocks.append(
            section(t(lang, "survey.no_chief", parties=", ".join(esc(m) for m in missing)))
        )
    return modal(
        t(lang, "survey.created_title"),
        blocks,
        callback_id="survey_created",
        close=t(lang, "survey.modal_done"),
    )


def scale_options(lang: str) -> list[dict[str, Any]]:
    labels = {1: t(lang, "survey.scale_low"), 5: t(lang, "survey.scale_high")}
    return [option(labels.get(v, str(v)), str(v)) for v in range(1, 6)]


def survey_answer_modal(
    lang: str,
    survey: Survey,
    *,
    party_name: str,
    closes_text: str,
    previous: SurveyResponse | None = None,
    previous_text: str = "",
) -> dict[str, Any]:
    """The school chief's form: one 1–5 radio group per statement, and free text."""
    blocks: list[Block] = [
        section(
            t(
                lang,
                "survey.answer_intro",
                title=esc(survey.title),
                party=esc(party_name),
                date=closes_text,
            )
        )
    ]
    if previous is not None and previous_text:
        blocks.append(context(t(lang, "survey.answer_previous", date=previous_text)))
    options = scale_options(lang)
    for index, question in enumerate(survey.questions):
        element: dict[str, Any] = {
            "type": "radio_buttons",
            "action_id": "score",
            "options": options,
        }
        if previous is not None and index < len(previous.scores):
            element["initial_option"] = options[previous.scores[index] - 1]
        blocks.append(input_block(f"q{index}", f"{index + 1}. {question}", element))
    blocks.append(
        input_block(
            "comment",
            t(lang, "survey.field_comment"),
            text_element(previous.comment if previous else "", multiline=True, max_length=3000),
            optional=True,
        )
    )
    return modal(
        t(lang, "survey.answer_title"),
        blocks,
        callback_id=SURVEY_ANSWER_VIEW,
        submit=t(lang, "survey.answer_submit"),
        close=t(lang, "survey.modal_close"),
        private_metadata=json.dumps({"survey": survey.id}),
    )


def survey_message(
    lang: str, survey: Survey, *, party_name: str, closes_text: str, reminder: bool = False
) -> dict[str, Any]:
    """The DM to a school chief (invitation or reminder): text, blocks and the answer button."""
    if reminder:
        text = t(
            lang,
            "survey.reminder",
            party=esc(party_name),
            title=esc(survey.title),
            date=closes_text,
        )
    else:
        text = t(
            lang,
            "survey.invite",
            party=esc(party_name),
            count=len(survey.questions),
            date=closes_text,
        )
    blocks: list[Block] = []
    if not reminder:
        blocks.append(header(t(lang, "survey.invite_title", title=survey.title)))
    blocks += [
        section(text),
        actions(
            button(t(lang, "survey.button"), SURVEY_OPEN_ACTION, str(survey.id), style="primary"),
            block_id="survey",
        ),
    ]
    return {"text": text, "blocks": blocks}


# --------------------------------------------------------------------------- command replies


@dataclass(frozen=True)
class LessonItem:
    """A lesson as lists show it: its text, when (formatted), who wrote it (mrkdwn, escaped:
    '<@U…>, Sala kommun' or ''), its area's name ('' unless shown), tags and link."""

    text: str
    date: str
    who: str = ""
    area: str = ""
    tags: tuple[str, ...] = ()
    permalink: str | None = None


def lesson_blocks(lang: str, item: LessonItem) -> list[Block]:
    """One lesson as a section (its text) and a context line (date, who, area, tags, link)."""
    meta = t(
        lang,
        "lesson.meta",
        date=item.date,
        who=item.who or "–",
        area=f" · {esc(item.area)}" if item.area else "",
        tags=(" · " + ", ".join(f"#{esc(tag)}" for tag in item.tags)) if item.tags else "",
        link=t(lang, "lesson.link", link=item.permalink) if item.permalink else "",
    )
    text = item.text if len(item.text) <= 600 else item.text[:599] + "…"
    return [section(t(lang, "lesson.line", text=esc(text))), context(meta)]


def build_lessons_message(
    lang: str,
    items: list[LessonItem],
    *,
    area: str | None,
    slug: str = "",
    network: str = "",
    more: int = 0,
) -> Reply:
    """`lärdomar [område]`: the lessons (of the area, else of the network); `more` not shown."""
    if area is not None:
        title = t(lang, "lesson.list_title", area=area)
    else:
        title = t(lang, "lesson.list_title_all", network=network)
    if not items:
        key = "lesson.list_none" if area is not None else "lesson.list_none_all"
        text = t(lang, key, area=area or "", slug=slug)
        return Reply(text=text, blocks=[header(title), section(text)])
    blocks: list[Block] = [header(title)]
    for item in items:
        blocks.extend(lesson_blocks(lang, item))
    if more > 0:
        blocks.append(context(t(lang, "lesson.more", count=more)))
    return Reply(text=title, blocks=blocks)


def build_lessons_answer(lang: str, query: str, items: list[LessonItem]) -> Reply:
    """The answer to "vad har vi lärt oss om X?": the matching lessons, each with its link."""
    title = t(lang, "lesson.answer_title", query=query.strip()[:80])
    blocks: list[Block] = [header(title)]
    for item in items:
        blocks.extend(lesson_blocks(lang, item))
    blocks.append(context(t(lang, "lesson.answer_footer")))
    return Reply(text=title, blocks=blocks)


@dataclass
class SurveyStatus:
    """A survey as `enkät status` shows it: open or closed, the closing date (formatted),
    how many parties answered, and the names of those that have not."""

    title: str
    open: bool
    closes: str
    answered: int
    asked: int
    missing: list[str] = field(default_factory=list)


def build_survey_status_message(lang: str, surveys: list[SurveyStatus]) -> Reply:
    """The newest surveys first, each as one section."""
    title = t(lang, "survey.status_title")
    if not surveys:
        text = t(lang, "survey.status_none")
        return Reply(text=text, blocks=[header(title), section(text)])
    blocks: list[Block] = [header(title)]
    for survey in surveys:
        text = t(
            lang,
            "survey.status_line",
            title=esc(survey.title),
            state=t(lang, "survey.status_open" if survey.open else "survey.status_closed"),
            date=survey.closes,
            answered=survey.answered,
            asked=survey.asked,
        )
        if survey.missing:
            text += "\n" + t(
                lang, "survey.status_missing", parties=", ".join(esc(m) for m in survey.missing)
            )
        blocks.append(section(text))
    return Reply(text=title, blocks=blocks)
