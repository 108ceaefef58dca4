"""The site's URLs plus views that fail on purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.urls import path

from semaine.urls import handler429, handler500  # noqa: F401
from semaine.urls import urlpatterns as site_urlpatterns


def database_down(request):
    raise OperationalError("could not connect to server: Connection refused")


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("forged input")


urlpatterns = [
    path("test/panne-base/", database_down),
    path("test/interdit/", forbidden),
    path("test/suspect/", suspicious),
    *site_urlpatterns,
]
