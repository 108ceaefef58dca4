"""RSS and Atom feeds of newly labelled events (Django syndication).

The query string takes the filters of the public list (edition, theme, académie…), so
/evenements/flux.rss?theme=transition-ecologique follows one theme.
"""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from academies.display import academy_label

from .cache import public_cache_page
from .filters import public_event_filter
from .models import Event
from .selectors import export_event_queryset

FEED_MAX_ITEMS = 50


class NewEventsFeed(Feed):
    """The last labelled events, newest first.

    One instance serves every request: per-request data travels through `obj` (the request)
    and the items, never through attributes of the feed.
    """

    def get_object(self, request, *args, **kwargs):
        return request

    def title(self):
        return _("Semaine de l'industrie — nouveaux événements labellisés")

    def description(self):
        return _("Les derniers événements labellisés et publiés de la Semaine de l'industrie.")

    subtitle = description

    def link(self, request):
        return request.build_absolute_uri(reverse("events:list"))

    def feed_url(self, request):
        return request.build_absolute_uri()

    def items(self, request):
        events = export_event_queryset(public_event_filter(data=request.GET).qs)
        newest = events.order_by(F("published_at").desc(nulls_last=True), "-id")
        items = list(newest[:FEED_MAX_ITEMS])
        for event in items:
            event.absolute_url = request.build_absolute_uri(event.get_absolute_url())
        return items

    def item_title(self, event: Event):
        return event.title

    def item_link(self, event: Event):
        return event.absolute_url

    def item_guid(self, event: Event):
        return event.absolute_url

    def item_description(self, event: Event):
        parts = [event.summary or event.description[:500]]
        parts.append(_("Organisé par %(organizer)s") % {"organizer": event.organizer_display})
        parts.append(
            _("%(place)s (%(academy)s)")
            % {
                "place": event.city or event.get_format_display(),
                "academy": academy_label(event.academy),
            }
        )
        sessions = list(event.sessions.all())
        if sessions:
            start = timezone.localtime(sessions[0].starts_at, event.academy.tzinfo)
            parts.append(_("Premier créneau : %(date)s") % {"date": f"{start:%d/%m/%Y %H:%M}"})
        return "\n".join(parts)

    def item_pubdate(self, event: Event):
        return event.published_at

    def item_updateddate(self, event: Event):
        return event.updated_at

    def item_categories(self, event: Event):
        return [theme.name for theme in event.themes.all()]


class NewEventsAtomFeed(NewEventsFeed):
    feed_type = Atom1Feed


# The views: anonymous readers share a short-lived cached copy.
new_events_rss = public_cache_page()(NewEventsFeed())
new_events_atom = public_cache_page()(NewEventsAtomFeed())
