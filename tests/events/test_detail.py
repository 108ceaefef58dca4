"""The public page of one event: what it shows, to whom, at what cost."""

import datetime
import re
import zoneinfo

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone
from django.utils.html import escape

from events.models import ClassRegistration, Event
from tests import factories

pytestmark = pytest.mark.django_db

REUNION = zoneinfo.ZoneInfo("Indian/Reunion")
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def in_days(days: int, hour: int = 10, tz=PARIS) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=tz)


def page(client, event):
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_detail_shows_the_public_information(client):
    company = factories.CompanyFactory(name="Forges de l'Isère")
    event = factories.PublishedEventFactory(
        title="Visite de la fonderie",
        summary="Du métal en fusion aux pièces finies.",
        company=company,
        is_free=True,
        is_accessible=True,
        accessibility_details="Ascenseur jusqu'à l'atelier.",
        address="3 avenue de la Fonte",
        postcode="38100",
        city="Grenoble",
    )
    factories.SessionFactory(event=event)

    html = page(client, event)

    assert "Visite de la fonderie" in html
    assert "Forges de l&#x27;Isère" in html
    assert "Entreprise" in html
    assert "Visite d&#x27;entreprise" in html  # action type
    assert escape(event.themes.first().name) in html
    assert f"/evenements/?edition=2025&amp;theme={event.themes.first().slug}" in html
    assert "Collégiens" in html
    assert "Sur place" in html
    assert "Gratuit" in html
    assert "Ascenseur jusqu&#x27;à l&#x27;atelier." in html
    assert "3 avenue de la Fonte" in html and "38100 Grenoble" in html
    assert 'id="event-map"' in html and 'data-lat="45.170000"' in html
    assert "js/event-detail-map.js" in html
    assert f"/evenements/{event.pk}-{event.slug}.ics" in html  # add to my calendar
    assert "fr-share" in html
    for host in ("facebook.com/sharer", "x.com/intent", "linkedin.com/shareArticle", "mailto:"):
        assert host in html
    assert 'class="fr-breadcrumb"' in html and 'href="/evenements/"' in html


def test_detail_never_shows_the_contact_details(client):
    event = factories.PublishedEventFactory(
        contact_name="Gisèle Secrète",
        contact_email="gisele.secrete@forges.example.fr",
        contact_phone="04 76 00 00 00",
    )
    factories.SessionFactory(event=event)

    html = page(client, event)

    assert "Secrète" not in html
    assert "gisele.secrete" not in html
    assert "04 76 00 00 00" not in html


def test_detail_names_a_school_or_another_organizer(client):
    school = factories.SchoolFactory(name="Lycée Vaucanson")
    by_school = factories.PublishedEventFactory(
        organizer_kind=Event.OrganizerKind.SCHOOL, company=None, school=school
    )
    by_other = factories.PublishedEventFactory(
        organizer_kind=Event.OrganizerKind.OTHER, company=None, organizer_name="UIMM Isère"
    )
    assert "Lycée Vaucanson" in page(client, by_school)
    assert "UIMM Isère" in page(client, by_other)


def test_detail_has_no_inline_script(client):
    event = factories.PublishedEventFactory()
    html = page(client, event)
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag


def test_overseas_sessions_are_shown_in_the_local_time_zone(client):
    event = factories.PublishedEventFactory(
        department=factories.reference_department("974"),
        city="Saint-Denis",
        postcode="97400",
        latitude=-20.88,
        longitude=55.45,
    )
    start = datetime.datetime(2025, 11, 18, 9, 0, tzinfo=REUNION)
    factories.SessionFactory(event=event, starts_at=start, ends_at=start.replace(hour=11))

    html = page(client, event)

    assert "09:00 – 11:00" in html
    assert "06:00" not in html  # not converted to Paris time
    assert "Indian/Reunion" in html and "UTC+4" in html
    assert "La Réunion" in html


def test_metropolitan_page_does_not_mention_a_time_zone(client):
    event = factories.PublishedEventFactory()
    start = datetime.datetime(2025, 11, 18, 9, 0, tzinfo=PARIS)
    factories.SessionFactory(event=event, starts_at=start, ends_at=start.replace(hour=11))

    html = page(client, event)

    assert "09:00 – 11:00" in html
    assert "Europe/Paris" not in html


