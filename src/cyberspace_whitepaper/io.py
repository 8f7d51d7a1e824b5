"""Loading and saving: JSON (primary), YAML (``yaml`` extra) and JSON Lines.

Every reader takes ``type=`` (default :class:`WhitePaper`), so any model
class can be read, and ``limits=`` (default :data:`DEFAULT_LIMITS`). Every
reader raises :class:`LoadError` for input that is not well-formed or over a
limit, and :class:`ValidationError` with every problem for input that breaks
the model; file-system failures stay :class:`OSError`.

Writers take the object's own class unless ``type=`` says otherwise. Output
is deterministic: equal objects give identical text.
"""

from __future__ import annotations

import builtins  # "type" is a parameter name here, as in the public API
import collections
import datetime
import decimal
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator
from io import TextIOBase
from typing import IO, Any, Literal, TypeVar, overload

from . import _engine, _fastjson
from ._files import StrPath, atomic_write, open_regular_file, read_regular_file
from ._jsontext import parse_json
from ._limits import DEFAULT_LIMITS, Limits, check_counts
from ._yamltext import dump_yaml, parse_yaml
from .errors import LimitError, LoadError, Problem, ValidationError, a_or_an, excerpt, join_path
from .model import MODEL_CLASSES, WhitePaper

__all__ = [
    "DEFAULT_LIMITS",
    "Format",
    "Limits",
    "dump",
    "dump_jsonl",
    "dumpb",
    "dumps",
    "from_dict",
    "iter_jsonl",
    "load",
    "loads",
    "to_dict",
]

T = TypeVar("T")
Format = Literal["json", "yaml"]

_SUFFIXES: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def _format_of(path: StrPath) -> Format:
    name = os.fspath(path) if isinstance(path, (str, os.PathLike)) else None
    if not isinstance(name, str):
        raise TypeError(f"a path must be a str or an os.PathLike of str, got {builtins.type(path).__name__}")
    suffix = os.path.splitext(name)[1].lower()
    found = _SUFFIXES.get(suffix)
    if found is None:
        hint = " (use iter_jsonl or dump_jsonl for JSON Lines)" if suffix == ".jsonl" else ""
        raise LoadError(
            f"cannot tell the format of {excerpt(os.fspath(path))}: expected .json, .yaml or .yml{hint}"
        )
    return found


_MODEL_CLASSES = frozenset(MODEL_CLASSES)


def _model_class(cls: Any) -> type:
    # The library's own classes only: another attrs class would be read or
    # written with none of the model's checks.
    if not (isinstance(cls, type) and cls in _MODEL_CLASSES):
        raise TypeError(f"type= must be a model class such as WhitePaper or Event, got {cls!r}")
    return cls


def _written_class(obj: Any, type: Any) -> type:
    """The class ``obj`` is written as (``type``, or its own); a TypeError if it is not a model object."""
    if type is None:
        cls = builtins.type(obj)
        if cls not in _MODEL_CLASSES:
            raise TypeError(f"expected a model object such as a WhitePaper or an Event, got {cls.__name__}")
        return cls
    cls = _model_class(type)
    if not isinstance(obj, cls):
        raise TypeError(f"expected {a_or_an(cls.__name__)}, got {builtins.type(obj).__name__}")
    return cls


# --- plain data ---------------------------------------------------------------


@overload
def from_dict(data: Any, *, limits: Limits = ...) -> WhitePaper: ...
@overload
def from_dict(data: Any, *, type: type[T], limits: Limits = ...) -> T: ...
def from_dict(data: Any, *, type: Any = WhitePaper, limits: Limits = DEFAULT_LIMITS) -> Any:
    """A model object from plain data (dicts, lists, strings, numbers, booleans, None).

    Only the plain types themselves are accepted, never subclasses or other
    mappings, so no caller's code runs during validation. The data is copied:
    changing it later never changes the object.
    """
    cls = _model_class(type)
    _check_plain(data, limits)
    check_counts(data, limits)
    return _engine.structure(data, cls)


def to_dict(obj: Any, *, type: Any = None) -> Any:
    """Plain data for a model object: new dicts and lists on every call."""
    return _engine.write(obj, _written_class(obj, type))


def json_writer(cls: type, *, indent: bool) -> Callable[[Any], bytes]:
    """The one writing of canonical JSON for a ``cls``, and a newline: indented (a document) or compact.

    For :func:`dumpb` and for each line of :func:`dump_jsonl`; made once for
    many objects of one class. The caller pauses the collector
    (:func:`._engine.collector_paused`): once for a document, once for a
    batch of lines.
    """
    write = _engine.writer(cls)
    encode = _fastjson.encoder(indent=indent)
    # orjson writes floats below 1e-4 otherwise than the json module, which sets the canonical form.
    decimals = bool(_engine.decimal_paths(cls))
    options: dict[str, Any] = {"indent": 2} if indent else {"separators": (",", ":")}

    def to_json(obj: Any) -> bytes:
        plain = write(obj)
        written = None
        if encode is not None and not (decimals and _engine.holds_tiny_decimal(obj)):
            written = encode(plain)
        if written is None:
            text = json.dumps(plain, ensure_ascii=False, allow_nan=False, **options)
            written = (text + "\n").encode("utf-8")
        return written

    return to_json


