"""Every example in the documentation and the README runs, and gives the output it shows.

Python examples are doctests (``>>>`` in a ``python`` block), read by Sybil.
Command-line examples are ``console`` blocks written as a session: each
``$ cyberspace-whitepaper ...`` line is run in this process through
:func:`cyberspace_whitepaper.cli.main`, and what it prints, standard output
and standard error together, must match the lines after it (a line of just
``...`` matches any number of lines). ``$ echo $?`` prints the last exit
status. Console blocks without a ``$`` prompt (install commands) are not
examples. Every page runs in a fresh temporary folder.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import re
import shlex
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import attrs
import pytest
from sybil import Document, Example, Region, Sybil
from sybil.parsers.myst import PythonCodeBlockParser

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import cli

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]

_FENCE = re.compile(
    r"^(?P<fence>```+|~~~+)(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL
)
_PROMPT = "$ "


def run_session(session: str) -> str | None:
    """Run each command of a console session; return a description of the first mismatch, or None."""
    status = 0
    for command, expected in _commands(session):
        words = shlex.split(command)
        if words == ["echo", "$?"]:
            actual = f"{status}\n"
        elif words[:1] == ["cyberspace-whitepaper"] or words[:3] == ["python", "-m", "cyberspace_whitepaper"]:
            arguments = words[1:] if words[0] == "cyberspace-whitepaper" else words[3:]
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
                status = cli.main(arguments)
            actual = printed.getvalue()
        else:
            return f"cannot run {command!r}: only cyberspace-whitepaper and echo $? are run"
        if not _matches(expected, actual):
            return f"$ {command}\nexpected:\n{expected}got:\n{actual}"
    return None


def _commands(session: str) -> Iterator[tuple[str, str]]:
    command: str | None = None
    lines: list[str] = []
    for line in session.splitlines(keepends=True):
        if line.startswith(_PROMPT):
            if command is not None:
                yield command, "".join(lines)
            command, lines = line[len(_PROMPT) :].strip(), []
        else:
            lines.append(line)
    if command is not None:
        yield command, "".join(lines)


def _matches(expected: str, actual: str) -> bool:
    pattern = "".join(
        r"(?:[^\n]*\n)*?" if line == "...\n" else re.escape(line)
        for line in expected.splitlines(keepends=True)
    )
    return re.fullmatch(pattern, actual) is not None


def console_parser(document: Document) -> Iterator[Region]:
    """Regions for the console blocks of a page that are written as sessions."""
    for match in _FENCE.finditer(document.text):
        if match.group("info").strip() == "console" and match.group("body").startswith(_PROMPT):
            yield Region(match.start(), match.end(), match.group("body"), _evaluate_session)


def _evaluate_session(example: Example) -> str | None:
    return run_session(example.parsed)


SYBIL = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=doctest.ELLIPSIS),
        console_parser,
    ],
)


def _examples(path: Path) -> list[Example]:
    return list(SYBIL.parse(path))


@pytest.fixture(autouse=True)
def _fresh_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Examples that write files write them in a folder of their own."""
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("page", PAGES, ids=[page.relative_to(ROOT).as_posix() for page in PAGES])
class TestPages:
    def test_examples_run(self, page: Path) -> None:
        """Every example on the page runs and prints what the page shows."""
        for example in _examples(page):
            example.evaluate()

    def test_no_example_is_skipped(self, page: Path) -> None:
        """Every python block and every console session on the page is collected as an example."""
        starts = [example.region.start for example in _examples(page)]
        text = page.read_text(encoding="utf-8")
        for match in _FENCE.finditer(text):
            info, body = match.group("info").strip(), match.group("body")
            runnable = info == "python" or (info == "console" and body.startswith(_PROMPT))
            if runnable:
                line = text.count("\n", 0, match.start()) + 1
                assert any(match.start() <= start < match.end() for start in starts), (
                    f"{page.name}, line {line}: a {info} block that runs no example"
                )


