"""A small data set, written by hand, whose every figure is known (see test_figures.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.followup.report.dataset import (
    AreaRow,
    BroadcastRow,
    CommitmentRow,
    Dataset,
    DeliveryRow,
    LessonRow,
    OccurrenceRow,
    ParticipationRow,
    PartyRow,
    ReminderRow,
    ResponseRow,
    RsvpRow,
    SurveyRow,
)

ARBOGA, KOPING, REGION, SALA = 1, 2, 3, 4
TEACHERS, HEALTH = 10, 20


def at(month: int, day: int, hour: int = 9, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


FORUM_MARCH = at(3, 10, 12)
FORUM_JUNE = at(6, 10, 12)
COUNCIL = at(2, 1, 10)


def known_dataset(area_id: int | None = None) -> Dataset:
    return Dataset(
        network="Testnätverket",
        start=date(2026, 1, 1),
        end=date(2026, 6, 30),
        tz=ZoneInfo("Europe/Stockholm"),
        area_id=area_id,
        parties=[
            PartyRow(ARBOGA, "Arboga kommun"),
            PartyRow(KOPING, "Köpings kommun"),
            PartyRow(REGION, "Region Västmanland", "region"),
            PartyRow(SALA, "Sala kommun"),
        ],
        areas=[AreaRow(HEALTH, "Elevhälsa", "elevhalsa"), AreaRow(TEACHERS, "Lärarförsörjning")],
        participations=[
            ParticipationRow(ARBOGA, TEACHERS, at(12, 1, year=2025)),
            ParticipationRow(KOPING, TEACHERS, at(2, 10), at(5, 5)),
            ParticipationRow(SALA, TEACHERS, at(3, 1)),
            ParticipationRow(SALA, HEALTH, at(1, 15)),
            ParticipationRow(REGION, HEALTH, at(7, 15)),  # after the period
        ],
        occurrences=[
            OccurrenceRow(1, TEACHERS, "forum", "Forum lärare", FORUM_MARCH),
            OccurrenceRow(1, TEACHERS, "forum", "Forum lärare", FORUM_JUNE),
            OccurrenceRow(2, TEACHERS, "forum", "Inställt", at(4, 1), cancelled=True),
            OccurrenceRow(3, TEACHERS, "deadline", "Rapport", at(4, 15)),
            OccurrenceRow(4, None, "council", "Rådet", COUNCIL),
            OccurrenceRow(5, TEACHERS, "forum", "Sommarforum", at(7, 5)),
        ],
        rsvps=[
            RsvpRow(1, FORUM_MARCH, ARBOGA, True),
            RsvpRow(1, FORUM_MARCH, ARBOGA, False),  # a colleague cannot come: Arboga still does
            RsvpRow(1, FORUM_MARCH, KOPING, False),
            RsvpRow(1, FORUM_JUNE, SALA, True),
            RsvpRow(4, COUNCIL, REGION, True),
            RsvpRow(4, COUNCIL, SALA, True),
            RsvpRow(4, COUNCIL, None, True),  # someone outside the registry
        ],
        broadcasts=[
            BroadcastRow(100, TEACHERS, at(3, 1)),
            BroadcastRow(101, None, at(2, 1)),
            BroadcastRow(102, TEACHERS, at(12, 1, year=2025)),
        ],
        deliveries=[
            *(DeliveryRow("broadcast", 100, "sent") for _ in range(3)),
            DeliveryRow("broadcast", 100, "failed"),
            *(DeliveryRow("broadcast", 101, "sent") for _ in range(2)),
            DeliveryRow("broadcast", 102, "sent"),
            *(DeliveryRow("reminder", 1, "sent") for _ in range(2)),
            DeliveryRow("reminder", 2, "sent", late=True),
            DeliveryRow("reminder", 5, "sent"),
            DeliveryRow("reminder", 6, "sent"),
        ],
        reminders=[
            ReminderRow(1, TEACHERS, at(3, 3), "fired"),
            ReminderRow(2, TEACHERS, at(3, 9), "fired", late=True),
            ReminderRow(3, TEACHERS, at(6, 3), "skipped"),
            ReminderRow(4, TEACHERS, at(4, 1), "cancelled"),
            ReminderRow(5, None, at(1, 25), "fired"),
            ReminderRow(6, TEACHERS, at(7, 1), "fired"),
        ],
        lessons=[
            LessonRow(
                TEACHERS,
                at(3, 12),
                "Mentorer | hjälper",
                SALA,
                "U1",
                ("mentorskap",),
                "https://example.slack.com/archives/C1/p1",
            ),
            LessonRow(TEACHERS, at(4, 1), "Gemensam annonsering", None, "U2"),
            LessonRow(HEALTH, at(2, 2), "Delade rutiner", SALA, "U3"),
            LessonRow(HEALTH, at(8, 2), "Efter perioden", SALA, "U3"),
        ],
        commitments=[
            CommitmentRow("municipality", None, "Delta aktivt", "Överenskommelsen", "§5"),
            CommitmentRow("region", None, "Samordna", "Överenskommelsen", "§5"),
        ],
        surveys=[SurveyRow(7, "Puls", ("Q1", "Q2"), (ARBOGA, KOPING, SALA), at(6, 1, 21))],
        responses=[
            ResponseRow(7, ARBOGA, (4, 2), "Bra"),
            ResponseRow(7, SALA, (5, 3), ""),
        ],
    )
