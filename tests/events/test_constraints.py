"""What must never be false holds in the database too, not only in forms."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from events.models import ClassRegistration, Event, EventStatusChange, Session
from tests import factories


def test_session_must_end_after_it_starts(published_event):
    start = datetime.datetime(2025, 11, 18, 10, tzinfo=datetime.UTC)
    session = Session(event=published_event, starts_at=start, ends_at=start)
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "La fin du créneau doit suivre son début." in error.value.message_dict["ends_at"]
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()


def test_capacity_is_at_least_one_when_set(published_event):
    session = factories.SessionFactory.build(event=published_event, capacity=0)
    with pytest.raises(ValidationError):
        session.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()


def test_unlimited_capacity_is_allowed(published_event):
    factories.SessionFactory(event=published_event, capacity=None).full_clean()


def test_session_outside_the_edition_window_is_refused(published_event):
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    start = datetime.datetime(2025, 12, 9, 10, tzinfo=paris)
    session = Session(
        event=published_event, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "entre le 02/11/2025 et le 07/12/2025" in error.value.message_dict["starts_at"][0]


def test_window_is_checked_in_the_academy_time_zone(db):
    # 23:30 in La Réunion on 7 December is still inside the window there (20:30 in Paris)...
    reunion = zoneinfo.ZoneInfo("Indian/Reunion")
    event = factories.PublishedEventFactory(department=factories.reference_department("974"))
    start = datetime.datetime(2025, 12, 7, 22, 30, tzinfo=reunion)
    Session(event=event, starts_at=start, ends_at=start + datetime.timedelta(hours=1)).full_clean()
    # ...and 1:00 on 2 November in Guadeloupe is 1 November UTC-4 → refused there.
    event_gp = factories.PublishedEventFactory(department=factories.reference_department("971"))
    late = datetime.datetime(2025, 11, 1, 23, 30, tzinfo=zoneinfo.ZoneInfo("America/Guadeloupe"))
    with pytest.raises(ValidationError):
        Session(
            event=event_gp, starts_at=late, ends_at=late + datetime.timedelta(hours=1)
        ).full_clean()


def test_edition_without_dates_refuses_sessions(db):
    from events.models import Edition

    event = factories.PublishedEventFactory(edition=Edition.objects.get(year=2026))
    start = datetime.datetime(2026, 11, 18, 10, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError) as error:
        Session(
            event=event, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
        ).full_clean()
    assert "ne sont pas encore fixées" in error.value.message_dict["starts_at"][0]


def test_girls_cannot_outnumber_students(db):
    registration = factories.ClassRegistrationFactory.build(
        session=factories.SessionFactory(),
        school=factories.SchoolFactory(),
        teacher=factories.UserFactory(),
        students=20,
        girls=21,
    )
    with pytest.raises(ValidationError) as error:
        registration.full_clean()
    assert "ne peut dépasser" in error.value.message_dict["girls"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        registration.save()


def test_one_active_registration_per_class_and_session(db):
    first = factories.ClassRegistrationFactory(class_name="3e B")
    duplicate = factories.ClassRegistrationFactory.build(
        session=first.session, school=first.school, teacher=first.teacher, class_name="3e B"
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "déjà inscrite" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    # Once the first one is cancelled, the class may register again.
    first.status = ClassRegistration.Status.CANCELLED
    first.save()
    duplicate.save()


def test_organizer_must_match_its_kind(db):
    event = factories.EventFactory.build(
        organizer_kind=Event.OrganizerKind.SCHOOL,
        company=None,
        school=None,
        department=factories.reference_department("38"),
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean(exclude=["edition"])
    assert "établissement organisateur" in error.value.message_dict["school"][0]


def test_edition_window_must_contain_the_week(db):
    edition = factories.EditionFactory.build(
        year=2030, window_starts_on=datetime.date(2030, 11, 20)
    )
    with pytest.raises(ValidationError):
        edition.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        edition.save()


def test_school_department_must_match_its_uai(db):
    school = factories.SchoolFactory.build(
        uai="0040533H", department=factories.reference_department("38")
    )
    with pytest.raises(ValidationError) as error:
        school.full_clean()
    assert "ne correspond pas" in error.value.message_dict["department"][0]


def test_status_log_is_append_only(db):
    change = factories.EventStatusChangeFactory()
    change.reason = "réécrire l'histoire"
    with pytest.raises(PermissionDenied):
        change.save()
    with pytest.raises(PermissionDenied):
        change.delete()
    assert EventStatusChange.objects.get(pk=change.pk).reason == ""


def test_uai_and_siret_are_unique(db):
    school = factories.SchoolFactory()
    company = factories.CompanyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.SchoolFactory(uai=school.uai)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.CompanyFactory(siret=company.siret)


# --- a registration's event is its session's -----------------------------------------------


def test_a_registration_takes_its_sessions_event_and_refuses_another(db):
    session = factories.SessionFactory()
    registration = ClassRegistration(
        session=session,
        school=factories.SchoolFactory(),
        teacher=factories.UserFactory(),
        class_level=ClassRegistration.Level.TROISIEME,
        class_name="3e A",
        students=20,
    )
    registration.full_clean()
    assert registration.event_id == session.event_id
    registration.event = factories.EventFactory()
    with pytest.raises(ValidationError) as error:
        registration.full_clean()
    assert "même événement" in str(error.value)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the two-column foreign key is PostgreSQL's"
)
def test_the_database_refuses_a_registration_on_another_events_session(db):
    registration = factories.ClassRegistrationFactory()
    other = factories.EventFactory()
    ClassRegistration.objects.filter(pk=registration.pk).update(event=other)
    with pytest.raises(IntegrityError):
        connection.check_constraints()
