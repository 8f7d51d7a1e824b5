"""The JSON Schema: generated from the model, shipped, and checked by a real validator.

The validator is the ``jsonschema`` package (Draft202012Validator). Besides
the metaschema check and the shipped-file check, two groups of tests compare
the schema with our loader:

- ``TestDifferential``: single mutations of generated papers (wrong type,
  missing key, extra key, bad pattern, bad enum, out of range, duplicate
  item). The schema and the loader must both reject every one.
- ``TestLibraryOnlyRules``: the rules no JSON Schema can express. For each,
  the schema accepts a paper that breaks it and the loader rejects it with
  the rule's problem code. ``LIBRARY_ONLY`` is the list; docs/interop.md
  gives the same one.
"""

from __future__ import annotations

import copy
import enum
import functools
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from importlib import resources
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import vocab
from cyberspace_whitepaper.model import MODEL_CLASSES
from cyberspace_whitepaper.model._checks import (
    FORMAT_CHARACTER_RANGES,
    IDENTIFIER_PATTERN,
    LANGUAGE_PATTERN,
    URL_PATTERN,
    Pattern,
    Text,
    evaluate,
    identifier,
    language_tag,
    name_text,
    text,
    url,
)
from cyberspace_whitepaper.model._shape import FieldShape, Kind, shape_of
from cyberspace_whitepaper.strategies import corpora, white_papers

DATA = resources.files("cyberspace_whitepaper").joinpath("data")
REGENERATE = (
    "regenerate it with: python -m cyberspace_whitepaper export --to schema "
    "-o src/cyberspace_whitepaper/data/white-paper.schema.json"
)
#: How many generated papers must validate, and how many mutations to try.
GENERATED_PAPERS = 1000
MUTATIONS = 2000
#: Small papers: Hypothesis spends most of its time drawing, and every kind
#: of object still turns up hundreds of times over a thousand papers (two
#: actors, so that affiliations occur; two events, sources and chapters).
SIZES = {
    "max_chapters": 2,
    "max_sections": 1,
    "max_items": 1,
    "max_principles": 1,
    "max_goals": 1,
    "max_concerns": 1,
    "max_proposals": 1,
    "max_events": 2,
    "max_actors": 2,
    "max_statistics": 1,
    "max_documents": 1,
    "max_sources": 2,
    "max_citations": 1,
}


