"""Random edits of a white paper that keep it valid: pairs of versions for testing and timing the diff.

Each edit is drawn from a ``random.Random`` (``st.randoms()`` in the tests,
a seeded one in ``benchmarks/bench_diff.py``) and reads the model's shape,
never a field's name: it changes a text, copies a value from another object
of the same class, points a reference at another valid id, adds, removes or
reorders entities, renumbers, adds or removes parts of the text, or
reorders citations. Numbers are counted again after a reorder, so the paper
stays valid; an edit the paper's rules still refuse (removing an actor that
events name) is dropped and another is drawn.

:func:`edit_corpus` edits a corpus the same way: an edit of one of its
papers, or one of the same edits made to the corpus itself (its concepts,
documents, actors, sources, and the order of its papers).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from cyberspace_whitepaper import Corpus, LocalizedText, ValidationError, WhitePaper
from cyberspace_whitepaper.model._shape import Kind, entity_kinds, identity_of, shape_of, walk

__all__ = ["EDITS", "edit", "edit_corpus", "replace"]

_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")


class _Skip(Exception):  # noqa: N818 -- not an error: the drawn edit has nothing to work on
    """The drawn edit finds nothing to change in this paper."""


def replace(root: Any, path: str, value: Any) -> Any:
    """``root`` with the value at ``path`` (``$.events[3].title``) replaced, rebuilt with ``attrs.evolve``."""
    steps: list[str | int] = [name or int(index) for name, index in _STEP.findall(path)]
    return _replace(root, steps, value)


def _replace(obj: Any, steps: list[str | int], value: Any) -> Any:
    if not steps:
        return value
    first, rest = steps[0], steps[1:]
    if isinstance(first, int):
        items = list(obj)
        items[first] = _replace(items[first], rest, value)
        return tuple(items)
    return attrs.evolve(obj, **{first: _replace(getattr(obj, first), rest, value)})


# --- where to edit ------------------------------------------------------------------------


def _entity_fields(paper: WhitePaper) -> list[str]:
    return [shape.name for _kind, shape in entity_kinds(type(paper)) if getattr(paper, shape.name)]


def _holder(paper: WhitePaper, rng: random.Random) -> tuple[str, Any]:
    """An entity, or the paper itself with its text's structure (entities left out), and its path."""
    fields = _entity_fields(paper)
    if fields and rng.random() < 0.7:
        name = rng.choice(fields)
        index = rng.randrange(len(getattr(paper, name)))
        return f"$.{name}[{index}]", getattr(paper, name)[index]
    return "$", paper


def _objects(paper: WhitePaper, path: str, holder: Any) -> list[tuple[str, Any]]:
    """Every object in ``holder``; for the paper, those outside its entities (a big paper stays quick)."""
    if holder is not paper:
        return list(walk(holder, path))
    found: list[tuple[str, Any]] = [("$", paper)]
    entity_names = {shape.name for _kind, shape in entity_kinds(type(paper))}
    for shape in shape_of(type(paper)):
        if shape.kind is not Kind.MODEL or shape.name in entity_names:
            continue
        value = getattr(paper, shape.name)
        if shape.many:
            for index, item in enumerate(value):
                found.extend(walk(item, f"$.{shape.name}[{index}]"))
        elif value is not None:
            found.extend(walk(value, f"$.{shape.name}"))
    return found


def _some_object(paper: WhitePaper, rng: random.Random) -> tuple[str, Any]:
    path, holder = _holder(paper, rng)
    return rng.choice(_objects(paper, path, holder))


def _ids_by_kind(paper: WhitePaper) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    identity = identity_of(type(paper))
    if identity is not None and identity.identity is not None:
        found[identity.identity] = [paper.id]
    for kind, shape in entity_kinds(type(paper)):
        id_name = identity_of(shape.type).name  # type: ignore[union-attr]
        found[kind] = [getattr(entity, id_name) for entity in getattr(paper, shape.name)]
    return found


def _renumbered(items: list[Any], cls: type) -> tuple[Any, ...]:
    """The items with every numbering field counted 1..n again, in their order, within its scope."""
    for shape in shape_of(cls):
        if shape.numbering is None:
            continue
        counted: dict[tuple[Any, ...], int] = {}
        for index, item in enumerate(items):
            scope = tuple(getattr(item, name) for name in shape.numbering)
            counted[scope] = counted.get(scope, 0) + 1
            if getattr(item, shape.name) != counted[scope]:
                items[index] = attrs.evolve(item, **{shape.name: counted[scope]})
    return tuple(items)


def _marked(value: Any, mark: str) -> Any:
    """A text, or each language of a bilingual text, with a mark added: a new name that stays distinct."""
    if isinstance(value, LocalizedText):
        return attrs.evolve(value, en=f"{value.en} {mark}", zh=None if value.zh is None else value.zh + mark)
    if isinstance(value, str):
        return f"{value} {mark}"
    return value


