"""Error locations: one change to a valid paper, and the error names the place changed.

Papers come from :func:`cyberspace_whitepaper.strategies.white_papers`, as
plain data. Each gets at least 100 single mutations, one at a time, drawn
from six kinds:

- **wrong type**: a value replaced by one of another JSON type;
- **nasty value**: one from the catalogue's pool (``None``, ``""``,
  ``"None"``, ``"false"``, full-width digits, ``True``, ``1.5``, ``2**64``,
  a lone surrogate, a bidi override, ``[]``, ``{}``, nesting one over the
  depth limit, a string one over the length limit);
- **deleted key**;
- **unknown key** (``titel`` added to an object);
- **duplicated id** (an entity takes the id of one before it);
- **dangling reference** (a reference, or a locator, to something absent).

A mutation that leaves the paper valid (null in an optional field, a text
that happens to be fine) is not counted. For the others:

- a type, value, unknown-key or missing-key problem must be at the mutated
  path and every problem inside it (a missing key is reported at its own
  path, ``$.parent.key``, with code ``missing``);
- a duplicated id or a dangling reference must be named at the mutated path,
  among the problems the change causes elsewhere (references to the old id
  now dangle);
- a LimitError from plain data names the mutated path in its message.

Every fourth mutation is also loaded from JSON text, which must report the
same problems as plain data. The figure (mutations checked, by kind) is
printed with ``pytest tests/test_error_locations.py -s``.
"""

from __future__ import annotations

import collections
import copy
import json
import random
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import strategies
from cyberspace_whitepaper.errors import excerpt

PAPERS = 50
MUTATIONS_PER_PAPER = 130
MINIMUM_CHECKED = 5_000

Path = tuple[str | int, ...]
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
ENTITY_FIELDS = (
    "principles",
    "goals",
    "concerns",
    "proposals",
    "events",
    "actors",
    "statistics",
    "documents",
    "sources",
)


def json_path(path: Path) -> str:
    """The JSON path of a mutation, written the way the library's problems are."""
    out = "$"
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        elif _PLAIN_KEY.match(step):
            out += f".{step}"
        else:
            out += f"[{step!r}]"
    return out


