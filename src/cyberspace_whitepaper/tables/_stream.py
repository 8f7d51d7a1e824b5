"""JSON Lines to a Parquet dataset partitioned by year, in constant memory: the route past one machine.

Each line is read by the library's one JSON reader (the one of :func:`~cyberspace_whitepaper.loads`,
as :func:`~cyberspace_whitepaper.iter_jsonl` reads each line), so every
record is validated; a bad line is reported by its number and skipped, or
stops the run with ``strict=True``. Records go out in batches, so memory
stays that of one batch however long the input.

The dataset is hive-partitioned: ``DIR/year=2022/part-0.parquet`` (then
``part-1.parquet`` ... for a year of many records), by the
year of the class's first date field (an event's ``date``); a record
without that date goes to ``year=__HIVE_DEFAULT_PARTITION__``, as Hive,
Spark and DuckDB expect; a class with no date field is not partitioned.
Columns follow the model's shape: a plain field is a column of its name (a
date also gives ``_precision``, ``_earliest`` and ``_latest`` columns, as in
the tables), a tuple a list, another object a struct; decimals are strings
of their exact digits. DuckDB, Spark, Dask and Polars read it as it is.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from .. import _engine
from .._limits import DEFAULT_LIMITS, Limits
from ..errors import LoadError, ValidationError
from ..io import json_reader, jsonl_lines, placed_on_line
from ..model._shape import FieldShape, Kind, model_classes, per_class, shape_of
from ._layout import ColumnType, value_columns
from ._parquet import arrow_type, require_pyarrow

__all__ = ["BadLine", "ConvertReport", "convert_jsonl"]

#: Records per batch: what memory holds at once.
BATCH_SIZE = 8192
#: Row groups per file before the next file of the year is begun: a Parquet
#: writer keeps every row group's metadata until it closes, so a file that
#: grew without end would make memory grow with the input.
ROW_GROUPS_PER_FILE = 32
#: Hive's name for the partition of records without a value.
NO_YEAR = "__HIVE_DEFAULT_PARTITION__"


@attrs.frozen
class BadLine:
    """A line that is not a valid record: its number and what is wrong."""

    line: int
    message: str


@attrs.frozen
class ConvertReport:
    """What :func:`convert_jsonl` did.

    Attributes:
        lines: lines read (blank ones included).
        written: records written.
        bad: lines skipped as not valid records.
        partitions: the partitions written (years, as directory names).
    """

    lines: int
    written: int
    bad: int
    partitions: tuple[str, ...]


def _plain_function(shape: FieldShape) -> Callable[[Any], Any]:
    """One value of a field as Arrow takes it: text for dates, locators, enums and decimals."""
    if shape.kind is Kind.MODEL:
        return _struct_function(shape.type)
    if shape.kind in (Kind.DATE, Kind.LOCATOR, Kind.DECIMAL):
        return str
    if shape.kind is Kind.ENUM:
        return lambda value: value.value
    return lambda value: value


@per_class
def _struct_function(cls: type) -> Callable[[Any], dict[str, Any]]:
    parts = []
    for shape in shape_of(cls):
        one = _plain_function(shape)
        parts.append((shape.name, shape.many, one))

    def plain(obj: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, many, one in parts:
            value = getattr(obj, name)
            if value is None:
                out[name] = None
            elif many:
                out[name] = [one(item) for item in value]
            else:
                out[name] = one(value)
        return out

    return plain


def _arrow_value_type(shape: FieldShape) -> Any:
    pa = require_pyarrow()
    if shape.kind is Kind.MODEL:
        one = pa.struct(
            [pa.field(s.name, _arrow_field_type(s), nullable=s.optional) for s in shape_of(shape.type)]
        )
    elif shape.kind in (Kind.DATE, Kind.LOCATOR, Kind.DECIMAL, Kind.ENUM, Kind.TEXT, Kind.STRING):
        one = pa.string()
    else:
        one = arrow_type({Kind.INTEGER: ColumnType.INTEGER, Kind.BOOLEAN: ColumnType.BOOLEAN}[shape.kind])
    return one


def _arrow_field_type(shape: FieldShape) -> Any:
    pa = require_pyarrow()
    one = _arrow_value_type(shape)
    return pa.list_(one) if shape.many else one


def partition_field(cls: type) -> FieldShape | None:
    """The field whose year partitions a dataset of ``cls``: its first date, if any."""
    return next((s for s in shape_of(cls) if s.kind is Kind.DATE and not s.many), None)


def _holds_decimal(cls: type) -> bool:
    """Whether a decimal lies anywhere below ``cls`` (the engine's writer makes those floats)."""
    return any(s.kind is Kind.DECIMAL for c in model_classes(cls) for s in shape_of(c))


class _Rows:
    """The Arrow schema of a class's records, and how a record becomes a row of it.

    A row is the engine's plain data for the record (its fast generated
    writer), with each date's precision and days added and each decimal as
    its exact text rather than the float the JSON form uses.
    """

    def __init__(self, cls: type) -> None:
        pa = require_pyarrow()
        fields: list[Any] = []
        self.write = _engine.writer(cls)
        self.dates: list[tuple[str, str, str, str]] = []
        self.exact: list[tuple[str, bool, Callable[[Any], Any]]] = []
        for shape in shape_of(cls):
            if shape.kind is Kind.DATE and not shape.many:
                columns = value_columns(shape, shape.name, shape.description, required=not shape.optional)
                fields.extend(pa.field(c.name, arrow_type(c.type), nullable=not c.required) for c in columns)
                self.dates.append((shape.name, columns[1].name, columns[2].name, columns[3].name))
                continue
            fields.append(
                pa.field(
                    shape.name,
                    _arrow_field_type(shape),
                    nullable=shape.optional,
                    metadata={"description": shape.description},
                )
            )
            if shape.kind is Kind.DECIMAL or (shape.kind is Kind.MODEL and _holds_decimal(shape.type)):
                self.exact.append((shape.name, shape.many, _plain_function(shape)))
        self.schema = pa.schema(fields)

    def row(self, obj: Any) -> dict[str, Any]:
        out: dict[str, Any] = self.write(obj)
        for name, precision, earliest, latest in self.dates:
            value = getattr(obj, name)
            if value is None:
                out[precision] = out[earliest] = out[latest] = None
            else:
                out[precision] = value.precision.value
                out[earliest] = value.earliest
                out[latest] = value.latest
        for name, many, one in self.exact:
            value = getattr(obj, name)
            if value is None:
                out[name] = None
            else:
                out[name] = [one(item) for item in value] if many else one(value)
        return out


def _message(error: LoadError | ValidationError) -> str:
    if isinstance(error, LoadError):
        return error.message if error.column is None else f"column {error.column}: {error.message}"
    return "; ".join(f"{p.path}: {p.message}" for p in error.problems[:3]) + (
        f" (and {len(error.problems) - 3 + error.omitted} more)"
        if len(error.problems) + error.omitted > 3
        else ""
    )


class _PartitionedWriter:
    """Rows held per year and written out as row groups of one Parquet file per year, a batch at a time."""

    def __init__(self, folder: Path, schema: Any, *, partitioned: bool, batch_size: int) -> None:
        self.folder = folder
        self.schema = schema
        self.partitioned = partitioned
        self.batch_size = batch_size
        self.writers: dict[str, Any] = {}
        self.files: dict[str, int] = {}  #: per year, files begun
        self.groups: dict[str, int] = {}  #: per year, row groups in its open file
        self.pending: dict[str, list[dict[str, Any]]] = {}
        self.held = 0

    def add(self, year: str, row: dict[str, Any]) -> bool:
        """Hold a row; write everything held once a batch is full (then True)."""
        self.pending.setdefault(year, []).append(row)
        self.held += 1
        if self.held < self.batch_size:
            return False
        self.flush()
        return True

    def flush(self) -> None:
        pa = require_pyarrow()
        import pyarrow.parquet as pq  # noqa: PLC0415 - optional, see require_pyarrow

        for year, rows in self.pending.items():
            if not rows:
                continue
            writer = self.writers.get(year)
            if writer is not None and self.groups[year] >= ROW_GROUPS_PER_FILE:
                writer.close()
                writer = None
            if writer is None:
                where = self.folder / f"year={year}" if self.partitioned else self.folder
                where.mkdir(exist_ok=True)
                part = self.files.get(year, 0)
                self.files[year] = part + 1
                self.groups[year] = 0
                writer = self.writers[year] = pq.ParquetWriter(where / f"part-{part}.parquet", self.schema)
            writer.write_table(pa.Table.from_pylist(rows, schema=self.schema))
            self.groups[year] += 1
            rows.clear()
        self.held = 0

    def close(self) -> tuple[str, ...]:
        """Write what is held, close every file; the years written."""
        import pyarrow.parquet as pq  # noqa: PLC0415 - optional, see require_pyarrow

        self.flush()
        years = tuple(sorted(self.files))
        for writer in self.writers.values():
            writer.close()
        self.writers.clear()
        if not years:  # no record: still a dataset, of no rows
            pq.write_table(self.schema.empty_table(), self.folder / "part-0.parquet")
        return years

    def abandon(self) -> None:
        for writer in self.writers.values():
            with contextlib.suppress(OSError, ValueError):
                writer.close()


def convert_jsonl(
    source: str | os.PathLike[str],
    folder: str | os.PathLike[str],
    *,
    type: type,
    strict: bool = False,
    batch_size: int = BATCH_SIZE,
    limits: Limits = DEFAULT_LIMITS,
    on_bad_line: Callable[[BadLine], None] | None = None,
    on_progress: Callable[[int, int, int], None] | None = None,
) -> ConvertReport:
    """Stream a JSON Lines file of ``type`` records into a Parquet dataset at ``folder``, partitioned by year.

    ``folder`` must not exist: the dataset is written beside it and moved
    into place when complete, so a failed run leaves nothing half written.
    ``on_bad_line`` is called for each line skipped; ``on_progress`` with
    (lines read, bytes read, total bytes) after each batch.

    Raises:
        LoadError, ValidationError: with ``strict=True``, the first bad line
            (located by its line number).
        FileExistsError: ``folder`` exists.
    """
    require_pyarrow()
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    target = Path(folder)
    if target.exists():
        raise FileExistsError(f"{target} exists: convert writes a new dataset")
    rows = _Rows(type)
    partition = partition_field(type)
    working = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    out = _PartitionedWriter(working, rows.schema, partitioned=partition is not None, batch_size=batch_size)
    lines = written = bad = 0
    read = json_reader(type, limits)
    try:
        total = os.path.getsize(source)
        with open(source, "rb") as file:
            numbered = jsonl_lines(file, limits)
            while chunk := list(itertools.islice(numbered, batch_size)):
                # The collector is paused a chunk of lines at a time (the records make no
                # cycles), not around each line: a pause per line, and collections walking the
                # rows a batch holds, were a third of the time.
                with _engine.collector_paused():
                    for number, line in chunk:
                        lines = number
                        try:
                            if isinstance(line, LoadError):
                                raise line
                            record = read(line)
                        except (LoadError, ValidationError) as error:
                            if strict:
                                raise placed_on_line(error, number) from None
                            bad += 1
                            if on_bad_line is not None:
                                on_bad_line(BadLine(number, _message(error)))
                            continue
                        year = ""
                        if partition is not None:
                            date = getattr(record, partition.name)
                            year = NO_YEAR if date is None else f"{date.year:04d}"
                        written += 1
                        if out.add(year, rows.row(record)) and on_progress is not None:
                            on_progress(number, file.tell(), total)
            years = out.close()
            if on_progress is not None:
                on_progress(lines, file.tell(), total)
        os.rename(working, target)
    except BaseException:
        out.abandon()
        shutil.rmtree(working, ignore_errors=True)
        raise
    return ConvertReport(
        lines=lines,
        written=written,
        bad=bad,
        partitions=tuple(f"year={y}" for y in years) if partition is not None else (),
    )
