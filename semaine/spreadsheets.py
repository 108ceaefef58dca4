"""Formula injection: no text we write into a CSV (or any spreadsheet) runs as a formula.

A spreadsheet opening a cell that starts with = + - @ (a tab or a line break, or their
full-width forms) may evaluate it: `=HYPERLINK("http://…")`, `=cmd|' /C calc'!A0`. Every
file we produce goes through `cell_neutralise`, which prefixes such text with an apostrophe,
the spreadsheets' own "this is text" mark; plain numbers ("-4.48", "+33") are left as they
are, they evaluate to themselves. Re-imported files go through `cell_restore`, so a value
survives an export → import round trip unchanged.

    semaine.spreadsheets.cell_neutralise        the public CSV export (events/exports/tabular.py)
    FormulaSafeResource                         the admin's import-export resources
"""

import re
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
TEXT_MARK = "'"


def _is_formula(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES) and not PLAIN_NUMBER.fullmatch(text)


def cell_neutralise(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula, with an apostrophe in front;
    anything else (numbers, dates, other text) unchanged."""
    if isinstance(value, str) and _is_formula(value):
        return TEXT_MARK + value
    return value


def cell_restore(value: Any) -> Any:
    """The reverse of `cell_neutralise`, for files we read back."""
    if isinstance(value, str) and value.startswith(TEXT_MARK) and _is_formula(value[1:]):
        return value[1:]
    return value


class FormulaSafeResource:
    """A django-import-export resource mixin: exported cells neutralised, imported cells
    restored. Put it first: `class SchoolResource(FormulaSafeResource, ModelResource)`."""

    def export_field(self, field, instance, **kwargs):
        return cell_neutralise(super().export_field(field, instance, **kwargs))

    def before_import_row(self, row, **kwargs):
        for key in list(row):
            row[key] = cell_restore(row[key])
        super().before_import_row(row, **kwargs)
