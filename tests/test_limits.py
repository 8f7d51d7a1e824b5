"""Every limit of :class:`Limits`, at limit - 1, limit and limit + 1, in every format it applies to.

The method: one valid paper, whose extent is measured here independently of
the library (its size, depth, longest string, longest integer, longest
number, longest array, number of values), is loaded with each limit set to
its extent + 1 (the paper is at limit - 1), to its extent (at the limit), and
to its extent - 1 (limit + 1). The first two must load; the last must raise
:class:`LimitError` naming the limit and the value in force. Then the
defaults are checked the same way with inputs made to measure.

Formats: JSON as ``str`` and as ``bytes``, YAML, JSON Lines (the limits apply
to each line), files (``load``, whose size is checked with ``fstat`` before
reading) and plain data (``from_dict``; a limit on text does not apply to
data that is already Python objects, so only depth, string length, array
items and values do).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import cyberspace_whitepaper as cw

MINI = json.loads((Path(__file__).parent / "data" / "mini-paper.json").read_text("utf-8"))
# Two more figures, so that the longest integer and the longest decimal are not 1 character.
DATA: dict[str, Any] = {
    **MINI,
    "statistics": [
        *MINI["statistics"],
        {"id": "st2", "measure": {"en": "users"}, "value": 24000, "unit": "people", "scope": "China"},
        {"id": "st3", "measure": {"en": "share"}, "value": 0.125, "unit": "percent", "scope": "China"},
    ],
}
PAPER = cw.from_dict(DATA)
JSON_TEXT = json.dumps(DATA, ensure_ascii=False)
YAML_TEXT = cw.dumps(PAPER, format="yaml")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


# --- the paper's extent, measured without the library ----------------------------


def _values(data: Any, depth: int = 1) -> Iterator[tuple[Any, int]]:
    yield data, depth
    if type(data) is dict:
        for value in data.values():
            yield from _values(value, depth + 1)
    elif type(data) is list:
        for value in data:
            yield from _values(value, depth + 1)


def _extent(data: Any, text: str | None) -> dict[str, int]:
    values = list(_values(data))
    containers = [(v, d) for v, d in values if type(v) in (dict, list)]
    keys = [k for v, _ in containers if type(v) is dict for k in v]
    strings = [v for v, _ in values if type(v) is str] + keys
    extent = {
        "max_depth": max(d for _, d in containers),
        "max_string_length": max(map(len, strings)),
        "max_array_items": max(len(v) for v, _ in containers if type(v) is list),
        "max_nodes": len(values),
        "max_integer_digits": max(len(str(abs(v))) for v, _ in values if type(v) is int),
        "max_number_length": max(len(repr(v)) for v, _ in values if type(v) in (float, Decimal)),
    }
    if text is not None:
        extent["max_bytes"] = len(text)
    return extent


def test_the_paper_is_measured_as_the_library_reads_it() -> None:
    """The measured extents mean what the limits mean: no escapes, numbers as written, no value too short."""
    assert "\\" not in JSON_TEXT  # written length of every string is its length
    numbers = _NUMBER.findall(re.sub(r'"[^"]*"', '""', JSON_TEXT))
    written = max(len(n) for n in numbers if "." in n)
    assert written == _extent(DATA, JSON_TEXT)["max_number_length"]
    assert cw.loads(YAML_TEXT, format="yaml") == PAPER
    # Every extent is at least 2, so extent - 1 is still a valid limit.
    assert min(_extent(DATA, JSON_TEXT).values()) >= 2


# --- the loaders, one per format -------------------------------------------------------


def _json_str(limits: cw.Limits) -> Any:
    return cw.loads(JSON_TEXT, limits=limits)


def _json_bytes(limits: cw.Limits) -> Any:
    return cw.loads(JSON_TEXT.encode("utf-8"), limits=limits)


def _yaml(limits: cw.Limits) -> Any:
    return cw.loads(YAML_TEXT, format="yaml", limits=limits)


def _jsonl(limits: cw.Limits) -> Any:
    # The paper on line 2, after a blank line, with CRLF: the limits are per line.
    data = b"\r\n" + JSON_TEXT.encode("utf-8") + b"\r\n"
    return list(cw.iter_jsonl(io.BytesIO(data), limits=limits))


def _file(suffix: str, text: str) -> Callable[[cw.Limits, Path], Any]:
    def load(limits: cw.Limits, folder: Path) -> Any:
        path = folder / f"paper{suffix}"
        path.write_text(text, "utf-8")
        return cw.load(path, limits=limits)

    return load


def _from_dict(limits: cw.Limits) -> Any:
    return cw.from_dict(DATA, limits=limits)


#: format -> (loader, the extent it sees, the limits that apply to it)
ALL = {
    "max_bytes",
    "max_depth",
    "max_string_length",
    "max_integer_digits",
    "max_number_length",
    "max_array_items",
    "max_nodes",
}
FORMATS: dict[str, tuple[Callable[..., Any], dict[str, int], set[str]]] = {
    "json-str": (_json_str, _extent(DATA, JSON_TEXT), ALL),
    "json-bytes": (
        _json_bytes,
        {**_extent(DATA, None), "max_bytes": len(JSON_TEXT.encode("utf-8"))},
        ALL,
    ),
    # The YAML is written from the paper, so it holds every field, defaults included.
    "yaml": (_yaml, _extent(cw.to_dict(PAPER), YAML_TEXT), ALL),
    "jsonl": (
        _jsonl,
        {**_extent(DATA, None), "max_bytes": len(JSON_TEXT.encode("utf-8"))},
        ALL,
    ),
    "file-json": (
        _file(".json", JSON_TEXT),
        {**_extent(DATA, None), "max_bytes": len(JSON_TEXT.encode("utf-8"))},
        ALL,
    ),
    "file-yaml": (
        _file(".yaml", YAML_TEXT),
        {**_extent(cw.to_dict(PAPER), None), "max_bytes": len(YAML_TEXT.encode("utf-8"))},
        ALL,
    ),
    "from_dict": (
        _from_dict,
        _extent(DATA, None),
        {"max_depth", "max_string_length", "max_array_items", "max_nodes"},
    ),
}

CASES = [
    pytest.param(form, name, offset, id=f"{form}-{name}-{label}")
    for form, (_, _, names) in FORMATS.items()
    for name in sorted(names)
    for offset, label in ((1, "limit-1"), (0, "limit"), (-1, "limit+1"))
]


def _load(form: str, limits: cw.Limits, folder: Path) -> Any:
    loader = FORMATS[form][0]
    return loader(limits, folder) if form.startswith("file") else loader(limits)


class TestEveryLimitAtItsBoundary:
    @pytest.mark.parametrize(("form", "name", "offset"), CASES)
    def test_boundary(self, form: str, name: str, offset: int, tmp_path: Path) -> None:
        """At limit - 1 and at the limit the paper loads; at limit + 1 a LimitError names limit and value."""
        value = FORMATS[form][1][name] + offset
        limits = cw.Limits(**{name: value})
        if offset >= 0:
            loaded = _load(form, limits, tmp_path)
            assert (loaded[0] if isinstance(loaded, list) else loaded) == PAPER
            return
        with pytest.raises(cw.LimitError) as caught:
            _load(form, limits, tmp_path)
        error = caught.value
        assert (error.limit, error.value) == (name, value)
        assert error.message.endswith(f" (limit {name}={value})")
        if form == "jsonl":
            assert error.line == 2

    def test_every_limit_is_tested(self) -> None:
        """Each field of Limits appears in the boundary tests of every text format, so none goes untested."""
        fields = {field.name for field in attrs.fields(cw.Limits)}
        assert fields == ALL
        for form, (_, extent, names) in FORMATS.items():
            assert names <= set(extent), form


class TestDefaults:
    def test_defaults(self) -> None:
        """The defaults are the documented ones."""
        assert (
            cw.Limits(
                max_bytes=16 * 1024 * 1024,
                max_depth=64,
                max_string_length=1024 * 1024,
                max_integer_digits=18,
                max_number_length=100,
                max_array_items=100_000,
                max_nodes=1_000_000,
            )
            == cw.DEFAULT_LIMITS
        )

    def test_one_is_a_limit(self) -> None:
        """The smallest limit, 1, is accepted for every field."""
        for name in ALL:
            assert getattr(cw.Limits(**{name: 1}), name) == 1

    @pytest.mark.parametrize("value", [0, -1, True, 1.5, "64", None])
    def test_limits_are_positive_ints(self, value: object) -> None:
        """A limit that is not a positive int (never a bool) is refused when the Limits is made."""
        for name in ALL:
            message = f"Limits.{name} must be a positive int, got {value!r}"
            with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
                cw.Limits(**{name: value})


def _over(call: Callable[[], Any], name: str, value: int) -> cw.LimitError:
    with pytest.raises(cw.LimitError) as caught:
        call()
    assert (caught.value.limit, caught.value.value) == (name, value)
    return caught.value


def _not_over(call: Callable[[], Any]) -> None:
    # Not a LimitError: the input may still be refused, for what it is, by the model.
    try:
        call()
    except cw.LimitError as error:  # pragma: no cover - the failure being tested for
        pytest.fail(f"unexpected {error!r}")
    except (cw.LoadError, cw.ValidationError):
        pass


class TestDefaultBoundaries:
    """Each default at limit - 1, limit and limit + 1, with inputs made to measure."""

    def test_max_bytes(self) -> None:
        """16 MiB of input is read; one byte (or character) more is a LimitError before parsing."""
        limit = cw.DEFAULT_LIMITS.max_bytes
        for size in (limit - 1, limit):
            text = "[" + " " * (size - 2) + "]"
            _not_over(lambda text=text: cw.loads(text))
            _not_over(lambda text=text: cw.loads(text.encode()))
        text = "[" + " " * (limit - 1) + "]"
        error = _over(lambda: cw.loads(text), "max_bytes", limit)
        assert error.message == f"the input has {limit + 1} characters (limit max_bytes={limit})"
        error = _over(lambda: cw.loads(text.encode()), "max_bytes", limit)
        assert error.message == f"the input has {limit + 1} bytes (limit max_bytes={limit})"

    def test_max_depth(self) -> None:
        """64 levels of nesting are parsed; 65 are a LimitError, in JSON, YAML, JSON Lines and plain data."""
        for depth in (63, 64):
            _not_over(lambda depth=depth: cw.loads("[" * depth + "]" * depth))
            _not_over(lambda depth=depth: cw.loads("[" * depth + "]" * depth, format="yaml"))
            data: Any = []
            for _ in range(depth - 1):
                data = [data]
            _not_over(lambda data=data: cw.from_dict(data))
        _over(lambda: cw.loads("[" * 65 + "]" * 65), "max_depth", 64)
        _over(lambda: cw.loads("[" * 65 + "]" * 65, format="yaml"), "max_depth", 64)
        _over(lambda: list(cw.iter_jsonl(io.BytesIO(b"[" * 65 + b"]" * 65))), "max_depth", 64)
        data = []
        for _ in range(64):
            data = [data]
        _over(lambda: cw.from_dict(data), "max_depth", 64)

    def test_max_string_length(self) -> None:
        """A string of 1 MiB characters is taken; one more is a LimitError at the string's start."""
        limit = cw.DEFAULT_LIMITS.max_string_length
        for length in (limit - 1, limit):
            summary = "x" * length
            paper = cw.loads(json.dumps({**MINI, "summary": summary}))
            assert paper.summary == summary
            assert cw.from_dict({**MINI, "summary": summary}).summary == summary
        text = json.dumps({**MINI, "summary": "x" * (limit + 1)})
        error = _over(lambda: cw.loads(text), "max_string_length", limit)
        assert (error.line, text[error.column - 1 : error.column + 3]) == (1, '"xxx')
        _over(lambda: cw.loads(text, format="yaml"), "max_string_length", limit)
        _over(
            lambda: cw.from_dict({**MINI, "summary": "x" * (limit + 1)}),
            "max_string_length",
            limit,
        )

    def test_max_integer_digits(self) -> None:
        """An integer of 18 digits is converted; one of 19 is a LimitError at the number."""
        for digits in (17, 18):
            number = "9" * digits
            _not_over(lambda number=number: cw.loads(f'{{"number": {number}}}', type=cw.Item))
            _not_over(lambda number=number: cw.loads(f"number: {number}", type=cw.Item, format="yaml"))
        for text, form in (('{"number": -' + "9" * 19 + "}", "json"), ("number: " + "9" * 19, "yaml")):
            error = _over(
                lambda text=text, form=form: cw.loads(text, type=cw.Item, format=form),
                "max_integer_digits",
                18,
            )
            assert error.message == "an integer has 19 digits (limit max_integer_digits=18)"
            assert error.line == 1
            assert text[error.column - 1 :].lstrip("-").startswith("9")

    def test_max_number_length(self) -> None:
        """A number of 100 characters is read; one of 101 is a LimitError at the number."""
        for length in (99, 100):
            number = "0." + "0" * (length - 3) + "1"
            _not_over(lambda number=number: cw.loads(f'{{"value": {number}}}', type=cw.Statistic))
        number = "0." + "0" * 98 + "1"
        text = f'{{"value": {number}}}'
        error = _over(lambda: cw.loads(text, type=cw.Statistic), "max_number_length", 100)
        assert error.message == "a number has 101 characters (limit max_number_length=100)"
        assert (error.line, error.column) == (1, 11)

    def test_max_array_items(self) -> None:
        """An array of 100,000 items is structured; one of 100,001 is a LimitError naming the array."""
        limit = cw.DEFAULT_LIMITS.max_array_items
        for count in (limit - 1, limit):
            text = json.dumps({**MINI, "languages": ["en"] * count})
            _not_over(lambda text=text: cw.loads(text))
        text = json.dumps({**MINI, "languages": ["en"] * (limit + 1)})
        error = _over(lambda: cw.loads(text), "max_array_items", limit)
        assert error.message == (
            f"the array at $.languages has {limit + 1} items (limit max_array_items={limit})"
        )
        error = _over(
            lambda: cw.from_dict({**MINI, "languages": ["en"] * (limit + 1)}),
            "max_array_items",
            limit,
        )

    def test_array_limit_names_nested_arrays(self) -> None:
        """An array over the limit inside other arrays is named by its whole path."""
        data = {**MINI, "chapters": [MINI["chapters"][0], {**MINI["chapters"][0], "sections": [{}] * 4}]}
        limits = cw.Limits(max_array_items=3)
        for load in (
            lambda: cw.from_dict(data, limits=limits),
            lambda: cw.loads(json.dumps(data), limits=limits),
        ):
            error = _over(load, "max_array_items", 3)
            assert (
                error.message == "the array at $.chapters[1].sections has 4 items (limit max_array_items=3)"
            )

    def test_counts_of_a_bare_value(self) -> None:
        """A document that is one string or number is one value: never taken for an array."""
        limits = cw.Limits(max_array_items=2, max_nodes=2)
        for value in ("a long string, longer than any limit here", 12345, None, True):
            with pytest.raises(cw.ValidationError):
                cw.from_dict(value, limits=limits)
            with pytest.raises(cw.ValidationError):
                cw.loads(json.dumps(value), limits=limits)

    def test_max_nodes(self) -> None:
        """An input of 1,000,000 values is parsed; 1,000,001 are a LimitError before any model work."""
        limit = cw.DEFAULT_LIMITS.max_nodes
        chunk = [0] * 99_999  # each chunk is 100,000 values with its array

        def text(values: int) -> str:
            # 10 chunks make 1,000,000 values plus the top array; trim or grow the last.
            chunks = [list(chunk) for _ in range(10)]
            chunks[-1] = chunks[-1][: len(chunks[-1]) + values - (10 * 100_000 + 1)]
            return json.dumps(chunks)

        for values in (limit - 1, limit):
            _not_over(lambda values=values: cw.loads(text(values), type=cw.LocalizedText))
        error = _over(lambda: cw.loads(text(limit + 1), type=cw.LocalizedText), "max_nodes", limit)
        assert error.message == f"the input has over {limit} values (limit max_nodes={limit})"


