from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from django.views.i18n import set_language

from . import views
from .users import views as users_views

admin.site.site_header = _("Semaine de l'industrie — administration")
admin.site.site_title = _("Semaine de l'industrie")
admin.site.index_title = _("Pilotage")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("", views.HomeView.as_view(), name="home"),
    # The footer's legal pages.
    path(
        "mentions-legales/",
        views.LegalPageView.as_view(template_name="legal/legal_notice.html"),
        name="legal_notice",
    ),
    path(
        "donnees-personnelles/",
        views.LegalPageView.as_view(template_name="legal/privacy.html"),
        name="privacy",
    ),
    path(
        "accessibilite/",
        views.LegalPageView.as_view(template_name="legal/accessibility.html"),
        name="accessibility",
    ),
    # Public pages are cached for everyone, CSRF token included: the language switch is
    # exempt (the worst a forged request can do is change someone's display language).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("comptes/", include("semaine.users.urls")),  # « Mes données », deleting an account
    path("comptes/", include("allauth.urls")),  # sign-in, sign-up, e-mails, password, 2FA
    # Staff sign in through allauth too: its rate limits and two-factor step apply.
    path("admin/login/", users_views.admin_login, name="admin_login"),
    path(
        "admin/password_change/",
        RedirectView.as_view(pattern_name="account_change_password"),
        name="admin_password_change",
    ),
    path("admin/", admin.site.urls),
    path("", include("academies.urls")),
    path("", include("events.urls")),
]

# DSFR error pages (templates/400.html, 403.html, 404.html; 500.html needs no database);
# allauth answers its own rate limits with handler429.
handler500 = "semaine.views.server_error"
handler429 = "semaine.abuse.too_many_requests"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
