"""Retention: free-text needs and event contacts go a set time after the edition; counts stay."""

import datetime

import pytest
from django.core.management import call_command

from events.models import ClassRegistration, Event
from events.rules.retention import personal_data_erasure_date
from events.services.retention import personal_data_erase
from tests import factories

D = datetime.date


@pytest.fixture
def editions(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 180
    old = factories.EditionFactory(
        year=2031, starts_on=D(2031, 11, 17), ends_on=D(2031, 11, 23), window_ends_on=D(2031, 12, 7)
    )
    recent = factories.EditionFactory(
        year=2032, starts_on=D(2032, 11, 15), ends_on=D(2032, 11, 21), window_ends_on=D(2032, 12, 5)
    )
    return old, recent


def registration_in(edition, **fields) -> ClassRegistration:
    event = factories.PublishedEventFactory(
        edition=edition,
        contact_name="Claire Dupont",
        contact_email="claire.dupont@usine.example.fr",
        contact_phone="04 76 00 00 00",
    )
    session = factories.SessionFactory(event=event)
    defaults = {"needs": "Un élève en fauteuil roulant ; repas tiré du sac.", "girls": 11}
    return factories.ClassRegistrationFactory(session=session, **(defaults | fields))


@pytest.mark.django_db
def test_the_erasure_date_is_the_retention_after_the_accepted_window(editions):
    old, _recent = editions
    assert personal_data_erasure_date(edition=old) == D(2031, 12, 7) + datetime.timedelta(180)
    undated = factories.EditionFactory(
        year=2040, starts_on=None, ends_on=None, window_starts_on=None, window_ends_on=None
    )
    assert personal_data_erasure_date(edition=undated) is None


@pytest.mark.django_db
def test_past_editions_lose_needs_and_contacts_and_keep_their_counts(editions):
    old, recent = editions
    erased = registration_in(old, students=24, girls=11, accompanying_adults=2)
    cancelled = registration_in(old, status=ClassRegistration.Status.CANCELLED, students=12)
    kept = registration_in(recent)
    report = personal_data_erase(today=D(2032, 6, 4))  # 180 days after 7 December 2031
    assert 2031 in report.editions and 2032 not in report.editions
    assert (report.registrations, report.events) == (2, 2)

    for registration in (erased, cancelled):
        registration.refresh_from_db()
        assert registration.needs == ""
        event = registration.session.event
        event.refresh_from_db()
        assert (event.contact_name, event.contact_email, event.contact_phone) == ("", "", "")
    erased.refresh_from_db()
    assert (erased.students, erased.girls, erased.accompanying_adults) == (24, 11, 2)
    assert erased.status == ClassRegistration.Status.CONFIRMED
    assert ClassRegistration.objects.filter(session__event__edition=old).count() == 2

    kept.refresh_from_db()
    assert kept.needs.startswith("Un élève")
    assert Event.objects.get(pk=kept.session.event_id).contact_email != ""


@pytest.mark.django_db
def test_the_day_before_nothing_is_erased(editions):
    old, _recent = editions
    registration = registration_in(old)
    report = personal_data_erase(today=D(2032, 6, 3))
    assert 2031 not in report.editions
    assert (report.registrations, report.events) == (0, 0)
    registration.refresh_from_db()
    assert registration.needs != ""


@pytest.mark.django_db
def test_a_second_run_erases_nothing_more(editions):
    old, _recent = editions
    registration_in(old)
    personal_data_erase(today=D(2032, 6, 4))
    again = personal_data_erase(today=D(2032, 6, 5))
    assert (again.registrations, again.events) == (0, 0)


@pytest.mark.django_db
def test_the_daily_command(editions, capsys):
    old, _recent = editions
    registration_in(old)
    call_command("erase_personal_data", "--date", "2032-06-04")
    out = capsys.readouterr().out
    assert "2024, 2025, 2031." in out  # the editions whose retention period is over
    assert "Besoins effacés : 1 inscription(s) ; contacts effacés : 1 événement(s)." in out
    call_command("erase_personal_data", "--date", "2032-06-04")
    assert "Besoins effacés : 0 inscription(s)" in capsys.readouterr().out
