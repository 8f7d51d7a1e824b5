"""Catalogue section L (in-process misuse): callers are code too.

One test case per row of ``shared/reference/bad-inputs.md`` section L, with the
row's id as its pytest id. ``DocumentValidationError`` in the catalogue is our
:class:`ValidationError`.

Decision for L4 (objects changed behind the model's back with
``object.__setattr__``, then saved): out of scope, and documented as such in
``docs/reliability.md``. ``attrs`` treats frozen classes as protection against
mistakes, not against a caller who goes around it on purpose (attrs#962), and
every supported way to make or change an object validates: the constructors,
``attrs.evolve`` and every loader. Re-validating on every save would cost a full
structuring pass of the document. What does hold, and is tested here: a save
never leaves a partial file, and whatever such a save wrote is refused, at its
path, by the next load.
"""

from __future__ import annotations

import ast
import collections
import copy
import io
import json
import logging
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import cyberspace_whitepaper as cw
from cyberspace_whitepaper.errors import excerpt

from ._support import catalogue_rows, mini_paper, problem_triples, set_at

MINI = mini_paper()
PAPER = cw.from_dict(MINI)
SOURCE = Path(cw.__file__).parent
_PLAIN = (dict, list, str, int, float, bool, type(None))


def _containers(data: Any) -> Iterator[Any]:
    """Every dict and list in plain data."""
    stack = [data]
    while stack:
        value = stack.pop()
        if type(value) is dict:
            yield value
            stack.extend(value.values())
        elif type(value) is list:
            yield value
            stack.extend(value)


def _vandalise(data: Any) -> None:
    """Change every container of plain data in place, deepest first."""
    for container in reversed(list(_containers(data))):
        if type(container) is dict:
            for key in list(container):
                container[key] = "vandalised" if type(container[key]) is str else None
            container["extra"] = "key"
        else:
            container.append("vandalised")
            container.insert(0, None)


def row_l1() -> None:
    """Changing the input, however deeply, after ``from_dict`` never changes the object built from it."""
    data = copy.deepcopy(MINI)
    paper = cw.from_dict(data)
    text = cw.dumps(paper)
    _vandalise(data)
    assert data != MINI  # the vandalism did happen
    assert paper == PAPER
    assert cw.dumps(paper) == text
    # Collections in the object are tuples of their own, never the caller's lists.
    assert type(paper.languages) is tuple
    assert type(paper.chapters[0].sections) is tuple


def row_l2() -> None:
    """``to_dict`` gives new containers on every call, of plain types only; changing them changes nothing."""
    first, second = cw.to_dict(PAPER), cw.to_dict(PAPER)
    assert first == second == json.loads(cw.dumps(PAPER))
    shared = {id(c) for c in _containers(first)} & {id(c) for c in _containers(second)}
    assert shared == set()
    for container in _containers(first):
        values = container.values() if type(container) is dict else container
        assert all(type(value) in _PLAIN for value in values)
        if type(container) is dict:
            assert all(type(key) is str for key in container)
    text = cw.dumps(PAPER)
    _vandalise(first)
    assert cw.dumps(PAPER) == text
    assert cw.to_dict(PAPER) == second
    # The same for any model class, such as one event.
    event = cw.to_dict(PAPER.events[0])
    event["actors"].append("someone")
    assert PAPER.events[0].actors == ("scio",)


class _Tripwire:
    """An object every one of whose hooks records that it was called: none may be."""

    calls: list[str] = []  # noqa: RUF012 - shared on purpose, read by the tests
    armed = False

    def _record(self, name: str) -> None:
        if type(self).armed:
            type(self).calls.append(name)

    def __repr__(self) -> str:
        self._record("__repr__")
        return "tripwire"

    def __str__(self) -> str:
        self._record("__str__")
        return "tripwire"

    def __eq__(self, other: object) -> bool:
        self._record("__eq__")
        return self is other

    def __hash__(self) -> int:
        self._record("__hash__")
        return 1

    def __len__(self) -> int:
        self._record("__len__")
        return 1

    def __iter__(self) -> Iterator[Any]:
        self._record("__iter__")
        return iter(())

    def __getitem__(self, key: object) -> Any:
        self._record("__getitem__")
        return None

    def __bool__(self) -> bool:
        self._record("__bool__")
        return True

    def keys(self) -> list[str]:
        self._record("keys")
        return []


class _TripwireStr(str):
    """A string subclass that records every hook it is asked for."""

    __slots__ = ()

    def __hash__(self) -> int:
        if _Tripwire.armed:
            _Tripwire.calls.append("str.__hash__")
        return str.__hash__(self)

    def __eq__(self, other: object) -> bool:
        if _Tripwire.armed:
            _Tripwire.calls.append("str.__eq__")
        return str.__eq__(self, other)

    def __repr__(self) -> str:
        if _Tripwire.armed:
            _Tripwire.calls.append("str.__repr__")
        return str.__repr__(self)


