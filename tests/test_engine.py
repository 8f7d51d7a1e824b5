"""The one reader and writer (``_engine``), and the JSON fast path in front of it.

The fast reader is generated from the model's shape and puts the fields'
own tests inline; the detailed path (the cattrs converter) runs every
validator and explains. The one way the fast reader can go wrong is to
accept what the detailed path rejects, or to build a different object; the
tests here compare the two on valid data and on data broken in the ways the
model checks. (``tests/conftest.py`` also turns on ``CHECK_FALLBACKS``, so
every load in every test fails loudly if the fast reader rejects what the
detailed path accepts.)
"""

from __future__ import annotations

import contextlib
import copy
import gc
import json
import linecache
import traceback
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA
from cyberspace_whitepaper import (
    Event,
    Locator,
    WhitePaper,
    _engine,
    _fastjson,
    converters,
    dump_jsonl,
    dumpb,
    dumps,
    iter_jsonl,
    load_white_paper,
    loads,
)
from cyberspace_whitepaper._limits import Limits, might_exceed_nodes
from cyberspace_whitepaper.errors import ValidationError
from cyberspace_whitepaper.model import MODEL_CLASSES, PartialDate
from cyberspace_whitepaper.model._shape import Kind, model_classes, shape_of, walk
from cyberspace_whitepaper.strategies import white_papers

STRUCTURED = [cls for cls in MODEL_CLASSES if cls not in (PartialDate, Locator)]
MINI_TEXT = (DATA / "mini-paper.json").read_text(encoding="utf-8")
BUNDLED = load_white_paper()
SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Values that break one check or another of the model, and some that pass.
TRICKY: list[Any] = [
    "", " ", "x ", " x", "a\x00b", "a\u202eb", "a\ud800b", "x\n", "a\tb", "Xx", "x-", "-x", "a--b",
    "a" * 65, "I.99", "IIII", "I.0", "IV.10", "preface", "conclusion", "2022-02-30", "2022-13",
    "0000", "2022-1-1", "2020-02-29", "https://example", "http://a.b/ c", "https://a.b/\x7f",
    "en", "EN", "zh-Hans", "confirmed", "basic", "speech", "one", "percent", "trillion",
    0, 1, -1, 2, 999, 1000, 3999, 4000, 9999, 10000, 10**16, True, False, None,
    1.5, 1.0, -0.5, 100.5, 1e-5, float("nan"), float("inf"), Decimal("39.8"), Decimal("NaN"),
    Decimal("1.0000000000000001"), Decimal("1e1000000"), [], {}, ["x"], ["a", "a"], ["en"], {"en": "x"},
]  # fmt: skip


def _plain(obj: Any) -> Any:
    """Plain data for ``obj`` as the cattrs converter writes it (not the engine's writer)."""
    return converters.converter.unstructure(obj, unstructure_as=type(obj))


def _fast(plain: Any, cls: type) -> tuple[str, Any]:
    try:
        return "ok", _engine.read(plain, cls)
    except _engine.RejectError:
        return "rejected", None
    except _engine.DeclineError:
        return "declined", None


def _detailed(plain: Any, cls: type) -> tuple[str, Any]:
    try:
        return "ok", converters.structure(plain, cls)
    except ValidationError:
        return "rejected", None


