"""Full-text search over the public events.

PostgreSQL: the text search configuration `fr_unaccent` (French stemming, accents ignored,
created by migration 0004) over title, summary, description and city; the GIN index
`event_search_fr_idx` is built on exactly the expression `event_search_vector()` compiles to,
so the planner uses it. Results are ranked with `ts_rank`.

Other databases (SQLite in development and tests): every word of the query must appear in the
same four fields, compared lower-cased and with accents folded (a Python function registered
on the SQLite connection); matches in the title come first.
"""

import re
import sqlite3

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorExact,
)
from django.db.models import Case, F, Func, IntegerField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Concat
from django.db.models.lookups import Contains

from semaine.text import fold  # search.fold: the filters fold their input with it

SEARCH_CONFIG = "fr_unaccent"
SEARCH_FIELDS = ("title", "summary", "description", "city")
MAX_WORDS = 12


def search_words(query: str) -> list[str]:
    """The folded words of a query, without punctuation, at most MAX_WORDS."""
    return [word for word in re.split(r"[^\w]+", fold(query)) if word][:MAX_WORDS]


# --- PostgreSQL ------------------------------------------------------------------------------


def event_search_vector() -> SearchVector:
    """to_tsvector('fr_unaccent', coalesce(title,'') || ' ' || … || coalesce(city,''))."""
    return SearchVector(*SEARCH_FIELDS, config=SEARCH_CONFIG)


def event_search_query(query: str) -> SearchQuery:
    # websearch syntax never raises on user input ("quotes", -negation, OR).
    return SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")


# --- SQLite ----------------------------------------------------------------------------------

_FOLD_FUNCTION = "semaine_fold"


def _sqlite_fold(value):
    return fold(value) if isinstance(value, str) else value


def _ensure_sqlite_fold(connection) -> None:
    """Register semaine_fold() once per raw SQLite connection (re-registering while a cursor
    is open would fail). The wrapper keeps the raw connection it registered on, so that a new
    connection is never mistaken for an old one."""
    connection.ensure_connection()
    raw = connection.connection
    if (
        isinstance(raw, sqlite3.Connection)
        and getattr(connection, "_semaine_fold", None) is not raw
    ):
        raw.create_function(_FOLD_FUNCTION, 1, _sqlite_fold, deterministic=True)
        connection._semaine_fold = raw


class Fold(Func):
    """Accent- and case-folded text, `semaine_fold(…)`: an IMMUTABLE SQL function over
    `unaccent(lower(…))` on PostgreSQL (migration 0004, indexable), a Python function
    registered on the connection on SQLite, LOWER elsewhere."""

    function = "LOWER"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        _ensure_sqlite_fold(connection)
        return super().as_sql(compiler, connection, function=_FOLD_FUNCTION, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function=_FOLD_FUNCTION, **extra_context)


def _document():
    parts = []
    for name in SEARCH_FIELDS:
        parts.extend([F(name), Value(" ")])
    return Fold(Concat(*parts[:-1]))


# --- Entry points ----------------------------------------------------------------------------


def event_search(events: QuerySet, *, query: str, connection_vendor: str) -> QuerySet:
    """Keep the events matching `query`; annotate nothing (see `event_search_rank_ordering`)."""
    if connection_vendor == "postgresql":
        return events.filter(SearchVectorExact(event_search_vector(), event_search_query(query)))
    words = search_words(query)
    if not words:  # nothing to look for: nothing found, as with PostgreSQL's websearch
        return events.none()
    events = events.alias(search_document=_document())
    for word in words:
        events = events.filter(search_document__contains=word)
    return events


def event_search_rank_ordering(*, query: str, connection_vendor: str) -> list:
    """ORDER BY terms putting the best matches first (to prepend to the default ordering)."""
    if connection_vendor == "postgresql":
        # Ranked on the short fields only (title first, then summary and city): computing the
        # tsvector of every matching description again would dominate the query's cost.
        ranked = (
            SearchVector("title", config=SEARCH_CONFIG, weight="A")
            + SearchVector("summary", config=SEARCH_CONFIG, weight="B")
            + SearchVector("city", config=SEARCH_CONFIG, weight="C")
        )
        rank = SearchRank(ranked, event_search_query(query))
        return [rank.desc()]
    words = search_words(query)
    if not words:
        return []
    # Events whose title holds every word first, then those whose title holds one of them.
    title = Fold(F("title"))
    all_in_title = Q()
    any_in_title = Q()
    for word in words:
        all_in_title &= Q(Contains(title, word))
        any_in_title |= Q(Contains(title, word))
    relevance = Case(
        When(all_in_title, then=Value(2)),
        When(any_in_title, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return [relevance.desc()]
