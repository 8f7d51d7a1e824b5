"""Where each fact comes from: sources, and citations that point into them."""

from typing import Any

import attrs

from ..vocab import Certainty, SourceKind
from ._checks import identifier, language_tag, text, url
from ._shape import checked, describe
from ._values import LocalizedText, Locator, PartialDate

__all__ = ["Citation", "Source"]


@attrs.frozen(kw_only=True, field_transformer=checked)
class Source:
    """A document the data set draws on: the official text, a translation, a report.

    Sources are the roots of the evidence: they are cited, they cite nothing.

    Attributes:
        id: identifier, unique in the paper.
        title: the source's title (``en_official`` false for our gloss of a
            Chinese title).
        kind: official text, official translation, machine translation, news
            report, transcript or reference.
        url: where the source was read.
        language: language tag of the source's text (its first, where it has several).
        other_languages: tags of further languages the same source gives its
            text in (a bilingual transcript: ``language`` "zh", ``other_languages``
            ``("en",)``).
        published: when the source was published, if known.
        certainty: how sure we are that the source is at ``url`` as described
            (``uncertain`` for an address inferred from a site's pattern).
        note: a caveat, in our words.
    """

    id: str = attrs.field(
        metadata=describe("Identifier, unique in the paper.", identifier(), identity="source")
    )
    title: LocalizedText = attrs.field(metadata=describe("Title of the source.", names=True))
    kind: SourceKind = attrs.field(metadata=describe("What the source is."))
    url: str = attrs.field(metadata=describe("Where the source was read (http or https).", url()))
    language: str = attrs.field(metadata=describe("Language tag of the source's text.", language_tag()))
    other_languages: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe(
            "Tags of further languages the source gives its text in.", language_tag(), unique=True
        ),
    )
    published: PartialDate | None = attrs.field(
        default=None, metadata=describe("When the source was published.")
    )
    certainty: Certainty = attrs.field(
        default=Certainty.CONFIRMED,
        metadata=describe("How sure we are that the source is at this address as described."),
    )
    note: str | None = attrs.field(default=None, metadata=describe("A caveat, in our words.", text()))


@attrs.frozen(kw_only=True, field_transformer=checked)
class Citation:
    """The evidence for one entity: a source, a place in the paper, and how sure.

    Attributes:
        source: id of the :class:`Source`.
        locator: the place in this paper the cited statement concerns, if any.
        certainty: confirmed (seen in the source), inferred (deduced, not
            seen) or uncertain (weak or indirect evidence).
        note: a page or paragraph of the source, or a caveat.
    """

    source: str = attrs.field(metadata=describe("Id of the source.", identifier(), refers_to=("source",)))
    locator: Locator | None = attrs.field(
        default=None, metadata=describe("The place in this paper the cited statement concerns.")
    )
    certainty: Certainty = attrs.field(metadata=describe("confirmed, inferred or uncertain."))
    note: str | None = attrs.field(
        default=None, metadata=describe("A page or paragraph of the source, or a caveat.", text())
    )


def citations_field() -> Any:
    """The ``citations`` field every entity and part of the paper has."""
    return attrs.field(default=(), metadata=describe("The evidence for this entity."))


def aliases_field() -> Any:
    """The ``aliases`` field of named entities."""
    return attrs.field(
        default=(), metadata=describe("Other wordings of the name, with the sources that use them.")
    )
