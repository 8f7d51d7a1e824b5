"""The paper as related, keyed tables: CSV, SQLite, Parquet, a Frictionless Data Package, pandas.

- :func:`~cyberspace_whitepaper.to_tables` and
  :func:`~cyberspace_whitepaper.from_tables`: a paper as :class:`Tables`
  and back, exactly. The layout (tables, columns, types, primary and
  foreign keys) is read from the model's shape.
- :func:`write_csv` and :func:`read_csv`, :func:`write_sqlite` and
  :func:`read_sqlite`: standard library only.
- :func:`write_parquet` and :func:`read_parquet`, :func:`convert_jsonl`:
  need the ``parquet`` extra (pyarrow), imported only when called.
- :func:`write_datapackage`: the CSV files and a Frictionless ``datapackage.json``.
- :func:`to_dataframes`: pandas DataFrames, if pandas is installed.

See ``docs/tables.md``.
"""

from ._convert import Cell, Table, Tables, from_tables, to_tables
from ._csv import read_csv, write_csv
from ._datapackage import write_datapackage
from ._frames import to_dataframes
from ._layout import Column, ColumnType, ForeignKey, TableSchema
from ._parquet import read_parquet, write_parquet
from ._sqlite import read_sqlite, write_sqlite
from ._stream import BadLine, ConvertReport, convert_jsonl

__all__ = [
    "BadLine",
    "Cell",
    "Column",
    "ColumnType",
    "ConvertReport",
    "ForeignKey",
    "Table",
    "TableSchema",
    "Tables",
    "convert_jsonl",
    "from_tables",
    "read_csv",
    "read_parquet",
    "read_sqlite",
    "to_dataframes",
    "to_tables",
    "write_csv",
    "write_datapackage",
    "write_parquet",
    "write_sqlite",
]