def canonical(data: Any) -> str:
    """The canonical text of a shipped JSON file."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    """A validator for the generated schema of WhitePaper."""
    return Draft202012Validator(cw.json_schema())


@pytest.fixture(scope="module")
def generated_papers() -> list[dict[str, Any]]:
    """Distinct generated papers as plain data, drawn once for the whole module."""
    papers: dict[str, dict[str, Any]] = {}

    # More examples than needed, since two draws can make the same paper: about one in twenty
    # does (the simplest paper several times over), so 1,050 draws gave 989 to 1,019 papers.
    @settings(
        max_examples=GENERATED_PAPERS + 150,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(white_papers(**SIZES))
    def collect(paper: cw.WhitePaper) -> None:
        plain = cw.to_dict(paper)
        papers[json.dumps(plain, sort_keys=True)] = plain

    collect()
    return list(papers.values())


def loader_accepts(data: Any) -> bool:
    """Whether our loader takes this plain data, read as JSON text."""
    try:
        cw.loads(json.dumps(data, ensure_ascii=False))
    except (cw.ValidationError, cw.LoadError):
        return False
    return True


class TestGeneratedSchema:
    def test_every_model_class_passes_the_metaschema(self) -> None:
        """The schema of every model class is a valid draft 2020-12 schema."""
        for cls in MODEL_CLASSES:
            Draft202012Validator.check_schema(cw.json_schema(cls))

    def test_shipped_schema_is_what_json_schema_returns(self) -> None:
        """data/white-paper.schema.json is byte for byte the canonical text of json_schema()."""
        shipped = DATA.joinpath("white-paper.schema.json").read_text(encoding="utf-8")
        assert shipped == canonical(cw.json_schema()), f"the shipped schema is out of date; {REGENERATE}"

    def test_shipped_schema_passes_the_metaschema(self) -> None:
        """The shipped file itself passes the metaschema check."""
        shipped = json.loads(DATA.joinpath("white-paper.schema.json").read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(shipped)
        assert shipped["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def test_each_call_returns_a_new_dict(self) -> None:
        """Changing a returned schema does not change the next one."""
        first = cw.json_schema()
        first["$defs"].clear()
        assert cw.json_schema()["$defs"]

    def test_root_refers_to_the_class(self) -> None:
        """The root of a class's schema is a $ref to its definition, which lists only what it reaches."""
        schema = cw.json_schema(cw.Citation)
        assert schema["$ref"] == "#/$defs/Citation"
        assert set(schema["$defs"]) == {"Citation", "Identifier", "Locator", "Certainty", "Text"}

    def test_objects_follow_the_attrs_fields(self) -> None:
        """Each class is a closed object: fields in order, required = no default, metadata descriptions."""
        definitions = cw.json_schema(cw.Corpus)["$defs"]  # a corpus reaches every class
        classes = [c for c in MODEL_CLASSES if c not in (cw.PartialDate, cw.Locator)]
        for cls in classes:
            definition = definitions[cls.__name__]
            shapes = shape_of(cls)
            assert definition["type"] == "object"
            assert definition["additionalProperties"] is False
            assert list(definition["properties"]) == [s.name for s in shapes]
            assert definition["required"] == [s.name for s in shapes if s.required]
            for shape in shapes:
                prop = definition["properties"][shape.name]
                assert prop["description"] == shape.description, f"{cls.__name__}.{shape.name}"
                assert ("default" in prop) == (not shape.required)

    def test_defaults_are_written_as_json(self) -> None:
        """A field's default appears as its JSON value."""
        definitions = cw.json_schema()["$defs"]
        assert definitions["LocalizedText"]["properties"]["en_official"]["default"] is True
        assert definitions["Alias"]["properties"]["language"]["default"] == "en"
        assert definitions["Statistic"]["properties"]["scale"]["default"] == "one"
        assert definitions["Event"]["properties"]["actors"]["default"] == []
        assert definitions["WhitePaper"]["properties"]["schema_version"] == {
            "description": "Version of the JSON shape.",
            "type": "integer",
            "const": 1,
            "default": 1,
        }

    def test_enums_come_from_vocab(self) -> None:
        """Every vocabulary enum the model uses is a string enum of its values."""
        definitions = cw.json_schema()["$defs"]
        enums = [v for v in vars(vocab).values() if isinstance(v, type) and issubclass(v, enum.Enum)]
        used = [e for e in enums if e.__name__ in definitions]
        # DatePrecision is no field's type; PaperPart lives inside the Locator string.
        assert {e.__name__ for e in enums} - {e.__name__ for e in used} == {"DatePrecision", "PaperPart"}
        for cls in used:
            assert definitions[cls.__name__] == {
                "title": cls.__name__,
                "type": "string",
                "enum": [member.value for member in cls],
            }

    def test_patterns_come_from_the_validators(self) -> None:
        """Identifier, language, URL, date and locator patterns are the model's own, with a portable end."""
        definitions = cw.json_schema()["$defs"]
        expected = {
            "Identifier": IDENTIFIER_PATTERN,
            "LanguageTag": LANGUAGE_PATTERN,
            "Url": URL_PATTERN,
            "PartialDate": cw.PartialDate.PATTERN,
            "Locator": cw.Locator.PATTERN,
        }
        for name, pattern in expected.items():
            assert definitions[name]["pattern"] == pattern + "(?!\\n)"
        assert definitions["Identifier"]["maxLength"] == identifier().max_length == 64
        assert definitions["LanguageTag"]["maxLength"] == language_tag().max_length
        assert definitions["Url"]["maxLength"] == url().max_length

    def test_numbers_carry_their_ranges(self) -> None:
        """in_range validators become minimum and maximum."""
        definitions = cw.json_schema()["$defs"]
        assert definitions["Chapter"]["properties"]["number"] == {
            "description": "Chapter number, from 1 (I).",
            "type": "integer",
            "minimum": 1,
            "maximum": 999,
        }
        assert definitions["Statistic"]["properties"]["value"]["type"] == "number"

    def test_arrays_carry_min_items_and_unique_items(self) -> None:
        """tuple_of(min_length=...) becomes minItems, unique() uniqueItems."""
        properties = cw.json_schema()["$defs"]["WhitePaper"]["properties"]
        assert properties["chapters"]["minItems"] == 1
        assert properties["languages"]["uniqueItems"] is True
        assert "uniqueItems" not in properties["chapters"]

    def test_optional_fields_allow_null(self) -> None:
        """An optional field takes null as well as its value."""
        properties = cw.json_schema()["$defs"]["Event"]["properties"]
        assert properties["end"]["anyOf"] == [{"$ref": "#/$defs/PartialDate"}, {"type": "null"}]
        assert cw.json_schema()["$defs"]["Actor"]["properties"]["role"]["anyOf"][1] == {"type": "null"}

    def test_rejects_what_is_not_a_model_class(self) -> None:
        """json_schema() takes model classes only."""
        with pytest.raises(
            TypeError, match=r"^type= must be a model class such as WhitePaper or Event, got <class 'int'>$"
        ):
            cw.json_schema(int)  # type: ignore[arg-type]

    def test_a_field_not_in_the_shape_is_an_error(self) -> None:
        """A field declared around the model's shape (a bare attrs validator) fails loudly, never left out."""

        @attrs.frozen(kw_only=True)
        class Odd:
            name: str = attrs.field(metadata={"description": "x"}, validator=attrs.validators.max_len(3))

        with pytest.raises(TypeError, match=r"^Odd\.name: not declared with model\._shape\.describe\(\)$"):
            cw.json_schema(Odd)


