"""Inserting many new rows at once, as `bulk_create` does, at the speed of PostgreSQL's COPY.

`bulk_create` prepares every value of every row in Python and sends it as SQL parameters; for a
landlord list of ten thousand rows (a hundred thousand rows with its persons, households, cases
and audit events) that costs seconds. COPY streams the same values in the database's own format.
The rows are the same: defaults were set when the instances were made, `auto_now`/`auto_now_add`
are set here as `bulk_create` sets them, and the database's constraints and triggers apply as on
any insert. Other databases (SQLite in the tests) get `bulk_create`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection, models

BATCH_SIZE = 1000


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    # A database-generated key (an AutoField) is left to the database, as bulk_create does.
    return [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField | models.BigAutoField))
    ]


def _stamped(field: models.Field[Any, Any]) -> bool:
    return isinstance(field, models.DateField) and bool(
        getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    )


def bulk_insert_rows(
    model: type[models.Model], attnames: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert rows given as the values of `attnames` (a foreign key by its `_id`); the fields not
    named take the database's defaults, so name every field without one."""
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(
            [model(**dict(zip(attnames, row, strict=True))) for row in rows],
            batch_size=BATCH_SIZE,
        )
        return
    # Made in full first: while COPY streams, the connection can run no other query, and making a
    # row may read (a label from a related record).
    values = list(rows)
    columns = {f.attname: str(f.column) for f in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    sql = (
        f"COPY {quote(model._meta.db_table)} "
        f"({', '.join(quote(columns[name]) for name in attnames)}) FROM STDIN"
    )
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in values:
            copy.write_row(row)


def bulk_insert(objs: Sequence[models.Model]) -> None:
    """Insert new instances of one model, as `bulk_create` would. Keys the database generates are
    not read back: only for models whose key is set in Python (UUIDs) are the instances usable as
    saved."""
    if not objs:
        return
    model = type(objs[0])
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)
        return
    fields = _columns(model)
    stamped = [f for f in fields if _stamped(f)]
    attnames = [f.attname for f in fields]

    def rows() -> Iterator[list[Any]]:
        for obj in objs:
            for field in stamped:
                field.pre_save(obj, add=True)
            yield [getattr(obj, name) for name in attnames]

    bulk_insert_rows(model, attnames, rows())
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
