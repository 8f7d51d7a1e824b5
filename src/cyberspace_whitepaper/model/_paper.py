"""The white paper: the root object that holds everything else."""

from collections.abc import Iterator
from typing import Any, Literal

import attrs

from ..vocab import DocumentKind, PaperPart
from ._checks import identifier, in_range, language_tag, text
from ._concepts import Concern, Goal, Principle, Proposal
from ._document import Chapter, DocumentRef, Item, Part, Section
from ._provenance import Citation, Source, citations_field
from ._rules import check_paper
from ._shape import checked, describe, entity_kinds, whole_document
from ._statistics import Statistic
from ._timeline import Actor, Event
from ._values import LocalizedText, Locator, PartialDate

__all__ = ["Entity", "WhitePaper"]

#: The version of the JSON shape this library reads and writes.
SCHEMA_VERSION = 1

#: Everything in a paper that has an id (``entity_kinds`` derives the same list from the paper's fields).
Entity = Principle | Goal | Concern | Proposal | Event | Actor | Statistic | DocumentRef | Source

#: A part of the paper's text that a locator names.
Place = Part | Chapter | Section | Item


def _entities(description: str) -> Any:
    return attrs.field(default=(), metadata=describe(description))


@whole_document
@attrs.frozen(kw_only=True, field_transformer=checked)
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
        kind: white paper, strategy, concept paper ...
        title: the paper's title.
        publisher: id of the actor that issued it (the first named, where
            several did).
        co_publishers: ids of the actors that issued it jointly with the
            publisher (the 2017 strategy: the Ministry of Foreign Affairs with
            the Cyberspace Administration of China).
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

    # A Range, not attrs' in_(): True and 1.0 are "in" (1,), and would be written out as true and 1.0.
    schema_version: Literal[1] = attrs.field(
        default=SCHEMA_VERSION,
        metadata=describe("Version of the JSON shape.", in_range(SCHEMA_VERSION, SCHEMA_VERSION)),
    )
    id: str = attrs.field(metadata=describe("Identifier of the paper.", identifier(), identity="paper"))
    kind: DocumentKind = attrs.field(
        default=DocumentKind.WHITE_PAPER, metadata=describe("What kind of document it is.")
    )
    title: LocalizedText = attrs.field(metadata=describe("The paper's title."))
    publisher: str = attrs.field(
        metadata=describe("Id of the actor that issued it.", identifier(), refers_to=("actor",))
    )
    co_publishers: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe(
            "Ids of the actors that issued it jointly with the publisher.",
            identifier(),
            unique=True,
            refers_to=("actor",),
        ),
    )
    published: PartialDate = attrs.field(metadata=describe("Release date."))
    languages: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Language tags of its editions.", language_tag(), unique=True)
    )
    summary: str = attrs.field(metadata=describe("What the paper is, in our own words.", text()))
    preface: Part | None = attrs.field(default=None, metadata=describe("The preface."))
    chapters: tuple[Chapter, ...] = attrs.field(metadata=describe("Chapters, numbered from 1.", min_items=1))
    conclusion: Part | None = attrs.field(default=None, metadata=describe("The conclusion."))
    principles: tuple[Principle, ...] = _entities("Principles it holds to.")
    goals: tuple[Goal, ...] = _entities("Goals it sets.")
    concerns: tuple[Concern, ...] = _entities("Challenges it names.")
    proposals: tuple[Proposal, ...] = _entities("Proposals it makes.")
    events: tuple[Event, ...] = _entities("Events it names, and events around it.")
    actors: tuple[Actor, ...] = _entities("People and bodies.")
    statistics: tuple[Statistic, ...] = _entities("Figures it gives.")
    documents: tuple[DocumentRef, ...] = _entities("Related documents.")
    sources: tuple[Source, ...] = _entities("Sources the data draws on.")
    citations: tuple[Citation, ...] = citations_field()

    def __attrs_post_init__(self) -> None:
        check_paper(self)

    def entities(self) -> Iterator[Entity]:
        """Every entity with an id, kind by kind in field order."""
        for _kind, shape in entity_kinds(WhitePaper):
            yield from getattr(self, shape.name)

    def get(self, id: str) -> Entity:
        """The entity with this id; ``KeyError`` if there is none."""
        for entity in self.entities():
            if entity.id == id:
                return entity
        raise KeyError(id)

    def section(self, locator: Locator | str) -> Place:
        """The part, chapter, section or item a locator names; ``KeyError`` if none.

        ``paper.section("III.1(2)")`` is the second item of section 1 of
        chapter III.
        """
        where = Locator.parse(locator) if isinstance(locator, str) else locator
        for place, found in self.places():
            if place == where:
                return found
        raise KeyError(str(where))

    def places(self) -> Iterator[tuple[Locator, Place]]:
        """Every part of the text with its locator, in reading order: preface, chapters, conclusion."""
        if self.preface is not None:
            yield Locator(part=PaperPart.PREFACE), self.preface
        for chapter in self.chapters:
            yield Locator(chapter=chapter.number), chapter
            for section in chapter.sections:
                yield Locator(chapter=chapter.number, section=section.number), section
                for item in section.items:
                    yield Locator(chapter=chapter.number, section=section.number, item=item.number), item
        if self.conclusion is not None:
            yield Locator(part=PaperPart.CONCLUSION), self.conclusion

    def timeline(self) -> tuple[Event, ...]:
        """The events in date order (earliest day first; ties by end, then id)."""
        return tuple(sorted(self.events, key=lambda e: (e.date, e.end or e.date, e.id)))
