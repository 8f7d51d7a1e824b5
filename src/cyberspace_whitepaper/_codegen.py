"""Generated structuring and unstructuring code: the fast path of :mod:`.converters`.

For each model class, Python source for one structuring and one
unstructuring function is written and compiled once, on first use. The
structuring functions check every value inline (``type(x) is str``, the
field validators' own regular expressions and ranges) and build objects
without calling ``__init__``, so no validator runs twice and no hook is
looked up per value.

They accept exactly what the cattrs converter accepts and build equal
objects, but they do not explain anything: on the first problem they raise,
and the caller runs the cattrs converter on the same data, whose detailed
errors (every problem, with its path) are the API. Objects built in code
still go through ``__init__`` and every validator; only data that has
passed the checks here skips them.

A validator this module does not know is called as attrs would call it, on
the finished object, so a new kind of validator is never skipped. The tests
in ``tests/test_fast_paths.py`` hold the generated checks to the
validators' own.
"""

from __future__ import annotations

import enum
import functools
import gc
import importlib
import inspect
import math
import re
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Literal

import attrs

from ._limits import DEFAULT_LIMITS
from .model import Locator, PartialDate, _checks
from .model._annotations import field_types
from .model._statistics import _DecimalValue, check_decimal
from .model._values import _DATE

__all__ = ["Plan", "plan_for", "structure", "unstructure"]

_MISSING: Any = object()

#: No string in structurally valid data is longer than this; with it every
#: string is within ``max_string_length`` as written, since an escape writes
#: one character in at most 12 (a surrogate pair, ``\\uD83D\\uDE00``).
MAX_DECODED_STRING = DEFAULT_LIMITS.max_string_length // 12
#: Integers of valid data have at most this many digits (the largest is a
#: decimal value below 10**16).
MAX_INTEGER_DIGITS = 16
#: A float's shortest repr, as the JSON fast path accepts it, is at most this long.
MAX_FLOAT_LENGTH = 24
#: No array in data the generated code accepts has more items than this.
MAX_ARRAY_ITEMS = DEFAULT_LIMITS.max_array_items

# Strings are immutable, and PartialDate and Locator are frozen: a string
# already read is read again from here, and the objects are shared. Bounded,
# so memory stays bounded.
_CACHE_SIZE = 16384
_DATES: dict[str, PartialDate] = {}
_LOCATORS: dict[str, Locator] = {}
# And back: the text of each cached object, by identity. The entry holds
# the object itself, so that no other object can take its id meanwhile.
_DATE_TEXTS: dict[int, tuple[PartialDate, str]] = {}
_LOCATOR_TEXTS: dict[int, tuple[Locator, str]] = {}
# Strings that passed a pattern validator, per validator (ids repeat a lot).
_PATTERN_CACHE_SIZE = 16384


class _UnsupportedError(Exception):
    """A class or type the generator does not handle: the cattrs converter does it all."""


def _date(value: Any) -> PartialDate:
    # As PartialDate.parse: the same pattern, the same numbers, and the
    # constructor's checks, generated (``k_PartialDate``).
    if type(value) is not str:
        raise TypeError
    match = _DATE.match(value)
    if match is None:
        raise ValueError
    year, month, day = match.groups()
    found: PartialDate = _new_date()(
        int(year), None if month is None else int(month), None if day is None else int(day)
    )
    if len(_DATES) >= _CACHE_SIZE:
        _DATES.clear()
        _DATE_TEXTS.clear()
    _DATES[value] = found
    _DATE_TEXTS[id(found)] = (found, value)
    return found


def _locator(value: Any) -> Locator:
    if type(value) is not str:
        raise TypeError
    found = Locator.parse(value)
    if len(_LOCATORS) >= _CACHE_SIZE:
        _LOCATORS.clear()
        _LOCATOR_TEXTS.clear()
    _LOCATORS[value] = found
    # Locator.parse takes only the canonical spelling, which str() gives back.
    _LOCATOR_TEXTS[id(found)] = (found, value)
    return found


_DATE_CONSTRUCTOR: list[Callable[..., PartialDate]] = []


def _new_date() -> Callable[..., PartialDate]:
    if not _DATE_CONSTRUCTOR:
        generator = _Generator(PartialDate)
        generator.constructor_function(PartialDate)
        namespace = generator.compiled()
        _DATE_CONSTRUCTOR.append(namespace["k_PartialDate"])
    return _DATE_CONSTRUCTOR[0]


