"""Fixtures shared by the whole suite; they wrap the factories of tests/factories.py."""

import pytest

from tests import factories


@pytest.fixture
def user(db):
    return factories.UserFactory()


@pytest.fixture
def school(db):
    return factories.SchoolFactory()


@pytest.fixture
def company(db):
    return factories.CompanyFactory()


@pytest.fixture
def teacher(db, school):
    """A user who teaches at `school` (reach the school as `teacher.school`)."""
    membership = factories.SchoolMembershipFactory(school=school)
    membership.user.school = school
    return membership.user


@pytest.fixture
def organizer(db, company):
    """A user organizing events for `company` (reach it as `organizer.company`)."""
    membership = factories.CompanyMembershipFactory(company=company)
    membership.user.company = company
    return membership.user


@pytest.fixture
def academy_staff(db):
    """A staff member of the académie de Grenoble (code 08)."""
    return factories.AcademyStaffFactory().user


@pytest.fixture
def academy_manager(db):
    """A manager of the académie de Grenoble: moderator, plus its staff and settings."""
    from django.contrib.auth.models import Group

    from academies import groups

    user = factories.AcademyStaffFactory().user
    user.groups.add(Group.objects.get(name=groups.ACADEMY_MANAGER))
    return user


@pytest.fixture
def national_staff(db):
    return factories.UserFactory(is_staff=True, is_national_staff=True)


@pytest.fixture
def superuser(db):
    return factories.UserFactory(is_staff=True, is_superuser=True, is_national_staff=True)


@pytest.fixture
def published_event(db):
    return factories.PublishedEventFactory()


@pytest.fixture
def session_factory(db):
    return factories.SessionFactory


@pytest.fixture
def published_events(db):
    """Make `count` published events, each with `sessions` sessions and `themes` themes."""
    from events.models import Audience, Theme

    def make(count, *, sessions=1, themes=1, **kwargs):
        chosen_themes = list(Theme.objects.all()[:themes])
        audiences = list(Audience.objects.all()[:2])
        events = factories.PublishedEventFactory.create_batch(
            count, themes=chosen_themes, audiences=audiences, **kwargs
        )
        for event in events:
            factories.SessionFactory.create_batch(sessions, event=event)
        return events

    return make


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Call a service and run what it deferred to after the commit (e-mails, tasks)."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


@pytest.fixture
def register_class(commit):
    """Register a class through the service, e-mails sent:
    `register_class(session, teacher, 25, "3e B", girls=12)` (the teacher's school)."""
    from events.services import registration_create

    def register(session, teacher, students, class_name="3e A", **kwargs):
        return commit(
            registration_create,
            session=session,
            teacher=teacher,
            school=teacher.school,
            class_level=kwargs.pop("class_level", "3e"),
            class_name=class_name,
            students=students,
            **kwargs,
        )

    return register


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Public pages are cached: no test may see a page cached by another."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reference_data_reloaded(django_db_setup, django_db_blocker):
    """For transactional tests: their teardown flushes every table, reference data included.

    Request it BEFORE `transactional_db` in the test's arguments: set up first, it is torn
    down last, after the flush, and loads the data migrations' reference data again.
    """
    from importlib import import_module

    from django.apps import apps

    yield
    with django_db_blocker.unblock():
        for module in (
            "academies.migrations.0003_reference_data",
            "academies.migrations.0006_reference_names_data",
            "events.migrations.0003_reference_data",
            "events.migrations.0008_published_facts_and_reference_rows",
        ):
            import_module(module).load(apps, None)
