"""The fast paths agree with the slow ones they stand in front of.

The generated structuring code (``_codegen``) and the proofs of the
whole-paper rules (``model/_rules_fast``) only ever decide "valid": whatever
they cannot vouch for goes on to the cattrs converter and to the rules
themselves, whose errors are the API. So the one way they can go wrong is
to accept what the slow path rejects, or to build a different object. These
tests compare the two on valid data and on data broken in the ways the
model checks.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA
from cyberspace_whitepaper import (
    Event,
    WhitePaper,
    _codegen,
    _fastjson,
    converters,
    dump_jsonl,
    dumps,
    load_white_paper,
    loads,
)
from cyberspace_whitepaper._jsontext import parse_json
from cyberspace_whitepaper._limits import DEFAULT_LIMITS, Limits, check_counts
from cyberspace_whitepaper.errors import ValidationError
from cyberspace_whitepaper.model import MODEL_CLASSES, Locator, PartialDate
from cyberspace_whitepaper.model._rules import _RULES
from cyberspace_whitepaper.model._rules_fast import surely_passing
from cyberspace_whitepaper.strategies import white_papers

STRUCTURED = [cls for cls in MODEL_CLASSES if cls not in (PartialDate, Locator)]
RULE_NAMES = {rule.__name__ for rule in _RULES}

#: Values that break one check or another of the model, and some that pass.
TRICKY: list[Any] = [
    "", " ", "x ", " x", "a\x00b", "a\u202eb", "a\ud800b", "x\n", "a\tb", "Xx", "x-", "-x", "a--b",
    "a" * 65, "I.99", "IIII", "I.0", "IV.10", "preface", "conclusion", "2022-02-30", "2022-13",
    "0000", "2022-1-1", "2020-02-29", "https://example", "http://a.b/ c", "https://a.b/\x7f",
    "en", "EN", "zh-Hans", "confirmed", "basic", "speech", "one", "percent", "trillion",
    0, 1, -1, 2, 999, 1000, 3999, 4000, 9999, 10000, 10**16, True, False, None,
    1.5, 1.0, -0.5, 100.5, 1e-5, float("nan"), float("inf"), Decimal("39.8"), Decimal("NaN"),
    Decimal("1.0000000000000001"), [], {}, ["x"], ["a", "a"], ["en"], {"en": "x"},
]  # fmt: skip

SLOW = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _outcome(function: Any, *args: Any) -> tuple[str, Any]:
    try:
        return "ok", function(*args)
    except Exception as error:  # any failure counts as a rejection here
        return "rejected", type(error).__name__


def _slow(plain: Any, cls: type) -> Any:
    return converters.converter.structure(plain, cls)


def _places(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in plain data, depth first."""
    found: list[tuple[Any, Any]] = []
    if type(value) is dict:
        for key, item in value.items():
            found.append((value, key))
            found.extend(_places(item))
    elif type(value) is list:
        for index, item in enumerate(value):
            found.append((value, index))
            found.extend(_places(item))
    return found


class TestGeneratedStructuring:
    @pytest.mark.parametrize("name", ["mini-paper.json", "bundled"])
    def test_known_papers_build_equal_objects(self, name: str) -> None:
        """For the mini and the bundled paper, the generated code builds what the cattrs converter builds."""
        paper = load_white_paper() if name == "bundled" else loads((DATA / name).read_bytes())
        plain = converters.converter.unstructure(paper, WhitePaper)
        assert _codegen.structure(plain, WhitePaper) == _slow(plain, WhitePaper) == paper

    @SLOW
    @given(paper=white_papers())
    def test_generated_papers_build_equal_objects(self, paper: WhitePaper) -> None:
        """For any valid paper, the generated code builds an object equal to the converter's."""
        plain = converters.converter.unstructure(paper, WhitePaper)
        assert _codegen.structure(plain, WhitePaper) == paper

    @SLOW
    @given(data=st.data(), cls=st.sampled_from(STRUCTURED))
    def test_every_class_builds_equal_objects(self, data: st.DataObject, cls: type) -> None:
        """For a valid object of any model class, the generated code builds an equal one."""
        obj = data.draw(st.from_type(cls))
        plain = converters.converter.unstructure(obj, cls)
        assert _codegen.structure(plain, cls) == obj

    @settings(SLOW, max_examples=400)
    @given(data=st.data(), paper=white_papers(max_events=3, max_actors=3), how=st.integers(0, 4))
    def test_broken_papers_are_rejected_alike(self, data: st.DataObject, paper: WhitePaper, how: int) -> None:
        """A paper with one value changed, or a key added or removed, is accepted by both paths or neither."""
        plain = converters.converter.unstructure(paper, WhitePaper)
        places = _places(plain)
        container, key = data.draw(st.sampled_from(places))
        if how == 0 and type(container) is dict:
            del container[key]
        elif how == 1 and type(container) is dict:
            container[data.draw(st.sampled_from(["extra", "Id", "ids", "note", "zh", "end"]))] = "x"
        elif how == 2 and any(type(c[k]) is list and c[k] and type(c[k][0]) is str for c, k in places):
            # A repeated id or tag in a list that must not repeat.
            lists = [(c, k) for c, k in places if type(c[k]) is list and c[k] and type(c[k][0]) is str]
            container, key = data.draw(st.sampled_from(lists))
            container[key].append(container[key][0])
        else:
            container[key] = copy.deepcopy(data.draw(st.sampled_from(TRICKY)))
        fast, slow = _outcome(_codegen.structure, plain, WhitePaper), _outcome(_slow, plain, WhitePaper)
        assert fast[0] == slow[0], (fast, slow)
        if fast[0] == "ok":
            assert fast[1] == slow[1]

    @settings(SLOW, max_examples=400)
    @given(data=st.data(), cls=st.sampled_from(STRUCTURED))
    def test_broken_objects_are_rejected_alike(self, data: st.DataObject, cls: type) -> None:
        """An object of any class with one value replaced is accepted by both paths alike, or by neither."""
        plain = converters.converter.unstructure(data.draw(st.from_type(cls)), cls)
        places = _places(plain)
        if places:
            container, key = data.draw(st.sampled_from(places))
            container[key] = copy.deepcopy(data.draw(st.sampled_from(TRICKY)))
        fast, slow = _outcome(_codegen.structure, plain, cls), _outcome(_slow, plain, cls)
        assert fast[0] == slow[0], (fast, slow)
        if fast[0] == "ok":
            assert fast[1] == slow[1]


class TestGeneratedUnstructuring:
    @SLOW
    @given(paper=white_papers())
    def test_papers_give_the_same_plain_data(self, paper: WhitePaper) -> None:
        """The generated code writes a paper as the same plain data as the converter, in key order."""
        fast = _codegen.unstructure(paper, WhitePaper)
        slow = converters.converter.unstructure(paper, unstructure_as=WhitePaper)
        assert json.dumps(fast) == json.dumps(slow)

    @SLOW
    @given(data=st.data(), cls=st.sampled_from(STRUCTURED))
    def test_every_class_gives_the_same_plain_data(self, data: st.DataObject, cls: type) -> None:
        """For an object of any model class, the generated code writes the plain data the converter writes."""
        obj = data.draw(st.from_type(cls))
        fast = _codegen.unstructure(obj, cls)
        assert json.dumps(fast) == json.dumps(converters.converter.unstructure(obj, unstructure_as=cls))


def _unchecked(paper: WhitePaper, **changes: Any) -> WhitePaper:
    """A paper with some fields replaced, built without the whole-paper rules."""
    broken = object.__new__(WhitePaper)
    for field in attrs.fields(WhitePaper):
        object.__setattr__(broken, field.name, changes.get(field.name, getattr(paper, field.name)))
    return broken


def _first(items: tuple[Any, ...], test: Any) -> int:
    return next(i for i, item in enumerate(items) if test(item))


def _replace(values: tuple[Any, ...], index: int, /, **changes: Any) -> tuple[Any, ...]:
    return (*values[:index], attrs.evolve(values[index], **changes), *values[index + 1 :])


