"""Whole-paper rules: the ones no single field or object can check alone.

``WhitePaper`` calls :func:`check_paper` when it is built (directly, through
``attrs.evolve`` or by a loader). Each rule is one function that yields
:class:`~cyberspace_whitepaper.errors.Problem` records with paths from the
paper's root ``$``; every problem of every rule is reported together.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import Problem, ValidationError, a_or_an, join_path
from ._provenance import Citation
from ._rules_fast import surely_passing
from ._values import Alias, Locator

if TYPE_CHECKING:
    from ._paper import WhitePaper

__all__ = ["check_paper"]

#: The fields of a paper that hold entities with ids, and what one of each is called.
ENTITY_FIELDS = {
    "principles": "principle",
    "goals": "goal",
    "concerns": "concern",
    "proposals": "proposal",
    "events": "event",
    "actors": "actor",
    "statistics": "statistic",
    "documents": "document",
    "sources": "source",
}


def check_paper(paper: WhitePaper) -> None:
    """Raise :class:`ValidationError` with every whole-paper rule the paper breaks."""
    problems: list[Problem] = []
    # Rules proven to hold with sets alone are skipped; the others run in full.
    proven = surely_passing(paper)
    for rule in _RULES:
        if rule.__name__ not in proven:
            problems.extend(rule(paper))
    if problems:
        raise ValidationError(problems)


def _problem(path: str, code: str, message: str) -> Problem:
    return Problem(path=path, code=code, message=message)


def _walk(obj: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every attrs object and value reachable from ``obj``, with its path."""
    yield path, obj
    for field in _fields(type(obj)):
        value = getattr(obj, field)
        field_path = f"{path}.{field}"
        if type(value) is tuple:
            for index, item in enumerate(value):
                if attrs.has(type(item)):
                    yield from _walk(item, f"{field_path}[{index}]")
        elif attrs.has(type(value)):
            yield from _walk(value, field_path)


_FIELD_CACHE: dict[type, tuple[str, ...]] = {}


def _fields(cls: type) -> tuple[str, ...]:
    # Only fields that can hold model objects are worth visiting; cached per class.
    names = _FIELD_CACHE.get(cls)
    if names is None:
        names = tuple(
            f.name
            for f in attrs.fields(cls)
            if f.name not in ("id", "summary", "note", "en", "zh", "en_official", "value")
        )
        _FIELD_CACHE[cls] = names
    return names


# --- identity ---------------------------------------------------------------


def _unique_ids(paper: WhitePaper) -> Iterator[Problem]:
    """ids unique across the paper."""
    seen = {paper.id: "$.id"}
    for field in ENTITY_FIELDS:
        for index, entity in enumerate(getattr(paper, field)):
            path = f"$.{field}[{index}].id"
            first = seen.setdefault(entity.id, path)
            if first != path:
                yield _problem(path, "duplicate-id", f"id {entity.id!r} is already used at {first}")


def _unique_names(paper: WhitePaper) -> Iterator[Problem]:
    """Names unique within principles, goals, concerns and proposals."""
    for field in ("principles", "goals", "concerns", "proposals"):
        seen: dict[tuple[str, str], str] = {}
        for index, entity in enumerate(getattr(paper, field)):
            for language in ("en", "zh"):
                name = getattr(entity.name, language)
                if name is None:
                    continue
                path = f"$.{field}[{index}].name.{language}"
                first = seen.setdefault((language, name), path)
                if first != path:
                    yield _problem(path, "duplicate-name", f"name {name!r} is already used at {first}")


def _unique_event_titles(paper: WhitePaper) -> Iterator[Problem]:
    """Event titles unique per date."""
    seen: dict[tuple[str, str], str] = {}
    for index, event in enumerate(paper.events):
        path = f"$.events[{index}].title.en"
        first = seen.setdefault((str(event.date), event.title.en), path)
        if first != path:
            yield _problem(
                path,
                "duplicate-event",
                f"an event {event.title.en!r} on {event.date} is already at {first}",
            )


# --- references -------------------------------------------------------------


#: Comparisons the "did you mean" hints of one paper may cost. Each dangling
#: reference is compared with every id of the kinds it may name, so thousands
#: of them among thousands of ids would take minutes; past this budget the
#: remaining dangling references are reported without a hint.
HINT_COMPARISONS = 20_000


class _Index:
    """Which id names what kind of entity, for resolving references."""

    def __init__(self, paper: WhitePaper):
        self.kind_of: dict[str, str] = {paper.id: "paper"}
        self.ids_of: dict[str, list[str]] = {"paper": [paper.id]}
        for field, kind in ENTITY_FIELDS.items():
            ids = [entity.id for entity in getattr(paper, field)]
            self.ids_of[kind] = ids
            for entity_id in ids:
                self.kind_of.setdefault(entity_id, kind)
        self.comparisons_left = HINT_COMPARISONS

    def check(self, path: str, target: str, allowed: tuple[str, ...]) -> Problem | None:
        kind = self.kind_of.get(target)
        if kind in allowed:
            return None
        wanted = " or ".join(allowed)
        if kind is None:
            hint = self._hint(target, allowed)
            return _problem(path, "dangling-reference", f"unknown {wanted} {target!r}{hint}")
        return _problem(path, "wrong-kind", f"{target!r} is {a_or_an(kind)}, not {a_or_an(wanted)}")

    def _hint(self, target: str, allowed: tuple[str, ...]) -> str:
        size = sum(len(self.ids_of.get(k, ())) for k in allowed)
        if size > self.comparisons_left:
            return ""
        self.comparisons_left -= size
        candidates = [i for k in allowed for i in self.ids_of.get(k, ())]
        close = difflib.get_close_matches(target, candidates, n=1, cutoff=0.75)
        return f" (did you mean {close[0]!r}?)" if close else ""


