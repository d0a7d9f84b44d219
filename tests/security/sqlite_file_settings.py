"""Production settings on a SQLite file, for the concurrency probe (tests/security/sqlite_probe.py).

Only the tables differ from config.settings: they are made from the models (no migration history
to replay; the catalogues are seeded by `bosam.testing.seed_catalogues`). The database OPTIONS (WAL, BEGIN IMMEDIATE, busy timeout)
are production's: they are what the probe tests.
"""

import os

os.environ.setdefault("SECRET_KEY", "probe-secret-key-not-for-production-use-0123456789abcdef")
os.environ.setdefault("DEBUG", "true")

from config.settings import *  # noqa: E402,F403
from config.settings import INSTALLED_APPS  # noqa: E402

MIGRATION_MODULES = {app.rsplit(".", 1)[-1]: None for app in INSTALLED_APPS}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
