"""Deep immutability: nothing reachable from a model object can change.

A walker visits every value reachable from generated instances of every
model class and accepts only immutable ones. Every public attrs class is
frozen and slotted; plain data given to ``from_dict`` or returned by
``to_dict`` is never shared with a model object.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cyberspace_whitepaper as cw
from cyberspace_whitepaper.model import MODEL_CLASSES

CLASSES = pytest.mark.parametrize("cls", MODEL_CLASSES, ids=[cls.__name__ for cls in MODEL_CLASSES])

#: Leaf values that cannot change. Enum members are checked apart, since
#: they are instances of their own classes.
IMMUTABLE_LEAVES = (str, int, bool, type(None), Decimal)

#: Every attrs class the package exports, by name.
PUBLIC_ATTRS_CLASSES = {
    name: value for name in cw.__all__ if isinstance(value := getattr(cw, name), type) and attrs.has(value)
}


def mutable_values(root: object) -> list[tuple[str, object]]:
    """Every value reachable from ``root`` that is not known to be immutable, with its path."""
    found: list[tuple[str, object]] = []
    stack: list[tuple[str, object]] = [("$", root)]
    while stack:
        path, value = stack.pop()
        kind = type(value)
        if kind in IMMUTABLE_LEAVES or isinstance(value, enum.Enum):
            continue
        if kind is tuple:
            stack.extend((f"{path}[{index}]", item) for index, item in enumerate(value))
        elif attrs.has(kind) and is_frozen(value) and not hasattr(value, "__dict__"):
            stack.extend((f"{path}.{field.name}", getattr(value, field.name)) for field in attrs.fields(kind))
        else:
            found.append((path, value))
    return found


def is_frozen(instance: object) -> bool:
    """Whether assigning a field its own value raises FrozenInstanceError (and so changes nothing)."""
    fields = attrs.fields(type(instance))
    name = fields[0].name if fields else "probe"
    try:
        setattr(instance, name, getattr(instance, name, None))
    except attrs.exceptions.FrozenInstanceError:
        return True
    return False


def containers_of(plain: Any) -> list[dict[str, Any] | list[Any]]:
    """Every dict and list in plain data, innermost last."""
    found: list[dict[str, Any] | list[Any]] = []
    stack = [plain]
    while stack:
        value = stack.pop()
        if type(value) is dict:
            found.append(value)
            stack.extend(value.values())
        elif type(value) is list:
            found.append(value)
            stack.extend(value)
    return found


def vandalise(plain: Any) -> None:
    """Change every dict and list in plain data, in place."""
    for container in containers_of(plain):
        if type(container) is dict:
            for key in list(container):
                container[key] = ["changed"]
            container["added"] = {"x": 1}
        else:
            container.append("added")
            container.reverse()


class TestWalker:
    def test_walker_finds_mutable_values(self) -> None:
        """The walker reports lists, dicts, sets and bytearrays, wherever they hide in tuples."""
        found = mutable_values(([1], {"a": 1}, ({2},), bytearray(b"x"), "fine", Decimal(1)))
        assert [path for path, _ in found] == ["$[3]", "$[2][0]", "$[1]", "$[0]"]

    def test_walker_finds_unfrozen_attrs_objects(self) -> None:
        """An attrs object that is not frozen, or not slotted, counts as mutable."""

        @attrs.define
        class Loose:
            x: int

        @attrs.frozen(slots=False)
        class WithDict:
            x: int

        assert [path for path, _ in mutable_values((Loose(x=1), WithDict(x=1)))] == ["$[1]", "$[0]"]


@CLASSES
class TestDeepImmutability:
    @given(data=st.data())
    def test_nothing_mutable_is_reachable(self, cls: type[Any], data: st.DataObject) -> None:
        """All values reachable from a generated instance are immutable scalars, tuples or frozen objects."""
        instance = data.draw(st.from_type(cls))
        assert mutable_values(instance) == []

    @given(data=st.data())
    def test_every_instance_hashes_like_its_equals(self, cls: type[Any], data: st.DataObject) -> None:
        """Every instance hashes, and an equal copy read back from JSON has the same hash."""
        instance = data.draw(st.from_type(cls))
        copy = cw.loads(cw.dumps(instance, type=cls), type=cls)
        assert copy == instance
        assert hash(copy) == hash(instance)

    @given(data=st.data())
    def test_changing_the_dict_given_to_from_dict_changes_nothing(
        self, cls: type[Any], data: st.DataObject
    ) -> None:
        """Once built, an object is cut off from the plain data it was built from."""
        original = data.draw(st.from_type(cls))
        plain = cw.to_dict(original, type=cls)
        built = cw.from_dict(plain, type=cls)
        text = cw.dumps(built, type=cls)
        vandalise(plain)
        assert built == original
        assert cw.dumps(built, type=cls) == text

    @given(data=st.data())
    def test_changing_the_dict_from_to_dict_changes_nothing(
        self, cls: type[Any], data: st.DataObject
    ) -> None:
        """to_dict gives new data each call: changing it changes neither the object nor the next call."""
        instance = data.draw(st.from_type(cls))
        text = cw.dumps(instance, type=cls)
        first, second = cw.to_dict(instance, type=cls), cw.to_dict(instance, type=cls)
        vandalise(first)
        assert cw.dumps(instance, type=cls) == text
        # Had the two calls shared a list or dict, second would have changed with first.
        assert cw.to_dict(instance, type=cls) == second


@pytest.mark.parametrize("name", sorted(PUBLIC_ATTRS_CLASSES))
class TestPublicClasses:
    def test_class_is_frozen_and_slotted(self, name: str) -> None:
        """Every attrs class the package exports is frozen and slotted, so instances have no __dict__."""
        cls = PUBLIC_ATTRS_CLASSES[name]
        assert "__slots__" in vars(cls)
        assert "__dict__" not in dir(cls)
        assert attrs.fields(cls)

    @given(data=st.data())
    def test_setting_any_field_raises(self, name: str, data: st.DataObject) -> None:
        """Assigning or deleting any field, or adding an attribute, raises FrozenInstanceError."""
        cls = PUBLIC_ATTRS_CLASSES[name]
        instance = data.draw(instances_of(cls))
        before = attrs.asdict(instance, recurse=False)
        for field in attrs.fields(cls):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(instance, field.name, getattr(instance, field.name))
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                delattr(instance, field.name)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            instance.extra = 1  # type: ignore[attr-defined]
        assert not hasattr(instance, "__dict__")
        assert attrs.asdict(instance, recurse=False) == before


def instances_of(cls: type[Any]) -> st.SearchStrategy[Any]:
    """Instances of a public attrs class: generated for model classes, built for the others."""
    if cls in MODEL_CLASSES:
        return st.from_type(cls)
    others: dict[type, st.SearchStrategy[Any]] = {
        cw.Limits: st.builds(cw.Limits, max_depth=st.integers(1, 100)),
        cw.Problem: st.builds(
            cw.Problem, path=st.just("$.events[0]"), code=st.just("type"), message=st.text()
        ),
        cw.SearchHit: st.sampled_from(cw.load_white_paper().search("cyberspace", limit=None)),
    }
    return others[cls]


class TestEvolve:
    @given(paper=st.from_type(cw.WhitePaper), title=st.from_type(cw.LocalizedText))
    def test_evolve_makes_a_new_object_and_leaves_the_old_one(
        self, paper: cw.WhitePaper, title: cw.LocalizedText
    ) -> None:
        """attrs.evolve returns a changed copy; the paper it started from is unchanged."""
        text = cw.dumps(paper)
        changed = attrs.evolve(paper, title=title)
        assert changed.title == title
        assert cw.dumps(paper) == text
