"""Who may open the organizer space: the members of the organizing company (together), the
staff of the organizing school; nobody else — anonymous visitors are sent to sign in,
another company's organizer, a teacher or another académie's staff get a 403 or a 404."""

import datetime

import pytest
from django.urls import reverse

from academies.models import Academy, SchoolMembership
from events.models import Edition, Event
from tests import factories

from .organizer_helpers import event_form_data

EVENT_PAGES = (
    "organizer_event",
    "organizer_event_update",
    "organizer_registrations",
    "organizer_registrations_csv",
    "organizer_registrations_print",
    "organizer_attendance",
    "organizer_event_cancel",
    "organizer_poster",
)
POST_PAGES = ("organizer_event_submit", "organizer_event_renew", "organizer_event_cancel")


@pytest.fixture
def edition(db):
    Edition.objects.update(is_current=False)
    return factories.EditionFactory(year=2030, is_current=True)


@pytest.fixture
def event(edition, organizer):
    event = factories.PublishedEventFactory(edition=edition, company=organizer.company)
    factories.SessionFactory(
        event=event,
        starts_at=datetime.datetime(2030, 11, 18, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 11, 18, 11, tzinfo=datetime.UTC),
    )
    return event


def other_academy_staff():
    lyon = Academy.objects.get(code="10")
    return factories.AcademyStaffFactory(academy=lyon).user


@pytest.mark.parametrize("who", ["other_company", "teacher", "other_academy_staff"])
def test_outsiders_get_404_on_every_page_of_an_event(client, event, teacher, who):
    user = {
        "other_company": lambda: factories.CompanyMembershipFactory().user,
        "teacher": lambda: teacher,
        "other_academy_staff": other_academy_staff,
    }[who]()
    client.force_login(user)
    for name in EVENT_PAGES:
        status = client.get(reverse(f"events:{name}", args=[event.pk])).status_code
        assert status in (403, 404), (name, status)
    for name in POST_PAGES:
        status = client.post(reverse(f"events:{name}", args=[event.pk]), {"reason": "x"})
        assert status.status_code in (403, 404), name
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED


@pytest.mark.parametrize("who", ["teacher", "other_academy_staff", "nobody"])
def test_people_who_organize_nothing_get_a_403_on_the_space(client, edition, teacher, who):
    user = {
        "teacher": lambda: teacher,
        "other_academy_staff": other_academy_staff,
        "nobody": factories.UserFactory,
    }[who]()
    client.force_login(user)
    for url in ("/espace/organisateur/", "/espace/evenements/nouveau/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "réservé aux organisateurs" in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, event):
    urls = ["/espace/", "/espace/organisateur/", "/espace/evenements/nouveau/"]
    urls += [reverse(f"events:{name}", args=[event.pk]) for name in EVENT_PAGES]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/comptes/" in response.url, url
    response = client.post(
        reverse("events:organizer_event_cancel", args=[event.pk]), {"reason": "x"}
    )
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED


def test_members_of_the_same_company_manage_its_events_together(client, event, organizer):
    colleague = factories.CompanyMembershipFactory(company=organizer.company).user
    client.force_login(colleague)
    for name in EVENT_PAGES:
        assert client.get(reverse(f"events:{name}", args=[event.pk])).status_code in (200, 302)
    assert client.get("/espace/organisateur/").context["events"] == [event]


def test_school_staff_declare_for_their_school_but_its_teachers_do_not(client, edition):
    school = factories.SchoolFactory()
    staff = factories.SchoolMembershipFactory(school=school, role=SchoolMembership.Role.STAFF).user
    teacher = factories.SchoolMembershipFactory(school=school).user
    client.force_login(staff)
    data = event_form_data(
        edition,
        organizer=f"school:{school.pk}",
        title="Forum des métiers du lycée",
        sessions=[("2030-11-20T09:00", "2030-11-20T12:00", "")],
    )
    assert client.post("/espace/evenements/nouveau/", data).status_code == 302
    event = Event.objects.get(title="Forum des métiers du lycée")
    assert event.organizer_kind == Event.OrganizerKind.SCHOOL and event.school == school
    client.force_login(teacher)
    assert client.get(reverse("events:organizer_event", args=[event.pk])).status_code in (
        403,
        404,
    )


def test_an_organizer_cannot_declare_for_a_company_not_theirs(client, edition, organizer):
    stranger = factories.CompanyFactory()
    client.force_login(organizer)
    data = event_form_data(
        edition,
        organizer=f"company:{stranger.pk}",
        sessions=[("2030-11-20T09:00", "2030-11-20T12:00", 20)],
    )
    response = client.post("/espace/evenements/nouveau/", data)
    assert response.status_code == 200
    assert not Event.objects.exists()