def test_remaining_places_count_confirmed_students_only(client):
    event = factories.PublishedEventFactory()
    start = in_days(10)
    open_session = factories.SessionFactory(event=event, capacity=30, starts_at=start)
    full = factories.SessionFactory(
        event=event, capacity=20, starts_at=start + datetime.timedelta(days=1)
    )
    factories.SessionFactory(
        event=event, capacity=None, starts_at=start + datetime.timedelta(days=2)
    )
    factories.ClassRegistrationFactory(session=open_session, students=24)
    factories.ClassRegistrationFactory(
        session=open_session, students=5, girls=2, status=ClassRegistration.Status.PENDING
    )
    factories.ClassRegistrationFactory(
        session=open_session, students=5, girls=2, status=ClassRegistration.Status.CANCELLED
    )
    factories.ClassRegistrationFactory(session=full, students=20)

    html = page(client, event)

    assert "6 places restantes sur 30" in html
    assert "Complet" in html
    assert "Sans limite de places" in html


def test_a_teacher_gets_a_register_button_per_open_session(client, teacher):
    event = factories.PublishedEventFactory(accepts_class_registrations=True)
    upcoming = factories.SessionFactory(event=event, starts_at=in_days(10))
    past = factories.SessionFactory(event=event, starts_at=in_days(-10))
    client.force_login(teacher)

    html = page(client, event)

    assert f"/espace/inscriptions/nouvelle/?creneau={upcoming.pk}" in html
    assert f"creneau={past.pk}" not in html
    assert "Créneau passé" in html
    assert "Se connecter pour inscrire une classe" not in html


def test_anonymous_visitors_are_invited_to_sign_in(client):
    event = factories.PublishedEventFactory(accepts_class_registrations=True)
    session = factories.SessionFactory(event=event, starts_at=in_days(10))

    html = page(client, event)

    assert "Se connecter pour inscrire une classe" in html
    assert f"/comptes/login/?next=%2Fevenements%2F{event.pk}-" in html
    assert f"creneau={session.pk}" not in html


def test_past_events_offer_no_registration(client, teacher):
    event = factories.PublishedEventFactory(accepts_class_registrations=True)
    session = factories.SessionFactory(event=event, starts_at=in_days(-3))

    html = page(client, event)
    assert "Tous les créneaux de cet événement sont passés." in html
    assert "Se connecter pour inscrire une classe" not in html

    client.force_login(teacher)
    html = page(client, event)
    assert f"creneau={session.pk}" not in html


def session_row(html: str, session) -> str:
    start = html.index(f'id="creneau-{session.pk}"')
    return html[start : html.index("</tr>", start)]


def test_a_past_session_says_so_and_never_shows_places_to_take(client, teacher):
    """1 December 2026: a 2025 session with 17 places left on 40 is past, not open."""
    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=PARIS), tick=False):
        event = factories.PublishedEventFactory(accepts_class_registrations=True)
        start = datetime.datetime(2025, 11, 18, 9, 0, tzinfo=PARIS)
        session = factories.SessionFactory(
            event=event, starts_at=start, ends_at=start.replace(hour=11), capacity=40
        )
        factories.ClassRegistrationFactory(session=session, students=23)

        anonymous = page(client, event)
        client.force_login(teacher)
        as_teacher = page(client, event)

    for html in (anonymous, as_teacher):
        assert "places restantes" not in html and "place restante" not in html
        assert "Créneau passé" in session_row(html, session)
        assert "Tous les créneaux de cet événement sont passés." in html
        assert "Terminé" in html  # in the badges, instead of « Accueille des classes »
        assert "Accueille des classes" not in html
        assert "Se connecter pour inscrire une classe" not in html
        assert f"creneau={session.pk}" not in html
        assert 'id="inscription"' not in html
    assert '<th scope="col">Inscription</th>' not in as_teacher  # no registration column


def test_past_and_upcoming_sessions_side_by_side(client, teacher):
    event = factories.PublishedEventFactory(accepts_class_registrations=True)
    past = factories.SessionFactory(event=event, starts_at=in_days(-2), capacity=40)
    upcoming = factories.SessionFactory(event=event, starts_at=in_days(5), capacity=40)
    for session in (past, upcoming):
        factories.ClassRegistrationFactory(session=session, students=23)
    client.force_login(teacher)

    html = page(client, event)

    assert "17 places restantes sur 40" not in session_row(html, past)
    assert "Créneau passé" in session_row(html, past)
    assert "17 places restantes sur 40" in session_row(html, upcoming)
    assert f"creneau={upcoming.pk}" in session_row(html, upcoming)
    assert "Inscriptions closes" in session_row(html, past)
    assert "Tous les créneaux de cet événement sont passés." not in html
    assert "Accueille des classes" in html and "Terminé" not in html


