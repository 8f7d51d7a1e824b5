"""The tables as one SQLite database (standard library ``sqlite3``), every key declared and enforced.

Each table is ``STRICT`` (SQLite checks every value's type), with ``NOT NULL``
on required columns, ``CHECK`` constraints for closed vocabularies, booleans
and bounded integers, its primary key and its foreign keys. The rows are
written with ``PRAGMA foreign_keys=ON``, the checks deferred to the commit
(tables refer to each other both ways), and ``PRAGMA foreign_key_check``
must then find nothing. Decimals are ``TEXT`` holding the exact digits
(SQLite's ``DECIMAL`` would turn them into floats), days are ``TEXT``
``YYYY-MM-DD``, booleans ``INTEGER`` 0 or 1.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import sqlite3
import tempfile
from decimal import Decimal
from pathlib import Path

from ..errors import ValidationError
from ..model import WhitePaper
from ._cells import CellError, from_text
from ._convert import Cell, Document, Row, Table, Tables
from ._layout import Column, ColumnType, TableSchema, layout_of

__all__ = ["create_statement", "read_sqlite", "write_sqlite"]

_SQL_TYPES = {
    ColumnType.STRING: "TEXT",
    ColumnType.INTEGER: "INTEGER",
    ColumnType.BOOLEAN: "INTEGER",
    ColumnType.DECIMAL: "TEXT",
    ColumnType.DATE: "TEXT",
}


def _name(identifier: str) -> str:
    """An identifier, quoted: ``order`` is a column of ours and a keyword of SQL."""
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _column(column: Column) -> str:
    name = _name(column.name)
    parts = [name, _SQL_TYPES[column.type]]
    if column.required:
        parts.append("NOT NULL")
    checks = []
    if column.values:
        checks.append(f"{name} IN ({', '.join(_literal(v) for v in column.values)})")
    if column.type is ColumnType.BOOLEAN:
        checks.append(f"{name} IN (0, 1)")
    if column.minimum is not None:
        checks.append(f"{name} >= {column.minimum:d}")
    if column.maximum is not None:
        checks.append(f"{name} <= {column.maximum:d}")
    if checks:
        parts.append(f"CHECK ({' AND '.join(checks)})")
    return " ".join(parts)


def create_statement(schema: TableSchema) -> str:
    """The ``CREATE TABLE`` statement of one table."""
    lines = [_column(column) for column in schema.columns]
    lines.append(f"PRIMARY KEY ({', '.join(_name(c) for c in schema.primary_key)})")
    for key in schema.foreign_keys:
        lines.append(
            f"FOREIGN KEY ({', '.join(_name(c) for c in key.columns)}) "
            f"REFERENCES {_name(key.table)} ({', '.join(_name(c) for c in key.referenced)})"
        )
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {_name(schema.name)} (\n  {body}\n) STRICT"


def _to_sql(cell: Cell) -> object:
    if isinstance(cell, bool):
        return int(cell)
    if isinstance(cell, Decimal):
        return str(cell)
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return cell


def write_sqlite(tables: Tables, path: str | os.PathLike[str]) -> Path:
    """Write the tables to a new SQLite database at ``path``, replacing any file there atomically.

    Raises:
        sqlite3.IntegrityError: a key is broken (tables not made by
            :func:`~cyberspace_whitepaper.to_tables`); nothing is written.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("BEGIN")
            # Tables refer to each other both ways (an event's actors, a principle's event): check at commit.
            connection.execute("PRAGMA defer_foreign_keys = ON")
            for table in tables:
                connection.execute(create_statement(table.schema))
            for table in tables:
                marks = ", ".join("?" for _ in table.schema.columns)
                connection.executemany(
                    f"INSERT INTO {_name(table.name)} VALUES ({marks})",  # noqa: S608 - names from the layout, quoted
                    ([_to_sql(cell) for cell in row] for row in table.rows),
                )
            connection.execute("COMMIT")
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
            if broken:  # pragma: no cover - the commit already enforced them
                raise sqlite3.IntegrityError(f"foreign keys broken: {broken[:5]}")
        finally:
            connection.close()
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target


def _from_sql(value: object, column: Column) -> Cell:
    if value is None:
        return None
    if column.type is ColumnType.BOOLEAN and type(value) is int:
        return bool(value)
    if column.type in (ColumnType.DECIMAL, ColumnType.DATE) and type(value) is str:
        return from_text(value, column.type)
    return value  # type: ignore[return-value]


def read_sqlite(path: str | os.PathLike[str], *, type: type[Document] = WhitePaper) -> Tables:
    """The tables in a SQLite database written by :func:`write_sqlite`, rows in primary key order.

    ``type=Corpus`` reads a corpus's tables.
    """
    layout = layout_of(type)
    found = []
    with contextlib.closing(sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)) as connection:
        for schema in layout.schemas:
            columns = ", ".join(_name(c) for c in schema.column_names)
            order = ", ".join(_name(c) for c in schema.primary_key)
            rows: list[Row] = []
            for index, record in enumerate(
                connection.execute(
                    f"SELECT {columns} FROM {_name(schema.name)} ORDER BY {order}"  # noqa: S608 - see above
                )
            ):
                try:
                    rows.append(tuple(_from_sql(v, c) for v, c in zip(record, schema.columns, strict=True)))
                except CellError as error:
                    raise ValidationError.single(f"$.{schema.name}[{index}]", "cell", str(error)) from None
            found.append(Table(schema, tuple(rows)))
    return Tables(tuple(found))
