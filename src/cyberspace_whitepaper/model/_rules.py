"""Whole-paper rules: the ones no single field or object can check alone.

``WhitePaper`` calls :func:`check_paper` when it is built (directly, through
``attrs.evolve`` or by a loader). Each rule is one function yielding
:class:`~cyberspace_whitepaper.errors.Problem` records with paths from the
paper's root ``$``; every problem of every rule is reported together.

The rules read the model's shape (:mod:`._shape`): ids, references,
locators, distinct names and numbers are found from the fields'
declarations, never by a field's name, so a field added with a role is
checked with no edit here. Each rule is quick when the paper keeps it (set
operations over what :class:`_Gathered` collects once, class by class) and
builds paths only for what fails.
"""

from __future__ import annotations

import collections
import difflib
import functools
import itertools
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import Problem, ValidationError, a_or_an, join_path
from ._shape import (
    FieldShape,
    Kind,
    entity_kinds,
    identity_of,
    is_whole_document,
    model_classes,
    per_class,
    shape_of,
    values,
    walk,
)
from ._values import LocalizedText, PartialDate

if TYPE_CHECKING:
    from ._corpus import Corpus
    from ._paper import WhitePaper

__all__ = ["check_corpus", "check_paper"]

#: Comparisons the "did you mean" hints of one paper may cost. Each dangling
#: reference is compared with every id of the kinds it may name, so thousands
#: of them among thousands of ids would take minutes; past this budget the
#: remaining dangling references are reported without a hint.
HINT_COMPARISONS = 20_000

_GAP = "(numbers run 1, 2, 3 ... in order, without gaps)"


def check_paper(paper: WhitePaper) -> None:
    """Raise :class:`ValidationError` with every whole-paper rule the paper breaks."""
    _check(paper, (*_DOCUMENT_RULES, _locators_exist, _dates))


def check_corpus(corpus: Corpus) -> None:
    """Raise :class:`ValidationError` with every rule the corpus breaks (its papers have kept their own)."""
    _check(corpus, (*_DOCUMENT_RULES, _corpus_locators, _linked_papers, _shared_ids))


def _check(root: Any, rules: tuple[Callable[[Any, _Gathered], Iterator[Problem]], ...]) -> None:
    gathered = _Gathered(root)
    problems = [problem for rule in rules for problem in rule(root, gathered)]
    if problems:
        raise ValidationError(problems)


# --- what the rules read, from the shape ----------------------------------------------


@attrs.frozen
class _Plan:
    """For one paper class: which classes and fields the rules visit, read from the shape once."""

    #: Classes below the paper whose objects the rules read, parents before children.
    order: tuple[type, ...]
    #: Per class: its fields holding objects of classes in ``order``.
    children: dict[type, tuple[FieldShape, ...]]
    #: Per class: its reference fields.
    references: dict[type, tuple[FieldShape, ...]]
    #: Per class: its locator fields.
    locators: dict[type, tuple[FieldShape, ...]]
    #: Per class: its tuples of objects that have distinct or numbered fields.
    collections: dict[type, tuple[FieldShape, ...]]


def _has_sibling_rules(cls: type) -> bool:
    return any(s.distinct is not None or s.numbering is not None for s in shape_of(cls))


@per_class
def _plan(root: type) -> _Plan:
    # A document the root holds (a corpus's papers) kept its own rules: nothing in it is read here.
    classes = [c for c in model_classes(root, within=True) if c is root or not is_whole_document(c)]
    references = {c: tuple(s for s in shape_of(c) if s.is_reference) for c in classes}
    locators = {c: tuple(s for s in shape_of(c) if s.kind is Kind.LOCATOR) for c in classes}
    collections = {
        c: tuple(s for s in shape_of(c) if s.kind is Kind.MODEL and s.many and _has_sibling_rules(s.type))
        for c in classes
    }
    # A class is worth visiting if it, or a class below it, has something the rules read.
    wanted: set[type] = set()
    for cls in reversed(classes):  # children before parents
        below = any(s.kind is Kind.MODEL and s.type in wanted for s in shape_of(cls) if s.type in classes)
        if references[cls] or locators[cls] or collections[cls] or below:
            wanted.add(cls)
    order = tuple(c for c in classes if c in wanted)
    children = {c: tuple(s for s in shape_of(c) if s.kind is Kind.MODEL and s.type in wanted) for c in order}
    return _Plan(
        order=order,
        children=children,
        references={c: references[c] for c in order},
        locators={c: locators[c] for c in order},
        collections={c: collections[c] for c in order},
    )


