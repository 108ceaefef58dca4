"""The teachers' space: register a class, list and cancel registrations."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from events.models import ClassRegistration, Edition, Event
from tests import factories

Status = ClassRegistration.Status

CREATE_URL = "/espace/inscriptions/nouvelle/"
LIST_URL = "/espace/inscriptions/"


@pytest.fixture
def future_session(db):
    """A session of a published event of a future edition, 30 seats."""
    event = factories.PublishedEventFactory(
        edition=factories.EditionFactory(), title="Visite de l'aciérie"
    )
    return factories.SessionFactory(event=event, capacity=30)


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def form_data(teacher, **overrides):
    data = {
        "school": teacher.school.pk,
        "class_level": "3e",
        "class_name": "3e A",
        "students": "24",
        "girls": "11",
        "accompanying_adults": "2",
        "needs": "",
    }
    data.update(overrides)
    return data


def post_registration(client, session, teacher, capture, **overrides):
    with capture(execute=True):
        return client.post(f"{CREATE_URL}?creneau={session.pk}", form_data(teacher, **overrides))


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# Access


def test_anonymous_users_are_sent_to_the_login_page(client, future_session):
    for url in (f"{CREATE_URL}?creneau={future_session.pk}", LIST_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/comptes/login/")


def test_users_who_do_not_teach_get_a_french_403(client, user, future_session):
    client.force_login(user)
    for url in (f"{CREATE_URL}?creneau={future_session.pk}", LIST_URL):
        response = client.get(url)
        assert response.status_code == 403
        assert "réservé aux enseignants" in response.content.decode()


@pytest.mark.parametrize("creneau", ["abc", "", "999999", "-1"])
def test_bad_session_parameter_is_a_404(teacher_client, future_session, creneau):
    assert teacher_client.get(f"{CREATE_URL}?creneau={creneau}").status_code == 404


def test_missing_session_parameter_is_a_404(teacher_client):
    assert teacher_client.get(CREATE_URL).status_code == 404


def test_session_of_an_unpublished_event_is_a_404(teacher_client, future_session):
    Event.objects.filter(pk=future_session.event_id).update(status=Event.Status.DRAFT)
    assert teacher_client.get(f"{CREATE_URL}?creneau={future_session.pk}").status_code == 404


# The form


def test_form_shows_the_session_in_local_time(teacher_client, teacher, future_session):
    response = teacher_client.get(f"{CREATE_URL}?creneau={future_session.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Visite de l&#x27;aciérie" in html
    assert "10:00 – 12:00" in html
    assert "30 places restantes sur 30" in html
    assert 'id="class-registration-form"' in html
    # One school only: preselected, hidden.
    assert f'type="hidden" name="school" value="{teacher.school.pk}"' in html


def test_teacher_of_several_schools_chooses_among_them_only(
    teacher_client, teacher, future_session
):
    other = factories.SchoolMembershipFactory(user=teacher).school
    stranger = factories.SchoolFactory()
    html = teacher_client.get(f"{CREATE_URL}?creneau={future_session.pk}").content.decode()
    assert f'<option value="{other.pk}"' in html
    assert f'<option value="{teacher.school.pk}"' in html
    assert f'value="{stranger.pk}"' not in html


def test_valid_class_is_confirmed_and_mailed(
    teacher_client, teacher, future_session, mailoutbox, django_capture_on_commit_callbacks
):
    response = post_registration(
        teacher_client, future_session, teacher, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert response.url == LIST_URL
    registration = ClassRegistration.objects.get()
    assert (registration.status, registration.students, registration.girls) == (
        Status.CONFIRMED,
        24,
        11,
    )
    assert registration.teacher == teacher
    assert "Inscription confirmée" in mailoutbox[-1].subject
    assert "Inscription confirmée" in messages_of(response)[0]
    page = teacher_client.get(LIST_URL).content.decode()
    assert "fr-badge--success" in page
    assert "3e A" in page


def test_full_session_puts_the_class_on_the_waiting_list(
    teacher_client, teacher, future_session, django_capture_on_commit_callbacks, register_class
):
    register_class(future_session, teacher, 25, class_name="3e Z")
    response = post_registration(
        teacher_client, future_session, teacher, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert ClassRegistration.objects.get(class_name="3e A").status == Status.WAITLISTED
    assert "liste d'attente" in messages_of(response)[0]


def test_approval_event_says_the_request_is_pending(
    teacher_client, teacher, future_session, django_capture_on_commit_callbacks
):
    Event.objects.filter(pk=future_session.event_id).update(
        registration_mode=Event.RegistrationMode.APPROVAL
    )
    response = post_registration(
        teacher_client, future_session, teacher, django_capture_on_commit_callbacks
    )
    assert ClassRegistration.objects.get().status == Status.PENDING
    assert "Demande envoyée" in messages_of(response)[0]


def test_class_larger_than_the_session_is_a_field_error(
    teacher_client, teacher, future_session, django_capture_on_commit_callbacks
):
    response = post_registration(
        teacher_client, future_session, teacher, django_capture_on_commit_callbacks, students=31
    )
    assert response.status_code == 200
    assert "au plus 30 élèves" in response.context["form"].errors["students"][0]
    assert 'id="id_students_error"' in response.content.decode()
    assert not ClassRegistration.objects.exists()


def test_more_girls_than_students_is_refused(
    teacher_client, teacher, future_session, django_capture_on_commit_callbacks
):
    response = post_registration(
        teacher_client, future_session, teacher, django_capture_on_commit_callbacks, girls=30
    )
    assert response.status_code == 200
    assert "ne peut dépasser" in response.context["form"].errors["girls"][0]
    assert not ClassRegistration.objects.exists()


def test_the_same_class_twice_is_refused(
    teacher_client, teacher, future_session, django_capture_on_commit_callbacks, register_class
):
    register_class(future_session, teacher, 10)
    response = post_registration(
        teacher_client, future_session, teacher, django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    assert "déjà inscrite" in " ".join(response.context["form"].non_field_errors())
    assert ClassRegistration.objects.count() == 1


def test_past_session_is_refused_without_a_500(
    teacher_client, teacher, future_session, django_capture_on_commit_callbacks
):
    start = timezone.now() - datetime.timedelta(days=1)
    future_session.__class__.objects.filter(pk=future_session.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    response = post_registration(
        teacher_client, future_session, teacher, django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    assert "fermées" in " ".join(response.context["form"].non_field_errors())
    assert not ClassRegistration.objects.exists()


def test_school_of_another_teacher_is_refused(
    teacher_client, teacher, future_session, django_capture_on_commit_callbacks
):
    stranger = factories.SchoolFactory()
    response = post_registration(
        teacher_client,
        future_session,
        teacher,
        django_capture_on_commit_callbacks,
        school=stranger.pk,
    )
    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    assert not ClassRegistration.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"students": "abc"},
        {"students": "0"},
        {"girls": "-1"},
        {"class_level": "licence"},
        {"class_name": "   "},
        {"school": "x"},
        {"accompanying_adults": ""},
    ],
)
def test_bad_input_is_a_form_error(
    teacher_client, teacher, future_session, django_capture_on_commit_callbacks, overrides
):
    response = post_registration(
        teacher_client, future_session, teacher, django_capture_on_commit_callbacks, **overrides
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not ClassRegistration.objects.exists()


# The list and cancellation


def test_list_groups_upcoming_and_past(teacher_client, teacher, future_session, register_class):
    register_class(future_session, teacher, 10, class_name="4e Futur")
    past_event = factories.PublishedEventFactory(edition=Edition.objects.get(year=2019))
    factories.ClassRegistrationFactory(
        session=factories.SessionFactory(event=past_event),
        teacher=teacher,
        school=teacher.school,
        class_name="4e Passé",
    )
    response = teacher_client.get(LIST_URL)
    assert [r.class_name for r in response.context["upcoming"]] == ["4e Futur"]
    assert [r.class_name for r in response.context["past"]] == ["4e Passé"]
    past = response.context["past"][0]
    html = response.content.decode()
    assert f"/espace/inscriptions/{past.pk}/" in html  # every registration opens its page


def test_list_query_budget(teacher_client, teacher, django_assert_max_num_queries):
    event = factories.PublishedEventFactory(edition=factories.EditionFactory())
    for number in range(20):
        factories.ClassRegistrationFactory(
            session=factories.SessionFactory(event=event),
            teacher=teacher,
            school=teacher.school,
            status=list(Status)[number % 5],
        )
    with django_assert_max_num_queries(8):
        response = teacher_client.get(LIST_URL)
    assert len(response.context["upcoming"]) == 20


def test_cancel_asks_for_confirmation(teacher_client, teacher, future_session, register_class):
    registration = register_class(future_session, teacher, 10)
    response = teacher_client.get(f"/espace/inscriptions/{registration.pk}/annuler/")
    assert response.status_code == 200
    assert "Voulez-vous vraiment annuler" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_cancel_frees_the_places_for_the_waiting_list(
    teacher_client,
    teacher,
    future_session,
    mailoutbox,
    django_capture_on_commit_callbacks,
    register_class,
):
    first = register_class(future_session, teacher, 25)
    waiting = register_class(future_session, teacher, 20, class_name="3e B")
    assert waiting.status == Status.WAITLISTED
    with django_capture_on_commit_callbacks(execute=True):
        response = teacher_client.post(f"/espace/inscriptions/{first.pk}/annuler/")
    assert response.status_code == 302
    assert response.url == LIST_URL
    assert "est annulée" in messages_of(response)[0]
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert (first.status, waiting.status) == (Status.CANCELLED, Status.CONFIRMED)
    assert "Inscription confirmée" in mailoutbox[-1].subject


def test_cancelling_twice_is_a_message_not_an_error(
    teacher_client, teacher, future_session, register_class
):
    registration = register_class(future_session, teacher, 10)
    url = f"/espace/inscriptions/{registration.pk}/annuler/"
    teacher_client.post(url)
    response = teacher_client.post(url)
    assert response.status_code == 302
    assert "déjà annulée" in messages_of(response)[-1]


def test_another_teacher_cannot_cancel(client, teacher, future_session, register_class):
    registration = register_class(future_session, teacher, 10)
    other = factories.SchoolMembershipFactory().user
    client.force_login(other)
    url = f"/espace/inscriptions/{registration.pk}/annuler/"
    assert client.get(url).status_code == 403
    response = client.post(url)
    assert response.status_code == 403
    assert "Cette inscription n&#x27;est pas la vôtre." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_cancel_of_unknown_registration_is_a_404(teacher_client):
    assert teacher_client.post("/espace/inscriptions/999999/annuler/").status_code == 404


def test_detail_page_link_reaches_the_form(teacher_client, teacher, future_session):
    detail = teacher_client.get(future_session.event.get_absolute_url()).content.decode()
    link = f"/espace/inscriptions/nouvelle/?creneau={future_session.pk}"
    assert link in detail
    assert teacher_client.get(link).status_code == 200
