"""A paper (or a corpus) as related, keyed tables, and back: :func:`to_tables` and :func:`from_tables`.

The tables are those of :func:`~._layout.layout_of`. :func:`to_tables` walks
the paper once, in the order of its fields, and gives each object its rows.
:func:`from_tables` puts the plain data back together from the keys (owner,
field, position) and reads it with the library's one strict reader, so a
table that breaks the model fails as a file would, with the paper's JSON path.
It then checks that the tables are exactly those of the paper it read: a
derived column (a date's precision, the index tables) that disagrees, a row
whose owner does not exist, or a row left over, is an error too. So
``from_tables(to_tables(paper)) == paper`` and nothing else reads back.

A corpus is laid out as its own objects and, beside them, each paper's
tables with the paper's id as a key column (see :mod:`._layout`): each paper
is written by the paper's own writer and read by the paper's own reader from
its rows, and the corpus is then read whole, so that an error names its
path in the corpus (``$.papers[2].events[3].date``).
"""

from __future__ import annotations

import collections
import datetime
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, TypeVar, overload

import attrs

from .. import _engine
from ..errors import Problem, ValidationError, excerpt
from ..model import Corpus, PartialDate, WhitePaper
from ..model._shape import FieldShape, Kind, shape_of, values
from ._layout import ChildTable, Layout, OwnerColumns, Role, TableSchema, layout_of

__all__ = ["Cell", "Table", "Tables", "from_tables", "to_tables"]

#: What a cell holds: text, an integer, a boolean, an exact decimal, an ISO day, or nothing.
Cell = str | int | bool | Decimal | datetime.date | None
Row = tuple[Cell, ...]
#: What can be laid out as tables: a paper, or a corpus of papers.
Document = WhitePaper | Corpus
T = TypeVar("T", bound=Document)
# Exact types: a datetime is not a day, a float is not a decimal.
_CELL_TYPES = frozenset({str, int, bool, Decimal, datetime.date, type(None)})


@attrs.frozen
class Table:
    """One table: its schema and its rows (tuples of cells, in the schema's column order).

    Attributes:
        schema: the columns, primary key and foreign keys.
        rows: the rows.
    """

    schema: TableSchema
    rows: tuple[Row, ...]

    @property
    def name(self) -> str:
        return self.schema.name

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> Iterator[dict[str, Cell]]:
        """Each row as a dict from column name to cell."""
        names = self.schema.column_names
        for row in self.rows:
            yield dict(zip(names, row, strict=True))

    def column(self, name: str) -> tuple[Cell, ...]:
        """The cells of one column, row by row."""
        index = self.schema.column_names.index(name)
        return tuple(row[index] for row in self.rows)


@attrs.frozen
class Tables:
    """Every table of a paper, in a fixed order: the paper, its entities, its parts, the rest.

    ``tables["events"]`` is one :class:`Table`; iterating gives them all.

    Attributes:
        tables: the tables.
    """

    tables: tuple[Table, ...]

    def __getitem__(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)

    def __contains__(self, name: object) -> bool:
        return any(table.name == name for table in self.tables)

    def __iter__(self) -> Iterator[Table]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def names(self) -> tuple[str, ...]:
        """The tables' names, in order."""
        return tuple(table.name for table in self.tables)


# --- cells ------------------------------------------------------------------------


def _date_cells(value: PartialDate) -> Row:
    return (str(value), value.precision.value, value.earliest, value.latest)


def _cell_function(shape: FieldShape) -> Callable[[Any], Row]:
    """How one value of a field becomes its cells (one, or four for a date)."""
    if shape.kind is Kind.DATE:
        return _date_cells
    if shape.kind is Kind.ENUM:
        return lambda value: (value.value,)
    if shape.kind is Kind.LOCATOR:
        return lambda value: (str(value),)
    return lambda value: (value,)


# Per (paper class, model class): the function giving an object's cells.
_ROW_MAKERS: dict[tuple[type, type], Callable[[Any, str | None], Row]] = {}


