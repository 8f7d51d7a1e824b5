"""Catalogue section C, numbers, of ``shared/reference/bad-inputs.md``: one named test per row.

Every input is the mini paper with one targeted change. Our rules, where the
catalogue leaves a choice or names other error classes:

- The JSON reader converts no integer of more than ``max_integer_digits``
  (18) digits: it raises :class:`LimitError` (a :class:`LoadError`) at the
  number before ``int()`` runs (C1). This also covers C2: ``2**64`` has 20
  digits, so it is a LimitError in JSON text rather than the catalogue's
  validation error; an integer within the digit limit but outside a field's
  range, and any big int given to ``from_dict``, is a :class:`ValidationError`
  at its path. Nothing is ever read lossily as a float.
- A number with a point or an exponent is never an integer, even ``1.0``
  (C3); a boolean is never a number (C4).
- C5: non-integral numbers are read as exact decimals, so nothing overflows
  to infinity or underflows to zero. ``-0.0`` is read as ``Decimal('-0.0')``
  (equal to zero) and written as ``0``: the value survives a round trip, the
  sign of zero does not. ``1e-999`` is kept exactly and then rejected by the
  statistic's range (never silently 0); more than 15 significant digits are
  rejected (never silently rounded), so every value written reads back
  exactly, in any JSON reader.
- C6: per-field ranges give a :class:`ValidationError` at the path.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest

from cyberspace_whitepaper import Limits, WhitePaper, dumps, from_dict, loads

from ._support import Invalid, Limit, Syntax, assert_fails, replacing, row_ids, set_at


@attrs.frozen
class Kept:
    """Expect the paper to load, its statistic to read as ``read`` and to be written as ``written``."""

    read: str
    written: str


Expected = Syntax | Limit | Invalid | Kept


def check(call: Callable[[], WhitePaper], expected: Expected) -> None:
    """Run ``call`` and assert it does exactly what ``expected`` says, with nothing else escaping."""
    if isinstance(expected, Kept):
        paper = call()
        value = paper.statistics[0].value
        assert type(value) is Decimal
        assert str(value) == expected.read
        text = dumps(paper)
        assert f'"value": {expected.written},' in text
        assert loads(text) == paper
        assert dumps(loads(text)) == text
        return
    assert_fails(call, expected)


def order(token: str) -> Callable[[str], str]:
    """The principle's ``order`` (line 14, column 57) written as ``token``."""
    return replacing('"order": 1', f'"order": {token}')


def value(token: str) -> Callable[[str], str]:
    """The statistic's ``value`` (a percent; line 18, column 68) written as ``token``."""
    return replacing('"value": 39.8', f'"value": {token}')


DIGITS = "max_integer_digits"
RANGE_MESSAGE = "must lie between 1e-15 and 1e16, got "

ROWS: list[tuple[str, Callable[[str], str], Expected]] = [
    (
        "C1",
        order("1" * 4301),
        Limit("an integer has 4301 digits (limit max_integer_digits=18)", DIGITS, 18, 14, 57),
    ),
    (
        "C2",
        order("18446744073709551616"),
        Limit(f"an integer has 20 digits (limit {DIGITS}=18)", DIGITS, 18, 14, 57),
    ),
    (
        "C3",
        replacing('{"number": 1, "title": {"en": "One"}', '{"number": 1.0, "title": {"en": "One"}'),
        Invalid(
            "$.chapters[0].number",
            "type",
            "expected integer, got number 1.0 (written with a point or exponent)",
        ),
    ),
    ("C4", order("true"), Invalid("$.principles[0].order", "type", "expected integer, got boolean True")),
    ("C5", value("-0.0"), Kept("-0.0", "0")),
    (
        "C6",
        value("140"),
        Invalid(
            "$.statistics[0].value", "range", "a percent share lies from 0 to 100 at scale 'one', got 140 one"
        ),
    ),
]

