from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .managers import UserManager


class User(AbstractUser):
    """A person signing in with an e-mail address: teacher, organizer or staff.

    What a user may do comes from their roles (school, company, académie memberships in
    `academies`), plus `is_national_staff` for the national team that sees every académie.
    """

    username = None
    first_name = models.CharField(_("prénom"), max_length=150, blank=True)
    last_name = models.CharField(_("nom"), max_length=150, blank=True)
    email = models.EmailField(_("adresse électronique"), unique=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    is_national_staff = models.BooleanField(
        _("équipe nationale"),
        default=False,
        help_text=_("Voit et modère les événements de toutes les académies."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)
