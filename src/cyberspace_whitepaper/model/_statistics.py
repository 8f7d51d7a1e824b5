"""Figures the paper gives, as exact decimals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from ..errors import excerpt
from ..vocab import Scale
from ._checks import about, exact_type, fail, identifier, optional, slug, text
from ._provenance import Citation, citations_field
from ._values import LocalizedText, Locator, PartialDate

__all__ = ["Statistic"]

#: Figures carry at most this many significant digits, so that any JSON
#: reader that uses IEEE doubles reads them exactly.
MAX_SIGNIFICANT_DIGITS = 15
#: And lie within 10**-15 <= |value| < 10**16 (or are zero), for the same reason.
MAX_EXPONENT = 15


def check_decimal(value: object, path: str) -> None:
    """Raise unless ``value`` is a finite Decimal that a double holds exactly."""
    if type(value) is not Decimal:
        raise fail(path, "type", f"expected decimal number, got {type(value).__name__} {excerpt(value)}")
    if not value.is_finite():
        raise fail(path, "value", f"must be a finite number, got {excerpt(value)}")
    if value.is_zero():
        return
    digits = len(value.normalize().as_tuple().digits)
    if digits > MAX_SIGNIFICANT_DIGITS:
        raise fail(
            path,
            "precision",
            f"has {digits} significant digits, at most {MAX_SIGNIFICANT_DIGITS} allowed",
        )
    if not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT:
        raise fail(
            path,
            "range",
            f"must lie between 1e-{MAX_EXPONENT} and 1e{MAX_EXPONENT + 1}, got {excerpt(value)}",
        )


@attrs.frozen(repr=False)
class _DecimalValue:
    def __call__(self, _instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        check_decimal(value, f"$.{attribute.name}")

    def __repr__(self) -> str:
        return "<decimal validator>"


@attrs.frozen(kw_only=True)
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

    id: str = attrs.field(metadata=about("Identifier, unique in the paper."), validator=identifier())
    measure: LocalizedText = attrs.field(
        metadata=about("What is measured."), validator=exact_type(LocalizedText)
    )
    value: Decimal = attrs.field(
        metadata=about("The figure as written, an exact decimal."), validator=_DecimalValue()
    )
    unit: str = attrs.field(
        metadata=about("What it counts, as a slug (yuan, percent, people ...)."),
        validator=slug("unit slug"),
    )
    scale: Scale = attrs.field(
        metadata=about("The word the figure is given in."),
        default=Scale.ONE,
        validator=exact_type(Scale, "scale"),
    )
    approximate: bool = attrs.field(
        metadata=about("Whether the figure is given as approximate."),
        default=False,
        validator=exact_type(bool),
    )
    as_of: PartialDate | None = attrs.field(
        metadata=about("The date the figure refers to."),
        default=None,
        validator=optional(exact_type(PartialDate, "date")),
    )
    scope: str = attrs.field(metadata=about("What the figure covers."), validator=text())
    located_in: Locator | None = attrs.field(
        metadata=about("Where the paper gives it."),
        default=None,
        validator=optional(exact_type(Locator, "locator")),
    )
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