class TestValuesCountedBeforeParsing:
    @pytest.mark.parametrize("unit", ["0", "[0]", "{}", "[]", '""', '{"a": 1}'])
    def test_over_twice_max_nodes_values_are_refused_unparsed(self, monkeypatch: Any, unit: str) -> None:
        """A text of many small values is refused as max_nodes before it is parsed, whatever the values."""
        from cyberspace_whitepaper import _fastjson, _jsontext

        parsed: list[str] = []
        monkeypatch.setattr(_jsontext, "_decode", lambda text, hooks: parsed.append(text))
        monkeypatch.setattr(_fastjson, "USE_ORJSON", False)  # the strict path alone
        limits = cw.Limits(max_nodes=10)
        text = "[" + ", ".join([unit] * 21) + "]"  # 22 values at least: over twice 10
        with pytest.raises(cw.LimitError) as caught:
            cw.loads(text, limits=limits)
        assert (caught.value.limit, caught.value.value) == ("max_nodes", 10)
        assert str(caught.value) == "the input has over 10 values (limit max_nodes=10)"
        assert parsed == []

    def test_millions_of_strings_are_refused_before_they_are_taken_out(self, monkeypatch: Any) -> None:
        """Strings counted from their quotes: a text of too many is refused before any string is read."""
        from cyberspace_whitepaper import _fastjson, _jsontext

        read: list[str] = []

        class Recording:
            def finditer(self, text: str) -> Any:
                read.append("finditer")
                return iter(())

            def sub(self, replacement: str, text: str) -> str:
                read.append("sub")
                return text

        monkeypatch.setattr(_jsontext, "_STRING", Recording())
        monkeypatch.setattr(_fastjson, "USE_ORJSON", False)
        text = "[" + ",".join(['""'] * 45) + "]"  # 45 strings: over four times 10, in over 80 characters
        with pytest.raises(cw.LimitError) as caught:
            cw.loads(text, limits=cw.Limits(max_nodes=10))
        assert str(caught.value) == "the input has over 10 values (limit max_nodes=10)"
        assert read == []

    def test_up_to_twice_max_nodes_the_array_is_named(self) -> None:
        """Below twice the limit the text is parsed, so the error names the array that is too long."""
        limits = cw.Limits(max_nodes=10, max_array_items=5)
        with pytest.raises(cw.LimitError) as caught:
            cw.loads("[" + ",".join(["0"] * 19) + "]", limits=limits)
        assert str(caught.value) == "the array at $ has 19 items (limit max_array_items=5)"
