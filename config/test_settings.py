"""Test settings: only what makes the suite fast and deterministic differs from production."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-use-0123456789abcdef")

from config.settings import *  # noqa: E402,F403
from config.settings import DATABASES, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {}
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
# The session is renewed on every request, as SESSION_SAVE_EVERY_REQUEST would: a query count
# must not depend on how many seconds passed since the test's previous request.
SESSION_REFRESH_SECONDS = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The test runner empties tables with TRUNCATE between browser tests; the audit trail's
    # TRUNCATE trigger lets only a connection with this setting through (audit/0005).
    DATABASES["default"]["OPTIONS"] = {"options": "-c bosam.allow_audit_truncate=on"}
# One process runs many tests whose users share primary keys and the process' cache: the API's
# throttle counts would carry over from test to test. tests/security/test_api_throttling.py sets
# a rate of its own.
BOSAM_API_RATE_PER_USER = "100000/minute"
BOSAM_API_RATE_ANONYMOUS = "100000/minute"