def _fresh_id(paper: WhitePaper, rng: random.Random) -> str:
    taken = {entity_id for ids in _ids_by_kind(paper).values() for entity_id in ids}
    while True:
        made = f"added-{rng.randrange(10**9)}"
        if made not in taken:
            return made


def _copy(obj: Any, rng: random.Random, **changes: Any) -> Any:
    """A copy of an entity or part whose distinct fields (names, titles) are marked as new."""
    mark = f"#{rng.randrange(10**6)}"
    for shape in shape_of(type(obj)):
        if shape.distinct is not None or (
            shape.numbering is None and shape.kind is Kind.MODEL and not shape.many
        ):
            changes.setdefault(shape.name, _marked(getattr(obj, shape.name), mark))
    return attrs.evolve(obj, **changes)


def _numbered_collections(paper: WhitePaper) -> Iterator[tuple[str, Any]]:
    """(path, tuple) of every collection of numbered parts of the text: chapters, sections, items."""
    for path, obj in _objects(paper, "$", paper):
        for shape in shape_of(type(obj)):
            numbered = shape.kind is Kind.MODEL and shape.many and identity_of(shape.type) is None
            if numbered and any(s.numbering is not None for s in shape_of(shape.type)):
                yield f"{path}.{shape.name}", getattr(obj, shape.name)


# --- the edits ------------------------------------------------------------------------------


def change_text(paper: WhitePaper, rng: random.Random) -> WhitePaper:
    """A text of some object gets words added."""
    path, obj = _some_object(paper, rng)
    texts = [s for s in shape_of(type(obj)) if s.kind is Kind.TEXT and not s.many and getattr(obj, s.name)]
    if not texts:
        raise _Skip
    shape = rng.choice(texts)
    return replace(paper, f"{path}.{shape.name}", f"{getattr(obj, shape.name)} (edit {rng.randrange(10**6)})")


def copy_value(paper: WhitePaper, rng: random.Random) -> WhitePaper:
    """A field of an entity takes the value the same field has in another entity of its kind."""
    fields = [name for name in _entity_fields(paper) if len(getattr(paper, name)) > 1]
    if not fields:
        raise _Skip
    name = rng.choice(fields)
    entities = getattr(paper, name)
    target, source = rng.sample(range(len(entities)), 2)
    choices = [s for s in shape_of(type(entities[target])) if s.identity is None]
    shape = rng.choice(choices)
    return replace(paper, f"$.{name}[{target}].{shape.name}", getattr(entities[source], shape.name))


def change_reference(paper: WhitePaper, rng: random.Random) -> WhitePaper:
    """A reference points at another entity of a kind it may name."""
    path, obj = _some_object(paper, rng)
    references = [s for s in shape_of(type(obj)) if s.refers_to]
    if not references:
        raise _Skip
    shape = rng.choice(references)
    ids = _ids_by_kind(paper)
    candidates = [entity_id for kind in shape.refers_to for entity_id in ids.get(kind, ())]
    value = getattr(obj, shape.name)
    if shape.many:
        if not value:
            raise _Skip
        unused = [c for c in candidates if c not in value]
        if not unused:
            raise _Skip
        items = list(value)
        items[rng.randrange(len(items))] = rng.choice(unused)
        return replace(paper, f"{path}.{shape.name}", tuple(items))
    others = [c for c in candidates if c != value]
    if not others:
        raise _Skip
    return replace(paper, f"{path}.{shape.name}", rng.choice(others))


def add_entity(paper: WhitePaper, rng: random.Random) -> WhitePaper:
    """A new entity, a marked copy of one of its kind, at any place in its tuple."""
    fields = _entity_fields(paper)
    if not fields:
        raise _Skip
    name = rng.choice(fields)
    items = list(getattr(paper, name))
    template = rng.choice(items)
    id_name = identity_of(type(template)).name  # type: ignore[union-attr]
    items.insert(rng.randrange(len(items) + 1), _copy(template, rng, **{id_name: _fresh_id(paper, rng)}))
    return attrs.evolve(paper, **{name: _renumbered(items, type(template))})


def remove_entity(paper: WhitePaper, rng: random.Random) -> WhitePaper:
    """An entity goes (the rules refuse it if something still refers to it)."""
    fields = _entity_fields(paper)
    if not fields:
        raise _Skip
    name = rng.choice(fields)
    items = list(getattr(paper, name))
    cls = type(items[0])
    del items[rng.randrange(len(items))]
    return attrs.evolve(paper, **{name: _renumbered(items, cls)})


