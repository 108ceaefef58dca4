"""Valid identifiers by construction: UAI (check letter, département prefix) and SIRET (Luhn)."""

from stdnum import luhn

from academies.validators import UAI_LETTERS


def uai_build(*, department_code: str, number: int) -> str:
    """A valid UAI: département prefix (`0`+code, 620=2A, 720=2B, 97x), 4 digits, check letter."""
    prefix = {"2A": "620", "2B": "720"}.get(department_code)
    if prefix is None:
        prefix = department_code if len(department_code) == 3 else f"0{department_code}"
    first7 = f"{prefix}{number:04d}"
    return first7 + UAI_LETTERS[int(first7) % 23]


def siret_build(*, siren8: str, nic4: str) -> str:
    """A SIRET whose SIREN (9 digits) and whole 14 digits both pass the Luhn check."""
    siren = siren8 + luhn.calc_check_digit(siren8)
    return siren + nic4 + luhn.calc_check_digit(siren + nic4)
