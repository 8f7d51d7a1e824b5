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


# --- the pages of the corpus ------------------------------------------------------------

sys.path.insert(0, str(DOCS / "_ext"))
import corpuspage  # noqa: E402 -- lives beside the docs, found through the path above
import paperpage  # noqa: E402

_LABEL = re.compile(r"^\(([^)\s]+)\)=$", re.MULTILINE)
_REF = re.compile(r"\{ref\}`[^`<]*<([^>]+)>`")
_LINK = re.compile(r"\]\(#([^)\s]+)\)")


@pytest.fixture(scope="module")
def corpus() -> cw.Corpus:
    """The bundled corpus."""
    return cw.load_corpus()


@pytest.fixture(scope="module")
def pages(corpus: cw.Corpus) -> dict[str, str]:
    """The generated text of every page of the corpus: each paper's, the index and the crosswalk."""
    found = {paper.id: paperpage.render_paper_page(paper, corpus) for paper in corpus.papers}
    found["index"] = corpuspage.render_papers(corpus)
    found["crosswalk"] = corpuspage.render_crosswalk(corpus)
    return found


def _row(page: str, first_cell: str) -> str:
    """The table row of a page whose first cell is ``first_cell``."""
    (row,) = [line for line in page.splitlines() if line.startswith(f"| {first_cell} |")]
    return row


