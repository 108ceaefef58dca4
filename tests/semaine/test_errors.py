"""Error pages in DSFR, in French, with DEBUG off (as in production); the 500 page without the
database."""

import re

import pytest
from django.db.backends.utils import CursorWrapper

from semaine.views import server_error
from tests import factories

pytestmark = pytest.mark.urls("tests.semaine.error_urls")


def assert_dsfr_error_page(response, *, status: int, title: str):
    assert response.status_code == status
    html = response.content.decode()
    assert 'class="fr-header"' in html and 'class="fr-footer"' in html
    assert f"<h1>{title}</h1>" in html
    assert f"Erreur {status}" in html
    assert "/static/dsfr/dist/artwork/pictograms/system/" in html
    assert "Content-Security-Policy" in response.headers
    return html


@pytest.mark.django_db
def test_an_unknown_page_is_a_dsfr_404(client, settings):
    assert settings.DEBUG is False
    response = client.get("/cette-page-n-existe-pas/")
    html = assert_dsfr_error_page(response, status=404, title="Page non trouvée")
    assert "La page que vous cherchez est introuvable" in html
    assert 'href="/evenements/">Trouver un événement</a>' in html
    assert "Not Found" not in html


@pytest.mark.django_db
def test_an_unknown_event_is_a_dsfr_404(client):
    response = client.get("/evenements/999999-inconnu/")
    assert_dsfr_error_page(response, status=404, title="Page non trouvée")


@pytest.mark.django_db
def test_a_server_error_is_a_dsfr_500_that_needs_no_database(client, monkeypatch):
    client.raise_request_exception = False

    def no_database(*args, **kwargs):
        raise AssertionError("the 500 page ran a query")

    monkeypatch.setattr(CursorWrapper, "execute", no_database)
    monkeypatch.setattr(CursorWrapper, "executemany", no_database)
    response = client.get("/test/panne-base/")
    html = assert_dsfr_error_page(response, status=500, title="Erreur inattendue")
    assert "Essayez de rafraîchir la page" in html
    # The reference the person can quote is the request id of the logs.
    assert response["X-Request-ID"] in html
    assert '<html lang="fr"' in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_the_500_page_still_answers_when_its_template_cannot_render(rf, monkeypatch):
    def broken(name):
        raise ValueError("Missing staticfiles manifest entry for 'css/semaine.css'")

    monkeypatch.setattr("semaine.views.loader.get_template", broken)
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Erreur inattendue" in response.content.decode()


@pytest.mark.django_db
def test_a_refused_action_is_a_dsfr_403(client):
    response = client.get("/test/interdit/")
    html = assert_dsfr_error_page(response, status=403, title="Accès refusé")
    assert "Se connecter" in html  # anonymous: the way in


@pytest.mark.django_db
def test_a_signed_in_person_refused_is_told_to_check_their_attachment(client):
    client.force_login(factories.UserFactory())
    html = client.get("/test/interdit/").content.decode()
    assert "rattaché à votre établissement ou à votre entreprise" in html


@pytest.mark.django_db
def test_a_malformed_request_is_a_dsfr_400(client):
    response = client.get("/test/suspect/")
    assert_dsfr_error_page(response, status=400, title="Requête incorrecte")


@pytest.mark.django_db
def test_an_expired_form_is_explained_in_french(client):
    client.handler.enforce_csrf_checks = True
    response = client.post("/comptes/login/", {"login": "a@b.fr", "password": "x"})
    html = assert_dsfr_error_page(response, status=403, title="Formulaire expiré")
    assert "rechargez-la" in html
    assert "CSRF verification failed" not in html


@pytest.mark.django_db
def test_allauth_limits_answer_with_the_dsfr_429_page(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "1/m/ip"}
    data = {"email": "a@exemple.fr", "password1": "x", "password2": "y"}
    client.post("/comptes/signup/", data)
    response = client.post("/comptes/signup/", data)
    html = assert_dsfr_error_page(response, status=429, title="Trop de demandes")
    assert "Patientez un peu" in html


@pytest.mark.django_db
def test_error_pages_have_no_inline_style(client):
    client.raise_request_exception = False
    for url in ("/inconnue/", "/test/interdit/", "/test/suspect/", "/test/panne-base/"):
        html = client.get(url).content.decode()
        assert not re.search(r"\sstyle=|<style\b", html), url