_PLAIN_SCALARS = (str, int, float, bool, type(None))
# Types whose repr runs no code of the caller's (containers: if their items are such too).
_SHOWN_SCALARS = frozenset(
    {*_PLAIN_SCALARS, bytes, complex, decimal.Decimal, datetime.date, datetime.datetime, datetime.time}
)
_SHOWN_CONTAINERS = frozenset({tuple, list, set, frozenset, dict, collections.OrderedDict, collections.deque})


def _shows_safely(value: Any, depth: int = 0) -> bool:
    kind = builtins.type(value)
    if kind in _SHOWN_SCALARS:
        return True
    if kind not in _SHOWN_CONTAINERS or depth > 2 or len(value) > 20:
        return False
    items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
    return all(_shows_safely(item, depth + 1) for item in items)


def _shown(value: Any) -> str:
    """An excerpt of a value that is not plain data, without running any of its own code."""
    return excerpt(value) if _shows_safely(value) else f"<{builtins.type(value).__name__} object>"


def _check_plain(data: Any, limits: Limits) -> None:
    """Refuse non-plain types, non-string keys, deep nesting and long strings, without recursion."""
    problems: list[Problem] = []
    stack: list[tuple[Any, str, int]] = [(data, "$", 1)]
    while stack:
        value, path, depth = stack.pop()
        kind = builtins.type(value)
        if kind is dict or kind is list:
            if depth > limits.max_depth:
                # Also what stops a cyclic structure: it never ends, so it is too deep.
                raise LimitError(
                    f"the data is nested too deeply at {path}",
                    limit="max_depth",
                    value=limits.max_depth,
                )
            if kind is dict:
                for key, item in value.items():
                    if builtins.type(key) is not str:
                        problems.append(
                            Problem(
                                path=path,
                                code="key-type",
                                message=f"keys must be strings, got {_shown(key)}",
                            )
                        )
                        continue
                    stack.append((item, join_path(path, key), depth + 1))
            else:
                stack.extend((item, join_path(path, index), depth + 1) for index, item in enumerate(value))
        elif kind is str:
            if len(value) > limits.max_string_length:
                raise LimitError(
                    f"a string at {path} has {len(value)} characters",
                    limit="max_string_length",
                    value=limits.max_string_length,
                )
        elif kind not in _PLAIN_SCALARS:
            problems.append(
                Problem(
                    path=path,
                    code="type",
                    message=f"expected plain JSON data, got {kind.__name__} {_shown(value)}",
                )
            )
    if problems:
        raise ValidationError(problems)


# --- text ---------------------------------------------------------------------


@overload
def loads(data: bytes | str, *, format: Format = ..., limits: Limits = ...) -> WhitePaper: ...
@overload
def loads(data: bytes | str, *, type: type[T], format: Format = ..., limits: Limits = ...) -> T: ...
def loads(
    data: bytes | str,
    *,
    type: Any = WhitePaper,
    format: Format = "json",
    limits: Limits = DEFAULT_LIMITS,
) -> Any:
    """A model object from JSON (or, with ``format="yaml"``, YAML) text or UTF-8 bytes."""
    cls = _model_class(type)
    if not isinstance(data, (bytes, str)):
        raise TypeError(f"loads() takes str or bytes, got {builtins.type(data).__name__}")
    if format == "json":
        return _load_json(data, cls, limits)
    if format == "yaml":
        plain = parse_yaml(data, limits)
        check_counts(plain, limits, len(data))
        return _engine.structure(plain, cls)
    raise ValueError(f"format must be 'json' or 'yaml', got {format!r}")


def _load_json(data: bytes | str, cls: type, limits: Limits) -> Any:
    return json_reader(cls, limits)(data)


