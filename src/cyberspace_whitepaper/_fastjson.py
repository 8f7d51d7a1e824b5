"""orjson for JSON text this library writes, where it can be shown that nothing changes.

The strict parser (:func:`._jsontext.parse_json`) checks limits before
parsing, finds repeated keys with a hook on every object and reads every
number through a hook. For text exactly as this library writes it (what
:func:`dumps` and JSON Lines give, and what ``json.dumps`` gives with the
same options), the same is shown after a plain parse by orjson, far more
cheaply: orjson writes the parsed data again, and the bytes must be the
text's own. orjson never writes a key twice, so no key of the text was
repeated; it writes each float as its shortest form, so every number read
as a float was written exactly as that float, and the decimal the reader
makes of it is the one the strict parser would read.

Limits: the fast reader (:mod:`._engine`) takes only values within them
(:func:`._engine.fits`), and the values are counted from the text before it
is parsed.

Any other text (hand-written, indented otherwise, with escapes orjson
writes differently) goes to the strict parser.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from . import _engine
from ._limits import Limits, might_exceed_nodes

orjson: Any
try:
    # Imported by name, so that type checkers need no stubs where it is missing.
    orjson = importlib.import_module("orjson")
except ImportError:  # pragma: no cover - the stdlib path is tested by forcing it
    orjson = None

__all__ = ["encoder", "parser"]

#: Set to False to use the json module even where orjson is installed.
USE_ORJSON = orjson is not None
#: Longer texts are parsed by the json module: orjson's parse of a text near
#: the 16 MiB limit peaks at about 15 times its size, the json module's at 5.
ORJSON_MAX_BYTES = 8 * 1024 * 1024


def parser(cls: type, limits: Limits) -> Callable[[bytes | str], Any] | None:
    """A function giving the plain data of a JSON text as the strict parser would, for ``cls``, or None.

    The function gives None for a text where that cannot be shown: not as
    orjson writes it, or over the limits that are counted before parsing.
    ``parser`` itself is None where orjson cannot be used at all: missing,
    switched off, or limits tighter than the fast reader's bounds. Made once
    for many texts of one class under one set of limits (JSON Lines).
    """
    if not USE_ORJSON or orjson is None or not _engine.fits(cls, limits):
        return None
    max_bytes = min(limits.max_bytes, ORJSON_MAX_BYTES)
    max_nodes = limits.max_nodes
    loads, dumps, indented = orjson.loads, orjson.dumps, orjson.OPT_INDENT_2
    decode_error, encode_error = orjson.JSONDecodeError, orjson.JSONEncodeError

    def parse_text(data: bytes | str) -> Any:
        text = data if type(data) is bytes else None
        if text is None:
            try:
                text = data.encode("utf-8")  # type: ignore[union-attr]
            except UnicodeEncodeError:  # a lone surrogate: the strict parser says what
                return None
        if len(text) > max_bytes or might_exceed_nodes(text, max_nodes):
            return None
        try:
            plain = loads(text)
        except decode_error:
            return None
        # Whether the text is, byte for byte, what orjson writes for the data (two-space indent or compact).
        if text.startswith(b'{"'):
            option = 0
        elif text.startswith(b'{\n  "'):
            option = indented
        else:
            return None
        try:
            written: bytes = dumps(plain, option=option)
        except encode_error:  # nested deeper than orjson writes: then it was not written by it
            return None
        size = len(written)
        if text.startswith(written) and (len(text) == size or (len(text) == size + 1 and text[size] == 10)):
            return plain
        return None

    return parse_text


def encoder(*, indent: bool) -> Callable[[Any], bytes | None] | None:
    """A function writing plain data as the json module writes it (indented, or compact), and a newline.

    None without orjson (or with it switched off). The function gives None
    for what orjson will not write: a lone surrogate, which only an object
    changed behind the model's back can hold. The caller leaves out plain
    data with floats below 1e-4, which the two write apart (``1e-05``
    against ``0.00001``).
    """
    if not USE_ORJSON or orjson is None:
        return None
    option = orjson.OPT_APPEND_NEWLINE | (orjson.OPT_INDENT_2 if indent else 0)
    dumps, encode_error = orjson.dumps, orjson.JSONEncodeError

    def encode(plain: Any) -> bytes | None:
        try:
            written: bytes = dumps(plain, option=option)
        except encode_error:
            return None
        return written

    return encode
