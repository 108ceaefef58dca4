"""Seats, counted in students: confirmed students never exceed a session's capacity.

The same rule twice, on purpose and side by side: as SQL expressions for lists of sessions
(one query, no N+1) and as Python for the locked writes of the services.
"""

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

# Only confirmed classes hold seats; pending and waiting ones hold none.
SEAT_HOLDING_STATUS = "confirmed"


# --- Python -------------------------------------------------------------------------------


def places_left(*, capacity: int | None, confirmed: int) -> int | None:
    """Remaining places (never negative); None for a session without capacity (unlimited)."""
    if capacity is None:
        return None
    return max(capacity - confirmed, 0)


def seats_fit(*, capacity: int | None, confirmed: int, students: int) -> bool:
    """Whether `students` more confirmed students fit beside `confirmed` ones."""
    return capacity is None or confirmed + students <= capacity


def session_confirmed_students(*, session, excluding=None) -> int:
    """Students of the session's confirmed classes (one aggregate query), `excluding` one
    registration (the one being changed)."""
    confirmed = session.registrations.filter(status=SEAT_HOLDING_STATUS)
    if excluding is not None:
        confirmed = confirmed.exclude(pk=excluding.pk)
    return confirmed.aggregate(total=Sum("students"))["total"] or 0


# --- SQL ----------------------------------------------------------------------------------


def confirmed_students_expression(session_ref: str = "pk"):
    """Students of the confirmed registrations of the outer session (0 when none)."""
    from ..models import ClassRegistration

    confirmed = (
        ClassRegistration.objects.filter(session=OuterRef(session_ref), status=SEAT_HOLDING_STATUS)
        .order_by()
        .values("session")
        .annotate(total=Sum("students"))
        .values("total")
    )
    return Coalesce(Subquery(confirmed, output_field=IntegerField()), Value(0))


def places_left_expression():
    """The SQL twin of `places_left`; needs the `confirmed_students` annotation."""
    return Case(
        When(capacity__isnull=True, then=Value(None)),
        default=Greatest(F("capacity") - F("confirmed_students"), Value(0)),
        output_field=IntegerField(),
    )


def sessions_with_places(queryset=None, *, with_waitlist: bool = False):
    """Sessions in time order, annotated with `confirmed_students` and `places_left`, and,
    `with_waitlist`, `waitlisted_classes` (how many classes wait: a newcomer would be next)."""
    from ..models import ClassRegistration, Session

    queryset = Session.objects.all() if queryset is None else queryset
    sessions = (
        queryset.order_by("starts_at", "id")
        .annotate(confirmed_students=confirmed_students_expression())
        .annotate(places_left=places_left_expression())
    )
    if with_waitlist:
        waiting = (
            ClassRegistration.objects.filter(session=OuterRef("pk"), status="waitlisted")
            .order_by()
            .values("session")
            .annotate(total=Count("*"))
            .values("total")
        )
        sessions = sessions.annotate(
            waitlisted_classes=Coalesce(Subquery(waiting, output_field=IntegerField()), Value(0))
        )
    return sessions


def session_has_places_q(*, now=None) -> Q:
    """Sessions a class can still take: not started, and unlimited or not full.

    Needs the `confirmed_students` annotation. Past sessions never offer places.
    """
    now = now or timezone.now()
    return Q(starts_at__gt=now) & (
        Q(capacity__isnull=True) | Q(confirmed_students__lt=F("capacity"))
    )


def session_offers_places(session, *, now=None) -> bool:
    """The Python twin of `session_has_places_q` on an annotated session."""
    now = now or timezone.now()
    if session.starts_at <= now:
        return False
    left = getattr(session, "places_left", None)
    return session.capacity is None or (left is not None and left > 0)
