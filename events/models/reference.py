"""Reference data national staff manage: editions, themes, action types, audiences."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from semaine.translated import TranslatedNameMixin


class OrderedReference(TranslatedNameMixin, models.Model):
    name = models.CharField(_("nom"), max_length=150, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre d'affichage"), default=0)
    is_active = models.BooleanField(_("proposé aux organisateurs"), default=True)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Theme(OrderedReference):
    class Meta(OrderedReference.Meta):
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")


class ActionType(OrderedReference):
    class Meta(OrderedReference.Meta):
        verbose_name = _("type d'action")
        verbose_name_plural = _("types d'action")


class Audience(OrderedReference):
    is_school_audience = models.BooleanField(
        _("public scolaire"),
        default=False,
        help_text=_("Public pouvant venir en classe (collégiens, lycéens…)."),
    )

    class Meta(OrderedReference.Meta):
        verbose_name = _("public")
        verbose_name_plural = _("publics")


class Edition(models.Model):
    """One yearly Semaine de l'industrie. Unknown dates stay empty rather than invented."""

    year = models.PositiveSmallIntegerField(_("année"), unique=True)
    starts_on = models.DateField(_("début de la semaine officielle"), null=True, blank=True)
    ends_on = models.DateField(_("fin de la semaine officielle"), null=True, blank=True)
    window_starts_on = models.DateField(
        _("début de la période acceptée"),
        null=True,
        blank=True,
        help_text=_("Tolérance autour de la semaine ; vide : la semaine officielle."),
    )
    window_ends_on = models.DateField(_("fin de la période acceptée"), null=True, blank=True)
    labelling_deadline = models.DateField(_("date limite de labellisation"), null=True, blank=True)
    headline_theme = models.CharField(_("thème de l'édition"), max_length=255, blank=True)
    focus_themes = models.ManyToManyField(
        Theme, verbose_name=_("thématiques mises en avant"), blank=True, related_name="editions"
    )
    is_current = models.BooleanField(_("édition en cours"), default=False)

    class Meta:
        verbose_name = _("édition")
        verbose_name_plural = _("éditions")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=Q(is_current=True), name="edition_single_current"
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="edition_week_ordered",
            ),
            models.CheckConstraint(
                condition=Q(window_starts_on__isnull=True)
                | Q(window_ends_on__isnull=True)
                | Q(window_ends_on__gte=F("window_starts_on")),
                name="edition_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(window_starts_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(window_starts_on__lte=F("starts_on")),
                name="edition_window_starts_before_week",
            ),
            models.CheckConstraint(
                condition=Q(window_ends_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(window_ends_on__gte=F("ends_on")),
                name="edition_window_ends_after_week",
            ),
        ]

    def __str__(self):
        return str(self.year)

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("La fin de la semaine doit suivre son début.")
        if self.window_starts_on and self.starts_on and self.window_starts_on > self.starts_on:
            errors["window_starts_on"] = _("La période acceptée doit englober la semaine.")
        if self.window_ends_on and self.ends_on and self.window_ends_on < self.ends_on:
            errors["window_ends_on"] = _("La période acceptée doit englober la semaine.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_dates(self) -> bool:
        return bool(self.starts_on and self.ends_on)

    def accepted_window(self) -> tuple[datetime.date, datetime.date] | None:
        """First and last accepted day (inclusive); the official week when no tolerance is set."""
        first = self.window_starts_on or self.starts_on
        last = self.window_ends_on or self.ends_on
        if not (first and last):
            return None
        return first, last

    def accepts_date(self, day: datetime.date) -> bool:
        window = self.accepted_window()
        return window is not None and window[0] <= day <= window[1]


class PublishedFigure(models.Model):
    """A figure of an edition as the organizers or the press published it, with its source:
    « chiffres publiés », never mixed with what the platform counts itself."""

    class Kind(models.TextChoices):
        LABELLED_EVENTS = "labelled_events", _("événements labellisés")
        EVENTS = "events", _("événements")
        PARTICIPANTS = "participants", _("participants")

    edition = models.ForeignKey(
        Edition,
        verbose_name=_("édition"),
        on_delete=models.CASCADE,
        related_name="published_figures",
    )
    kind = models.CharField(_("chiffre"), max_length=20, choices=Kind.choices)
    value = models.PositiveIntegerField(_("valeur"))
    is_minimum = models.BooleanField(
        _("au moins"), default=False, help_text=_("Publié comme « plus de … »")
    )
    source = models.CharField(_("source"), max_length=255, help_text=_("Qui l'a publié, et quand."))
    source_url = models.URLField(_("adresse de la source"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("chiffre publié")
        verbose_name_plural = _("chiffres publiés")
        ordering = ["edition", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="published_figure_unique")
        ]

    def __str__(self):
        return f"{self.edition} — {self.get_kind_display()} : {self.value}"
