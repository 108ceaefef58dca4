"""The formats every page shares."""

import datetime
import zoneinfo

import pytest

from semaine.formats import utc_offset_label

UTC = datetime.UTC


@pytest.mark.parametrize(
    ("zone", "at", "label"),
    [
        ("Indian/Reunion", datetime.datetime(2025, 11, 18, 9, tzinfo=UTC), "UTC+4"),
        ("Indian/Mayotte", datetime.datetime(2025, 11, 18, 9, tzinfo=UTC), "UTC+3"),
        ("America/Cayenne", datetime.datetime(2025, 11, 18, 9, tzinfo=UTC), "UTC−3"),
        ("America/Martinique", datetime.datetime(2025, 11, 18, 9, tzinfo=UTC), "UTC−4"),
        ("Europe/Paris", datetime.datetime(2025, 11, 18, 9, tzinfo=UTC), "UTC+1"),
        ("Europe/Paris", datetime.datetime(2025, 6, 18, 9, tzinfo=UTC), "UTC+2"),  # summer
        ("Asia/Kolkata", datetime.datetime(2025, 11, 18, 9, tzinfo=UTC), "UTC+5:30"),
        ("UTC", datetime.datetime(2025, 11, 18, 9, tzinfo=UTC), "UTC+0"),
    ],
)
def test_utc_offset_label(zone, at, label):
    assert utc_offset_label(zoneinfo.ZoneInfo(zone), at=at) == label


def test_utc_offset_label_writes_a_true_minus_sign():
    label = utc_offset_label(zoneinfo.ZoneInfo("America/Cayenne"))  # now, by default
    assert label == "UTC\u22123"
    assert "-" not in label
