"""Catalogue section B, encoding and text, of ``shared/reference/bad-inputs.md``: one named test per row.

Every input is the mini paper with one targeted change. Our rules, where the
catalogue leaves a choice or names other error classes:

- Input is UTF-8 only (B1, B2). Bytes that are not UTF-8, and UTF-16 or
  UTF-32 with or without a byte order mark, raise :class:`LoadError` (the
  catalogue's ``DocumentSyntaxError``); the message names the byte and its
  offset in the input, the column counts characters.
- B3: exactly one leading UTF-8 byte order mark is dropped, for ``bytes`` and
  ``str``, JSON and YAML alike; a second one is a :class:`LoadError`. Writers
  never write one.
- B4, B5, B6: lone surrogates, NUL and other control characters, and the
  bidirectional overrides and isolates (Trojan Source) are rejected in every
  string of the model with a :class:`ValidationError` at the path (code
  ``character``; in identifiers the slug pattern rejects them first, code
  ``pattern``). Zero-width characters are kept in free text, where they have
  legitimate uses (joiners in many scripts); identifiers cannot hold them.
- B7: identifiers are lower-case ASCII slugs, so an NFC and an NFD spelling
  can never be two ids that look alike: both are rejected.
- B8: numbers are JSON numbers; a string is never read as a number.
- B9: a bad value is shown in a message ``repr``-escaped and cut to 80
  characters.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from cyberspace_whitepaper import ValidationError, WhitePaper, dumps, from_dict, loads

from ._support import Invalid, Syntax, assert_fails, replacing, row_ids, set_at

UTF_ONLY = "the input is UTF-16 or UTF-32; only UTF-8 is accepted"


@attrs.frozen
class Same:
    """Expect the input to load as the same paper as the unchanged mini paper."""


Expected = Syntax | Invalid | Same


def check(call: Callable[[], object], expected: Expected, baseline: WhitePaper | None = None) -> None:
    """Run ``call`` and assert it does exactly what ``expected`` says, with nothing else escaping."""
    if isinstance(expected, Same):
        assert call() == baseline
        return
    assert_fails(call, expected)


def change_bytes(old: str, new: bytes) -> Callable[[str], bytes]:
    """A mutation of the mini paper's UTF-8 bytes, replacing the one occurrence of ``old``."""

    def mutate(text: str) -> bytes:
        data, target = text.encode("utf-8"), old.encode("utf-8")
        assert data.count(target) == 1, f"{old!r} must occur exactly once in the mini paper"
        return data.replace(target, new)

    return mutate


def encode(codec: str) -> Callable[[str], bytes]:
    """A mutation that writes the mini paper in another encoding."""
    return lambda text: text.encode(codec)


ESCAPE_TITLE = "\\u001b[2J" + "x" * 100 + "\\nB"
ESCAPE_MESSAGE = "must not contain the character U+001B: 'A \\x1b[2J" + "x" * 67 + "..."
NOT_ID = "not a valid identifier (lower-case slug such as 'xi-jinping')"

ROWS: list[tuple[str, Callable[[str], str | bytes], Expected]] = [
    (
        "B1",
        change_bytes("小白皮书", "小白皮书".encode() + b"\xff"),
        Syntax("not valid UTF-8 (byte 0xff at offset 77)", 3, 46),
    ),
    ("B2", encode("utf-16"), Syntax(UTF_ONLY, 1, 1)),
    ("B3", lambda text: "\ufeff" + text, Same()),
    (
        "B4",
        replacing('"A tiny paper for tests."', '"A tiny \\ud800 paper"'),
        Invalid("$.summary", "character", "must not contain the character U+D800: 'A tiny \\ud800 paper'"),
    ),
    (
        "B5",
        replacing('"A Mini Paper"', '"A Mini\\u0000Paper"'),
        Invalid("$.title.en", "character", "must not contain the character U+0000: 'A Mini\\x00Paper'"),
    ),
    (
        "B6",
        replacing('"SCIO"', '"SC\\u202eIO"'),
        Invalid("$.actors[0].name.en", "character", "must not contain the character U+202E: 'SC\\u202eIO'"),
    ),
    ("B7", replacing('"mini-paper"', '"cafe\\u0301"'), Invalid("$.id", "pattern", f"{NOT_ID}: 'cafe\u0301'")),
    (
        "B8",
        replacing('{"number": 1, "title": {"en": "One"}', '{"number": "１", "title": {"en": "One"}'),
        Invalid("$.chapters[0].number", "type", "expected integer, got string '１'"),
    ),
    (
        "B9",
        replacing('"A Mini Paper"', f'"A {ESCAPE_TITLE}"'),
        Invalid("$.title.en", "character", ESCAPE_MESSAGE),
    ),
]

