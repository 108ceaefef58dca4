from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import DetailView, ListView

from .models import Event
from .selectors import edition_current, public_event_get, public_event_list


class EventListView(ListView):
    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 20

    def get_queryset(self):
        return public_event_list(edition=edition_current())


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_object(self, queryset=None):
        try:
            return public_event_get(pk=self.kwargs["pk"])
        except Event.DoesNotExist:
            raise Http404 from None

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.slug != self.kwargs["slug"]:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))
