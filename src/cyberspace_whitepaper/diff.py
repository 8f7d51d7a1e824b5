"""What changed between two versions of a model object: :func:`diff`, :func:`apply`, :func:`invert`.

The diff reads the model's shape (``model/_shape.py``), never a list of
fields, so a field added to the model is compared and patched with no edit
here. Each field of a class is compared by its role, which the shape gives:

- an entity collection (a tuple of objects with an identity field: the
  paper's principles, events, actors ...): entities are matched by id, never
  by position, and reported as added, removed, changed (with their changed
  fields) or moved (their place in the tuple changed);
- a numbered collection (a tuple of objects without an id that are counted
  1..n: chapters, sections, items): parts are matched by their titles where
  a title is unique on both sides, otherwise by number, so a section that
  moved is reported as renumbered, not as every later section rewritten. In
  a paper, parts are named by their :class:`~cyberspace_whitepaper.Locator`, from
  ``WhitePaper.places()``; the preface and conclusion are parts too;
- a tuple of other objects without id or number (citations, aliases): a
  multiset, whose order carries no meaning. The change lists the items
  removed and added; a change of order alone is reported as such;
- one object (a title, a date range ...): compared field by field, so a
  changed Chinese title is the path ``$.title.zh``;
- anything else (text, numbers, dates, ids, tuples of them such as a goal's
  terms or an event's actors): one value, compared whole; tuples of values
  are sequences, whose order carries meaning.

In a :class:`~cyberspace_whitepaper.Corpus`, the papers are an entity
collection like any other (matched by id), and each paper both versions have
is diffed as a paper, its parts named by their locators; the corpus's own
records (concepts, documents, actors, sources) are compared as above.

A :class:`Diff` is frozen and holds everything needed to turn the old object
into the new one, and back: ``apply(a, diff(a, b)) == b`` and
``apply(b, invert(diff(a, b))) == a``. Equal objects give an empty diff
(``not diff(a, a)``).

:func:`fingerprint` hashes an object's canonical JSON; :func:`fingerprints`
gives one hash per entity and per part of a paper's text, so that a change
can be located without a diff.
"""

from __future__ import annotations

import bisect
import enum
import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator
from operator import attrgetter
from typing import Any, TypeVar

import attrs

from .errors import WhitePaperError, excerpt, join_path
from .io import dumpb
from .model import LocalizedText, Locator, WhitePaper
from .model._shape import FieldShape, Kind, identity_of, name_of, per_class, shape_of, walk

__all__ = [
    "Diff",
    "EntitiesDiff",
    "EntityAdded",
    "EntityChanged",
    "EntityMoved",
    "EntityRemoved",
    "FieldChange",
    "PartAdded",
    "PartChanged",
    "PartRemoved",
    "PartsDiff",
    "PatchError",
    "apply",
    "diff",
    "fingerprint",
    "fingerprints",
    "invert",
    "kind_of",
    "label_of",
]

T = TypeVar("T")


class PatchError(WhitePaperError, ValueError):
    """A diff does not fit the object it is applied to.

    Attributes:
        path: JSON path, in the object being patched, of the value that does not fit.
        message: what the diff expected and what was there.
    """

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


# --- the result ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class FieldChange:
    """A value that changed.

    Attributes:
        path: JSON path of the value in its entity, part or object
            (``$.summary``, ``$.title.zh``, ``$.citations``).
        old: the value before (``None`` where the field was empty).
        new: the value after.
        ordered: whether the order of the tuple's items carries meaning;
            false for tuples compared as multisets (citations, aliases).
    """

    path: str
    old: Any
    new: Any
    ordered: bool = True

    @property
    def removed(self) -> tuple[Any, ...]:
        """The items of a tuple ``old`` that ``new`` does not hold, as many times as they went."""
        return _minus(self.old, self.new)

    @property
    def added(self) -> tuple[Any, ...]:
        """The items of a tuple ``new`` that ``old`` did not hold, as many times as they came."""
        return _minus(self.new, self.old)

    @property
    def reordered(self) -> bool:
        """Whether ``old`` and ``new`` are tuples of the same items in another order."""
        return _is_tuple(self.old) and _is_tuple(self.new) and Counter(self.old) == Counter(self.new)


