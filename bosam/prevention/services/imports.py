"""Landlords' monthly arrears lists: upload (the file is kept, nothing else written), preview
with every bad row named, and accept (atomic: all good rows, or nothing)."""

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from bosam.accounts.models import Unit
from bosam.audit.models import AuditAction
from bosam.audit.services import audit_record
from bosam.core.tabular import Table, TableError, file_checksum, read_table
from bosam.households.models import HouseholdMember, Person
from bosam.prevention import rules
from bosam.prevention.errors import PreventionError, PreventionErrorCode
from bosam.prevention.models import ImportMapping, LandlordImport, Notification
from bosam.prevention.services.import_rows import import_new_rows, import_updated_rows
from bosam.properties.models import Landlord
from bosam.tenancies.models import Sublet


class RowStatus:
    NEW = "new"  # becomes a notification
    UPDATE = "update"  # the same tenant and month is known; the amounts changed
    UNCHANGED = "unchanged"  # the same tenant and month is known with the same amounts
    REFUSED = "refused"  # an error; not written


@dataclass
class PreviewRow:
    row: rules.ArrearsRow
    status: str
    person: Person | None = None
    household_id: Any = None
    sublet_id: Any = None  # the household's running sublet from the municipality
    existing: Notification | None = None

    @property
    def stage(self) -> str:
        return (
            Notification.Stage.TERMINATION
            if self.row.notice_served_on
            else Notification.Stage.EARLY_SIGNAL
        )


@dataclass
class ImportPreview:
    landlord_import: LandlordImport
    headers: list[str]
    mapping: dict[str, str]
    mapping_errors: list[str] = field(default_factory=list)
    rows: list[PreviewRow] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def errors(self) -> list[str]:
        return [e for r in self.rows for e in r.row.errors]


def import_mapping_for(landlord: Landlord) -> ImportMapping | None:
    return ImportMapping.objects.filter(landlord=landlord).first()


@transaction.atomic
def import_mapping_save(
    *, landlord: Landlord, columns: dict[str, str], saved_by: Any
) -> ImportMapping:
    """Remember which of the landlord's columns holds which field, for the next list."""
    known = {f.key for f in rules.IMPORT_FIELDS}
    cleaned = {k: v for k, v in columns.items() if k in known and v}
    mapping, _created = ImportMapping.objects.update_or_create(
        landlord=landlord, defaults={"columns_json": json.dumps(cleaned), "updated_by": saved_by}
    )
    return mapping


@transaction.atomic
def landlord_import_upload(
    *, landlord: Landlord, filename: str, content: bytes, period: date, uploaded_by: Any
) -> LandlordImport:
    """Keep the file with its checksum for preview. A file already imported is refused: importing
    it again would create nothing. The size, type and row limits are checked by `read_table`
    before the file is parsed (`bosam.core.uploads`); a file with no rows is refused."""
    try:
        table = read_table(content, filename)
    except TableError as exc:
        raise PreventionError(
            str(exc), code=PreventionErrorCode.IMPORT_INVALID, extra={"field": "file"}
        ) from exc
    if not table.rows:
        raise PreventionError(
            gettext("Filen har inga rader, bara rubrikraden. Ingenting importeras."),
            code=PreventionErrorCode.IMPORT_INVALID,
            extra={"field": "file"},
        )
    earlier = LandlordImport.objects.filter(
        landlord=landlord, sha256=table.sha256, status=LandlordImport.Status.ACCEPTED
    ).first()
    if earlier is not None:
        raise PreventionError(
            gettext("Filen är redan importerad %(when)s (%(name)s). Ingenting nytt skapas.")
            % {
                "when": f"{timezone.localtime(earlier.accepted_at):%Y-%m-%d %H:%M}",
                "name": earlier.filename,
            },
            code=PreventionErrorCode.IMPORT_ALREADY_DONE,
            extra={"field": "file", "existing": str(earlier.pk)},
        )
    batch = LandlordImport(
        landlord=landlord,
        filename=filename[:255],
        content=content,
        sha256=file_checksum(content),
        period=rules.notification_period(period),
        uploaded_by=uploaded_by,
        rows_total=len(table.rows),
    )
    batch.full_clean()
    batch.save()
    audit_record(actor=uploaded_by, action=AuditAction.CREATE, obj=batch)
    return batch


def _table(batch: LandlordImport) -> Table:
    try:
        return read_table(bytes(batch.content), batch.filename)
    except TableError as exc:
        raise PreventionError(str(exc), code=PreventionErrorCode.IMPORT_INVALID) from exc