def _decimal(value: Any, counter: list[Any]) -> Decimal:
    # As converters._structure_decimal; floats are counted, so that the JSON
    # fast path can make sure each was written as its shortest repr.
    kind = type(value)
    if kind is Decimal:
        result: Decimal = value
    elif kind is int:
        result = Decimal(value)
    elif kind is float:
        if not math.isfinite(value):
            raise ValueError
        counter[1].append(value)
        result = Decimal(repr(value))
    else:
        raise TypeError
    if not result.is_finite():
        raise ValueError
    return result


def _decimal_out(value: Decimal) -> int | float:
    # As converters._unstructure_decimal.
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _keep(cache: set[str], value: str) -> None:
    if len(cache) >= _PATTERN_CACHE_SIZE:
        cache.clear()
    cache.add(value)


def _fail() -> Any:
    raise TypeError


_Reader = Callable[[Any, list[Any]], Any]


class Plan:
    """The generated functions for one root class, each set written and compiled on first use.

    A reader, ``reader(...)(data, counter)``, takes a list ``[0, [], 0, 0]``:
    it adds the number of keys of the objects it reads to the first, appends
    every float it reads as a decimal to the second, and adds the number of
    items of the arrays it reads to the third. Readers come in variants:

    - ``count_colons``: also add the colons in the strings read to the
      fourth (only the slower proof of the JSON fast path needs them);
    - ``check_characters=False``: leave out the test for forbidden
      characters in strings, for text already shown to hold none.

    Writers (``unstructure``, ``to_json``, ``has_tiny_float``) are written
    together, when one is first used. So loading the bundled paper compiles
    one reader, not every function of every class.
    """

    def __init__(self, cls: type):
        shape = _Generator(cls, emit=())
        shape.plan_namespace()  # no code: the walk over the classes (a type no reader handles shows later)
        self.cls = cls
        #: Nesting depth of the deepest document this class accepts.
        self.depth: int = shape.depths[cls]
        #: Names of the fields that hold decimals, anywhere below the class.
        self.decimal_fields: frozenset[str] = frozenset(shape.decimal_fields)
        self._readers: dict[tuple[bool, bool], _Reader | None] = {}
        self._writers: dict[str, Any] | None = None

    def reader(self, count_colons: bool = False, check_characters: bool = True) -> _Reader:
        key = (count_colons, check_characters)
        found = self._readers.get(key)
        if found is not None:
            return found
        if key not in self._readers:
            self._readers[key] = None  # if writing it fails, it fails once
            generator = _Generator(
                self.cls, emit=("read",), count_colons=count_colons, check_characters=check_characters
            )
            self._readers[key] = generator.plan_namespace()[f"s_{self.cls.__name__}"]
        found = self._readers[key]
        if found is None:
            raise _UnsupportedError(self.cls)
        return found

    @property
    def structure(self) -> _Reader:
        """The reader that checks everything and counts no colons."""
        return self.reader()

    def _writer(self, prefix: str) -> Any:
        if self._writers is None:
            self._writers = {}  # if writing them fails, it fails once
            self._writers = _Generator(self.cls, emit=("write",)).plan_namespace()
        if not self._writers:
            raise _UnsupportedError(self.cls)
        return self._writers.get(f"{prefix}_{self.cls.__name__}")

    @property
    def unstructure(self) -> Callable[[Any], Any]:
        """Plain data exactly as the cattrs converter makes it."""
        function: Callable[[Any], Any] = self._writer("u")
        return function

    @property
    def to_json(self) -> Callable[[Any], Any]:
        """Plain data for orjson: tuples left as they are."""
        function: Callable[[Any], Any] = self._writer("j")
        return function

    @property
    def has_tiny_float(self) -> Callable[[Any], bool]:
        """Whether an object holds a decimal written as a float in exponent form (|x| < 1e-4).

        There orjson and the json module write it differently.
        """
        tiny: Callable[[Any], bool] | None = self._writer("t")
        return tiny if tiny is not None else _never


def _never(_obj: Any) -> bool:
    return False


_PLANS: dict[type, Plan | None] = {}


