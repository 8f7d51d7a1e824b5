"""The diff: what changed between two versions, the patch that turns one into the other, fingerprints."""

from __future__ import annotations

import hashlib
import random
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

import cyberspace_whitepaper as cw
from cyberspace_whitepaper.diff import (
    Diff,
    FieldChange,
    PatchError,
    apply,
    diff,
    fingerprint,
    fingerprints,
    invert,
    label_of,
)
from cyberspace_whitepaper.diffreport import entries
from cyberspace_whitepaper.model import MODEL_CLASSES
from cyberspace_whitepaper.model._shape import entity_kinds, shape_of
from cyberspace_whitepaper.strategies import white_papers
from paper_edits import edit, replace

CLASSES = pytest.mark.parametrize("cls", MODEL_CLASSES, ids=[cls.__name__ for cls in MODEL_CLASSES])

#: Papers small enough that many pairs are drawn quickly, with room for every kind of edit.
PAPERS = white_papers(max_events=5, max_actors=4, max_sources=3, max_chapters=3)
#: Smaller still, for the tests that draw two papers per field.
SMALL_PAPERS = white_papers(
    max_chapters=2, max_sections=2, max_items=2, max_principles=2, max_goals=2, max_concerns=2,
    max_proposals=2, max_events=3, max_actors=3, max_statistics=2, max_documents=2, max_sources=2,
)  # fmt: skip


@st.composite
def edited_pairs(draw: DrawFn, max_edits: int = 6) -> tuple[cw.WhitePaper, cw.WhitePaper]:
    """A generated paper, and the same paper after a few random edits that keep it valid."""
    paper = draw(PAPERS)
    rng = draw(st.randoms(use_true_random=False))
    edited, _made = edit(paper, rng, draw(st.integers(1, max_edits)))
    return paper, edited


def statuses(change: Diff) -> set[tuple[str, str | None, str, tuple[str, ...]]]:
    """What the report names: (kind, key, status, paths of changed fields)."""
    return {(e.kind, e.key, e.status, tuple(f.path for f in e.fields)) for e in entries(change)}


class TestEqualObjects:
    @CLASSES
    @given(data=st.data())
    def test_equal_objects_give_an_empty_diff(self, cls: type, data: st.DataObject) -> None:
        """Two equal objects of any model class, even distinct ones, give an empty diff."""
        original = data.draw(st.from_type(cls))
        copy = cw.loads(cw.dumps(original), type=cls)
        change = diff(original, copy)
        assert not change
        assert change == Diff(type=cls)
        assert apply(original, change) is original


class TestPatch:
    @given(pair=edited_pairs())
    def test_apply_gives_the_new_version(self, pair: tuple[cw.WhitePaper, cw.WhitePaper]) -> None:
        """apply(a, diff(a, b)) == b for a paper and an edited copy of it."""
        old, new = pair
        change = diff(old, new)
        assert apply(old, change) == new
        assert bool(change) == (old != new)

    @given(pair=edited_pairs())
    def test_inverse_gives_the_old_version(self, pair: tuple[cw.WhitePaper, cw.WhitePaper]) -> None:
        """apply(b, invert(diff(a, b))) == a, and inverting twice gives the diff back."""
        old, new = pair
        change = diff(old, new)
        assert apply(new, invert(change)) == old
        assert invert(invert(change)) == change

    @given(old=PAPERS, new=PAPERS)
    def test_any_two_papers(self, old: cw.WhitePaper, new: cw.WhitePaper) -> None:
        """Two unrelated papers: the diff turns one into the other, and back."""
        change = diff(old, new)
        assert apply(old, change) == new
        assert apply(new, invert(change)) == old

    @given(pair=edited_pairs())
    def test_the_diff_names_only_what_changed(self, pair: tuple[cw.WhitePaper, cw.WhitePaper]) -> None:
        """The entities the diff names as changed are exactly those that differ between the versions."""
        old, new = pair
        change = diff(old, new)
        named = {(c.kind, e.id) for c in change.entities for e in c.changed}
        old_by_id = {
            (kind, e.id): e for kind, field in entity_kinds(cw.WhitePaper) for e in getattr(old, field.name)
        }
        new_by_id = {
            (kind, e.id): e for kind, field in entity_kinds(cw.WhitePaper) for e in getattr(new, field.name)
        }
        differing = {key for key in old_by_id.keys() & new_by_id.keys() if old_by_id[key] != new_by_id[key]}
        assert named == differing

    def test_edits_are_made(self) -> None:
        """The edit strategy does edit: every kind of edit succeeds on the bundled paper."""
        rng = random.Random(15)
        made: set[str] = set()
        paper = cw.load_white_paper()
        for _ in range(20):
            _edited, names = edit(paper, rng, 10)
            made.update(names)
        assert made == {
            "change_text", "copy_value", "change_reference", "add_entity", "remove_entity",
            "reorder_entities", "renumber_parts", "add_part", "remove_part", "reorder_bag",
        }  # fmt: skip