class TestPaperPages:
    def test_a_page_per_paper(self, corpus: cw.Corpus) -> None:
        """Each paper has its page, docs/papers/<id>.md, holding its marker, and no page is extra."""
        for paper in corpus.papers:
            match = paperpage.MARKER.search(
                (DOCS / f"{paperpage.paper_docname(paper.id)}.md").read_text("utf-8")
            )
            assert match is not None
            assert match.group("id") == paper.id
        pages = {path.stem for path in (DOCS / paperpage.PAPERS_FOLDER).glob("*.md")}
        assert pages == {paper.id for paper in corpus.papers} | {"index"}
        assert corpuspage.MARKER.search((DOCS / "papers" / "index.md").read_text("utf-8"))
        assert corpuspage.MARKER.search((DOCS / "crosswalk.md").read_text("utf-8"))

    def test_the_index_lists_every_page(self, corpus: cw.Corpus, pages: dict[str, str]) -> None:
        """The index's toctree names every paper's page, so a paper without one fails the build."""
        toctree = pages["index"].split("```{toctree}")[1].split("```")[0]
        assert [line for line in toctree.splitlines()[2:] if line] == [paper.id for paper in corpus.papers]

    def test_heading_and_label(self, corpus: cw.Corpus, pages: dict[str, str]) -> None:
        """A paper's page starts with its label and a heading of its title and year, unique to it."""
        headings = []
        for paper in corpus.papers:
            lines = pages[paper.id].splitlines()
            assert lines[0] == f"(paper.{paper.id})="
            assert lines[1].startswith(f"# {paperpage.md(paper.title.en)}")
            assert lines[1].endswith(f" ({paper.published.year})")
            headings.append(lines[1])
        assert len(set(headings)) == len(headings)

    def test_every_place_in_the_contents(self, corpus: cw.Corpus, pages: dict[str, str]) -> None:
        """The contents have a row per place of each paper: its number as written and both titles."""
        for paper in corpus.papers:
            for locator, part in paper.places():
                row = _row(pages[paper.id], f"`{locator}`")
                assert paperpage.md(part.title.en) in row
                if part.title.zh:
                    assert paperpage.md(part.title.zh) in row
                label = None if isinstance(part, cw.Part) else part.label
                if label is not None:
                    assert paperpage.md(label.en) in row
                    assert label.zh is None or paperpage.md(label.zh) in row

    def test_every_entity_on_the_page(self, corpus: cw.Corpus, pages: dict[str, str]) -> None:
        """Every entity of every paper is shown with its id, and every named one with its name."""
        for paper in corpus.papers:
            page = pages[paper.id]
            for entity in paper.entities():
                assert f"(`{entity.id}`)" in page or f"(source.{paper.id}.{entity.id})=" in page, entity.id
            for named in (*paper.principles, *paper.goals, *paper.concerns, *paper.proposals):
                assert f"**{paperpage.localized(named.name)}** (`{named.id}`)" in page, named.id

    def test_goals_of_every_kind(self, corpus: cw.Corpus, pages: dict[str, str]) -> None:
        """Each kind of goal a paper sets has its heading (the 2017 strategy's strategic goals among them)."""
        kinds = set()
        for paper in corpus.papers:
            for kind in {goal.kind for goal in paper.goals}:
                assert f"(`{kind}`)\n" in pages[paper.id]
                kinds.add(kind)
        assert cw.GoalKind.STRATEGIC in kinds

    def test_every_link_lands(self, pages: dict[str, str]) -> None:
        """Every citation and link of the generated pages names a label one of them defines."""
        labels = {label for page in pages.values() for label in _LABEL.findall(page)}
        targets = {
            target for page in pages.values() for target in (*_REF.findall(page), *_LINK.findall(page))
        }
        assert targets
        assert targets <= labels
        assert len(labels) == sum(len(_LABEL.findall(page)) for page in pages.values())  # each label once

    def test_related_papers_are_linked(self, corpus: cw.Corpus, pages: dict[str, str]) -> None:
        """A related document that is a paper of the corpus links to that paper's page."""
        page = pages["cyberspace-community-2022"]
        assert "](#paper.wic-concept-paper-2019) (`wic-concept-paper-2019`)" in page

    def test_the_crosswalk_on_each_paper(self, corpus: cw.Corpus, pages: dict[str, str]) -> None:
        """Each paper's page lists the cells of the crosswalk that quote it, linked to their ideas."""
        for paper in corpus.papers:
            section = pages[paper.id].split("## In the crosswalk")[1]
            rows = [line for line in section.splitlines() if line.startswith("| [")]
            cells = [(c, e) for c, e in corpus.crosswalk() if e.document == paper.id]
            assert len(rows) == len(cells), paper.id
            for row, (concept, cell) in zip(rows, cells, strict=True):
                assert f"](#crosswalk.{concept.id})" in row
                assert paperpage.md(cell.wording.en) in row

    def test_certainty_shown(self, corpus: cw.Corpus, pages: dict[str, str]) -> None:
        """Each citation shows its certainty."""
        paper = corpus.paper("cyberspace-community-2022")
        for citation in paper.principles[0].citations:
            assert f"<source.{paper.id}.{citation.source}>` (" in pages[paper.id]
        assert "*confirmed*" in pages[paper.id]
        assert "*uncertain*" in pages["law-based-cyberspace-governance-2023"]

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


class TestCorpusIndex:
    def test_every_paper_with_its_counts(self, corpus: cw.Corpus, pages: dict[str, str]) -> None:
        """The index names each paper and gives its counts as the data has them, and their sum."""
        page = pages["index"]
        for paper in corpus.papers:
            assert f"](#paper.{paper.id}) (`{paper.id}`)" in page
        headings = [len(list(paper.places())) for paper in corpus.papers]
        official = [sum(part.title.en_official for _at, part in paper.places()) for paper in corpus.papers]
        uncertain = [
            sum(c.certainty is cw.Certainty.UNCERTAIN for _path, _thing, c in paper.cited())
            for paper in corpus.papers
        ]
        for name, counts in (
            ("Headings", headings),
            ("of which in official English", official),
            ("Citations, uncertain", uncertain),
            ("Statistics", [len(paper.statistics) for paper in corpus.papers]),
        ):
            assert _row(page, name) == "| " + " | ".join([name, *map(str, counts), str(sum(counts))]) + " |"


