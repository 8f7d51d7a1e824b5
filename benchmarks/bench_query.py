"""Benchmark: the query layer (issue 13): building the indexes, then get, referrers and search per call.

Run from the project's root::

    python benchmarks/bench_query.py

:func:`rows` gives (label, seconds, medians) for ``run.py`` to print beside
its other rows. Each figure is the median of several rounds in one process,
after a ``gc.collect()``; per-call figures divide a round's time by its calls.

Targets (issue 13): the indexes are built in less time than loading the same
paper takes; a search of the 10,000-event paper takes under 10 ms once
indexed; ``get`` costs under 1 microsecond per call more than a dict lookup.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUNDLED = ROOT / "src" / "cyberspace_whitepaper" / "data" / "white-paper.json"

#: Queries timed on each paper: English words, a phrase, a Chinese run, a misspelling, no match.
QUERIES = ("internet governance", "digital economy cooperation", "网络空间", "sovreignty", "zebra")


def _median(function: Callable[[], object], rounds: int, calls: int = 1) -> float:
    """Median seconds per call of ``function`` over ``rounds`` rounds of ``calls`` calls."""
    times = []
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        for _ in range(calls):
            function()
        times.append((time.perf_counter() - start) / calls)
    return statistics.median(times)


def _paper_rows(name: str, data: bytes, rounds: int) -> list[tuple[str, float]]:
    import cyberspace_whitepaper as cw
    from cyberspace_whitepaper import query

    paper = cw.loads(data)

    def fresh() -> None:
        # Forget this paper's indexes, so the next call builds them again.
        query._INDEXES.pop(id(paper), None)

    def build(index: Callable[[cw.WhitePaper], object]) -> Callable[[], object]:
        def run() -> object:
            fresh()
            return index(paper)

        return run

    rows = [
        (f"load, {name}", _median(lambda: cw.loads(data), rounds)),
        (f"index of ids, {name}", _median(build(query._ids), rounds)),
        (f"index of references, {name}", _median(build(query._references), rounds)),
        (f"search index, {name}", _median(build(query._text_index), rounds)),
        (
            f"all indexes, {name}",
            _median(build(lambda p: (query._ids(p), query._references(p), query._text_index(p))), rounds),
        ),
    ]
    ids = [entity.id for entity in paper.entities()]
    actors = [actor.id for actor in paper.actors]
    plain = {entity.id: entity for entity in paper.entities()}
    paper.get(ids[0])
    paper.referrers(ids[0])

    def every(function: Callable[[str], object], keys: list[str]) -> Callable[[], object]:
        def run() -> object:
            for key in keys:
                function(key)
            return None

        return run

    per_id = rounds * 3
    rows += [
        (f"dict lookup per call, {name}", _median(every(plain.__getitem__, ids), per_id) / len(ids)),
        (f"get(id) per call, {name}", _median(every(paper.get, ids), per_id) / len(ids)),
        (
            f"get(id, Actor) per call, {name}",
            _median(every(lambda key: paper.get(key, cw.Actor), actors), per_id) / len(actors),
        ),
        (f"referrers(id) per call, {name}", _median(every(paper.referrers, ids), rounds) / len(ids)),
    ]
    paper.search(QUERIES[0])
    # Per call over five calls in a row: "once indexed", the index warm in the caches (straight
    # after a gc.collect() has walked the whole heap, a search of the big paper takes 3 times as long).
    for text in QUERIES:
        rows.append((f"search {text!r}, {name}", _median(lambda q=text: paper.search(q), rounds, calls=5)))
    return rows


def rows(bundled_bytes: bytes, big_paper_bytes: bytes, rounds: int = 7) -> list[tuple[str, float]]:
    """(label, seconds per call) for the bundled paper and a paper of 10,000 events: medians."""
    return _paper_rows("bundled", bundled_bytes, rounds) + _paper_rows("10k events", big_paper_bytes, rounds)


def main() -> None:
    sys.path.insert(0, str(HERE))
    import generate

    big = json.dumps(generate.paper(), ensure_ascii=False).encode()
    found = rows(BUNDLED.read_bytes(), big)
    width = max(len(label) for label, _seconds in found)
    for label, seconds in found:
        shown = f"{seconds * 1e6:10.3f} us" if seconds < 1e-3 else f"{seconds * 1e3:10.3f} ms"
        print(f"{label:<{width}}  {shown}")


if __name__ == "__main__":
    main()
