"""Reads of the territory: which académies a back-office user may see and act on."""

from collections.abc import Iterable

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from .models import Academy


def staff_is_national(*, user) -> bool:
    """Superusers and the national team see and manage every académie."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or getattr(user, "is_national_staff", False))
    )


def academies_for_staff(*, user) -> QuerySet[Academy] | None:
    """The académies `user` administers; None means every académie.

    Superusers and national staff: None. Anyone else: the académies of their
    `AcademyStaff` roles (possibly none). The queryset is lazy: filtering with
    `academy__in=academies_for_staff(...)` costs a subquery, not an extra query.
    """
    if staff_is_national(user=user):
        return None
    if user is None or not user.is_authenticated or not user.is_active:
        return Academy.objects.none()
    return Academy.objects.filter(staff__user_id=user.pk)


def staff_scope_queryset(*, user, queryset: QuerySet, academy_lookups: Iterable[str]) -> QuerySet:
    """Keep the rows of `queryset` tied to one of the user's académies.

    `academy_lookups` are ORM paths from the queryset's model to `Academy`
    (`"academy"`, `"department__academy"`, `"pk"` for `Academy` itself…); a row is
    kept when any of them leads to one of the user's académies. National staff
    keep everything; a user without académie keeps nothing.
    """
    academies = academies_for_staff(user=user)
    if academies is None:
        return queryset
    condition = Q()
    for lookup in academy_lookups:
        condition |= Q(**{f"{lookup}__in": academies})
    if not condition:
        return queryset.none()
    return queryset.filter(condition)


def subquery_count(queryset: QuerySet, *, to: str) -> Coalesce:
    """Number of rows of `queryset` whose `to` is the outer row: one correlated subquery.

    Unlike `Count()` over a join, it neither multiplies rows nor forces a GROUP BY on the
    whole outer table, so it stays cheap on a paginated changelist.
    """
    inner = (
        queryset.filter(**{to: OuterRef("pk")})
        .order_by()
        .values(to)
        .annotate(total=Count("*"))
        .values("total")
    )
    return Coalesce(Subquery(inner, output_field=IntegerField()), 0)


def subquery_sum(queryset: QuerySet, *, to: str, field: str) -> Coalesce:
    """Sum of `field` over the rows of `queryset` whose `to` is the outer row."""
    inner = (
        queryset.filter(**{to: OuterRef("pk")})
        .order_by()
        .values(to)
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(inner, output_field=IntegerField()), 0)