VARIANTS: list[tuple[str, Callable[[str], str | bytes], Expected]] = [
    (
        "B1-overlong",
        change_bytes("A tiny", b"A \xc0\xafiny"),
        Syntax("not valid UTF-8 (byte 0xc0 at offset 178)", 7, 17),
    ),
    (
        "B1-truncated-sequence",
        change_bytes("小白皮书", "小白皮".encode() + b"\xe4\xb9"),
        Syntax("not valid UTF-8 (byte 0xe4 at offset 74)", 3, 45),
    ),
    (
        "B1-encoded-surrogate",
        change_bytes("A tiny", b"A \xed\xa0\x80"),
        Syntax("not valid UTF-8 (byte 0xed at offset 178)", 7, 17),
    ),
    (
        "B1-latin-1",
        change_bytes("A tiny", "A tíny".encode("latin-1")),
        Syntax("not valid UTF-8 (byte 0xed at offset 179)", 7, 18),
    ),
    (
        "B1-after-bom",
        lambda text: b"\xef\xbb\xbf" + change_bytes("A tiny", b"A \xff")(text),
        Syntax("not valid UTF-8 (byte 0xff at offset 181)", 7, 17),
    ),
    (
        "B1-first-line-after-bom",
        lambda text: b"\xef\xbb\xbf{\xff",
        Syntax("not valid UTF-8 (byte 0xff at offset 4)", 1, 2),
    ),
    ("B2-utf-16-le", encode("utf-16-le"), Syntax(UTF_ONLY, 1, 1)),
    ("B2-utf-16-be", encode("utf-16-be"), Syntax(UTF_ONLY, 1, 1)),
    ("B2-utf-32", encode("utf-32"), Syntax(UTF_ONLY, 1, 1)),
    ("B2-utf-32-le", encode("utf-32-le"), Syntax(UTF_ONLY, 1, 1)),
    ("B2-utf-32-be", encode("utf-32-be"), Syntax(UTF_ONLY, 1, 1)),
    ("B3-bytes", lambda text: b"\xef\xbb\xbf" + text.encode(), Same()),
    (
        "B3-two-marks",
        lambda text: "\ufeff\ufeff" + text,
        Syntax("more than one byte order mark at the start", 1, 1),
    ),
    (
        "B3-two-marks-bytes",
        lambda text: b"\xef\xbb\xbf\xef\xbb\xbf" + text.encode(),
        Syntax("more than one byte order mark at the start", 1, 1),
    ),
    (
        "B3-columns-ignore-the-mark",
        lambda text: "\ufeff" + replacing('"value": 39.8', '"value": NaN')(text),
        Syntax("NaN is not JSON", 18, 68),
    ),
    (
        "B4-reversed-pair",
        replacing('"A tiny paper for tests."', '"\\udd1e\\ud834"'),
        Invalid("$.summary", "character", "must not contain the character U+DD1E: '\\udd1e\\ud834'"),
    ),
    (
        "B4-in-url",
        replacing('"https://example.org/a"', '"https://example.org/\\ud800"'),
        Invalid(
            "$.sources[0].url",
            "character",
            "must not contain the character U+D800: 'https://example.org/\\ud800'",
        ),
    ),
    (
        "B4-in-id",
        replacing('"mini-paper"', '"mini\\ud800"'),
        Invalid("$.id", "pattern", f"{NOT_ID}: 'mini\\ud800'"),
    ),
    (
        "B4-in-key",
        replacing('"publisher": "scio",', '"publisher": "scio", "\\ud800": 1,'),
        Invalid("$['\\ud800']", "unknown-key", "unknown key '\\ud800'"),
    ),
    (
        "B5-in-id",
        replacing('"mini-paper"', '"mini\\u0000paper"'),
        Invalid("$.id", "pattern", f"{NOT_ID}: 'mini\\x00paper'"),
    ),
    (
        "B5-in-url",
        replacing('"https://example.org/a"', '"https://example.org/\\u0000"'),
        Invalid(
            "$.sources[0].url",
            "character",
            "must not contain the character U+0000: 'https://example.org/\\x00'",
        ),
    ),
    (
        "B5-bell",
        replacing('"A tiny paper for tests."', '"A tiny \\u0007"'),
        Invalid("$.summary", "character", "must not contain the character U+0007: 'A tiny \\x07'"),
    ),
    (
        "B5-id-with-newline",
        replacing('"mini-paper"', '"mini-paper\\n"'),
        Invalid("$.id", "pattern", f"{NOT_ID}: 'mini-paper\\n'"),
    ),
    (
        "B6-isolate",
        replacing('"SCIO"', '"SC\\u2066IO"'),
        Invalid("$.actors[0].name.en", "character", "must not contain the character U+2066: 'SC\\u2066IO'"),
    ),
    (
        "B6-in-chinese",
        replacing('"小白皮书"', '"小白\\u2069皮书"'),
        Invalid("$.title.zh", "character", "must not contain the character U+2069: '小白\\u2069皮书'"),
    ),
    ("B7-nfc", replacing('"mini-paper"', '"caf\\u00e9"'), Invalid("$.id", "pattern", f"{NOT_ID}: 'café'")),
    (
        "B7-upper-case",
        replacing('"mini-paper"', '"Mini-Paper"'),
        Invalid("$.id", "pattern", f"{NOT_ID}: 'Mini-Paper'"),
    ),
    (
        "B8-date",
        replacing('"2022-11-07"', '"２０２２-11-07"'),
        Invalid(
            "$.published", "pattern", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '２０２２-11-07'"
        ),
    ),
    (
        "B9-key",
        replacing('"publisher": "scio",', '"publisher": "scio", "\\u001b[31m": 1,'),
        Invalid("$['\\x1b[31m']", "unknown-key", "unknown key '\\x1b[31m'"),
    ),
]