def plan_for(cls: type) -> Plan | None:
    """The generated functions for ``cls``, or None if it is not one the generator handles."""
    try:
        return _PLANS[cls]
    except KeyError:
        pass
    try:
        plan: Plan | None = Plan(cls)
    except _UnsupportedError:
        plan = None
    _PLANS[cls] = plan
    return plan


def structure(data: Any, cls: type) -> Any:
    """A ``cls`` from plain data; raises (anything) at the first problem, or if ``cls`` is not handled.

    The cyclic garbage collector is paused while the objects are built:
    nothing made here can form a cycle, and a bulk load would otherwise pay
    for repeated full collections.
    """
    plan = plan_for(cls)
    if plan is None or attrs.validators.get_disabled():
        raise _UnsupportedError(cls)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return plan.structure(data, [0, [], 0, 0])
    finally:
        if enabled:
            gc.enable()


def unstructure(obj: Any, cls: type) -> Any:
    """Plain data for ``obj`` as ``cls``; raises :class:`_UnsupportedError` if ``cls`` is not handled."""
    plan = plan_for(cls)
    if plan is None:
        raise _UnsupportedError(cls)
    return plan.unstructure(obj)


# --- the generator ------------------------------------------------------------


def _optional_inner(tp: Any) -> Any:
    """X for ``X | None``, else _MISSING."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        others = [a for a in args if a is not type(None)]
        if len(others) == 1 and len(args) == 2:
            return others[0]
    return _MISSING


def _tuple_item(tp: Any) -> Any:
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return _MISSING


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp) and tp not in (PartialDate, Locator)


def _patterns(validator: Any) -> Iterator[Any]:
    """The pattern validators a string field's validator applies, through optional, tuple and and_."""
    kind = type(validator)
    if kind is _checks._Pattern:
        yield validator
    elif kind is _checks._Optional:
        yield from _patterns(validator.inner)
    elif kind is _checks._TupleOf:
        yield from _patterns(validator.member)
    elif kind is type(attrs.validators.and_()):
        for part in validator._validators:
            yield from _patterns(part)


def _bounded(validator: Any) -> bool:
    """Whether ``validator`` limits a string's length (to no more than MAX_DECODED_STRING) itself."""
    return any(pattern.max_length <= MAX_DECODED_STRING for pattern in _patterns(validator))


def _hints(cls: type) -> dict[str, Any]:
    """The field types of a class (the model's annotations are strings)."""
    return field_types(cls)


@functools.lru_cache(maxsize=256)
def _can_match(regex: re.Pattern[str], char: str) -> bool:
    """Whether ``regex`` can match a string holding ``char`` (True where unsure).

    Reads the parsed pattern: only literals and character classes without
    categories or negation are understood; anything else counts as a match.
    """
    code = ord(char)

    def items(parsed: Any) -> bool:
        for op, arg in parsed:
            if op in (c.AT,):
                continue
            if op is c.LITERAL:
                if arg == code:
                    return True
            elif op is c.IN:
                for item_op, item_arg in arg:
                    if item_op is c.LITERAL and item_arg != code:
                        continue
                    if item_op is c.RANGE and not item_arg[0] <= code <= item_arg[1]:
                        continue
                    return True
            elif op is c.SUBPATTERN:
                if items(arg[3]):
                    return True
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                if items(arg[2]):
                    return True
            elif op is c.BRANCH:
                if any(items(branch) for branch in arg[1]):
                    return True
            else:
                return True
        return False

    try:
        # Internal modules of the re package (3.11 and later): if they change, be safe.
        c = importlib.import_module("re._constants")
        parsed = importlib.import_module("re._parser").parse(regex.pattern, regex.flags)
        return items(parsed)
    except Exception:
        return True


def _may_hold_colon(validator: Any) -> bool:
    """Whether a string that ``validator`` accepts may hold a colon (True where unsure)."""
    return all(_can_match(pattern.regex, ":") for pattern in _patterns(validator))


def _indent(lines: list[str], depth: int = 1) -> list[str]:
    return ["    " * depth + line for line in lines]


#: Plain types whose converter check guarantees the Python type of the result.
_KNOWN = {str: "str", int: "int", bool: "bool"}