def _row_maker(layout: Layout, cls: type) -> Callable[[Any, str | None], Row]:
    """The cells of an object's plain fields, in column order, given the paper its locators are in."""
    found = _ROW_MAKERS.get((layout.root, cls))
    if found is not None:
        return found
    parts = [
        (
            columns.shape.name,
            _cell_function(columns.shape),
            (None,) * len(columns.names),
            columns.in_document,
        )
        for columns in layout.scalars[cls]
    ]

    def cells(obj: Any, document: str | None) -> Row:
        row: list[Cell] = []
        for name, function, empty, in_document in parts:
            value = getattr(obj, name)
            if value is None:
                row.extend(empty)
            else:
                row.extend(function(value))
                if in_document:
                    row.append(document)
        return tuple(row)

    _ROW_MAKERS[(layout.root, cls)] = cells
    return cells


# --- to_tables ----------------------------------------------------------------------


class _Writer:
    def __init__(self, layout: Layout, root: Any) -> None:
        self.layout = layout
        self.rows: dict[str, list[Row]] = {schema.name: [] for schema in layout.schemas}
        self.places = iter(root.places()) if layout.places is not None else iter(())
        self.reading_order = 0

    def owner_cells(self, child: ChildTable, owner_table: str, key: str) -> Row:
        if child.owners is OwnerColumns.NONE:
            return ()
        if child.owners is OwnerColumns.ONE:
            return (key,)
        return (owner_table, key)

    def placed(self, child: ChildTable, owner_table: str, key: str, shape: FieldShape, position: int) -> Row:
        cells = self.owner_cells(child, owner_table, key)
        if child.field:
            cells += (shape.name,)
        if child.position:
            cells += (position,)
        return cells

    def keyed(self, obj: Any, key: str, leading: Row, document: str | None = None) -> None:
        """The row of a paper, entity, place or record with a key, then the rows of everything it holds.

        ``document``: in a corpus, the paper the object's locators are places in.
        """
        layout = self.layout
        cls = type(obj)
        table = layout.tables[cls]
        scope = layout.scopes.get(cls)
        if scope is not None:
            document = getattr(obj, scope)
        self.rows[table].append(leading + _row_maker(layout, cls)(obj, document))
        self.rows[layout.owners].append((table, key))
        if layout.roles[cls] in (Role.ROOT, Role.ENTITY):
            self.rows[layout.entities].append((key, table))
        for shape in shape_of(cls):
            if shape.kind is not Kind.MODEL:
                if shape.many:
                    self.list_rows(cls, obj, key, shape, document)
                continue
            role = layout.roles[shape.type]
            items = values(obj, shape)
            if role is Role.LABEL:
                self.label_rows(table, key, shape, items)
            elif role is Role.ENTITY:
                id_name = layout.key_column(shape.type)
                for position, entity in enumerate(items):
                    self.keyed(entity, getattr(entity, id_name), (position,), document)
            elif role is Role.DOCUMENT:
                self.document_rows(shape.type, items)
            elif role is Role.PLACE:
                child = layout.children[shape.type]
                for position, place in enumerate(items):
                    locator, found = next(self.places)
                    if found is not place:  # pragma: no cover - places() walks the fields in order
                        raise AssertionError(f"places() and the fields disagree at {locator}")
                    text = str(locator)
                    assert layout.places is not None  # a root with places has their table
                    self.rows[layout.places].append((text, child.name, self.reading_order))
                    self.reading_order += 1
                    self.keyed(place, text, (text, *self.placed(child, table, key, shape, position)))
            else:
                child = layout.children[shape.type]
                if child.keyed:
                    for position, record in enumerate(items):
                        own = f"{key}.{shape.name}[{position}]" if shape.many else f"{key}.{shape.name}"
                        placed = self.placed(child, table, key, shape, position)
                        self.keyed(record, own, (own, *placed), document)
                    continue
                make = _row_maker(layout, shape.type)
                rows = self.rows[child.name]
                for position, record in enumerate(items):
                    rows.append(self.placed(child, table, key, shape, position) + make(record, document))

    def document_rows(self, cls: type, documents: tuple[Any, ...]) -> None:
        """The rows of each paper of a corpus: its own tables', each with the paper's id."""
        held = self.layout.held[cls]
        id_name = held.layout.key_column(cls)
        for position, document in enumerate(documents):
            key = getattr(document, id_name)
            own = _Writer(held.layout, document)
            own.keyed(document, key, ())
            for name, rows in own.rows.items():
                self.rows[name].extend(held.row(name, row, key, position) for row in rows)
            self.rows[self.layout.entities].append((key, held.table))

    def label_rows(self, table: str, key: str, shape: FieldShape, items: tuple[Any, ...]) -> None:
        layout = self.layout
        rows = self.rows[layout.labels]
        for position, text in enumerate(items):
            leading: Row = (table, key, shape.name)
            if layout.label_position:
                leading += (position,)
            others = _row_maker(layout, type(text))(text, None)
            for text_shape in layout.label_texts:
                value = getattr(text, text_shape.name)
                if value is not None:
                    rows.append((*leading, text_shape.name, value, *others))

    def list_rows(self, cls: type, obj: Any, key: str, shape: FieldShape, document: str | None) -> None:
        link = self.layout.lists[(cls, shape.name)]
        cells = _cell_function(shape)
        rows = self.rows[link.name]
        beside = (document,) if link.value.in_document else ()
        for position, value in enumerate(getattr(obj, shape.name)):
            rows.append((key, position, *cells(value), *beside))