class TestSessions:
    def test_output_and_status(self, mini_paper_path: Path) -> None:
        """A session runs each command and compares its output, exit status included."""
        session = (
            f"$ cyberspace-whitepaper validate {mini_paper_path}\n{mini_paper_path}: valid\n$ echo $?\n0\n"
        )
        assert run_session(session) is None

    def test_mismatch(self, mini_paper_path: Path) -> None:
        """Output that differs from the page is reported with both versions."""
        session = f"$ cyberspace-whitepaper validate {mini_paper_path}\nsomething else\n"
        assert run_session(session) == (
            f"$ cyberspace-whitepaper validate {mini_paper_path}\nexpected:\nsomething else\n"
            f"got:\n{mini_paper_path}: valid\n"
        )

    def test_ellipsis(self, mini_paper_path: Path) -> None:
        """A line of '...' stands for any number of lines."""
        session = f"$ cyberspace-whitepaper show {mini_paper_path}\nA Mini Paper\n...\n  sources    1\n"
        assert run_session(session) is None

    def test_other_commands_refused(self) -> None:
        """A session runs only this project's command line."""
        assert (
            run_session("$ rm -rf /\n")
            == "cannot run 'rm -rf /': only cyberspace-whitepaper and echo $? are run"
        )

    def test_python_m(self, mini_paper_path: Path) -> None:
        """python -m cyberspace_whitepaper in a session runs the same command line."""
        session = f"$ python -m cyberspace_whitepaper validate {mini_paper_path}\n{mini_paper_path}: valid\n"
        assert run_session(session) is None


