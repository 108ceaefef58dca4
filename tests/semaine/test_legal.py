"""The footer's legal pages: mentions légales, données personnelles, accessibilité."""

import re
from html import unescape

import pytest
from django.urls import reverse

PAGES = {
    "legal_notice": ("/mentions-legales/", "Mentions légales"),
    "privacy": ("/donnees-personnelles/", "Données personnelles"),
    "accessibility": ("/accessibilite/", "Déclaration d'accessibilité"),
}


def text_of(response) -> str:
    """The page's text, tags removed, spaces collapsed."""
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", response.content.decode())))


@pytest.mark.django_db
def test_the_footer_links_to_the_three_pages(client):
    footer = client.get("/").content.decode().split('<footer class="fr-footer"', 1)[1]
    assert 'href="/accessibilite/">Accessibilité : non conforme</a>' in footer
    assert 'href="/mentions-legales/">Mentions légales</a>' in footer
    assert 'href="/donnees-personnelles/">Données personnelles</a>' in footer


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_each_page_is_a_dsfr_page_without_any_query(client, name, django_assert_num_queries):
    path, title = PAGES[name]
    assert reverse(name) == path
    with django_assert_num_queries(0):
        response = client.get(path)
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert f"<h1>{title}</h1>" in html
    assert 'class="fr-breadcrumb"' in html and 'class="fr-footer"' in html
    assert " style=" not in html


@pytest.mark.django_db
def test_the_legal_notice_names_publisher_host_and_contact(client, settings):
    settings.CONTACT_EMAIL = "contact@semaine.example.fr"
    settings.LEGAL_HOSTING_PROVIDER = "Hébergeur Exemple SAS, 1 rue du Serveur, 75001 Paris"
    response = client.get("/mentions-legales/")
    assert 'href="mailto:contact@semaine.example.fr"' in response.content.decode()
    text = text_of(response)
    assert "Direction générale des Entreprises (DGE)" in text
    assert (
        "Directeur ou directrice de la publication : le directeur général des Entreprises" in text
    )
    assert "Hébergeur Exemple SAS, 1 rue du Serveur, 75001 Paris" in text
    assert "licence Etalab 2.0" in text


@pytest.mark.django_db
def test_the_privacy_page_says_what_why_how_long_who_and_the_rights(client, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 180
    settings.CONTACT_EMAIL = "dpd@semaine.example.fr"
    text = text_of(client.get("/donnees-personnelles/"))
    for collected in (
        "Compte : adresse électronique",
        "dont nombre de filles",
        "Besoins particuliers de la classe (texte libre)",
        "Contact d'un événement : nom, adresse électronique, téléphone",
        "Historique de modération",
        "Journaux techniques : adresse IP",
    ):
        assert collected in text
    assert "Effacés automatiquement 180 jours après la fin de la période de l'édition." in text
    assert "Aucun nom d'élève n'est demandé" in text
    assert "Qui voit ces données" in text
    assert "articles 15 à 21 du règlement général sur la protection des données" in text
    assert "Pour exercer ces droits, écrivez à" in text and "dpd@semaine.example.fr" in text
    assert "cnil.fr/fr/plaintes" in text
    assert "sessionid" in text and "csrftoken" in text


@pytest.mark.django_db
def test_the_accessibility_page_is_the_rgaa_declaration(client):
    text = text_of(client.get("/accessibilite/"))
    assert "est non conforme avec le référentiel général d'amélioration de l'accessibilité" in text
    assert "RGAA), version 4.1.2" in text
    assert "Il n'a pas encore fait l'objet d'un audit de conformité." in text
    assert "article 47 de la loi n° 2005-102 du 11 février 2005" in text
    assert "Contenus non accessibles" in text and "Les cartes des événements" in text
    assert "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07" in text
    assert "Établie le 1er décembre 2026." in text


@pytest.mark.django_db
def test_the_pages_read_without_a_contact_address_yet(client, settings):
    settings.CONTACT_EMAIL = ""
    text = text_of(client.get("/accessibilite/"))
    assert "l'adresse de contact du service (non encore renseignée)" in text