class TestCrosswalkPage:
    def test_every_idea_and_cell(self, corpus: cw.Corpus, pages: dict[str, str]) -> None:
        """Each idea has a labelled section whose table gives its cells in history order."""
        page = pages["crosswalk"]
        for concept in corpus.concepts:
            section = page.split(f"(crosswalk.{concept.id})=\n")[1].split("\n## ")[0]
            assert section.startswith(f"## {paperpage.localized(concept.name)}\n")
            rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line][1:]
            history = corpus.history(concept.id)
            assert len(rows) == len(history), concept.id
            for row, cell in zip(rows, history, strict=True):
                date = corpus.date_of(cell.document)
                assert row.startswith(f"| {date.year if date else ''} | ")
                assert f"| {paperpage.localized(cell.wording, chinese=False)} |" in row
                assert (f"| `{cell.locator}` |" if cell.locator else "|  |") in row
                for citation in cell.citations:
                    assert f"<source.{corpus.id}.{citation.source}>` (*{citation.certainty}*)" in row

    def test_counts_in_the_text(self, corpus: cw.Corpus, pages: dict[str, str]) -> None:
        """The page's opening sentence counts ideas, documents and wordings from the data."""
        cells = [cell for _concept, cell in corpus.crosswalk()]
        official = sum(cell.wording.en_official for cell in cells)
        documents = {paper.id for paper in corpus.papers} | {cell.document for cell in cells}
        assert pages["crosswalk"].startswith(
            f"The crosswalk traces {len(corpus.concepts)} ideas through {len(documents)} documents, "
        )
        assert (
            f"in {len(cells)} wordings: {official} in the document's own official English"
            in pages["crosswalk"]
        )


class TestCrosswalkFigure:
    def test_a_mark_per_idea_and_document(self, corpus: cw.Corpus) -> None:
        """The grid is SVG with a mark where a document words an idea, filled for official English."""
        root = ElementTree.fromstring(corpuspage.crosswalk_svg(corpus))
        svg = "{http://www.w3.org/2000/svg}"
        marks = {
            (g.get("data-concept"), g.get("data-document")): g.get("class")
            for g in root.iter(f"{svg}g")
            if (g.get("class") or "").startswith("cell")
        }
        expected: dict[tuple[str, str], list[cw.Expression]] = {}
        for concept, cell in corpus.crosswalk():
            expected.setdefault((concept.id, cell.document), []).append(cell)
        assert set(marks) == set(expected)
        for key, cells in expected.items():
            official = any(cell.wording.en_official for cell in cells)
            assert marks[key] == ("cell official" if official else "cell gloss"), key
        columns = [g for g in root.iter(f"{svg}g") if g.get("class") == "document"]
        assert [g.get("id") for g in columns] == [
            f"crosswalk-{d.id}" for d in corpuspage.crosswalk_documents(corpus)
        ]
        assert "xi-wic-2015-keynote-speech" in {d.id for d in corpuspage.crosswalk_documents(corpus)}

    def test_documents_by_date(self, corpus: cw.Corpus) -> None:
        """The columns run in date order, every paper among them."""
        documents = corpuspage.crosswalk_documents(corpus)
        dates = [document.published for document in documents]
        assert all(date is not None for date in dates)
        assert dates == sorted(dates, key=lambda d: d.earliest)  # type: ignore[union-attr]
        assert {paper.id for paper in corpus.papers} <= {d.id for d in documents}

    def test_long_names_are_set_on_lines(self) -> None:
        """A long idea name is broken between words, on two lines at most, and cut past that."""
        assert corpuspage._lines("multilateral, democratic and transparent internet governance", 32) == [
            "multilateral, democratic and",
            "transparent internet governance",
        ]
        assert corpuspage._lines("a b", 32) == ["a b"]
        assert corpuspage._lines("aaaa bbbb cccc dddd", 9) == ["aaaa bbbb", "cccc dddd"]
        assert corpuspage._lines("aaaa bbbb cccc dddd eeee", 9) == ["aaaa bbbb", "cccc ddd\u2026"]


class TestTimelineFigure:
    def test_one_mark_per_event(self, corpus: cw.Corpus) -> None:
        """Each paper's figure is SVG with one mark per event, those the paper names set apart."""
        for paper in corpus.papers:
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
