"""cattrs wiring: how model objects become plain data and back, strictly.

This module owns every decision about the wire format and nothing else. The
model never imports cattrs; :mod:`cyberspace_whitepaper.io` calls
:func:`structure` and :func:`unstructure` here.

Wire rules (:func:`configure_converter` applies all of them):

- No coercion of any kind. A string field takes only a ``str``, an integer
  field only an ``int`` (never a ``bool``, never ``1.0``), a boolean field
  only a ``bool`` (never ``"false"``), a decimal field an ``int`` or a
  finite number (never a string, never a ``bool``). ``null`` is accepted
  only where a field is optional.
- Arrays are JSON arrays (``list``) and become tuples; a string or an object
  is never taken for an array.
- Objects are ``dict`` with ``str`` keys. Unknown keys are rejected, with a
  "did you mean" hint; a key left out is an error unless the field has a
  default.
- Enum values match exactly: no case folding, no trimming.
- Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` strings; locators
  strings such as ``III.1(2)``.
- Decimal values are written as JSON numbers: integral ones as integers,
  others as the shortest decimal that reads back exactly (the model keeps
  at most 15 significant digits, so every JSON reader reads them exactly).
- Every field is written, defaults included, in field order.
- Structuring code is generated once per class by cattrs and cached in the
  module's converter: nothing is rebuilt per call.

This converter is the detailed path: it runs every validator and reports
every problem with its path. :mod:`._engine` holds the fast reader that is
tried first, and calls this module's hooks for dates, locators and decimals.
"""

from __future__ import annotations

import contextvars
import difflib
import enum
import heapq
import math
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from . import vocab
from .errors import MAX_PROBLEMS, Problem, ValidationError, excerpt, join_path
from .model import Locator, PartialDate
from .model._checks import describe_type

__all__ = ["configure_converter", "converter", "make_converter", "structure", "unstructure"]

T = TypeVar("T")


def _type_error(expected: str, value: object) -> ValidationError:
    return ValidationError.single(
        "$", "type", f"expected {expected}, got {describe_type(value)} {excerpt(value)}"
    )


def _structure_str(value: Any, _: Any = None) -> str:
    if type(value) is not str:
        raise _type_error("string", value)
    return value


def _structure_int(value: Any, _: Any = None) -> int:
    if type(value) is not int:
        if type(value) in (Decimal, float):
            # 1.0 and 1e0 are numbers, not integers: say why, since "got number 1" would puzzle.
            raise ValidationError.single(
                "$",
                "type",
                f"expected integer, got number {excerpt(value)} (written with a point or exponent)",
            )
        raise _type_error("integer", value)
    return value


def _structure_bool(value: Any, _: Any = None) -> bool:
    if type(value) is not bool:
        raise _type_error("boolean", value)
    return value


def _structure_decimal(value: Any, _: Any = None) -> Decimal:
    kind = type(value)
    if kind is Decimal:
        result: Decimal = value
    elif kind is int:
        result = Decimal(value)
    elif kind is float:
        if not math.isfinite(value):
            raise ValidationError.single("$", "value", f"must be a finite number, got {value!r}")
        # repr gives the shortest decimal that reads back as this float.
        result = Decimal(repr(value))
    else:
        raise _type_error("number", value)
    if not result.is_finite():
        raise ValidationError.single("$", "value", f"must be a finite number, got {value!r}")
    return result


def _unstructure_decimal(value: Decimal) -> int | float:
    # Integral values are written as JSON integers; others as the float whose
    # shortest repr is the same decimal (exact, given the model's digit limit).
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# Dates and locators are frozen and repeat a lot: the one read from a text is
# given again for the same text, which saves both time and memory; and it is
# written as that same text, found by the object's identity (the entry holds
# the object, so no other object can take its id meanwhile). Bounded.
_CACHE_SIZE = 16384
_DATES: dict[str, PartialDate] = {}
_LOCATORS: dict[str, Locator] = {}
_TEXTS: dict[int, tuple[PartialDate | Locator, str]] = {}


def _remember(cache: dict[str, Any], text: str, value: PartialDate | Locator) -> None:
    if len(cache) >= _CACHE_SIZE:
        cache.clear()
    if len(_TEXTS) >= 2 * _CACHE_SIZE:
        _TEXTS.clear()
    cache[text] = value
    _TEXTS[id(value)] = (value, text)


def _unstructure_text_value(value: PartialDate | Locator) -> str:
    # The parsers accept only the canonical form, which str() gives back: the same text.
    found = _TEXTS.get(id(value))
    return found[1] if found is not None else str(value)


