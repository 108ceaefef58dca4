"""Identifiers of French schools (UAI) and companies (SIRET, SIREN)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.fr import siren, siret

UAI_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
UAI_PATTERN = re.compile(r"^\d{7}[A-Z]$")


def uai_normalize(value: str) -> str:
    return (value or "").strip().upper().replace(" ", "")


def uai_is_valid(value: str) -> bool:
    value = uai_normalize(value)
    if not UAI_PATTERN.match(value):
        return False
    return UAI_LETTERS[int(value[:7]) % 23] == value[7]


def uai_department_code(value: str) -> str:
    """The département of a UAI: its first three digits (`0`+code, 620=2A, 720=2B, 97x)."""
    prefix = uai_normalize(value)[:3]
    if prefix == "620":
        return "2A"
    if prefix == "720":
        return "2B"
    if prefix.startswith("97"):
        return prefix
    return prefix[1:]


def validate_uai(value: str) -> None:
    if not uai_is_valid(value):
        raise ValidationError(
            _("« %(value)s » n'est pas un UAI valide (7 chiffres et une lettre de contrôle)."),
            code="invalid_uai",
            params={"value": value},
        )


def siret_normalize(value: str) -> str:
    return re.sub(r"[\s.-]", "", value or "")


def validate_siret(value: str) -> None:
    """Luhn check, with La Poste's exception, as implemented by python-stdnum."""
    try:
        siret.validate(siret_normalize(value))
    except StdnumValidationError:
        raise ValidationError(
            _("« %(value)s » n'est pas un numéro SIRET valide (14 chiffres)."),
            code="invalid_siret",
            params={"value": value},
        ) from None


def validate_siren(value: str) -> None:
    try:
        siren.validate(siret_normalize(value))
    except StdnumValidationError:
        raise ValidationError(
            _("« %(value)s » n'est pas un numéro SIREN valide (9 chiffres)."),
            code="invalid_siren",
            params={"value": value},
        ) from None
