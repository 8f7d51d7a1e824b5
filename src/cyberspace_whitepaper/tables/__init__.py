"""The paper as related, keyed tables: CSV, SQLite, Parquet and a Frictionless Data Package.

:func:`to_tables` and :func:`from_tables` need nothing beyond the standard
library; so do the CSV and SQLite writers. Parquet needs the ``parquet``
extra (pyarrow), imported only when a Parquet function is called.
"""

from ._convert import Cell, Table, Tables, from_tables, to_tables
from ._layout import Column, ColumnType, ForeignKey, TableSchema

__all__ = ["Cell", "Column", "ColumnType", "ForeignKey", "Table", "TableSchema", "Tables", "from_tables", "to_tables"]
