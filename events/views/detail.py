"""The public page of one event."""

from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import DetailView

from ..models import Event
from ..selectors import public_event_get


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