def _structure_partial_date(value: Any, _: Any = None) -> PartialDate:
    if type(value) is not str:
        raise _type_error("date string (YYYY, YYYY-MM or YYYY-MM-DD)", value)
    found = _DATES.get(value)
    if found is None:
        found = PartialDate.parse(value)
        _remember(_DATES, value, found)
    return found


def _structure_locator(value: Any, _: Any = None) -> Locator:
    if type(value) is not str:
        raise _type_error("locator string (such as 'I.3')", value)
    found = _LOCATORS.get(value)
    if found is None:
        found = Locator.parse(value)
        _remember(_LOCATORS, value, found)
    return found


def _enum_hook(cls: type[enum.Enum]) -> Callable[[Any, Any], Any]:
    allowed = {member.value: member for member in cls}
    listing = ", ".join(repr(v) for v in allowed)

    def structure_enum(value: Any, _: Any = None) -> Any:
        if type(value) is not str:
            raise _type_error("string", value)
        member = allowed.get(value)
        if member is None:
            close = difflib.get_close_matches(value, list(allowed), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValidationError.single("$", "enum", f"{excerpt(value)} is not one of {listing}{hint}")
        return member

    return structure_enum


def _literal_hook(cls: Any) -> Callable[[Any, Any], Any]:
    allowed = typing.get_args(cls)

    def structure_literal(value: Any, _: Any = None) -> Any:
        # Compare type and value, so that true is not taken for 1.
        for option in allowed:
            if type(value) is type(option) and value == option:
                return option
        raise ValidationError.single(
            "$",
            "value",
            f"expected one of {', '.join(repr(a) for a in allowed)}, got {excerpt(value)}",
        )

    return structure_literal


def _tuple_hook(converter: cattrs.Converter, cls: Any) -> Callable[[Any, Any], Any]:
    (item_type, _ellipsis) = typing.get_args(cls)
    structure_item = converter.get_structure_hook(item_type)

    def structure_tuple(value: Any, _: Any = None) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _type_error("array", value)
        items = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(structure_item(item, item_type))
            except (ValidationError, cattrs.BaseValidationError) as error:
                errors.append(_at_index(error, index))
                if _budget_spent() and index + 1 < len(value):
                    # The error shows 100 problems: a million bad items must not cost a
                    # million exceptions. Reported at the array's own path.
                    rest = len(value) - index - 1
                    errors.append(
                        ValidationError.single(
                            "$", "not-checked", f"checking stopped: {rest} more items not checked"
                        )
                    )
                    break
        if errors:
            raise IterableValidationError("While structuring an array", errors, cls)
        return tuple(items)

    return structure_tuple


def _at_index(error: Exception, index: int) -> Exception:
    error.__notes__ = [
        *getattr(error, "__notes__", []),
        cattrs.errors.IterableValidationNote("", index, Any),
    ]
    return error


def _class_hook(converter: cattrs.Converter, cls: type) -> Callable[[Any, Any], Any]:
    generated: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    name = cls.__name__

    def structure_object(value: Any, _: Any = None) -> Any:
        if type(value) is not dict:
            raise _type_error(f"object ({name})", value)
        return generated(value, cls)

    return structure_object


def _is_tuple(cls: Any) -> bool:
    args = typing.get_args(cls)
    return typing.get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_literal(cls: Any) -> bool:
    origin: Any = typing.get_origin(cls)
    return origin is Literal


def _is_model_class(cls: Any) -> bool:
    return isinstance(cls, type) and attrs.has(cls) and cls not in (PartialDate, Locator)


_ENUMS: tuple[type[enum.Enum], ...] = tuple(
    value for value in vars(vocab).values() if isinstance(value, type) and issubclass(value, enum.Enum)
)


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def configure_converter(converter: cattrs.Converter) -> None:
    """Apply every wire rule of this module's docstring to ``converter``."""
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_structure_hook(PartialDate, _structure_partial_date)
    converter.register_structure_hook(Locator, _structure_locator)
    # Enums are registered class by class: a StrEnum is also a str, and the
    # str hook above would otherwise take it and skip the value check.
    for enum_class in _ENUMS:
        converter.register_structure_hook(enum_class, _enum_hook(enum_class))
        converter.register_unstructure_hook(enum_class, _enum_value)
    converter.register_structure_hook_factory(_is_literal, _literal_hook)
    converter.register_structure_hook_factory(_is_tuple, lambda c: _tuple_hook(converter, c))
    converter.register_structure_hook_factory(_is_model_class, lambda c: _class_hook(converter, c))

    converter.register_unstructure_hook(Decimal, _unstructure_decimal)
    converter.register_unstructure_hook(PartialDate, _unstructure_text_value)
    converter.register_unstructure_hook(Locator, _unstructure_text_value)
    converter.register_unstructure_hook_factory(
        _is_tuple, lambda c: _list_unstructurer(converter, typing.get_args(c)[0])
    )
    converter.register_unstructure_hook_factory(
        _is_model_class,
        lambda c: make_dict_unstructure_fn(c, converter, _cattrs_omit_if_default=False),
    )


def _list_unstructurer(converter: cattrs.Converter, item_type: Any) -> Callable[[Any], list[Any]]:
    unstructure_item = converter.get_unstructure_hook(item_type)

    def unstructure_tuple(value: tuple[Any, ...]) -> list[Any]:
        return [unstructure_item(item) for item in value]

    return unstructure_tuple


def make_converter() -> cattrs.Converter:
    """A new converter with every wire rule applied."""
    made = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(made)
    return made


#: The converter the library uses; its generated code is built once per class.
converter = make_converter()


#: Failed array items one structure() call examines before it stops: ten times
#: what an error shows, so that counts stay exact for any realistic input.
MAX_FAILED_ITEMS = 10 * MAX_PROBLEMS
#: Items of arrays that failed so far in this structure() call, when one is running.
_failed_items: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("failed_items", default=None)


def _budget_spent() -> bool:
    """Count one failed array item; true once so many failed that the error could show no more."""
    failed = _failed_items.get()
    if failed is None:
        return False
    failed[0] += 1
    return failed[0] >= MAX_FAILED_ITEMS


def structure(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from plain data, raising :class:`ValidationError` with every problem.

    Every problem, up to a point: once 1,000 array items have failed, the rest
    of each array is not examined, and one ``not-checked`` problem at the
    array's path says how many items were left.
    """
    token = _failed_items.set([0])
    try:
        return converter.structure(data, cls)
    except (ValidationError, cattrs.BaseValidationError) as error:
        raise ValidationError(_problems(error, "$", cls), omitted=_omitted(error)) from None
    finally:
        _failed_items.reset(token)


def unstructure(obj: Any, cls: type | None = None) -> Any:
    """Plain data (dicts, lists, strings, numbers) for a model object."""
    return converter.unstructure(obj, unstructure_as=cls or type(obj))


# --- turning cattrs' exception tree into problems ------------------------------


def _omitted(error: BaseException) -> int:
    # Problems a nested ValidationError (such as a paper's rules) found beyond its cap.
    total = 0
    stack = [error]
    while stack:
        current = stack.pop()
        if isinstance(current, ValidationError):
            total += current.omitted
        stack.extend(getattr(current, "exceptions", ()))
    return total


def _problems(error: BaseException, path: str, cls: Any) -> list[Problem]:
    if isinstance(error, ValidationError):
        return [problem.rebased(path) for problem in error.problems]
    if isinstance(error, ForbiddenExtraKeysError):
        return _unknown_keys(error, path)
    if isinstance(error, (ClassValidationError, IterableValidationError)):
        found: list[Problem] = []
        for sub in error.exceptions:
            sub_path, sub_cls = _step(sub, path, cls)
            if isinstance(sub, KeyError) and sub_path != path:
                found.append(Problem(path=sub_path, code="missing", message="required key is missing"))
            else:
                found.extend(_problems(sub, sub_path, sub_cls))
        return found
    # Not one of the checks' errors: a bug, which must surface as itself.
    raise error


def _step(error: BaseException, path: str, cls: Any) -> tuple[str, Any]:
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, cattrs.errors.AttributeValidationNote):
            return join_path(path, note.name), note.type
        if isinstance(note, cattrs.errors.IterableValidationNote):
            return join_path(path, note.index), note.type
    return path, cls


def _unknown_keys(error: ForbiddenExtraKeysError, path: str) -> list[Problem]:
    known = [field.name for field in attrs.fields(error.cl)] if attrs.has(error.cl) else []
    problems = []
    extra, shown = len(error.extra_fields), MAX_FAILED_ITEMS - 1
    if extra > MAX_FAILED_ITEMS:
        # Only the first keys can be shown; the rest are counted, not each compared.
        problems.append(
            Problem(path=path, code="unknown-key", message=f"and {extra - shown} more unknown keys")
        )
    for key in heapq.nsmallest(shown if extra > MAX_FAILED_ITEMS else extra, error.extra_fields, key=repr):
        if type(key) is not str:
            problems.append(
                Problem(path=path, code="key-type", message=f"keys must be strings, got {excerpt(key)}")
            )
            continue
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        problems.append(
            Problem(
                path=join_path(path, key),
                code="unknown-key",
                message=f"unknown key {excerpt(key)}{hint}",
            )
        )
    return problems
