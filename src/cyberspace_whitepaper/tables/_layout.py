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

A record holds plain fields only: a tuple or another object inside a
citation or an alias has no key to hang from, and building the layout of
such a model raises ``TypeError`` naming the field, rather than losing it.
"""

from __future__ import annotations

import enum
import re
import typing
from collections.abc import Iterator

import attrs

from ..model import LocalizedText, WhitePaper
from ..model._checks import Range
from ..model._paper import Place
from ..model._shape import FieldShape, Kind, entity_kinds, identity_of, model_classes, per_class, shape_of
from ..vocab import DatePrecision

__all__ = ["Column", "ColumnType", "ForeignKey", "Layout", "Role", "TableSchema", "layout_of"]

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


@attrs.frozen(kw_only=True)
class ChildTable:
    """A table whose rows are objects (places, records) held by other objects."""

    name: str
    cls: type
    owners: OwnerColumns
    field: bool  #: whether a ``field`` column says which field of the owner holds the row
    position: bool  #: whether a ``position`` column gives the row's index in its tuple


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
    """Every table of a paper class, and how each class and field maps onto them."""

    root: type
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

    def schema(self, name: str) -> TableSchema:
        for schema in self.schemas:
            if schema.name == name:
                return schema
        raise KeyError(name)

    def key_column(self, cls: type) -> str:
        """The primary key column of a keyed class's table (``id`` or ``locator``)."""
        return _key_column(self.roles[cls], cls)


def _key_column(role: Role, cls: type) -> str:
    return "locator" if role is Role.PLACE else _identity(cls).name


def _identity(cls: type) -> FieldShape:
    found = identity_of(cls)
    if found is None:  # pragma: no cover - entity classes are found by their identity
        raise TypeError(f"{cls.__name__} has no identity field")
    return found


def _where(cls: type, shape: FieldShape) -> str:
    return f"{cls.__name__}.{shape.name}"


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


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
        self.classes = list(model_classes(root))
        self.roles: dict[type, Role] = {}
        self.tables: dict[type, str] = {}
        self.holders: dict[type, list[tuple[type, FieldShape]]] = {}
        for cls in self.classes:
            for shape in shape_of(cls):
                if shape.kind is Kind.MODEL:
                    self.holders.setdefault(shape.type, []).append((cls, shape))
        self.root_kind = _identity(root).identity or "paper"
        self.entity_fields = tuple((shape.name, shape) for _kind, shape in entity_kinds(root))
        #: The table and key column of each entity kind, the paper's own included.
        self.kind_tables = {
            kind: (shape.name, _identity(shape.type).name) for kind, shape in entity_kinds(root)
        }
        self.kind_tables[self.root_kind] = (self.root_kind, _identity(root).name)
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
        for cls in self.classes:
            if cls in self.roles:
                continue
            if identity_of(cls) is not None:
                raise TypeError(f"{cls.__name__} has an id but is not held by a tuple field of the paper")
            if cls is LocalizedText:
                self.roles[cls] = Role.LABEL
                continue
            self.roles[cls] = Role.PLACE if cls in self.place_classes else Role.RECORD
            self.tables[cls] = self.child_table_name(cls)

    def child_table_name(self, cls: type) -> str:
        # Named after the fields that hold it where they agree (citations), else after the class (parts).
        names = {shape.name for _owner, shape in self.holders[cls]}
        if len(names) == 1 and all(shape.many for _owner, shape in self.holders[cls]):
            return names.pop()
        return _snake(cls.__name__) + "s"

    def kind_name(self, cls: type) -> str:
        """How link tables and their columns name a keyed class: ``event``, or a place's table."""
        if self.roles[cls] is Role.PLACE:
            return self.tables[cls]
        return _identity(cls).identity or self.tables[cls]

    # --- columns of plain fields --------------------------------------------------

    def reference_key(self, shape: FieldShape) -> ForeignKey | None:
        if shape.kind is Kind.LOCATOR:
            return ForeignKey(columns=(shape.name,), table=PLACES, referenced=("locator",))
        if not shape.refers_to:
            return None
        # One kind: its own table. Several: the index of every id, since ids are unique across the paper.
        if len(shape.refers_to) == 1 and shape.refers_to[0] in self.kind_tables:
            table, key = self.kind_tables[shape.refers_to[0]]
            return ForeignKey(columns=(shape.name,), table=table, referenced=(key,))
        return ForeignKey(columns=(shape.name,), table=ENTITIES, referenced=("id",))

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
            made = value_columns(shape, shape.name, shape.description, required=not shape.optional)
            columns.extend(made)
            found.append(ScalarColumns(shape=shape, names=tuple(c.name for c in made)))
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
        return _key_column(self.roles[cls], cls)

    def owner_columns(self, cls: type) -> tuple[OwnerColumns, list[Column], list[ForeignKey]]:
        owner_classes = {owner for owner, _shape in self.holders[cls]}
        for owner, shape in self.holders[cls]:
            if self.roles[owner] in (Role.RECORD, Role.LABEL):
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
        key = ForeignKey(columns=("owner_table", "owner"), table=OWNERS, referenced=("table_name", "key"))
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
            name=self.tables[cls], cls=cls, owners=owners, field=field, position=position
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
        for shape in shape_of(cls):
            if shape.kind is Kind.MODEL or shape.many:
                raise TypeError(
                    f"{_where(cls, shape)}: the tables cannot hold a tuple or an object inside "
                    f"{a_class(cls)} (it has no key to hang from)"
                )
        own, refs = self.own_columns(cls)
        self.add(
            self.tables[cls],
            f"Every {cls.__name__} of the paper, with the object that holds it.",
            [*leading, *own],
            tuple(keys),
            [*owner_keys, *refs],
        )

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
            LABELS,
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
            owner_column = f"{kind}_id" if self.roles[cls] is not Role.PLACE else "locator"
            key = self.reference_key(shape)
            if shape.kind is Kind.LOCATOR:
                value_name = "locator"
            elif shape.refers_to and key is not None and key.table != ENTITIES:
                value_name = f"{shape.refers_to[0]}_id"
            elif shape.refers_to:
                value_name = "entity_id"
            else:
                value_name = "value"
            if value_name == owner_column:
                value_name = "value"
            name = f"{kind}_{shape.name}"
            made = value_columns(shape, value_name, shape.description, required=True)
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
            if key is not None:
                fks.append(attrs.evolve(key, columns=(value_name,)))
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
                value=ScalarColumns(shape=shape, names=tuple(c.name for c in made)),
            )

    def index_tables(self) -> None:
        table_name = Column(
            name="table_name", type=ColumnType.STRING, description="The table it is in.", required=True
        )
        self.add(
            ENTITIES,
            "Every id of the paper (ids are unique across it), with the table that holds it.",
            [
                Column(name="id", type=ColumnType.STRING, description="An entity's id.", required=True),
                table_name,
            ],
            ("id",),
            [],
        )
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
        self.add(
            OWNERS,
            "Every object that rows of other tables belong to: the paper, its entities and its parts.",
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
            description="Index in the paper's tuple, from 0: the order of the data.",
            required=True,
            minimum=0,
        )
        self.keyed_table(self.root, "The paper itself: one row.", [], [])
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
            if self.roles[cls] in (Role.ROOT, Role.ENTITY, Role.PLACE):
                self.list_tables(cls)
        self.index_tables()
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
        )


def a_class(cls: type) -> str:
    return f"{'an' if cls.__name__[:1] in 'AEIOU' else 'a'} {cls.__name__}"


@per_class
def layout_of(root: type) -> Layout:
    """The tables of a paper class; worked out once per class."""
    return _Builder(root).build()
