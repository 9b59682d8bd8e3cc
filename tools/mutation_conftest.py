"""Root conftest of a mutation run's copy of the project (copied in by mutation_report.py).

mutmut forks one process per mutant from a process that has already loaded the test
settings, so every process would share one test database and one media folder, and two
mutants tested side by side would overwrite each other's data. Each process gets its own
copy of a database migrated once before the run (`MUTATION_TEST_DATABASE`), which
pytest-django reuses (`--reuse-db`) instead of migrating again, and its own media folder.
On SQLite the copy is a copy of the file; on PostgreSQL, a database created from the
run's one (CREATE DATABASE ... TEMPLATE), on the server of DATABASE_URL.
"""

import os
import shutil
import tempfile
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

TEMPLATE_DATABASE = os.environ["MUTATION_TEST_DATABASE"]
SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def _copy_sqlite() -> str:
    template = Path(TEMPLATE_DATABASE)
    name = str(template.with_name(f"{template.stem}-{os.getpid()}.sqlite3"))
    shutil.copyfile(template, name)
    return name


def _remove_sqlite(name: str) -> None:
    for suffix in SQLITE_SIDE_FILES:
        Path(name + suffix).unlink(missing_ok=True)


def _postgres(statement: sql.Composable) -> None:
    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as server:
        server.execute(statement)


def _copy_postgres() -> str:
    # The run's clean-up drops every database named after the template and "_".
    name = f"{TEMPLATE_DATABASE}_{os.getpid()}"
    _postgres(
        sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(TEMPLATE_DATABASE)
        )
    )
    return name


def _remove_postgres(name: str) -> None:
    # FORCE: a live server's thread may still hold a connection of its own.
    _postgres(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def django_db_modify_db_settings():
    from django.conf import settings

    database = settings.DATABASES["default"]
    on_postgres = database["ENGINE"] == "django.db.backends.postgresql"
    name = _copy_postgres() if on_postgres else _copy_sqlite()
    database.setdefault("TEST", {})["NAME"] = name
    yield
    from django.db import connections

    connections.close_all()
    if on_postgres:
        _remove_postgres(name)
    else:
        _remove_sqlite(name)


@pytest.fixture(scope="session", autouse=True)
def media_root_of_this_process():
    from django.test.utils import override_settings

    media_root = tempfile.mkdtemp(prefix="webstrella-mutation-media-")
    with override_settings(MEDIA_ROOT=media_root):
        yield
    shutil.rmtree(media_root, ignore_errors=True)
