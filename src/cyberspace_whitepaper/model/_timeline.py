"""Who did what when: events and actors."""

from __future__ import annotations

from typing import Any

import attrs

from ..vocab import ActorKind, EventKind
from ._checks import about, exact_type, fail, identifier, optional, text, tuple_of, unique
from ._provenance import Citation, aliases_field, citations_field
from ._values import Alias, LocalizedText, PartialDate

__all__ = ["Actor", "Event"]


def _ids(description: str) -> Any:
    return attrs.field(
        metadata=about(description),
        default=(),
        validator=attrs.validators.and_(tuple_of(identifier()), unique()),
    )


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened: the paper's launch, what led to it, how it was received.

    Dates keep the precision of their sources: an event known to the month
    stays a month. A range has an ``end``. ``mentioned_in_paper`` is true only
    where the paper itself names the event; the rest is context.

    Attributes:
        id: identifier, unique in the paper.
        date: when it happened, or began.
        end: when it ended, for a range; not before ``date``.
        kind: publication, conference, speech, law ...
        title: what happened, in a few words.
        summary: more, in our own words.
        place: where it happened, if known.
        actors: ids of the actors who took part.
        documents: ids of related documents it concerns, or the paper's own id.
        mentioned_in_paper: whether the paper itself names the event.
        citations: the evidence.
    """

    id: str = attrs.field(metadata=about("Identifier, unique in the paper."), validator=identifier())
    date: PartialDate = attrs.field(
        metadata=about("When it happened, or began."), validator=exact_type(PartialDate, "date")
    )
    end: PartialDate | None = attrs.field(
        metadata=about("When it ended, for a range; not before date."),
        default=None,
        validator=optional(exact_type(PartialDate, "date")),
    )
    kind: EventKind = attrs.field(
        metadata=about("What kind of event it is."), validator=exact_type(EventKind, "event kind")
    )
    title: LocalizedText = attrs.field(
        metadata=about("What happened, in a few words."), validator=exact_type(LocalizedText)
    )
    summary: str | None = attrs.field(
        metadata=about("More, in our own words."), default=None, validator=optional(text())
    )
    place: LocalizedText | None = attrs.field(
        metadata=about("Where it happened."),
        default=None,
        validator=optional(exact_type(LocalizedText)),
    )
    actors: tuple[str, ...] = _ids("Ids of the actors who took part.")
    documents: tuple[str, ...] = _ids("Ids of the related documents it concerns, or the paper's own id.")
    mentioned_in_paper: bool = attrs.field(
        metadata=about("Whether the paper itself names the event."),
        default=False,
        validator=exact_type(bool),
    )
    citations: tuple[Citation, ...] = citations_field()

    def __attrs_post_init__(self) -> None:
        self._check()

    def _check(self) -> None:
        if self.end is not None and self.end < self.date:
            raise fail("$.end", "date-order", f"ends ({self.end}) before it begins ({self.date})")


@attrs.frozen(kw_only=True)
class Actor:
    """A person or body named in or around the paper.

    Attributes:
        id: identifier, unique in the paper.
        name: the actor's name, in English and Chinese where known.
        kind: person, government body, party body, international organisation ...
        role: the actor's role or title at the time, in our words.
        affiliation: id of the body a person belonged to, if any.
        aliases: other names and short forms, with the sources that use them.
        citations: the evidence.
    """

    id: str = attrs.field(metadata=about("Identifier, unique in the paper."), validator=identifier())
    name: LocalizedText = attrs.field(
        metadata=about("The actor's name."), validator=exact_type(LocalizedText)
    )
    kind: ActorKind = attrs.field(
        metadata=about("What kind of actor it is."), validator=exact_type(ActorKind, "actor kind")
    )
    role: str | None = attrs.field(
        metadata=about("Role or title at the time, in our words."),
        default=None,
        validator=optional(text()),
    )
    affiliation: str | None = attrs.field(
        metadata=about("Id of the body the actor belonged to."),
        default=None,
        validator=optional(identifier()),
    )
    aliases: tuple[Alias, ...] = aliases_field()
    citations: tuple[Citation, ...] = citations_field()
