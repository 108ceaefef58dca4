"""Facts the legal pages state: who publishes the service, the accessibility statement.

What depends on a deployment (the hosting provider, the contact address) comes from the
settings (LEGAL_HOSTING_PROVIDER, CONTACT_EMAIL); what depends on the code and its audits
is written here, and changes with a commit when an audit is made.
"""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Compliance(models.TextChoices):
    """The three statuses of the RGAA; a service never audited is « non conforme »."""

    NONE = "none", _("non conforme")
    PARTIAL = "partial", _("partiellement conforme")
    FULL = "full", _("totalement conforme")


@dataclass(frozen=True)
class AccessibilityStatement:
    compliance: Compliance
    rgaa_version: str
    established_on: datetime.date
    audit_date: datetime.date | None = None
    auditor: str = ""
    audit_rate: int | None = None  # % of the applicable RGAA criteria met
    # Known problems, checked in the templates, each a sentence in French (gettext).
    known_issues: tuple = field(default_factory=tuple)


ACCESSIBILITY = AccessibilityStatement(
    # No compliance audit has been made yet: the RGAA then requires « non conforme ».
    compliance=Compliance.NONE,
    rgaa_version="4.1.2",
    established_on=datetime.date(2026, 12, 1),
    known_issues=(
        _(
            "Les cartes des événements (page « Carte » et fiche d'un événement) ne sont pas "
            "utilisables au clavier seul ni avec un lecteur d'écran ; la liste des événements "
            "et l'adresse écrite de chaque événement en donnent le même contenu."
        ),
        _(
            "L'administration (espace des services académiques et de l'équipe nationale) "
            "repose sur l'interface d'administration de Django, qui ne suit pas le Système "
            "de design de l'État."
        ),
        _(
            "Les exports de données (CSV, iCalendar, JSON) sont des fichiers techniques, "
            "décrits sur la page « Données ouvertes »."
        ),
    ),
)

# The publisher of the Semaine de l'industrie, a public fact.
PUBLISHER = _(
    "Direction générale des Entreprises (DGE), ministère de l'Économie, des Finances et de "
    "la Souveraineté industrielle et numérique"
)
PUBLISHER_ADDRESS = "139 rue de Bercy, 75572 Paris Cedex 12"
PUBLICATION_DIRECTOR = _("le directeur général des Entreprises")


def date_label(day: datetime.date) -> str:
    """ "1er décembre 2026", "17 novembre 2025"; "1 December 2026" in English."""
    label = date_format(day, "j F Y")
    if day.day == 1 and (get_language() or "fr").startswith("fr"):
        label = "1er" + label[1:]
    return label