YAML_VARIANTS: list[tuple[str, Callable[[str], str | bytes], Expected]] = [
    (
        "B1-yaml",
        change_bytes("小白皮书", "小白皮书".encode() + b"\xff"),
        Syntax("not valid UTF-8 (byte 0xff at offset 77)", 3, 46),
    ),
    ("B2-yaml", encode("utf-16"), Syntax(UTF_ONLY, 1, 1)),
    ("B3-yaml", lambda text: "\ufeff" + text, Same()),
    ("B3-yaml-bytes", lambda text: b"\xef\xbb\xbf" + text.encode(), Same()),
    (
        "B3-yaml-two-marks",
        lambda text: "\ufeff\ufeff" + text,
        Syntax("more than one byte order mark at the start", 1, 1),
    ),
]

#: Rows that apply to Python callers: (id, path of the string, value, expected).
FROM_DICT: list[tuple[str, tuple[str | int, ...], Any, Invalid]] = [
    (
        "B4",
        ("summary",),
        "A tiny \ud800 paper",
        Invalid("$.summary", "character", "must not contain the character U+D800: 'A tiny \\ud800 paper'"),
    ),
    (
        "B5",
        ("title", "en"),
        "A Mini\x00Paper",
        Invalid("$.title.en", "character", "must not contain the character U+0000: 'A Mini\\x00Paper'"),
    ),
    (
        "B6",
        ("actors", 0, "name", "en"),
        "SC\u202eIO",
        Invalid("$.actors[0].name.en", "character", "must not contain the character U+202E: 'SC\\u202eIO'"),
    ),
    ("B7", ("id",), "cafe\u0301", Invalid("$.id", "pattern", f"{NOT_ID}: 'cafe\u0301'")),
    (
        "B8",
        ("chapters", 0, "number"),
        "１",
        Invalid("$.chapters[0].number", "type", "expected integer, got string '１'"),
    ),
    (
        "B9",
        ("title", "en"),
        "A \x1b[2J" + "x" * 100 + "\nB",
        Invalid("$.title.en", "character", ESCAPE_MESSAGE),
    ),
]


