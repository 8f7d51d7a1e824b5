"""Catalogue section A, syntax (JSON), of ``shared/reference/bad-inputs.md``: one named test per row.

Every input is the mini paper (``tests/data/mini-paper.json``) with one
targeted change, so a test fails for the reason it names and no other. The
catalogue's error names map onto ours: ``DocumentSyntaxError`` is our
:class:`LoadError` (never a bare ``JSONDecodeError``), ``DocumentValidationError``
our :class:`ValidationError`. Lines and columns are 1-based and count
characters.

The JSON syntax messages are the standard library's (Python 3.11 wording,
without its dangling "at"); line and column are ours to promise.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from cyberspace_whitepaper import WhitePaper, from_dict, loads

from ._support import Invalid, Syntax, assert_fails, replacing, row_ids

Expected = Syntax | Invalid


def cut_after(anchor: str) -> Callable[[str], str]:
    """A mutation that truncates the mini paper just after the first ``anchor``."""

    def mutate(text: str) -> str:
        return text[: text.index(anchor) + len(anchor)]

    return mutate


A5_MESSAGE = (
    "expected object (WhitePaper), got array [{'id': 'mini-paper', "
    "'title': {'en': 'A Mini Paper', 'zh': '小白皮书'}, 'publish..."
)

ROWS: list[tuple[str, Callable[[str], str], Expected]] = [
    ("A1", cut_after('"title":'), Syntax("Expecting value", 3, 11)),
    ("A2", replacing('["zh", "en"]', '["zh", "en",]'), Syntax("Expecting value", 6, 28)),
    ("A3", lambda text: text + "{}", Syntax("Extra data", 21, 1)),
    ("A4", lambda text: text[:0], Syntax("empty document", 1, 1)),
    ("A5", lambda text: f"[{text}]", Invalid("$", "type", A5_MESSAGE)),
    ("A6", replacing('"value": 39.8', '"value": NaN'), Syntax("NaN is not JSON", 18, 68)),
    (
        "A7",
        replacing('"value": 39.8', '"value": 1e400'),
        Invalid("$.statistics[0].value", "range", "must lie between 1e-15 and 1e16, got 1E+400"),
    ),
    (
        "A8",
        replacing('"A tiny paper for tests."', '"A tiny\tpaper"'),
        Syntax("Invalid control character", 7, 21),
    ),
    ("A9", replacing('"A tiny paper for tests."', '"A tiny \\x41"'), Syntax("Invalid \\escape", 7, 22)),
]

VARIANTS: list[tuple[str, Callable[[str], str | bytes], Expected]] = [
    ("A1-mid-string", cut_after('"A Mini'), Syntax("Unterminated string starting", 3, 19)),
    ("A1-open-object", cut_after("{"), Syntax("Expecting property name enclosed in double quotes", 1, 2)),
    (
        "A2-comment",
        replacing('"summary": "A tiny', '// note\n  "summary": "A tiny'),
        Syntax("Expecting property name enclosed in double quotes", 7, 3),
    ),
    (
        "A2-single-quotes",
        replacing('"A tiny paper for tests."', "'A tiny paper for tests.'"),
        Syntax("Expecting value", 7, 14),
    ),
    (
        "A2-object-trailing-comma",
        replacing('"language": "en"}', '"language": "en",}'),
        Syntax("Expecting property name enclosed in double quotes", 19, 125),
    ),
    ("A3-second-paper", lambda text: text + text, Syntax("Extra data", 21, 1)),
    ("A4-white-space", lambda text: " \n\t\r\n ", Syntax("empty document", 1, 1)),
    ("A4-bytes", lambda text: b"", Syntax("empty document", 1, 1)),
    ("A5-string", lambda text: '"x"', Invalid("$", "type", "expected object (WhitePaper), got string 'x'")),
    ("A5-number", lambda text: "42", Invalid("$", "type", "expected object (WhitePaper), got integer 42")),
    ("A5-array", lambda text: "[]", Invalid("$", "type", "expected object (WhitePaper), got array []")),
    ("A5-null", lambda text: "null", Invalid("$", "type", "expected object (WhitePaper), got null None")),
    ("A6-infinity", replacing('"value": 39.8', '"value": Infinity'), Syntax("Infinity is not JSON", 18, 68)),
    (
        "A6-minus-infinity",
        replacing('"value": 39.8', '"value": -Infinity'),
        Syntax("-Infinity is not JSON", 18, 68),
    ),
    (
        "A7-negative",
        replacing('"value": 39.8', '"value": -1e400'),
        Invalid("$.statistics[0].value", "range", "must lie between 1e-15 and 1e16, got -1E+400"),
    ),
    (
        "A8-newline",
        replacing('"A tiny paper for tests."', '"A tiny\npaper"'),
        Syntax("Invalid control character", 7, 21),
    ),
    (
        "A8-nul",
        replacing('"A tiny paper for tests."', '"A tiny\x00paper"'),
        Syntax("Invalid control character", 7, 21),
    ),
    (
        "A9-bad-unicode-escape",
        replacing('"A tiny paper for tests."', '"A tiny \\uqqqq"'),
        Syntax("Invalid \\uXXXX escape", 7, 23),
    ),
    ("A9-octal", replacing('"A tiny paper for tests."', '"A tiny \\101"'), Syntax("Invalid \\escape", 7, 22)),
]


class TestSyntaxRows:
    def test_mini_paper_is_valid(self, mini_paper_text: str) -> None:
        """The unchanged mini paper loads, so each failure below comes from its one change."""
        assert isinstance(loads(mini_paper_text), WhitePaper)

    @pytest.mark.parametrize(("id_", "mutate", "expected"), ROWS, ids=row_ids(ROWS))
    def test_row(
        self, mini_paper_text: str, id_: str, mutate: Callable[[str], str], expected: Expected
    ) -> None:
        """Each syntax row of the catalogue fails with the documented error class and exact location."""
        assert_fails(lambda: loads(mutate(mini_paper_text)), expected)

    @pytest.mark.parametrize(("id_", "mutate", "expected"), VARIANTS, ids=row_ids(VARIANTS))
    def test_variant(
        self, mini_paper_text: str, id_: str, mutate: Callable[[str], str | bytes], expected: Expected
    ) -> None:
        """Other inputs of the same rows fail the same way."""
        assert_fails(lambda: loads(mutate(mini_paper_text)), expected)

    def test_a4_byte_order_mark_alone_is_empty(self) -> None:
        """A4: a byte order mark and nothing else is an empty document."""
        assert_fails(lambda: loads("\ufeff  \n"), Syntax("empty document", 1, 1))

    def test_a5_from_dict(self, mini_paper_text: str) -> None:
        """A5 for Python callers: a list holding the paper is not a paper, at path ``$``."""
        data = json.loads(mini_paper_text)
        assert_fails(lambda: from_dict([data]), Invalid("$", "type", A5_MESSAGE))

    @pytest.mark.parametrize(
        ("value", "code", "message"),
        [
            (float("inf"), "value", "must be a finite number, got inf"),
            (float("-inf"), "value", "must be a finite number, got -inf"),
            (float("nan"), "value", "must be a finite number, got nan"),
            (1e308, "range", "must lie between 1e-15 and 1e16, got 1E+308"),
        ],
        ids=["A6-inf", "A6-minus-inf", "A6-nan", "A7-1e308"],
    )
    def test_a6_a7_from_dict(self, mini_paper_text: str, value: float, code: str, message: str) -> None:
        """A6 and A7 for Python callers: non-finite and out-of-range floats are rejected at their path."""
        data = json.loads(mini_paper_text)
        data["statistics"][0]["value"] = value
        assert_fails(lambda: from_dict(data), Invalid("$.statistics[0].value", code, message))
