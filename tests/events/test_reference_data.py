import datetime

import pytest
from django.db import IntegrityError

from events.models import ActionType, Audience, Edition, Theme
from events.rules.editions import edition_current


def test_real_editions_with_known_dates_only(db):
    assert list(Edition.objects.order_by("year").values_list("year", flat=True)) == list(
        range(2018, 2027)
    )
    e2018 = Edition.objects.get(year=2018)
    assert (e2018.starts_on, e2018.ends_on) == (
        datetime.date(2018, 3, 26),
        datetime.date(2018, 4, 1),
    )
    e2023 = Edition.objects.get(year=2023)
    assert e2023.headline_theme == "Avec l'industrie, fabrique ton avenir"
    assert e2023.ends_on == datetime.date(2023, 12, 3)
    assert e2018.labelling_deadline == datetime.date(2018, 3, 12)
    assert e2018.headline_theme == "L'industrie connectée"
    e2021 = Edition.objects.get(year=2021)
    assert (e2021.starts_on, e2021.ends_on) == (
        datetime.date(2021, 11, 22),
        datetime.date(2021, 11, 28),
    )
    assert e2021.headline_theme == "Inventer un avenir durable"
    assert Edition.objects.get(year=2022).accepted_window() == (
        datetime.date(2022, 11, 5),
        datetime.date(2022, 12, 12),
    )
    e2023 = Edition.objects.get(year=2023)
    assert e2023.accepted_window() == (datetime.date(2023, 11, 13), datetime.date(2023, 12, 17))
    assert e2023.labelling_deadline == datetime.date(2023, 11, 20)
    e2024 = Edition.objects.get(year=2024)
    assert e2024.headline_theme == "Avec l'industrie, fabrique ton avenir"
    assert e2024.accepted_window() == (datetime.date(2024, 11, 3), datetime.date(2024, 12, 9))
    assert e2024.labelling_deadline == datetime.date(2024, 11, 12)
    # A date the public record does not give stays empty: never invented.
    assert Edition.objects.get(year=2019).accepted_window() == (
        datetime.date(2019, 3, 18),
        datetime.date(2019, 3, 24),
    )
    assert Edition.objects.get(year=2025).labelling_deadline is None
    e2026 = Edition.objects.get(year=2026)
    assert e2026.starts_on is None and not e2026.has_dates


def test_2025_is_current_with_fifteen_days_of_tolerance(db):
    current = edition_current()
    assert current.year == 2025
    assert current.accepted_window() == (datetime.date(2025, 11, 2), datetime.date(2025, 12, 7))
    assert current.accepts_date(datetime.date(2025, 12, 7))
    assert not current.accepts_date(datetime.date(2025, 12, 8))


def test_without_tolerance_the_window_is_the_official_week(db):
    e2021 = Edition.objects.get(year=2021)
    assert e2021.accepted_window() == (datetime.date(2021, 11, 22), datetime.date(2021, 11, 28))


def test_only_one_edition_can_be_current(db):
    with pytest.raises(IntegrityError):
        Edition.objects.filter(year=2024).update(is_current=True)


def test_themes_action_types_and_audiences(db):
    assert Theme.objects.filter(name__icontains="mixité").exists()
    assert ActionType.objects.count() == 13
    assert ActionType.objects.filter(name="Escape game").exists()
    assert Audience.objects.count() == 10
    assert set(Audience.objects.filter(is_school_audience=True).values_list("slug", flat=True)) == {
        "collegiens",
        "lyceens",
        "apprentis",
    }
