"""The structure of a paper (preface, chapters, sections, items, conclusion) and related documents."""

from __future__ import annotations

import attrs

from ..vocab import DocumentKind, DocumentRelation
from ._checks import about, exact_type, identifier, in_range, optional, text, tuple_of, unique, url
from ._provenance import Citation, citations_field
from ._values import LocalizedText, PartialDate

__all__ = ["Chapter", "DocumentRef", "Item", "Part", "Section"]

_NUMBER = in_range(1, 999)


@attrs.frozen(kw_only=True)
class Part:
    """An unnumbered part of the paper: its preface (前言) or conclusion (结束语).

    Attributes:
        title: the part's heading.
        summary: what the part says, in our own words.
        citations: the evidence.
    """

    title: LocalizedText = attrs.field(
        metadata=about("The part's heading."), validator=exact_type(LocalizedText)
    )
    summary: str = attrs.field(metadata=about("What the part says, in our own words."), validator=text())
    citations: tuple[Citation, ...] = citations_field()


@attrs.frozen(kw_only=True)
class Item:
    """A numbered sub-item of a section, such as III.1(1) "Construction of information infrastructure".

    Attributes:
        number: the item's number in its section, from 1.
        title: the item's heading.
        summary: what the item says, in our own words, if known.
        citations: the evidence.
    """

    number: int = attrs.field(metadata=about("Number in the section, from 1."), validator=_NUMBER)
    title: LocalizedText = attrs.field(
        metadata=about("The item's heading."), validator=exact_type(LocalizedText)
    )
    summary: str | None = attrs.field(
        metadata=about("What the item says, in our own words."),
        default=None,
        validator=optional(text()),
    )
    citations: tuple[Citation, ...] = citations_field()


@attrs.frozen(kw_only=True)
class Section:
    """A numbered section of a chapter, such as I.3 (（三）) "Basic principles".

    Attributes:
        number: the section's number in its chapter, from 1.
        title: the section's heading.
        summary: what the section says, in our own words.
        items: its numbered sub-items, where known.
        citations: the evidence.
    """

    number: int = attrs.field(metadata=about("Number in the chapter, from 1."), validator=_NUMBER)
    title: LocalizedText = attrs.field(
        metadata=about("The section's heading."), validator=exact_type(LocalizedText)
    )
    summary: str = attrs.field(metadata=about("What the section says, in our own words."), validator=text())
    items: tuple[Item, ...] = attrs.field(
        metadata=about("Numbered sub-items, where known."),
        default=(),
        validator=tuple_of(exact_type(Item, "item")),
    )
    citations: tuple[Citation, ...] = citations_field()


@attrs.frozen(kw_only=True)
class Chapter:
    """A chapter of the paper, numbered I to IV in the official English (一 to 四 in Chinese).

    Attributes:
        number: the chapter's number, from 1 (written as a Roman numeral).
        title: the chapter's heading.
        summary: what the chapter says, in our own words.
        sections: its numbered sections.
        citations: the evidence.
    """

    number: int = attrs.field(metadata=about("Chapter number, from 1 (I)."), validator=_NUMBER)
    title: LocalizedText = attrs.field(
        metadata=about("The chapter's heading."), validator=exact_type(LocalizedText)
    )
    summary: str = attrs.field(metadata=about("What the chapter says, in our own words."), validator=text())
    sections: tuple[Section, ...] = attrs.field(
        metadata=about("Numbered sections."),
        default=(),
        validator=tuple_of(exact_type(Section, "section")),
    )
    citations: tuple[Citation, ...] = citations_field()


@attrs.frozen(kw_only=True)
class DocumentRef:
    """Another document that stands in some relation to the paper.

    The 2019 World Internet Conference concept paper has the same title as
    this white paper; it is a separate ``DocumentRef`` with its own id, date
    and publisher, never merged with the paper.

    Attributes:
        id: identifier, unique in the paper.
        title: the document's title.
        kind: white paper, strategy, law, initiative, report ...
        publishers: ids of the actors that issued it.
        published: when it was issued, if known.
        url: where it can be read, if known.
        relation: how it stands to this paper.
        summary: what it is, in our own words.
        citations: the evidence.
    """

    id: str = attrs.field(metadata=about("Identifier, unique in the paper."), validator=identifier())
    title: LocalizedText = attrs.field(
        metadata=about("The document's title."), validator=exact_type(LocalizedText)
    )
    kind: DocumentKind = attrs.field(
        metadata=about("What kind of document it is."),
        validator=exact_type(DocumentKind, "document kind"),
    )
    publishers: tuple[str, ...] = attrs.field(
        metadata=about("Ids of the actors that issued it."),
        default=(),
        validator=attrs.validators.and_(tuple_of(identifier()), unique()),
    )
    published: PartialDate | None = attrs.field(
        metadata=about("When it was issued."),
        default=None,
        validator=optional(exact_type(PartialDate, "date")),
    )
    url: str | None = attrs.field(
        metadata=about("Where it can be read."), default=None, validator=optional(url())
    )
    relation: DocumentRelation = attrs.field(
        metadata=about("How it stands to this paper."),
        validator=exact_type(DocumentRelation, "document relation"),
    )
    summary: str | None = attrs.field(
        metadata=about("What it is, in our own words."), default=None, validator=optional(text())
    )
    citations: tuple[Citation, ...] = citations_field()
