"""Settings for the test suite: production settings with test-only relaxations.

DEBUG stays off, as in production. Only what would make tests slow or dependent on a
build step is changed.

Every variable the settings read is fixed here, over whatever the caller exported or a
`.env` file holds: a developer's `DEBUG=1` must not turn the production settings under
test into development ones. Only DATABASE_URL is taken from the caller, so that the same
suite runs on SQLite and on PostgreSQL.
"""

import os
import tempfile

SUITE_ENVIRONMENT = {
    "DEBUG": "false",
    "SECRET_KEY": "test-suite-secret-key-not-used-anywhere-else",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    "CSRF_TRUSTED_ORIGINS": "",
    "DATABASE_CONN_MAX_AGE": "0",
    "DATABASE_CONNECT_TIMEOUT": "5",
    "CACHE_URL": "locmemcache://",
    # Throw-away folders: the development database and uploads stay out of the working
    # tree, and WhiteNoise, which looks for collected files at start-up, finds none.
    "VAR_DIR": tempfile.mkdtemp(prefix="webstrella-test-var-"),
    # The worker test hands its own folder to the worker process it starts.
    "MEDIA_ROOT": os.environ.get("TEST_MEDIA_ROOT")
    or tempfile.mkdtemp(prefix="webstrella-test-media-"),
    "STATIC_ROOT": tempfile.mkdtemp(prefix="webstrella-test-static-"),
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "EMAIL_HOST": "localhost",
    "EMAIL_PORT": "25",
    "EMAIL_HOST_USER": "",
    "EMAIL_HOST_PASSWORD": "",
    "EMAIL_USE_TLS": "false",
    "DEFAULT_FROM_EMAIL": "rekisteri@webstrella.fi",
    "SERVER_EMAIL": "rekisteri@webstrella.fi",
    # The test client speaks plain HTTP; tests that need HTTPS say `secure=True`.
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_HSTS_SECONDS": "31536000",
    "USE_X_FORWARDED_PROTO": "false",
    "SESSION_COOKIE_AGE": "28800",
    "AXES_FAILURE_LIMIT": "5",
    "AXES_COOLOFF_MINUTES": "30",
    "AXES_IPWARE_PROXY_COUNT": "0",
    "AXES_IPWARE_META_PRECEDENCE_ORDER": "REMOTE_ADDR",
    "AXES_VERBOSE": "false",
    "LOG_LEVEL": "INFO",
    "AUDIT_LOG_RETENTION_DAYS": "730",
    "ADMIN_REQUIRE_OTP": "true",
    "PRIVACY_ANSWER_LETTER_MAX_RECORDS": "50",
    # Customer-service email: no mailbox unless a test starts its own IMAP server.
    "SUPPORT_EMAIL_ADDRESSES": "asiakaspalvelu@webstrella.fi",
    "MAILBOX_IMAP_HOST": "",
    "MAILBOX_IMAP_PORT": "993",
    "MAILBOX_IMAP_SECURITY": "ssl",
    "MAILBOX_IMAP_USER": "",
    "MAILBOX_IMAP_PASSWORD": "",
    "MAILBOX_IMAP_FOLDERS": "INBOX",
    "MAILBOX_IMAP_CA_FILE": "",
    "MAILBOX_IMAP_TIMEOUT": "60",
    "MAIL_IMPORT_MAX_MB": "500",
    # Overridden below: tasks run at once within a test, but for the worker test.
    "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    "ACCESS_REQUEST_COMPILE_IN_BACKGROUND_ABOVE": "2000",
}
os.environ.update(SUITE_ENVIRONMENT)

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
