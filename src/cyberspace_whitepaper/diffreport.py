"""A diff written out: text for a terminal, Markdown for a changelog, plain data for JSON.

All three read the same :func:`entries`: one per entity or part of the text
that the diff names, with what happened to it. Entities are named by kind
and id (``event wic-2020-forum``), parts of the text by kind and locator
(``section II.3``), each with its English and Chinese label. In a diff of
a corpus, what is inside a paper also names the paper (``event
wic-2020-forum in cyberspace-community-2022``).
"""

from __future__ import annotations

import json
import textwrap
import typing
from collections.abc import Iterator
from typing import Any, Literal

import attrs

from .converters import unstructure
from .diff import Diff, EntitiesDiff, FieldChange, PartChanged, PartsDiff, kind_of
from .model import LocalizedText, Locator
from .model._shape import is_whole_document, shape_of

__all__ = ["Entry", "data", "entries", "markdown", "text"]

Status = Literal["added", "removed", "changed", "renumbered", "moved"]
_STATUSES: tuple[Status, ...] = typing.get_args(Status)


@attrs.frozen(kw_only=True)
class Entry:
    """One thing a diff names, and what happened to it.

    Attributes:
        kind: the kind of entity (``event``) or part (``section``), or of the
            object compared (``paper``) for changes to its own fields.
        key: the entity's id or the part's locator (its number outside a
            paper); ``None`` for the object compared.
        label: its name or title (in the new version, if it has one).
        collection: the field holding it (``events``, ``sections``); empty
            for the object compared.
        status: ``added``, ``removed``, ``changed``, ``moved`` (an entity's
            place in its tuple) or ``renumbered`` (a part's place among its
            siblings).
        to: for ``renumbered``, the part's new locator; for ``moved``, the
            id of the entity it now follows (``None``: it comes first).
        fields: for ``changed`` and ``renumbered``, the values that changed,
            with paths relative to the entity or part.
        paper: in a diff of a corpus, the id of the paper the entity or part
            is in; None for the corpus's own records (a paper itself among them).
    """

    kind: str
    key: str | None
    label: LocalizedText | None
    collection: str
    status: Status
    to: str | None = None
    fields: tuple[FieldChange, ...] = ()
    paper: str | None = None


def entries(change: Diff) -> Iterator[Entry]:
    """Every entity and part of the text the diff names, in the order of the model's fields."""
    yield from _entries(change, kind_of(change.type), None, None, "")


def _entries(
    change: Diff,
    kind: str,
    key: str | None,
    label: LocalizedText | None,
    collection: str,
    *,
    paper: str | None = None,
) -> Iterator[Entry]:
    """The entries of an object's diff; ``paper``: the paper of a corpus the object is in."""
    if change.fields:
        yield Entry(
            kind=kind,
            key=key,
            label=label,
            collection=collection,
            status="changed",
            fields=change.fields,
            paper=paper,
        )
    # What a paper of a corpus holds is in that paper.
    inside = key if key is not None and is_whole_document(change.type) else paper
    for entities in change.entities:
        yield from _entity_entries(entities, inside)
    for parts in change.parts:
        yield from _part_entries(parts, inside)


def _collection(path: str) -> str:
    return path.rpartition(".")[2]


def _entity_entries(change: EntitiesDiff, paper: str | None) -> Iterator[Entry]:
    kind, collection = change.kind, _collection(change.path)
    for removed in change.removed:
        yield Entry(
            kind=kind,
            key=removed.id,
            label=removed.label,
            collection=collection,
            status="removed",
            paper=paper,
        )
    for added in change.added:
        yield Entry(
            kind=kind, key=added.id, label=added.label, collection=collection, status="added", paper=paper
        )
    for changed in change.changed:
        yield from _entries(changed.diff, kind, changed.id, changed.label, collection, paper=paper)
    for moved in change.moved:
        yield Entry(
            kind=kind,
            key=moved.id,
            label=moved.label,
            collection=collection,
            status="moved",
            to=moved.after,
            paper=paper,
        )


def _part_key(locator: Locator | None, index: int) -> str:
    return str(index + 1) if locator is None else str(locator)


