"""The same schema in msgspec: frozen Structs, unknown fields forbidden, the same constraints.

Patterns, lengths and ranges are ``msgspec.Meta`` constraints; what they
cannot say (a real calendar date, exact decimals within range, items that
do not repeat, an end not before its start) is checked in ``__post_init__``,
which msgspec runs on decoding. Dates and locators stay checked strings. The
whole-paper rules of our ``model/_rules.py`` have no counterpart here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

import _shared as s
import msgspec
from msgspec import Meta

__all__ = [
    "Actor", "Alias", "Chapter", "Citation", "Concern", "DocumentRef", "Event", "Goal", "Item",
    "LocalizedText", "Part", "Principle", "Proposal", "Section", "Source", "Statistic", "WhitePaper",
]  # fmt: skip


def _whole(pattern: str) -> str:
    # msgspec matches with re.search, where "$" also matches before a final
    # newline; "\Z" is the true end.
    return pattern[:-1] + r"\Z"


Id = Annotated[str, Meta(pattern=_whole(s.IDENTIFIER), max_length=64)]
Text = Annotated[str, Meta(pattern=_whole(s.TEXT))]
Language = Annotated[str, Meta(pattern=_whole(s.LANGUAGE), max_length=16)]
Url = Annotated[str, Meta(pattern=_whole(s.URL), max_length=2048)]
Date = Annotated[str, Meta(pattern=_whole(s.DATE))]
# The lookahead keeps out an empty numeral, which the pattern alone allows.
LocatorText = Annotated[str, Meta(pattern=_whole(s.LOCATOR.replace("|M{0,3}", "|(?=[IVXLCDM])M{0,3}")))]
Order = Annotated[int, Meta(ge=1, le=999)]


class _Struct(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    pass


def _dates(*values: str | None) -> None:
    for value in values:
        if value is not None:
            s.check_calendar(value)


class LocalizedText(_Struct, kw_only=True):
    en: Text
    zh: Text | None = None
    en_official: bool = True


class Alias(_Struct, kw_only=True):
    text: Text
    language: Language = "en"
    source: Id | None = None


class Citation(_Struct, kw_only=True):
    source: Id
    locator: LocatorText | None = None
    certainty: s.CertaintyName
    note: Text | None = None


class Source(_Struct, kw_only=True):
    id: Id
    title: LocalizedText
    kind: s.SourceKindName
    url: Url
    language: Language
    other_languages: tuple[Language, ...] = ()
    published: Date | None = None
    certainty: s.CertaintyName = "confirmed"
    note: Text | None = None

    def __post_init__(self) -> None:
        s.check_unique(self.other_languages)
        _dates(self.published)


class Part(_Struct, kw_only=True):
    title: LocalizedText
    summary: Text
    citations: tuple[Citation, ...] = ()


class Item(_Struct, kw_only=True):
    number: Order
    label: LocalizedText | None = None
    title: LocalizedText
    summary: Text | None = None
    citations: tuple[Citation, ...] = ()


class Section(_Struct, kw_only=True):
    number: Order
    label: LocalizedText | None = None
    title: LocalizedText
    summary: Text
    items: tuple[Item, ...] = ()
    citations: tuple[Citation, ...] = ()


class Chapter(_Struct, kw_only=True):
    number: Order
    label: LocalizedText | None = None
    title: LocalizedText
    summary: Text
    sections: tuple[Section, ...] = ()
    citations: tuple[Citation, ...] = ()


class DocumentRef(_Struct, kw_only=True):
    id: Id
    title: LocalizedText
    kind: s.DocumentKindName
    publishers: tuple[Id, ...] = ()
    published: Date | None = None
    url: Url | None = None
    relation: s.DocumentRelationName
    summary: Text | None = None
    citations: tuple[Citation, ...] = ()

    def __post_init__(self) -> None:
        _dates(self.published)
        s.check_unique(self.publishers)


class Principle(_Struct, kw_only=True):
    id: Id
    kind: s.PrincipleKindName
    order: Order
    name: LocalizedText
    summary: Text
    aliases: tuple[Alias, ...] = ()
    located_in: LocatorText | None = None
    introduced_by: Id | None = None
    citations: tuple[Citation, ...] = ()


class Goal(_Struct, kw_only=True):
    id: Id
    kind: s.GoalKindName
    order: Order
    name: LocalizedText
    terms: tuple[Text, ...] = ()
    summary: Text
    aliases: tuple[Alias, ...] = ()
    located_in: LocatorText | None = None
    citations: tuple[Citation, ...] = ()

    def __post_init__(self) -> None:
        s.check_unique(self.terms)


class Concern(_Struct, kw_only=True):
    id: Id
    name: LocalizedText
    summary: Text
    aliases: tuple[Alias, ...] = ()
    located_in: LocatorText | None = None
    citations: tuple[Citation, ...] = ()


class Proposal(_Struct, kw_only=True):
    id: Id
    number: Order
    name: LocalizedText
    summary: Text
    aliases: tuple[Alias, ...] = ()
    located_in: LocatorText | None = None
    supports: tuple[Id, ...] = ()
    citations: tuple[Citation, ...] = ()

    def __post_init__(self) -> None:
        s.check_unique(self.supports)


class Event(_Struct, kw_only=True):
    id: Id
    date: Date
    end: Date | None = None
    kind: s.EventKindName
    title: LocalizedText
    summary: Text | None = None
    place: LocalizedText | None = None
    actors: tuple[Id, ...] = ()
    documents: tuple[Id, ...] = ()
    mentioned_in_paper: bool = False
    citations: tuple[Citation, ...] = ()

    def __post_init__(self) -> None:
        _dates(self.date, self.end)
        s.check_unique(self.actors)
        s.check_unique(self.documents)
        if self.end is not None and s.date_key(self.end) < s.date_key(self.date):
            raise ValueError("ends before it begins")


class Actor(_Struct, kw_only=True):
    id: Id
    name: LocalizedText
    kind: s.ActorKindName
    role: Text | None = None
    affiliation: Id | None = None
    aliases: tuple[Alias, ...] = ()
    citations: tuple[Citation, ...] = ()


class Statistic(_Struct, kw_only=True):
    id: Id
    measure: LocalizedText
    value: Decimal
    unit: Id
    scale: s.ScaleName = "one"
    approximate: bool = False
    as_of: Date | None = None
    scope: Text
    located_in: LocatorText | None = None
    citations: tuple[Citation, ...] = ()

    def __post_init__(self) -> None:
        _dates(self.as_of)
        s.check_decimal(self.value)
        s.check_statistic(self.value, self.unit, self.scale)


class WhitePaper(_Struct, kw_only=True):
    schema_version: Literal[1] = 1
    id: Id
    kind: s.DocumentKindName = "white-paper"
    title: LocalizedText
    publisher: Id
    co_publishers: tuple[Id, ...] = ()
    published: Date
    languages: tuple[Language, ...] = ()
    summary: Text
    preface: Part | None = None
    chapters: Annotated[tuple[Chapter, ...], Meta(min_length=1)]
    conclusion: Part | None = None
    principles: tuple[Principle, ...] = ()
    goals: tuple[Goal, ...] = ()
    concerns: tuple[Concern, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    events: tuple[Event, ...] = ()
    actors: tuple[Actor, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    documents: tuple[DocumentRef, ...] = ()
    sources: tuple[Source, ...] = ()
    citations: tuple[Citation, ...] = ()

    def __post_init__(self) -> None:
        _dates(self.published)
        s.check_unique(self.co_publishers)
        s.check_unique(self.languages)


#: Writes decimals as JSON numbers, as our converter does (msgspec's default is a string).
encoder = msgspec.json.Encoder(decimal_format="number")


def decoder(cls: type) -> msgspec.json.Decoder:  # type: ignore[type-arg]
    """A strict decoder for ``cls``."""
    return msgspec.json.Decoder(cls, strict=True)