def _places(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in plain data, depth first."""
    found: list[tuple[Any, Any]] = []
    items = value.items() if type(value) is dict else enumerate(value) if type(value) is list else ()
    for key, item in items:
        found.append((value, key))
        found.extend(_places(item))
    return found


def _parsed(data: bytes, limits: Limits) -> Any:
    """The plain data orjson's path gives for a paper's text, or None where it proves nothing."""
    parse = _fastjson.parser(WhitePaper, limits)
    return None if parse is None else parse(data)


def _assert_alike(plain: Any, cls: type) -> None:
    """The fast reader and the detailed path accept alike, build equal objects, or both refuse."""
    fast, detailed = _fast(copy.deepcopy(plain), cls), _detailed(copy.deepcopy(plain), cls)
    if fast[0] == "declined":
        return
    assert fast[0] == detailed[0], (fast, detailed)
    assert fast[1] == detailed[1]


class TestReaderAgreesWithTheDetailedPath:
    @pytest.mark.parametrize("paper", [loads(MINI_TEXT), BUNDLED], ids=["mini", "bundled"])
    def test_known_papers_build_equal_objects(self, paper: WhitePaper) -> None:
        """For the mini and the bundled paper, the fast reader builds what the converter builds."""
        plain = _plain(paper)
        assert _engine.read(plain, WhitePaper) == converters.structure(plain, WhitePaper) == paper

    @SLOW
    @given(paper=white_papers())
    def test_generated_papers_build_equal_objects(self, paper: WhitePaper) -> None:
        """For any valid paper, the fast reader builds an object equal to the original."""
        assert _engine.read(_plain(paper), WhitePaper) == paper

    @SLOW
    @given(data=st.data(), cls=st.sampled_from(STRUCTURED))
    def test_every_class_builds_equal_objects(self, data: st.DataObject, cls: type) -> None:
        """For a valid object of any model class, the fast reader builds an equal one."""
        obj = data.draw(st.from_type(cls))
        assert _engine.read(_plain(obj), cls) == obj

    @SLOW
    @given(data=st.data(), cls=st.sampled_from(STRUCTURED))
    def test_fields_left_out_read_as_their_defaults(self, data: st.DataObject, cls: type) -> None:
        """Data that leaves out fields holding their defaults (as other writers do) builds the same object."""
        obj = data.draw(st.from_type(cls))
        plain = _plain(obj)
        for shape in shape_of(cls):
            if not shape.required and getattr(obj, shape.name) == shape.default and data.draw(st.booleans()):
                del plain[shape.name]
        assert _engine.read(copy.deepcopy(plain), cls) == obj
        _assert_alike(plain, cls)

    @settings(SLOW, max_examples=400)
    @given(data=st.data(), paper=white_papers(max_events=3, max_actors=3), how=st.integers(0, 4))
    def test_broken_papers_are_refused_alike(self, data: st.DataObject, paper: WhitePaper, how: int) -> None:
        """A paper with one value changed, or a key added or removed, is accepted by both paths or neither."""
        plain = _plain(paper)
        places = _places(plain)
        container, key = data.draw(st.sampled_from(places))
        lists = [(c, k) for c, k in places if type(c[k]) is list and c[k] and type(c[k][0]) is str]
        if how == 0 and type(container) is dict:
            del container[key]
        elif how == 1 and type(container) is dict:
            container[data.draw(st.sampled_from(["extra", "Id", "ids", "note", "zh", "end"]))] = "x"
        elif how == 2 and lists:
            container, key = data.draw(st.sampled_from(lists))
            container[key].append(container[key][0])  # a repeated id or tag where none may repeat
        else:
            container[key] = copy.deepcopy(data.draw(st.sampled_from(TRICKY)))
        _assert_alike(plain, WhitePaper)

    @settings(SLOW, max_examples=400)
    @given(data=st.data(), cls=st.sampled_from(STRUCTURED))
    def test_broken_objects_are_refused_alike(self, data: st.DataObject, cls: type) -> None:
        """An object of any class with one value replaced is accepted by both paths alike, or by neither."""
        plain = _plain(data.draw(st.from_type(cls)))
        places = _places(plain)
        if places:
            container, key = data.draw(st.sampled_from(places))
            container[key] = copy.deepcopy(data.draw(st.sampled_from(TRICKY)))
        _assert_alike(plain, cls)

    def test_a_string_past_the_readers_bound_is_declined_and_read_in_detail(self) -> None:
        """A summary longer than the fast reader takes is declined, and the detailed path accepts it."""
        plain = _plain(loads(MINI_TEXT))
        plain["summary"] = "x" * (_engine.MAX_STRING + 1)
        assert _fast(plain, WhitePaper)[0] == "declined"
        assert _engine.structure(plain, WhitePaper).summary == plain["summary"]

    def test_a_date_or_locator_alone_is_read_from_its_text(self) -> None:
        """type=PartialDate and type=Locator read the text form, as the converter's hooks do."""
        assert _engine.read("2022-11", PartialDate) == PartialDate(year=2022, month=11)
        assert _engine.read("III.1(2)", Locator) == Locator(chapter=3, section=1, item=2)
        with pytest.raises(_engine.RejectError):
            _engine.read({"year": 2022}, PartialDate)


class TestFallbacksAreChecked:
    def test_a_rejection_the_detailed_path_overrules_is_an_error(self, monkeypatch: Any) -> None:
        """With CHECK_FALLBACKS (on in the tests), a fast-path rejection of valid data raises."""

        def refuse(_data: Any) -> Any:
            raise _engine.RejectError

        monkeypatch.setattr(_engine, "reader", lambda _cls: refuse)
        with pytest.raises(AssertionError, match="the fast reader rejected a WhitePaper"):
            loads(MINI_TEXT)
        monkeypatch.setattr(_engine, "CHECK_FALLBACKS", False)
        assert loads(MINI_TEXT) == loads(dumps(loads(MINI_TEXT)))

    def test_an_unexpected_error_in_the_reader_surfaces(self, monkeypatch: Any) -> None:
        """A bug in the fast reader (any exception but the checks' own) is never taken for bad data."""

        def broken(_data: Any) -> Any:
            raise AttributeError("a bug")

        monkeypatch.setattr(_engine, "reader", lambda _cls: broken)
        with pytest.raises(AttributeError, match="a bug"):
            loads(MINI_TEXT)


class TestWriter:
    @SLOW
    @given(paper=white_papers())
    def test_papers_give_the_converters_plain_data(self, paper: WhitePaper) -> None:
        """The writer writes a paper as the same plain data as the converter, in key order."""
        assert json.dumps(_engine.writer(WhitePaper)(paper)) == json.dumps(_plain(paper))

    @SLOW
    @given(data=st.data(), cls=st.sampled_from(STRUCTURED))
    def test_every_class_gives_the_converters_plain_data(self, data: st.DataObject, cls: type) -> None:
        """For an object of any model class, the writer writes the plain data the converter writes."""
        obj = data.draw(st.from_type(cls))
        assert json.dumps(_engine.writer(cls)(obj)) == json.dumps(_plain(obj))

    @SLOW
    @given(paper=white_papers())
    def test_dumps_writes_what_the_json_module_writes(self, paper: WhitePaper) -> None:
        """dumps is byte for byte the json module's text, whichever library writes it."""
        expected = json.dumps(_plain(paper), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        assert dumps(paper) == expected

    @pytest.mark.parametrize("value", ["0.00001", "0.000123", "1.5E-9", "0.0001", "39.8", "1E+15", "0.5"])
    def test_small_decimals_are_written_as_the_json_module_writes_them(self, value: str) -> None:
        """A decimal below 1e-4, which orjson would write as 1e-5, is written as the json module writes it."""
        paper = loads(MINI_TEXT)
        statistic = attrs.evolve(paper.statistics[0], value=Decimal(value), unit="yuan")
        changed = attrs.evolve(paper, statistics=(statistic,))
        assert dumps(changed) == json.dumps(_plain(changed), ensure_ascii=False, indent=2) + "\n"
        assert loads(dumps(changed)) == changed


class TestEveryRoleFieldIsChecked:
    """Every reference and locator field the shape declares, now and later, is checked by the rules."""

    def test_every_reference_field_refuses_an_unknown_id(self) -> None:
        """Each reference field of each class, broken in turn, is refused at its path as dangling."""
        fields = {
            (cls, shape.name)
            for cls in model_classes(WhitePaper)
            for shape in shape_of(cls)
            if shape.refers_to
        }
        assert len(fields) >= 9  # today: publisher, introduced_by, supports, actors, documents, ...
        for cls, name in sorted(fields, key=lambda f: (f[0].__name__, f[1])):
            path = _break(BUNDLED, cls, name, "no-such-id")
            problem = _only_problem(path[1])
            assert (problem.path, problem.code) == (path[0], "dangling-reference"), (cls, name)

    def test_every_locator_field_refuses_a_place_that_does_not_exist(self) -> None:
        """Each locator field of each class, broken in turn, is refused at its path as unknown."""
        fields = {
            (cls, shape.name)
            for cls in model_classes(WhitePaper)
            for shape in shape_of(cls)
            if shape.kind is Kind.LOCATOR
        }
        assert len(fields) >= 3  # today: located_in (four kinds of idea, statistics), citations' locator
        for cls, name in sorted(fields, key=lambda f: (f[0].__name__, f[1])):
            path = _break(BUNDLED, cls, name, Locator.parse("IX.9(9)"))
            problem = _only_problem(path[1])
            assert (problem.path, problem.code) == (path[0], "unknown-locator"), (cls, name)


def _break(paper: WhitePaper, cls: type, name: str, bad: Any) -> tuple[str, Any]:
    """The path of field ``name`` of the first ``cls`` in ``paper``, and a function building it broken."""
    path, obj = next((p, o) for p, o in walk(paper) if type(o) is cls)
    shape = next(s for s in shape_of(cls) if s.name == name)
    value = (*getattr(obj, name), bad) if shape.many else bad
    where = f"{path}.{name}[{len(value) - 1}]" if shape.many else f"{path}.{name}"
    return where, lambda: _replace_at(paper, path, attrs.evolve(obj, **{name: value}))


def _replace_at(root: Any, path: str, new: Any) -> Any:
    """``root`` with the object at JSON path ``path`` (such as ``$.events[3].citations[0]``) replaced."""
    if path == "$":
        return new
    steps = path[2:].replace("]", "").replace("[", ".").split(".")
    return _replace_steps(root, steps, new)


def _replace_steps(obj: Any, steps: list[str], new: Any) -> Any:
    name, rest = steps[0], steps[1:]
    value = getattr(obj, name)
    if rest and rest[0].isdigit():
        index, rest = int(rest[0]), rest[1:]
        item = new if not rest else _replace_steps(value[index], rest, new)
        return attrs.evolve(obj, **{name: (*value[:index], item, *value[index + 1 :])})
    return attrs.evolve(obj, **{name: new if not rest else _replace_steps(value, rest, new)})


def _only_problem(make: Any) -> Any:
    with pytest.raises(ValidationError) as caught:
        make()
    assert len(caught.value.problems) == 1, str(caught.value)
    return caught.value.problems[0]


#: The mini paper as this library writes it: the form the JSON fast path proves.
CANONICAL = dumpb(loads(MINI_TEXT))

#: Edits of that text, each of which must take it out of the fast path.
CANONICAL_EDITS: list[tuple[bytes, bytes]] = [
    (b'  "id": "mini-paper",\n', b'  "id": "mini-paper",\n  "id": "mini-paper",\n'),  # a repeated key
    (b'  "id": "mini-paper",\n', b'  "id": "other",\n  "id": "mini-paper",\n'),
    (b'"value": 39.8', b'"value": 39.80'),  # not the shortest form
    (b'"value": 39.8', b'"value": 3.98e1'),
    (b'"id": "mini-paper"', b'"id" : "mini-paper"'),
    (b"}\n", b"}\n\n"),
    (b"}\n", b"} \n"),
]


class TestJsonFastPath:
    def test_orjson_is_installed_for_the_tests(self) -> None:
        """The test extra installs orjson, so the fast path's orjson side is tested, never skipped."""
        assert _fastjson.orjson is not None, "install the test extra: pip install -e '.[test]'"

    @pytest.mark.parametrize("paper", [loads(MINI_TEXT), BUNDLED], ids=["mini", "bundled"])
    def test_what_dumps_writes_takes_the_fast_path(self, paper: WhitePaper, monkeypatch: Any) -> None:
        """Text as this library writes it is read by orjson, never by the strict parser."""
        assert _parsed(dumpb(paper), Limits()) is not None
        monkeypatch.setattr("cyberspace_whitepaper.io.parse_json", _must_not_be_called)
        assert loads(dumpb(paper)) == paper

    def test_json_lines_take_the_fast_path(self, tmp_path: Any, monkeypatch: Any) -> None:
        """Each line that dump_jsonl writes is read by orjson."""
        events = BUNDLED.events
        dump_jsonl(events, tmp_path / "events.jsonl")
        monkeypatch.setattr("cyberspace_whitepaper.io.parse_json", _must_not_be_called)
        assert [
            loads(line, type=Event) for line in (tmp_path / "events.jsonl").read_bytes().splitlines()
        ] == [*events]

    @pytest.mark.parametrize(("old", "new"), CANONICAL_EDITS)
    def test_edited_text_goes_to_the_strict_parser(self, old: bytes, new: bytes) -> None:
        """Text not exactly as orjson writes it is not proved; it loads (or fails) as the strict path says."""
        assert CANONICAL.count(old) >= 1
        data = CANONICAL.replace(old, new, 1)
        assert _parsed(data, Limits()) is None
        if b'"id": "mini-paper",\n  "id"' in data or b'"other",\n  "id"' in data:
            with pytest.raises(ValidationError, match="duplicate key 'id'"):
                loads(data)
        else:
            assert loads(data) == loads(CANONICAL)

    @pytest.mark.parametrize(
        "limits",
        [
            Limits(max_depth=4),
            Limits(max_string_length=10),
            Limits(max_integer_digits=3),
            Limits(max_number_length=3),
            Limits(max_array_items=1),
            Limits(max_bytes=100),
        ],
    )
    def test_tight_limits_leave_the_fast_path(self, limits: Limits) -> None:
        """Under limits tighter than the fast reader's bounds, the strict path decides."""
        assert _parsed(CANONICAL, limits) is None

    def test_values_are_counted_before_orjson_parses(self) -> None:
        """A text that may hold more values than max_nodes is left to the strict path, which counts them."""
        assert might_exceed_nodes(b"[" + b"0," * 30 + b"0]", 10)
        assert not might_exceed_nodes(b"[0,0]", 10)
        assert _parsed(CANONICAL, Limits(max_nodes=20)) is None

    @SLOW
    @given(paper=white_papers(), compact=st.booleans())
    def test_generated_papers_load_alike(self, paper: WhitePaper, compact: bool) -> None:
        """Any valid paper's JSON, indented or compact, in ASCII or not, loads equal to the paper."""
        separators = (",", ":") if compact else None
        for ascii_only in (True, False):
            text = json.dumps(_plain(paper), ensure_ascii=ascii_only, separators=separators)
            assert loads(text) == paper
            assert loads(text.encode("utf-8")) == paper

    @pytest.mark.parametrize("use_orjson", [True, False])
    def test_without_orjson_the_same_bytes_are_written_and_read(
        self, monkeypatch: Any, tmp_path: Any, use_orjson: bool
    ) -> None:
        """With orjson switched off, the json module writes the same bytes, and reads them back."""
        expected = dumpb(BUNDLED)
        monkeypatch.setattr(_fastjson, "USE_ORJSON", use_orjson)
        assert dumpb(BUNDLED) == expected
        assert loads(expected) == BUNDLED
        dump_jsonl(BUNDLED.events, tmp_path / "e.jsonl")
        lines = (tmp_path / "e.jsonl").read_bytes().splitlines()
        assert [json.loads(line) for line in lines] == [_plain(e) for e in BUNDLED.events]


def _must_not_be_called(*_args: Any) -> Any:
    raise AssertionError("the strict parser was called")


class TestGeneratedSource:
    def test_tracebacks_show_the_generated_lines(self) -> None:
        """The generated source is registered with linecache, so a traceback through it shows the code."""
        reader = _engine.reader(WhitePaper)
        filename = reader.__code__.co_filename
        assert filename.startswith("<cyberspace_whitepaper read WhitePaper")
        assert "def read_WhitePaper(d):" in "".join(linecache.getlines(filename))
        try:
            reader(None)
        except _engine.RejectError as error:
            shown = "".join(traceback.format_exception(error))
        assert "if type(d) is not dict: raise R" in shown


class TestCollectorRestored:
    @pytest.mark.parametrize("enabled", [True, False])
    @pytest.mark.parametrize("data", [_plain(loads(MINI_TEXT)), {"id": 1}], ids=["valid", "invalid"])
    def test_collector_state_is_kept(self, enabled: bool, data: Any) -> None:
        """Reading pauses the cyclic garbage collector and leaves it as it found it, on every way out."""
        was = gc.isenabled()
        try:
            (gc.enable if enabled else gc.disable)()
            with contextlib.suppress(ValidationError):
                _engine.structure(copy.deepcopy(data), WhitePaper)
            assert gc.isenabled() is enabled
            with contextlib.suppress(ValidationError):
                loads(json.dumps(data))
            assert gc.isenabled() is enabled
        finally:
            (gc.enable if was else gc.disable)()

    @pytest.mark.parametrize("bad_line", [None, 300], ids=["all-good", "bad-line-300"])
    def test_json_lines_yield_with_the_collector_as_the_caller_has_it(
        self, tmp_path: Any, bad_line: int | None
    ) -> None:
        """iter_jsonl pauses the collector while it reads a batch of lines, never while the caller runs."""
        event = BUNDLED.events[0]
        path = tmp_path / "events.jsonl"
        dump_jsonl([event] * 600, path)
        if bad_line is not None:
            lines = path.read_bytes().splitlines(keepends=True)
            lines[bad_line - 1] = b'{"id": 1}\n'
            path.write_bytes(b"".join(lines))
        was = gc.isenabled()
        seen = 0
        try:
            gc.enable()
            with pytest.raises(ValidationError) if bad_line else contextlib.nullcontext() as raised:
                for found in iter_jsonl(path, type=Event):
                    assert gc.isenabled()
                    assert found == event
                    seen += 1
            assert gc.isenabled()
        finally:
            (gc.enable if was else gc.disable)()
        # Every line before the bad one was yielded first; the error names its line.
        assert seen == (bad_line - 1 if bad_line else 600)
        if raised is not None:
            assert {problem.line for problem in raised.value.problems} == {bad_line}
