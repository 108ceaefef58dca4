"""The 4-working-day moderation target: weekends, French public holidays and the overseas
départements' own holidays are not working days."""

import datetime
import zoneinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from academies.models import Academy
from events.rules.working_days import (
    MODERATION_TARGET_DAYS,
    is_working_day,
    working_days_between,
    working_days_overdue,
    working_days_waited,
)

REUNION, MARTINIQUE, GUADELOUPE, GRENOBLE = "28", "31", "32", "08"


def test_a_week_without_holiday_counts_its_weekdays():
    monday = datetime.date(2026, 11, 16)
    assert working_days_between(monday, monday + datetime.timedelta(days=4)) == 4  # Friday
    assert working_days_between(monday, monday + datetime.timedelta(days=7)) == 5  # weekend off
    assert working_days_between(monday, monday) == 0


def test_a_national_holiday_is_not_a_working_day():
    # Tuesday 10 Nov 2026 → Thursday 12 Nov: Wednesday 11 Nov (Armistice) does not count
    assert not is_working_day(datetime.date(2026, 11, 11))
    assert working_days_between(datetime.date(2026, 11, 10), datetime.date(2026, 11, 12)) == 1


def test_20_december_is_a_holiday_in_la_reunion_only():
    # 20 Dec 2026 is a Sunday; in 2027 it is a Monday
    day = datetime.date(2027, 12, 20)
    assert day.weekday() == 0
    assert not is_working_day(day, academy_code=REUNION)
    assert is_working_day(day, academy_code=GRENOBLE)
    friday, tuesday = datetime.date(2027, 12, 17), datetime.date(2027, 12, 21)
    assert working_days_between(friday, tuesday, academy_code=REUNION) == 1
    assert working_days_between(friday, tuesday, academy_code=GRENOBLE) == 2


@pytest.mark.parametrize(
    ("code", "day", "before", "after"),
    [
        # abolition of slavery, Friday 22 May 2026 in Martinique; Monday 25 is Pentecost
        (
            MARTINIQUE,
            datetime.date(2026, 5, 22),
            datetime.date(2026, 5, 21),
            datetime.date(2026, 5, 26),
        ),
        # and Wednesday 27 May in Guadeloupe
        (
            GUADELOUPE,
            datetime.date(2026, 5, 27),
            datetime.date(2026, 5, 26),
            datetime.date(2026, 5, 28),
        ),
    ],
)
def test_the_abolition_of_slavery_is_a_holiday_overseas(code, day, before, after):
    assert not is_working_day(day, academy_code=code)
    assert is_working_day(day, academy_code=GRENOBLE)
    assert working_days_between(before, after, academy_code=code) == 1
    assert working_days_between(before, after, academy_code=GRENOBLE) == 2


def test_waiting_is_counted_in_the_academys_zone(db):
    reunion = Academy.objects.get(code=REUNION)
    tz = zoneinfo.ZoneInfo("Indian/Reunion")
    # submitted late on Friday 17 Dec 2027 in Saint-Denis (still Friday afternoon in Paris)
    submitted = datetime.datetime(2027, 12, 17, 23, 30, tzinfo=tz)
    now = datetime.datetime(2027, 12, 24, 9, 0, tzinfo=tz)  # the next Friday
    # Mon 20 Dec is a holiday there: Tue, Wed, Thu, Fri
    days = working_days_waited(since=submitted, academy=reunion, now=now)
    assert days == 4
    assert not working_days_overdue(days)
    assert working_days_overdue(MODERATION_TARGET_DAYS + 1)


@given(
    start=st.dates(min_value=datetime.date(2018, 1, 1), max_value=datetime.date(2030, 12, 31)),
    length=st.integers(min_value=-10, max_value=800),
    academy_code=st.sampled_from([GRENOBLE, REUNION, "32", "43"]),
)
def test_counting_matches_a_day_by_day_walk(start, length, academy_code):
    """The constant-time count agrees with walking the calendar, across years and holidays."""
    end = start + datetime.timedelta(days=length)
    walked = sum(
        is_working_day(start + datetime.timedelta(days=offset), academy_code=academy_code)
        for offset in range(1, length + 1)
    )
    assert working_days_between(start, end, academy_code=academy_code) == walked
