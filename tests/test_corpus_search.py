"""Search across a corpus: each paper with its own index, and the crosswalk, ranked together."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import cli, query
from cyberspace_whitepaper.strategies import corpora

CORPUS = cw.load_corpus()
CORPUS_SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
QUERIES = [
    "sovereignty",
    "网络主权",
    "cybercrime",
    "critical information infrastructure",
    "soverignty",
    "data",
]


class TestHits:
    @pytest.mark.parametrize("text", QUERIES)
    def test_the_hits_of_each_paper_and_of_the_crosswalk_ranked_together(self, text: str) -> None:
        """All hits are each paper's own hits, named by it, and the corpus's own, best first."""
        found = CORPUS.search(text, limit=None)
        assert any(hit.paper is None for hit in found), text
        for paper in CORPUS.papers:
            mine = [(h.kind, h.id, h.locator, h.field, h.score) for h in found if h.paper == paper.id]
            alone = [(h.kind, h.id, h.locator, h.field, h.score) for h in paper.search(text, limit=None)]
            assert mine == alone, paper.id
        scores = [hit.score for hit in found]
        assert scores == sorted(scores, reverse=True)

    def test_a_hit_of_a_paper_is_in_that_paper(self) -> None:
        """A hit naming a paper holds an entity, a part of the text or the paper of that very paper."""
        for text in QUERIES:
            for hit in CORPUS.search(text, limit=None):
                if hit.paper is None:
                    continue
                paper = CORPUS.paper(hit.paper)
                if hit.id is not None and hit.kind != "paper":
                    assert paper.get(hit.id) is hit.item
                elif hit.locator is not None:
                    assert paper.section(hit.locator) is hit.item
                else:
                    assert hit.item is paper

    def test_concepts_match_by_name_alias_and_wording(self) -> None:
        """A concept is found by its name, by an alias and by a document's wording of it, each its field."""
        concept = CORPUS.concept("cyber-sovereignty")
        for text, field in [
            (concept.name.en, "name.en"),
            (concept.name.zh, "name.zh"),
            ("The Principle of Sovereignty", "aliases[4].text"),
            ("each country's internet belongs to a different sovereignty", "expressions[1].wording.en"),
        ]:
            hit = CORPUS.search(text or "", kind="concept")[0]
            assert (hit.kind, hit.id, hit.paper, hit.field) == ("concept", concept.id, None, field)
            assert hit.item is concept

    def test_str_names_the_paper(self) -> None:
        """A hit of a paper shows itself with 'in PAPER'; a record of the corpus without."""
        hits = CORPUS.search("critical information infrastructure", limit=2)
        concept, section = (str(hit) for hit in hits)
        assert concept == (
            "concept critical-information-infrastructure [name.en]: "
            "protecting critical information infrastructure"
        )
        assert section == (
            "section IV.4 in cyberspace-community-2022 [title.en]: "
            "Strengthening international cooperation on protecting critical information infrastructure"
        )

    def test_a_paper_searched_alone_names_no_paper(self) -> None:
        """A search of one paper leaves ``paper`` empty: the paper goes without saying."""
        assert {hit.paper for hit in CORPUS.papers[0].search("internet", limit=None)} == {None}


class TestRanking:
    def test_ties_go_to_the_crosswalk_then_the_papers_in_order(self) -> None:
        """Among equal scores, the corpus's own records first, then the papers in the corpus's order."""
        order = {None: -1} | {paper.id: i for i, paper in enumerate(CORPUS.papers)}
        for text in QUERIES:
            hits = CORPUS.search(text, limit=None)
            for first, second in itertools.pairwise(hits):
                if first.score == second.score:
                    assert order[first.paper] <= order[second.paper], (text, first, second)

    @pytest.mark.parametrize("text", QUERIES)
    @pytest.mark.parametrize("limit", [1, 3, 10])
    def test_a_limit_is_the_first_of_all_hits(self, text: str, limit: int) -> None:
        """``limit=n`` gives the first n of all the hits."""
        assert CORPUS.search(text, limit=limit) == CORPUS.search(text, limit=None)[:limit]

    @CORPUS_SETTINGS
    @given(corpus=corpora(max_papers=3), data=st.data())
    def test_generated_corpora(self, corpus: cw.Corpus, data: st.DataObject) -> None:
        """In any corpus, a paper's hits are its own search's, a limit cuts the list, a wording is found."""
        texts = [p.title.en for p in corpus.papers] + [c.name.en for c in corpus.concepts]
        text = data.draw(st.sampled_from(texts))
        everything = corpus.search(text, limit=None)
        assert corpus.search(text, limit=3) == everything[:3]
        for paper in corpus.papers:
            alone = [(h.kind, h.id, h.locator, h.field, h.score) for h in paper.search(text, limit=None)]
            mine = [(h.kind, h.id, h.locator, h.field, h.score) for h in everything if h.paper == paper.id]
            assert mine == alone
        cells = [(i, c) for i, c in enumerate(corpus.concepts) if c.expressions]
        if cells:
            index, concept = data.draw(st.sampled_from(cells))
            worded = attrs.evolve(concept.expressions[0], wording=cw.LocalizedText(en="Wombats", zh="袋熊"))
            concepts = list(corpus.concepts)
            concepts[index] = attrs.evolve(concept, expressions=(worded, *concept.expressions[1:]))
            found = attrs.evolve(corpus, concepts=tuple(concepts)).search(
                data.draw(st.sampled_from(["wombat", "袋熊"]))
            )
            assert (found[0].kind, found[0].id, found[0].paper) == ("concept", concept.id, None)
            assert found[0].field.startswith("expressions[0].wording.")


class TestFilters:
    def test_kind(self) -> None:
        """``kind`` keeps the corpus's own kinds (concept) and its papers' (principle) alike."""
        assert {h.kind for h in CORPUS.search("sovereignty", kind="concept", limit=None)} == {"concept"}
        principles = CORPUS.search("sovereignty", kind="principle", limit=None)
        assert {h.kind for h in principles} == {"principle"}
        assert {h.paper for h in principles} >= {"internet-in-china-2010", "cyberspace-community-2022"}

    def test_paper(self) -> None:
        """``paper`` keeps the hits of the papers named, and leaves the corpus's own records out."""
        hits = CORPUS.search("sovereignty", paper="internet-in-china-2010", limit=None)
        assert {h.paper for h in hits} == {"internet-in-china-2010"}
        two = {"internet-in-china-2010", "wic-concept-paper-2019"}
        assert {h.paper for h in CORPUS.search("sovereignty", paper=two, limit=None)} == two

    def test_language(self) -> None:
        """``language`` keeps the texts of one language, in every paper and in the crosswalk."""
        hits = CORPUS.search("主权", language="zh", limit=None)
        assert hits
        assert all(not h.snippet.isascii() for h in hits)
        assert CORPUS.search("主权", language="en", limit=None) == ()

    def test_unknown_kind_and_paper(self) -> None:
        """An unknown kind or paper is a ValueError naming what there is, with a hint."""
        with pytest.raises(
            ValueError,
            match=r"^no kind 'concepts' to search: one of corpus, paper, .*\(did you mean 'concept'\?\)$",
        ):
            CORPUS.search("x", kind="concepts")
        with pytest.raises(ValueError, match=r"^no paper") as caught:
            CORPUS.search("x", paper="internet-in-china")
        assert str(caught.value) == (
            "no paper 'internet-in-china' in the corpus: one of "
            + ", ".join(paper.id for paper in CORPUS.papers)
            + " (did you mean 'internet-in-china-2010'?)"
        )

    def test_search_kinds(self) -> None:
        """The kinds of a corpus are its own, then its papers', each once."""
        kinds = query.search_kinds(CORPUS)
        assert kinds[:6] == ("corpus", "paper", "document", "concept", "actor", "source")
        assert len(set(kinds)) == len(kinds)
        for paper in CORPUS.papers:
            assert set(query.search_kinds(paper)) <= set(kinds)

    def test_query_search_takes_a_corpus(self) -> None:
        """``query.search`` of a corpus is the corpus's search."""
        assert query.search(CORPUS, "sovereignty") == CORPUS.search("sovereignty")


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = cli.main([os.fspath(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


class TestCommandLine:
    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """search QUERY --corpus shows each hit's kind, key, paper and field, then its snippet."""
        status, out, err = run(
            capsys, "search", "critical information infrastructure", "--corpus", "--limit", "2"
        )
        assert (status, err) == (0, "")
        assert out == (
            "concept    critical-information-infrastructure  [name.en]\n"
            "           protecting critical information infrastructure\n"
            "section    IV.4 in cyberspace-community-2022  [title.en]\n"
            "           Strengthening international cooperation on protecting critical information"
            " infrastructure\n"
        )

    def test_json_names_the_paper(self, capsys: pytest.CaptureFixture[str]) -> None:
        """search --corpus --json gives each hit's paper, null for the corpus's own records."""
        status, out, _err = run(capsys, "search", "主权原则", "--corpus", "--json", "--limit", "3")
        records = json.loads(out)
        hits = CORPUS.search("主权原则", limit=3)
        assert status == 0
        assert [(r["paper"], r["kind"], r["id"], r["locator"]) for r in records] == [
            (h.paper, h.kind, h.id, None if h.locator is None else str(h.locator)) for h in hits
        ]
        assert list(records[0]) == [
            "kind",
            "id",
            "locator",
            "paper",
            "field",
            "snippet",
            "certainty",
            "score",
        ]

    def test_paper_option_and_errors(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--paper keeps one paper's hits (and implies --corpus); an unknown paper is a usage error."""
        status, out, _err = run(
            capsys, "search", "sovereignty", "--paper", "internet-in-china-2010", "--json"
        )
        assert status == 0
        assert {r["paper"] for r in json.loads(out)} == {"internet-in-china-2010"}
        status, out, err = run(capsys, "search", "x", "--corpus", "--paper", "nope")
        assert (status, out) == (2, "")
        assert err.startswith("cyberspace-whitepaper search: error: no paper 'nope' in the corpus: one of ")

    def test_a_corpus_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """search QUERY FILE --corpus searches the corpus in FILE."""
        smaller = attrs.evolve(CORPUS, concepts=CORPUS.concepts[1:])
        cw.dump(smaller, tmp_path / "corpus.json")
        status, out, _err = run(
            capsys, "search", "respecting cyber sovereignty", tmp_path / "corpus.json", "--corpus", "--json"
        )
        assert status == 0
        assert "cyber-sovereignty" not in {r["id"] for r in json.loads(out) if r["kind"] == "concept"}
