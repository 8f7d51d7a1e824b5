"""JSON Schema (draft 2020-12) generated from the model, never written by hand.

:func:`json_schema` reads three things and nothing else:

- the attrs classes and their resolved field types, for the shape: objects,
  arrays (tuples), ``null`` (optional fields), enums (from :mod:`~cyberspace_whitepaper.vocab`)
  and ``$ref`` to the class of a nested object;
- the validator objects on each field, for the constraints: patterns and
  maximum lengths of identifiers, language tags and URLs, integer ranges,
  minimum array lengths, unique items, and the rules of free text;
- ``metadata["description"]`` of each field, for the descriptions.

A field with a default is optional in the schema (``default`` shows the
value); a field without one is ``required``. Every object is closed
(``additionalProperties: false``), as the loader is.

A validator the generator does not know raises :class:`TypeError`, so a new
kind of rule cannot slip past the schema unnoticed.

Patterns are written for ECMA-262, the dialect JSON Schema names. Where
Python's ``re`` (which the ``jsonschema`` package uses) reads the same
pattern differently, the pattern is written so that both agree: a final
``$`` is followed by ``(?!\\n)``, since ``$`` in Python (and PCRE) also
matches before a final newline.

What no JSON Schema can say (ids that are unique and resolve, numbering
without gaps, dates in order, real calendar dates ...) is checked by the
library alone; ``docs/interop.md`` lists it.
"""

from __future__ import annotations

import builtins  # "type" is a parameter name here, as in the public API
import copy
import enum
import functools
import types
import typing
from decimal import Decimal
from typing import Any, Literal

import attrs

from ..errors import ValidationError
from ..model import SCHEMA_VERSION, WhitePaper
from ..model._checks import (
    _ExactType,
    _InRange,
    _Optional,
    _Pattern,
    _Text,
    _TupleOf,
    _Unique,
    check_text,
    identifier,
    language_tag,
    text,
    url,
)
from ..model._statistics import _DecimalValue

__all__ = ["DIALECT", "json_schema"]

#: The JSON Schema dialect of every generated schema.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

_COMMENT = (
    "Generated from the cyberspace_whitepaper model by json_schema(); do not edit. "
    "Rules no JSON Schema can express (ids unique across the paper, references "
    "that resolve to the right kind, locators that name a part that exists, "
    "numbering 1..n without gaps, date order across objects, real calendar "
    "dates) are checked by the library only."
)

# Validators that many fields share become one named definition each. They
# are recognised by equality with what their factory builds (the validators
# are frozen attrs classes), so nothing about them is restated here.
_NAMED_VALIDATORS: tuple[tuple[str, Any], ...] = (
    ("Identifier", identifier()),
    ("LanguageTag", language_tag()),
    ("Url", url()),
    ("Text", text()),
)

# The last code point of the Basic Multilingual Plane, and the surrogates.
_BMP_END = 0xFFFF
_SURROGATES = range(0xD800, 0xE000)


def json_schema(type: builtins.type = WhitePaper) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a model class's JSON form.

    ``type`` is any model class (default :class:`~cyberspace_whitepaper.WhitePaper`).
    The result is a new dict on every call: the root refers to the class's
    definition under ``$defs``, beside the definitions of every class,
    enum and shared string rule it reaches.

    >>> schema = json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["$defs"]["Principle"]["required"]
    ['id', 'kind', 'order', 'name', 'summary']
    """
    if not (isinstance(type, builtins.type) and attrs.has(type)):
        raise TypeError(f"type= must be a model class such as WhitePaper or Event, got {type!r}")
    return copy.deepcopy(_build(type))


@functools.cache
def _build(cls: builtins.type) -> dict[str, Any]:
    builder = _Builder()
    root = builder.reference(cls)
    schema: dict[str, Any] = {"$schema": DIALECT, "title": cls.__name__}
    if cls is WhitePaper:
        schema["description"] = (
            f"A white paper in the JSON form of cyberspace_whitepaper, schema_version {SCHEMA_VERSION}."
        )
    schema["$comment"] = _COMMENT
    schema.update(root)
    schema["$defs"] = builder.definitions
    return schema


class _Builder:
    """Collects ``$defs`` while it walks from one class to all it reaches."""

    def __init__(self) -> None:
        self.definitions: dict[str, dict[str, Any]] = {}
        self._owners: dict[str, object] = {}

    def reference(self, owner: object) -> dict[str, Any]:
        """A ``$ref`` to the definition of a class or shared validator, made on first use."""
        name = owner.__name__ if isinstance(owner, builtins.type) else _validator_name(owner)
        if name is None:
            raise TypeError(f"no definition name for {owner!r}")
        known = self._owners.setdefault(name, owner)
        if known != owner:
            raise TypeError(f"two things would share the definition name {name!r}: {known!r} and {owner!r}")
        if name not in self.definitions:
            self.definitions[name] = {}  # reserves the place (and the order) before recursing
            self.definitions[name] = self._define(owner, name)
        return {"$ref": f"#/$defs/{name}"}

    def _define(self, owner: object, name: str) -> dict[str, Any]:
        if isinstance(owner, builtins.type) and issubclass(owner, enum.Enum):
            return {"title": name, "type": "string", "enum": [member.value for member in owner]}
        if isinstance(owner, builtins.type):
            pattern = getattr(owner, "PATTERN", None)
            if isinstance(pattern, str):
                # A value class written as one string on the wire (PartialDate, Locator).
                return {"title": name, "type": "string", "pattern": _portable(pattern)}
            return self._object(owner)
        return {"title": name, **_string_rules(owner)}

    def _object(self, cls: builtins.type) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(attrs.resolve_types(cls)):
            where = f"{cls.__name__}.{field.name}"
            schema: dict[str, Any] = {}
            description = field.metadata.get("description")
            if description is not None:
                schema["description"] = description
            schema.update(self._value(field.type, _flatten(field.validator), where))
            if field.default is attrs.NOTHING:
                required.append(field.name)
            else:
                schema["default"] = _plain_default(field.default, where)
            properties[field.name] = schema
        return {
            "title": cls.__name__,
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }

    def _value(self, annotation: Any, validators: list[Any], where: str) -> dict[str, Any]:
        """The schema of one value of type ``annotation`` that ``validators`` check."""
        args = typing.get_args(annotation)
        origin = typing.get_origin(annotation)
        if origin in (types.UnionType, typing.Union):
            present = [a for a in args if a is not type(None)]
            if len(present) != 1 or len(args) != 2:
                raise TypeError(f"{where}: only 'X | None' unions are supported, got {annotation!r}")
            inner = []
            for validator in validators:
                if not isinstance(validator, _Optional):
                    raise TypeError(
                        f"{where}: an optional field needs optional(...) validators, got {validator!r}"
                    )
                inner.extend(_flatten(validator.inner))
            return _nullable(self._value(present[0], inner, where))
        if origin is tuple:
            if len(args) != 2 or args[1] is not Ellipsis:
                raise TypeError(f"{where}: only tuple[X, ...] is supported, got {annotation!r}")
            members: list[Any] = []
            limits: dict[str, Any] = {}
            for validator in validators:
                if isinstance(validator, _TupleOf):
                    members.extend(_flatten(validator.member))
                    if validator.min_length:
                        limits["minItems"] = validator.min_length
                elif isinstance(validator, _Unique):
                    limits["uniqueItems"] = True
                else:
                    raise TypeError(f"{where}: no schema for the validator {validator!r} on an array")
            return {"type": "array", "items": self._value(args[0], members, f"{where}[]"), **limits}
        if origin is Literal:
            return self._literal(args, validators, where)
        return self._scalar(annotation, validators, where)

    def _literal(self, options: tuple[Any, ...], validators: list[Any], where: str) -> dict[str, Any]:
        for validator in validators:
            allowed = getattr(validator, "options", None)
            if isinstance(validator, _InRange) and (validator.low,) == (validator.high,) == options:
                continue  # an int range of the one allowed value, such as schema_version's
            if not (type(validator).__name__ == "_InValidator" and tuple(allowed or ()) == options):
                raise TypeError(f"{where}: no schema for the validator {validator!r} on a Literal")
        kinds = {_json_type(type(option), where) for option in options}
        schema: dict[str, Any] = {"type": kinds.pop()} if len(kinds) == 1 else {}
        if len(options) == 1:
            schema["const"] = options[0]
        else:
            schema["enum"] = list(options)
        return schema

    def _scalar(self, annotation: Any, validators: list[Any], where: str) -> dict[str, Any]:
        if not isinstance(annotation, builtins.type):
            raise TypeError(f"{where}: no schema for the type {annotation!r}")
        rules: list[Any] = []
        for validator in validators:
            if isinstance(validator, _ExactType):
                if validator.expected is not annotation:
                    raise TypeError(
                        f"{where}: the validator {validator!r} disagrees with the type {annotation!r}"
                    )
            else:
                rules.append(validator)
        if attrs.has(annotation) or issubclass(annotation, enum.Enum):
            if rules:
                raise TypeError(f"{where}: no schema for the validators {rules!r} on {annotation.__name__}")
            return self.reference(annotation)
        schema: dict[str, Any] = {"type": _json_type(annotation, where)}
        for rule in rules:
            if _validator_name(rule) is not None and annotation is str:
                return self.reference(rule) if len(rules) == 1 else _too_many(rules, where)
            if isinstance(rule, (_Pattern, _Text)) and annotation is str:
                schema.update(_string_rules(rule))
            elif isinstance(rule, _InRange) and annotation is int:
                schema.update(minimum=rule.low, maximum=rule.high)
            elif isinstance(rule, _DecimalValue) and annotation is Decimal:
                # The digit and exponent limits are the library's alone (docs/interop.md).
                pass
            else:
                raise TypeError(f"{where}: no schema for the validator {rule!r} on {annotation.__name__}")
        return schema


def _too_many(rules: list[Any], where: str) -> dict[str, Any]:
    raise TypeError(f"{where}: a shared string rule cannot be combined with others: {rules!r}")


def _validator_name(validator: object) -> str | None:
    for name, known in _NAMED_VALIDATORS:
        if type(validator) is type(known) and validator == known:
            return name
    return None


def _flatten(validator: Any) -> list[Any]:
    """The validators of a field, with ``and_`` taken apart."""
    if validator is None:
        return []
    parts = getattr(validator, "_validators", None)
    if type(validator).__name__ == "_AndValidator" and parts is not None:
        return [v for part in parts for v in _flatten(part)]
    return [validator]


def _json_type(python_type: builtins.type, where: str) -> str:
    names: dict[builtins.type, str] = {
        str: "string",
        bool: "boolean",
        int: "integer",
        Decimal: "number",
    }
    name = names.get(python_type)
    if name is None:
        raise TypeError(f"{where}: no JSON type for {python_type!r}")
    return name


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    kind = schema.get("type")
    if isinstance(kind, str):
        # Constraints on a string or number leave null alone, so a list of types does.
        return {**schema, "type": [kind, "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _plain_default(value: Any, where: str) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if type(value) is tuple:
        return [_plain_default(item, where) for item in value]
    if value is None or type(value) in (str, int, bool):
        return value
    raise TypeError(f"{where}: no JSON form for the default {value!r}")


def _string_rules(validator: object) -> dict[str, Any]:
    if isinstance(validator, _Text):
        edge, bad = _text_classes()
        return {
            "type": "string",
            "minLength": 1,
            # First and last character no white space, none anywhere a control
            # or bidi character: what check_text() accepts.
            "pattern": _portable(f"^[^{edge}](?:[^{bad}]*[^{edge}])?$"),
        }
    if isinstance(validator, _Pattern):
        _edge, bad = _text_classes()
        return {
            "type": "string",
            "maxLength": validator.max_length,
            "pattern": _portable(validator.regex.pattern),
            # The pattern validator also refuses what free text refuses.
            "not": {"pattern": f"[{bad}]"},
        }
    raise TypeError(f"no string rules for {validator!r}")


def _portable(pattern: str) -> str:
    """``pattern`` with a final ``$`` that means the end of the string in every dialect."""
    if not (pattern.startswith("^") and pattern.endswith("$") and not pattern.endswith("\\$")):
        raise TypeError(f"a schema pattern must be anchored with ^ and $: {pattern!r}")
    return pattern + "(?!\\n)"


@functools.cache
def _text_classes() -> tuple[str, str]:
    """Character classes (bodies) of what free text may not start or end with, and may not hold.

    Found by asking :func:`check_text` about every character of the Basic
    Multilingual Plane, so the schema follows the library's rule rather than
    restating it. Lone surrogates are left out: an ECMA-262 engine without
    the ``u`` flag would read them as halves of every astral character
    (CJK Extension B among them) and refuse good Chinese text; the library
    alone refuses them.
    """
    edge: list[int] = []
    bad: list[int] = []
    for code in range(_BMP_END + 1):
        if code in _SURROGATES:
            continue
        character = chr(code)
        if not _is_text(f"a{character}a"):
            bad.append(code)
            edge.append(code)
        elif not _is_text(f"{character}a") or not _is_text(f"a{character}"):
            edge.append(code)
    return _character_class(edge), _character_class(bad)


def _is_text(value: str) -> bool:
    try:
        check_text(value, "$")
    except ValidationError:
        return False
    return True


def _character_class(codes: list[int]) -> str:
    """``\\uXXXX`` escapes and ranges for sorted code points, readable by every dialect."""
    out: list[str] = []
    start = 0
    while start < len(codes):
        end = start
        while end + 1 < len(codes) and codes[end + 1] == codes[end] + 1:
            end += 1
        first, last = codes[start], codes[end]
        out.append(f"\\u{first:04x}" if first == last else f"\\u{first:04x}-\\u{last:04x}")
        start = end + 1
    return "".join(out)