def _schema_accepts(definition: dict[str, Any], value: str) -> bool:
    return len(value) >= definition["minLength"] and re.search(definition["pattern"], value) is not None


def _library_accepts(constraint: Text, value: str) -> bool:
    return all(evaluate(test, value) for test in constraint.tests())


_TEXT_DEFINITIONS = (("Text", text()), ("NameText", name_text()))


class TestTextPattern:
    @pytest.mark.parametrize(("name", "constraint"), _TEXT_DEFINITIONS)
    @settings(max_examples=300)
    @given(
        value=st.text(
            st.one_of(
                st.characters(exclude_categories=["Cs"]),
                st.sampled_from(
                    " \t\n\r\x00\x1f\x7f\x85\xa0\xad\u1680\u200b\u200d\u2028\u202e\u2066\u3000\ufeff"
                ),
            ),
            max_size=6,
        )
    )
    def test_text_pattern_agrees_with_the_constraint(self, name: str, constraint: Text, value: str) -> None:
        """Text and NameText accept just what their constraints accept (lone surrogates aside)."""
        definition = cw.json_schema()["$defs"][name]
        assert _schema_accepts(definition, value) == _library_accepts(constraint, value)

    def test_name_pattern_refuses_every_format_character_of_the_plane(self) -> None:
        """NameText refuses every format character of the Basic Multilingual Plane; Text, the bidi ones."""
        definitions = cw.json_schema()["$defs"]
        for first, last in FORMAT_CHARACTER_RANGES:
            for code in range(first, min(last, 0xFFFF) + 1):
                value = f"a{chr(code)}a"
                assert not _schema_accepts(definitions["NameText"], value), hex(code)
                assert _schema_accepts(definitions["Text"], value) == _library_accepts(text(), value), hex(
                    code
                )

    def test_patterns_end_at_the_end_even_in_python(self) -> None:
        """A final newline does not slip past a pattern in Python's re, as it would past a bare '$'."""
        definitions = cw.json_schema()["$defs"]
        for name, good in (("Identifier", "xi-jinping"), ("Text", "text"), ("PartialDate", "2022-11-07")):
            assert re.search(definitions[name]["pattern"], good)
            assert not re.search(definitions[name]["pattern"], good + "\n")


