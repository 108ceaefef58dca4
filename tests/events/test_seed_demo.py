"""`manage.py seed_demo`: realistic, valid, deterministic demo data, created once."""

from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from academies.models import AcademyStaff, Company, CompanyMembership, School, SchoolMembership
from academies.validators import uai_department_code, validate_siren, validate_siret, validate_uai
from events.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from events.models import (
    ClassRegistration,
    Event,
    EventStatusChange,
    RegistrationStatusChange,
    Session,
)
from events.rules.editions import edition_current
from semaine.users.models import User

EVENTS = 60
SEED = 1


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", events=EVENTS, seed=SEED, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def seeded(db):
    return seed()


def test_creates_the_requested_events_with_everything_around_them(seeded):
    assert Event.objects.count() == EVENTS
    assert School.objects.exists() and Company.objects.exists()
    assert ClassRegistration.objects.exists()
    per_event = Event.objects.annotate(
        n_sessions=Count("sessions", distinct=True),
        n_themes=Count("themes", distinct=True),
        n_audiences=Count("audiences", distinct=True),
        n_types=Count("action_types", distinct=True),
    )
    for event in per_event:
        assert 1 <= event.n_sessions <= 4
        assert 1 <= event.n_themes <= 3
        assert 1 <= event.n_audiences <= 3
        assert event.n_types >= 1
    years = set(Event.objects.values_list("edition__year", flat=True))
    assert 2025 in years and 2021 not in years and 2026 not in years
    assert "60" in seeded and "événements" in seeded


def test_every_session_is_inside_its_edition_window_in_the_academy_local_time(seeded):
    sessions = Session.objects.select_related("event__edition", "event__academy")
    assert sessions.exists()
    for session in sessions:
        first, last = session.event.edition.accepted_window()
        tz = session.event.academy.tzinfo
        for moment in (session.starts_at, session.ends_at):
            assert first <= timezone.localtime(moment, tz).date() <= last
        assert session.ends_at > session.starts_at
        assert session.capacity is None or 10 <= session.capacity <= 60


def test_overseas_sessions_are_at_sensible_local_hours(db):
    call_command("seed_demo", events=400, seed=SEED, stdout=StringIO())
    sessions = Session.objects.select_related("event__academy")
    overseas = sessions.exclude(event__academy__time_zone="Europe/Paris")
    assert overseas.exists()
    for session in sessions:
        local = timezone.localtime(session.starts_at, session.event.academy.tzinfo)
        assert 8 <= local.hour <= 18


def test_every_uai_and_siret_is_valid(seeded):
    for school in School.objects.select_related("department"):
        validate_uai(school.uai)
        assert uai_department_code(school.uai) == school.department.code
        if school.siret:
            validate_siret(school.siret)
    for company in Company.objects.all():
        validate_siret(company.siret)
        validate_siren(company.siren)
        assert company.naf_code[:2].isdigit() and 10 <= int(company.naf_code[:2]) <= 33


def test_places_have_coordinates_and_a_postcode_of_their_departement(seeded):
    for school in School.objects.select_related("department"):
        prefix = "20" if school.department.code in ("2A", "2B") else school.department.code
        assert school.postcode.startswith(prefix)
        assert school.latitude is not None and school.longitude is not None
    for event in Event.objects.exclude(format=Event.Format.ONLINE).select_related("department"):
        prefix = "20" if event.department.code in ("2A", "2B") else event.department.code
        assert event.postcode.startswith(prefix) and event.address and event.city
        assert event.academy_id == event.department.academy_id


def test_confirmed_students_never_exceed_a_session_capacity(seeded):
    confirmed = Sum("registrations__students", filter=Q(registrations__status="confirmed"))
    sessions = Session.objects.filter(capacity__isnull=False).annotate(confirmed=confirmed)
    for session in sessions:
        assert (session.confirmed or 0) <= session.capacity
    for registration in ClassRegistration.objects.all():
        assert registration.girls is None or registration.girls <= registration.students
        assert registration.students >= 1


def test_registrations_are_on_published_events_by_teachers_of_the_school(seeded):
    registrations = ClassRegistration.objects.select_related("session__event")
    teachers = set(
        SchoolMembership.objects.filter(role=SchoolMembership.Role.TEACHER).values_list(
            "user_id", "school_id"
        )
    )
    active_names = defaultdict(set)
    for registration in registrations:
        event = registration.session.event
        assert event.status == Event.Status.PUBLISHED and event.accepts_class_registrations
        assert (registration.teacher_id, registration.school_id) in teachers
        assert event.published_at <= registration.created_at < registration.session.starts_at
        if registration.is_active:
            key = (registration.session_id, registration.school_id)
            assert registration.class_name not in active_names[key]
            active_names[key].add(registration.class_name)
        history = list(registration.status_changes.order_by("at", "id"))
        assert history and history[0].from_status == ""
        assert history[-1].to_status == registration.status
    statuses = set(ClassRegistration.objects.values_list("status", flat=True))
    assert ClassRegistration.Status.CONFIRMED in statuses


