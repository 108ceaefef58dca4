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

Schools: a UAI listed twice keeps its first row, the others are reported (the Annuaire has
some 70,000 rows: its keys are remembered); `complete=True` (a complete national or académie
export) then marks as closed the schools of the académies it covers that it no longer lists.
Companies: a SIRET repeated inside one batch is reported as a duplicate; across batches the
later row wins (remembering every key of a multi-gigabyte file would defeat streaming). Their
legal names come from the StockUniteLegale file, joined on the SIREN through a throwaway
SQLite file, so that neither national file is ever held in memory (`LegalUnitNames`).
"""

import csv
import itertools
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone
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
    # Rows left aside by the industry filter (None: no filter).
    skipped: int | None = None
    # Schools closed because a complete export no longer lists them (None: not complete).
    closed: int | None = None
    # Legal units: SIREN looked for in the StockUniteLegale file, and found (None: no file).
    legal_units_needed: int | None = None
    legal_units_found: int | None = None

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged + self.rejected + (self.skipped or 0)

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
        if self.skipped is not None:
            lines.append(
                _("Écartés (hors industrie, NAF 05 à 39) : %(count)d") % {"count": self.skipped}
            )
        if self.closed is not None:
            lines.append(
                _("Fermés (absents de l'export complet) : %(count)d") % {"count": self.closed}
            )
        if self.legal_units_needed is not None:
            lines.append(
                _("Unités légales trouvées : %(found)d sur %(needed)d SIREN")
                % {"found": self.legal_units_found or 0, "needed": self.legal_units_needed}
            )
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
    # Remember every key of the file, so that a key's first row wins and the others are
    # reported, whatever the batch (for files of tens of thousands of rows, not millions).
    remember_keys = False

    def __init__(self):
        self.departments = {department.code: department for department in Department.objects.all()}

    def key_of(self, values: dict[str, str]) -> str:
        """The row's key when it is a valid one, else "" (the row is then rejected)."""
        return ""

    def skip(self, values: dict[str, str]) -> bool:
        """True for a row the import leaves aside on purpose (counted, not rejected)."""
        return False

    def close_missing(self, listed: set[str], *, dry_run: bool) -> int:
        """After a complete export: act on the stored rows it no longer lists."""
        raise NotImplementedError

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
    complete: bool = False,
    report: ImportReport | None = None,
) -> ImportReport:
    source = _CsvSource(
        lines,
        required=mapping.required_columns,
        optional=mapping.optional_columns,
        label=mapping.label,
    )
    report = report or ImportReport(dry_run=dry_run)
    first_lines: dict[str, int] | None = {} if mapping.remember_keys else None
    listed: set[str] | None = set() if complete else None

    def reject(line: int, reason: str) -> None:
        report.reject(line=line, reason=reason)

    batch: list[tuple[int, models.Model]] = []
    try:
        for row in source.rows(reject):
            if listed is not None:
                key = mapping.key_of(row.values)
                if key:  # listed, even if the row is rejected below: the school exists
                    listed.add(key)
            if mapping.skip(row.values):
                report.skipped = (report.skipped or 0) + 1
                continue
            try:
                instance = mapping.build(row.values)
                _validate(instance)
            except RowRejected as rejected:
                reject(row.line, rejected.reason)
                continue
            if first_lines is not None:
                key = getattr(instance, mapping.key)
                if key in first_lines:
                    reject(row.line, mapping.duplicate_reason(key, first_lines[key]))
                    continue
                first_lines[key] = row.line
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
    if listed is not None:  # only once the whole file has been read
        report.closed = mapping.close_missing(listed, dry_run=dry_run)
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