class _Generator:
    """Writes the source of every function one root class needs."""

    def __init__(
        self,
        root: type,
        *,
        emit: tuple[str, ...] = ("read", "write"),
        count_colons: bool = False,
        check_characters: bool = True,
    ):
        self.root = root
        self.emit_reading = "read" in emit
        self.emit_writing = "write" in emit
        self.count_colons = count_colons
        self.check_characters = check_characters
        self.names: dict[str, Any] = {
            "_MISSING": _MISSING,
            "_new": object.__new__,
            "_DATES": _DATES,
            "_LOCATORS": _LOCATORS,
            "_DATE_TEXTS": _DATE_TEXTS,
            "_LOCATOR_TEXTS": _LOCATOR_TEXTS,
            "_str": str,
            "_id": id,
            "_date": _date,
            "_locator": _locator,
            "_decimal": _decimal,
            "_decimal_out": _decimal_out,
            "_keep": _keep,
            "_fail": _fail,
            "_BAD": _checks._BAD_TEXT_CHARACTER.search,
            "_MAXLEN": MAX_DECODED_STRING,
            "_IMAX": 10**MAX_INTEGER_DIGITS,
            "_MAXITEMS": MAX_ARRAY_ITEMS,
        }
        self.lines: list[str] = []
        self.done: set[type] = set()
        self.depths: dict[type, int] = {}
        self.decimal_fields: set[str] = set()
        self.reaches_decimal: dict[type, bool] = {}
        self.counter = 0

    def name(self, value: Any, hint: str) -> str:
        self.counter += 1
        key = f"_{hint}{self.counter}"
        self.names[key] = value
        return key

    def emit(self, head: str, parameters: str, body: list[str]) -> None:
        """Add ``def head(parameters): body``; the names it reads are globals of the generated module.

        Not bound as keyword defaults: on CPython 3.11 every call fills each
        keyword-only default from a dict, which costs more than the
        specialised global lookups it would save (measured: about 135 ns a
        call for 20 names, against about 5 ns a name for globals).
        """
        self.lines.extend([f"def {head}({parameters}):", *_indent(body), ""])

    def compiled(self) -> dict[str, Any]:
        source = "\n".join(self.lines) + "\n"
        code = compile(source, f"<cyberspace_whitepaper generated for {self.root.__name__}>", "exec")
        exec(code, self.names)  # noqa: S102 - our own generated source, from our own classes
        self.names["__source__"] = source
        return self.names

    def plan_namespace(self) -> dict[str, Any]:
        if not _is_model(self.root):
            raise _UnsupportedError(self.root)
        self.model(self.root)
        return self.compiled() if self.lines else self.names

    # -- classes ----------------------------------------------------------------

    def model(self, cls: type) -> None:
        if cls in self.done:
            return
        self.done.add(cls)
        self.check_class(cls)
        hints = _hints(cls)
        fields = attrs.fields(cls)
        depth = 1
        for field in fields:
            tp = hints[field.name]
            depth = max(depth, 1 + self.depth_of(tp))
            self.visit(tp, field.name)
        self.depths[cls] = depth
        if self.emit_reading:
            self.structure_function(cls, fields, hints)
        if self.emit_writing:
            self.unstructure_function(cls, fields, hints)
            if self.reaches(cls, hints):
                self.tiny_function(cls, fields, hints)

    def check_class(self, cls: type) -> None:
        if getattr(cls, "__attrs_pre_init__", None) is not None:
            raise _UnsupportedError(cls)
        slots: set[str] = set()
        for klass in cls.__mro__:
            declared = klass.__dict__.get("__slots__", ())
            slots.update([declared] if isinstance(declared, str) else declared)
        names = {f.name for f in attrs.fields(cls)}
        if not slots or slots - names - {"__weakref__"}:
            raise _UnsupportedError(cls)
        for field in attrs.fields(cls):
            if not field.init or field.converter is not None or field.alias != field.name:
                raise _UnsupportedError(cls)
            if type(inspect.getattr_static(cls, field.name)).__name__ != "member_descriptor":
                raise _UnsupportedError(cls)
            default = field.default
            if isinstance(default, attrs.Factory) and default.takes_self:  # type: ignore[arg-type]
                raise _UnsupportedError(cls)

    def visit(self, tp: Any, field_name: str) -> None:
        inner = _optional_inner(tp)
        if inner is not _MISSING:
            self.visit(inner, field_name)
            return
        item = _tuple_item(tp)
        if item is not _MISSING:
            self.visit(item, field_name)
            return
        if tp is Decimal:
            self.decimal_fields.add(field_name)
        if _is_model(tp):
            self.model(tp)

    def depth_of(self, tp: Any) -> int:
        inner = _optional_inner(tp)
        if inner is not _MISSING:
            return self.depth_of(inner)
        item = _tuple_item(tp)
        if item is not _MISSING:
            return 1 + self.depth_of(item)
        if _is_model(tp):
            self.model(tp)
            return self.depths[tp]
        return 0

    def reaches(self, cls: type, hints: dict[str, Any] | None = None) -> bool:
        """Whether a decimal can be found anywhere below ``cls``."""
        if cls in self.reaches_decimal:
            return self.reaches_decimal[cls]
        self.reaches_decimal[cls] = False  # no cycles in the model, but be safe
        hints = hints or _hints(cls)
        found = any(self.type_reaches(hints[f.name]) for f in attrs.fields(cls))
        self.reaches_decimal[cls] = found
        return found

    def type_reaches(self, tp: Any) -> bool:
        inner = _optional_inner(tp)
        if inner is not _MISSING:
            return self.type_reaches(inner)
        item = _tuple_item(tp)
        if item is not _MISSING:
            return self.type_reaches(item)
        if tp is Decimal:
            return True
        return _is_model(tp) and self.reaches(tp)

    # -- structuring ------------------------------------------------------------------

    def structure_function(self, cls: type, fields: Any, hints: dict[str, Any]) -> None:
        bodies = {
            field.name: self.value(
                hints[field.name],
                "v",
                f"f_{field.name}",
                bounded=_bounded(field.validator),
                colons=self.count_colons and _may_hold_colon(field.validator),
            )
            for field in fields
        }
        every_field = [line for field in fields for line in (f"v = d[{field.name!r}]", *bodies[field.name])]
        lines = ["if type(d) is not dict: raise TypeError", "k = len(d)"]
        required = [field for field in fields if field.default is attrs.NOTHING]
        if len(required) == len(fields):
            lines.extend(every_field)
            lines.append(f"if k != {len(fields)}: raise KeyError")
        else:
            # What this library writes names every field: then each is read
            # without asking whether it is there (a missing one raises
            # KeyError, and then some other key is unknown anyway).
            lines.append(f"if k == {len(fields)}:")
            lines.extend(_indent(every_field))
            lines.append("else:")
            lines.append("    n = 0")
            for field in fields:
                if field.default is attrs.NOTHING:
                    lines.append(f"    v = d[{field.name!r}]")
                    lines.extend(_indent(bodies[field.name]))
                    continue
                lines.append(f"    if {field.name!r} in d:")
                lines.append(f"        v = d[{field.name!r}]")
                lines.append("        n += 1")
                lines.extend(_indent(bodies[field.name], 2))
                lines.append("    else:")
                default = field.default
                if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                    lines.append(f"        f_{field.name} = {self.name(default.factory, 'factory')}()")
                else:
                    lines.append(f"        f_{field.name} = {self.name(default, 'default')}")
            lines.append(f"    if k != n + {len(required)}: raise KeyError")
        lines.append("c[0] += k")
        lines.extend(self.build(cls, fields, hints))
        self.emit(f"s_{cls.__name__}", "d, c", lines)

    def constructor_function(self, cls: type) -> None:
        """``k_<Class>(f_a, f_b, ...)``: the checks of ``__init__``, then the object."""
        self.check_class(cls)
        fields = attrs.fields(cls)
        hints = _hints(cls)
        parameters = ", ".join(f"f_{field.name}" for field in fields)
        self.emit(f"k_{cls.__name__}", parameters, self.build(cls, fields, hints, known_types=False))

    def build(self, cls: type, fields: Any, hints: dict[str, Any], *, known_types: bool = True) -> list[str]:
        """Lines that check every field's ``f_<name>`` as its validator would, and return the object."""
        lines: list[str] = []
        late: list[str] = []
        for field in fields:
            tp = hints[field.name] if known_types else _MISSING
            checks = (
                self.validator_lines(field.validator, f"f_{field.name}", tp, cache=field.name != "id")
                if field.validator
                else []
            )
            if checks is None:
                validator_name = self.name(field.validator, "validator")
                attribute = self.name(field, "attribute")
                late.append(f"{validator_name}(o, {attribute}, f_{field.name})")
            else:
                lines.extend(checks)
        lines.append(f"o = _new({self.name(cls, 'cls')})")
        for field in fields:
            setter = self.name(inspect.getattr_static(cls, field.name).__set__, "set")
            lines.append(f"{setter}(o, f_{field.name})")
        lines.extend(late)
        if getattr(cls, "__attrs_post_init__", None) is not None:
            lines.append("o.__attrs_post_init__()")
        lines.append("return o")
        return lines

    def value(self, tp: Any, src: str, dst: str, *, bounded: bool = False, colons: bool = True) -> list[str]:
        """Lines that turn plain ``src`` into ``dst`` of type ``tp`` as the converter would, or raise.

        ``bounded``: the field's validator already limits the length of its
        strings. ``colons``: its strings may hold colons, which are counted
        (in ``c[3]``) for the JSON fast path's proof that no key repeats.
        """
        inner = _optional_inner(tp)
        if inner is not _MISSING:
            body = self.value(inner, src, dst, bounded=bounded, colons=colons)
            return [f"if {src} is None:", f"    {dst} = None", "else:", *_indent(body)]
        item = _tuple_item(tp)
        if item is not _MISSING:
            head = [f"if type({src}) is not list or len({src}) > _MAXITEMS: raise TypeError"]
            if item in _KNOWN:
                check = self.scalar_check(item, "x", bounded=bounded)
                count = ["        c[3] += x.count(':')"] if item is str and colons else []
                return [
                    *head,
                    f"if {src}:",
                    f"    c[2] += len({src})",
                    f"    for x in {src}:",
                    f"        if not ({check}): raise TypeError",
                    *count,
                    f"    {dst} = tuple({src})",
                    "else:",
                    f"    {dst} = ()",
                ]
            if _is_model(item):
                self.model(item)
                expression = f"s_{item.__name__}(x, c)"
            else:
                expression = self.item_expression(item, "x")
            # A plain loop: on 3.11 it beats map() (calls from C into Python
            # cost more) and a comprehension (a frame of its own per array).
            return [
                *head,
                f"if {src}:",
                f"    c[2] += len({src})",
                "    t = []",
                f"    for x in {src}:",
                f"        t.append({expression})",
                f"    {dst} = tuple(t)",
                "else:",
                f"    {dst} = ()",
            ]
        if tp in _KNOWN:
            count = [f"c[3] += {src}.count(':')"] if tp is str and colons else []
            return [
                f"if not ({self.scalar_check(tp, src, bounded=bounded)}): raise TypeError",
                *count,
                f"{dst} = {src}",
            ]
        return [f"{dst} = {self.scalar(tp, src)}"]

    def scalar_check(self, tp: Any, src: str, *, bounded: bool = False) -> str:
        if tp is str:
            return f"type({src}) is str" if bounded else f"type({src}) is str and len({src}) <= _MAXLEN"
        if tp is int:
            return f"type({src}) is int and -_IMAX < {src} < _IMAX"
        return f"type({src}) is {_KNOWN[tp]}"

    def item_expression(self, tp: Any, var: str) -> str:
        if _optional_inner(tp) is not _MISSING or _tuple_item(tp) is not _MISSING:
            raise _UnsupportedError(tp)
        return self.scalar(tp, var)

    def scalar(self, tp: Any, src: str) -> str:
        """An expression for ``src`` as ``tp`` that raises on a wrong type."""
        if tp in _KNOWN:
            return f"{src} if {self.scalar_check(tp, src)} else _fail()"
        if tp is Decimal:
            return f"_decimal({src}, c)"
        if tp is PartialDate:
            return f"(_DATES.get({src}) if type({src}) is str else None) or _date({src})"
        if tp is Locator:
            return f"(_LOCATORS.get({src}) if type({src}) is str else None) or _locator({src})"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            if any(":" in str(member.value) for member in tp):
                raise _UnsupportedError(tp)  # the count of colons in strings would miss it
            members = self.name({member.value: member for member in tp}, "enum")
            return f"{members}[{src}] if type({src}) is str else _fail()"
        if typing.get_origin(tp) is Literal:
            options = typing.get_args(tp)
            tests = " or ".join(
                f"(type({src}) is {self.name(type(o), 'type')} and {src} == {self.name(o, 'lit')})"
                for o in options
            )
            pick = self.name(_literal_pick(options), "pick")
            return f"{pick}({src}) if {tests} else _fail()"
        if _is_model(tp):
            self.model(tp)
            return f"s_{tp.__name__}({src}, c)"
        raise _UnsupportedError(tp)

    def validator_lines(self, validator: Any, var: str, tp: Any, *, cache: bool = True) -> list[str] | None:
        """Lines that check ``var`` as ``validator`` would, or None for a validator this module does not know.

        ``tp`` is the type the converter made ``var`` (its Python type is then
        certain), or _MISSING where nothing is known (objects built in code).
        """
        kind = type(validator)
        known = tp if tp in _KNOWN or tp is _MISSING else None
        if kind is _checks._Optional:
            inner_tp = _optional_inner(tp)
            inner = self.validator_lines(
                validator.inner, var, tp if inner_tp is _MISSING else inner_tp, cache=cache
            )
            if inner is None:
                return None
            return [f"if {var} is not None:", *_indent(inner)] if inner else []
        if kind is _checks._ExactType:
            if tp is not _MISSING and (validator.expected is _optional_inner(tp) or validator.expected is tp):
                return []  # the converter made exactly this type
            return [f"if type({var}) is not {self.name(validator.expected, 'type')}: raise TypeError"]
        # Forbidden characters, unless the text was shown to hold none (and then the data is a text's).
        characters = (
            f" and ({var}.isascii() and {var}.isprintable() or not _BAD({var}))"
            if self.check_characters or tp is _MISSING
            else ""
        )
        if kind is _checks._Text:
            head = "" if known is str else f"type({var}) is str and "
            return [f"if not ({head}{var} and {var}.strip() == {var}{characters}): raise ValueError"]
        if kind is _checks._Pattern:
            head = "" if known is str else f"type({var}) is str and "
            match = self.name(validator.regex.fullmatch, "match")
            check = (
                f"if not ({head}len({var}) <= {validator.max_length:d} and {match}({var}) is not None"
                f"{characters}): raise ValueError"
            )
            if not cache:  # an id: seen once, so remembering it is only cost
                return [check]
            seen = self.name(set(), "seen")
            test = (
                f"{var} not in {seen}" if known is str else f"type({var}) is not str or {var} not in {seen}"
            )
            return [f"if {test}:", f"    {check}", f"    _keep({seen}, {var})"]
        if kind is _checks._InRange:
            head = "" if known is int else f"type({var}) is int and "
            return [f"if not ({head}{validator.low:d} <= {var} <= {validator.high:d}): raise ValueError"]
        if kind is _checks._TupleOf:
            item_tp = _tuple_item(tp) if tp is not _MISSING else _MISSING
            member = self.validator_lines(validator.member, "x", item_tp, cache=cache)
            if member is None:
                return None
            lines = []
            if tp is _MISSING:
                lines.append(f"if type({var}) is not tuple: raise TypeError")
            if validator.min_length:
                lines.append(f"if len({var}) < {validator.min_length:d}: raise ValueError")
            if member:
                lines += [f"for x in {var}:", *_indent(member)]
            return lines
        if kind is _checks._Unique:
            return [f"if len({var}) > 1 and len(set({var})) != len({var}): raise ValueError"]
        if kind is _DecimalValue:
            return [f"{self.name(check_decimal, 'check')}({var}, '$')"]
        if kind is type(attrs.validators.in_(())):
            return [f"if {var} not in {self.name(validator.options, 'options')}: raise ValueError"]
        if kind is type(attrs.validators.and_()):
            lines = []
            for part in validator._validators:
                sub = self.validator_lines(part, var, tp, cache=cache)
                if sub is None:
                    return None
                lines += sub
            return lines
        return None

    # -- unstructuring ------------------------------------------------------------

    def unstructure_function(self, cls: type, fields: Any, hints: dict[str, Any]) -> None:
        for prefix, for_json in (("u", False), ("j", True)):
            lines: list[str] = []
            items = []
            for field in fields:
                tp = hints[field.name]
                item = _tuple_item(tp)
                if item is not _MISSING and _is_model(item):
                    # Arrays of objects by a plain loop, as in structuring.
                    self.model(item)
                    local = f"a_{field.name}"
                    written = self.leaf_dict(item, "x", for_json) or f"{prefix}_{item.__name__}(x)"
                    lines += [
                        f"{local} = []",
                        f"for x in o.{field.name}:",
                        f"    {local}.append({written})",
                    ]
                    items.append(f"{field.name!r}: {local}")
                else:
                    items.append(f"{field.name!r}: {self.out(tp, f'o.{field.name}', for_json)}")
            self.emit(f"{prefix}_{cls.__name__}", "o", [*lines, f"return {{{', '.join(items)}}}"])

    def out(self, tp: Any, src: str, for_json: bool) -> str:
        """An expression for ``src`` as plain data: exactly as the converter writes it, or for orjson.

        For orjson, tuples of plain values stay as they are: orjson writes
        them as the same arrays.
        """
        inner = _optional_inner(tp)
        if inner is not _MISSING:
            expression = self.out(inner, src, for_json)
            return src if expression == src else f"(None if {src} is None else {expression})"
        item = _tuple_item(tp)
        if item is not _MISSING:
            expression = self.out(item, "x", for_json)
            if expression == "x":
                return src if for_json else f"list({src})"
            if _is_model(item):
                self.model(item)
                return f"[{'j' if for_json else 'u'}_{item.__name__}(x) for x in {src}]"
            return f"[{expression} for x in {src}]"
        if tp in (str, int, bool) or typing.get_origin(tp) is Literal:
            return src
        if tp is Decimal:
            return f"_decimal_out({src})"
        if tp in (PartialDate, Locator):
            # Objects read from text are the cached ones: their text is at hand.
            texts = "_DATE_TEXTS" if tp is PartialDate else "_LOCATOR_TEXTS"
            return f"({texts}.get(_id({src})) or (None, _str({src})))[1]"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            # orjson would write a member as its value, but ``_value_`` fails,
            # as the converter does, on anything put there behind attrs' back.
            return f"{src}._value_"
        if _is_model(tp):
            self.model(tp)
            self.counter += 1
            local = f"w{self.counter}"
            inline = self.leaf_dict(tp, local, for_json)
            if inline is not None:
                # The test only binds the name: ``src`` is read once, before the dict.
                return f"({inline} if ({local} := {src}) is not _MISSING else _fail())"
            return f"{'j' if for_json else 'u'}_{tp.__name__}({src})"
        raise _UnsupportedError(tp)

    def leaf_dict(self, cls: type, var: str, for_json: bool) -> str | None:
        """A dict display writing ``var``, an object of ``cls``, if no field of ``cls`` holds an object.

        Written in place of a call: these small objects (texts, citations,
        aliases) are the most numerous, and a call costs more than the dict.
        """
        hints = _hints(cls)
        if any(self.holds_object(hints[field.name]) for field in attrs.fields(cls)):
            return None
        items = ", ".join(
            f"{field.name!r}: {self.out(hints[field.name], f'{var}.{field.name}', for_json)}"
            for field in attrs.fields(cls)
        )
        return f"{{{items}}}"

    def holds_object(self, tp: Any) -> bool:
        inner = _optional_inner(tp)
        if inner is not _MISSING:
            return self.holds_object(inner)
        item = _tuple_item(tp)
        if item is not _MISSING:
            return self.holds_object(item)
        return _is_model(tp)

    def tiny_function(self, cls: type, fields: Any, hints: dict[str, Any]) -> None:
        tests = [test for field in fields if (test := self.tiny(hints[field.name], f"o.{field.name}"))]
        self.lines.extend([f"def t_{cls.__name__}(o):", f"    return {' or '.join(tests) or 'False'}", ""])

    def tiny(self, tp: Any, src: str) -> str:
        inner = _optional_inner(tp)
        if inner is not _MISSING:
            test = self.tiny(inner, src)
            return f"({src} is not None and {test})" if test else ""
        item = _tuple_item(tp)
        if item is not _MISSING:
            test = self.tiny(item, "x")
            return f"any([{test} for x in {src}])" if test else ""
        if tp is Decimal:
            return f"(0 < abs(_decimal_out({src})) < 1e-4)"
        if _is_model(tp) and self.reaches(tp):
            self.model(tp)
            return f"t_{tp.__name__}({src})"
        return ""


def _literal_pick(options: tuple[Any, ...]) -> Callable[[Any], Any]:
    def pick(value: Any) -> Any:
        # The converter returns the option itself, not the equal input value.
        for option in options:
            if type(value) is type(option) and value == option:
                return option
        raise ValueError

    return pick
