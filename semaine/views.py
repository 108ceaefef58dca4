from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from events.cache import public_cache_page
from events.selectors import home_context


@never_cache
def healthz(request):
    """Liveness probe: no database, no template; the benchmark's baseline."""
    return HttpResponse("ok", content_type="text/plain")


@method_decorator(public_cache_page(), name="dispatch")
class HomeView(TemplateView):
    """/: the current edition, its figures, a search box, featured events and entry points."""

    template_name = "home.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | home_context()
