"""Which tables a paper becomes: their columns, types, primary and foreign keys, read from the shape.

Nothing here names a field. :func:`layout_of` reads the model's one
description (:func:`~..model._shape.shape_of`, :func:`~..model._shape.entity_kinds`,
:func:`~..model._shape.identity_of`) and gives every object a place in a table:

- **the paper** (the root class): one row in a table named after its
  identity kind (``paper``), keyed by ``id``;
- **entities** (each tuple field of the paper whose items have an identity):
  a table named after that field (``events``), keyed by ``id``, with a
  ``position`` so that the paper's order survives;
- **places** (the parts of the text that :meth:`WhitePaper.places` yields:
  parts, chapters, sections, items): a table per class keyed by its
  ``locator``; ``owner`` is the place holding it (a section's chapter);
- **bilingual text** (:class:`LocalizedText`): rows of the long ``labels``
  table, one per language (its text fields are named by their language
  tags), each with the text's other fields (``en_official``);
- **records** (every other class: citations, aliases): a table per class,
  keyed by their owner (``owner_table`` and ``owner``), and ``position``;
- **tuples of plain values** (an event's actors, a goal's terms): a link
  table per field (``event_actors``) of owner, ``position`` and value.

A plain field becomes a column of its object's table, of the same name. A
date becomes four: its text (``date``), ``date_precision``,
``date_earliest`` and ``date_latest`` (ISO days). A decimal stays exact (a
string of digits in every format, never a float). A reference becomes a
foreign key: to the table of the one kind it names, or to ``entities``
(every id, with its table) where it may name several kinds; a locator, to
``places`` (every locator, with its table); an owner, to ``owners`` (every
keyed object).

A record that holds objects or tuples itself (a crosswalk cell of a corpus:
its wording, its citations) gets a key of its own for them to hang from,
``key``: its owner's key, field and position (``cyber-sovereignty.expressions[2]``).
A label holds plain fields only: building the layout of a model with a
tuple or an object inside a :class:`LocalizedText` raises ``TypeError``
naming the field, rather than losing it.

**A root that holds whole documents** (a :class:`~..model.Corpus` holds
papers) lays out its own objects as above, its tables named after it
(``corpus_concepts``, ``corpus_citations``), and each document as the
document's own layout (:class:`Held`): the same tables, each with the
document's id as its first key column (``paper``), so that keys stay unique
across documents; the documents' own table (``paper``) has one row per
document, with its ``position`` in the root. A reference that may be empty
and a locator into a document (whose key is then two columns, the document's
id and the value) carry the document's id in a column of their own beside
them (``located_in_paper``), empty exactly when the value is: Frictionless
checks a key of two columns with one of them empty, and would find nothing.
"""

from __future__ import annotations

import enum
import re
import typing
from collections.abc import Iterator
from typing import Any

import attrs

from ..model import LocalizedText, WhitePaper
from ..model._checks import Range
from ..model._paper import Place
from ..model._shape import (
    FieldShape,
    Kind,
    entity_kinds,
    identity_of,
    is_whole_document,
    model_classes,
    per_class,
    shape_of,
)
from ..vocab import DatePrecision

__all__ = ["Column", "ColumnType", "ForeignKey", "Held", "Layout", "Role", "TableSchema", "layout_of"]

#: The long table of bilingual text.
LABELS = "labels"
#: Index tables: every id, every locator, every object that owns rows elsewhere.
ENTITIES = "entities"
PLACES = "places"
OWNERS = "owners"


class ColumnType(enum.Enum):
    """What a column holds, in every format."""

    STRING = "string"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    #: Exact decimals (``Decimal`` in memory, their digits as text in files).
    DECIMAL = "decimal"
    #: ISO calendar days (``datetime.date`` in memory).
    DATE = "date"


@attrs.frozen(kw_only=True)
class Column:
    """One column of a table.

    Attributes:
        name: the column's name.
        type: what it holds.
        description: what it means, for people.
        required: whether every row has a value (else empty, ``None``).
        values: the allowed values of a closed vocabulary (empty: any).
        minimum: the smallest allowed integer, if bounded.
        maximum: the largest allowed integer, if bounded.
    """

    name: str
    type: ColumnType
    description: str
    required: bool
    values: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None


