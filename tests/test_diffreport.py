"""A diff written out (text for people, Markdown for a changelog, plain data for JSON), and the command."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import cli
from cyberspace_whitepaper.diff import Diff, diff
from cyberspace_whitepaper.diffreport import Entry, data, entries, markdown, text
from test_diff import edited_pairs


@pytest.fixture
def versions(mini_paper_path: Path) -> tuple[cw.WhitePaper, cw.WhitePaper]:
    """The mini paper, and a version with its summary, an event, the preface's title and actors changed."""
    paper = cw.load(mini_paper_path)
    event = paper.events[0]
    note = cw.Citation(source="src", certainty=cw.Certainty.INFERRED, note="Page 2.")
    event = attrs.evolve(event, summary="Xi's speech at the second WIC.", citations=(*event.citations, note))
    cac = cw.Actor(
        id="cac",
        name=cw.LocalizedText(en="Cyberspace Administration of China", zh="国家互联网信息办公室"),
        kind=cw.ActorKind.GOVERNMENT_BODY,
    )
    preface = attrs.evolve(paper.preface, title=cw.LocalizedText(en="Foreword", zh="前言"))
    after = attrs.evolve(
        paper, summary="A tiny paper.", events=(event,), actors=(*paper.actors, cac), preface=preface
    )
    return paper, after


TEXT = """\
paper: summary changed
  summary:
    - "A tiny paper for tests."
    + "A tiny paper."
event e1 (Speech): summary, citations changed
  summary:
    + "Xi's speech at the second WIC."
  citations: 1 added
    + {"source": "src", "locator": null, "certainty": "inferred", "note": "Page 2."}
actor cac (Cyberspace Administration of China / 国家互联网信息办公室): added
part preface (Foreword / 前言): title.en changed
  title.en:
    - "Preface"
    + "Foreword"
1 added, 3 changed
"""

MARKDOWN = """\
- paper changed: summary.
- events changed: `e1` (summary, citations).
- actors added: `cac` (Cyberspace Administration of China / 国家互联网信息办公室).
- preface changed: `preface` (title.en).
"""


class TestEntries:
    def test_what_is_named(self, versions: tuple[cw.WhitePaper, cw.WhitePaper]) -> None:
        """Each changed entity or part is one entry, with its kind, key, label and changed fields."""
        old, new = versions
        found = list(entries(diff(old, new)))
        assert [(e.kind, e.key, e.collection, e.status) for e in found] == [
            ("paper", None, "", "changed"),
            ("event", "e1", "events", "changed"),
            ("actor", "cac", "actors", "added"),
            ("part", "preface", "preface", "changed"),
        ]
        assert found[2].label == new.actors[1].name

    def test_renumbered(self) -> None:
        """Two sections that swap places are renumbered, each to the other's locator."""
        paper = cw.load_white_paper()
        chapter = paper.chapters[1]
        first, second = chapter.sections[:2]
        sections = (attrs.evolve(second, number=1), attrs.evolve(first, number=2), *chapter.sections[2:])
        after = attrs.evolve(
            paper, chapters=(paper.chapters[0], attrs.evolve(chapter, sections=sections), *paper.chapters[2:])
        )
        # In the new version's order: the section now at II.1 first.
        assert list(entries(diff(paper, after))) == [
            Entry(
                kind="section",
                key="II.2",
                label=second.title,
                collection="sections",
                status="renumbered",
                to="II.1",
            ),
            Entry(
                kind="section",
                key="II.1",
                label=first.title,
                collection="sections",
                status="renumbered",
                to="II.2",
            ),
        ]
        assert "section II.1 (A thriving digital economy / 数字经济蓬勃发展): renumbered as II.2\n" in text(
            diff(paper, after)
        )

    def test_moved(self, mini_paper_path: Path) -> None:
        """An entity put in another place is an entry that says which one it now follows."""
        paper = cw.load(mini_paper_path)
        cac, npc = (
            attrs.evolve(paper.actors[0], id=i, name=cw.LocalizedText(en=i.upper())) for i in ("cac", "npc")
        )
        before = attrs.evolve(paper, actors=(*paper.actors, cac, npc))
        after = attrs.evolve(paper, actors=(npc, *paper.actors, cac))
        change = diff(before, after)
        assert text(change) == "actor npc (NPC): moved to the start\n1 moved\n"
        assert markdown(change) == "- actors moved: `npc`, now first.\n"


