"""What the ``fast`` extra (orjson) buys: the bundled paper loaded and written with it and without.

Run from the project's root::

    python benchmarks/bench_orjson.py

Both ways run in the same process, in turns (41 rounds of 5 calls each),
switched by ``_fastjson.USE_ORJSON``; the figures are medians of CPU time.
The README's "about 3 times and about 10 times" come from this script.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from importlib import resources

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import _fastjson

ROUNDS = 41
CALLS = 5


def main() -> None:
    data = resources.files("cyberspace_whitepaper").joinpath("data/white-paper.json").read_bytes()
    paper = cw.loads(data)
    operations: dict[str, Callable[[], object]] = {
        "load": lambda: cw.loads(data),
        "dump": lambda: cw.dumpb(paper),
    }
    times: dict[tuple[str, bool], list[float]] = {(op, on): [] for op in operations for on in (True, False)}
    try:
        for _ in range(ROUNDS):
            for on in (True, False):
                _fastjson.USE_ORJSON = on
                for name, operation in operations.items():
                    gc.collect()
                    started = time.process_time()
                    for _ in range(CALLS):
                        operation()
                    times[name, on].append((time.process_time() - started) / CALLS)
    finally:
        _fastjson.USE_ORJSON = _fastjson.orjson is not None
    median = {key: statistics.median(found) * 1000 for key, found in times.items()}
    for name in operations:
        with_it, without = median[name, True], median[name, False]
        ratio = without / with_it
        print(f"{name}: {with_it:.3f} ms with orjson, {without:.3f} ms without: {ratio:.2f} times as long")


if __name__ == "__main__":
    main()
