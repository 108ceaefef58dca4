"""Attendance: how many took part in each session, reported by its organizer afterwards."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from academies.roles import user_handles_event
from semaine.audit import lock

from ..models import Event, Session


@transaction.atomic
def session_attendance_report(
    *, session: Session, by, participants: int, girls: int | None = None, boys: int | None = None
) -> Session:
    """Record the participants of a session that has taken place (girls and boys optional,
    never more than the participants); reporting again corrects the figures."""
    session = lock(Session.objects.select_related("event__academy", "event__edition"), session.pk)
    if not user_handles_event(user=by, event=session.event):
        raise PermissionDenied(_("Vous n'organisez pas cet événement."))
    if session.event.status != Event.Status.PUBLISHED:
        raise ValidationError(_("La présence se déclare pour un événement labellisé."))
    if session.starts_at > timezone.now():
        raise ValidationError(_("Ce créneau n'a pas encore eu lieu."))
    if participants is None or participants < 0:
        raise ValidationError({"participants": _("Indiquez le nombre de participants.")})
    session.participants = participants
    session.participants_girls = girls
    session.participants_boys = boys
    session.attendance_reported_at = timezone.now()
    session.full_clean()
    session.save(
        update_fields=[
            "participants",
            "participants_girls",
            "participants_boys",
            "attendance_reported_at",
        ]
    )
    return session
