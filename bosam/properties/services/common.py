"""Helpers the register's services share: validation into RegisterError, small query helpers."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from bosam.properties.errors import RegisterError, RegisterErrorCode
from bosam.properties.models import Landlord
from bosam.properties.rules import (
    InvalidApartmentNumber,
    InvalidOrgNumber,
    parse_apartment_number,
    parse_org_number,
)


def clean(obj: models.Model, code: RegisterErrorCode = RegisterErrorCode.INVALID) -> None:
    """full_clean, with Django's validation errors turned into one RegisterError that names the
    first failing field (the form shows it there) and carries all of them in extra['errors']."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        errors = exc.message_dict
        field, messages = next(iter(errors.items()))
        raise RegisterError(
            str(messages[0]),
            code=code,
            extra={"field": field if field != "__all__" else None, "errors": errors},
        ) from exc


def checked_org_number(text: str) -> str:
    try:
        return parse_org_number(text)
    except InvalidOrgNumber as exc:
        raise RegisterError(
            str(exc), code=RegisterErrorCode.INVALID_ORG_NUMBER, extra={"field": "org_number"}
        ) from exc


def checked_apartment_number(text: str) -> str:
    try:
        return parse_apartment_number(text)
    except InvalidApartmentNumber as exc:
        raise RegisterError(
            str(exc),
            code=RegisterErrorCode.INVALID_APARTMENT_NUMBER,
            extra={"field": "apartment_number"},
        ) from exc


def excluding[M: models.Model](qs: QuerySet[M], pk: int | None) -> QuerySet[M]:
    """The queryset without the record being changed (none when creating)."""
    return qs if pk is None else qs.exclude(pk=pk)


def strip(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def check_org_number_free(org_number: str, landlord_id: int | None) -> None:
    other = excluding(Landlord.objects.filter(org_number=org_number), landlord_id).first()
    if other is not None:
        raise RegisterError(
            _("Organisationsnumret finns redan för %(name)s.") % {"name": other.name},
            code=RegisterErrorCode.DUPLICATE_ORG_NUMBER,
            extra={"field": "org_number", "existing": other.pk},
        )