@attrs.frozen(kw_only=True)
class _OneSide:
    """An entity that only one version has: what :class:`EntityAdded` and :class:`EntityRemoved` hold."""

    id: str
    entity: Any
    after: str | None

    @property
    def label(self) -> LocalizedText | None:
        """The entity's name or title."""
        return label_of(self.entity)


@attrs.frozen(kw_only=True)
class EntityAdded(_OneSide):
    """An entity that only the new version has.

    Attributes:
        id: its id.
        entity: the entity.
        after: the id of the entity it follows in the new version (``None``: first).
    """


@attrs.frozen(kw_only=True)
class EntityRemoved(_OneSide):
    """An entity that only the old version has.

    Attributes:
        id: its id.
        entity: the entity as it was.
        after: the id of the entity it followed in the old version (``None``: first).
    """


@attrs.frozen(kw_only=True)
class EntityChanged:
    """An entity both versions have, with different contents.

    Attributes:
        id: its id.
        diff: what changed in it.
        label: its name or title in the new version.
        old_label: its name or title in the old version.
    """

    id: str
    diff: Diff
    label: LocalizedText | None
    old_label: LocalizedText | None


@attrs.frozen(kw_only=True)
class EntityMoved:
    """An entity both versions have, at another place in its tuple.

    Only the fewest entities that explain the new order are reported moved:
    when one event is taken from the end and put first, that one event moved.

    Attributes:
        id: its id.
        after: the id of the entity it follows in the new version (``None``: first).
        old_after: the id of the entity it followed in the old version.
        label: its name or title in the new version.
        old_label: its name or title in the old version.
    """

    id: str
    after: str | None
    old_after: str | None
    label: LocalizedText | None
    old_label: LocalizedText | None


@attrs.frozen(kw_only=True)
class EntitiesDiff:
    """The changes in one entity collection, such as a paper's events.

    Attributes:
        path: JSON path of the collection (``$.events``).
        kind: the kind of entity (``event``).
        type: the entities' class.
        added: entities only the new version has, in its order.
        removed: entities only the old version has, in its order.
        changed: entities whose contents changed, in the new version's order.
        moved: entities whose place changed, in the new version's order.
    """

    path: str
    kind: str
    type: type
    added: tuple[EntityAdded, ...] = ()
    removed: tuple[EntityRemoved, ...] = ()
    changed: tuple[EntityChanged, ...] = ()
    moved: tuple[EntityMoved, ...] = ()


@attrs.frozen(kw_only=True)
class PartAdded:
    """A part of the text (a chapter, section, item, preface ...) that only the new version has.

    Attributes:
        index: its place in its tuple in the new version, from 0 (0 for a single part).
        part: the part.
        locator: where it is in the new paper (``None`` outside a paper).
    """

    index: int
    part: Any
    locator: Locator | None

    @property
    def label(self) -> LocalizedText | None:
        """The part's title."""
        return label_of(self.part)


@attrs.frozen(kw_only=True)
class PartRemoved:
    """A part of the text that only the old version has.

    Attributes:
        index: its place in its tuple in the old version, from 0.
        part: the part as it was.
        locator: where it was in the old paper (``None`` outside a paper).
    """

    index: int
    part: Any
    locator: Locator | None

    @property
    def label(self) -> LocalizedText | None:
        """The part's title."""
        return label_of(self.part)


@attrs.frozen(kw_only=True)
class PartChanged:
    """A part of the text that both versions have, changed or renumbered.

    Attributes:
        old_index: its place in its tuple in the old version, from 0.
        new_index: its place in the new version.
        old_locator: where it was in the old paper (``None`` outside a paper).
        new_locator: where it is in the new paper.
        label: its title in the new version.
        old_label: its title in the old version.
        diff: what changed in it (its number too, when it was renumbered).
    """

    old_index: int
    new_index: int
    old_locator: Locator | None
    new_locator: Locator | None
    label: LocalizedText | None
    old_label: LocalizedText | None
    diff: Diff

    @property
    def renumbered(self) -> bool:
        """Whether the part moved to another place among its siblings."""
        return self.old_index != self.new_index


