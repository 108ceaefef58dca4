"""Reads of the teachers' pages."""

from django.db.models import QuerySet

from ..models import ClassRegistration


def teacher_registrations(*, user) -> QuerySet[ClassRegistration]:
    """Every registration `user` made, in session order, ready for the list (one query)."""
    return (
        ClassRegistration.objects.filter(teacher_id=user.pk)
        .select_related("session__event__academy", "school")
        .order_by("session__starts_at", "created_at", "pk")
    )
