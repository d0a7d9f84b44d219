"""The base every Bosam model stands on."""

import uuid
from typing import Any

from django.db import models

from bosam.core.concurrency import check_version_on_save


class BaseModel(models.Model):
    """Creation and change times on every row (style §2.3)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        check_version_on_save(self)  # an edit made from an older version is refused (StaleUpdate)
        super().save(*args, **kwargs)


class PersonalDataModel(BaseModel):
    """A model that holds personal data: UUID keys, so ids in URLs and logs reveal no counts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class WorkerHeartbeat(BaseModel):
    """A background worker's last sign of life (`manage.py worker` writes it every minute;
    /healthz and the pages that start tasks read it)."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} {self.last_seen:%Y-%m-%d %H:%M:%S}"


class SubmissionToken(models.Model):
    """A creation form's one-time token, once it has been sent (`bosam.core.submissions`)."""

    token = models.CharField(max_length=64, unique=True)
    user_id = models.BigIntegerField(null=True)
    target = models.CharField(max_length=500, blank=True)  # where the first send led; "" = running
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)


class IdempotencyRecord(models.Model):
    """An API write sent with an `Idempotency-Key`, and the answer it got (`submissions`)."""

    client = models.CharField(max_length=64)  # a digest of the credential, never the credential
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)  # digest of method, path and body
    status_code = models.PositiveSmallIntegerField(null=True)  # None while the first is running
    content_type = models.CharField(max_length=100, blank=True)
    headers = models.JSONField(default=dict)
    body = models.BinaryField(default=b"")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "key"], name="idempotency_client_key"),
        ]
