"""`export_edition YEAR` / `import_edition FILE`: a complete, anonymous, re-importable archive.

The round trip runs the import in a fresh database, as a restoration would: a new SQLite file,
or a new PostgreSQL database when the suite runs on PostgreSQL.
"""

import gzip
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection

from academies.models import School
from events.models import (
    ClassRegistration,
    Edition,
    Event,
    EventStatusChange,
    PublishedFigure,
    Session,
    Theme,
)
from events.selectors.archives import edition_archive, edition_statistics
from events.services.archives import ARCHIVE_TEACHER_EMAIL, edition_import
from tests import factories

ROOT = Path(__file__).resolve().parent.parent.parent
Status = ClassRegistration.Status


@pytest.fixture
def edition_2031(db):
    """An edition with every kind of row: events in several statuses, organizers of each
    kind, sessions, registrations in every status, histories, personal data."""
    edition = factories.EditionFactory(year=2031, headline_theme="Fabriquer l'avenir")
    edition.focus_themes.set(Theme.objects.order_by("slug")[:2])
    PublishedFigure.objects.create(
        edition=edition, kind="labelled_events", value=7_500, is_minimum=True, source="Presse"
    )
    schools = [factories.SchoolFactory() for _ in range(3)]
    teacher = factories.UserFactory(email="prof.martin@ac-grenoble.fr")
    published = factories.PublishedEventFactory.create_batch(
        3,
        edition=edition,
        contact_name="Claire Dupont",
        contact_email="claire.dupont@usine.example.fr",
        contact_phone="04 76 00 00 00",
    )
    by_school = factories.PublishedEventFactory(
        edition=edition,
        organizer_kind=Event.OrganizerKind.SCHOOL,
        company=None,
        school=schools[0],
    )
    factories.EventFactory(edition=edition, status=Event.Status.DRAFT)
    factories.EventFactory(
        edition=edition, status=Event.Status.REJECTED, moderation_message="Hors critères."
    )
    for event in published:
        factories.EventStatusChangeFactory(event=event, to_status=Event.Status.PUBLISHED)
    statuses = [
        Status.CONFIRMED,
        Status.PENDING,
        Status.WAITLISTED,
        Status.DECLINED,
        Status.CANCELLED,
    ]
    for number, event in enumerate([*published, by_school]):
        first, second = factories.SessionFactory.create_batch(2, event=event, capacity=60)
        for index, status in enumerate(statuses[: 2 + number]):
            registration = factories.ClassRegistrationFactory(
                session=first if index % 2 == 0 else second,
                school=schools[index % 3],
                teacher=teacher,
                status=status,
                students=20 + index,
                girls=index * 3,
                needs="Élève allergique : Léa Martin.",
            )
            factories.RegistrationStatusChangeFactory(
                registration=registration, to_status=status, by=teacher, reason="Classe de Léa"
            )
    return edition


def test_the_archive_holds_the_edition_and_no_personal_data(edition_2031):
    archive = edition_archive(edition=edition_2031)
    assert archive["format"] == "semaine.edition-archive" and archive["version"] == 1
    assert archive["edition"]["year"] == 2031
    assert len(archive["events"]) == 6
    assert {event["id"] for event in archive["events"]} == set(
        Event.objects.filter(edition=edition_2031).values_list("pk", flat=True)
    )
    registrations = [
        registration
        for event in archive["events"]
        for session in event["sessions"]
        for registration in session["registrations"]
    ]
    assert len(registrations) == ClassRegistration.objects.count() == 14
    assert {school["uai"] for school in archive["schools"]} == set(
        School.objects.values_list("uai", flat=True)
    )
    text = json.dumps(archive, ensure_ascii=False)
    for personal in ("prof.martin", "Claire Dupont", "claire.dupont", "04 76", "Léa Martin"):
        assert personal not in text
    for name in ("teacher", "needs", "contact_name", "contact_email", "created_by", "by"):
        assert f'"{name}":' not in text
    assert "Classe de Léa" in text  # a status change's reason is the moderation's, kept
    assert archive["statistics"] == edition_statistics(edition=edition_2031)


