"""The organizer space beyond the declaration: the hub, the dashboard, an event's page and
its registrations (CSV, print), renewal, attendance, the poster, the reminders, the rules
the space relies on (cancellation notice, geocoding)."""

import datetime
import html
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from academies.models import SchoolMembership
from events import geocoding
from events.models import ClassRegistration, Edition, Event
from events.rules.booking import cancellation_deadline
from events.services.attendance import session_attendance_report
from events.services.renewal import event_renew
from tests import factories

from .organizer_helpers import event_form_data

Status = Event.Status
UTC = datetime.UTC


@pytest.fixture
def edition(db):
    Edition.objects.update(is_current=False)
    return factories.EditionFactory(
        year=2030, is_current=True, labelling_deadline=datetime.date(2030, 11, 10)
    )


@pytest.fixture
def past_edition(db):
    return Edition.objects.get(year=2025)


def at(day, hour, *, year=2030, month=11):
    return datetime.datetime(year, month, day, hour, tzinfo=UTC)


def text_of(response) -> str:
    return html.unescape(response.content.decode())


# --- the hub -----------------------------------------------------------------------------------


def test_the_hub_routes_by_role(client, teacher, organizer):
    client.force_login(teacher)
    assert client.get("/espace/").url == "/espace/enseignant/"
    client.force_login(organizer)
    assert client.get("/espace/").url == "/espace/organisateur/"
    factories.SchoolMembershipFactory(user=organizer)
    page = client.get("/espace/")
    assert page.status_code == 200
    assert [role["key"] for role in page.context["roles"]] == ["teacher", "organizer"]
    assert "Espace enseignant" in text_of(page) and "Espace organisateur" in text_of(page)


def test_someone_without_a_role_is_sent_to_attach(client, user):
    client.force_login(user)
    response = client.get("/espace/")
    assert response.url == "/espace/rattachement/"


def test_the_header_links_to_my_space(client, organizer):
    client.force_login(organizer)
    assert 'href="/espace/"' in client.get("/").content.decode()


# --- the dashboard -------------------------------------------------------------------------------


def test_the_dashboard_empty_state_says_what_to_do(client, edition, organizer):
    client.force_login(organizer)
    page = text_of(client.get("/espace/organisateur/"))
    assert "Vous n'avez encore déclaré aucun événement" in page
    assert 'href="/espace/evenements/nouveau/"' in page


def test_the_dashboard_gives_each_event_its_next_action_in_bounded_queries(
    client,
    edition,
    past_edition,
    organizer,
    teacher,
    register_class,
    commit,
    django_assert_max_num_queries,
):
    company = organizer.company
    draft = factories.EventFactory(edition=edition, company=company, title="Brouillon")
    factories.SessionFactory(event=draft, starts_at=at(18, 9), ends_at=at(18, 11))
    factories.EventFactory(
        edition=edition,
        company=company,
        title="À reprendre",
        status=Status.CHANGES_REQUESTED,
        moderation_message="Ajoutez le public visé.",
    )
    published = factories.PublishedEventFactory(
        edition=edition, company=company, title="Publié", registration_mode="approval"
    )
    session = factories.SessionFactory(event=published, starts_at=at(19, 9), ends_at=at(19, 11))
    for index in range(3):
        register_class(session, teacher, 10, f"3e {index}")
    past = factories.PublishedEventFactory(edition=past_edition, company=company, title="Passé")
    factories.SessionFactory(
        event=past, starts_at=at(18, 9, year=2025), ends_at=at(18, 11, year=2025)
    )
    for _other in range(5):  # more events of other companies: they never show
        factories.SessionFactory(event=factories.PublishedEventFactory(edition=edition))
    client.force_login(organizer)
    with django_assert_max_num_queries(10):
        response = client.get("/espace/organisateur/")
    actions = {event.title: event.next_action.label for event in response.context["events"]}
    assert actions == {
        "Brouillon": "Compléter et soumettre à la labellisation",
        "À reprendre": "Répondre au modérateur",
        "Publié": "Décider des classes en attente (3)",
        "Passé": "Présence à déclarer",
    }
    assert len(response.context["pending"]) == 3
    assert [year.year for year, _events in response.context["editions"]] == [2030, 2025]
    page = text_of(response)
    assert "3 classes attendent votre décision" in page
    assert "Reconduire" in page


# --- an event's page and its registrations -----------------------------------------------------


