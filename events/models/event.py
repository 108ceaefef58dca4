"""Events (actions de sensibilisation) and their sessions (créneaux)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from academies.models import Academy, Company, Department, PlaceMixin, School

from .reference import ActionType, Audience, Edition, Theme


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Event.Status.PUBLISHED)


class Event(PlaceMixin):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SUBMITTED = "submitted", _("Soumis à labellisation")
        CHANGES_REQUESTED = "changes_requested", _("Modifications demandées")
        PUBLISHED = "published", _("Labellisé et publié")
        REJECTED = "rejected", _("Refusé")
        CANCELLED = "cancelled", _("Annulé")

    class OrganizerKind(models.TextChoices):
        COMPANY = "company", _("Entreprise")
        SCHOOL = "school", _("Établissement scolaire")
        OTHER = "other", _("Autre structure")

    class Format(models.TextChoices):
        ONSITE = "onsite", _("Sur place")
        ONLINE = "online", _("En ligne")
        HYBRID = "hybrid", _("Hybride")

    class RejectionReason(models.TextChoices):
        OUTSIDE_WINDOW = "outside_window", _("En dehors de la période de l'édition")
        NOT_FREE = "not_free", _("Payant pour les participants")
        NOT_INDUSTRY = "not_industry", _("Sans rapport avec l'industrie et ses métiers")
        NOT_OPEN = "not_open", _("Non ouvert aux publics cibles")
        DUPLICATE = "duplicate", _("Doublon d'un autre événement")
        INCOMPLETE = "incomplete", _("Déclaration incomplète")

    class RegistrationMode(models.TextChoices):
        AUTOMATIC = "automatic", _("Confirmation automatique dans la limite des places")
        APPROVAL = "approval", _("Validation par l'organisateur")

    edition = models.ForeignKey(
        Edition, verbose_name=_("édition"), on_delete=models.PROTECT, related_name="events"
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, blank=True)
    summary = models.CharField(_("résumé"), max_length=300, blank=True)
    description = models.TextField(_("description"))

    organizer_kind = models.CharField(
        _("type d'organisateur"), max_length=10, choices=OrganizerKind.choices
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("entreprise organisatrice"),
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("établissement organisateur"),
        on_delete=models.PROTECT,
        related_name="organized_events",
        null=True,
        blank=True,
    )
    organizer_name = models.CharField(
        _("nom de la structure organisatrice"),
        max_length=255,
        blank=True,
        help_text=_("Pour une structure qui n'est ni une entreprise ni un établissement."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déclaré par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="declared_events",
    )
    # Contact details stay private: shown to staff and registered teachers only.
    contact_name = models.CharField(_("nom du contact"), max_length=150, blank=True)
    contact_email = models.EmailField(_("courriel du contact"), blank=True)
    contact_phone = models.CharField(_("téléphone du contact"), max_length=20, blank=True)

    academy = models.ForeignKey(
        Academy, verbose_name=_("académie"), on_delete=models.PROTECT, related_name="events"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("département"), on_delete=models.PROTECT, related_name="events"
    )
    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.ONSITE
    )
    online_url = models.URLField(_("lien de connexion"), blank=True)

    action_types = models.ManyToManyField(
        ActionType, verbose_name=_("types d'action"), related_name="events"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("thématiques"), related_name="events")
    audiences = models.ManyToManyField(
        Audience, verbose_name=_("publics visés"), related_name="events"
    )

    is_accessible = models.BooleanField(
        _("accessible aux personnes en situation de handicap"), default=False
    )
    accessibility_details = models.TextField(_("précisions sur l'accessibilité"), blank=True)
    is_free = models.BooleanField(_("gratuit"), default=True)
    accepts_class_registrations = models.BooleanField(
        _("accueille des classes sur inscription"), default=False
    )
    registration_mode = models.CharField(
        _("mode d'inscription des classes"),
        max_length=10,
        choices=RegistrationMode.choices,
        default=RegistrationMode.AUTOMATIC,
    )
    cancellation_notice_hours = models.PositiveSmallIntegerField(
        _("délai d'annulation des classes (heures avant le créneau)"),
        default=48,
        validators=[MaxValueValidator(24 * 30)],
        help_text=_("Un enseignant peut annuler sa classe en ligne jusqu'à ce délai."),
    )

    status = models.CharField(
        _("statut"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    moderation_message = models.TextField(
        _("dernier message de modération"),
        blank=True,
        help_text=_("Motif du refus ou modifications demandées, visible par l'organisateur."),
    )
    rejection_reason = models.CharField(
        _("motif du refus"),
        max_length=20,
        choices=RejectionReason.choices,
        blank=True,
        help_text=_("Le motif choisi lors du dernier refus de labellisation."),
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    submitted_at = models.DateTimeField(_("soumis le"), null=True, blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    # Incremented by every event_save: two organizers editing at once never lose an edit.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    labelling_reminded_at = models.DateTimeField(
        _("rappel de labellisation envoyé le"), null=True, blank=True, editable=False
    )
    renewed_from = models.ForeignKey(
        "self",
        verbose_name=_("reconduit de"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewals",
        editable=False,
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["edition", "status"], name="event_edition_status_idx"),
            models.Index(fields=["status", "academy"], name="event_status_academy_idx"),
            models.Index(fields=["status", "department"], name="event_status_dept_idx"),
            models.Index(fields=["status", "-published_at"], name="event_status_published_idx"),
            models.Index(fields=["latitude", "longitude"], name="event_coordinates_idx"),
            # the admin changelist's default order and date drill-down
            models.Index(fields=["-created_at"], name="event_created_idx"),
            # behind the admin's list filters
            models.Index(fields=["format"], name="event_format_idx"),
            models.Index(fields=["organizer_kind"], name="event_organizer_kind_idx"),
            models.Index(fields=["accepts_class_registrations"], name="event_accepts_classes_idx"),
            # the moderation queue: submitted events, oldest first
            models.Index(fields=["status", "submitted_at"], name="event_status_submitted_idx"),
            # the statistics read an edition's events from this narrow copy (PostgreSQL
            # index-only scans) rather than the wide table: 4x faster at 100,000 events
            models.Index(
                fields=["edition", "academy"],
                include=["id", "status", "company", "school", "department", "submitted_at"],
                name="event_statistics_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(organizer_kind="company", company__isnull=False, school__isnull=True)
                    | Q(organizer_kind="school", school__isnull=False, company__isnull=True)
                    | (
                        Q(organizer_kind="other", company__isnull=True, school__isnull=True)
                        & ~Q(organizer_name="")
                    )
                ),
                name="event_organizer_consistent",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:200] or "evenement"
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        kind = self.organizer_kind
        if kind == self.OrganizerKind.COMPANY and not self.company_id:
            errors["company"] = _("Indiquez l'entreprise organisatrice.")
        if kind == self.OrganizerKind.SCHOOL and not self.school_id:
            errors["school"] = _("Indiquez l'établissement organisateur.")
        if kind == self.OrganizerKind.OTHER and not self.organizer_name.strip():
            errors["organizer_name"] = _("Indiquez le nom de la structure organisatrice.")
        if self.department_id:
            self.academy_id = self.department.academy_id
        if self.format in (self.Format.ONSITE, self.Format.HYBRID) and not (
            self.address and self.city
        ):
            errors["address"] = _("Indiquez l'adresse d'un événement sur place ou hybride.")
        if self.format in (self.Format.ONLINE, self.Format.HYBRID) and not self.online_url:
            errors["online_url"] = _("Indiquez le lien d'un événement en ligne ou hybride.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"pk": self.pk, "slug": self.slug or "evenement"})

    @property
    def organizer_display(self) -> str:
        if self.organizer_kind == self.OrganizerKind.COMPANY and self.company_id:
            return self.company.name
        if self.organizer_kind == self.OrganizerKind.SCHOOL and self.school_id:
            return self.school.name
        return self.organizer_name

    @property
    def tzinfo(self):
        return self.academy.tzinfo


class Session(models.Model):
    """A time slot of an event; its capacity is counted in students (empty: unlimited)."""

    event = models.ForeignKey(
        Event, verbose_name=_("événement"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    capacity = models.PositiveIntegerField(
        _("capacité (élèves)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Nombre maximal d'élèves ; vide : sans limite."),
    )
    note = models.CharField(_("précision"), max_length=255, blank=True)
    # Attendance, reported by the organizer after the session (events.services.attendance).
    participants = models.PositiveIntegerField(_("participants présents"), null=True, blank=True)
    participants_girls = models.PositiveIntegerField(_("dont filles"), null=True, blank=True)
    participants_boys = models.PositiveIntegerField(_("dont garçons"), null=True, blank=True)
    attendance_reported_at = models.DateTimeField(
        _("présence déclarée le"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("créneau")
        verbose_name_plural = _("créneaux")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["event", "starts_at"], name="session_event_start_idx"),
            models.Index(fields=["starts_at"], name="session_start_idx"),
            # the statistics' sums of places and attendance, index-only on PostgreSQL
            models.Index(
                fields=["event"],
                include=[
                    "id",
                    "capacity",
                    "participants",
                    "participants_girls",
                    "attendance_reported_at",
                ],
                name="session_statistics_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            # the target of the registrations' (session, event) foreign key
            models.UniqueConstraint(fields=["id", "event"], name="session_id_event_unique"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="session_capacity_positive",
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at, self.event.tzinfo)
        return f"{self.event.title} — {local:%d/%m/%Y %H:%M}"

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("La fin du créneau doit suivre son début.")
        if self.starts_at and self.event_id:
            from ..rules.editions import edition_window_error

            tz = self.event.academy.tzinfo if self.event.academy_id else None
            window_error = edition_window_error(
                edition=self.event.edition, moments=(self.starts_at, self.ends_at), tz=tz
            )
            if window_error:
                errors["starts_at"] = window_error
        counted = (self.participants_girls or 0) + (self.participants_boys or 0)
        if self.participants is not None and counted > self.participants:
            errors["participants"] = _(
                "Les filles et les garçons ne peuvent dépasser le nombre de participants."
            )
        if errors:
            raise ValidationError(errors)