class TestValidPapers:
    def test_bundled_paper_validates(self, validator: Draft202012Validator) -> None:
        """The bundled paper, as shipped, passes the schema."""
        paper = json.loads(DATA.joinpath("white-paper.json").read_text(encoding="utf-8"))
        assert [e.message for e in validator.iter_errors(paper)] == []

    def test_mini_paper_validates(self, validator: Draft202012Validator, mini_paper_text: str) -> None:
        """The small hand-written paper (defaults left out) passes the schema."""
        assert [e.message for e in validator.iter_errors(json.loads(mini_paper_text))] == []

    def test_canonical_output_validates(self, validator: Draft202012Validator) -> None:
        """What dumps() writes for the bundled paper passes the schema."""
        assert validator.is_valid(json.loads(cw.dumps(cw.load_white_paper())))

    def test_generated_papers_validate(
        self, validator: Draft202012Validator, generated_papers: list[dict[str, Any]]
    ) -> None:
        """At least 1,000 distinct generated papers all pass the schema."""
        assert len(generated_papers) >= GENERATED_PAPERS
        failures = [
            (index, error.json_path, error.message)
            for index, paper in enumerate(generated_papers)
            for error in validator.iter_errors(paper)
        ]
        assert failures == []


# --- the differential test -------------------------------------------------------


@attrs.frozen
class Slot:
    """What the model expects at one place in a paper's JSON."""

    kind: str  # object, array, string kinds (identifier, text ...), integer, boolean, number, enum, const
    optional: bool = False
    cls: Any = None  # the model class of an object, the enum of an enum
    item: Slot | None = None
    low: int | None = None
    high: int | None = None
    unique: bool = False
    min_items: int = 0
    const: Any = None


def _string_kind(constraint: Any) -> str:
    if constraint == identifier():
        return "identifier"
    if constraint == language_tag():
        return "language"
    if constraint == url():
        return "url"
    return "slug" if isinstance(constraint, Pattern) else "text"


def slot_of(shape: FieldShape) -> Slot:
    """The slot of a field, read from the model's shape."""
    one = _one_slot(shape)
    if shape.many:
        one = Slot("array", item=one, unique=shape.unique, min_items=shape.min_items)
    return attrs.evolve(one, optional=shape.optional)


def _one_slot(shape: FieldShape) -> Slot:
    kind = shape.kind
    if kind is Kind.INTEGER:
        low, high = shape.constraint.low, shape.constraint.high
        return Slot("const", const=low) if low == high else Slot("integer", low=low, high=high)
    if kind in (Kind.TEXT, Kind.STRING):
        return Slot(_string_kind(shape.constraint))
    simple = {Kind.DATE: "date", Kind.LOCATOR: "locator", Kind.BOOLEAN: "boolean", Kind.DECIMAL: "number"}
    if kind in simple:
        return Slot(simple[kind])
    return Slot("enum" if kind is Kind.ENUM else "object", cls=shape.type)


@functools.cache
def fields_of(cls: type) -> tuple[tuple[str, Slot, bool], ...]:
    """(name, slot, required) for each field of a model class."""
    return tuple((shape.name, slot_of(shape), shape.required) for shape in shape_of(cls))


Path_ = tuple[str | int, ...]


def sites(data: Any, slot: Slot, path: Path_ = ()) -> Iterator[tuple[Path_, Slot]]:
    """Every place in ``data`` with what the model expects there."""
    yield path, slot
    if slot.kind == "object" and type(data) is dict:
        for name, field_slot, _required in fields_of(slot.cls):
            if name in data:
                yield from sites(data[name], field_slot, (*path, name))
    elif slot.kind == "array" and type(data) is list and slot.item is not None:
        for index, item in enumerate(data):
            yield from sites(item, slot.item, (*path, index))


