"""JSON text to model objects and back, fast, where it can be shown that nothing changes.

The strict path (:func:`._jsontext.parse_json`, the count limits, then the
converter) checks limits with regular expressions before parsing, finds
duplicate keys with a Python hook on every object and reads every number
through a hook. For text that turns out valid, the same can be shown after
a plain parse, far more cheaply:

- orjson parses when it is installed, else the json module without hooks
  (floats become exact Decimals either way; see below);
- text exactly as this library writes it (orjson's two-space indent, or
  compact JSON lines) is proved free of repeated keys by writing the parsed
  data again and comparing bytes, and its floats by comparing orjson's
  text for each with its repr. If such text also holds no backslash, no
  DEL and no C1 or bidirectional control (looked for by their UTF-8 lead
  bytes), no string in it can hold a forbidden character, and it is read
  without testing each string for them. Other text takes the proofs below;
- duplicate keys: a parser keeps the last of two equal keys, so the
  objects then hold fewer keys than the text names. Every key of the text
  ends with a quote, white space and a colon, and the text holds at least
  as many such runs as keys, so if the generated code counts no fewer
  keys in its objects than there are such runs, no key was repeated;
- limits: the generated code accepts only strings short enough, arrays
  small enough and integers with few enough digits that no limit could be
  broken, given the limits in force (otherwise the strict path runs), and
  counts values for ``max_nodes``; the class's own shape bounds the depth;
- exact decimals: orjson reads a number with a point or an exponent as a
  float. Each such number of a decimal field is looked up in the text, and
  must be written exactly as the float's shortest repr, which the
  Decimal of the repr then equals, digit for digit.

Whenever anything cannot be shown, :func:`load` returns None, and the strict
path reads the text again and reports what is wrong, with the exact errors
of the API (or, rarely, finds nothing wrong and builds the same object).

Writing: the generated code makes the plain data, and orjson writes it
where it writes exactly what the json module would (it does, but for floats
below 1e-4, which the json module writes as ``1e-05``).
"""

from __future__ import annotations

import functools
import gc
import importlib
import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from . import _codegen
from ._limits import Limits

orjson: Any
try:
    # Imported by name, so that type checkers need no stubs where it is missing.
    orjson = importlib.import_module("orjson")
except ImportError:  # pragma: no cover - the stdlib path is tested by forcing it
    orjson = None

__all__ = ["dumps", "load"]

#: Set to False to use the json module's parser even where orjson is installed.
USE_ORJSON = orjson is not None
#: Longer texts are parsed by the json module: orjson's parse of a text near
#: the 16 MiB limit peaks at about 15 times its size, the json module's at 5.
ORJSON_MAX_BYTES = 8 * 1024 * 1024
#: Longer texts have their values counted before the fast path parses them.
#: Parsing a flood of tiny values ({},{},...) holds up to about 36 times the
#: text; up to 6 MiB that stays within what a document at the 16 MiB limit
#: may cost anyway (about 15 times), and counting is not worth its time.
COUNT_VALUES_FROM = 6 * 1024 * 1024

# White space between a key and its colon, which the count of '":' would miss.
_SPACED_KEY = re.compile(rb'"[ \t\r\n]+:')
_SPACED_KEY_TEXT = re.compile(r'"[ \t\r\n]+:')


def _eligible(plan: _codegen.Plan, limits: Limits) -> bool:
    return (
        plan.depth <= limits.max_depth
        and limits.max_string_length >= 12 * _codegen.MAX_DECODED_STRING
        and limits.max_integer_digits >= _codegen.MAX_INTEGER_DIGITS
        and limits.max_number_length >= _codegen.MAX_FLOAT_LENGTH
        and limits.max_array_items >= _codegen.MAX_ARRAY_ITEMS
    )


@functools.lru_cache(maxsize=16)
def _decoder(max_number_length: int) -> json.JSONDecoder:
    def number(token: str) -> Decimal:
        if len(token) > max_number_length:
            raise ValueError(token)
        return Decimal(token)

    return json.JSONDecoder(parse_float=number)


# What follows a key of a decimal field: white space, a colon, white space, the number.
_AFTER_KEY = re.compile(rb"[ \t\r\n]*:[ \t\r\n]*(-?[0-9][0-9.eE+-]*)")
_AFTER_KEY_TEXT = re.compile(r"[ \t\r\n]*:[ \t\r\n]*(-?[0-9][0-9.eE+-]*)")


# (class, id of the limits) -> (the limits, kept alive so the id stays theirs; the plan or None).
_READY: dict[tuple[type, int], tuple[Limits, _codegen.Plan | None]] = {}


def _ready(cls: type, limits: Limits) -> _codegen.Plan | None:
    """The plan for ``cls`` if the fast path can vouch for every limit in ``limits``, else None."""
    found = _READY.get((cls, id(limits)))
    if found is None:
        plan = _codegen.plan_for(cls)
        found = (limits, plan if plan is not None and _eligible(plan, limits) else None)
        if len(_READY) >= 64:
            _READY.clear()
        _READY[(cls, id(limits))] = found
    return found[1]


