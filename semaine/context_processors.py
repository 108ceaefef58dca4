"""Site-wide template context, without any database query (the health check stays query-free)."""

from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.SITE_NAME}
