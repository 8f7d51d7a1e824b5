"""Catalogue section J (TOML and JSON Lines).

One test case per row of ``shared/reference/bad-inputs.md`` section J, with the
row's id as its pytest id. The library reads no TOML, so the two TOML rows are
tested at the nearest real behaviour:

- J1 (TOML ``nan``/``inf`` and native datetimes): the same strictness in JSON
  Lines records, where NaN and Infinity are syntax errors located by line and
  column, and a date is only ever a string the date type reads.
- J2 (``tomllib`` given ``str`` where it wants bytes): ``loads`` takes ``str``
  and ``bytes`` alike, and a caller's wrong argument type is a ``TypeError``
  with a clear message from our own API, never an ``AttributeError`` from
  inside it.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import cyberspace_whitepaper as cw

from ._support import catalogue_rows, raised

EVENT = {"id": "e1", "date": "2015-12-16", "kind": "speech", "title": {"en": "Speech"}}
STATISTIC = {"id": "s1", "measure": {"en": "m"}, "value": 1.5, "unit": "people", "scope": "x"}


def _line(record: dict[str, Any], **changes: Any) -> bytes:
    return json.dumps({**record, **changes}, ensure_ascii=False).encode("utf-8")


def _read(data: bytes, type_: type = cw.Event) -> list[Any]:
    return list(cw.iter_jsonl(io.BytesIO(data), type=type_))


def _load_error(data: bytes, type_: type = cw.Event) -> cw.LoadError:
    return raised(cw.LoadError, lambda: _read(data, type_))


def _problems(data: bytes, type_: type = cw.Event) -> list[tuple[int | None, str, str, str]]:
    error = raised(cw.ValidationError, lambda: _read(data, type_))
    return [(p.line, p.path, p.code, p.message) for p in error.problems]


def row_j1(tmp_path: Path) -> None:
    """Nearest to J1: non-finite numbers in a record are syntax errors at their line and column."""
    del tmp_path
    good = _line(STATISTIC)
    for token in ("NaN", "Infinity", "-Infinity"):
        bad = good.replace(b"1.5", token.encode())
        error = _load_error(good + b"\n" + bad + b"\n", cw.Statistic)
        assert (error.message, error.line) == (f"{token} is not JSON", 2)
        assert bad[error.column - 1 :].startswith(token.encode())
    # A number too large for a double is not silently infinity: the model refuses it.
    huge = good.replace(b"1.5", b"1e400")
    assert _problems(good + b"\n" + huge, cw.Statistic) == [
        (2, "$.value", "range", "must lie between 1e-15 and 1e16, got 1E+400")
    ]
    # A date is a string that the date type reads; no native datetime ever appears.
    assert _problems(_line(EVENT, date="2015-12-16T00:00:00")) == [
        (
            1,
            "$.date",
            "pattern",
            "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '2015-12-16T00:00:00'",
        )
    ]


def row_j2(tmp_path: Path) -> None:
    """Nearest to J2: str and bytes load alike; a wrong argument type is a clear TypeError."""
    text = json.dumps({"en": "x", "zh": "文"}, ensure_ascii=False)
    assert cw.loads(text, type=cw.LocalizedText) == cw.loads(text.encode("utf-8"), type=cw.LocalizedText)
    for wrong in (5, bytearray(b"{}"), memoryview(b"{}"), tmp_path / "x.json", None):
        with pytest.raises(TypeError) as caught:
            cw.loads(wrong, type=cw.LocalizedText)  # type: ignore[call-overload]
        assert str(caught.value) == f"loads() takes str or bytes, got {type(wrong).__name__}"
    for wrong in (5, b"{}\n", io.StringIO("{}\n")):
        with pytest.raises(TypeError) as caught:
            list(cw.iter_jsonl(wrong, type=cw.Event))  # type: ignore[call-overload]
        assert str(caught.value) == (
            f"iter_jsonl() takes a path or a binary stream (open files with 'rb'), got {type(wrong).__name__}"
        )
    text_file = tmp_path / "events.jsonl"
    text_file.write_bytes(_line(EVENT) + b"\n")
    with text_file.open(encoding="utf-8") as opened, pytest.raises(TypeError) as caught:
        list(cw.iter_jsonl(opened, type=cw.Event))  # type: ignore[call-overload]
    assert str(caught.value).endswith("got TextIOWrapper")
    # A single record is read with load(), as the class asked for.
    single = tmp_path / "event.json"
    single.write_bytes(_line(EVENT))
    assert cw.load(single, type=cw.Event).id == "e1"
    # The same file opened in binary, or named by its path, reads fine.
    with text_file.open("rb") as opened:
        assert [e.id for e in cw.iter_jsonl(opened, type=cw.Event)] == ["e1"]
    assert [e.id for e in cw.iter_jsonl(text_file, type=cw.Event)] == ["e1"]
    message = "format must be 'json' or 'yaml', got 'toml'"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        cw.loads(text, type=cw.LocalizedText, format="toml")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        cw.dumps(cw.LocalizedText(en="x"), format="toml")  # type: ignore[arg-type]


def row_j3(tmp_path: Path) -> None:
    """Blank lines skipped but counted, CRLF and a first-line BOM accepted, a cut last line located."""
    del tmp_path
    one, two = _line(EVENT, id="a"), _line(EVENT, id="b")
    for data in (
        one + b"\n\n" + two + b"\n",
        one + b"\r\n" + two + b"\r\n",
        b"\xef\xbb\xbf" + one + b"\n" + two,  # a BOM, and no newline at the very end
        b"\n  \n\t\n" + one + b"\n" + two + b"\n\n",
        one + b"\r\n\r\n" + two,
    ):
        assert [event.id for event in _read(data)] == ["a", "b"]
    # Blank lines count in the numbering, so the error names the line an editor shows.
    bad = _line(EVENT, id="c", kind="speach")
    assert [p[:2] for p in _problems(one + b"\n\n\r\n" + bad + b"\n")] == [(4, "$.kind")]
    # A last line cut short is a syntax error on that line, at the place the text stops.
    cut = two[:25]
    error = _load_error(one + b"\n\n" + cut)
    assert (error.line, error.column) == (3, cut.index(b'"2015') + 1)
    assert error.message == "Unterminated string starting"
    error = _load_error(one + b"\n" + two[:-1])
    assert (error.line, error.message) == (2, "Expecting ',' delimiter")
    # A carriage return alone is not a line break: two records on one line are extra data.
    error = _load_error(one + b"\r" + two + b"\n")
    assert (error.line, error.column, error.message) == (1, len(one) + 2, "Extra data")
    # A byte order mark starts the file or nothing: on a later line it is refused, located.
    error = _load_error(one + b"\n\xef\xbb\xbf" + two + b"\n")
    assert (error.line, error.column) == (2, 1)
    assert error.message == "a byte order mark is allowed only at the start of the file"


def row_j4(tmp_path: Path) -> None:
    """Lines split on ``\\n`` only: U+2028, U+2029 and U+0085 inside a string never split a record."""
    del tmp_path
    title = "Speech\u2028two\u2029three"
    raw = _line(EVENT, title={"en": title})
    assert "\u2028".encode() in raw  # written raw, not escaped
    assert [event.title.en for event in _read(raw + b"\n" + raw.replace(b"e1", b"e2"))] == [
        title,
        title,
    ]
    # U+0085 (NEL) is a line break to str.splitlines; here the record stays whole, and the
    # model then refuses the C1 control character at its path, on line 1.
    nel = _line(EVENT, title={"en": "a\u0085b"})
    assert "\u0085".encode() in nel
    assert _problems(nel + b"\n") == [
        (1, "$.title.en", "character", "must not contain the character U+0085: 'a\\x85b'")
    ]
    # Form feed and vertical tab are not line breaks either (str.splitlines splits on both).
    for control in (b"\x0c", b"\x0b"):
        error = _load_error(_line(EVENT) + control + _line(EVENT) + b"\n")
        assert (error.line, error.column) == (1, len(_line(EVENT)) + 1)


def row_j5(tmp_path: Path) -> None:
    """One bad line among 10,000 is named by its line number and the path inside it."""
    del tmp_path
    lines = [_line(EVENT, id=f"e{i}") for i in range(10_000)]
    bad_index = 7345
    lines[bad_index] = _line(EVENT, id="e7345", kind="speach")
    data = b"\n".join(lines) + b"\n"
    assert _problems(data) == [
        (
            7346,
            "$.kind",
            "enum",
            (
                "'speach' is not one of 'publication', 'press-conference', 'conference', 'speech', "
                "'law', 'initiative', 'party-congress', 'founding', 'milestone', 'media-coverage' "
                "(did you mean 'speech'?)"
            ),
        )
    ]
    # The records before it were yielded, one at a time; tuple() gives all or nothing.
    seen = []
    events = cw.iter_jsonl(io.BytesIO(data), type=cw.Event)
    seen.extend(next(events).id for _ in range(bad_index))
    with pytest.raises(cw.ValidationError):
        next(events)
    assert len(seen) == bad_index
    with pytest.raises(cw.ValidationError):
        tuple(cw.iter_jsonl(io.BytesIO(data), type=cw.Event))
    # A record with more problems than an error shows keeps the count of the rest.
    many = _line(EVENT, id="e7345", actors=[0] * 150)
    with pytest.raises(cw.ValidationError) as caught:
        _read(b"\n".join([*lines[:bad_index], many]))
    assert (len(caught.value.problems), caught.value.omitted) == (100, 50)
    assert {p.line for p in caught.value.problems} == {7346}
    assert str(caught.value).endswith("\nand 50 more")
    # So does one with more duplicate keys than an error shows.
    duplicated = ("{" + ",".join(f'"k{i % 150}": 1' for i in range(300)) + "}").encode()
    with pytest.raises(cw.ValidationError) as caught:
        _read(b"\n" + duplicated)
    assert (len(caught.value.problems), caught.value.omitted) == (100, 50)
    assert caught.value.problems[0].line == 2
    # A syntax error is located the same way.
    lines[bad_index] = b'{"id": "e7345", "date": }'
    error = _load_error(b"\n".join(lines))
    assert (error.line, error.column, error.message) == (7346, 25, "Expecting value")
    # And so is a limit, whose message names the limit once.
    lines[bad_index] = b"[" * 70
    error = _load_error(b"\n".join(lines))
    assert isinstance(error, cw.LimitError)
    assert str(error) == "line 7346, column 65: the input is nested too deeply (limit max_depth=64)"


ROWS = catalogue_rows(row_j1, row_j2, row_j3, row_j4, row_j5)


class TestCatalogueJ:
    @pytest.mark.parametrize("row", ROWS)
    def test_row(self, row: Callable[[Path], None], tmp_path: Path) -> None:
        """Each row of catalogue section J gets the documented error at the documented place."""
        row(tmp_path)
