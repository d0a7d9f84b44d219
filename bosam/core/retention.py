"""Retention (gallring): personal data is deleted when it is no longer needed.

An app lists its rules in a `retention.py` with `RETENTION_RULES = [RetentionRule(...)]`. The
`retention` management command runs the apps' rules from the top layer down (a prevention case
goes before the household it concerns), lists what is due, and deletes it only with --apply.
Audit events are not deleted here: they are the evidence of who handled the data, and leave the
trail only by its own, longer retention (bosam.audit.trail_retention), in whole years."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db import models

from bosam.core.app_hooks import app_modules


@dataclass(frozen=True)
class RetentionRule:
    key: str
    label: str  # Swedish, shown in the command's report
    # Records due for deletion on `today` after `years` without activity.
    due: Callable[[date, int], Iterable[models.Model]]
    # Deletes one due record (and what belongs only to it); raises ProtectedError when other
    # records still need it, and the command then keeps it and says why.
    delete: Callable[[models.Model], None]


def all_rules() -> list[RetentionRule]:
    """Every app's rules, highest layer first (INSTALLED_APPS lists them lowest first)."""
    rules: list[RetentionRule] = []
    for module in app_modules("retention", highest_layer_first=True):
        rules.extend(
            r for r in getattr(module, "RETENTION_RULES", []) if isinstance(r, RetentionRule)
        )
    return rules