def json_reader(cls: type, limits: Limits) -> Callable[[bytes | str], Any]:
    """The one reading of JSON text into a ``cls``: for :func:`loads`, and for each line of JSON Lines.

    orjson reads the text where that changes nothing (:func:`._fastjson.parser`),
    then the engine's generated reader; else the strict parser and the
    detailed path, so that every error is the one they report (a limit
    first, with its place). Made once for many texts of one class.
    """
    parse = _fastjson.parser(cls, limits)

    def read(data: bytes | str) -> Any:
        rejected = None
        with _engine.collector_paused():  # the parse too builds many objects
            plain = None if parse is None else parse(data)
            if plain is not None:
                try:
                    found = _engine.read(plain, cls)
                except _engine.RejectError:
                    rejected = True
                except _engine.DeclineError:
                    rejected = False
                else:
                    # Freed before the collector runs again, which then has only the model objects to see.
                    del plain
                    return found
        plain = parse_json(data, limits)
        check_counts(plain, limits, len(data))
        return _engine.structure(plain, cls, rejected=rejected)

    return read


def dumps(obj: Any, *, type: Any = None, format: Format = "json") -> str:
    """Canonical text for a model object.

    JSON: keys in field order, every field written, two-space indent,
    Chinese written as itself, a trailing newline. Equal objects give
    identical text.
    """
    if format == "yaml":
        return dump_yaml(to_dict(obj, type=type))
    return dumpb(obj, type=type, format=format).decode("utf-8")


def dumpb(obj: Any, *, type: Any = None, format: Format = "json") -> bytes:
    """The text of :func:`dumps` as UTF-8 bytes, exactly what :func:`dump` writes to a file.

    For hashing, HTTP bodies, archives and sockets: the bytes come straight
    from the writer, without a round trip through ``str``.
    """
    if format == "json":
        cls = _written_class(obj, type)
        with _engine.collector_paused():
            return json_writer(cls, indent=True)(obj)
    if format == "yaml":
        return dumps(obj, type=type, format=format).encode("utf-8")
    raise ValueError(f"format must be 'json' or 'yaml', got {format!r}")


# --- files --------------------------------------------------------------------


@overload
def load(path: StrPath, *, limits: Limits = ...) -> WhitePaper: ...
@overload
def load(path: StrPath, *, type: type[T], limits: Limits = ...) -> T: ...
def load(path: StrPath, *, type: Any = WhitePaper, limits: Limits = DEFAULT_LIMITS) -> Any:
    """A model object from a ``.json``, ``.yaml`` or ``.yml`` file.

    Only regular files are read, and no more than ``limits.max_bytes``.
    """
    file_format = _format_of(path)
    return loads(read_regular_file(path, limits), type=type, format=file_format, limits=limits)


def dump(obj: Any, path: StrPath, *, type: Any = None) -> None:
    """Write a model object to a ``.json``, ``.yaml`` or ``.yml`` file, atomically.

    The text is made in full before the file is touched; then a temporary
    file is written beside the target and renamed over it. On any failure the
    old file is unchanged and no temporary file is left. A symbolic link as
    destination is refused (``OSError``). Text that :func:`load` would refuse
    under the default limits (a string too long once escaped, too many
    values) is refused with :class:`LimitError` before anything is written.
    """
    file_format = _format_of(path)
    data = dumpb(obj, type=type, format=file_format)
    _check_loadable(data, file_format)
    atomic_write(path, (data,))


