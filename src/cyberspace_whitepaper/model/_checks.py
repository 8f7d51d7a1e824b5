"""Field validators shared by the model classes.

Each validator is a small callable class with a ``__repr__``, built by a
factory function, in the manner of ``attrs.validators``. They are strict:
``type(value) is str``, never ``isinstance``, so a ``bool`` is not an ``int``
and a ``str`` subclass with a hostile ``__eq__`` is not a string.

A failing validator raises :class:`~cyberspace_whitepaper.errors.ValidationError`
with one problem whose path is relative to the object being built
(``$.title``); loaders rebase it onto the path of that object in the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from ..errors import ValidationError, excerpt, join_path

#: attrs calls a validator as ``validator(instance, attribute, value)``.
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

IDENTIFIER_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
MAX_IDENTIFIER_LENGTH = 64
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$"
SLUG_PATTERN = IDENTIFIER_PATTERN
URL_PATTERN = r"^https?://[^\s/?#]+\.[^\s/?#]+(?::[0-9]{1,5})?([/?#][^\s]*)?$"

_IDENTIFIER = re.compile(IDENTIFIER_PATTERN)
_LANGUAGE = re.compile(LANGUAGE_PATTERN)
_URL = re.compile(URL_PATTERN)
# C0 controls other than tab and newline, DEL, C1 controls, lone surrogates,
# and the bidirectional overrides and isolates of the Trojan Source attack.
_BAD_TEXT_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_JSON_TYPE_NAMES = {
    str: "string",
    int: "integer",
    float: "number",
    Decimal: "number",
    bool: "boolean",
    type(None): "null",
    list: "array",
    dict: "object",
    tuple: "tuple",
}


def describe_type(value: object) -> str:
    """Name a value's type the way a JSON user thinks of it."""
    return _JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def fail(path: str, code: str, message: str) -> ValidationError:
    """The error a validator raises; returned so that callers write ``raise fail(...)``."""
    return ValidationError.single(path, code, message)


def _path(attribute: attrs.Attribute[Any], index: int | None) -> str:
    path = join_path("$", attribute.name)
    return path if index is None else join_path(path, index)


@attrs.frozen(repr=False)
class _ExactType:
    expected: type
    name: str

    def __call__(
        self, _instance: Any, attribute: attrs.Attribute[Any], value: Any, index: int | None = None
    ) -> None:
        if type(value) is not self.expected:
            raise fail(
                _path(attribute, index),
                "type",
                f"expected {self.name}, got {describe_type(value)} {excerpt(value)}",
            )

    def __repr__(self) -> str:
        return f"<exact_type validator for {self.expected.__name__}>"


def exact_type(expected: type, name: str | None = None) -> _ExactType:
    """Value must be of exactly this type (no subclasses, no bool for int)."""
    return _ExactType(expected, name or _JSON_TYPE_NAMES.get(expected, expected.__name__))


def check_text(value: object, path: str) -> None:
    """Raise unless ``value`` is non-blank text with no control or bidi characters."""
    if type(value) is not str:
        raise fail(path, "type", f"expected string, got {describe_type(value)} {excerpt(value)}")
    if not value.strip():
        raise fail(path, "empty", "must not be empty or blank")
    if value != value.strip():
        raise fail(path, "whitespace", f"must not start or end with white space: {excerpt(value)}")
    if value.isascii() and value.isprintable():
        return  # the common case: nothing the search below could find
    bad = _BAD_TEXT_CHARACTER.search(value)
    if bad:
        raise fail(
            path,
            "character",
            f"must not contain the character U+{ord(bad.group()):04X}: {excerpt(value)}",
        )


@attrs.frozen(repr=False)
class _Text:
    def __call__(
        self, _instance: Any, attribute: attrs.Attribute[Any], value: Any, index: int | None = None
    ) -> None:
        check_text(value, _path(attribute, index))

    def __repr__(self) -> str:
        return "<text validator>"


def text() -> _Text:
    """Value must be a non-blank string without control, surrogate or bidi characters."""
    return _Text()


