"""`manage.py check --deploy`: what a public service must say before it opens.

Django's own deploy checks cover HTTPS, cookies and HSTS; these add the legal pages' facts
that only the operator knows, and someone to receive the error reports.
"""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def legal_and_operations_settings(app_configs=None, **kwargs):
    warnings = []
    if not settings.CONTACT_EMAIL:
        warnings.append(
            Warning(
                "CONTACT_EMAIL n'est pas renseigné : les pages « Mentions légales », "
                "« Données personnelles » et « Accessibilité » n'indiquent aucun contact.",
                hint="Définissez CONTACT_EMAIL (adresse de l'équipe du service).",
                id="semaine.W001",
            )
        )
    if not settings.LEGAL_HOSTING_PROVIDER:
        warnings.append(
            Warning(
                "LEGAL_HOSTING_PROVIDER n'est pas renseigné : les mentions légales doivent "
                "nommer l'hébergeur.",
                hint="Définissez LEGAL_HOSTING_PROVIDER (nom, adresse et téléphone).",
                id="semaine.W002",
            )
        )
    if not settings.ADMINS:
        warnings.append(
            Warning(
                "ADMINS est vide : les erreurs du serveur ne sont envoyées à personne.",
                hint="Définissez ADMINS (adresses séparées par des virgules).",
                id="semaine.W003",
            )
        )
    return warnings
