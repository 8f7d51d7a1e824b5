"""One reader and one writer per model class, generated from the model's shape.

Reading plain data (what a JSON parser gives) into model objects has two
paths, as cattrs has a fast and a detailed mode, and this module is the only
code that knows it:

- the fast reader: for each class, a function generated from its
  :func:`~cyberspace_whitepaper.model._shape.shape_of` records. It puts the
  fields' own tests inline (the expressions of :mod:`.model._checks`, the
  same the field validators compile), calls the converter's hooks for
  dates, locators and decimals, and builds each object without running the
  validators a second time. It explains nothing: on the first problem it
  gives up;
- the detailed path: the cattrs converter (:mod:`.converters`), which runs
  every validator and reports every problem with its path.

:func:`structure` tries the fast reader once and, if it gives up, the
detailed path once. The fast reader gives up in two ways: :class:`RejectError`
(a test failed: the data breaks the model) and :class:`DeclineError` (the data
is outside what it takes on: a string or an array longer than its bounds).
With :data:`CHECK_FALLBACKS` set, as the test suite sets it, a rejected
value that the detailed path then accepts is a bug, and raises.

Writing is one generated function per class that makes the plain data
(dicts, lists, strings, numbers) the converter would make.

The generated source is registered with :mod:`linecache`, so tracebacks
show the lines.
"""

from __future__ import annotations

import gc
import inspect
import linecache
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from . import converters
from ._limits import DEFAULT_LIMITS, Limits
from .errors import ValidationError
from .model import Locator, PartialDate
from .model._shape import FieldShape, Kind, inline, per_class, shape_of, values

__all__ = ["CHECK_FALLBACKS", "DeclineError", "RejectError", "fits", "reader", "structure", "writer"]

#: When true, a value the fast reader rejected but the detailed path accepts raises AssertionError.
CHECK_FALLBACKS = False

#: Longest string the fast reader takes. Written as JSON, no character a
#: model string may hold takes more than two (``\\"``), so such a string is
#: within the default ``max_string_length`` as written.
MAX_STRING = DEFAULT_LIMITS.max_string_length // 2
#: Most items of an array the fast reader takes.
MAX_ITEMS = DEFAULT_LIMITS.max_array_items
#: Integers the fast reader accepts have at most this many digits (the largest
#: is a decimal value below 10**16); numbers with a point, this many characters.
MAX_INTEGER_DIGITS = 16
MAX_NUMBER_LENGTH = 24
# Strings that passed a pattern, remembered per field; bounded, so memory is.
_SEEN_SIZE = 16384


class RejectError(Exception):
    """The fast reader found data that breaks the model; the detailed path says what."""


class DeclineError(Exception):
    """The data is outside what the fast reader takes on; the detailed path decides."""


def structure(data: Any, cls: type, *, rejected: bool | None = None) -> Any:
    """A ``cls`` from plain data: the fast reader, or else the detailed path and its errors.

    ``rejected``: the fast reader already gave up on this document, read by
    another parser (True: it rejected it; False: it declined), and is not
    tried again.
    """
    if rejected is None:
        try:
            with collector_paused():
                return read(data, cls)
        except RejectError:
            rejected = True
        except DeclineError:
            rejected = False
    found: Any = converters.structure(data, cls)
    if rejected and CHECK_FALLBACKS:
        raise AssertionError(f"the fast reader rejected a {cls.__name__} that the detailed path accepts")
    return found


class collector_paused:  # noqa: N801 - used as a function: ``with collector_paused():``
    """Pause the cyclic garbage collector, and leave it as it was on every way out.

    Plain data and model objects never form cycles, and building many of
    them would otherwise pay for repeated collections of a growing heap.
    A class rather than a generator: JSON Lines pause it once per line, and
    the generator form cost more than a small line's read.
    """

    __slots__ = ("enabled",)

    def __enter__(self) -> None:
        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *_exc: object) -> None:
        if self.enabled:
            gc.enable()


def read(data: Any, cls: type) -> Any:
    """A ``cls`` from plain data by the fast reader, or :class:`RejectError` or :class:`DeclineError`.

    The caller pauses the collector (:class:`collector_paused`).
    """
    try:
        return reader(cls)(data)
    except (KeyError, ValidationError):
        # A key left out or not known, an enum value not known, or a check of a
        # hook or of the class itself (its __attrs_post_init__) that failed.
        raise RejectError from None


def write(obj: Any, cls: type) -> Any:
    """Plain data for ``obj`` as ``cls``."""
    function = writer(cls)
    with collector_paused():
        return function(obj)


def fits(cls: type, limits: Limits) -> bool:
    """Whether everything the fast reader accepts for ``cls`` is within ``limits``.

    Then text that a parser read without counting (orjson) needs no other
    check than the fast reader's own bounds and a count of its values.
    """
    return (
        depth(cls) <= limits.max_depth
        and limits.max_string_length >= 2 * MAX_STRING
        and limits.max_array_items >= MAX_ITEMS
        and limits.max_integer_digits >= MAX_INTEGER_DIGITS
        and limits.max_number_length >= MAX_NUMBER_LENGTH
    )


