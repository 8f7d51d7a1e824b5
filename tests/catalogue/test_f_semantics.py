"""Catalogue section F (semantics): well-formed, well-typed input whose meaning is wrong.

One test case per row of ``shared/reference/bad-inputs.md`` section F, with the
row's id as its pytest id. The catalogue's placeholder errors map onto ours:
``DocumentReferenceError`` and ``DocumentValidationError`` are
:class:`ValidationError`, ``DocumentLimitError`` is :class:`LimitError`.

Rows that do not fit our model are tested at the nearest real behaviour:

- F1 speaks of ``modified`` before ``created``; our model has no such pair, and
  the nearest is an event whose ``end`` comes before its ``date``.
- F3 speaks of goal target years and baselines; our goals have no years. The
  nearest rule is that a statistic, or an event the paper mentions, is dated
  no later than the paper.
- F4 also asks for DOI checks; the model has no DOI field, so that half is out
  of scope.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

import cyberspace_whitepaper as cw

from ._support import catalogue_rows, mini_paper, problem_triples, raised

MINI = mini_paper()


def _paper(**changes: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = copy.deepcopy(MINI)
    for change in changes.values():
        change(data)
    return data


def _every_way(data: dict[str, Any]) -> list[cw.ValidationError]:
    """The ValidationError from JSON text, YAML text and plain data (all three must fail alike)."""
    text = json.dumps(data, ensure_ascii=False)
    ways: tuple[Callable[[], object], ...] = (
        lambda: cw.loads(text),
        lambda: cw.loads(text.encode("utf-8")),
        lambda: cw.loads(text, format="yaml"),  # JSON is YAML's flow style
        lambda: cw.from_dict(data),
    )
    return [raised(cw.ValidationError, load) for load in ways]


def _expect(data: dict[str, Any], *expected: tuple[str, str, str]) -> None:
    for error in _every_way(data):
        assert problem_triples(error) == list(expected)


def row_f1() -> None:
    """An event that ends before it begins is rejected at its ``end``, naming both dates."""

    def end_first(d: dict[str, Any]) -> None:
        d["events"][0]["end"] = "2015-12-15"

    _expect(
        _paper(change=end_first),
        (
            "$.events[0].end",
            "date-order",
            "ends (2015-12-15) before it begins (2015-12-16)",
        ),
    )

    # The same day, and any later day, is accepted.
    def same_day(d: dict[str, Any]) -> None:
        d["events"][0]["end"] = "2015-12-16"

    assert cw.from_dict(_paper(change=same_day)).events[0].end == cw.PartialDate.parse("2015-12-16")


def row_f2() -> None:
    """A statistic whose value does not fit its unit (percent over 100, a negative count, NaN) is rejected."""
    cases: list[tuple[dict[str, Any], tuple[str, str, str]]] = [
        (
            {"value": 140},
            (
                "$.statistics[0].value",
                "range",
                "a percent share lies from 0 to 100 at scale 'one', got 140 one",
            ),
        ),
        (
            {"value": 100.5},
            (
                "$.statistics[0].value",
                "range",
                "a percent share lies from 0 to 100 at scale 'one', got 100.5 one",
            ),
        ),
        (
            {"scale": "thousand"},
            (
                "$.statistics[0].value",
                "range",
                "a percent share lies from 0 to 100 at scale 'one', got 39.8 thousand",
            ),
        ),
        (
            {"unit": "people", "value": -3},
            ("$.statistics[0].value", "range", "must not be negative, got -3"),
        ),
        (
            {"unit": "yuan", "value": 10**17},
            (
                "$.statistics[0].value",
                "range",
                "must lie between 1e-15 and 1e16, got 100000000000000000",
            ),
        ),
    ]
    for fields, expected in cases:

        def change(d: dict[str, Any], fields: dict[str, Any] = fields) -> None:
            d["statistics"][0].update(fields)

        _expect(_paper(change=change), expected)
    # The edges of a percent are allowed.
    for value in (0, 100):

        def edge(d: dict[str, Any], value: int = value) -> None:
            d["statistics"][0]["value"] = value

        assert cw.from_dict(_paper(change=edge)).statistics[0].value == value
    # NaN cannot even be written in JSON; from plain data it is a value problem.
    text = json.dumps(MINI).replace('"value": 39.8', '"value": NaN')
    with pytest.raises(cw.LoadError) as syntax:
        cw.loads(text)
    assert (syntax.value.message, syntax.value.line) == ("NaN is not JSON", 1)
    assert text[syntax.value.column - 1 :].startswith("NaN")

    def nan(d: dict[str, Any]) -> None:
        d["statistics"][0]["value"] = float("nan")

    error = raised(cw.ValidationError, lambda: cw.from_dict(_paper(change=nan)))
    assert problem_triples(error) == [("$.statistics[0].value", "value", "must be a finite number, got nan")]


def row_f3() -> None:
    """Nearest rule to F3: a statistic, or an event the paper mentions, dated after the paper is rejected."""

    def late_statistic(d: dict[str, Any]) -> None:
        d["statistics"][0]["as_of"] = "2023"

    _expect(
        _paper(change=late_statistic),
        ("$.statistics[0].as_of", "after-paper", "2023 is after the paper's date 2022-11-07"),
    )

    def late_event(d: dict[str, Any]) -> None:
        d["events"][0]["date"] = "2022-11-08"

    _expect(
        _paper(change=late_event),
        (
            "$.events[0].date",
            "after-paper",
            "an event the paper mentions cannot happen after it (2022-11-08 > 2022-11-07)",
        ),
    )

    # Context the paper does not mention may come later: the rule is about the paper's own claims.
    def later_context(d: dict[str, Any]) -> None:
        d["events"][0]["date"] = "2023-01-01"
        d["events"][0]["mentioned_in_paper"] = False

    assert cw.from_dict(_paper(change=later_context)).events[0].mentioned_in_paper is False


_BAD_URLS = (
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<b>x</b>",
    "ftp://example.org/a",
    "//example.org/a",
    "/relative/path",
    "example.org/a",
    "https://localhost/a",
    "https://exa mple.org/a",
    "",
)


def row_f4() -> None:
    """A source or document URL other than an absolute http(s) URL (javascript:, file:, data:) is rejected."""
    for url in _BAD_URLS:

        def bad_source(d: dict[str, Any], url: str = url) -> None:
            d["sources"][0]["url"] = url

        message = f"not a valid http(s) URL: {url!r}"
        _expect(_paper(change=bad_source), ("$.sources[0].url", "pattern", message))

        def bad_document(d: dict[str, Any], url: str = url) -> None:
            d["documents"] = [{"id": "d1", "title": {"en": "D"}, "kind": "report", "relation": "context"}]
            d["documents"][0]["url"] = url

        _expect(_paper(change=bad_document), ("$.documents[0].url", "pattern", message))

    # A bidi override hidden in an otherwise good URL is caught like in any text.
    def trojan(d: dict[str, Any]) -> None:
        d["sources"][0]["url"] = "https://example.org/\u202ea"

    _expect(
        _paper(change=trojan),
        (
            "$.sources[0].url",
            "character",
            "must not contain the character U+202E: 'https://example.org/\\u202ea'",
        ),
    )


def row_f5() -> None:
    """A text field far beyond any sane length is a LimitError, located, before any model work."""
    long = "x" * (cw.DEFAULT_LIMITS.max_string_length + 1)
    data = dict(MINI, summary=long)
    text = json.dumps(data)
    with pytest.raises(cw.LimitError) as caught:
        cw.loads(text)
    error = caught.value
    assert (error.limit, error.value) == ("max_string_length", 1024 * 1024)
    assert error.message == "a string has 1048577 characters (limit max_string_length=1048576)"
    assert error.line == 1
    assert text[error.column - 1 :].startswith('"xxx')
    # YAML names the line and column of the scalar.
    yaml_text = f"summary: {long}\n"
    with pytest.raises(cw.LimitError) as caught:
        cw.loads(yaml_text, format="yaml")
    assert (caught.value.limit, caught.value.line, caught.value.column) == (
        "max_string_length",
        1,
        10,
    )
    # Plain data names the path.
    with pytest.raises(cw.LimitError) as caught:
        cw.from_dict(data)
    assert caught.value.message == (
        "a string at $.summary has 1048577 characters (limit max_string_length=1048576)"
    )
    # A 17 MiB "summary" is over the size limit of the whole input, which is checked first.
    huge = json.dumps(dict(MINI, summary="x" * (17 * 1024 * 1024)))
    for given in (huge, huge.encode("utf-8")):
        with pytest.raises(cw.LimitError) as caught:
            cw.loads(given)
        assert (caught.value.limit, caught.value.value) == ("max_bytes", 16 * 1024 * 1024)
        assert caught.value.line is None  # the whole input is too big; no one place is to blame


ROWS = catalogue_rows(row_f1, row_f2, row_f3, row_f4, row_f5)


class TestCatalogueF:
    @pytest.mark.parametrize("row", ROWS)
    def test_row(self, row: Callable[[], None]) -> None:
        """Each row of catalogue section F gets the documented error at the documented place."""
        row()