def _field_values(objects: list[Any], shape: FieldShape) -> Iterable[Any]:
    """The values of one field over many objects, at C speed: tuples flattened, None left out."""
    found = map(attrgetter(shape.name), objects)
    if shape.many:
        return itertools.chain.from_iterable(found)
    if shape.optional:
        return [value for value in found if value is not None]
    return found


class _Gathered:
    """The paper's objects by class, and its ids by kind: gathered once, read by every rule."""

    def __init__(self, paper: WhitePaper):
        self.plan = plan = _plan(type(paper))
        self.objects: dict[type, list[Any]] = {cls: [] for cls in plan.order}
        self.objects[type(paper)] = [paper]
        for cls in plan.order:
            items = self.objects[cls]
            if items:
                for shape in plan.children[cls]:
                    self.objects[shape.type].extend(_field_values(items, shape))
        identity = identity_of(type(paper))
        self.paper_kind = identity.identity if identity and identity.identity else "paper"
        #: (kind, path of the paper's field, name of the id field, the ids), in field order.
        self.kinds: list[tuple[str, str, str, list[str]]] = []
        for kind, shape in entity_kinds(type(paper)):
            id_field = identity_of(shape.type)
            assert id_field is not None  # entity_kinds holds only entities
            ids = list(map(attrgetter(id_field.name), getattr(paper, shape.name)))
            self.kinds.append((kind, shape.name, id_field.name, ids))
        self.every_id = [paper.id, *itertools.chain.from_iterable(ids for *_, ids in self.kinds)]
        self.unique = len(set(self.every_id)) == len(self.every_id)

    @functools.cached_property
    def kind_of(self) -> dict[str, str]:
        """Which kind of entity each id names (the first, where an id is used twice)."""
        found = {self.every_id[0]: self.paper_kind}
        for kind, _field, _name, ids in self.kinds:
            for entity_id in ids:
                found.setdefault(entity_id, kind)
        return found

    @functools.cached_property
    def ids_of_kind(self) -> dict[str, set[str]]:
        if self.unique:
            found = {kind: set(ids) for kind, _field, _name, ids in self.kinds}
            found.setdefault(self.paper_kind, set()).add(self.every_id[0])
            return found
        by_kind: dict[str, set[str]] = {}
        for entity_id, kind in self.kind_of.items():
            by_kind.setdefault(kind, set()).add(entity_id)
        return by_kind

    def ids_of(self, kinds: tuple[str, ...]) -> set[str]:
        if len(kinds) == 1:
            return self.ids_of_kind.get(kinds[0], set())
        return set().union(*(self.ids_of_kind.get(kind, ()) for kind in kinds))


def _problem(path: str, code: str, message: str) -> Problem:
    return Problem(path=path, code=code, message=message)


# --- identity ---------------------------------------------------------------------


def _unique_ids(paper: WhitePaper, gathered: _Gathered) -> Iterator[Problem]:
    """ids unique across the paper."""
    if gathered.unique:
        return
    identity = identity_of(type(paper))
    seen = {paper.id: join_path("$", identity.name if identity else "id")}
    for _kind, field, name, ids in gathered.kinds:
        for index, entity_id in enumerate(ids):
            path = f"$.{field}[{index}].{name}"
            first = seen.setdefault(entity_id, path)
            if first != path:
                yield _problem(path, "duplicate-id", f"id {entity_id!r} is already used at {first}")


# --- references ---------------------------------------------------------------------


def _references(paper: WhitePaper, gathered: _Gathered) -> Iterator[Problem]:
    """Every reference resolves, to the right kind of entity."""
    plan = gathered.plan
    if all(
        gathered.ids_of(shape.refers_to).issuperset(_field_values(gathered.objects[cls], shape))
        for cls in plan.order
        for shape in plan.references[cls]
    ):
        return
    hints = _Hints(gathered)
    for path, obj in walk(paper, within=True):
        for shape in plan.references.get(type(obj), ()):
            field_path = join_path(path, shape.name)
            for index, target in enumerate(values(obj, shape)):
                where = join_path(field_path, index) if shape.many else field_path
                problem = hints.check(where, target, shape.refers_to)
                if problem is not None:
                    yield problem


