"""Bringing an existing portfolio into the register from the spreadsheets municipalities keep.

One file holds one kind of record: landlords, apartments or head leases (in that order, since an
apartment names its landlord and a lease its apartment). Every row is matched on its key — the
organisation number, the landlord's object number, the agreement number — and created, updated
or left alone, so importing the same file twice changes nothing.

The check and the run are the same code: the check runs every row in a transaction and rolls it
back, so the preview reports exactly what the run would do, including conflicts between rows of
the file (two leases overlapping on one apartment). The run writes nothing unless every row is
good.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.core.errors import ApplicationError
from bosam.core.tabular import TableError, TableRow, file_checksum, read_table
from bosam.properties.errors import RegisterError, RegisterErrorCode
from bosam.properties.import_rows import (
    ROW_HANDLERS,
    BadCell,
    Catalogues,
    header_of,
    resolve_headers,
)
from bosam.properties.models import RegisterImport, RegisterImportError

Kind = RegisterImport.Kind


@dataclass(frozen=True)
class RowError:
    line: int
    field: str  # the column header, or "" for the row or the file as a whole
    message: str


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    unused_columns: list[str] = field(default_factory=list)


def _row_values(row: TableRow, mapping: dict[str, str]) -> dict[str, str]:
    return {name: row.values.get(header, "") for header, name in mapping.items()}


def run_import(*, kind: str, content: bytes, filename: str, by: Any, apply: bool) -> ImportResult:
    """Check (apply=False) or run a file. Either way nothing stays written unless `apply` is set
    and every row is good."""
    result = ImportResult()
    try:
        table = read_table(content, filename)
    except TableError as exc:
        result.errors.append(RowError(line=1, field="", message=str(exc)))
        return result
    mapping, missing, result.unused_columns = resolve_headers(kind, table.headers)
    for header in missing:
        result.errors.append(RowError(line=1, field=header, message=_("Kolumnen saknas i filen.")))
    if missing:
        return result
    if not table.rows:
        result.errors.append(RowError(line=2, field="", message=_("Filen har inga rader.")))
        return result
    handler = ROW_HANDLERS[kind]
    catalogues = Catalogues()
    seen: dict[str, int] = {}
    with transaction.atomic():
        for row in table.rows:
            result.rows += 1
            try:
                # A savepoint per row: a failing row is undone whole, and the check goes on to
                # report every other bad row too.
                with transaction.atomic():
                    outcome, key = handler(_row_values(row, mapping), by, catalogues)
            except BadCell as bad:
                result.errors.append(RowError(row.line, header_of(kind, bad.field), bad.message))
                continue
            except ApplicationError as exc:
                header = header_of(kind, exc.extra.get("field"))
                result.errors.append(RowError(row.line, header, exc.message))
                continue
            if key in seen:
                result.errors.append(
                    RowError(
                        row.line,
                        "",
                        _("Samma post finns redan på rad %(line)s.") % {"line": seen[key]},
                    )
                )
                continue
            seen[key] = row.line
            setattr(result, outcome, getattr(result, outcome) + 1)
        if result.errors or not apply:
            transaction.set_rollback(True)
    return result


def _store(record: RegisterImport, result: ImportResult) -> None:
    """Save the record with the counts and the errors of its latest check or run."""
    record.row_count = result.rows
    record.created_count = result.created
    record.updated_count = result.updated
    record.unchanged_count = result.unchanged
    record.error_count = len(result.errors)
    record.save()
    record.errors.all().delete()
    RegisterImportError.objects.bulk_create(
        RegisterImportError(register_import=record, line=e.line, field=e.field, message=e.message)
        for e in result.errors
    )


def register_import_check(*, by: Any, kind: str, filename: str, content: bytes) -> RegisterImport:
    """Keep the file and check every row without writing any: the preview."""
    if kind not in Kind.values:
        raise ValueError(f"unknown import kind {kind}")
    result = run_import(kind=kind, content=content, filename=filename, by=by, apply=False)
    record = RegisterImport(
        kind=kind,
        status=RegisterImport.Status.REJECTED if result.errors else RegisterImport.Status.PREVIEWED,
        filename=filename[:255],
        sha256=file_checksum(content),
        content=content,
        size=len(content),
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _store(record, result)
    audit_record(
        actor=by,
        action=AuditAction.CREATE,
        obj=record,
        reason="Förhandsgranskning",  # i18n: not UI
    )
    return record


def register_import_apply(*, register_import: RegisterImport, by: Any) -> RegisterImport:
    """Run a checked file: all rows in one transaction, or none if any row fails now."""
    with transaction.atomic():
        record = RegisterImport.objects.select_for_update().get(pk=register_import.pk)
        if record.status != RegisterImport.Status.PREVIEWED:
            raise RegisterError(
                _("Importen kan bara genomföras en gång, och bara när filen är utan fel."),
                code=RegisterErrorCode.IMPORT_INVALID,
            )
        result = run_import(
            kind=record.kind,
            content=bytes(record.content),
            filename=record.filename,
            by=by,
            apply=True,
        )
        if result.errors:
            # The register changed since the check; the file is kept, marked, and nothing written.
            record.status = RegisterImport.Status.REJECTED
        else:
            record.status = RegisterImport.Status.APPLIED
            record.applied_by = by if getattr(by, "is_authenticated", False) else None
            record.applied_at = timezone.now()
        _store(record, result)
        audit_record(
            actor=by,
            action=AuditAction.UPDATE,
            obj=record,
            reason=f"Import: {result.created} nya, {result.updated} ändrade, "  # i18n: not UI
            f"{result.unchanged} oförändrade, {len(result.errors)} fel",  # i18n: not UI
        )
    return record
