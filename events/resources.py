"""Export of events (django-import-export): readable columns, French headers, no N+1.

Export only: events are declared and moderated through the services (`event_save`, the
moderation services), never created from a spreadsheet.
"""

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.fields import Field

from semaine.queries import subquery_count, subquery_sum
from semaine.spreadsheets import FormulaSafeResource

from .models import ClassRegistration, Event, Session
from .rules.capacity import SEAT_HOLDING_STATUS, confirmed_students_expression


def _yes_no(value: bool) -> str:
    return gettext("Oui") if value else gettext("Non")


def _names(related) -> str:
    return "; ".join(item.name for item in related.all())


def _local(moment, event: Event) -> str:
    if moment is None:
        return ""
    return f"{timezone.localtime(moment, event.academy.tzinfo):%d/%m/%Y %H:%M}"


class EventResource(FormulaSafeResource, resources.ModelResource):
    """Cells that a spreadsheet would run as formulas are neutralised (semaine.spreadsheets)."""

    id = Field(attribute="id", column_name=_("Identifiant"))
    title = Field(attribute="title", column_name=_("Titre"))
    edition = Field(attribute="edition__year", column_name=_("Édition"))
    status = Field(column_name=_("Statut"))
    academy = Field(attribute="academy__name", column_name=_("Académie"))
    department = Field(attribute="department__code", column_name=_("Département"))
    organizer_kind = Field(column_name=_("Type d'organisateur"))
    organizer = Field(column_name=_("Organisateur"))
    organizer_id = Field(column_name=_("SIRET ou UAI de l'organisateur"))
    format = Field(column_name=_("Format"))
    address = Field(attribute="address", column_name=_("Adresse"))
    postcode = Field(attribute="postcode", column_name=_("Code postal"))
    city = Field(attribute="city", column_name=_("Commune"))
    action_types = Field(column_name=_("Types d'action"))
    themes = Field(column_name=_("Thématiques"))
    audiences = Field(column_name=_("Publics visés"))
    sessions_count = Field(attribute="sessions_count", column_name=_("Créneaux"))
    first_session = Field(column_name=_("Premier créneau (heure locale)"))
    confirmed_students = Field(attribute="confirmed_students", column_name=_("Élèves inscrits"))
    is_free = Field(column_name=_("Gratuit"))
    is_accessible = Field(column_name=_("Accessible"))
    accepts_class_registrations = Field(column_name=_("Accueille des classes"))
    contact_name = Field(attribute="contact_name", column_name=_("Contact"))
    contact_email = Field(attribute="contact_email", column_name=_("Courriel du contact"))
    created_at = Field(column_name=_("Déclaré le"))
    published_at = Field(column_name=_("Publié le"))
    rejection_reason = Field(column_name=_("Motif du refus"))

    class Meta:
        model = Event
        fields = (
            "id",
            "title",
            "edition",
            "status",
            "academy",
            "department",
            "organizer_kind",
            "organizer",
            "organizer_id",
            "format",
            "address",
            "postcode",
            "city",
            "action_types",
            "themes",
            "audiences",
            "sessions_count",
            "first_session",
            "confirmed_students",
            "is_free",
            "is_accessible",
            "accepts_class_registrations",
            "contact_name",
            "contact_email",
            "created_at",
            "published_at",
            "rejection_reason",
        )
        export_order = fields
        chunk_size = 2000  # rows per page of the export loop: 4 queries a page

    def get_queryset(self) -> QuerySet[Event]:
        return self.filter_export(Event.objects.all())

    def filter_export(self, queryset, **kwargs):
        """Whatever the changelist filtered, fetch the columns in a fixed number of queries."""
        queryset = queryset.select_related(
            "edition", "academy", "department", "company", "school"
        ).prefetch_related("themes", "audiences", "action_types")
        annotations = queryset.query.annotations
        if "sessions_count" not in annotations:
            queryset = queryset.annotate(
                sessions_count=subquery_count(Session.objects.all(), to="event")
            )
        if "confirmed_students" not in annotations:
            queryset = queryset.annotate(
                confirmed_students=subquery_sum(
                    ClassRegistration.objects.filter(status=SEAT_HOLDING_STATUS),
                    to="session__event",
                    field="students",
                )
            )
        if "first_session_at" not in annotations:
            first = Session.objects.filter(event=OuterRef("pk")).order_by("starts_at")
            queryset = queryset.annotate(first_session_at=Subquery(first.values("starts_at")[:1]))
        return queryset

    def dehydrate_rejection_reason(self, event):
        return event.get_rejection_reason_display() if event.rejection_reason else ""

    def dehydrate_status(self, event):
        return event.get_status_display()

    def dehydrate_organizer_kind(self, event):
        return event.get_organizer_kind_display()

    def dehydrate_organizer(self, event):
        return event.organizer_display

    def dehydrate_organizer_id(self, event):
        if event.company_id:
            return event.company.siret
        if event.school_id:
            return event.school.uai
        return ""

    def dehydrate_format(self, event):
        return event.get_format_display()

    def dehydrate_action_types(self, event):
        return _names(event.action_types)

    def dehydrate_themes(self, event):
        return _names(event.themes)

    def dehydrate_audiences(self, event):
        return _names(event.audiences)

    def dehydrate_first_session(self, event):
        return _local(getattr(event, "first_session_at", None), event)

    def dehydrate_is_free(self, event):
        return _yes_no(event.is_free)

    def dehydrate_is_accessible(self, event):
        return _yes_no(event.is_accessible)

    def dehydrate_accepts_class_registrations(self, event):
        return _yes_no(event.accepts_class_registrations)

    def dehydrate_created_at(self, event):
        return _local(event.created_at, event)

    def dehydrate_published_at(self, event):
        return _local(event.published_at, event)