VARIANTS: list[tuple[str, Callable[[str], str], Expected]] = [
    (
        "C1-negative",
        order("-" + "1" * 4301),
        Limit(f"an integer has 4301 digits (limit {DIGITS}=18)", DIGITS, 18, 14, 57),
    ),
    (
        "C1-at-limit",
        order("9" * 18),
        Invalid("$.principles[0].order", "range", "must be from 1 to 999, got " + "9" * 18),
    ),
    (
        "C1-over-limit",
        order("9" * 19),
        Limit(f"an integer has 19 digits (limit {DIGITS}=18)", DIGITS, 18, 14, 57),
    ),
    (
        "C1-located-whole",
        lambda text: order("1234567890123456789.5")(value("1234567890123456789")(text)),
        Limit(f"an integer has 19 digits (limit {DIGITS}=18)", DIGITS, 18, 18, 68),
    ),
    (
        "C2-within-digits",
        order("999999999999999999"),
        Invalid("$.principles[0].order", "range", "must be from 1 to 999, got 999999999999999999"),
    ),
    (
        "C2-as-decimal",
        value("18446744073709551616.0"),
        Invalid("$.statistics[0].value", "precision", "has 20 significant digits, at most 15 allowed"),
    ),
    (
        "C3-fraction",
        order("1.9"),
        Invalid(
            "$.principles[0].order",
            "type",
            "expected integer, got number 1.9 (written with a point or exponent)",
        ),
    ),
    (
        "C3-exponent",
        order("1e0"),
        Invalid(
            "$.principles[0].order",
            "type",
            "expected integer, got number 1 (written with a point or exponent)",
        ),
    ),
    (
        "C4-false-for-decimal",
        value("false"),
        Invalid("$.statistics[0].value", "type", "expected number, got boolean False"),
    ),
    (
        "C4-true-for-schema-version",
        replacing('"id": "mini-paper",', '"schema_version": true, "id": "mini-paper",'),
        Invalid("$.schema_version", "value", "expected one of 1, got True"),
    ),
    ("C5-minus-zero-integer", value("-0"), Kept("0", "0")),
    ("C5-underflow", value("1e-999"), Invalid("$.statistics[0].value", "range", RANGE_MESSAGE + "1E-999")),
    ("C5-smallest", value("1e-15"), Kept("1E-15", "1e-15")),
    ("C5-fifteen-digits", value("39.8000000000001"), Kept("39.8000000000001", "39.8000000000001")),
    (
        "C5-seventeen-digits",
        value("39.800000000000001"),
        Invalid("$.statistics[0].value", "precision", "has 17 significant digits, at most 15 allowed"),
    ),
    ("C5-trailing-zero", value("39.80"), Kept("39.80", "39.8")),
    ("C5-exponent", value("1E+1"), Kept("1E+1", "10")),
    ("C6-order-zero", order("0"), Invalid("$.principles[0].order", "range", "must be from 1 to 999, got 0")),
    (
        "C6-year-zero",
        replacing('"2022-11-07"', '"0000-11-07"'),
        Invalid("$.published", "value", "not a real date: '0000-11-07'"),
    ),
    (
        "C6-year-99999",
        replacing('"2022-11-07"', '"99999-11-07"'),
        Invalid(
            "$.published", "pattern", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '99999-11-07'"
        ),
    ),
    (
        "C6-negative-count",
        replacing('"value": 39.8, "unit": "percent"', '"value": -5, "unit": "people"'),
        Invalid("$.statistics[0].value", "range", "must not be negative, got -5"),
    ),
]

YAML_VARIANTS: list[tuple[str, Callable[[str], str], Expected]] = [
    (
        "C1-yaml",
        order("1" * 4301),
        Limit(f"an integer has 4301 digits (limit {DIGITS}=18)", DIGITS, 18, 14, 57),
    ),
    (
        "C3-yaml",
        replacing('{"number": 1, "title": {"en": "One"}', '{"number": 1.0, "title": {"en": "One"}'),
        Invalid(
            "$.chapters[0].number",
            "type",
            "expected integer, got number 1.0 (written with a point or exponent)",
        ),
    ),
    (
        "C4-yaml",
        order("true"),
        Invalid("$.principles[0].order", "type", "expected integer, got boolean True"),
    ),
    ("C5-yaml", value("-0.0"), Kept("-0.0", "0")),
]

