"""The organisation (committees, offices, units) and the catalogues, edited by the system
administrator. Deactivating keeps the record: users, households and statistics refer to it."""

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from bosam.administration.errors import AdministrationError, AdministrationErrorCode
from bosam.administration.services.changes import save_changed, save_created
from bosam.core.catalogues import Catalogue, entry_in_use


@transaction.atomic
def organisation_entry_create(
    *, model: type[models.Model], values: dict[str, Any], created_by: Any
) -> models.Model:
    entry = model(**values)
    save_created(obj=entry, actor=created_by)
    return entry


@transaction.atomic
def organisation_entry_update(
    *, entry: models.Model, values: dict[str, Any], updated_by: Any
) -> models.Model:
    return save_changed(obj=entry, values=values, actor=updated_by)


@transaction.atomic
def catalogue_entry_create(
    *, catalogue: Catalogue, values: dict[str, Any], created_by: Any
) -> models.Model:
    allowed = {*catalogue.fields, *catalogue.create_only_fields, catalogue.code_field} - {""}
    entry = catalogue.model(**{k: v for k, v in values.items() if k in allowed})
    save_created(obj=entry, actor=created_by)
    return entry


@transaction.atomic
def catalogue_entry_update(
    *, catalogue: Catalogue, entry: models.Model, values: dict[str, Any], updated_by: Any
) -> models.Model:
    """Change an entry. Its code may change only while nothing refers to it: reports and
    imports find entries by code, and a used code is part of history."""
    code = catalogue.code_field
    editable = {k: v for k, v in values.items() if k in catalogue.fields}
    if code and code in values and values[code] != getattr(entry, code):
        if entry_in_use(entry):
            raise AdministrationError(
                _(
                    "Koden används redan och kan inte ändras. Inaktivera posten och skapa en ny "
                    "i stället."
                ),
                code=AdministrationErrorCode.CODE_IN_USE,
                extra={"field": code},
            )
        editable[code] = values[code]
    return save_changed(obj=entry, values=editable, actor=updated_by)