def _mutations(p: WhitePaper) -> dict[str, dict[str, Any]]:
    """Changes to a valid paper, each breaking at least one whole-paper rule."""
    e0, a0 = p.events[0], p.actors[0]
    with_actor = _first(p.events, lambda e: e.actors)
    with_document = _first(p.events, lambda e: e.documents)
    with_alias = _first(p.actors, lambda a: any(x.source for x in a.aliases))
    affiliated = _first(p.actors, lambda a: a.affiliation)
    introduced = _first(p.principles, lambda x: x.introduced_by)
    published = _first(p.documents, lambda d: d.publishers)
    cited = _first(p.events, lambda e: e.citations)
    located = _first(p.principles, lambda x: x.located_in)
    dangling_citation = attrs.evolve(p.events[cited].citations[0], source="no-such-source")
    late = PartialDate(year=p.published.year + 1)
    alias = p.actors[with_alias].aliases
    broken_alias = (attrs.evolve(alias[0], source="no-such-source"), *alias[1:])
    return {
        "duplicate id": {"events": _replace(p.events, 1, id=e0.id)},
        "id of the paper": {"actors": _replace(p.actors, 0, id=p.id)},
        "id across kinds": {"events": _replace(p.events, 0, id=a0.id)},
        "duplicate name": {"concerns": _replace(p.concerns, 1, name=p.concerns[0].name)},
        "duplicate Chinese name": {
            "goals": _replace(p.goals, 1, name=attrs.evolve(p.goals[1].name, zh=p.goals[0].name.zh or "同名"))
        },
        "duplicate event": {"events": _replace(p.events, 1, date=e0.date, title=e0.title)},
        "publisher": {"publisher": "no-such-actor"},
        "publisher of the wrong kind": {"publisher": e0.id},
        "introduced by": {"principles": _replace(p.principles, introduced, introduced_by=a0.id)},
        "supports": {"proposals": _replace(p.proposals, 0, supports=("no-such-goal",))},
        "supports an event": {"proposals": _replace(p.proposals, 0, supports=(e0.id,))},
        "event actor": {"events": _replace(p.events, with_actor, actors=("no-such-actor",))},
        "event document": {"events": _replace(p.events, with_document, documents=(a0.id,))},
        "affiliation": {"actors": _replace(p.actors, affiliated, affiliation="no-such-actor")},
        "self affiliation": {"actors": _replace(p.actors, 0, affiliation=a0.id)},
        "document publisher": {"documents": _replace(p.documents, published, publishers=(e0.id,))},
        "citation source": {
            "events": _replace(p.events, cited, citations=(dangling_citation, *p.events[cited].citations[1:]))
        },
        "alias source": {"actors": _replace(p.actors, with_alias, aliases=broken_alias)},
        "paper citation": {"citations": (*p.citations, dangling_citation)},
        "locator": {"principles": _replace(p.principles, located, located_in=Locator.parse("IX.9"))},
        "citation locator": {
            "events": _replace(
                p.events,
                cited,
                citations=(
                    attrs.evolve(p.events[cited].citations[0], locator=Locator.parse("II.99")),
                    *p.events[cited].citations[1:],
                ),
            )
        },
        "section citation": {
            "chapters": _replace(
                p.chapters, 0, sections=_replace(p.chapters[0].sections, 0, citations=(dangling_citation,))
            )
        },
        "item citation locator": {
            "chapters": _with_item_citation(p, attrs.evolve(p.citations[0], locator=Locator.parse("I.99")))
        },
        "statistic locator": {"statistics": _replace(p.statistics, 0, located_in=Locator.parse("IV.99"))},
        "no preface": {"preface": None},
        "chapter numbers": {"chapters": _replace(p.chapters, 0, number=9)},
        "section numbers": {
            "chapters": _replace(p.chapters, 0, sections=_replace(p.chapters[0].sections, 0, number=7))
        },
        "proposal numbers": {"proposals": _replace(p.proposals, 0, number=5)},
        "principle order": {"principles": _replace(p.principles, 0, order=3)},
        "statistic after the paper": {"statistics": _replace(p.statistics, 0, as_of=late)},
        "event after the paper": {"events": _replace(p.events, 0, date=late, mentioned_in_paper=True)},
    }


def _with_item_citation(p: WhitePaper, citation: Any) -> tuple[Any, ...]:
    """The chapters of ``p`` with ``citation`` added to the first sub-item (the walk's deepest place)."""
    c = _first(p.chapters, lambda ch: any(sec.items for sec in ch.sections))
    s = _first(p.chapters[c].sections, lambda sec: sec.items)
    section = p.chapters[c].sections[s]
    items = _replace(section.items, 0, citations=(*section.items[0].citations, citation))
    sections = _replace(p.chapters[c].sections, s, items=items)
    return _replace(p.chapters, c, sections=sections)


BUNDLED = load_white_paper()


