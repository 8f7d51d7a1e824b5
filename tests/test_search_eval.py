"""Search quality on a fixed set of queries: the figures docs/search.md gives are the ones counted here."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import cyberspace_whitepaper as cw

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
