"""The tables as pandas DataFrames, for those who have pandas (not a dependency).

Each column gets the pandas type that keeps its values and its gaps: the
nullable ``string``, ``Int64`` and ``boolean`` types (a missing integer stays
``<NA>``, never a float NaN), ``datetime64[s]`` for days (any year from 1 to
9999), and ``object`` holding exact :class:`~decimal.Decimal` values for
decimals.
"""

from __future__ import annotations

from typing import Any

from ..model import Corpus, WhitePaper
from ._convert import Tables, to_tables
from ._layout import ColumnType

__all__ = ["to_dataframes"]

INSTALL_HINT = "to_dataframes needs pandas: pip install pandas"

_DTYPES = {
    ColumnType.STRING: "string",
    ColumnType.INTEGER: "Int64",
    ColumnType.BOOLEAN: "boolean",
    ColumnType.DECIMAL: "object",
    ColumnType.DATE: "datetime64[s]",
}


def to_dataframes(source: WhitePaper | Corpus | Tables) -> dict[str, Any]:
    """A DataFrame per table, by name, of a paper or a corpus (or of their tables).

    Raises:
        ModuleNotFoundError: pandas is not installed (the message says how to
            install it).
    """
    try:
        import pandas as pd  # noqa: PLC0415 - optional, imported where used
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(INSTALL_HINT, name="pandas") from error
    tables = source if isinstance(source, Tables) else to_tables(source)
    frames = {}
    for table in tables:
        columns = {
            column.name: pd.Series([row[index] for row in table.rows], dtype=_DTYPES[column.type])
            for index, column in enumerate(table.schema.columns)
        }
        frames[table.name] = pd.DataFrame(columns)
    return frames
