"""Catalogue section H (resource exhaustion): inputs made to cost time, memory or stack.

One test case per row of ``shared/reference/bad-inputs.md`` section H, with the
row's id as its pytest id. ``DocumentLimitError`` in the catalogue is our
:class:`LimitError` (a :class:`LoadError` that names the limit and its value),
and ``DocumentValidationError`` our :class:`ValidationError`.

Each limit here is the default one; ``tests/test_limits.py`` checks every
limit at limit - 1, limit and limit + 1.
"""

from __future__ import annotations

import copy
import inspect
import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import cyberspace_whitepaper as cw

from ._support import catalogue_rows, mini_paper, problem_triples, raised

MINI = mini_paper()
LIMITS = cw.DEFAULT_LIMITS


def _limit_error(call: Callable[[], Any], limit: str) -> cw.LimitError:
    error = raised(cw.LimitError, call)
    assert (error.limit, error.value) == (limit, getattr(LIMITS, limit))
    assert str(error).endswith(f" (limit {limit}={getattr(LIMITS, limit)})")
    return error


def _nested(depth: int, leaf: Any = "en") -> Any:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def row_h1(tmp_path: Path) -> None:
    """Nesting 100,000 deep is a LimitError at the first opener too deep, before any recursion."""
    for text, column in (("[" * 100_000, 65), ('{"a":' * 100_000, 64 * 5 + 1)):
        for given in (text, text.encode()):
            error = _limit_error(lambda given=given: cw.loads(given), "max_depth")
            assert (error.line, error.column) == (1, column)
    # YAML: libyaml's own cap (1,000) would be met first; the error is still ours, and placed.
    error = _limit_error(lambda: cw.loads("[" * 100_000, format="yaml"), "max_depth")
    assert (error.line, error.column) == (1, 65)
    error = _limit_error(lambda: cw.loads("a:\n  " + "[" * 5000, format="yaml"), "max_depth")
    assert (error.line, error.column) == (2, 66)
    # JSON Lines: on its line.
    lines = io.BytesIO(b"\n\n" + b"[" * 100_000 + b"\n")
    error = _limit_error(lambda: list(cw.iter_jsonl(lines)), "max_depth")
    assert (error.line, error.column) == (3, 65)
    # Plain data: a Python list nested 100,000 deep is walked without recursion.
    error = _limit_error(lambda: cw.from_dict({**MINI, "languages": _nested(100_000)}), "max_depth")
    assert error.message.startswith("the data is nested too deeply at $.languages" + "[0]" * 63 + " ")
    # A file: the same.
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000)
    error = _limit_error(lambda: cw.load(path), "max_depth")
    assert (error.line, error.column) == (1, 65)


def _deepest_paper() -> dict[str, Any]:
    """The mini paper with a citation on an item: the deepest a valid paper goes (9 levels)."""
    data = copy.deepcopy(MINI)
    data["chapters"][0]["sections"][0]["items"][0]["citations"] = [
        {"source": "src", "certainty": "inferred", "locator": "I.1(1)"}
    ]
    return data


def row_h2(tmp_path: Path) -> None:
    """Nesting near Python's recursion limit is refused; what loads is shallow enough to print, hash, save."""
    del tmp_path
    deep = {**MINI, "languages": _nested(990)}
    # Written by hand: json.dumps itself would recurse 990 levels deep.
    text = json.dumps({**MINI, "languages": None}).replace(
        '"languages": null', '"languages": ' + "[" * 990 + '"en"' + "]" * 990
    )
    error = _limit_error(lambda: cw.loads(text), "max_depth")
    assert error.line == 1
    assert text[error.column - 1 : error.column + 1] == "[["
    _limit_error(lambda: cw.loads(text, format="yaml"), "max_depth")
    _limit_error(lambda: cw.from_dict(deep), "max_depth")
    # A valid paper is at most 9 levels deep, so everything done with one needs few frames.
    data = _deepest_paper()
    text = json.dumps(data)
    paper = cw.loads(text)
    yaml_text = cw.dumps(paper, format="yaml")
    cw.loads(yaml_text, format="yaml")  # import and warm up everything first

    def everything() -> None:
        assert repr(paper).startswith("<WhitePaper ")
        assert repr(paper.chapters).startswith("(Chapter(")
        hash(paper)
        assert cw.loads(cw.dumps(paper)) == paper
        assert cw.loads(yaml_text, format="yaml") == paper
        assert cw.from_dict(cw.to_dict(paper)) == paper

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 100)  # 100 frames above this test's own
    try:
        everything()
    finally:
        sys.setrecursionlimit(old)


