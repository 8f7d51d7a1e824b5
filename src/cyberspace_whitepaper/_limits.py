"""The limits every loader checks before the expensive work."""

from __future__ import annotations

from typing import Any

import attrs

from .errors import LimitError, join_path

__all__ = ["DEFAULT_LIMITS", "Limits", "check_counts", "might_exceed_nodes"]


def _positive(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value < 1:
        raise ValueError(f"Limits.{attribute.name} must be a positive int, got {value!r}")


@attrs.frozen(kw_only=True)
class Limits:
    """How much input a loader accepts. Pass one as ``limits=`` to any loader.

    Each limit is checked before the work it protects: the size before
    reading, the nesting depth and string lengths before parsing, the digits
    of a number before it is converted, the number of values before any
    model object is built. Going over one raises
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
        max_array_items: items in one array.
        max_nodes: values in a document (or one JSON Lines record): the
            top-level value, every array item and every object member's
            value. A paper of 10,000 events and 10,000 actors has about
            300,000.
    """

    max_bytes: int = attrs.field(default=16 * 1024 * 1024, validator=_positive)
    max_depth: int = attrs.field(default=64, validator=_positive)
    max_string_length: int = attrs.field(default=1024 * 1024, validator=_positive)
    max_integer_digits: int = attrs.field(default=18, validator=_positive)
    max_number_length: int = attrs.field(default=100, validator=_positive)
    max_array_items: int = attrs.field(default=100_000, validator=_positive)
    max_nodes: int = attrs.field(default=1_000_000, validator=_positive)


DEFAULT_LIMITS = Limits()


def check_counts(data: Any, limits: Limits, text_length: int | None = None) -> None:
    """Raise :class:`LimitError` if parsed data has an array or a total of values over the limits.

    ``text_length`` is the length of the text the data was parsed from: a
    text shorter than both limits cannot break them (every value takes at
    least one character, give or take the top one), so it is not walked.
    """
    if text_length is not None and text_length < min(limits.max_array_items, limits.max_nodes):
        return
    max_items = limits.max_array_items
    max_nodes = limits.max_nodes
    nodes = 1
    stack: list[Any] = [data] if type(data) is dict or type(data) is list else []
    push, pop = stack.append, stack.pop
    while stack:
        value: Any = pop()
        size = len(value)
        nodes += size
        if type(value) is dict:
            value = value.values()
        elif size > max_items:
            raise LimitError(
                f"the array at {_path_of(data, value)} has {size} items",
                limit="max_array_items",
                value=max_items,
            )
        if nodes > max_nodes:
            raise LimitError(f"the input has over {max_nodes} values", limit="max_nodes", value=max_nodes)
        for item in value:
            kind = type(item)
            if kind is dict or kind is list:
                push(item)


def might_exceed_nodes(text: bytes, max_nodes: int) -> bool:
    """Whether JSON ``text`` may hold more values than ``max_nodes``, told from its bytes without parsing.

    Every value but the document is an item of an array or a member of an
    object, and a container of n of them holds n - 1 commas: so there are no
    more values than one, plus the commas, plus the opening brackets (those
    inside strings are counted too, which only errs on the safe side). A
    text of n bytes holds at most (n + 1) / 2 values, so short texts are not
    counted at all.
    """
    if (len(text) + 1) // 2 <= max_nodes:
        return False
    return 1 + text.count(b",") + text.count(b"[") + text.count(b"{") > max_nodes


def _path_of(data: Any, target: Any) -> str:
    # Only on the error path: the JSON path of one container, found by identity.
    stack: list[tuple[Any, str]] = [(data, "$")]
    while stack:
        value, path = stack.pop()
        if value is target:
            return path
        if type(value) is dict:
            stack.extend((item, join_path(path, key)) for key, item in value.items())
        elif type(value) is list:
            stack.extend((item, join_path(path, index)) for index, item in enumerate(value))
    return "$"  # pragma: no cover - the target is always inside the data
