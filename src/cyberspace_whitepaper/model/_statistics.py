"""Figures the paper gives, as exact decimals."""

from decimal import Decimal

import attrs

from ..vocab import Scale
from ._checks import exact_decimal, fail, identifier, slug, text
from ._provenance import Citation, citations_field
from ._shape import checked, describe
from ._values import LocalizedText, Locator, PartialDate

__all__ = ["Statistic"]


@attrs.frozen(kw_only=True, field_transformer=checked)
class Statistic:
    """A figure the paper gives, such as China's digital economy of 45.5 trillion yuan in 2021.

    ``value`` is exact: 39.8 stays ``Decimal('39.8')``. The figure as
    written is ``value`` in ``scale`` (45.5 *trillion*); ``magnitude`` is the
    plain number.

    Attributes:
        id: identifier, unique in the paper.
        measure: what is measured.
        value: the figure as the paper writes it.
        unit: what it counts, as a slug: ``yuan``, ``percent``, ``people`` ...
            A ``percent`` is a share, from 0 to 100.
        scale: the word the figure is given in: one, thousand, million,
            billion, trillion.
        approximate: whether the paper gives the figure as approximate
            ("about 24,000").
        as_of: the date the figure refers to, if given.
        scope: what the figure covers, such as ``China``.
        located_in: where the paper gives it.
        citations: the evidence.
    """

    id: str = attrs.field(
        metadata=describe("Identifier, unique in the paper.", identifier(), identity="statistic")
    )
    measure: LocalizedText = attrs.field(metadata=describe("What is measured.", names=True))
    value: Decimal = attrs.field(
        metadata=describe("The figure as written, an exact decimal.", exact_decimal())
    )
    unit: str = attrs.field(
        metadata=describe("What it counts, as a slug (yuan, percent, people ...).", slug("unit slug"))
    )
    scale: Scale = attrs.field(default=Scale.ONE, metadata=describe("The word the figure is given in."))
    approximate: bool = attrs.field(
        default=False, metadata=describe("Whether the figure is given as approximate.")
    )
    as_of: PartialDate | None = attrs.field(default=None, metadata=describe("The date the figure refers to."))
    scope: str = attrs.field(metadata=describe("What the figure covers.", text()))
    located_in: Locator | None = attrs.field(default=None, metadata=describe("Where the paper gives it."))
    citations: tuple[Citation, ...] = citations_field()

    def __attrs_post_init__(self) -> None:
        self._check()

    def _check(self) -> None:
        if self.unit == "percent" and not (0 <= self.value <= 100 and self.scale is Scale.ONE):
            raise fail(
                "$.value",
                "range",
                f"a percent share lies from 0 to 100 at scale 'one', got {self.value} {self.scale}",
            )
        if self.value < 0 and self.unit != "percent":
            # Counts and amounts of money in a white paper are never negative.
            raise fail("$.value", "range", f"must not be negative, got {self.value}")

    @property
    def magnitude(self) -> Decimal:
        """``value`` times ``scale``, exactly: 45.5 trillion -> 45500000000000."""
        return self.value * self.scale.multiplier
