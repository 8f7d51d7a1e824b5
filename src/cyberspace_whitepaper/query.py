"""Typed lookups, reverse references, cited items, search and date ranges over a paper.

:class:`~cyberspace_whitepaper.WhitePaper`'s methods ``get``, ``by_id``,
``source_of``, ``referrers``, ``cited``, ``search`` and ``events_between``
are thin calls into this module; the logic lives here. So is
:class:`~cyberspace_whitepaper.Corpus`'s ``search`` (:func:`search_corpus`:
each paper with its own index, and the corpus's own records with theirs).

Everything is read from the model's shape (:mod:`.model._shape`): the entity
kinds from ``entity_kinds``, references from the fields that declare
``refers_to``, citations from the fields that hold :class:`Citation` records,
searchable text from the fields of kind ``TEXT``. A field added to the model
is looked up, referred to and searched with no edit here.

**Indexes.** A paper is immutable, so each index (ids; references; the
search index) is built once per paper, on its first use, and never before:
loading costs nothing more. The indexes are kept in a module-level ``dict``
keyed by ``id(paper)``, and dropped by :func:`weakref.finalize` when the
paper is collected. They never hold the paper itself (that would keep it
alive for ever), and a paper is never hashed to find them (its hash walks
every object in it).
"""

from __future__ import annotations

import bisect
import collections
import datetime
import difflib
import functools
import heapq
import itertools
import math
import operator
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeAlias, TypeVar

import attrs

from ._engine import collector_paused
from .errors import NotFoundError, excerpt, join_path
from .model import Concept, Corpus, Entity, WhitePaper
from .model._display import title_field
from .model._paper import Place
from .model._provenance import Citation
from .model._shape import (
    FieldShape,
    Kind,
    entity_kinds,
    identity_of,
    is_whole_document,
    model_classes,
    per_class,
    shape_of,
    values,
)
from .model._values import LocalizedText, PartialDate
from .vocab import Certainty

if TYPE_CHECKING:
    from .model import Event, Locator

#: A document with indexes of its own: a paper, or a corpus (its own records; its papers have theirs).
Document: TypeAlias = WhitePaper | Corpus
#: What holds a reference or a citation, or what a search finds.
Holder: TypeAlias = Entity | Place | WhitePaper | Concept | Corpus

__all__ = [
    "Cited",
    "Referrer",
    "SearchHit",
    "by_id",
    "check_range",
    "cited",
    "events_between",
    "fold",
    "get",
    "is_entity",
    "referrers",
    "search",
    "search_corpus",
    "search_kinds",
    "stem",
    "title_of",
]

E = TypeVar("E")

#: Stands for the paper in an index, which must not hold the paper itself.
_ROOT: Any = object()

#: How close an id must be to be offered as "did you mean" (as the rules' hints).
_HINT_CUTOFF = 0.6


# --- the per-paper store --------------------------------------------------------------


class _Indexes:
    """The indexes of one paper, each built on first use."""

    __slots__ = ("ids", "references", "text")

    def __init__(self) -> None:
        self.ids: _Ids | None = None
        self.references: dict[str, list[tuple[str, Any]]] | None = None
        self.text: _TextIndex | None = None


_INDEXES: dict[int, _Indexes] = {}


def _indexes(paper: Document) -> _Indexes:
    key = id(paper)
    found = _INDEXES.get(key)
    if found is None:
        found = _INDEXES[key] = _Indexes()
        # Dropped when the paper dies, before its id can be given to another object.
        weakref.finalize(paper, _INDEXES.pop, key, None)
    return found


def _holder(paper: Document, stored: Any) -> Any:
    return paper if stored is _ROOT else stored


# --- ids --------------------------------------------------------------------------------


class _Ids:
    """Every entity by id, and which kind each id (the paper's own included) names."""

    def __init__(self, paper: WhitePaper):
        self.entities: dict[str, Any] = {}
        self.kind_of: dict[str, str] = {}
        self.maps: dict[type, _EntityMap[Any]] = {}
        paper_identity = identity_of(type(paper))
        if paper_identity is not None and paper_identity.identity is not None:
            self.kind_of[getattr(paper, paper_identity.name)] = paper_identity.identity
        for kind, shape in _entity_classes(type(paper)).values():
            id_field = identity_of(shape.type)
            assert id_field is not None  # entity_kinds holds only entities
            of_kind: dict[str, Any] = {}
            for entity in getattr(paper, shape.name):
                entity_id = getattr(entity, id_field.name)
                of_kind[entity_id] = entity
                self.entities.setdefault(entity_id, entity)
                self.kind_of.setdefault(entity_id, kind)
            self.maps[shape.type] = _EntityMap(kind, of_kind, self)

    def missing(self, key: str, kind: str | None = None) -> NotFoundError:
        """The error for an id that names no entity (of ``kind``, if given), with a "did you mean"."""
        found = self.kind_of.get(key)
        if kind is not None and found is not None:
            return NotFoundError(f"{excerpt(key)} is {_a(found)}, not {_a(kind)}", key=key)
        candidates = [i for i, k in self.kind_of.items() if kind is None or k == kind]
        close = difflib.get_close_matches(key, candidates, n=1, cutoff=_HINT_CUTOFF)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        what = "entity" if kind is None else kind
        return NotFoundError(
            f"no {what} with id {excerpt(key)}{hint}", key=key, suggestion=close[0] if close else None
        )


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


@per_class
def _entity_classes(paper_class: type) -> dict[type, tuple[str, FieldShape]]:
    """Each entity class of a paper class, with its kind and the paper's field holding it."""
    return {shape.type: (kind, shape) for kind, shape in entity_kinds(paper_class)}


def _ids(paper: WhitePaper) -> _Ids:
    store = _indexes(paper)
    if store.ids is None:
        with collector_paused():
            store.ids = _Ids(paper)
    return store.ids


class _EntityMap(Mapping[str, E], Generic[E]):
    """The entities of one kind by id: read-only, and a missing id says what was meant."""

    __slots__ = ("_entities", "_ids", "kind")

    def __init__(self, kind: str, entities: dict[str, E], ids: _Ids):
        self.kind = kind
        self._entities = entities
        self._ids = ids

    def __getitem__(self, key: str) -> E:
        try:
            return self._entities[key]
        except KeyError:
            raise self._ids.missing(key, self.kind) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._entities)

    def __len__(self) -> int:
        return len(self._entities)

    def __contains__(self, key: object) -> bool:
        return key in self._entities

    def __repr__(self) -> str:
        return f"<{self.kind} entities by id: {len(self._entities)}>"


def get(paper: WhitePaper, key: str, cls: type[E] | None = None) -> E:
    """The entity with id ``key`` (of class ``cls``, if given); :class:`NotFoundError` if none."""
    store = _INDEXES.get(id(paper))
    ids = store.ids if store is not None and store.ids is not None else _ids(paper)
    found = ids.entities.get(key)
    if found is not None and (cls is None or type(found) is cls):
        return found  # type: ignore[no-any-return]
    if cls is None:
        raise ids.missing(key)
    if cls not in ids.maps:
        raise TypeError(f"{cls.__name__} is not an entity class of {type(paper).__name__}")
    return ids.maps[cls][key]  # type: ignore[no-any-return]


def is_entity(obj: object) -> bool:
    """Whether ``obj`` is an entity (or a paper): an object with an identity."""
    return identity_of(type(obj)) is not None


def title_of(paper: WhitePaper, key: str) -> LocalizedText | None:
    """The name or title of what the id ``key`` names (an entity or the paper); None for an unknown id."""
    ids = _ids(paper)
    found: Any = ids.entities.get(key)
    if found is None and key in ids.kind_of:
        found = paper  # the one id that is not an entity's
    shape = None if found is None else title_field(type(found))
    return None if shape is None else getattr(found, shape.name)


def by_id(paper: WhitePaper, cls: type[E]) -> Mapping[str, E]:
    """The entities of class ``cls`` by id, as a read-only mapping."""
    maps = _ids(paper).maps
    if cls not in maps:
        raise TypeError(f"{cls.__name__} is not an entity class of {type(paper).__name__}")
    return maps[cls]


# --- what holds what: owners ------------------------------------------------------------


class _Owner(NamedTuple):
    """An object that can be pointed at: an entity, a part of the text, or the paper (``_ROOT``)."""

    kind: str
    id: str | None
    locator: Locator | None
    obj: Any
    cls: type
    path: str


#: A model object with fields an index reads, and where it lies: (its owner, its path from the
#: owner, each step as a JSON path writes it (``""`` for the owner itself, ``.name``,
#: ``.aliases[0].text``), the owner's field it lies in (None for the owner itself), the object,
#: the fields to read with their steps). A plain tuple: there are tens of thousands.
_Held: TypeAlias = tuple[_Owner, str, "str | None", Any, "tuple[tuple[FieldShape, str], ...]"]


class _Plan(NamedTuple):
    """What a walk for one index does at an object of one class."""

    #: The entity kind, if the class is an entity's (or the paper's), and the field of its id.
    kind: str | None
    id_name: str | None
    #: The class's fields the index reads, each with its step in a path (``.actors``).
    wanted: tuple[tuple[FieldShape, str], ...]
    #: The fields holding model objects that hold (or hold objects that hold) wanted fields,
    #: each as (name, its step in a path, a tuple or not).
    below: tuple[tuple[str, str, bool], ...]


def _planner(fields_of: Callable[[type], tuple[FieldShape, ...]]) -> Callable[[type], _Plan]:
    """The plans of a walk that reads ``fields_of`` each class: it never enters what holds none of them.

    Nor a document held by the one walked (a paper of a corpus): it has indexes of its own.
    """

    @per_class
    def plan(cls: type) -> _Plan:
        identity = identity_of(cls)
        kind = None if identity is None else identity.identity
        below = tuple(
            (shape.name, join_path("", shape.name), shape.many)
            for shape in shape_of(cls)
            if shape.kind is Kind.MODEL
            and not is_whole_document(shape.type)
            and any(fields_of(inner) for inner in model_classes(shape.type, within=True))
        )
        wanted = tuple((shape, join_path("", shape.name)) for shape in fields_of(cls))
        return _Plan(kind, None if kind is None or identity is None else identity.name, wanted, below)

    return plan


#: The fields of an owner's class that a walk does not enter.
_Skip: TypeAlias = Callable[[type], frozenset[str]]


def _held(paper: Document, plan_of: Callable[[type], _Plan], skip: _Skip | None = None) -> list[_Held]:
    """Every model object in the paper with fields a plan wants, in the paper's order, with its owner.

    The owner of an object is the nearest object holding it (itself
    included) that has an identity or is a part of the text: a citation's
    owner is the principle or chapter that carries it. In a corpus, its
    papers are not walked into (each has its own indexes). ``skip`` gives the
    fields of an owner's class that are not to be entered. The walk goes
    only where ``plan_of`` says wanted fields may be, and builds a path only
    for the objects it keeps: the generic walk of the model and a path for every
    object cost more than the indexes' own work.
    """
    walk = _Walk(paper, plan_of, skip)
    walk.visit(paper, None, "", None)
    return walk.found


class _Walk:
    """The state of one walk of :func:`_held`.

    A class rather than a nested function: a nested function that calls
    itself is a reference cycle, which keeps everything it found alive until
    the collector next runs (and makes that run walk it all).
    """

    __slots__ = ("found", "paper", "places", "plan_of", "skip")

    def __init__(
        self,
        paper: Document,
        plan_of: Callable[[type], _Plan],
        skip: _Skip | None,
    ):
        self.paper = paper
        self.plan_of = plan_of
        self.skip = skip
        self.found: list[_Held] = []
        self.places: dict[int, collections.deque[Locator]] = {}
        for locator, place in _places(paper):
            self.places.setdefault(id(place), collections.deque()).append(locator)

    def visit(self, obj: Any, owner: _Owner | None, where: str, top: str | None) -> None:
        cls = type(obj)
        kind, id_name, wanted, below = self.plan_of(cls)
        if kind is not None or id(obj) in self.places:
            path = owner.path + where if owner is not None else "$"
            if kind is not None:
                stored = _ROOT if obj is self.paper else obj
                owner = _Owner(kind, getattr(obj, id_name), None, stored, cls, path)  # type: ignore[arg-type]
            else:  # this walk and places() go through the text in the same order
                owner = _Owner(cls.__name__.lower(), None, self.places[id(obj)].popleft(), obj, cls, path)
            where, top = "", None
        assert owner is not None  # the paper is its own owner
        if wanted:
            self.found.append((owner, where, top, obj, wanted))
        left_out = self.skip(cls) if self.skip is not None and top is None else ()
        for name, step, many in below:
            if name in left_out:
                continue
            value = getattr(obj, name)
            inside = name if top is None else top
            if many:
                for index, item in enumerate(value):
                    self.visit(item, owner, f"{where}{step}[{index}]", inside)
            elif value is not None:
                self.visit(value, owner, where + step, inside)


def _places(document: Document) -> Iterator[tuple[Locator, Place]]:
    """The parts of a document's text: a paper's; a corpus has none of its own."""
    return document.places() if isinstance(document, WhitePaper) else iter(())


# --- references -----------------------------------------------------------------------


class Referrer(NamedTuple):
    """Something that points at an id: the path of the reference, and the thing holding it."""

    path: str
    entity: Holder


def _references(paper: WhitePaper) -> dict[str, list[tuple[str, Any]]]:
    store = _indexes(paper)
    if store.references is None:
        with collector_paused():
            store.references = _referenced(paper)
    return store.references


@per_class
def _reference_fields(cls: type) -> tuple[FieldShape, ...]:
    return tuple(shape for shape in shape_of(cls) if shape.refers_to)


_reference_plan = _planner(_reference_fields)


def _referenced(paper: WhitePaper) -> dict[str, list[tuple[str, Any]]]:
    """Every reference in the paper, by the id it names: (path of the reference, its holder)."""
    found: dict[str, list[tuple[str, Any]]] = {}
    for owner, where, _top, obj, shapes in _held(paper, _reference_plan):
        path = owner.path + where
        for shape, step in shapes:
            value = getattr(obj, shape.name)
            if not shape.many:
                if value is not None:
                    found.setdefault(value, []).append((path + step, owner.obj))
                continue
            for index, target in enumerate(value):
                found.setdefault(target, []).append((f"{path}{step}[{index}]", owner.obj))
    return found


def referrers(paper: WhitePaper, key: str) -> tuple[Referrer, ...]:
    """Every reference to the id ``key``, in the paper's order; :class:`NotFoundError` for an unknown id."""
    ids = _ids(paper)
    if key not in ids.kind_of:
        raise ids.missing(key)
    return tuple(Referrer(path, _holder(paper, stored)) for path, stored in _references(paper).get(key, ()))


# --- citations ---------------------------------------------------------------------------


class Cited(NamedTuple):
    """A citation, where it is, and the thing (entity, part of the text, the paper) it is evidence for."""

    path: str
    item: Holder
    citation: Citation


@per_class
def _citation_fields(cls: type) -> tuple[FieldShape, ...]:
    return tuple(shape for shape in shape_of(cls) if shape.kind is Kind.MODEL and shape.type is Citation)


_citation_plan = _planner(_citation_fields)


def cited(paper: WhitePaper) -> Iterator[Cited]:
    """Every citation in the paper, in its order, with the thing it is evidence for."""
    for owner, where, _top, obj, shapes in _held(paper, _citation_plan):
        path = owner.path + where
        for shape, step in shapes:
            for index, citation in enumerate(values(obj, shape)):
                at = f"{path}{step}[{index}]" if shape.many else path + step
                yield Cited(at, _holder(paper, owner.obj), citation)


#: Certainties from the strongest: the order of the vocabulary.
_CERTAINTY_RANK = {certainty: rank for rank, certainty in enumerate(Certainty)}


def _best_certainty(obj: Any) -> Certainty | None:
    found = [citation.certainty for shape in _citation_fields(type(obj)) for citation in values(obj, shape)]
    return min(found, key=_CERTAINTY_RANK.__getitem__) if found else None


# --- dates -------------------------------------------------------------------------------


def _as_date(value: PartialDate | datetime.date | str) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, str):
        return PartialDate.parse(value)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return PartialDate.from_date(value)
    raise TypeError(f"expected a PartialDate, a datetime.date or a date string, got {type(value).__name__}")


def check_range(start: PartialDate | None, end: PartialDate | None) -> None:
    """Raise ``ValueError`` if ``start`` begins after ``end`` ends (no day could lie between them)."""
    if start is not None and end is not None and start.earliest > end.latest:
        raise ValueError(f"start {start} is after end {end}")


def events_between(
    paper: WhitePaper,
    start: PartialDate | datetime.date | str | None = None,
    end: PartialDate | datetime.date | str | None = None,
) -> tuple[Event, ...]:
    """The events, in timeline order, any of whose days may fall from ``start`` to ``end``.

    An event covers the days from its date's earliest to its end's latest (or
    its date's latest). It is kept if that span overlaps the span from
    ``start``'s earliest day to ``end``'s latest; either bound may be left
    out. So ``events_between(paper, end="2022")`` keeps ``2022-11-07``, and
    ``start="2022-10-25"`` keeps an event of ``2022-10``. The CLI's ``timeline
    --from/--to`` is this function.
    """
    first = None if start is None else _as_date(start)
    last = None if end is None else _as_date(end)
    check_range(first, last)
    low = None if first is None else first.earliest
    high = None if last is None else last.latest
    return tuple(
        event
        for event in paper.timeline()
        if (low is None or (event.end or event.date).latest >= low)
        and (high is None or event.date.earliest <= high)
    )


# --- search: words ------------------------------------------------------------------------

_HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN = re.compile(f"[{_HAN_RANGES}]+")
_WORD = re.compile(rf"[^\W_{_HAN_RANGES}]+")

#: Words a question is phrased with that say nothing about what it looks for.
_STOPWORDS = frozenset(
    {
        "a", "about", "an", "and", "are", "as", "at", "be", "by", "did", "do", "does", "for", "from",
        "has", "have", "how", "in", "into", "is", "it", "its", "of", "on", "or", "say", "says", "that",
        "the", "their", "this", "to", "was", "were", "what", "when", "where", "which", "who", "with",
    }
)  # fmt: skip

#: Inflections, tried first (one of them): plural, past, present participle.
_INFLECTIONS = (
    ("sses", "ss"), ("ies", "y"), ("ied", "y"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"),
    ("ing", ""), ("ed", ""), ("s", ""),
)  # fmt: skip
#: Endings of derived words, then stripped up to twice: sovereignty -> sovereign, peaceful -> peac.
_DERIVATIONS = (
    "ation", "ition", "ment", "ness", "ance", "ence", "ity", "ism", "ist", "ful", "ous", "ive",
    "ize", "ise", "al", "ic", "ty", "ly", "y", "e",
)  # fmt: skip
_MIN_STEM = 3


def fold(text: str) -> str:
    """Text as search compares it: NFKC-normalised and case-folded (full-width Ｃ is c)."""
    return unicodedata.normalize("NFKC", text).casefold()


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A word's stem: the same for its inflected and derived forms (crime, crimes; sovereign, sovereignty).

    A small suffix stripper, not a linguist: it only needs to give related
    words the same stem, and it is applied to the text and the query alike.
    """
    for ending, replacement in _INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            if ending == "s" and word[-2] in "siu":  # access, status, analysis: not plurals
                break
            word = word[: len(word) - len(ending)] + replacement
            if ending in ("ing", "ed") and len(word) > _MIN_STEM and word[-1] == word[-2] not in "lsz":
                word = word[:-1]  # planned, stopping
            break
    for _ in range(2):
        for ending in _DERIVATIONS:
            if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
                word = word[: len(word) - len(ending)]
                break
        else:
            break
    return word


def _bigrams(run: str) -> set[str]:
    return {run[i : i + 2] for i in range(len(run) - 1)} if len(run) > 1 else {run}


#: Every ASCII character but NUL that is not a letter or a digit, to a space.
_ASCII_SPACES = {code: " " for code in range(1, 128) if not chr(code).isalnum()}
#: Where one text ends and the next begins when texts are split all at once: no text holds it
#: (the model's text() forbids control characters).
_BETWEEN = "\x00"


def _ascii_words(folded: list[str]) -> Iterator[list[str]]:
    """The words (as ``_WORD`` finds them) of each folded text that is ASCII, in order.

    In ASCII, once case-folded, ``_WORD``'s characters are exactly ``a-z``
    and ``0-9``: one ``str.translate`` of all the texts at once makes every
    other character a space, and ``str.split`` does the rest, two to three
    times as quick as ``_WORD.findall`` on each text.
    """
    ascii_texts = [text for text in folded if text.isascii()]
    if not ascii_texts:  # joining nothing gives one empty text, not none
        return iter(())
    spaced = _BETWEEN.join(ascii_texts).translate(_ASCII_SPACES).split(_BETWEEN)
    if len(spaced) != len(ascii_texts):
        raise AssertionError("a searchable text holds NUL, which the model forbids")
    return (text.split() for text in spaced)


# --- search: the index ------------------------------------------------------------------

#: Weights of the three places a text can have in its owner (see ``_weight``).
TITLE_WEIGHT = 3.0
ALTERNATIVE_WEIGHT = 2.0
OTHER_WEIGHT = 1.0


@per_class
def _text_fields(cls: type) -> tuple[FieldShape, ...]:
    return tuple(shape for shape in shape_of(cls) if shape.kind is Kind.TEXT)


@per_class
def _citation_names(cls: type) -> frozenset[str]:
    return frozenset(shape.name for shape in _citation_fields(cls))


_text_plan = _planner(_text_fields)


@per_class
def _weights(cls: type) -> dict[str | None, float]:
    """How much a match counts in a text of an owner of ``cls``, by the owner's field it lies in.

    The owner's title field (its first ``LocalizedText``: a name, a title)
    weighs 3; a tuple of the owner (aliases, the terms of a goal) weighs 2,
    being other names for it; every other text (summaries, roles, notes, a
    place) weighs 1.
    """
    title = title_field(cls)
    found: dict[str | None, float] = {}
    for shape in shape_of(cls):
        if title is not None and shape.name == title.name:
            found[shape.name] = TITLE_WEIGHT
        else:
            found[shape.name] = ALTERNATIVE_WEIGHT if shape.many else OTHER_WEIGHT
    return found


class _TextIndex:
    """Every searchable text of a paper, in columns, with postings from stems to texts."""

    def __init__(self, paper: Document):
        self.owners: list[_Owner] = []
        #: One entry per text: its owner's number, field, weight, text as written and folded,
        #: language (read from its script: the model marks languages only in some fields), 1 / size.
        self.owner_of: list[int] = []
        self.fields: list[str] = []
        self.weights: list[float] = []
        self.originals: list[str] = []
        self._place_texts(paper)
        normalize = unicodedata.normalize
        self.folded = [normalize("NFKC", text).casefold() for text in self.originals]  # as fold() does
        self.languages: list[str] = []
        self.inverse_sizes: list[float] = []
        #: The texts with Chinese in them, where a Chinese query is looked for (as a substring).
        self.chinese: list[int] = []
        postings = self._split_texts()
        #: Every word as written, with its stem; every stem, with the texts holding it.
        self.spelled = {written: stem(written) for written in sorted(postings)}
        self.words: dict[str, list[int]] = {}
        # Words in their order as written, each word's texts in the paper's order: the order in
        # which the search meets texts, and so which of an owner's equally good texts it shows.
        for written, found in self.spelled.items():
            slots = self.words.get(found)
            if slots is None:
                self.words[found] = postings[written]
            else:
                slots.extend(postings[written])

    def _place_texts(self, paper: Document) -> None:
        """Fill the columns of where each text is: its owner, field and weight, and the text."""
        numbers: dict[int, int] = {}  # each owner's number, by the owner's id()
        owner_of, fields, weights, originals = self.owner_of, self.fields, self.weights, self.originals
        # A citation's note speaks of the evidence, not of the thing cited: citations are not entered.
        for owner, where, top, obj, shapes in _held(paper, _text_plan, _citation_names):
            number = numbers.get(id(owner))
            if number is None:
                number = numbers[id(owner)] = len(self.owners)
                self.owners.append(owner)
            of_owner = _weights(owner.cls)
            prefix = where[1:] + "." if where else ""
            for shape, _step in shapes:
                weight = of_owner[top if top is not None else shape.name]
                value = getattr(obj, shape.name)
                if not shape.many:
                    if value is not None:
                        owner_of.append(number)
                        fields.append(prefix + shape.name)
                        weights.append(weight)
                        originals.append(value)
                    continue
                for index, text in enumerate(value):
                    owner_of.append(number)
                    fields.append(f"{prefix}{shape.name}[{index}]")
                    weights.append(weight)
                    originals.append(text)

    def _split_texts(self) -> dict[str, list[int]]:
        """Each folded text's language and size; each word as written, with the texts holding it.

        A text's size is its number of English words but stopwords, and one
        per two Chinese characters (at least 1). One pass over the texts:
        the work per text is a few calls into C, and a loop of its own for
        each column cost a quarter more.
        """
        languages, inverse_sizes, chinese = self.languages, self.inverse_sizes, self.chinese
        postings: dict[str, list[int]] = {}
        is_stopword = _STOPWORDS.__contains__
        next_ascii = _ascii_words(self.folded).__next__
        for slot, text in enumerate(self.folded):
            if text.isascii():
                written = next_ascii()
                size: float = len(written) - sum(map(is_stopword, written))
                languages.append("en")
            else:
                written = _WORD.findall(text)
                runs = _HAN.findall(text)
                size = len(written) - sum(map(is_stopword, written)) + sum(map(len, runs)) / 2
                languages.append("zh" if runs else "en")
                if runs:
                    chinese.append(slot)
            inverse_sizes.append(1 / max(1.0, size))
            for word in written:  # a quarter quicker than through set(written)
                slots = postings.get(word)
                if slots is None:
                    postings[word] = [slot]
                elif slots[-1] != slot:  # a word said twice in one text is posted once
                    slots.append(slot)
        return postings

    @functools.cached_property
    def stems_by_length(self) -> dict[int, list[str]]:
        """Every stem of letters, by length: where a query word is looked for inside longer words."""
        found: dict[int, list[str]] = {}
        for word in self.words:
            if word.isalpha():
                found.setdefault(len(word), []).append(word)
        return found

    @functools.cached_property
    def spelled_by_length(self) -> dict[int, list[str]]:
        """Every word of letters as written, by length: where a misspelt query word is looked for."""
        found: dict[int, list[str]] = {}
        for word in self.spelled:
            if word.isalpha():
                found.setdefault(len(word), []).append(word)
        return found

    @functools.cached_property
    def chinese_joined(self) -> tuple[str, list[int]]:
        """The texts with Chinese in them, joined by NUL (which no text holds), and where each begins."""
        texts = [self.folded[slot] for slot in self.chinese]
        starts = list(itertools.accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
        return _BETWEEN.join(texts), starts


def _text_index(paper: Document) -> _TextIndex:
    store = _indexes(paper)
    if store.text is None:
        with collector_paused():
            store.text = _TextIndex(paper)
    return store.text


# --- search: the query ------------------------------------------------------------------

#: Credit for a query term found as such, inside a longer word, or misspelt.
EXACT, INSIDE, CLOSE = 1.0, 0.6, 0.8
#: Credit for a Chinese run found whole, times the share of its bigrams found otherwise.
PARTIAL_HAN = 0.7
_CLOSE_CUTOFF = 0.8
_INSIDE_MIN = 4
_SNIPPET = 100
#: How many texts are scored between two checks of whether the rest could still make the first hits.
_CHECK_EVERY = 256


@attrs.frozen(kw_only=True)
class SearchHit:
    """One thing a search found, best first.

    Attributes:
        kind: the entity kind (``principle``, ``event`` ...), ``paper``, or
            for a part of the text ``part``, ``chapter``, ``section`` or ``item``;
            in a corpus also ``corpus`` and ``concept``.
        id: the entity's id (the paper's for ``paper``); None for a part of the text.
        locator: where the part of the text is; None for an entity.
        paper: in a search of a corpus, the id of the paper the hit is in
            (None for the corpus's own records: its concepts, documents,
            actors, sources); None in a search of one paper.
        item: the entity, part of the text or paper itself.
        field: the text that matched, as a path from ``item``: ``name.zh``,
            ``aliases[0].text``, ``summary``.
        snippet: the matched text, cut to about 100 characters around the match.
        certainty: the strongest certainty among ``item``'s own citations
            (None if it has none).
        score: how well it matched; only the order of scores means anything.
    """

    kind: str
    id: str | None
    locator: Locator | None
    paper: str | None = None
    item: Holder = attrs.field(repr=False, eq=False)
    field: str
    snippet: str
    certainty: Certainty | None
    score: float

    def __str__(self) -> str:
        where = self.id if self.id is not None else str(self.locator)
        if self.paper is not None:
            where += f" in {self.paper}"
        return f"{self.kind} {where} [{self.field}]: {self.snippet}"


@per_class
def _searchable_kinds(paper_class: type) -> tuple[str, ...]:
    """The kinds a search can be narrowed to: the paper's, its entities', its parts of the text."""
    identity = identity_of(paper_class)
    paper_kind = () if identity is None or identity.identity is None else (identity.identity,)
    return (*paper_kind, *(kind for kind, _shape in entity_kinds(paper_class)))


def search_kinds(paper: Document) -> tuple[str, ...]:
    """Every kind a search of ``paper`` can be narrowed to, in the paper's order.

    Of a corpus: its own kinds (``corpus``, ``concept`` ...), then its papers'.
    """
    text_kinds = dict.fromkeys(type(place).__name__.lower() for _locator, place in _places(paper))
    own = (*_searchable_kinds(type(paper)), *text_kinds)
    if isinstance(paper, Corpus):
        return tuple(dict.fromkeys([*own, *(k for member in paper.papers for k in search_kinds(member))]))
    return own


def _terms(folded: str) -> tuple[list[str], list[str]]:
    """The English words (as written) and Chinese runs of a query."""
    return [word for word in _WORD.findall(folded) if word not in _STOPWORDS], _HAN.findall(folded)


def _word_credits(index: _TextIndex, written: str) -> dict[int, float]:
    """Each text a query word matches, with the credit of its best match."""
    word = stem(written)
    credits = dict.fromkeys(index.words.get(word, ()), EXACT)
    if len(word) >= _INSIDE_MIN:
        stems = index.stems_by_length
        for length in range(len(word) + 1, max(stems, default=0) + 1):
            for other in stems.get(length, ()):
                if word in other:
                    for slot in index.words[other]:
                        credits.setdefault(slot, INSIDE)
    if credits:
        return credits
    # Nothing found: the word is likely misspelt. Compared as written, since a misspelling stems
    # apart, and with words of the same first letter, as most misspellings keep it.
    lengths = range(len(written) - 2, len(written) + 3)
    spelled = index.spelled_by_length
    nearby = [w for n in lengths for w in spelled.get(n, ()) if w[0] == written[0]]
    for other in difflib.get_close_matches(written, nearby, n=3, cutoff=_CLOSE_CUTOFF):
        for slot in index.words[index.spelled[other]]:
            credits.setdefault(slot, CLOSE)
    return credits


def _han_credits(index: _TextIndex, run: str) -> dict[int, float]:
    """Each text a Chinese run matches: whole (1), or, if none has it whole, most of its character pairs."""
    credits = dict.fromkeys(_holding(index, run), EXACT)
    if credits or len(run) < 3:
        return credits
    grams = _bigrams(run)
    counts: dict[int, int] = {}
    for gram in grams:
        for slot in _holding(index, gram):
            counts[slot] = counts.get(slot, 0) + 1
    for slot in sorted(counts):
        if counts[slot] * 2 >= len(grams):
            credits[slot] = PARTIAL_HAN * counts[slot] / len(grams)
    return credits


def _holding(index: _TextIndex, part: str) -> list[int]:
    """The texts with Chinese in them that hold ``part``, in order.

    One ``str.find`` through all of them joined, then on from the start of
    the next text: a step per text found, rather than a test of every text.
    """
    joined, starts = index.chinese_joined
    found: list[int] = []
    at = joined.find(part)
    while at >= 0:
        number = bisect.bisect_right(starts, at) - 1
        found.append(index.chinese[number])
        if number + 1 == len(starts):
            break
        at = joined.find(part, starts[number + 1])
    return found


def _snippet(original: str, folded: str, terms: list[str]) -> str:
    if len(original) <= _SNIPPET:
        return original
    # Offsets are taken in the folded text; they hold in the original where folding kept its length.
    source = original if len(original) == len(folded) else folded
    found = [folded.find(term) for term in terms]
    start = min((at for at in found if at >= 0), default=0)
    left = max(0, min(start - _SNIPPET // 3, len(source) - _SNIPPET))
    cut = source[left : left + _SNIPPET]
    return ("…" if left else "") + cut + ("…" if left + _SNIPPET < len(source) else "")


def search(
    paper: Document,
    query: str,
    *,
    kind: str | Iterable[str] | None = None,
    language: str | None = None,
    limit: int | None = 10,
) -> tuple[SearchHit, ...]:
    """The entities and parts of the text that match ``query``, best first.

    English words match whatever their inflection (a small stemmer: crime,
    crimes; sovereign, sovereignty), inside longer words (crime in
    cybercrime, for less) and, when nothing matches as written, misspelt.
    Chinese is matched as a substring, with no word boundaries (or, when no
    text holds it whole, by most of its character pairs, for less). Text and query are NFKC-normalised and
    case-folded; common English words (the, of, what ...) are left out.

    Each text scores its field's weight (title 3, alternative names 2,
    other text 1) times the square of the share of the query it matches (each
    term's credit: 1 as written or inflected, 0.8 misspelt, 0.6 inside a
    longer word, up to 0.7 for most of a Chinese run; each term weighed by
    its rarity, ``log(1 + texts / (1 + texts it matches))``), times one half
    plus one half of the share of the text the matched terms make up (a name
    that is all query beats a long title that mentions it); a query of
    several terms that appears in the text as written adds a quarter of the
    weight. A thing scores its best text; ties go to the thing first in the
    paper. ``kind`` keeps some kinds only (see :func:`search_kinds`),
    ``language`` the texts of one language (``en`` or ``zh``).

    A :class:`~cyberspace_whitepaper.Corpus` is searched by :func:`search_corpus`.
    """
    if isinstance(paper, Corpus):
        return search_corpus(paper, query, kind=kind, language=language, limit=limit)
    return _search_texts(paper, query, kind=kind, language=language, limit=limit)


def _search_texts(
    paper: Document, query: str, *, kind: str | Iterable[str] | None, language: str | None, limit: int | None
) -> tuple[SearchHit, ...]:
    """The search of one document's own texts: a paper's, or a corpus's own records (see :func:`search`)."""
    kinds = _kinds(paper, kind)
    if language not in (None, "en", "zh"):
        raise ValueError(f"language must be 'en' or 'zh', got {excerpt(language)}")
    index = _text_index(paper)
    folded = fold(query)
    words, runs = _terms(folded)
    term_credits = [_word_credits(index, word) for word in words] + [_han_credits(index, r) for r in runs]
    if not term_credits:
        return ()
    sizes = [1.0] * len(words) + [len(run) / 2 for run in runs]
    # A term found in few texts says more than one found in many (inverse document frequency).
    rarity = [math.log(1 + len(index.folded) / (1 + len(credits))) for credits in term_credits]
    phrase = " ".join(folded.split()) if len(term_credits) > 1 else None
    allowed = None if kinds is None else {i for i, owner in enumerate(index.owners) if owner.kind in kinds}
    best_score, best_slot = _best_texts(
        index, term_credits, sizes, rarity, phrase, limit=limit, allowed=allowed, language=language
    )
    count = len(best_score) if limit is None else limit
    # Best first; among equals, the thing first in the paper.
    top = heapq.nsmallest(count, best_score, key=lambda owner: (-best_score[owner], owner))
    terms = [*words, *runs]
    return tuple(_hit(paper, index, best_slot[owner], best_score[owner], terms) for owner in top)


def _by_share(
    index: _TextIndex, term_credits: list[dict[int, float]], rarity: list[float], *, ordered: bool
) -> tuple[Mapping[int, float] | list[float], float, list[int]]:
    """Each text's share of the query, times 1 / the scale returned; the texts any term matches.

    ``ordered``: the texts by share, most first (among equals, in the order
    first found); else in the order first found.
    """
    totals: Mapping[int, float] | list[float]
    candidates: Iterable[int]
    if len(term_credits) == 1:
        totals = candidates = term_credits[0]
        scale = 1.0
    else:
        # A list by text number, not a dict: half the time for the 10,000 texts a word of the
        # 10,000-event paper is in.
        totals = [0.0] * len(index.folded)
        for credits, weight in zip(term_credits, rarity, strict=True):
            for slot, credit in credits.items():
                totals[slot] += credit * weight
        candidates = dict.fromkeys(itertools.chain.from_iterable(term_credits))
        scale = 1 / sum(rarity)
    order = sorted(candidates, key=totals.__getitem__, reverse=True) if ordered else list(candidates)
    return totals, scale, order


class _Floor:
    """A floor under the ``limit``-th best score of different owners: what cannot make the hits is below it.

    It is the lowest score in a small heap of ``limit`` owners' scores. An
    owner whose score rises keeps its old score in the heap: the floor is
    then lower than it might be, never higher than the truth.
    """

    __slots__ = ("heap", "limit", "owners", "value")

    def __init__(self, limit: int | None):
        self.limit = limit
        self.heap: list[tuple[float, int]] = []
        self.owners: set[int] = set()
        self.value = -1.0

    def add(self, owner: int, score: float) -> None:
        """Note an owner's (new best) score."""
        if self.limit is None or owner in self.owners:
            return
        if len(self.heap) < self.limit:
            heapq.heappush(self.heap, (score, owner))
        elif score > self.heap[0][0]:
            self.owners.discard(heapq.heapreplace(self.heap, (score, owner))[1])
        else:
            return
        self.owners.add(owner)
        if len(self.heap) == self.limit:
            self.value = self.heap[0][0]


def _best_texts(
    index: _TextIndex,
    term_credits: list[dict[int, float]],
    sizes: list[float],
    rarity: list[float],
    phrase: str | None,
    *,
    limit: int | None,
    allowed: set[int] | None,
    language: str | None,
) -> tuple[dict[int, float], dict[int, int]]:
    """The score of each owner that may make the first ``limit`` hits, and its best text.

    Texts are met by the share of the query they match, most first. A text
    that could not reach the floor (:class:`_Floor`) even if it were all
    query is passed over unscored, and once a title could not, neither could
    anything after it. Among an owner's texts that score the same, the first
    met is kept.
    """
    totals, scale, order = _by_share(index, term_credits, rarity, ordered=limit is not None)
    owner_of, weights, inverse_sizes, folded = (
        index.owner_of,
        index.weights,
        index.inverse_sizes,
        index.folded,
    )
    # Two dicts of numbers rather than one of tuples: a paper is millions of objects, and every
    # tuple kept here brings the cyclic garbage collector nearer to walking them all.
    best_score: dict[int, float] = {}
    best_slot: dict[int, int] = {}
    floor = _Floor(limit)
    lowest = floor.value  # read once a text, not three times
    whole = 1 - 1e-9
    several = len(term_credits) > 1
    covered = sizes[0]  # how much of the query a text holds, for a query of one term
    for position, slot in enumerate(order):
        share = totals[slot] * scale
        bonus = phrase is not None and share > whole  # the phrase may add a quarter of the weight
        # The most a text can score (density 1), computed as its score is, so as to be exact.
        most = TITLE_WEIGHT * share * share + (TITLE_WEIGHT / 4 if bonus else 0.0)
        if position % _CHECK_EVERY == 0 and most < lowest:
            break
        weight = weights[slot]
        if weight * share * share + (weight / 4 if bonus else 0.0) < lowest:
            continue
        owner = owner_of[slot]
        if (allowed is not None and owner not in allowed) or (language and index.languages[slot] != language):
            continue
        if several:
            covered = sum(size for credits, size in zip(term_credits, sizes, strict=True) if slot in credits)
        density = covered * inverse_sizes[slot]
        score = weight * share * share * (1 + (density if density < 1 else 1.0)) / 2
        if bonus and phrase in folded[slot]:  # type: ignore[operator]  # bonus: phrase is a str
            score += weight / 4
        if score >= lowest and score > best_score.get(owner, -1.0):
            best_score[owner] = score
            best_slot[owner] = slot
            floor.add(owner, score)
            lowest = floor.value
    return best_score, best_slot


def _kinds(paper: Document, kind: str | Iterable[str] | None) -> frozenset[str] | None:
    if kind is None:
        return None
    asked = {kind} if isinstance(kind, str) else set(kind)
    known = search_kinds(paper)
    for name in sorted(asked):
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=_HINT_CUTOFF)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"no kind {excerpt(name)} to search: one of {', '.join(known)}{hint}")
    return frozenset(asked)


def _hit(paper: Document, index: _TextIndex, slot: int, score: float, terms: list[str]) -> SearchHit:
    owner = index.owners[index.owner_of[slot]]
    item = _holder(paper, owner.obj)
    return SearchHit(
        kind=owner.kind,
        id=owner.id,
        locator=owner.locator,
        item=item,
        field=index.fields[slot],
        snippet=_snippet(index.originals[slot], index.folded[slot], terms),
        certainty=_best_certainty(item),
        score=round(score, 6),
    )


# --- search: a corpus -----------------------------------------------------------------


def search_corpus(
    corpus: Corpus,
    query: str,
    *,
    kind: str | Iterable[str] | None = None,
    language: str | None = None,
    paper: str | Iterable[str] | None = None,
    limit: int | None = 10,
) -> tuple[SearchHit, ...]:
    """What matches ``query`` in a corpus, best first: in its papers, and in its own records.

    Each paper is searched as :func:`search` searches it, with its own index
    (built on first use), and so are the corpus's own records: the concepts
    of the crosswalk (a concept matches by its name, its aliases and each
    document's wording of it, in ``expressions[...]``), the corpus's
    documents, actors and sources, and the corpus itself. A score is the
    share of the query a text matches, weighed as in one paper, so scores
    compare across papers and the hits are ranked together; each hit of a
    paper names it (``hit.paper``). Among equal scores the
    corpus's own records come first (the crosswalk before the papers it
    links), then the papers in the corpus's order.

    ``kind`` keeps some kinds (:func:`search_kinds` of the corpus: its own
    and its papers'), ``language`` the texts of one language, ``paper`` the
    hits of some papers only (their ids; the corpus's own records are then
    left out), ``limit`` the first hits (None: all).
    """
    kinds = _kinds(corpus, kind)
    if language not in (None, "en", "zh"):
        raise ValueError(f"language must be 'en' or 'zh', got {excerpt(language)}")
    documents: list[tuple[str | None, Document]] = [] if paper is not None else [(None, corpus)]
    documents += [(member.id, member) for member in _corpus_papers(corpus, paper)]
    ranked: list[tuple[float, int, int, SearchHit]] = []
    for order, (paper_id, document) in enumerate(documents):
        asked = None if kinds is None else kinds.intersection(search_kinds(document))
        if asked is not None and not asked:
            continue
        hits = _search_texts(document, query, kind=asked, language=language, limit=limit)
        for rank, hit in enumerate(hits):
            found = hit if paper_id is None else attrs.evolve(hit, paper=paper_id)
            ranked.append((-hit.score, order, rank, found))
    ranked.sort(key=operator.itemgetter(0, 1, 2))
    best = [hit for *_order, hit in ranked]
    return tuple(best if limit is None else best[:limit])


def _corpus_papers(corpus: Corpus, paper: str | Iterable[str] | None) -> list[WhitePaper]:
    """The papers of the corpus a search keeps, in its order; a ``ValueError`` for an id it has not."""
    if paper is None:
        return list(corpus.papers)
    asked = {paper} if isinstance(paper, str) else set(paper)
    known = [member.id for member in corpus.papers]
    for name in sorted(asked):
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=_HINT_CUTOFF)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"no paper {excerpt(name)} in the corpus: one of {', '.join(known)}{hint}")
    return [member for member in corpus.papers if member.id in asked]