def test_the_statistics_count_what_an_edition_is_judged_by(edition_2031):
    figures = edition_statistics(edition=edition_2031)
    assert figures["events"] == 6
    assert figures["events_by_status"]["published"] == 4
    assert figures["sessions"] == 8
    confirmed = figures["registrations_by_status"]["confirmed"]
    assert confirmed == {"registrations": 4, "students": 80, "girls": 0, "adults": 8}
    assert figures["registrations_by_status"]["cancelled"]["registrations"] == 1


# --- Round trip into a fresh database ---------------------------------------------------------

COUNTS = """
import json
from django.db import connection
from events.models import (
    ClassRegistration,
    Edition,
    Event,
    EventStatusChange,
    PublishedFigure,
    Session,
    Theme,
)
from events.models import RegistrationStatusChange
from events.selectors.archives import edition_statistics
edition = Edition.objects.get(year=2031)
figures = {
    "statistics": edition_statistics(edition=edition),
    "event_ids": sorted(Event.objects.filter(edition=edition).values_list("pk", flat=True)),
    "sessions": Session.objects.count(),
    "registrations": ClassRegistration.objects.count(),
    "event_changes": EventStatusChange.objects.count(),
    "registration_changes": RegistrationStatusChange.objects.count(),
    "themes": sorted(Event.objects.values_list("themes__slug", flat=True).distinct()),
    "focus": sorted(edition.focus_themes.values_list("slug", flat=True)),
    "figures": list(edition.published_figures.values_list("kind", "value", "is_minimum")),
}
if connection.vendor == "postgresql":  # the sequence follows the kept ids
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('events_event', 'id'))")
        figures["next_event_id"] = cursor.fetchone()[0]
print(json.dumps(figures))
"""


@pytest.fixture
def fresh_database(tmp_path):
    """The DATABASE_URL of a new, empty database of the suite's kind, dropped afterwards."""
    if connection.vendor != "postgresql":
        memory = Path("/dev/shm")  # no disk sync for the migrations, when there is one
        folder = memory if memory.is_dir() and os.access(memory, os.W_OK) else tmp_path
        path = folder / f"semaine-restore-{uuid.uuid4().hex[:10]}.sqlite3"
        yield f"sqlite:///{path}"
        path.unlink(missing_ok=True)
        return
    import psycopg2

    settings_dict = connection.settings_dict
    name = f"semaine_restore_{uuid.uuid4().hex[:10]}"
    server = {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": settings_dict["PORT"] or 5432,
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"] or None,
        "dbname": "postgres",
    }
    admin = psycopg2.connect(**server)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    password = f":{server['password']}" if server["password"] else ""
    yield f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def manage(*arguments, database_url: str) -> str:
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "semaine.settings.test",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_export_then_import_into_a_fresh_database_gives_the_same_edition(
    edition_2031, tmp_path, fresh_database
):
    path = tmp_path / "edition-2031.json.gz"
    call_command("export_edition", "2031", "--output", str(path))
    archive = json.loads(gzip.decompress(path.read_bytes()))
    event_ids = sorted(Event.objects.filter(edition=edition_2031).values_list("pk", flat=True))

    manage("migrate", "--noinput", database_url=fresh_database)
    out = manage("import_edition", str(path), database_url=fresh_database)
    assert "Édition 2031 importée : 6 événement(s), 8 créneau(x), 14 inscription(s)" in out
    shell = manage("shell", "-c", COUNTS, database_url=fresh_database)
    restored = json.loads(shell.strip().splitlines()[-1])

    assert (
        restored["statistics"] == archive["statistics"] == edition_statistics(edition=edition_2031)
    )
    assert restored["event_ids"] == event_ids  # public addresses unchanged
    assert restored["sessions"] == Session.objects.count()
    assert restored["registrations"] == ClassRegistration.objects.count()
    assert restored["event_changes"] == EventStatusChange.objects.count()
    assert restored["registration_changes"] == 14
    assert restored["focus"] == sorted(edition_2031.focus_themes.values_list("slug", flat=True))
    assert restored["figures"] == [["labelled_events", 7500, True]]
    if "next_event_id" in restored:
        assert restored["next_event_id"] > max(event_ids)


# --- Import into this database ---------------------------------------------------------------


def archive_without_edition(edition) -> dict:
    """The edition's archive, then the edition's rows deleted here (histories cascade)."""
    archive = edition_archive(edition=edition)
    ClassRegistration.objects.filter(session__event__edition=edition).delete()
    Event.objects.filter(edition=edition).delete()
    return archive


