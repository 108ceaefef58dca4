"""Editions, by national staff: which one is current, and the next one prepared from it.

There is always at most one current edition (`edition_single_current`, a partial unique
constraint): switching clears the old flag and sets the new one in one transaction, with
both rows locked, so no reader ever sees two current editions or none.
"""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from academies.roles import staff_is_national

from ..cache import public_cache_invalidate
from ..models import Edition

logger = logging.getLogger(__name__)

#: the next edition's dates: the same weekdays, 52 weeks later
NEXT_EDITION_SHIFT = datetime.timedelta(weeks=52)
DATE_FIELDS = ("starts_on", "ends_on", "window_starts_on", "window_ends_on", "labelling_deadline")


def _ensure_national(by) -> None:
    if not staff_is_national(user=by):
        raise PermissionDenied(_("Seule l'équipe nationale gère les éditions."))


@transaction.atomic
def edition_make_current(*, edition: Edition, by) -> Edition:
    """Put `edition` forward as the current one (the one organizers declare into)."""
    _ensure_national(by)
    # Lock every flagged row and the target, in a stable order: two switches at once
    # queue up instead of both clearing the flag.
    rows = list(
        Edition.objects.select_for_update()
        .filter(is_current=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    target = Edition.objects.select_for_update().get(pk=edition.pk)
    if target.is_current:
        return target
    Edition.objects.filter(pk__in=rows).update(is_current=False)
    target.is_current = True
    target.full_clean()
    target.save(update_fields=["is_current"])
    logger.info("edition %s made current by user %s (was %s)", target.year, by.pk, rows)
    transaction.on_commit(public_cache_invalidate)
    return target


@transaction.atomic
def edition_prepare_next(*, by) -> Edition:
    """Create the edition after the current one with the current one's settings: headline
    theme, focus themes, and its dates 52 weeks later (same weekdays). Not made current."""
    _ensure_national(by)
    current = Edition.objects.select_for_update().filter(is_current=True).first()
    if current is None:
        raise ValidationError(_("Aucune édition n'est en cours : choisissez-en une d'abord."))
    year = current.year + 1
    if Edition.objects.filter(year=year).exists():
        raise ValidationError(
            _("L'édition %(year)s existe déjà : modifiez-la plutôt.") % {"year": year}
        )
    following = Edition(year=year, headline_theme=current.headline_theme, is_current=False)
    for name in DATE_FIELDS:
        value = getattr(current, name)
        setattr(following, name, value + NEXT_EDITION_SHIFT if value else None)
    following.full_clean()
    following.save()
    following.focus_themes.set(current.focus_themes.all())
    logger.info("edition %s prepared from %s by user %s", year, current.year, by.pk)
    return following