@attrs.frozen(kw_only=True)
class ForeignKey:
    """Columns of a table whose values are the key of a row of another table.

    Attributes:
        columns: the referencing columns.
        table: the referenced table.
        referenced: the referenced columns (its primary key).
    """

    columns: tuple[str, ...]
    table: str
    referenced: tuple[str, ...]


@attrs.frozen(kw_only=True)
class TableSchema:
    """A table's name, columns, primary key and foreign keys.

    Attributes:
        name: the table's name (also its file's stem).
        description: what a row is.
        columns: its columns, in order.
        primary_key: the columns whose values are unique to a row.
        foreign_keys: its references to other tables.
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


class Role(enum.Enum):
    """How a model class is stored."""

    ROOT = "root"
    ENTITY = "entity"
    PLACE = "place"
    LABEL = "label"
    RECORD = "record"
    #: A whole document the root holds (a corpus's paper), laid out by its own layout.
    DOCUMENT = "document"


class OwnerColumns(enum.Enum):
    """How the rows of a place or record table say which object holds them."""

    NONE = "none"  #: only the paper holds them
    ONE = "one"  #: objects of one class: an ``owner`` column, its key
    MANY = "many"  #: objects of several classes: ``owner_table`` and ``owner``


@attrs.frozen(kw_only=True)
class ScalarColumns:
    """The columns that one plain field (not a tuple) of a class fills."""

    shape: FieldShape
    names: tuple[str, ...]  #: the value, then (for dates) precision, earliest, latest
    #: A locator of a root that holds documents: its last column names the document it is a place in.
    in_document: bool = False


@attrs.frozen(kw_only=True)
class ChildTable:
    """A table whose rows are objects (places, records) held by other objects."""

    name: str
    cls: type
    owners: OwnerColumns
    field: bool  #: whether a ``field`` column says which field of the owner holds the row
    position: bool  #: whether a ``position`` column gives the row's index in its tuple
    keyed: bool = False  #: a record holding objects: its first column is its own ``key``


@attrs.frozen(kw_only=True)
class ListTable:
    """A link table: the items of one tuple field of plain values, of one keyed class."""

    name: str
    owner_cls: type
    shape: FieldShape
    owner_column: str
    value: ScalarColumns


@attrs.frozen(kw_only=True)
class Layout:
    """Every table of a paper class (or of a corpus class), and how each class and field maps onto them."""

    root: type
    #: Every table: the root's own, then those of the documents it holds.
    schemas: tuple[TableSchema, ...]
    roles: dict[type, Role]
    tables: dict[type, str]  #: the table of each root, entity, place and record class
    entity_fields: tuple[tuple[str, FieldShape], ...]  #: (table, the paper's field) per entity kind
    children: dict[type, ChildTable]  #: place and record classes
    scalars: dict[type, tuple[ScalarColumns, ...]]  #: the plain fields of each stored class
    lists: dict[tuple[type, str], ListTable]  #: (keyed class, field name) -> its link table
    label_texts: tuple[FieldShape, ...]  #: the label class's text fields (one row each)
    label_others: tuple[ScalarColumns, ...]  #: its other fields (columns of every row)
    label_position: bool
    #: The names of the labels table and of the index tables (``places``: None where the root has no text).
    labels: str = LABELS
    entities: str = ENTITIES
    owners: str = OWNERS
    places: str | None = PLACES
    #: The documents the root holds (a corpus's papers), by class.
    held: dict[type, Held] = attrs.field(factory=dict)
    #: Per class of a root holding documents: its field naming the document its locators are places in.
    scopes: dict[type, str] = attrs.field(factory=dict)

    def schema(self, name: str) -> TableSchema:
        for schema in self.schemas:
            if schema.name == name:
                return schema
        raise KeyError(name)

    def key_column(self, cls: type) -> str:
        """The primary key column of a keyed class's table (``id``, ``locator``, or a record's ``key``)."""
        child = self.children.get(cls)
        return "key" if child is not None and child.keyed else _key_column(self.roles[cls], cls)


def _key_column(role: Role, cls: type) -> str:
    return "locator" if role is Role.PLACE else _identity(cls).name


@attrs.frozen(kw_only=True)
class Held:
    """How the documents a root holds (a corpus's papers) are laid out within it.

    Each table of a document's own layout, as it is, with the document's id
    as its first column and first key column (``paper``); the documents'
    own table (``paper``) gains their ``position`` in the root instead, its
    key being their id. Each value that may be empty and is a key into the
    document's other tables is followed by a column naming the document
    (``located_in_paper``), empty when the value is.

    Attributes:
        cls: the documents' class.
        layout: the layout of one document on its own.
        column: the column naming the document (its identity kind: ``paper``).
        schemas: each table of ``layout``, as the root lays it out.
    """

    cls: type
    layout: Layout
    column: str
    schemas: tuple[TableSchema, ...]
    #: Per table: the index in a held row of the document's id, and of each cell of the document's own row.
    _document_at: dict[str, int]
    _own_cells: dict[str, tuple[int, ...]]
    #: Per table: the indices in the document's own row of the values a column naming the document follows.
    _named: dict[str, tuple[int, ...]]

    @property
    def table(self) -> str:
        """The documents' own table (``paper``)."""
        return self.layout.tables[self.cls]

    @property
    def places(self) -> str:
        """The table of every place of every document, keyed by the document's id and the locator."""
        assert self.layout.places is not None  # a held document has a text
        return self.layout.places

    def row(self, name: str, row: tuple[Any, ...], document: str, position: int) -> tuple[Any, ...]:
        """A row of one document's own table ``name``, as the root lays it out."""
        cells = list(row)
        for index in reversed(self._named[name]):
            cells.insert(index + 1, None if row[index] is None else document)
        return (position if name == self.table else document, *cells)

    def split(self, name: str, row: tuple[Any, ...]) -> tuple[Any, tuple[Any, ...]]:
        """(the document's id, the row as the document's own layout has it) of a row of table ``name``."""
        return row[self._document_at[name]], tuple(row[i] for i in self._own_cells[name])


def _held(root: type, field: FieldShape) -> Held:
    """The layout of the documents in ``field`` of ``root``: see :class:`Held`."""
    cls = field.type
    own = layout_of(cls)
    column = _identity(cls).identity or _snake(cls.__name__)
    table, key_name = own.tables[cls], own.key_column(cls)
    root_kind = _identity(root).identity
    schemas: list[TableSchema] = []
    document_at: dict[str, int] = {}
    own_cells: dict[str, tuple[int, ...]] = {}
    named: dict[str, tuple[int, ...]] = {}
    for schema in own.schemas:
        is_root = schema.name == table
        # In the documents' own table, a row's document is the row's key.
        lead = key_name if is_root else column
        required = {c.name: c.required for c in schema.columns}
        keys: list[ForeignKey] = (
            [] if is_root else [ForeignKey(columns=(column,), table=table, referenced=(key_name,))]
        )
        beside: list[str] = []
        for key in schema.foreign_keys:
            if key.table == table:  # the document itself: its id alone is its key
                keys.append(key)
            elif all(required[name] for name in key.columns):
                keys.append(
                    attrs.evolve(key, columns=(lead, *key.columns), referenced=(column, *key.referenced))
                )
            elif len(key.columns) == 1:
                beside.append(key.columns[0])
                named_by = f"{key.columns[0]}_{column}"
                keys.append(
                    attrs.evolve(key, columns=(named_by, *key.columns), referenced=(column, *key.referenced))
                )
            else:  # pragma: no cover - no such key in the model
                raise TypeError(f"table {schema.name!r}: a key of several columns that may be empty")
        columns: list[Column] = []
        kept: list[int] = []  # where each of the document's own cells lands, after the first column
        for own_column in schema.columns:
            kept.append(len(columns) + 1)
            columns.append(own_column)
            if own_column.name in beside:
                columns.append(_naming_column(own_column.name, column))
        if is_root:
            first = Column(
                name="position",
                type=ColumnType.INTEGER,
                description=f"Index in the {root_kind}'s {field.name}, from 0: the order of the data.",
                required=True,
                minimum=0,
            )
            description, primary_key = f"{field.description} One per row.", schema.primary_key
        else:
            first = Column(
                name=column,
                type=ColumnType.STRING,
                description=f"Id of the {column} this row belongs to.",
                required=True,
            )
            description, primary_key = schema.description, (column, *schema.primary_key)
        names = [first.name, *(c.name for c in columns)]
        if len(set(names)) != len(names):
            raise TypeError(f"table {schema.name!r} would have a column twice within a {root_kind}")
        schemas.append(
            TableSchema(
                name=schema.name,
                description=description,
                columns=(first, *columns),
                primary_key=primary_key,
                foreign_keys=tuple(keys),
            )
        )
        own_cells[schema.name] = tuple(kept)
        document_at[schema.name] = names.index(lead)
        named[schema.name] = tuple(schema.column_names.index(name) for name in beside)
    return Held(
        cls=cls,
        layout=own,
        column=column,
        schemas=tuple(schemas),
        document_at=document_at,
        own_cells=own_cells,
        named=named,
    )


def _naming_column(name: str, document: str) -> Column:
    """The column beside ``name`` that names the document its value is a key in."""
    return Column(
        name=f"{name}_{document}",
        type=ColumnType.STRING,
        description=f"Id of the {document} in which {name} is a key; empty when {name} is.",
        required=False,
    )


def _identity(cls: type) -> FieldShape:
    found = identity_of(cls)
    if found is None:  # pragma: no cover - entity classes are found by their identity
        raise TypeError(f"{cls.__name__} has no identity field")
    return found


def _where(cls: type, shape: FieldShape) -> str:
    return f"{cls.__name__}.{shape.name}"


def _snake(name: str) -> str:
    """``DocumentRef`` -> ``document_ref`` (a private class's leading underscore left out)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name.lstrip("_")).lower()


def _column_type(shape: FieldShape) -> ColumnType:
    return {
        Kind.INTEGER: ColumnType.INTEGER,
        Kind.BOOLEAN: ColumnType.BOOLEAN,
        Kind.DECIMAL: ColumnType.DECIMAL,
    }.get(shape.kind, ColumnType.STRING)


def value_columns(shape: FieldShape, name: str, description: str, *, required: bool) -> tuple[Column, ...]:
    """The columns of one value of ``shape`` under the name ``name``: one, or four for a date."""
    values: tuple[str, ...] = ()
    if shape.kind is Kind.ENUM:
        values = tuple(str(member.value) for member in shape.type)
    minimum = maximum = None
    if isinstance(shape.constraint, Range):
        minimum, maximum = shape.constraint.low, shape.constraint.high
    main = Column(
        name=name,
        type=_column_type(shape),
        description=description,
        required=required,
        values=values,
        minimum=minimum,
        maximum=maximum,
    )
    if shape.kind is not Kind.DATE:
        return (main,)
    return (
        main,
        Column(
            name=f"{name}_precision",
            type=ColumnType.STRING,
            description=f"How much of {name} is known.",
            required=required,
            values=tuple(str(p.value) for p in DatePrecision),
        ),
        Column(
            name=f"{name}_earliest",
            type=ColumnType.DATE,
            description=f"The first day {name} can mean.",
            required=required,
        ),
        Column(
            name=f"{name}_latest",
            type=ColumnType.DATE,
            description=f"The last day {name} can mean.",
            required=required,
        ),
    )


class _Builder:
    """Works out the layout of one root class; see the module's docstring."""

    def __init__(self, root: type) -> None:
        self.root = root
        self.root_kind = _identity(root).identity or "paper"
        #: The documents the root holds (a corpus's papers): laid out by their own layout.
        self.held = {
            shape.type: _held(root, shape)
            for _kind, shape in entity_kinds(root)
            if is_whole_document(shape.type)
        }
        if len(self.held) > 1:
            raise TypeError(f"{root.__name__} holds documents of several classes: whose is a locator?")
        self.document = next(iter(self.held.values()), None)
        # A root's own tables are named after it where documents' tables sit beside them.
        self.prefix = f"{self.root_kind}_" if self.held else ""
        self.classes = [cls for cls in model_classes(root, within=True) if cls not in self.held]
        self.roles: dict[type, Role] = {}
        self.tables: dict[type, str] = {}
        self.holders: dict[type, list[tuple[type, FieldShape]]] = {}
        for cls in self.classes:
            for shape in shape_of(cls):
                if shape.kind is Kind.MODEL:
                    self.holders.setdefault(shape.type, []).append((cls, shape))
        self.entity_fields = tuple(
            (self.prefix + shape.name, shape)
            for _kind, shape in entity_kinds(root)
            if shape.type not in self.held
        )
        #: The table and key column of each entity kind, the paper's own included.
        self.kind_tables = {
            kind: (self.prefix + shape.name, _identity(shape.type).name)
            for kind, shape in entity_kinds(root)
            if shape.type not in self.held
        }
        for kind, shape in entity_kinds(root):
            if shape.type in self.held:
                self.kind_tables[kind] = (self.held[shape.type].table, _identity(shape.type).name)
        self.kind_tables[self.root_kind] = (self.root_kind, _identity(root).name)
        #: Records that hold objects or tuples: keyed by a ``key`` of their own.
        self.keyed_records: set[type] = set()
        self.place_classes = (
            frozenset(typing.get_args(Place)) if issubclass(root, WhitePaper) else frozenset()
        )
        self.schemas: list[TableSchema] = []
        self.children: dict[type, ChildTable] = {}
        self.scalars: dict[type, tuple[ScalarColumns, ...]] = {}
        self.lists: dict[tuple[type, str], ListTable] = {}

    # --- roles and names ---------------------------------------------------------

    def assign_roles(self) -> None:
        self.roles[self.root] = Role.ROOT
        self.tables[self.root] = self.root_kind
        for name, shape in self.entity_fields:
            self.roles[shape.type] = Role.ENTITY
            self.tables[shape.type] = name
        for cls, held in self.held.items():
            self.roles[cls] = Role.DOCUMENT
            self.tables[cls] = held.table
        for cls in self.classes:
            if cls in self.roles:
                continue
            if identity_of(cls) is not None:
                raise TypeError(f"{cls.__name__} has an id but is not held by a tuple field of the paper")
            if cls is LocalizedText:
                self.roles[cls] = Role.LABEL
                continue
            self.roles[cls] = Role.PLACE if cls in self.place_classes else Role.RECORD
            self.tables[cls] = self.prefix + self.child_table_name(cls)
            if self.roles[cls] is Role.RECORD and any(s.kind is Kind.MODEL or s.many for s in shape_of(cls)):
                self.keyed_records.add(cls)

    def child_table_name(self, cls: type) -> str:
        # Named after the fields that hold it where they agree (citations), else after the class (parts).
        names = {shape.name for _owner, shape in self.holders[cls]}
        if len(names) == 1 and all(shape.many for _owner, shape in self.holders[cls]):
            return names.pop()
        return _snake(cls.__name__) + "s"

    def kind_name(self, cls: type) -> str:
        """How link tables and columns name a keyed class: ``event``, a place's table, ``expression``."""
        if self.roles[cls] is Role.PLACE:
            return self.child_table_name(cls)
        if cls in self.keyed_records:
            return _snake(cls.__name__)
        return _identity(cls).identity or self.tables[cls]

    def scope_field(self, cls: type) -> str | None:
        """The field of ``cls`` naming the document its locators are places in (a crosswalk cell's)."""
        if self.document is None:
            return None
        kind = self.document.column
        return next((s.name for s in shape_of(cls) if not s.many and kind in s.refers_to), None)

    # --- columns of plain fields --------------------------------------------------

    def reference_key(self, shape: FieldShape, name: str | None = None) -> ForeignKey | None:
        """The foreign key of a reference or a locator held in the column ``name`` (default: the field's)."""
        column = shape.name if name is None else name
        if shape.kind is Kind.LOCATOR:
            if self.document is not None:
                # A place of one of the documents: that document's id is the key's first column.
                return ForeignKey(
                    columns=(f"{column}_{self.document.column}", column),
                    table=self.document.places,
                    referenced=(self.document.column, "locator"),
                )
            return ForeignKey(columns=(column,), table=PLACES, referenced=("locator",))
        if not shape.refers_to:
            return None
        # One kind: its own table. Several: the index of every id, since ids are unique across the paper.
        if len(shape.refers_to) == 1 and shape.refers_to[0] in self.kind_tables:
            table, key = self.kind_tables[shape.refers_to[0]]
            return ForeignKey(columns=(column,), table=table, referenced=(key,))
        return ForeignKey(columns=(column,), table=self.prefix + ENTITIES, referenced=("id",))

    def field_columns(
        self, shape: FieldShape, name: str, *, required: bool
    ) -> tuple[tuple[Column, ...], ScalarColumns]:
        """The columns of one value of a field; a locator into a document is followed by the document's id."""
        made = value_columns(shape, name, shape.description, required=required)
        in_document = shape.kind is Kind.LOCATOR and self.document is not None
        if self.document is not None and in_document:
            made += (_naming_column(name, self.document.column),)
        return made, ScalarColumns(shape=shape, names=tuple(c.name for c in made), in_document=in_document)

    def plain_fields(self, cls: type) -> Iterator[FieldShape]:
        """The fields of ``cls`` that are columns of its own table."""
        for shape in shape_of(cls):
            if shape.kind is not Kind.MODEL and not shape.many:
                yield shape

    def own_columns(self, cls: type) -> tuple[list[Column], list[ForeignKey]]:
        columns: list[Column] = []
        keys: list[ForeignKey] = []
        found: list[ScalarColumns] = []
        for shape in self.plain_fields(cls):
            made, scalar = self.field_columns(shape, shape.name, required=not shape.optional)
            columns.extend(made)
            found.append(scalar)
            key = self.reference_key(shape)
            if key is not None:
                keys.append(key)
        self.scalars[cls] = tuple(found)
        return columns, keys

    # --- the tables ------------------------------------------------------------------

    def add(
        self, name: str, description: str, columns: list[Column], pk: tuple[str, ...], fks: list[ForeignKey]
    ) -> None:
        names = [column.name for column in columns]
        if len(set(names)) != len(names):
            twice = sorted({n for n in names if names.count(n) > 1})
            raise TypeError(f"table {name!r} would have the column(s) {twice} twice")
        if any(s.name == name for s in self.schemas):
            raise TypeError(f"two tables would be named {name!r}")
        self.schemas.append(
            TableSchema(
                name=name,
                description=description,
                columns=tuple(columns),
                primary_key=pk,
                foreign_keys=tuple(fks),
            )
        )

    def keyed_table(self, cls: type, description: str, leading: list[Column], fks: list[ForeignKey]) -> None:
        own, keys = self.own_columns(cls)
        key = self.key_column_of(cls)
        self.add(self.tables[cls], description, [*leading, *own], (key,), [*fks, *keys])

    def key_column_of(self, cls: type) -> str:
        return "key" if cls in self.keyed_records else _key_column(self.roles[cls], cls)

    def owner_columns(self, cls: type) -> tuple[OwnerColumns, list[Column], list[ForeignKey]]:
        owner_classes = {owner for owner, _shape in self.holders[cls]}
        for owner, shape in self.holders[cls]:
            if self.roles[owner] is Role.LABEL or (
                self.roles[owner] is Role.RECORD and owner not in self.keyed_records
            ):
                raise TypeError(
                    f"{_where(owner, shape)}: the tables cannot hold an object inside "
                    f"{a_class(owner)} (it has no key to hang from)"
                )
        if owner_classes == {self.root}:
            return OwnerColumns.NONE, [], []
        if len(owner_classes) == 1:
            (owner,) = owner_classes
            column = Column(
                name="owner",
                type=ColumnType.STRING,
                description=f"Key of the row of {self.tables[owner]} that holds this one.",
                required=True,
            )
            key = ForeignKey(
                columns=("owner",), table=self.tables[owner], referenced=(self.key_column_of(owner),)
            )
            return OwnerColumns.ONE, [column], [key]
        columns = [
            Column(
                name="owner_table",
                type=ColumnType.STRING,
                description="The table of the object that holds this row.",
                required=True,
                values=tuple(sorted(self.tables[owner] for owner in owner_classes)),
            ),
            Column(
                name="owner",
                type=ColumnType.STRING,
                description="Its key in that table: an id, or a locator for a part of the text.",
                required=True,
            ),
        ]
        key = ForeignKey(
            columns=("owner_table", "owner"), table=self.prefix + OWNERS, referenced=("table_name", "key")
        )
        return OwnerColumns.MANY, columns, [key]

    def field_and_position(self, cls: type) -> tuple[bool, bool, list[Column]]:
        holders = self.holders[cls]
        per_owner: dict[type, int] = {}
        for owner, _shape in holders:
            per_owner[owner] = per_owner.get(owner, 0) + 1
        field = any(count > 1 for count in per_owner.values())
        position = any(shape.many for _owner, shape in holders)
        columns = []
        if field:
            names = tuple(sorted({shape.name for _owner, shape in holders}))
            columns.append(
                Column(
                    name="field",
                    type=ColumnType.STRING,
                    description="The field of the owner that holds this row.",
                    required=True,
                    values=names,
                )
            )
        if position:
            columns.append(
                Column(
                    name="position",
                    type=ColumnType.INTEGER,
                    description="Index of this row in its tuple, from 0: the order of the data.",
                    required=True,
                    minimum=0,
                )
            )
        return field, position, columns

    def child(self, cls: type) -> None:
        owners, owner_columns, owner_keys = self.owner_columns(cls)
        field, position, placed = self.field_and_position(cls)
        self.children[cls] = ChildTable(
            name=self.tables[cls],
            cls=cls,
            owners=owners,
            field=field,
            position=position,
            keyed=cls in self.keyed_records,
        )
        leading = [*owner_columns, *placed]
        keys = [column.name for column in leading]
        if self.roles[cls] is Role.PLACE:
            locator = Column(
                name="locator",
                type=ColumnType.STRING,
                description="Where this part is in the paper: preface, I, I.3, III.1(2), conclusion.",
                required=True,
            )
            place_key = ForeignKey(columns=("locator",), table=PLACES, referenced=("locator",))
            self.keyed_table(
                cls,
                f"The paper's {self.tables[cls]}, one per row.",
                [locator, *leading],
                [place_key, *owner_keys],
            )
            return
        description = f"Every {cls.__name__} of the {self.root_kind}, with the object that holds it."
        if cls in self.keyed_records:
            # What it holds hangs from a key of its own.
            key = Column(
                name="key",
                type=ColumnType.STRING,
                description="Its own key: its owner's key, the field holding it and its position there.",
                required=True,
            )
            self.keyed_table(cls, description, [key, *leading], owner_keys)
            return
        own, refs = self.own_columns(cls)
        self.add(self.tables[cls], description, [*leading, *own], tuple(keys), [*owner_keys, *refs])

    def labels(self) -> tuple[tuple[FieldShape, ...], tuple[ScalarColumns, ...], bool]:
        label = next((cls for cls, role in self.roles.items() if role is Role.LABEL), None)
        if label is None:  # pragma: no cover - every paper has a title
            return (), (), False
        texts = tuple(s for s in shape_of(label) if s.kind is Kind.TEXT and not s.many)
        if not any(s.required for s in texts):
            raise TypeError(f"{label.__name__} needs a required text field: a text with none has no row")
        for shape in shape_of(label):
            if shape.kind is Kind.MODEL or shape.many:
                raise TypeError(f"{_where(label, shape)}: a label holds plain fields only")
        owners, owner_columns, owner_keys = self.owner_columns(label)
        if owners is not OwnerColumns.MANY:  # pragma: no cover - titles are everywhere
            raise TypeError("labels are expected to belong to objects of several classes")
        _field, position, placed = self.field_and_position(label)
        field = Column(
            name="field",
            type=ColumnType.STRING,
            description="The field of the owner that holds this text (title, name ...).",
            required=True,
            values=tuple(sorted({shape.name for _owner, shape in self.holders[label]})),
        )
        placed = [column for column in placed if column.name != "field"]
        lang = Column(
            name="lang",
            type=ColumnType.STRING,
            description="The language of this row's text.",
            required=True,
            values=tuple(s.name for s in texts),
        )
        text = Column(
            name="text", type=ColumnType.STRING, description="The text in that language.", required=True
        )
        others: list[ScalarColumns] = []
        other_columns: list[Column] = []
        for shape in shape_of(label):
            if shape in texts:
                continue
            made = value_columns(shape, shape.name, shape.description, required=not shape.optional)
            other_columns.extend(made)
            others.append(ScalarColumns(shape=shape, names=tuple(c.name for c in made)))
        self.scalars[label] = tuple(others)
        leading = [*owner_columns, field, *placed, lang]
        self.add(
            self.prefix + LABELS,
            "Every title and name, one row per language, English and Chinese side by side by key.",
            [*leading, text, *other_columns],
            tuple(c.name for c in leading),
            owner_keys,
        )
        return texts, tuple(others), position

    def list_tables(self, cls: type) -> None:
        for shape in shape_of(cls):
            if shape.kind is Kind.MODEL or not shape.many:
                continue
            kind = self.kind_name(cls)
            if self.roles[cls] is Role.PLACE:
                owner_column = "locator"
            else:
                owner_column = f"{kind}_key" if cls in self.keyed_records else f"{kind}_id"
            key = self.reference_key(shape)
            if shape.kind is Kind.LOCATOR:
                value_name = "locator"
            elif shape.refers_to and key is not None and key.table != self.prefix + ENTITIES:
                value_name = f"{shape.refers_to[0]}_id"
            elif shape.refers_to:
                value_name = "entity_id"
            else:
                value_name = "value"
            if value_name == owner_column:
                value_name = "value"
            name = self.prefix + f"{kind}_{shape.name}"
            made, value = self.field_columns(shape, value_name, required=True)
            owner = Column(
                name=owner_column,
                type=ColumnType.STRING,
                description=f"Key of the row of {self.tables[cls]} this belongs to.",
                required=True,
            )
            position = Column(
                name="position",
                type=ColumnType.INTEGER,
                description="Index in the tuple, from 0: the order of the data.",
                required=True,
                minimum=0,
            )
            fks = [
                ForeignKey(
                    columns=(owner_column,), table=self.tables[cls], referenced=(self.key_column_of(cls),)
                )
            ]
            value_key = self.reference_key(shape, value_name)
            if value_key is not None:
                fks.append(value_key)
            self.add(
                name,
                f"{_where(cls, shape)}: {shape.description}",
                [owner, position, *made],
                (owner_column, position.name),
                fks,
            )
            self.lists[(cls, shape.name)] = ListTable(
                name=name,
                owner_cls=cls,
                shape=shape,
                owner_column=owner_column,
                value=value,
            )

    def index_tables(self) -> None:
        table_name = Column(
            name="table_name", type=ColumnType.STRING, description="The table it is in.", required=True
        )
        self.add(
            self.prefix + ENTITIES,
            f"Every id of the {self.root_kind} (ids are unique across it), with the table that holds it.",
            [
                Column(name="id", type=ColumnType.STRING, description="An entity's id.", required=True),
                table_name,
            ],
            ("id",),
            [],
        )
        if self.place_classes:
            self.add(
                PLACES,
                "Every part of the text, with the table that holds it, in reading order.",
                [
                    Column(name="locator", type=ColumnType.STRING, description="Its locator.", required=True),
                    table_name,
                    Column(
                        name="position",
                        type=ColumnType.INTEGER,
                        description="Its place in reading order, from 0.",
                        required=True,
                        minimum=0,
                    ),
                ],
                ("locator",),
                [],
            )
        held = " and its parts" if self.place_classes else ""
        held += " and the records that hold others" if self.keyed_records else ""
        self.add(
            self.prefix + OWNERS,
            f"Every object that rows of other tables belong to: the {self.root_kind}, its entities{held}.",
            [
                table_name,
                Column(
                    name="key",
                    type=ColumnType.STRING,
                    description="Its key: an id or a locator.",
                    required=True,
                ),
            ],
            ("table_name", "key"),
            [],
        )

    def build(self) -> Layout:
        self.assign_roles()
        position = Column(
            name="position",
            type=ColumnType.INTEGER,
            description=f"Index in the {self.root_kind}'s tuple, from 0: the order of the data.",
            required=True,
            minimum=0,
        )
        self.keyed_table(self.root, f"The {self.root_kind} itself: one row.", [], [])
        for _name, shape in self.entity_fields:
            self.keyed_table(shape.type, f"{shape.description} One per row.", [position], [])
        for cls in self.classes:
            if self.roles[cls] is Role.PLACE:
                self.child(cls)
        for cls in self.classes:
            if self.roles[cls] is Role.RECORD:
                self.child(cls)
        texts, others, label_position = self.labels()
        for cls in self.classes:
            if self.roles[cls] in (Role.ROOT, Role.ENTITY, Role.PLACE) or cls in self.keyed_records:
                self.list_tables(cls)
        self.index_tables()
        for documents in self.held.values():
            for schema in documents.schemas:
                if any(s.name == schema.name for s in self.schemas):
                    raise TypeError(f"two tables would be named {schema.name!r}")
                self.schemas.append(schema)
        return Layout(
            root=self.root,
            schemas=tuple(self.schemas),
            roles=self.roles,
            tables=self.tables,
            entity_fields=self.entity_fields,
            children=self.children,
            scalars=self.scalars,
            lists=self.lists,
            label_texts=texts,
            label_others=others,
            label_position=label_position,
            labels=self.prefix + LABELS,
            entities=self.prefix + ENTITIES,
            owners=self.prefix + OWNERS,
            places=PLACES if self.place_classes else None,
            held=self.held,
            scopes={cls: field for cls in self.classes if (field := self.scope_field(cls)) is not None},
        )


def a_class(cls: type) -> str:
    return f"{'an' if cls.__name__[:1] in 'AEIOU' else 'a'} {cls.__name__}"


@per_class
def layout_of(root: type) -> Layout:
    """The tables of a paper class (or of a corpus class); worked out once per class."""
    return _Builder(root).build()
