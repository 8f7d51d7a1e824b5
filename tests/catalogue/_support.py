"""What the catalogue's test modules share: the mini paper, its mutations, and expected failures.

Every module of ``tests/catalogue`` starts from the mini paper
(``tests/data/mini-paper.json``), changes one thing, and asserts the error
that change gives, exactly. The pieces they have in common live here:

- the mini paper itself (:data:`MINI_PAPER_PATH`, :func:`mini_paper`);
- changes to its text (:func:`replace_once`, :func:`replacing`) and to its
  plain data (:func:`parent_at`, :func:`set_at`);
- makers of the call under test (:func:`json_text`, :func:`yaml_text`,
  :func:`plain_data`);
- expected failures (:class:`Syntax`, :class:`Limit`, :class:`Invalid`,
  :class:`InvalidMany`) and the one assertion that checks them,
  :func:`assert_fails`;
- small readers of raised errors (:func:`raised`, :func:`syntax_error`,
  :func:`where`, :func:`problem_triples`);
- pytest ids for the tables of rows (:func:`row_ids`, :func:`catalogue_rows`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

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

_E = TypeVar("_E", bound=BaseException)

#: The small valid paper every catalogue input starts from.
MINI_PAPER_PATH = Path(__file__).parents[1] / "data" / "mini-paper.json"


def mini_paper() -> dict[str, Any]:
    """The mini paper as plain data, freshly read, so each caller owns its copy."""
    data: dict[str, Any] = json.loads(MINI_PAPER_PATH.read_text("utf-8"))
    return data


# --- changes to the mini paper ---------------------------------------------------------


def replace_once(text: str, old: str, new: str) -> str:
    """``text`` with its one occurrence of ``old`` replaced by ``new`` (asserted to occur once)."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once in the mini paper"
    return text.replace(old, new)


def replacing(old: str, new: str) -> Callable[[str], str]:
    """A mutation of the mini paper's text that replaces its one occurrence of ``old``."""

    def mutate(text: str) -> str:
        return replace_once(text, old, new)

    return mutate


def parent_at(data: Any, path: Sequence[Any]) -> Any:
    """The container in plain data that holds the last step of ``path`` (keys and indexes)."""
    for step in path[:-1]:
        data = data[step]
    return data


def set_at(data: Any, path: Sequence[Any], value: Any) -> None:
    """Put ``value`` at ``path`` (keys and indexes) in plain data, in place."""
    parent_at(data, path)[path[-1]] = value


# --- the call under test ---------------------------------------------------------------

#: Turns the mini paper's text into the call under test.
Make = Callable[[str], Callable[[], object]]


def json_text(old: str, new: str) -> Make:
    """Load the mini paper as JSON, with one change."""
    return lambda text: lambda: loads(replace_once(text, old, new))


def yaml_text(old: str, new: str) -> Make:
    """Load the mini paper as YAML (it is also valid YAML), with one change."""
    return lambda text: lambda: loads(replace_once(text, old, new), format="yaml")


def plain_data(mutate: Callable[[Any], None]) -> Make:
    """Give the mini paper to ``from_dict`` as plain data, changed in place by ``mutate``."""

    def make(text: str) -> Callable[[], object]:
        plain = json.loads(text)
        mutate(plain)
        return lambda: from_dict(plain)

    return make


# --- expected failures -----------------------------------------------------------------


@attrs.frozen
class Syntax:
    """Expect a LoadError (and not a LimitError) with this message, line and column."""

    message: str
    line: int
    column: int


@attrs.frozen
class Limit:
    """Expect a LimitError naming this limit and value, with this message, line and column.

    Line and column are ``None`` where no one place is to blame (plain data).
    """

    message: str
    limit: str
    value: int
    line: int | None = None
    column: int | None = None


@attrs.frozen
class Invalid:
    """Expect a ValidationError with exactly one problem: this path, code and message."""

    path: str
    code: str
    message: str

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The one problem expected."""
        return (Problem(path=self.path, code=self.code, message=self.message),)


@attrs.frozen
class InvalidMany:
    """Expect a ValidationError with exactly these problems, each (path, code, message), in order."""

    triples: tuple[tuple[str, str, str], ...]

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The problems expected."""
        return tuple(Problem(path=path, code=code, message=message) for path, code, message in self.triples)


Failure = Syntax | Limit | Invalid | InvalidMany


def raised(kind: type[_E], call: Callable[[], object]) -> _E:
    """The exception of class ``kind`` (or a subclass) that ``call`` raises; any other escapes."""
    with pytest.raises(kind) as caught:
        call()
    return caught.value


def syntax_error(call: Callable[[], object]) -> LoadError:
    """The LoadError that ``call`` raises, asserted to be a plain LoadError and not a LimitError."""
    error = raised(LoadError, call)
    assert type(error) is LoadError
    return error


def where(error: LoadError) -> tuple[str, int | None, int | None]:
    """A LoadError's message, line and column."""
    return error.message, error.line, error.column


def problem_triples(error: ValidationError) -> list[tuple[str, str, str]]:
    """A ValidationError's problems as (path, code, message), in order."""
    return [(p.path, p.code, p.message) for p in error.problems]


def assert_fails(call: Callable[[], object], expected: Failure) -> None:
    """Run ``call`` and assert it fails exactly as ``expected`` says, with nothing else escaping."""
    if isinstance(expected, Invalid | InvalidMany):
        assert raised(ValidationError, call).problems == expected.problems
        return
    if isinstance(expected, Limit):
        limit = raised(LimitError, call)
        found = (limit.message, limit.limit, limit.value, limit.line, limit.column)
        assert found == (expected.message, expected.limit, expected.value, expected.line, expected.column)
        return
    assert where(syntax_error(call)) == (expected.message, expected.line, expected.column)


def assert_loads_alike_every_way(text: str) -> None:
    """Assert ``text`` loads as a WhitePaper, the same one as JSON, as YAML and as plain data."""
    paper = loads(text)
    assert isinstance(paper, WhitePaper)
    assert loads(text, format="yaml") == paper == from_dict(json.loads(text))


# --- pytest ids ------------------------------------------------------------------------


def row_ids(rows: Sequence[tuple[Any, ...]]) -> list[str]:
    """The ids of a table of rows, each row's first item."""
    return [str(row[0]) for row in rows]


def catalogue_rows(*rows: Callable[..., None]) -> list[Any]:
    """Row functions as pytest params, each with its catalogue id (``row_h1`` gives ``H1``)."""
    return [pytest.param(row, id=row.__name__.removeprefix("row_").upper()) for row in rows]
