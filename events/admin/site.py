"""The admin site of the project: Django's, with

- the moderation queue at /admin/moderation/ and the statistics dashboard at
  /admin/statistiques/ (both linked from the index);
- « voir sur le site » (/admin/r/<type>/<id>/) answering 404 for an object the staff
  member may not see (another académie's draft), instead of redirecting to it;
- its own French error pages (400, 403, 404) with the admin's look, and a 400 for the
  junk that used to give a 500: NUL bytes in the query string (search, filters,
  autocomplete `term`) and dates out of range in the date drill-down (`created_at__year`).

`install(admin.site)` turns the default site into this class, so that every
`@admin.register` of the project keeps working unchanged.
"""

import contextlib
import re

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import (
    BadRequest,
    FieldError,
    ObjectDoesNotExist,
    PermissionDenied,
    SuspiciousOperation,
    ValidationError,
)
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: date drill-down parameters (`<field>__year`, `__month`, `__day`) and their bounds
DATE_PARAMETER = re.compile(r"__(year|month|day)$")
DATE_BOUNDS = {"year": (1, 9999), "month": (1, 12), "day": (1, 31)}


def query_string_error(query) -> str | None:
    """Why an admin query string cannot be served (None: it can)."""
    for key, values in query.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return _("Les caractères nuls ne sont pas acceptés dans une recherche ou un filtre.")
        match = DATE_PARAMETER.search(key)
        if match:
            low, high = DATE_BOUNDS[match.group(1)]
            for value in values:
                if not (value.isdigit() and len(value) <= 4 and low <= int(value) <= high):
                    return _("Date hors limites dans le filtre : %(value)s.") % {
                        "value": value[:20]
                    }
    return None


#: the sections and models of the libraries whose own names are English or repeat ours
LIBRARY_APP_NAMES = {
    "account": gettext_lazy("Comptes : adresses e-mail"),
    "mfa": gettext_lazy("Double authentification"),
    "django_tasks_database": gettext_lazy("Tâches en arrière-plan"),
}
LIBRARY_MODEL_NAMES = {
    "mfa.authenticator": gettext_lazy("Authentificateurs"),
    "django_tasks_database.dbtaskresult": gettext_lazy("Résultats des tâches"),
}


class SemaineAdminSite(admin.AdminSite):
    # The page's width goes to the lists (readable at 1280 px); the index and the
    # breadcrumbs lead everywhere the sidebar did.
    enable_nav_sidebar = False

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            error = query_string_error(request.GET)
            if error:
                return self.error_response(request, status=400, message=error)
            try:
                return inner(request, *args, **kwargs)
            except Http404:
                if not self.has_permission(request):
                    raise
                return self.error_response(request, status=404)
            except PermissionDenied:
                if not self.has_permission(request):
                    raise
                return self.error_response(request, status=403)
            except (BadRequest, SuspiciousOperation):
                if not self.has_permission(request):
                    raise
                return self.error_response(request, status=400)

        for attribute in ("csrf_exempt", "admin_site", "login_url"):
            if hasattr(inner, attribute):
                setattr(guarded, attribute, getattr(inner, attribute))
        guarded.__wrapped__ = inner
        return guarded

    def error_response(self, request, *, status: int, message: str = ""):
        titles = {
            400: _("Requête incorrecte"),
            403: _("Accès refusé"),
            404: _("Page introuvable"),
        }
        texts = {
            400: _("Cette adresse contient des paramètres que l'administration ne sait pas lire."),
            403: _("Votre rôle ne donne pas accès à cette page."),
            404: _(
                "Cette page n'existe pas, ou l'objet demandé n'existe plus ou ne relève pas "
                "de vos académies."
            ),
        }
        context = {
            **self.each_context(request),
            "title": titles[status],
            "message": message or texts[status],
            "status": status,
        }
        return TemplateResponse(request, "admin/error.html", context, status=status)

    def catch_all_view(self, request, url):
        try:
            return super().catch_all_view(request, url)
        except Http404:
            if not self.has_permission(request):
                raise
            return self.error_response(request, status=404)

    def get_urls(self):
        from .queue import moderation_queue_view
        from .statistics import statistics_view

        return [
            path(
                "statistiques/",
                self.admin_view(lambda request: statistics_view(request, admin_site=self)),
                name="statistics",
            ),
            path(
                "moderation/",
                self.admin_view(lambda request: moderation_queue_view(request, admin_site=self)),
                name="moderation_queue",
            ),
            path(
                "r/<path:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            *super().get_urls(),
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's redirect to the object's public page, for objects the user may see."""
        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ValueError, ObjectDoesNotExist):
            raise Http404 from None
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.has_view_permission(request):
            raise Http404
        try:
            visible = model_admin.get_queryset(request).filter(pk=object_id).exists()
        except (ValueError, ValidationError, FieldError):
            visible = False
        if not visible:
            raise Http404
        return shortcut(request, content_type_id, object_id)

    def get_app_list(self, request, app_label=None):
        """Django's list, with French names for the libraries' models (their sections are
        renamed by `install`) and alphabetical order that ignores accents (« Éditions »
        between « Créneaux » and « Historique »)."""
        from semaine.text import fold

        apps = super().get_app_list(request, app_label)
        for app in apps:
            for model in app["models"]:
                label = f"{app['app_label']}.{model['object_name']}".lower()
                model["name"] = str(LIBRARY_MODEL_NAMES.get(label, model["name"]))
            app["models"].sort(key=lambda model: fold(model["name"]))
        apps.sort(key=lambda app: fold(app["name"]))
        return apps

    def each_context(self, request):
        from academies.admin import ROLE_NONE, staff_role

        context = super().each_context(request)
        context["shows_moderation_queue"] = staff_role(request) != ROLE_NONE
        return context


def install(site: admin.AdminSite) -> None:
    """Make the default admin site this one (its registry and name unchanged), and give the
    libraries' sections their French names on every page (index, breadcrumbs, titles)."""
    from django.apps import apps

    if not isinstance(site, SemaineAdminSite):
        site.__class__ = SemaineAdminSite
    for label, name in LIBRARY_APP_NAMES.items():
        with contextlib.suppress(LookupError):  # not installed here
            apps.get_app_config(label).verbose_name = name
