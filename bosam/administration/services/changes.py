"""Saving an edited record with its audit row, naming the fields that changed."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from bosam.administration.errors import AdministrationError, AdministrationErrorCode
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record


def changed_fields(obj: models.Model, values: dict[str, Any]) -> list[str]:
    return [name for name, value in values.items() if getattr(obj, name) != value]


def describe_changes(obj: models.Model, names: list[str]) -> str:
    """ "Ändrat: namn, aktiv" in the audit row: the follow-up shows what an administrator did."""
    labels = [str(getattr(obj._meta.get_field(name), "verbose_name", name)) for name in names]
    return "Ändrat: " + ", ".join(labels) if labels else ""  # i18n: not UI


def full_clean_or_error(obj: models.Model, exclude: list[str] | None = None) -> None:
    """Model validation as an ApplicationError naming the first field, for forms and the API."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        errors = exc.message_dict
        field, messages = next(iter(errors.items()))
        raise AdministrationError(
            " ".join(messages),
            code=AdministrationErrorCode.INVALID,
            extra={"field": None if field == "__all__" else field},
        ) from exc


def save_created(*, obj: models.Model, actor: Any) -> models.Model:
    full_clean_or_error(obj)
    obj.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=obj)
    return obj


def save_changed(*, obj: models.Model, values: dict[str, Any], actor: Any) -> models.Model:
    names = changed_fields(obj, values)
    for name, value in values.items():
        setattr(obj, name, value)
    full_clean_or_error(obj)
    obj.save()
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=obj, reason=describe_changes(obj, names)
    )
    return obj
