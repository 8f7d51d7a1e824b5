"""The same schema in pydantic v2: frozen, strict, no extra keys, the same constraints.

Patterns, lengths and ranges are pydantic constraints (checked in Rust);
what a constraint cannot say (a real calendar date, exact decimals, items
that do not repeat, an end not before its start) is an after-validator in
Python, as a pydantic user would write it. Dates and locators stay checked
strings. The whole-paper rules of our ``model/_rules.py`` have no
counterpart here: ``run.py`` reports them separately.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

import _shared as s
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    model_validator,
)

__all__ = [
    "Actor", "Alias", "Chapter", "Citation", "Concern", "DocumentRef", "Event", "Goal", "Item",
    "LocalizedText", "Part", "Principle", "Proposal", "Section", "Source", "Statistic", "WhitePaper",
]  # fmt: skip

Id = Annotated[str, StringConstraints(pattern=s.IDENTIFIER, max_length=64)]
Text = Annotated[str, StringConstraints(pattern=s.TEXT)]
Language = Annotated[str, StringConstraints(pattern=s.LANGUAGE, max_length=16)]
Url = Annotated[str, StringConstraints(pattern=s.URL, max_length=2048)]
Date = Annotated[str, StringConstraints(pattern=s.DATE), AfterValidator(s.check_calendar)]
LocatorText = Annotated[str, StringConstraints(pattern=s.LOCATOR), AfterValidator(s.check_locator)]
Ids = Annotated[tuple[Id, ...], AfterValidator(s.check_unique)]
Order = Annotated[int, Field(ge=1, le=999)]


def _no_string(value: object) -> object:
    # Strict pydantic still reads "39.8" as a Decimal from JSON; we take numbers only.
    if type(value) is str:
        raise ValueError("expected a number, not a string")
    return value


ExactDecimal = Annotated[
    Decimal,
    # Lax only here, so that the float the JSON parser made reaches Decimal.
    Field(strict=False),
    BeforeValidator(_no_string),
    AfterValidator(s.check_decimal),
    PlainSerializer(s.decimal_to_json, when_used="json"),
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, strict=True, extra="forbid")


class LocalizedText(_Model):
    en: Text
    zh: Text | None = None
    en_official: bool = True


class Alias(_Model):
    text: Text
    language: Language = "en"
    source: Id | None = None


class Citation(_Model):
    source: Id
    locator: LocatorText | None = None
    certainty: s.CertaintyName
    note: Text | None = None


class Source(_Model):
    id: Id
    title: LocalizedText
    kind: s.SourceKindName
    url: Url
    language: Language
    other_languages: Annotated[tuple[Language, ...], AfterValidator(s.check_unique)] = ()
    published: Date | None = None
    certainty: s.CertaintyName = "confirmed"
    note: Text | None = None


class Part(_Model):
    title: LocalizedText
    summary: Text
    citations: tuple[Citation, ...] = ()


class Item(_Model):
    number: Order
    label: LocalizedText | None = None
    title: LocalizedText
    summary: Text | None = None
    citations: tuple[Citation, ...] = ()


class Section(_Model):
    number: Order
    label: LocalizedText | None = None
    title: LocalizedText
    summary: Text
    items: tuple[Item, ...] = ()
    citations: tuple[Citation, ...] = ()


class Chapter(_Model):
    number: Order
    label: LocalizedText | None = None
    title: LocalizedText
    summary: Text
    sections: tuple[Section, ...] = ()
    citations: tuple[Citation, ...] = ()


class DocumentRef(_Model):
    id: Id
    title: LocalizedText
    kind: s.DocumentKindName
    publishers: Ids = ()
    published: Date | None = None
    url: Url | None = None
    relation: s.DocumentRelationName
    summary: Text | None = None
    citations: tuple[Citation, ...] = ()


class Principle(_Model):
    id: Id
    kind: s.PrincipleKindName
    order: Order
    name: LocalizedText
    summary: Text
    aliases: tuple[Alias, ...] = ()
    located_in: LocatorText | None = None
    introduced_by: Id | None = None
    citations: tuple[Citation, ...] = ()


class Goal(_Model):
    id: Id
    kind: s.GoalKindName
    order: Order
    name: LocalizedText
    terms: Annotated[tuple[Text, ...], AfterValidator(s.check_unique)] = ()
    summary: Text
    aliases: tuple[Alias, ...] = ()
    located_in: LocatorText | None = None
    citations: tuple[Citation, ...] = ()


class Concern(_Model):
    id: Id
    name: LocalizedText
    summary: Text
    aliases: tuple[Alias, ...] = ()
    located_in: LocatorText | None = None
    citations: tuple[Citation, ...] = ()


class Proposal(_Model):
    id: Id
    number: Order
    name: LocalizedText
    summary: Text
    aliases: tuple[Alias, ...] = ()
    located_in: LocatorText | None = None
    supports: Ids = ()
    citations: tuple[Citation, ...] = ()


class Event(_Model):
    id: Id
    date: Date
    end: Date | None = None
    kind: s.EventKindName
    title: LocalizedText
    summary: Text | None = None
    place: LocalizedText | None = None
    actors: Ids = ()
    documents: Ids = ()
    mentioned_in_paper: bool = False
    citations: tuple[Citation, ...] = ()

    @model_validator(mode="after")
    def _end_not_before_date(self) -> Event:
        if self.end is not None and s.date_key(self.end) < s.date_key(self.date):
            raise ValueError("ends before it begins")
        return self


class Actor(_Model):
    id: Id
    name: LocalizedText
    kind: s.ActorKindName
    role: Text | None = None
    affiliation: Id | None = None
    aliases: tuple[Alias, ...] = ()
    citations: tuple[Citation, ...] = ()


class Statistic(_Model):
    id: Id
    measure: LocalizedText
    value: ExactDecimal
    unit: Id
    scale: s.ScaleName = "one"
    approximate: bool = False
    as_of: Date | None = None
    scope: Text
    located_in: LocatorText | None = None
    citations: tuple[Citation, ...] = ()

    @model_validator(mode="after")
    def _value_in_range(self) -> Statistic:
        s.check_statistic(self.value, self.unit, self.scale)
        return self


class WhitePaper(_Model):
    schema_version: Literal[1] = 1
    id: Id
    kind: s.DocumentKindName = "white-paper"
    title: LocalizedText
    publisher: Id
    co_publishers: Ids = ()
    published: Date
    languages: Annotated[tuple[Language, ...], AfterValidator(s.check_unique)] = ()
    summary: Text
    preface: Part | None = None
    chapters: Annotated[tuple[Chapter, ...], Field(min_length=1)]
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
