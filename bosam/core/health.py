"""The health of the parts Bosam needs: the database, its migrations and the worker. Used by
/healthz (for load balancers and monitoring) and by pages that start background tasks."""

from datetime import timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from bosam.core.models import WorkerHeartbeat

# Once every migration is applied it stays so for this process (new code means a new process),
# so the migration graph is read until then only.
_migrations_ok = False


def worker_seen_recently() -> bool:
    """Has a worker reported within BOSAM_WORKER_SILENT_SECONDS?"""
    since = timezone.now() - timedelta(seconds=settings.BOSAM_WORKER_SILENT_SECONDS)
    return WorkerHeartbeat.objects.filter(last_seen__gte=since).exists()


def health_checks() -> dict[str, str]:
    """Each part's state: "ok", or a short reason without personal data."""
    checks: dict[str, str] = {}
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        checks["database"] = "unavailable"
        checks["migrations"] = "unknown"
        checks["worker"] = "unknown"
        return checks
    checks["database"] = "ok"
    checks["migrations"] = _migrations(connection)
    try:
        checks["worker"] = "ok" if worker_seen_recently() else "not seen recently"
    except Exception:
        checks["worker"] = "unknown"
    return checks


def _migrations(connection: BaseDatabaseWrapper) -> str:
    global _migrations_ok
    if _migrations_ok:
        return "ok"
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:
        return "unknown"
    if plan:
        return f"{len(plan)} not applied"
    _migrations_ok = True
    return "ok"
