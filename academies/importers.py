"""Streaming imports of the two open-data directories behind the territory.

- `schools_import`: the Annuaire de l'éducation export (`;`-separated) into `School`;
- `companies_import`: an INSEE Sirene StockEtablissement extract (`,`-separated) into
  `Company`.

Both read a CSV row by row from any iterable of text lines, so a file of any size is
never held in memory: `decoded_lines(binary_file)` for a file opened in binary mode or an
upload (a decoding error then names its exact line), or a text file opened with
`newline=""` so quoted line breaks survive, or a list of strings. Rows are
validated one by one (a bad row is reported with its line number and a French reason,
never imported), then written in batches, each batch in its own transaction, with an
upsert keyed on the UAI or SIRET. Existing rows are looked up per batch so that the
report tells created, updated and unchanged rows apart, and unchanged rows are not
written at all: importing the same file twice changes nothing the second time.

A key repeated inside one batch is reported as a duplicate; across batches the later row
wins (remembering every key of a multi-gigabyte file would defeat streaming).
"""

import csv
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from stdnum.fr import siret as stdnum_siret

from semaine.text import fold

from .models import Company, Department, School
from .validators import (
    UAI_PATTERN,
    siret_normalize,
    uai_department_code,
    uai_is_valid,
    uai_normalize,
)

DEFAULT_BATCH_SIZE = 1000
# A report keeps this many rejected rows with their reasons; beyond, it only counts them.
MAX_REJECTIONS_KEPT = 10_000
DELIMITERS = (";", ",", "\t")


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str

    def __str__(self) -> str:
        return _("ligne %(line)d : %(reason)s") % {"line": self.line, "reason": self.reason}


@dataclass
class ImportReport:
    """What an import did (or, on a dry run, would do), row by row."""

    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged + self.rejected

    def reject(self, *, line: int, reason: str) -> None:
        self.rejected += 1
        if len(self.rejections) < MAX_REJECTIONS_KEPT:
            self.rejections.append(Rejection(line=line, reason=reason))

    def summary_lines(self) -> list[str]:
        """The report in French, one line per count then one per rejected row."""
        lines = []
        if self.dry_run:
            lines.append(_("Simulation (--dry-run) : rien n'a été enregistré."))
        lines += [
            _("Lignes lues : %(count)d") % {"count": self.rows},
            _("Créés : %(count)d") % {"count": self.created},
            _("Mis à jour : %(count)d") % {"count": self.updated},
            _("Inchangés : %(count)d") % {"count": self.unchanged},
            _("Rejetés : %(count)d") % {"count": self.rejected},
        ]
        if self.rejections:
            lines.append(_("Lignes rejetées :"))
            lines += [f"  {rejection}" for rejection in self.rejections]
            if self.rejected > len(self.rejections):
                lines.append(
                    _("  … et %(count)d autres lignes rejetées.")
                    % {"count": self.rejected - len(self.rejections)}
                )
        return lines


class ImportFileError(ValidationError):
    """The file cannot be imported (missing columns, bad encoding…).

    Raised before anything is written when the header is wrong; when raised midway
    (undecodable bytes), `report` tells what the batches already committed hold.
    """

    def __init__(self, message: str, *, report: ImportReport | None = None):
        super().__init__(message, code="import_file")
        self.report = report