def _part_entries(change: PartsDiff, paper: str | None) -> Iterator[Entry]:
    kind, collection = kind_of(change.type), _collection(change.path)
    for removed in change.removed:
        key = _part_key(removed.locator, removed.index)
        yield Entry(
            kind=kind, key=key, label=removed.label, collection=collection, status="removed", paper=paper
        )
    for added in change.added:
        key = _part_key(added.locator, added.index)
        yield Entry(kind=kind, key=key, label=added.label, collection=collection, status="added", paper=paper)
    numbers = {f"$.{s.name}" for s in shape_of(change.type) if s.numbering is not None}
    for changed in change.changed:
        yield from _changed_part(changed, numbers, kind, collection, paper)


def _changed_part(
    changed: PartChanged, numbers: set[str], kind: str, collection: str, paper: str | None
) -> Iterator[Entry]:
    key = _part_key(changed.old_locator, changed.old_index)
    if changed.renumbered:
        # The new number is the renumbering itself, not a change besides it.
        fields = tuple(c for c in changed.diff.fields if c.path not in numbers)
        yield Entry(
            kind=kind,
            key=key,
            label=changed.label,
            collection=collection,
            status="renumbered",
            to=_part_key(changed.new_locator, changed.new_index),
            fields=fields,
            paper=paper,
        )
        inner = attrs.evolve(changed.diff, fields=())
    else:
        inner = changed.diff
    yield from _entries(inner, kind, key, changed.label, collection, paper=paper)


# --- text ------------------------------------------------------------------------------


_RED, _GREEN, _BOLD, _RESET = "\033[31m", "\033[32m", "\033[1m", "\033[0m"


def text(change: Diff, *, color: bool = False) -> str:
    """The diff for people: one line per entity or part, then the values that changed.

    ``event wic-2020-forum (2020 Internet Development Forum / 互联网发展论坛):
    summary changed``, then the old value after ``-`` and the new after
    ``+``. For citations and aliases, whose order carries no meaning, only
    the items removed and added are shown. Empty for an empty diff; ANSI
    colours where ``color`` is true.
    """

    def paint(code: str, words: str) -> str:
        return f"{code}{words}{_RESET}" if color else words

    lines: list[str] = []
    counts = dict.fromkeys(_STATUSES, 0)
    for entry in entries(change):
        counts[entry.status] += 1
        lines.append(f"{paint(_BOLD, _subject(entry))}: {_what(entry)}")
        for field in entry.fields:
            lines.extend(_field_lines(field, paint))
    if lines:
        lines.append(", ".join(f"{count} {status}" for status, count in counts.items() if count))
    return "".join(line + "\n" for line in lines)


def _label(label: LocalizedText | None) -> str:
    if label is None:
        return ""
    return f"{label.en} / {label.zh}" if label.zh else label.en


def _subject(entry: Entry) -> str:
    named = entry.kind if entry.key is None else f"{entry.kind} {entry.key}"
    label = _label(entry.label)
    named = f"{named} ({label})" if label else named
    return named if entry.paper is None else f"{named} in {entry.paper}"


def _field_names(fields: tuple[FieldChange, ...]) -> str:
    return ", ".join(field.path[2:] for field in fields)


def _what(entry: Entry) -> str:
    if entry.status == "moved":
        return "moved to the start" if entry.to is None else f"moved after {entry.to}"
    if entry.status == "renumbered":
        said = f"renumbered as {entry.to}"
        return f"{said}; {_field_names(entry.fields)} changed" if entry.fields else said
    if entry.status == "changed":
        return f"{_field_names(entry.fields)} changed"
    return entry.status


def _shown(value: Any) -> str:
    """A value on one line, as JSON."""
    return json.dumps(unstructure(value), ensure_ascii=False)


def _field_lines(field: FieldChange, paint: Any) -> Iterator[str]:
    name = field.path[2:]
    if not field.ordered:
        if field.reordered:
            yield f"  {name}: the same items in another order (their order carries no meaning)"
            return
        removed, added = field.removed, field.added
        counts = ((len(removed), "removed"), (len(added), "added"))
        yield f"  {name}: " + ", ".join(f"{count} {what}" for count, what in counts if count)
        old: tuple[Any, ...] = removed
        new: tuple[Any, ...] = added
    else:
        yield f"  {name}:"
        old = () if field.old is None else (field.old,)
        new = () if field.new is None else (field.new,)
    for value in old:
        yield paint(_RED, f"    - {_shown(value)}")
    for value in new:
        yield paint(_GREEN, f"    + {_shown(value)}")


# --- Markdown ----------------------------------------------------------------------------

_MARKDOWN_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|#"})


