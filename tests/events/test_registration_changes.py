"""Changing, cancelling and promoting: seats freed go first-fit to the waiting list, never
into the past nor onto a cancelled event, and teachers are told exactly where they stand."""

import datetime
import threading

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from events.models import ClassRegistration, Event, RegistrationStatusChange
from events.rules.booking import waitlist_rank
from events.rules.capacity import session_confirmed_students
from events.services import (
    event_cancel,
    registration_cancel,
    registration_create,
    registration_update,
    session_update,
)
from tests import factories

Status = ClassRegistration.Status


@pytest.fixture
def session(db, organizer):
    """30 seats on a published event of a future edition, organized by `organizer`."""
    event = factories.PublishedEventFactory(
        edition=factories.EditionFactory(), company=organizer.company
    )
    return factories.SessionFactory(event=event, capacity=30)


def test_a_smaller_class_frees_seats_first_fit_in_order_of_request(
    commit, session, teacher, mailoutbox, register_class
):
    first = register_class(session, teacher, 28, "3e A")
    big = register_class(session, teacher, 10, "3e B")
    small = register_class(session, teacher, 4, "3e C")
    assert (big.status, small.status) == (Status.WAITLISTED, Status.WAITLISTED)
    assert (waitlist_rank(registration=big), waitlist_rank(registration=small)) == (1, 2)
    commit(registration_update, registration=first, by=teacher, students=24)
    big.refresh_from_db()
    small.refresh_from_db()
    # 6 seats free: the earliest waiting class (10) does not fit, the next one (4) does.
    assert (big.status, small.status) == (Status.WAITLISTED, Status.CONFIRMED)
    assert session_confirmed_students(session=session) == 28
    assert mailoutbox[-1].to == [teacher.email] and "confirmée" in mailoutbox[-1].subject


def test_a_teacher_cannot_grow_a_class_beyond_the_free_seats(
    commit, session, teacher, register_class
):
    registration = register_class(session, teacher, 25, "3e A")
    with pytest.raises(ValidationError) as error:
        registration_update(registration=registration, by=teacher, students=31)
    assert "au plus 30 élèves" in error.value.message_dict["students"][0]
    register_class(session, teacher, 3, "3e B")
    with pytest.raises(ValidationError) as error:
        registration_update(registration=registration, by=teacher, students=28)
    assert "au plus 27 élèves" in error.value.message_dict["students"][0]
    registration.refresh_from_db()
    assert registration.students == 25
    assert session_confirmed_students(session=session) == 28


def test_renaming_onto_an_existing_class_is_refused(commit, session, teacher, register_class):
    register_class(session, teacher, 10, "3e A")
    other = register_class(session, teacher, 10, "3e B")
    with pytest.raises(ValidationError) as error:
        registration_update(registration=other, by=teacher, class_name="3e A")
    assert "déjà inscrite" in str(error.value)


def test_only_organizers_and_moderators_move_a_class(commit, session, teacher, register_class):
    registration = register_class(session, teacher, 10, "3e A")
    other = factories.SessionFactory(
        event=session.event,
        starts_at=session.starts_at + datetime.timedelta(hours=4),
        ends_at=session.ends_at + datetime.timedelta(hours=4),
    )
    with pytest.raises(ValidationError):
        registration_update(registration=registration, by=teacher, session=other)
    with pytest.raises(PermissionDenied):
        registration_update(registration=registration, by=factories.UserFactory(), students=9)


def test_cancelling_an_event_cancels_its_classes_and_tells_their_teachers(
    commit, session, teacher, organizer, mailoutbox, register_class
):
    confirmed = register_class(session, teacher, 28, "3e A")
    waiting = register_class(session, teacher, 10, "3e B")
    mailoutbox.clear()
    commit(event_cancel, event=session.event, by=organizer, reason="Inondation de l'atelier")
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert (confirmed.status, waiting.status) == (Status.CANCELLED, Status.CANCELLED)
    teacher_mails = [m for m in mailoutbox if m.to == [teacher.email]]
    assert len(teacher_mails) == 2
    assert all("Inondation de l'atelier" in m.body for m in teacher_mails)
    assert all("annulée" in m.subject for m in teacher_mails)


