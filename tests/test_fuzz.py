"""Fuzz: arbitrary and damaged input never raises anything but LoadError or ValidationError.

Every run (whatever the Hypothesis profile: the counts are set here, not by
the profile) feeds:

- 5,000 arbitrary JSON values (``st.recursive`` of null, booleans, integers,
  floats and text into lists and dicts, with some non-string keys), each
  to ``from_dict`` as a ``WhitePaper`` and as one other model class drawn
  at random, and through ``json.dumps(allow_nan=True)`` to ``loads`` as a
  ``WhitePaper``, both as ASCII-escaped text and as UTF-8 bytes (lone
  surrogates included);
- 1,500 mini papers with one value replaced by an arbitrary JSON value, or
  one key removed or added, to ``from_dict`` and ``loads``;
- 3,500 arbitrary byte strings (``st.binary``) to ``loads`` as JSON and
  as YAML;
- 2,500 damaged documents: the mini paper as JSON or YAML, truncated, with
  a bit flipped, bytes inserted, deleted or copied elsewhere, re-encoded
  (UTF-16, UTF-32, GB 18030, Latin-1), or with byte order marks added; each
  to ``loads`` as JSON and as YAML.

That is 5,000 JSON values and 6,000 byte strings per run, besides the 1,500
damaged papers: zero exceptions other than :class:`LoadError` and
:class:`ValidationError`. Whatever loads is a model object of the requested
class and survives a round trip (``loads(dumps(x)) == x``). Each test counts
its examples and fails if Hypothesis ran fewer than promised. The module takes
about 30 s of CPU time on the project's 2-core machine.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import DATA
from cyberspace_whitepaper import LoadError, ValidationError, WhitePaper, dumps, from_dict, loads
from cyberspace_whitepaper.model import MODEL_CLASSES

MINI_JSON = (DATA / "mini-paper.json").read_text(encoding="utf-8")
MINI_YAML = dumps(loads(MINI_JSON), format="yaml")

JSON_VALUES = 5_000
PAPER_MUTATIONS = 1_500
BINARIES = 3_500
DAMAGED = 2_500

FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

COUNTS: Counter[str] = Counter()


def _nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


#: Lists nested deeper than the depth limit (64).
NESTED = _nested(70)

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
json_keys = st.text() | st.integers() | st.booleans() | st.none()
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(json_keys, children, max_size=5),
    max_leaves=25,
)


def survive(call: Callable[[], Any], cls: type = WhitePaper) -> None:
    """Run a loader: it may fail only with LoadError or ValidationError; what it returns must round-trip."""
    try:
        result = call()
    except (LoadError, ValidationError):
        return
    assert type(result) is cls
    assert loads(dumps(result), type=cls) == result


def _walk(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            paths.extend(_walk(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            paths.extend(_walk(item, (*path, index)))
    return paths


#: Every place in the mini paper (the root excluded), as a path of keys and indices.
MINI_PATHS = _walk(json.loads(MINI_JSON))[1:]


@st.composite
def damaged_papers(draw: st.DrawFn) -> Any:
    """The mini paper as plain data with one value replaced, one key removed, or one key added."""
    paper = json.loads(MINI_JSON)
    path = draw(st.sampled_from(MINI_PATHS))
    parent = paper
    for step in path[:-1]:
        parent = parent[step]
    action = draw(st.sampled_from(["replace", "remove", "add"]))
    if action == "replace" or (action == "remove" and isinstance(parent, list)):
        parent[path[-1]] = draw(json_values)
    elif action == "remove":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[draw(json_keys)] = draw(json_values)
    else:
        parent.insert(path[-1], draw(json_values))
    return paper


@st.composite
def damaged_documents(draw: st.DrawFn) -> bytes:
    """The mini paper as JSON or YAML bytes, damaged in one way."""
    text = draw(st.sampled_from([MINI_JSON, MINI_YAML]))
    data = text.encode("utf-8")
    damage = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "copy", "encode", "bom"]))
    at = draw(st.integers(0, len(data) - 1))
    if damage == "truncate":
        return data[:at]
    if damage == "flip":
        return data[:at] + bytes([data[at] ^ (1 << draw(st.integers(0, 7)))]) + data[at + 1 :]
    if damage == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    if damage == "delete":
        return data[:at] + data[at + draw(st.integers(1, 16)) :]
    if damage == "copy":
        start = draw(st.integers(0, len(data) - 1))
        return data[:at] + data[start : start + draw(st.integers(1, 40))] + data[at:]
    if damage == "encode":
        codec = draw(
            st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be", "gb18030", "latin-1"])
        )
        return text.encode(codec, errors="replace")
    return b"\xef\xbb\xbf" * draw(st.integers(1, 3)) + data


@settings(FUZZ, max_examples=JSON_VALUES)
@given(value=json_values, other=st.sampled_from(MODEL_CLASSES))
@example(value=10**5000, other=WhitePaper)
@example(value={"summary": 10**5000}, other=WhitePaper)
@example(value=[float("nan"), float("inf"), -0.0, 1e308], other=WhitePaper)
@example(value={"\ud800": "\udfff", "id": "\x00"}, other=WhitePaper)
@example(value={"year": True, "month": 1.0}, other=MODEL_CLASSES[-2])
@example(value=NESTED, other=WhitePaper)
def _feed_json_value(value: Any, other: type) -> None:
    COUNTS["json values"] += 1
    survive(lambda: from_dict(value))
    survive(lambda: from_dict(value, type=other), other)
    try:
        escaped = json.dumps(value, allow_nan=True)
    except ValueError:  # an int of over 4300 digits has no JSON text in this Python
        return
    survive(lambda: loads(escaped))
    raw = json.dumps(value, allow_nan=True, ensure_ascii=False).encode("utf-8", "surrogatepass")
    survive(lambda: loads(raw))


@settings(FUZZ, max_examples=PAPER_MUTATIONS)
@given(paper=damaged_papers())
def _feed_damaged_paper(paper: Any) -> None:
    COUNTS["damaged papers"] += 1
    survive(lambda: from_dict(paper))
    try:
        text = json.dumps(paper, allow_nan=True)
    except ValueError:  # an int of over 4300 digits has no JSON text in this Python
        return
    survive(lambda: loads(text))


@settings(FUZZ, max_examples=BINARIES)
@given(data=st.binary(max_size=200))
@example(data=b"")
@example(data=b"\xef\xbb\xbf\xef\xbb\xbf{}")
@example(data=b"\xff\xfe{\x00}\x00")
@example(data=b"[" * 100_000)
@example(data=b"1" * 5000)
@example(data=b"a: &x [*x]")
@example(data=b"!!python/object/apply:os.system ['true']")
def _feed_bytes(data: bytes) -> None:
    COUNTS["binaries"] += 1
    survive(lambda: loads(data))
    survive(lambda: loads(data, format="yaml"))


@settings(FUZZ, max_examples=DAMAGED)
@given(data=damaged_documents())
def _feed_damaged_document(data: bytes) -> None:
    COUNTS["damaged documents"] += 1
    survive(lambda: loads(data))
    survive(lambda: loads(data, format="yaml"))


def examples_run(feed: Callable[[], None], name: str) -> int:
    """Run a Hypothesis-driven feed and return how many examples it ran."""
    COUNTS[name] = 0
    feed()
    return COUNTS[name]


class TestFuzz:
    def test_arbitrary_json_values(self) -> None:
        """5,000 arbitrary JSON values, as data and as JSON text, each load or raise one of our errors."""
        assert examples_run(_feed_json_value, "json values") >= JSON_VALUES

    def test_damaged_papers(self) -> None:
        """1,500 mini papers with one value replaced, removed or added load or raise one of our errors."""
        assert examples_run(_feed_damaged_paper, "damaged papers") >= PAPER_MUTATIONS

    def test_arbitrary_bytes(self) -> None:
        """3,500 arbitrary byte strings, read as JSON and as YAML, each load or raise one of our errors."""
        assert examples_run(_feed_bytes, "binaries") >= BINARIES

    def test_damaged_documents(self) -> None:
        """2,500 damaged JSON and YAML papers, read as JSON and as YAML, load or raise one of our errors."""
        assert examples_run(_feed_damaged_document, "damaged documents") >= DAMAGED
