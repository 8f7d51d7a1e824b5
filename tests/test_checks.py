"""The constraints as data (``model/_checks.py``): each test's code and exact message, at each boundary.

The field validators, the fast reader and the JSON Schema compile these tests
once, when a class is made; here each constraint's tests are asked afresh,
so that what they say is pinned where it is written.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

import cyberspace_whitepaper as cw
from cyberspace_whitepaper.model._checks import (
    MAX_IDENTIFIER_LENGTH,
    Constraint,
    check_text,
    describe_type,
    evaluate,
    exact_decimal,
    explain,
    fail,
    identifier,
    in_range,
    json_type_name,
    language_tag,
    name_text,
    significant_digits,
    slug,
    text,
    url,
)


def _problem(constraint: Constraint, value: Any) -> tuple[str, str, str] | None:
    """(path, code, message) of the first test ``value`` fails, or None if it passes them all."""
    try:
        explain(constraint.tests(), value, "$.x")
    except cw.ValidationError as error:
        (problem,) = error.problems
        return problem.path, problem.code, problem.message
    assert all(evaluate(test, value) for test in constraint.tests())
    return None


def _ids(value: Any) -> str:
    """Test ids: a factory by its name, a value by its repr."""
    return getattr(value, "__name__", None) or repr(value)


IDENTIFIER = "identifier (lower-case slug such as 'xi-jinping')"
LANGUAGE = "language tag (such as 'en' or 'zh-Hans')"


class TestConstraintMessages:
    @pytest.mark.parametrize(
        ("make", "value", "expected"),
        [
            (text, 1, ("type", "expected string, got integer 1")),
            (text, "", ("empty", "must not be empty or blank")),
            (text, " \t\n", ("empty", "must not be empty or blank")),
            (text, " a", ("whitespace", "must not start or end with white space: ' a'")),
            (text, "a\n", ("whitespace", "must not start or end with white space: 'a\\n'")),
            (text, "a\x00b", ("character", "must not contain the character U+0000: 'a\\x00b'")),
            (text, "a\x7fb", ("character", "must not contain the character U+007F: 'a\\x7fb'")),
            (text, "a\u202eb", ("character", "must not contain the character U+202E: 'a\\u202eb'")),
            (name_text, "a\u200bb", ("character", "must not contain the character U+200B: 'a\\u200bb'")),
            (name_text, "a\xadb", ("character", "must not contain the character U+00AD: 'a\\xadb'")),
            (
                name_text,
                "a\U000e0001",
                ("character", "must not contain the character U+E0001: 'a\\U000e0001'"),
            ),
            (name_text, "a\x01", ("character", "must not contain the character U+0001: 'a\\x01'")),
            (identifier, "A", ("pattern", f"not a valid {IDENTIFIER}: 'A'")),
            (identifier, "a\n", ("pattern", f"not a valid {IDENTIFIER}: 'a\\n'")),
            (identifier, "x" * 65, ("pattern", f"not a valid {IDENTIFIER}: {'x' * 65!r}")),
            (identifier, None, ("type", "expected string, got null None")),
            (lambda: slug("unit"), "Percent", ("pattern", "not a valid unit: 'Percent'")),
            (language_tag, "english", ("pattern", f"not a valid {LANGUAGE}: 'english'")),
            (
                url,
                "https://a.cn/\u202e",
                ("character", "must not contain the character U+202E: 'https://a.cn/\\u202e'"),
            ),
            (url, "ftp://a.cn/", ("pattern", "not a valid http(s) URL: 'ftp://a.cn/'")),
            (lambda: in_range(1, 12), 0, ("range", "must be from 1 to 12, got 0")),
            (lambda: in_range(1, 12), 13, ("range", "must be from 1 to 12, got 13")),
            (lambda: in_range(1, 12), True, ("type", "expected integer, got boolean True")),
            (lambda: in_range(1, 12), 1.0, ("type", "expected integer, got number 1.0")),
            (exact_decimal, 1.5, ("type", "expected decimal number, got float 1.5")),
            (exact_decimal, 1, ("type", "expected decimal number, got int 1")),
            (exact_decimal, Decimal("NaN"), ("value", "must be a finite number, got NaN")),
            (exact_decimal, Decimal("-Infinity"), ("value", "must be a finite number, got -Infinity")),
            (
                exact_decimal,
                Decimal("1234567890123456"),
                ("precision", "has 16 significant digits, at most 15 allowed"),
            ),
            (exact_decimal, Decimal("1E+16"), ("range", "must lie between 1e-15 and 1e16, got 1E+16")),
            (exact_decimal, Decimal("-1E+16"), ("range", "must lie between 1e-15 and 1e16, got -1E+16")),
            (exact_decimal, Decimal("1E-16"), ("range", "must lie between 1e-15 and 1e16, got 1E-16")),
        ],
        ids=_ids,
    )
    def test_a_failing_value_gets_its_code_and_message(
        self, make: Callable[[], Constraint], value: Any, expected: tuple[str, str]
    ) -> None:
        """The first test a value fails names it with its code and its exact message, at the path given."""
        assert _problem(make(), value) == ("$.x", *expected)

    @pytest.mark.parametrize(
        ("make", "value"),
        [
            (text, "a"),
            (text, "a\tb\nc"),
            (text, "a\u200bb"),
            (text, "\u4e2d\u6587"),
            (name_text, "Respect"),
            (name_text, "\u7f51\u7edc\u4e3b\u6743"),
            (identifier, "x" * MAX_IDENTIFIER_LENGTH),
            (identifier, "xi-jinping2"),
            (language_tag, "zh-Hans-CN"),
            (url, "https://www.scio.gov.cn/a?b=c#d"),
            (lambda: in_range(1, 12), 1),
            (lambda: in_range(1, 12), 12),
            (exact_decimal, Decimal("123456789012345")),
            (exact_decimal, Decimal("9.99999999999999E+15")),
            (exact_decimal, Decimal("1E-15")),
            (exact_decimal, Decimal("-1E-15")),
            (exact_decimal, Decimal("0")),
            (exact_decimal, Decimal("-0E+1000000")),
        ],
        ids=_ids,
    )
    def test_a_value_at_the_boundary_passes(self, make: Callable[[], Constraint], value: Any) -> None:
        """Values at each limit, and text the constraint allows, pass every test."""
        assert _problem(make(), value) is None

    def test_a_long_value_is_cut_in_the_message(self) -> None:
        """The value a message shows is cut to 80 characters."""
        path, code, message = _problem(text(), " " + "x" * 200) or ("", "", "")
        assert (path, code) == ("$.x", "whitespace")
        assert message.startswith("must not start or end with white space: ' xxx")
        assert len(message) < len("must not start or end with white space: ") + 90


class TestConstraintData:
    def test_reprs_name_the_factories(self) -> None:
        """A constraint's repr is the call that makes it."""
        assert [repr(c) for c in (text(), name_text(), url(), in_range(1, 12), exact_decimal())] == [
            "text()",
            "name_text()",
            "pattern('http(s) URL')",
            "in_range(1, 12)",
            "exact_decimal()",
        ]

    def test_a_constraint_without_tests_is_an_error(self) -> None:
        """The base class says nothing: asking it for tests is an error, not an empty list."""
        with pytest.raises(NotImplementedError):
            Constraint().tests()

    def test_name_text_is_text_that_refuses_format_characters(self) -> None:
        """name_text() differs from text() only in refusing format characters."""
        assert text().invisible
        assert not name_text().invisible
        assert text() != name_text()
        assert [t.code for t in text().tests()] == [t.code for t in name_text().tests()]

    def test_check_text_raises_the_problem_of_free_text(self) -> None:
        """check_text() passes free text and raises the first problem of anything else, at the path given."""
        check_text("a\u200bb", "$.a")
        with pytest.raises(cw.ValidationError) as caught:
            check_text(" a", "$.a")
        assert caught.value.problems == (
            cw.Problem(path="$.a", code="whitespace", message="must not start or end with white space: ' a'"),
        )

    def test_fail_is_one_problem(self) -> None:
        """fail() makes the ValidationError of one problem, for the caller to raise."""
        error = fail("$.a", "range", "too big")
        assert error.problems == (cw.Problem(path="$.a", code="range", message="too big"),)

    def test_types_are_named_as_json_names_them(self) -> None:
        """Messages name types as JSON does, and other types by their own name."""
        assert [describe_type(v) for v in ("", 1, 1.5, Decimal(1), True, None, [], {}, ())] == [
            "string",
            "integer",
            "number",
            "number",
            "boolean",
            "null",
            "array",
            "object",
            "tuple",
        ]
        assert describe_type(set()) == "set"
        assert json_type_name(str) == "string"
        assert json_type_name(bytes) is None


class TestSignificantDigits:
    @pytest.mark.parametrize(
        ("written", "digits"),
        [
            ("0", 1),
            ("0.000", 1),
            ("100", 1),
            ("0.00100", 1),
            ("-12.30", 3),
            ("1.05", 3),
            ("1005000", 4),
            ("123456789012345", 15),
            ("1.0000000000000000000000000001", 29),
            ("1E+1000000", 1),
        ],
    )
    def test_digits_are_counted_exactly(self, written: str, digits: int) -> None:
        """Leading and trailing zeros do not count; nothing is rounded, however many digits."""
        assert significant_digits(Decimal(written)) == digits
