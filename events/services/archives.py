"""Take an edition back from its archive (`manage.py import_edition FILE`).

The archive is the one `selectors.archives.edition_archive` writes. The import is a
restoration, not a new declaration: the moderation and booking services, whose rules are
about what may happen *now* (registration deadlines, transitions), are not replayed; every
row is checked instead by its model (full_clean: field validators and clean(), which holds
the edition's window and the organizer's consistency), and the database's own constraints
(capacity and uniqueness checks) take the rows in one transaction. At the end the edition's
figures must be those the archive recorded, or nothing is kept.
"""

import logging
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.utils.text import slugify
from django.utils.translation import gettext as _

from academies.models import Academy, Company, Department, School

from ..cache import public_cache_invalidate
from ..models import (
    ActionType,
    Audience,
    ClassRegistration,
    Edition,
    Event,
    EventStatusChange,
    PublishedFigure,
    RegistrationStatusChange,
    Session,
    Theme,
)
from ..selectors.archives import (
    ARCHIVE_FORMAT,
    ARCHIVE_VERSION,
    EVENT_MANY_TO_MANY,
    archive_fields,
    edition_statistics,
)

logger = logging.getLogger(__name__)

# The anonymous registrations of imported editions belong to this account (inactive, no
# password): a registration needs a teacher, an archive names none.
ARCHIVE_TEACHER_EMAIL = "archives@semaine.invalid"
BATCH_SIZE = 1000
MAX_REPORTED_ERRORS = 20
NESTED_KEYS = {
    "id",
    "status_changes",
    "sessions",
    "registrations",
    "focus_themes",
    "published_figures",
    *EVENT_MANY_TO_MANY,
}


@dataclass
class ImportReport:
    year: int
    events: int = 0
    sessions: int = 0
    registrations: int = 0
    schools_created: int = 0
    companies_created: int = 0
    edition_created: bool = False
    kept_event_ids: bool = False
    ignored_columns: set[str] = field(default_factory=set)


