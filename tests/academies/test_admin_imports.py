"""The Annuaire and Sirene imports in the admin: upload, dry run and its report, confirmation."""

from html import unescape
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from academies.models import Company, School

DATA = Path(__file__).resolve().parent.parent / "data"
FORM_URL = reverse("admin:academies_directory_import")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def upload(name, content=None):
    data = (DATA / name).read_bytes() if content is None else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def text(response):
    return unescape(response.content.decode())


def post_form(client, **data):
    return client.post(FORM_URL, data, follow=True)


def confirm(client, response):
    token = response.redirect_chain[-1][0].rstrip("/").rsplit("/", 1)[-1]
    return client.post(
        reverse("admin:academies_directory_import_confirm", kwargs={"token": token}), follow=True
    )


def test_annuaire_dry_run_then_confirm(client, national_staff, media_root):
    client.force_login(national_staff)
    response = post_form(client, kind="annuaire", file=upload("annuaire_education_sample.csv"))
    page = text(response)
    assert response.status_code == 200
    assert "Simulation : rien n'a été enregistré" in page
    assert "Confirmer l'import" in page
    assert '<th scope="row">Lignes lues</th><td>15</td>' in page
    assert '<th scope="row">Créés</th><td>14</td>' in page
    assert '<th scope="row">Rejetés</th><td>1</td>' in page
    assert "<td>7</td><td>UAI « 0040533Z » invalide (lettre de contrôle)</td>" in page
    assert School.objects.count() == 0
    assert list(media_root.joinpath("imports").iterdir())  # kept for the confirmation

    response = confirm(client, response)
    page = text(response)
    assert "Import terminé" in page
    assert "Confirmer l'import" not in page
    assert School.objects.count() == 14
    assert '<th scope="row">Créés</th><td>14</td>' in page
    assert not list(media_root.joinpath("imports").iterdir())  # cleaned once imported


def test_sirene_with_legal_units_and_industry(client, national_staff):
    client.force_login(national_staff)
    response = post_form(
        client,
        kind="sirene",
        file=upload("sirene_etablissements_sample.csv"),
        legal_units=upload("sirene_unites_legales_sample.csv"),
        industry_only="on",
    )
    page = text(response)
    assert "Écartés (hors industrie, NAF 05 à 39)" in page
    assert "Unités légales trouvées" in page
    assert Company.objects.count() == 0
    page = text(confirm(client, response))
    assert "Import terminé" in page
    assert Company.objects.exists()
    assert not Company.objects.exclude(naf_code__regex=r"^(0[5-9]|[12]\d|3[0-9])").exists()


def test_confirm_twice_imports_once(client, national_staff):
    client.force_login(national_staff)
    response = post_form(client, kind="annuaire", file=upload("annuaire_education_sample.csv"))
    confirm(client, response)
    count = School.objects.count()
    page = text(confirm(client, response))
    assert School.objects.count() == count
    assert "Import terminé" in page


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Le fichier soumis est vide."),
        (b"\xff\xfe\x00garbage\x00\xff", "Ligne 1 illisible en UTF-8"),
        (b"nom;ville\nA;B\n", "Colonnes obligatoires absentes du fichier"),
    ],
    ids=["empty", "binary", "wrong-columns"],
)
def test_malformed_file_french_error(client, national_staff, media_root, content, message):
    client.force_login(national_staff)
    response = post_form(client, kind="annuaire", file=upload("bad.csv", content))
    assert response.status_code == 200
    page = text(response)
    assert "errornote" in page
    assert message in page
    assert School.objects.count() == 0
    if content:  # Django's form refuses an empty upload before the importer
        assert not list(media_root.joinpath("imports").iterdir())


def test_options_of_the_other_kind_refused(client, national_staff):
    client.force_login(national_staff)
    response = post_form(
        client, kind="sirene", file=upload("sirene_etablissements_sample.csv"), complete="on"
    )
    assert "ne vaut que pour l'Annuaire" in text(response)
    assert Company.objects.count() == 0


def test_permission_matrix(client, academy_staff, national_staff):
    assert client.get(FORM_URL).status_code == 302  # to the login page
    client.force_login(academy_staff)
    assert client.get(FORM_URL).status_code == 403
    response = client.post(
        FORM_URL, {"kind": "annuaire", "file": upload("annuaire_education_sample.csv")}
    )
    assert response.status_code == 403
    assert School.objects.count() == 0
    assert "admin:academies_directory_import" not in text(client.get(reverse("admin:index")))
    assert FORM_URL not in text(client.get(reverse("admin:index")))

    client.force_login(national_staff)
    assert FORM_URL in text(client.get(reverse("admin:index")))
    assert client.get(FORM_URL).status_code == 200