class TestText:
    def test_text(self, versions: tuple[cw.WhitePaper, cw.WhitePaper]) -> None:
        """One line per entity or part, the old value after - and the new after +, then the counts."""
        assert text(diff(*versions)) == TEXT

    def test_colour_only_when_asked(self, versions: tuple[cw.WhitePaper, cw.WhitePaper]) -> None:
        """ANSI colours appear only with color=True: removed in red, added in green."""
        assert "\033[" not in text(diff(*versions))
        coloured = text(diff(*versions), color=True)
        assert '\033[31m    - "A tiny paper for tests."\033[0m' in coloured
        assert (
            "\033[1mactor cac (Cyberspace Administration of China / 国家互联网信息办公室)\033[0m: added"
            in coloured
        )

    def test_reordered_citations(self, mini_paper_path: Path) -> None:
        """Citations in another order are said to be the same items, whose order carries no meaning."""
        paper = cw.load(mini_paper_path)
        event = paper.events[0]
        extra = cw.Citation(source="src", certainty=cw.Certainty.INFERRED)
        before = attrs.evolve(event, citations=(*event.citations, extra))
        after = attrs.evolve(event, citations=(extra, *event.citations))
        assert text(diff(before, after)) == (
            "event: citations changed\n"
            "  citations: the same items in another order (their order carries no meaning)\n"
            "1 changed\n"
        )

    def test_empty(self, mini_paper_path: Path) -> None:
        """An empty diff is written as nothing."""
        paper = cw.load(mini_paper_path)
        assert text(diff(paper, paper)) == markdown(diff(paper, paper)) == ""


class TestMarkdown:
    def test_markdown(self, versions: tuple[cw.WhitePaper, cw.WhitePaper]) -> None:
        """One item per collection and status; every entity by id, every part by locator, in backticks."""
        assert markdown(diff(*versions)) == MARKDOWN

    def test_wrapped_without_breaking_ids(self) -> None:
        """Long items wrap at the width asked for, never inside an id."""
        old = cw.load_white_paper()
        new = attrs.evolve(old, sources=tuple(attrs.evolve(s, note="Checked again.") for s in old.sources))
        written = markdown(diff(old, new), width=60)
        assert all(len(line) <= 60 or line.strip().count(" ") == 0 for line in written.splitlines())
        for source in old.sources:
            assert f"`{source.id}`" in written

    def test_labels_escaped(self, mini_paper_path: Path) -> None:
        """Characters that mean something in Markdown are escaped in labels."""
        paper = cw.load(mini_paper_path)
        odd = attrs.evolve(paper.actors[0], id="odd", name=cw.LocalizedText(en="*Not* [a] link_"))
        change = diff(paper, attrs.evolve(paper, actors=(*paper.actors, odd)))
        assert markdown(change) == "- actors added: `odd` (\\*Not\\* \\[a\\] link\\_).\n"


class TestData:
    def test_equal(self, mini_paper_path: Path) -> None:
        """An empty diff is data that says the objects are equal."""
        paper = cw.load(mini_paper_path)
        assert data(diff(paper, paper)) == {
            "type": "WhitePaper", "equal": True, "fields": [], "entities": [], "parts": [],
        }  # fmt: skip

    def test_values_as_in_the_model_json(self, versions: tuple[cw.WhitePaper, cw.WhitePaper]) -> None:
        """Values are written as in the model's JSON: an added entity is what to_dict gives."""
        old, new = versions
        found = data(diff(old, new))
        actors = next(e for e in found["entities"] if e["kind"] == "actor")
        assert actors["added"] == [
            {
                "id": "cac",
                "after": "scio",
                "label": cw.to_dict(new.actors[1].name),
                "entity": cw.to_dict(new.actors[1]),
            }
        ]
        assert found["fields"] == [
            {"path": "$.summary", "old": "A tiny paper for tests.", "new": "A tiny paper.", "ordered": True}
        ]
        (preface,) = found["parts"]
        assert (preface["path"], preface["changed"][0]["old_locator"]) == ("$.preface", "preface")

    @given(pair=edited_pairs())
    def test_always_json(self, pair: tuple[cw.WhitePaper, cw.WhitePaper]) -> None:
        """The data of any diff is JSON, and reads back as the same data."""
        found = data(diff(*pair))
        assert json.loads(json.dumps(found, ensure_ascii=False, allow_nan=False)) == found


