import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from events.models import ClassRegistration, Event, RegistrationStatusChange
from events.services import (
    registration_approve,
    registration_cancel,
    registration_create,
    registration_decline,
)
from tests import factories

Status = ClassRegistration.Status


@pytest.fixture
def future_session(db):
    """A session of a published event of a future edition, 30 seats."""
    event = factories.PublishedEventFactory(edition=factories.EditionFactory())
    return factories.SessionFactory(event=event, capacity=30)


def test_class_is_confirmed_while_seats_remain(
    commit, future_session, teacher, mailoutbox, register_class
):
    registration = register_class(future_session, teacher, 25, girls=12)
    assert registration.status == Status.CONFIRMED
    assert "Inscription confirmée" in mailoutbox[-1].subject
    assert mailoutbox[-1].to == [teacher.email]
    log = RegistrationStatusChange.objects.get(registration=registration)
    assert (log.from_status, log.to_status, log.by) == ("", "confirmed", teacher)


def test_last_places_go_to_the_waiting_list(
    commit, future_session, teacher, mailoutbox, register_class
):
    register_class(future_session, teacher, 25)
    late = register_class(future_session, teacher, 10, class_name="3e B")
    assert late.status == Status.WAITLISTED
    assert "liste d'attente" in mailoutbox[-1].subject


def test_a_freed_place_promotes_the_waiting_list_in_order(
    commit, future_session, teacher, mailoutbox, register_class
):
    first = register_class(future_session, teacher, 25)
    big = register_class(future_session, teacher, 20, class_name="3e B")
    small = register_class(future_session, teacher, 5, class_name="3e C")  # fits: confirmed
    assert (big.status, small.status) == (Status.WAITLISTED, Status.CONFIRMED)
    commit(registration_cancel, registration=first, by=teacher)
    big.refresh_from_db()
    assert big.status == Status.CONFIRMED
    assert "Inscription confirmée" in mailoutbox[-1].subject
    assert "Une place s'est libérée." in mailoutbox[-1].body


def test_a_class_larger_than_the_session_is_refused(
    commit, future_session, teacher, register_class
):
    with pytest.raises(ValidationError) as error:
        register_class(future_session, teacher, 31)
    assert "au plus 30 élèves" in error.value.message_dict["students"][0]
    assert not ClassRegistration.objects.exists()


def test_unlimited_session_always_confirms(commit, teacher, register_class):
    event = factories.PublishedEventFactory(edition=factories.EditionFactory())
    session = factories.SessionFactory(event=event, capacity=None)
    assert register_class(session, teacher, 200).status == Status.CONFIRMED


def test_only_teachers_of_the_school_register(commit, future_session, user):
    with pytest.raises(PermissionDenied):
        commit(
            registration_create,
            session=future_session,
            teacher=user,
            school=factories.SchoolFactory(),
            class_level="3e",
            class_name="3e A",
            students=20,
        )


def test_unpublished_or_past_sessions_are_closed(commit, teacher, register_class):
    draft = factories.EventFactory(edition=factories.EditionFactory())
    with pytest.raises(ValidationError):
        register_class(factories.SessionFactory(event=draft), teacher, 10)
    past = factories.SessionFactory()  # the 2025 edition is over
    with pytest.raises(ValidationError) as error:
        register_class(past, teacher, 10)
    assert "fermées" in error.value.messages[0]


def test_same_class_cannot_register_twice(commit, future_session, teacher, register_class):
    register_class(future_session, teacher, 10)
    with pytest.raises(ValidationError) as error:
        register_class(future_session, teacher, 10)
    assert "déjà inscrite" in str(error.value)


def test_girls_cannot_outnumber_students(commit, future_session, teacher, register_class):
    with pytest.raises(ValidationError):
        register_class(future_session, teacher, 10, girls=11)
    assert not ClassRegistration.objects.exists()


def test_approval_mode_waits_for_the_organizer(
    commit, teacher, organizer, mailoutbox, register_class
):
    event = factories.PublishedEventFactory(
        edition=factories.EditionFactory(),
        company=organizer.company,
        registration_mode=Event.RegistrationMode.APPROVAL,
    )
    session = factories.SessionFactory(event=event, capacity=30)
    pending = register_class(session, teacher, 20)
    assert pending.status == Status.PENDING
    assert "Demande d'inscription reçue" in mailoutbox[-1].subject
    other = register_class(session, teacher, 15, class_name="3e B")
    assert (
        commit(registration_approve, registration=pending, by=organizer).status == Status.CONFIRMED
    )
    # No more room for the second one: the approval puts it on the waiting list.
    assert (
        commit(registration_approve, registration=other, by=organizer).status == Status.WAITLISTED
    )
    with pytest.raises(PermissionDenied):
        registration_approve(registration=other, by=teacher)


def test_decline_needs_a_reason_and_an_organizer(
    commit, teacher, organizer, mailoutbox, register_class
):
    event = factories.PublishedEventFactory(
        edition=factories.EditionFactory(),
        company=organizer.company,
        registration_mode=Event.RegistrationMode.APPROVAL,
    )
    pending = register_class(factories.SessionFactory(event=event), teacher, 20)
    with pytest.raises(ValidationError):
        registration_decline(registration=pending, by=organizer, reason="")
    declined = commit(
        registration_decline, registration=pending, by=organizer, reason="Atelier fermé"
    )
    assert declined.status == Status.DECLINED
    assert "Atelier fermé" in mailoutbox[-1].body


def test_stranger_cannot_cancel(commit, future_session, teacher, user, register_class):
    registration = register_class(future_session, teacher, 10)
    with pytest.raises(PermissionDenied):
        registration_cancel(registration=registration, by=user)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite serialises)"
)
def test_concurrent_requests_never_overbook(reference_data_reloaded, transactional_db, teacher):
    event = factories.PublishedEventFactory(edition=factories.EditionFactory())
    session = factories.SessionFactory(event=event, capacity=30)
    barrier = threading.Barrier(6)
    outcomes = []

    def attempt(index):
        barrier.wait()
        try:
            registration = registration_create(
                session=session,
                teacher=teacher,
                school=teacher.school,
                class_level="3e",
                class_name=f"3e {index}",
                students=10,
            )
            outcomes.append(registration.status)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["confirmed"] * 3 + ["waitlisted"] * 3
    confirmed = ClassRegistration.objects.filter(session=session, status="confirmed")
    assert sum(r.students for r in confirmed) == 30