class _Rows:
    """Builds model instances from archive rows, collecting every error with its place."""

    def __init__(self, report: ImportReport):
        self.report = report
        self.errors: list[str] = []

    def error(self, where: str, message) -> None:
        self.errors.append(f"{where} : {message}")

    def build(self, model: type[Model], row: dict, *, where: str, **related) -> Model:
        columns = {f.name: f for f in archive_fields(model)}
        values = {}
        for name, value in row.items():
            column = columns.get(name)
            if column is None:
                if name not in NESTED_KEYS:
                    self.report.ignored_columns.add(f"{model.__name__}.{name}")
                continue
            if column.is_relation:
                continue  # resolved by the caller, in `related`
            try:
                values[column.attname] = column.to_python(value)
            except ValidationError as error:
                self.error(f"{where}, {name}", " ".join(error.messages))
        return model(**values, **related)

    def check(self, instance: Model, *, where: str) -> None:
        """Field validators and the model's clean(); the foreign keys were looked up here,
        the constraints are the database's."""
        relations = [f.name for f in type(instance)._meta.concrete_fields if f.is_relation]
        try:
            instance.full_clean(
                exclude=relations, validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.error(f"{where}, {name}", " ".join(messages))

    def raise_if_any(self) -> None:
        if self.errors:
            shown = self.errors[:MAX_REPORTED_ERRORS]
            if len(self.errors) > MAX_REPORTED_ERRORS:
                shown.append(
                    _("… et %(count)d autres erreurs.")
                    % {"count": len(self.errors) - MAX_REPORTED_ERRORS}
                )
            raise ValidationError(shown)


def _by(model: type[Model], field_name: str) -> dict:
    return {getattr(item, field_name): item for item in model.objects.all()}


def _lookup(table: dict, key, *, rows: _Rows, where: str, what: str):
    if key in (None, ""):
        return None
    try:
        return table[key]
    except KeyError:
        rows.error(where, _("%(what)s « %(key)s » inconnu(e)") % {"what": what, "key": key})
        return None


def _archive_teacher():
    User = get_user_model()
    teacher = User.objects.filter(email=ARCHIVE_TEACHER_EMAIL).first()
    if teacher is None:
        teacher = User(email=ARCHIVE_TEACHER_EMAIL, last_name="Archives", is_active=False)
        teacher.set_unusable_password()
        teacher.full_clean()
        teacher.save()
    return teacher


def _edition(archive: dict, rows: _Rows, report: ImportReport) -> Edition:
    row = archive["edition"]
    edition = Edition.objects.filter(year=row.get("year")).first()
    if edition is None:
        edition = rows.build(Edition, row, where=_("édition"))
        rows.check(edition, where=_("édition"))
        rows.raise_if_any()
        edition.save()
        themes = Theme.objects.filter(slug__in=row.get("focus_themes", []))
        edition.focus_themes.set(themes)
        report.edition_created = True
    else:
        existing = Event.objects.filter(edition=edition).count()
        if existing:
            raise ValidationError(
                _(
                    "L'édition %(year)s compte déjà %(count)d événement(s) : une archive ne "
                    "s'importe que dans une édition vide."
                )
                % {"year": edition.year, "count": existing}
            )
        # An empty edition takes the archive's dates and themes: its sessions were checked
        # against them (the reference data may not know the dates yet).
        archived = rows.build(Edition, row, where=_("édition"))
        for column in archive_fields(Edition):
            if not column.is_relation and column.name in row:
                setattr(edition, column.attname, getattr(archived, column.attname))
        rows.check(edition, where=_("édition"))
        rows.raise_if_any()
        edition.save()
        if "focus_themes" in row:
            edition.focus_themes.set(Theme.objects.filter(slug__in=row["focus_themes"]))
    # Published figures: those this database lacks (the reference data may have them).
    known = set(edition.published_figures.values_list("kind", flat=True))
    figures = []
    for number, figure_row in enumerate(row.get("published_figures", []), start=1):
        if figure_row.get("kind") in known:
            continue
        where = _("chiffre publié %(number)d") % {"number": number}
        figure = rows.build(PublishedFigure, figure_row, where=where, edition=edition)
        rows.check(figure, where=where)
        figures.append(figure)
    rows.raise_if_any()
    PublishedFigure.objects.bulk_create(figures)
    return edition


def _places(model, rows_in, key: str, rows: _Rows, departments: dict) -> tuple[dict, int]:
    """Schools or companies by natural key: the existing ones as they are, the missing ones
    created from the archive. Returns ({key: instance}, number created)."""
    keys = [row[key] for row in rows_in]
    found = {getattr(item, key): item for item in model.objects.filter(**{f"{key}__in": keys})}
    missing = []
    for row in rows_in:
        if row[key] in found:
            continue
        where = f"{model._meta.verbose_name} {row[key]}"
        department = _lookup(
            departments, row.get("department"), rows=rows, where=where, what=_("Département")
        )
        instance = rows.build(model, row, where=where, department=department)
        rows.check(instance, where=where)
        missing.append(instance)
        found[row[key]] = instance
    rows.raise_if_any()
    model.objects.bulk_create(missing, batch_size=BATCH_SIZE)
    return found, len(missing)


def _history(model, rows_in: list[dict], rows: _Rows, *, where: str, **parent) -> list:
    changes = []
    for number, row in enumerate(rows_in, start=1):
        change = rows.build(model, row, where=f"{where}, historique {number}", **parent)
        rows.check(change, where=f"{where}, historique {number}")
        changes.append(change)
    return changes


@transaction.atomic
def edition_import(*, archive: dict) -> ImportReport:
    """Import an edition's archive into this database, all or nothing.

    The edition is created when missing; otherwise it must have no event, and takes the
    archive's dates and themes (its flag « édition en cours » stays as it is). Schools and
    companies missing here are created from the archive, existing ones kept as they are.
    Events keep their ids (their public addresses) when none is taken here. Raises
    ValidationError with every problem found, in French; nothing is written then.
    """
    if archive.get("format") != ARCHIVE_FORMAT or archive.get("version") != ARCHIVE_VERSION:
        raise ValidationError(
            _("Ce fichier n'est pas une archive d'édition (format %(format)s, version %(v)s).")
            % {"format": ARCHIVE_FORMAT, "v": ARCHIVE_VERSION}
        )
    report = ImportReport(year=archive["edition"].get("year"))
    rows = _Rows(report)
    edition = _edition(archive, rows, report)

    departments = _by(Department, "code")
    academies = _by(Academy, "code")
    references = {
        "action_types": _by(ActionType, "slug"),
        "themes": _by(Theme, "slug"),
        "audiences": _by(Audience, "slug"),
    }
    schools, report.schools_created = _places(
        School, archive.get("schools", []), "uai", rows, departments
    )
    companies, report.companies_created = _places(
        Company, archive.get("companies", []), "siret", rows, departments
    )
    teacher = _archive_teacher()

    event_rows = archive.get("events", [])
    wanted_ids = [row["id"] for row in event_rows if row.get("id")]
    report.kept_event_ids = bool(wanted_ids) and not (
        Event.objects.filter(pk__in=wanted_ids).exists()
    )

    # Events of earlier editions these renew, when they are in this database.
    renewed_ids = {row["renewed_from"] for row in event_rows if row.get("renewed_from")}
    renewed = set(Event.objects.filter(pk__in=renewed_ids).values_list("pk", flat=True))

    events, links, event_changes = [], [], []
    for row in event_rows:
        where = _("événement %(id)s") % {"id": row.get("id")}
        event = rows.build(
            Event,
            row,
            where=where,
            edition=edition,
            academy=_lookup(
                academies, row.get("academy"), rows=rows, where=where, what=_("Académie")
            ),
            department=_lookup(
                departments, row.get("department"), rows=rows, where=where, what=_("Département")
            ),
            company=_lookup(companies, row.get("company"), rows=rows, where=where, what="SIRET"),
            school=_lookup(schools, row.get("school"), rows=rows, where=where, what="UAI"),
        )
        if report.kept_event_ids:
            event.pk = row["id"]
        if row.get("renewed_from") in renewed:
            event.renewed_from_id = row["renewed_from"]
        event.slug = event.slug or slugify(event.title)[:200] or "evenement"
        rows.check(event, where=where)
        for name in EVENT_MANY_TO_MANY:
            for slug in row.get(name, []):
                item = _lookup(references[name], slug, rows=rows, where=where, what=name)
                links.append((event, name, item))
        events.append((event, row))
    rows.raise_if_any()

    try:
        Event.objects.bulk_create([event for event, _row in events], batch_size=BATCH_SIZE)
        if report.kept_event_ids:
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [Event]):
                    cursor.execute(sql)
        for name in EVENT_MANY_TO_MANY:
            through = getattr(Event, name).through
            source = getattr(Event, name).field.m2m_field_name()
            target = getattr(Event, name).field.m2m_reverse_field_name()
            through.objects.bulk_create(
                [
                    through(**{source: event, target: item})
                    for event, link, item in links
                    if link == name
                ],
                batch_size=BATCH_SIZE,
            )

        sessions, registrations, registration_changes = [], [], []
        for event, row in events:
            where = _("événement %(id)s") % {"id": row.get("id")}
            event_changes += _history(
                EventStatusChange, row.get("status_changes", []), rows, where=where, event=event
            )
            for number, session_row in enumerate(row.get("sessions", []), start=1):
                session_where = f"{where}, créneau {number}"
                session = rows.build(Session, session_row, where=session_where, event=event)
                rows.check(session, where=session_where)
                sessions.append((session, session_row, session_where))
        rows.raise_if_any()
        EventStatusChange.objects.bulk_create(event_changes, batch_size=BATCH_SIZE)
        Session.objects.bulk_create([s for s, _row, _w in sessions], batch_size=BATCH_SIZE)

        for session, session_row, session_where in sessions:
            for number, registration_row in enumerate(session_row.get("registrations", []), 1):
                where = f"{session_where}, inscription {number}"
                registration = rows.build(
                    ClassRegistration,
                    registration_row,
                    where=where,
                    session=session,
                    event=session.event,
                    teacher=teacher,
                    school=_lookup(
                        schools, registration_row.get("school"), rows=rows, where=where, what="UAI"
                    ),
                )
                rows.check(registration, where=where)
                registrations.append((registration, registration_row, where))
        rows.raise_if_any()
        ClassRegistration.objects.bulk_create(
            [r for r, _row, _w in registrations], batch_size=BATCH_SIZE
        )
        for registration, registration_row, where in registrations:
            registration_changes += _history(
                RegistrationStatusChange,
                registration_row.get("status_changes", []),
                rows,
                where=where,
                registration=registration,
            )
        rows.raise_if_any()
        RegistrationStatusChange.objects.bulk_create(registration_changes, batch_size=BATCH_SIZE)
    except IntegrityError as error:  # a database constraint the rows break
        raise ValidationError(
            _("L'archive contredit une règle de la base de données : %(error)s") % {"error": error}
        ) from error

    expected = archive.get("statistics")
    imported = edition_statistics(edition=edition)
    if expected is not None and imported != expected:
        differences = sorted(
            key
            for key in expected.keys() | imported.keys()
            if expected.get(key) != imported.get(key)
        )
        raise ValidationError(
            _("Les chiffres de l'édition importée diffèrent de ceux de l'archive : %(keys)s.")
            % {"keys": ", ".join(differences)}
        )
    report.events, report.sessions = len(events), len(sessions)
    report.registrations = len(registrations)
    transaction.on_commit(public_cache_invalidate)
    logger.info(
        "edition %s imported: %s events, %s sessions, %s registrations",
        report.year,
        report.events,
        report.sessions,
        report.registrations,
    )
    return report