class _Hints:
    """Says what is wrong with a reference that does not resolve, with a "did you mean" where one is close."""

    def __init__(self, gathered: _Gathered):
        self.gathered = gathered
        self.comparisons_left = HINT_COMPARISONS

    def check(self, path: str, target: str, allowed: tuple[str, ...]) -> Problem | None:
        kind = self.gathered.kind_of.get(target)
        if kind in allowed:
            return None
        wanted = " or ".join(allowed)
        if kind is None:
            return _problem(
                path, "dangling-reference", f"unknown {wanted} {target!r}{self.hint(target, allowed)}"
            )
        return _problem(path, "wrong-kind", f"{target!r} is {a_or_an(kind)}, not {a_or_an(wanted)}")

    def hint(self, target: str, allowed: tuple[str, ...]) -> str:
        candidates = sorted(self.gathered.ids_of(allowed))
        if len(candidates) > self.comparisons_left:
            return ""
        self.comparisons_left -= len(candidates)
        close = difflib.get_close_matches(target, candidates, n=1, cutoff=0.75)
        return f" (did you mean {close[0]!r}?)" if close else ""


def _no_cycles(paper: WhitePaper, gathered: _Gathered) -> Iterator[Problem]:
    """References to the same kind of entity (an actor's affiliation) never lead back to where they start."""
    for kind, field, _name, ids in gathered.kinds:
        entities = getattr(paper, field)
        if not entities:
            continue
        for shape in shape_of(type(entities[0])):
            if shape.refers_to != (kind,):
                continue
            found = map(attrgetter(shape.name), entities)
            if shape.many:
                targets = {i: t for i, t in zip(ids, found, strict=True) if t}
            else:
                targets = {i: (t,) for i, t in zip(ids, found, strict=True) if t is not None}
            cycles = _cycles(targets) if targets else []
            position = (
                {entity_id: index for index, entity_id in reversed(list(enumerate(ids)))} if cycles else {}
            )
            for cycle in cycles:
                # Reported once, at the member that comes first in the paper.
                first = min(cycle, key=position.__getitem__)
                path = join_path(f"$.{field}[{position[first]}]", shape.name)
                if len(cycle) == 1:
                    yield _problem(path, "self-reference", f"{a_or_an(kind)} cannot belong to itself")
                else:
                    start = cycle.index(first)
                    members = [*cycle[start:], *cycle[:start], first]
                    chain = " -> ".join(repr(member) for member in members)
                    yield _problem(
                        path, "cycle", f"{a_or_an(kind)} cannot belong to itself through others: {chain}"
                    )