#: Values of every JSON type, for wrong-type mutations.
OTHER_TYPES: dict[str, Any] = {
    "string": "x",
    "integer": 7,
    "fraction": 1.5,
    "boolean": True,
    "null": None,
    "array": [],
    "object": {},
}
#: Which of those each kind of slot accepts.
ACCEPTED: dict[str, set[str]] = {
    "object": {"object"},
    "array": {"array"},
    "integer": {"integer"},
    "const": {"integer"},
    "number": {"integer", "fraction"},
    "boolean": {"boolean"},
}
#: Strings that break each string rule (and that no pattern or text rule lets through).
BAD_STRINGS: dict[str, list[str]] = {
    "identifier": [
        "Xi-Jinping",
        "xi jinping",
        "-xi",
        "xi-",
        "xi--jinping",
        "",
        "xi_jinping",
        "x" * 65,
        "xi\n",
    ],
    "slug": ["Percent", "per cent", "", "per_cent", "percent\n"],
    "language": ["EN", "english", "en_US", "", "e", "zh-hans", "en\n"],
    "url": [
        "ftp://example.org/a",
        "https://localhost",
        "https://example.org/a b",
        "example.org",
        "",
        "https://example.org/\u202e",
        "https://example.org/\x7f",
        "https://example.org/a\n",
    ],
    "text": ["", " ", " lead", "trail ", "a\x00b", "a\u202eb", "trail\n", "\u3000x"],
    "date": [
        "2022/11/07",
        "22-11-07",
        "2022-1",
        "2022-11-7",
        "November 2022",
        "",
        "20221107",
        "2022-11-07\n",
    ],
    "locator": ["i", "IIII", "IC", "I.0", "I.1(0)", "I(1)", "Preface", "", ".1", "I.1000", "I\n"],
}


def _json_kind(value: Any) -> str:
    return {
        str: "string",
        int: "integer",
        float: "fraction",
        bool: "boolean",
        list: "array",
        dict: "object",
    }.get(type(value), "null")


def _wrong_types(slot: Slot) -> list[Any]:
    accepted = set(ACCEPTED.get(slot.kind, {"string"}))
    if slot.optional:
        accepted.add("null")
    return [value for kind, value in OTHER_TYPES.items() if kind not in accepted]


def _all_enum_values() -> set[str]:
    return {
        m.value for v in vars(vocab).values() if isinstance(v, type) and issubclass(v, enum.Enum) for m in v
    }


ENUM_VALUES = sorted(_all_enum_values())


def _bad_enum_values(slot: Slot) -> list[Any]:
    if slot.kind == "const":
        return [slot.const + 1, 0, -1]
    own = [m.value for m in slot.cls]
    return [
        own[0].upper(),
        own[0] + "s",
        f" {own[0]}",
        "",
        *[v for v in ENUM_VALUES if v not in own][:5],
    ]


#: One single mutation: its kind, where, and what it does ("set" a value or "delete" a key).
Mutation = tuple[str, Path_, str, Any]


def _at(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


def apply(data: Any, mutation: Mutation) -> Any:
    """A mutated deep copy of ``data``."""
    _kind, path, operation, value = mutation
    mutated = copy.deepcopy(data)
    if operation == "delete":
        del _at(mutated, path)[value]
    else:
        _at(mutated, path[:-1])[path[-1]] = copy.deepcopy(value)
    return mutated


def describe(mutation: Mutation) -> str:
    """A mutation as a reader would write it: ``$.events[0].kind = 'Speech'``."""
    _kind, path, operation, value = mutation
    where = "$" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in path)
    return f"del {where}.{value}" if operation == "delete" else f"{where} = {value!r}"