def test_status_history_leads_to_each_event_status_at_coherent_times(seeded):
    events = Event.objects.prefetch_related("status_changes", "sessions")
    for event in events:
        changes = sorted(event.status_changes.all(), key=lambda c: (c.at, c.id))
        first_start = min(s.starts_at for s in event.sessions.all())
        if event.status == Event.Status.DRAFT:
            assert changes == [] and event.submitted_at is None
            continue
        assert changes[0].from_status == Event.Status.DRAFT
        assert changes[-1].to_status == event.status
        for before, after in zip(changes, changes[1:], strict=False):
            assert before.to_status == after.from_status and before.at <= after.at
        assert event.created_at <= changes[0].at
        submits = [c.at for c in changes if c.to_status == Event.Status.SUBMITTED]
        assert event.submitted_at == submits[-1]
        published = [c.at for c in changes if c.to_status == Event.Status.PUBLISHED]
        if event.status in (Event.Status.PUBLISHED, Event.Status.CANCELLED):
            assert event.published_at == published[-1] < first_start
        else:
            assert event.published_at is None
        if event.status in (Event.Status.REJECTED, Event.Status.CHANGES_REQUESTED):
            assert event.moderation_message == changes[-1].reason != ""
    current = edition_current()
    assert Event.objects.filter(edition=current, status=Event.Status.PUBLISHED).exists()
    assert EventStatusChange.objects.count() > 0


def test_the_same_seed_gives_the_same_titles(db):
    def titles(seed_value):
        with transaction.atomic():
            call_command("seed_demo", events=EVENTS, seed=seed_value, stdout=StringIO())
            result = list(Event.objects.order_by("id").values_list("title", flat=True))
            transaction.set_rollback(True)
        return result

    first = titles(SEED)
    assert len(first) == EVENTS
    assert titles(SEED) == first
    assert titles(SEED + 1) != first


def test_if_empty_does_nothing_the_second_time(seeded):
    counts = (Event.objects.count(), User.objects.count(), Session.objects.count())
    out = seed(if_empty=True)
    assert "aucune donnée de démonstration créée" in out
    assert (Event.objects.count(), User.objects.count(), Session.objects.count()) == counts


def test_without_if_empty_a_second_run_is_refused(seeded):
    with pytest.raises(CommandError, match="existent déjà"):
        seed()
    assert Event.objects.count() == EVENTS


def test_if_empty_creates_the_data_on_an_empty_database(db):
    out = seed(if_empty=True)
    assert Event.objects.count() == EVENTS
    assert "Données de démonstration créées" in out


def test_events_must_be_positive(db):
    with pytest.raises(CommandError):
        call_command("seed_demo", events=0, stdout=StringIO())
    assert not Event.objects.exists()


@pytest.mark.parametrize("email", [email for email, _role in DEMO_ACCOUNTS])
def test_demo_accounts_can_log_in(seeded, client, email):
    assert client.login(email=email, password=DEMO_PASSWORD)
    assert email in seeded and DEMO_PASSWORD in seeded


def test_demo_accounts_have_their_roles_and_nobody_else_can_log_in(seeded):
    admin = User.objects.get(email="admin@semaine.test")
    assert admin.is_superuser and admin.is_staff and admin.is_national_staff
    staff = User.objects.get(email="academie.grenoble@semaine.test")
    assert staff.is_staff and not staff.is_superuser
    assert AcademyStaff.objects.filter(user=staff, academy__code="08").exists()
    organizer = User.objects.get(email="organisateur@semaine.test")
    membership = CompanyMembership.objects.get(user=organizer)
    assert Event.objects.filter(company=membership.company, created_by=organizer).exists()
    teacher = User.objects.get(email="enseignant@semaine.test")
    assert SchoolMembership.objects.filter(
        user=teacher, role=SchoolMembership.Role.TEACHER
    ).exists()
    assert User.objects.filter(is_national_staff=True, is_superuser=False).exists()
    for academy_code in ("01", "08", "28", "43"):
        assert AcademyStaff.objects.filter(academy__code=academy_code).exists()
    demo_emails = {email for email, _role in DEMO_ACCOUNTS}
    others = User.objects.exclude(email__in=demo_emails)
    assert others.exists()
    assert not any(user.has_usable_password() for user in others)


def test_a_sample_passes_full_clean(seeded):
    for event in Event.objects.select_related("edition", "academy", "department")[:25]:
        event.full_clean()
    for session in Session.objects.select_related("event__edition", "event__academy")[:25]:
        session.full_clean()
    for registration in ClassRegistration.objects.all()[:25]:
        registration.full_clean()
    for school in School.objects.select_related("department")[:25]:
        school.full_clean()
    for company in Company.objects.all()[:25]:
        company.full_clean()
    for change in RegistrationStatusChange.objects.all()[:10]:
        change.full_clean()