@per_class
def depth(cls: type) -> int:
    """Nesting depth of the deepest JSON value of a ``cls``: an object of scalars is 1."""
    deepest = 1
    for shape in shape_of(cls):
        below = depth(shape.type) if shape.kind is Kind.MODEL else 0
        deepest = max(deepest, 1 + below + shape.many)
    return deepest


def holds_tiny_decimal(obj: Any) -> bool:
    """Whether ``obj`` holds a non-zero decimal below 1e-4, which orjson and the json module write apart."""
    for shape in decimal_paths(type(obj)):
        for value in values(obj, shape):
            if shape.kind is Kind.DECIMAL:
                if value and abs(value) < _TINY:
                    return True
            elif holds_tiny_decimal(value):
                return True
    return False


_TINY = Decimal("1e-4")


@per_class
def decimal_paths(cls: type) -> tuple[FieldShape, ...]:
    """The fields of ``cls`` that hold decimals, or objects that hold them somewhere below."""
    return tuple(
        s for s in shape_of(cls) if s.kind is Kind.DECIMAL or (s.kind is Kind.MODEL and decimal_paths(s.type))
    )


# --- generated code ------------------------------------------------------------------


@per_class
def reader(cls: type) -> Callable[[Any], Any]:
    """The fast reader of ``cls``, generated on first use."""
    if cls in _VALUES:  # a date or a locator alone is its text, read by the converter's hook
        structure_hook = converters.converter.get_structure_hook(cls)
        return lambda data: structure_hook(data, cls)
    function: Callable[[Any], Any] = _Generator(cls).build("read")
    return function


@per_class
def writer(cls: type) -> Callable[[Any], Any]:
    """The writer of ``cls``: plain data (new dicts and lists) as the converter makes it."""
    if cls in _VALUES:
        hook: Callable[[Any], Any] = converters.converter.get_unstructure_hook(cls)
        return hook
    function: Callable[[Any], Any] = _Generator(cls).build("write")
    return function


# Value classes: written as text, not as objects of their fields.
_VALUES = (PartialDate, Locator)


def _indent(lines: list[str], depth: int = 1) -> list[str]:
    return ["    " * depth + line for line in lines]


