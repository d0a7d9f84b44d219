"""Catalogues a municipality maintains itself (intervention types, end reasons …).

An app lists its catalogues in a `catalogues.py` with `ADMIN_CATALOGUES = [Catalogue(...)]`;
the system administrator's catalogue page (bosam.administration) then offers list, create and
edit for each, with every change audited. Core knows capabilities only as values (see
navigation.py)."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise

from bosam.core.app_hooks import app_modules


@dataclass(frozen=True)
class Catalogue:
    key: str  # in the URL: /administration/kataloger/<key>/
    label: str | Promise
    model: type[models.Model]
    # Editable at any time, in this order on the form and in the list.
    fields: tuple[str, ...]
    # A stable code other records and reports refer to: set on creation, fixed once used.
    code_field: str = ""
    # Set when an entry is created and never changed after (e.g. the kind that groups it).
    create_only_fields: tuple[str, ...] = field(default=())
    capability: str = "catalogue_admin"
    order: int = 100


def all_catalogues() -> list[Catalogue]:
    found: list[Catalogue] = []
    for module in app_modules("catalogues"):
        found.extend(c for c in getattr(module, "ADMIN_CATALOGUES", []) if isinstance(c, Catalogue))
    return sorted(found, key=lambda c: (c.order, str(c.label)))


def catalogue_by_key(key: str) -> Catalogue | None:
    return next((c for c in all_catalogues() if c.key == key), None)


def entry_in_use(entry: models.Model) -> bool:
    """True when any record refers to the entry (then its code must not change)."""
    for relation in entry._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue
        if not (relation.one_to_many or relation.one_to_one):
            continue
        remote = relation.field  # type: ignore[union-attr]
        related_model = relation.related_model
        if related_model is None or isinstance(related_model, str):
            continue
        if related_model._default_manager.filter(**{remote.name: entry}).exists():
            return True
    return False
