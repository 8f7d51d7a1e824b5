"""The sibling rules read from the shape, on classes made up here: what a future field will meet.

The model's own distinct fields are all texts scoped by at most one field,
in classes whose entity kind is their class's name; the rules are written
for any declaration. These classes declare what the model does not (yet): a
plain string distinct within two fields, in a class whose kind differs
from its name, and in one without an identity.

No ``from __future__ import annotations`` here: the shape reads the
annotations as types, as in the model's own modules.
"""

import attrs

from cyberspace_whitepaper.model import _rules
from cyberspace_whitepaper.model._checks import identifier, in_range
from cyberspace_whitepaper.model._shape import checked, describe


@attrs.frozen(kw_only=True, field_transformer=checked)
class Record:
    """An entity of the kind "entry": a label distinct per group and year."""

    id: str = attrs.field(metadata=describe("Its id.", identifier(), identity="entry"))
    group: str = attrs.field(metadata=describe("Its group.", identifier()))
    year: int = attrs.field(metadata=describe("Its year.", in_range(1900, 2100)))
    label: str = attrs.field(metadata=describe("Its label.", identifier(), distinct=("group", "year")))


@attrs.frozen(kw_only=True, field_transformer=checked)
class Tag:
    """A record without an identity: a label distinct per group and year."""

    group: str = attrs.field(metadata=describe("Its group.", identifier()))
    year: int = attrs.field(metadata=describe("Its year.", in_range(1900, 2100)))
    label: str = attrs.field(metadata=describe("Its label.", identifier(), distinct=("group", "year")))


def problems(items: tuple[object, ...], cls: type, path: str) -> list[tuple[str, str, str]]:
    assert not _rules._siblings_hold(items, cls)
    return [(p.path, p.code, p.message) for p in _rules._sibling_problems(items, cls, path)]


def test_a_scoped_duplicate_is_named_by_its_entity_kind_and_every_field_of_its_scope() -> None:
    """The same label in another year is no duplicate; in the same group and year it is, said so."""
    records = (
        Record(id="a", group="g", year=2020, label="x"),
        Record(id="b", group="g", year=2021, label="x"),
        Record(id="c", group="g", year=2020, label="x"),
    )
    assert problems(records, Record, "$.records") == [
        ("$.records[2].label", "duplicate-entry", "an entry 'x' on g, 2020 is already at $.records[0].label")
    ]


def test_a_class_without_an_identity_is_named_by_its_class() -> None:
    tags = (Tag(group="g", year=2020, label="x"), Tag(group="g", year=2020, label="x"))
    assert problems(tags, Tag, "$.tags") == [
        ("$.tags[1].label", "duplicate-tag", "a tag 'x' on g, 2020 is already at $.tags[0].label")
    ]


def test_distinct_records_hold() -> None:
    tags = (Tag(group="g", year=2020, label="x"), Tag(group="h", year=2020, label="x"))
    assert _rules._siblings_hold(tags, Tag)
    assert list(_rules._sibling_problems(tags, Tag, "$.tags")) == []


@attrs.frozen(kw_only=True, field_transformer=checked)
class Note:
    """A record whose optional code is distinct among all: two without a code are no duplicates."""

    code: str | None = attrs.field(default=None, metadata=describe("Its code.", identifier(), distinct=()))


def test_values_that_are_not_there_are_nobodys_duplicates() -> None:
    notes = (Note(), Note(), Note(code="x"))
    assert _rules._siblings_hold(notes, Note)
    assert list(_rules._sibling_problems(notes, Note, "$.notes")) == []
    assert problems((*notes, Note(code="x")), Note, "$.notes") == [
        ("$.notes[3].code", "duplicate-code", "code 'x' is already used at $.notes[2].code")
    ]
