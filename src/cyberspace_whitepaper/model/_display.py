"""How model objects show themselves to people: labels, a short paper repr, a notebook table.

Everything shown is read from the shape (:mod:`._shape`), so a new entity
kind or field is shown without being listed here: an entity's label is its
*title field* (the first field holding one :class:`LocalizedText`: a name, a
title, a measure), its identity and its dates.
"""

from __future__ import annotations

import html
from typing import Any

from ._shape import FieldShape, Kind, identity_of, name_of, per_class, shape_of
from ._values import LocalizedText

__all__ = ["label", "paper_html", "paper_repr", "title_field"]


@per_class
def title_field(cls: type) -> FieldShape | None:
    """The field that names an object of ``cls`` (declared ``names=True`` in the shape)."""
    return name_of(cls)


@per_class
def _date_fields(cls: type) -> tuple[FieldShape, ...]:
    return tuple(shape for shape in shape_of(cls) if shape.kind is Kind.DATE and not shape.many)


def bilingual(text: LocalizedText) -> str:
    """``English / 中文``, or the English alone."""
    return f"{text.en} / {text.zh}" if text.zh else text.en


def label(obj: Any) -> str:
    """A one-line label for an entity: its name in English and Chinese, its kind and id, its dates.

    ``respecting cyber sovereignty / 尊重网络主权 (principle respecting-cyber-sovereignty)``;
    an event's or a document's dates follow its id (``2022-10-20/2022-10-28``
    for a range, as in EDTF).
    """
    cls = type(obj)
    name_shape = title_field(cls)
    identity = identity_of(cls)
    name = getattr(obj, name_shape.name) if name_shape is not None else None
    tags = []
    if identity is not None:
        tags.append(f"{identity.identity} {getattr(obj, identity.name)}")
    dates = [str(value) for shape in _date_fields(cls) if (value := getattr(obj, shape.name)) is not None]
    if dates:
        tags.append("/".join(dates))
    head = bilingual(name) if isinstance(name, LocalizedText) else cls.__name__
    return f"{head} ({', '.join(tags)})" if tags else head


def _counts(paper: Any) -> list[tuple[str, int]]:
    """(field, number of objects) for every tuple of model objects the paper holds."""
    return [
        (shape.name, len(getattr(paper, shape.name)))
        for shape in shape_of(type(paper))
        if shape.kind is Kind.MODEL and shape.many
    ]


def _heading(paper: Any) -> list[tuple[str, str]]:
    """(field, value) for the paper's identity, title field and dates."""
    cls = type(paper)
    rows: list[tuple[str, str]] = []
    identity = identity_of(cls)
    if identity is not None:
        rows.append((identity.name, getattr(paper, identity.name)))
    name_shape = title_field(cls)
    if name_shape is not None:
        rows.append((name_shape.name, bilingual(getattr(paper, name_shape.name))))
    rows.extend((shape.name, str(getattr(paper, shape.name))) for shape in _date_fields(cls))
    return rows


def paper_repr(paper: Any) -> str:
    """A short repr: identity, title, dates and how many of each thing the paper holds."""
    heading = " ".join(f"{name}={value!r}" for name, value in _heading(paper))
    counts = ", ".join(f"{count} {name}" for name, count in _counts(paper))
    return f"<{type(paper).__name__} {heading}: {counts}>"


def paper_html(paper: Any) -> str:
    """A compact HTML table of the same, for notebooks."""
    rows = [*_heading(paper), *((name, str(count)) for name, count in _counts(paper))]
    body = "".join(
        f"<tr><th style='text-align:left'>{html.escape(name)}</th>"
        f"<td style='text-align:left'>{html.escape(value)}</td></tr>"
        for name, value in rows
    )
    return f"<table><caption>{html.escape(type(paper).__name__)}</caption>{body}</table>"
