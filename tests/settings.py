"""Settings for the test suite: production settings with test-only relaxations.

DEBUG stays off, as in production. Only what would make tests slow or dependent on a
build step is changed.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-suite-secret-key-not-used-anywhere-else")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from webstrella.settings import *  # noqa: E402,F403
from webstrella.settings import STORAGES  # noqa: E402

# A test-only app whose personal data is declared like any app's: the proof that a new kind
# of data needs no change in the privacy app.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.newsletter"]  # noqa: F405

# Argon2 is deliberately slow; tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303

# The manifest needs `collectstatic`; tests render pages without that build step.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# WhiteNoise looks for collected files at start-up; the suite serves none.
STATIC_ROOT = tempfile.mkdtemp(prefix="webstrella-test-static-")

# Uploaded files of the tests go to a throw-away folder (the worker test hands its own
# folder to the worker process).
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="webstrella-test-media-")

# Staff in most tests sign in with force_login, which verifies no second factor; the
# second-factor tests switch this on.
ADMIN_REQUIRE_OTP = False

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# The SQLite test database lives in a file, not in memory, so that the live-server tests'
# threads share it through SQLite's own locking (WAL and busy_timeout), as in production.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"webstrella-test-{os.getpid()}.sqlite3")
    }

# Live-server tests answer each request in a thread of its own; a persistent connection
# would outlive its thread and keep the test database busy when it is dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# Tasks run at once, within the test; the worker test switches to the database backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TEST_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