def _references(paper: WhitePaper) -> Iterator[Problem]:
    """Every reference resolves, to the right kind of entity."""
    index = _Index(paper)
    checks: list[tuple[str, str, tuple[str, ...]]] = [("$.publisher", paper.publisher, ("actor",))]
    for i, principle in enumerate(paper.principles):
        if principle.introduced_by is not None:
            checks.append((f"$.principles[{i}].introduced_by", principle.introduced_by, ("event",)))
    for i, proposal in enumerate(paper.proposals):
        checks.extend(
            (f"$.proposals[{i}].supports[{j}]", target, ("principle", "goal"))
            for j, target in enumerate(proposal.supports)
        )
    for i, event in enumerate(paper.events):
        checks.extend((f"$.events[{i}].actors[{j}]", t, ("actor",)) for j, t in enumerate(event.actors))
        checks.extend(
            (f"$.events[{i}].documents[{j}]", t, ("document", "paper")) for j, t in enumerate(event.documents)
        )
    for i, actor in enumerate(paper.actors):
        if actor.affiliation is not None:
            checks.append((f"$.actors[{i}].affiliation", actor.affiliation, ("actor",)))
    for i, document in enumerate(paper.documents):
        checks.extend(
            (f"$.documents[{i}].publishers[{j}]", t, ("actor",)) for j, t in enumerate(document.publishers)
        )
    for path, obj in _walk(paper, "$"):
        source = obj.source if type(obj) in (Citation, Alias) else None
        if source is not None:
            checks.append((f"{path}.source", source, ("source",)))
    for path, target, allowed in checks:
        problem = index.check(path, target, allowed)
        if problem is not None:
            yield problem
    for i, actor in enumerate(paper.actors):
        if actor.affiliation == actor.id:
            yield _problem(f"$.actors[{i}].affiliation", "self-reference", "an actor cannot belong to itself")


def _locators_exist(paper: WhitePaper) -> Iterator[Problem]:
    """Every locator names a part, chapter, section or item that exists."""
    existing = set(_existing_locators(paper))
    for path, obj in _walk(paper, "$"):
        if type(obj) is Locator:
            continue
        for name in ("locator", "located_in"):
            where = getattr(obj, name, None)
            if type(where) is Locator and where not in existing:
                yield _problem(join_path(path, name), "unknown-locator", f"the paper has no {where}")


def _existing_locators(paper: WhitePaper) -> Iterator[Locator]:
    if paper.preface is not None:
        yield Locator.parse("preface")
    if paper.conclusion is not None:
        yield Locator.parse("conclusion")
    for chapter in paper.chapters:
        yield Locator(chapter=chapter.number)
        for section in chapter.sections:
            yield Locator(chapter=chapter.number, section=section.number)
            for item in section.items:
                yield Locator(chapter=chapter.number, section=section.number, item=item.number)


# --- numbering --------------------------------------------------------------


def _numbered(items: Iterable[Any], attribute: str, paths: list[str]) -> Iterator[Problem]:
    for position, (item, path) in enumerate(zip(items, paths, strict=True)):
        got = getattr(item, attribute)
        if got != position + 1:
            yield _problem(
                f"{path}.{attribute}",
                "numbering",
                f"expected {position + 1}, got {got} (numbers run 1, 2, 3 ... in order, without gaps)",
            )


def _numbering(paper: WhitePaper) -> Iterator[Problem]:
    """Chapters, sections, items, proposals and principle and goal orders are numbered 1..n without gaps."""
    chapters = paper.chapters
    yield from _numbered(chapters, "number", [f"$.chapters[{c}]" for c in range(len(chapters))])
    for c, chapter in enumerate(chapters):
        sections = chapter.sections
        yield from _numbered(
            sections, "number", [f"$.chapters[{c}].sections[{s}]" for s in range(len(sections))]
        )
        for s, section in enumerate(sections):
            items = section.items
            paths = [f"$.chapters[{c}].sections[{s}].items[{i}]" for i in range(len(items))]
            yield from _numbered(items, "number", paths)
    yield from _numbered(
        paper.proposals, "number", [f"$.proposals[{p}]" for p in range(len(paper.proposals))]
    )
    for field in ("principles", "goals"):
        entities = getattr(paper, field)
        for kind in dict.fromkeys(e.kind for e in entities):
            positions = [i for i, e in enumerate(entities) if e.kind == kind]
            yield from _numbered(
                [entities[i] for i in positions], "order", [f"$.{field}[{i}]" for i in positions]
            )


# --- dates ------------------------------------------------------------------


def _dates(paper: WhitePaper) -> Iterator[Problem]:
    """Statistics of the paper, and events it mentions, are dated no later than the paper."""
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


_RULES: tuple[Callable[[WhitePaper], Iterator[Problem]], ...] = (
    _unique_ids,
    _unique_names,
    _unique_event_titles,
    _references,
    _locators_exist,
    _numbering,
    _dates,
)
