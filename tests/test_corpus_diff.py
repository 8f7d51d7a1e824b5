"""The diff of two corpora: papers matched by id and each diffed as a paper; reports that name the paper."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import cli, diffreport
from cyberspace_whitepaper.diff import apply, diff, invert
from cyberspace_whitepaper.diffreport import entries
from cyberspace_whitepaper.model import Locator
from cyberspace_whitepaper.strategies import corpora
from paper_edits import edit_corpus

#: A drawn corpus is big to draw (up to three papers, its crosswalk): Hypothesis is told so.
CORPUS_SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
CORPUS = cw.load_corpus()
PAPER_2010 = CORPUS.papers[0]


@st.composite
def edited_corpora(draw: DrawFn, max_edits: int = 6) -> tuple[cw.Corpus, cw.Corpus]:
    """A generated corpus, and the same corpus after a few random edits that keep it valid."""
    corpus = draw(corpora(max_papers=3))
    rng = draw(st.randoms(use_true_random=False))
    edited, _made = edit_corpus(corpus, rng, draw(st.integers(1, max_edits)))
    return corpus, edited


def with_paper(index: int, paper: cw.WhitePaper) -> cw.Corpus:
    return attrs.evolve(CORPUS, papers=(*CORPUS.papers[:index], paper, *CORPUS.papers[index + 1 :]))


#: The 2010 paper with its first chapter's summary and its first principle's name changed.
EDITED_2010 = attrs.evolve(
    PAPER_2010,
    chapters=(attrs.evolve(PAPER_2010.chapters[0], summary="Rewritten."), *PAPER_2010.chapters[1:]),
    principles=(
        attrs.evolve(
            PAPER_2010.principles[0],
            name=attrs.evolve(PAPER_2010.principles[0].name, en="Sovereignty online"),
        ),
        *PAPER_2010.principles[1:],
    ),
)


class TestPatch:
    @CORPUS_SETTINGS
    @given(pair=edited_corpora())
    def test_apply_gives_the_new_version(self, pair: tuple[cw.Corpus, cw.Corpus]) -> None:
        """apply(a, diff(a, b)) == b for a generated corpus and an edited copy of it."""
        old, new = pair
        change = diff(old, new)
        assert apply(old, change) == new
        assert bool(change) == (old != new)

    @CORPUS_SETTINGS
    @given(pair=edited_corpora())
    def test_inverse_gives_the_old_version(self, pair: tuple[cw.Corpus, cw.Corpus]) -> None:
        """apply(b, invert(diff(a, b))) == a, and inverting twice gives the diff back."""
        old, new = pair
        change = diff(old, new)
        assert apply(new, invert(change)) == old
        assert invert(invert(change)) == change

    @CORPUS_SETTINGS
    @given(pair=edited_corpora())
    def test_the_diff_names_only_the_papers_that_changed(self, pair: tuple[cw.Corpus, cw.Corpus]) -> None:
        """The papers named as changed are those both versions have that differ; entries name only those."""
        old, new = pair
        change = diff(old, new)
        (papers,) = [c for c in change.entities if c.path == "$.papers"] or [None]
        named = {c.id for c in papers.changed} if papers is not None else set()
        before = {p.id: p for p in old.papers}
        assert named == {p.id for p in new.papers if p.id in before and before[p.id] != p}
        for entry in entries(change):
            if entry.paper is not None:
                assert entry.paper in named

    def test_the_bundled_corpus_against_itself_edited(self) -> None:
        """An edit in one paper of the bundled corpus is one changed paper, and the patch holds both ways."""
        new = with_paper(0, EDITED_2010)
        change = diff(CORPUS, new)
        assert apply(CORPUS, change) == new
        assert apply(new, invert(change)) == CORPUS
        assert [(c.path, [e.id for e in c.changed]) for c in change.entities] == [
            ("$.papers", [PAPER_2010.id])
        ]
        assert not diff(CORPUS, cw.loads(cw.dumps(CORPUS), type=cw.Corpus))


class TestPapersAsPapers:
    def test_a_changed_chapter_is_named_by_its_locator(self) -> None:
        """Inside a paper of a corpus, a changed part is named by its locator, as in a diff of the paper."""
        change = diff(CORPUS, with_paper(0, EDITED_2010))
        (inner,) = change.entities[0].changed
        (chapters,) = inner.diff.parts
        (changed,) = chapters.changed
        assert (changed.old_locator, changed.new_locator) == (Locator(chapter=1), Locator(chapter=1))
        assert inner.diff == diff(PAPER_2010, EDITED_2010)

    def test_entries_name_their_paper(self) -> None:
        """The report's entries inside a paper name it; the corpus's own records name none."""
        concepts = (*CORPUS.concepts[1:], CORPUS.concepts[0])
        change = diff(CORPUS, attrs.evolve(with_paper(0, EDITED_2010), concepts=concepts))
        assert [(e.kind, e.key, e.status, e.paper) for e in entries(change)] == [
            ("principle", PAPER_2010.principles[0].id, "changed", PAPER_2010.id),
            ("chapter", "I", "changed", PAPER_2010.id),
            ("concept", CORPUS.concepts[0].id, "moved", None),
        ]


class TestReports:
    def test_text_names_the_paper_of_each_change(self) -> None:
        """Each line of the text report about a paper's contents ends its subject with 'in PAPER'."""
        change = diff(CORPUS, with_paper(0, EDITED_2010))
        lines = [line for line in diffreport.text(change).splitlines() if not line.startswith(" ")]
        principle, chapter = PAPER_2010.principles[0], PAPER_2010.chapters[0]
        assert lines == [
            (
                f"principle {principle.id} (Sovereignty online / {principle.name.zh}) in {PAPER_2010.id}: "
                "name.en changed"
            ),
            f"chapter I ({chapter.title.en} / {chapter.title.zh}) in {PAPER_2010.id}: summary changed",
            "2 changed",
        ]

    def test_markdown_names_the_paper_of_each_change(self) -> None:
        """The Markdown report gives an item per paper, collection and status, naming the paper."""
        change = diff(CORPUS, with_paper(0, EDITED_2010))
        principle = PAPER_2010.principles[0]
        assert diffreport.markdown(change, width=200) == (
            f"- principles changed in `{PAPER_2010.id}`: `{principle.id}` (name.en).\n"
            f"- chapters changed in `{PAPER_2010.id}`: `I` (summary).\n"
        )

    def test_a_paper_added_and_removed(self) -> None:
        """A paper only one version has is one entry of the corpus's papers, added or removed."""
        fewer = attrs.evolve(
            CORPUS,
            papers=CORPUS.papers[:-1],
            concepts=tuple(
                attrs.evolve(
                    c, expressions=tuple(e for e in c.expressions if e.document != CORPUS.papers[-1].id)
                )
                for c in CORPUS.concepts
            ),
        )
        change = diff(fewer, CORPUS)
        added = [(e.kind, e.key, e.status, e.paper) for e in entries(change) if e.status == "added"]
        assert added == [("paper", CORPUS.papers[-1].id, "added", None)]
        assert apply(CORPUS, invert(change)) == fewer


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = cli.main([os.fspath(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


class TestCommandLine:
    def test_diff_of_corpus_files(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """diff --corpus OLD NEW reads corpora, names the paper of each change, exits 1 as they differ."""
        cw.dump(with_paper(0, EDITED_2010), tmp_path / "new.json")
        status, out, err = run(capsys, "diff", "--corpus", "-", tmp_path / "new.json", "--format", "markdown")
        assert (status, err) == (1, "")
        assert out == diffreport.markdown(diff(CORPUS, with_paper(0, EDITED_2010)))
        assert f"in `{PAPER_2010.id}`" in out

    def test_equal_corpora(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The bundled corpus against itself: nothing printed, exit 0."""
        assert run(capsys, "diff", "--corpus", "-", "-") == (0, "", "")

    def test_json(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """diff --corpus --format json nests each paper's diff under the corpus's papers."""
        cw.dump(with_paper(0, EDITED_2010), tmp_path / "new.json")
        status, out, _err = run(capsys, "diff", "--corpus", "-", tmp_path / "new.json", "--format", "json")
        found: dict[str, Any] = json.loads(out)
        assert (status, found["type"], found["entities"][0]["path"]) == (1, "Corpus", "$.papers")
        inner = found["entities"][0]["changed"][0]
        assert (inner["id"], inner["diff"]["type"]) == (PAPER_2010.id, "WhitePaper")
        assert inner["diff"]["parts"][0]["changed"][0]["new_locator"] == "I"

    def test_a_paper_file_is_not_a_corpus(
        self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path
    ) -> None:
        """A paper given to diff --corpus is invalid data, reported on standard error, exit 2."""
        status, out, err = run(capsys, "diff", "--corpus", "-", mini_paper_path)
        assert (status, out) == (2, "")
        assert f"{mini_paper_path}: $.papers: required key is missing" in err.splitlines()