def _check_loadable(data: bytes, file_format: Format, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse to save text that ``load`` would refuse under ``limits``: every saved file can be read back.

    Text of a model object no longer than the shortest that could break a
    limit (a string, an array, the values) is saved unchecked: its numbers
    and nesting are within the model's own bounds. Longer text is read back
    by the parser's limit checks before anything is written.
    """
    if len(data) <= min(limits.max_string_length, 2 * limits.max_array_items, 2 * limits.max_nodes):
        return
    try:
        if len(data) > limits.max_bytes:
            raise LimitError(f"the text has {len(data)} bytes", limit="max_bytes", value=limits.max_bytes)
        plain = parse_json(data, limits) if file_format == "json" else parse_yaml(data, limits)
        check_counts(plain, limits, len(data))
    except LimitError as error:
        raise LimitError(
            f"not saved, since it could not be loaded again: {error.reason}",
            limit=error.limit,
            value=error.value,
        ) from None


# --- JSON Lines -----------------------------------------------------------------


@overload
def iter_jsonl(source: StrPath | IO[bytes], *, limits: Limits = ...) -> Iterator[WhitePaper]: ...
@overload
def iter_jsonl(source: StrPath | IO[bytes], *, type: type[T], limits: Limits = ...) -> Iterator[T]: ...
def iter_jsonl(
    source: StrPath | IO[bytes],
    *,
    type: Any = WhitePaper,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Any]:
    """Model objects from a JSON Lines file or binary stream, one line at a time.

    Memory stays constant however long the input: lines are read up to 256
    ahead of the objects yielded, never more. Lines are split on
    ``\\n`` only (a U+2028 inside a string is not a line break); a ``\\r``
    before it is dropped; blank lines are skipped but counted; a byte order
    mark on the first line is dropped, and refused on any other.
    ``limits.max_bytes`` applies to each line. An error names its line:
    ``LoadError.line``, or
    ``Problem.line`` for each problem of a ``ValidationError``. Objects from
    lines before a bad one have already been yielded; wrap the call in
    ``tuple()`` to get all or nothing.
    """
    cls = _model_class(type)
    if isinstance(source, (str, os.PathLike)):
        with open_regular_file(source) as file:
            yield from _iter_lines(file, cls, limits)
    elif isinstance(source, TextIOBase) or not hasattr(source, "readline"):
        raise TypeError(
            "iter_jsonl() takes a path or a binary stream (open files with 'rb'), "
            f"got {builtins.type(source).__name__}"
        )
    else:
        yield from _iter_lines(source, cls, limits)


def jsonl_lines(file: IO[bytes], limits: Limits) -> Iterator[tuple[int, bytes | LoadError]]:
    """Each non-blank line of a JSON Lines stream with its number, or the error that line is.

    The one splitting of JSON Lines, for :func:`iter_jsonl` (which raises
    the first error) and for ``tables.convert_jsonl`` (which reports it and
    goes on): a line is cut at ``max_bytes``, and only if the reader asks
    for the next line is the rest of a long one skipped.
    """
    number = 0
    while True:
        line = file.readline(limits.max_bytes + 2)
        if not line:
            return
        number += 1
        if len(line) > limits.max_bytes + (line.endswith(b"\n") + line.endswith(b"\r\n")):
            yield (
                number,
                LimitError(
                    f"line {number} is too long", limit="max_bytes", value=limits.max_bytes, line=number
                ),
            )
            while line and not line.endswith(b"\n"):
                line = file.readline(1 << 16)
            continue
        if line.endswith(b"\n"):
            line = line[:-2] if line.endswith(b"\r\n") else line[:-1]
        if line.startswith(b"\xef\xbb\xbf"):
            if number > 1:  # each line is not a document of its own: a mark starts the file only
                yield (
                    number,
                    LoadError(
                        "a byte order mark is allowed only at the start of the file", line=number, column=1
                    ),
                )
                continue
            line = line[3:]
        if line.strip():
            yield number, line


def _iter_lines(file: IO[bytes], cls: type, limits: Limits) -> Iterator[Any]:
    lines = jsonl_lines(file, limits)
    read = json_reader(cls, limits)
    while True:
        # Lines are read some hundreds at a time, each batch with the collector paused once
        # (a pause per line cost more than reading a small line); the objects are yielded
        # after it, with the collector as the caller has it.
        batch: list[Any] = []
        error: LoadError | ValidationError | None = None
        with _engine.collector_paused():
            for number, line in itertools.islice(lines, _BATCH):
                try:
                    if isinstance(line, LoadError):
                        raise line
                    batch.append(read(line))
                except (LoadError, ValidationError) as found:
                    error = placed_on_line(found, number)
                    break
        yield from batch
        if error is not None:
            raise error
        if len(batch) < _BATCH:
            return


def placed_on_line(error: LoadError | ValidationError, number: int) -> LoadError | ValidationError:
    """The error of one line of JSON Lines, placed on its line as :func:`iter_jsonl` raises it."""
    if isinstance(error, LoadError):  # a LimitError too
        error.line = number
        return error
    return ValidationError((p.rebased("$", line=number) for p in error.problems), omitted=error.omitted)


# Lines read or written with the collector paused once.
_BATCH = 256


def dump_jsonl(items: Iterable[Any], path: StrPath, *, type: Any = None) -> int:
    """Write model objects to a JSON Lines file, one compact line each, atomically.

    Items are written as they come, so memory stays constant. All items must
    be of ``type`` (default: the first item's class). Returns how many lines
    were written. On any failure the old file is unchanged; a line that
    :func:`iter_jsonl` would refuse under the default limits is a failure.
    """
    count = 0

    def lines() -> Iterator[bytes]:
        nonlocal count
        expected = None if type is None else _model_class(type)
        to_json = None if expected is None else json_writer(expected, indent=False)
        remaining = iter(items)
        while True:
            # Lines go to the file some hundreds at a time, each batch made with the collector
            # paused once (a pause per line cost more than writing the line).
            batch: list[bytes] = []
            with _engine.collector_paused():
                for item in itertools.islice(remaining, _BATCH):
                    if to_json is None:  # no type= given: the first item's class
                        expected = _written_class(item, None)
                        to_json = json_writer(expected, indent=False)
                    elif builtins.type(item) is not expected:
                        _written_class(item, expected)  # the caller's error, said as for one object
                    count += 1
                    line = to_json(item)
                    _check_loadable(line, "json")
                    batch.append(line)
            if not batch:
                return
            yield b"".join(batch)

    atomic_write(path, lines())
    return count
