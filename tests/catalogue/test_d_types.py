"""Catalogue section D, types and coercion, of ``shared/reference/bad-inputs.md``: one named test per row.

Every input is the mini paper with one targeted change, read as JSON text
and, for Python callers, given to ``from_dict``. Nothing is ever coerced:
each row raises :class:`ValidationError` (the catalogue's
``DocumentValidationError``) with one problem at the exact path. Our rules
where the catalogue leaves a choice:

- D2: ``null`` is a type like any other; the message says "got null".
- D7: a date is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and nothing else
  (no basic format, no week dates, no single-digit months), so a round trip
  can never rewrite it.
- D9: the model has no timestamps at all (dates keep only the precision the
  source gives), so naive and aware times cannot meet; a timestamp where a
  date belongs is rejected like any other malformed date. A Python
  ``datetime`` or ``date`` given to ``from_dict`` is not plain JSON data.
- D10: enum values match exactly (no case folding, no trimming); the
  message lists the allowed values and suggests the nearest.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from cyberspace_whitepaper import Problem, ValidationError, WhitePaper, from_dict, loads

from ._support import parent_at, raised, replace_once

DATE_FORMS = "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got"
EVENT_KINDS = (
    "'publication', 'press-conference', 'conference', 'speech', 'law', 'initiative', "
    "'party-congress', 'founding', 'milestone', 'media-coverage'"
)


@attrs.frozen
class Row:
    """One bad input: the text replaced in the mini paper, its replacement, and the one expected problem.

    ``at`` and ``value`` give the same change as plain data for ``from_dict``
    (``at`` is empty where only the text form applies).
    """

    id: str
    old: str
    new: str
    path: str
    code: str
    message: str
    at: tuple[str | int, ...] = ()
    value: Any = None

    @property
    def problem(self) -> Problem:
        return Problem(path=self.path, code=self.code, message=self.message)


ROWS = [
    Row(
        "D1",
        '"A tiny paper for tests."',
        "5",
        "$.summary",
        "type",
        "expected string, got integer 5",
        ("summary",),
        5,
    ),
    Row(
        "D2",
        '"A tiny paper for tests."',
        "null",
        "$.summary",
        "type",
        "expected string, got null None",
        ("summary",),
        None,
    ),
    Row(
        "D3",
        '"mentioned_in_paper": true',
        '"mentioned_in_paper": "false"',
        "$.events[0].mentioned_in_paper",
        "type",
        "expected boolean, got string 'false'",
        ("events", 0, "mentioned_in_paper"),
        "false",
    ),
    Row(
        "D4",
        '["zh", "en"]',
        '"zh"',
        "$.languages",
        "type",
        "expected array, got string 'zh'",
        ("languages",),
        "zh",
    ),
    Row(
        "D5",
        '"actors": ["scio"]',
        '"actors": {"scio": 1}',
        "$.events[0].actors",
        "type",
        "expected array, got object {'scio': 1}",
        ("events", 0, "actors"),
        {"scio": 1},
    ),
    Row(
        "D6",
        '"title": {"en": "A Mini Paper", "zh": "小白皮书"}',
        '"title": ["A Mini Paper"]',
        "$.title",
        "type",
        "expected object (LocalizedText), got array ['A Mini Paper']",
        ("title",),
        ["A Mini Paper"],
    ),
    Row(
        "D7",
        '"2022-11-07"',
        '"20221107"',
        "$.published",
        "pattern",
        f"{DATE_FORMS} '20221107'",
        ("published",),
        "20221107",
    ),
    Row(
        "D8",
        '"2022-11-07"',
        '"2022-02-30"',
        "$.published",
        "value",
        "not a real date: '2022-02-30'",
        ("published",),
        "2022-02-30",
    ),
    Row(
        "D9",
        '"2022-11-07"',
        '"2022-11-07T10:00:00+08:00"',
        "$.published",
        "pattern",
        f"{DATE_FORMS} '2022-11-07T10:00:00+08:00'",
        ("published",),
        "2022-11-07T10:00:00+08:00",
    ),
    Row(
        "D10",
        '"kind": "speech"',
        '"kind": "Speech "',
        "$.events[0].kind",
        "enum",
        f"'Speech ' is not one of {EVENT_KINDS} (did you mean 'speech'?)",
        ("events", 0, "kind"),
        "Speech ",
    ),
]

SUMMARY = '"A tiny paper for tests."'
TITLE = '"title": {"en": "A Mini Paper", "zh": "小白皮书"}'
CITATIONS = '"citations": [{"source": "src", "certainty": "confirmed", "locator": "I.1(1)"}]'
PREFACE = '"preface": {"title": {"en": "Preface", "zh": "前言"}, "summary": "Opens."}'
ACTORS = '"actors": [{"id": "scio", "name": {"en": "SCIO"}, "kind": "government-body"}]'
PUBLISHED = '"2022-11-07"'
EVENT_DATE = '"2015-12-16"'
MENTIONED = '"mentioned_in_paper": true'

#: Further inputs of the same rows, as JSON text.
VARIANTS = [
    Row("D1-float", SUMMARY, "1.5", "$.summary", "type", "expected string, got number 1.5"),
    Row("D1-id", '"mini-paper"', "5", "$.id", "type", "expected string, got integer 5"),
    Row(
        "D1-enum",
        '"kind": "speech"',
        '"kind": 3',
        "$.events[0].kind",
        "type",
        "expected string, got integer 3",
    ),
    Row(
        "D1-date",
        PUBLISHED,
        "2022",
        "$.published",
        "type",
        "expected date string (YYYY, YYYY-MM or YYYY-MM-DD), got integer 2022",
    ),
    Row(
        "D1-locator",
        '"located_in": "I.1"',
        '"located_in": 1',
        "$.principles[0].located_in",
        "type",
        "expected locator string (such as 'I.3'), got integer 1",
    ),
    Row(
        "D2-object",
        TITLE,
        '"title": null',
        "$.title",
        "type",
        "expected object (LocalizedText), got null None",
    ),
    Row(
        "D2-array",
        '"actors": ["scio"]',
        '"actors": null',
        "$.events[0].actors",
        "type",
        "expected array, got null None",
    ),
    Row(
        "D2-array-item",
        '"actors": ["scio"]',
        '"actors": [null]',
        "$.events[0].actors[0]",
        "type",
        "expected string, got null None",
    ),
    Row(
        "D3-integer",
        MENTIONED,
        '"mentioned_in_paper": 1',
        "$.events[0].mentioned_in_paper",
        "type",
        "expected boolean, got integer 1",
    ),
    Row(
        "D3-true-string",
        MENTIONED,
        '"mentioned_in_paper": "true"',
        "$.events[0].mentioned_in_paper",
        "type",
        "expected boolean, got string 'true'",
    ),
    Row(
        "D4-ids",
        '"actors": ["scio"]',
        '"actors": "scio"',
        "$.events[0].actors",
        "type",
        "expected array, got string 'scio'",
    ),
    Row(
        "D4-objects",
        ACTORS,
        ACTORS.replace("[", "").replace("]", ""),
        "$.actors",
        "type",
        "expected array, got object {'id': 'scio', 'name': {'en': 'SCIO'}, 'kind': 'government-body'}",
    ),
    Row(
        "D5-languages",
        '["zh", "en"]',
        '{"zh": 1}',
        "$.languages",
        "type",
        "expected array, got object {'zh': 1}",
    ),
    Row(
        "D6-string",
        TITLE,
        '"title": "A Mini Paper"',
        "$.title",
        "type",
        "expected object (LocalizedText), got string 'A Mini Paper'",
    ),
    Row(
        "D6-array-item",
        CITATIONS,
        '"citations": ["src"]',
        "$.events[0].citations[0]",
        "type",
        "expected object (Citation), got string 'src'",
    ),
    Row(
        "D6-empty-array",
        PREFACE,
        '"preface": []',
        "$.preface",
        "type",
        "expected object (Part), got array []",
    ),
    Row("D7-week", PUBLISHED, '"2022-W45-1"', "$.published", "pattern", f"{DATE_FORMS} '2022-W45-1'"),
    Row(
        "D7-one-digit-month", PUBLISHED, '"2022-1-07"', "$.published", "pattern", f"{DATE_FORMS} '2022-1-07'"
    ),
    Row("D7-slashes", PUBLISHED, '"2022/11/07"', "$.published", "pattern", f"{DATE_FORMS} '2022/11/07'"),
    Row("D7-padded", PUBLISHED, '" 2022-11-07"', "$.published", "pattern", f"{DATE_FORMS} ' 2022-11-07'"),
    Row("D7-ordinal", PUBLISHED, '"2022-311"', "$.published", "pattern", f"{DATE_FORMS} '2022-311'"),
    Row(
        "D8-not-leap",
        EVENT_DATE,
        '"2015-02-29"',
        "$.events[0].date",
        "value",
        "not a real date: '2015-02-29'",
    ),
    Row("D8-month-13", PUBLISHED, '"2022-13"', "$.published", "value", "not a real date: '2022-13'"),
    Row("D8-month-zero", PUBLISHED, '"2022-00-07"', "$.published", "value", "not a real date: '2022-00-07'"),
    Row(
        "D8-hour-24",
        PUBLISHED,
        '"2022-11-07T24:00:00"',
        "$.published",
        "pattern",
        f"{DATE_FORMS} '2022-11-07T24:00:00'",
    ),
    Row(
        "D9-naive",
        PUBLISHED,
        '"2022-11-07T10:00:00"',
        "$.published",
        "pattern",
        f"{DATE_FORMS} '2022-11-07T10:00:00'",
    ),
    Row(
        "D9-utc",
        EVENT_DATE,
        '"2015-12-16T00:00:00Z"',
        "$.events[0].date",
        "pattern",
        f"{DATE_FORMS} '2015-12-16T00:00:00Z'",
    ),
    Row(
        "D10-upper-case",
        '"kind": "speech"',
        '"kind": "SPEECH"',
        "$.events[0].kind",
        "enum",
        f"'SPEECH' is not one of {EVENT_KINDS}",
    ),
    Row(
        "D10-leading-space",
        '"certainty": "confirmed"',
        '"certainty": " confirmed"',
        "$.events[0].citations[0].certainty",
        "enum",
        "' confirmed' is not one of 'confirmed', 'inferred', 'uncertain' (did you mean 'confirmed'?)",
    ),
]

#: Python values that JSON cannot hold, for ``from_dict`` only.
PYTHON_ONLY = [
    Row(
        "D4-tuple",
        "",
        "",
        "$.languages",
        "type",
        "expected plain JSON data, got tuple ('zh', 'en')",
        ("languages",),
        ("zh", "en"),
    ),
    Row(
        "D9-datetime",
        "",
        "",
        "$.published",
        "type",
        "expected plain JSON data, got datetime "
        "datetime.datetime(2022, 11, 7, 10, 0, tzinfo=datetime.timezone.utc)",
        ("published",),
        datetime.datetime(2022, 11, 7, 10, 0, tzinfo=datetime.UTC),
    ),
    Row(
        "D9-date",
        "",
        "",
        "$.published",
        "type",
        "expected plain JSON data, got date datetime.date(2022, 11, 7)",
        ("published",),
        datetime.date(2022, 11, 7),
    ),
    Row(
        "D1-bytes",
        "",
        "",
        "$.summary",
        "type",
        "expected plain JSON data, got bytes b'A tiny paper'",
        ("summary",),
        b"A tiny paper",
    ),
]


def changed_data(text: str, path: tuple[str | int, ...], value: Any) -> Any:
    """The mini paper as plain data, with the value at ``path`` replaced."""
    data = json.loads(text)
    target = parent_at(data, path)
    assert path[-1] in target, f"{path} must name an existing value"
    target[path[-1]] = value
    return data


def problems_of(call: Callable[[], object]) -> tuple[Problem, ...]:
    """The problems of the ValidationError that ``call`` raises (any other exception escapes)."""
    return raised(ValidationError, call).problems


def _ids(rows: list[Row]) -> list[str]:
    return [row.id for row in rows]


class TestTypeRows:
    def test_mini_paper_is_valid(self, mini_paper_text: str) -> None:
        """The unchanged mini paper loads from text and from data, so failures below come from changes."""
        assert from_dict(json.loads(mini_paper_text)) == loads(mini_paper_text)

    @pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
    def test_row(self, mini_paper_text: str, row: Row) -> None:
        """Each type row of the catalogue gives one ValidationError problem at the exact path and message."""
        assert problems_of(lambda: loads(replace_once(mini_paper_text, row.old, row.new))) == (row.problem,)

    @pytest.mark.parametrize("row", ROWS, ids=_ids(ROWS))
    def test_from_dict(self, mini_paper_text: str, row: Row) -> None:
        """Python callers get the same problem as JSON readers for the same wrong type."""
        data = changed_data(mini_paper_text, row.at, row.value)
        assert problems_of(lambda: from_dict(data)) == (row.problem,)

    @pytest.mark.parametrize("row", VARIANTS, ids=_ids(VARIANTS))
    def test_variant(self, mini_paper_text: str, row: Row) -> None:
        """Other wrong types and malformed dates of the same rows are rejected the same way."""
        assert problems_of(lambda: loads(replace_once(mini_paper_text, row.old, row.new))) == (row.problem,)

    @pytest.mark.parametrize("row", PYTHON_ONLY, ids=_ids(PYTHON_ONLY))
    def test_python_only_values(self, mini_paper_text: str, row: Row) -> None:
        """Python values with no JSON form (tuples, dates, bytes) are not plain data, at their path."""
        data = changed_data(mini_paper_text, row.at, row.value)
        assert problems_of(lambda: from_dict(data)) == (row.problem,)

    def test_d2_null_is_accepted_where_optional(self, mini_paper_text: str) -> None:
        """D2: null is accepted, as "absent", only where a field is optional (here the title's Chinese)."""
        paper = loads(
            replace_once(mini_paper_text, '"A Mini Paper", "zh": "小白皮书"', '"A Mini Paper", "zh": null')
        )
        assert paper.title.zh is None

    def test_d7_partial_dates_keep_their_form(self, mini_paper_text: str) -> None:
        """D7: the three accepted forms read back exactly as written."""
        paper = loads(replace_once(mini_paper_text, '"2015-12-16"', '"2015-12"'))
        assert str(paper.events[0].date) == "2015-12"
        assert str(paper.published) == "2022-11-07"
        assert str(paper.statistics[0].as_of) == "2021"

    def test_d3_yaml_booleans_are_not_strings(self, mini_paper_text: str) -> None:
        """D3 in YAML: a quoted "false" stays a string and is rejected where a boolean belongs."""
        text = replace_once(mini_paper_text, '"mentioned_in_paper": true', '"mentioned_in_paper": "false"')
        assert problems_of(lambda: loads(text, format="yaml")) == (ROWS[2].problem,)
        assert isinstance(loads(mini_paper_text, format="yaml"), WhitePaper)
