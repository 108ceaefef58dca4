"""The edition the demo is alive in, chosen (and dated, when its dates are unknown) on the day
of seeding, so that every path can be tried right after `make run`.

1. A dated edition whose accepted window is running with a week left at least, or is ahead:
   the soonest one, its dates untouched.
2. Otherwise the edition of this year, or of the next year when this year's has dates (its
   window is over), created when absent: its unknown dates are set around today, with the
   accepted window from a week ago to five weeks ahead (a few past sessions, several weeks
   of future ones), the official week from Monday to Sunday in its middle and the labelling
   deadline a week before that Monday.

The edition chosen becomes the current one. Editions with dates are never changed; every
write happens in the caller's transaction.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import Edition
from ..rules.editions import Phase, edition_phase
from ..selectors.editions import date_range_label

# A running edition with fewer days left than this leaves nothing to register on.
MIN_DAYS_LEFT = 7
WINDOW_BEFORE = datetime.timedelta(days=7)
WINDOW_AFTER = datetime.timedelta(days=35)
WEEK = datetime.timedelta(days=6)  # Monday to Sunday
LABELLING_NOTICE = datetime.timedelta(days=7)


@dataclass(frozen=True)
class DemoEdition:
    edition: Edition
    dated: bool = False  # its dates were unknown: the demo set them
    created: bool = False  # it did not exist: the demo created it

    def notes(self) -> list[str]:
        """What the seeding did to editions, in French sentences for the command's output."""
        edition = self.edition
        window = edition.accepted_window()
        notes = []
        if self.dated:
            values = {
                "year": edition.year,
                "window": date_range_label(first=window[0], last=window[1]),
                "week": date_range_label(first=edition.starts_on, last=edition.ends_on),
            }
            if self.created:
                note = _(
                    "Édition %(year)s : absente, créée et datée pour la démonstration %(window)s "
                    "(semaine officielle %(week)s)."
                )
            else:
                note = _(
                    "Édition %(year)s : dates inconnues, datée pour la démonstration %(window)s "
                    "(semaine officielle %(week)s)."
                )
            notes.append(note % values)
        notes.append(
            _("Édition en cours : %(year)s, période acceptée %(window)s.")
            % {"year": edition.year, "window": date_range_label(first=window[0], last=window[1])}
        )
        return notes


def demo_dates(*, today: datetime.date) -> dict[str, datetime.date]:
    """The dates the demo gives an edition whose dates are unknown, around `today`."""
    window_starts_on = today - WINDOW_BEFORE
    window_ends_on = today + WINDOW_AFTER
    middle = window_starts_on + (window_ends_on - window_starts_on) / 2
    starts_on = middle - datetime.timedelta(days=middle.weekday())  # its Monday
    return {
        "window_starts_on": window_starts_on,
        "starts_on": starts_on,
        "ends_on": starts_on + WEEK,
        "window_ends_on": window_ends_on,
        "labelling_deadline": starts_on - LABELLING_NOTICE,
    }


def _alive(*, edition: Edition, today: datetime.date) -> bool:
    """Running with a week left at least, or ahead."""
    phase = edition_phase(edition=edition, today=today)
    if phase == Phase.UPCOMING:
        return True
    window = edition.accepted_window()
    return phase == Phase.RUNNING and (window[1] - today).days >= MIN_DAYS_LEFT


def _demo_edition_choose(*, today: datetime.date) -> DemoEdition:
    editions = {edition.year: edition for edition in Edition.objects.order_by("year")}
    alive = [edition for edition in editions.values() if _alive(edition=edition, today=today)]
    if alive:
        return DemoEdition(edition=min(alive, key=lambda edition: edition.accepted_window()[0]))
    year = today.year
    while year in editions and editions[year].accepted_window() is not None:
        year += 1  # dated and over (else it would be alive): the next one
    edition = editions.get(year)
    created = edition is None
    if created:
        edition = Edition(year=year)
    for name, value in demo_dates(today=today).items():
        setattr(edition, name, value)
    edition.full_clean()
    edition.save()
    return DemoEdition(edition=edition, dated=True, created=created)


def demo_edition_prepare(*, today: datetime.date) -> DemoEdition:
    """Choose (and date, if need be) the demo's edition and make it the current one."""
    chosen = _demo_edition_choose(today=today)
    edition = chosen.edition
    # One current edition at a time (a unique constraint): unset the other flag first.
    Edition.objects.filter(is_current=True).exclude(pk=edition.pk).update(is_current=False)
    if not edition.is_current:
        edition.is_current = True
        edition.save(update_fields=["is_current"])
    return chosen
