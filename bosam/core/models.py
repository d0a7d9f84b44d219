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