class TestReadmeOnAPlainInstall:
    def test_console_examples_without_extras(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The README's command-line examples run without PyYAML and Hypothesis, as its install gives."""
        for name in ("yaml", "hypothesis"):
            monkeypatch.setitem(sys.modules, name, None)
        text = (ROOT / "README.md").read_text(encoding="utf-8")
        sessions = [
            match.group("body")
            for match in _FENCE.finditer(text)
            if match.group("info").strip() == "console" and match.group("body").startswith(_PROMPT)
        ]
        assert sessions
        for session in sessions:
            assert run_session(session) is None


# --- the paper page ----------------------------------------------------------------

sys.path.insert(0, str(DOCS / "_ext"))
import paperpage  # noqa: E402 -- lives beside the docs, found through the path above


@pytest.fixture(scope="module")
def page() -> str:
    """The paper page's generated text, from the bundled paper."""
    return paperpage.render_paper(cw.load_white_paper())


class TestPaperPage:
    def test_page_asks_for_the_data(self) -> None:
        """docs/paper.md holds the marker that the extension replaces with the data."""
        assert paperpage.MARKER.search((DOCS / "paper.md").read_text(encoding="utf-8"))

    def test_every_place_in_the_contents(self, page: str) -> None:
        """The table of contents has a row for every part, chapter, section and item, in both languages."""
        paper = cw.load_white_paper()
        places: list[tuple[str, cw.LocalizedText]] = []
        for chapter in paper.chapters:
            places.append((str(cw.Locator(chapter=chapter.number)), chapter.title))
            for section in chapter.sections:
                places.append(
                    (str(cw.Locator(chapter=chapter.number, section=section.number)), section.title)
                )
                places.extend(
                    (
                        str(cw.Locator(chapter=chapter.number, section=section.number, item=item.number)),
                        item.title,
                    )
                    for item in section.items
                )
        if paper.preface is not None:
            places.append(("preface", paper.preface.title))
        if paper.conclusion is not None:
            places.append(("conclusion", paper.conclusion.title))
        for locator, title in places:
            english = paperpage.md(title.en) + ("" if title.en_official else "\\*")
            assert f"| `{locator}` | {english} | {paperpage.md(title.zh or '')} |" in page

    def test_every_entity_on_the_page(self, page: str) -> None:
        """Every entity is shown with its id, and every named one with its name."""
        paper = cw.load_white_paper()
        for entity in paper.entities():
            assert f"(`{entity.id}`)" in page or f"(paper-source-{entity.id})=" in page, entity.id
        for named in (*paper.principles, *paper.goals, *paper.concerns, *paper.proposals):
            assert f"**{paperpage.localized(named.name)}** (`{named.id}`)" in page

    def test_every_citation_links_to_a_source(self, page: str) -> None:
        """Every citation on the page links to a source entry that the page defines."""
        targets = set(re.findall(r"\{ref\}`[^`<]*<(paper-source-[^>]+)>`", page))
        labels = set(re.findall(r"^\((paper-source-[^)]+)\)=$", page, re.MULTILINE))
        assert targets
        assert targets <= labels

    def test_certainty_shown(self, page: str) -> None:
        """Each citation shows its certainty."""
        paper = cw.load_white_paper()
        principle = paper.principles[0]
        for citation in principle.citations:
            assert f"<paper-source-{citation.source}>` (" in page
        assert "*confirmed*" in page

    def test_statistic_figures(self) -> None:
        """Figures read as a person says them, the scale word and approximation kept."""
        assert (
            paperpage.figure(Decimal("45.5"), "trillion", "yuan", approximate=False) == "45.5 trillion yuan"
        )
        assert paperpage.figure(Decimal("39.8"), "one", "percent", approximate=False) == "39.8%"
        assert (
            paperpage.figure(Decimal("24000"), "one", "chinese-characters", approximate=True)
            == "about 24,000 chinese characters"
        )

    def test_text_is_escaped(self, mini_paper_path: Path) -> None:
        """Characters that mean something in MyST are shown as text, so a title cannot break a table."""
        assert paperpage.md("a|b *c* _d_ [e](f) <g> `h` {i}\nj") == (
            "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\<g\\> \\`h\\` \\{i\\} j"
        )
        paper = cw.load(mini_paper_path)
        chapter = attrs.evolve(paper.chapters[0], title=cw.LocalizedText(en="One | two"))
        text = paperpage.render_paper(attrs.evolve(paper, chapters=(chapter,)))
        assert "| `I` | One \\| two |  | none given |" in text


class TestTimelineFigure:
    def test_one_mark_per_event(self) -> None:
        """The figure is well-formed SVG with one mark per event, those the paper names set apart."""
        paper = cw.load_white_paper()
        root = ElementTree.fromstring(paperpage.timeline_svg(paper))
        groups = [g.get("class") for g in root.iter("{http://www.w3.org/2000/svg}g")]
        assert groups.count("event paper") == sum(e.mentioned_in_paper for e in paper.events)
        assert groups.count("event context") == sum(not e.mentioned_in_paper for e in paper.events)

    def test_labels_do_not_overlap(self) -> None:
        """Labels in the same row never overlap."""
        marks = [
            paperpage._Mark(event=None, x0=x, x1=x, label="an event of some length", label_right=True)  # type: ignore[arg-type]
            for x in (100.0, 120.0, 400.0, 130.0)
        ]
        assert paperpage._stack(marks) == 3
        assert [mark.row for mark in marks] == [0, 1, 0, 2]

    def test_axis_breaks_over_empty_years(self, mini_paper_path: Path) -> None:
        """A long run of years without events is cut out of the axis."""
        paper = cw.load(mini_paper_path)
        early = cw.Event(
            id="early",
            date=cw.PartialDate.parse("1994"),
            kind=cw.EventKind.MILESTONE,
            title=cw.LocalizedText(en="E"),
        )
        paper = attrs.evolve(paper, events=(*paper.events, early))
        assert paperpage._Scale.for_events(paper.events).segments == ((1994, 1994), (2015, 2015))
        assert "1994" in paperpage.timeline_svg(paper)

    def test_no_events(self, mini_paper_path: Path) -> None:
        """A paper without events gets a small figure that says so."""
        paper = attrs.evolve(cw.load(mini_paper_path), events=(), principles=())
        root = ElementTree.fromstring(paperpage.timeline_svg(paper))
        assert "".join(root.itertext()) == "No events."
