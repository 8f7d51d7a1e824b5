"""Where the time goes: cProfile of one operation, repeated, top functions by own time.

Run from the project's root, in a venv with the ``bench`` extra::

    python benchmarks/hotspots.py load      # the bundled paper, bytes -> objects
    python benchmarks/hotspots.py dump      # the generated 10k paper, objects -> bytes
    python benchmarks/hotspots.py jsonl     # 100,000 events through iter_jsonl

cProfile adds a fixed cost to every Python call, so the generated functions
(one call per object) look heavier here than in ``run.py``; read the order,
not the absolute times.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

import cyberspace_whitepaper as cw  # noqa: E402

BUNDLED = HERE.parent / "src" / "cyberspace_whitepaper" / "data" / "white-paper.json"


def _operation(name: str, folder: Path) -> tuple[Callable[[], Any], int]:
    """The operation to profile, and how many times to run it."""
    if name == "load":
        data = BUNDLED.read_bytes()
        return (lambda: cw.loads(data)), 200
    if name == "dump":
        paper = cw.loads(generate.paper_json(n_events=10_000, n_actors=10_000))
        return (lambda: cw.dumpb(paper)), 10
    if name == "jsonl":
        path = folder / "events.jsonl"
        path.write_bytes(generate.events_jsonl(100_000))
        return (lambda: sum(1 for _ in cw.iter_jsonl(path, type=cw.Event))), 1
    raise SystemExit(f"unknown operation {name!r}: load, dump or jsonl")


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "load"
    with tempfile.TemporaryDirectory() as folder:
        run, times = _operation(name, Path(folder))
        run()  # warm-up: generated code, caches
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(times):
            run()
        profile.disable()
    print(f"# {name}: {times} runs, top 15 functions by own time\n")
    pstats.Stats(profile).strip_dirs().sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