def row_h3(tmp_path: Path) -> None:
    """A 1 GB file is refused by its size before a byte is read; a stream without end is cut at the limit."""
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:
        file.truncate(1024**3)  # sparse: takes no disk
    started = time.process_time()
    error = _limit_error(lambda: cw.load(huge), "max_bytes")
    assert error.message == f"the file has {1024**3} bytes (limit max_bytes={LIMITS.max_bytes})"
    assert time.process_time() - started < 5  # nothing was read (CPU seconds)
    # JSON Lines reads a line at a time, each cut at the limit: a file with no newline ends there.
    error = _limit_error(lambda: list(cw.iter_jsonl(huge)), "max_bytes")
    assert (error.message, error.line) == (
        f"line 1 is too long (limit max_bytes={LIMITS.max_bytes})",
        1,
    )
    # What never ends is never read: /dev/zero and FIFOs are not regular files (row K6).
    for path in ("/dev/zero", tmp_path / "fifo.json"):
        if path != "/dev/zero":
            os.mkfifo(path)
        with pytest.raises(OSError, match="not a regular file") as caught:
            cw.load(path) if str(path).endswith(".json") else list(cw.iter_jsonl(path))
        assert caught.value.filename == str(path)


def row_h4(tmp_path: Path) -> None:
    """Millions of small items within the size limit: a LimitError naming the array, before model work."""
    del tmp_path
    items = 1_000_000
    text = '{"id": "x", "languages": [' + ",".join(['"en"'] * items) + "]}"
    assert len(text) < LIMITS.max_bytes
    error = _limit_error(lambda: cw.loads(text), "max_array_items")
    assert error.message == (
        f"the array at $.languages has {items} items (limit max_array_items={LIMITS.max_array_items})"
    )
    # Spread over many arrays, each within its limit, the whole is over the limit of values.
    chunks = [[0] * 90_000 for _ in range(12)]
    error = _limit_error(lambda: cw.loads(json.dumps(chunks), type=cw.LocalizedText), "max_nodes")
    assert error.message == (
        f"the input has over {LIMITS.max_nodes} values (limit max_nodes={LIMITS.max_nodes})"
    )
    error = _limit_error(lambda: cw.from_dict(chunks, type=cw.LocalizedText), "max_nodes")


def row_h5(tmp_path: Path) -> None:
    """A huge digit string is refused by length before int() sees it; pattern checks bound input first."""
    del tmp_path
    digits = "9" * 100_000
    for text, form in ((f'{{"number": {digits}}}', "json"), (f"number: {digits}\n", "yaml")):
        error = _limit_error(
            lambda text=text, form=form: cw.loads(text, type=cw.Item, format=form),
            "max_integer_digits",
        )
        assert error.message == "an integer has 100000 digits (limit max_integer_digits=18)"
        assert error.line == 1
        assert text[error.column - 1 : error.column + 2] == "999"
    error = _limit_error(
        lambda: list(cw.iter_jsonl(io.BytesIO(f'{{"number": -{digits}}}'.encode()), type=cw.Item)),
        "max_integer_digits",
    )
    assert (error.line, error.column) == (1, 12)
    number = "0." + "1" * 100_000
    error = _limit_error(lambda: cw.loads(f'{{"value": {number}}}', type=cw.Statistic), "max_number_length")
    assert (error.line, error.column) == (1, 11)
    # A 1 MiB identifier or URL fails on its length, not after a long regular-expression match.
    long = "a" * 100_000
    started = time.process_time()
    for field, value in (("id", long), ("url", "https://" + long)):
        with pytest.raises(cw.ValidationError) as caught:
            cw.from_dict(
                {
                    "id": "s",
                    "title": {"en": "t"},
                    "kind": "reference",
                    "url": "https://example.org/",
                    "language": "en",
                    field: value,
                },
                type=cw.Source,
            )
        assert [(p.path, p.code) for p in caught.value.problems] == [(f"$.{field}", "pattern")]
    assert time.process_time() - started < 5


