"""Renew (« reconduire ») an event: a past event of mine copied into the current edition."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from academies.roles import user_organizes_event

from ..models import Event
from ..rules.editions import edition_current
from .events import M2M_FIELDS, event_save
from .sessions import session_create

COPIED_FIELDS = (
    "title",
    "summary",
    "description",
    "organizer_kind",
    "company_id",
    "school_id",
    "organizer_name",
    "contact_name",
    "contact_email",
    "contact_phone",
    "department_id",
    "format",
    "online_url",
    "address",
    "postcode",
    "city",
    "city_code",
    "latitude",
    "longitude",
    "is_accessible",
    "accessibility_details",
    "is_free",
    "accepts_class_registrations",
    "registration_mode",
    "cancellation_notice_hours",
)


def _shifted(moment: datetime.datetime, *, days: int, tz) -> datetime.datetime:
    """The same local time of day, `days` later (DST-safe in the académie's zone)."""
    local = timezone.localtime(moment, tz)
    naive = datetime.datetime.combine(local.date() + datetime.timedelta(days=days), local.time())
    return naive.replace(tzinfo=tz)


def _week_offset(*, source, target) -> int | None:
    """Days between the two editions' official weeks, rounded to whole weeks (the same
    weekday); None when either edition is undated."""
    if not (source.starts_on and target.starts_on):
        return None
    days = (target.starts_on - source.starts_on).days
    return round(days / 7) * 7


@transaction.atomic
def event_renew(*, event: Event, by) -> Event:
    """Copy `event` (one of mine, from a past edition) into the current edition as a draft.

    Its sessions are copied on the same weekday and time of the new official week when that
    falls inside the accepted window; the organizer re-dates them before submitting. Renewing
    the same event twice gives back the first copy.
    """
    if not user_organizes_event(user=by, event=event):
        raise PermissionDenied(_("Vous n'organisez pas cet événement."))
    current = edition_current()
    if current is None:
        raise ValidationError(_("Aucune édition n'est ouverte aux déclarations pour le moment."))
    if event.edition_id == current.pk:
        raise ValidationError(
            _("Cet événement est déjà dans l'édition %(year)s.") % {"year": current.year}
        )
    existing = Event.objects.filter(renewed_from=event, edition=current).first()
    if existing is not None:
        return existing
    copy = Event(edition=current, renewed_from=event, created_by=by)
    for field in COPIED_FIELDS:
        setattr(copy, field, getattr(event, field))
    copy = event_save(
        event=copy, by=by, **{name: list(getattr(event, name).all()) for name in M2M_FIELDS}
    )
    offset = _week_offset(source=event.edition, target=current)
    if offset is not None:
        tz = copy.academy.tzinfo
        for session in event.sessions.order_by("starts_at"):
            starts_at = _shifted(session.starts_at, days=offset, tz=tz)
            ends_at = _shifted(session.ends_at, days=offset, tz=tz)
            if not (
                current.accepts_date(timezone.localtime(starts_at, tz).date())
                and current.accepts_date(timezone.localtime(ends_at, tz).date())
            ):
                continue
            session_create(
                event=copy, by=by, starts_at=starts_at, ends_at=ends_at, capacity=session.capacity
            )
    return copy
