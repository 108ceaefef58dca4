"""Reads of the teachers' space."""

from django.db.models import QuerySet

from academies.models import School, SchoolMembership

from ..models import ClassRegistration


def teacher_schools(*, user) -> list[School]:
    """The schools where `user` teaches, by name."""
    return list(
        School.objects.filter(
            members__user_id=user.pk, members__role=SchoolMembership.Role.TEACHER
        ).order_by("name", "pk")
    )


def teacher_registrations(*, user) -> QuerySet[ClassRegistration]:
    """Every registration `user` made, in session order, ready for the list (one query)."""
    return (
        ClassRegistration.objects.filter(teacher_id=user.pk)
        .select_related("session__event__academy", "school")
        .order_by("session__starts_at", "created_at", "pk")
    )