def test_an_import_recreates_the_rows_anonymously(edition_2031):
    expected = edition_statistics(edition=edition_2031)
    archive = archive_without_edition(edition_2031)
    report = edition_import(archive=archive)
    assert (report.events, report.sessions, report.registrations) == (6, 8, 14)
    assert report.kept_event_ids and report.schools_created == 0
    assert edition_statistics(edition=edition_2031) == expected
    registrations = ClassRegistration.objects.filter(session__event__edition=edition_2031)
    assert {r.teacher.email for r in registrations} == {ARCHIVE_TEACHER_EMAIL}
    assert not registrations.exclude(needs="").exists()
    assert not registrations.first().teacher.is_active
    events = Event.objects.filter(edition=edition_2031)
    assert not events.exclude(contact_email="").exists()
    assert events.get(status="rejected").moderation_message == "Hors critères."


def test_an_edition_that_already_has_events_is_refused(edition_2031):
    archive = edition_archive(edition=edition_2031)
    with pytest.raises(ValidationError, match="compte déjà 6 événement"):
        edition_import(archive=archive)


def test_ids_taken_here_are_renumbered(edition_2031):
    archive = archive_without_edition(edition_2031)
    elsewhere = factories.PublishedEventFactory()  # in the current edition
    archive["events"][0]["id"] = elsewhere.pk
    report = edition_import(archive=archive)
    assert not report.kept_event_ids
    assert Event.objects.filter(edition=edition_2031).count() == 6
    assert Event.objects.filter(pk=elsewhere.pk, edition=elsewhere.edition).exists()


def test_a_broken_archive_writes_nothing(edition_2031):
    archive = archive_without_edition(edition_2031)
    archive["events"][-1]["department"] = "99"
    archive["events"][-1]["sessions"] = []
    archive["events"][0]["sessions"][0]["capacity"] = 0
    schools = School.objects.count()
    with pytest.raises(ValidationError) as raised:
        edition_import(archive=archive)
    messages = " ".join(raised.value.messages)
    assert "Département « 99 » inconnu(e)" in messages
    assert not Event.objects.filter(edition=edition_2031).exists()
    assert School.objects.count() == schools


def test_figures_that_differ_from_the_archive_undo_the_import(edition_2031):
    archive = archive_without_edition(edition_2031)
    archive["statistics"]["sessions"] += 1
    with pytest.raises(ValidationError, match="diffèrent de ceux de l'archive : sessions"):
        edition_import(archive=archive)
    assert not Event.objects.filter(edition=edition_2031).exists()


def test_a_new_edition_is_created_by_the_import(edition_2031):
    archive = archive_without_edition(edition_2031)
    Edition.objects.filter(pk=edition_2031.pk).delete()
    report = edition_import(archive=archive)
    assert report.edition_created
    edition = Edition.objects.get(year=2031)
    assert edition.headline_theme == "Fabriquer l'avenir" and not edition.is_current
    assert edition.published_figures.get().value == 7_500


def test_the_commands_say_what_is_wrong_in_french(tmp_path, db):
    with pytest.raises(CommandError, match="Aucune édition 1999"):
        call_command("export_edition", "1999", "--output", str(tmp_path / "x.json"))
    bad = tmp_path / "pas-une-archive.json"
    bad.write_text('{"format": "autre"}')
    with pytest.raises(CommandError, match="n'est pas une archive d'édition"):
        call_command("import_edition", str(bad))
    bad.write_text("pas du JSON")
    with pytest.raises(CommandError, match="n'est pas une archive JSON"):
        call_command("import_edition", str(bad))


def test_an_empty_edition_here_takes_the_archives_dates(edition_2031):
    archive = archive_without_edition(edition_2031)
    week = (edition_2031.starts_on, edition_2031.ends_on)
    Edition.objects.filter(pk=edition_2031.pk).update(
        starts_on=None, ends_on=None, window_starts_on=None, window_ends_on=None
    )
    report = edition_import(archive=archive)
    edition_2031.refresh_from_db()
    assert (edition_2031.starts_on, edition_2031.ends_on) == week
    assert report.sessions == 8  # checked against the archive's window
