"""Field types of the model classes, read from their annotation strings without compiling them.

The model's modules use ``from __future__ import annotations``, so every
field's type is a string. ``typing.get_type_hints`` compiles each one, which
costs a fresh process about 20 ms for the whole model, paid on the first
load. The annotations here take few shapes (``str``, ``Locator | None``,
``tuple[Citation, ...]``), which are read directly; anything else goes to
``typing.get_type_hints``.
"""

from __future__ import annotations

import builtins
import functools
import operator
import re
import sys
import typing
from typing import Any

import attrs

__all__ = ["field_types"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@functools.cache
def field_types(cls: type) -> dict[str, Any]:
    """Field name to type, for an attrs class."""
    namespace = vars(sys.modules[cls.__module__])
    try:
        return {field.name: _read(field.type, namespace) for field in attrs.fields(cls)}
    except (AttributeError, KeyError, TypeError, ValueError):
        return typing.get_type_hints(cls)


def _read(annotation: Any, namespace: dict[str, Any]) -> Any:
    if not isinstance(annotation, str):
        return annotation
    text = annotation.strip()
    parts = _split(text, "|")
    if len(parts) > 1:
        return functools.reduce(operator.or_, (_read(part, namespace) for part in parts))
    if text.startswith("tuple[") and text.endswith(", ...]"):
        return tuple[_read(text[6:-6], namespace), ...]  # type: ignore[misc]
    if text == "None":
        return None
    if _NAME.match(text):
        if text in namespace:
            return namespace[text]
        return getattr(builtins, text)  # AttributeError for an unknown name: let typing say
    raise ValueError(text)


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at each ``separator`` outside brackets."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts
