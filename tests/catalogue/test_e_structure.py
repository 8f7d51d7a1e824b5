"""Catalogue section E, structure, of ``shared/reference/bad-inputs.md``: one named test per row.

Every input is the mini paper with one targeted change. Our rules, where the
catalogue leaves a choice or names other error classes:

- E1: duplicate keys in JSON are well-formed JSON (RFC 8259 only says names
  SHOULD be unique; JSONTestSuite files them under ``y_``), so they are a
  :class:`ValidationError`, not a :class:`LoadError`: one problem per
  repeated key, code ``duplicate-key``, at the key's path, naming both
  positions. They are reported only once the rest of the text is known to
  be well-formed, so a syntax error elsewhere still wins. In YAML a
  duplicate key makes the document itself ill-formed (the YAML spec requires
  unique keys), so there it is a LoadError with line and column (E7).
- E2: unknown keys are rejected at their own path, with a "did you mean"
  hint when a field name is close.
- E3: a missing required key is reported at the path it should have, such
  as ``$.summary``, which names the place more exactly than the catalogue's
  "parent path".
- E4: text must not be empty, blank or padded; the chapters must not be
  empty. Other lists may be empty where that is true of a paper (an event
  the paper names need not name its actors).
- E5: the model has no tagged unions (every field has one type), so there is
  no tag to dispatch on; the closed vocabularies (enums) play that part, and
  an unknown value is rejected listing the allowed values.
- E6: non-string keys cannot be written in JSON; from Python callers
  (``from_dict``) and from YAML they are rejected, the first as a
  ValidationError at the object's path, the second as a LoadError at the key.
- E7: the YAML reader checks keys as written, before any conversion, so
  ``1`` and ``true`` never collapse into one key and ``yes`` stays a string.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest

from cyberspace_whitepaper import Problem, ValidationError, iter_jsonl, loads

from ._support import (
    Invalid,
    InvalidMany,
    Make,
    Syntax,
    assert_fails,
    assert_loads_alike_every_way,
    json_text,
    parent_at,
    plain_data,
    replace_once,
    row_ids,
    set_at,
    yaml_text,
)

Expected = Syntax | Invalid | InvalidMany


def _delete(*path: str | int) -> Callable[[Any], None]:
    def mutate(plain: Any) -> None:
        del parent_at(plain, path)[path[-1]]

    return mutate


def _set(*path: Any) -> Callable[[Any], None]:
    *steps, last, value = path

    def mutate(plain: Any) -> None:
        set_at(plain, (*steps, last), value)

    return mutate


PUBLISHER = '"publisher": "scio",'
KIND = '"kind": "speech",'
ITEMS = '"items": [{"number": 1, "title": {"en": "Item"}}]'
SUMMARY_LINE = '  "summary": "A tiny paper for tests.",\n'
CERTAINTIES = "'confirmed', 'inferred', 'uncertain'"

ROWS: list[tuple[str, Make, Expected]] = [
    (
        "E1",
        json_text(PUBLISHER, '"publisher": "scio", "publisher": "scio",'),
        Invalid(
            "$.publisher",
            "duplicate-key",
            "duplicate key 'publisher' (first at line 4, column 3; again at line 4, column 24)",
        ),
    ),
    (
        "E2",
        json_text('"mentioned_in_paper": true,', '"mentioned_in_paper": true, "titel": "x",'),
        Invalid("$.events[0].titel", "unknown-key", "unknown key 'titel' (did you mean 'title'?)"),
    ),
    ("E3", json_text(SUMMARY_LINE, ""), Invalid("$.summary", "missing", "required key is missing")),
    (
        "E4",
        json_text('"A Mini Paper"', '"   "'),
        Invalid("$.title.en", "empty", "must not be empty or blank"),
    ),
    (
        "E5",
        json_text('"certainty": "confirmed"', '"certainty": "confirm"'),
        Invalid(
            "$.events[0].citations[0].certainty",
            "enum",
            f"'confirm' is not one of {CERTAINTIES} (did you mean 'confirmed'?)",
        ),
    ),
    ("E6", plain_data(_set(1, "x")), Invalid("$", "key-type", "keys must be strings, got 1")),
    (
        "E7",
        yaml_text(PUBLISHER, '"publisher": "scio", publisher: "scio",'),
        Syntax("duplicate key 'publisher' (first at line 4, column 3)", 4, 24),
    ),
]

VARIANTS: list[tuple[str, Make, Expected]] = [
    (
        "E1-nested",
        json_text(KIND, '"kind": "speech", "kind": "law",'),
        Invalid(
            "$.events[0].kind",
            "duplicate-key",
            "duplicate key 'kind' (first at line 15, column 49; again at line 15, column 67)",
        ),
    ),
    (
        "E1-escaped-spelling",
        json_text(PUBLISHER, '"publisher": "scio", "p\\u0075blisher": "scio",'),
        Invalid(
            "$.publisher",
            "duplicate-key",
            "duplicate key 'publisher' (first at line 4, column 3; again at line 4, column 24)",
        ),
    ),
    (
        "E1-three-times",
        json_text(KIND, '"kind": "speech", "kind": "law", "kind": "law",'),
        InvalidMany(
            (
                (
                    "$.events[0].kind",
                    "duplicate-key",
                    "duplicate key 'kind' (first at line 15, column 49; again at line 15, column 67)",
                ),
                (
                    "$.events[0].kind",
                    "duplicate-key",
                    "duplicate key 'kind' (first at line 15, column 49; again at line 15, column 82)",
                ),
            )
        ),
    ),
    (
        "E1-second-array-item",
        json_text(ITEMS, '"items": [{"number": 1, "title": {"en": "Item"}}, {"number": 2, "number": 2}]'),
        Invalid(
            "$.chapters[0].sections[0].items[1].number",
            "duplicate-key",
            "duplicate key 'number' (first at line 11, column 117; again at line 11, column 130)",
        ),
    ),
    (
        "E1-non-identifier-key",
        json_text(PUBLISHER, '"publisher": "scio", "a b": 1, "a b": 2,'),
        Invalid(
            "$['a b']",
            "duplicate-key",
            "duplicate key 'a b' (first at line 4, column 24; again at line 4, column 34)",
        ),
    ),
    (
        "E1-same-key-in-two-objects-is-fine",
        json_text(
            '"title": {"en": "One"}, "summary": "First."',
            '"title": {"en": "One"}, "summary": "First.", "x": 1',
        ),
        Invalid("$.chapters[0].x", "unknown-key", "unknown key 'x'"),
    ),
    (
        "E1-syntax-error-wins",
        lambda text: (
            lambda: loads(
                replace_once(
                    replace_once(text, KIND, '"kind": "speech", "kind": "law",'),
                    '"value": 39.8',
                    '"value": NaN',
                )
            )
        ),
        Syntax("NaN is not JSON", 18, 68),
    ),
    (
        "E1-yaml",
        yaml_text(PUBLISHER, '"publisher": "scio", "publisher": "scio",'),
        Syntax("duplicate key 'publisher' (first at line 4, column 3)", 4, 24),
    ),
    (
        "E2-renamed",
        json_text('"title": {"en": "A Mini Paper"', '"titel": {"en": "A Mini Paper"'),
        InvalidMany(
            (
                ("$.titel", "unknown-key", "unknown key 'titel' (did you mean 'title'?)"),
                ("$.title", "missing", "required key is missing"),
            )
        ),
    ),
    (
        "E2-no-close-name",
        json_text(PUBLISHER, '"publisher": "scio", "x-extra": 1,'),
        Invalid("$['x-extra']", "unknown-key", "unknown key 'x-extra'"),
    ),
    (
        "E2-from-dict",
        plain_data(_set("events", 0, "titel", "x")),
        Invalid("$.events[0].titel", "unknown-key", "unknown key 'titel' (did you mean 'title'?)"),
    ),
    (
        "E3-nested",
        json_text('"source": "src", "certainty": "confirmed", ', '"source": "src", '),
        Invalid("$.events[0].citations[0].certainty", "missing", "required key is missing"),
    ),
    (
        "E3-from-dict",
        plain_data(_delete("summary")),
        Invalid("$.summary", "missing", "required key is missing"),
    ),
    (
        "E4-empty",
        json_text('"A Mini Paper"', '""'),
        Invalid("$.title.en", "empty", "must not be empty or blank"),
    ),
    (
        "E4-padded",
        json_text('"A Mini Paper"', '" A Mini Paper"'),
        Invalid("$.title.en", "whitespace", "must not start or end with white space: ' A Mini Paper'"),
    ),
    (
        "E4-no-chapters",
        lambda text: lambda: loads(json.dumps({**json.loads(text), "chapters": []})),
        Invalid("$.chapters", "empty", "must have at least 1 item(s)"),
    ),
    (
        "E4-from-dict",
        plain_data(_set("title", "en", "")),
        Invalid("$.title.en", "empty", "must not be empty or blank"),
    ),
    (
        "E5-actor-kind",
        json_text('"kind": "government-body"', '"kind": "goverment-body"'),
        Invalid(
            "$.actors[0].kind",
            "enum",
            "'goverment-body' is not one of 'person', 'government-body', 'party-body', 'legislature', "
            "'international-organization', 'country', 'media', 'publisher', 'research-body', 'other' "
            "(did you mean 'government-body'?)",
        ),
    ),
    (
        "E5-scale",
        json_text('"unit": "percent"', '"unit": "percent", "scale": "trilion"'),
        Invalid(
            "$.statistics[0].scale",
            "enum",
            "'trilion' is not one of 'one', 'thousand', 'million', 'billion', 'trillion' "
            "(did you mean 'trillion'?)",
        ),
    ),
    (
        "E6-nested-none",
        plain_data(_set("events", 0, None, "x")),
        Invalid("$.events[0]", "key-type", "keys must be strings, got None"),
    ),
    ("E6-tuple", plain_data(_set((1, 2), "x")), Invalid("$", "key-type", "keys must be strings, got (1, 2)")),
    (
        "E6-yaml-integer",
        yaml_text(PUBLISHER, '"publisher": "scio", 1: "x",'),
        Syntax("keys must be strings, got 1", 4, 24),
    ),
    (
        "E6-yaml-null",
        yaml_text(PUBLISHER, '"publisher": "scio", null: "x",'),
        Syntax("keys must be strings, got None", 4, 24),
    ),
    (
        "E6-yaml-flow-sequence",
        yaml_text(PUBLISHER, '"publisher": "scio", [a]: "x",'),
        Syntax("keys must be strings, got ['a']", 4, 24),
    ),
    (
        "E7-one-and-true",
        yaml_text(PUBLISHER, '"publisher": "scio", 1: "x", true: "y",'),
        Syntax("keys must be strings, got 1", 4, 24),
    ),
    (
        "E7-yes-stays-a-string",
        yaml_text(PUBLISHER, '"publisher": "scio", yes: 1, "yes": 2,'),
        Syntax("duplicate key 'yes' (first at line 4, column 24)", 4, 32),
    ),
]


class TestStructureRows:
    def test_mini_paper_is_valid(self, mini_paper_text: str) -> None:
        """The unchanged mini paper loads as JSON, YAML and data, so failures below come from changes."""
        assert_loads_alike_every_way(mini_paper_text)

    @pytest.mark.parametrize(("id_", "make", "expected"), ROWS, ids=row_ids(ROWS))
    def test_row(self, mini_paper_text: str, id_: str, make: Make, expected: Expected) -> None:
        """Each structure row of the catalogue fails with the documented error class and exact location."""
        assert_fails(make(mini_paper_text), expected)

    @pytest.mark.parametrize(("id_", "make", "expected"), VARIANTS, ids=row_ids(VARIANTS))
    def test_variant(self, mini_paper_text: str, id_: str, make: Make, expected: Expected) -> None:
        """Other inputs of the same rows, in JSON, YAML and plain data, fail the same way."""
        assert_fails(make(mini_paper_text), expected)

    def test_e1_json_lines_problems_name_their_line(self, mini_paper_text: str) -> None:
        """E1 in JSON Lines: a duplicate key is reported at its path and with the line of its record."""
        good = json.dumps(json.loads(mini_paper_text), ensure_ascii=False)
        bad = good.replace('"publisher": "scio",', '"publisher": "scio", "publisher": "scio",', 1)
        stream = io.BytesIO(f"{good}\n{bad}\n".encode())
        with pytest.raises(ValidationError) as error:
            list(iter_jsonl(stream))
        message = "duplicate key 'publisher' (first at line 1, column 69; again at line 1, column 90)"
        assert error.value.problems == (
            Problem(path="$.publisher", code="duplicate-key", message=message, line=2),
        )

    def test_e4_empty_lists_are_allowed_where_a_paper_may_have_none(self, mini_paper_text: str) -> None:
        """E4: an event may name no actors; an empty list there loads."""
        paper = loads(replace_once(mini_paper_text, '"actors": ["scio"]', '"actors": []'))
        assert paper.events[0].actors == ()
