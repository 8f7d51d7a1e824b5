"""How big a paper ``white_papers()`` draws, how much of Hypothesis' budget that takes, and how long.

Run from the project's root, in a venv with the ``test`` extra::

    python benchmarks/strategies.py            # every size, about two minutes
    python benchmarks/strategies.py --quick    # fewer papers of each size

Hypothesis caps what one example may draw at 8,192 bytes of choices
(``hypothesis.internal.conjecture.engine.BUFFER_SIZE``); an example that needs
more is thrown away ("overrun"), and a strategy that overruns often fails
Hypothesis' health check. The budget is read here through Hypothesis'
internals (``ConjectureData``), since no public API gives it; each paper is
drawn from a fresh random seed, as in Hypothesis' generate phase. Times are
CPU times of this process, the median over the papers of each size.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from typing import Any

from hypothesis.control import BuildContext
from hypothesis.errors import StopTest
from hypothesis.internal.conjecture.data import ConjectureData
from hypothesis.internal.conjecture.engine import BUFFER_SIZE

from cyberspace_whitepaper import strategies

#: (label, arguments of white_papers); the last is every kind at its most.
SIZES: list[tuple[str, dict[str, int]]] = [
    ("defaults", {}),
    ("500 events, 100 actors, 20 sources", {"min_events": 500, "max_events": 500, "min_actors": 100,
                                            "max_actors": 100, "min_sources": 20, "max_sources": 20}),
    ("10,000 events and 10,000 actors", {"min_events": 10_000, "max_events": 10_000,
                                         "min_actors": 10_000, "max_actors": 10_000}),
    ("100,000 events", {"min_events": 100_000, "max_events": 100_000}),
    ("every kind 999; 999 chapters of up to 10 sections of up to 3 items", {
        **{f"{bound}_{kind}": 999 for kind in ("principles", "goals", "concerns", "proposals", "events",
                                               "actors", "statistics", "documents", "sources")
           for bound in ("min", "max")},
        "min_chapters": 999, "max_chapters": 999, "max_sections": 10, "max_items": 3,
    }),
]  # fmt: skip


def draw(strategy: Any, seed: int) -> tuple[Any, int | None, float]:
    """One paper, the bytes of budget it took (None if it overran), and the CPU seconds."""
    data = ConjectureData(random=random.Random(seed))
    start = time.process_time()
    try:
        with BuildContext(data, wrapped_test=lambda: None):
            paper = data.draw(strategy)
    except StopTest:
        return None, None, time.process_time() - start
    return paper, data.length, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer papers of each size")
    quick = parser.parse_args().quick
    print(f"Hypothesis' budget: {BUFFER_SIZE:,} bytes of choices per example")
    print("| Paper | Papers | Entities (most) | Budget used, median (most) | Overruns | CPU per paper |")
    print("|---|---|---|---|---|---|")
    for label, arguments in SIZES:
        papers = (3 if quick else 10) if arguments else (50 if quick else 300)
        if "min_chapters" in arguments or ("max_events" in arguments and arguments["max_events"] >= 100_000):
            papers = 1 if quick else 3
        strategy = strategies.white_papers(**arguments)
        used, times, entities = [], [], 0
        for seed in range(papers):
            paper, length, seconds = draw(strategy, seed)
            times.append(seconds)
            if paper is not None:
                used.append(length)
                entities = max(entities, sum(1 for _ in paper.entities()))
        share = f"{statistics.median(used):,.0f} ({max(used):,})" if used else "-"
        print(
            f"| {label} | {papers} | {entities:,} | {share} | {papers - len(used)} |"
            f" {statistics.median(times) * 1000:,.0f} ms |"
        )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
