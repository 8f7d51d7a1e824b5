"""Search quality on fixed sets of queries (the paper's, the corpus's): docs/search.md's figures are these."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import cyberspace_whitepaper as cw
from cyberspace_whitepaper.model._shape import entity_kinds, is_whole_document

ROOT = Path(__file__).parent.parent
EVALUATION = json.loads((Path(__file__).parent / "data" / "search-eval.json").read_text(encoding="utf-8"))
PAGE = (ROOT / "docs" / "search.md").read_text(encoding="utf-8")


def _key(hit: cw.SearchHit) -> str:
    """How the evaluation set names a hit: an entity's id, or a part of the text's locator."""
    return hit.id if hit.id is not None else str(hit.locator)


def _judge(query: dict[str, Any]) -> tuple[bool, bool]:
    """(first hit accepted, an accepted answer among the first five) for one query."""
    keys = [_key(hit) for hit in cw.load_white_paper().search(query["query"], limit=5)]
    accepted = set(query["expected"])
    return bool(keys) and keys[0] in accepted, bool(accepted.intersection(keys))


def _figure(name: str) -> int:
    found = re.search(rf"{name}[^*]*\*\*(\d+) of (\d+)\*\* queries", PAGE)
    assert found is not None, f"docs/search.md gives no figure for {name}"
    assert int(found.group(2)) == len(EVALUATION["queries"])
    return int(found.group(1))


class TestSearchEvaluation:
    def test_the_set(self) -> None:
        """The set has at least 30 queries, each with answers that exist in the bundled paper."""
        paper = cw.load_white_paper()
        known = {entity.id for entity in paper.entities()} | {str(locator) for locator, _ in paper.places()}
        assert len(EVALUATION["queries"]) >= 30
        for query in EVALUATION["queries"]:
            assert query["expected"], query
            assert set(query["expected"]) <= known, query
        kinds = {query["kind"] for query in EVALUATION["queries"]}
        assert {"english", "chinese", "alias", "misspelling"} <= kinds

    def test_precision_at_1(self) -> None:
        """The share of queries whose first hit is an accepted answer is the one docs/search.md gives."""
        assert sum(_judge(query)[0] for query in EVALUATION["queries"]) == _figure("precision at 1")

    def test_recall_at_5(self) -> None:
        """The share of queries with an accepted answer in the first five hits is the one the docs give."""
        assert sum(_judge(query)[1] for query in EVALUATION["queries"]) == _figure("recall at 5")

    @pytest.mark.parametrize("query", ["網絡主權", "WIC 2019", "Internet in China white paper 2010"])
    def test_the_misses_named(self, query: str) -> None:
        """The misses docs/search.md names are misses."""
        assert f"`{query}`" in PAGE
        entry = next(q for q in EVALUATION["queries"] if q["query"] == query)
        assert not _judge(entry)[0]


# --- across the corpus ---------------------------------------------------------------------


def _corpus_key(hit: cw.SearchHit) -> list[str | None]:
    """How the corpus's set names a hit: [its paper (None: the corpus's own records), its id or locator]."""
    return [hit.paper, _key(hit)]


def _judge_corpus(query: dict[str, Any]) -> tuple[bool, bool]:
    """(first hit accepted, an accepted answer among the first five) for one query across the corpus."""
    keys = [_corpus_key(hit) for hit in cw.load_corpus().search(query["query"], limit=5)]
    accepted = query["expected"]
    return bool(keys) and keys[0] in accepted, any(key in accepted for key in keys)


def _corpus_figure(name: str) -> int:
    found = re.search(rf"{name} across the corpus[^*]*\*\*(\d+) of (\d+)\*\* queries", PAGE)
    assert found is not None, f"docs/search.md gives no figure for {name} across the corpus"
    assert int(found.group(2)) == len(EVALUATION["corpus_queries"])
    return int(found.group(1))


class TestCorpusSearchEvaluation:
    def test_the_set(self) -> None:
        """The corpus's set has at least 30 queries, each with answers that exist where it says."""
        corpus = cw.load_corpus()
        known: set[tuple[str | None, str]] = {(None, corpus.id)}
        for _kind, shape in entity_kinds(cw.Corpus):
            if not is_whole_document(shape.type):
                known |= {(None, record.id) for record in getattr(corpus, shape.name)}
        for paper in corpus.papers:
            known |= {(paper.id, paper.id)} | {(paper.id, entity.id) for entity in paper.entities()}
            known |= {(paper.id, str(locator)) for locator, _ in paper.places()}
        assert len(EVALUATION["corpus_queries"]) >= 30
        for query in EVALUATION["corpus_queries"]:
            assert query["expected"], query
            assert {tuple(answer) for answer in query["expected"]} <= known, query
        papers = {answer[0] for query in EVALUATION["corpus_queries"] for answer in query["expected"]}
        assert papers == {None, *(paper.id for paper in corpus.papers)}

    def test_precision_at_1(self) -> None:
        """The share of corpus queries whose first hit is accepted is the one docs/search.md gives."""
        found = sum(_judge_corpus(query)[0] for query in EVALUATION["corpus_queries"])
        assert found == _corpus_figure("precision at 1")

    def test_recall_at_5(self) -> None:
        """The share of corpus queries with an accepted answer in the first five is the one the docs give."""
        found = sum(_judge_corpus(query)[1] for query in EVALUATION["corpus_queries"])
        assert found == _corpus_figure("recall at 5")

    @pytest.mark.parametrize("query", ["people-centred", "data security", "mobile apps removed"])
    def test_the_misses_named(self, query: str) -> None:
        """The misses across the corpus that docs/search.md names are misses."""
        assert f"`{query}`" in PAGE
        entry = next(q for q in EVALUATION["corpus_queries"] if q["query"] == query)
        assert not _judge_corpus(entry)[0]
