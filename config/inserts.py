"""Rows of plain values inserted in one statement, without model instances.

Why: ``bulk_create`` builds a model instance per row and prepares every value of every
field through the field's methods, which is most of the time an import spends on its
paragraphs, texts and footnotes (docs/performance.md, "Reading resolutions"). Rows whose
values are already what the database stores (ints, strings, booleans, None; ids rather
than instances; dates and times, which are adapted) need none of it. No signal is sent, as
with ``bulk_create``.
"""

from collections.abc import Sequence

from django.db import connection
from django.db.models import Model
from django.utils import timezone

# SQLite accepts at most 999 parameters in a statement in its older versions.
SQLITE_MAX_PARAMETERS = 999


def insert_rows(
    model: type[Model], columns: Sequence[str], rows: Sequence[tuple], *, returning: bool = False
) -> list[int]:
    """Insert ``rows`` (tuples of values in the order of ``columns``, fields' names or
    attnames such as ``paragraph_id``) into ``model``'s table; the new ids, in the order
    of the rows, when ``returning``. Columns left out take their database default."""
    if not rows:
        return []
    meta = model._meta
    fields = [meta.get_field(column) for column in columns]
    rows = _adapted_dates(fields, rows)
    quote = connection.ops.quote_name
    names = ", ".join(quote(field.column) for field in fields)
    returned = f" RETURNING {quote(meta.pk.column)}" if returning else ""
    if connection.vendor == "postgresql":
        # One array per column, as Django's bulk_create does on PostgreSQL: one statement
        # whatever the number of rows, planned quickly. The length of varchar columns is
        # left out of the casts so that the table, not the cast, refuses a value too long.
        types = [field.db_type(connection).split("(")[0] for field in fields]
        arrays = ", ".join(f"(%s)::{db_type}[]" for db_type in types)
        sql = f"INSERT INTO {quote(meta.db_table)} ({names}) SELECT * FROM UNNEST({arrays})"
        batches = [(sql + returned, [list(column) for column in zip(*rows, strict=True)])]
    else:
        per_statement = max(1, SQLITE_MAX_PARAMETERS // len(fields))
        batches = []
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            placeholders = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * len(batch))
            sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES {placeholders}"
            batches.append((sql + returned, [value for row in batch for value in row]))
    ids: list[int] = []
    with connection.cursor() as cursor:
        for sql, params in batches:
            cursor.execute(sql, params)
            if returning:
                ids.extend(row[0] for row in cursor.fetchall())
    return ids


def insert_instances(objs: Sequence[Model]) -> None:
    """``bulk_create`` for new instances of one model whose values are plain (as
    ``insert_rows`` takes them): every field is written as the instance holds it, the
    ``auto_now`` and ``auto_now_add`` ones as now, and the instances get their ids."""
    if not objs:
        return
    model = type(objs[0])
    fields = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and not getattr(field, "generated", False)
    ]
    now = timezone.now()
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objs:
                setattr(obj, field.attname, now)
    ids = insert_rows(
        model,
        [field.attname for field in fields],
        [tuple(getattr(obj, field.attname) for field in fields) for obj in objs],
        returning=True,
    )
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias


def _adapted_dates(fields: list, rows: Sequence[tuple]) -> Sequence[tuple]:
    """Dates and times as the backend stores them (SQLite keeps them as text)."""
    adapters = {
        "DateTimeField": connection.ops.adapt_datetimefield_value,
        "DateField": connection.ops.adapt_datefield_value,
    }
    adapt = {
        index: adapters[field.get_internal_type()]
        for index, field in enumerate(fields)
        if field.get_internal_type() in adapters
    }
    if not adapt:
        return rows
    return [
        tuple(adapt[i](value) if i in adapt else value for i, value in enumerate(row))
        for row in rows
    ]