def markdown(change: Diff, *, width: int = 76) -> str:
    """The diff as a Markdown list, for a "Data:" entry of a changelog.

    One item per collection and status, naming every entity by its id and
    every part by its locator, in backticks (``- events added: `wic-2019`
    (...)``); in a diff of a corpus, one per paper too (``- events added in
    `cyberspace-community-2022`: ...``). Lines wrapped at ``width``. Empty
    for an empty diff.
    """
    groups: dict[tuple[str | None, str, str, Status], list[str]] = {}
    for entry in entries(change):
        group = (entry.paper, entry.collection, entry.kind, entry.status)
        groups.setdefault(group, []).append(_markdown_item(entry))
    lines = []
    for (paper, collection, kind, status), items in groups.items():
        where = "" if paper is None else f" in `{paper}`"
        item = f"- {collection or kind} {status}{where}: {'; '.join(items)}."
        lines.extend(
            textwrap.wrap(
                item, width=width, subsequent_indent="  ", break_on_hyphens=False, break_long_words=False
            )
        )
    return "".join(line + "\n" for line in lines)


def _markdown_item(entry: Entry) -> str:
    named = "" if entry.key is None else f"`{entry.key}`"
    if entry.status in ("added", "removed"):
        label = _label(entry.label).translate(_MARKDOWN_SPECIAL)
        return f"{named} ({label})" if label else named
    if entry.status == "moved":
        return f"{named}, now first" if entry.to is None else f"{named}, now after `{entry.to}`"
    # Field names are identifiers: an underscore inside a word is not emphasis in Markdown.
    fields = _field_names(entry.fields)
    if entry.status == "renumbered":
        said = f"{named} as `{entry.to}`"
        return f"{said} ({fields} changed)" if fields else said
    return f"{named} ({fields})" if named else fields


# --- plain data ----------------------------------------------------------------------------


def data(change: Diff) -> dict[str, Any]:
    """The diff as plain data for JSON: dicts, lists, strings, numbers, booleans and None.

    ``{"type": "WhitePaper", "equal": false, "fields": [...], "entities":
    [...], "parts": [...]}``; values are written as in the model's JSON.
    The shape is documented in ``docs/diff.md``.
    """
    return {
        "type": change.type.__name__,
        "equal": not change,
        "fields": [_field_data(field) for field in change.fields],
        "entities": [_entities_data(entities) for entities in change.entities],
        "parts": [_parts_data(parts) for parts in change.parts],
    }


def _field_data(field: FieldChange) -> dict[str, Any]:
    found = {
        "path": field.path,
        "old": unstructure(field.old),
        "new": unstructure(field.new),
        "ordered": field.ordered,
    }
    if not field.ordered:
        found["removed"] = unstructure(field.removed)
        found["added"] = unstructure(field.added)
    return found


def _locator(locator: Locator | None) -> str | None:
    return None if locator is None else str(locator)


def _entities_data(change: EntitiesDiff) -> dict[str, Any]:
    return {
        "path": change.path,
        "kind": change.kind,
        "added": [
            {"id": a.id, "after": a.after, "label": unstructure(a.label), "entity": unstructure(a.entity)}
            for a in change.added
        ],
        "removed": [
            {"id": r.id, "after": r.after, "label": unstructure(r.label), "entity": unstructure(r.entity)}
            for r in change.removed
        ],
        "changed": [
            {
                "id": c.id,
                "label": unstructure(c.label),
                "old_label": unstructure(c.old_label),
                "diff": data(c.diff),
            }
            for c in change.changed
        ],
        "moved": [
            {"id": m.id, "after": m.after, "old_after": m.old_after, "label": unstructure(m.label)}
            for m in change.moved
        ],
    }


def _parts_data(change: PartsDiff) -> dict[str, Any]:
    return {
        "path": change.path,
        "type": change.type.__name__,
        "added": [
            {
                "index": a.index,
                "locator": _locator(a.locator),
                "label": unstructure(a.label),
                "part": unstructure(a.part),
            }
            for a in change.added
        ],
        "removed": [
            {
                "index": r.index,
                "locator": _locator(r.locator),
                "label": unstructure(r.label),
                "part": unstructure(r.part),
            }
            for r in change.removed
        ],
        "changed": [
            {
                "old_index": c.old_index,
                "new_index": c.new_index,
                "old_locator": _locator(c.old_locator),
                "new_locator": _locator(c.new_locator),
                "renumbered": c.renumbered,
                "label": unstructure(c.label),
                "old_label": unstructure(c.old_label),
                "diff": data(c.diff),
            }
            for c in change.changed
        ],
    }