#: Rows that apply to Python callers: (id, path, value, expected).
FROM_DICT: list[tuple[str, tuple[str | int, ...], Any, Invalid]] = [
    (
        "C1",
        ("principles", 0, "order"),
        10**4300,
        Invalid("$.principles[0].order", "range", "must be from 1 to 999, got <int that cannot be shown>"),
    ),
    (
        "C2",
        ("principles", 0, "order"),
        2**64,
        Invalid("$.principles[0].order", "range", "must be from 1 to 999, got 18446744073709551616"),
    ),
    (
        "C3",
        ("principles", 0, "order"),
        1.0,
        Invalid(
            "$.principles[0].order",
            "type",
            "expected integer, got number 1.0 (written with a point or exponent)",
        ),
    ),
    (
        "C4",
        ("principles", 0, "order"),
        True,
        Invalid("$.principles[0].order", "type", "expected integer, got boolean True"),
    ),
    (
        "C6",
        ("statistics", 0, "value"),
        140,
        Invalid(
            "$.statistics[0].value", "range", "a percent share lies from 0 to 100 at scale 'one', got 140 one"
        ),
    ),
]


class TestNumberRows:
    def test_mini_paper_is_valid(self, mini_paper_text: str) -> None:
        """The unchanged mini paper loads, so each failure below comes from its one change."""
        assert loads(mini_paper_text).statistics[0].value == Decimal("39.8")

    @pytest.mark.parametrize(("id_", "mutate", "expected"), ROWS, ids=row_ids(ROWS))
    def test_row(
        self, mini_paper_text: str, id_: str, mutate: Callable[[str], str], expected: Expected
    ) -> None:
        """Each number row gives the documented error class and exact location, or round-trips."""
        check(lambda: loads(mutate(mini_paper_text)), expected)

    @pytest.mark.parametrize(("id_", "mutate", "expected"), VARIANTS, ids=row_ids(VARIANTS))
    def test_variant(
        self, mini_paper_text: str, id_: str, mutate: Callable[[str], str], expected: Expected
    ) -> None:
        """Other inputs of the same rows, and the digit limit's boundary, behave the same way."""
        check(lambda: loads(mutate(mini_paper_text)), expected)

    @pytest.mark.parametrize(("id_", "mutate", "expected"), YAML_VARIANTS, ids=row_ids(YAML_VARIANTS))
    def test_yaml(
        self, mini_paper_text: str, id_: str, mutate: Callable[[str], str], expected: Expected
    ) -> None:
        """YAML numbers follow the same rules as JSON numbers."""
        check(lambda: loads(mutate(mini_paper_text), format="yaml"), expected)

    @pytest.mark.parametrize(("id_", "path", "value", "expected"), FROM_DICT, ids=row_ids(FROM_DICT))
    def test_from_dict(
        self, mini_paper_text: str, id_: str, path: tuple[str | int, ...], value: Any, expected: Invalid
    ) -> None:
        """Python callers get a ValidationError at the path for a bad number, whatever its size."""
        data = json.loads(mini_paper_text)
        set_at(data, path, value)
        check(lambda: from_dict(data), expected)

    @pytest.mark.parametrize("format_", ["json", "yaml"])
    def test_c1_over_pythons_own_digit_cap(self, mini_paper_text: str, format_: Any) -> None:
        """C1: with the digit limit raised past Python's own cap (4300), the number is still a LoadError."""
        text = order("1" * 4301)(mini_paper_text)
        expected = Syntax("an integer has 4301 digits, more than Python converts", 14, 57)
        check(lambda: loads(text, format=format_, limits=Limits(max_integer_digits=5000)), expected)

    def test_c5_from_dict_minus_zero(self, mini_paper_text: str) -> None:
        """C5 for Python callers: the float -0.0 is read as zero and round-trips as 0."""
        data = json.loads(mini_paper_text)
        data["statistics"][0]["value"] = -0.0
        check(lambda: from_dict(data), Kept("-0.0", "0"))