def test_the_waiting_list_is_never_served_on_a_cancelled_event(
    commit, session, teacher, organizer, register_class
):
    """Even a class left active by an old bug is never promoted on a cancelled event."""
    confirmed = register_class(session, teacher, 28, "3e A")
    waiting = register_class(session, teacher, 10, "3e B")
    Event.objects.filter(pk=session.event_id).update(status=Event.Status.CANCELLED)
    commit(registration_cancel, registration=confirmed, by=teacher)
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED


def test_the_waiting_list_is_never_served_once_the_session_has_started(
    commit, session, teacher, organizer, register_class
):
    first = register_class(session, teacher, 28, "3e A")
    waiting = register_class(session, teacher, 10, "3e B")
    with time_machine.travel(session.starts_at + datetime.timedelta(minutes=30), tick=False):
        commit(registration_cancel, registration=first, by=organizer)
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED


def test_teachers_cancel_until_48_hours_before_then_ask_the_organizer(
    commit, session, teacher, organizer, register_class
):
    registration = register_class(session, teacher, 10, "3e A")
    with time_machine.travel(session.starts_at - datetime.timedelta(hours=47), tick=False):
        with pytest.raises(ValidationError) as error:
            registration_cancel(registration=registration, by=teacher)
        assert "contactez l'organisateur" in error.value.messages[0]
        commit(registration_cancel, registration=registration, by=organizer)
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_raising_a_capacity_confirms_waiting_classes(
    commit, session, teacher, organizer, register_class
):
    register_class(session, teacher, 25, "3e A")
    waiting = register_class(session, teacher, 10, "3e B")
    commit(session_update, session=session, by=organizer, capacity=35)
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    log = RegistrationStatusChange.objects.filter(registration=waiting).last()
    assert (log.from_status, log.to_status, log.by) == ("waitlisted", "confirmed", organizer)


def test_new_times_are_told_to_every_class_booked(
    commit, session, teacher, organizer, mailoutbox, register_class
):
    register_class(session, teacher, 25, "3e A")
    mailoutbox.clear()
    later = session.starts_at + datetime.timedelta(hours=1)
    commit(
        session_update,
        session=session,
        by=organizer,
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=2),
    )
    assert len(mailoutbox) == 1
    assert "Nouvel horaire du créneau" in mailoutbox[0].body


def test_the_waiting_list_email_gives_the_rank_and_the_rule(
    commit, session, teacher, mailoutbox, register_class
):
    register_class(session, teacher, 28, "3e A")
    register_class(session, teacher, 10, "3e B")
    register_class(session, teacher, 12, "3e C")
    body = mailoutbox[-1].body
    assert "au rang 2" in body
    assert "dans l'ordre des demandes : la première dont l'effectif tient" in body


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite serialises)"
)
def test_concurrent_growth_and_registrations_never_overbook(
    reference_data_reloaded, transactional_db, teacher
):
    event = factories.PublishedEventFactory(edition=factories.EditionFactory())
    session = factories.SessionFactory(event=event, capacity=30)
    existing = registration_create(
        session=session,
        teacher=teacher,
        school=teacher.school,
        class_level="3e",
        class_name="3e A",
        students=10,
    )
    barrier = threading.Barrier(4)

    def grow():
        barrier.wait()
        try:
            registration_update(registration=existing, by=teacher, students=25)
        except ValidationError:
            pass
        finally:
            connection.close()

    def newcomer(index):
        barrier.wait()
        try:
            registration_create(
                session=session,
                teacher=teacher,
                school=teacher.school,
                class_level="3e",
                class_name=f"3e {index}",
                students=10,
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=grow)] + [
        threading.Thread(target=newcomer, args=(i,)) for i in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert session_confirmed_students(session=session) <= 30


def test_my_registrations_page_gives_each_waiting_class_its_rank(
    client, commit, session, teacher, django_assert_max_num_queries, register_class
):
    register_class(session, teacher, 28, "3e A")
    register_class(session, teacher, 10, "3e B")
    third = register_class(session, teacher, 12, "3e C")
    client.force_login(teacher)
    with django_assert_max_num_queries(8):
        response = client.get("/espace/inscriptions/")
    page = response.content.decode()
    assert "Rang 1 sur la liste d'attente" in page
    assert "Rang 2 sur la liste d'attente" in page
    ranks = {r.pk: r.waitlist_rank for r in response.context["upcoming"]}
    assert ranks[third.pk] == 2 == waitlist_rank(registration=third)
