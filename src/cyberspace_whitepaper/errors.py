"""The error family.

Every error the library raises for bad data is a :class:`WhitePaperError`,
and also the built-in exception a caller would catch anyway (``ValueError``).
Errors carry their data as attributes; ``str()`` is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

import attrs

__all__ = [
    "PROBLEM_CODES",
    "LimitError",
    "LoadError",
    "NotFoundError",
    "Problem",
    "ValidationError",
    "WhitePaperError",
    "a_or_an",
    "excerpt",
    "join_path",
]

#: A ValidationError keeps at most this many problems; the rest are counted.
MAX_PROBLEMS = 100

#: Every ``Problem.code`` the library gives, and what it means. The codes are
#: stable: programs may match on them. (A test fails on any code not listed.)
PROBLEM_CODES: dict[str, str] = {
    "type": "the value is not of the expected type (a number for a string, a list for an object ...)",
    "missing": "a required key is left out",
    "unknown-key": "an object has a key the model does not know",
    "key-type": "an object's key is not a string",
    "duplicate-key": "a key appears twice in one JSON object",
    "enum": "the value is not one of a closed vocabulary's values",
    "empty": "a text is empty or blank, or a tuple has fewer items than it needs",
    "whitespace": "a text starts or ends with white space",
    "character": (
        "a text holds a character it may not (a control, a lone surrogate, a bidi override;"
        " in a name, an invisible format character)"
    ),
    "pattern": "a string is not of its form (an identifier, a language tag, a URL, a date, a locator)",
    "range": "a number is outside its range (a chapter number, a year, a decimal's size)",
    "precision": "a decimal has more significant digits than a double holds exactly",
    "value": "the value is not allowed, for a reason the message gives (not a real date, not finite ...)",
    "duplicate": "an item repeats in a tuple whose items must not",
    "date-order": "an event ends before it begins",
    "not-checked": "checking stopped after too many bad items; the rest of the array was not examined",
    "duplicate-id": "an id is used twice in the paper",
    "duplicate-name": "two ideas of one kind share a name (in English or in Chinese)",
    "duplicate-event": "two events of one date share a title (in English or in Chinese)",
    "dangling-reference": "a reference names no entity of the paper",
    "wrong-kind": "a reference names an entity of the wrong kind",
    "self-reference": "an entity refers to itself where it must refer to another (an actor's affiliation)",
    "cycle": "references between entities of one kind lead back to where they start",
    "unknown-locator": "a locator names a part of the text the paper does not have",
    "numbering": "numbers do not run 1, 2, 3 ... without gaps",
    "after-paper": "a figure, or an event the paper mentions, is dated after the paper",
    "conflict": "two records of one thing in a corpus disagree (an actor in two papers, say)",
    "missing-table": "a table the layout needs is not among the tables given",
    "unknown-table": "a table that is not in the layout",
    "schema": "a table's schema is not the one the layout declares",
    "header": "a table's columns are not the ones its schema declares (CSV, Parquet)",
    "row": "a table's row has another number of cells than its columns",
    "cell": "a table's cell cannot be read as its column's type (CSV, Parquet)",
    "csv": "a CSV file that is not well-formed CSV",
    "inconsistent": "tables that say one thing twice disagree (a derived cell, an index table)",
    "missing-row": "a row that the other tables imply is missing",
    "rows": "the table of the paper (or of the corpus) itself has other than one row",
}

_EXCERPT_LENGTH = 80
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_PATH_TOKEN = re.compile(r"\[(\d+)\]|\.([A-Za-z_][A-Za-z0-9_]*)|\[('(?:[^'\\]|\\.)*')\]")


def excerpt(value: object) -> str:
    """Show a bad value safely in a message: escaped, and cut to 80 characters.

    A decimal number is shown as written (``1.0``, not ``Decimal('1.0')``);
    a value whose ``repr`` fails (an int of over 4300 digits) by its type only.
    """
    if type(value) is Decimal:
        text = str(value)
    else:
        try:
            text = repr(value)
        except Exception:  # a message must never fail to build
            text = f"<{type(value).__name__} that cannot be shown>"
    if len(text) > _EXCERPT_LENGTH:
        text = text[: _EXCERPT_LENGTH - 3] + "..."
    return text


def a_or_an(word: str) -> str:
    """The indefinite article for ``word``, written before it: ``an Event``, ``a source``."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def join_path(path: str, step: str | int) -> str:
    """Extend a JSON path by one key or index: ``$.events`` + 3 -> ``$.events[3]``."""
    if isinstance(step, int):
        return f"{path}[{step}]"
    if _PLAIN_KEY.match(step):
        return f"{path}.{step}"
    return f"{path}[{excerpt(step)}]"


