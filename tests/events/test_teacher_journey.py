"""The teacher's journey through the pages: find events near the school, register, change,
cancel or give a place back, reminders and calendar files, and pages that never lie."""

import datetime

import icalendar
import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from events.models import ClassRegistration, Event
from events.services import event_cancel, registration_update
from events.services.registrations import registration_release_token
from tests import factories

Status = ClassRegistration.Status
HOME = "/espace/enseignant/"


@pytest.fixture
def event(db, organizer):
    """A published event of a future edition in Grenoble, by `organizer`'s company."""
    return factories.PublishedEventFactory(
        edition=factories.EditionFactory(),
        company=organizer.company,
        title="Visite de l'aciérie",
        contact_name="Claire Martin",
        contact_email="claire.martin@acierie.example.fr",
        contact_phone="04 76 00 00 00",
    )


@pytest.fixture
def session(event):
    return factories.SessionFactory(event=event, capacity=30)


def registration_page(client, registration):
    return client.get(reverse("events:registration_detail", args=[registration.pk]))


# --- finding -------------------------------------------------------------------------------


def test_the_teachers_home_lists_open_events_near_the_school_nearest_first(
    client, teacher, session, django_assert_max_num_queries
):
    far = factories.PublishedEventFactory(
        edition=session.event.edition, title="Forum à Voiron", latitude=45.36, longitude=5.59
    )
    factories.SessionFactory(event=far)
    no_classes = factories.PublishedEventFactory(
        edition=session.event.edition,
        title="Conférence sans classes",
        accepts_class_registrations=False,
    )
    factories.SessionFactory(event=no_classes)
    factories.SessionFactory(event=factories.PublishedEventFactory(title="Édition passée"))
    client.force_login(teacher)
    with django_assert_max_num_queries(16):
        response = client.get(HOME)
    titles = [event.title for event in response.context["nearby"]]
    assert titles == ["Visite de l'aciérie", "Forum à Voiron"]
    assert response.context["audience"] == "collegiens"  # a collège
    assert "ouvert=1" in response.context["nearby_url"]
    assert "Événements près de mon établissement" in response.content.decode()


def test_the_audience_follows_the_level_the_teacher_usually_brings(
    client, teacher, session, register_class
):
    register_class(session, teacher, 20, "2nde A", class_level="2nde")
    register_class(session, teacher, 5, "1re B", class_level="1re")
    client.force_login(teacher)
    assert client.get(HOME).context["audience"] == "lyceens"
    assert client.get(HOME, {"public": "apprentis"}).context["audience"] == "apprentis"


def test_someone_who_teaches_nowhere_gets_a_french_403(client, user):
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 403
    assert "réservé aux enseignants" in response.content.decode()


def test_a_full_session_says_a_class_would_wait_and_at_which_rank(
    client, teacher, session, register_class
):
    register_class(session, teacher, 30, "3e A")
    register_class(session, teacher, 10, "3e B")
    client.force_login(teacher)
    page = client.get(session.event.get_absolute_url()).content.decode()
    assert "Une classe de plus irait sur liste d'attente, au rang 2." in page
    form = client.get(f"/espace/inscriptions/nouvelle/?creneau={session.pk}").content.decode()
    assert "votre classe ira sur liste d'attente, au rang 2" in form


def test_the_form_says_what_registering_would_give_before_sending(client, teacher, session):
    client.force_login(teacher)
    page = client.get(f"/espace/inscriptions/nouvelle/?creneau={session.pk}").content.decode()
    assert "Il reste 30 places : une classe d'au plus 30 élèves est confirmée aussitôt" in page


def test_the_same_class_whatever_its_case_and_spaces_is_refused(
    client, teacher, session, register_class
):
    register_class(session, teacher, 10, "3e B")
    client.force_login(teacher)
    data = {
        "school": teacher.school.pk,
        "class_level": "3e",
        "class_name": "3E  b",
        "students": "10",
        "girls": "",
        "accompanying_adults": "1",
        "needs": "",
    }
    response = client.post(f"/espace/inscriptions/nouvelle/?creneau={session.pk}", data)
    assert "Cette classe est déjà inscrite sur ce créneau." in response.content.decode()
    assert ClassRegistration.objects.count() == 1


# --- changing and cancelling ---------------------------------------------------------------