class RowRejected(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# --- CSV reading ------------------------------------------------------------------------


def decoded_lines(binary_lines: Iterable[bytes], *, encoding: str = "utf-8-sig") -> Iterator[str]:
    """Text lines of a file read in binary mode, decoded one at a time.

    Line ends are kept as they are (what `newline=""` gives), and undecodable bytes raise
    on their own line, so the import reports where they are. For UTF-8 (the default,
    with or without BOM) and single-byte encodings such as `latin-1` or `cp1252`.
    """
    for line in binary_lines:
        yield line.decode(encoding)


def _header_key(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().lower()


def _detect_delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


@dataclass
class _Row:
    line: int
    values: dict[str, str]


class _CsvSource:
    """Rows of a CSV as dicts of the wanted columns (lower-cased names), with line numbers."""

    def __init__(
        self,
        lines: Iterable[str],
        *,
        required: Iterable[str],
        optional: Iterable[str] = (),
        label: str,
    ):
        self._lines = iter(lines)
        try:
            first = next(self._lines)
        except StopIteration:
            raise ImportFileError(_("Le fichier est vide.")) from None
        except UnicodeDecodeError as error:
            raise _decode_error(error, line=1, report=None) from None
        first = first.lstrip("\ufeff")
        self.delimiter = _detect_delimiter(first)
        self._reader = csv.reader(itertools.chain([first], self._lines), delimiter=self.delimiter)
        try:
            header = next(self._reader)
        except csv.Error as error:
            raise ImportFileError(_("En-tête illisible : %(error)s") % {"error": error}) from None
        self.width = len(header)
        positions = {}
        for position, name in enumerate(header):
            positions.setdefault(_header_key(name), position)
        required = list(required)
        missing = [name for name in required if name.lower() not in positions]
        if missing:
            message = _(
                "Colonnes obligatoires absentes du fichier %(label)s : %(missing)s. "
                "Rien n'a été importé."
            ) % {"label": label, "missing": ", ".join(missing)}
            if self.width <= 1:
                message += " " + _(
                    "L'en-tête ne contient qu'une colonne : le séparateur doit être « ; » ou « , »."
                )
            raise ImportFileError(message)
        wanted = [name.lower() for name in [*required, *optional]]
        self._columns = [(name, positions[name]) for name in wanted if name in positions]

    def rows(self, on_error: Callable[[int, str], None]) -> Iterator[_Row]:
        """Yield the rows; blank lines are skipped, malformed ones go to `on_error`."""
        reader = self._reader
        previous_line = reader.line_num
        for cells in reader:
            line = previous_line + 1
            previous_line = reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if len(cells) != self.width:
                on_error(
                    line,
                    _("%(found)d colonnes au lieu de %(expected)d (séparateur ou guillemets ?)")
                    % {"found": len(cells), "expected": self.width},
                )
                continue
            yield _Row(line, {name: cells[position].strip() for name, position in self._columns})

    @property
    def line_num(self) -> int:
        return self._reader.line_num


def _decode_error(error: UnicodeDecodeError, *, line: int, report: ImportReport | None):
    message = _(
        "Ligne %(line)d illisible en %(encoding)s : enregistrez le fichier en UTF-8 "
        "ou indiquez son encodage."
    ) % {"encoding": error.encoding.upper(), "line": line}
    return ImportFileError(message, report=report)


# --- the import loop ---------------------------------------------------------------------


class _Mapping:
    """How one file format maps onto one model; subclasses fill the class attributes."""

    model: type[models.Model]
    key: str
    label: str
    required_columns: tuple[str, ...]
    optional_columns: tuple[str, ...] = ()
    fields: tuple[str, ...]  # attnames written and compared (the key excluded)

    def __init__(self):
        self.departments = {department.code: department for department in Department.objects.all()}

    def build(self, values: dict[str, str]) -> models.Model:
        raise NotImplementedError

    def merge(self, instance: models.Model, existing: dict) -> None:
        """Adjust a row about to update `existing` (a dict of its stored values)."""

    def duplicate_reason(self, key: str, first_line: int) -> str:
        raise NotImplementedError


def _validation_reason(instance: models.Model, error: ValidationError) -> str:
    if not hasattr(error, "error_dict"):
        return " ".join(error.messages)
    parts = []
    for name, errors in error.message_dict.items():
        try:
            label = str(instance._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:  # NON_FIELD_ERRORS
            label = ""
        text = " ".join(errors)
        parts.append(f"{label} : {text}" if label else text)
    return " ; ".join(parts)


def _validate(instance: models.Model) -> None:
    """full_clean() without its per-row queries: the département comes from a cached
    table and uniqueness is what the upsert is about."""
    try:
        instance.full_clean(
            exclude=["department"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        raise RowRejected(_validation_reason(instance, error)) from None


def _run_import(
    mapping: _Mapping,
    lines: Iterable[str],
    *,
    dry_run: bool,
    batch_size: int,
    on_batch: Callable[[ImportReport], None] | None,
) -> ImportReport:
    source = _CsvSource(
        lines,
        required=mapping.required_columns,
        optional=mapping.optional_columns,
        label=mapping.label,
    )
    report = ImportReport(dry_run=dry_run)

    def reject(line: int, reason: str) -> None:
        report.reject(line=line, reason=reason)

    batch: list[tuple[int, models.Model]] = []
    try:
        for row in source.rows(reject):
            try:
                instance = mapping.build(row.values)
                _validate(instance)
            except RowRejected as rejected:
                reject(row.line, rejected.reason)
                continue
            batch.append((row.line, instance))
            if len(batch) >= batch_size:
                _write_batch(mapping, batch, report, dry_run=dry_run)
                batch = []
                if on_batch:
                    on_batch(report)
    except UnicodeDecodeError as error:
        raise _decode_error(error, line=source.line_num + 1, report=report) from None
    except csv.Error as error:
        raise ImportFileError(
            _("Fichier CSV illisible ligne %(line)d : %(error)s")
            % {"line": source.line_num, "error": error},
            report=report,
        ) from None
    _write_batch(mapping, batch, report, dry_run=dry_run)
    if on_batch:
        on_batch(report)
    return report


def _write_batch(
    mapping: _Mapping,
    batch: list[tuple[int, models.Model]],
    report: ImportReport,
    *,
    dry_run: bool,
) -> None:
    """Count and upsert one batch in one transaction; unchanged rows are not written."""
    if not batch:
        return
    key = mapping.key
    first_lines: dict[str, int] = {}
    unique: list[tuple[int, models.Model]] = []
    for line, instance in batch:
        value = getattr(instance, key)
        if value in first_lines:
            report.reject(line=line, reason=mapping.duplicate_reason(value, first_lines[value]))
        else:
            first_lines[value] = line
            unique.append((line, instance))

    with transaction.atomic():
        existing = {
            values[key]: values
            for values in mapping.model._default_manager.filter(**{f"{key}__in": list(first_lines)})
            .order_by()
            .values(key, *mapping.fields)
        }
        to_write = []
        for _line, instance in unique:
            stored = existing.get(getattr(instance, key))
            if stored is None:
                report.created += 1
                to_write.append(instance)
                continue
            mapping.merge(instance, stored)
            if all(getattr(instance, name) == stored[name] for name in mapping.fields):
                report.unchanged += 1
            else:
                report.updated += 1
                to_write.append(instance)
        if to_write and not dry_run:
            update_fields = [
                mapping.model._meta.get_field(name).name for name in mapping.fields
            ] + ["updated_at"]
            mapping.model._default_manager.bulk_create(
                to_write,
                update_conflicts=True,
                unique_fields=[key],
                update_fields=update_fields,
            )


# --- shared parsing helpers ---------------------------------------------------------------


def _ascii_upper(value: str) -> str:
    return fold(value).upper()


def _department_code(value: str) -> str:
    """An INSEE département code from the Annuaire's three-character form.

    "004" → "04", "038" → "38", "02A" → "2A", "974" → "974", "4" → "04".
    """
    code = value.strip().upper()
    if len(code) == 3 and code.startswith("0"):
        code = code[1:]
    if len(code) == 1 and code.isdigit():
        code = code.zfill(2)
    return code


def _coordinate(value: str, label: Callable[[], str]) -> float | None:
    """A float from "45.1885" or "45,1885"; `label` is only translated on a bad value."""
    if not value:
        return None
    try:
        return float(value.replace(",", ".").replace(" ", ""))
    except ValueError:
        raise RowRejected(
            _("%(label)s « %(value)s » invalide") % {"label": label(), "value": value}
        ) from None


def _siret_or_blank(value: str) -> str:
    if not value:
        return ""
    number = siret_normalize(value)
    return number if stdnum_siret.is_valid(number) else ""


# --- schools: Annuaire de l'éducation -------------------------------------------------------

SCHOOL_SECTORS = {
    "PUBLIC": School.Sector.PUBLIC,
    "PRIVE": School.Sector.PRIVATE,
}
# The Annuaire's `etat`: a school announced to close is still open; one announced to open
# is not open yet. The next import flips the flag when the state changes.
SCHOOL_STATES = {
    "OUVERT": True,
    "A FERMER": True,
    "A OUVRIR": False,
    "FERME": False,
}


class _SchoolMapping(_Mapping):
    model = School
    key = "uai"
    required_columns = (
        "Identifiant_de_l_etablissement",
        "Nom_etablissement",
        "Type_etablissement",
        "Statut_public_prive",
        "Adresse_1",
        "Code_postal",
        "Code_commune",
        "Nom_commune",
        "Code_departement",
        "latitude",
        "longitude",
        "etat",
        "SIREN_SIRET",
    )
    fields = (
        "name",
        "kind",
        "sector",
        "address",
        "postcode",
        "city_code",
        "city",
        "department_id",
        "latitude",
        "longitude",
        "is_open",
        "siret",
    )

    @property
    def label(self) -> str:
        return _("de l'Annuaire de l'éducation")

    def build(self, values: dict[str, str]) -> School:
        raw_uai = values["identifiant_de_l_etablissement"]
        uai = uai_normalize(raw_uai)
        if not uai:
            raise RowRejected(_("UAI manquant"))
        if not UAI_PATTERN.match(uai):
            raise RowRejected(
                _("UAI « %(uai)s » invalide (7 chiffres et une lettre attendus)") % {"uai": raw_uai}
            )
        if not uai_is_valid(uai):
            raise RowRejected(_("UAI « %(uai)s » invalide (lettre de contrôle)") % {"uai": uai})

        name = values["nom_etablissement"]
        if not name:
            raise RowRejected(_("nom de l'établissement manquant"))

        uai_department = uai_department_code(uai)
        given = values["code_departement"]
        code = _department_code(given) if given else uai_department
        department = self.departments.get(code)
        if department is None:
            raise RowRejected(
                _("département « %(code)s » inconnu (UAI « %(uai)s »)")
                % {"code": given or code, "uai": uai}
            )
        if code != uai_department:
            raise RowRejected(
                _(
                    "le département « %(code)s » ne correspond pas à l'UAI « %(uai)s » "
                    "(département %(expected)s)"
                )
                % {"code": given, "uai": uai, "expected": uai_department}
            )

        status = values["statut_public_prive"]
        sector = SCHOOL_SECTORS.get(_ascii_upper(status))
        if sector is None:
            raise RowRejected(
                _("statut « %(value)s » inconnu (Public ou Privé attendu)") % {"value": status}
            )

        state = values["etat"]
        normalized_state = " ".join(_ascii_upper(state).replace("_", " ").split())
        if not normalized_state:  # blank reads as the model's default: open
            is_open = True
        elif normalized_state in SCHOOL_STATES:
            is_open = SCHOOL_STATES[normalized_state]
        else:
            raise RowRejected(
                _("état « %(value)s » inconnu (OUVERT, A FERMER, A OUVRIR ou FERME attendu)")
                % {"value": state}
            )

        postcode = values["code_postal"]
        if len(postcode) == 4 and postcode.isdigit():  # a leading zero lost by a spreadsheet
            postcode = "0" + postcode

        return School(
            uai=uai,
            name=name,
            kind=values["type_etablissement"],
            sector=sector,
            address=values["adresse_1"],
            postcode=postcode,
            city_code=values["code_commune"],
            city=values["nom_commune"],
            department=department,
            latitude=_coordinate(values["latitude"], lambda: _("latitude")),
            longitude=_coordinate(values["longitude"], lambda: _("longitude")),
            is_open=is_open,
            siret=_siret_or_blank(values["siren_siret"]),
        )

    def duplicate_reason(self, key: str, first_line: int) -> str:
        return _("UAI « %(uai)s » en double (déjà ligne %(line)d)") % {
            "uai": key,
            "line": first_line,
        }


def schools_import(
    *,
    lines: Iterable[str],
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Create or update the schools of an Annuaire de l'éducation CSV export.

    The UAI is the key. Rows with a bad UAI (format or check letter), an unknown
    département, an unknown sector or state, or bad coordinates are rejected and
    reported; closed schools are imported with `is_open=False`. Raises
    `ImportFileError` before writing anything when a required column is missing.
    `on_batch` is called with the running report after each batch.
    """
    return _run_import(
        _SchoolMapping(), lines, dry_run=dry_run, batch_size=batch_size, on_batch=on_batch
    )


# --- companies: Sirene StockEtablissement ---------------------------------------------------

# INSEE's `typeVoieEtablissement` codes, plus the zone abbreviations found in addresses.
STREET_TYPES = {
    "ALL": "allée",
    "AV": "avenue",
    "BD": "boulevard",
    "CAR": "carrefour",
    "CHE": "chemin",
    "CHS": "chaussée",
    "CITE": "cité",
    "COR": "corniche",
    "CRS": "cours",
    "DOM": "domaine",
    "DSC": "descente",
    "ECA": "écart",
    "ESP": "esplanade",
    "FG": "faubourg",
    "GR": "grande rue",
    "HAM": "hameau",
    "HLE": "halle",
    "IMP": "impasse",
    "LD": "lieu-dit",
    "LOT": "lotissement",
    "MAR": "marché",
    "MTE": "montée",
    "PAS": "passage",
    "PASS": "passage",
    "PL": "place",
    "PLN": "plaine",
    "PLT": "plateau",
    "PRO": "promenade",
    "PRV": "parvis",
    "QUA": "quartier",
    "QUAI": "quai",
    "RES": "résidence",
    "RLE": "ruelle",
    "ROC": "rocade",
    "RPT": "rond-point",
    "RTE": "route",
    "RUE": "rue",
    "SEN": "sentier",
    "SQ": "square",
    "TPL": "terre-plein",
    "TRA": "traverse",
    "VLA": "villa",
    "VLGE": "village",
    "ZA": "zone d'activités",
    "ZAC": "zone d'aménagement concerté",
    "ZAE": "zone d'activités économiques",
    "ZI": "zone industrielle",
}
REPETITION_INDEXES = {"B": "bis", "T": "ter", "Q": "quater", "C": "quinquies"}
COMPANY_STATES = {"A": True, "F": False}
NOT_DIFFUSED = "[ND]"
SIZE_BANDS = frozenset(Company.SizeBand.values)


def street_type_expand(code: str, *, upper: bool) -> str:
    """`AV` → `avenue` (or `AVENUE` next to upper-case Sirene labels); unknown codes kept."""
    word = STREET_TYPES.get(code.strip().upper().rstrip("."))
    if word is None:
        return code.strip()
    return word.upper() if upper else word


def company_address(
    *, number: str, repetition: str = "", street_type: str, street: str, complement: str = ""
) -> str:
    """One address line from Sirene's pieces: `12 B AV DES ALPES` → `12 BIS AVENUE DES ALPES`."""
    upper = street == street.upper()
    repetition = repetition.strip()
    if repetition.upper() in REPETITION_INDEXES:
        repetition = REPETITION_INDEXES[repetition.upper()]
        repetition = repetition.upper() if upper else repetition
    parts = [number, repetition, street_type_expand(street_type, upper=upper), street]
    address = " ".join(part.strip() for part in parts if part and part.strip())
    if not street.strip() and complement.strip():
        address = " ".join(filter(None, [address, complement.strip()]))
    return address


def commune_department_code(city_code: str) -> str:
    """The département of an INSEE commune code: `38185` → `38`, `2A004` → `2A`, `97411` → `974`."""
    code = city_code.strip().upper()
    if len(code) < 2:
        return ""
    return code[:3] if code.startswith("97") else code[:2]


class _CompanyMapping(_Mapping):
    model = Company
    key = "siret"
    required_columns = (
        "siret",
        "etatAdministratifEtablissement",
        "numeroVoieEtablissement",
        "typeVoieEtablissement",
        "libelleVoieEtablissement",
        "codePostalEtablissement",
        "libelleCommuneEtablissement",
        "codeCommuneEtablissement",
        "activitePrincipaleEtablissement",
        "denominationUsuelleEtablissement",
        "enseigne1Etablissement",
        "trancheEffectifsEtablissement",
    )
    optional_columns = (
        "siren",
        "nic",
        "indiceRepetitionEtablissement",
        "complementAdresseEtablissement",
        "enseigne2Etablissement",
        "enseigne3Etablissement",
    )
    fields = (
        "name",
        "address",
        "postcode",
        "city",
        "city_code",
        "naf_code",
        "size_band",
        "department_id",
        "is_active",
    )

    @property
    def label(self) -> str:
        return _("Sirene des établissements")

    def build(self, values: dict[str, str]) -> Company:
        # Fields of partially diffusible establishments (statutDiffusion "P") read "[ND]".
        values = {name: "" if value == NOT_DIFFUSED else value for name, value in values.items()}
        raw_siret = values["siret"] or values.get("siren", "") + values.get("nic", "")
        siret = siret_normalize(raw_siret)
        if not siret:
            raise RowRejected(_("SIRET manquant"))
        if not stdnum_siret.is_valid(siret):
            raise RowRejected(
                _("SIRET « %(siret)s » invalide (14 chiffres et clé de contrôle)")
                % {"siret": raw_siret}
            )

        state = values["etatadministratifetablissement"]
        is_active = COMPANY_STATES.get(state.upper())
        if is_active is None:
            raise RowRejected(
                _("état administratif « %(value)s » inconnu (A ou F attendu)") % {"value": state}
            )

        size_band = values["trancheeffectifsetablissement"].upper()
        if size_band and size_band not in SIZE_BANDS:
            raise RowRejected(
                _("tranche d'effectifs « %(value)s » inconnue") % {"value": size_band}
            )

        name = next(
            (
                values.get(column, "")
                for column in (
                    "denominationusuelleetablissement",
                    "enseigne1etablissement",
                    "enseigne2etablissement",
                    "enseigne3etablissement",
                )
                if values.get(column, "")
            ),
            "",
        )
        city_code = values["codecommuneetablissement"].upper()
        company = Company(
            siret=siret,
            name=name or _("Établissement %(siret)s") % {"siret": stdnum_siret.format(siret)},
            address=company_address(
                number=values["numerovoieetablissement"],
                repetition=values.get("indicerepetitionetablissement", ""),
                street_type=values["typevoieetablissement"],
                street=values["libellevoieetablissement"],
                complement=values.get("complementadresseetablissement", ""),
            ),
            postcode=values["codepostaletablissement"],
            city=values["libellecommuneetablissement"],
            city_code=city_code,
            naf_code=values["activiteprincipaleetablissement"].upper(),
            size_band=size_band,
            department=self.departments.get(commune_department_code(city_code)),
            is_active=is_active,
        )
        company.name_is_fallback = not name
        return company

    def merge(self, instance: Company, existing: dict) -> None:
        # A name typed in by hand is worth more than "Établissement <SIRET>".
        if instance.name_is_fallback:
            instance.name = existing["name"]

    def duplicate_reason(self, key: str, first_line: int) -> str:
        return _("SIRET « %(siret)s » en double (déjà ligne %(line)d)") % {
            "siret": key,
            "line": first_line,
        }


def companies_import(
    *,
    lines: Iterable[str],
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Create or update the companies of an INSEE Sirene StockEtablissement CSV extract.

    The SIRET is the key (Luhn-checked, La Poste's exception included; invalid ones
    are rejected and reported). The delimiter, `,` as INSEE publishes it or `;`, is
    read from the header. Closed establishments are imported with `is_active=False`;
    the département comes from the commune code (none abroad). A row without any
    name gets "Établissement <SIRET>" on creation and keeps its stored name on update.
    Raises `ImportFileError` before writing anything when a required column is missing.
    """
    return _run_import(
        _CompanyMapping(), lines, dry_run=dry_run, batch_size=batch_size, on_batch=on_batch
    )
