"""Working days: how long an event has waited for its labelling, against the promise of a
decision within `MODERATION_TARGET_DAYS` working days.

A working day is a Monday to Friday that is not a French public holiday; an overseas
académie (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte) also has its own holidays
(abolition of slavery, 20 December in La Réunion…), from the `holidays` library. Days are
read in the académie's time zone.
"""

import datetime
from functools import lru_cache

import holidays
from django.utils import timezone

#: labelling is promised within this many working days of the submission
MODERATION_TARGET_DAYS = 4

#: Ministry code of an overseas académie → the `holidays` subdivision of its département
OVERSEAS_SUBDIVISIONS = {
    "32": "971",  # Guadeloupe
    "31": "972",  # Martinique
    "33": "973",  # Guyane
    "28": "974",  # La Réunion
    "43": "976",  # Mayotte
}


@lru_cache(maxsize=256)
def _holidays(subdivision: str | None, year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.France(subdiv=subdivision, years=year))


def holidays_subdivision(*, academy_code: str | None) -> str | None:
    return OVERSEAS_SUBDIVISIONS.get(academy_code or "")


def is_working_day(day: datetime.date, *, academy_code: str | None = None) -> bool:
    """Monday to Friday, neither a national holiday nor one of the académie's own."""
    if day.weekday() >= 5:
        return False
    return day not in _holidays(holidays_subdivision(academy_code=academy_code), day.year)


@lru_cache(maxsize=256)
def _working_days_to(subdivision: str | None, year: int) -> tuple[int, ...]:
    """For each day of `year` (index 0: 1 January), the working days from 1 January up to
    and including that day."""
    days_off = _holidays(subdivision, year)
    day, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    counts, count = [], 0
    while day < end:
        if day.weekday() < 5 and day not in days_off:
            count += 1
        counts.append(count)
        day += datetime.timedelta(days=1)
    return tuple(counts)


def _working_days_in_year_to(day: datetime.date, subdivision: str | None) -> int:
    return _working_days_to(subdivision, day.year)[day.timetuple().tm_yday - 1]


def working_days_between(
    start: datetime.date, end: datetime.date, *, academy_code: str | None = None
) -> int:
    """Working days after `start` up to and including `end` (0 when `end` <= `start`):
    submitted on a Monday, waited 1 working day on Tuesday, 4 on Friday. Constant time
    (the statistics count thousands of delays): per-year running counts, cached."""
    if end <= start:
        return 0
    subdivision = holidays_subdivision(academy_code=academy_code)
    whole_years = sum(
        _working_days_to(subdivision, year)[-1] for year in range(start.year, end.year)
    )
    return (
        whole_years
        + _working_days_in_year_to(end, subdivision)
        - _working_days_in_year_to(start, subdivision)
    )


def working_days_waited(
    *, since: datetime.datetime, academy, now: datetime.datetime | None = None
) -> int:
    """Working days elapsed since `since` (a submission), counted in the académie's zone."""
    tz = academy.tzinfo
    start = timezone.localtime(since, tz).date()
    end = timezone.localtime(now or timezone.now(), tz).date()
    return working_days_between(start, end, academy_code=academy.code)


def working_days_overdue(days_waited: int) -> bool:
    """Past the promised delay: more than `MODERATION_TARGET_DAYS` working days waited."""
    return days_waited > MODERATION_TARGET_DAYS
