"""The production settings, served for the benchmark with two additions.

- ROOT_URLCONF adds the floor views (bench/urls.py) beside every real page; production's own
  urlconf is untouched, so the floor can never be reached on a real installation.
- BOSAM_AUDIT_ENABLED follows BOSAM_BENCH_AUDIT, so a second server on the same database measures
  the pages without audit rows. Production's settings hold it fixed at True (not env-driven): an
  installation cannot switch its audit trail off.

Everything else (DEBUG off, SECRET_KEY required, manifest static files, PBKDF2, sessions saved on
every request) is exactly what `./dev serve` runs; the loopback relaxations (SECURE_SSL_REDIRECT,
SECURE_COOKIES, SECURE_HSTS_SECONDS) come from the environment variables config/settings.py reads.
"""

from config.env import env_bool
from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
BOSAM_AUDIT_ENABLED = env_bool("BOSAM_BENCH_AUDIT", True)
TEMPLATES[0]["DIRS"] = [BASE_DIR / "bench" / "templates"]  # noqa: F405
