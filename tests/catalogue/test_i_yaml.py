"""Catalogue section I (YAML): the looser language read with JSON's strictness.

One test case per row of ``shared/reference/bad-inputs.md`` section I, with the
row's id as its pytest id. ``DocumentSyntaxError`` in the catalogue is our
:class:`LoadError` (with the YAML line and column); a value the strict model
refuses is a :class:`ValidationError` at its JSON path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import cyberspace_whitepaper as cw

from ._support import catalogue_rows, mini_paper, problem_triples, raised, syntax_error, where

MINI = mini_paper()
#: The mini paper as canonical YAML; each case changes one line of it.
MINI_YAML = cw.dumps(cw.from_dict(MINI), format="yaml")


def _yaml_paper(old: str, new: str) -> str:
    assert old in MINI_YAML
    return MINI_YAML.replace(old, new, 1)


def _load_error(text: str | bytes, type_: type = cw.WhitePaper) -> cw.LoadError:
    return syntax_error(lambda: cw.loads(text, format="yaml", type=type_))


def _problems(text: str, type_: type = cw.WhitePaper) -> list[tuple[str, str, str]]:
    return problem_triples(raised(cw.ValidationError, lambda: cw.loads(text, format="yaml", type=type_)))


def row_i1(tmp_path: Path) -> None:
    """Every tag, standard, Python or local, is a LoadError at its place, and nothing is executed."""
    marker = tmp_path / "pwned"
    cases = [
        (
            f"en: !!python/object/apply:os.mkdir [{str(marker)!r}]\n",
            "tags are not accepted, got 'tag:yaml.org,2002:python/object/apply:os.mkdir'",
            (1, 5),
        ),
        (
            "en: !!python/name:os.system\n",
            "tags are not accepted, got 'tag:yaml.org,2002:python/name:os.system'",
            (1, 5),
        ),
        ("en: !local x\n", "tags are not accepted, got '!local'", (1, 5)),
        ("en: !!str x\n", "tags are not accepted, got 'tag:yaml.org,2002:str'", (1, 5)),
        (
            "en: !<tag:yaml.org,2002:str> x\n",
            "tags are not accepted, got 'tag:yaml.org,2002:str'",
            (1, 5),
        ),
        ("!!map {en: x}\n", "tags are not accepted, got 'tag:yaml.org,2002:map'", (1, 1)),
        (
            "%TAG ! tag:example.com,2000:\n---\nen: !x y\n",
            "tags are not accepted, got 'tag:example.com,2000:x'",
            (3, 5),
        ),
    ]
    for text, message, (line, column) in cases:
        assert where(_load_error(text, cw.LocalizedText)) == (message, line, column)
    assert not marker.exists()
    # In a whole paper the position is the tag's own line.
    text = _yaml_paper("summary: A tiny paper for tests.", "summary: !!binary aGVsbG8=")
    error = _load_error(text)
    assert (error.message, error.column) == ("tags are not accepted, got 'tag:yaml.org,2002:binary'", 10)
    assert text.splitlines()[error.line - 1] == "summary: !!binary aGVsbG8="


def row_i2(tmp_path: Path) -> None:
    """YAML 1.1's implicit types are off: NO, on, 0755, 1:20 stay strings, and strict typing decides."""
    del tmp_path
    for word in ("NO", "no", "No", "off", "on", "yes", "y", "n", "True", "TRUE", "False"):
        text = _yaml_paper("  en_official: true", f"  en_official: {word}")
        assert _problems(text) == [("$.title.en_official", "type", f"expected boolean, got string {word!r}")]
    # Numbers that YAML 1.1 reads in other bases or as sexagesimals stay strings.
    for token in ("0755", "0o755", "0x1F", "1:20", "+1", "1_000", "1e3"):
        item = f"number: {token}\ntitle: {{en: x}}\n"
        assert _problems(item, cw.Item) == [("$.number", "type", f"expected integer, got string {token!r}")]
        # Where a string is wanted, the text comes through exactly as written.
        assert cw.loads(f"en: {token}\n", format="yaml", type=cw.LocalizedText).en == token
    # 1.10 is the decimal 1.10, never the float 1.1; in a string field it must be quoted.
    statistic = "id: s\nmeasure: {en: m}\nvalue: 1.10\nunit: people\nscope: x\n"
    assert str(cw.loads(statistic, format="yaml", type=cw.Statistic).value) == "1.10"
    assert _problems("en: 1.10\n", cw.LocalizedText) == [("$.en", "type", "expected string, got number 1.10")]
    assert cw.loads("en: '1.10'\n", format="yaml", type=cw.LocalizedText).en == "1.10"
    # A date stays a string, which the date type then reads (no datetime.date appears).
    event = "id: e\ndate: 2015-12-16\nkind: speech\ntitle: {en: x}\n"
    assert cw.loads(event, format="yaml", type=cw.Event).date == cw.PartialDate.parse("2015-12-16")


