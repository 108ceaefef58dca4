"""When a session takes classes, until when a class may be cancelled, and when freed seats
may go to the waiting list."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

# A class may be cancelled by its teacher until this long before its session (DESIGN.md).
CANCELLATION_NOTICE = datetime.timedelta(hours=48)

PUBLISHED = "published"


def session_registrations_open_q(*, now=None) -> Q:
    """The SQL twin of `session_registration_open`, on a Session queryset."""
    return Q(
        event__status=PUBLISHED,
        event__accepts_class_registrations=True,
        starts_at__gt=now or timezone.now(),
    )


def session_registration_closed_reason(*, session, now=None) -> str | None:
    """Why `session` takes no class registration now (a French sentence), None when it does.

    Open means: the event is labelled and published, it accepts classes, and the session has
    not started yet.
    """
    now = now or timezone.now()
    event = session.event
    if event.status != PUBLISHED or not event.accepts_class_registrations:
        return _("Cet événement n'accueille pas d'inscriptions de classes.")
    if session.starts_at <= now:
        return _("Les inscriptions sont fermées pour ce créneau.")
    return None


def session_registration_open(*, session, now=None) -> bool:
    return session_registration_closed_reason(session=session, now=now) is None


def cancellation_notice(*, event) -> datetime.timedelta:
    """How long before a session its classes may still be cancelled online: the event's own
    notice (hours, set by its organizer), 48 h by default."""
    hours = getattr(event, "cancellation_notice_hours", None)
    return CANCELLATION_NOTICE if hours is None else datetime.timedelta(hours=hours)


def cancellation_deadline(*, session) -> datetime.datetime:
    """Last moment a teacher may cancel their class on `session`."""
    return session.starts_at - cancellation_notice(event=session.event)


def teacher_may_cancel(*, registration, now=None) -> bool:
    """A teacher cancels their class online until the cancellation deadline."""
    now = now or timezone.now()
    return registration.is_active and now <= cancellation_deadline(session=registration.session)


def teacher_may_change(*, registration, now=None) -> bool:
    """A teacher changes their class (head count, name, needs) until the session starts, on
    an event still published."""
    now = now or timezone.now()
    session = registration.session
    return registration.is_active and session.event.status == PUBLISHED and session.starts_at > now


def waitlist_may_be_served(*, session, now=None) -> bool:
    """Freed seats go to waiting classes only while the session is open and a promoted
    class can still organise the trip: never on a cancelled or withdrawn event, never once
    the cancellation deadline has passed (the organizer is told instead)."""
    now = now or timezone.now()
    return session_registration_open(session=session, now=now) and now < cancellation_deadline(
        session=session
    )


def waitlist_rank(*, registration) -> int | None:
    """1 for the first class of its session's waiting list, 2 for the next…; None when the
    class is not waiting. The order is the order of request (the waiting list's order)."""
    if registration.status != "waitlisted":
        return None
    ahead = registration.session.registrations.filter(status="waitlisted").filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def waitlist_rank_expression():
    """The SQL twin of `waitlist_rank` on a ClassRegistration queryset (None when the class
    is not waiting): one correlated count."""
    from django.db.models import Case, Count, IntegerField, OuterRef, Subquery, When
    from django.db.models.functions import Coalesce

    from ..models import ClassRegistration

    ahead = (
        ClassRegistration.objects.filter(session=OuterRef("session"), status="waitlisted")
        .filter(
            Q(created_at__lt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(total=Count("*"))
        .values("total")
    )
    return Case(
        When(status="waitlisted", then=Coalesce(Subquery(ahead), 0) + 1),
        default=None,
        output_field=IntegerField(),
    )