class TestRuleProofs:
    def test_a_valid_paper_is_proven(self) -> None:
        """For the bundled paper, every rule with a proof is proven to hold, so none of them runs in full."""
        assert surely_passing(BUNDLED) >= RULE_NAMES & {
            "_unique_ids", "_unique_names", "_unique_event_titles", "_references",
            "_locators_exist", "_numbering", "_dates",
        }  # fmt: skip

    @pytest.mark.parametrize("name", sorted(_mutations(BUNDLED)))
    def test_no_proof_for_a_broken_rule(self, name: str) -> None:
        """A paper that breaks a rule gets no proof for that rule, so the rule runs and reports."""
        broken = _unchecked(BUNDLED, **_mutations(BUNDLED)[name])
        failing = {rule.__name__ for rule in _RULES if list(rule(broken))}
        assert failing, f"the mutation {name!r} breaks no rule"
        assert not failing & surely_passing(broken)


MINI_TEXT = (DATA / "mini-paper.json").read_text(encoding="utf-8")

#: Edits of the mini paper's text, each as (old, new): what the JSON fast
#: path must not let through unless the strict path builds the same paper.
TEXT_EDITS: list[tuple[str, str]] = [
    ('"id": "mini-paper",', '"id": "mini-paper", "id": "mini-paper",'),  # a repeated key
    ('"id": "mini-paper",', '"id" : "other", "id": "mini-paper",'),  # repeated, with a space
    ('"id": "mini-paper",', '"id"\n:\t"other",\r\n "id"  :  "mini-paper",'),
    ('"en": "share"}', '"en": "share", "en": "share"}'),
    ('"value": 39.8', '"value": 39.80'),  # not the shortest repr: the Decimal keeps the zero
    ('"value": 39.8', '"value": 3.98e1'),
    ('"value": 39.8', '"value": 39.800000000000000000001'),  # over 15 digits, not seen by a float
    (
        '"value": 39.8',
        '"value": 39.8000000000000000000000000000000000000000000000000000000000000000000000000000',
    ),
    ('"value": 39.8', '"value": 40'),
    ('"value": 39.8', '"value": 4E1'),
    ('"value": 39.8', '"v\\u0061lue": 39.80'),  # an escaped key the token search cannot see
    ('"value": 39.8', '"value": NaN'),
    ('"value": 39.8', '"value": 1e400'),
    ('"value": 39.8', '"value": 123456789012345678901234567890'),
    ('"value": 39.8', '"value": -0.0'),
    ('"value": 39.8', '"value": 1e-5'),
    ('"order": 1', '"order": 1.0'),
    ('"order": 1', '"order": 18446744073709551617'),
    ('"order": 1', '"order": true'),
    ('"summary": "x"', '"summary": "x\\u0000"'),
    ('"summary": "x"', '"summary": "\\ud800"'),
    ('"summary": "x"', '"summary": "a \\" : b"'),  # a quote and colon inside a string
    ('"summary": "x"', '"summary": "a\\":b", "summary": "x"'),
    ('"summary": "x"', '"summary": "a\\\\", "summary": "x"'),  # a string ending in a backslash
    ('"summary": "x"', '"summary\\\\": "a", "summary": "x"'),  # a key ending in a backslash
    ('{\n  "id"', '\ufeff{\n  "id"'),  # a byte order mark
    ("]\n}\n", "]\n}\n}"),
    ("]\n}\n", "]\n} "),
    ('"languages": ["zh", "en"]', '"languages": ["zh", "zh"]'),
    ('"kind": "speech"', '"kind": "Speech"'),
]


def _strict(data: bytes | str, cls: type, limits: Limits) -> tuple[str, Any]:
    def run() -> Any:
        plain = parse_json(data, limits)
        check_counts(plain, limits, len(data))
        return converters.converter.structure(plain, cls)

    return _outcome(run)