def _walk(data: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    yield path, data
    if type(data) is dict:
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif type(data) is list:
        for index, value in enumerate(data):
            yield from _walk(value, (*path, index))


def _get(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def _set(data: Any, path: Path, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def _deep(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


_WRONG_TYPES: dict[type, tuple[Any, ...]] = {
    str: (0, 1.5, True, None, [], {}),
    int: ("1", 1.5, True, None, [], {}),
    float: ("1", True, None, [], {}),
    bool: ("true", 0, 1, None, [], {}),
    type(None): (0, True, [], {}),
    list: ("x", 0, True, None, {}),
    dict: ("x", 0, True, None, []),
}
NASTY: tuple[Any, ...] = (
    None,
    "",
    "None",
    "false",
    "\uff11\uff12\uff13",
    True,
    1.5,
    2**64,
    "\ud800",
    "\u202e",
    [],
    {},
    _deep(cw.DEFAULT_LIMITS.max_depth + 1),
    "x" * (cw.DEFAULT_LIMITS.max_string_length + 1),
)

#: Keys whose value, or every item of whose array, names another entity.
_REFERENCES = {"publisher", "introduced_by", "affiliation", "source", "supports", "publishers"}
_LOCATORS = {"locator", "located_in"}


class _Mutator:
    """Makes single mutations of one paper's plain data, and says where each must be reported."""

    def __init__(self, data: dict[str, Any], rng: random.Random):
        self.data = data
        self.rng = rng
        self.values = [(p, v) for p, v in _walk(data) if p]
        self.objects = [(p, v) for p, v in _walk(data) if type(v) is dict]
        self.references = [
            (p, v)
            for p, v in self.values
            if type(v) is str
            and (
                (isinstance(p[-1], str) and p[-1] in _REFERENCES | _LOCATORS)
                or (isinstance(p[-1], int) and p[-2] in _REFERENCES)
                or (len(p) >= 4 and p[0] == "events" and p[-2] in ("actors", "documents"))
            )
        ]
        # In the order the rule visits them, so the later of two is the one reported.
        self.entities = [
            (position, index)
            for position, field in enumerate(ENTITY_FIELDS)
            for index in range(len(data[field]))
        ]

    def mutate(self, kind: str) -> tuple[dict[str, Any], Path, bool] | None:
        """A changed copy, the path to name, and whether only that path may be named."""
        rng = self.rng
        changed = copy.deepcopy(self.data)
        if kind == "wrong-type":
            path, value = rng.choice(self.values)
            _set(changed, path, rng.choice(_WRONG_TYPES[type(value)]))
            return changed, path, True
        if kind == "nasty":
            path, _ = rng.choice(self.values)
            _set(changed, path, copy.deepcopy(rng.choice(NASTY)))
            return changed, path, True
        if kind == "deleted-key":
            path, _ = rng.choice([(p, v) for p, v in self.values if isinstance(p[-1], str)])
            del _get(changed, path[:-1])[path[-1]]
            return changed, path, True
        if kind == "unknown-key":
            path, _ = rng.choice(self.objects)
            _get(changed, path)["titel"] = "x"
            return changed, (*path, "titel"), True
        if kind == "duplicated-id":
            if len(self.entities) < 2:
                return None
            (first_field, first), (second_field, second) = sorted(rng.sample(self.entities, 2))
            taken = changed[ENTITY_FIELDS[first_field]][first]["id"]
            changed[ENTITY_FIELDS[second_field]][second]["id"] = taken
            return changed, (ENTITY_FIELDS[second_field], second, "id"), False
        if kind == "dangling-reference":
            if not self.references:
                return None
            path, _ = rng.choice(self.references)
            locator = path[-1] in _LOCATORS
            _set(changed, path, "MMM.999(999)" if locator else "nowhere-to-be-found")
            return changed, path, False
        raise AssertionError(kind)


#: The codes of whole-paper rules (model/_rules.py), which report where the rule fails.
RULE_CODES = {
    "after-paper",
    "dangling-reference",
    "duplicate-event",
    "duplicate-id",
    "duplicate-name",
    "numbering",
    "self-reference",
    "unknown-locator",
    "wrong-kind",
}
KINDS = ("wrong-type", "nasty", "deleted-key", "unknown-key", "duplicated-id", "dangling-reference")


def _error_of(call: Any) -> BaseException | None:
    """What ``call`` raises (any library error), or None."""
    try:
        call()
    except cw.WhitePaperError as error:
        return error
    return None


def _within(path: str, target: str) -> bool:
    return path == target or path.startswith((target + ".", target + "["))


@pytest.fixture(scope="module")
def tally() -> Iterator[collections.Counter[str]]:
    """Counts of mutations checked, by kind; at the end, at least 5,000 must have been checked."""
    counts: collections.Counter[str] = collections.Counter()
    yield counts
    checked = sum(v for k, v in counts.items() if not k.startswith(("valid", "text")))
    print(f"\nerror locations: {checked} mutations checked ({dict(sorted(counts.items()))})")
    assert checked >= MINIMUM_CHECKED


class TestErrorLocations:
    @settings(
        max_examples=PAPERS,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(paper=strategies.white_papers(), seed=st.integers(0, 2**32 - 1))
    def test_a_mutation_is_reported_where_it_was_made(
        self, paper: cw.WhitePaper, seed: int, tally: collections.Counter[str]
    ) -> None:
        """Each single mutation of a valid paper raises an error that names the mutated path."""
        mutator = _Mutator(cw.to_dict(paper), random.Random(seed))
        checked = 0
        for number in range(MUTATIONS_PER_PAPER):
            kind = KINDS[number % len(KINDS)]
            made = mutator.mutate(kind)
            if made is None:
                continue
            changed, path, alone = made
            outcome = self._check(kind, changed, json_path(path), alone, also_text=number % 4 == 0)
            tally[outcome] += 1
            checked += outcome == kind
            if number % 4 == 0 and outcome == kind:
                tally["text: also checked"] += 1
        assert checked >= 100

    def _check(self, kind: str, changed: dict[str, Any], target: str, alone: bool, also_text: bool) -> str:
        """Load one mutated paper and check where its error is; say how the mutation counts."""
        error = _error_of(lambda: cw.from_dict(changed))
        if error is None:
            return f"valid after {kind}"
        if isinstance(error, cw.LimitError):
            assert target in error.message, (kind, target, error.message)
            return kind
        assert isinstance(error, cw.ValidationError), (kind, target, repr(error))
        paths = [problem.path for problem in error.problems]
        inside = [p for p in paths if _within(p, target)]
        if alone and not inside:
            # The changed value is fine where it stands (an empty list, null in an
            # optional field, "false" as an id), but a whole-paper rule now fails
            # elsewhere (the publisher no longer among the actors): that is where
            # the rules report it, so there is nothing here to locate.
            assert {p.code for p in error.problems} <= RULE_CODES, (kind, target, str(error))
            return f"valid after {kind}, but for the rules"
        if alone:
            # Problems elsewhere can only be a rule's, where the changed value
            # also breaks it: an id changed to one already used leaves the old
            # id's referrers dangling.
            outside = {p.code for p in error.problems if not _within(p.path, target)}
            assert outside <= RULE_CODES, (kind, target, str(error))
            assert error.omitted == 0
        else:
            assert target in paths, (kind, target, str(error))
        if kind == "deleted-key":
            assert [(p.path, p.code) for p in error.problems] == [(target, "missing")]
        if also_text:
            self._same_from_text(changed, error)
        return kind

    @staticmethod
    def _same_from_text(changed: dict[str, Any], expected: cw.ValidationError) -> None:
        text = json.dumps(changed, ensure_ascii=False)
        with pytest.raises(cw.ValidationError) as caught:
            cw.loads(text)
        assert [(p.path, p.code) for p in caught.value.problems] == [
            (p.path, p.code) for p in expected.problems
        ]


class TestErrorText:
    def test_excerpt_cut_at_80(self) -> None:
        """A value shown in a message is cut only when its repr is over 80 characters."""
        exactly = "x" * 78  # its repr, quotes included, is 80 characters
        assert excerpt(exactly) == repr(exactly)
        assert excerpt(exactly + "x") == repr(exactly + "x")[:77] + "..."

    def test_args_hold_the_message(self) -> None:
        """Errors keep their whole text in ``args``, as built-in exceptions do."""
        with pytest.raises(cw.ValidationError) as invalid:
            cw.from_dict({})
        assert invalid.value.args == (str(invalid.value),)
        with pytest.raises(cw.LoadError) as syntax:
            cw.loads("{")
        assert syntax.value.args == (syntax.value.message,)


class TestPathWriting:
    def test_json_path(self) -> None:
        """The test's own path writer gives the library's path syntax."""
        assert json_path(("events", 3, "actors", 0)) == "$.events[3].actors[0]"
        assert json_path(("<<",)) == "$['<<']"
        assert json_path(()) == "$"
