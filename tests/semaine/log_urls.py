"""A view that logs and one that fails, for the logging tests."""

import logging

from django.http import HttpResponse
from django.urls import path

from semaine.urls import handler500  # noqa: F401
from semaine.urls import urlpatterns as site_urlpatterns


def logs_a_line(request):
    logging.getLogger("semaine.test").warning("something worth knowing")
    return HttpResponse("ok")


def fails(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("test/journal/", logs_a_line),
    path("test/erreur/", fails),
    *site_urlpatterns,
]