def candidates(paper: dict[str, Any]) -> dict[str, list[Mutation]]:
    """Every single mutation of one paper, by kind."""
    found: dict[str, list[Mutation]] = {}

    def add(kind: str, path: Path_, operation: str, value: Any) -> None:
        found.setdefault(kind, []).append((kind, path, operation, value))

    for path, slot in sites(paper, Slot("object", cls=cw.WhitePaper)):
        value = _at(paper, path)
        if path:
            for wrong in _wrong_types(slot):
                add("wrong-type", path, "set", wrong)
        if slot.kind in BAD_STRINGS and path:
            for bad in BAD_STRINGS[slot.kind]:
                add("bad-pattern", path, "set", bad)
        if slot.kind in ("enum", "const"):
            for bad in _bad_enum_values(slot):
                add("bad-enum", path, "set", bad)
        if slot.kind == "integer" and slot.low is not None and slot.high is not None:
            for bad in (slot.low - 1, slot.high + 1):
                add("out-of-range", path, "set", bad)
        if slot.kind == "array" and type(value) is list:
            if slot.unique and value:
                add("duplicate-item", path, "set", [*value, value[0]])
            if slot.min_items:
                add("too-few-items", path, "set", [])
        if slot.kind == "object" and type(value) is dict:
            names = [name for name, _slot, _required in fields_of(slot.cls)]
            for name, _slot, required in fields_of(slot.cls):
                if required and name in value:
                    add("missing-key", path, "delete", name)
            for extra in ("extra", f"{names[0]}s", names[-1].upper(), "$comment"):
                assert extra not in names
                add("extra-key", (*path, extra), "set", 1)
    return found


class TestDifferential:
    KINDS = (
        "wrong-type",
        "missing-key",
        "extra-key",
        "bad-pattern",
        "bad-enum",
        "out-of-range",
        "duplicate-item",
        "too-few-items",
    )

    def test_schema_and_loader_reject_the_same_mutations(
        self, validator: Draft202012Validator, generated_papers: list[dict[str, Any]]
    ) -> None:
        """Over 2,000 single mutations of generated papers: the schema and the loader reject every one."""
        chooser = random.Random(20221107)
        tried: Counter[str] = Counter()
        disagreements: list[tuple[str, bool, bool]] = []
        for position, paper in enumerate(generated_papers[: MUTATIONS // 2]):
            found = candidates(paper)
            # Two kinds per paper, in turn, so every kind is tried hundreds of times.
            for turn in (2 * position, 2 * position + 1):
                wanted = self.KINDS[turn % len(self.KINDS)]
                # A paper without such a place (no non-empty unique array, say) gets another kind.
                kind = wanted if wanted in found else chooser.choice(sorted(found))
                mutation = chooser.choice(found[kind])
                mutated = apply(paper, mutation)
                by_schema, by_loader = validator.is_valid(mutated), loader_accepts(mutated)
                tried[kind] += 1
                if by_schema or by_loader:
                    disagreements.append((describe(mutation), by_schema, by_loader))
        assert sum(tried.values()) >= MUTATIONS
        assert all(tried[kind] >= 50 for kind in self.KINDS), tried
        assert disagreements == []


# --- what only the library checks ------------------------------------------------

#: The rules no JSON Schema can express: (rule, mutation of the mini paper,
#: the loader's problem code). docs/interop.md lists the same rules.
LIBRARY_ONLY: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "ids are unique across the paper",
        lambda d: d["sources"].append(dict(d["sources"][0])),
        "duplicate-id",
    ),
    (
        "references resolve",
        lambda d: d.__setitem__("publisher", "nobody"),
        "dangling-reference",
    ),
    (
        "references name the right kind of entity",
        lambda d: d["events"][0].__setitem__("actors", ["e1"]),
        "wrong-kind",
    ),
    (
        "an actor does not belong to itself",
        lambda d: d["actors"][0].__setitem__("affiliation", "scio"),
        "self-reference",
    ),
    (
        "locators name a part that exists",
        lambda d: d["principles"][0].__setitem__("located_in", "IV"),
        "unknown-locator",
    ),
    (
        "numbering runs 1..n without gaps",
        lambda d: d["chapters"][0]["sections"][0].__setitem__("number", 2),
        "numbering",
    ),
    (
        "names are unique within principles, goals, concerns and proposals",
        lambda d: d["principles"].append(dict(d["principles"][0], id="p2", order=2)),
        "duplicate-name",
    ),
    (
        "event titles are unique per date",
        lambda d: d["events"].append(dict(d["events"][0], id="e2")),
        "duplicate-event",
    ),
    (
        "an event ends no earlier than it begins",
        lambda d: d["events"][0].__setitem__("end", "2015-12-15"),
        "date-order",
    ),
    (
        "figures and events the paper mentions are not dated after it",
        lambda d: d["statistics"][0].__setitem__("as_of", "2023"),
        "after-paper",
    ),
    (
        "dates are real calendar dates",
        lambda d: d["events"][0].__setitem__("date", "2015-02-30"),
        "value",
    ),
    (
        "integers are written without a point or exponent",
        lambda d: d["chapters"][0].__setitem__("number", 1.0),
        "type",
    ),
    (
        "figures have at most 15 significant digits",
        lambda d: d["statistics"][0].__setitem__("value", 1.2345678901234567),
        "precision",
    ),
    (
        "a percent lies from 0 to 100, and no figure is negative",
        lambda d: d["statistics"][0].__setitem__("value", 101),
        "range",
    ),
    (
        "text holds no lone surrogate",
        lambda d: d.__setitem__("summary", "a\ud800b"),
        "character",
    ),
    (
        "names hold no format character beyond the Basic Multilingual Plane",
        lambda d: d["title"].__setitem__("en", "A Mini Paper\U000e0001"),
        "character",
    ),
]


