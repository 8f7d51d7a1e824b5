"""The white paper: the root object that holds everything else."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import attrs

from ._checks import about, exact_type, identifier, in_range, language_tag, optional, text, tuple_of, unique
from ._concepts import Concern, Goal, Principle, Proposal
from ._document import Chapter, DocumentRef, Item, Part, Section
from ._provenance import Citation, Source, citations_field
from ._rules import check_paper
from ._statistics import Statistic
from ._timeline import Actor, Event
from ._values import LocalizedText, Locator, PartialDate

__all__ = ["Entity", "WhitePaper"]

#: The version of the JSON shape this library reads and writes.
SCHEMA_VERSION = 1

#: Everything in a paper that has an id.
Entity = Principle | Goal | Concern | Proposal | Event | Actor | Statistic | DocumentRef | Source


def _entities(kind: type, description: str) -> Any:
    return attrs.field(
        metadata=about(description), default=(), validator=tuple_of(exact_type(kind, kind.__name__))
    )


@attrs.frozen(kw_only=True)
class WhitePaper:
    """A white paper, whole: its text's structure and everything it names, with the evidence.

    The bundled :func:`~cyberspace_whitepaper.load_white_paper` is China's
    *Jointly Build a Community with a Shared Future in Cyberspace* (SCIO, 7
    November 2022); the class holds any paper of the same shape. Building one
    runs every whole-paper rule (unique ids, references that resolve,
    numbering without gaps, dates in order) and reports all problems at once.

    Attributes:
        schema_version: version of the JSON shape, 1.
        id: identifier of the paper, unique in it.
        title: the paper's title.
        publisher: id of the actor that issued it.
        published: release date.
        languages: language tags of its editions.
        summary: what the paper is, in our own words.
        preface: its preface, if it has one.
        chapters: its chapters, numbered from 1.
        conclusion: its conclusion, if it has one.
        principles: principles it holds to.
        goals: goals it sets.
        concerns: challenges it names.
        proposals: proposals it makes.
        events: events it names, and events around it.
        actors: people and bodies.
        statistics: figures it gives.
        documents: related documents.
        sources: the sources the data draws on.
        citations: the evidence for the paper's own metadata.
    """

    schema_version: Literal[1] = attrs.field(
        metadata=about("Version of the JSON shape."),
        default=SCHEMA_VERSION,
        # Not attrs' in_(): True and 1.0 are "in" (1,), and would be written out as true and 1.0.
        validator=in_range(SCHEMA_VERSION, SCHEMA_VERSION),
    )
    id: str = attrs.field(metadata=about("Identifier of the paper."), validator=identifier())
    title: LocalizedText = attrs.field(
        metadata=about("The paper's title."), validator=exact_type(LocalizedText)
    )
    publisher: str = attrs.field(metadata=about("Id of the actor that issued it."), validator=identifier())
    published: PartialDate = attrs.field(
        metadata=about("Release date."), validator=exact_type(PartialDate, "date")
    )
    languages: tuple[str, ...] = attrs.field(
        metadata=about("Language tags of its editions."),
        default=(),
        validator=attrs.validators.and_(tuple_of(language_tag()), unique()),
    )
    summary: str = attrs.field(metadata=about("What the paper is, in our own words."), validator=text())
    preface: Part | None = attrs.field(
        metadata=about("The preface."), default=None, validator=optional(exact_type(Part))
    )
    chapters: tuple[Chapter, ...] = attrs.field(
        metadata=about("Chapters, numbered from 1."),
        validator=tuple_of(exact_type(Chapter), min_length=1),
    )
    conclusion: Part | None = attrs.field(
        metadata=about("The conclusion."), default=None, validator=optional(exact_type(Part))
    )
    principles: tuple[Principle, ...] = _entities(Principle, "Principles it holds to.")
    goals: tuple[Goal, ...] = _entities(Goal, "Goals it sets.")
    concerns: tuple[Concern, ...] = _entities(Concern, "Challenges it names.")
    proposals: tuple[Proposal, ...] = _entities(Proposal, "Proposals it makes.")
    events: tuple[Event, ...] = _entities(Event, "Events it names, and events around it.")
    actors: tuple[Actor, ...] = _entities(Actor, "People and bodies.")
    statistics: tuple[Statistic, ...] = _entities(Statistic, "Figures it gives.")
    documents: tuple[DocumentRef, ...] = _entities(DocumentRef, "Related documents.")
    sources: tuple[Source, ...] = _entities(Source, "Sources the data draws on.")
    citations: tuple[Citation, ...] = citations_field()

    def __attrs_post_init__(self) -> None:
        check_paper(self)

    def entities(self) -> Iterator[Entity]:
        """Every entity with an id, kind by kind in field order."""
        yield from self.principles
        yield from self.goals
        yield from self.concerns
        yield from self.proposals
        yield from self.events
        yield from self.actors
        yield from self.statistics
        yield from self.documents
        yield from self.sources

    def get(self, id: str) -> Entity:
        """The entity with this id; ``KeyError`` if there is none."""
        for entity in self.entities():
            if entity.id == id:
                return entity
        raise KeyError(id)

    def section(self, locator: Locator | str) -> Part | Chapter | Section | Item:
        """The part, chapter, section or item a locator names; ``KeyError`` if none.

        ``paper.section("III.1(2)")`` is the second item of section 1 of
        chapter III.
        """
        where = Locator.parse(locator) if isinstance(locator, str) else locator
        found = _find(self, where)
        if found is None:
            raise KeyError(str(where))
        return found

    def timeline(self) -> tuple[Event, ...]:
        """The events in date order (earliest day first; ties by end, then id)."""
        return tuple(sorted(self.events, key=lambda e: (e.date, e.end or e.date, e.id)))


def _find(paper: WhitePaper, where: Locator) -> Part | Chapter | Section | Item | None:
    if where.part is not None:
        return paper.preface if where.part.value == "preface" else paper.conclusion
    chapter = next((c for c in paper.chapters if c.number == where.chapter), None)
    if chapter is None or where.section is None:
        return chapter
    section = next((s for s in chapter.sections if s.number == where.section), None)
    if section is None or where.item is None:
        return section
    return next((i for i in section.items if i.number == where.item), None)
