"""The white paper: the root object that holds everything else."""

import datetime
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

import attrs

from ..errors import NotFoundError
from ..vocab import DocumentKind, PaperPart
from ._checks import identifier, in_range, language_tag, text
from ._concepts import Concern, Goal, Principle, Proposal
from ._display import label, paper_html, paper_repr, title_field
from ._document import Chapter, DocumentRef, Item, Part, Section
from ._provenance import Citation, Source, citations_field
from ._rules import check_paper
from ._shape import checked, describe, entity_kinds, model_classes, whole_document
from ._statistics import Statistic
from ._timeline import Actor, Event
from ._values import LocalizedText, Locator, PartialDate

if TYPE_CHECKING:
    from types import ModuleType

    from ..query import Cited, Referrer, SearchHit

__all__ = ["Entity", "WhitePaper"]

#: The version of the JSON shape this library reads and writes.
SCHEMA_VERSION = 1

#: Everything in a paper that has an id (``entity_kinds`` derives the same list from the paper's fields).
Entity = Principle | Goal | Concern | Proposal | Event | Actor | Statistic | DocumentRef | Source

#: A part of the paper's text that a locator names.
Place = Part | Chapter | Section | Item

#: One kind of entity, for the typed lookups: ``paper.get(id, Actor)`` is an ``Actor``.
E = TypeVar("E", bound=Entity)

_QUERY: "ModuleType | None" = None


def _query() -> "ModuleType":
    """The query layer (:mod:`cyberspace_whitepaper.query`), which the lookups call.

    It sits above the model and imports it, so the model imports it on
    first use rather than at import, and keeps it: an import statement on
    every ``get`` would cost a quarter of a microsecond.
    """
    global _QUERY  # noqa: PLW0603 -- set once
    if _QUERY is None:
        from .. import query  # noqa: PLC0415 -- see above

        _QUERY = query
    return _QUERY


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
    title: LocalizedText = attrs.field(metadata=describe("The paper's title.", names=True))
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

    def __repr__(self) -> str:
        # The attrs repr of a whole paper runs to hundreds of thousands of characters.
        return paper_repr(self)

    def __str__(self) -> str:
        return label(self)

    def _repr_html_(self) -> str:
        """A compact table for notebooks: id, title, date, and how many of each thing."""
        return paper_html(self)

    def entities(self) -> Iterator[Entity]:
        """Every entity with an id, kind by kind in field order."""
        for _kind, shape in entity_kinds(WhitePaper):
            yield from getattr(self, shape.name)

    @overload
    def get(self, id: str) -> Entity: ...
    @overload
    def get(self, id: str, kind: type[E]) -> E: ...
    def get(self, id: str, kind: type[E] | None = None) -> Entity | E:
        """The entity with this id, of class ``kind`` if given: ``paper.get("scio", Actor)`` is an ``Actor``.

        Raises :class:`~cyberspace_whitepaper.NotFoundError` (a ``KeyError``)
        if there is none, with a "did you mean" hint where an id is close, or
        if the entity is of another kind. Looked up in an index built on first use.
        """
        found: Entity | E = _query().get(self, id, kind)
        return found

    def by_id(self, kind: type[E]) -> Mapping[str, E]:
        """The entities of one class by id, as a read-only mapping: ``paper.by_id(Actor)["scio"]``."""
        found: Mapping[str, E] = _query().by_id(self, kind)
        return found

    def source_of(self, citation: Citation) -> Source:
        """The source a citation names."""
        return self.get(citation.source, Source)

    def referrers(self, id: str) -> "tuple[Referrer, ...]":
        """Every reference to an id, as (path of the reference, the entity or part of the text holding it).

        ``paper.referrers("scio")`` says what points at the SCIO: the events
        it took part in, the documents it issued, the paper itself. An unknown
        id raises :class:`~cyberspace_whitepaper.NotFoundError`.
        """
        found: tuple[Referrer, ...] = _query().referrers(self, id)
        return found

    def cited(self) -> "Iterator[Cited]":
        """Every citation, as (its path, the entity, part of the text or paper it is for, the citation)."""
        found: Iterator[Cited] = _query().cited(self)
        return found

    def search(
        self, query: str, *, kind: str | None = None, language: str | None = None, limit: int | None = 10
    ) -> "tuple[SearchHit, ...]":
        """Entities and parts of the text that match ``query``, best first.

        See :func:`cyberspace_whitepaper.query.search` for how matches are found and ranked.

        ``paper.search("cybercrime")``, ``paper.search("网络犯罪")``; ``kind``
        keeps one kind (``"proposal"``, ``"section"`` ...), ``language`` the
        texts of one language (``"en"``, ``"zh"``), ``limit`` the first hits
        (None: all).
        """
        found: tuple[SearchHit, ...] = _query().search(self, query, kind=kind, language=language, limit=limit)
        return found

    def events_between(
        self,
        start: PartialDate | datetime.date | str | None = None,
        end: PartialDate | datetime.date | str | None = None,
    ) -> tuple[Event, ...]:
        """The events any of whose days may fall from ``start`` to ``end``, in timeline order.

        The same as the command line's ``timeline --from START --to END``:
        ``paper.events_between(end="2022")`` keeps the events of
        ``2022-11-07``, though ``PartialDate("2022-11-07") <= PartialDate("2022")``
        is false (dates *sort* by their first day). Either bound may be left
        out; a start after the end is a ``ValueError``.
        """
        found: tuple[Event, ...] = _query().events_between(self, start, end)
        return found

    def section(self, locator: Locator | str) -> Place:
        """The part, chapter, section or item a locator names.

        :class:`~cyberspace_whitepaper.NotFoundError` (a ``KeyError``) if none.

        ``paper.section("III.1(2)")`` is the second item of section 1 of
        chapter III.
        """
        where = Locator.parse(locator) if isinstance(locator, str) else locator
        for place, found in self.places():
            if place == where:
                return found
        raise NotFoundError(f"no place {where} in the paper", key=str(where))

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


# Every entity kind, and every part of the text, shows itself as a one-line
# label read from its shape (title field, kind and id, dates): any class of
# the paper with a title field, so a new kind gets it with no edit here.
for _class in model_classes(WhitePaper):
    if _class is not WhitePaper and title_field(_class) is not None:
        setattr(_class, "__str__", label)  # noqa: B010 -- set on each class the shape gives
