"""Site-wide pages: the DSFR layout, the health check and django-allauth's pages."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from tests import factories


@pytest.mark.django_db
def test_healthz_answers_ok_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_home_page_has_the_dsfr_header_footer_and_skip_links(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<header role="banner" class="fr-header">' in html
    assert '<p class="fr-logo">République<br>Française</p>' in html
    assert '<p class="fr-header__service-title">Semaine de l&#x27;industrie</p>' in html
    assert 'class="fr-skiplinks"' in html
    for target in ("#content", "#header-navigation", "#footer"):
        assert f'href="{target}"' in html
    assert 'id="content"' in html and 'id="header-navigation"' in html and 'id="footer"' in html
    assert '<footer class="fr-footer" role="contentinfo" id="footer">' in html
    assert 'aria-controls="fr-theme-modal"' in html and 'id="fr-theme-modal"' in html
    assert "Paramètres d’affichage" in html


@pytest.mark.django_db
def test_home_page_marks_itself_current_in_the_main_navigation(client):
    html = client.get("/").content.decode()
    assert re.search(r'<a class="fr-nav__link" href="/" aria-current="page">Accueil</a>', html)


@pytest.mark.django_db
def test_dsfr_assets_are_served_from_our_own_static_files(client):
    response = client.get("/")
    html = response.content.decode()
    assert '/static/dsfr/dist/dsfr/dsfr.min.css"' in html
    assert "/static/css/semaine.css" in html
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts
    # No inline script: the CSP's script-src 'self' lets DSFR's own files run.
    assert all(re.search(r'src="/static/', script) for script in scripts)
    assert "https://" not in "".join(re.findall(r"<(?:link|script)\b[^>]*>", html))


@pytest.mark.django_db
def test_anonymous_visitors_are_offered_to_sign_in_or_create_an_account(client):
    html = client.get("/").content.decode()
    assert f'href="{reverse("account_login")}">Se connecter</a>' in html
    assert f'href="{reverse("account_signup")}">Créer un compte</a>' in html
    assert "Se déconnecter" not in html


@pytest.mark.django_db
def test_signed_in_users_can_sign_out(client):
    client.force_login(factories.UserFactory())
    html = client.get("/").content.decode()
    assert f'href="{reverse("account_logout")}">Se déconnecter</a>' in html
    assert "Se connecter" not in html


@pytest.mark.django_db
def test_event_list_renders_inside_the_layout(client):
    response = client.get(reverse("events:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="fr-header"' in html
    assert re.search(r'aria-current="page">Trouver un événement</a>', html)


def test_breadcrumb_partial_links_ancestors_and_marks_the_current_page():
    html = render_to_string(
        "partials/breadcrumb.html",
        {"links": [("Trouver un événement", "/evenements/")], "current": "Portes ouvertes"},
    )
    assert 'class="fr-breadcrumb"' in html
    assert '<a class="fr-breadcrumb__link" href="/">Accueil</a>' in html
    assert '<a class="fr-breadcrumb__link" href="/evenements/">Trouver un événement</a>' in html
    assert '<a class="fr-breadcrumb__link" aria-current="page">Portes ouvertes</a>' in html


def test_breadcrumb_partial_last_link_is_the_current_page():
    html = render_to_string("partials/breadcrumb.html", {"links": [("A", "/a/"), ("B", "/b/")]})
    assert 'href="/a/">A</a>' in html
    assert '<a class="fr-breadcrumb__link" aria-current="page">B</a>' in html
    assert 'href="/b/"' not in html


@pytest.mark.django_db
def test_login_page_is_in_french_with_dsfr_inputs(client):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>" in html and "Semaine de l&#x27;industrie</title>" in html
    assert 'class="fr-header"' in html
    assert '<label class="fr-label" for="id_login">Courriel</label>' in html
    assert re.search(r'<input type="email" name="login"[^>]*class="[^"]*fr-input', html)
    assert 'class="fr-password"' in html
    assert "Mot de passe oublié ?" in html
    assert re.search(r'<button type="submit" class="fr-btn">\s*Connexion\s*</button>', html)


@pytest.mark.django_db
def test_wrong_password_shows_a_french_error_alert(client):
    user = factories.UserFactory()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "pas-le-bon"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    alert = re.search(r'<div class="fr-alert fr-alert--error[^"]*"[^>]*>(.*?)</div>', html, re.S)
    assert alert and "mot de passe" in alert.group(1)


@pytest.mark.django_db
def test_signup_page_renders_dsfr_inputs(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<input type="email" name="email"[^>]*class="[^"]*fr-input', html)
    assert html.count('class="fr-password"') == 2
    assert "Sauf mention contraire, tous les champs sont obligatoires." in html


@pytest.mark.django_db
def test_signing_up_with_a_bad_email_shows_a_french_error(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "pas-une-adresse", "password1": "Ouvrir-les-portes-2025", "password2": "x"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "fr-input-group--error" in html
    error = re.search(r'<div id="id_email_error"[^>]*>(.*?)</div>', html, re.S)
    assert error and "Saisissez une adresse de courriel valide." in error.group(1)
    assert re.search(r'aria-describedby="[^"]*id_email_error', html)


@pytest.mark.django_db
def test_password_reset_and_logout_pages_use_the_layout(client):
    html = client.get(reverse("account_reset_password")).content.decode()
    assert 'class="fr-header"' in html and "fr-input" in html
    client.force_login(factories.UserFactory())
    html = client.get(reverse("account_logout")).content.decode()
    assert 'class="fr-sidemenu"' in html
    assert re.search(r'<button type="submit" class="fr-btn">\s*Se déconnecter\s*</button>', html)


def test_allauth_elements_render_without_a_request():
    # The elements are plain templates: a quick guard against template syntax errors.
    request = RequestFactory().get("/")
    assert render_to_string("account/password_reset_help_text.html", request=request)