@pytest.fixture
def booked_event(edition, organizer, teacher, register_class):
    event = factories.PublishedEventFactory(
        edition=edition, company=organizer.company, title="Atelier soudure"
    )
    first = factories.SessionFactory(event=event, starts_at=at(18, 9), ends_at=at(18, 11))
    second = factories.SessionFactory(
        event=event, starts_at=at(19, 9), ends_at=at(19, 11), capacity=None
    )
    for session in (first, second):
        for index in range(4):
            register_class(session, teacher, 6, f"4e {index}", girls=3, needs="=1+2")
    return event


def test_the_event_page_shows_places_and_the_kit_in_bounded_queries(
    client, booked_event, organizer, django_assert_max_num_queries
):
    client.force_login(organizer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:organizer_event", args=[booked_event.pk]))
    page = text_of(response)
    assert "Kit de communication" in page and "Affiche A4 (PDF)" in page
    first, second = response.context["sessions"]
    assert (first.confirmed_students, first.places_left) == (24, 6)
    assert second.places_left is None


def test_the_registrations_page_lists_every_class_with_totals_in_bounded_queries(
    client, booked_event, organizer, django_assert_max_num_queries
):
    client.force_login(organizer)
    url = reverse("events:organizer_registrations", args=[booked_event.pk])
    with django_assert_max_num_queries(8):
        response = client.get(url)
    first, second = response.context["sessions"]
    assert (first.total_classes, first.total_students, first.total_girls) == (4, 24, 12)
    assert "4 classes actives · 24 élèves dont 12 filles" in text_of(response)


def test_declining_a_class_needs_a_message_the_teacher_receives(
    client,
    edition,
    organizer,
    teacher,
    register_class,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    event = factories.PublishedEventFactory(
        edition=edition, company=organizer.company, registration_mode="approval"
    )
    session = factories.SessionFactory(event=event, starts_at=at(18, 9), ends_at=at(18, 11))
    registration = register_class(session, teacher, 20, "3e D")
    client.force_login(organizer)
    url = reverse("events:organizer_registrations", args=[event.pk])
    response = client.post(
        url, {"registration": registration.pk, "decision": "decline"}, follow=True
    )
    assert "Indiquez un motif" in text_of(response)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {"registration": registration.pk, "decision": "decline", "reason": "Complet ce jour."},
        )
    registration.refresh_from_db()
    assert registration.status == ClassRegistration.Status.DECLINED
    assert any(teacher.email in m.to and "Complet ce jour." in m.body for m in mailoutbox)


def test_the_csv_export_neutralises_formulas(client, booked_event, organizer):
    client.force_login(organizer)
    response = client.get(reverse("events:organizer_registrations_csv", args=[booked_event.pk]))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffcréneau (début);")
    assert len(text.strip().splitlines()) == 9  # the header and 8 classes
    assert ";'=1+2;" in text and ";=1+2;" not in text


def test_the_print_view_lists_the_confirmed_classes(client, booked_event, organizer):
    client.force_login(organizer)
    response = client.get(reverse("events:organizer_registrations_print", args=[booked_event.pk]))
    page = text_of(response)
    assert "organizer-print.css" in page
    assert page.count("☐") == 8


def test_the_poster_is_a_pdf_with_the_title(client, booked_event, organizer):
    client.force_login(organizer)
    response = client.get(reverse("events:organizer_poster", args=[booked_event.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"Atelier soudure" in response.content


def test_no_poster_before_labelling(client, edition, organizer):
    draft = factories.EventFactory(edition=edition, company=organizer.company)
    client.force_login(organizer)
    assert client.get(reverse("events:organizer_poster", args=[draft.pk])).status_code == 404


# --- renewal and attendance ----------------------------------------------------------------------


def test_renew_copies_a_past_event_into_the_current_edition_as_a_draft(
    client, edition, past_edition, organizer
):
    past = factories.PublishedEventFactory(
        edition=past_edition, company=organizer.company, title="Portes ouvertes 2025"
    )
    factories.SessionFactory(
        event=past,
        starts_at=datetime.datetime(2025, 11, 18, 8, tzinfo=UTC),  # Tuesday 9:00 in Paris
        ends_at=datetime.datetime(2025, 11, 18, 10, tzinfo=UTC),
    )
    client.force_login(organizer)
    response = client.post(reverse("events:organizer_event_renew", args=[past.pk]))
    copy = Event.objects.get(renewed_from=past)
    assert response.url == reverse("events:organizer_event_update", args=[copy.pk])
    assert (copy.edition, copy.status, copy.title) == (edition, Status.DRAFT, past.title)
    assert list(copy.themes.all()) == list(past.themes.all())
    (session,) = copy.sessions.all()
    local = session.starts_at.astimezone(copy.academy.tzinfo)
    assert (local.weekday(), local.hour) == (1, 9)  # same weekday and time
    assert edition.accepts_date(local.date())
    # Twice is harmless: the same copy.
    assert event_renew(event=past, by=organizer) == copy
    assert Event.objects.filter(renewed_from=past).count() == 1


def test_attendance_is_due_after_the_event_then_recorded(client, past_edition, edition, organizer):
    past = factories.PublishedEventFactory(edition=past_edition, company=organizer.company)
    session = factories.SessionFactory(
        event=past, starts_at=at(18, 9, year=2025), ends_at=at(18, 11, year=2025)
    )
    client.force_login(organizer)
    url = reverse("events:organizer_attendance", args=[past.pk])
    prefix = f"s{session.pk}"
    refused = client.post(
        url, {f"{prefix}-participants": "10", f"{prefix}-girls": "8", f"{prefix}-boys": "5"}
    )
    assert "ne peuvent dépasser le nombre de participants" in text_of(refused)
    response = client.post(
        url, {f"{prefix}-participants": "52", f"{prefix}-girls": "25", f"{prefix}-boys": ""}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.participants, session.participants_girls, session.participants_boys) == (
        52,
        25,
        None,
    )
    assert session.attendance_reported_at is not None
    dashboard = client.get("/espace/organisateur/")
    (event,) = dashboard.context["events"]
    assert event.next_action.label == "Terminé"


def test_attendance_waits_for_the_session(edition, organizer):
    event = factories.PublishedEventFactory(edition=edition, company=organizer.company)
    session = factories.SessionFactory(event=event, starts_at=at(18, 9), ends_at=at(18, 11))
    with pytest.raises(Exception, match="pas encore eu lieu"):
        session_attendance_report(session=session, by=organizer, participants=10)


# --- the rules the space relies on ----------------------------------------------------------------


def test_the_cancellation_deadline_follows_the_events_notice(edition):
    event = factories.PublishedEventFactory(edition=edition, cancellation_notice_hours=72)
    session = factories.SessionFactory(event=event, starts_at=at(18, 9), ends_at=at(18, 11))
    assert cancellation_deadline(session=session) == at(15, 9)
    event.cancellation_notice_hours = 48
    assert cancellation_deadline(session=session) == at(16, 9)


class FakeGeocoder:
    def __init__(self):
        self.calls = []

    def geocode(self, *, address, postcode, city):
        self.calls.append((address, postcode, city))
        return geocoding.GeoPoint(45.2, 5.7, city_code="38185", precise=True)


def test_the_address_is_geocoded_unless_the_pin_was_moved(client, edition, organizer):
    fake = FakeGeocoder()
    client.force_login(organizer)
    data = event_form_data(edition, sessions=[("2030-11-20T09:00", "2030-11-20T12:00", 20)])
    with geocoding.geocoder_override(fake):
        client.post("/espace/evenements/nouveau/", data)
        event = Event.objects.get()
        assert (event.latitude, event.longitude, event.city_code) == (45.2, 5.7, "38185")
        assert fake.calls == [("12 rue des Usines", "38100", "Grenoble")]
        session = event.sessions.get()
        edit = event_form_data(
            edition,
            sessions=[(session.pk, session.starts_at, session.ends_at, 20)],
            version=event.version,
            latitude="45.19",
            longitude="5.73",
            address="1 place de la Gare",
        )
        client.post(reverse("events:organizer_event_update", args=[event.pk]), edit)
    event.refresh_from_db()
    assert (event.latitude, event.longitude) == (45.19, 5.73)
    assert len(fake.calls) == 1  # the organizer placed the pin: no geocoding


def test_the_default_geocoder_uses_our_own_places(db):
    factories.SchoolFactory(postcode="38500", city="Voiron", latitude=45.36, longitude=5.59)
    point = geocoding.KnownPlacesGeocoder().geocode(address="", postcode="38500", city="")
    assert (round(point.latitude, 2), round(point.longitude, 2)) == (45.36, 5.59)
    assert geocoding.department_for_postcode("20167").code == "2A"
    assert geocoding.department_for_postcode("97411").code == "974"
    assert geocoding.department_for_postcode("999") is None


def test_the_labelling_reminder_goes_once_to_draft_owners(
    edition, organizer, mailoutbox, django_capture_on_commit_callbacks
):
    draft = factories.EventFactory(edition=edition, company=organizer.company, created_by=organizer)
    factories.PublishedEventFactory(edition=edition, company=organizer.company)
    with time_machine.travel(datetime.datetime(2030, 11, 5, 8, tzinfo=UTC), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("remind_labelling", stdout=io.StringIO())
        with django_capture_on_commit_callbacks(execute=True):
            call_command("remind_labelling", stdout=io.StringIO())
    reminders = [m for m in mailoutbox if "date limite" in m.subject]
    assert len(reminders) == 1
    assert organizer.email in reminders[0].to
    assert f"/espace/evenements/{draft.pk}/" in reminders[0].body


def test_school_staff_see_the_organizer_space(client, edition):
    staff = factories.SchoolMembershipFactory(role=SchoolMembership.Role.STAFF).user
    client.force_login(staff)
    assert client.get("/espace/").url == "/espace/organisateur/"
    assert client.get("/espace/organisateur/").status_code == 200


# --- editing a labelled event ---------------------------------------------------------------------


def test_the_new_event_form_shows_the_checklist_to_fill(client, edition, organizer):
    client.force_login(organizer)
    page = client.get("/espace/evenements/nouveau/").content.decode()
    for code in ("free", "dated", "audience", "industry", "required"):
        assert f'data-criterion="{code}"' in page
    assert 'data-window-start="2030-11-01" data-window-end="2030-12-07"' in page
    assert "js/labelling-checklist.js" in page and "js/sessions-formset.js" in page


def test_a_new_place_is_told_to_every_class_booked(
    client,
    edition,
    organizer,
    teacher,
    register_class,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    event = factories.PublishedEventFactory(edition=edition, company=organizer.company)
    session = factories.SessionFactory(event=event, starts_at=at(18, 9), ends_at=at(18, 11))
    register_class(session, teacher, 20, "3e A")
    mailoutbox.clear()
    client.force_login(organizer)
    data = event_form_data(
        edition,
        sessions=[(session.pk, session.starts_at, session.ends_at, 30)],
        version=event.version,
        address="5 rue de l'Industrie",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:organizer_event_update", args=[event.pk]), data)
    assert response.status_code == 302
    (mail,) = mailoutbox
    assert mail.to == [teacher.email]
    assert "Nouveau lieu : 5 rue de l'Industrie, 38100 Grenoble." in mail.body
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED


def test_capacity_never_goes_below_the_confirmed_students(
    client, edition, organizer, teacher, register_class
):
    event = factories.PublishedEventFactory(edition=edition, company=organizer.company)
    session = factories.SessionFactory(event=event, starts_at=at(18, 9), ends_at=at(18, 11))
    register_class(session, teacher, 20, "3e A")
    client.force_login(organizer)
    data = event_form_data(
        edition,
        sessions=[(session.pk, session.starts_at, session.ends_at, 10)],
        version=event.version,
        title="Titre changé",
    )
    response = client.post(reverse("events:organizer_event_update", args=[event.pk]), data)
    assert response.status_code == 200
    assert "20 élèves sont déjà confirmés sur ce créneau" in text_of(response)
    event.refresh_from_db()
    session.refresh_from_db()
    assert (event.title, session.capacity) != ("Titre changé", 10)  # nothing written


def test_a_session_with_classes_cannot_be_removed(
    client, edition, organizer, teacher, register_class
):
    event = factories.PublishedEventFactory(edition=edition, company=organizer.company)
    session = factories.SessionFactory(event=event, starts_at=at(18, 9), ends_at=at(18, 11))
    other = factories.SessionFactory(event=event, starts_at=at(19, 9), ends_at=at(19, 11))
    register_class(session, teacher, 20, "3e A")
    client.force_login(organizer)
    data = event_form_data(
        edition,
        sessions=[
            (session.pk, session.starts_at, session.ends_at, 30),
            (other.pk, other.starts_at, other.ends_at, 30),
        ],
        version=event.version,
    )
    data["sessions-0-DELETE"] = "on"
    response = client.post(reverse("events:organizer_event_update", args=[event.pk]), data)
    assert "Ce créneau a des inscriptions de classes" in text_of(response)
    assert event.sessions.count() == 2
    del data["sessions-0-DELETE"]
    data["sessions-1-DELETE"] = "on"
    data["version"] = str(event.version)
    assert (
        client.post(reverse("events:organizer_event_update", args=[event.pk]), data).status_code
        == 302
    )
    assert list(event.sessions.all()) == [session]