class TestLibraryOnlyRules:
    @pytest.mark.parametrize(("rule", "mutate", "code"), LIBRARY_ONLY, ids=[r for r, _m, _c in LIBRARY_ONLY])
    def test_schema_accepts_and_loader_rejects(
        self,
        validator: Draft202012Validator,
        mini_paper_text: str,
        rule: str,
        mutate: Callable[[dict[str, Any]], None],
        code: str,
    ) -> None:
        """A paper that breaks a rule only the library can see passes the schema and fails the loader."""
        data = json.loads(mini_paper_text)
        mutate(data)
        assert validator.is_valid(data), rule
        with pytest.raises(cw.ValidationError) as caught:
            cw.loads(json.dumps(data, ensure_ascii=False))
        assert code in {problem.code for problem in caught.value.problems}, rule

    def test_duplicate_keys_are_seen_by_the_loader_only(self) -> None:
        """A JSON object with a key twice parses to a valid-looking dict; the loader refuses the text."""
        text = '{"en": "a", "en": "b"}'
        assert Draft202012Validator(cw.json_schema(cw.LocalizedText)).is_valid(json.loads(text))
        with pytest.raises(cw.ValidationError) as caught:
            cw.loads(text, type=cw.LocalizedText)
        assert [p.code for p in caught.value.problems] == ["duplicate-key"]

    def test_limits_are_the_loaders_only(self, mini_paper_text: str) -> None:
        """Size limits are the loader's: a string over max_string_length passes the schema, not the loader."""
        data = json.loads(mini_paper_text)
        data["summary"] = "x" * (cw.DEFAULT_LIMITS.max_string_length + 1)
        assert Draft202012Validator(cw.json_schema()).is_valid(data)
        with pytest.raises(cw.LimitError) as caught:
            cw.loads(json.dumps(data))
        assert caught.value.limit == "max_string_length"


# --- a corpus ----------------------------------------------------------------------

CORPUS_REGENERATE = (
    "regenerate it with: python -m cyberspace_whitepaper export --to schema --type Corpus "
    "-o src/cyberspace_whitepaper/data/corpus.schema.json"
)


@pytest.fixture(scope="module")
def corpus_validator() -> Draft202012Validator:
    """A validator for the generated schema of Corpus."""
    return Draft202012Validator(cw.json_schema(cw.Corpus))


def _paper(data: dict[str, Any], paper_id: str) -> dict[str, Any]:
    paper: dict[str, Any] = next(p for p in data["papers"] if p["id"] == paper_id)
    return paper