def reorder_entities(paper: WhitePaper, rng: random.Random) -> WhitePaper:
    """One entity moves to another place in its tuple, or all are shuffled; numbers are counted again."""
    fields = [name for name in _entity_fields(paper) if len(getattr(paper, name)) > 1]
    if not fields:
        raise _Skip
    name = rng.choice(fields)
    items = list(getattr(paper, name))
    if rng.random() < 0.5:
        rng.shuffle(items)
    else:
        items.insert(rng.randrange(len(items)), items.pop(rng.randrange(len(items))))
    return attrs.evolve(paper, **{name: _renumbered(items, type(items[0]))})


def renumber_parts(paper: WhitePaper, rng: random.Random) -> WhitePaper:
    """A chapter, section or item moves among its siblings, which are numbered again."""
    collections = [(path, items) for path, items in _numbered_collections(paper) if len(items) > 1]
    if not collections:
        raise _Skip
    path, items = rng.choice(collections)
    moved = list(items)
    moved.insert(rng.randrange(len(moved)), moved.pop(rng.randrange(len(moved))))
    return replace(paper, path, _renumbered(moved, type(moved[0])))


def add_part(paper: WhitePaper, rng: random.Random) -> WhitePaper:
    """A new chapter, section or item (a marked copy of a sibling) anywhere; siblings are renumbered."""
    collections = [(path, items) for path, items in _numbered_collections(paper) if items]
    if not collections:
        raise _Skip
    path, items = rng.choice(collections)
    grown = list(items)
    grown.insert(rng.randrange(len(grown) + 1), _copy(rng.choice(grown), rng))
    return replace(paper, path, _renumbered(grown, type(grown[0])))


def remove_part(paper: WhitePaper, rng: random.Random) -> WhitePaper:
    """A chapter, section or item goes (the rules refuse it if a locator would no longer resolve)."""
    collections = [(path, items) for path, items in _numbered_collections(paper) if items]
    if not collections:
        raise _Skip
    path, items = rng.choice(collections)
    kept = list(items)
    del kept[rng.randrange(len(kept))]
    return replace(paper, path, _renumbered(kept, type(items[0])))


def reorder_bag(paper: WhitePaper, rng: random.Random) -> WhitePaper:
    """Citations or aliases, whose order carries no meaning, are shuffled."""
    path, holder = _holder(paper, rng)
    bags = [
        (path, obj, shape)
        for path, obj in _objects(paper, path, holder)
        for shape in shape_of(type(obj))
        if shape.kind is Kind.MODEL
        and shape.many
        and identity_of(shape.type) is None
        and len(getattr(obj, shape.name)) > 1
        and not any(s.numbering is not None for s in shape_of(shape.type))
    ]
    if not bags:
        raise _Skip
    path, obj, shape = rng.choice(bags)
    items = list(getattr(obj, shape.name))
    rng.shuffle(items)
    return replace(paper, f"{path}.{shape.name}", tuple(items))


EDITS: tuple[Callable[[WhitePaper, random.Random], WhitePaper], ...] = (
    change_text,
    copy_value,
    change_reference,
    add_entity,
    remove_entity,
    reorder_entities,
    renumber_parts,
    add_part,
    remove_part,
    reorder_bag,
)


def edit(paper: WhitePaper, rng: random.Random, count: int = 1) -> tuple[WhitePaper, list[str]]:
    """The paper after ``count`` random edits that keep it valid, and the names of the edits made.

    An edit that finds nothing to work on, or that the paper's rules
    refuse, is dropped; after ten times ``count`` draws, fewer edits may
    have been made.
    """
    made: list[str] = []
    for _attempt in range(10 * count):
        if len(made) == count:
            break
        chosen = rng.choice(EDITS)
        try:
            paper = chosen(paper, rng)
        except (_Skip, ValidationError):
            continue
        made.append(chosen.__name__)
    return paper, made


def edit_corpus(corpus: Corpus, rng: random.Random, count: int = 1) -> tuple[Corpus, list[str]]:
    """The corpus after ``count`` random edits that keep it valid, and the names of the edits made.

    About half are edits of one paper (:func:`edit`), put back in its place;
    the others are the same edits made to the corpus as a whole (an edit
    drawn at ``$.papers[i]`` changes that paper's own values). An edit the
    rules of the paper or of the corpus refuse is dropped, as for a paper.
    """
    made: list[str] = []
    for _attempt in range(10 * count):
        if len(made) == count:
            break
        try:
            if rng.random() < 0.5:
                index = rng.randrange(len(corpus.papers))
                edited, names = edit(corpus.papers[index], rng)
                if not names:
                    continue
                corpus = replace(corpus, f"$.papers[{index}]", edited)
                made.append(f"papers[{index}].{names[0]}")
            else:
                chosen = rng.choice(EDITS)
                corpus = chosen(corpus, rng)  # type: ignore[arg-type]  # the edits read the shape, not the class
                made.append(chosen.__name__)
        except (_Skip, ValidationError):
            continue
    return corpus, made
