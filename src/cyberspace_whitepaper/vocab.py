"""Closed vocabularies of the model.

Every enum here is a :class:`enum.StrEnum` whose values are the exact strings
written in JSON. Loading never folds case or strips spaces: ``"Confirmed"`` is
not ``"confirmed"``.
"""

from __future__ import annotations

import enum
from decimal import Decimal

__all__ = [
    "ActorKind",
    "Certainty",
    "DatePrecision",
    "DocumentKind",
    "DocumentRelation",
    "EventKind",
    "GoalKind",
    "PaperPart",
    "PrincipleKind",
    "Scale",
    "SourceKind",
]


class Certainty(enum.StrEnum):
    """How sure the data set is of a cited statement.

    ``confirmed``: seen in the cited source. ``inferred``: deduced from
    structure or pagination, not seen. ``uncertain``: from a weak or indirect
    source, or from memory.
    """

    CONFIRMED = "confirmed"
    INFERRED = "inferred"
    UNCERTAIN = "uncertain"


class SourceKind(enum.StrEnum):
    """What a source is."""

    OFFICIAL_TEXT = "official-text"
    OFFICIAL_TRANSLATION = "official-translation"
    MACHINE_TRANSLATION = "machine-translation"
    NEWS_REPORT = "news-report"
    TRANSCRIPT = "transcript"
    REFERENCE = "reference"


class EventKind(enum.StrEnum):
    """What kind of thing happened."""

    PUBLICATION = "publication"
    PRESS_CONFERENCE = "press-conference"
    CONFERENCE = "conference"
    SPEECH = "speech"
    LAW = "law"
    INITIATIVE = "initiative"
    PARTY_CONGRESS = "party-congress"
    FOUNDING = "founding"
    MILESTONE = "milestone"
    MEDIA_COVERAGE = "media-coverage"


class ActorKind(enum.StrEnum):
    """What kind of person or body an actor is."""

    PERSON = "person"
    GOVERNMENT_BODY = "government-body"
    PARTY_BODY = "party-body"
    LEGISLATURE = "legislature"
    INTERNATIONAL_ORGANIZATION = "international-organization"
    COUNTRY = "country"
    MEDIA = "media"
    PUBLISHER = "publisher"
    RESEARCH_BODY = "research-body"
    OTHER = "other"


class PrincipleKind(enum.StrEnum):
    """The paper's two sets of principles."""

    BASIC = "basic"
    GOVERNANCE = "governance"


class GoalKind(enum.StrEnum):
    """Sets of goals: the 2022 paper's three, and a strategy's strategic goals."""

    VISION = "vision"
    COMMUNITY = "community"
    JOINT_ACTION = "joint-action"
    STRATEGIC = "strategic"


class DocumentKind(enum.StrEnum):
    """What kind of document a related document is."""

    WHITE_PAPER = "white-paper"
    CONCEPT_PAPER = "concept-paper"
    STRATEGY = "strategy"
    LAW = "law"
    INITIATIVE = "initiative"
    REPORT = "report"
    STATISTICAL_REPORT = "statistical-report"
    BOOK = "book"
    SPEECH = "speech"
    OTHER = "other"


class DocumentRelation(enum.StrEnum):
    """How a related document stands to this paper."""

    PREDECESSOR = "predecessor"
    SUCCESSOR = "successor"
    SAME_TITLE = "same-title"
    ANTECEDENT = "antecedent"
    LINKED_FROM_SOURCE = "linked-from-source"
    PROBABLE_DATA_SOURCE = "probable-data-source"
    CONTEXT = "context"


class DatePrecision(enum.StrEnum):
    """How much of a date is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class PaperPart(enum.StrEnum):
    """The unnumbered parts of a paper a locator can name."""

    PREFACE = "preface"
    CONCLUSION = "conclusion"


class Scale(enum.StrEnum):
    """The word a figure is given in: 45.5 *trillion* yuan."""

    ONE = "one"
    THOUSAND = "thousand"
    MILLION = "million"
    BILLION = "billion"
    TRILLION = "trillion"

    @property
    def multiplier(self) -> Decimal:
        """The factor this scale stands for, exactly."""
        return _MULTIPLIERS[self]


_MULTIPLIERS = {
    Scale.ONE: Decimal(1),
    Scale.THOUSAND: Decimal(10) ** 3,
    Scale.MILLION: Decimal(10) ** 6,
    Scale.BILLION: Decimal(10) ** 9,
    Scale.TRILLION: Decimal(10) ** 12,
}
