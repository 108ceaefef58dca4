"""Full-text search and accent-insensitive city lookups for the public event finder.

PostgreSQL only (the other databases get nothing: SQLite folds accents with a Python function
registered per connection, see events/search.py, which an index could not use safely):

- the `unaccent` extension;
- the text search configuration `fr_unaccent`: French stemming after removing accents;
- `semaine_fold(text)`: IMMUTABLE `unaccent(lower(…))`, so it can be indexed;
- `event_search_fr_idx`: GIN index on exactly the tsvector expression Django compiles for
  `SearchVector("title", "summary", "description", "city", config="fr_unaccent")`;
- `event_city_folded_idx`: btree index on `semaine_fold(city)` for the `ville` filter.

Every other filter and sort is served by indexes the models already declare.
"""

from django.db import migrations

SEARCH_DOCUMENT = (
    "COALESCE(\"title\", '') || ' ' || COALESCE(\"summary\", '') || ' ' || "
    "COALESCE(\"description\", '') || ' ' || COALESCE(\"city\", '')"
)

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'fr_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION fr_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END
    $$
    """,
    # unaccent() is only STABLE (it reads its dictionary by name); pinning the dictionary
    # makes the wrapper safe to declare IMMUTABLE, hence indexable.
    # Schema-qualified so that it works whatever the search_path (pg_dump/restore).
    """
    CREATE OR REPLACE FUNCTION semaine_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, lower($1)) $$
    """,
    "CREATE INDEX IF NOT EXISTS event_search_fr_idx ON events_event "
    f"USING gin (to_tsvector('fr_unaccent'::regconfig, {SEARCH_DOCUMENT}))",
    "CREATE INDEX IF NOT EXISTS event_city_folded_idx ON events_event (semaine_fold(city))",
]

BACKWARD = [
    "DROP INDEX IF EXISTS event_city_folded_idx",
    "DROP INDEX IF EXISTS event_search_fr_idx",
    "DROP FUNCTION IF EXISTS semaine_fold(text)",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS fr_unaccent",
    # The unaccent extension stays: other objects of the database may use it.
]


def _extension_schema(schema_editor) -> str:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e "
            "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'"
        )
        row = cursor.fetchone()
    return schema_editor.quote_name(row[0] if row else "public")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FORWARD[0])
    schema = _extension_schema(schema_editor)
    for statement in FORWARD[1:]:
        schema_editor.execute(statement.replace("{schema}", schema))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_reference_data"),
    ]

    operations = [
        migrations.RunPython(forward, backward, elidable=False),
    ]
