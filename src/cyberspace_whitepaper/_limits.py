"""The limits every loader checks before the expensive work."""

from __future__ import annotations

import attrs

__all__ = ["DEFAULT_LIMITS", "Limits"]


def _positive(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value < 1:
        raise ValueError(f"Limits.{attribute.name} must be a positive int, got {value!r}")


@attrs.frozen(kw_only=True)
class Limits:
    """How much input a loader accepts. Pass one as ``limits=`` to any loader.

    Each limit is checked before the work it protects: the size before
    reading, the nesting depth and string lengths before parsing, the digits
    of a number before it is converted. Going over one raises
    :class:`~cyberspace_whitepaper.errors.LimitError`, which names the limit
    and its value.

    Attributes:
        max_bytes: size of a document in bytes (characters, for ``str``
            input); for JSON Lines, of one line.
        max_depth: nesting of arrays and objects. The white paper itself
            needs 7.
        max_string_length: characters in one string, as written in the
            source (escapes count as written).
        max_integer_digits: digits of one integer.
        max_number_length: characters of one number as written (sign,
            point and exponent included). The default, 100, takes every
            number of valid JSON in JSONTestSuite (the longest has 81).
    """

    max_bytes: int = attrs.field(default=16 * 1024 * 1024, validator=_positive)
    max_depth: int = attrs.field(default=64, validator=_positive)
    max_string_length: int = attrs.field(default=1024 * 1024, validator=_positive)
    max_integer_digits: int = attrs.field(default=18, validator=_positive)
    max_number_length: int = attrs.field(default=100, validator=_positive)


DEFAULT_LIMITS = Limits()