@attrs.frozen(repr=False)
class _Pattern:
    regex: re.Pattern[str]
    what: str
    max_length: int

    def __call__(
        self, _instance: Any, attribute: attrs.Attribute[Any], value: Any, index: int | None = None
    ) -> None:
        path = _path(attribute, index)
        if type(value) is not str:
            raise fail(path, "type", f"expected string, got {describe_type(value)} {excerpt(value)}")
        # fullmatch: a "$" in the pattern would also match before a final newline.
        if len(value) > self.max_length or not self.regex.fullmatch(value):
            raise fail(path, "pattern", f"not a valid {self.what}: {excerpt(value)}")
        # A URL's pattern lets through any character but white space.
        bad = None if value.isascii() and value.isprintable() else _BAD_TEXT_CHARACTER.search(value)
        if bad:
            raise fail(
                path,
                "character",
                f"must not contain the character U+{ord(bad.group()):04X}: {excerpt(value)}",
            )

    def __repr__(self) -> str:
        return f"<{self.what} validator>"


def identifier() -> _Pattern:
    """Value must be a lower-case slug such as ``xi-jinping``, at most 64 characters."""
    return _Pattern(_IDENTIFIER, "identifier (lower-case slug such as 'xi-jinping')", MAX_IDENTIFIER_LENGTH)


def slug(what: str) -> _Pattern:
    """Value must be a lower-case slug naming ``what``."""
    return _Pattern(_IDENTIFIER, what, MAX_IDENTIFIER_LENGTH)


def language_tag() -> _Pattern:
    """Value must be a simple BCP 47 tag: ``zh``, ``en``, ``zh-Hans``, ``en-GB``."""
    return _Pattern(_LANGUAGE, "language tag (such as 'en' or 'zh-Hans')", 16)


def url() -> _Pattern:
    """Value must be an absolute ``http`` or ``https`` URL without spaces."""
    return _Pattern(_URL, "http(s) URL", 2048)


@attrs.frozen(repr=False)
class _InRange:
    low: int
    high: int

    def __call__(
        self, _instance: Any, attribute: attrs.Attribute[Any], value: Any, index: int | None = None
    ) -> None:
        path = _path(attribute, index)
        if type(value) is not int:
            raise fail(path, "type", f"expected integer, got {describe_type(value)} {excerpt(value)}")
        if not self.low <= value <= self.high:
            raise fail(path, "range", f"must be from {self.low} to {self.high}, got {excerpt(value)}")

    def __repr__(self) -> str:
        return f"<in_range validator {self.low}..{self.high}>"


def in_range(low: int, high: int) -> _InRange:
    """Value must be an ``int`` (not a ``bool``) from ``low`` to ``high``."""
    return _InRange(low, high)


@attrs.frozen(repr=False)
class _Optional:
    inner: Any

    def __call__(
        self, instance: Any, attribute: attrs.Attribute[Any], value: Any, index: int | None = None
    ) -> None:
        if value is not None:
            self.inner(instance, attribute, value, index)

    def __repr__(self) -> str:
        return f"<optional {self.inner!r}>"


def optional(inner: Any) -> _Optional:
    """``None``, or a value that ``inner`` accepts."""
    return _Optional(inner)


@attrs.frozen(repr=False)
class _TupleOf:
    member: Any
    min_length: int

    def __call__(
        self, instance: Any, attribute: attrs.Attribute[Any], value: Any, index: int | None = None
    ) -> None:
        path = _path(attribute, None)
        if type(value) is not tuple:
            raise fail(path, "type", f"expected tuple, got {describe_type(value)} {excerpt(value)}")
        if len(value) < self.min_length:
            raise fail(path, "empty", f"must have at least {self.min_length} item(s)")
        for position, item in enumerate(value):
            self.member(instance, attribute, item, position)

    def __repr__(self) -> str:
        return f"<tuple_of {self.member!r}>"


def tuple_of(member: Any, *, min_length: int = 0) -> _TupleOf:
    """A ``tuple`` (never a list) whose every item ``member`` accepts."""
    return _TupleOf(member, min_length)


@attrs.frozen(repr=False)
class _Unique:
    def __call__(self, _instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        seen: set[Any] = set()
        for position, item in enumerate(value):
            if item in seen:
                raise fail(_path(attribute, position), "duplicate", f"{excerpt(item)} is listed twice")
            seen.add(item)

    def __repr__(self) -> str:
        return "<unique validator>"


def unique() -> _Unique:
    """Items of the tuple must not repeat."""
    return _Unique()


def about(description: str) -> dict[str, str]:
    """Field metadata: the description that schema exports show for the field."""
    return {"description": description}
