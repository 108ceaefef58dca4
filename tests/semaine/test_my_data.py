"""« Mes données »: what we hold about me, its JSON export, and deleting my account without
losing the statistics."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.db.models import Count, Sum
from django.urls import reverse

from academies.models import SchoolMembership
from events.models import ClassRegistration, Event
from semaine.users.models import User
from semaine.users.services import user_delete, user_email_verify
from tests import factories

PASSWORD = "mot-de-passe-solide-42"
pytestmark = pytest.mark.django_db


def edition_statistics(*, edition):
    """What the statistics count of an edition's classes, per status."""
    return list(
        ClassRegistration.objects.filter(session__event__edition=edition)
        .order_by("status")
        .values("status")
        .annotate(
            registrations=Count("id"),
            students=Sum("students"),
            girls=Sum("girls"),
            adults=Sum("accompanying_adults"),
            schools=Count("school", distinct=True),
        )
    )


@pytest.fixture
def teacher_with_data(teacher):
    """A teacher with two classes registered (girls counted, needs typed), an event they
    declared as its contact, and a moderation decision of theirs."""
    user_email_verify(user=teacher)
    edition = factories.EditionFactory()
    event = factories.PublishedEventFactory(
        edition=edition,
        title="Forum des métiers du collège",
        created_by=teacher,
        contact_name="Julie Martin",
        contact_email=teacher.email.upper(),
        contact_phone="04 76 00 00 00",
    )
    session = factories.SessionFactory(event=event, capacity=60)
    for name, girls in (("3e A", 12), ("3e B", 9)):
        factories.ClassRegistrationFactory(
            session=session,
            teacher=teacher,
            school=teacher.school,
            class_name=name,
            students=24,
            girls=girls,
            needs="Un élève en fauteuil roulant",
            status=ClassRegistration.Status.CONFIRMED,
        )
    factories.EventStatusChangeFactory(event=event, by=teacher, to_status="submitted")
    teacher.edition = edition
    teacher.event = event
    return teacher


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for name in ("users:my_data", "users:my_data_export", "users:delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url.startswith("/comptes/login/")


def test_my_data_lists_what_we_hold(client, teacher_with_data, django_assert_max_num_queries):
    client.force_login(teacher_with_data)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("users:my_data"))
    assert response.status_code == 200
    html = response.content.decode()
    assert teacher_with_data.email in html and teacher_with_data.last_name in html
    assert teacher_with_data.school.name in html
    assert "Forum des métiers du collège" in html
    assert "Un élève en fauteuil roulant" in html
    assert "04 76 00 00 00" in html
    assert "Mes décisions de modération" in html
    assert reverse("users:my_data_export") in html and reverse("users:delete") in html


def test_my_data_costs_the_same_whatever_the_number_of_rows(
    client, teacher_with_data, django_assert_max_num_queries
):
    session = teacher_with_data.event.sessions.get()
    for n in range(10):
        factories.ClassRegistrationFactory(
            session=session,
            teacher=teacher_with_data,
            school=teacher_with_data.school,
            class_name=f"4e {n}",
            students=20,
        )
    client.force_login(teacher_with_data)
    with django_assert_max_num_queries(11):
        assert client.get(reverse("users:my_data")).status_code == 200


