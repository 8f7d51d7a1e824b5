"""The model's one description (``model/_shape.py``): declaring fields, and what a declaration compiles to.

Each test declares its classes inside itself, as a user extending the model
would, so that what the shape makes of a declaration is checked when the
declaration is made, not only at import.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any, Literal

import attrs
import pytest

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import vocab
from cyberspace_whitepaper.model._checks import exact_decimal, identifier, in_range, text
from cyberspace_whitepaper.model._shape import (
    Kind,
    checked,
    describe,
    entity_kinds,
    field_shape,
    identity_of,
    model_classes,
    name_of,
    per_class,
    shape_of,
    type_name,
    values,
    walk,
)


def _declared(annotation: Any, **spec: Any) -> attrs.Attribute[Any]:
    """One attrs field as a class would hold it, declared with ``describe(**spec)``."""
    cls = attrs.make_class(
        "Odd", {"value": attrs.field(type=annotation, metadata=describe("A value.", **spec))}
    )
    return attrs.fields(cls)[0]


def _problems(call: Any) -> list[tuple[str, str, str]]:
    with pytest.raises(cw.ValidationError) as caught:
        call()
    return [(p.path, p.code, p.message) for p in caught.value.problems]


class Colour(enum.Enum):
    RED = "red"


class TestDeclarations:
    @pytest.mark.parametrize(
        ("annotation", "spec", "message"),
        [
            (str, {}, "a str field needs text() or a pattern constraint"),
            (int, {}, "an int field needs an in_range() constraint"),
            (int, {"constraint": text()}, "an int field needs an in_range() constraint"),
            (Decimal, {}, "a Decimal field needs the exact_decimal() constraint"),
            (bool, {"constraint": text()}, "no constraint applies to <class 'bool'>"),
            (bytes, {}, "no kind of value for <class 'bytes'>"),
            (Literal["a"], {}, "only Literals of int are supported, got typing.Literal['a']"),
            (str | int, {}, "only 'X | None' unions are supported, got str | int"),
            (tuple[str, str], {}, "only tuple[X, ...] is supported, got tuple[str, str]"),
            (bool, {"unique": True}, "unique and min_items apply to tuples"),
            (bool, {"min_items": 1}, "unique and min_items apply to tuples"),
            (
                str,
                {"constraint": text(), "refers_to": ("actor",)},
                "ids and references are identifier strings",
            ),
            (str, {"constraint": text(), "identity": "actor"}, "ids and references are identifier strings"),
            (
                tuple[str, ...],
                {"constraint": text(), "names": True},
                "a field that names its object holds one text",
            ),
            (bool, {"names": True}, "a field that names its object holds one text"),
        ],
        ids=repr,
    )
    def test_a_declaration_the_shape_cannot_read_is_a_type_error(
        self, annotation: Any, spec: dict[str, Any], message: str
    ) -> None:
        """A field whose type and constraint do not fit is refused with a TypeError naming the field."""
        with pytest.raises(TypeError) as caught:
            field_shape(_declared(annotation, **spec), type("Odd", (), {}))
        assert str(caught.value) == f"Odd.value: {message}"

    def test_a_field_without_describe_is_refused_when_the_class_is_made(self) -> None:
        """checked() refuses a field not declared with describe(), naming the class and field."""
        with pytest.raises(TypeError, match=r"^Bare\.value: not declared with model\._shape\.describe\(\)$"):
            attrs.make_class("Bare", {"value": attrs.field(type=int)}, field_transformer=checked)

    def test_a_string_annotation_is_refused(self) -> None:
        """Annotations must be types, not strings."""
        attribute = attrs.make_class("Odd", {"value": attrs.field(type="int", metadata=describe("A value."))})
        with pytest.raises(TypeError, match=r"^value: the model's annotations must be types, not strings$"):
            field_shape(attrs.fields(attribute)[0])

    def test_kinds_types_and_roles_are_read_from_the_declaration(self) -> None:
        """Each annotation and constraint gives its kind, type, optional and many; roles are kept."""
        cases = [
            (str, {"constraint": text()}, (Kind.TEXT, str, False, False)),
            (str | None, {"constraint": identifier()}, (Kind.STRING, str, True, False)),
            (tuple[int, ...], {"constraint": in_range(1, 9)}, (Kind.INTEGER, int, False, True)),
            (Literal[1, 2], {"constraint": in_range(1, 2)}, (Kind.INTEGER, int, False, False)),
            (Decimal, {"constraint": exact_decimal()}, (Kind.DECIMAL, Decimal, False, False)),
            (bool, {}, (Kind.BOOLEAN, bool, False, False)),
            (Colour, {}, (Kind.ENUM, Colour, False, False)),
            (cw.PartialDate | None, {}, (Kind.DATE, cw.PartialDate, True, False)),
            (cw.Locator, {}, (Kind.LOCATOR, cw.Locator, False, False)),
            (tuple[cw.Alias, ...], {}, (Kind.MODEL, cw.Alias, False, True)),
        ]
        for annotation, spec, expected in cases:
            shape = field_shape(_declared(annotation, **spec))
            assert (shape.kind, shape.type, shape.optional, shape.many) == expected, annotation
        shape = field_shape(
            _declared(
                tuple[str, ...], constraint=identifier(), refers_to=("actor",), unique=True, min_items=2
            )
        )
        assert (shape.refers_to, shape.unique, shape.min_items, shape.is_reference) == (
            ("actor",),
            True,
            2,
            True,
        )
        assert (shape.required, shape.description, shape.identity, shape.names) == (
            True,
            "A value.",
            None,
            False,
        )

    def test_a_default_makes_a_field_optional_to_write(self) -> None:
        """A field with a default is not required; one without is."""
        cls = attrs.make_class(
            "Odd",
            {
                "a": attrs.field(metadata=describe("A.", text()), type=str),
                "b": attrs.field(default=False, metadata=describe("B."), type=bool),
            },
            kw_only=True,
            field_transformer=checked,
        )
        assert [(s.name, s.required, s.default) for s in shape_of(cls)] == [
            ("a", True, attrs.NOTHING),
            ("b", False, False),
        ]


class TestFieldValidators:
    def _gadget(self) -> type:
        return attrs.make_class(
            "Gadget",
            {
                "name": attrs.field(type=str, metadata=describe("Name.", text())),
                "note": attrs.field(type=str | None, default=None, metadata=describe("Note.", text())),
                "tags": attrs.field(
                    type=tuple[str, ...],
                    default=("a", "b"),
                    metadata=describe("Tags.", identifier(), unique=True, min_items=2),
                ),
                "count": attrs.field(type=int, default=1, metadata=describe("Count.", in_range(1, 9))),
            },
            kw_only=True,
            frozen=True,
            field_transformer=checked,
        )

    def test_good_values_pass(self) -> None:
        """Values that keep every declared rule make an object; None passes where the field is optional."""
        gadget = self._gadget()(name="x", note=None, tags=("a", "b", "c"), count=9)
        assert gadget.tags == ("a", "b", "c")

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            ({"name": None}, ("$.name", "type", "expected string, got null None")),
            ({"note": " x"}, ("$.note", "whitespace", "must not start or end with white space: ' x'")),
            ({"tags": ["a", "b"]}, ("$.tags", "type", "expected tuple, got array ['a', 'b']")),
            ({"tags": ("a",)}, ("$.tags", "empty", "must have at least 2 item(s)")),
            (
                {"tags": ("a", "B")},
                (
                    "$.tags[1]",
                    "pattern",
                    "not a valid identifier (lower-case slug such as 'xi-jinping'): 'B'",
                ),
            ),
            ({"tags": ("a", "b", "a")}, ("$.tags[2]", "duplicate", "'a' is listed twice")),
            ({"count": 10}, ("$.count", "range", "must be from 1 to 9, got 10")),
            ({"count": None}, ("$.count", "type", "expected integer, got null None")),
        ],
        ids=repr,
    )
    def test_a_bad_value_is_refused_at_its_path(
        self, changes: dict[str, Any], expected: tuple[str, str, str]
    ) -> None:
        """Each declared rule refuses a value that breaks it, with its code, message and path."""
        values_ = {"name": "x", **changes}
        assert _problems(lambda: self._gadget()(**values_)) == [expected]

    def test_the_validator_names_its_field(self) -> None:
        """A field validator's repr names the field it checks."""
        (attribute, *_rest) = attrs.fields(self._gadget())
        assert repr(attribute.validator) == "<model field validator for name>"


