"""A Frictionless Data Package (v2): the CSV tables and ``datapackage.json`` describing them.

Every table is a resource with its schema (field types, descriptions,
required values, closed vocabularies, bounds), its primary key and its
foreign keys, so that a validator checks every key; and with its size and
sha256, so that a reader knows the file is the one described. The package
carries the licence, the sources (of a corpus: its own and its papers', each
once) and, when given, the data version.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .._files import atomic_write
from ..model import Corpus, Source, WhitePaper
from ..model._shape import walk
from ._convert import Table, to_tables
from ._csv import csv_bytes
from ._layout import Column, ColumnType, TableSchema

__all__ = ["DESCRIPTOR", "datapackage_descriptor", "write_datapackage"]

#: The descriptor's file name, as the standard wants it.
DESCRIPTOR = "datapackage.json"

_PROFILES = "https://datapackage.org/profiles/2.0"
#: The licence of the data set: the project's.
LICENSE = {"name": "MIT", "path": "https://opensource.org/license/mit", "title": "MIT License"}

_FIELD_TYPES = {
    ColumnType.STRING: "string",
    ColumnType.INTEGER: "integer",
    ColumnType.BOOLEAN: "boolean",
    # Table Schema's number is a decimal read exactly (frictionless reads it as a Decimal).
    ColumnType.DECIMAL: "number",
    ColumnType.DATE: "date",
}


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": _FIELD_TYPES[column.type],
        "description": column.description,
    }
    if column.type is ColumnType.BOOLEAN:
        field["trueValues"] = ["true"]
        field["falseValues"] = ["false"]
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.values:
        constraints["enum"] = list(column.values)
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.maximum is not None:
        constraints["maximum"] = column.maximum
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(schema: TableSchema) -> dict[str, Any]:
    """The Table Schema of one table."""
    return {
        "$schema": f"{_PROFILES}/tableschema.json",
        "fields": [_field(column) for column in schema.columns],
        # An empty CSV field is a missing value; no model string is empty.
        "missingValues": [""],
        "primaryKey": list(schema.primary_key),
        "foreignKeys": [
            {
                "fields": list(key.columns),
                "reference": {"resource": key.table, "fields": list(key.referenced)},
            }
            for key in schema.foreign_keys
        ],
    }


def _resource(table: Table, data: bytes) -> dict[str, Any]:
    return {
        "name": table.name,
        "type": "table",
        "path": f"{table.name}.csv",
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": table.schema.description,
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "dialect": {
            "$schema": f"{_PROFILES}/tabledialect.json",
            "header": True,
            "delimiter": ",",
            "lineTerminator": "\r\n",
            "quoteChar": '"',
            "doubleQuote": True,
        },
        "schema": table_schema(table.schema),
    }


def _sources(document: WhitePaper | Corpus) -> list[Source]:
    """Every source of a paper, or of a corpus and its papers, each id once, in the order of the data."""
    found: dict[str, Source] = {}
    for _path, obj in walk(document):
        if type(obj) is Source:
            # In a corpus an id used twice means one thing (a rule of the corpus): listed once.
            found.setdefault(obj.id, obj)
    return list(found.values())


def datapackage_descriptor(
    document: WhitePaper | Corpus, files: list[tuple[Table, bytes]], *, version: str | None = None
) -> dict[str, Any]:
    """The ``datapackage.json`` of a paper's (or a corpus's) tables, given each table with its CSV bytes."""
    descriptor: dict[str, Any] = {
        "$schema": f"{_PROFILES}/datapackage.json",
        "name": document.id,
        "title": document.title.en,
        "description": document.summary,
    }
    if version is not None:
        descriptor["version"] = version
    descriptor["licenses"] = [LICENSE]
    descriptor["sources"] = [{"title": source.title.en, "path": source.url} for source in _sources(document)]
    descriptor["resources"] = [_resource(table, data) for table, data in files]
    return descriptor


def write_datapackage(
    document: WhitePaper | Corpus, folder: str | os.PathLike[str], *, version: str | None = None
) -> Path:
    """Write the tables of a paper (or a corpus) as CSV files and their ``datapackage.json`` in ``folder``.

    ``version`` is the data version the package states (for the bundled
    paper or corpus, :func:`~cyberspace_whitepaper.data_version`). Returns
    the descriptor's path.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    files = [(table, csv_bytes(table)) for table in to_tables(document)]
    for table, data in files:
        atomic_write(target / f"{table.name}.csv", (data,))
    descriptor = datapackage_descriptor(document, files, version=version)
    path = target / DESCRIPTOR
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    atomic_write(path, (text.encode("utf-8"),))
    return path
