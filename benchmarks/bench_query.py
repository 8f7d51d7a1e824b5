"""Benchmark: the query layer (issue 13): building the indexes, then get, referrers and search per call.

Run from the project's root::

    python benchmarks/bench_query.py

:func:`rows` gives (label, wall seconds, CPU seconds) for each row. Each
figure is the median of several rounds in one process, after a
``gc.collect()``; per-call figures divide a round's time by its calls. The
loads and the index builds of a paper run in the same rounds, in an order
that rotates, so that their ratio holds on a shared machine; CPU time
(``time.process_time``) is what other work disturbs least.

Targets (issue 13): the indexes are built in less time than loading the same
paper takes; a search of the 10,000-event paper takes under 10 ms once
indexed; ``get`` costs under 1 microsecond per call more than a dict lookup.
"""

from __future__ import annotations

import gc
import json
import os
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

Row = tuple[str, float, float]


def _medians(
    functions: dict[str, Callable[[], object]],
    rounds: int,
    calls: int = 1,
    before: Callable[[], object] = lambda: None,
) -> list[Row]:
    """(name, wall, CPU) median seconds per call of each function, over interleaved rounds.

    ``before`` runs before each timing, untimed.
    """
    wall: dict[str, list[float]] = {name: [] for name in functions}
    cpu: dict[str, list[float]] = {name: [] for name in functions}
    names = list(functions)
    for round_ in range(rounds):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            before()
            gc.collect()
            started, cpu_started = time.perf_counter(), time.process_time()
            for _ in range(calls):
                functions[name]()
            wall[name].append((time.perf_counter() - started) / calls)
            cpu[name].append((time.process_time() - cpu_started) / calls)
    return [(name, statistics.median(wall[name]), statistics.median(cpu[name])) for name in names]


def _paper_rows(name: str, loads: dict[str, bytes], rounds: int) -> list[Row]:
    import cyberspace_whitepaper as cw
    from cyberspace_whitepaper import query

    paper = cw.loads(next(iter(loads.values())))

    def forget() -> None:
        # The paper's indexes dropped before each timing, so that they are built again (and the
        # old ones freed before the timing starts, not inside the next one).
        query._INDEXES.pop(id(paper), None)

    def build(index: Callable[[cw.WhitePaper], object]) -> Callable[[], object]:
        return lambda: index(paper)

    contenders: dict[str, Callable[[], object]] = {
        f"{label}, {name}": lambda data=data: cw.loads(data) for label, data in loads.items()
    }
    contenders |= {
        f"index of ids, {name}": build(query._ids),
        f"index of references, {name}": build(query._references),
        f"search index, {name}": build(query._text_index),
        f"all indexes, {name}": build(lambda p: (query._ids(p), query._references(p), query._text_index(p))),
    }
    rows = _medians(contenders, rounds, before=forget)
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

    for label, wall, cpu in _medians(
        {
            f"dict lookup per call, {name}": every(plain.__getitem__, ids),
            f"get(id) per call, {name}": every(paper.get, ids),
            f"get(id, Actor) per call, {name}": every(lambda key: paper.get(key, cw.Actor), actors),
        },
        rounds * 3,
    ):
        count = len(actors) if "Actor" in label else len(ids)
        rows.append((label, wall / count, cpu / count))
    referrers = {f"referrers(id) per call, {name}": every(paper.referrers, ids)}
    for label, wall, cpu in _medians(referrers, rounds):
        rows.append((label, wall / len(ids), cpu / len(ids)))
    paper.search(QUERIES[0])
    # Per call over five calls in a row: "once indexed", the index warm in the caches (straight
    # after a gc.collect() has walked the whole heap, a search of the big paper takes 3 times as long).
    rows += _medians(
        {f"search {text!r}, {name}": lambda q=text: paper.search(q) for text in QUERIES}, rounds, calls=5
    )
    return rows


def rows(bundled_bytes: bytes, big_paper: dict[str, bytes], rounds: int = 7) -> list[Row]:
    """(label, wall seconds, CPU seconds) per call for the bundled paper and a paper of 10,000 events.

    ``big_paper`` gives the 10,000-event paper's bytes by label: each is
    loaded in the same rounds as the indexes are built.
    """
    bundled = _paper_rows("bundled", {"load": bundled_bytes}, rounds)
    return bundled + _paper_rows("10k events", big_paper, rounds)


def _shown(seconds: float) -> str:
    return f"{seconds * 1e6:10.3f} us" if seconds < 1e-3 else f"{seconds * 1e3:10.3f} ms"


def main() -> None:
    sys.path.insert(0, str(HERE))
    import generate

    plain = generate.paper()
    big = {
        # The text of json.dumps: spaces after separators, so not as orjson writes it.
        "load (json.dumps text)": json.dumps(plain, ensure_ascii=False).encode(),
        # Compact, as orjson writes it (and run.py loads it): the reader's quickest path.
        "load (compact text)": json.dumps(plain, ensure_ascii=False, separators=(",", ":")).encode(),
    }
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    found = rows(BUNDLED.read_bytes(), big)
    width = max(len(label) for label, _wall, _cpu in found)
    print(f"{'':<{width}}  {'wall':>13}  {'CPU':>13}")
    for label, wall, cpu in found:
        print(f"{label:<{width}}  {_shown(wall)}  {_shown(cpu)}")
    times = {label: (wall, cpu) for label, wall, cpu in found}
    print()
    for paper, loads in (("bundled", ["load"]), ("10k events", list(big))):
        for load in loads:
            indexes, loaded = times[f"all indexes, {paper}"], times[f"{load}, {paper}"]
            print(
                f"all indexes / {load}, {paper}: {indexes[0] / loaded[0]:.2f} (wall), "
                f"{indexes[1] / loaded[1]:.2f} (CPU)"
            )
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
