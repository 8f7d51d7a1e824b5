"""Where each fact comes from: sources, and citations that point into them."""

from __future__ import annotations

from typing import Any

import attrs

from ..vocab import Certainty, SourceKind
from ._checks import about, exact_type, identifier, language_tag, optional, text, tuple_of, url
from ._values import Alias, LocalizedText, Locator, PartialDate

__all__ = ["Citation", "Source"]


@attrs.frozen(kw_only=True)
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
        language: language tag of the source's text.
        published: when the source was published, if known.
        certainty: how sure we are that the source is at ``url`` as described
            (``uncertain`` for an address inferred from a site's pattern).
        note: a caveat, in our words.
    """

    id: str = attrs.field(metadata=about("Identifier, unique in the paper."), validator=identifier())
    title: LocalizedText = attrs.field(
        metadata=about("Title of the source."), validator=exact_type(LocalizedText)
    )
    kind: SourceKind = attrs.field(
        metadata=about("What the source is."), validator=exact_type(SourceKind, "source kind")
    )
    url: str = attrs.field(metadata=about("Where the source was read (http or https)."), validator=url())
    language: str = attrs.field(
        metadata=about("Language tag of the source's text."), validator=language_tag()
    )
    published: PartialDate | None = attrs.field(
        metadata=about("When the source was published."),
        default=None,
        validator=optional(exact_type(PartialDate, "date")),
    )
    certainty: Certainty = attrs.field(
        metadata=about("How sure we are that the source is at this address as described."),
        default=Certainty.CONFIRMED,
        validator=exact_type(Certainty, "certainty"),
    )
    note: str | None = attrs.field(
        metadata=about("A caveat, in our words."), default=None, validator=optional(text())
    )


@attrs.frozen(kw_only=True)
class Citation:
    """The evidence for one entity: a source, a place in the paper, and how sure.

    Attributes:
        source: id of the :class:`Source`.
        locator: the place in this paper the cited statement concerns, if any.
        certainty: confirmed (seen in the source), inferred (deduced, not
            seen) or uncertain (weak or indirect evidence).
        note: a page or paragraph of the source, or a caveat.
    """

    source: str = attrs.field(metadata=about("Id of the source."), validator=identifier())
    locator: Locator | None = attrs.field(
        metadata=about("The place in this paper the cited statement concerns."),
        default=None,
        validator=optional(exact_type(Locator, "locator")),
    )
    certainty: Certainty = attrs.field(
        metadata=about("confirmed, inferred or uncertain."),
        validator=exact_type(Certainty, "certainty"),
    )
    note: str | None = attrs.field(
        metadata=about("A page or paragraph of the source, or a caveat."),
        default=None,
        validator=optional(text()),
    )


def citations_field() -> Any:
    """The ``citations`` field every entity and part of the paper has."""
    return attrs.field(
        metadata=about("The evidence for this entity."),
        default=(),
        validator=tuple_of(exact_type(Citation, "citation")),
    )


def aliases_field() -> Any:
    """The ``aliases`` field of named entities."""
    return attrs.field(
        metadata=about("Other wordings of the name, with the sources that use them."),
        default=(),
        validator=tuple_of(exact_type(Alias, "alias")),
    )
