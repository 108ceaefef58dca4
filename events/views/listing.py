"""The public event list and map (filters, search, distance)."""

from django.views.generic import ListView

from ..selectors import edition_current, public_event_list


class EventListView(ListView):
    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 20

    def get_queryset(self):
        return public_event_list(edition=edition_current())