def row_i3(tmp_path: Path) -> None:
    """A stream of more than one document is a LoadError at the second document's start."""
    del tmp_path
    assert where(_load_error("en: a\n---\nen: b\n", cw.LocalizedText)) == (
        "more than one document in the stream",
        2,
        1,
    )
    assert where(_load_error("---\nen: a\n...\n---\nen: b\n", cw.LocalizedText)) == (
        "more than one document in the stream",
        4,
        1,
    )
    # One explicit document, with its markers, is fine.
    assert cw.loads("%YAML 1.1\n---\nen: a\n...\n", format="yaml", type=cw.LocalizedText).en == "a"


def row_i4(tmp_path: Path) -> None:
    """Merge keys are refused: ``<<: *base`` at its anchor, a bare ``<<`` as an unknown key."""
    del tmp_path
    text = "base: &b {en: x}\n<<: *b\n"
    assert where(_load_error(text, cw.LocalizedText)) == (
        "anchors and aliases are not accepted",
        1,
        7,
    )
    assert _problems("<<: {en: x}\nzh: y\n", cw.LocalizedText) == [
        ("$['<<']", "unknown-key", "unknown key '<<'"),
        ("$.en", "missing", "required key is missing"),
    ]
    paper = _yaml_paper("summary: A tiny paper for tests.", "summary: A tiny paper for tests.\n<<: {}")
    assert _problems(paper) == [("$['<<']", "unknown-key", "unknown key '<<'")]


def row_i5(tmp_path: Path) -> None:
    """Tab indentation, NUL and other forbidden characters, bad UTF-8: LoadErrors with line and column."""
    del tmp_path
    assert where(_load_error("title:\n\ten: x\n", cw.Part)) == (
        "found character that cannot start any token",
        2,
        1,
    )
    assert where(_load_error("en: a\x00b\n", cw.LocalizedText)) == (
        "the character U+0000 is not allowed in YAML",
        1,
        6,
    )
    assert where(_load_error("en: x\nzh: \x07\n", cw.LocalizedText)) == (
        "the character U+0007 is not allowed in YAML",
        2,
        5,
    )
    assert where(_load_error(b"en: x\nzh: \xc3\x28\n", cw.LocalizedText)) == (
        "not valid UTF-8 (byte 0xc3 at offset 10)",
        2,
        5,
    )
    assert where(_load_error("en: x".encode("utf-16"), cw.LocalizedText)) == (
        "the input is UTF-16 or UTF-32; only UTF-8 is accepted",
        1,
        1,
    )


def row_i6(tmp_path: Path) -> None:
    """``!!binary``, ``!!set``, ``!!timestamp`` are refused as tags; ``.nan`` and ``.inf`` are strings."""
    del tmp_path
    for tag in ("binary aGVsbG8=", "set {a, b}", "timestamp 2001-12-14", "float .nan"):
        name = tag.split()[0]
        assert where(_load_error(f"en: !!{tag}\n", cw.LocalizedText)) == (
            f"tags are not accepted, got 'tag:yaml.org,2002:{name}'",
            1,
            5,
        )
    for token in (".nan", ".NaN", ".inf", "-.inf", ".Inf"):
        statistic = f"id: s\nmeasure: {{en: m}}\nvalue: {token}\nunit: people\nscope: x\n"
        assert _problems(statistic, cw.Statistic) == [
            ("$.value", "type", f"expected number, got string {token!r}")
        ]
    # A set written without its tag is a mapping to nulls, which the model refuses.
    assert _problems("{en, zh}\n", cw.LocalizedText) == [("$.en", "type", "expected string, got null None")]


ROWS = catalogue_rows(row_i1, row_i2, row_i3, row_i4, row_i5, row_i6)


class TestCatalogueI:
    @pytest.mark.parametrize("row", ROWS)
    def test_row(self, row: Callable[[Path], None], tmp_path: Path) -> None:
        """Each row of catalogue section I gets the documented error at the documented place."""
        row(tmp_path)

    def test_the_canonical_yaml_loads(self) -> None:
        """The unchanged YAML every case starts from is valid, so each failure is the case's own."""
        assert cw.loads(MINI_YAML, format="yaml") == cw.from_dict(MINI)