class SessionResource(FormulaSafeResource, resources.ModelResource):
    """Sessions (créneaux) with their event and filling; export only, no N+1."""

    id = Field(attribute="id", column_name=_("Identifiant"))
    event_id = Field(attribute="event_id", column_name=_("Identifiant de l'événement"))
    event = Field(attribute="event__title", column_name=_("Événement"))
    edition = Field(attribute="event__edition__year", column_name=_("Édition"))
    academy = Field(attribute="event__academy__name", column_name=_("Académie"))
    city = Field(attribute="event__city", column_name=_("Commune"))
    starts_at = Field(column_name=_("Début (heure locale)"))
    ends_at = Field(column_name=_("Fin (heure locale)"))
    capacity = Field(attribute="capacity", column_name=_("Places"))
    confirmed_students = Field(attribute="confirmed_students", column_name=_("Élèves inscrits"))
    note = Field(attribute="note", column_name=_("Précision"))
    participants = Field(attribute="participants", column_name=_("Participants présents"))

    class Meta:
        model = Session
        fields = (
            "id",
            "event_id",
            "event",
            "edition",
            "academy",
            "city",
            "starts_at",
            "ends_at",
            "capacity",
            "confirmed_students",
            "note",
            "participants",
        )
        export_order = fields
        chunk_size = 2000

    def get_queryset(self) -> QuerySet[Session]:
        return self.filter_export(Session.objects.all())

    def filter_export(self, queryset, **kwargs):
        queryset = queryset.select_related("event__edition", "event__academy")
        if "confirmed_students" not in queryset.query.annotations:
            queryset = queryset.annotate(confirmed_students=confirmed_students_expression())
        return queryset

    def dehydrate_starts_at(self, session):
        return _local(session.starts_at, session.event)

    def dehydrate_ends_at(self, session):
        return _local(session.ends_at, session.event)


class ClassRegistrationResource(FormulaSafeResource, resources.ModelResource):
    """Class registrations with their session, event, school and teacher; export only."""

    id = Field(attribute="id", column_name=_("Identifiant"))
    event = Field(attribute="event__title", column_name=_("Événement"))
    academy = Field(attribute="event__academy__name", column_name=_("Académie"))
    session_start = Field(column_name=_("Créneau (heure locale)"))
    school_uai = Field(attribute="school__uai", column_name=_("UAI"))
    school = Field(attribute="school__name", column_name=_("Établissement"))
    teacher = Field(column_name=_("Enseignant"))
    teacher_email = Field(attribute="teacher__email", column_name=_("Courriel de l'enseignant"))
    class_level = Field(column_name=_("Niveau"))
    class_name = Field(attribute="class_name", column_name=_("Classe"))
    students = Field(attribute="students", column_name=_("Élèves"))
    girls = Field(attribute="girls", column_name=_("Dont filles"))
    accompanying_adults = Field(
        attribute="accompanying_adults", column_name=_("Adultes accompagnateurs")
    )
    status = Field(column_name=_("Statut"))
    created_at = Field(column_name=_("Demandée le"))

    class Meta:
        model = ClassRegistration
        fields = (
            "id",
            "event",
            "academy",
            "session_start",
            "school_uai",
            "school",
            "teacher",
            "teacher_email",
            "class_level",
            "class_name",
            "students",
            "girls",
            "accompanying_adults",
            "status",
            "created_at",
        )
        export_order = fields
        chunk_size = 2000

    def get_queryset(self) -> QuerySet[ClassRegistration]:
        return self.filter_export(ClassRegistration.objects.all())

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("session", "event__academy", "school", "teacher")

    def dehydrate_session_start(self, registration):
        return _local(registration.session.starts_at, registration.event)

    def dehydrate_teacher(self, registration):
        return registration.teacher.get_full_name() if registration.teacher_id else ""

    def dehydrate_class_level(self, registration):
        return registration.get_class_level_display()

    def dehydrate_status(self, registration):
        return registration.get_status_display()

    def dehydrate_created_at(self, registration):
        return _local(registration.created_at, registration.event)
