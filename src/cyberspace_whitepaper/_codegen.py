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
the finished object, so a new kind of validator is never skipped.
"""

from __future__ import annotations

import enum
import gc
import inspect
import math
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal

import attrs

from ._limits import DEFAULT_LIMITS
from .model import Locator, PartialDate, _checks
from .model._statistics import _DecimalValue, check_decimal

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

# Strings are immutable, and PartialDate and Locator are frozen: a string
# already read is read again from here. Bounded, so memory stays bounded.
_CACHE_SIZE = 4096
_DATES: dict[str, PartialDate] = {}
_LOCATORS: dict[str, Locator] = {}


class _UnsupportedError(Exception):
    """A class or type the generator does not handle: the cattrs converter does it all."""


def _date(value: Any) -> PartialDate:
    found = _DATES.get(value) if type(value) is str else None
    if found is None:
        if type(value) is not str:
            raise TypeError
        found = PartialDate.parse(value)
        if len(_DATES) >= _CACHE_SIZE:
            _DATES.clear()
        _DATES[value] = found
    return found


def _locator(value: Any) -> Locator:
    found = _LOCATORS.get(value) if type(value) is str else None
    if found is None:
        if type(value) is not str:
            raise TypeError
        found = Locator.parse(value)
        if len(_LOCATORS) >= _CACHE_SIZE:
            _LOCATORS.clear()
        _LOCATORS[value] = found
    return found


def _decimal(value: Any, counter: list[int]) -> Decimal:
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
        counter[1] += 1
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


class Plan:
    """The generated functions for one root class."""

    def __init__(self, cls: type, namespace: dict[str, Any], source: str):
        self.cls = cls
        self.source = source
        self.structure: Callable[[Any, list[int]], Any] = namespace[f"s_{cls.__name__}"]
        self.unstructure: Callable[[Any], Any] = namespace[f"u_{cls.__name__}"]
        tiny = namespace.get(f"t_{cls.__name__}")
        #: Whether an object holds a decimal written as a float in exponent
        #: form (|x| < 1e-4), where orjson and the json module write it differently.
        self.has_tiny_float: Callable[[Any], bool] = tiny if tiny is not None else _never
        #: Nesting depth of the deepest document this class accepts.
        self.depth: int = namespace["__depth__"]
        #: Names of the fields that hold decimals, anywhere below the class.
        self.decimal_fields: frozenset[str] = namespace["__decimal_fields__"]


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
        plan: Plan | None = _Generator(cls).plan()
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
        return plan.structure(data, [0, 0])
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
    if typing.get_origin(tp) in (typing.Union, __import__("types").UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return args[0]
    return _MISSING


def _tuple_item(tp: Any) -> Any:
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return _MISSING


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp) and tp not in (PartialDate, Locator)


class _Generator:
    """Writes the source of every function one root class needs."""

    def __init__(self, root: type):
        self.root = root
        self.names: dict[str, Any] = {
            "_MISSING": _MISSING,
            "_new": object.__new__,
            "_date": _date,
            "_locator": _locator,
            "_decimal": _decimal,
            "_decimal_out": _decimal_out,
            "_BAD": _checks._BAD_TEXT_CHARACTER.search,
            "_MAXLEN": MAX_DECODED_STRING,
            "_IMAX": 10**MAX_INTEGER_DIGITS,
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

    def plan(self) -> Plan:
        if not _is_model(self.root):
            raise _UnsupportedError(self.root)
        self.model(self.root)
        self.names["__depth__"] = self.depths[self.root]
        self.names["__decimal_fields__"] = frozenset(self.decimal_fields)
        source = "\n".join(self.lines) + "\n"
        code = compile(source, f"<cyberspace_whitepaper generated for {self.root.__name__}>", "exec")
        exec(code, self.names)  # noqa: S102 - our own generated source, from our own classes
        return Plan(self.root, self.names, source)

    # -- classes ----------------------------------------------------------------

    def model(self, cls: type) -> None:
        if cls in self.done:
            return
        self.done.add(cls)
        self.check_class(cls)
        hints = typing.get_type_hints(cls)
        fields = attrs.fields(cls)
        depth = 1
        for field in fields:
            tp = hints[field.name]
            depth = max(depth, 1 + self.depth_of(tp))
            self.visit(tp, field.name)
        self.depths[cls] = depth
        self.structure_function(cls, fields, hints)
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
        hints = hints or typing.get_type_hints(cls)
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
        cls_name = self.name(cls, "cls")
        lines = [f"def s_{cls.__name__}(d, c):", "    if type(d) is not dict: raise TypeError", "    n = 0"]
        required = 0
        late: list[str] = []
        for field in fields:
            local = f"f_{field.name}"
            tp = hints[field.name]
            body = self.value(tp, "v", local)
            body += self.validate(field.validator, local, tp, late, field)
            if field.default is attrs.NOTHING:
                required += 1
                lines.append(f"    v = d[{field.name!r}]")
                lines.extend("    " + line for line in body)
            else:
                lines.append(f"    v = d.get({field.name!r}, _MISSING)")
                lines.append("    if v is _MISSING:")
                default = field.default
                if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                    lines.append(f"        {local} = {self.name(default.factory, 'factory')}()")
                else:
                    lines.append(f"        {local} = {self.name(default, 'default')}")
                lines.append("    else:")
                lines.append("        n += 1")
                lines.extend("        " + line for line in body)
        lines.append(f"    if len(d) != n + {required}: raise KeyError")
        lines.append("    c[0] += len(d)")
        lines.append(f"    o = _new({cls_name})")
        for field in fields:
            setter = self.name(inspect.getattr_static(cls, field.name).__set__, "set")
            lines.append(f"    {setter}(o, f_{field.name})")
        lines.extend("    " + line for line in late)
        if getattr(cls, "__attrs_post_init__", None) is not None:
            lines.append("    o.__attrs_post_init__()")
        lines.append("    return o")
        self.lines.extend(lines)
        self.lines.append("")

    def value(self, tp: Any, src: str, dst: str) -> list[str]:
        """Lines that turn plain ``src`` into ``dst`` of type ``tp`` as the converter would, or raise."""
        inner = _optional_inner(tp)
        if inner is not _MISSING:
            body = self.value(inner, src, dst)
            return [f"if {src} is None:", f"    {dst} = None", "else:", *("    " + line for line in body)]
        item = _tuple_item(tp)
        if item is not _MISSING:
            expression = self.item_expression(item, "x")
            return [
                f"if type({src}) is not list: raise TypeError",
                f"{dst} = tuple([{expression} for x in {src}])",
            ]
        return [f"{dst} = {self.scalar(tp, src)}"]

    def item_expression(self, tp: Any, var: str) -> str:
        if _optional_inner(tp) is not _MISSING or _tuple_item(tp) is not _MISSING:
            raise _UnsupportedError(tp)
        return self.scalar(tp, var)

    def scalar(self, tp: Any, src: str) -> str:
        """An expression for ``src`` as ``tp`` that raises on a wrong type."""
        if tp is str:
            checker = self.name(_checked_str, "str")
            return f"{src} if type({src}) is str and len({src}) <= _MAXLEN else {checker}()"
        if tp is bool:
            return f"{src} if type({src}) is bool else {self.name(_fail, 'fail')}()"
        if tp is int:
            return f"{src} if type({src}) is int and -_IMAX < {src} < _IMAX else {self.name(_fail, 'fail')}()"
        if tp is Decimal:
            return f"_decimal({src}, c)"
        if tp is PartialDate:
            return f"_date({src})"
        if tp is Locator:
            return f"_locator({src})"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            members = self.name({member.value: member for member in tp}, "enum")
            return f"{members}[{src}] if type({src}) is str else {self.name(_fail, 'fail')}()"
        if typing.get_origin(tp) is Literal:
            options = typing.get_args(tp)
            tests = " or ".join(
                f"(type({src}) is {self.name(type(o), 'type')} and {src} == {self.name(o, 'lit')})"
                for o in options
            )
            pick = self.name(_literal_pick(options), "pick")
            return f"{pick}({src}) if {tests} else {self.name(_fail, 'fail')}()"
        if _is_model(tp):
            self.model(tp)
            return f"s_{tp.__name__}({src}, c)"
        raise _UnsupportedError(tp)

    def validate(self, validator: Any, var: str, tp: Any, late: list[str], field: Any) -> list[str]:
        """Lines that check ``var`` as ``validator`` would; unknown validators run on the object."""
        if validator is None:
            return []
        lines = self.validator_lines(validator, var, tp)
        if lines is None:
            validator_name = self.name(validator, "validator")
            attribute = self.name(field, "attribute")
            late.append(f"{validator_name}(o, {attribute}, {var})")
            return []
        return lines

    def validator_lines(self, validator: Any, var: str, tp: Any) -> list[str] | None:
        kind = type(validator)
        if kind is _checks._Optional:
            inner_tp = _optional_inner(tp)
            inner = self.validator_lines(validator.inner, var, tp if inner_tp is _MISSING else inner_tp)
            if inner is None:
                return None
            return [f"if {var} is not None:", *("    " + line for line in inner)] if inner else []
        if kind is _checks._ExactType:
            if validator.expected is _optional_inner(tp) or validator.expected is tp:
                return []  # the converter made exactly this type
            return [f"if type({var}) is not {self.name(validator.expected, 'type')}: raise TypeError"]
        if kind is _checks._Text:
            return [
                (
                    f"if not (type({var}) is str and {var} and len({var}.strip()) == len({var})"
                    f" and ({var}.isascii() and {var}.isprintable() or not _BAD({var}))): raise ValueError"
                )
            ]
        if kind is _checks._Pattern:
            match = self.name(validator.regex.fullmatch, "match")
            return [
                (
                    f"if not (type({var}) is str and len({var}) <= {validator.max_length:d}"
                    f" and {match}({var}) is not None"
                    f" and ({var}.isascii() and {var}.isprintable() or not _BAD({var}))): raise ValueError"
                )
            ]
        if kind is _checks._InRange:
            return [
                (
                    f"if not (type({var}) is int and {validator.low:d} <= {var} <= {validator.high:d}):"
                    " raise ValueError"
                )
            ]
        if kind is _checks._TupleOf:
            item_tp = _tuple_item(tp)
            member = self.validator_lines(validator.member, "x", _MISSING if item_tp is _MISSING else item_tp)
            if member is None:
                return None
            lines = [
                f"if type({var}) is not tuple or len({var}) < {validator.min_length:d}: raise ValueError"
            ]
            if member:
                lines += [f"for x in {var}:", *("    " + line for line in member)]
            return lines
        if kind is _checks._Unique:
            return [f"if len(set({var})) != len({var}): raise ValueError"]
        if kind is _DecimalValue:
            check = self.name(check_decimal, "check")
            return [f"{check}({var}, '$')"]
        if kind is type(attrs.validators.in_(())):
            options = self.name(validator.options, "options")
            return [f"if {var} not in {options}: raise ValueError"]
        if kind is type(attrs.validators.and_()):
            lines = []
            for part in validator._validators:
                sub = self.validator_lines(part, var, tp)
                if sub is None:
                    return None
                lines += sub
            return lines
        return None

    # -- unstructuring ------------------------------------------------------------

    def unstructure_function(self, cls: type, fields: Any, hints: dict[str, Any]) -> None:
        items = ", ".join(
            f"{field.name!r}: {self.out(hints[field.name], f'o.{field.name}')}" for field in fields
        )
        self.lines.append(f"def u_{cls.__name__}(o):")
        self.lines.append(f"    return {{{items}}}")
        self.lines.append("")

    def out(self, tp: Any, src: str) -> str:
        inner = _optional_inner(tp)
        if inner is not _MISSING:
            expression = self.out(inner, src)
            return src if expression == src else f"(None if {src} is None else {expression})"
        item = _tuple_item(tp)
        if item is not _MISSING:
            expression = self.out(item, "x")
            return f"list({src})" if expression == "x" else f"[{expression} for x in {src}]"
        if tp in (str, int, bool) or typing.get_origin(tp) is Literal:
            return src
        if tp is Decimal:
            return f"_decimal_out({src})"
        if tp in (PartialDate, Locator):
            return f"{self.name(str, 'str')}({src})"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return f"{src}.value"
        if _is_model(tp):
            self.model(tp)
            return f"u_{tp.__name__}({src})"
        raise _UnsupportedError(tp)

    def tiny_function(self, cls: type, fields: Any, hints: dict[str, Any]) -> None:
        tests = []
        for field in fields:
            test = self.tiny(hints[field.name], f"o.{field.name}")
            if test:
                tests.append(test)
        self.lines.append(f"def t_{cls.__name__}(o):")
        self.lines.append(f"    return {' or '.join(tests) or 'False'}")
        self.lines.append("")

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


def _fail() -> Any:
    raise TypeError


def _checked_str() -> Any:
    raise TypeError


def _literal_pick(options: tuple[Any, ...]) -> Callable[[Any], Any]:
    def pick(value: Any) -> Any:
        # The converter returns the option itself, not the equal input value.
        for option in options:
            if type(value) is type(option) and value == option:
                return option
        raise ValueError

    return pick