class _Generator:
    """Writes the functions one root class needs, and those of every class below it."""

    def __init__(self, root: type):
        self.root = root
        self.names: dict[str, Any] = {
            "R": RejectError,
            "D": DeclineError,
            "NEW": object.__new__,
            "M": object(),
        }
        self.lines: list[str] = []
        self.done: set[tuple[str, type]] = set()
        self.locals = 0

    def bind(self, value: Any) -> str:
        """A global name of the generated module for ``value``."""
        name = f"_{len(self.names)}"
        self.names[name] = value
        return name

    def build(self, what: str) -> Any:
        self.function(what, self.root)
        source = "\n".join(self.lines) + "\n"
        filename = f"<cyberspace_whitepaper {what} {self.root.__name__}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        exec(compile(source, filename, "exec"), self.names)  # noqa: S102 - from the model's own shape
        return self.names[f"{what}_{self.root.__name__}"]

    def function(self, what: str, cls: type) -> str:
        name = f"{what}_{cls.__name__}"
        if (what, cls) not in self.done:
            self.done.add((what, cls))
            body = self.read_body(cls) if what == "read" else self.write_body(cls)
            self.lines += [f"def {name}({'d' if what == 'read' else 'o'}):", *_indent(body), ""]
        return name

    # -- reading ---------------------------------------------------------------------

    def read_body(self, cls: type) -> list[str]:
        shapes = shape_of(cls)
        lines = ["if type(d) is not dict: raise R"]
        if not all(s.required for s in shapes):
            # Data may leave out fields that have defaults: a dict with every
            # field is made by putting the given keys over the defaults (as
            # plain data, read and checked below like any value). Then the
            # fields are exactly the keys if there are as many keys as fields
            # and each is found (a field left out without a default raises
            # KeyError).
            defaults = {s.name: converters.converter.unstructure(s.default) for s in shapes if not s.required}
            lines += [
                f"if len(d) != {len(shapes)}:",
                f"    d = {{**{self.bind(defaults)}, **d}}",
                f"    if len(d) != {len(shapes)}: raise R",
            ]
        else:
            lines.append(f"if len(d) != {len(shapes)}: raise R")
        for s in shapes:
            lines += [f"v = d[{s.name!r}]", *self.value(s, "v", f"f_{s.name}")]
        lines.append(f"o = NEW({self.bind(cls)})")
        for s in shapes:
            setter = inspect.getattr_static(cls, s.name).__set__
            lines.append(f"{self.bind(setter)}(o, f_{s.name})")
        if getattr(cls, "__attrs_post_init__", None) is not None:
            lines.append("o.__attrs_post_init__()")  # the class's own cross-field checks
        lines.append("return o")
        return lines

    def value(self, shape: FieldShape, src: str, dst: str) -> list[str]:
        """Lines that make ``dst`` from the plain ``src`` as the field's value, or raise."""
        if shape.many:
            item = self.one(shape, "x", "y")
            lines = [f"if type({src}) is not list: raise R", f"if len({src}) > {MAX_ITEMS}: raise D"]
            if shape.min_items:
                lines.append(f"if len({src}) < {shape.min_items}: raise R")
            if item == ["y = x"]:
                pass  # nothing to check or convert per item
            elif item[-1] == "y = x":  # checks only: the items stay as they are
                lines += [f"for x in {src}:", *_indent(item[:-1])]
            else:
                # A plain loop: on 3.11 it beats map() and a comprehension.
                lines += ["t = []", f"for x in {src}:", *_indent(item), "    t.append(y)"]
                src = "t"
            lines.append(f"{dst} = tuple({src})")
            if shape.unique:
                lines.append(f"if len(set({dst})) != len({dst}): raise R")
        else:
            lines = self.one(shape, src, dst)
        if shape.optional:
            return [f"if {src} is None: {dst} = None", "else:", *_indent(lines)]
        return lines

    def one(self, shape: FieldShape, src: str, dst: str) -> list[str]:
        """Lines that make ``dst`` from one plain value ``src``."""
        kind = shape.kind
        if kind is Kind.STRING and shape.identity is None:
            # References and tags repeat: a string that passed once is not tested again.
            seen = self.bind(set())
            test = inline(shape.value_tests, src, self.bind)
            return [
                f"if type({src}) is not str or {src} not in {seen}:",
                f"    if not ({test}): raise R",
                f"    if len({seen}) < {_SEEN_SIZE}: {seen}.add({src})",
                f"{dst} = {src}",
            ]
        if kind in (Kind.TEXT, Kind.STRING, Kind.INTEGER, Kind.BOOLEAN):
            lines = [f"if not ({inline(shape.value_tests, src, self.bind)}): raise R"]
            if kind is Kind.TEXT:
                lines.append(f"if len({src}) > {MAX_STRING}: raise D")
            return [*lines, f"{dst} = {src}"]
        if kind is Kind.ENUM:
            members = self.bind({member.value: member for member in shape.type})
            return [f"if type({src}) is not str: raise R", f"{dst} = {members}[{src}]"]
        if kind is Kind.MODEL:
            return [f"{dst} = {self.function('read', shape.type)}({src})"]
        # Dates, locators and decimals: the converter's own hook makes the value.
        hook = self.bind(converters.converter.get_structure_hook(shape.type))
        lines = [f"{dst} = {hook}({src})"]
        if shape.constraint is not None:
            lines.append(f"if not ({inline(shape.value_tests, dst, self.bind)}): raise R")
        return lines

    # -- writing ---------------------------------------------------------------------

    def write_body(self, cls: type) -> list[str]:
        return [f"return {self.display(cls, 'o')}"]

    def display(self, cls: type, src: str, first: str | None = None) -> str:
        """A dict display writing the object ``src`` of ``cls``; ``first`` reads ``src`` the first time."""
        items = []
        for index, shape in enumerate(shape_of(cls)):
            base = first if index == 0 and first is not None else src
            items.append(f"{shape.name!r}: {self.out(shape, f'{base}.{shape.name}')}")
        return f"{{{', '.join(items)}}}"

    def out(self, shape: FieldShape, src: str) -> str:
        """An expression for the field ``src`` as plain data."""
        if shape.many:
            one = self.out_one(shape, "x")
            return f"list({src})" if one == "x" else f"[{one} for x in {src}]"
        if shape.optional:
            name = self.local()
            one = self.out_one(shape, name)
            return src if one == name else f"(None if ({name} := {src}) is None else {one})"
        if self.leaf(shape):
            # Written in place: these small objects (texts) are the most numerous, and a call costs more.
            name = self.local()
            return self.display(shape.type, name, first=f"({name} := {src})")
        return self.out_one(shape, src)

    def out_one(self, shape: FieldShape, src: str) -> str:
        kind = shape.kind
        if kind in (Kind.TEXT, Kind.STRING, Kind.INTEGER, Kind.BOOLEAN):
            return src
        if kind is Kind.ENUM:
            return f"{src}._value_"
        if self.leaf(shape):
            return self.display(shape.type, src)
        if kind is Kind.MODEL:
            return f"{self.function('write', shape.type)}({src})"
        hook = self.bind(converters.converter.get_unstructure_hook(shape.type))
        return f"{hook}({src})"

    def leaf(self, shape: FieldShape) -> bool:
        """Whether the field holds objects of a class that holds no objects itself (a text, a citation)."""
        return shape.kind is Kind.MODEL and all(s.kind is not Kind.MODEL for s in shape_of(shape.type))

    def local(self) -> str:
        """A fresh local name for the generated code."""
        self.locals += 1
        return f"w{self.locals}"
