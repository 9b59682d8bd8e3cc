"""Settings for the Webstrella customer register.

Every value that differs between machines comes from the environment (or a `.env`
file next to manage.py); `.env.example` documents each one. Production strictness
follows from DEBUG being off.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the site will not start without it: "
            "set SECRET_KEY in the environment or in .env (see .env.example)."
        )
    # Development only: a fixed, obviously unsafe key so sessions survive restarts.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django
    "webstrella.apps.RegisterAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Third party
    # With readable names on the admin index (webstrella/apps.py).
    "webstrella.apps.SignInLockoutConfig",
    "django_otp",
    "webstrella.apps.AuthenticatorAppsConfig",
    "webstrella.apps.RecoveryCodesConfig",
    "django_tasks",
    "django_tasks_db",
    # Ours
    "webstrella.apps.WebstrellaConfig",
    "customers",
    "orders",
    "privacy",
    "jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # django-axes must come last so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "webstrella.urls"
WSGI_APPLICATION = "webstrella.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise (PostgreSQL in production).
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh checkout has no var/ yet; SQLite cannot create the folder itself. Both are
    # created for the service's user alone: SQLite would create the file by the umask
    # (usually 0644), and its -wal and -shm files take the database file's mode.
    _sqlite_file = Path(DATABASES["default"]["NAME"])
    _sqlite_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    _sqlite_file.touch(mode=0o600, exist_ok=True)
    # Parallel requests wait for the write lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env.int(
        "DATABASE_CONNECT_TIMEOUT", default=5
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's cache: the public pages are kept rendered there, one copy per published version
# and language, and served from it while the database is unreachable. Each process keeps its
# own local-memory cache by default; several app servers share one Redis
# (redis://127.0.0.1:6379/1).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# The data subjects of the register, and their customer relationships. The privacy app
# knows them by these labels only, as the auth app knows AUTH_USER_MODEL.
PRIVACY_PERSON_MODEL = "customers.Contact"
PRIVACY_CUSTOMER_MODEL = "customers.Customer"

# Authentication: django-axes' backend goes first so a locked-out login never reaches
# the password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# Second factor for the admin (django-otp): a TOTP code from an authenticator app, or a
# single-use recovery code. On unless DEBUG; `manage.py otp_enroll <username>` sets it up.
ADMIN_REQUIRE_OTP = env.bool("ADMIN_REQUIRE_OTP", default=not DEBUG)
OTP_TOTP_ISSUER = "Webstrella"

# django-axes: five failures for one username from one address lock that pair out
# for 30 minutes. `python manage.py axes_reset_username <name>` unlocks earlier.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "privacy.staff.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Axes would log every failed attempt with username and address; the attempts are kept in
# the database (admin: Axes) instead, so the logs stay free of personal data.
AXES_VERBOSE = env.bool("AXES_VERBOSE", default=False)
AXES_USERNAME_CALLABLE = "privacy.staff.groups.axes_username"
AXES_HANDLER = "privacy.staff.lockout.RegisterAxesHandler"
# A lock lasts its 30 minutes from the last counted failure; attempts made while locked
# out do not start the period again.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Behind a reverse proxy: how many proxies stand in front of Django and which header
# carries the client address. `webstrella.client_address` reads them, for the lockout and
# for the audit log alike, so both see the client and not the proxy.
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = env.list(
    "AXES_IPWARE_META_PRECEDENCE_ORDER", default=["REMOTE_ADDR"]
)
AXES_CLIENT_IP_CALLABLE = "webstrella.client_address.client_address"

# Internationalisation: Finnish first, English available.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
# Finnish dates with leading zeros (webstrella/formats/fi/formats.py).
FORMAT_MODULE_PATH = ["webstrella.formats"]

# Static files, served by WhiteNoise (also behind gunicorn in production).
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded files hold personal data: kept outside the web root and never served directly,
# readable by the service's own user alone (the umask would give 0644 files in 0755 folders).
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "private")))
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Email.
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default=(
        "django.core.mail.backends.console.EmailBackend"
        if DEBUG
        else "django.core.mail.backends.smtp.EmailBackend"
    ),
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="rekisteri@webstrella.fi")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Cookies and transport security. With DEBUG off everything travels over HTTPS only.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy (django-csp): only this site's own files; no inline script or
# style, no third-party origins, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The audit log of staff access is kept this long (`manage.py prune_audit_log` erases older
# entries; run it daily from cron).
AUDIT_LOG_RETENTION_DAYS = env.int("AUDIT_LOG_RETENTION_DAYS", default=2 * 365)

# Customer-service email and the task runner.
# Mail from these addresses is sent by customer service, mail to them received.
SUPPORT_EMAIL_ADDRESSES = env.list(
    "SUPPORT_EMAIL_ADDRESSES", default=["asiakaspalvelu@webstrella.fi"]
)
# The customer-service mailbox, read over IMAP (`manage.py fetch_mailbox`). No host: no fetch.
MAILBOX_IMAP_HOST = env.str("MAILBOX_IMAP_HOST", default="")
MAILBOX_IMAP_PORT = env.int("MAILBOX_IMAP_PORT", default=993)
# "ssl" (implicit TLS, port 993), "starttls" (port 143) or "none" (only on a trusted host).
MAILBOX_IMAP_SECURITY = env.str("MAILBOX_IMAP_SECURITY", default="ssl")
MAILBOX_IMAP_USER = env.str("MAILBOX_IMAP_USER", default="")
MAILBOX_IMAP_PASSWORD = env.str("MAILBOX_IMAP_PASSWORD", default="")
MAILBOX_IMAP_FOLDERS = env.list("MAILBOX_IMAP_FOLDERS", default=["INBOX"])
# A file of CA certificates to trust for the mailbox server instead of the system's.
MAILBOX_IMAP_CA_FILE = env.str("MAILBOX_IMAP_CA_FILE", default="")
MAILBOX_IMAP_TIMEOUT = env.int("MAILBOX_IMAP_TIMEOUT", default=60)
# Largest mailbox file staff may upload in the admin (the proxy's body limit must allow it).
MAIL_IMPORT_MAX_BYTES = env.int("MAIL_IMPORT_MAX_MB", default=500) * 1024 * 1024
# Long jobs run in the task runner (django-tasks with its database backend); the worker is
# `manage.py db_worker`. Answers of access requests with more matched records than this are
# compiled there instead of within the request.
TASKS = {
    "default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}
}
ACCESS_REQUEST_COMPILE_IN_BACKGROUND_ABOVE = env.int(
    "ACCESS_REQUEST_COMPILE_IN_BACKGROUND_ABOVE", default=2000
)

# The answer to an access request prints up to this many records of one kind in its letter;
# more are summarised there (count, first and last date, the data held), and every record is
# in the machine-readable export that comes with the letter.
PRIVACY_ANSWER_LETTER_MAX_RECORDS = env.int("PRIVACY_ANSWER_LETTER_MAX_RECORDS", default=50)

# Logging: to stderr, without request bodies or query strings.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # django-axes logs usernames and addresses at INFO; attempts stay in the database.
        "axes": {"level": "WARNING"},
        # At DEBUG a template logs every failed variable lookup with its whole context,
        # which on admin pages holds personal data.
        "django.template": {"level": "INFO"},
        # WeasyPrint logs a line for each page it lays out; a long answer letter has hundreds.
        "weasyprint": {"level": "WARNING"},
    },
}