def test_report_of_another_session_is_404(client, national_staff, superuser):
    client.force_login(national_staff)
    response = post_form(client, kind="annuaire", file=upload("annuaire_education_sample.csv"))
    report_url = response.redirect_chain[-1][0]
    client.force_login(superuser)  # a new session
    assert client.get(report_url).status_code == 404
    assert confirm(client, response).status_code == 404
    assert School.objects.count() == 0


def test_confirm_is_post_only(client, national_staff):
    client.force_login(national_staff)
    response = post_form(client, kind="annuaire", file=upload("annuaire_education_sample.csv"))
    token = response.redirect_chain[-1][0].rstrip("/").rsplit("/", 1)[-1]
    url = reverse("admin:academies_directory_import_confirm", kwargs={"token": token})
    assert client.get(url).status_code == 405
    assert School.objects.count() == 0


def test_pages_query_counts(client, national_staff, django_assert_max_num_queries):
    client.force_login(national_staff)
    with django_assert_max_num_queries(6):
        client.get(FORM_URL)
    response = post_form(client, kind="annuaire", file=upload("annuaire_education_sample.csv"))
    with django_assert_max_num_queries(6):
        client.get(response.redirect_chain[-1][0])


# --- exports of sessions and registrations (events.resources) --------------------------------


def test_session_and_registration_exports(db, django_assert_max_num_queries):
    from events.models import ClassRegistration, Session
    from events.resources import ClassRegistrationResource, SessionResource
    from tests.factories import ClassRegistrationFactory, SessionFactory

    session = SessionFactory(note='=HYPERLINK("http://x")')
    for _index in range(3):
        ClassRegistrationFactory(session=session, class_name="@SUM(A1)")
    ClassRegistrationFactory()

    with django_assert_max_num_queries(3):
        sessions = SessionResource().export(SessionResource().filter_export(Session.objects.all()))
    assert sessions.headers[:3] == ["Identifiant", "Identifiant de l'événement", "Événement"]
    row = next(r for r in sessions.dict if str(r["Identifiant"]) == str(session.pk))
    assert str(row["Élèves inscrits"]) == "72"
    assert row["Précision"] == '\'=HYPERLINK("http://x")'  # never run as a formula
    assert row["Début (heure locale)"].endswith("10:00")

    queryset = ClassRegistration.objects.all()
    with django_assert_max_num_queries(3):
        registrations = ClassRegistrationResource().export(
            ClassRegistrationResource().filter_export(queryset)
        )
    assert len(registrations.dict) == 4
    assert "Courriel de l'enseignant" in registrations.headers
    rows = [r for r in registrations.dict if r["Classe"] == "'@SUM(A1)"]
    assert len(rows) == 3
    assert rows[0]["Statut"] == ClassRegistration.Status.CONFIRMED.label
    assert rows[0]["Niveau"] == ClassRegistration.Level.TROISIEME.label


def test_large_file_dry_run_goes_to_a_task(client, national_staff, monkeypatch):
    from academies import admin_imports, tasks

    enqueued = []
    monkeypatch.setattr(admin_imports, "INLINE_MAX_BYTES", 10)
    monkeypatch.setattr(
        tasks, "directory_import_run", SimpleNamespace(enqueue=lambda **kw: enqueued.append(kw))
    )
    client.force_login(national_staff)
    response = post_form(client, kind="annuaire", file=upload("annuaire_education_sample.csv"))
    assert [kwargs["dry_run"] for kwargs in enqueued] == [True]
    page = text(response)
    assert "Simulation en cours" in page
    assert '<meta http-equiv="refresh" content="5">' in page
    assert "Confirmer l'import" not in page

    admin_imports.import_execute(**enqueued[0])  # the worker
    page = text(client.get(response.redirect_chain[-1][0]))
    assert '<th scope="row">Créés</th><td>14</td>' in page
    response = confirm(client, response)
    assert [kwargs["dry_run"] for kwargs in enqueued] == [True, False]
    assert "Import en cours" in text(response)
    assert School.objects.count() == 0
    admin_imports.import_execute(**enqueued[1])
    assert "Import terminé" in text(client.get(response.redirect_chain[-1][0]))
    assert School.objects.count() == 14