def squash_spaces(value: str) -> str:
    """Runs of blanks (spaces, tabs, non-breaking spaces) as one space, none at the ends:
    "Paris 16e  Arrondissement" → "Paris 16e Arrondissement"."""
    return " ".join(value.split())


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
    remember_keys = True
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

    def key_of(self, values: dict[str, str]) -> str:
        uai = uai_normalize(values["identifiant_de_l_etablissement"])
        return uai if uai_is_valid(uai) else ""

    def close_missing(self, listed: set[str], *, dry_run: bool) -> int:
        """Close the open schools of the académies the export covers that it no longer lists
        (the Annuaire lists open schools only); schools are never deleted."""
        academy_ids = {
            self.departments[code].academy_id
            for code in {uai_department_code(uai) for uai in listed}
            if code in self.departments
        }
        if not academy_ids:
            return 0
        stored = (
            School.objects.filter(is_open=True, department__academy_id__in=academy_ids)
            .order_by()
            .values_list("uai", flat=True)
        )
        missing = [uai for uai in stored.iterator(chunk_size=2000) if uai not in listed]
        if not dry_run:
            now = timezone.now()
            with transaction.atomic():
                for start in range(0, len(missing), 500):
                    School.objects.filter(uai__in=missing[start : start + 500]).update(
                        is_open=False, updated_at=now
                    )
        return len(missing)

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

        name = squash_spaces(values["nom_etablissement"])
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
            kind=squash_spaces(values["type_etablissement"]),
            sector=sector,
            address=values["adresse_1"],
            postcode=postcode,
            city_code=values["code_commune"],
            city=squash_spaces(values["nom_commune"]),
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
    complete: bool = False,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Create or update the schools of an Annuaire de l'éducation CSV export.

    The UAI is the key: its first row wins, any other row of the same UAI is reported as a
    duplicate. Rows with a bad UAI (format or check letter), an unknown département, an
    unknown sector or state, or bad coordinates are rejected and reported; schools marked
    closed are imported with `is_open=False`. Blanks in names and communes are squashed.

    The Annuaire lists open schools only, so a school that closes disappears from it: with
    `complete=True` (a complete national or académie export), the open schools of the
    académies the file covers that it no longer lists are marked closed once the whole file
    is read — never deleted; `report.closed` counts them. Without it nothing is closed.

    Raises `ImportFileError` before writing anything when a required column is missing.
    `on_batch` is called with the running report after each batch.
    """
    return _run_import(
        _SchoolMapping(),
        lines,
        dry_run=dry_run,
        batch_size=batch_size,
        on_batch=on_batch,
        complete=complete,
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


# NAF sections B to E (mining, manufacturing, energy, water and waste): divisions 05 to 39.
INDUSTRY_DIVISIONS = frozenset(f"{division:02d}" for division in range(5, 40))
PARTIAL_DIFFUSION = Company.Diffusion.PARTIAL.value


def naf_is_industrial(code: str) -> bool:
    """True for a NAF code of sections B to E: "26.11Z", "2611Z", "10.71C" (NAF rév. 2 or
    NAF 2025, whose divisions 05–39 cover the same sections)."""
    division = code.strip()[:2]
    return len(division) == 2 and division in INDUSTRY_DIVISIONS


def _establishment_is_industrial(values: dict[str, str]) -> bool:
    nomenclature = values.get("nomenclatureactiviteprincipaleetablissement", "").upper()
    main = values["activiteprincipaleetablissement"]
    # Older nomenclatures (NAFRev1, NAF1993…, closed establishments) number divisions otherwise.
    if main and nomenclature in ("", "NAFREV2") and naf_is_industrial(main):
        return True
    return naf_is_industrial(values.get("activiteprincipalenaf25etablissement", ""))


def _not_diffused(value: str) -> str:
    # Fields INSEE does not publish (partial diffusion) read "[ND]".
    return "" if value == NOT_DIFFUSED else value


def legal_unit_name(values: dict[str, str]) -> str:
    """The name of a StockUniteLegale row: its denomination, or for a sole trader
    "PRÉNOM NOM" (usage name first); a sole trader in partial diffusion stays nameless:
    the person asked that their name not be redistributed."""
    denomination = squash_spaces(_not_diffused(values.get("denominationunitelegale", "")))
    if denomination:
        return denomination
    if values.get("statutdiffusionunitelegale", "").upper() == PARTIAL_DIFFUSION:
        return ""
    surname = next(
        (
            squash_spaces(_not_diffused(values.get(column, "")))
            for column in ("nomusageunitelegale", "nomunitelegale")
            if squash_spaces(_not_diffused(values.get(column, "")))
        ),
        "",
    )
    if not surname:
        return ""
    first_name = next(
        (
            squash_spaces(_not_diffused(values.get(column, "")))
            for column in ("prenomusuelunitelegale", "prenom1unitelegale")
            if squash_spaces(_not_diffused(values.get(column, "")))
        ),
        "",
    )
    return f"{first_name} {surname}".strip()


LEGAL_UNIT_COLUMNS = (
    "siren",
    "statutDiffusionUniteLegale",
    "denominationUniteLegale",
    "nomUniteLegale",
)
LEGAL_UNIT_OPTIONAL_COLUMNS = (
    "nomUsageUniteLegale",
    "prenomUsuelUniteLegale",
    "prenom1UniteLegale",
)


class LegalUnitNames:
    """The names and diffusion status of the legal units an import needs, by SIREN.

    Kept in a throwaway SQLite file rather than in memory: `need()` the SIREN of the
    establishments first, then `fill()` streams StockUniteLegale keeping only those (an
    UPDATE of an unknown SIREN changes nothing), then `get()` one at a time. Memory stays
    flat whatever the size of either file; `close()` removes the file.
    """

    CHUNK = 5000

    def __init__(self):
        self._directory = tempfile.TemporaryDirectory(prefix="semaine-sirene-")
        self._db = sqlite3.connect(os.path.join(self._directory.name, "unites_legales.sqlite3"))
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -16000"):
            self._db.execute(f"PRAGMA {pragma}")
        self._db.execute(
            "CREATE TABLE unit (siren INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', "
            "partial INTEGER NOT NULL DEFAULT 0, found INTEGER NOT NULL DEFAULT 0)"
        )

    def need(self, sirens: Iterable[str]) -> None:
        self._db.executemany(
            "INSERT OR IGNORE INTO unit (siren) VALUES (?)", ((int(s),) for s in sirens)
        )

    def fill(self, units: Iterable[tuple[str, str, bool]]) -> None:
        """(siren, name, partially diffused) rows; those of no needed SIREN are dropped."""
        self._db.executemany(
            "UPDATE unit SET name = ?, partial = ?, found = 1 WHERE siren = ?",
            ((name, int(partial), int(siren)) for siren, name, partial in units),
        )

    def get(self, siren: str) -> tuple[str, bool] | None:
        row = self._db.execute(
            "SELECT name, partial FROM unit WHERE siren = ? AND found = 1", (int(siren),)
        ).fetchone()
        return (row[0], bool(row[1])) if row else None

    def counts(self) -> tuple[int, int]:
        """(SIREN needed, SIREN found in the legal units' file)."""
        return self._db.execute("SELECT count(*), coalesce(sum(found), 0) FROM unit").fetchone()

    def close(self) -> None:
        self._db.close()
        self._directory.cleanup()


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
        "statutDiffusionEtablissement",
        "indiceRepetitionEtablissement",
        "complementAdresseEtablissement",
        "enseigne2Etablissement",
        "enseigne3Etablissement",
        "nomenclatureActivitePrincipaleEtablissement",
        "activitePrincipaleNAF25Etablissement",
    )
    fields = (
        "name",
        "legal_name",
        "diffusion",
        "address",
        "postcode",
        "city",
        "city_code",
        "latitude",
        "longitude",
        "naf_code",
        "size_band",
        "department_id",
        "is_active",
    )

    def __init__(self, *, legal_units: LegalUnitNames | None = None, industry_only: bool = False):
        super().__init__()
        self.legal_units = legal_units
        self.industry_only = industry_only

    @property
    def label(self) -> str:
        return _("Sirene des établissements")

    def skip(self, values: dict[str, str]) -> bool:
        return self.industry_only and not _establishment_is_industrial(values)

    @staticmethod
    def siret_of(values: dict[str, str]) -> str:
        """The row's SIRET, rebuilt from SIREN + NIC when its own column is blank."""
        raw = values["siret"] or values.get("siren", "") + values.get("nic", "")
        return siret_normalize(raw)

    def build(self, values: dict[str, str]) -> Company:
        values = {name: _not_diffused(value) for name, value in values.items()}
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

        partial = values.get("statutdiffusionetablissement", "").upper() == PARTIAL_DIFFUSION
        legal_name = ""
        if self.legal_units is not None:
            unit = self.legal_units.get(siret[:9])
            if unit is not None:
                legal_name, unit_partial = unit
                partial = partial or unit_partial

        # The establishment's own name when it has one, else its legal unit's.
        usual_name = next(
            (
                squash_spaces(values.get(column, ""))
                for column in (
                    "denominationusuelleetablissement",
                    "enseigne1etablissement",
                    "enseigne2etablissement",
                    "enseigne3etablissement",
                )
                if squash_spaces(values.get(column, ""))
            ),
            "",
        )
        name = usual_name or legal_name
        city_code = values["codecommuneetablissement"].upper()
        if partial:
            # Partial diffusion: the street address is never kept, even when the cells are
            # filled; the commune only.
            address = postcode = ""
        else:
            address = squash_spaces(
                company_address(
                    number=values["numerovoieetablissement"],
                    repetition=values.get("indicerepetitionetablissement", ""),
                    street_type=values["typevoieetablissement"],
                    street=values["libellevoieetablissement"],
                    complement=values.get("complementadresseetablissement", ""),
                )
            )
            postcode = values["codepostaletablissement"]
        company = Company(
            siret=siret,
            name=name or _("Établissement %(siret)s") % {"siret": stdnum_siret.format(siret)},
            legal_name=legal_name,
            diffusion=Company.Diffusion.PARTIAL if partial else Company.Diffusion.FULL,
            address=address,
            postcode=postcode,
            city=squash_spaces(values["libellecommuneetablissement"]),
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
        # Without the legal units' file, the legal name stored before stays.
        if self.legal_units is None:
            instance.legal_name = existing["legal_name"]
        if instance.is_partially_diffused:
            # Whatever was stored before (by hand, or before partial diffusion): never kept.
            instance.latitude = instance.longitude = None
        else:
            # Sirene gives no WGS 84 point: coordinates entered by staff stay.
            instance.latitude = existing["latitude"]
            instance.longitude = existing["longitude"]

    def duplicate_reason(self, key: str, first_line: int) -> str:
        return _("SIRET « %(siret)s » en double (déjà ligne %(line)d)") % {
            "siret": key,
            "line": first_line,
        }


def _stream(source: _CsvSource) -> Iterator[_Row]:
    """The rows of a preparatory pass: malformed rows are the main pass's to report."""
    try:
        yield from source.rows(lambda line, reason: None)
    except UnicodeDecodeError as error:
        raise _decode_error(error, line=source.line_num + 1, report=None) from None
    except csv.Error as error:
        raise ImportFileError(
            _("Fichier CSV illisible ligne %(line)d : %(error)s")
            % {"line": source.line_num, "error": error}
        ) from None


def _collect_legal_units(
    mapping: _CompanyMapping, lines: Iterable[str], legal_unit_lines: Iterable[str]
) -> LegalUnitNames:
    """First the SIREN the establishments need (industry filter applied), then their names
    from the legal units' file; both files streamed, nothing of them kept in memory."""
    source = _CsvSource(
        lines,
        required=mapping.required_columns,
        optional=mapping.optional_columns,
        label=mapping.label,
    )
    units = _CsvSource(
        legal_unit_lines,
        required=LEGAL_UNIT_COLUMNS,
        optional=LEGAL_UNIT_OPTIONAL_COLUMNS,
        label=_("Sirene des unités légales"),
    )

    def needed() -> Iterator[str]:
        for row in _stream(source):
            if mapping.skip(row.values):
                continue
            siret = mapping.siret_of(row.values)
            if stdnum_siret.is_valid(siret):
                yield siret[:9]

    def found() -> Iterator[tuple[str, str, bool]]:
        for row in _stream(units):
            siren = row.values["siren"].replace(" ", "")
            if len(siren) == 9 and siren.isdigit():
                partial = row.values["statutdiffusionunitelegale"].upper() == PARTIAL_DIFFUSION
                yield siren, legal_unit_name(row.values), partial

    names = LegalUnitNames()
    try:
        for chunk in itertools.batched(needed(), LegalUnitNames.CHUNK):
            names.need(chunk)
        for chunk in itertools.batched(found(), LegalUnitNames.CHUNK):
            names.fill(chunk)
    except BaseException:
        names.close()
        raise
    return names


def _check_reiterable(lines: Iterable[str]) -> None:
    """The establishments are read twice: a list, a file (rewound) or any object whose
    iterator is a new one each time will do; a one-shot iterator will not."""
    if iter(lines) is lines and not hasattr(lines, "seek"):
        raise TypeError(
            "companies_import(legal_unit_lines=…) reads the establishments twice: pass a "
            "list, a file or a re-iterable object, not a one-shot iterator."
        )


def _rewound(lines: Iterable[str]) -> Iterable[str]:
    if iter(lines) is lines:  # a file
        lines.seek(0)
    return lines


def companies_import(
    *,
    lines: Iterable[str],
    legal_unit_lines: Iterable[str] | None = None,
    industry_only: bool = False,
    dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Create or update the companies of an INSEE Sirene StockEtablissement CSV extract.

    The SIRET is the key (Luhn-checked, La Poste's exception included; invalid ones
    are rejected and reported). The delimiter, `,` as INSEE publishes it or `;`, is
    read from the header. Closed establishments are imported with `is_active=False`;
    the département comes from the commune code (none abroad).

    Partial diffusion (`statutDiffusionEtablissement`, or the legal unit's status, = `P`):
    the status is stored and the street address and postcode never are, even when the
    cells are filled — the commune only.

    The name shown is the establishment's usual name or enseigne, else its legal unit's
    name from `legal_unit_lines` (StockUniteLegale: `denominationUniteLegale`, or first
    name and name for a sole trader), joined on the SIREN with bounded memory
    (`LegalUnitNames`): the establishments are then read twice, so `lines` must be a list,
    a file or a re-iterable object. A row without any name gets "Établissement <SIRET>" on
    creation and keeps its stored name on update.

    `industry_only`: only establishments of NAF sections B to E (divisions 05–39); the
    others are counted in `report.skipped`. Raises `ImportFileError` before writing
    anything when a required column of either file is missing.
    """
    report = ImportReport(dry_run=dry_run, skipped=0 if industry_only else None)
    mapping = _CompanyMapping(industry_only=industry_only)
    if legal_unit_lines is None:
        return _run_import(
            mapping, lines, dry_run=dry_run, batch_size=batch_size, on_batch=on_batch, report=report
        )
    _check_reiterable(lines)
    mapping.legal_units = _collect_legal_units(mapping, lines, legal_unit_lines)
    try:
        report.legal_units_needed, report.legal_units_found = mapping.legal_units.counts()
        return _run_import(
            mapping,
            _rewound(lines),
            dry_run=dry_run,
            batch_size=batch_size,
            on_batch=on_batch,
            report=report,
        )
    finally:
        mapping.legal_units.close()