def load(data: bytes | str, cls: type, limits: Limits) -> Any:
    """The ``cls`` the strict path would build from JSON ``data``, or None if that cannot be shown quickly.

    The cyclic garbage collector is paused throughout: nothing built here
    can form a cycle, and a bulk load would otherwise pay for repeated full
    collections of a growing heap. It is restored on every way out.
    """
    plan = _ready(cls, limits)
    if plan is None or len(data) > limits.max_bytes or attrs.validators.get_disabled():
        return None
    if (
        len(data) > COUNT_VALUES_FROM
        and (len(data) + 1) // 2 > limits.max_nodes
        and not _few_values(data, limits.max_nodes)
    ):
        # Parsing more values than max_nodes would take the memory the limit
        # is there to bound; the strict path counts them before it parses.
        return None
    with_orjson = USE_ORJSON and orjson is not None and len(data) <= ORJSON_MAX_BYTES
    counter: list[Any] = [0, [], 0, 0]  # keys, floats, array items, colons inside strings
    enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            if with_orjson:
                plain = orjson.loads(data)
            else:
                text = data.decode("utf-8") if type(data) is bytes else data
                plain = _decoder(limits.max_number_length).decode(text)  # type: ignore[arg-type]
            # Only the slower proof of unrepeated keys needs the colons counted.
            as_orjson_writes = _written_by_orjson(data, plain)
            if as_orjson_writes:
                # Below a few kilobytes (a JSON line) testing each string costs less than the proof.
                clean = len(data) >= _CHARACTER_PROOF_FROM and _no_forbidden_character(data)
                structure = plan.reader(False, not clean)
            else:
                structure = plan.reader(True, True)
            obj = structure(plain, counter)
        except Exception:  # anything at all: the strict path will say what
            return None
        keys, floats, items, colons = counter
        if 1 + keys + items > limits.max_nodes:
            return None
        if as_orjson_writes:
            # Each float was written as orjson writes it; that must be its repr.
            if floats and not all(orjson.dumps(number) == repr(number).encode() for number in floats):
                return None
            return obj
        is_text = type(data) is str
        if not _no_repeated_key(data, keys, colons, is_text):
            return None
        if floats and not _floats_exact(data, plan.decimal_fields, len(floats), is_text):
            return None
        return obj
    finally:
        if enabled:
            gc.enable()


def _written_by_orjson(data: bytes | str, plain: Any) -> bool:
    """Whether ``data`` is, byte for byte, what orjson writes for ``plain`` (two-space indent or compact).

    This is the form :func:`dumps` and :func:`line_writer` give, so what
    this library wrote is proved in one pass: orjson writes no key twice, so
    neither does the text. Other text goes to the slower proofs.
    """
    if not USE_ORJSON or orjson is None or type(data) is not bytes:
        return False
    if data.startswith(b'{\n  "'):
        option = orjson.OPT_INDENT_2
    elif data.startswith(b'{"'):
        option = 0
    else:
        return False
    try:
        written: bytes = orjson.dumps(plain, option=option)
    except Exception:  # not expected for what orjson read, but then nothing is proved
        return False
    size = len(written)
    return data.startswith(written) and (len(data) == size or (len(data) == size + 1 and data[size] == 10))


# The forbidden characters above U+007F, in UTF-8, by lead byte and length:
# C1 controls (U+0080..009F) and the bidirectional controls (U+202A..202E,
# U+2066..2069).
_FORBIDDEN_UTF8 = (
    (b"\xc2", 2, frozenset(chr(code).encode() for code in range(0x80, 0xA0))),
    (b"\xe2", 3, frozenset(chr(code).encode() for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))),
)
#: Past this many lead bytes to look at, the strings are checked one by one instead.
_MAX_LEADS = 64
#: Texts shorter than this are not looked over for forbidden characters at all.
_CHARACTER_PROOF_FROM = 4096


def _no_forbidden_character(data: bytes | str) -> bool:
    """Whether no string of this JSON text, as orjson reads it, can hold a character text fields forbid.

    orjson refuses control characters written raw in a string, and bytes
    that are not UTF-8 (so, surrogates): those can only come from an escape,
    which needs a backslash. DEL is one byte; C1 and the bidirectional
    controls are found by their lead bytes (C2, E2), which are rare, and
    then looked at one by one.
    """
    if type(data) is not bytes or b"\\" in data or b"\x7f" in data:
        return False
    if b"\xc2" not in data and b"\xe2" not in data:  # the usual case, found quickly
        return True
    for lead, width, forbidden in _FORBIDDEN_UTF8:
        at = data.find(lead)
        for _ in range(_MAX_LEADS):
            if at < 0:
                break
            if data[at : at + width] in forbidden:
                return False
            at = data.find(lead, at + 1)
        else:
            if at >= 0:
                return False  # too many to look at: the strings are checked instead
    return True