def to_tables(document: Document) -> Tables:
    """The paper as related, keyed tables: one per entity kind and part of the text, links, labels.

    A corpus gives its own tables (``corpus``, ``corpus_concepts``,
    ``corpus_expressions`` ...) and its papers' tables, each with the
    paper's id as a key column (``docs/tables.md``).

    >>> import cyberspace_whitepaper as cw
    >>> tables = cw.to_tables(cw.load_white_paper())
    >>> tables["events"].schema.primary_key
    ('id',)
    >>> cw.from_tables(tables) == cw.load_white_paper()
    True
    """
    layout = layout_of(type(document))
    writer = _Writer(layout, document)
    writer.keyed(document, getattr(document, layout.key_column(type(document))), ())
    return Tables(tuple(Table(schema, tuple(writer.rows[schema.name])) for schema in layout.schemas))


# --- from_tables -------------------------------------------------------------------


def _problem(path: str, code: str, message: str) -> Problem:
    return Problem(path=path, code=code, message=message)


class _Reader:
    """Puts a paper's plain data back together from its tables."""

    def __init__(self, layout: Layout, tables: Tables) -> None:
        self.layout = layout
        self.tables = tables
        self.groups: dict[tuple[str, int, int], dict[Row, list[Row]]] = {}

    def keyed(self, cls: type, row: Row, key: str) -> dict[str, Any]:
        layout = self.layout
        table = layout.tables[cls]
        schema = layout.schema(table)
        names = schema.column_names
        data: dict[str, Any] = {}
        for columns in layout.scalars[cls]:
            data[columns.shape.name] = row[names.index(columns.names[0])]
        for shape in shape_of(cls):
            if shape.kind is not Kind.MODEL:
                if shape.many:
                    link = layout.lists[(cls, shape.name)]
                    found = sorted(self.grouped(link.name, 0, 1).get((key,), []), key=lambda r: _order(r[1]))
                    data[shape.name] = [r[2] for r in found]
                continue
            role = layout.roles[shape.type]
            if role is Role.LABEL:
                self.labels(data, table, key, shape)
            elif role is Role.ENTITY:
                entity_table = layout.tables[shape.type]
                entity_names = layout.schema(entity_table).column_names
                id_index = entity_names.index(layout.key_column(shape.type))
                rows = sorted(self.tables[entity_table].rows, key=lambda r: _order(r[0]))
                data[shape.name] = [self.keyed(shape.type, r, str(r[id_index])) for r in rows]
            elif role is Role.DOCUMENT:
                data[shape.name] = self.documents(shape.type)
            else:
                child = layout.children[shape.type]
                found = self.children(child, table, key, shape)
                if role is Role.PLACE or child.keyed:
                    built = [self.keyed(shape.type, r, str(r[0])) for r in found]
                else:
                    built = [self.record(child, r) for r in found]
                self.put(data, shape, built)
        return data

    def documents(self, cls: type) -> list[dict[str, Any]]:
        """The papers of a corpus, each read by the paper's own reader from its rows, in their order."""
        held = self.layout.held[cls]
        rows: dict[Cell, dict[str, list[Row]]] = collections.defaultdict(
            lambda: collections.defaultdict(list)
        )
        for schema in held.schemas:
            for row in self.tables[schema.name].rows:
                document, own = held.split(schema.name, row)
                rows[document][schema.name].append(own)
        found = []
        for row in sorted(self.tables[held.table].rows, key=lambda r: _order(r[0])):
            document, own = held.split(held.table, row)
            tables = Tables(tuple(Table(s, tuple(rows[document][s.name])) for s in held.layout.schemas))
            found.append(_Reader(held.layout, tables).keyed(cls, own, str(document)))
        return found

    def children(self, child: ChildTable, owner_table: str, key: str, shape: FieldShape) -> list[Row]:
        skip = 1 if self.layout.roles[child.cls] is Role.PLACE or child.keyed else 0
        if child.owners is OwnerColumns.NONE:
            owner: Row = ()
        elif child.owners is OwnerColumns.ONE:
            owner = (key,)
        else:
            owner = (owner_table, key)
        rows = self.grouped(child.name, skip, len(owner)).get(owner, [])
        at = skip + len(owner)
        if child.field:
            rows = [r for r in rows if r[at] == shape.name]
            at += 1
        if child.position:
            rows = sorted(rows, key=lambda r: _order(r[at]))
        return rows

    def grouped(self, name: str, skip: int, width: int) -> dict[Row, list[Row]]:
        """The rows of a table by their owner cells (``width`` cells after ``skip``); made once."""
        found = self.groups.get((name, skip, width))
        if found is None:
            found = collections.defaultdict(list)
            for row in self.tables[name].rows:
                found[row[skip : skip + width]].append(row)
            self.groups[(name, skip, width)] = found
        return found

    def record(self, child: ChildTable, row: Row) -> dict[str, Any]:
        layout = self.layout
        names = layout.schema(child.name).column_names
        return {c.shape.name: row[names.index(c.names[0])] for c in layout.scalars[child.cls]}

    def labels(self, data: dict[str, Any], owner_table: str, key: str, shape: FieldShape) -> None:
        layout = self.layout
        names = layout.schema(layout.labels).column_names
        rows = [
            r for r in self.grouped(layout.labels, 0, 2).get((owner_table, key), []) if r[2] == shape.name
        ]
        lang = names.index("lang")
        by_position: dict[Any, dict[Any, Any]] = {}
        for row in rows:
            position = row[3] if layout.label_position else 0
            text = by_position.setdefault(position, {})
            text[row[lang]] = row[lang + 1]
            for other in layout.label_others:
                text.setdefault(other.shape.name, row[names.index(other.names[0])])
        built = [by_position[p] for p in sorted(by_position, key=_order)]
        self.put(data, shape, built)

    @staticmethod
    def put(data: dict[str, Any], shape: FieldShape, built: list[Any]) -> None:
        if shape.many:
            data[shape.name] = built
        elif len(built) == 1:
            data[shape.name] = built[0]
        elif len(built) > 1:
            data[shape.name] = built  # the reader says what is wrong: a list where one object goes


