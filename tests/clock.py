"""Travel in time: the reference editions are dated, and past sessions never offer places."""

import datetime
import zoneinfo

import time_machine

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def before_edition_2025():
    """3 November 2025, 9:00 in Paris: inside the 2025 window, before its week's sessions."""
    return time_machine.travel(datetime.datetime(2025, 11, 3, 9, 0, tzinfo=PARIS), tick=False)