def _cycles(targets: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """Every circle the references run in, each as the ids on it (depth first, each id visited once)."""
    state: dict[str, bool] = {}  # False while an id is on the trail, True once it is done
    found = []
    for start, first_steps in targets.items():
        if start in state:
            continue
        trail, stack = [start], [iter(first_steps)]
        state[start] = False
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                state[trail.pop()] = True
                continue
            done = state.get(step)
            if done is False:
                found.append(trail[trail.index(step) :])
            elif done is None and step in targets:  # one that does not resolve is another rule's problem
                state[step] = False
                trail.append(step)
                stack.append(iter(targets[step]))
    return found


# --- locators -----------------------------------------------------------------------


def _locators_exist(paper: WhitePaper, gathered: _Gathered) -> Iterator[Problem]:
    """Every locator names a part, chapter, section or item that exists."""
    plan = gathered.plan
    used = itertools.chain.from_iterable(
        _field_values(gathered.objects[cls], shape) for cls in plan.order for shape in plan.locators[cls]
    )
    # Locators read from text are shared objects: each distinct object is looked up once.
    every = list(used)
    distinct = dict(zip(map(id, every), every, strict=True)).values()
    existing = {where for where, _place in paper.places()}
    if all(where in existing for where in distinct):
        return
    for path, obj in walk(paper):
        for shape in plan.locators.get(type(obj), ()):
            for where in values(obj, shape):
                if where not in existing:
                    yield _problem(
                        join_path(path, shape.name), "unknown-locator", f"the paper has no {where}"
                    )


# --- siblings: distinct names, numbers counted 1..n --------------------------------------


def _siblings(paper: WhitePaper, gathered: _Gathered) -> Iterator[Problem]:
    """Names unique within principles, goals, concerns and proposals, event titles per date; and
    chapters, sections, items, proposals and principle and goal orders numbered 1..n without gaps."""
    plan = gathered.plan
    for cls in plan.order:
        for shape in plan.collections[cls]:
            for parent in gathered.objects[cls]:
                items = getattr(parent, shape.name)
                if items and not _siblings_hold(items, shape.type):
                    parent_path = next(path for path, found in walk(paper, within=True) if found is parent)
                    yield from _sibling_problems(items, shape.type, join_path(parent_path, shape.name))


def _texts(value: Any) -> Iterator[tuple[str, Any]]:
    """What a distinct value is compared by: each language of a text (normalised), or the value itself.

    A value that is not there (None, a text without Chinese) is nobody's duplicate.
    """
    if type(value) is LocalizedText:
        yield "en", _normal(value.en)
        if value.zh is not None:
            yield "zh", _normal(value.zh)
    elif value is not None:
        yield "", value


_NFC = functools.partial(unicodedata.normalize, "NFC")


def _normal(text: str) -> str:
    # Names that look the same are the same: "Café" composed or decomposed.
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _columns(items: tuple[Any, ...], name: str) -> list[list[Any]]:
    """What the items' values of a distinct field are compared by, a column per language of a text.

    Each column is aligned with the items (None where a text has no Chinese);
    texts are normalised as :func:`_texts` does.
    """
    found = list(map(attrgetter(name), items))
    if type(found[0]) is not LocalizedText:
        return [found]
    columns = []
    for language in ("en", "zh"):
        texts = list(map(attrgetter(language), found))
        if not all(text is None or text.isascii() for text in texts):
            texts = [text if text is None else _NFC(text) for text in texts]
        columns.append(texts)
    return columns


def _distinct_in_scope(items: tuple[Any, ...], shape: FieldShape) -> bool:
    """Whether no two items share a value of the field within their scope (all of them, for ``()``).

    Most values are unique among all the items; only those that repeat are
    looked at again with their scope, so a large paper whose titles repeat
    on other dates costs little more than one whose titles do not.
    """
    scope = attrgetter(*shape.distinct) if shape.distinct else None
    for column in _columns(items, shape.name):
        present = [value for value in column if value is not None]
        if len(set(present)) == len(present):
            continue
        if scope is None:
            return False
        repeated = {value for value, count in collections.Counter(present).items() if count > 1}
        pairs = zip(items, column, strict=True)
        scoped = [(scope(item), value) for item, value in pairs if value in repeated]
        if len(set(scoped)) != len(scoped):
            return False
    return True


def _siblings_hold(items: tuple[Any, ...], cls: type) -> bool:
    for shape in shape_of(cls):
        if shape.distinct is not None and not _distinct_in_scope(items, shape):
            return False
        if shape.numbering is not None:
            for numbers in _numbers_by_scope(items, shape).values():
                if numbers != list(range(1, len(numbers) + 1)):
                    return False
    return True


def _numbers_by_scope(items: tuple[Any, ...], shape: FieldShape) -> dict[Any, list[int]]:
    if not shape.numbering:
        return {(): list(map(attrgetter(shape.name), items))}
    scope = attrgetter(*shape.numbering)
    found: dict[Any, list[int]] = {}
    for item in items:
        found.setdefault(scope(item), []).append(getattr(item, shape.name))
    return found


def _sibling_problems(items: tuple[Any, ...], cls: type, path: str) -> Iterator[Problem]:
    identity = identity_of(cls)
    for shape in shape_of(cls):
        if shape.distinct is not None:
            seen: dict[Any, str] = {}
            scope = attrgetter(*shape.distinct) if shape.distinct else (lambda _item: ())
            for index, item in enumerate(items):
                for language, text in _texts(getattr(item, shape.name)):
                    where = join_path(join_path(path, index), shape.name)
                    where = join_path(where, language) if language else where
                    first = seen.setdefault((scope(item), language, text), where)
                    if first == where:
                        continue
                    if shape.distinct:
                        kind = identity.identity if identity and identity.identity else cls.__name__.lower()
                        on = ", ".join(str(getattr(item, name)) for name in shape.distinct)
                        message = f"{a_or_an(kind)} {text!r} on {on} is already at {first}"
                        yield _problem(where, f"duplicate-{kind}", message)
                    else:
                        yield _problem(
                            where,
                            f"duplicate-{shape.name}",
                            f"{shape.name} {text!r} is already used at {first}",
                        )
        if shape.numbering is not None:
            scope = attrgetter(*shape.numbering) if shape.numbering else (lambda _item: ())
            counted: dict[Any, int] = {}
            for index, item in enumerate(items):
                expected = counted[scope(item)] = counted.get(scope(item), 0) + 1
                got = getattr(item, shape.name)
                if got != expected:
                    where = join_path(join_path(path, index), shape.name)
                    yield _problem(where, "numbering", f"expected {expected}, got {got} {_GAP}")


# --- dates --------------------------------------------------------------------------


def _dates(paper: WhitePaper, _gathered: _Gathered) -> Iterator[Problem]:
    """Statistics of the paper, and events it mentions, are dated no later than the paper."""
    mentioned = itertools.compress(paper.events, map(attrgetter("mentioned_in_paper"), paper.events))
    dates = [*map(attrgetter("date"), mentioned), *filter(None, map(attrgetter("as_of"), paper.statistics))]
    if not dates or max(map(attrgetter("year"), dates)) < paper.published.year:
        return  # all in earlier years: most papers need no more
    last_day = paper.published.latest
    for i, statistic in enumerate(paper.statistics):
        if statistic.as_of is not None and statistic.as_of.earliest > last_day:
            yield _problem(
                f"$.statistics[{i}].as_of",
                "after-paper",
                f"{statistic.as_of} is after the paper's date {paper.published}",
            )
    for i, event in enumerate(paper.events):
        if event.mentioned_in_paper and event.date.earliest > last_day:
            yield _problem(
                f"$.events[{i}].date",
                "after-paper",
                f"an event the paper mentions cannot happen after it ({event.date} > {paper.published})",
            )


# --- a corpus ------------------------------------------------------------------------


def _corpus_locators(corpus: Corpus, _gathered: _Gathered) -> Iterator[Problem]:
    """A locator in a corpus names a place in the paper its object quotes; a corpus has no places of its own.

    The paper is the one named by the nearest enclosing reference that may
    name a paper (a crosswalk cell's ``document``).
    """
    places = {paper.id: {where for where, _place in paper.places()} for paper in corpus.papers}
    documents = {document.id for document in corpus.documents}
    stack: list[tuple[str, Any, str | None]] = [("$", corpus, None)]
    while stack:
        path, obj, scope = stack.pop()
        shapes = shape_of(type(obj))
        for shape in shapes:
            if not shape.many and "paper" in shape.refers_to:
                scope = getattr(obj, shape.name)
        for shape in shapes:
            if shape.kind is Kind.LOCATOR:
                for where in values(obj, shape):
                    if scope in places and where in places[scope]:
                        continue
                    if scope is not None and scope not in places and scope not in documents:
                        continue  # the reference itself dangles, and is reported as such
                    if scope is None:
                        message = f"{where} names no place: a corpus has none of its own"
                    elif scope in places:
                        message = f"the paper {scope!r} has no {where}"
                    else:
                        message = f"{scope!r} is not a paper of the corpus, so {where} names no place in it"
                    yield _problem(join_path(path, shape.name), "unknown-locator", message)
            elif shape.kind is Kind.MODEL and not is_whole_document(shape.type):
                for index, item in enumerate(values(obj, shape)):
                    where = join_path(path, shape.name)
                    stack.append((join_path(where, index) if shape.many else where, item, scope))


def _linked_papers(corpus: Corpus, _gathered: _Gathered) -> Iterator[Problem]:
    """A related document that is a paper of the corpus agrees with that paper (title, kind, date)."""
    papers = {paper.id: paper for paper in corpus.papers}
    for p, paper in enumerate(corpus.papers):
        for kind, shape in entity_kinds(type(paper)):
            for index, entity in enumerate(getattr(paper, shape.name)):
                other = papers.get(entity.id)
                if other is None or other is paper:
                    continue
                path = f"$.papers[{p}].{shape.name}[{index}]"
                if kind != "document":
                    message = f"{entity.id!r} is {a_or_an(kind)} here but a paper of the corpus"
                    yield _problem(f"{path}.id", "conflict", message)
                else:
                    yield from _disagreements(entity, other, path, f"the paper {entity.id!r} of the corpus")


def _shared_ids(corpus: Corpus, gathered: _Gathered) -> Iterator[Problem]:
    """An id used in two papers of the corpus (or a paper and the corpus) means one thing in both.

    The first record of an id (the corpus's own, then the papers' in order)
    is the one the others are held to. A record of a paper of the corpus is
    held to the paper itself instead (:func:`_linked_papers`), so one wrong
    record is one problem.
    """
    papers = {paper.id for paper in corpus.papers}
    first: dict[str, tuple[str, str, Any]] = {}
    registries = [("$", corpus)] + [(f"$.papers[{p}]", paper) for p, paper in enumerate(corpus.papers)]
    for prefix, holder in registries:
        for kind, shape in entity_kinds(type(holder)):
            if is_whole_document(shape.type):
                continue  # papers: their ids are the corpus's own, checked as such
            for index, entity in enumerate(getattr(holder, shape.name)):
                if entity.id in papers:
                    continue
                path = f"{prefix}.{shape.name}[{index}]"
                seen = first.setdefault(entity.id, (kind, path, entity))
                if seen[1] == path:
                    continue
                if seen[0] != kind:
                    message = f"{entity.id!r} is {a_or_an(kind)} here but {a_or_an(seen[0])} at {seen[1]}"
                    yield _problem(f"{path}.id", "conflict", message)
                else:
                    yield from _disagreements(entity, seen[2], path, seen[1])


def _disagreements(entity: Any, other: Any, path: str, where: str) -> Iterator[Problem]:
    """The defining fields (kinds, names, dates, addresses) of ``entity`` that ``other`` gives otherwise."""
    theirs = {shape.name: shape for shape in shape_of(type(other))}
    for shape in shape_of(type(entity)):
        if not _defining(shape) or shape.name not in theirs or not _defining(theirs[shape.name]):
            continue
        mine, yours = getattr(entity, shape.name), getattr(other, shape.name)
        if mine is None or yours is None or _agree(mine, yours):
            continue
        yield _problem(
            join_path(path, shape.name),
            "conflict",
            f"differs from {where}: {_shown(mine)} against {_shown(yours)}",
        )


def _agree(mine: Any, yours: Any) -> bool:
    """Whether two records' values of one field agree, where both give what they know."""
    if type(mine) is LocalizedText:
        # Whether the English is official is each document's own say; a missing Chinese is not another.
        return mine.en == yours.en and (mine.zh is None or yours.zh is None or mine.zh == yours.zh)
    if type(mine) is PartialDate:
        # 1994 and 1994-04-20 agree: one record knows more of the day.
        return mine.contains(yours) or yours.contains(mine)
    return bool(mine == yours)


def _defining(shape: FieldShape) -> bool:
    """Fields that say what a thing is, which two records of it must agree on."""
    if shape.many or shape.refers_to or shape.identity is not None or shape.relative:
        return False
    if shape.kind is Kind.MODEL:
        return shape.type is LocalizedText
    return shape.kind in (Kind.ENUM, Kind.STRING, Kind.DATE, Kind.DECIMAL)


def _shown(value: Any) -> str:
    if type(value) is LocalizedText:
        return repr(value.en) + (f" ({value.zh})" if value.zh else "")
    return repr(str(value))


#: The rules of every document, paper or corpus: all read from the shape.
_DOCUMENT_RULES: tuple[Callable[[Any, _Gathered], Iterator[Problem]], ...] = (
    _unique_ids,
    _references,
    _no_cycles,
    _siblings,
)
