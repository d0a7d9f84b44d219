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