@attrs.frozen(kw_only=True)
class PartsDiff:
    """The changes in one field holding parts of the text: chapters, sections, items, or the preface.

    Attributes:
        path: JSON path of the field (``$.chapters``, ``$.sections``, ``$.preface``).
        type: the parts' class.
        added: parts only the new version has, by index.
        removed: parts only the old version has, by index.
        changed: parts both have that changed or were renumbered, by new index.
    """

    path: str
    type: type
    added: tuple[PartAdded, ...] = ()
    removed: tuple[PartRemoved, ...] = ()
    changed: tuple[PartChanged, ...] = ()


@attrs.frozen(kw_only=True)
class Diff:
    """What changed between two objects of one model class; empty (false) when they are equal.

    Attributes:
        type: the class of the two objects.
        fields: values that changed, with their paths.
        entities: per entity collection that changed, its changes.
        parts: per field of parts of the text that changed, its changes.
    """

    type: type
    fields: tuple[FieldChange, ...] = ()
    entities: tuple[EntitiesDiff, ...] = ()
    parts: tuple[PartsDiff, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.fields or self.entities or self.parts)


# --- how each field is compared, from the shape -------------------------------------------


class _Role(enum.Enum):
    """How the diff compares a field, read from its shape."""

    VALUE = "value"  #: whole: text, numbers, dates, ids, and tuples of them (as sequences)
    BAG = "bag"  #: a tuple of objects without id or number, as a multiset (citations, aliases)
    OBJECT = "object"  #: one object, field by field (a title), or a part of the text (the preface)
    ENTITIES = "entities"  #: a tuple of objects with ids, matched by id
    PARTS = "parts"  #: a tuple of numbered objects without ids (chapters, sections, items)


@attrs.frozen
class _Field:
    """One field of a class, and how the diff treats it."""

    shape: FieldShape
    role: _Role
    #: For entities: their kind and the name of their id field.
    kind: str | None = None
    id_name: str | None = None

    @property
    def name(self) -> str:
        return self.shape.name


def _is_numbered(cls: type) -> bool:
    """Whether objects of ``cls`` are counted 1..n among their siblings and have no id (parts of a text)."""
    return identity_of(cls) is None and any(s.numbering is not None for s in shape_of(cls))


@per_class
def _fields(cls: type) -> tuple[_Field, ...]:
    found = []
    for shape in shape_of(cls):
        if shape.kind is not Kind.MODEL:
            found.append(_Field(shape, _Role.VALUE))
        elif not shape.many:
            found.append(_Field(shape, _Role.OBJECT))
        elif (identity := identity_of(shape.type)) is not None and identity.identity is not None:
            found.append(_Field(shape, _Role.ENTITIES, identity.identity, identity.name))
        elif _is_numbered(shape.type):
            found.append(_Field(shape, _Role.PARTS))
        else:
            found.append(_Field(shape, _Role.BAG))
    return tuple(found)


def label_of(obj: Any) -> LocalizedText | None:
    """The name or title of a model object: the field its shape declares as naming it, if any.

    That is, a :class:`~cyberspace_whitepaper.LocalizedText`: a principle's
    name, an event's title, a statistic's measure.
    """
    shape = name_of(type(obj))
    name = shape.name if shape is not None else None
    return None if name is None else getattr(obj, name)


@per_class
def kind_of(cls: type) -> str:
    """How an object of ``cls`` is named: its entity kind (``event``), else its class's name (``section``)."""
    identity = identity_of(cls)
    if identity is not None and identity.identity is not None:
        return identity.identity
    return cls.__name__.lower()


# --- diff ----------------------------------------------------------------------------------


def diff(old: T, new: T) -> Diff:
    """What changed from ``old`` to ``new``, two objects of the same model class.

    In a :class:`~cyberspace_whitepaper.WhitePaper`, parts of the text are
    named by their locators; so they are in each paper of a
    :class:`~cyberspace_whitepaper.Corpus`. Raises ``TypeError`` for objects
    of different classes, or of a class that is not the model's;
    ``ValueError`` for an entity collection that repeats an id (a paper's
    rules forbid that).
    """
    cls = type(old)
    if type(new) is not cls:
        raise TypeError(f"diff compares objects of one class, got {cls.__name__} and {type(new).__name__}")
    _check_model_class(cls)
    return _diff(old, new, _At.of(old, new))


