"""`manage.py seed_demo`: realistic, valid, deterministic demo data, created once, alive on
the day it is seeded."""

import datetime
import random
from collections import defaultdict
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count
from django.http import QueryDict
from django.utils import timezone

from academies.models import AcademyStaff, Company, CompanyMembership, School, SchoolMembership
from academies.roles import user_moderates_event
from academies.validators import uai_department_code, validate_siren, validate_siret, validate_uai
from events import geo
from events.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SCHOOL
from events.demo.editions import demo_edition_prepare
from events.demo.histories import EVENT_INITIAL, SessionSeats, event_steps
from events.filters import public_event_filter
from events.models import (
    ClassRegistration,
    Edition,
    Event,
    EventStatusChange,
    RegistrationStatusChange,
    Session,
)
from events.rules import transitions
from events.rules.capacity import session_has_places_q, sessions_with_places
from events.rules.editions import edition_current
from events.rules.working_days import working_days_overdue, working_days_waited
from semaine.users.models import User
from tests.clock import PARIS
from tests.factories import SchoolFactory

EVENTS = 200  # the shared demo of TestTheSeededDemo
SMALL = 30  # every other seeding: the living set (15 events) and a few more
# A draw whose current edition has overseas sessions still to come (see the overseas test).
SEED = 4
# The day of the issue: 2026 has no dates in the reference data, 2025 is over.
TODAY = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=PARIS)
Status = Event.Status
RegStatus = ClassRegistration.Status


