"""The home page: the current edition, where today stands in it, its figures, what comes
next."""

import datetime

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import Edition, Event, Session
from ..rules.capacity import sessions_with_places
from ..rules.editions import Phase, edition_current
from .academies import academies_by_region
from .editions import (
    edition_figures,
    edition_next,
    edition_with_dates,
    theme_list_with_counts,
)
from .public import CARD_SELECT_RELATED, event_first_start_expression, events_mark_places

FEATURED_COUNT = 6


# --- Home ------------------------------------------------------------------------------------


def event_featured_list(*, edition: Edition, limit: int = FEATURED_COUNT) -> tuple[list, bool]:
    """The next events of `edition` (soonest session first), or, when none is to come, the
    latest labelled ones. Returns (events, upcoming). Card-ready: `first_start` is the next
    session when there is one, `has_places` is set. Four queries (the events, their themes,
    types and sessions)."""
    upcoming = (
        Session.objects.filter(event=OuterRef("pk"), starts_at__gte=timezone.now())
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    events: QuerySet[Event] = (
        Event.objects.published()
        .filter(edition=edition)
        .annotate(next_start=Subquery(upcoming))
        .annotate(first_start=Coalesce(F("next_start"), event_first_start_expression()))
        .select_related(*CARD_SELECT_RELATED)
        .prefetch_related("themes", "action_types", Prefetch("sessions", sessions_with_places()))
        .order_by(
            F("next_start").asc(nulls_last=True),
            F("published_at").desc(nulls_last=True),
            "-id",
        )
    )
    featured = events_mark_places(events[:limit])
    if featured and featured[0].next_start is not None:
        return [event for event in featured if event.next_start is not None], True
    return featured, False


def home_context(*, today: datetime.date | None = None) -> dict:
    """Everything the home page shows, in nine queries (ten once the edition is over: the next
    edition); `edition` is None when no edition is current (the page then says so).

    `edition.phase` says where `today` stands in the current edition's accepted window: it is
    « en cours » only while RUNNING. Once it is OVER, `next_edition` is the edition recorded
    after it (with its dates when known), or None when none is recorded yet.
    """
    edition = edition_current()
    context = {
        "edition": edition,
        "next_edition": None,
        "themes": theme_list_with_counts(edition=edition),
        "academy_regions": academies_by_region(),
    }
    if edition is None:
        return context
    edition_with_dates(edition, today=today)
    if edition.phase == Phase.OVER:
        context["next_edition"] = edition_next(edition=edition, today=today)
    featured, upcoming = event_featured_list(edition=edition)
    context.update(
        {
            "figures": edition_figures(edition=edition),
            "focus_themes": [theme for theme in context["themes"] if theme.is_focus],
            "featured_events": featured,
            "featured_upcoming": upcoming,
        }
    )
    return context
