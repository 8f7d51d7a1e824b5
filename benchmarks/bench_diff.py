"""How long ``diff`` takes next to loading: the 10,000-event paper against a copy with 100 random edits.

The target (issue 15): ``diff`` of the two versions takes less time than
loading one of them. Both versions are loaded from their JSON bytes, so they
share no objects, as when two files are compared; the edits are those of
``tests/paper_edits.py`` (texts, values, references, entities added, removed
and reordered, parts renumbered, added and removed, citations reordered),
drawn from a seeded ``random.Random``. Both versions are compact JSON, as
``generate.py`` writes the paper that ``run.py`` loads. Each time is the median of several
rounds, one call of each operation per round, after a ``gc.collect()``.

    python benchmarks/bench_diff.py            # 10,000 events, 100 edits, 7 rounds
    python benchmarks/bench_diff.py --quick    # 2,000 events, 100 edits, 3 rounds
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import generate

import cyberspace_whitepaper as cw
from cyberspace_whitepaper.diff import apply, diff, fingerprints
from cyberspace_whitepaper.diffreport import entries

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import paper_edits  # the edits the tests use, from tests/

EDIT_SEED = 15


def median_seconds(operations: dict[str, Callable[[], Any]], rounds: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each operation over ``rounds`` rounds, in a rotating order."""
    names = list(operations)
    for name in names:  # warm-up: generated code, caches
        operations[name]()
    wall: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(rounds):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            gc.collect()
            start, start_cpu = time.perf_counter(), time.process_time()
            result = operations[name]()
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
            del result
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name])) for name in names}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="2,000 events and 3 rounds")
    parser.add_argument("--edits", type=int, default=100, help="random edits made to the copy (default 100)")
    args = parser.parse_args()
    n_events = 2_000 if args.quick else 10_000
    rounds = 3 if args.quick else 7

    old_bytes = generate.paper_json(n_events=n_events, n_actors=n_events)
    original = cw.loads(old_bytes)
    started = time.perf_counter()
    edited, made = paper_edits.edit(original, random.Random(EDIT_SEED), args.edits)
    # Written as generate.py writes the old version (compact JSON), so both load by the same path.
    new_bytes = json.dumps(cw.to_dict(edited), ensure_ascii=False, separators=(",", ":")).encode()
    old, new = cw.loads(old_bytes), cw.loads(new_bytes)
    change = diff(old, new)
    assert apply(old, change) == new, "the diff does not patch the old version into the new"

    kinds = ", ".join(f"{name} {count}" for name, count in sorted(Counter(made).items()))
    print(
        f"# diff: {n_events:,} events and {n_events:,} actors; compact JSON,"
        f" old {len(old_bytes) / 1e6:.1f} MB, new {len(new_bytes) / 1e6:.1f} MB"
    )
    print(f"{len(made)} edits ({kinds}); made in {time.perf_counter() - started:.1f} s")
    named = sum(1 for _ in entries(change))
    print(f"the diff names {named} entities and parts")
    print()
    timings = median_seconds(
        {
            "load the old version": lambda: cw.loads(old_bytes),
            "load the new version": lambda: cw.loads(new_bytes),
            "diff(old, new)": lambda: diff(old, new),
            "apply(old, diff)": lambda: apply(old, change),
            "fingerprints(new)": lambda: fingerprints(new),
        },
        rounds,
    )
    width = max(map(len, timings))
    print(f"| {'operation':<{width}} | wall ms | CPU ms |")
    print(f"|{'-' * (width + 2)}|---:|---:|")
    for name, (seconds, cpu_seconds) in timings.items():
        print(f"| {name:<{width}} | {seconds * 1000:.1f} | {cpu_seconds * 1000:.1f} |")
    print(f"(medians of {rounds} rounds)")
    print()
    for column, label in ((0, "wall"), (1, "CPU")):
        load = min(timings["load the old version"][column], timings["load the new version"][column])
        ratio = timings["diff(old, new)"][column] / load
        verdict = "met" if ratio < 1 else "NOT met"
        print(f"target, {label} time: diff / load of the faster version = {ratio:.2f} ({verdict})")


if __name__ == "__main__":
    main()
