"""Bosam settings. Every difference between a laptop and production is an environment value.

See the README's table of environment variables. DEBUG is off unless asked for, and without DEBUG
the project refuses to start with no SECRET_KEY: a social-services system fails closed. Every value
read from the environment is validated by config.env (a wrong one stops the start, naming the
variable); what settings cannot decide alone (an explicit DATABASE_URL, the audit trail's
PostgreSQL triggers) is checked at start and by `manage.py check --deploy` (bosam/core/checks.py,
bosam/audit/checks.py).
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import (
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_int_map,
    env_is_set,
    env_list,
    env_networks,
    env_origins,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_origins("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    # Only for the migration that turns its plain-text keys into hashed ones
    # (accounts 0003); Bosam's own ApiToken replaces it. Remove in the release after 2026-12.
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "django_tasks_db",
    "bosam.core",
    "bosam.accounts",
    "bosam.audit",
    "bosam.households",
    "bosam.properties",
    "bosam.tenancies",
    "bosam.prevention",
    "bosam.advice",
    "bosam.matching",
    "bosam.reporting",
    "bosam.administration",
    "bosam.scheduling",
]

MIDDLEWARE = [
    "bosam.core.request_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bosam.core.middleware.SessionActivityMiddleware",
    "bosam.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "bosam.core.uploads.RequestSizeLimitMiddleware",
    "bosam.core.middleware.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "bosam.audit.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
    "bosam.core.concurrency.ConditionalWriteMiddleware",
    "bosam.core.submissions.IdempotencyMiddleware",
]

ROOT_URLCONF = "config.urls"
# Django's renderer, with <select> written in Python (large choice lists; see the module).
FORM_RENDERER = "bosam.core.forms_renderer.BosamFormRenderer"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "bosam.core.context_processors.navigation",
            ],
        },
    }
]

# Without DATABASE_URL a laptop (DEBUG on) gets the embedded SQLite database in var/. With DEBUG
# off nothing is written anywhere: the system checks (bosam.E001) stop the web server and every
# management command; until they have run, the configured database is SQLite in memory, so
# nothing reaches a file.
BOSAM_DATABASE_URL_SET = env_is_set("DATABASE_URL")
DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        f"sqlite:///{BASE_DIR / 'var' / 'bosam.sqlite3'}" if DEBUG else "sqlite://:memory:",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent use of one SQLite file (several gunicorn workers, a background import):
    # WAL lets readers go on while one transaction writes; IMMEDIATE takes the write lock when a
    # transaction begins, so two writers queue instead of one failing with "database is locked"
    # when it tries to upgrade a read; `timeout` (the busy timeout) is how long a writer waits.
    SQLITE_BUSY_TIMEOUT_SECONDS = env_int("SQLITE_BUSY_TIMEOUT_SECONDS", 30)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000};"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock an account after repeated failures (django-axes), per user name and address; and lock an
# address after AXES_ADDRESS_FAILURE_LIMIT failures across accounts (password spraying; see
# bosam/accounts/lockout.py).
AXES_HANDLER = "bosam.accounts.lockout.AddressAndAccountLockoutHandler"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
BOSAM_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The lockout counts attempts per client address by the same trusted-proxy rule as the audit
# trail and the logs (bosam.core.client_address).
AXES_CLIENT_IP_CALLABLE = "bosam.core.client_address.client_address"

# The reverse proxies in front of Bosam (see bosam/core/client_address.py): how many, or which
# (addresses or networks, outermost first). Neither: X-Forwarded-For is ignored.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")

# Sessions end after inactivity: a shared office computer must not stay logged in.
SESSION_COOKIE_AGE = env_int("SESSION_TIMEOUT_MINUTES", 30, minimum=1) * 60
# The inactivity timeout: the session is renewed while the user works, by
# bosam.core.middleware.SessionActivityMiddleware at most once per SESSION_REFRESH_SECONDS.
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", "") or str(BASE_DIR / "var" / "media"))
if not MEDIA_ROOT.is_absolute():
    raise ImproperlyConfigured(f"MEDIA_ROOT must be an absolute path, not {str(MEDIA_ROOT)!r}")
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

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Security: on by default, relaxed only by explicit environment values (e.g. for local http).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy (Django's own): scripts and styles only from our static files.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: a program without valid credentials gets 401 and a WWW-Authenticate
        # header instead of the 403 that session authentication would give.
        "bosam.accounts.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "bosam.core.api.BosamAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "bosam.core.api.exception_handler",
    # Per token (its user) and, without credentials, per address; rates are the BOSAM_API_RATE_*
    # settings below. 429 with Retry-After beyond them.
    "DEFAULT_THROTTLE_CLASSES": [
        "bosam.core.throttling.PerTokenRateThrottle",
        "bosam.core.throttling.AnonymousRateThrottle",
    ],
}
BOSAM_API_RATE_PER_USER = env_str("API_RATE_PER_USER", "600/minute")
BOSAM_API_RATE_ANONYMOUS = env_str("API_RATE_ANONYMOUS", "60/minute")
# The OpenAPI schema (/api/schema/) and docs (/api/docs/) need a login unless this is off.
BOSAM_API_SCHEMA_REQUIRES_LOGIN = env_bool("API_SCHEMA_REQUIRES_LOGIN", not DEBUG)
SPECTACULAR_SETTINGS = {
    "TITLE": "Bosam API",
    "DESCRIPTION": "Integrations with the housing coordination unit's system.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# One line per record, with the request id and client address, never the request's personal data
# (bosam/core/request_log.py); LOG_FORMAT=json for a log collector.
LOG_FORMAT = env_choice("LOG_FORMAT", "text", ("text", "json"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "bosam.core.request_log.RequestContextFilter"}},
    "formatters": {
        "text": {"()": "bosam.core.request_log.TextLineFormatter"},
        "json": {"()": "bosam.core.request_log.JsonLineFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request"],
        }
    },
    "root": {
        "handlers": ["console"],
        "level": env_choice(
            "LOG_LEVEL", "WARNING", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
        ),
    },
    # Django's own handler would also mail admins; every error goes to the console line above.
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# E-mail (the administrators' notice of a privilege change): an SMTP relay of the municipality.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_secret("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": 10,
        },
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "bosam@localhost")
# Error reports (Sentry or GlitchTip): off unless a DSN is set; scrubbed of personal data before
# sending (bosam/core/error_reporting.py).
SENTRY_DSN = env_secret("SENTRY_DSN")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "production")
BOSAM_RELEASE = env_str("BOSAM_RELEASE", "")
if SENTRY_DSN:
    from bosam.core.error_reporting import init_error_reporting

    init_error_reporting(dsn=SENTRY_DSN, environment=SENTRY_ENVIRONMENT, release=BOSAM_RELEASE)

# Bosam's own settings (municipality policy values; catalogues live in the database).
BOSAM_MUNICIPALITY_NAME = env_str("BOSAM_MUNICIPALITY_NAME", "Demo kommun")
# Bosam's own address, for links in e-mails ("https://bosam.kommun.se").
BOSAM_SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
BOSAM_DEMO_BANNER = env_bool("BOSAM_DEMO_BANNER", DEBUG)

# API keys expire: this many days at most (a key may be made for fewer).
BOSAM_API_TOKEN_DAYS = env_int("BOSAM_API_TOKEN_DAYS", 90, minimum=1)

# Retention (gallring, `manage.py retention`): years without activity before personal data is
# deleted; per rule as "households=5,persons=5" (rule keys are listed by the command).
BOSAM_RETENTION_YEARS = env_int("BOSAM_RETENTION_YEARS", 5, minimum=1)
BOSAM_RETENTION_YEARS_BY_RULE = env_int_map("BOSAM_RETENTION_YEARS_BY_RULE", minimum=1)

# The audit trail's own retention (bosam.audit.retention): whole calendar years older than this
# are dropped by the scheduled retention job, the only way events leave the trail.
BOSAM_AUDIT_RETENTION_YEARS = env_int("BOSAM_AUDIT_RETENTION_YEARS", 10, minimum=1)

# Not env-driven on purpose: an installation cannot switch its audit trail off. Only the
# benchmark's settings (bench/settings.py) set it to False, to measure the audit's cost.
BOSAM_AUDIT_ENABLED = True

# Uploads (bosam.core.uploads): a file larger than BOSAM_UPLOAD_MAX_BYTES, an xlsx that expands
# beyond BOSAM_UPLOAD_MAX_EXPANDED_BYTES or any file with more than BOSAM_UPLOAD_MAX_ROWS rows is
# refused before it is parsed; a request body above the upload limit is answered with 413.
BOSAM_UPLOAD_MAX_BYTES = env_int("BOSAM_UPLOAD_MAX_MB", 10) * 1024 * 1024
BOSAM_UPLOAD_MAX_EXPANDED_BYTES = env_int("BOSAM_UPLOAD_MAX_EXPANDED_MB", 50) * 1024 * 1024
BOSAM_UPLOAD_MAX_ROWS = env_int("BOSAM_UPLOAD_MAX_ROWS", 200_000)
BOSAM_UPLOAD_MAX_ZIP_ENTRIES = 1000
# Django's own limits: form fields other than files, and how much of a file is kept in memory
# before it is spooled to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Committee readers' breakdowns show counts 1..N-1 as "<N" (reporting; totals are never suppressed).
BOSAM_SUPPRESSION_THRESHOLD = env_int("BOSAM_SUPPRESSION_THRESHOLD", 5, minimum=1)
# Background tasks (django.tasks): stored in the database and run by `manage.py worker` (the
# second process next to the web server), so a task survives a restart of either.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# The schedule (bosam/scheduling/schedule.py): the worker looks for due jobs this often.
BOSAM_SCHEDULE_INTERVAL_SECONDS = env_int("BOSAM_SCHEDULE_INTERVAL_SECONDS", 60)
# A task that has not reported progress for this long is marked failed by the schedule.
BOSAM_TASK_STALE_MINUTES = env_int("BOSAM_TASK_STALE_MINUTES", 30)
# /healthz fails when no worker has reported for this long.
BOSAM_WORKER_SILENT_SECONDS = env_int("BOSAM_WORKER_SILENT_SECONDS", 300)
# The nightly retention run deletes only when the municipality turned deletion on; otherwise it
# records a dry-run report of what is due.
BOSAM_RETENTION_DELETE = env_bool("BOSAM_RETENTION_DELETE", False)