class _TripwireInt(int):
    """An int subclass that records ``repr`` and ``index``."""

    def __repr__(self) -> str:
        if _Tripwire.armed:
            _Tripwire.calls.append("int.__repr__")
        return int.__repr__(self)

    def __index__(self) -> int:
        if _Tripwire.armed:
            _Tripwire.calls.append("int.__index__")
        return int(self)


class _Liar:
    """Claims to be a dict to ``isinstance``; only ``type()`` tells the truth."""

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return dict


def _with(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(MINI)
    set_at(data, path, value)
    return data


def _hostile_cases() -> list[tuple[Callable[[], Any], list[tuple[str, str, str]]]]:
    """Each: a maker of hostile input, and the problems ``from_dict`` must report."""

    def typed(path: str, name: str, shown: str) -> tuple[str, str, str]:
        return (path, "type", f"expected plain JSON data, got {name} {shown}")

    def key_in_root(key: Any) -> dict[Any, Any]:
        data: dict[Any, Any] = copy.deepcopy(MINI)
        data[key] = "x"
        return data

    def title_subclass() -> dict[str, Any]:
        class Mapping(dict):  # type: ignore[type-arg]
            pass

        return _with(("title",), Mapping(MINI["title"]))

    return [
        (lambda: collections.OrderedDict(MINI), [typed("$", "OrderedDict", "<OrderedDict object>")]),
        (
            lambda: types.MappingProxyType(MINI),
            [typed("$", "mappingproxy", "<mappingproxy object>")],
        ),
        (
            lambda: collections.UserDict(MINI),
            [typed("$", "UserDict", "<UserDict object>")],
        ),
        (
            lambda: collections.defaultdict(list, MINI),
            [typed("$", "defaultdict", "<defaultdict object>")],
        ),
        (title_subclass, [typed("$.title", "Mapping", "<Mapping object>")]),
        (_Tripwire, [typed("$", "_Tripwire", "<_Tripwire object>")]),
        (_Liar, [typed("$", "_Liar", "<_Liar object>")]),
        (
            lambda: _with(("languages",), (x for x in ["en"])),
            [typed("$.languages", "generator", "<generator object>")],
        ),
        (
            lambda: _with(("languages",), ("zh", "en")),
            [typed("$.languages", "tuple", "('zh', 'en')")],
        ),
        (
            lambda: _with(("languages",), ("zh", _Tripwire())),
            [typed("$.languages", "tuple", "<tuple object>")],
        ),
        (
            lambda: _with(("languages", 1), _Tripwire()),
            [typed("$.languages[1]", "_Tripwire", "<_Tripwire object>")],
        ),
        (
            lambda: _with(("summary",), _TripwireStr("A tiny paper for tests.")),
            [typed("$.summary", "_TripwireStr", "<_TripwireStr object>")],
        ),
        (
            lambda: _with(("chapters", 0, "number"), _TripwireInt(1)),
            [typed("$.chapters[0].number", "_TripwireInt", "<_TripwireInt object>")],
        ),
        (
            lambda: _with(("statistics", 0, "value"), memoryview(b"1")),
            [typed("$.statistics[0].value", "memoryview", "<memoryview object>")],
        ),
        (
            lambda: _with(("languages",), {"en", "zh"} - {"zh"}),
            [typed("$.languages", "set", "{'en'}")],
        ),
        (
            lambda: key_in_root(_TripwireStr("zz")),
            [("$", "key-type", "keys must be strings, got <_TripwireStr object>")],
        ),
        (
            lambda: key_in_root(_Tripwire()),
            [("$", "key-type", "keys must be strings, got <_Tripwire object>")],
        ),
        (
            lambda: key_in_root(1),
            [("$", "key-type", "keys must be strings, got 1")],
        ),
        (
            # A bad key does not stop the check of the object's other members.
            lambda: {1: "x", **_with(("summary",), _Tripwire())},
            [
                ("$", "key-type", "keys must be strings, got 1"),
                typed("$.summary", "_Tripwire", "<_Tripwire object>"),
            ],
        ),
        (
            # Up to 20 items, nested up to three deep, a container of plain values is shown.
            lambda: _with(("languages",), tuple(range(20))),
            [typed("$.languages", "tuple", excerpt(tuple(range(20))))],
        ),
        (
            lambda: _with(("languages",), tuple(range(21))),
            [typed("$.languages", "tuple", "<tuple object>")],
        ),
        (
            lambda: _with(("languages",), (((1,),),)),
            [typed("$.languages", "tuple", "(((1,),),)")],
        ),
        (
            lambda: _with(("languages",), ((((1,),),),)),
            [typed("$.languages", "tuple", "<tuple object>")],
        ),
        (
            # Several at once: all are reported, sorted by path.
            lambda: _with(("title",), _Tripwire()) | {"summary": _Tripwire()},
            [
                typed("$.summary", "_Tripwire", "<_Tripwire object>"),
                typed("$.title", "_Tripwire", "<_Tripwire object>"),
            ],
        ),
    ]


def row_l3() -> None:
    """Non-dict mappings, generators, subclasses, hostile hooks: refused at their path, never run."""
    for make, expected in _hostile_cases():
        data = make()
        _Tripwire.calls.clear()
        _Tripwire.armed = True
        try:
            with pytest.raises(cw.ValidationError) as caught:
                cw.from_dict(data)
            message = str(caught.value)
        finally:
            _Tripwire.armed = False
        assert _Tripwire.calls == [], expected
        assert problem_triples(caught.value) == expected
        assert message == "\n".join(f"{path}: {text}" for path, _, text in expected)


def row_l4(tmp_path: Path) -> None:
    """Objects built or changed in code are validated; objects tampered with go no further than one save."""
    cases: list[tuple[Callable[[], Any], tuple[str, str, str]]] = [
        (lambda: cw.LocalizedText(en=5), ("$.en", "type", "expected string, got integer 5")),
        (
            lambda: cw.LocalizedText(en="x", en_official="false"),
            ("$.en_official", "type", "expected boolean, got string 'false'"),
        ),
        (
            lambda: cw.Goal(
                id="g", kind=cw.GoalKind.VISION, order="1", name=cw.LocalizedText(en="x"), summary="s"
            ),
            ("$.order", "type", "expected integer, got string '1'"),
        ),
        (
            lambda: attrs.evolve(PAPER, id="Bad Id"),
            (
                "$.id",
                "pattern",
                "not a valid identifier (lower-case slug such as 'xi-jinping'): 'Bad Id'",
            ),
        ),
        (
            lambda: attrs.evolve(PAPER, publisher="nobody"),
            ("$.publisher", "dangling-reference", "unknown actor 'nobody'"),
        ),
        (
            lambda: attrs.evolve(PAPER, languages=["en"]),
            ("$.languages", "type", "expected tuple, got array ['en']"),
        ),
        (
            lambda: attrs.evolve(PAPER.events[0], end=cw.PartialDate.parse("2015-12-01")),
            ("$.end", "date-order", "ends (2015-12-01) before it begins (2015-12-16)"),
        ),
    ]
    for build, expected in cases:
        with pytest.raises(cw.ValidationError) as caught:
            build()
        assert problem_triples(caught.value) == [expected]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PAPER.id = "other"  # type: ignore[misc]
    # Out of scope, but bounded: tampering with object.__setattr__ is not re-validated on save ...
    tampered = copy.copy(PAPER.events[0])
    object.__setattr__(tampered, "id", "Bad Id")
    events = tmp_path / "events.jsonl"
    cw.dump_jsonl([tampered], events)
    # ... and the next load refuses what was written, at its line and path.
    with pytest.raises(cw.ValidationError) as caught:
        list(cw.iter_jsonl(events, type=cw.Event))
    assert [(p.line, p.path, p.code) for p in caught.value.problems] == [(1, "$.id", "pattern")]
    # A tampered value the writer cannot handle fails the save, and the old file stays.
    written = events.read_bytes()
    object.__setattr__(tampered, "kind", "bogus")
    with pytest.raises(AttributeError):
        cw.dump_jsonl([PAPER.events[0], tampered], events)
    assert events.read_bytes() == written
    # Text that cannot even be encoded fails before the target is touched.
    target = tmp_path / "paper.json"
    cw.dump(PAPER, target)
    before = target.read_bytes()
    broken = copy.copy(PAPER)
    object.__setattr__(broken, "summary", "\ud800")
    with pytest.raises(UnicodeEncodeError):
        cw.dump(broken, target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name != "events.jsonl"] == ["paper.json"]


def _bad_inputs() -> Iterator[tuple[str, Callable[[], Any]]]:
    """A few thousand bad inputs across every entry point (cut, flipped, retyped)."""
    text = json.dumps(MINI, ensure_ascii=False).encode("utf-8")
    yaml_text = cw.dumps(PAPER, format="yaml").encode("utf-8")
    event_line = json.dumps(MINI["events"][0]).encode("utf-8")
    for cut in range(0, len(text), 3):
        yield "json-cut", lambda cut=cut: cw.loads(text[:cut])
    for cut in range(0, len(yaml_text), 7):
        yield "yaml-cut", lambda cut=cut: cw.loads(yaml_text[:cut], format="yaml")
    for position in range(0, len(text), 2):
        for byte in (0x00, 0x22, 0x5B, 0x7B, 0xFF):
            flipped = text[:position] + bytes([byte]) + text[position + 1 :]
            yield "json-flip", lambda flipped=flipped: cw.loads(flipped)
    for position in range(0, len(event_line), 2):
        line = event_line[:position] + b"\n" + event_line[position:]
        yield "jsonl-split", lambda line=line: list(cw.iter_jsonl(io.BytesIO(line), type=cw.Event))
    for path in _paths(MINI):
        for value in (None, True, 0, -1, 1.5, "", "x", [], {}, "\ud800", 10**30):
            data = _with(path, value)
            yield "from_dict", lambda data=data: cw.from_dict(data)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if type(data) is dict:
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif type(data) is list:
        for index, value in enumerate(data):
            yield (*prefix, index)
            yield from _paths(value, (*prefix, index))


def row_l5(capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    """Across thousands of bad inputs nothing is printed or logged, and only library errors come out."""
    caplog.set_level(logging.DEBUG)
    tried = 0
    outcomes: collections.Counter[str] = collections.Counter()
    for kind, attempt in _bad_inputs():
        tried += 1
        try:
            attempt()
        except cw.WhitePaperError as error:
            outcomes[type(error).__name__] += 1
        except BaseException as error:  # SystemExit and KeyboardInterrupt included
            pytest.fail(f"{kind}: {type(error).__name__}: {error}")
        else:
            outcomes["accepted"] += 1
    assert tried > 3000
    assert outcomes["ValidationError"] > 0
    assert outcomes["LoadError"] > 0
    assert capsys.readouterr() == ("", "")
    assert caplog.records == []
    # And the library's source has no way to print, exit or log outside the command line.
    forbidden = {"print", "exit", "quit", "breakpoint", "_exit", "basicConfig", "getLogger"}
    for module in sorted(SOURCE.rglob("*.py")):
        if module.name in ("cli.py", "__main__.py"):
            continue
        tree = ast.parse(module.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                assert name not in forbidden, f"{module.name}:{node.lineno} calls {name}"
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = {alias.name for alias in node.names} | {getattr(node, "module", None)}
                assert "logging" not in names, f"{module.name}:{node.lineno} imports logging"


class TestCatalogueL:
    @pytest.mark.parametrize(
        "row",
        catalogue_rows(row_l1, row_l2, row_l3),
    )
    def test_row(self, row: Callable[[], None]) -> None:
        """Each of rows L1-L3 holds: inputs and outputs are copies, hostile inputs refused unrun."""
        row()

    @pytest.mark.parametrize("row", catalogue_rows(row_l4))
    def test_row_with_files(self, row: Callable[[Path], None], tmp_path: Path) -> None:
        """Row L4 holds: only validated objects are made, and a tampered one goes no further than a save."""
        row(tmp_path)

    @pytest.mark.parametrize("row", catalogue_rows(row_l5))
    def test_row_quiet(
        self,
        row: Callable[[pytest.CaptureFixture[str], pytest.LogCaptureFixture], None],
        capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        """Row L5 holds: no exit, no output, no log records, only library errors."""
        row(capsys, caplog)


@attrs.frozen
class _NotOurs:
    """An attrs class of the caller's: not a model class, whatever it holds."""

    id: str = "x"


class TestWrongKindsOfArgument:
    def test_an_attrs_class_of_the_callers_is_not_a_model_class(self, tmp_path: Path) -> None:
        """Readers and writers refuse other attrs classes, which none of the model's checks would cover."""
        to_write = (
            lambda: cw.dumps(_NotOurs()),
            lambda: cw.dumpb(_NotOurs()),
            lambda: cw.to_dict(_NotOurs()),
            lambda: cw.dump(_NotOurs(), tmp_path / "x.json"),
            lambda: cw.dump_jsonl([_NotOurs()], tmp_path / "x.jsonl"),
        )
        for call in to_write:
            with pytest.raises(TypeError) as caught:
                call()
            expected = "expected a model object such as a WhitePaper or an Event, got _NotOurs"
            assert str(caught.value) == expected
        assert list(tmp_path.iterdir()) == []  # nothing half written
        with pytest.raises(TypeError) as caught:
            cw.loads('{"id": "x"}', type=_NotOurs)
        assert str(caught.value).startswith("type= must be a model class such as WhitePaper or Event, got ")

    def test_a_path_in_bytes_is_a_type_error(self, tmp_path: Path) -> None:
        """A path must be str or os.PathLike of str: bytes are the wrong type, not a wrong format."""
        path = bytes(tmp_path / "paper.json")
        for call in (lambda: cw.load(path), lambda: cw.dump(cw.load_white_paper(), path)):
            with pytest.raises(TypeError) as caught:
                call()
            assert str(caught.value) == "a path must be a str or an os.PathLike of str, got bytes"
        assert list(tmp_path.iterdir()) == []