def _one_value(shape: Any) -> bool:
    """Whether a field admits a single value (``Literal[1]``): it can never differ."""
    args = typing.get_args(shape.annotation)
    return typing.get_origin(shape.annotation) is typing.Literal and len(args) == 1


def _check_field(cls: type, name: str, data: st.DataObject, objects: st.SearchStrategy[Any]) -> None:
    """Draw two objects whose field ``name`` differs; the diff finds it under its path and patches it."""
    x, y = data.draw(objects), data.draw(objects)
    assume(getattr(x, name) != getattr(y, name))
    try:
        new, alone = attrs.evolve(x, **{name: getattr(y, name)}), True
    except cw.ValidationError:
        # The value breaks a rule of x (an event's references, a locator's part with a
        # chapter): y is the new version, and other fields change too.
        new, alone = y, False
    change = diff(x, new)
    paths = {r.path for r in (*change.fields, *change.entities, *change.parts)}
    touched = {path[2:].partition(".")[0] for path in paths}
    assert name in touched
    if alone:
        assert touched == {name}
    assert apply(x, change) == new
    assert apply(new, invert(change)) == x


#: Every field of every model class, read from the shape: a field added later is tested with no edit
#: here. A field with one possible value (a schema version) can never differ, so it has no test.
PAPER_FIELDS = [shape.name for shape in shape_of(cw.WhitePaper) if not _one_value(shape)]
OTHER_FIELDS = [
    (cls, shape.name)
    for cls in MODEL_CLASSES
    if cls is not cw.WhitePaper
    for shape in shape_of(cls)
    if not _one_value(shape)
]