def _check_model_class(cls: type) -> None:
    try:
        shape_of(cls)
    except (TypeError, attrs.exceptions.NotAnAttrsClassError):
        raise TypeError(
            f"expected objects of a model class such as WhitePaper or Event, got {cls.__name__}"
        ) from None


def _diff(old: Any, new: Any, at: _At | None) -> Diff:
    fields: list[FieldChange] = []
    entities: list[EntitiesDiff] = []
    parts: list[PartsDiff] = []
    for field in _fields(type(old)):
        name = field.name
        before, after = getattr(old, name), getattr(new, name)
        if before is after or before == after:
            continue
        path = join_path("$", name)
        if field.role is _Role.VALUE:
            fields.append(FieldChange(path=path, old=before, new=after))
        elif field.role is _Role.BAG:
            fields.append(FieldChange(path=path, old=before, new=after, ordered=False))
        elif field.role is _Role.ENTITIES:
            entities.append(_diff_entities(field, path, before, after))
        elif field.role is _Role.PARTS:
            parts.append(_diff_parts(field.shape.type, path, before, after, at and at.field(name)))
        elif at is not None and at.field(name).holds_part(before, after):
            parts.append(_diff_single_part(field.shape.type, path, before, after, at.field(name)))
        elif before is None or after is None:
            fields.append(FieldChange(path=path, old=before, new=after))
        else:
            inner = _diff(before, after, at and at.field(name))
            fields.extend(attrs.evolve(c, path=_under(path, c.path)) for c in inner.fields)
            entities.extend(attrs.evolve(c, path=_under(path, c.path)) for c in inner.entities)
            parts.extend(attrs.evolve(c, path=_under(path, c.path)) for c in inner.parts)
    return Diff(type=type(old), fields=tuple(fields), entities=tuple(entities), parts=tuple(parts))


def _under(prefix: str, path: str) -> str:
    """A path relative to an object (``$.en``) seen from its holder at ``prefix`` (``$.title.en``)."""
    return prefix + path[1:]


def _diff_entities(field: _Field, path: str, old: tuple[Any, ...], new: tuple[Any, ...]) -> EntitiesDiff:
    get_id = attrgetter(field.id_name or "")
    old_ids: list[str] = list(map(get_id, old))
    new_ids: list[str] = list(map(get_id, new))
    old_by_id = dict(zip(old_ids, old, strict=True))
    new_by_id = dict(zip(new_ids, new, strict=True))
    for ids, by_id in ((old_ids, old_by_id), (new_ids, new_by_id)):
        if len(by_id) != len(ids):
            repeated = next(i for i, n in Counter(ids).items() if n > 1)
            raise ValueError(f"{path}: id {repeated!r} is used twice; entities are matched by id")
    added, changed = [], []
    for index, (entity_id, entity) in enumerate(zip(new_ids, new, strict=True)):
        before = old_by_id.get(entity_id)
        if before is None:
            added.append(EntityAdded(id=entity_id, entity=entity, after=_before(new_ids, index)))
        elif before is not entity and before != entity:
            changed.append(
                EntityChanged(
                    id=entity_id,
                    diff=_diff(before, entity, _At.of(before, entity)),
                    label=label_of(entity),
                    old_label=label_of(before),
                )
            )
    removed = [
        EntityRemoved(id=entity_id, entity=old[index], after=_before(old_ids, index))
        for index, entity_id in enumerate(old_ids)
        if entity_id not in new_by_id
    ]
    return EntitiesDiff(
        path=path,
        kind=field.kind or "",
        type=field.shape.type,
        added=tuple(added),
        removed=tuple(removed),
        changed=tuple(changed),
        moved=tuple(_moves(old_ids, new_ids, old_by_id, new_by_id)),
    )


def _before(ids: list[str], index: int) -> str | None:
    return ids[index - 1] if index else None