def _path_sort_key(path: str) -> tuple[tuple[int, int | str], ...]:
    # Indices sort as numbers, so $.events[10] comes after $.events[9].
    key: list[tuple[int, int | str]] = []
    for index, name, quoted in _PATH_TOKEN.findall(path):
        if index:
            key.append((1, int(index)))
        else:
            key.append((0, name or quoted))
    return tuple(key)


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with the data, and where.

    Attributes:
        path: JSON path of the bad value, such as ``$.events[3].actors[0]``.
            ``$`` is the object being loaded or constructed.
        code: a stable, machine-readable name for the kind of problem
            (``type``, ``missing``, ``unknown-key``, ``dangling-reference`` ...).
        message: what is wrong, for a person.
        line: for JSON Lines input, the line the record came from.
    """

    path: str
    code: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: {self.path}" if self.line is not None else self.path
        return f"{where}: {self.message}"

    def rebased(self, prefix: str, line: int | None = None) -> Problem:
        """The same problem seen from a containing object at ``prefix``."""
        return Problem(
            path=prefix + self.path[1:],
            code=self.code,
            message=self.message,
            line=self.line if line is None else line,
        )


class WhitePaperError(Exception):
    """Base of every error this library raises for bad data."""

    def __reduce__(self) -> tuple[object, ...]:
        # The subclasses take keyword-only data that ``args`` does not hold, so
        # the default pickling (used by multiprocessing) would fail to rebuild
        # them: restore the attributes instead of calling ``__init__`` again.
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(
    cls: type[WhitePaperError], args: tuple[object, ...], state: dict[str, object]
) -> WhitePaperError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class LoadError(WhitePaperError, ValueError):
    """The input is not well-formed: bad syntax, bad encoding, or over a limit.

    Attributes:
        message: what is wrong.
        line: 1-based line of the problem in the input, when known.
        column: 1-based column of the problem, when known.
    """

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        if self.column is None:
            return f"line {self.line}: {self.message}"
        return f"line {self.line}, column {self.column}: {self.message}"


class LimitError(LoadError):
    """The input is over one of the configured limits (see :class:`Limits`).

    Attributes:
        reason: what is over the limit, in words (the message without the limit).
        limit: the name of the limit, as in :class:`Limits` (``max_depth`` ...).
        value: the limit's value in force.
    """

    def __init__(
        self,
        message: str,
        *,
        limit: str,
        value: int,
        line: int | None = None,
        column: int | None = None,
    ):
        super().__init__(f"{message} (limit {limit}={value})", line=line, column=column)
        self.reason = message
        self.limit = limit
        self.value = value


class NotFoundError(WhitePaperError, KeyError):
    """A lookup by id or by place found nothing: no such id, or not of the kind asked for.

    Also a ``KeyError``, as a missing key of a mapping is. Unlike a plain
    ``KeyError``, ``str()`` is the message itself, not its ``repr``.

    Attributes:
        key: the id or place that was looked up.
        message: what was not found, with a "did you mean" hint where an id
            is close.
        suggestion: that close id, or None.
    """

    def __init__(self, message: str, *, key: str, suggestion: str | None = None):
        super().__init__(message)
        self.message = message
        self.key = key
        self.suggestion = suggestion

    def __str__(self) -> str:
        return self.message


class ValidationError(WhitePaperError, ValueError):
    """Well-formed input that breaks the model.

    Attributes:
        problems: every problem found, sorted by path, at most 100.
        omitted: how many further problems were found and not kept.
    """

    def __init__(self, problems: Iterable[Problem], *, omitted: int = 0):
        # ``omitted``: problems already left out by an error these were taken from.
        ordered = sorted(problems, key=lambda p: (p.line or 0, _path_sort_key(p.path), p.code))
        self.problems = tuple(ordered[:MAX_PROBLEMS])
        self.omitted = max(0, len(ordered) - MAX_PROBLEMS) + omitted
        super().__init__(str(self))

    @classmethod
    def single(cls, path: str, code: str, message: str) -> ValidationError:
        """An error of one problem."""
        return cls((Problem(path=path, code=code, message=message),))

    def __str__(self) -> str:
        lines = [str(problem) for problem in self.problems]
        if self.omitted:
            lines.append(f"and {self.omitted} more")
        return "\n".join(lines)
