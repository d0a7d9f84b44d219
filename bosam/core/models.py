"""The base every Bosam model stands on."""

import uuid

from django.db import models


class BaseModel(models.Model):
    """Creation and change times on every row (style §2.3)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


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