def _related(data: dict[str, Any], paper_id: str, document_id: str) -> dict[str, Any]:
    document: dict[str, Any] = next(d for d in _paper(data, paper_id)["documents"] if d["id"] == document_id)
    return document


#: The corpus rules no JSON Schema can express: (rule, mutation of the bundled corpus, problem code).
#: docs/interop.md lists the same rules.
CORPUS_ONLY: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "paper ids are unique",
        lambda d: d["papers"].append(copy.deepcopy(d["papers"][0])),
        "duplicate-id",
    ),
    (
        "an id means one thing in every paper",
        lambda d: _paper(d, "internet-in-china-2010")["actors"][0]["name"].__setitem__("en", "Someone else"),
        "conflict",
    ),
    (
        "a related document that is a paper of the corpus agrees with it",
        lambda d: _related(d, "cyberspace-community-2022", "wic-concept-paper-2019").__setitem__(
            "published", "2018"
        ),
        "conflict",
    ),
    (
        "a crosswalk cell quotes a paper or document of the corpus",
        lambda d: d["concepts"][0]["expressions"][2].__setitem__("document", "nowhere"),
        "dangling-reference",
    ),
    (
        "a crosswalk cell's place is in the paper it quotes",
        lambda d: d["concepts"][0]["expressions"][0].__setitem__("locator", "IX"),
        "unknown-locator",
    ),
]


class TestCorpusSchema:
    def test_shipped_schema_is_what_json_schema_returns(self) -> None:
        """data/corpus.schema.json is byte for byte the canonical text of json_schema(Corpus)."""
        shipped = DATA.joinpath("corpus.schema.json").read_text(encoding="utf-8")
        assert shipped == canonical(cw.json_schema(cw.Corpus)), (
            f"the shipped schema is out of date; {CORPUS_REGENERATE}"
        )

    def test_shipped_schema_passes_the_metaschema(self) -> None:
        """The shipped corpus schema is a valid draft 2020-12 schema whose root is the Corpus."""
        shipped = json.loads(DATA.joinpath("corpus.schema.json").read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(shipped)
        assert shipped["$ref"] == "#/$defs/Corpus"
        assert shipped["description"].startswith("A corpus of white papers")
        assert "WhitePaper" in shipped["$defs"]

    def test_bundled_corpus_validates(self, corpus_validator: Draft202012Validator) -> None:
        """The bundled corpus, written as one document, passes the corpus schema."""
        data = cw.to_dict(cw.load_corpus())
        assert [error.message for error in corpus_validator.iter_errors(data)] == []
        assert len(data["papers"]) == len(cw.load_corpus().papers)

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(corpora(max_papers=3))
    def test_generated_corpora_validate(
        self, corpus_validator: Draft202012Validator, corpus: cw.Corpus
    ) -> None:
        """Generated corpora pass the corpus schema."""
        assert [error.message for error in corpus_validator.iter_errors(cw.to_dict(corpus))] == []

    def test_a_paper_is_not_a_corpus(self, corpus_validator: Draft202012Validator) -> None:
        """The bundled paper on its own fails the corpus schema: the root of each schema is its class."""
        assert not corpus_validator.is_valid(cw.to_dict(cw.load_white_paper()))

    @pytest.mark.parametrize(("rule", "mutate", "code"), CORPUS_ONLY, ids=[r for r, _m, _c in CORPUS_ONLY])
    def test_schema_accepts_and_loader_rejects(
        self,
        corpus_validator: Draft202012Validator,
        rule: str,
        mutate: Callable[[dict[str, Any]], None],
        code: str,
    ) -> None:
        """A corpus that breaks a corpus rule passes the schema and fails the loader with the rule's code."""
        data = cw.to_dict(cw.load_corpus())
        mutate(data)
        assert corpus_validator.is_valid(data), rule
        with pytest.raises(cw.ValidationError) as caught:
            cw.loads(json.dumps(data, ensure_ascii=False), type=cw.Corpus)
        assert code in {problem.code for problem in caught.value.problems}, rule