def _moves(
    old_ids: list[str], new_ids: list[str], old_by_id: dict[str, Any], new_by_id: dict[str, Any]
) -> Iterator[EntityMoved]:
    """The fewest entities whose moves explain the new order: all but a longest run kept in order."""
    kept_old = [i for i in old_ids if i in new_by_id]
    kept_new = [i for i in new_ids if i in old_by_id]
    if kept_old == kept_new:
        return
    place_in_new = {entity_id: index for index, entity_id in enumerate(kept_new)}
    stayed = _longest_increasing(kept_old, place_in_new)
    old_place = {entity_id: index for index, entity_id in enumerate(old_ids)}
    for index, entity_id in enumerate(new_ids):
        if entity_id in old_by_id and entity_id not in stayed:
            yield EntityMoved(
                id=entity_id,
                after=_before(new_ids, index),
                old_after=_before(old_ids, old_place[entity_id]),
                label=label_of(new_by_id[entity_id]),
                old_label=label_of(old_by_id[entity_id]),
            )


def _longest_increasing(ids: list[str], rank: dict[str, int]) -> set[str]:
    """The ids of a longest subsequence of ``ids`` whose ranks increase (patience sorting, n log n)."""
    tails: list[int] = []  # tails[k]: rank ending the best run of length k + 1
    tail_at: list[int] = []  # the position in ids of that rank
    previous: list[int] = [-1] * len(ids)
    for position, entity_id in enumerate(ids):
        value = rank[entity_id]
        k = bisect.bisect_left(tails, value)
        if k:
            previous[position] = tail_at[k - 1]
        if k == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[k] = value
            tail_at[k] = position
    found: set[str] = set()
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        found.add(ids[position])
        position = previous[position]
    return found


def _diff_parts(
    cls: type, path: str, old: tuple[Any, ...], new: tuple[Any, ...], at: _At | None, *, single: bool = False
) -> PartsDiff:
    pairs = _pair_parts(old, new)
    paired_new = set(pairs.values())
    changed = []
    for old_index, new_index in sorted(pairs.items(), key=lambda pair: pair[1]):
        before, after = old[old_index], new[new_index]
        same = before is after or before == after
        if same and old_index == new_index:
            continue
        inner = None if at is None else at.item(old_index, new_index, single)
        changed.append(
            PartChanged(
                old_index=old_index,
                new_index=new_index,
                old_locator=None if inner is None else inner.old_locator,
                new_locator=None if inner is None else inner.new_locator,
                label=label_of(after),
                old_label=label_of(before),
                diff=Diff(type=cls) if same else _diff(before, after, inner),
            )
        )
    removed = [
        PartRemoved(index=i, part=part, locator=None if at is None else at.item(i, None, single).old_locator)
        for i, part in enumerate(old)
        if i not in pairs
    ]
    added = [
        PartAdded(index=j, part=part, locator=None if at is None else at.item(None, j, single).new_locator)
        for j, part in enumerate(new)
        if j not in paired_new
    ]
    return PartsDiff(path=path, type=cls, added=tuple(added), removed=tuple(removed), changed=tuple(changed))


def _pair_parts(old: tuple[Any, ...], new: tuple[Any, ...]) -> dict[int, int]:
    """Which old part is which new one: by a title unique on both sides, then by place."""
    pairs: dict[int, int] = {}
    old_labels = [label_of(part) for part in old]
    new_labels = [label_of(part) for part in new]
    old_count, new_count = Counter(old_labels), Counter(new_labels)
    new_place = {
        label: j for j, label in enumerate(new_labels) if label is not None and new_count[label] == 1
    }
    for i, label in enumerate(old_labels):
        if label is not None and old_count[label] == 1 and label in new_place:
            pairs[i] = new_place[label]
    taken = set(pairs.values())
    for i in range(min(len(old), len(new))):
        if i not in pairs and i not in taken:
            pairs[i] = i
    return pairs


def _diff_single_part(cls: type, path: str, old: Any, new: Any, at: _At) -> PartsDiff:
    """A field holding at most one part (the preface): a tuple of none or one."""
    return _diff_parts(
        cls, path, () if old is None else (old,), () if new is None else (new,), at, single=True
    )


@attrs.frozen
class _Places:
    """Where each part of the text of two papers is: the locator of each JSON path that holds one."""

    old: dict[str, Locator]
    new: dict[str, Locator]


def _place_paths(paper: WhitePaper) -> dict[str, Locator]:
    places = list(paper.places())
    wanted = {id(place) for _locator, place in places}
    # Parts of the text are never inside entities: only the other fields are walked.
    found: list[str] = []
    for field in _fields(type(paper)):
        if field.shape.kind is not Kind.MODEL or field.role is _Role.ENTITIES:
            continue
        value = getattr(paper, field.name)
        holders = value if field.shape.many else () if value is None else (value,)
        field_path = join_path("$", field.name)
        for index, holder in enumerate(holders):
            start = join_path(field_path, index) if field.shape.many else field_path
            found.extend(path for path, obj in walk(holder, start) if id(obj) in wanted)
    # Both run in reading order, so the n-th part found is the n-th place.
    assert len(found) == len(places), "WhitePaper.places() and the paper's fields disagree"
    return dict(zip(found, (locator for locator, _place in places), strict=True))


@attrs.frozen
class _At:
    """Where the diff is, in each of two papers: the paths of the objects compared."""

    places: _Places
    old: str | None
    new: str | None

    @classmethod
    def root(cls, old: WhitePaper, new: WhitePaper) -> _At:
        return cls(_Places(_place_paths(old), _place_paths(new)), "$", "$")

    @classmethod
    def of(cls, old: Any, new: Any) -> _At | None:
        """Where the diff is, if ``old`` and ``new`` are papers (whose parts have locators); else None."""
        return cls.root(old, new) if isinstance(old, WhitePaper) and isinstance(new, WhitePaper) else None

    def field(self, name: str) -> _At:
        return _At(
            self.places,
            None if self.old is None else join_path(self.old, name),
            None if self.new is None else join_path(self.new, name),
        )

    def item(self, old_index: int | None, new_index: int | None, single: bool) -> _At:
        """One of a tuple's items; for a field holding one part (``single``), that part."""

        def step(path: str | None, index: int | None) -> str | None:
            if path is None or index is None:
                return None
            return path if single else join_path(path, index)

        return _At(self.places, step(self.old, old_index), step(self.new, new_index))

    @property
    def old_locator(self) -> Locator | None:
        return None if self.old is None else self.places.old.get(self.old)

    @property
    def new_locator(self) -> Locator | None:
        return None if self.new is None else self.places.new.get(self.new)

    def holds_part(self, old: Any, new: Any) -> bool:
        """Whether this field holds a part of the text (the preface) on either side."""
        return (old is not None and self.old in self.places.old) or (
            new is not None and self.new in self.places.new
        )


# --- apply and invert ------------------------------------------------------------------------


def apply(obj: T, change: Diff) -> T:
    """``obj`` with ``change`` applied: ``apply(a, diff(a, b)) == b``.

    Every value the diff replaces must be what the diff found there, every
    entity it removes must be there as it was, and every one it adds must
    not be there yet; otherwise :class:`PatchError` names the first that
    does not fit. The result is built with ``attrs.evolve``, so it is
    validated again: a diff applied to another paper than the one it was
    made from may give a :class:`~cyberspace_whitepaper.ValidationError`.
    """
    if type(obj) is not change.type:
        raise TypeError(f"a diff of {change.type.__name__} objects cannot apply to {type(obj).__name__}")
    return _apply(obj, change, "$")  # type: ignore[no-any-return]


def _first_step(path: str) -> tuple[str, str | None]:
    """``$.title.en`` -> (``title``, ``$.en``); ``$.summary`` -> (``summary``, None)."""
    name, _dot, rest = path[2:].partition(".")
    return name, ("$." + rest) if rest else None


def _apply(obj: Any, change: Diff, where: str) -> Any:
    updates: dict[str, Any] = {}
    below: dict[str, list[Any]] = {}
    records: Iterable[FieldChange | EntitiesDiff | PartsDiff] = (
        *change.fields,
        *change.entities,
        *change.parts,
    )
    for record in records:
        name, rest = _first_step(record.path)
        if rest is not None:
            below.setdefault(name, []).append(attrs.evolve(record, path=rest))
            continue
        path = join_path(where, name)
        current = getattr(obj, name)
        if isinstance(record, FieldChange):
            if current != record.old:
                raise PatchError(path, f"expected {excerpt(record.old)}, found {excerpt(current)}")
            updates[name] = record.new
        elif isinstance(record, EntitiesDiff):
            updates[name] = _apply_entities(current, record, path)
        elif _shape(type(obj), name).many:
            updates[name] = tuple(_apply_parts(current, record, path))
        else:
            result = _apply_parts(() if current is None else (current,), record, path)
            updates[name] = result[0] if result else None
    for name, inner in below.items():
        value = getattr(obj, name)
        path = join_path(where, name)
        if value is None:
            raise PatchError(path, "expected an object, found None")
        updates[name] = _apply(value, _regroup(type(value), inner), path)
    return attrs.evolve(obj, **updates) if updates else obj


def _regroup(cls: type, records: list[Any]) -> Diff:
    return Diff(
        type=cls,
        fields=tuple(r for r in records if isinstance(r, FieldChange)),
        entities=tuple(r for r in records if isinstance(r, EntitiesDiff)),
        parts=tuple(r for r in records if isinstance(r, PartsDiff)),
    )


def _shape(cls: type, name: str) -> FieldShape:
    return next(f.shape for f in _fields(cls) if f.name == name)


def _apply_entities(items: tuple[Any, ...], change: EntitiesDiff, where: str) -> tuple[Any, ...]:
    get_id = attrgetter(identity_of(change.type).name)  # type: ignore[union-attr]
    ids: list[str] = list(map(get_id, items))
    position = {entity_id: index for index, entity_id in enumerate(ids)}

    def at(entity_id: str) -> str:
        return join_path(where, position[entity_id])

    replaced: dict[str, Any] = {}
    for removed in change.removed:
        if removed.id not in position:
            raise PatchError(where, f"no {change.kind} {removed.id!r} to remove")
        if items[position[removed.id]] != removed.entity:
            raise PatchError(at(removed.id), f"{change.kind} {removed.id!r} is not as the diff removes it")
    for changed in change.changed:
        if changed.id not in position:
            raise PatchError(where, f"no {change.kind} {changed.id!r} to change")
        replaced[changed.id] = _apply(items[position[changed.id]], changed.diff, at(changed.id))
    inserts: dict[str | None, Any] = {}
    for added in change.added:
        if added.id in position:
            raise PatchError(at(added.id), f"{change.kind} {added.id!r} is already there")
        inserts[added.after] = added.entity
    for moved in change.moved:
        if moved.id not in position:
            raise PatchError(where, f"no {change.kind} {moved.id!r} to move")
        inserts[moved.after] = replaced.get(moved.id, items[position[moved.id]])
    if len(inserts) != len(change.added) + len(change.moved):
        raise PatchError(where, "two entities are to be placed after the same one")
    leaving = {r.id for r in change.removed} | {m.id for m in change.moved}
    result: list[Any] = []

    def place_after(anchor: str | None) -> None:
        # Each entity placed may be the anchor of the next.
        while anchor in inserts:
            entity = inserts.pop(anchor)
            result.append(entity)
            anchor = get_id(entity)

    place_after(None)
    for entity_id, entity in zip(ids, items, strict=True):
        if entity_id not in leaving:
            result.append(replaced.get(entity_id, entity))
            place_after(entity_id)
    if inserts:
        anchor = next(iter(inserts))
        raise PatchError(where, f"no {change.kind} {anchor!r} to place {get_id(inserts[anchor])!r} after")
    return tuple(result)


