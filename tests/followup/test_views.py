"""The follow-up's Block Kit builders, tested as data (no Slack, no database): the lesson and
survey forms, the survey message, and the replies of `lärdomar` and `enkät status`."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from bot.core.i18n import t
from bot.followup import views
from storage.models import FocusArea, Party, Survey, SurveyResponse
from tests.fake_slack.blockkit import validate_blocks, validate_view

LANGS = ("sv", "en")
AREAS = [FocusArea(id=i, network_id=1, name=f"Område {i}", slug=f"o{i}") for i in (1, 2)]
PARTIES = [
    Party(id=i, network_id=1, name=f"Kommun {i}", slug=f"k{i}", kind="municipality")
    for i in (1, 2, 3)
]
SURVEY = Survey(
    id=9,
    network_id=1,
    title="Puls <vår>",
    questions=["Vi har tid", "Vi har stöd"],
    party_ids=[1, 2],
    closes_at=datetime(2026, 6, 1, tzinfo=UTC),
    created_by="U0COORD",
)


def _texts(blocks: list[dict]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block.get("text"), dict):
            parts.append(block["text"]["text"])
        parts.extend(e["text"] for e in block.get("elements", []) if isinstance(e.get("text"), str))
    return "\n".join(parts)


def test_lesson_form_prefills_text_area_and_the_message_link() -> None:
    for lang in LANGS:
        view = views.lesson_modal(
            lang,
            AREAS,
            text="Det gick bra",
            selected_area_id=2,
            permalink="https://x.slack.com/p1",
            metadata={"permalink": "https://x.slack.com/p1"},
        )
        assert validate_view(view, "modal") == []
        assert view["callback_id"] == views.LESSON_VIEW
        blocks = {b.get("block_id"): b for b in view["blocks"]}
        assert blocks["area"]["element"]["initial_option"]["value"] == "2"
        assert blocks["text"]["element"]["initial_value"] == "Det gick bra"
        assert "https://x.slack.com/p1" in _texts(view["blocks"])
        assert json.loads(view["private_metadata"]) == {"permalink": "https://x.slack.com/p1"}
        notice = views.notice_modal(lang, "lesson.modal_title", "Sparat", callback_id="done")
        assert validate_view(notice, "modal") == []
        assert notice["blocks"][0]["text"]["text"] == "Sparat"


def test_survey_forms_and_message() -> None:
    for lang in LANGS:
        create = views.survey_create_modal(
            lang, PARTIES, selected_party_ids=[1, 3], closes_on=date(2026, 6, 1)
        )
        assert validate_view(create, "modal") == []
        blocks = {b.get("block_id"): b for b in create["blocks"]}
        assert [o["value"] for o in blocks["parties"]["element"]["initial_options"]] == ["1", "3"]
        assert blocks["closes"]["element"]["initial_date"] == "2026-06-01"

        previous = SurveyResponse(survey_id=9, party_id=1, scores=[4, 2], comment="Bra")
        answer = views.survey_answer_modal(
            lang,
            SURVEY,
            party_name="Kommun <1>",
            closes_text="1 juni",
            previous=previous,
            previous_text="2 maj",
        )
        assert validate_view(answer, "modal") == []
        assert json.loads(answer["private_metadata"]) == {"survey": 9}
        questions = [b for b in answer["blocks"] if str(b.get("block_id")).startswith("q")]
        assert [q["element"]["action_id"] for q in questions] == ["score", "score"]
        assert [q["element"]["initial_option"]["value"] for q in questions] == ["4", "2"]
        assert "Kommun &lt;1&gt;" in _texts(answer["blocks"])

        invite = views.survey_message(lang, SURVEY, party_name="Kommun 1", closes_text="1 juni")
        assert validate_blocks(invite["blocks"], "message") == []
        assert invite["blocks"][0]["type"] == "header"
        button = invite["blocks"][-1]["elements"][0]
        assert (button["action_id"], button["value"]) == (views.SURVEY_OPEN_ACTION, "9")
        reminder = views.survey_message(
            lang, SURVEY, party_name="Kommun 1", closes_text="1 juni", reminder=True
        )
        assert validate_blocks(reminder["blocks"], "message") == []
        assert reminder["blocks"][0]["type"] == "section" and "Puls &lt;vår&gt;" in reminder["text"]


def test_survey_created_page_names_the_parties_without_a_school_chief() -> None:
    for lang in LANGS:
        view = views.survey_created_modal(
            lang, title="Puls <vår>", count=2, closes="1 juni", reminder="28 maj", missing=["K&3"]
        )
        assert validate_view(view, "modal") == []
        assert view["callback_id"] == "survey_created"
        text = _texts(view["blocks"])
        assert "Puls &lt;vår&gt;" in text and "1 juni" in text and "28 maj" in text
        assert t(lang, "survey.no_chief", parties="K&amp;3") in text
        everyone = views.survey_created_modal(
            lang, title="P", count=3, closes="1 juni", reminder="28 maj", missing=[]
        )
        assert len(everyone["blocks"]) == 1


def test_lessons_list_shows_each_lesson_with_its_meta_and_how_many_more() -> None:
    item = views.LessonItem(
        text="Läs <högt> " + "x" * 700,
        date="1 maj 2026",
        who="<@U0EVA>, Sala",
        area="Läs & skriv",
        tags=("läsning", "<b>"),
        permalink="https://x.slack.com/p1",
    )
    for lang in LANGS:
        reply = views.build_lessons_message(lang, [item], area=None, network="Nät", more=3)
        assert validate_blocks(reply.blocks, "message") == []
        assert reply.text == t(lang, "lesson.list_title_all", network="Nät")
        line, meta = reply.blocks[1], reply.blocks[2]
        assert "Läs &lt;högt&gt;" in line["text"]["text"] and line["text"]["text"].endswith("…")
        meta_text = meta["elements"][0]["text"]
        assert "1 maj 2026" in meta_text and "<@U0EVA>, Sala" in meta_text
        assert "Läs &amp; skriv" in meta_text and "#läsning, #&lt;b&gt;" in meta_text
        assert reply.blocks[-1]["elements"][0]["text"] == t(lang, "lesson.more", count=3)
        bare = views.lesson_blocks(lang, views.LessonItem(text="Kort", date="1 maj"))
        assert "–" in bare[1]["elements"][0]["text"]
        none = views.build_lessons_message(lang, [], area="Läsning", slug="lasning")
        assert validate_blocks(none.blocks, "message") == []
        assert none.text == t(lang, "lesson.list_none", area="Läsning", slug="lasning")
        assert none.blocks[0]["text"]["text"] == t(lang, "lesson.list_title", area="Läsning")
        answer = views.build_lessons_answer(lang, "  läsning  ", [item])
        assert validate_blocks(answer.blocks, "message") == []
        assert answer.text == t(lang, "lesson.answer_title", query="läsning")
        assert answer.blocks[-1]["elements"][0]["text"] == t(lang, "lesson.answer_footer")


def test_survey_status_lists_open_and_closed_surveys_and_who_is_missing() -> None:
    for lang in LANGS:
        statuses = [
            views.SurveyStatus("Puls <vår>", True, "1 juni", 1, 3, ["Köping", "Sala & co"]),
            views.SurveyStatus("Höst", False, "1 dec", 2, 2),
        ]
        reply = views.build_survey_status_message(lang, statuses)
        assert validate_blocks(reply.blocks, "message") == []
        assert reply.text == t(lang, "survey.status_title")
        first, second = reply.blocks[1]["text"]["text"], reply.blocks[2]["text"]["text"]
        assert "Puls &lt;vår&gt;" in first and t(lang, "survey.status_open") in first
        assert t(lang, "survey.status_missing", parties="Köping, Sala &amp; co") in first
        assert t(lang, "survey.status_closed") in second and "\n" not in second
        none = views.build_survey_status_message(lang, [])
        assert none.text == t(lang, "survey.status_none")
