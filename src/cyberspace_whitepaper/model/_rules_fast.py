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
import re
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..vocab import PaperPart
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
        citations: list[Citation] = []
        aliases: list[Alias] = []
        locators: list[Any] = []
        walker(paper, citations, aliases, locators)
        sources: set[Any] = {citation.source for citation in citations}
        sources.update([alias.source for alias in aliases])
        sources.discard(None)  # an alias need not name its source
        # With every id unique, each id names one kind, and membership is all a reference needs.
        if unique_ids and _references_resolve(paper, sources, ids_of):
            passed.append("_references")
        existing = _existing_places(paper)
        locators += [citation.locator for citation in citations]
        # Locators read from text are shared objects: one test per distinct object.
        distinct = {id(where): where for where in locators if where is not None}.values()
        if all(
            type(where) is not Locator or (where.part, where.chapter, where.section, where.item) in existing
            for where in distinct
        ):
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


def _existing_places(paper: WhitePaper) -> set[tuple[Any, ...]]:
    """The fields (part, chapter, section, item) of every locator that names a place in ``paper``.

    Tuples, not Locator objects: two locators are equal when these fields
    are, and tuples are built and hashed without running Python code.
    """
    found: set[tuple[Any, ...]] = {
        (PaperPart(part), None, None, None)
        for part in ("preface", "conclusion")
        if getattr(paper, part) is not None
    }
    for chapter in paper.chapters:
        number = chapter.number
        found.add((None, number, None, None))
        for section in chapter.sections:
            found.add((None, number, section.number, None))
            found.update((None, number, section.number, item.number) for item in section.items)
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


# --- the walk: citations, aliases, and every locator field ------------------------

_Walker = Callable[[Any, list[Citation], list[Alias], list[Any]], None]
_WALKERS: dict[type, _Walker | None] = {}


def _walker(cls: type) -> _Walker | None:
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


_RECEIVER = re.compile(r"\bo\.")


class _WalkWriter:
    """Writes ``w_<Class>(o, C, A, L)`` for each class that can hold a citation, an alias or a locator.

    ``C`` gets every Citation object, ``A`` every Alias, ``L`` every value
    of a locator field (None included). Citations and aliases are gathered
    whole, a tuple at a time, and their sources and locators read later in
    one pass each. A class whose own lines are all it has (no loops) is
    written into its parent's loop instead of being called per object.
    """

    def __init__(self, root: type):
        self.root = root
        self.lines: list[str] = []
        # Per class: the body of its walker (None: nothing to find in it).
        self.bodies: dict[type, list[str] | None] = {}

    def function(self) -> _Walker:
        if not self.holds(self.root):
            raise _UnsupportedError(self.root)
        namespace: dict[str, Any] = {}
        exec(compile("\n".join(self.lines) + "\n", "<paper walk>", "exec"), namespace)  # noqa: S102
        function: _Walker = namespace[f"w_{self.root.__name__}"]
        return function

    def holds(self, cls: type) -> bool:
        """Whether objects of ``cls`` can hold a citation, an alias or a locator; writes its walker if so."""
        if cls in self.bodies:
            return self.bodies[cls] is not None
        if cls in (Locator, PartialDate, Citation, Alias):
            return False
        for name in _LOCATOR_FIELDS:
            # A locator the rule reads through getattr must be a field the walk can see.
            if hasattr(cls, name) and name not in attrs.fields_dict(cls):
                raise _UnsupportedError(cls)
        self.bodies[cls] = None
        hints = field_types(cls)
        body = []
        for field in attrs.fields(cls):
            name = field.name
            if name in _LOCATOR_FIELDS:
                body.append(f"L.append(o.{name})")
                continue
            shape, model = _shape(hints[name])
            if model in (Citation, Alias):
                bucket = "C" if model is Citation else "A"
                body.append(
                    {
                        "one": f"{bucket}.append(o.{name})",
                        "optional": f"if o.{name} is not None: {bucket}.append(o.{name})",
                        "many": f"{bucket} += o.{name}",
                    }[shape]
                )
                continue
            if model is None or not self.holds(model):
                continue
            inner = self.bodies[model] or []
            flat = all(not line.startswith(("for ", "if ")) for line in inner)
            if shape == "many" and flat:
                body.append(f"for x in o.{name}:")
                body.extend("    " + _RECEIVER.sub("x.", line) for line in inner)
                continue
            call = f"w_{model.__name__}"
            if shape == "one":
                body.append(f"{call}(o.{name}, C, A, L)")
            elif shape == "optional":
                body.append(f"if o.{name} is not None: {call}(o.{name}, C, A, L)")
            else:
                body.append(f"for x in o.{name}: {call}(x, C, A, L)")
        if not body:
            return False
        self.bodies[cls] = body
        self.lines += [f"def w_{cls.__name__}(o, C, A, L):", *("    " + line for line in body), ""]
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
