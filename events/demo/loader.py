"""Writing the demo rows fast: COPY on PostgreSQL, `bulk_create` elsewhere.

`RowWriter.insert(model, rows)` takes plain dicts keyed by field attname and sets their ids;
`postgres_bulk_load(models)` drops and restores foreign keys and plain indexes around a bulk
load; `tables_analyze(models)` refreshes the planner's statistics afterwards. Nothing here
validates: rows must be valid by construction (the builder's job).
"""

import io
import sys
from collections import defaultdict
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from tqdm import tqdm

from .errors import DemoSeedError

BATCH_SIZE = 5000


def _copy_text(value) -> str:
    """A text value in PostgreSQL's COPY text format (backslash escapes)."""
    if value is None:
        return "\\N"
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        value = (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return value


def _copy_number(value) -> str:
    return "\\N" if value is None else str(value)


def _copy_moment(value) -> str:
    """Dates, and aware datetimes with their offset."""
    return "\\N" if value is None else value.isoformat()


def _copy_boolean(value) -> str:
    return "\\N" if value is None else ("t" if value else "f")


def _copy_converter(field):
    internal_type = field.get_internal_type()
    if internal_type in ("DateTimeField", "DateField"):
        return _copy_moment
    if internal_type == "BooleanField":
        return _copy_boolean
    if field.is_relation or internal_type.endswith(("IntegerField", "AutoField", "FloatField")):
        return _copy_number
    return _copy_text


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


@contextmanager
def postgres_bulk_load(models):
    """Drop the foreign keys and plain indexes of these tables; restore them when done.

    PostgreSQL's advice for populating a database: rows are checked against each foreign
    key one by one and every index is updated row by row, while re-adding a foreign key
    checks the whole table in one query and building an index sorts once. Primary key and
    unique indexes stay. It all happens inside the caller's transaction, so an error rolls
    the schema back as it was. Without the right to alter the tables (not their owner), the
    rows are loaded with everything in place.
    """
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.contype = 'f' AND c.conrelid = ANY(%s::regclass[])
            ORDER BY 1, 2
            """,
            [tables],
        )
        foreign_keys = cursor.fetchall()
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 1
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        try:
            with transaction.atomic():
                for table, name, _definition in foreign_keys:
                    cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {_quote(name)}")
                for name, _definition in indexes:
                    cursor.execute(f"DROP INDEX {name}")
        except DatabaseError:
            foreign_keys, indexes = [], []
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {_quote(name)} {definition}")


class RowWriter:
    """Inserts rows given as dicts keyed by field attname; sets `row["id"]` on each row.

    Keys a model does not have (helpers starting with "_") are ignored; missing fields take
    their default, `auto_now`/`auto_now_add` fields the current time. On PostgreSQL the ids are
    drawn from the table's sequence and the rows sent with COPY (several times faster than
    INSERT for a million rows); on other databases, `bulk_create` in batches returns the ids.
    Neither calls `full_clean()` or `save()`: rows must be valid by construction.
    """

    def __init__(self, *, progress: bool = False):
        self.postgres = connection.vendor == "postgresql"
        self.progress = progress
        self.counts: dict[str, int] = defaultdict(int)

    def insert(self, model, rows: list[dict], desc=None) -> list[dict]:
        if rows:
            bar = progress_bar(
                len(rows), desc or model._meta.verbose_name_plural, enabled=self.progress
            )
            if self.postgres:
                self._copy(model, rows, bar)
            else:
                self._bulk_create(model, rows, bar)
            if bar is not None:
                bar.close()
        self.counts[model._meta.label] += len(rows)
        return rows

    @staticmethod
    def _fields(model):
        now = timezone.now()
        fields, defaults = [], {}
        for field in model._meta.concrete_fields:
            fields.append(field)
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                defaults[field.attname] = now
            elif not field.primary_key:
                defaults[field.attname] = field.get_default()
        return fields, defaults

    def _bulk_create(self, model, rows, bar) -> None:
        fields, defaults = self._fields(model)
        pk_name = model._meta.pk.attname
        defaults[pk_name] = None
        manager = model._base_manager
        for start in range(0, len(rows), BATCH_SIZE):
            chunk = rows[start : start + BATCH_SIZE]
            objs = []
            for row in chunk:
                obj = model.__new__(model)  # plain instances without __init__'s overhead
                obj._state = ModelState()
                values = obj.__dict__
                values.update(defaults)
                for field in fields:
                    if field.attname in row:
                        values[field.attname] = row[field.attname]
                objs.append(obj)
            manager.bulk_create(objs)
            for row, obj in zip(chunk, objs, strict=True):
                if obj.pk is None:
                    raise DemoSeedError(_("Cette base de données ne renvoie pas les identifiants."))
                row[pk_name] = obj.pk
            if bar is not None:
                bar.update(len(chunk))

    def _copy(self, model, rows, bar) -> None:
        fields, defaults = self._fields(model)
        table = model._meta.db_table
        pk = model._meta.pk
        spec = [(f.attname, defaults.get(f.attname), _copy_converter(f)) for f in fields]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk.column, len(rows)],
            )
            for row, (pk_value,) in zip(rows, cursor.fetchall(), strict=True):
                row[pk.attname] = pk_value
            sql = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
            for start in range(0, len(rows), 4 * BATCH_SIZE):
                chunk = rows[start : start + 4 * BATCH_SIZE]
                buffer = io.StringIO()
                write = buffer.write
                for row in chunk:
                    get = row.get
                    write(
                        "\t".join([convert(get(name, default)) for name, default, convert in spec])
                    )
                    write("\n")
                buffer.seek(0)
                cursor.cursor.copy_expert(sql, buffer)
                if bar is not None:
                    bar.update(len(chunk))


def progress_bar(total: int, desc, *, enabled: bool):
    if not enabled:
        return None
    return tqdm(
        total=total,
        desc=str(desc),
        unit=" lignes",
        file=sys.stderr,
        leave=False,
        dynamic_ncols=True,
    )


def tables_analyze(models) -> None:
    """Fresh planner statistics (PostgreSQL): without them the first queries on a million new
    rows pick poor plans until autovacuum comes by (full-text search 40 times slower)."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(_quote(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")
