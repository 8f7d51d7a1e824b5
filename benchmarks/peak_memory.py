"""Peak memory for documents at the size limit (16 MiB), measured with tracemalloc.

    python benchmarks/peak_memory.py

Three documents of just under ``DEFAULT_LIMITS.max_bytes``:

- a valid paper (the shape of ``generate.paper``: events, actors, sources),
  written as ``dumps`` writes it, loaded with ``loads`` from bytes (what
  ``load`` does after reading the file) and written back with ``dumps``;
- the worst inputs at the limit: as many values as the bytes allow
  (``[0,0,...]``, ``[[],[],...]``, ``[{},{},...]``, ``["","",...]``,
  millions of each), refused by the ``max_nodes`` limit;
- 100,000 bad items in one array (the array limit), refused after checking
  stops at 1,000 failures.

tracemalloc counts memory Python allocates (objects, buffers), not the
interpreter's own baseline; the figures are peaks above the start of each
measurement, as MiB and as a multiple of the input's size. tracemalloc makes
Python slower, so the times printed are not the library's speed (see
``benchmarks/run.py`` for that).
"""

from __future__ import annotations

import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import generate

import cyberspace_whitepaper as cw

LIMIT = cw.DEFAULT_LIMITS.max_bytes
MIB = 1024 * 1024


def _paper_at_the_limit() -> bytes:
    """The largest generated paper whose canonical JSON fits the size limit."""
    n = 10_000
    text = cw.dumps(cw.from_dict(generate.paper(n, n)))
    n = int(n * LIMIT / len(text.encode("utf-8")) * 0.99)
    plain = generate.paper(n, n)
    data = cw.dumps(cw.from_dict(plain)).encode("utf-8")
    while len(data) > LIMIT:  # trim events until it fits
        plain["events"] = plain["events"][: int(len(plain["events"]) * 0.99)]
        data = cw.dumps(cw.from_dict(plain)).encode("utf-8")
    return data


def _measure(label: str, size: int, call: Callable[[], Any]) -> dict[str, Any]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        call()
        outcome = "loaded"
    except cw.WhitePaperError as error:
        outcome = f"{type(error).__name__}: {str(error).splitlines()[0][:70]}"
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    row = {
        "document": label,
        "input_mib": round(size / MIB, 2),
        "peak_mib": round(peak / MIB, 1),
        "peak_per_input_byte": round(peak / size, 1),
        "seconds_traced": round(seconds, 1),
        "outcome": outcome,
    }
    print(
        f"{label:<44} {row['input_mib']:>6} MiB  peak {row['peak_mib']:>7} MiB "
        f"({row['peak_per_input_byte']:>5} x)  {outcome}"
    )
    return row


def main() -> None:
    rows = []
    paper_bytes = _paper_at_the_limit()
    paper = cw.loads(paper_bytes)
    print(
        f"paper at the limit: {len(paper_bytes)} bytes ({len(paper.events)} events, "
        f"{len(paper.actors)} actors); limit {LIMIT}"
    )
    rows.append(_measure("valid paper: loads(bytes)", len(paper_bytes), lambda: cw.loads(paper_bytes)))
    rows.append(_measure("valid paper: dumps", len(paper_bytes), lambda: cw.dumps(paper)))
    # Floods of small values just under the limit: numbers, arrays, objects, strings.
    for unit in ("0", "[]", "{}", '""'):
        count = (LIMIT - 1) // (len(unit) + 1)
        flood = ("[" + ",".join([unit] * count) + "]").encode()
        label = f"{count} x {unit}: loads(bytes)"
        rows.append(_measure(label, len(flood), lambda flood=flood: cw.loads(flood)))
    items = cw.DEFAULT_LIMITS.max_array_items
    bad = json.dumps({**json.loads(paper_bytes), "languages": [0] * items}).encode()
    rows.append(_measure(f"paper + {items} bad items: loads", len(bad), lambda: cw.loads(bad)))
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
