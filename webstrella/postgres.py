"""Database features of PostgreSQL that the register uses where it runs on PostgreSQL."""

from django.db import migrations


class RunSQLOnPostgreSQL(migrations.RunSQL):
    """Raw SQL that runs on PostgreSQL only: SQLite, the development default, skips it.

    For indexes the models cannot declare for both databases: trigram (pg_trgm) and
    case-folded prefix indexes. They change no model state, so `makemigrations` is unaffected.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def case_folded_prefix_index(name: str, table: str, column: str) -> RunSQLOnPostgreSQL:
    """An index for the admin's `^field` (istartswith) and `=field` (iexact) searches.

    Django compares `UPPER("column"::text)` with `LIKE UPPER('term%')`; a `text_pattern_ops`
    index on the same expression serves both, whatever the database's collation.
    """
    return RunSQLOnPostgreSQL(
        f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
        f'(UPPER("{column}"::text) text_pattern_ops)',
        f'DROP INDEX IF EXISTS "{name}"',
    )


def trigram_index(name: str, table: str, column: str) -> RunSQLOnPostgreSQL:
    """An index for a contains-search (`icontains`): trigrams of `UPPER("column"::text)`."""
    return RunSQLOnPostgreSQL(
        f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
        f'USING gin (UPPER("{column}"::text) gin_trgm_ops)',
        f'DROP INDEX IF EXISTS "{name}"',
    )


# pg_trgm is a trusted extension (PostgreSQL 13 and later): the database's owner may add it.
CREATE_PG_TRGM = RunSQLOnPostgreSQL(
    "CREATE EXTENSION IF NOT EXISTS pg_trgm", migrations.RunSQL.noop
)
