"""Write many rows of a polars frame into one table, fast, on SQLite and PostgreSQL.

`bulk_create` builds one model instance and one SQL parameter per cell in Python: about 60 µs
a row, ten times the cost of parsing the row (bench/import_bench.py). Observations are plain
values, so they go straight from the frame to the database driver instead: PostgreSQL reads
them through COPY as CSV written by polars, SQLite through `executemany` (both inside the
caller's transaction). Changed rows are upserted with INSERT … ON CONFLICT DO UPDATE, which
both databases understand. `read_frame` goes the other way for a query's result (COPY TO on
PostgreSQL, fetchall on SQLite) without one Python object per row in between.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import polars as pl
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Model, QuerySet

CHUNK = 100_000


def insert_frame(model: type[Model], frame: pl.DataFrame) -> None:
    """INSERT every row; the frame's columns are the model's column names."""
    if frame.height == 0:
        return
    table, columns = _names(model, frame.columns)
    if connection.vendor == "postgresql":
        _copy(table, columns, frame)
        return
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    _executemany(sql, frame)


def upsert_frame(
    model: type[Model], frame: pl.DataFrame, unique: list[str], update: list[str]
) -> None:
    """INSERT … ON CONFLICT (unique) DO UPDATE SET update = the new values."""
    if frame.height == 0:
        return
    table, columns = _names(model, frame.columns)
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(columns))
    assignments = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in update)
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) "
        f"ON CONFLICT ({', '.join(quote(c) for c in unique)}) DO UPDATE SET {assignments}"
    )
    _executemany(sql, frame)


def _names(model: type[Model], columns: list[str]) -> tuple[str, list[str]]:
    quote = connection.ops.quote_name
    return quote(model._meta.db_table), [quote(c) for c in columns]


def _executemany(sql: str, frame: pl.DataFrame) -> None:
    with connection.cursor() as cursor:
        for chunk in frame.iter_slices(CHUNK):
            cursor.executemany(sql, chunk.iter_rows())


def _copy(table: str, columns: list[str], frame: pl.DataFrame) -> None:
    """COPY … FROM STDIN as CSV: quoted empty strings stay strings, bare empties are NULL."""
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        for chunk in frame.iter_slices(CHUNK):
            buffer = io.BytesIO()
            chunk.write_csv(buffer, include_header=False, quote_style="non_numeric")
            with raw.copy(sql) as copy:
                copy.write(buffer.getvalue())


def read_frame(
    queryset: QuerySet, schema: Mapping[str, pl.DataType | type[pl.DataType]]
) -> pl.DataFrame:
    """The rows of a `values_list` queryset; NULL in a text column becomes "" (as stored)."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a filter such as `period__in=[]` that no row can match
        return pl.DataFrame(schema=schema)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            frame = _copy_out(cursor.cursor, sql, params, schema)
        else:
            cursor.execute(sql, params)
            frame = pl.DataFrame(cursor.fetchall(), schema=schema, orient="row")
    text = [name for name, dtype in schema.items() if dtype == pl.String]
    return frame.with_columns(pl.col(text).fill_null(""))


def _copy_out(
    raw, sql: str, params, schema: Mapping[str, pl.DataType | type[pl.DataType]]
) -> pl.DataFrame:
    buffer = io.BytesIO()
    with raw.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy:
        for block in copy:
            buffer.write(block)
    if buffer.tell() == 0:
        return pl.DataFrame(schema=schema)
    buffer.seek(0)
    return pl.read_csv(buffer, has_header=False, schema=schema)
