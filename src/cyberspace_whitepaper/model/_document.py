"""The structure of a paper (preface, chapters, sections, items, conclusion) and related documents."""

import attrs

from ..vocab import DocumentKind, DocumentRelation
from ._checks import identifier, in_range, text, url
from ._provenance import Citation, citations_field
from ._shape import checked, describe
from ._values import LocalizedText, PartialDate

__all__ = ["Chapter", "DocumentRef", "Item", "Part", "Section"]

_NUMBER = in_range(1, 999)


@attrs.frozen(kw_only=True, field_transformer=checked)
class Part:
    """An unnumbered part of the paper: its preface (前言) or conclusion (结束语).

    Attributes:
        title: the part's heading.
        summary: what the part says, in our own words.
        citations: the evidence.
    """

    title: LocalizedText = attrs.field(metadata=describe("The part's heading.", names=True))
    summary: str = attrs.field(metadata=describe("What the part says, in our own words.", text()))
    citations: tuple[Citation, ...] = citations_field()


@attrs.frozen(kw_only=True, field_transformer=checked)
class Item:
    """A numbered sub-item of a section, such as III.1(1) "Construction of information infrastructure".

    Attributes:
        number: the item's number in its section, from 1.
        label: the number as the paper writes it (``1.``, ``（一）``), where seen.
        title: the item's heading.
        summary: what the item says, in our own words, if known.
        citations: the evidence.
    """

    number: int = attrs.field(metadata=describe("Number in the section, from 1.", _NUMBER, numbering=()))
    label: LocalizedText | None = attrs.field(
        default=None,
        metadata=describe(
            "The number as the paper writes it before the heading (such as 'Chapter I.', '第一章')."
        ),
    )
    title: LocalizedText = attrs.field(metadata=describe("The item's heading.", names=True))
    summary: str | None = attrs.field(
        default=None, metadata=describe("What the item says, in our own words.", text())
    )
    citations: tuple[Citation, ...] = citations_field()


@attrs.frozen(kw_only=True, field_transformer=checked)
class Section:
    """A numbered section of a chapter, such as I.3 (（三）) "Basic principles".

    Attributes:
        number: the section's number in its chapter, from 1.
        label: the number as the paper writes it (``1.``, ``（一）``), where seen.
        title: the section's heading.
        summary: what the section says, in our own words.
        items: its numbered sub-items, where known.
        citations: the evidence.
    """

    number: int = attrs.field(metadata=describe("Number in the chapter, from 1.", _NUMBER, numbering=()))
    label: LocalizedText | None = attrs.field(
        default=None,
        metadata=describe(
            "The number as the paper writes it before the heading (such as 'Chapter I.', '第一章')."
        ),
    )
    title: LocalizedText = attrs.field(metadata=describe("The section's heading.", names=True))
    summary: str = attrs.field(metadata=describe("What the section says, in our own words.", text()))
    items: tuple[Item, ...] = attrs.field(default=(), metadata=describe("Numbered sub-items, where known."))
    citations: tuple[Citation, ...] = citations_field()


@attrs.frozen(kw_only=True, field_transformer=checked)
class Chapter:
    """A chapter of the paper, numbered I to IV in the official English (一 to 四 in Chinese).

    Attributes:
        number: the chapter's number, from 1 (written as a Roman numeral).
        label: the number as the paper writes it (``Chapter I.`` and ``第一章``,
            or ``I.`` and ``一、``), where seen; None where the paper's English
            gives no number, or it was not seen.
        title: the chapter's heading.
        summary: what the chapter says, in our own words.
        sections: its numbered sections.
        citations: the evidence.
    """

    number: int = attrs.field(metadata=describe("Chapter number, from 1 (I).", _NUMBER, numbering=()))
    label: LocalizedText | None = attrs.field(
        default=None,
        metadata=describe(
            "The number as the paper writes it before the heading (such as 'Chapter I.', '第一章')."
        ),
    )
    title: LocalizedText = attrs.field(metadata=describe("The chapter's heading.", names=True))
    summary: str = attrs.field(metadata=describe("What the chapter says, in our own words.", text()))
    sections: tuple[Section, ...] = attrs.field(default=(), metadata=describe("Numbered sections."))
    citations: tuple[Citation, ...] = citations_field()


@attrs.frozen(kw_only=True, field_transformer=checked)
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

    id: str = attrs.field(
        metadata=describe("Identifier, unique in the paper.", identifier(), identity="document")
    )
    title: LocalizedText = attrs.field(metadata=describe("The document's title.", names=True))
    kind: DocumentKind = attrs.field(metadata=describe("What kind of document it is."))
    publishers: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe(
            "Ids of the actors that issued it.", identifier(), unique=True, refers_to=("actor",)
        ),
    )
    published: PartialDate | None = attrs.field(default=None, metadata=describe("When it was issued."))
    url: str | None = attrs.field(default=None, metadata=describe("Where it can be read.", url()))
    relation: DocumentRelation = attrs.field(metadata=describe("How it stands to this paper.", relative=True))
    summary: str | None = attrs.field(
        default=None, metadata=describe("What it is, in our own words.", text())
    )
    citations: tuple[Citation, ...] = citations_field()
