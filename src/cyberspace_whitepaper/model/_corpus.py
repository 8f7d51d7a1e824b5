"""A corpus: several papers on the same model, and a crosswalk of the ideas they share."""

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._checks import identifier, in_range, text
from ._document import DocumentRef
from ._paper import SCHEMA_VERSION, WhitePaper, _query
from ._provenance import Citation, Source, aliases_field, citations_field
from ._rules import check_corpus
from ._shape import checked, describe, whole_document
from ._timeline import Actor
from ._values import Alias, LocalizedText, Locator, PartialDate

if TYPE_CHECKING:
    from ..query import SearchHit

__all__ = ["Concept", "Corpus", "Expression"]


@attrs.frozen(kw_only=True, field_transformer=checked)
class Expression:
    """How one document words an idea, and where: one cell of the crosswalk.

    Attributes:
        document: id of the document: a paper of the corpus, or one of the
            corpus's other documents (a speech).
        wording: the words the document uses, in English and Chinese where
            seen; ``en_official`` false where the English is our gloss.
        locator: the place in that paper where it says so, if known (only a
            paper of the corpus has places).
        note: what else to know, in our words.
        citations: the evidence (their locators, if any, are places in the
            same paper).
    """

    document: str = attrs.field(
        metadata=describe(
            "Id of the paper of the corpus, or of the corpus's other document, that words the idea.",
            identifier(),
            refers_to=("paper", "document"),
        )
    )
    wording: LocalizedText = attrs.field(metadata=describe("The words the document uses.", names=True))
    locator: Locator | None = attrs.field(
        default=None, metadata=describe("The place in that paper where it says so.")
    )
    note: str | None = attrs.field(
        default=None, metadata=describe("What else to know, in our words.", text())
    )
    citations: tuple[Citation, ...] = citations_field()


@attrs.frozen(kw_only=True, field_transformer=checked)
class Concept:
    """An idea that recurs across the papers, such as respect for cyber sovereignty.

    Attributes:
        id: identifier, unique in the corpus.
        name: the idea's name (usually our wording, ``en_official`` false).
        summary: what the idea is, in our own words.
        aliases: other wordings of the idea, with the sources that use them.
        expressions: how each document words it, in the order of the documents' dates.
        citations: the evidence for the idea as a whole.
    """

    id: str = attrs.field(
        metadata=describe("Identifier, unique in the corpus.", identifier(), identity="concept")
    )
    name: LocalizedText = attrs.field(metadata=describe("The idea's name.", distinct=(), names=True))
    summary: str = attrs.field(metadata=describe("What the idea is, in our own words.", text()))
    aliases: tuple[Alias, ...] = aliases_field()
    expressions: tuple[Expression, ...] = attrs.field(
        default=(), metadata=describe("How each document words it, in the order of their dates.")
    )
    citations: tuple[Citation, ...] = citations_field()


@whole_document
@attrs.frozen(kw_only=True, field_transformer=checked)
class Corpus:
    """Several papers on the same model, and the crosswalk of their ideas.

    Each paper is whole on its own and has kept its own rules; the corpus
    adds its own. Paper ids are unique; an id used in two papers (an actor,
    a source, an event) means one thing in both; a related document that is
    a paper of the corpus agrees with it; and every place a crosswalk cell
    names is in the paper it quotes.
    :func:`~cyberspace_whitepaper.load_corpus` gives the bundled one: China's
    cyberspace papers of 2010, 2017, 2019, 2022 and 2023.

    Attributes:
        schema_version: version of the JSON shape, 1.
        id: identifier of the corpus.
        title: the corpus's title.
        summary: what the corpus holds, in our own words.
        papers: the papers, in the order of their dates.
        documents: documents the crosswalk quotes that are not papers of the
            corpus (a speech).
        concepts: the ideas that recur across the documents.
        actors: people and bodies the corpus's own documents name.
        sources: the sources of the crosswalk's evidence.
        citations: the evidence for the corpus's own metadata.
    """

    schema_version: Literal[1] = attrs.field(
        default=SCHEMA_VERSION,
        metadata=describe("Version of the JSON shape.", in_range(SCHEMA_VERSION, SCHEMA_VERSION)),
    )
    id: str = attrs.field(metadata=describe("Identifier of the corpus.", identifier(), identity="corpus"))
    title: LocalizedText = attrs.field(metadata=describe("The corpus's title.", names=True))
    summary: str = attrs.field(metadata=describe("What the corpus holds, in our own words.", text()))
    papers: tuple[WhitePaper, ...] = attrs.field(
        metadata=describe("The papers, in the order of their dates.", min_items=1)
    )
    documents: tuple[DocumentRef, ...] = attrs.field(
        default=(), metadata=describe("Documents the crosswalk quotes that are not papers of the corpus.")
    )
    concepts: tuple[Concept, ...] = attrs.field(
        default=(), metadata=describe("The ideas that recur across the documents.")
    )
    actors: tuple[Actor, ...] = attrs.field(
        default=(), metadata=describe("People and bodies the corpus's own documents name.")
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(), metadata=describe("The sources of the crosswalk's evidence.")
    )
    citations: tuple[Citation, ...] = citations_field()

    def __attrs_post_init__(self) -> None:
        check_corpus(self)

    def paper(self, id: str) -> WhitePaper:
        """The paper with this id; ``KeyError`` if the corpus has none."""
        for paper in self.papers:
            if paper.id == id:
                return paper
        raise KeyError(id)

    def date_of(self, document: str) -> PartialDate | None:
        """When a paper or other document of the corpus was published, if known."""
        for paper in self.papers:
            if paper.id == document:
                return paper.published
        return next((d.published for d in self.documents if d.id == document), None)

    def concept(self, query: str) -> Concept:
        """The concept with this id, or whose name or alias is ``query`` (case aside); else ``KeyError``."""
        wanted = query.casefold()
        for concept in self.concepts:
            names = [concept.id, concept.name.en, concept.name.zh or "", *(a.text for a in concept.aliases)]
            if any(name.casefold() == wanted for name in names):
                return concept
        raise KeyError(query)

    def history(self, concept: str) -> tuple[Expression, ...]:
        """How the documents word an idea, earliest first: ``corpus.history("cyber-sovereignty")``."""
        found = self.concept(concept)
        return tuple(sorted(found.expressions, key=lambda e: _date_key(self.date_of(e.document))))

    def search(
        self,
        query: str,
        *,
        kind: str | None = None,
        language: str | None = None,
        paper: str | Iterable[str] | None = None,
        limit: int | None = 10,
    ) -> "tuple[SearchHit, ...]":
        """What matches ``query`` in the papers and in the crosswalk, best first, each hit naming its paper.

        ``corpus.search("sovereignty")``; ``paper`` keeps the hits of some
        papers (by id), ``kind``, ``language`` and ``limit`` as for a paper's
        search. See :func:`cyberspace_whitepaper.query.search_corpus`.
        """
        found: tuple[SearchHit, ...] = _query().search_corpus(
            self, query, kind=kind, language=language, paper=paper, limit=limit
        )
        return found

    def crosswalk(self) -> Iterator[tuple[Concept, Expression]]:
        """Every cell of the crosswalk: (concept, expression), concept by concept, earliest first."""
        for concept in self.concepts:
            for expression in self.history(concept.id):
                yield concept, expression


def _date_key(date: PartialDate | None) -> Any:
    return (date is None, date.earliest if date is not None else None)
