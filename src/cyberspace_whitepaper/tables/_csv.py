"""The tables as CSV files, one a table: UTF-8, RFC 4180 (comma, double quotes, CRLF), a header row.

Each file is written atomically. :func:`read_csv` reads a folder written so
back into :class:`~._convert.Tables`, strictly: the header must name the
layout's columns in order, and every cell must be of its column's type.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from .._files import atomic_write
from ..errors import Problem, ValidationError, excerpt
from ..model import WhitePaper
from ._cells import CellError, from_text, to_text
from ._convert import Document, Row, Table, Tables
from ._layout import TableSchema, layout_of

__all__ = ["read_csv", "write_csv"]

#: RFC 4180: fields quoted only where needed, quotes doubled, lines ended by CRLF.
_DIALECT = {"delimiter": ",", "quotechar": '"', "doublequote": True, "lineterminator": "\r\n"}


def csv_bytes(table: Table) -> bytes:
    """One table as the bytes of its CSV file."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, **_DIALECT)  # type: ignore[arg-type]
    writer.writerow(table.schema.column_names)
    writer.writerows([to_text(cell) for cell in row] for row in table.rows)
    return buffer.getvalue().encode("utf-8")


def write_csv(tables: Tables, folder: str | os.PathLike[str]) -> list[Path]:
    """Write each table to ``folder/NAME.csv`` (the folder is made if need be); return the paths."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = target / f"{table.name}.csv"
        atomic_write(path, (csv_bytes(table),))
        written.append(path)
    return written


def _cells(schema: TableSchema, index: int, record: list[str], *, line: int, problems: list[Problem]) -> Row:
    cells = []
    for column, text in zip(schema.columns, record, strict=True):
        try:
            cells.append(from_text(text, column.type))
        except CellError as error:
            path = f"$.{schema.name}[{index}].{column.name}"
            problems.append(Problem(path=path, code="cell", message=f"{schema.name}.csv: {error}", line=line))
            cells.append(None)
    return tuple(cells)


def _read_table(path: Path, schema: TableSchema, problems: list[Problem]) -> Table:
    with open(path, encoding="utf-8", newline="") as file:
        reader = csv.reader(file, strict=True, delimiter=",", quotechar='"', doublequote=True)
        rows: list[Row] = []
        try:
            header = next(reader, [])
            if tuple(header) != schema.column_names:
                message = (
                    f"{path.name}: expected the columns {list(schema.column_names)}, got {excerpt(header)}"
                )
                problems.append(Problem(path=f"$.{schema.name}", code="header", message=message, line=1))
                return Table(schema, ())
            for index, record in enumerate(reader):
                if len(record) != len(schema.columns):
                    message = f"{path.name}: expected {len(schema.columns)} fields, got {len(record)}"
                    problems.append(
                        Problem(
                            path=f"$.{schema.name}[{index}]",
                            code="row",
                            message=message,
                            line=reader.line_num,
                        )
                    )
                    continue
                rows.append(_cells(schema, index, record, line=reader.line_num, problems=problems))
        except csv.Error as error:
            message = f"{path.name}: {error}"
            problems.append(
                Problem(path=f"$.{schema.name}", code="csv", message=message, line=reader.line_num)
            )
    return Table(schema, tuple(rows))


def read_csv(folder: str | os.PathLike[str], *, type: type[Document] = WhitePaper) -> Tables:
    """The tables in a folder of CSV files written by :func:`write_csv` (``type=Corpus`` for a corpus's).

    Raises:
        ValidationError: a header or a cell that does not fit the layout,
            located as ``$.table[row].column`` with the file's line.
        OSError: a file is missing or cannot be read.
    """
    problems: list[Problem] = []
    found = [
        _read_table(Path(folder) / f"{schema.name}.csv", schema, problems)
        for schema in layout_of(type).schemas
    ]
    if problems:
        raise ValidationError(problems)
    return Tables(tuple(found))