class TestEncodingRows:
    def test_mini_paper_is_valid(self, mini_paper_text: str) -> None:
        """The unchanged mini paper loads as JSON and as YAML, so each failure below comes from its change."""
        assert loads(mini_paper_text, format="yaml") == loads(mini_paper_text)

    @pytest.mark.parametrize(("id_", "mutate", "expected"), ROWS, ids=row_ids(ROWS))
    def test_row(
        self, mini_paper_text: str, id_: str, mutate: Callable[[str], str | bytes], expected: Expected
    ) -> None:
        """Each encoding row of the catalogue fails with the documented error class and exact location."""
        check(lambda: loads(mutate(mini_paper_text)), expected, loads(mini_paper_text))

    @pytest.mark.parametrize(("id_", "mutate", "expected"), VARIANTS, ids=row_ids(VARIANTS))
    def test_variant(
        self, mini_paper_text: str, id_: str, mutate: Callable[[str], str | bytes], expected: Expected
    ) -> None:
        """Other inputs of the same rows fail the same way."""
        check(lambda: loads(mutate(mini_paper_text)), expected, loads(mini_paper_text))

    @pytest.mark.parametrize(("id_", "mutate", "expected"), YAML_VARIANTS, ids=row_ids(YAML_VARIANTS))
    def test_yaml(
        self, mini_paper_text: str, id_: str, mutate: Callable[[str], str | bytes], expected: Expected
    ) -> None:
        """YAML input follows the same encoding rules as JSON (the mini paper is also valid YAML)."""
        check(lambda: loads(mutate(mini_paper_text), format="yaml"), expected, loads(mini_paper_text))

    @pytest.mark.parametrize(("id_", "path", "value", "expected"), FROM_DICT, ids=row_ids(FROM_DICT))
    def test_from_dict(
        self, mini_paper_text: str, id_: str, path: tuple[str | int, ...], value: Any, expected: Invalid
    ) -> None:
        """Python callers get the same problem for the same bad string as JSON readers."""
        data = json.loads(mini_paper_text)
        set_at(data, path, value)
        check(lambda: from_dict(data), expected)

    def test_b3_writers_never_write_a_byte_order_mark(self, mini_paper_text: str) -> None:
        """B3: JSON and YAML output starts with the document, never with a byte order mark."""
        paper = loads(mini_paper_text)
        assert dumps(paper).startswith("{")
        assert dumps(paper, format="yaml").startswith("schema_version:")

    def test_b4_valid_surrogate_pair_is_kept(self, mini_paper_text: str) -> None:
        """B4: an escaped surrogate pair is one valid character (U+1D11E) and is kept as such."""
        paper = loads(replacing('"A tiny paper for tests."', '"A clef \\ud834\\udd1e"')(mini_paper_text))
        assert paper.summary == "A clef \U0001d11e"
        assert "\U0001d11e" in dumps(paper)

    def test_b6_zero_width_characters_are_refused_in_names(self, mini_paper_text: str) -> None:
        """B6: a zero-width space in a name is refused at its path, the code point named (issue 12)."""
        with pytest.raises(ValidationError) as invalid:
            loads(replacing('"SCIO"', '"SC\\u200bI\\u200dO"')(mini_paper_text))
        assert [(p.path, p.code, p.message) for p in invalid.value.problems] == [
            (
                "$.actors[0].name.en",
                "character",
                "must not contain the character U+200B: 'SC\\u200bI\\u200dO'",
            )
        ]

    def test_b6_zero_width_characters_are_kept_in_prose(self, mini_paper_text: str) -> None:
        """B6: a zero-width space or joiner in a summary (prose, not a name) is kept as written."""
        paper = loads(
            replacing('"A tiny paper for tests."', '"A tiny\\u200b paper\\u200d."')(mini_paper_text)
        )
        assert paper.summary == "A tiny\u200b paper\u200d."

    def test_b7_nfc_and_nfd_keys_are_two_unknown_keys(self, mini_paper_text: str) -> None:
        """B7: keys spelled NFC and NFD are two keys, neither a field: both are reported, in path order."""
        text = replacing('"publisher": "scio",', '"publisher": "scio", "caf\\u00e9": 1, "cafe\\u0301": 2,')(
            mini_paper_text
        )
        with pytest.raises(ValidationError) as invalid:
            loads(text)
        assert [(p.path, p.message) for p in invalid.value.problems] == [
            ("$['cafe\u0301']", "unknown key 'cafe\u0301'"),
            ("$['café']", "unknown key 'café'"),
        ]

    def test_b9_error_text_has_no_raw_control_characters(self, mini_paper_text: str) -> None:
        """B9: the whole error text shows the escape and the newline escaped, on one line per problem."""
        with pytest.raises(ValidationError) as invalid:
            loads(replacing('"A Mini Paper"', f'"A {ESCAPE_TITLE}"')(mini_paper_text))
        text = str(invalid.value)
        assert "\x1b" not in text
        assert text == "$.title.en: " + ESCAPE_MESSAGE
