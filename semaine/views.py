import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.decorators import method_decorator
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from events.cache import public_cache_page
from events.selectors import home_context

from . import legal
from .context_processors import site
from .health import readiness_problems
from .logs import current_request_id

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """Liveness probe: no database, no template; the benchmark's baseline."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness probe: the database and the cache answer (semaine.health); 503 otherwise,
    naming what does not. Used by the health checks of docker-compose.yml."""
    problems = readiness_problems()
    if not problems:
        return HttpResponse("ok", content_type="text/plain")
    body = "".join(f"{name}: {kind}\n" for name, kind in problems.items())
    return HttpResponse(body, status=503, content_type="text/plain")


# --- Error pages -----------------------------------------------------------------------------


def server_error(request, template_name="500.html"):
    """The DSFR 500 page, rendered from a plain context: no context processor, no session,
    no query, so it shows when the database is what failed. It gives the request id (the
    one in the logs) for the person to quote."""
    context = site(request) | {"request_id": current_request_id(), "csp_nonce": ""}
    try:
        body = loader.get_template(template_name).render(context)
    except Exception:  # a missing static file, a broken template: still answer something
        logger.exception("the 500 page could not be rendered")
        body = FALLBACK_500 % {"request_id": escape(current_request_id())}
    return HttpResponseServerError(body)


FALLBACK_500 = (
    '<!DOCTYPE html><html lang="fr"><meta charset="utf-8"><title>Erreur inattendue</title>'
    "<h1>Erreur inattendue</h1><p>Le service rencontre un problème. Réessayez un peu plus "
    "tard.</p><p>Référence : %(request_id)s</p></html>"
)


# --- Legal pages -----------------------------------------------------------------------------


class LegalPageView(TemplateView):
    """A page of the footer's legal links; static, no query."""

    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        email = settings.CONTACT_EMAIL
        contact = (
            format_html('<a href="mailto:{0}">{0}</a>', email)
            if email
            else _("l'adresse de contact du service (non encore renseignée)")
        )
        return super().get_context_data(
            contact=contact,
            contact_email=email,
            hosting_provider=settings.LEGAL_HOSTING_PROVIDER,
            publisher=legal.PUBLISHER,
            publisher_address=legal.PUBLISHER_ADDRESS,
            publication_director=legal.PUBLICATION_DIRECTOR,
            accessibility=legal.ACCESSIBILITY,
            established_on=legal.date_label(legal.ACCESSIBILITY.established_on),
            retention_days=settings.PERSONAL_DATA_RETENTION_DAYS,
            retention_months=round(settings.PERSONAL_DATA_RETENTION_DAYS / 30.4),
            **kwargs,
        )


@method_decorator(public_cache_page(), name="dispatch")
class HomeView(TemplateView):
    """/: the current edition, its figures, a search box, featured events and entry points."""

    template_name = "home.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | home_context()
