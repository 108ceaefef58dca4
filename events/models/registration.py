"""A class registered by its teacher on a session."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Lower, Replace
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academies.models import School

from .event import Event, Session


class ClassRegistration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de validation")
        CONFIRMED = "confirmed", _("Confirmée")
        WAITLISTED = "waitlisted", _("Sur liste d'attente")
        DECLINED = "declined", _("Refusée")
        CANCELLED = "cancelled", _("Annulée")

    ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

    class Level(models.TextChoices):
        PRIMARY = "primaire", _("École élémentaire (CM1-CM2)")
        SIXIEME = "6e", _("6e")
        CINQUIEME = "5e", _("5e")
        QUATRIEME = "4e", _("4e")
        TROISIEME = "3e", _("3e")
        SECONDE = "2nde", _("Seconde")
        PREMIERE = "1re", _("Première")
        TERMINALE = "terminale", _("Terminale")
        CAP = "cap", _("CAP")
        BTS = "bts", _("BTS")
        HIGHER = "superieur", _("Enseignement supérieur")
        OTHER = "autre", _("Autre")

    session = models.ForeignKey(
        Session, verbose_name=_("créneau"), on_delete=models.PROTECT, related_name="registrations"
    )
    # The session's event, stored again so that counts by edition or académie skip the
    # sessions table (half the statistics' time at 100,000 events). It never changes: a class
    # only moves between sessions of the same event. PostgreSQL holds it to the session's
    # with a two-column foreign key, `registration_event_of_session` (raw SQL in migration
    # 0014, unknown to Django's migration state: a migration altering `session`, `event` or
    # `Session.id` must drop and re-add it); `clean()` everywhere.
    event = models.ForeignKey(
        Event,
        verbose_name=_("événement"),
        on_delete=models.PROTECT,
        related_name="class_registrations",
        editable=False,
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("établissement"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enseignant ou enseignante"),
        on_delete=models.PROTECT,
        related_name="class_registrations",
    )
    class_level = models.CharField(_("niveau"), max_length=10, choices=Level.choices)
    class_name = models.CharField(
        _("nom de la classe"), max_length=50, help_text=_("Par exemple « 3e B ».")
    )
    students = models.PositiveSmallIntegerField(
        _("nombre d'élèves"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    girls = models.PositiveSmallIntegerField(
        _("dont filles"),
        null=True,
        blank=True,
        help_text=_("Pour les statistiques de mixité ; facultatif."),
    )
    accompanying_adults = models.PositiveSmallIntegerField(_("adultes accompagnateurs"), default=1)
    needs = models.TextField(_("besoins particuliers"), blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("demandée le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("inscription de classe")
        verbose_name_plural = _("inscriptions de classes")
        ordering = ["created_at", "id"]  # also the waiting-list order
        indexes = [
            models.Index(fields=["session", "status"], name="registration_session_status"),
            models.Index(fields=["teacher", "-created_at"], name="registration_teacher_idx"),
            # behind the admin's list filters
            models.Index(fields=["status"], name="registration_status_idx"),
            models.Index(fields=["class_level"], name="registration_level_idx"),
            # the admin's list, latest requests first, and its date drill-down
            models.Index(fields=["-created_at"], name="registration_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(students__gte=1), name="registration_students_min"),
            models.CheckConstraint(
                condition=Q(girls__isnull=True) | Q(girls__lte=F("students")),
                name="registration_girls_within_students",
            ),
            # « 3e b » and « 3E B » are the same class: case and spaces do not count.
            models.UniqueConstraint(
                F("session"),
                F("school"),
                Lower(Replace("class_name", Value(" "), Value(""))),
                condition=Q(status__in=["pending", "confirmed", "waitlisted"]),
                name="registration_one_active_per_class",
                violation_error_message=_("Cette classe est déjà inscrite sur ce créneau."),
            ),
        ]

    def __str__(self):
        return f"{self.class_name} — {self.school.name}"

    def clean(self):
        self.class_name = (self.class_name or "").strip()
        if self.session_id is not None:
            if self.event_id is None:
                self.event_id = self.session.event_id
            elif self.event_id != self.session.event_id:
                raise ValidationError(
                    {"session": _("Une classe ne change de créneau qu'au sein du même événement.")}
                )
        if self.girls is not None and self.students is not None and self.girls > self.students:
            raise ValidationError(
                {"girls": _("Le nombre de filles ne peut dépasser le nombre d'élèves.")}
            )

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES
