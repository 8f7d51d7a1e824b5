"""Quick proofs that a paper keeps the whole-paper rules, so that most papers skip the slow walk.

Each rule in :mod:`._rules` reports problems with exact paths, and pays for
building them on every call. Most papers break no rule, and whether one
does can be told with sets alone. :func:`surely_passing` names the rules
that it can prove hold; :func:`._rules.check_paper` runs only the others.
A proof here never decides that a rule fails: if it cannot tell, the rule
itself runs, and its problems are the ones reported.

Keep each proof in step with its rule: a rule made stricter needs its proof
made stricter (or removed from here) in the same change. The tests check
every proof against its rule on papers that break them.

Citations, aliases and locators are found by walking the paper along the
declared field types, with code written once per class, instead of asking
every value whether it is a model object.
"""

from __future__ import annotations

import itertools
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._annotations import field_types
from ._provenance import Citation
from ._values import Alias, Locator, PartialDate

if TYPE_CHECKING:
    from ._paper import WhitePaper

__all__ = ["surely_passing"]

_LOCATOR_FIELDS = ("locator", "located_in")
_ENTITY_FIELDS = (
    "principles", "goals", "concerns", "proposals", "events", "actors", "statistics", "documents", "sources",
)  # fmt: skip


def surely_passing(paper: WhitePaper) -> frozenset[str]:
    """Names of the rule functions of :mod:`._rules` that this paper certainly keeps."""
    try:
        return frozenset(_proofs(paper))
    except Exception:  # a proof that cannot run proves nothing: the rules run
        return frozenset()


def _proofs(paper: WhitePaper) -> list[str]:
    passed = []
    # Each entity is read once for its id; the lists serve every proof below.
    ids_of = {field: [entity.id for entity in getattr(paper, field)] for field in _ENTITY_FIELDS}
    ids = [paper.id, *itertools.chain.from_iterable(ids_of.values())]
    unique_ids = len(set(ids)) == len(ids)
    if unique_ids:
        passed.append("_unique_ids")
    if _names_unique(paper):
        passed.append("_unique_names")
    if _titles_unique(paper.events):
        passed.append("_unique_event_titles")
    walker = _walker(type(paper))
    if walker is not None:
        sources: list[str] = []
        locators: list[Any] = []
        walker(paper, sources, locators)
        # With every id unique, each id names one kind, and membership is all a reference needs.
        if unique_ids and _references_resolve(paper, set(sources) - {None}, ids_of):
            passed.append("_references")
        existing = set(_existing_locators(paper))
        # Locators read from text are shared objects: one test per distinct object.
        distinct = {id(where): where for where in locators}.values()
        if all(type(where) is not Locator or where in existing for where in distinct):
            passed.append("_locators_exist")
    if _numbering_holds(paper):
        passed.append("_numbering")
    if _dates_hold(paper):
        passed.append("_dates")
    return passed


def _titles_unique(events: tuple[Any, ...]) -> bool:
    # Titles that differ differ on every date too: most papers need no more.
    if len({e.title.en for e in events}) == len(events):
        return True
    return len({(e.date.year, e.date.month, e.date.day, e.title.en) for e in events}) == len(events)


def _names_unique(paper: WhitePaper) -> bool:
    for field in ("principles", "goals", "concerns", "proposals"):
        names = [("en", e.name.en) for e in getattr(paper, field)]
        names += [("zh", e.name.zh) for e in getattr(paper, field) if e.name.zh is not None]
        if len(set(names)) != len(names):
            return False
    return True


def _references_resolve(paper: WhitePaper, sources: set[str], ids_of: dict[str, list[str]]) -> bool:
    # Sets are built only for the kinds many references point to; the others
    # are looked up among the few references themselves. issuperset walks
    # the references without building a second set.
    actors = set(ids_of["actors"])
    chain = itertools.chain.from_iterable
    introduced = {p.introduced_by for p in paper.principles} - {None}
    supported = set(chain(p.supports for p in paper.proposals))
    documents = set(chain(e.documents for e in paper.events))
    return (
        paper.publisher in actors
        and _all_found(introduced, ids_of["events"])
        and _all_found(supported, ids_of["principles"] + ids_of["goals"])
        and _all_found(documents - {paper.id}, ids_of["documents"])
        and actors.issuperset(chain(e.actors for e in paper.events))
        and actors.issuperset(a.affiliation for a in paper.actors if a.affiliation is not None)
        and not any(a.affiliation == a.id for a in paper.actors)
        and actors.issuperset(chain(d.publishers for d in paper.documents))
        and _all_found(sources, ids_of["sources"])
    )


def _all_found(wanted: set[Any], ids: Any) -> bool:
    """Whether every id in ``wanted`` is among ``ids``."""
    return not wanted or len({i for i in ids if i in wanted}) == len(wanted)


def _existing_locators(paper: WhitePaper) -> list[Locator]:
    found = [Locator.parse(part) for part in ("preface", "conclusion") if getattr(paper, part) is not None]
    for chapter in paper.chapters:
        found.append(Locator(chapter=chapter.number))
        for section in chapter.sections:
            found.append(Locator(chapter=chapter.number, section=section.number))
            found.extend(
                Locator(chapter=chapter.number, section=section.number, item=item.number)
                for item in section.items
            )
    return found


def _counts(numbers: list[Any]) -> bool:
    return numbers == list(range(1, len(numbers) + 1))


def _numbering_holds(paper: WhitePaper) -> bool:
    chapters = paper.chapters
    if not _counts([c.number for c in chapters]) or not _counts([p.number for p in paper.proposals]):
        return False
    for chapter in chapters:
        if not _counts([s.number for s in chapter.sections]):
            return False
        if not all(_counts([i.number for i in s.items]) for s in chapter.sections):
            return False
    for field in ("principles", "goals"):
        entities = getattr(paper, field)
        for kind in dict.fromkeys(e.kind for e in entities):
            if not _counts([e.order for e in entities if e.kind == kind]):
                return False
    return True


def _dates_hold(paper: WhitePaper) -> bool:
    last = paper.published.latest
    last_day = (last.year, last.month, last.day)

    def earliest(date: PartialDate) -> tuple[int, int, int]:
        return (date.year, date.month or 1, date.day or 1)

    return all(s.as_of is None or earliest(s.as_of) <= last_day for s in paper.statistics) and all(
        not e.mentioned_in_paper or (e.date.year, e.date.month or 1, e.date.day or 1) <= last_day
        for e in paper.events
    )


# --- the walk: citations' and aliases' sources, and every locator --------------------

_WALKERS: dict[type, Callable[[Any, list[str], list[Any]], None] | None] = {}


def _walker(cls: type) -> Callable[[Any, list[str], list[Any]], None] | None:
    if cls not in _WALKERS:
        try:
            _WALKERS[cls] = _WalkWriter(cls).function()
        except _UnsupportedError:
            _WALKERS[cls] = None
    return _WALKERS[cls]


class _UnsupportedError(Exception):
    pass


def _optional_inner(tp: Any) -> Any:
    args = typing.get_args(tp)
    if len(args) == 2 and type(None) in args and typing.get_origin(tp) is not tuple:
        return next(a for a in args if a is not type(None))
    return None


def _tuple_item(tp: Any) -> Any:
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


class _WalkWriter:
    """Writes ``w_<Class>(o, S, L)`` for each class that can hold a source id or a locator.

    ``S`` gets every citation's and alias's source (None included), ``L``
    every value of a locator field (None included). A class whose objects
    hold no further such objects is a leaf: its parent reads it with a list
    comprehension instead of a call per object.
    """

    def __init__(self, root: type):
        self.root = root
        self.lines: list[str] = []
        # Per class: its own (list, attribute) reads, and whether it has children.
        self.reads: dict[type, list[tuple[str, str]] | None] = {}
        self.leaf: dict[type, bool] = {}

    def function(self) -> Callable[[Any, list[str], list[Any]], None]:
        if not self.holds(self.root):
            raise _UnsupportedError(self.root)
        namespace: dict[str, Any] = {}
        exec(compile("\n".join(self.lines) + "\n", "<paper walk>", "exec"), namespace)  # noqa: S102
        function: Callable[[Any, list[str], list[Any]], None] = namespace[f"w_{self.root.__name__}"]
        return function

    def holds(self, cls: type) -> bool:
        """Whether objects of ``cls`` can hold a source id or a locator; writes its walker if so."""
        if cls in self.reads:
            return self.reads[cls] is not None
        if cls in (Locator, PartialDate):
            return False
        for name in _LOCATOR_FIELDS:
            # A locator the rule reads through getattr must be a field the walk can see.
            if hasattr(cls, name) and name not in attrs.fields_dict(cls):
                raise _UnsupportedError(cls)
        self.reads[cls] = None
        hints = field_types(cls)
        reads = [("S", "source")] if cls in (Citation, Alias) else []
        body = []
        for field in attrs.fields(cls):
            name = field.name
            if name in _LOCATOR_FIELDS:
                reads.append(("L", name))
                continue
            shape, model = _shape(hints[name])
            if model is None or not self.holds(model):
                continue
            if self.leaf[model]:
                for target, attribute in self.reads[model] or ():
                    if shape == "one":
                        body.append(f"    {target}.append(o.{name}.{attribute})")
                    elif shape == "optional":
                        body.append(f"    if o.{name} is not None: {target}.append(o.{name}.{attribute})")
                    else:
                        body.append(f"    {target} += [x.{attribute} for x in o.{name}]")
                continue
            call = f"w_{model.__name__}"
            if shape == "one":
                body.append(f"    {call}(o.{name}, S, L)")
            elif shape == "optional":
                body.append(f"    if o.{name} is not None: {call}(o.{name}, S, L)")
            else:
                body.append(f"    for x in o.{name}: {call}(x, S, L)")
        if not reads and not body:
            return False
        self.reads[cls] = reads
        self.leaf[cls] = not body
        own = [f"    {target}.append(o.{attribute})" for target, attribute in reads]
        self.lines += [f"def w_{cls.__name__}(o, S, L):", *own, *body, ""]
        return True


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


def _shape(tp: Any) -> tuple[str, type | None]:
    """How a field holds model objects: one, optional or many (and of which class), or none."""
    if _is_model(tp):
        return "one", tp
    for shape, inner in (("optional", _optional_inner(tp)), ("many", _tuple_item(tp))):
        if inner is not None:
            if _is_model(inner):
                return shape, inner
            if not _plain(inner):  # a union or container inside: not a shape the walk knows
                raise _UnsupportedError(tp)
            return shape, None
    if not _plain(tp):
        raise _UnsupportedError(tp)
    return "none", None


def _plain(tp: Any) -> bool:
    """A type that holds no model object: a scalar, an enum or a Literal."""
    return typing.get_origin(tp) is Literal or not typing.get_args(tp)
