"""Root conftest of a mutation run's copy of the project (copied in by mutation_report.py).

mutmut forks one process per mutant from a process that has already loaded the test
settings, so every process would share one test database file and one media folder, and
two mutants tested side by side would overwrite each other's data. Each process gets its
own copy of a database migrated once before the run (`MUTATION_TEST_DATABASE`), which
pytest-django reuses instead of migrating again, and its own media folder.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

TEMPLATE_DATABASE = Path(os.environ["MUTATION_TEST_DATABASE"])
SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def _remove_database(name: str) -> None:
    for suffix in SQLITE_SIDE_FILES:
        Path(name + suffix).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings():
    from django.conf import settings

    name = str(TEMPLATE_DATABASE.with_name(f"{TEMPLATE_DATABASE.stem}-{os.getpid()}.sqlite3"))
    shutil.copyfile(TEMPLATE_DATABASE, name)
    settings.DATABASES["default"]["TEST"]["NAME"] = name
    yield
    from django.db import connections

    connections.close_all()
    _remove_database(name)


@pytest.fixture(scope="session", autouse=True)
def media_root_of_this_process():
    from django.test.utils import override_settings

    media_root = tempfile.mkdtemp(prefix="webstrella-mutation-media-")
    with override_settings(MEDIA_ROOT=media_root):
        yield
    shutil.rmtree(media_root, ignore_errors=True)