def _few_values(data: bytes | str, max_nodes: int) -> bool:
    """Whether ``data`` certainly holds no more values than ``max_nodes`` allows.

    Every value but the document is an item of an array or a member of an
    object, and a container of n of them holds n - 1 commas: so there are no
    more values than one, plus the commas, plus the opening brackets (those
    inside strings are counted too, which only errs on the safe side). A
    text of n characters holds at most (n + 1) / 2 values (each but the
    last is followed by a comma or a closing bracket), so short texts are
    not counted at all.
    """
    comma, bracket, brace = (b",", b"[", b"{") if type(data) is bytes else (",", "[", "{")
    return 1 + data.count(comma) + data.count(bracket) + data.count(brace) <= max_nodes  # type: ignore[arg-type]


def _no_repeated_key(data: bytes | str, keys: int, colons: int, is_text: bool) -> bool:
    """Whether the text names no more keys than the ``keys`` its parsed objects hold.

    Called only once the objects passed the generated code, so every key is
    a field's name (no colon, backslash or quote in it), and ``colons`` is
    the number of colons in the strings read. Two proofs, the cheaper first:

    - every key is followed by one colon outside strings. Colons inside
      strings are those read, less any written as an escape (one backslash
      each, at least). So there are at most (colons in the text) - ``colons``
      + (backslashes in the text) keys;
    - each key written without white space before its colon is one '":'
      whose quote no backslash comes before, while inside a string every
      quote comes after a backslash. So there are no more keys than such
      runs, if no key has white space before its colon: certainly so if
      every colon comes right after a quote, else if a search finds no such
      space.
    """
    colon, backslash, quote_colon, escaped = (
        (":", "\\", '":', '\\":') if is_text else (b":", b"\\", b'":', b'\\":')
    )
    in_text = data.count(colon)  # type: ignore[arg-type]
    if in_text - colons + data.count(backslash) <= keys:  # type: ignore[arg-type]
        return True
    pairs = data.count(quote_colon)  # type: ignore[arg-type]
    if pairs - data.count(escaped) > keys:  # type: ignore[arg-type]
        return False
    if in_text == pairs:
        return True
    return (_SPACED_KEY_TEXT if is_text else _SPACED_KEY).search(data) is None  # type: ignore[arg-type]


def _floats_exact(data: bytes | str, names: frozenset[str], floats: int, is_text: bool) -> bool:
    """Whether each of the ``floats`` floats read for a decimal field was written as its shortest repr.

    The keys are found with ``find`` (a quick search for a fixed string),
    and only then is the number after each read.
    """
    after = _AFTER_KEY_TEXT if is_text else _AFTER_KEY
    written = []
    for name in names:
        key: Any = f'"{name}"' if is_text else f'"{name}"'.encode()
        at = data.find(key)
        while at >= 0:
            found = after.match(data, at + len(key))  # type: ignore[arg-type]
            if found is not None:
                token = found.group(1)
                number = token.decode("ascii") if isinstance(token, bytes) else token
                if "." in number or "e" in number or "E" in number:
                    written.append(number)
            at = data.find(key, at + 1)
    # A key written with escapes is not found: then the counts differ.
    try:
        return len(written) == floats and all(repr(float(number)) == number for number in written)
    except ValueError:
        return False


def dumps(obj: Any, cls: type, *, indent: bool) -> bytes | None:
    """JSON for ``obj`` as the json module writes it (indented, or compact), and a newline; or None."""
    plan = _codegen.plan_for(cls)
    if plan is None or orjson is None:
        return None
    # As in load: the plain data made here holds no cycles, and a large
    # paper would otherwise pay for several collections of a growing heap.
    enabled = gc.isenabled()
    gc.disable()
    try:
        if plan.has_tiny_float(obj):
            return None
        plain = plan.to_json(obj)
        option = orjson.OPT_APPEND_NEWLINE | (orjson.OPT_INDENT_2 if indent else 0)
        written: bytes = orjson.dumps(plain, option=option)
    except Exception:  # a value orjson will not write (a lone surrogate): the json module does
        return None
    finally:
        if enabled:
            gc.enable()
    return written


def line_writer(cls: type) -> Callable[[Any], bytes | None]:
    """A function writing one object of exactly ``cls`` as a compact JSON line (or None, as :func:`dumps`)."""
    plan = _codegen.plan_for(cls)
    if plan is None or orjson is None:
        return _no_line
    try:
        to_json, tiny = plan.to_json, plan.has_tiny_float
    except _codegen._UnsupportedError:  # no writer for a type below the class: the json module writes
        return _no_line
    write, option = orjson.dumps, orjson.OPT_APPEND_NEWLINE

    def line(obj: Any) -> bytes | None:
        try:
            if tiny(obj):
                return None
            written: bytes = write(to_json(obj), option=option)
        except Exception:  # as in dumps: the json module writes it, or says what is wrong
            return None
        return written

    return line


def _no_line(_obj: Any) -> None:
    return None