def _order(value: Any) -> tuple[int, Any]:
    # Positions sort as numbers; anything else (a bad cell) sorts last, and the check after reading names it.
    return (0, value) if type(value) is int else (1, excerpt(value))


def _check_structure(layout: Layout, tables: Tables) -> None:
    problems = []
    expected = {schema.name: schema for schema in layout.schemas}
    given = {table.name: table for table in tables}
    for name in expected:
        if name not in given:
            problems.append(_problem(f"$.{name}", "missing-table", f"the table {name!r} is missing"))
    for name, table in given.items():
        if name not in expected:
            problems.append(
                _problem(f"$.{name}", "unknown-table", f"no table {excerpt(name)} in this layout")
            )
            continue
        if table.schema != expected[name]:
            problems.append(
                _problem(
                    f"$.{name}",
                    "schema",
                    "the table's schema is not the layout's (columns, keys or types differ)",
                )
            )
            continue
        width = len(expected[name].columns)
        for index, row in enumerate(table.rows):
            if type(row) is not tuple or len(row) != width:
                problems.append(
                    _problem(
                        f"$.{name}[{index}]", "row", f"expected a tuple of {width} cells, got {excerpt(row)}"
                    )
                )
                continue
            for column, cell in zip(expected[name].column_names, row, strict=True):
                if type(cell) not in _CELL_TYPES:
                    problems.append(
                        _problem(
                            f"$.{name}[{index}].{column}",
                            "cell",
                            f"expected text, an integer, a boolean, a Decimal, a date or None, "
                            f"got {type(cell).__name__} {excerpt(cell)}",
                        )
                    )
    if problems:
        raise ValidationError(problems)