def test_a_teacher_changes_the_head_count_through_the_page(
    client, teacher, session, register_class, mailoutbox, django_capture_on_commit_callbacks
):
    mine = register_class(session, teacher, 28, "3e A")
    other = factories.SchoolMembershipFactory(school=teacher.school).user
    other.school = teacher.school
    waiting = register_class(session, other, 6, "4e C")
    client.force_login(teacher)
    url = reverse("events:registration_update", args=[mine.pk])
    data = {"class_name": "3e A", "students": "31", "girls": "", "accompanying_adults": "2"}
    response = client.post(url, {**data, "needs": ""})
    assert "au plus 30 élèves" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "students": "24", "needs": "Fauteuil roulant"})
    assert response.status_code == 302
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert (mine.students, mine.needs, waiting.status) == (24, "Fauteuil roulant", Status.CONFIRMED)
    assert {m.to[0] for m in mailoutbox[-2:]} == {teacher.email, other.email}


def test_after_the_deadline_the_page_gives_the_organizers_contact_instead_of_a_button(
    client, teacher, session, register_class
):
    registration = register_class(session, teacher, 10, "3e A")
    client.force_login(teacher)
    before = registration_page(client, registration).content.decode()
    assert "Annuler l'inscription" in before and "claire.martin@" not in before
    with time_machine.travel(session.starts_at - datetime.timedelta(hours=30), tick=False):
        client.force_login(teacher)  # a fresh session at that date
        page = registration_page(client, registration).content.decode()
        assert "Annuler l'inscription" not in page
        assert "claire.martin@acierie.example.fr" in page and "04 76 00 00 00" in page
        response = client.get(reverse("events:registration_cancel", args=[registration.pk]))
        assert response.status_code == 302
        client.post(reverse("events:registration_cancel", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_seats_freed_after_the_deadline_stay_free_and_the_organizer_is_told(
    teacher, organizer, session, register_class, commit, mailoutbox
):
    first = register_class(session, teacher, 28, "3e A")
    waiting = register_class(session, teacher, 10, "3e B")
    mailoutbox.clear()
    with time_machine.travel(session.starts_at - datetime.timedelta(hours=30), tick=False):
        commit(registration_update, registration=first, by=organizer, students=15)
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED
    organizer_mail = next(m for m in mailoutbox if "claire.martin@" in " ".join(m.to))
    assert "Des places se sont libérées" in organizer_mail.subject
    assert "1 classe attend" in organizer_mail.body


def test_a_promoted_teacher_gives_the_place_back_in_one_click(
    client, teacher, session, register_class, commit, mailoutbox, django_capture_on_commit_callbacks
):
    first = register_class(session, teacher, 25, "3e A")
    promoted = register_class(session, teacher, 10, "3e B")
    next_in_line = register_class(session, teacher, 10, "3e C")
    commit(registration_update, registration=first, by=teacher, students=20)
    promoted.refresh_from_db()
    assert promoted.status == Status.CONFIRMED
    body = next(m.body for m in reversed(mailoutbox) if "Une place s'est libérée" in m.body)
    link = reverse(
        "events:registration_release", args=[registration_release_token(registration=promoted)]
    )
    assert link in body
    client.logout()  # the link works without signing in
    assert "Libérer la place" in client.get(link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert "est libérée" in response.content.decode()
    promoted.refresh_from_db()
    next_in_line.refresh_from_db()
    assert (promoted.status, next_in_line.status) == (Status.CANCELLED, Status.CONFIRMED)


def test_a_forged_release_link_changes_nothing(client, teacher, session, register_class):
    registration = register_class(session, teacher, 10, "3e A")
    token = registration_release_token(registration=registration)
    response = client.post(reverse("events:registration_release", args=[token[:-2] + "xx"]))
    assert response.status_code == 403
    assert "Ce lien n&#x27;est pas valide." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


# --- a page that never lies ------------------------------------------------------------------


def test_a_cancelled_event_keeps_its_page_and_the_registration_opens(
    client, teacher, organizer, session, register_class, commit
):
    registration = register_class(session, teacher, 10, "3e A")
    commit(event_cancel, event=session.event, by=organizer, reason="Grève des transports")
    public = client.get(session.event.get_absolute_url())
    page = public.content.decode()
    assert public.status_code == 200
    assert "Événement annulé" in page and "Grève des transports" in page
    assert "places restantes" not in page and "/espace/inscriptions/nouvelle/" not in page
    client.force_login(teacher)
    mine = registration_page(client, registration).content.decode()
    assert "Événement annulé" in mine and "Grève des transports" in mine


def test_a_registration_on_an_unpublished_event_still_opens(
    client, teacher, session, register_class
):
    registration = register_class(session, teacher, 10, "3e A")
    Event.objects.filter(pk=session.event_id).update(status=Event.Status.DRAFT)
    client.force_login(teacher)
    response = registration_page(client, registration)
    assert response.status_code == 200
    assert "n'est plus publié" in response.content.decode()


def test_another_teachers_registration_is_refused(client, teacher, session, register_class):
    registration = register_class(session, teacher, 10, "3e A")
    other = factories.SchoolMembershipFactory().user
    client.force_login(other)
    assert registration_page(client, registration).status_code == 403
    url = reverse("events:registration_update", args=[registration.pk])
    assert client.post(url, {"students": "1"}).status_code == 403


def test_my_registrations_are_cards_with_a_link_to_each(client, teacher, session, register_class):
    registration = register_class(session, teacher, 10, "3e A")
    client.force_login(teacher)
    page = client.get("/espace/inscriptions/").content.decode()
    assert "<table" not in page  # cards stay readable at 390 px
    assert reverse("events:registration_detail", args=[registration.pk]) in page


# --- e-mails ---------------------------------------------------------------------------------


def test_the_confirmation_carries_a_calendar_file_and_an_html_part(
    teacher, session, register_class, mailoutbox
):
    register_class(session, teacher, 10, "3e A")
    message = mailoutbox[-1]
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    vevent = next(iter(calendar.walk("VEVENT")))
    assert vevent.decoded("dtstart") == session.starts_at
    assert "claire.martin@" in str(vevent["organizer"])
    html, html_type = message.alternatives[0]
    assert html_type == "text/html"
    assert (
        "<p>" in html and reverse("events:registration_detail", args=[1]).rsplit("1", 1)[0] in html
    )


def test_the_reminder_goes_once_two_days_before(
    teacher, session, register_class, django_capture_on_commit_callbacks
):
    register_class(session, teacher, 10, "3e A")
    mail.outbox.clear()
    with (
        time_machine.travel(session.starts_at - datetime.timedelta(hours=50), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_reminders")
    assert mail.outbox == []
    with (
        time_machine.travel(session.starts_at - datetime.timedelta(hours=40), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_reminders")
        call_command("send_reminders")
    assert len(mail.outbox) == 1
    reminder = mail.outbox[0]
    assert reminder.subject.startswith("Rappel")
    assert "Claire Martin" in reminder.body
    assert reminder.attachments[0][0].endswith(".ics")


# --- the whole path ------------------------------------------------------------------------


def test_the_whole_path_of_two_teachers(
    client, teacher, organizer, session, commit, mailoutbox, django_capture_on_commit_callbacks
):
    second = factories.SchoolMembershipFactory(school=factories.SchoolFactory()).user
    client.force_login(teacher)
    assert "Visite de l&#x27;aciérie" in client.get(HOME).content.decode()
    url = f"/espace/inscriptions/nouvelle/?creneau={session.pk}"
    data = {
        "school": teacher.school.pk,
        "class_level": "3e",
        "class_name": "3e A",
        "students": "25",
        "girls": "12",
        "accompanying_adults": "2",
        "needs": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
    first = ClassRegistration.objects.get(teacher=teacher)
    assert first.status == Status.CONFIRMED
    assert mailoutbox[-1].attachments  # the .ics
    client.force_login(second)
    school = second.school_memberships.get().school
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {**data, "school": school.pk, "students": "10", "girls": "5"}, follow=True
        )
    assert "au rang 1" in response.content.decode()
    waiting = ClassRegistration.objects.get(teacher=second)
    assert waiting.status == Status.WAITLISTED
    client.force_login(teacher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("events:registration_update", args=[first.pk]),
            {
                "class_name": "3e A",
                "students": "20",
                "girls": "10",
                "accompanying_adults": "2",
                "needs": "",
            },
        )
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert mailoutbox[-1].to == [second.email] and "Inscription confirmée" in mailoutbox[-1].subject
    mailoutbox.clear()
    with (
        time_machine.travel(session.starts_at - datetime.timedelta(hours=40), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_reminders")
        call_command("send_reminders")
    assert sorted(m.to[0] for m in mailoutbox) == sorted([teacher.email, second.email])
    mailoutbox.clear()
    commit(event_cancel, event=session.event, by=organizer, reason="Panne de chaudière")
    assert sorted(
        m.to[0]
        for m in mailoutbox
        if m.to[0] != "claire.martin@acierie.example.fr" and m.to[0] != organizer.email
    ) == sorted([teacher.email, second.email])
    assert "Événement annulé" in client.get(session.event.get_absolute_url()).content.decode()
