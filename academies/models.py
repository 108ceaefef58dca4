"""The territory (régions académiques, académies, départements) and its participants."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from semaine.translated import TranslatedNameMixin

from .validators import (
    siret_normalize,
    uai_department_code,
    uai_is_valid,
    uai_normalize,
    validate_siret,
    validate_uai,
)

TIME_ZONE_CHOICES = [
    ("Europe/Paris", "Europe/Paris"),
    ("America/Guadeloupe", "America/Guadeloupe"),
    ("America/Martinique", "America/Martinique"),
    ("America/Cayenne", "America/Cayenne"),
    ("Indian/Reunion", "Indian/Reunion"),
    ("Indian/Mayotte", "Indian/Mayotte"),
]

LATITUDE_VALIDATORS = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE_VALIDATORS = [MinValueValidator(-180), MaxValueValidator(180)]


class RegionAcademique(TranslatedNameMixin, models.Model):
    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("région académique")
        verbose_name_plural = _("régions académiques")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Academy(TranslatedNameMixin, models.Model):
    code = models.CharField(_("code ministériel"), max_length=2, unique=True)
    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant d'URL"), max_length=100, unique=True)
    region = models.ForeignKey(
        RegionAcademique,
        verbose_name=_("région académique"),
        on_delete=models.PROTECT,
        related_name="academies",
    )
    time_zone = models.CharField(
        _("fuseau horaire"), max_length=40, choices=TIME_ZONE_CHOICES, default="Europe/Paris"
    )
    republish_requires_moderation = models.BooleanField(
        _("remodérer un événement labellisé modifié"),
        default=False,
        help_text=_(
            "Un événement labellisé dont l'organisateur change les dates, le lieu, le format "
            "ou réduit la capacité repasse en modération."
        ),
    )

    class Meta:
        verbose_name = _("académie")
        verbose_name_plural = _("académies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Department(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    academy = models.ForeignKey(
        Academy, verbose_name=_("académie"), on_delete=models.PROTECT, related_name="departments"
    )

    class Meta:
        verbose_name = _("département")
        verbose_name_plural = _("départements")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.name}"


class PlaceMixin(models.Model):
    """A postal address with optional coordinates (WGS 84)."""

    address = models.CharField(_("adresse"), max_length=255, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True, db_index=True)
    city = models.CharField(_("commune"), max_length=100, blank=True)
    city_code = models.CharField(_("code commune INSEE"), max_length=5, blank=True)
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=LATITUDE_VALIDATORS
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=LONGITUDE_VALIDATORS
    )

    class Meta:
        abstract = True

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class School(PlaceMixin):
    class Sector(models.TextChoices):
        PUBLIC = "public", _("Public")
        PRIVATE = "private", _("Privé")

    uai = models.CharField(_("UAI"), max_length=8, unique=True, validators=[validate_uai])
    name = models.CharField(_("nom"), max_length=255)
    kind = models.CharField(_("type d'établissement"), max_length=100, blank=True, db_index=True)
    sector = models.CharField(
        _("secteur"), max_length=10, choices=Sector.choices, default=Sector.PUBLIC
    )
    department = models.ForeignKey(
        Department, verbose_name=_("département"), on_delete=models.PROTECT, related_name="schools"
    )
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    is_open = models.BooleanField(_("ouvert"), default=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("établissement scolaire")
        verbose_name_plural = _("établissements scolaires")
        ordering = ["name"]
        indexes = [models.Index(fields=["department", "is_open"], name="school_dept_open_idx")]

    def __str__(self):
        return f"{self.name} ({self.uai})"

    def clean(self):
        self.uai = uai_normalize(self.uai)
        if (
            self.department_id
            and uai_is_valid(self.uai)
            and uai_department_code(self.uai) != self.department.code
        ):
            raise ValidationError({"department": _("Le département ne correspond pas à l'UAI.")})

    @property
    def academy(self) -> Academy:
        return self.department.academy


class Company(PlaceMixin):
    class Diffusion(models.TextChoices):
        # Sirene's statutDiffusionEtablissement / statutDiffusionUniteLegale.
        FULL = "O", _("Diffusion complète")
        PARTIAL = "P", _("Diffusion partielle (commune seulement)")

    class SizeBand(models.TextChoices):
        # INSEE "tranche d'effectifs" codes
        NONE = "NN", _("Non employeuse")
        ZERO = "00", _("0 salarié")
        FROM_1 = "01", _("1 ou 2 salariés")
        FROM_3 = "02", _("3 à 5 salariés")
        FROM_6 = "03", _("6 à 9 salariés")
        FROM_10 = "11", _("10 à 19 salariés")
        FROM_20 = "12", _("20 à 49 salariés")
        FROM_50 = "21", _("50 à 99 salariés")
        FROM_100 = "22", _("100 à 199 salariés")
        FROM_200 = "31", _("200 à 249 salariés")
        FROM_250 = "32", _("250 à 499 salariés")
        FROM_500 = "41", _("500 à 999 salariés")
        FROM_1000 = "42", _("1 000 à 1 999 salariés")
        FROM_2000 = "51", _("2 000 à 4 999 salariés")
        FROM_5000 = "52", _("5 000 à 9 999 salariés")
        FROM_10000 = "53", _("10 000 salariés et plus")

    siret = models.CharField(_("SIRET"), max_length=14, unique=True, validators=[validate_siret])
    name = models.CharField(_("raison sociale ou enseigne"), max_length=255)
    legal_name = models.CharField(
        _("dénomination de l'unité légale"),
        max_length=255,
        blank=True,
        help_text=_("Nom de l'entreprise au répertoire Sirene (stock des unités légales)."),
    )
    diffusion = models.CharField(
        _("statut de diffusion Sirene"),
        max_length=1,
        choices=Diffusion.choices,
        default=Diffusion.FULL,
        help_text=_(
            "En diffusion partielle, l'entreprise a demandé que ses données ne soient pas "
            "rediffusées : ni adresse ni coordonnées, seulement la commune, et elle n'est "
            "jamais proposée comme entreprise à solliciter."
        ),
    )
    naf_code = models.CharField(_("code NAF"), max_length=6, blank=True, db_index=True)
    size_band = models.CharField(
        _("tranche d'effectifs"), max_length=2, choices=SizeBand.choices, blank=True
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("département"),
        on_delete=models.PROTECT,
        related_name="companies",
        null=True,
        blank=True,
    )
    is_active = models.BooleanField(_("établissement actif"), default=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("entreprise")
        verbose_name_plural = _("entreprises")
        ordering = ["name"]
        constraints = [
            # A partially diffusible establishment: the commune, never the street or a point.
            models.CheckConstraint(
                condition=Q(diffusion="O")
                | Q(address="", latitude__isnull=True, longitude__isnull=True),
                name="company_partial_diffusion_no_address",
                violation_error_message=_(
                    "Entreprise en diffusion partielle : ni adresse ni coordonnées, la commune "
                    "seulement."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.siret})"

    def clean(self):
        self.siret = siret_normalize(self.siret)
        if self.is_partially_diffused:
            errors = {}
            if self.address:
                errors["address"] = _(
                    "Entreprise en diffusion partielle (Sirene) : son adresse ne peut être "
                    "ni enregistrée ni affichée, seulement sa commune."
                )
            if self.latitude is not None or self.longitude is not None:
                errors["latitude"] = _(
                    "Entreprise en diffusion partielle (Sirene) : pas de coordonnées."
                )
            if errors:
                raise ValidationError(errors)

    @property
    def is_partially_diffused(self) -> bool:
        return self.diffusion == self.Diffusion.PARTIAL

    @property
    def siren(self) -> str:
        return self.siret[:9]


class SchoolMembership(models.Model):
    """A user acting for a school: a teacher, or school staff declaring school-run actions."""

    class Role(models.TextChoices):
        TEACHER = "teacher", _("Enseignant ou enseignante")
        STAFF = "staff", _("Direction ou personnel de l'établissement")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur"),
        on_delete=models.CASCADE,
        related_name="school_memberships",
    )
    school = models.ForeignKey(
        School, verbose_name=_("établissement"), on_delete=models.CASCADE, related_name="members"
    )
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices, default=Role.TEACHER)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("membre d'un établissement")
        verbose_name_plural = _("membres des établissements")
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="school_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.school.name} ({self.get_role_display()})"


class CompanyMembership(models.Model):
    """A user organizing events on behalf of a company."""

    class Role(models.TextChoices):
        ORGANIZER = "organizer", _("Organisateur ou organisatrice")
        MANAGER = "manager", _("Responsable du compte entreprise")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur"),
        on_delete=models.CASCADE,
        related_name="company_memberships",
    )
    company = models.ForeignKey(
        Company, verbose_name=_("entreprise"), on_delete=models.CASCADE, related_name="members"
    )
    role = models.CharField(_("rôle"), max_length=10, choices=Role.choices, default=Role.ORGANIZER)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("membre d'une entreprise")
        verbose_name_plural = _("membres des entreprises")
        constraints = [
            models.UniqueConstraint(fields=["user", "company"], name="company_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.company.name}"


class AcademyStaff(models.Model):
    """A member of an académie's education services: moderates that académie only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utilisateur"),
        on_delete=models.CASCADE,
        related_name="academy_roles",
    )
    academy = models.ForeignKey(
        Academy, verbose_name=_("académie"), on_delete=models.CASCADE, related_name="staff"
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("personnel académique")
        verbose_name_plural = _("personnels académiques")
        constraints = [
            models.UniqueConstraint(fields=["user", "academy"], name="academy_staff_unique")
        ]

    def __str__(self):
        return f"{self.user} — {self.academy}"


class Partnership(models.Model):
    school = models.ForeignKey(
        School,
        verbose_name=_("établissement"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    company = models.ForeignKey(
        Company, verbose_name=_("entreprise"), on_delete=models.CASCADE, related_name="partnerships"
    )
    since = models.DateField(_("depuis le"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("partenariat école-entreprise")
        verbose_name_plural = _("partenariats école-entreprise")
        constraints = [
            models.UniqueConstraint(fields=["school", "company"], name="partnership_unique")
        ]

    def __str__(self):
        return f"{self.school.name} ↔ {self.company.name}"


# --- attachment requests (onboarding: a person asks to act for a school or a company) ----


class AttachmentRequest(models.Model):
    """A person asking to act for a school (teacher, school staff) or a company (organizer).

    Immediate when the rule allows it (a verified academic address of the school's académie,
    the first organizer of a company), otherwise pending until the académie's staff (or, for
    a company, its organizers) approve or refuse it. Written by `academies.services` only.
    """

    class Role(models.TextChoices):
        TEACHER = "teacher", _("Enseignant ou enseignante")
        SCHOOL_STAFF = "staff", _("Direction ou personnel de l'établissement")
        ORGANIZER = "organizer", _("Organisateur ou organisatrice d'entreprise")

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        APPROVED = "approved", _("Acceptée")
        REFUSED = "refused", _("Refusée")

    SCHOOL_ROLES = (Role.TEACHER, Role.SCHOOL_STAFF)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandeur"),
        on_delete=models.CASCADE,
        related_name="attachment_requests",
    )
    school = models.ForeignKey(
        School,
        verbose_name=_("établissement"),
        on_delete=models.CASCADE,
        related_name="attachment_requests",
        null=True,
        blank=True,
    )
    company = models.ForeignKey(
        Company,
        verbose_name=_("entreprise"),
        on_delete=models.CASCADE,
        related_name="attachment_requests",
        null=True,
        blank=True,
    )
    role = models.CharField(_("rôle demandé"), max_length=10, choices=Role.choices)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidée par"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)
    reason = models.TextField(_("motif"), blank=True)

    class Meta:
        verbose_name = _("demande de rattachement")
        verbose_name_plural = _("demandes de rattachement")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="attachment_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(school__isnull=False, company__isnull=True, role__in=["teacher", "staff"])
                    | Q(school__isnull=True, company__isnull=False, role="organizer")
                ),
                name="attachment_one_target",
                violation_error_message=_(
                    "Une demande de rattachement vise un établissement (enseignant, personnel) "
                    "ou une entreprise (organisateur), pas les deux."
                ),
            ),
            # One pending request per person and school or company: asking twice is refused.
            models.UniqueConstraint(
                fields=["user", "school"],
                condition=Q(status="pending", school__isnull=False),
                name="attachment_pending_school_unique",
                violation_error_message=_(
                    "Vous avez déjà une demande en attente pour cet établissement."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "company"],
                condition=Q(status="pending", company__isnull=False),
                name="attachment_pending_company_unique",
                violation_error_message=_(
                    "Vous avez déjà une demande en attente pour cette entreprise."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.target} ({self.get_role_display()})"

    @property
    def target(self):
        return self.school if self.school_id else self.company

    @property
    def academy_id(self):
        """The académie whose staff decide; None for a company without département."""
        if self.school_id:
            return self.school.department.academy_id
        department = self.company.department
        return department.academy_id if department else None


class AttachmentRequestChange(models.Model):
    """Append-only history of an attachment request: who decided what, when, why."""

    request = models.ForeignKey(
        AttachmentRequest,
        verbose_name=_("demande"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    from_status = models.CharField(
        _("ancien statut"), max_length=10, choices=AttachmentRequest.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("nouveau statut"), max_length=10, choices=AttachmentRequest.Status.choices
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    reason = models.TextField(_("motif"), blank=True)
    created_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("historique d'une demande de rattachement")
        verbose_name_plural = _("historique des demandes de rattachement")
        ordering = ["created_at", "pk"]

    def __str__(self):
        before = self.get_from_status_display() if self.from_status else _("Demande")
        return f"{before} → {self.get_to_status_display()}"
