"""The archive: every edition with its figures (/editions/), one edition in detail
(/editions/<year>/) with its breakdowns and its events."""

from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ...cache import public_cache_page
from ...models import Edition
from ...rules.capacity import sessions_with_places
from ...selectors.editions import (
    edition_archive_list,
    edition_breakdown,
    edition_get,
    edition_published_figures,
)
from ...selectors.public import events_mark_places, public_event_base, public_event_optimize
from ...selectors.statistics import statistics_edition_summary

EDITION_PAGE_SIZE = 12
# A year outside these bounds is not an edition (and never reaches the database).
YEAR_MIN, YEAR_MAX = 1900, 2999


@method_decorator(public_cache_page(), name="dispatch")
class EditionListView(TemplateView):
    """/editions/: every edition, newest first, with its dates, theme and figures."""

    template_name = "events/edition_list.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "editions": edition_archive_list(),
            "breadcrumb": [(_("Éditions"), None)],
        }


@method_decorator(public_cache_page(), name="dispatch")
class EditionDetailView(TemplateView):
    """/editions/<year>/: an edition's dates, figures by type, theme and académie, and its
    published events (paginated); past editions stay browsable. Unknown year: 404."""

    template_name = "events/edition_detail.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = kwargs["year"]
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise Http404(_("Aucune édition pour cette année."))
        try:
            edition = edition_get(year=year)
        except Edition.DoesNotExist:
            raise Http404(_("Aucune édition pour cette année.")) from None
        figures = edition_breakdown(edition=edition)
        # What a card shows (themes, types, sessions with places), audiences left out.
        events = (
            public_event_optimize(public_event_base().filter(edition=edition))
            .prefetch_related(None)
            .prefetch_related(
                "themes", "action_types", Prefetch("sessions", sessions_with_places())
            )
            .order_by(F("first_start").asc(nulls_last=True), "id")
        )
        paginator = Paginator(events, EDITION_PAGE_SIZE)
        # The figures already counted the events: the paginator needs no COUNT query.
        paginator.count = figures["events"]
        page_obj = paginator.get_page(self.request.GET.get("page"))
        page_obj.pages_list = list(
            paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
        )
        return context | {
            "edition": edition,
            "figures": figures,
            "published_figures": edition_published_figures(edition=edition),
            "participation": statistics_edition_summary(edition=edition),
            "page_obj": page_obj,
            "paginator": paginator,
            "events": events_mark_places(page_obj.object_list),
            "is_paginated": page_obj.has_other_pages(),
            "list_url": f"{reverse('events:list')}?edition={edition.year}",
            "breadcrumb": [
                (_("Éditions"), reverse("events:editions")),
                (_("Édition %(year)s") % {"year": edition.year}, None),
            ],
        }
