"""Reads of the teachers' pages."""

from django.db.models import QuerySet

from ..models import ClassRegistration
from ..rules.booking import waitlist_rank_expression


def teacher_registrations(*, user) -> QuerySet[ClassRegistration]:
    """Every registration `user` made, in session order, ready for the list (one query);
    waiting classes carry their `waitlist_rank`."""
    return (
        ClassRegistration.objects.filter(teacher_id=user.pk)
        .annotate(waitlist_rank=waitlist_rank_expression())
        .select_related("session__event__academy", "school")
        .order_by("session__starts_at", "created_at", "pk")
    )
