"""JSONTestSuite (nst/JSONTestSuite, MIT licence): all 340 files through ``loads``.

The files live in ``shared/jsontestsuite/`` beside the project's root
(``test_parsing/``: 95 ``y_``, 188 ``n_`` and 35 ``i_`` files;
``test_transform/``: 22 files). The project does not commit them; if the
folder is missing these tests fail, they never skip.

What the suite's prefixes mean for a loader of *papers*:

- ``n_`` files are not JSON: every one raises :class:`LoadError` (two of
  them, the unclosed nestings, as its subclass :class:`LimitError`).
- ``y_`` files are JSON but not papers: none raises :class:`LoadError`;
  each raises :class:`ValidationError`.
- ``i_`` files (and the ``test_transform`` files, where parsers disagree
  on the value read) are handled by these documented rules:

  1. Input is UTF-8. Bytes that are not UTF-8 (invalid, overlong or
     truncated sequences, encoded surrogates, code points beyond U+10FFFF,
     Latin-1) raise LoadError "not valid UTF-8 (byte 0x.. at offset N)";
     UTF-16 and UTF-32, with or without a byte order mark, raise LoadError
     "the input is UTF-16 or UTF-32; only UTF-8 is accepted". One leading
     UTF-8 byte order mark is dropped.
  2. Escaped surrogates that do not pair up (``"\\ud800"``) are well-formed
     JSON and are read as written; the model then rejects them in every
     string it keeps (ValidationError), and writing never meets one.
  3. Integers of more than ``max_integer_digits`` (18) digits, and numbers
     of more than ``max_number_length`` (100) characters, raise LimitError
     before any conversion. Every other number is read exactly, as an
     ``int`` or a ``Decimal``: no overflow to infinity, no underflow to
     zero, no rounding (``1.000000000000000005`` stays itself); the model
     then decides.
  4. Nesting deeper than ``max_depth`` (64) raises LimitError before
     parsing.
  5. Duplicate keys are well-formed JSON and raise ValidationError at the
     key's path (code ``duplicate-key``); keys spelled NFC and NFD are two
     different keys.

Each ``i_`` and ``test_transform`` file has its expected outcome written out
below: the error class and the whole ``str()`` of the error, which shows
the value read where one was read. No file raises anything else.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import JSONTESTSUITE
from cyberspace_whitepaper import LimitError, LoadError, ValidationError, WhitePaperError, loads

PARSING = JSONTESTSUITE / "test_parsing"
TRANSFORM = JSONTESTSUITE / "test_transform"
MISSING_FOLDER = "<shared/jsontestsuite is missing>"

UTF_ONLY = "line 1, column 1: the input is UTF-16 or UTF-32; only UTF-8 is accepted"
NOT_A_PAPER = "$: expected object (WhitePaper), got array "
#: What an object without any of the paper's required keys gives, after its own problems.
NO_PAPER_KEYS = "\n".join(
    f"$.{key}: required key is missing"
    for key in ("chapters", "id", "published", "publisher", "summary", "title")
)

#: Every i_ file, with the class and the whole str() of the error it raises.
INDETERMINATE: dict[str, tuple[type[WhitePaperError], str]] = {
    # Rule 3: exact decimals, whatever the exponent; long numbers and big integers are over a limit.
    "i_number_double_huge_neg_exp.json": (ValidationError, NOT_A_PAPER + "[Decimal('1.23456E-787')]"),
    "i_number_huge_exp.json": (
        LimitError,
        "line 1, column 2: a number has 135 characters (limit max_number_length=100)",
    ),
    "i_number_neg_int_huge_exp.json": (ValidationError, NOT_A_PAPER + "[Decimal('-1E+9999')]"),
    "i_number_pos_double_huge_exp.json": (ValidationError, NOT_A_PAPER + "[Decimal('1.5E+9999')]"),
    "i_number_real_neg_overflow.json": (ValidationError, NOT_A_PAPER + "[Decimal('-1.23123E+100005')]"),
    "i_number_real_pos_overflow.json": (ValidationError, NOT_A_PAPER + "[Decimal('1.23123E+100005')]"),
    "i_number_real_underflow.json": (ValidationError, NOT_A_PAPER + "[Decimal('1.23E-9999998')]"),
    "i_number_too_big_neg_int.json": (
        LimitError,
        "line 1, column 2: an integer has 30 digits (limit max_integer_digits=18)",
    ),
    "i_number_too_big_pos_int.json": (
        LimitError,
        "line 1, column 2: an integer has 21 digits (limit max_integer_digits=18)",
    ),
    "i_number_very_big_negative_int.json": (
        LimitError,
        "line 1, column 2: an integer has 48 digits (limit max_integer_digits=18)",
    ),
    # Rule 2: escaped lone surrogates are read as written, then rejected by the model.
    "i_object_key_lone_2nd_surrogate.json": (
        ValidationError,
        "$['\\udfaa']: unknown key '\\udfaa'\n" + NO_PAPER_KEYS,
    ),
    "i_string_1st_surrogate_but_2nd_missing.json": (ValidationError, NOT_A_PAPER + "['\\udada']"),
    "i_string_1st_valid_surrogate_2nd_invalid.json": (ValidationError, NOT_A_PAPER + "['\\ud888\u1234']"),
    "i_string_incomplete_surrogate_and_escape_valid.json": (ValidationError, NOT_A_PAPER + "['\\ud800\\n']"),
    "i_string_incomplete_surrogate_pair.json": (ValidationError, NOT_A_PAPER + "['\\udd1ea']"),
    "i_string_incomplete_surrogates_escape_valid.json": (
        ValidationError,
        NOT_A_PAPER + "['\\ud800\\ud800\\n']",
    ),
    "i_string_invalid_lonely_surrogate.json": (ValidationError, NOT_A_PAPER + "['\\ud800']"),
    "i_string_invalid_surrogate.json": (ValidationError, NOT_A_PAPER + "['\\ud800abc']"),
    "i_string_inverted_surrogates_U+1D11E.json": (ValidationError, NOT_A_PAPER + "['\\udd1e\\ud834']"),
    "i_string_lone_second_surrogate.json": (ValidationError, NOT_A_PAPER + "['\\udfaa']"),
    # Rule 1: UTF-8 only.
    "i_string_UTF-16LE_with_BOM.json": (LoadError, UTF_ONLY),
    "i_string_utf16BE_no_BOM.json": (LoadError, UTF_ONLY),
    "i_string_utf16LE_no_BOM.json": (LoadError, UTF_ONLY),
    "i_string_UTF-8_invalid_sequence.json": (
        LoadError,
        "line 1, column 5: not valid UTF-8 (byte 0xfa at offset 7)",
    ),
    "i_string_UTF8_surrogate_U+D800.json": (
        LoadError,
        "line 1, column 3: not valid UTF-8 (byte 0xed at offset 2)",
    ),
    "i_string_invalid_utf-8.json": (LoadError, "line 1, column 3: not valid UTF-8 (byte 0xff at offset 2)"),
    "i_string_iso_latin_1.json": (LoadError, "line 1, column 3: not valid UTF-8 (byte 0xe9 at offset 2)"),
    "i_string_lone_utf8_continuation_byte.json": (
        LoadError,
        "line 1, column 3: not valid UTF-8 (byte 0x81 at offset 2)",
    ),
    "i_string_not_in_unicode_range.json": (
        LoadError,
        "line 1, column 3: not valid UTF-8 (byte 0xf4 at offset 2)",
    ),
    "i_string_overlong_sequence_2_bytes.json": (
        LoadError,
        "line 1, column 3: not valid UTF-8 (byte 0xc0 at offset 2)",
    ),
    "i_string_overlong_sequence_6_bytes.json": (
        LoadError,
        "line 1, column 3: not valid UTF-8 (byte 0xfc at offset 2)",
    ),
    "i_string_overlong_sequence_6_bytes_null.json": (
        LoadError,
        "line 1, column 3: not valid UTF-8 (byte 0xfc at offset 2)",
    ),
    "i_string_truncated-utf-8.json": (LoadError, "line 1, column 3: not valid UTF-8 (byte 0xe0 at offset 2)"),
    # Rule 4: the depth limit.
    "i_structure_500_nested_arrays.json": (
        LimitError,
        "line 1, column 65: the input is nested too deeply (limit max_depth=64)",
    ),
    # Rule 1: one leading byte order mark is dropped; {} is then not a paper.
    "i_structure_UTF-8_BOM_empty_object.json": (ValidationError, NO_PAPER_KEYS),
}

#: Every test_transform file, with the class and the whole str() of the error it raises.
TRANSFORMS: dict[str, tuple[type[WhitePaperError], str]] = {
    # Rule 3: integers of up to 18 digits are exact ints; longer ones are over the limit.
    "number_-9223372036854775808.json": (
        LimitError,
        "line 1, column 2: an integer has 19 digits (limit max_integer_digits=18)",
    ),
    "number_-9223372036854775809.json": (
        LimitError,
        "line 1, column 2: an integer has 19 digits (limit max_integer_digits=18)",
    ),
    "number_9223372036854775807.json": (
        LimitError,
        "line 1, column 2: an integer has 19 digits (limit max_integer_digits=18)",
    ),
    "number_9223372036854775808.json": (
        LimitError,
        "line 1, column 2: an integer has 19 digits (limit max_integer_digits=18)",
    ),
    "number_10000000000000000999.json": (
        LimitError,
        "line 1, column 2: an integer has 20 digits (limit max_integer_digits=18)",
    ),
    "number_1000000000000000.json": (ValidationError, NOT_A_PAPER + "[1000000000000000]"),
    # Rule 3: other numbers are exact decimals, as written.
    "number_1.0.json": (ValidationError, NOT_A_PAPER + "[Decimal('1.0')]"),
    "number_1.000000000000000005.json": (ValidationError, NOT_A_PAPER + "[Decimal('1.000000000000000005')]"),
    "number_1e-999.json": (ValidationError, NOT_A_PAPER + "[Decimal('1E-999')]"),
    "number_1e6.json": (ValidationError, NOT_A_PAPER + "[Decimal('1E+6')]"),
    # Rule 5: NFC and NFD keys are two keys (both unknown here); duplicates are reported at their path.
    "object_key_nfc_nfd.json": (
        ValidationError,
        "$['e\u0301']: unknown key 'e\u0301'\n$['\u00e9']: unknown key '\u00e9'\n" + NO_PAPER_KEYS,
    ),
    "object_key_nfd_nfc.json": (
        ValidationError,
        "$['e\u0301']: unknown key 'e\u0301'\n$['\u00e9']: unknown key '\u00e9'\n" + NO_PAPER_KEYS,
    ),
    "object_same_key_different_values.json": (
        ValidationError,
        "$.a: duplicate key 'a' (first at line 1, column 2; again at line 1, column 8)",
    ),
    "object_same_key_same_value.json": (
        ValidationError,
        "$.a: duplicate key 'a' (first at line 1, column 2; again at line 1, column 8)",
    ),
    "object_same_key_unclear_values.json": (
        ValidationError,
        "$.a: duplicate key 'a' (first at line 1, column 2; again at line 1, column 9)",
    ),
    # Rule 2: escaped surrogates are read as written; rule 1: encoded ones are not UTF-8.
    "string_1_escaped_invalid_codepoint.json": (ValidationError, NOT_A_PAPER + "['\\ud800']"),
    "string_2_escaped_invalid_codepoints.json": (ValidationError, NOT_A_PAPER + "['\\ud800\\ud800']"),
    "string_3_escaped_invalid_codepoints.json": (ValidationError, NOT_A_PAPER + "['\\ud800\\ud800\\ud800']"),
    "string_1_invalid_codepoint.json": (
        LoadError,
        "line 1, column 3: not valid UTF-8 (byte 0xed at offset 2)",
    ),
    "string_2_invalid_codepoints.json": (
        LoadError,
        "line 1, column 3: not valid UTF-8 (byte 0xed at offset 2)",
    ),
    "string_3_invalid_codepoints.json": (
        LoadError,
        "line 1, column 3: not valid UTF-8 (byte 0xed at offset 2)",
    ),
    # A NUL escape is well-formed JSON; the model rejects NUL in its strings.
    "string_with_escaped_NULL.json": (ValidationError, NOT_A_PAPER + "['A\\x00B']"),
}


def _names(folder: Path, prefix: str) -> list[str]:
    # A missing folder gives one name that cannot be read, so the tests fail rather than skip.
    if not folder.is_dir():
        return [MISSING_FOLDER]
    return sorted(path.name for path in folder.iterdir() if path.name.startswith(prefix))


def _outcome(data: bytes) -> type[Exception] | None:
    """The class of what ``loads`` raises for ``data`` (None if it loads); other exceptions escape."""
    try:
        loads(data)
    except (LoadError, ValidationError) as error:
        return type(error)
    return None


class TestJSONTestSuite:
    def test_the_suite_is_there_and_whole(self) -> None:
        """The shared folder holds the 318 parsing files (95 y_, 188 n_, 35 i_) and the 22 transform files."""
        assert PARSING.is_dir(), f"JSONTestSuite is missing: expected it at {JSONTESTSUITE}"
        prefixes = Counter(path.name[:2] for path in PARSING.iterdir() if path.suffix == ".json")
        assert prefixes == {"y_": 95, "n_": 188, "i_": 35}
        transforms = sorted(path.name for path in TRANSFORM.iterdir() if path.suffix == ".json")
        assert len(transforms) == 22
        assert sum(prefixes.values()) + len(transforms) == 340
        assert sorted(INDETERMINATE) == _names(PARSING, "i_")
        assert sorted(TRANSFORMS) == transforms

    @pytest.mark.parametrize("name", _names(PARSING, "n_"))
    def test_not_json_is_a_load_error(self, name: str) -> None:
        """Every n_ file raises LoadError (or its subclass LimitError) and nothing else."""
        with pytest.raises(LoadError):
            loads((PARSING / name).read_bytes())

    @pytest.mark.parametrize("name", _names(PARSING, "y_"))
    def test_json_that_is_not_a_paper_is_a_validation_error(self, name: str) -> None:
        """Every y_ file is well-formed, so never a LoadError; not being a paper, it is a ValidationError."""
        with pytest.raises(ValidationError):
            loads((PARSING / name).read_bytes())

    @pytest.mark.parametrize("name", sorted(INDETERMINATE))
    def test_implementation_defined_files_follow_the_rules(self, name: str) -> None:
        """Every i_ file gives the outcome its rule says, to the exact class and message."""
        expected_class, expected_text = INDETERMINATE[name]
        with pytest.raises(WhitePaperError) as error:
            loads((PARSING / name).read_bytes())
        assert (type(error.value), str(error.value)) == (expected_class, expected_text)

    @pytest.mark.parametrize("name", sorted(TRANSFORMS))
    def test_transform_files_follow_the_rules(self, name: str) -> None:
        """Every test_transform file gives the outcome its rule says, to the exact class and message."""
        expected_class, expected_text = TRANSFORMS[name]
        with pytest.raises(WhitePaperError) as error:
            loads((TRANSFORM / name).read_bytes())
        assert (type(error.value), str(error.value)) == (expected_class, expected_text)

    def test_totals(self) -> None:
        """Over all 340 files: n_ all LoadErrors (2 LimitErrors), y_ all ValidationErrors, nothing else."""
        outcomes: Counter[tuple[str, str]] = Counter()
        for name in _names(PARSING, ""):
            outcome = _outcome((PARSING / name).read_bytes())
            outcomes[name[:2], outcome.__name__ if outcome else "loaded"] += 1
        for name in _names(TRANSFORM, ""):
            outcome = _outcome((TRANSFORM / name).read_bytes())
            outcomes["t_", outcome.__name__ if outcome else "loaded"] += 1
        assert outcomes == {
            ("n_", "LoadError"): 186,
            ("n_", "LimitError"): 2,
            ("y_", "ValidationError"): 95,
            ("i_", "ValidationError"): 17,
            ("i_", "LoadError"): 13,
            ("i_", "LimitError"): 5,
            ("t_", "ValidationError"): 14,
            ("t_", "LimitError"): 5,
            ("t_", "LoadError"): 3,
        }
        assert sum(outcomes.values()) == 340