class TestJsonFastPath:
    @pytest.mark.parametrize("use_orjson", [True, False])
    @pytest.mark.parametrize(("old", "new"), TEXT_EDITS)
    def test_edited_text_loads_as_strictly(
        self, monkeypatch: Any, use_orjson: bool, old: str, new: str
    ) -> None:
        """Whatever the fast path loads from an edited paper, the strict path loads too, equal."""
        monkeypatch.setattr(_fastjson, "USE_ORJSON", use_orjson)
        assert MINI_TEXT.count(old) == 1
        text = MINI_TEXT.replace(old, new)
        for data in (text, text.encode("utf-8", "surrogatepass")):
            fast = _fastjson.load(data, WhitePaper, DEFAULT_LIMITS)
            if fast is not None:
                assert _strict(data, WhitePaper, DEFAULT_LIMITS) == ("ok", fast)

    @pytest.mark.parametrize("use_orjson", [True, False])
    def test_valid_text_takes_the_fast_path(self, monkeypatch: Any, use_orjson: bool) -> None:
        """The mini paper, as written and as dumps writes it, takes the fast path and loads as strictly."""
        monkeypatch.setattr(_fastjson, "USE_ORJSON", use_orjson)
        for text in (MINI_TEXT, dumps(loads(MINI_TEXT))):
            fast = _fastjson.load(text.encode(), WhitePaper, DEFAULT_LIMITS)
            assert fast is not None
            assert _strict(text, WhitePaper, DEFAULT_LIMITS) == ("ok", fast)

    @pytest.mark.parametrize(
        ("limits", "breaks"),
        [
            (Limits(max_depth=4), True),
            (Limits(max_string_length=10), True),
            (Limits(max_integer_digits=3), False),
            (Limits(max_number_length=3), True),
            (Limits(max_array_items=1), True),
            (Limits(max_nodes=20), True),
            (Limits(max_bytes=100), True),
        ],
    )
    def test_tight_limits_leave_the_fast_path(self, limits: Limits, breaks: bool) -> None:
        """Under limits tighter than the fast path can vouch for, it declines and the strict path decides."""
        assert _fastjson.load(MINI_TEXT.encode(), WhitePaper, limits) is None
        assert _strict(MINI_TEXT, WhitePaper, limits)[0] == ("rejected" if breaks else "ok")

    @SLOW
    @given(paper=white_papers(), use_orjson=st.booleans(), compact=st.booleans())
    def test_generated_papers_load_alike(self, paper: WhitePaper, use_orjson: bool, compact: bool) -> None:
        """Any valid paper's JSON, indented or compact, loads by the fast path as by the strict one."""
        plain = converters.converter.unstructure(paper, WhitePaper)
        text = json.dumps(plain, ensure_ascii=compact, separators=(",", ":") if compact else None)
        old = _fastjson.USE_ORJSON
        _fastjson.USE_ORJSON = use_orjson
        try:
            fast = _fastjson.load(text, WhitePaper, DEFAULT_LIMITS)
        finally:
            _fastjson.USE_ORJSON = old
        # It may decline (a string holding a quote, spaces and a colon looks
        # like a spaced key), but never loads anything else.
        assert fast is None or fast == paper

    @SLOW
    @given(paper=white_papers())
    def test_dumps_writes_what_the_json_module_writes(self, paper: WhitePaper) -> None:
        """The fast writer's text is byte for byte the json module's, indented and compact."""
        plain = converters.converter.unstructure(paper, unstructure_as=WhitePaper)
        expected = json.dumps(plain, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        assert dumps(paper) == expected
        compact = _fastjson.dumps(paper, WhitePaper, indent=False)
        assert (
            compact is None
            or compact.decode()
            == json.dumps(plain, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
        )

    @pytest.mark.parametrize("value", ["0.00001", "0.000123", "1.5E-9", "0.0001", "39.8", "1E+15", "0.5"])
    def test_small_decimals_are_written_as_the_json_module_writes_them(self, value: str) -> None:
        """A decimal below 1e-4, which orjson would write as 1e-5, is written as the json module writes it."""
        paper = loads(MINI_TEXT)
        statistic = attrs.evolve(paper.statistics[0], value=Decimal(value), unit="yuan")
        changed = attrs.evolve(paper, statistics=(statistic,))
        plain = converters.converter.unstructure(changed, unstructure_as=WhitePaper)
        assert dumps(changed) == json.dumps(plain, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


class TestSetUp:
    def test_orjson_is_installed_for_the_tests(self) -> None:
        """The test extra installs orjson, so the fast path's orjson side is tested, never skipped."""
        assert _fastjson.orjson is not None, "install the test extra: pip install -e '.[test]'"


#: The mini paper as this library writes it: the form the one-pass proof knows.
CANONICAL = dumps(loads(MINI_TEXT)).encode()

#: Edits of that text, each of which must take it out of the one-pass proof.
CANONICAL_EDITS: list[tuple[bytes, bytes]] = [
    (b'  "id": "mini-paper",\n', b'  "id": "mini-paper",\n  "id": "mini-paper",\n'),  # a repeated key
    (b'  "id": "mini-paper",\n', b'  "id": "other",\n  "id": "mini-paper",\n'),
    (b'"value": 39.8', b'"value": 39.80'),  # not the shortest repr
    (b'"value": 39.8', b'"value": 3.98e1'),
    (b'"id": "mini-paper"', b'"id" : "mini-paper"'),
    (b"}\n", b"}\n\n"),
    (b"}\n", b"} \n"),
    (b"}\n", b"}\n}"),
]


class TestOnePassProof:
    """Text exactly as orjson writes it is proved by writing it again; anything else is not."""

    def test_what_dumps_writes_is_proved_in_one_pass(self) -> None:
        for paper in (loads(MINI_TEXT), load_white_paper()):
            data = dumps(paper).encode()
            assert _fastjson._written_by_orjson(data, _fastjson.orjson.loads(data))
            assert _fastjson.load(data, WhitePaper, DEFAULT_LIMITS) == paper

    def test_json_lines_are_proved_in_one_pass(self, tmp_path: Any) -> None:
        events = load_white_paper().events
        dump_jsonl(events, tmp_path / "events.jsonl")
        lines = (tmp_path / "events.jsonl").read_bytes().splitlines()
        assert len(lines) == len(events)
        for line, event in zip(lines, events, strict=True):
            assert _fastjson._written_by_orjson(line, _fastjson.orjson.loads(line))
            assert _fastjson.load(line, Event, DEFAULT_LIMITS) == event

    @pytest.mark.parametrize(("old", "new"), CANONICAL_EDITS)
    def test_edited_text_is_not_proved_in_one_pass(self, old: bytes, new: bytes) -> None:
        assert CANONICAL.count(old) >= 1
        data = CANONICAL.replace(old, new, 1)
        try:
            plain = _fastjson.orjson.loads(data)
        except ValueError:
            return  # not JSON at all: nothing to prove
        assert not _fastjson._written_by_orjson(data, plain)
        fast = _fastjson.load(data, WhitePaper, DEFAULT_LIMITS)
        if fast is not None:
            assert _strict(data, WhitePaper, DEFAULT_LIMITS) == ("ok", fast)
        if b'"id": "mini-paper",\n  "id"' in data:
            assert fast is None  # a repeated key is an error only the strict path reports

    def test_a_float_orjson_writes_unlike_repr_goes_to_the_strict_path(self) -> None:
        """orjson writes 1e-05 as 0.00001, unlike repr: the one-pass proof declines, the strict path reads."""
        paper = loads(MINI_TEXT)
        statistic = attrs.evolve(paper.statistics[0], value=Decimal("0.00001"), unit="yuan")
        changed = attrs.evolve(paper, statistics=(statistic,))
        plain = converters.converter.unstructure(changed, unstructure_as=WhitePaper)
        data = _fastjson.orjson.dumps(plain, option=_fastjson.orjson.OPT_INDENT_2)
        assert b"0.00001" in data
        assert _fastjson._written_by_orjson(data, _fastjson.orjson.loads(data))
        assert _fastjson.load(data, WhitePaper, DEFAULT_LIMITS) is None
        assert loads(data) == changed

    @SLOW
    @given(paper=white_papers())
    def test_generated_papers_as_written_load_alike(self, paper: WhitePaper) -> None:
        """Any paper as dumps writes it takes the fast path and loads equal (floats below 1e-4 aside)."""
        data = dumps(paper).encode()
        fast = _fastjson.load(data, WhitePaper, DEFAULT_LIMITS)
        plan = _codegen.plan_for(WhitePaper)
        assert plan is not None
        if plan.has_tiny_float(paper):  # written by the json module (1e-05), which orjson would not write
            assert fast is None or fast == paper
        else:
            assert fast == paper


class TestCollectorRestored:
    """The fast paths pause the cyclic garbage collector; every way out leaves it as it was."""

    @staticmethod
    def _calls() -> list[Any]:
        paper = loads(MINI_TEXT)
        tiny = attrs.evolve(
            paper,
            statistics=(attrs.evolve(paper.statistics[0], value=Decimal("0.00001"), unit="yuan"),),
        )
        return [
            lambda: _fastjson.load(CANONICAL, WhitePaper, DEFAULT_LIMITS),  # proved
            lambda: _fastjson.load(MINI_TEXT.encode(), WhitePaper, DEFAULT_LIMITS),  # the slower proofs
            lambda: _fastjson.load(b'{"id": 1}', WhitePaper, DEFAULT_LIMITS),  # declined
            lambda: _fastjson.dumps(paper, WhitePaper, indent=True),  # written
            lambda: _fastjson.dumps(tiny, WhitePaper, indent=True),  # declined: a tiny float
            lambda: _fastjson.dumps(object(), WhitePaper, indent=True),  # failed inside
            lambda: _codegen.structure(json.loads(MINI_TEXT), WhitePaper),
            lambda: _codegen.structure({"id": 1}, WhitePaper),  # raises
        ]

    @pytest.mark.parametrize("enabled", [True, False])
    def test_collector_state_is_kept(self, enabled: bool) -> None:
        was = gc.isenabled()
        try:
            (gc.enable if enabled else gc.disable)()
            for call in self._calls():
                with contextlib.suppress(Exception):  # a failure is one of the ways out under test
                    call()
                assert gc.isenabled() is enabled
        finally:
            (gc.enable if was else gc.disable)()


class TestColonCounting:
    def test_only_the_counting_variant_counts_colons(self) -> None:
        """Colons in strings are counted by the variant the slower proof uses, and only there."""
        plain = json.loads(MINI_TEXT)
        plain["summary"] = "Two: colons: here."
        plan = _codegen.plan_for(WhitePaper)
        assert plan is not None
        quick: list[Any] = [0, [], 0, 0]
        counting: list[Any] = [0, [], 0, 0]
        assert plan.structure(plain, quick) == plan.reader(count_colons=True)(plain, counting)
        expected = MINI_TEXT.count(":") - MINI_TEXT.count('":') + 2  # colons in the strings of the text
        assert (quick[3], counting[3]) == (0, expected)
        assert quick[:3] == counting[:3]


#: Forbidden in text (bidirectional controls, C1, DEL, C0), and allowed characters next to them.
FORBIDDEN = [f"a{c}b" for c in "\u202e\u202a\u2066\u2069\x85\x80\x9f\x7f\x00\x1f"]
ALLOWED = [f"a{c}b" for c in "\u2014\u201c\u00b7\u00a0\u2028\u2065\u206a\u00c2\u2029\u202f"]


class TestCharacterProof:
    """Text shown free of forbidden characters skips the per-string test; any other text keeps it."""

    @staticmethod
    def _written(summary: str) -> bytes:
        plain = json.loads(MINI_TEXT)
        plain["summary"] = summary
        # Long enough for the fast path to look for forbidden characters at all.
        plain["chapters"][0]["summary"] = " ".join(["Long."] * 1000)
        data: bytes = _fastjson.orjson.dumps(plain, option=_fastjson.orjson.OPT_INDENT_2)
        assert _fastjson._written_by_orjson(data, _fastjson.orjson.loads(data))
        assert len(data) >= _fastjson._CHARACTER_PROOF_FROM
        return data

    @pytest.mark.parametrize("summary", FORBIDDEN)
    def test_a_forbidden_character_is_not_proved_absent(self, summary: str) -> None:
        """Each forbidden character orjson can write, raw or escaped, is seen, and the paper is refused."""
        data = self._written(summary)
        assert not _fastjson._no_forbidden_character(data)
        assert _fastjson.load(data, WhitePaper, DEFAULT_LIMITS) is None
        with pytest.raises(ValidationError) as caught:
            loads(data)
        assert [(p.path, p.code) for p in caught.value.problems] == [("$.summary", "character")]

    @pytest.mark.parametrize("summary", ALLOWED)
    def test_allowed_characters_near_forbidden_ones_are_proved_absent(self, summary: str) -> None:
        """Dashes, quotes, a middle dot and the forbidden ranges' neighbours pass the proof, and load."""
        data = self._written(summary)
        assert _fastjson._no_forbidden_character(data)
        fast = _fastjson.load(data, WhitePaper, DEFAULT_LIMITS)
        assert fast is not None
        assert fast.summary == summary

    def test_many_lead_bytes_fall_back_to_checking_each_string(self) -> None:
        """Past 64 possible lead bytes the proof gives up; the strings are then checked one by one."""
        data = self._written("\u2014" * 64)
        assert _fastjson._no_forbidden_character(data)
        many = self._written("\u2014" * 65)
        assert not _fastjson._no_forbidden_character(many)
        assert loads(many).summary == "\u2014" * 65
        assert not _fastjson._no_forbidden_character(MINI_TEXT)  # text, not bytes: nothing proved

    @SLOW
    @given(summary=st.text(min_size=1, max_size=8).map(str.strip).filter(bool))
    def test_any_summary_loads_as_strictly(self, summary: str) -> None:
        """Whatever characters a summary holds, the fast path and the strict one agree."""
        try:
            data = self._written(summary)
        except (TypeError, ValueError):  # orjson will not write a lone surrogate
            return
        fast = _fastjson.load(data, WhitePaper, DEFAULT_LIMITS)
        if fast is not None:  # it may decline, but never loads what the strict path would not
            assert _strict(data, WhitePaper, DEFAULT_LIMITS) == ("ok", fast)


class TestLargeTextsParsedByTheJsonModule:
    def test_a_text_over_the_orjson_size_is_parsed_by_the_json_module(self, monkeypatch: Any) -> None:
        """Above ORJSON_MAX_BYTES orjson does not parse (it would hold far more memory); it loads alike."""
        expected = loads(MINI_TEXT)
        parsed: list[Any] = []
        real = _fastjson.orjson.loads

        def counting(data: Any) -> Any:
            parsed.append(len(data))
            return real(data)

        monkeypatch.setattr(_fastjson.orjson, "loads", counting)
        size = len(CANONICAL)
        monkeypatch.setattr(_fastjson, "ORJSON_MAX_BYTES", size)
        assert _fastjson.load(CANONICAL, WhitePaper, DEFAULT_LIMITS) == expected
        assert parsed == [size]
        monkeypatch.setattr(_fastjson, "ORJSON_MAX_BYTES", size - 1)
        assert _fastjson.load(CANONICAL, WhitePaper, DEFAULT_LIMITS) == expected
        assert parsed == [size]  # not called again


class TestFastPathCountsValuesFirst:
    @pytest.mark.parametrize("unit", ["0", "[[[[0]]]]", "{}"])
    def test_a_text_that_may_hold_too_many_values_is_not_parsed(self, monkeypatch: Any, unit: str) -> None:
        """Perhaps over max_nodes values: the fast path declines before parsing (the strict path decides)."""
        parsed: list[Any] = []  # an exception would be swallowed: the fast path declines on any
        if _fastjson.orjson is not None:
            monkeypatch.setattr(_fastjson.orjson, "loads", parsed.append)
        monkeypatch.setattr(_fastjson, "_decoder", lambda _n: parsed.append("json"))
        monkeypatch.setattr(_fastjson, "COUNT_VALUES_FROM", 0)  # at the default, only texts over 6 MiB
        text = "[" + ",".join([unit] * 30) + "]"
        for data in (text, text.encode()):
            assert _fastjson.load(data, WhitePaper, Limits(max_nodes=25)) is None
        assert parsed == []

    @pytest.mark.parametrize(
        ("text", "values"),
        [('{"a": [1, 2, {"b": []}], "c": "x"}', 7), ("[[[]]]", 3), ("[[0],[0],[0]]", 7), ("0", 1), ("[]", 1)],
    )
    def test_the_count_is_never_below_the_values(self, text: str, values: int) -> None:
        """A text with one value more than max_nodes allows is never taken for one within it."""
        json.loads(text)  # a JSON text, as the count assumes
        for data in (text, text.encode()):
            assert not _fastjson._few_values(data, values - 1)


class TestWithoutOrjson:
    def test_the_standard_library_writes_the_same_bytes(self, monkeypatch: Any, tmp_path: Any) -> None:
        """Without orjson the json module writes papers and JSON lines, byte for byte as orjson does."""
        paper = load_white_paper()
        text, line_path, plain_path = dumps(paper), tmp_path / "with.jsonl", tmp_path / "without.jsonl"
        dump_jsonl(paper.events, line_path)
        monkeypatch.setattr(_fastjson, "orjson", None)
        assert _fastjson.dumps(paper, WhitePaper, indent=True) is None
        assert dumps(paper) == text
        dump_jsonl(paper.events, plain_path)
        assert plain_path.read_bytes() == line_path.read_bytes()
        assert loads(text.encode()) == paper
