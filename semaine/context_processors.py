"""Site-wide template context, without any database query (the health check stays query-free)."""

from django.conf import settings

from .legal import ACCESSIBILITY


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        # The map scripts read the tile server from <meta> tags (templates/base.html).
        "MAP_TILES_URL": settings.MAP_TILES_URL,
        "MAP_TILES_ATTRIBUTION": settings.MAP_TILES_ATTRIBUTION,
        # The footer's « Accessibilité : … » (semaine/legal.py).
        "ACCESSIBILITY_COMPLIANCE": ACCESSIBILITY.compliance.label,
    }