def test_event_and_academy_pages_write_the_utc_offset_the_same_way(client):
    guyane = factories.reference_department("973")
    event = factories.PublishedEventFactory(department=guyane, postcode="97300")
    start = datetime.datetime(2025, 11, 18, 9, 0, tzinfo=zoneinfo.ZoneInfo("America/Cayenne"))
    factories.SessionFactory(event=event, starts_at=start, ends_at=start.replace(hour=11))

    detail = page(client, event)
    academy = client.get("/academies/guyane/").content.decode()

    assert "America/Cayenne, UTC−3)" in detail
    assert "America/Cayenne, UTC−3)" in academy


def test_the_cached_anonymous_page_is_not_served_to_a_teacher(client, teacher):
    event = factories.PublishedEventFactory(accepts_class_registrations=True)
    session = factories.SessionFactory(event=event, starts_at=in_days(10))
    page(client, event)  # cached for anonymous visitors
    client.force_login(teacher)

    html = page(client, event)

    assert f"creneau={session.pk}" in html
    assert "Se connecter pour inscrire une classe" not in html


def test_signed_in_non_teachers_get_no_button(client, organizer):
    event = factories.PublishedEventFactory(accepts_class_registrations=True)
    session = factories.SessionFactory(event=event, starts_at=in_days(10))
    client.force_login(organizer)

    html = page(client, event)

    assert f"creneau={session.pk}" not in html
    assert "Seuls les enseignants" in html


def test_no_registration_block_for_events_without_classes(client, teacher):
    event = factories.PublishedEventFactory(accepts_class_registrations=False)
    session = factories.SessionFactory(event=event, starts_at=in_days(10))
    client.force_login(teacher)

    html = page(client, event)

    assert f"creneau={session.pk}" not in html
    assert "Inscrire une classe" not in html


@pytest.mark.parametrize(
    "status",
    [
        Event.Status.DRAFT,
        Event.Status.SUBMITTED,
        Event.Status.CHANGES_REQUESTED,
        Event.Status.REJECTED,
    ],
)
def test_unpublished_events_are_not_found(client, user, status):
    """Never published, never public; a cancelled event keeps its page (to say so)."""
    event = factories.EventFactory(status=status)
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(user)
    assert client.get(event.get_absolute_url()).status_code == 404


def test_unknown_event_is_not_found(client):
    assert client.get("/evenements/999999-rien/").status_code == 404


def test_a_wrong_slug_redirects_permanently_to_the_canonical_url(client):
    event = factories.PublishedEventFactory(title="Atelier robotique")
    response = client.get(f"/evenements/{event.pk}-ancien-titre/")
    assert response.status_code == 301
    assert response["Location"] == f"/evenements/{event.pk}-atelier-robotique/"


def test_detail_query_budget(client, teacher, django_assert_max_num_queries):
    event = factories.PublishedEventFactory(
        accepts_class_registrations=True,
        themes=list(factories.Theme.objects.all()[:4]),
        audiences=list(factories.Audience.objects.all()[:4]),
    )
    for day in range(5):
        session = factories.SessionFactory(event=event, starts_at=in_days(10 + day), capacity=90)
        factories.ClassRegistrationFactory.create_batch(3, session=session, students=10, girls=4)

    with django_assert_max_num_queries(10):
        html = page(client, event)
    assert html.count("60 places restantes sur 90") == 5

    client.force_login(teacher)
    with django_assert_max_num_queries(10):
        html = page(client, event)
    assert html.count("/espace/inscriptions/nouvelle/?creneau=") == 5


def test_an_event_without_slug_has_a_stable_url(client):
    event = factories.PublishedEventFactory()
    Event.objects.filter(pk=event.pk).update(slug="")
    event.refresh_from_db()

    assert client.get(f"/evenements/{event.pk}-autre/")["Location"] == (
        f"/evenements/{event.pk}-evenement/"
    )
    html = page(client, event)
    assert f"/evenements/{event.pk}-evenement.ics" in html
    assert client.get(f"/evenements/{event.pk}-evenement.ics").status_code == 200