def _run(*arguments: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(list(arguments))
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path: Path, versions: tuple[cw.WhitePaper, cw.WhitePaper]) -> tuple[str, str]:
    """The two versions, saved as JSON files."""
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    cw.dump(versions[0], old)
    cw.dump(versions[1], new)
    return str(old), str(new)


class TestCommand:
    def test_different(self, files: tuple[str, str]) -> None:
        """Two papers that differ: the text, exit status 1."""
        assert _run("diff", *files) == (1, TEXT, "")

    def test_equal(self, files: tuple[str, str]) -> None:
        """A paper against itself: nothing printed, exit status 0; '-' is the bundled paper."""
        assert _run("diff", files[0], files[0]) == (0, "", "")
        assert _run("diff", "-", "-") == (0, "", "")

    def test_markdown(self, files: tuple[str, str]) -> None:
        """--format markdown prints the list for a changelog."""
        assert _run("diff", *files, "--format", "markdown") == (1, MARKDOWN, "")

    def test_json(self, files: tuple[str, str], versions: tuple[cw.WhitePaper, cw.WhitePaper]) -> None:
        """--format json prints the diff's data."""
        status, out, err = _run("diff", *files, "--format", "json")
        assert (status, err) == (1, "")
        assert json.loads(out) == data(diff(*versions))

    def test_bundled(self, files: tuple[str, str]) -> None:
        """'-' stands for the bundled paper on either side."""
        status, out, _err = _run("diff", files[0], "-")
        assert status == 1
        assert "principle p1 (Respect): removed\n" in out

    def test_missing_file(self, tmp_path: Path) -> None:
        """A file that cannot be read: exit status 2, one line on standard error."""
        missing = str(tmp_path / "missing.json")
        assert _run("diff", missing, "-") == (
            2, "", f"cyberspace-whitepaper: error: cannot read {missing}: No such file or directory\n",
        )  # fmt: skip

    def test_invalid_file(self, tmp_path: Path) -> None:
        """A file that is not a valid paper: exit status 2 (1 would mean different), every problem printed."""
        bad = tmp_path / "bad.json"
        bad.write_text('{"id": "x"}', encoding="utf-8")
        status, out, err = _run("diff", str(bad), "-")
        assert (status, out) == (2, "")
        assert f"{bad}: $.title: required key is missing\n" in err

    def test_unknown_format(self, files: tuple[str, str]) -> None:
        """An unknown format is a usage error."""
        status, _out, err = _run("diff", *files, "--format", "html")
        assert status == 2
        assert "invalid choice: 'html'" in err

    def test_colour_on_a_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Colour only on a terminal, and not when NO_COLOR is set or the terminal is dumb."""

        class Terminal(io.StringIO):
            def isatty(self) -> bool:
                return True

        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setenv("TERM", "xterm")
        assert cli._wants_color(Terminal())
        assert not cli._wants_color(io.StringIO())
        monkeypatch.setenv("NO_COLOR", "1")
        assert not cli._wants_color(Terminal())
        monkeypatch.delenv("NO_COLOR")
        monkeypatch.setenv("TERM", "dumb")
        assert not cli._wants_color(Terminal())


class TestDiffType:
    def test_diff_is_frozen(self) -> None:
        """A diff cannot be changed."""
        change = Diff(type=cw.Event)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            change.fields = ()  # type: ignore[misc]
