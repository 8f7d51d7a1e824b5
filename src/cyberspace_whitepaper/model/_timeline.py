"""Who did what when: events and actors."""

import attrs

from ..vocab import ActorKind, EventKind
from ._checks import fail, identifier, text
from ._provenance import Citation, aliases_field, citations_field
from ._shape import checked, describe
from ._values import Alias, LocalizedText, PartialDate

__all__ = ["Actor", "Event"]


@attrs.frozen(kw_only=True, field_transformer=checked)
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

    id: str = attrs.field(
        metadata=describe("Identifier, unique in the paper.", identifier(), identity="event")
    )
    date: PartialDate = attrs.field(metadata=describe("When it happened, or began."))
    end: PartialDate | None = attrs.field(
        default=None, metadata=describe("When it ended, for a range; not before date.")
    )
    kind: EventKind = attrs.field(metadata=describe("What kind of event it is."))
    # Two events of one date never share a title.
    title: LocalizedText = attrs.field(
        metadata=describe("What happened, in a few words.", distinct=("date",), names=True)
    )
    summary: str | None = attrs.field(default=None, metadata=describe("More, in our own words.", text()))
    place: LocalizedText | None = attrs.field(default=None, metadata=describe("Where it happened."))
    actors: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe(
            "Ids of the actors who took part.", identifier(), unique=True, refers_to=("actor",)
        ),
    )
    documents: tuple[str, ...] = attrs.field(
        default=(),
        metadata=describe(
            "Ids of the related documents it concerns, or the paper's own id.",
            identifier(),
            unique=True,
            refers_to=("document", "paper"),
        ),
    )
    mentioned_in_paper: bool = attrs.field(
        default=False, metadata=describe("Whether the paper itself names the event.")
    )
    citations: tuple[Citation, ...] = citations_field()

    def __attrs_post_init__(self) -> None:
        self._check()

    def _check(self) -> None:
        if self.end is not None and self.end < self.date:
            raise fail("$.end", "date-order", f"ends ({self.end}) before it begins ({self.date})")


@attrs.frozen(kw_only=True, field_transformer=checked)
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

    id: str = attrs.field(
        metadata=describe("Identifier, unique in the paper.", identifier(), identity="actor")
    )
    name: LocalizedText = attrs.field(metadata=describe("The actor's name.", names=True))
    kind: ActorKind = attrs.field(metadata=describe("What kind of actor it is."))
    role: str | None = attrs.field(
        default=None, metadata=describe("Role or title at the time, in our words.", text())
    )
    affiliation: str | None = attrs.field(
        default=None,
        metadata=describe("Id of the body the actor belonged to.", identifier(), refers_to=("actor",)),
    )
    aliases: tuple[Alias, ...] = aliases_field()
    citations: tuple[Citation, ...] = citations_field()
