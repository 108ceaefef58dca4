from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from events.selectors import home_context


@never_cache
def healthz(request):
    """Liveness probe: no database, no template; the benchmark's baseline."""
    return HttpResponse("ok", content_type="text/plain")


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | home_context()
