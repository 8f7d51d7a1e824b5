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
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from cyberspace_whitepaper import (
    LimitError,
    LoadError,
    Problem,
    ValidationError,
    WhitePaper,
    from_dict,
    loads,
)


@attrs.frozen
class Syntax:
    """Expect a LoadError (and not a LimitError) with this message, line and column."""

    message: str
    line: int
    column: int


@attrs.frozen
class Limit:
    """Expect a LimitError naming this limit and value, with this message and no position."""

    message: str
    limit: str
    value: int


@attrs.frozen
class Invalid:
    """Expect a ValidationError with exactly one problem: this path, code and message."""

    path: str
    code: str
    message: str


Expected = Syntax | Limit | Invalid
#: Turns the mini paper's text into the call under test.
Make = Callable[[str], Callable[[], object]]


def check(call: Callable[[], object], expected: Expected) -> None:
    """Run ``call`` and assert it fails exactly as ``expected`` says, with nothing else escaping."""
    if isinstance(expected, Invalid):
        with pytest.raises(ValidationError) as invalid:
            call()
        problem = Problem(path=expected.path, code=expected.code, message=expected.message)
        assert invalid.value.problems == (problem,)
        return
    if isinstance(expected, Limit):
        with pytest.raises(LimitError) as limit:
            call()
        found = (
            limit.value.message,
            limit.value.limit,
            limit.value.value,
            limit.value.line,
            limit.value.column,
        )
        assert found == (expected.message, expected.limit, expected.value, None, None)
        return
    with pytest.raises(LoadError) as error:
        call()
    assert type(error.value) is LoadError
    found = (error.value.message, error.value.line, error.value.column)
    assert found == (expected.message, expected.line, expected.column)


def change(text: str, old: str, new: str) -> str:
    """The mini paper with the one occurrence of ``old`` replaced."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once in the mini paper"
    return text.replace(old, new)


def json_text(old: str, new: str) -> Make:
    """Load the mini paper as JSON, with one change."""
    return lambda text: lambda: loads(change(text, old, new))


def yaml_text(old: str, new: str) -> Make:
    """Load the mini paper as YAML (it is also valid YAML), with one change."""
    return lambda text: lambda: loads(change(text, old, new), format="yaml")


def data(mutate: Callable[[Any], None]) -> Make:
    """Give the mini paper to ``from_dict`` as plain data, changed in place by ``mutate``."""

    def make(text: str) -> Callable[[], object]:
        plain = json.loads(text)
        mutate(plain)
        return lambda: from_dict(plain)

    return make


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
    ("G5", data(_cycle_through_event), Limit(SELF_CYCLE, "max_depth", 64)),
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
        data(_set_source),
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
        data(_duplicate_source),
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
        data(_cycle_in_list),
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


def _ids(rows: list[tuple[str, Any, Any]]) -> list[str]:
    return [row[0] for row in rows]


class TestReferenceRows:
    def test_mini_paper_is_valid(self, mini_paper_text: str) -> None:
        """The unchanged mini paper loads as JSON, YAML and data, so failures below come from changes."""
        paper = loads(mini_paper_text)
        assert isinstance(paper, WhitePaper)
        assert loads(mini_paper_text, format="yaml") == paper == from_dict(json.loads(mini_paper_text))

    @pytest.mark.parametrize(("id_", "make", "expected"), ROWS, ids=_ids(ROWS))
    def test_row(self, mini_paper_text: str, id_: str, make: Make, expected: Expected) -> None:
        """Each reference row of the catalogue fails with the documented error class and exact path."""
        check(make(mini_paper_text), expected)

    @pytest.mark.parametrize(("id_", "make", "expected"), VARIANTS, ids=_ids(VARIANTS))
    def test_variant(self, mini_paper_text: str, id_: str, make: Make, expected: Expected) -> None:
        """Other inputs of the same rows, in JSON, YAML and plain data, fail the same way."""
        check(make(mini_paper_text), expected)

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
        text = change(mini_paper_text, '"source": "src"', '"source": "cite-99"')
        text = change(text, '"actors": ["scio"]', '"actors": ["xi-jinpin"]')
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