def _check_same(tables: Tables, expected: Tables) -> None:
    """Every row of ``tables`` is one the paper read from them gives, and none is missing."""
    problems = []
    for table in tables:
        wanted = collections.Counter(expected[table.name].rows)
        extra = []
        for index, row in enumerate(table.rows):
            if wanted[row] > 0:
                wanted[row] -= 1
            else:
                extra.append(index)
        names = table.schema.column_names
        for index in extra:
            shown = ", ".join(f"{n}={excerpt(c)}" for n, c in zip(names, table.rows[index], strict=True))
            problems.append(
                _problem(
                    f"$.{table.name}[{index}]",
                    "inconsistent",
                    f"this row is not one the paper gives (a derived cell that disagrees, a key "
                    f"that resolves to nothing, or a row twice): {shown}",
                )
            )
        for row, count in wanted.items():
            if count > 0:
                shown = ", ".join(f"{n}={excerpt(c)}" for n, c in zip(names, row, strict=True))
                problems.append(
                    _problem(f"$.{table.name}", "missing-row", f"a row the paper gives is missing: {shown}")
                )
    if problems:
        raise ValidationError(problems)


@overload
def from_tables(tables: Tables) -> WhitePaper: ...
@overload
def from_tables(tables: Tables, *, type: type[T]) -> T: ...
def from_tables(tables: Tables, *, type: Any = WhitePaper) -> Any:
    """The paper (or, with ``type=Corpus``, the corpus) that :func:`to_tables` made these tables from.

    Raises:
        ValidationError: a table is missing, unknown or of another layout
            (path ``$.table``); a row breaks the model (the paper's JSON path,
            such as ``$.events[3].date``, where ``3`` is the row's position); or
            a row is not one the paper read from the tables gives (``$.table[row]``:
            a derived column that disagrees, a row whose owner does not exist, a
            row twice).
    """
    layout = layout_of(type)
    _check_structure(layout, tables)
    reader = _Reader(layout, tables)
    root_rows = tables[layout.tables[type]].rows
    if len(root_rows) != 1:
        kind = layout.tables[type]
        raise ValidationError.single(
            f"$.{kind}", "rows", f"expected one row for the {kind}, got {len(root_rows)}"
        )
    key_index = layout.schema(layout.tables[type]).column_names.index(layout.key_column(type))
    data = reader.keyed(type, root_rows[0], str(root_rows[0][key_index]))
    document: Document = _engine.structure(data, type)
    _check_same(tables, to_tables(document))
    return document