def test_the_json_export_downloads_the_same_data(client, teacher_with_data):
    client.force_login(teacher_with_data)
    response = client.get(reverse("users:my_data_export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="mes-donnees-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == teacher_with_data.email
    assert data["account"]["email_addresses"] == [
        {"email": teacher_with_data.email, "verified": True, "primary": True}
    ]
    assert data["roles"]["schools"][0]["uai"] == teacher_with_data.school.uai
    registrations = data["class_registrations"]
    assert sorted((r["class_name"], r["students"], r["girls"]) for r in registrations) == [
        ("3e A", 24, 12),
        ("3e B", 24, 9),
    ]
    assert registrations[0]["needs"] == "Un élève en fauteuil roulant"
    (event,) = data["events"]
    assert event["declared_by_me"] and event["contact_phone"] == "04 76 00 00 00"
    assert data["moderation_history"][0]["to_status"] == "submitted"


def test_someone_elses_data_never_shows(client, teacher_with_data):
    other = factories.UserFactory()
    client.force_login(other)
    data = json.loads(client.get(reverse("users:my_data_export")).content)
    assert data["class_registrations"] == [] and data["events"] == []
    assert data["moderation_history"] == []


def reauthenticate(client, password=PASSWORD):
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302


def test_deleting_asks_for_the_password_again_then_a_typed_word(client, teacher_with_data):
    client.force_login(teacher_with_data)
    response = client.get(reverse("users:delete"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    wrong = client.post(reverse("account_reauthenticate"), {"password": "pas-le-bon"})
    assert wrong.status_code == 200
    assert client.get(reverse("users:delete")).status_code == 302  # still asked
    reauthenticate(client)
    response = client.post(reverse("users:delete"), {"confirmation": "oui"})
    assert response.status_code == 200
    assert "Saisissez SUPPRIMER pour confirmer la suppression." in response.content.decode()
    teacher_with_data.refresh_from_db()
    assert teacher_with_data.is_active and teacher_with_data.last_name


def test_deleting_my_account_keeps_the_statistics_and_forgets_me(client, teacher_with_data):
    teacher = teacher_with_data
    other_registration = factories.ClassRegistrationFactory(
        session=teacher.event.sessions.get(), needs="Rampe d'accès", students=10, girls=5
    )
    other_event = factories.PublishedEventFactory(edition=teacher.edition)
    before = edition_statistics(edition=teacher.edition)
    email, school = teacher.email, teacher.school

    client.force_login(teacher)
    reauthenticate(client)
    page = client.get(reverse("users:delete")).content.decode()
    assert "Vos 2 inscriptions de classes restent comptées" in page
    response = client.post(reverse("users:delete"), {"confirmation": " supprimer "}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Votre compte a été supprimé." in response.content.decode()
    assert "_auth_user_id" not in client.session

    # The statistics: the same students, girls and adults, the same registrations.
    assert edition_statistics(edition=teacher.edition) == before
    registrations = ClassRegistration.objects.filter(teacher_id=teacher.pk)
    assert registrations.count() == 2
    assert set(registrations.values_list("needs", flat=True)) == {""}
    assert sorted(registrations.values_list("girls", flat=True)) == [9, 12]
    # My contact details on the event are gone; nobody else's data changed.
    event = Event.objects.get(pk=teacher.event.pk)
    assert (event.contact_name, event.contact_email, event.contact_phone) == ("", "", "")
    assert event.created_by_id == teacher.pk
    other_registration.refresh_from_db()
    assert other_registration.needs == "Rampe d'accès"
    other_event.refresh_from_db()
    assert other_event.contact_email

    # The tombstone.
    tombstone = User.objects.get(pk=teacher.pk)
    assert tombstone.email == f"supprime-{teacher.pk}@compte.invalid"
    assert (tombstone.first_name, tombstone.last_name, tombstone.phone) == ("", "", "")
    assert not tombstone.is_active and not tombstone.has_usable_password()
    assert not EmailAddress.objects.filter(user=tombstone).exists()
    assert not SchoolMembership.objects.filter(user=tombstone).exists()
    assert not User.objects.filter(email=email).exists()
    assert school.registrations.count() == 2  # the school keeps its classes

    # Signing in again is impossible, with the old address or the tombstone's.
    for login in (email, tombstone.email):
        response = client.post(reverse("account_login"), {"login": login, "password": PASSWORD})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session


def test_deleting_signs_out_every_other_session(client, teacher_with_data):
    from django.test import Client

    elsewhere = Client()
    elsewhere.force_login(teacher_with_data)
    assert elsewhere.get(reverse("users:my_data")).status_code == 200
    user_delete(user=teacher_with_data)
    assert elsewhere.get(reverse("users:my_data")).status_code == 302


def test_the_address_is_free_for_a_new_account_after_deletion(client, teacher_with_data):
    email = teacher_with_data.email
    user_delete(user=teacher_with_data)
    response = client.post(
        reverse("account_signup"),
        {
            "first_name": "Nouvelle",
            "last_name": "Personne",
            "email": email,
            "password1": "Ouvrir-les-portes-2026",
            "password2": "Ouvrir-les-portes-2026",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email=email).pk != teacher_with_data.pk


def test_academy_staff_see_their_academie_named_with_elision(client, academy_staff):
    client.force_login(academy_staff)
    html = client.get(reverse("users:my_data")).content.decode()
    assert "Académie de Grenoble — services académiques" in html


def test_staff_lose_their_back_office_rights(academy_staff):
    tombstone = user_delete(user=academy_staff)
    assert not (tombstone.is_staff or tombstone.is_superuser or tombstone.is_national_staff)
    assert not tombstone.academy_roles.exists()
