"""Cells as text and back: how CSV, SQLite and Parquet write what a column holds, and read it strictly.

Text is what a CSV file holds: an empty field is ``None`` (no model string is
empty, so nothing else is lost), a boolean is ``true`` or ``false``, a decimal
its digits exactly as the model holds them, a day ``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal

from ..errors import excerpt
from ._convert import Cell
from ._layout import ColumnType

__all__ = ["CellError", "from_text", "to_text"]

_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)\Z")
# A finite decimal as Python's Decimal writes it: no NaN, no Infinity, no blanks.
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\Z")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


class CellError(ValueError):
    """A text that is not a value of its column's type; the caller says where."""


def to_text(cell: Cell) -> str:
    """A cell as CSV text."""
    if cell is None:
        return ""
    if cell is True:
        return "true"
    if cell is False:
        return "false"
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    return str(cell)


def _integer(text: str) -> int:
    if not _INTEGER.match(text):
        raise CellError(f"expected an integer, got {excerpt(text)}")
    return int(text)


def _boolean(text: str) -> bool:
    if text not in ("true", "false"):
        raise CellError(f"expected true or false, got {excerpt(text)}")
    return text == "true"


def _decimal(text: str) -> Decimal:
    if not _DECIMAL.match(text):
        raise CellError(f"expected a decimal number, got {excerpt(text)}")
    return Decimal(text)


def _day(text: str) -> datetime.date:
    if not _DAY.match(text):
        raise CellError(f"expected a day as YYYY-MM-DD, got {excerpt(text)}")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CellError(f"not a real day: {excerpt(text)}") from None


_FROM_TEXT: dict[ColumnType, Callable[[str], Cell]] = {
    ColumnType.STRING: str,
    ColumnType.INTEGER: _integer,
    ColumnType.BOOLEAN: _boolean,
    ColumnType.DECIMAL: _decimal,
    ColumnType.DATE: _day,
}


def from_text(text: str, column_type: ColumnType) -> Cell:
    """A cell from CSV text; :class:`CellError` if the text is not of the column's type."""
    if text == "":
        return None
    return _FROM_TEXT[column_type](text)