def seed(*, events=SMALL, **options) -> str:
    out = StringIO()
    call_command("seed_demo", events=events, seed=SEED, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def on_the_day():
    with time_machine.travel(TODAY, tick=True):
        yield


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """One demo of EVENTS events for the read-only tests of a class, seeded on TODAY (time
    stays there while they run) and rolled back after them; each test runs in a savepoint."""
    with (
        django_db_blocker.unblock(),
        time_machine.travel(TODAY, tick=False),
        transaction.atomic(),
    ):
        yield seed(events=EVENTS)
        transaction.set_rollback(True)


def _dated_editions() -> dict[int, tuple]:
    return {
        e.year: (e.starts_on, e.ends_on, e.window_starts_on, e.window_ends_on)
        for e in Edition.objects.all()
        if e.accepted_window()
    }


# --- one demo, looked at from every side ------------------------------------------------


@pytest.mark.usefixtures("seeded", "db")
class TestTheSeededDemo:
    def test_creates_the_requested_events_with_everything_around_them(self, seeded):
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
        assert {2021, 2025, 2026} <= years  # every edition with dates
        assert f"{EVENTS}  événements" in seeded

    def test_every_session_is_inside_its_edition_window_in_the_academy_local_time(self):
        sessions = Session.objects.select_related("event__edition", "event__academy")
        for session in sessions:
            first, last = session.event.edition.accepted_window()
            tz = session.event.academy.tzinfo
            for moment in (session.starts_at, session.ends_at):
                assert first <= timezone.localtime(moment, tz).date() <= last
            assert session.ends_at > session.starts_at
            assert session.capacity is None or 10 <= session.capacity <= 60

    def test_overseas_sessions_are_at_sensible_local_hours(self):
        sessions = Session.objects.select_related("event__academy")
        overseas = sessions.exclude(event__academy__time_zone="Europe/Paris")
        assert overseas.filter(starts_at__gt=timezone.now()).exists()
        for session in sessions:
            local = timezone.localtime(session.starts_at, session.event.academy.tzinfo)
            assert 8 <= local.hour <= 18

    def test_every_uai_and_siret_is_valid(self):
        for school in School.objects.select_related("department"):
            validate_uai(school.uai)
            assert uai_department_code(school.uai) == school.department.code
            if school.siret:
                validate_siret(school.siret)
        for company in Company.objects.all():
            validate_siret(company.siret)
            validate_siren(company.siren)
            assert company.naf_code[:2].isdigit() and 10 <= int(company.naf_code[:2]) <= 33

    def test_places_have_coordinates_and_a_postcode_of_their_departement(self):
        for school in School.objects.select_related("department"):
            prefix = "20" if school.department.code in ("2A", "2B") else school.department.code
            assert school.postcode.startswith(prefix)
            assert school.latitude is not None and school.longitude is not None
        on_site = Event.objects.exclude(format=Event.Format.ONLINE).select_related("department")
        for event in on_site:
            prefix = "20" if event.department.code in ("2A", "2B") else event.department.code
            assert event.postcode.startswith(prefix) and event.address and event.city
            assert event.academy_id == event.department.academy_id

    def test_registrations_are_on_published_events_by_teachers_of_the_school(self):
        registrations = ClassRegistration.objects.select_related("session__event")
        teachers = set(
            SchoolMembership.objects.filter(role=SchoolMembership.Role.TEACHER).values_list(
                "user_id", "school_id"
            )
        )
        active_names = defaultdict(set)
        for registration in registrations:
            event = registration.session.event
            assert event.status == Status.PUBLISHED and event.accepts_class_registrations
            assert (registration.teacher_id, registration.school_id) in teachers
            assert event.published_at <= registration.created_at < registration.session.starts_at
            assert registration.girls is None or registration.girls <= registration.students
            if registration.is_active:
                key = (registration.session_id, registration.school_id)
                assert registration.class_name not in active_names[key]
                active_names[key].add(registration.class_name)

    def test_histories_follow_the_transition_tables(self):
        """The demo and the state machines of `events.rules.transitions` never drift apart."""
        event_moves = set()
        for event in Event.objects.prefetch_related("status_changes"):
            changes = sorted(event.status_changes.all(), key=lambda c: (c.at, c.id))
            if not changes:
                assert event.status == EVENT_INITIAL
                continue
            assert changes[0].from_status == EVENT_INITIAL
            for before, after in zip(changes, changes[1:], strict=False):
                assert before.to_status == after.from_status
            for change in changes:
                assert transitions.event_may_move(
                    from_status=change.from_status, to_status=change.to_status
                ), (event.pk, change.from_status, change.to_status)
                assert change.to_status not in transitions.EVENT_REASON_REQUIRED or change.reason
                event_moves.add((change.from_status, change.to_status))
            assert changes[-1].to_status == event.status
        # Every move of the table was played at least once.
        table = {(a, b) for a, targets in transitions.EVENT_TRANSITIONS.items() for b in targets}
        assert event_moves == table

        registration_moves = set()
        for registration in ClassRegistration.objects.prefetch_related("status_changes"):
            changes = sorted(registration.status_changes.all(), key=lambda c: (c.at, c.id))
            assert changes[0].from_status == ""
            assert changes[0].to_status in transitions.REGISTRATION_INITIAL
            for before, after in zip(changes, changes[1:], strict=False):
                assert before.to_status == after.from_status and before.at <= after.at
                assert transitions.registration_may_move(
                    from_status=after.from_status, to_status=after.to_status
                ), (registration.pk, after.from_status, after.to_status)
                registration_moves.add((after.from_status, after.to_status))
            for change in changes:
                required = transitions.REGISTRATION_REASON_REQUIRED
                assert change.to_status not in required or change.reason
            assert changes[-1].to_status == registration.status
        assert {
            (RegStatus.PENDING, RegStatus.CONFIRMED),
            (RegStatus.PENDING, RegStatus.DECLINED),
            (RegStatus.CONFIRMED, RegStatus.CANCELLED),
        } <= registration_moves

    def test_no_session_holds_more_confirmed_students_than_its_capacity(self):
        full = 0
        for session in sessions_with_places(Session.objects.filter(capacity__isnull=False)):
            assert session.confirmed_students <= session.capacity
            full += session.places_left == 0
        assert full  # the rule was put to the test: some sessions are full

    def test_status_dates_match_each_event_history(self):
        second = datetime.timedelta(seconds=1)
        for event in Event.objects.prefetch_related("status_changes", "sessions"):
            changes = sorted(event.status_changes.all(), key=lambda c: (c.at, c.id))
            first_start = min(s.starts_at for s in event.sessions.all())
            if event.status == Status.DRAFT:
                assert event.submitted_at is None
                continue
            assert event.created_at <= changes[0].at
            submits = [c.at for c in changes if c.to_status == Status.SUBMITTED]
            assert abs(event.submitted_at - submits[-1]) < second
            published = [c.at for c in changes if c.to_status == Status.PUBLISHED]
            if event.status in (Status.PUBLISHED, Status.CANCELLED):
                assert abs(event.published_at - published[-1]) < second
                assert event.published_at < first_start
            else:
                assert event.published_at is None
            if event.status in (Status.REJECTED, Status.CHANGES_REQUESTED):
                assert event.moderation_message == changes[-1].reason != ""

    def test_a_sample_passes_full_clean(self):
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

    def test_the_filters_documented_example_finds_an_event(self, client):
        query = "places=1&q=électricité&pres_de=0381778B&rayon=30&tri=distance"
        assert public_event_filter(data=QueryDict(query)).qs.exists()
        response = client.get(f"/evenements/?{query}")
        assert response.status_code == 200 and response.context["events"]

    @pytest.mark.parametrize("email", [email for email, _role in DEMO_ACCOUNTS])
    def test_demo_accounts_can_log_in(self, seeded, client, email):
        assert client.login(email=email, password=DEMO_PASSWORD)
        assert email in seeded and DEMO_PASSWORD in seeded

    def test_demo_accounts_have_their_roles_and_nobody_else_can_log_in(self):
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

    def test_if_empty_does_nothing_the_second_time(self):
        counts = (Event.objects.count(), User.objects.count(), Session.objects.count())
        out = seed(if_empty=True)
        assert "aucune donnée de démonstration créée" in out
        assert (Event.objects.count(), User.objects.count(), Session.objects.count()) == counts

    def test_without_if_empty_a_second_run_is_refused(self):
        with pytest.raises(CommandError, match="existent déjà"):
            seed()
        assert Event.objects.count() == EVENTS


# --- the rules the demo is drawn from ----------------------------------------------------


def test_event_histories_are_drawn_from_the_transition_table(monkeypatch):
    """A new step in the table (say, a check before labelling) changes every history."""
    monkeypatch.setattr(
        transitions,
        "EVENT_TRANSITIONS",
        {
            "draft": ("submitted",),
            "submitted": ("checked", "changes_requested"),
            "checked": ("published", "rejected"),
            "changes_requested": ("submitted",),
            "published": ("cancelled",),
        },
    )
    rng = random.Random(1)
    assert event_steps(target="published", rng=rng) == [
        ("draft", "submitted"),
        ("submitted", "checked"),
        ("checked", "published"),
    ]
    assert event_steps(target="rejected", rng=rng, detour_chance=1.0) == [
        ("draft", "submitted"),
        ("submitted", "changes_requested"),
        ("changes_requested", "submitted"),
        ("submitted", "checked"),
        ("checked", "rejected"),
    ]


def test_replayed_seats_follow_the_capacity_rule_and_serve_the_waiting_list_first_fit():
    moves = []
    seats = SessionSeats(capacity=30, log=lambda r, old, new, *rest: moves.append((r["n"], new)))
    first, second, third = (
        {"n": n, "status": "", "students": s} for n, s in enumerate((20, 15, 8))
    )
    for registration in (first, second, third):
        seats.request(registration, approval=False, at=None, by=None)
    assert [first["status"], second["status"], third["status"]] == [
        RegStatus.CONFIRMED,
        RegStatus.WAITLISTED,
        RegStatus.CONFIRMED,
    ]
    waiting = [first, second, third]
    seats.cancel(third, at=None, by=None, reason="", waiting=waiting)
    assert second["status"] == RegStatus.WAITLISTED  # 15 do not fit beside 20
    seats.cancel(first, at=None, by=None, reason="", waiting=waiting)
    assert second["status"] == RegStatus.CONFIRMED and seats.confirmed == 15
    assert not seats.approve(first, at=None, by=None)  # a cancelled class stays cancelled
    assert moves[-1] == (1, RegStatus.CONFIRMED)


# --- alive on the day it is seeded --------------------------------------------------------


def _future_sessions_with_places_near(uai: str):
    place = geo.place_resolve(query=uai)
    events = geo.events_near(
        Event.objects.published().filter(
            edition=edition_current(), accepts_class_registrations=True
        ),
        place=place,
        radius_km=geo.DEFAULT_RADIUS_KM,
    )
    return sessions_with_places(Session.objects.filter(event__in=events)).filter(
        session_has_places_q()
    )


DATED = "dates inconnues, datée pour la démonstration"
SEEDING_DAYS = {
    # 2026 has no dates: dated around today.
    "today": (TODAY, 2026, f"Édition 2026 : {DATED} du 24 novembre 2026 au 5 janvier 2027"),
    "march": (datetime.datetime(2026, 3, 10, 15, 0, tzinfo=PARIS), 2026, f"Édition 2026 : {DATED}"),
    # Inside the 2025 window (2 November – 7 December): its own dates.
    "inside-2025": (
        datetime.datetime(2025, 11, 12, 8, 0, tzinfo=PARIS),
        2025,
        "Édition en cours : 2025, période acceptée du 2 novembre au 7 décembre 2025.",
    ),
}


@pytest.mark.parametrize("day", SEEDING_DAYS)
def test_the_demo_is_alive_on_the_day_it_is_seeded(db, client, day):
    moment, year, note = SEEDING_DAYS[day]
    dated_before = _dated_editions()
    with time_machine.travel(moment, tick=True):
        out = seed()
        today = timezone.localdate()

        current = edition_current()
        assert current.year == year and note in out
        first, last = current.accepted_window()
        assert first <= today + datetime.timedelta(days=7) and last >= today + WEEK
        # Editions with real dates keep them.
        assert {y: d for y, d in _dated_editions().items() if y in dated_before} == dated_before

        # The teacher finds sessions with places ahead near the school…
        teacher = User.objects.get(email="enseignant@semaine.test")
        school = School.objects.get(members__user=teacher)
        assert school.uai == DEMO_SCHOOL["uai"]
        assert _future_sessions_with_places_near(school.uai).count() >= 3
        # …and has classes confirmed, pending (approval mode), waitlisted, declined, cancelled.
        registrations = ClassRegistration.objects.filter(
            teacher=teacher, session__event__edition=current
        )
        assert set(registrations.values_list("status", flat=True)) == set(RegStatus.values)
        assert registrations.filter(
            status=RegStatus.PENDING,
            session__event__registration_mode=Event.RegistrationMode.APPROVAL,
        ).exists()

        # The moderator has events of the académie de Grenoble to label.
        moderator = User.objects.get(email="academie.grenoble@semaine.test")
        queue = Event.objects.filter(edition=current, status=Status.SUBMITTED)
        assert sum(user_moderates_event(user=moderator, event=event) for event in queue) >= 3
        # …one of them past the 4-working-day target, as the queue flags it
        waits = [
            working_days_waited(since=event.submitted_at, academy=event.academy)
            for event in queue.select_related("academy")
            if user_moderates_event(user=moderator, event=event)
        ]
        assert any(working_days_overdue(days) for days in waits), waits
        assert not all(working_days_overdue(days) for days in waits), waits

        # The organizer's company has events in every status.
        organizer = User.objects.get(email="organisateur@semaine.test")
        company = Company.objects.get(members__user=organizer)
        statuses = set(company.events.filter(edition=current).values_list("status", flat=True))
        assert statuses == set(Status.values)

        # The home page's own examples give events with places ahead.
        for example in ("38000", "0381778B"):
            response = client.get(f"/evenements/?pres_de={example}")
            assert response.status_code == 200
            assert not response.context["ignored_filters"]
            assert any(event.has_places for event in response.context["events"])


WEEK = datetime.timedelta(days=7)


@pytest.mark.parametrize(
    ("today", "year", "note"),
    [
        # 2025 is over: the next edition is dated, from a week ago to five weeks ahead.
        (
            datetime.date(2025, 12, 20),
            2026,
            f"Édition 2026 : {DATED} du 13 décembre 2025 au 24 janvier 2026 "
            "(semaine officielle du 29 décembre 2025 au 4 janvier 2026).",
        ),
        # No 2027 edition on record yet: created.
        (
            datetime.date(2027, 2, 3),
            2027,
            "Édition 2027 : absente, créée et datée pour la démonstration du 27 janvier au "
            "10 mars 2027 (semaine officielle du 15 au 21 février 2027).",
        ),
        # Ahead of the 2025 window: its own dates.
        (datetime.date(2025, 10, 20), 2025, "Édition en cours : 2025"),
        # Three days left in the 2025 window: too few to register, the next edition it is.
        (datetime.date(2025, 12, 5), 2026, f"Édition 2026 : {DATED} du 28 novembre 2025"),
    ],
)
def test_the_edition_of_the_demo_is_chosen_and_dated_around_today(db, today, year, note):
    dated_before = _dated_editions()
    chosen = demo_edition_prepare(today=today)
    edition = edition_current()
    assert edition == chosen.edition and edition.year == year
    assert any(note in line for line in chosen.notes())
    assert Edition.objects.filter(is_current=True).count() == 1
    assert {y: d for y, d in _dated_editions().items() if y in dated_before} == dated_before
    if chosen.dated:
        assert edition.starts_on.weekday() == 0 and edition.ends_on.weekday() == 6  # Mon–Sun
        assert edition.window_starts_on == today - WEEK < today
        assert edition.window_ends_on - today == 5 * WEEK
        edition.full_clean()


def test_a_real_school_keeps_the_example_uai(db, on_the_day):
    """An Annuaire import already holds 0381778B: the demo teacher's school takes another UAI."""
    SchoolFactory(uai="0381778B", name="Collège Champollion")
    seed()
    teacher = User.objects.get(email="enseignant@semaine.test")
    school = School.objects.get(members__user=teacher)
    assert school.uai != "0381778B" and school.postcode == "38000"


def test_seeding_sends_no_email(reference_data_reloaded, transactional_db, mailoutbox):
    with time_machine.travel(TODAY, tick=True):
        seed()
    assert RegistrationStatusChange.objects.exists() and EventStatusChange.objects.exists()
    assert mailoutbox == []


# --- the command --------------------------------------------------------------------------


def test_if_empty_creates_the_data_on_an_empty_database(db, on_the_day):
    out = seed(if_empty=True)
    assert Event.objects.count() == SMALL
    assert "Données de démonstration créées" in out


def test_the_same_seed_gives_the_same_titles(db, on_the_day):
    def titles(seed_value):
        with transaction.atomic():
            call_command("seed_demo", events=SMALL, seed=seed_value, stdout=StringIO())
            result = list(Event.objects.order_by("id").values_list("title", flat=True))
            transaction.set_rollback(True)
        return result

    first = titles(SEED)
    assert len(first) == SMALL
    assert titles(SEED) == first
    assert titles(SEED + 1) != first


def test_events_must_be_positive(db):
    with pytest.raises(CommandError):
        call_command("seed_demo", events=0, stdout=StringIO())
    assert not Event.objects.exists()