def landlord_import_preview(
    *, landlord_import: LandlordImport, mapping: dict[str, str] | None = None
) -> ImportPreview:
    """What accepting the file would do, row by row. Writes nothing.

    With no mapping given, the landlord's saved mapping is used, else a guess from the headings."""
    table = _table(landlord_import)
    saved = import_mapping_for(landlord_import.landlord)
    columns = mapping or (saved.columns if saved else rules.guess_mapping(table.headers))
    preview = ImportPreview(
        landlord_import=landlord_import,
        headers=table.headers,
        mapping=dict(columns),
        mapping_errors=rules.mapping_errors(columns, table.headers),
    )
    if preview.mapping_errors:
        return preview
    today = timezone.localdate()
    rows = [rules.read_arrears_row(r.line, r.values, columns, today=today) for r in table.rows]
    numbers = {r.personal_number for r in rows if r.personal_number}
    persons = {
        p.personal_number: p
        for p in Person.objects.filter(personal_number__in=numbers).select_related("merged_into")
    }
    households = dict(
        HouseholdMember.objects.filter(
            person__personal_number__in=numbers, end_date__isnull=True
        ).values_list("person__personal_number", "household_id")
    )
    sublets = dict(
        Sublet.objects.filter(
            household_id__in=set(households.values()), status=Sublet.Status.ACTIVE
        ).values_list("household_id", "id")
    )
    existing: dict[tuple[str, str], Notification] = {}
    for notification in Notification.objects.filter(
        landlord=landlord_import.landlord, period=landlord_import.period
    ).prefetch_related("tenants"):
        for tenant in notification.tenants.all():
            existing[(tenant.personal_number or "", notification.stage)] = notification
    seen: dict[str, int] = {}
    for row in rows:
        item = PreviewRow(row=row, status=RowStatus.REFUSED)
        preview.rows.append(item)
        if row.personal_number in seen:
            row.errors.append(
                gettext("Rad %(line)s, Personnummer: samma hyresgäst som på rad %(first)s.")
                % {"line": row.line, "first": seen[row.personal_number]}
            )
        elif row.personal_number:
            seen[row.personal_number] = row.line
        person = persons.get(row.personal_number)
        if person is None and row.personal_number:
            problem = rules.new_tenant_name_error(row.first_name, row.last_name)
            if problem == rules.NAME_MISSING:
                problem = gettext("personen finns inte i Bosam och namn saknas i filen.")
            if problem:
                row.errors.append(
                    gettext("Rad %(line)s, Namn: %(problem)s")
                    % {"line": row.line, "problem": problem}
                )
        if row.errors:
            continue
        item.person = (person.merged_into or person) if person else None
        item.household_id = households.get(row.personal_number)
        item.sublet_id = sublets.get(item.household_id)
        known = existing.get((row.personal_number, item.stage))
        item.existing = known
        if known is None:
            item.status = RowStatus.NEW
        elif (known.debt_amount, known.months_behind) == (row.debt_amount, row.months_behind):
            item.status = RowStatus.UNCHANGED
        else:
            item.status = RowStatus.UPDATE
    return preview


@transaction.atomic
def landlord_import_accept(
    *, landlord_import: LandlordImport, accepted_by: Any, unit: Unit
) -> LandlordImport:
    """Write the file's good rows as notifications (new) or new amounts (update); refused rows are
    kept as messages. Atomic: a failure part-way writes nothing."""
    batch = LandlordImport.objects.select_for_update().get(pk=landlord_import.pk)
    if batch.status != LandlordImport.Status.PREVIEW:
        raise PreventionError(
            gettext("Filen är redan hanterad."), code=PreventionErrorCode.IMPORT_ALREADY_DONE
        )
    saved = import_mapping_for(batch.landlord)
    preview = landlord_import_preview(
        landlord_import=batch, mapping=saved.columns if saved else None
    )
    if preview.mapping_errors:
        raise PreventionError(
            " ".join(preview.mapping_errors), code=PreventionErrorCode.IMPORT_INVALID
        )
    import_new_rows(
        items=[item for item in preview.rows if item.status == RowStatus.NEW],
        batch=batch,
        received_on=timezone.localdate(),
        accepted_by=accepted_by,
        unit=unit,
    )
    updated = []
    for item in preview.rows:
        if item.status == RowStatus.UPDATE and item.existing is not None:
            item.existing.debt_amount = item.row.debt_amount
            item.existing.months_behind = item.row.months_behind
            updated.append(item.existing)
    import_updated_rows(notifications=updated, updated_by=accepted_by)
    batch.status = LandlordImport.Status.ACCEPTED
    batch.accepted_at = timezone.now()
    batch.created_count = preview.count(RowStatus.NEW)
    batch.updated_count = preview.count(RowStatus.UPDATE)
    batch.unchanged_count = preview.count(RowStatus.UNCHANGED)
    batch.refused_count = preview.count(RowStatus.REFUSED)
    batch.refused_text = "\n".join(preview.errors)
    batch.full_clean()
    batch.save()
    audit_record(actor=accepted_by, action=AuditAction.UPDATE, obj=batch)
    return batch


@transaction.atomic
def landlord_import_discard(*, landlord_import: LandlordImport, discarded_by: Any) -> None:
    """The caseworker did not accept the file; it stays in the history as discarded."""
    if landlord_import.status != LandlordImport.Status.PREVIEW:
        raise PreventionError(
            gettext("Filen är redan hanterad."), code=PreventionErrorCode.IMPORT_ALREADY_DONE
        )
    landlord_import.status = LandlordImport.Status.DISCARDED
    landlord_import.save(update_fields=["status", "updated_at"])
    audit_record(actor=discarded_by, action=AuditAction.UPDATE, obj=landlord_import)