def _apply_parts(items: tuple[Any, ...], change: PartsDiff, where: str) -> list[Any]:
    size = len(items) - len(change.removed) + len(change.added)
    missing = object()
    slots: list[Any] = [missing] * size
    used: set[int] = set()

    def put(index: int, part: Any) -> None:
        if not 0 <= index < size or slots[index] is not missing:
            raise PatchError(join_path(where, index), "the diff places two parts here, or none fits")
        slots[index] = part

    def take(index: int) -> Any:
        if not 0 <= index < len(items) or index in used:
            raise PatchError(join_path(where, index), "no such part to take")
        used.add(index)
        return items[index]

    for removed in change.removed:
        if take(removed.index) != removed.part:
            raise PatchError(join_path(where, removed.index), "the part is not as the diff removes it")
    for changed in change.changed:
        put(
            changed.new_index,
            _apply(take(changed.old_index), changed.diff, join_path(where, changed.old_index)),
        )
    for added in change.added:
        put(added.index, added.part)
    for index, part in enumerate(items):
        if index not in used:
            put(index, part)
    if missing in slots:
        raise PatchError(join_path(where, slots.index(missing)), "the diff leaves no part here")
    return slots


def invert(change: Diff) -> Diff:
    """The diff that undoes ``change``: ``apply(b, invert(diff(a, b))) == a``."""
    return Diff(
        type=change.type,
        fields=tuple(attrs.evolve(c, old=c.new, new=c.old) for c in change.fields),
        entities=tuple(_invert_entities(c) for c in change.entities),
        parts=tuple(_invert_parts(c) for c in change.parts),
    )


def _invert_entities(change: EntitiesDiff) -> EntitiesDiff:
    return attrs.evolve(
        change,
        added=tuple(EntityAdded(id=r.id, entity=r.entity, after=r.after) for r in change.removed),
        removed=tuple(EntityRemoved(id=a.id, entity=a.entity, after=a.after) for a in change.added),
        changed=tuple(
            EntityChanged(id=c.id, diff=invert(c.diff), label=c.old_label, old_label=c.label)
            for c in change.changed
        ),
        moved=tuple(
            EntityMoved(id=m.id, after=m.old_after, old_after=m.after, label=m.old_label, old_label=m.label)
            for m in change.moved
        ),
    )


def _invert_parts(change: PartsDiff) -> PartsDiff:
    return attrs.evolve(
        change,
        added=tuple(PartAdded(index=r.index, part=r.part, locator=r.locator) for r in change.removed),
        removed=tuple(PartRemoved(index=a.index, part=a.part, locator=a.locator) for a in change.added),
        changed=tuple(
            PartChanged(
                old_index=c.new_index,
                new_index=c.old_index,
                old_locator=c.new_locator,
                new_locator=c.old_locator,
                label=c.old_label,
                old_label=c.label,
                diff=invert(c.diff),
            )
            for c in change.changed
        ),
    )


# --- fingerprints ----------------------------------------------------------------------------


def fingerprint(obj: Any) -> str:
    """The SHA-256 of an object's canonical JSON (:func:`~cyberspace_whitepaper.dumpb`), in hex.

    Equal objects have equal fingerprints, on every machine and in every
    release that keeps the JSON shape.
    """
    return hashlib.sha256(dumpb(obj)).hexdigest()


def fingerprints(paper: WhitePaper) -> dict[str | Locator, str]:
    """The fingerprint of each entity, by id, and of each part of the text, by locator.

    Parts are keyed by :class:`~cyberspace_whitepaper.Locator`, so no id
    can be mistaken for a locator (an entity may have the id ``preface``).
    Comparing the fingerprints of two versions tells which entities and
    parts changed without a diff: a part's fingerprint covers its sections
    and items, so a changed item changes its section's and chapter's too.
    The paper's own fields (title, summary ...) are covered only by
    ``fingerprint(paper)``.
    """
    found: dict[str | Locator, str] = {entity.id: fingerprint(entity) for entity in paper.entities()}
    found.update((locator, fingerprint(place)) for locator, place in paper.places())
    return found


# --- small helpers ---------------------------------------------------------------------------


def _is_tuple(value: Any) -> bool:
    return type(value) is tuple


def _minus(left: Any, right: Any) -> tuple[Any, ...]:
    if not _is_tuple(left):
        return ()
    rest = Counter(right) if _is_tuple(right) else Counter()
    found = []
    for item in left:
        if rest[item]:
            rest[item] -= 1
        else:
            found.append(item)
    return tuple(found)
