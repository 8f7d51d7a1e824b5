"""Catalogue section G, references and identity, of ``shared/reference/bad-inputs.md``: a test per row.

Every input is the mini paper with one targeted change. The catalogue's
``DocumentReferenceError`` is our :class:`ValidationError`: the whole-paper
rules run when a :class:`WhitePaper` is built and report every problem with
its path. Our rules where the catalogue leaves a choice:

- G1, G3: a reference that names no entity, or an entity of the wrong kind,
  is reported at the referring path, naming the id (with a "did you mean"
  hint when an id of the right kind is close).
- G2: ids are unique across the whole paper, every kind together; the later
  use is reported, naming the earlier path. Ids are lower-case ASCII slugs,
  so case folding or Unicode normalisation can never make two ids collide.
- G4: a paper's structure is a tree (chapters hold sections hold items), so
  it cannot have parent-child cycles. The one link from an entity to
  another of its own kind is an actor's ``affiliation``; an actor that
  belongs to itself is rejected.
- G5: a cyclic Python structure given to ``from_dict`` never ends, so it goes
  over the nesting limit: :class:`LimitError` (``max_depth``) at the path
  where the limit is crossed, before any recursion. Shared but acyclic
  sub-objects are fine. YAML cannot express a cycle here, because anchors and
  aliases are refused (:class:`LoadError`).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from cyberspace_whitepaper import Problem, ValidationError, from_dict, loads

from ._support import (
    Invalid,
    Limit,
    Make,
    Syntax,
    assert_fails,
    assert_loads_alike_every_way,
    json_text,
    plain_data,
    replace_once,
    row_ids,
    yaml_text,
)

Expected = Syntax | Limit | Invalid


def _cycle_through_event(plain: Any) -> None:
    plain["events"][0]["self"] = plain


def _cycle_in_list(plain: Any) -> None:
    plain["languages"].insert(0, plain["languages"])


def _set_source(plain: Any) -> None:
    plain["events"][0]["citations"][0]["source"] = "cite-99"


def _duplicate_source(plain: Any) -> None:
    plain["sources"].append(dict(plain["sources"][0]))


SECOND_SOURCE = (
    '"language": "en"}, {"id": "src", "title": {"en": "Src 2"}, "kind": "news-report", '
    '"url": "https://example.org/b", "language": "en"}]'
)
SELF_CYCLE = "the data is nested too deeply at $" + ".events[0].self" * 21 + ".sources (limit max_depth=64)"

ROWS: list[tuple[str, Make, Expected]] = [
    (
        "G1",
        json_text('"source": "src"', '"source": "cite-99"'),
        Invalid("$.events[0].citations[0].source", "dangling-reference", "unknown source 'cite-99'"),
    ),
    (
        "G2",
        json_text('"language": "en"}]', SECOND_SOURCE),
        Invalid("$.sources[1].id", "duplicate-id", "id 'src' is already used at $.sources[0].id"),
    ),
    (
        "G3",
        json_text('"actors": ["scio"]', '"actors": ["src"]'),
        Invalid("$.events[0].actors[0]", "wrong-kind", "'src' is a source, not an actor"),
    ),
    (
        "G4",
        json_text('"kind": "government-body"}', '"kind": "government-body", "affiliation": "scio"}'),
        Invalid("$.actors[0].affiliation", "self-reference", "an actor cannot belong to itself"),
    ),
    ("G5", plain_data(_cycle_through_event), Limit(SELF_CYCLE, "max_depth", 64)),
]

VARIANTS: list[tuple[str, Make, Expected]] = [
    (
        "G1-with-hint",
        json_text('"publisher": "scio"', '"publisher": "scoi"'),
        Invalid("$.publisher", "dangling-reference", "unknown actor 'scoi' (did you mean 'scio'?)"),
    ),
    (
        "G1-event",
        json_text('"introduced_by": "e1"', '"introduced_by": "e2"'),
        Invalid("$.principles[0].introduced_by", "dangling-reference", "unknown event 'e2'"),
    ),
    (
        "G1-from-dict",
        plain_data(_set_source),
        Invalid("$.events[0].citations[0].source", "dangling-reference", "unknown source 'cite-99'"),
    ),
    (
        "G2-paper-id",
        json_text('"id": "st"', '"id": "mini-paper"'),
        Invalid("$.statistics[0].id", "duplicate-id", "id 'mini-paper' is already used at $.id"),
    ),
    (
        "G2-across-kinds",
        json_text('"id": "st"', '"id": "p1"'),
        Invalid("$.statistics[0].id", "duplicate-id", "id 'p1' is already used at $.principles[0].id"),
    ),
    (
        "G2-case-folded",
        json_text('"language": "en"}]', SECOND_SOURCE.replace('"id": "src"', '"id": "SRC"')),
        Invalid(
            "$.sources[1].id",
            "pattern",
            "not a valid identifier (lower-case slug such as 'xi-jinping'): 'SRC'",
        ),
    ),
    (
        "G2-from-dict",
        plain_data(_duplicate_source),
        Invalid("$.sources[1].id", "duplicate-id", "id 'src' is already used at $.sources[0].id"),
    ),
    (
        "G3-publisher",
        json_text('"publisher": "scio"', '"publisher": "e1"'),
        Invalid("$.publisher", "wrong-kind", "'e1' is an event, not an actor"),
    ),
    (
        "G3-introduced-by",
        json_text('"introduced_by": "e1"', '"introduced_by": "scio"'),
        Invalid("$.principles[0].introduced_by", "wrong-kind", "'scio' is an actor, not an event"),
    ),
    (
        "G5-list-holding-itself",
        plain_data(_cycle_in_list),
        Limit(
            "the data is nested too deeply at $.languages" + "[0]" * 63 + " (limit max_depth=64)",
            "max_depth",
            64,
        ),
    ),
    (
        "G5-yaml-self-alias",
        yaml_text('"languages": ["zh", "en"]', '"languages": &x [*x]'),
        Syntax("anchors and aliases are not accepted", 6, 16),
    ),
    (
        "G5-yaml-alias",
        yaml_text('"actors": ["scio"]', '"actors": &a ["scio"], "documents": *a'),
        Syntax("anchors and aliases are not accepted", 15, 104),
    ),
]


class TestReferenceRows:
    def test_mini_paper_is_valid(self, mini_paper_text: str) -> None:
        """The unchanged mini paper loads as JSON, YAML and data, so failures below come from changes."""
        assert_loads_alike_every_way(mini_paper_text)

    @pytest.mark.parametrize(("id_", "make", "expected"), ROWS, ids=row_ids(ROWS))
    def test_row(self, mini_paper_text: str, id_: str, make: Make, expected: Expected) -> None:
        """Each reference row of the catalogue fails with the documented error class and exact path."""
        assert_fails(make(mini_paper_text), expected)

    @pytest.mark.parametrize(("id_", "make", "expected"), VARIANTS, ids=row_ids(VARIANTS))
    def test_variant(self, mini_paper_text: str, id_: str, make: Make, expected: Expected) -> None:
        """Other inputs of the same rows, in JSON, YAML and plain data, fail the same way."""
        assert_fails(make(mini_paper_text), expected)

    def test_g5_shared_objects_are_not_cycles(self, mini_paper_text: str) -> None:
        """G5: one dict used in two places (shared, not cyclic) loads as two equal, separate values."""
        plain = json.loads(mini_paper_text)
        shared = {"en": "Shared"}
        plain["preface"]["title"] = shared
        plain["chapters"][0]["title"] = shared
        paper = from_dict(plain)
        assert paper.preface is not None
        assert paper.preface.title == paper.chapters[0].title
        shared["en"] = "Changed"
        assert paper.chapters[0].title.en == "Shared"

    def test_g1_every_dangling_reference_is_reported(self, mini_paper_text: str) -> None:
        """G1: several dangling references are all reported together, in path order."""
        text = replace_once(mini_paper_text, '"source": "src"', '"source": "cite-99"')
        text = replace_once(text, '"actors": ["scio"]', '"actors": ["xi-jinpin"]')
        with pytest.raises(ValidationError) as invalid:
            loads(text)
        assert invalid.value.problems == (
            Problem(
                path="$.events[0].actors[0]", code="dangling-reference", message="unknown actor 'xi-jinpin'"
            ),
            Problem(
                path="$.events[0].citations[0].source",
                code="dangling-reference",
                message="unknown source 'cite-99'",
            ),
        )
