"""/healthz: 200 only when the database answers, every migration is applied and a worker
reported lately; otherwise 503 naming the failing part, with no personal data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bosam.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_health_is_ok_when_the_database_answers_migrations_are_applied_and_a_worker_reported(
    client,
) -> None:
    WorkerHeartbeat.objects.create(worker_id="w1", last_seen=timezone.now())
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "worker": "ok"},
    }


def test_health_fails_naming_the_worker_when_no_worker_reported_within_the_configured_time(
    client, settings
) -> None:
    settings.BOSAM_WORKER_SILENT_SECONDS = 300
    WorkerHeartbeat.objects.create(
        worker_id="w1", last_seen=timezone.now() - timedelta(seconds=301)
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "not seen recently"
    assert response.json()["checks"]["database"] == "ok"
