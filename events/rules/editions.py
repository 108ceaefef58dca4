"""Editions and time: the accepted window, the current edition, where today stands.

An edition is « en cours » only while its accepted window contains today (in the zone of
the site); before it is « à venir », after it « terminée ». The `is_current` flag only says
which edition national staff put forward (the one organizers declare into).
"""

import datetime
import enum

from django.utils import timezone
from django.utils.translation import gettext as _


class Phase(enum.StrEnum):
    UNDATED = "undated"
    UPCOMING = "upcoming"
    RUNNING = "running"
    OVER = "over"


def edition_current():
    """The edition flagged as current, or None: the one lookup."""
    from ..models import Edition

    return Edition.objects.filter(is_current=True).first()


def edition_phase(*, edition, today: datetime.date | None = None) -> Phase:
    window = edition.accepted_window()
    if window is None:
        return Phase.UNDATED
    today = today or timezone.localdate()
    if today < window[0]:
        return Phase.UPCOMING
    if today > window[1]:
        return Phase.OVER
    return Phase.RUNNING


def edition_window_error(*, edition, moments, tz) -> str | None:
    """Why moments (session starts and ends) fall outside the edition's accepted window, read
    as local days in `tz` (the académie's zone); None when they all fall inside."""
    window = edition.accepted_window()
    if window is None:
        return _("Les dates de l'édition %(year)s ne sont pas encore fixées.") % {
            "year": edition.year
        }
    days = [timezone.localtime(moment, tz).date() for moment in moments if moment is not None]
    if all(edition.accepts_date(day) for day in days):
        return None
    return _("Le créneau doit se tenir entre le %(first)s et le %(last)s.") % {
        "first": f"{window[0]:%d/%m/%Y}",
        "last": f"{window[1]:%d/%m/%Y}",
    }
