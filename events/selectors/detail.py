"""The public page of one event and the exports: sessions with their remaining places."""

from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from academies.models import SchoolMembership

from ..models import ClassRegistration, Event, Session


def session_confirmed_students_expression():
    """Students of the confirmed registrations of the outer session (0 when none)."""
    confirmed = (
        ClassRegistration.objects.filter(
            session=OuterRef("pk"), status=ClassRegistration.Status.CONFIRMED
        )
        .order_by()
        .values("session")
        .annotate(total=Sum("students"))
        .values("total")
    )
    return Coalesce(Subquery(confirmed, output_field=IntegerField()), Value(0))


def session_with_places() -> QuerySet[Session]:
    """Sessions in time order, annotated with `confirmed_students` and `places_left`.

    `places_left` is None for a session without capacity (unlimited), never negative.
    """
    return (
        Session.objects.order_by("starts_at", "id")
        .annotate(confirmed_students=session_confirmed_students_expression())
        .annotate(
            places_left=Case(
                When(capacity__isnull=True, then=Value(None)),
                default=Greatest(F("capacity") - F("confirmed_students"), Value(0)),
                output_field=IntegerField(),
            )
        )
    )


def public_event_detail(*, pk: int) -> Event:
    """A published event with everything its public page shows, in five queries.

    Raises Event.DoesNotExist for unknown or unpublished events (drafts, cancelled…).
    """
    return (
        Event.objects.published()
        .select_related("edition", "academy", "academy__region", "department", "company", "school")
        .prefetch_related(
            "action_types",
            "themes",
            "audiences",
            Prefetch("sessions", queryset=session_with_places()),
        )
        .get(pk=pk)
    )


def export_event_queryset(events: QuerySet[Event]) -> QuerySet[Event]:
    """Re-shape a filtered event queryset for the exports: the relations every row needs.

    Previous prefetches are replaced (a Prefetch of "sessions" with another queryset would
    clash); the filtering and the ordering of `events` are kept.
    """
    return (
        events.select_related(
            "edition", "academy", "academy__region", "department", "company", "school"
        )
        .prefetch_related(None)
        .prefetch_related(
            "action_types",
            "themes",
            "audiences",
            Prefetch("sessions", queryset=session_with_places()),
        )
    )


def user_can_register_classes(*, user) -> bool:
    """Whether `user` teaches in a school, hence may register a class (one query at most)."""
    if user is None or not user.is_authenticated:
        return False
    return SchoolMembership.objects.filter(
        user_id=user.pk, role=SchoolMembership.Role.TEACHER
    ).exists()
