"""Query helpers every app shares: correlated counts and sums that stay cheap on big tables."""

from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

#: memory for each sort or hash of an analytic query: PostgreSQL's default (4 MB) sends the
#: statistics' GROUP BY and DISTINCT over 100,000 rows to disk
ANALYTIC_WORK_MEM = "32MB"


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


@contextmanager
def analytic_queries():
    """A block of big read-only aggregate queries (the statistics). On PostgreSQL, inside one
    transaction, sorts and hashes get `ANALYTIC_WORK_MEM` and no JIT compilation (compiling
    costs ~80 ms a query, more than it saves at this size): `SET LOCAL`, so the settings end
    with the transaction and a transaction-mode pooler (PgBouncer) keeps working. One
    statement more; no savepoint when a transaction is already open."""
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL work_mem = '{ANALYTIC_WORK_MEM}'; SET LOCAL jit = off")
        yield
