"""Append-only logs of status transitions: who, when, from, to, why."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .event import Event
from .registration import ClassRegistration


def status_label(choices, value: str) -> str:
    """The French (or active language) label of a status code; "—" for none, the raw code
    for one the choices no longer know."""
    if not value:
        return "—"
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def status_change_label(choices, change) -> str:
    """« Soumis à labellisation → Labellisé et publié », in the active language."""
    if not change.from_status:
        return status_label(choices, change.to_status)
    return (
        f"{status_label(choices, change.from_status)} → {status_label(choices, change.to_status)}"
    )


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied(_("Le journal des changements ne peut pas être modifié."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(_("Le journal des changements ne peut pas être supprimé."))


class StatusChangeFields(AppendOnlyModel):
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("le"), default=timezone.now, db_index=True)
    from_status = models.CharField(_("ancien statut"), max_length=20, blank=True)
    to_status = models.CharField(_("nouveau statut"), max_length=20)
    reason = models.TextField(_("motif"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


class EventStatusChange(StatusChangeFields):
    event = models.ForeignKey(
        Event, verbose_name=_("événement"), on_delete=models.CASCADE, related_name="status_changes"
    )
    # On a decision (from « soumis »): when the submission it answers was made, so that the
    # statistics read the moderation delay off the row instead of searching the history.
    submitted_at = models.DateTimeField(
        _("soumission examinée le"), null=True, blank=True, editable=False
    )

    class Meta(StatusChangeFields.Meta):
        verbose_name = _("changement de statut d'un événement")
        verbose_name_plural = _("historique des événements")
        indexes = [
            models.Index(fields=["to_status"], name="event_change_to_status_idx"),
            # the statistics' "latest submission before this decision", for the decisions
            # recorded without their `submitted_at` (older rows, archives)
            models.Index(fields=["event", "to_status", "at"], name="event_change_event_at_idx"),
        ]

    def __str__(self):
        return status_change_label(Event.Status, self)


class RegistrationStatusChange(StatusChangeFields):
    registration = models.ForeignKey(
        ClassRegistration,
        verbose_name=_("inscription"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )

    class Meta(StatusChangeFields.Meta):
        verbose_name = _("changement de statut d'une inscription")
        verbose_name_plural = _("historique des inscriptions")
        indexes = [models.Index(fields=["to_status"], name="registration_change_status_idx")]

    def __str__(self):
        return status_change_label(ClassRegistration.Status, self)
