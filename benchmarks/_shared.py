"""Facts both rival models need: the patterns, vocabularies and small checks of our model.

Written out here rather than imported from ``cyberspace_whitepaper``, so that
importing a rival model does not import our library (the import-time figure
would be meaningless otherwise). ``run.py`` checks that the three models
accept the same data and write the same JSON.
"""

from __future__ import annotations

import calendar
from decimal import Decimal
from typing import Literal

IDENTIFIER = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
LANGUAGE = r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$"
DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
LOCATOR = (
    r"^(preface|conclusion|M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})"
    r"(\.[1-9][0-9]{0,2}(\([1-9][0-9]{0,2}\))?)?)$"
)
# Text: not blank, no white space at either end, no C0/C1 controls other than
# tab and newline, no bidirectional overrides or isolates.
_BAD = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
TEXT = rf"^[^\s{_BAD}](?:[^{_BAD}]*[^\s{_BAD}])?$"
# Our URL pattern, with the same characters kept out as in text.
URL = rf"^https?://[^\s/?#{_BAD}]+\.[^\s/?#{_BAD}]+(?::[0-9]{{1,5}})?([/?#][^\s{_BAD}]*)?$"

CertaintyName = Literal["confirmed", "inferred", "uncertain"]
SourceKindName = Literal[
    "official-text", "official-translation", "machine-translation", "news-report", "transcript", "reference"
]
EventKindName = Literal[
    "publication", "press-conference", "conference", "speech", "law", "initiative",
    "party-congress", "founding", "milestone", "media-coverage",
]  # fmt: skip
ActorKindName = Literal[
    "person", "government-body", "party-body", "legislature", "international-organization",
    "country", "media", "publisher", "research-body", "other",
]  # fmt: skip
PrincipleKindName = Literal["basic", "governance"]
GoalKindName = Literal["vision", "community", "joint-action", "strategic"]
DocumentKindName = Literal[
    "white-paper", "concept-paper", "strategy", "law", "initiative", "report",
    "statistical-report", "book", "speech", "other",
]  # fmt: skip
DocumentRelationName = Literal[
    "predecessor", "successor", "same-title", "antecedent", "linked-from-source",
    "probable-data-source", "context",
]  # fmt: skip
ScaleName = Literal["one", "thousand", "million", "billion", "trillion"]


def check_calendar(value: str) -> str:
    """A ``YYYY[-MM[-DD]]`` string (the pattern already matched) that names a real date."""
    year = int(value[:4])
    if year < 1:
        raise ValueError("year must be from 1 to 9999")
    if len(value) > 4:
        month = int(value[5:7])
        if not 1 <= month <= 12:
            raise ValueError("month must be from 1 to 12")
        if len(value) > 7 and not 1 <= int(value[8:10]) <= calendar.monthrange(year, month)[1]:
            raise ValueError("not a real date")
    return value


def date_key(value: str) -> tuple[int, int, int, int]:
    """Sort key of a partial date: earliest day, then precision (as our PartialDate sorts)."""
    return (int(value[:4]), int(value[5:7] or 1), int(value[8:10] or 1), (len(value) - 4) // 3)


def check_locator(value: str) -> str:
    """A locator string (the pattern already matched) with a chapter numeral, or a part."""
    if not value or value[0] == ".":
        raise ValueError("a locator needs a part or a chapter")
    return value


def check_decimal(value: Decimal) -> Decimal:
    """Finite, at most 15 significant digits, between 1e-15 and 1e16 (or zero)."""
    if not value.is_finite():
        raise ValueError("must be a finite number")
    if value.is_zero():
        return value
    if len(value.normalize().as_tuple().digits) > 15:
        raise ValueError("at most 15 significant digits")
    if not -15 <= value.adjusted() <= 15:
        raise ValueError("must lie between 1e-15 and 1e16")
    return value


def check_statistic(value: Decimal, unit: str, scale: str) -> None:
    """A percent share lies from 0 to 100 at scale one; nothing else is negative."""
    if unit == "percent" and not (0 <= value <= 100 and scale == "one"):
        raise ValueError("a percent share lies from 0 to 100 at scale 'one'")
    if value < 0 and unit != "percent":
        raise ValueError("must not be negative")


def decimal_to_json(value: Decimal) -> int | float:
    """As our converter writes a decimal: an integer if integral, else the float of the same repr."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def check_unique(value: tuple[str, ...]) -> tuple[str, ...]:
    """Items do not repeat."""
    if len(set(value)) != len(value):
        raise ValueError("items must not repeat")
    return value
