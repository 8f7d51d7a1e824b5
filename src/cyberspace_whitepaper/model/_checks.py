"""Constraints on field values, written once as data.

A constraint is a short list of :class:`Test` records. Each test is one
Python expression over the value, with the problem code and the message for
a value that fails it. Everything that checks a value reads these tests and
nothing else:

- the attrs validator of each field (:mod:`._shape`) compiles them into one
  function, for objects built in code and by ``attrs.evolve``;
- the generated readers (:mod:`cyberspace_whitepaper._engine`) put the same
  expressions inline;
- the JSON Schema export and the Hypothesis strategies read the constraint's
  data (pattern, length, range).

Type tests are exact (``type(v) is str``, never ``isinstance``), so a
``bool`` is not an ``int`` and a ``str`` subclass with a hostile ``__eq__``
is not a string.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs

from ..errors import ValidationError, excerpt

IDENTIFIER_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
MAX_IDENTIFIER_LENGTH = 64
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$"
URL_PATTERN = r"^https?://[^\s/?#]+\.[^\s/?#]+(?::[0-9]{1,5})?([/?#][^\s]*)?$"

#: Figures carry at most this many significant digits, so that any JSON
#: reader that uses IEEE doubles reads them exactly.
MAX_SIGNIFICANT_DIGITS = 15
#: And lie within 10**-15 <= |value| < 10**16 (or are zero), for the same reason.
MAX_EXPONENT = 15

# C0 controls other than tab and newline, DEL, C1 controls, lone surrogates,
# and the bidirectional overrides and isolates of the Trojan Source attack.
_BAD_TEXT_CLASS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069"
BAD_TEXT_CHARACTER = re.compile(f"[{_BAD_TEXT_CLASS}]")

#: The format characters (Unicode category Cf) of Unicode 15.0 to 16.0, as
#: ranges of code points: invisible, they change how the text around them is
#: shown or read (soft hyphen, zero-width space, joiners, word joiner, left-
#: and right-to-left marks, byte order mark, tag characters ...). A name that
#: holds one looks like the name without it, and is not the same name.
#: Written out rather than found with ``unicodedata`` at import, which would
#: scan every code point; ``tests/test_values.py`` compares them with the
#: running Python's ``unicodedata`` (older ones know fewer: 13439..1343F are
#: unassigned before Unicode 15.0).
FORMAT_CHARACTER_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
    (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)  # fmt: skip
_FORMAT_CLASS = "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in FORMAT_CHARACTER_RANGES)
#: What a name may not hold: what no text may, and the format characters.
BAD_NAME_CHARACTER = re.compile(f"[{_BAD_TEXT_CLASS}{_FORMAT_CLASS}]")

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
    return json_type_name(type(value)) or type(value).__name__


def json_type_name(python_type: type) -> str | None:
    """The JSON name of a plain type (``str`` is ``string``), or None."""
    return _JSON_TYPE_NAMES.get(python_type)


def fail(path: str, code: str, message: str) -> ValidationError:
    """The error a check raises; returned so that callers write ``raise fail(...)``."""
    return ValidationError.single(path, code, message)


@attrs.frozen
class Test:
    """One test of a value: an expression, and what to say when it is false.

    Attributes:
        code: the problem code for a value that fails (``type``, ``pattern`` ...).
        expression: a Python expression over ``{v}``; other ``{name}`` fields
            stand for the objects in ``names`` (a regular expression's
            ``fullmatch``, a helper function).
        message: the problem's message for a failing value.
        names: the objects the expression uses, by the names it gives them.
    """

    code: str
    expression: str
    message: Callable[[Any], str] = attrs.field(eq=False)
    names: tuple[tuple[str, Any], ...] = ()


def type_test(expected: type, name: str) -> Test:
    """The value is of exactly this type."""
    return Test(
        "type",
        "type({v}) is {t}",
        lambda v: f"expected {name}, got {describe_type(v)} {excerpt(v)}",
        (("t", expected),),
    )


def _no_character_of(bad: re.Pattern[str]) -> Test:
    """The test that a string holds no character of ``bad``, a character class.

    Printable ASCII holds none of them, so most text never reaches the
    regular expression; other text is searched once, in C.
    """

    def message(value: str) -> str:
        found = bad.search(value)
        return f"must not contain the character U+{ord(found.group()) if found else 0:04X}: {excerpt(value)}"

    return Test(
        "character",
        "({v}.isascii() and {v}.isprintable() or {bad}({v}) is None)",
        message,
        (("bad", bad.search),),
    )


class Constraint:
    """What a value must be beyond its type; :meth:`tests` says it as data."""

    def tests(self) -> tuple[Test, ...]:
        raise NotImplementedError


@attrs.frozen(repr=False)
class Text(Constraint):
    """Free text: non-blank, no white space at either end, no control, surrogate or bidi character.

    Attributes:
        invisible: whether the text may hold invisible format characters
            (Unicode category Cf: zero-width space, joiners, soft hyphen ...).
            Prose may; a name may not (:func:`name_text`).
    """

    invisible: bool = True

    def tests(self) -> tuple[Test, ...]:
        return (
            type_test(str, "string"),
            Test("empty", "{v}.strip()", lambda _v: "must not be empty or blank"),
            Test(
                "whitespace",
                "{v}.strip() == {v}",
                lambda v: f"must not start or end with white space: {excerpt(v)}",
            ),
            _no_character_of(BAD_TEXT_CHARACTER if self.invisible else BAD_NAME_CHARACTER),
        )

    def __repr__(self) -> str:
        return "text()" if self.invisible else "name_text()"


@attrs.frozen(repr=False)
class Pattern(Constraint):
    """A string that matches a regular expression in full, and holds no character free text forbids."""

    pattern: str
    what: str
    max_length: int

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)

    def tests(self) -> tuple[Test, ...]:
        # fullmatch: a "$" in the pattern would also match before a final newline.
        return (
            type_test(str, "string"),
            Test(
                "pattern",
                f"len({{v}}) <= {self.max_length:d} and {{match}}({{v}}) is not None",
                lambda v: f"not a valid {self.what}: {excerpt(v)}",
                (("match", self.regex.fullmatch),),
            ),
            # A URL's pattern lets through any character but white space.
            _no_character_of(BAD_TEXT_CHARACTER),
        )

    def __repr__(self) -> str:
        return f"pattern({self.what!r})"


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    found = _PATTERNS.get(pattern)
    if found is None:
        found = _PATTERNS[pattern] = re.compile(pattern)
    return found


@attrs.frozen(repr=False)
class Range(Constraint):
    """An ``int`` (never a ``bool``) from ``low`` to ``high``."""

    low: int
    high: int

    def tests(self) -> tuple[Test, ...]:
        return (
            type_test(int, "integer"),
            Test(
                "range",
                f"{self.low:d} <= {{v}} <= {self.high:d}",
                lambda v: f"must be from {self.low} to {self.high}, got {excerpt(v)}",
            ),
        )

    def __repr__(self) -> str:
        return f"in_range({self.low}, {self.high})"


def significant_digits(value: Decimal) -> int:
    """Significant digits of a finite decimal, counted exactly (no context, so nothing is rounded)."""
    digits = value.as_tuple().digits
    end = len(digits)
    while end > 1 and digits[end - 1] == 0:
        end -= 1
    start = 0
    while start < end - 1 and digits[start] == 0:
        start += 1
    return end - start


def _too_many_digits(value: Decimal) -> str:
    return f"has {significant_digits(value)} significant digits, at most {MAX_SIGNIFICANT_DIGITS} allowed"


def _within_exponent(value: Decimal) -> bool:
    # adjusted() reads the exponent without a context: 1e1000000 cannot overflow here.
    return value.is_zero() or -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT


@attrs.frozen(repr=False)
class ExactDecimal(Constraint):
    """A finite ``Decimal`` that an IEEE double holds exactly: 15 significant digits, exponent within 15."""

    def tests(self) -> tuple[Test, ...]:
        return (
            Test(
                "type",
                "type({v}) is {t}",
                lambda v: f"expected decimal number, got {type(v).__name__} {excerpt(v)}",
                (("t", Decimal),),
            ),
            Test("value", "{v}.is_finite()", lambda v: f"must be a finite number, got {excerpt(v)}"),
            Test(
                "precision",
                f"{{digits}}({{v}}) <= {MAX_SIGNIFICANT_DIGITS}",
                _too_many_digits,
                (("digits", significant_digits),),
            ),
            Test(
                "range",
                "{within}({v})",
                lambda v: f"must lie between 1e-{MAX_EXPONENT} and 1e{MAX_EXPONENT + 1}, got {excerpt(v)}",
                (("within", _within_exponent),),
            ),
        )

    def __repr__(self) -> str:
        return "exact_decimal()"


def text() -> Text:
    """Free text: non-blank, without control, surrogate or bidi characters."""
    return Text()


def name_text() -> Text:
    """The text of a name, a title or a term: free text without invisible format characters.

    Two names that look the same must be the same name: "Respect" and
    "Respect" followed by a zero-width space would otherwise be two.
    """
    return Text(invisible=False)


def identifier() -> Pattern:
    """A lower-case slug such as ``xi-jinping``, at most 64 characters."""
    return Pattern(
        IDENTIFIER_PATTERN, "identifier (lower-case slug such as 'xi-jinping')", MAX_IDENTIFIER_LENGTH
    )


def slug(what: str) -> Pattern:
    """A lower-case slug naming ``what``."""
    return Pattern(IDENTIFIER_PATTERN, what, MAX_IDENTIFIER_LENGTH)


def language_tag() -> Pattern:
    """A simple BCP 47 tag: ``zh``, ``en``, ``zh-Hans``, ``en-GB``."""
    return Pattern(LANGUAGE_PATTERN, "language tag (such as 'en' or 'zh-Hans')", 16)


def url() -> Pattern:
    """An absolute ``http`` or ``https`` URL without spaces."""
    return Pattern(URL_PATTERN, "http(s) URL", 2048)


def in_range(low: int, high: int) -> Range:
    """An ``int`` from ``low`` to ``high``."""
    return Range(low, high)


def exact_decimal() -> ExactDecimal:
    """A decimal that a double holds exactly."""
    return ExactDecimal()


def check_text(value: object, path: str) -> None:
    """Raise unless ``value`` is free text (see :func:`text`)."""
    explain(text().tests(), value, path)


def explain(tests: Iterable[Test], value: Any, path: str) -> None:
    """Raise the problem of the first test ``value`` fails, at ``path``; nothing if it passes them all.

    The slow half of every check: fast code runs the tests' expressions
    together, and only a value that fails comes here to be told why.
    """
    for test in tests:
        if not evaluate(test, value):
            raise fail(path, test.code, test.message(value))


def evaluate(test: Test, value: Any) -> bool:
    """The truth of one test for ``value``."""
    function = _EVALUATORS.get(test)
    if function is None:
        names = dict(test.names)
        source = test.expression.format(v="v", **{name: name for name in names})
        function = _EVALUATORS[test] = eval(f"lambda v: bool({source})", names)  # noqa: S307
    return function(value)


_EVALUATORS: dict[Test, Callable[[Any], bool]] = {}
