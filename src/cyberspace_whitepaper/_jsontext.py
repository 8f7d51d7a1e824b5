"""Strict JSON text to plain data: UTF-8 only, no duplicate keys, no NaN, limits first.

The standard library's parser does the work (its C scanner is fast); this
module wraps it so that nothing it lets through by default gets past us, and
so that every failure is a :class:`LoadError` with a line and column.
"""

from __future__ import annotations

import functools
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ._limits import Limits
from .errors import LimitError, LoadError, Problem, ValidationError, excerpt, join_path

__all__ = ["decode_text", "line_and_column", "parse_json"]

_BOM = "\ufeff"
_UTF8_BOM = b"\xef\xbb\xbf"
# A JSON string: quote, then runs of ordinary characters and escapes, then quote.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
# Every opener becomes "(" and every closer ")", so depth is a matter of pairs.
_BRACKETS = str.maketrans({"[": "(", "{": "(", "]": ")", "}": ")"})
_NOT_BRACKET = re.compile(r"[^()]+")
_NO_WHITE_SPACE = str.maketrans("", "", " \t\r\n")


class _DuplicateKeyError(Exception):
    def __init__(self, key: str):
        self.key = key


class _NumberError(Exception):
    def __init__(self, message: str, limit: str, value: int, token: str):
        self.message = message
        self.limit = limit
        self.value = value
        self.token = token


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def decode_text(data: bytes | str) -> str:
    """Text from UTF-8 bytes, one leading byte order mark dropped; anything else is a LoadError."""
    if isinstance(data, str):
        return _drop_bom(data)
    has_bom = data.startswith(_UTF8_BOM)
    if not has_bom and (data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]):
        # A UTF-16 or UTF-32 byte order mark, or a NUL byte among the first
        # four, which UTF-8 JSON and YAML never have but UTF-16 and UTF-32 do.
        raise LoadError("the input is UTF-16 or UTF-32; only UTF-8 is accepted", line=1, column=1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        # The column counts characters after any byte order mark, as for every
        # other LoadError; the line up to the bad byte is valid UTF-8.
        line_start = max(data.rfind(b"\n", 0, error.start) + 1, 3 if has_bom else 0)
        column = len(data[line_start : error.start].decode("utf-8")) + 1
        raise LoadError(
            f"not valid UTF-8 (byte {data[error.start]:#04x} at offset {error.start})",
            line=line,
            column=column,
        ) from None
    return _drop_bom(text)


def _drop_bom(text: str) -> str:
    # One leading byte order mark is dropped (RFC 8259 lets a parser ignore
    # it); a second is an error in every format, not a character of the text.
    if text.startswith(_BOM):
        text = text[1:]
        if text.startswith(_BOM):
            raise LoadError("more than one byte order mark at the start", line=1, column=1)
    return text


def check_text_limits(text: str, limits: Limits) -> None:
    """Size, string lengths and nesting depth, checked with regular expressions only."""
    if len(text) > limits.max_bytes:
        raise LimitError(f"the input has {len(text)} characters", limit="max_bytes", value=limits.max_bytes)
    _check_strings_count(text, limits)
    # One string at a time (not a list of them all, which a text of millions
    # of strings would make huge); +2 for the quotes, which a match keeps.
    longest = max(map(len, map(re.Match.group, _STRING.finditer(text))), default=0)
    if longest > limits.max_string_length + 2:
        match = next(m for m in _STRING.finditer(text) if len(m.group()) > limits.max_string_length + 2)
        line, column = line_and_column(text, match.start())
        raise LimitError(
            f"a string has {len(match.group()) - 2} characters",
            limit="max_string_length",
            value=limits.max_string_length,
            line=line,
            column=column,
        )
    unquoted = _STRING.sub("", text)
    _check_values(unquoted, limits)
    brackets = _NOT_BRACKET.sub("", unquoted.translate(_BRACKETS))
    # Each pass removes the innermost pairs, so the number of passes is the depth.
    depth = 0
    while "()" in brackets and depth <= limits.max_depth:
        brackets = brackets.replace("()", "")
        depth += 1
    # Openers left unclosed (a truncated or hostile document) count too.
    if depth + brackets.count("(") > limits.max_depth:
        deep_line, deep_column = _too_deep_at(text, limits.max_depth)
        raise LimitError(
            "the input is nested too deeply",
            limit="max_depth",
            value=limits.max_depth,
            line=deep_line,
            column=deep_column,
        )


def _check_strings_count(text: str, limits: Limits) -> None:
    """The max_nodes limit, before the strings are taken out, for a text of millions of strings.

    Each string has two quotes that no backslash escapes, so there are at
    least (quotes - backslashes) / 2 strings; each is a key or a value, and
    each key has its value, so there are at least half as many values. Over
    twice max_nodes of those, the text is refused as :func:`_check_values`
    would refuse it, before taking the strings out costs memory.
    """
    if len(text) <= 8 * limits.max_nodes:
        return  # no more than len / 2 strings: the count below cannot be over the bound
    strings = (text.count('"') - text.count("\\")) // 2
    if strings > 4 * limits.max_nodes:
        raise LimitError(
            f"the input has over {limits.max_nodes} values", limit="max_nodes", value=limits.max_nodes
        )


def _check_values(unquoted: str, limits: Limits) -> None:
    """The max_nodes limit, before parsing, for a text with over twice as many values.

    A text of millions of small values would take the memory the limit is
    there to bound if it were parsed first. Up to twice the limit the text
    is parsed, so that the error can name the array that is too long (see
    :func:`._limits.check_counts`); beyond, it is refused here.

    ``unquoted`` is the text with its strings taken out. Every value but the
    document is an item or a member of a container, and a container of n
    of them holds n - 1 commas, so the values are one, plus the commas, plus
    the containers that are not empty. (In text that is not JSON the count
    means little, but then parsing fails anyway.)
    """
    if len(unquoted) <= 2 * limits.max_nodes:
        return  # the count below cannot exceed the characters left
    bare = unquoted.translate(_NO_WHITE_SPACE)
    containers = bare.count("[") + bare.count("{") - bare.count("[]") - bare.count("{}")
    if 1 + bare.count(",") + containers > 2 * limits.max_nodes:
        raise LimitError(
            f"the input has over {limits.max_nodes} values", limit="max_nodes", value=limits.max_nodes
        )


_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


def _too_deep_at(text: str, max_depth: int) -> tuple[int | None, int | None]:
    # Only on the error path: where the first array or object too deep opens.
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        first = match.group()[0]
        if first in "[{":
            depth += 1
            if depth > max_depth:
                return line_and_column(text, match.start())
        elif first in "]}":
            depth -= 1
    return None, None  # pragma: no cover - openers the check counted are always found


@functools.lru_cache(maxsize=16)
def _hooks(limits: Limits) -> dict[str, Any]:
    max_digits = limits.max_integer_digits
    max_length = limits.max_number_length

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    raise _DuplicateKeyError(key)
                seen.add(key)
        return result

    def integer(token: str) -> int:
        digits = len(token) - (token[0] == "-")
        if digits > max_digits:
            raise _NumberError(f"an integer has {digits} digits", "max_integer_digits", max_digits, token)
        try:
            return int(token)
        except ValueError:  # over the interpreter's own cap (sys.set_int_max_str_digits)
            raise _NumberError(
                f"an integer has {digits} digits, more than Python converts", "", 0, token
            ) from None

    def number(token: str) -> Decimal:
        if len(token) > max_length:
            raise _NumberError(
                f"a number has {len(token)} characters", "max_number_length", max_length, token
            )
        try:
            return Decimal(token)
        except InvalidOperation:  # an exponent past what Decimal holds (over 10**18); found by fuzzing
            raise _NumberError(f"a number out of range: {excerpt(token)}", "", 0, token) from None

    def constant(token: str) -> Any:
        raise _NumberError(f"{token} is not JSON", "", 0, token)

    return {
        "object_pairs_hook": pairs,
        "parse_int": integer,
        "parse_float": number,
        "parse_constant": constant,
    }


def parse_json(data: bytes | str, limits: Limits) -> Any:
    """Plain data from strict JSON text. Non-integral numbers become :class:`Decimal`."""
    if isinstance(data, bytes) and len(data) > limits.max_bytes:
        raise LimitError(f"the input has {len(data)} bytes", limit="max_bytes", value=limits.max_bytes)
    text = decode_text(data)
    if not text.strip():
        raise LoadError("empty document", line=1, column=1)
    check_text_limits(text, limits)
    hooks = _hooks(limits)
    try:
        return _decode(text, hooks)
    except _DuplicateKeyError:
        pass
    # Duplicate keys are well-formed JSON (RFC 8259 only says names SHOULD be
    # unique), so they break the model rather than the syntax: once a second
    # pass shows the rest of the text is well-formed, every duplicate is
    # reported as a ValidationError problem at its path.
    _decode(text, {**hooks, "object_pairs_hook": dict})
    raise ValidationError(_duplicate_keys(text))


def _decode(text: str, hooks: dict[str, Any]) -> Any:
    try:
        return json.loads(text, **hooks)
    except json.JSONDecodeError as error:
        # "Invalid control character at" reads better without its dangling "at".
        raise LoadError(error.msg.removesuffix(" at"), line=error.lineno, column=error.colno) from None
    except _NumberError as error:
        line, column = _find_token(text, error.token)
        if not error.limit:
            raise LoadError(error.message, line=line, column=column) from None
        raise LimitError(
            error.message, limit=error.limit, value=error.value, line=line, column=column
        ) from None
    except RecursionError:  # pragma: no cover - the depth check above comes first
        raise LoadError("the input is nested too deeply") from None


def _find_token(text: str, token: str) -> tuple[int | None, int | None]:
    # Only on the error path: the first place outside strings where the token
    # stands whole (not as the tail or head of a longer number).
    skeleton = _STRING.sub(lambda m: " " * len(m.group()), text)
    found = re.search(rf"(?<![-+.\w]){re.escape(token)}(?![-+.\w])", skeleton)
    return line_and_column(text, found.start()) if found else (None, None)


_TOKEN = re.compile(r'("(?:[^"\\]|\\.)*")(\s*:)?|[\[\]{},]', re.DOTALL)


def _duplicate_keys(text: str) -> list[Problem]:
    """Every repeated key of well-formed JSON text, at its path, with both positions."""
    problems = []
    # One frame per open container: its path, the keys seen so far with their
    # offsets (None for an array), and the current key or array index.
    frames: list[list[Any]] = []
    # Strings are matched whole, so brackets and commas inside them do not count.
    for match in _TOKEN.finditer(text):
        first = match.group()[0]
        if first in "[{":
            path = join_path(frames[-1][0], frames[-1][2]) if frames else "$"
            frames.append([path, {} if first == "{" else None, 0])
        elif first in "]}":
            frames.pop()
        elif first == ",":
            if frames[-1][1] is None:
                frames[-1][2] += 1
        elif match.group(2):  # a string followed by a colon is a key
            key = json.loads(match.group(1))
            seen = frames[-1][1]
            frames[-1][2] = key
            if key not in seen:
                seen[key] = match.start()
                continue
            first_line, first_column = line_and_column(text, seen[key])
            line, column = line_and_column(text, match.start())
            problems.append(
                Problem(
                    path=join_path(frames[-1][0], key),
                    code="duplicate-key",
                    message=f"duplicate key {excerpt(key)} (first at line {first_line}, column "
                    f"{first_column}; again at line {line}, column {column})",
                )
            )
    return problems
