"""JSON Schema (draft 2020-12) generated from the model, never written by hand.

:func:`json_schema` reads the model's shape (:mod:`..model._shape`) and
nothing else: each field's kind of value (objects, enums, text, patterns,
ranges, decimals), whether it is optional (``null``) or a tuple (an array,
with its fewest items and unique items), its constraint's data (pattern and
maximum length, integer range, the rules of free text), its default and its
description.

A field with a default is optional in the schema (``default`` shows the
value); a field without one is ``required``. Every object is closed
(``additionalProperties: false``), as the loader is.

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
from typing import Any

import attrs

from ..model import SCHEMA_VERSION, Corpus, WhitePaper
from ..model._checks import (
    Pattern,
    Text,
    evaluate,
    identifier,
    language_tag,
    name_text,
    text,
    url,
)
from ..model._shape import FieldShape, Kind, shape_of

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

#: The whole documents: what each is, for the schema's ``description``, and the rules of its own
#: that the comment adds.
_DOCUMENTS = {
    WhitePaper: ("A white paper", ""),
    Corpus: (
        "A corpus of white papers and the crosswalk of their ideas",
        (
            " So are the corpus's own: paper ids unique, one meaning per id across its papers, a "
            "related document that is a paper of the corpus agreeing with it, and each locator of "
            "the crosswalk naming a place in the paper it quotes."
        ),
    ),
}

# Constraints that many fields share become one named definition each. They
# are recognised by equality with what their factory builds (constraints are
# frozen attrs classes), so nothing about them is restated here.
_NAMED_CONSTRAINTS: tuple[tuple[str, Any], ...] = (
    ("Identifier", identifier()),
    ("LanguageTag", language_tag()),
    ("Url", url()),
    ("Text", text()),
    ("NameText", name_text()),
)

# The last code point of the Basic Multilingual Plane, and the surrogates.
_BMP_END = 0xFFFF
_SURROGATES = range(0xD800, 0xE000)


def json_schema(type: builtins.type = WhitePaper) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a model class's JSON form.

    ``type`` is any model class (default :class:`~cyberspace_whitepaper.WhitePaper`;
    :class:`~cyberspace_whitepaper.Corpus` for a corpus, shipped as
    ``data/corpus.schema.json``).
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
    what, rules = _DOCUMENTS.get(cls, (None, ""))
    if what is not None:
        schema["description"] = (
            f"{what} in the JSON form of cyberspace_whitepaper, schema_version {SCHEMA_VERSION}."
        )
    schema["$comment"] = _COMMENT + rules
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
        name = owner.__name__ if isinstance(owner, builtins.type) else _constraint_name(owner)
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
        for shape in shape_of(cls):
            schema: dict[str, Any] = {"description": shape.description}
            schema.update(self._field(shape))
            if shape.required:
                required.append(shape.name)
            else:
                schema["default"] = _plain_default(shape.default)
            properties[shape.name] = schema
        return {
            "title": cls.__name__,
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }

    def _field(self, shape: FieldShape) -> dict[str, Any]:
        one = self._value(shape)
        if shape.many:
            one = {"type": "array", "items": one}
            if shape.min_items:
                one["minItems"] = shape.min_items
            if shape.unique:
                one["uniqueItems"] = True
        return _nullable(one) if shape.optional else one

    def _value(self, shape: FieldShape) -> dict[str, Any]:
        """The schema of one value of a field."""
        kind, constraint = shape.kind, shape.constraint
        if kind in (Kind.TEXT, Kind.STRING):
            return self.reference(constraint) if _constraint_name(constraint) else _string_rules(constraint)
        if kind is Kind.INTEGER:
            low, high = constraint.low, constraint.high  # type: ignore[union-attr]
            return (
                {"type": "integer", "const": low}
                if low == high
                else {"type": "integer", "minimum": low, "maximum": high}
            )
        if kind is Kind.BOOLEAN:
            return {"type": "boolean"}
        if kind is Kind.DECIMAL:
            # The digit and exponent limits are the library's alone (docs/interop.md).
            return {"type": "number"}
        return self.reference(shape.type)


def _constraint_name(constraint: object) -> str | None:
    for name, known in _NAMED_CONSTRAINTS:
        if constraint == known:
            return name
    return None


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    kind = schema.get("type")
    if isinstance(kind, str):
        # Constraints on a string or number leave null alone, so a list of types does.
        return {**schema, "type": [kind, "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _plain_default(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if type(value) is tuple:
        return [_plain_default(item) for item in value]
    if value is None or type(value) in (str, int, bool):
        return value
    raise TypeError(f"no JSON form for the default {value!r}")


def _string_rules(validator: object) -> dict[str, Any]:
    if isinstance(validator, Text):
        edge, bad = _text_classes(validator)
        return {
            "type": "string",
            "minLength": 1,
            # First and last character no white space, none anywhere a control
            # or bidi character (nor, in a name, a format character): what the
            # constraint's tests accept.
            "pattern": _portable(f"^[^{edge}](?:[^{bad}]*[^{edge}])?$"),
        }
    if isinstance(validator, Pattern):
        _edge, bad = _text_classes(text())
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
def _text_classes(constraint: Text) -> tuple[str, str]:
    """Character classes (bodies) of what a text may not start or end with, and may not hold.

    Found by asking the constraint's own tests about every character of the
    Basic Multilingual Plane, so the schema follows the library's rule
    rather than restating it. Lone surrogates are left out: an ECMA-262
    engine without the ``u`` flag would read them as halves of every astral
    character (CJK Extension B among them) and refuse good Chinese text; the
    library alone refuses them, and the astral format characters a name may
    not hold (the tag characters U+E0001 and U+E0020 to U+E007F among them).
    """
    tests = constraint.tests()

    def passes(value: str) -> bool:
        return all(evaluate(test, value) for test in tests)

    edge: list[int] = []
    bad: list[int] = []
    for code in range(_BMP_END + 1):
        if code in _SURROGATES:
            continue
        character = chr(code)
        if not passes(f"a{character}a"):
            bad.append(code)
            edge.append(code)
        elif not passes(f"{character}a") or not passes(f"a{character}"):
            edge.append(code)
    return _character_class(edge), _character_class(bad)


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
