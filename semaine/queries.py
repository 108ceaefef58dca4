"""Query helpers every app shares: correlated counts and sums that stay cheap on big tables."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce


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
