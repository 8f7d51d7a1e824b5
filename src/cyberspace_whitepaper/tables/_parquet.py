"""The tables as Parquet files, one a table, with an explicit schema (needs the ``parquet`` extra).

pyarrow is imported here only, when a function is called. Every column's
Arrow type comes from its :class:`~._layout.ColumnType`, never from the
data: strings, 64-bit integers, booleans, days (``date32``), and decimals as
strings holding their exact digits (an Arrow ``decimal128`` fixes one scale
per column, which would write 45.5 as 45.50). The column's description and
the table's keys are kept in the schema's metadata.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..errors import ValidationError
from ..model import WhitePaper
from ._cells import CellError, from_text
from ._convert import Document, Row, Table, Tables
from ._layout import ColumnType, TableSchema, layout_of

__all__ = ["arrow_schema", "read_parquet", "require_pyarrow", "write_parquet"]

INSTALL_HINT = "Parquet needs pyarrow: pip install 'cyberspace-whitepaper[parquet]' (or pip install pyarrow)"


def require_pyarrow() -> Any:
    """The ``pyarrow`` module, or ``ModuleNotFoundError`` saying how to install it."""
    try:
        import pyarrow  # noqa: PLC0415 - an optional dependency, imported where used
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(INSTALL_HINT, name="pyarrow") from error
    return pyarrow


def arrow_type(column_type: ColumnType) -> Any:
    pa = require_pyarrow()
    return {
        ColumnType.STRING: pa.string(),
        ColumnType.INTEGER: pa.int64(),
        ColumnType.BOOLEAN: pa.bool_(),
        ColumnType.DECIMAL: pa.string(),
        ColumnType.DATE: pa.date32(),
    }[column_type]


def arrow_schema(schema: TableSchema) -> Any:
    """The Arrow schema of one table: types from the layout, descriptions and keys as metadata."""
    pa = require_pyarrow()
    fields = [
        pa.field(
            column.name,
            arrow_type(column.type),
            nullable=not column.required,
            metadata={"description": column.description, "type": column.type.value},
        )
        for column in schema.columns
    ]
    keys = {
        "primary_key": list(schema.primary_key),
        "foreign_keys": [
            {"columns": list(k.columns), "table": k.table, "referenced": list(k.referenced)}
            for k in schema.foreign_keys
        ],
    }
    return pa.schema(fields, metadata={"description": schema.description, "keys": json.dumps(keys)})


def arrow_table(table: Table) -> Any:
    """One table as an Arrow table of its explicit schema."""
    pa = require_pyarrow()
    schema = arrow_schema(table.schema)
    columns = []
    for index, column in enumerate(table.schema.columns):
        cells = [row[index] for row in table.rows]
        if column.type is ColumnType.DECIMAL:
            cells = [None if cell is None else str(cell) for cell in cells]
        columns.append(pa.array(cells, type=arrow_type(column.type)))
    return pa.Table.from_arrays(columns, schema=schema)


def write_parquet(tables: Tables, folder: str | os.PathLike[str]) -> list[Path]:
    """Write each table to ``folder/NAME.parquet`` (the folder is made if need be); return the paths."""
    require_pyarrow()
    import pyarrow.parquet as pq  # noqa: PLC0415 - optional, see require_pyarrow

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = target / f"{table.name}.parquet"
        temporary = path.with_name(f".{path.name}.tmp")
        pq.write_table(arrow_table(table), temporary)
        os.replace(temporary, path)
        written.append(path)
    return written


def read_parquet(folder: str | os.PathLike[str], *, type: type[Document] = WhitePaper) -> Tables:
    """The tables in a folder of Parquet files written by :func:`write_parquet` (``type=Corpus``)."""
    require_pyarrow()
    import pyarrow.parquet as pq  # noqa: PLC0415 - optional, see require_pyarrow

    layout = layout_of(type)
    found = []
    for schema in layout.schemas:
        data = pq.read_table(Path(folder) / f"{schema.name}.parquet")
        if tuple(data.column_names) != schema.column_names:
            raise ValidationError.single(
                f"$.{schema.name}",
                "header",
                f"expected the columns {list(schema.column_names)}, got {data.column_names}",
            )
        columns = []
        for column in schema.columns:
            cells = data.column(column.name).to_pylist()
            if column.type is ColumnType.DECIMAL:
                try:
                    cells = [None if c is None else from_text(c, column.type) for c in cells]
                except CellError as error:
                    raise ValidationError.single(
                        f"$.{schema.name}", "cell", f"{column.name}: {error}"
                    ) from None
            columns.append(cells)
        rows: tuple[Row, ...] = tuple(zip(*columns, strict=True)) if columns else ()
        found.append(Table(schema, rows))
    return Tables(tuple(found))