def row_h6(tmp_path: Path) -> None:
    """A YAML alias bomb (nine levels of nine: 43 million leaves in 300 bytes) is refused at its anchor."""
    del tmp_path
    lines = ["a0: &a0 [x,x,x,x,x,x,x,x,x]"]
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    bomb = "\n".join(lines) + "\n"
    assert len(bomb) < 400
    started = time.process_time()
    with pytest.raises(cw.LoadError) as caught:
        cw.loads(bomb, format="yaml")
    assert time.process_time() - started < 1
    assert type(caught.value) is cw.LoadError
    assert (caught.value.message, caught.value.line, caught.value.column) == (
        "anchors and aliases are not accepted",
        1,
        5,
    )


def _dangling_paper(count: int) -> dict[str, Any]:
    """A paper of ``count`` actors and ``count`` events, each event naming three actors that do not exist."""
    data = copy.deepcopy(MINI)
    data["actors"] += [
        {"id": f"actor-{i}", "name": {"en": f"Actor {i}"}, "kind": "person"} for i in range(count)
    ]
    data["events"] += [
        {
            "id": f"event-{i}",
            "date": "2015",
            "kind": "speech",
            "title": {"en": f"Event {i}"},
            "actors": [f"actor-x{i}-{j}" for j in range(3)],
        }
        for i in range(count)
    ]
    return data


def _problems(call: Callable[[], Any], omitted: int) -> Iterator[tuple[str, str, str]]:
    error = raised(cw.ValidationError, call)
    assert (len(error.problems), error.omitted) == (100, omitted)
    assert str(error).endswith(f"\nand {omitted} more")
    yield from problem_triples(error)


def row_h7(tmp_path: Path) -> None:
    """A hundred thousand bad items give 100 problems and a count; checking stops after 1,000 failures."""
    del tmp_path
    bad = {**MINI, "languages": [0] * 100_000}
    for load in (lambda: cw.loads(json.dumps(bad)), lambda: cw.from_dict(bad)):
        started = time.process_time()
        problems = list(_problems(load, omitted=901))
        assert time.process_time() - started < 5
        assert problems == [
            ("$.languages", "not-checked", "checking stopped: 99000 more items not checked"),
            *((f"$.languages[{i}]", "type", "expected string, got integer 0") for i in range(99)),
        ]
    # A hundred thousand unknown keys: 999 named, the rest counted, none compared for a hint.
    keys = {f"k{i:06d}": 0 for i in range(100_000)}
    problems = list(_problems(lambda: cw.loads(json.dumps({**MINI, **keys})), omitted=900))
    assert problems[0] == ("$", "unknown-key", "and 99001 more unknown keys")
    assert problems[1:] == [(f"$.k{i:06d}", "unknown-key", f"unknown key 'k{i:06d}'") for i in range(99)]
    # Thousands of dangling references among thousands of ids: the "did you mean"
    # hints stop at their budget instead of comparing every pair (minutes, before).
    data = _dangling_paper(3000)
    started = time.process_time()
    with pytest.raises(cw.ValidationError) as caught:
        cw.from_dict(data)
    assert time.process_time() - started < 30
    error = caught.value
    assert (len(error.problems), error.omitted) == (100, 8900)
    assert error.problems[0].message.startswith("unknown actor 'actor-x0-0' (did you mean 'actor-")
    assert error.problems[-1].message == "unknown actor 'actor-x33-0'"
    assert str(error).endswith("\nand 8900 more")


ROWS = catalogue_rows(row_h1, row_h2, row_h3, row_h4, row_h5, row_h6, row_h7)


class TestCatalogueH:
    @pytest.mark.parametrize("row", ROWS)
    def test_row(self, row: Callable[[Path], None], tmp_path: Path) -> None:
        """Each row of catalogue section H is refused as documented, within its limits, at its place."""
        row(tmp_path)
