import pytest
from django.core.exceptions import ValidationError

from academies.validators import (
    uai_department_code,
    uai_is_valid,
    validate_siren,
    validate_siret,
    validate_uai,
)


@pytest.mark.parametrize("uai", ["0040533H", "0381778B", "0381780D", "0382032C", "0071156U"])
def test_real_uais_are_accepted(uai):
    validate_uai(uai)
    assert uai_is_valid(uai.lower())


@pytest.mark.parametrize(
    "uai",
    ["0040533A", "040533H", "00405330H", "ABCDEFGH", "", "0040533I", "0040533 H1"],
)
def test_bad_uais_are_refused_in_french(uai):
    with pytest.raises(ValidationError) as error:
        validate_uai(uai)
    assert "n'est pas un UAI valide" in error.value.messages[0]


@pytest.mark.parametrize(
    ("uai", "department"),
    [
        ("0040533H", "04"),
        ("0381778B", "38"),
        ("6200001G", "2A"),
        ("7200001J", "2B"),
        ("9740001A", "974"),
    ],
)
def test_uai_prefix_gives_the_department(uai, department):
    assert uai_department_code(uai) == department


def test_valid_siret_and_spaces_are_accepted():
    validate_siret("732 829 320 00074")
    validate_siren("732829320")


def test_la_poste_siret_is_accepted_although_it_fails_luhn():
    # La Poste's establishments share SIREN 356000000; their SIRET follow another rule.
    validate_siret("35600000000001")  # Luhn fails, La Poste rule (digit sum % 5) holds


@pytest.mark.parametrize("siret", ["73282932000075", "1234", "abcdefghijklmn", "35600000000002"])
def test_bad_sirets_are_refused_in_french(siret):
    with pytest.raises(ValidationError) as error:
        validate_siret(siret)
    assert "n'est pas un numéro SIRET valide" in error.value.messages[0]