class TestEveryField:
    @pytest.mark.parametrize(
        ("cls", "name"), OTHER_FIELDS, ids=[f"{c.__name__}.{n}" for c, n in OTHER_FIELDS]
    )
    # Two objects a draw: a corpus is large, and may go past the draw budget now and then.
    @settings(
        max_examples=min(settings.default.max_examples, 30),
        suppress_health_check=[HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def test_field_is_diffed_and_patched(self, cls: type, name: str, data: st.DataObject) -> None:
        """A change to any field of any class is found under that field's path and patched back and forth."""
        _check_field(cls, name, data, st.from_type(cls))

    @pytest.mark.parametrize("name", PAPER_FIELDS)
    @settings(max_examples=min(settings.default.max_examples, 10))
    @given(data=st.data())
    def test_paper_field_is_diffed_and_patched(self, name: str, data: st.DataObject) -> None:
        """A change to any field of a paper is found under that field's path and patched back and forth."""
        _check_field(cw.WhitePaper, name, data, SMALL_PAPERS)


class TestMatching:
    def test_entities_are_matched_by_id_not_position(self, mini_paper_path: Path) -> None:
        """Reordered entities are reported moved, never changed, added or removed."""
        paper = cw.load(mini_paper_path)
        scio = paper.actors[0]
        cac, npc = (attrs.evolve(scio, id=i, name=cw.LocalizedText(en=i.upper())) for i in ("cac", "npc"))
        before = attrs.evolve(paper, actors=(scio, cac, npc))
        after = attrs.evolve(paper, actors=(npc, scio, cac))
        change = diff(before, after)
        assert statuses(change) == {("actor", "npc", "moved", ())}
        (moved,) = change.entities[0].moved
        assert (moved.after, moved.old_after) == (None, "cac")

    def test_fewest_moves(self) -> None:
        """When one event is taken from the end and put first, that one event moved."""
        paper = cw.load_white_paper()
        events = paper.events
        after = attrs.evolve(paper, events=(events[-1], *events[:-1]))
        change = diff(paper, after)
        assert [m.id for m in change.entities[0].moved] == [events[-1].id]

    def test_added_entity_has_its_place(self, mini_paper_path: Path) -> None:
        """An added entity records the one it follows, so the patch puts it back there."""
        paper = cw.load(mini_paper_path)
        new = attrs.evolve(paper.actors[0], id="cac", name=cw.LocalizedText(en="CAC", zh="网信办"))
        after = attrs.evolve(paper, actors=(*paper.actors, new))
        change = diff(paper, after)
        (added,) = change.entities[0].added
        assert (added.id, added.after, added.entity, added.label) == ("cac", "scio", new, new.name)
        assert statuses(change) == {("actor", "cac", "added", ())}

    def test_nested_values_have_paths(self, mini_paper_path: Path) -> None:
        """A changed Chinese name is the path $.name.zh of its entity."""
        paper = cw.load(mini_paper_path)
        actor = attrs.evolve(paper.actors[0], name=cw.LocalizedText(en="SCIO", zh="国务院新闻办公室"))
        change = diff(paper, attrs.evolve(paper, actors=(actor,)))
        (changed,) = change.entities[0].changed
        assert changed.diff.fields == (FieldChange(path="$.name.zh", old=None, new="国务院新闻办公室"),)
        assert (changed.label, changed.old_label) == (actor.name, paper.actors[0].name)

    def test_renumbering_is_reported_as_such(self) -> None:
        """A section inserted first in a chapter: one section added, the others renumbered, not rewritten."""
        paper = cw.load_white_paper()
        chapter = paper.chapters[0]
        new_section = attrs.evolve(chapter.sections[0], title=cw.LocalizedText(en="A new first section"))
        sections = tuple(
            attrs.evolve(section, number=number)
            for number, section in enumerate((new_section, *chapter.sections), start=1)
        )
        # Locators elsewhere still name places that exist: every section moves down by one.
        after = attrs.evolve(paper, chapters=(attrs.evolve(chapter, sections=sections), *paper.chapters[1:]))
        change = diff(paper, after)
        expected = {("section", "I.1", "added", ())} | {
            ("section", f"I.{n}", "renumbered", ()) for n in range(1, len(chapter.sections) + 1)
        }
        assert statuses(change) == expected
        renumbered = {(e.key, e.to) for e in entries(change) if e.status == "renumbered"}
        assert ("I.1", "I.2") in renumbered

    def test_citations_compared_as_a_multiset(self, mini_paper_path: Path) -> None:
        """Citations in another order are the same citations; a repeated one added is one added."""
        paper = cw.load(mini_paper_path)
        event = paper.events[0]
        one = cw.Citation(source="src", certainty=cw.Certainty.INFERRED)
        two = attrs.evolve(event, citations=(*event.citations, one))
        swapped = attrs.evolve(event, citations=(one, *event.citations))
        tripled = attrs.evolve(event, citations=(one, *event.citations, one))
        change = diff(two, swapped).fields[0]
        assert (change.ordered, change.reordered, change.added, change.removed) == (False, True, (), ())
        change = diff(two, tripled).fields[0]
        assert (change.reordered, change.added, change.removed) == (False, (one,), ())

    def test_terms_are_a_sequence(self) -> None:
        """A goal's terms carry their order: reordered terms are a change of order, compared as a sequence."""
        goal = next(g for g in cw.load_white_paper().goals if len(g.terms) > 1)
        change = diff(goal, attrs.evolve(goal, terms=goal.terms[::-1])).fields[0]
        assert change.path == "$.terms"
        assert change.ordered

    def test_preface_is_a_part(self, mini_paper_path: Path) -> None:
        """A paper without its preface: the part named preface is removed, and the patch puts it back."""
        paper = cw.load(mini_paper_path)
        after = attrs.evolve(paper, preface=None)
        change = diff(paper, after)
        assert statuses(change) == {("part", "preface", "removed", ())}
        assert change.parts[0].path == "$.preface"
        assert apply(after, invert(change)) == paper

    def test_changed_preface(self, mini_paper_path: Path) -> None:
        """A changed preface is named by its locator, with the changed field."""
        paper = cw.load(mini_paper_path)
        after = attrs.evolve(paper, preface=attrs.evolve(paper.preface, summary="Opens wide."))
        assert statuses(diff(paper, after)) == {("part", "preface", "changed", ("$.summary",))}

    def test_outside_a_paper_parts_have_numbers(self) -> None:
        """The diff of two chapters names their sections by number."""
        chapter = cw.load_white_paper().chapters[0]
        after = attrs.evolve(
            chapter, sections=(*chapter.sections[:-1], attrs.evolve(chapter.sections[-1], summary="S."))
        )
        assert statuses(diff(chapter, after)) == {
            ("section", str(len(chapter.sections)), "changed", ("$.summary",))
        }


class TestOneChangeInEachKind:
    def test_every_change_reported_and_nothing_else(self) -> None:
        """One entity of each kind changed, others added and removed: the diff names exactly those."""
        paper = cw.load_white_paper()
        edited = paper
        expected = set()
        for kind, field in entity_kinds(cw.WhitePaper):
            entities = getattr(edited, field.name)
            changed = entities[0]
            label_name = next(
                s.name for s in shape_of(field.type) if getattr(changed, s.name) is label_of(changed)
            )
            label = label_of(changed)
            assert label is not None
            edited = replace(
                edited, f"$.{field.name}[0].{label_name}", attrs.evolve(label, en=label.en + " (edited)")
            )
            expected.add((kind, changed.id, "changed", (f"$.{label_name}.en",)))
            added = attrs.evolve(
                entities[-1], id=f"new-{kind}", **{label_name: cw.LocalizedText(en=f"New {kind}")}
            )
            if any(s.numbering is not None for s in shape_of(field.type)):
                continue  # an added proposal or principle would be numbered: tested by the edits
            edited = attrs.evolve(edited, **{field.name: (*getattr(edited, field.name), added)})
            expected.add((kind, added.id, "added", ()))
        for kind, field in entity_kinds(cw.WhitePaper):
            for index in reversed(range(1, len(getattr(edited, field.name)))):
                entities = getattr(edited, field.name)
                try:
                    candidate = attrs.evolve(edited, **{field.name: entities[:index] + entities[index + 1 :]})
                except cw.ValidationError:
                    continue  # something refers to it
                if entities[index].id.startswith("new-"):
                    continue
                edited = candidate
                expected.add((kind, entities[index].id, "removed", ()))
                break
        change = diff(paper, edited)
        assert statuses(change) == expected
        assert {kind for kind, *_ in expected} == {kind for kind, _field in entity_kinds(cw.WhitePaper)}
        assert apply(paper, change) == edited


class TestErrors:
    def test_objects_of_two_classes(self, mini_paper_path: Path) -> None:
        """diff compares objects of one class."""
        paper = cw.load(mini_paper_path)
        with pytest.raises(TypeError) as error:
            diff(paper.events[0], paper.actors[0])
        assert str(error.value) == "diff compares objects of one class, got Event and Actor"

    def test_not_a_model_class(self) -> None:
        """Objects that are not the model's are refused."""
        with pytest.raises(TypeError) as error:
            diff(1, 2)
        assert str(error.value) == "expected objects of a model class such as WhitePaper or Event, got int"

    def test_apply_to_another_class(self, mini_paper_path: Path) -> None:
        """A diff of events cannot apply to an actor."""
        paper = cw.load(mini_paper_path)
        with pytest.raises(TypeError) as error:
            apply(paper.actors[0], Diff(type=cw.Event))
        assert str(error.value) == "a diff of Event objects cannot apply to Actor"

    def test_value_not_as_found(self, mini_paper_path: Path) -> None:
        """A diff that replaces a value refuses a paper where the value is another."""
        paper = cw.load(mini_paper_path)
        change = diff(paper, attrs.evolve(paper, summary="Changed."))
        other = attrs.evolve(paper, summary="Someone else's.")
        with pytest.raises(
            PatchError, match=r"^\$\.summary: expected 'A tiny paper for tests.', found \"Someone else's.\"$"
        ) as error:
            apply(other, change)
        assert error.value.path == "$.summary"

    def test_entity_already_there(self, mini_paper_path: Path) -> None:
        """A diff that adds an entity refuses a paper that has it."""
        paper = cw.load(mini_paper_path)
        new = attrs.evolve(paper.actors[0], id="cac")
        after = attrs.evolve(paper, actors=(*paper.actors, new))
        with pytest.raises(PatchError, match=r"^\$\.actors\[1\]: actor 'cac' is already there$"):
            apply(after, diff(paper, after))

    def test_entity_missing(self, mini_paper_path: Path) -> None:
        """A diff that changes an entity refuses a paper without it."""
        paper = cw.load(mini_paper_path)
        after = attrs.evolve(paper, actors=(attrs.evolve(paper.actors[0], role="Issuer."),))
        change = diff(paper, after)
        renamed = attrs.evolve(
            paper,
            actors=(attrs.evolve(paper.actors[0], id="cac"),),
            publisher="cac",
            events=(),
            principles=(),
        )
        with pytest.raises(PatchError, match=r"^\$\.actors: no actor 'scio' to change$"):
            apply(renamed, change)

    def test_repeated_ids(self, mini_paper_path: Path) -> None:
        """An entity collection that repeats an id cannot be matched by id."""
        paper = cw.load(mini_paper_path)
        actor = paper.actors[0]
        # A paper cannot repeat an id, so the private matcher is called directly.
        from cyberspace_whitepaper.diff import _diff_entities, _fields

        field = next(f for f in _fields(cw.WhitePaper) if f.name == "actors")
        with pytest.raises(
            ValueError, match=r"^\$\.actors: id 'scio' is used twice; entities are matched by id$"
        ):
            _diff_entities(field, "$.actors", (actor, actor), (actor,))


class TestFingerprints:
    def test_fingerprint_is_the_hash_of_the_canonical_json(self) -> None:
        """fingerprint(obj) is the SHA-256 of dumpb(obj)."""
        paper = cw.load_white_paper()
        assert fingerprint(paper) == hashlib.sha256(cw.dumpb(paper)).hexdigest()
        assert fingerprint(paper.events[0]) == hashlib.sha256(cw.dumpb(paper.events[0])).hexdigest()

    @CLASSES
    @given(data=st.data())
    def test_equal_objects_equal_fingerprints(self, cls: type, data: st.DataObject) -> None:
        """Equal objects have equal fingerprints."""
        original = data.draw(st.from_type(cls))
        assert fingerprint(cw.loads(cw.dumps(original), type=cls)) == fingerprint(original)

    def test_one_per_entity_and_place(self) -> None:
        """fingerprints() has one entry per entity id and one per locator."""
        paper = cw.load_white_paper()
        found = fingerprints(paper)
        assert set(found) == {e.id for e in paper.entities()} | {locator for locator, _ in paper.places()}
        assert found[paper.events[0].id] == fingerprint(paper.events[0])
        assert found[cw.Locator.parse("I.3")] == fingerprint(paper.section("I.3"))

    def test_a_change_is_located(self) -> None:
        """A changed item changes the fingerprints of the item, its section and its chapter, and no other."""
        paper = cw.load_white_paper()
        where = next(locator for locator, _ in paper.places() if locator.item is not None)
        section, chapter = where.parent(), where.parent().parent()  # type: ignore[union-attr]
        item = paper.section(where)
        path = f"$.chapters[{where.chapter - 1}].sections[{where.section - 1}].items[{where.item - 1}].title"  # type: ignore[operator]
        edited = replace(paper, path, attrs.evolve(item.title, en=item.title.en + " (edited)"))
        before, after = fingerprints(paper), fingerprints(edited)
        assert {key for key in before if before[key] != after[key]} == {where, section, chapter}