class TestReadingTheModel:
    def test_type_names_read_as_words(self) -> None:
        """Messages name enums in words, dates and locators by their kind, others as JSON or by class."""
        assert [type_name(t) for t in (vocab.EventKind, cw.PartialDate, cw.Locator, str, cw.Event)] == [
            "event kind",
            "date",
            "locator",
            "string",
            "Event",
        ]

    def test_entity_kinds_come_from_the_papers_fields(self) -> None:
        """The entity kinds are the paper's tuples of objects with an identity, in field order."""
        assert [kind for kind, _shape in entity_kinds(cw.WhitePaper)] == [
            "principle",
            "goal",
            "concern",
            "proposal",
            "event",
            "actor",
            "statistic",
            "document",
            "source",
        ]

    def test_model_classes_come_parents_first(self) -> None:
        """model_classes gives a class before those it holds, each once; within stays in its document."""
        assert [c.__name__ for c in model_classes(cw.Event)] == ["Event", "Citation", "LocalizedText"]
        within = [c.__name__ for c in model_classes(cw.Corpus, within=True)]
        assert within[0] == "Corpus"
        assert "WhitePaper" in within
        assert "Chapter" not in within
        assert "Chapter" in [c.__name__ for c in model_classes(cw.Corpus)]

    def test_walk_gives_every_object_with_its_path(self) -> None:
        """walk yields the object, then each object it holds, in field order, with JSON paths."""
        event = cw.load_white_paper().events[0]
        paths = [path for path, _obj in walk(event)]
        assert paths[:2] == ["$", "$.title"]
        assert paths[2:] == [f"$.citations[{i}]" for i in range(len(event.citations))]
        assert [path for path, _obj in walk(event, "$.events[0]")][1] == "$.events[0].title"

    def test_walk_within_stops_at_a_held_document(self) -> None:
        """walk(within=True) yields a corpus's papers but not what is inside them."""
        corpus = cw.load_corpus()
        inside = [path for path, _obj in walk(corpus, within=True)]
        assert "$.papers[0]" in inside
        assert not any(path.startswith("$.papers[0].") for path in inside)
        assert any(path.startswith("$.papers[0].") for path, _obj in walk(corpus))

    def test_values_are_none_one_or_the_items(self) -> None:
        """values() gives nothing for None, one value for a plain field and the items of a tuple."""
        event = cw.load_white_paper().events[0]
        by_name = {shape.name: shape for shape in shape_of(cw.Event)}
        assert values(event, by_name["end"]) == ()
        assert values(event, by_name["id"]) == (event.id,)
        assert values(event, by_name["actors"]) == event.actors

    def test_the_naming_and_identity_fields(self) -> None:
        """name_of and identity_of find the fields declared names=True and identity=, or None."""
        assert (name_of(cw.Event).name, identity_of(cw.Event).name) == ("title", "id")  # type: ignore[union-attr]
        assert (name_of(cw.Citation), identity_of(cw.LocalizedText)) == (None, None)

    def test_per_class_computes_once(self) -> None:
        """per_class calls its function once per class and gives the same result after."""
        calls: list[type] = []

        @per_class
        def name(cls: type) -> str:
            calls.append(cls)
            return cls.__name__

        assert (name(cw.Event), name(cw.Event), name(cw.Actor)) == ("Event", "Event", "Actor")
        assert calls == [cw.Event, cw.Actor]
