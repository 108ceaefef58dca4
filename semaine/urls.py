from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("Semaine de l'industrie — administration")
admin.site.site_title = _("Semaine de l'industrie")
admin.site.index_title = _("Pilotage")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("", views.HomeView.as_view(), name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("comptes/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("events.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
