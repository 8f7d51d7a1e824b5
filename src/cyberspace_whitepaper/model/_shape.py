"""The one description of the model: what each field of each class is.

Every field is declared with ``attrs.field(metadata=describe(...))``: its description, the constraint
its values keep (:mod:`._checks`), and its role in the paper where it has one
(a reference to entities of named kinds, an entity's identity, a name that
must be distinct among its siblings, a number counted 1..n). Its type
annotation says the rest: what kind of value it holds, whether it may be
``None``, whether it is a tuple of such values.

:func:`shape_of` compiles a class's fields once into :class:`FieldShape`
records. Everything else reads those records: the field validators
(compiled here from the same tests), the cattrs hooks and the generated
reader and writer, the whole-paper rules (references and locators are found
from the records, never by a field's name), the JSON Schema and JSON-LD
exports, the Hypothesis strategies, the tables and the diff.

Adding a field is declaring it with :func:`describe`; nothing else needs to
be told (``docs/architecture.md``, "Adding a field").
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Literal

import attrs

from ..errors import excerpt, join_path
from ._checks import (
    Constraint,
    ExactDecimal,
    Pattern,
    Range,
    Test,
    Text,
    describe_type,
    explain,
    fail,
    json_type_name,
    type_test,
)

__all__ = ["FieldShape", "Kind", "checked", "describe", "entity_kinds", "shape_of"]

_SPEC = "cyberspace_whitepaper"
T = typing.TypeVar("T")


class Kind(enum.Enum):
    """What kind of value a field holds (each item, for a tuple)."""

    TEXT = "text"  #: free text (a ``str`` under :func:`~._checks.text`)
    STRING = "string"  #: a ``str`` matching a pattern: identifier, URL, language tag
    INTEGER = "integer"  #: an ``int`` in a range
    BOOLEAN = "boolean"
    DECIMAL = "decimal"  #: an exact ``Decimal``
    ENUM = "enum"  #: a member of a closed vocabulary
    DATE = "date"  #: a :class:`PartialDate`, written as text
    LOCATOR = "locator"  #: a :class:`Locator`, written as text; must name a place that exists
    MODEL = "model"  #: an object of another model class


@attrs.frozen
class Declaration:
    """What :func:`describe` was told of a field (its arguments say what each means).

    Kept in the attrs field's metadata; :class:`FieldShape` extends it with
    what the field's annotation and default say.
    """

    description: str
    constraint: Constraint | None
    unique: bool
    min_items: int
    refers_to: tuple[str, ...]
    identity: str | None
    distinct: tuple[str, ...] | None
    numbering: tuple[str, ...] | None
    names: bool
    relative: bool


def describe(
    description: str,
    constraint: Constraint | None = None,
    *,
    unique: bool = False,
    min_items: int = 0,
    refers_to: tuple[str, ...] = (),
    identity: str | None = None,
    distinct: tuple[str, ...] | None = None,
    numbering: tuple[str, ...] | None = None,
    names: bool = False,
    relative: bool = False,
) -> dict[str, Declaration]:
    """The metadata of a model field: what it is, said once.

    Written as ``attrs.field(metadata=describe(...))``, with ``default=`` on
    ``attrs.field`` where the field has one, in a class made with
    ``@attrs.frozen(kw_only=True, field_transformer=checked)``.

    Args:
        description: what the field holds, for people (schema descriptions).
        constraint: what each value must be beyond its type (every ``str``,
            ``int`` and ``Decimal`` field needs one).
        unique: for a tuple, its items do not repeat.
        min_items: for a tuple, its fewest items.
        refers_to: the field holds ids of entities of these kinds (``"actor"``,
            ``"source"``, ``"paper"`` ...); each must resolve to one of them.
        identity: the field is the id of an entity of this kind.
        distinct: the value is unique among the other objects of its tuple
            that share these fields (``()``: among all of them); a text is
            compared in each of its languages.
        numbering: the value counts 1, 2, 3 ... among the other objects of its
            tuple that share these fields (``()``: among all of them).
        names: the field names its object for people (a title, a name): what
            labels, search and reports show first.
        relative: the value says how the thing stands to the document that
            holds the record (a related document's relation to its paper), so
            two documents of a corpus may give it differently.
    """
    spec = Declaration(
        description, constraint, unique, min_items, refers_to, identity, distinct, numbering, names, relative
    )
    return {_SPEC: spec}


def checked(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """The ``field_transformer`` of every model class: each field gets the validator its shape compiles to.

    Each field's shape is compiled here, when the class is made, so a
    declaration the shape cannot read fails at import, not at first use.
    """
    return [attribute.evolve(validator=_FieldValidator(field_shape(attribute, cls))) for attribute in fields]


@attrs.frozen
class FieldShape(Declaration):
    """One field of a model class, compiled from its declaration.

    Every attribute of its :class:`Declaration` (description, constraint,
    unique, min_items, refers_to, identity, distinct, numbering, names,
    relative), and:

    Attributes:
        name: the field's name, also its JSON key.
        kind: what kind of value it holds.
        type: the Python type of one value (``str``, an enum, a model class ...).
        optional: the field may be ``None``.
        many: the field is a tuple of values.
        default: the default (``attrs.NOTHING`` if the field is required).
        annotation: the field's annotation as written.
    """

    name: str
    kind: Kind
    type: Any
    optional: bool
    many: bool
    default: Any
    annotation: Any

    @property
    def required(self) -> bool:
        """Whether the field has no default."""
        return self.default is attrs.NOTHING

    @property
    def is_reference(self) -> bool:
        return bool(self.refers_to)

    @property
    def value_tests(self) -> tuple[Test, ...]:
        """The tests one value of the field passes (its type, then its constraint's)."""
        return _value_tests(self.kind, self.type, self.constraint)


def _split(annotation: Any) -> tuple[Any, bool, bool]:
    """(value type, optional, many) of an annotation such as ``tuple[str, ...]`` or ``Locator | None``."""
    optional = False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = typing.get_args(annotation)
        present = [a for a in args if a is not type(None)]
        if len(present) != 1 or len(args) != 2:
            raise TypeError(f"only 'X | None' unions are supported, got {annotation!r}")
        annotation, optional = present[0], True
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is tuple:
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"only tuple[X, ...] is supported, got {annotation!r}")
        return args[0], optional, True
    return annotation, optional, False


R = typing.TypeVar("R")


def per_class(function: Callable[[type], R]) -> Callable[[type], R]:
    """Remember ``function``'s result for each class: the shape of a class never changes.

    (A dict rather than ``functools.cache``, whose typing takes a model class
    for unhashable: python/mypy#11470.)
    """
    cache: dict[type, R] = {}

    @functools.wraps(function)
    def cached(cls: type) -> R:
        if cls not in cache:
            cache[cls] = function(cls)
        return cache[cls]

    return cached


#: Classes whose objects are written as text (dates, locators), and their kind.
_WRITTEN_AS_TEXT: dict[type, Kind] = {}


def written_as_text(kind: Kind) -> Callable[[type[T]], type[T]]:
    """Class decorator: objects of the class are values written as one string (a date, a locator)."""

    def register(cls: type[T]) -> type[T]:
        _WRITTEN_AS_TEXT[cls] = kind
        return cls

    return register


def _kind(value_type: Any, constraint: Constraint | None) -> Kind:
    if typing.get_origin(value_type) is Literal:
        options = typing.get_args(value_type)
        if not all(type(option) is int for option in options):
            raise TypeError(f"only Literals of int are supported, got {value_type!r}")
        value_type = int
    if value_type is str:
        if isinstance(constraint, Text):
            return Kind.TEXT
        if isinstance(constraint, Pattern):
            return Kind.STRING
        raise TypeError("a str field needs text() or a pattern constraint")
    if value_type is int:
        if not isinstance(constraint, Range):
            raise TypeError("an int field needs an in_range() constraint")
        return Kind.INTEGER
    if value_type is Decimal:
        if not isinstance(constraint, ExactDecimal):
            raise TypeError("a Decimal field needs the exact_decimal() constraint")
        return Kind.DECIMAL
    if constraint is not None:
        raise TypeError(f"no constraint applies to {value_type!r}")
    if value_type is bool:
        return Kind.BOOLEAN
    if value_type in _WRITTEN_AS_TEXT:
        return _WRITTEN_AS_TEXT[value_type]
    if isinstance(value_type, type) and issubclass(value_type, enum.Enum):
        return Kind.ENUM
    if isinstance(value_type, type) and attrs.has(value_type):
        return Kind.MODEL
    raise TypeError(f"no kind of value for {value_type!r}")


def type_name(value_type: Any) -> str:
    """How messages name a type: ``string``, ``date``, ``event kind``, ``Citation``."""
    if value_type in _WRITTEN_AS_TEXT:
        return _WRITTEN_AS_TEXT[value_type].value
    if isinstance(value_type, type) and issubclass(value_type, enum.Enum):
        words = "".join(f" {c.lower()}" if c.isupper() else c for c in value_type.__name__)
        return words.strip()
    return json_type_name(value_type) or value_type.__name__


@functools.cache
def _value_tests(kind: Kind, value_type: Any, constraint: Constraint | None) -> tuple[Test, ...]:
    if constraint is not None:
        return constraint.tests()
    return (type_test(value_type, type_name(value_type)),)


def field_shape(attribute: attrs.Attribute[Any], owner: type | None = None) -> FieldShape:
    """The shape of one attrs field declared with :func:`describe`; ``owner`` names its class in errors."""
    where = f"{owner.__name__}.{attribute.name}" if owner else attribute.name
    spec = attribute.metadata.get(_SPEC)
    if not isinstance(spec, Declaration):
        raise TypeError(f"{where}: not declared with model._shape.describe()")
    if isinstance(attribute.type, str):
        raise TypeError(f"{where}: the model's annotations must be types, not strings")
    try:
        value_type, optional, many = _split(attribute.type)
        kind = _kind(value_type, spec.constraint)
    except TypeError as error:
        raise TypeError(f"{where}: {error}") from None
    if typing.get_origin(value_type) is Literal:
        value_type = int
    if (spec.refers_to or spec.identity) and kind is not Kind.STRING:
        raise TypeError(f"{where}: ids and references are identifier strings")
    if (spec.unique or spec.min_items) and not many:
        raise TypeError(f"{where}: unique and min_items apply to tuples")
    if spec.names and (many or kind not in (Kind.MODEL, Kind.TEXT)):
        raise TypeError(f"{where}: a field that names its object holds one text")
    return FieldShape(
        **attrs.asdict(spec, recurse=False),
        name=attribute.name,
        kind=kind,
        type=value_type,
        optional=optional,
        many=many,
        default=attribute.default,
        annotation=attribute.type,
    )


@per_class
def shape_of(cls: type) -> tuple[FieldShape, ...]:
    """The shapes of a model class's fields, in field order; compiled once per class."""
    return tuple(field_shape(attribute, cls) for attribute in attrs.fields(cls))


#: Classes whose objects check their own whole-document rules when built (a paper).
_DOCUMENTS: set[type] = set()


def whole_document(cls: type[T]) -> type[T]:
    """Class decorator: objects of ``cls`` are documents that check their own rules when built.

    A document held by another (the papers of a corpus) has already kept
    its rules: the holder's rules see it as one entity and look no deeper.
    """
    _DOCUMENTS.add(cls)
    return cls


def is_whole_document(cls: type) -> bool:
    """Whether objects of ``cls`` are documents that check their own rules (see :func:`whole_document`)."""
    return cls in _DOCUMENTS


def model_classes(root: type, *, within: bool = False) -> Iterator[type]:
    """``root`` and every model class below it, each once, parents before children.

    ``within``: stay within ``root``'s own document, and never go into a
    document it holds (see :func:`whole_document`).
    """
    order: list[type] = []
    seen: set[type] = set()

    def visit(cls: type) -> None:
        if cls in seen:
            return
        seen.add(cls)
        if not (within and cls is not root and cls in _DOCUMENTS):
            for shape in shape_of(cls):
                if shape.kind is Kind.MODEL:
                    visit(shape.type)
        order.append(cls)

    visit(root)
    return reversed(order)


def name_of(cls: type) -> FieldShape | None:
    """The field that names an object of ``cls`` for people (declared ``names=True``), if it has one."""
    return next((shape for shape in shape_of(cls) if shape.names), None)


def identity_of(cls: type) -> FieldShape | None:
    """The field that is the id of an entity of ``cls``, if ``cls`` is an entity."""
    return next((shape for shape in shape_of(cls) if shape.identity is not None), None)


@per_class
def entity_kinds(paper: type) -> tuple[tuple[str, FieldShape], ...]:
    """The entity kinds of a paper, as (kind, the paper's field holding them), in field order.

    An entity kind is any tuple field of the paper whose items have an
    identity field; nothing else lists the kinds.
    """
    found = []
    for shape in shape_of(paper):
        if shape.kind is Kind.MODEL and shape.many:
            identity = identity_of(shape.type)
            if identity is not None and identity.identity is not None:
                found.append((identity.identity, shape))
    return tuple(found)


# --- the field validator -----------------------------------------------------------


class _FieldValidator:
    """The attrs validator of a field: the field's tests, compiled from its shape on first use.

    Not at import: data that is loaded is checked by the generated readers,
    and never calls a validator.
    """

    __slots__ = ("check", "shape")

    def __init__(self, shape: FieldShape):
        self.shape = shape
        self.check: Callable[[Any], bool] | None = None

    def __call__(self, _instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
        check = self.check
        if check is None:
            check = self.check = compile_check(self.shape)
        if not check(value):
            explain_field(self.shape, value)

    def __repr__(self) -> str:
        return f"<model field validator for {self.shape.name}>"


def inline(tests: tuple[Test, ...], var: str, bind: Callable[[Any], str]) -> str:
    """One boolean expression: every test of ``tests`` on ``var``, objects bound by ``bind``."""
    parts = []
    for test in tests:
        names = {name: bind(value) for name, value in test.names}
        parts.append("(" + test.expression.format(v=var, **names) + ")")
    return " and ".join(parts)


def compile_check(shape: FieldShape) -> Callable[[Any], bool]:
    """A function telling whether a field's whole value (None, a tuple, one value) passes its tests."""
    names: dict[str, Any] = {}

    def bind(value: Any) -> str:
        name = f"_n{len(names)}"
        names[name] = value
        return name

    one = inline(shape.value_tests, "x", bind)
    lines = ["def check(v):"]
    if shape.optional:
        lines.append("    if v is None: return True")
    if shape.many:
        lines.append("    if type(v) is not tuple: return False")
        if shape.min_items:
            lines.append(f"    if len(v) < {shape.min_items:d}: return False")
        lines += ["    for x in v:", f"        if not ({one}): return False"]
        lines.append("    return len(set(v)) == len(v)" if shape.unique else "    return True")
    else:
        lines += ["    x = v", f"    return bool({one})"]
    exec("\n".join(lines), names)  # noqa: S102 - source built here from the model's own tests
    check: Callable[[Any], bool] = names["check"]
    return check


def explain_field(shape: FieldShape, value: Any) -> None:
    """Raise the first problem of a field's value, with a path relative to its object (``$.name[2]``)."""
    path = join_path("$", shape.name)
    if shape.optional and value is None:
        return
    if not shape.many:
        explain(shape.value_tests, value, path)
        return
    if type(value) is not tuple:
        raise fail(path, "type", f"expected tuple, got {describe_type(value)} {excerpt(value)}")
    if len(value) < shape.min_items:
        raise fail(path, "empty", f"must have at least {shape.min_items} item(s)")
    for index, item in enumerate(value):
        explain(shape.value_tests, item, join_path(path, index))
    if shape.unique:
        seen: set[Any] = set()
        for index, item in enumerate(value):
            if item in seen:
                raise fail(join_path(path, index), "duplicate", f"{excerpt(item)} is listed twice")
            seen.add(item)


def walk(obj: Any, path: str = "$", *, within: bool = False) -> Iterator[tuple[str, Any]]:
    """Every model object reachable from ``obj`` (``obj`` first), with its JSON path, in field order.

    Dates and locators are values, not objects walked into. ``within``: as
    for :func:`model_classes`, the documents ``obj`` holds are yielded but
    not walked into.
    """
    yield path, obj
    if within and path != "$" and type(obj) in _DOCUMENTS:
        return
    for shape in shape_of(type(obj)):
        if shape.kind is not Kind.MODEL:
            continue
        value = getattr(obj, shape.name)
        field_path = join_path(path, shape.name)
        if shape.many:
            for index, item in enumerate(value):
                yield from walk(item, join_path(field_path, index), within=within)
        elif value is not None:
            yield from walk(value, field_path, within=within)


def values(obj: Any, shape: FieldShape) -> tuple[Any, ...]:
    """The values a field of ``obj`` holds: none, one, or the tuple's items."""
    value = getattr(obj, shape.name)
    if shape.many:
        return value  # type: ignore[no-any-return]
    return () if value is None else (value,)
