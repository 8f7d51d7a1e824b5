"""Benchmark of the tables (issue 14): one run, ratios against the targets.

Run from the project's root, in a venv with the ``test`` extra (pyarrow, DuckDB,
orjson)::

    python benchmarks/bench_tables.py            # full run, about 5 minutes on 2 cores
    python benchmarks/bench_tables.py --quick    # a tenth of the events

Targets:

1. ``to_tables`` on the 10,000-event paper takes less time than loading it
   (``loads`` of its bytes). Medians of 5 interleaved rounds, in this process.
2. ``convert_jsonl`` of 1,000,000 events to a Parquet dataset: peak memory
   within 1.5 times that of 100,000 events (constant memory), and throughput
   at least 0.8 times that of a plain loop of ``orjson.loads`` and pyarrow
   batch writes, partitioned the same way, without validation. Each run is a
   child process of its own, so that its peak (``ru_maxrss``) is its own;
   the conversion and the plain loop run in turn, ``--rounds`` times (3
   unless told), and the ratio is of their median times, wall clock and CPU
   time of the child (which other work on a shared machine disturbs less).
3. DuckDB's events-per-actor-per-year query over the 1,000,000-event
   dataset, beside the same query in pure Python over ``iter_jsonl`` (whose
   answer it must equal).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

BATCH = 8192

# --- child processes --------------------------------------------------------------

_CONVERT = """
import json, resource, sys, time
from cyberspace_whitepaper import Event
from cyberspace_whitepaper.tables import convert_jsonl
start = time.perf_counter()
cpu = time.process_time()
report = convert_jsonl(sys.argv[1], sys.argv[2], type=Event, batch_size={batch})
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": seconds, "cpu": time.process_time() - cpu, "peak_kib": peak,
                   "written": report.written}}))
"""

# The baseline: no validation, no model objects, the same schema and partitions.
_PLAIN = """
import json, os, resource, sys, time
import orjson, pyarrow as pa, pyarrow.parquet as pq
from cyberspace_whitepaper import Event
from cyberspace_whitepaper.tables._stream import _Rows

def loose(t):
    # Keys left out of a raw line are nulls here: every level must take them.
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, loose(f.type), nullable=True) for f in t])
    if pa.types.is_list(t):
        return pa.list_(loose(t.value_type))
    return t

schema = pa.schema([pa.field(f.name, loose(f.type), nullable=True) for f in _Rows(Event).schema])
folder = sys.argv[2]
os.mkdir(folder)
start = time.perf_counter()
cpu = time.process_time()
writers, pending, held, written = {{}}, {{}}, 0, 0

def flush():
    for year, rows in pending.items():
        if rows:
            if year not in writers:
                os.mkdir(f"{{folder}}/year={{year}}")
                writers[year] = pq.ParquetWriter(f"{{folder}}/year={{year}}/part-0.parquet", schema)
            writers[year].write_table(pa.Table.from_pylist(rows, schema=schema))
            rows.clear()

with open(sys.argv[1], "rb") as file:
    for line in file:
        record = orjson.loads(line)
        pending.setdefault(record["date"][:4], []).append(record)
        held += 1
        written += 1
        if held >= {batch}:
            flush()
            held = 0
flush()
for writer in writers.values():
    writer.close()
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "cpu": time.process_time() - cpu,
                   "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "written": written}}))
"""


def child(code: str, *args: str) -> dict[str, Any]:
    found = subprocess.run(
        [sys.executable, "-c", code.format(batch=BATCH), *args], capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(found.stdout)
    return result


# --- helpers ------------------------------------------------------------------------


def median_times(functions: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Median seconds of each function, over interleaved rounds (order rotating)."""
    times: dict[str, list[float]] = {name: [] for name in functions}
    names = list(functions)
    for round_ in range(rounds):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            gc.collect()
            start = time.perf_counter()
            functions[name]()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def write_events(path: Path, count: int) -> None:
    import orjson

    with path.open("wb") as file:
        batch = []
        for event in generate.events(count):
            batch.append(orjson.dumps(event) + b"\n")
            if len(batch) >= 10_000:
                file.write(b"".join(batch))
                batch.clear()
        file.write(b"".join(batch))


def row(name: str, value: str, target: str, met: bool | None) -> None:
    verdict = "" if met is None else ("met" if met else "NOT met")
    print(f"| {name} | {value} | {target} | {verdict} |")


def convert_rows(work: Path, big: Path, little: Path, sizes: tuple[int, int], rounds: int) -> None:
    """The rows of target 2: the conversion's peak memory, and its throughput against the plain loop."""
    large, small = sizes
    converted_small = child(_CONVERT, str(little), str(work / "little"))
    runs: dict[str, list[dict[str, Any]]] = {"convert": [], "plain": []}
    for round_ in range(rounds):
        for name in ("convert", "plain") if round_ % 2 == 0 else ("plain", "convert"):
            shutil.rmtree(work / name, ignore_errors=True)
            code = _CONVERT if name == "convert" else _PLAIN
            runs[name].append(child(code, str(big), str(work / name)))
    assert all(run["written"] == large for done in runs.values() for run in done)
    peak = max(run["peak_kib"] for run in runs["convert"])
    memory = peak / converted_small["peak_kib"]
    row(
        f"convert peak memory, {large:,} vs {small:,} events",
        f"{peak / 1024:.0f} MiB vs {converted_small['peak_kib'] / 1024:.0f} MiB ({memory:.2f}x)",
        "<= 1.5x",
        memory <= 1.5,
    )

    def median(name: str, key: str) -> float:
        return statistics.median(run[key] for run in runs[name])

    ours = large / median("convert", "seconds")
    theirs = large / median("plain", "seconds")
    row(
        f"convert throughput, {large:,} events (vs orjson + pyarrow, no validation)",
        f"{ours:,.0f} vs {theirs:,.0f} events/s ({ours / theirs:.2f}x)",
        ">= 0.8x",
        ours / theirs >= 0.8,
    )
    cpu_ratio = median("plain", "cpu") / median("convert", "cpu")
    row(
        "the same in CPU time of each run",
        f"{median('convert', 'cpu'):.1f} s vs {median('plain', 'cpu'):.1f} s ({cpu_ratio:.2f}x)",
        ">= 0.8x",
        cpu_ratio >= 0.8,
    )
    each = ", ".join(
        f"{p['seconds'] / c['seconds']:.2f}" for c, p in zip(runs["convert"], runs["plain"], strict=True)
    )
    row("throughput ratio of each round (wall clock)", each, "", None)
    row(
        "plain loop's peak memory (for comparison)",
        f"{max(run['peak_kib'] for run in runs['plain']) / 1024:.0f} MiB",
        "",
        None,
    )


# --- the run ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the events")
    parser.add_argument("--rounds", type=int, default=3, help="runs of the conversion and the plain loop")
    args = parser.parse_args()
    large, small = (100_000, 10_000) if args.quick else (1_000_000, 100_000)

    import duckdb

    import cyberspace_whitepaper as cw
    from cyberspace_whitepaper.tables import to_tables

    today, version = datetime.date.today(), platform.python_version()
    print(f"# bench_tables.py, {today}, Python {version}, {os.cpu_count()} cores")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("| Measure | Value | Target | |")
    print("|---|---|---|---|")

    # 1. to_tables against loading, on the 10,000-event paper.
    data = generate.paper_json(n_events=10_000)
    big_paper = cw.loads(data)
    contenders = {"load": lambda: cw.loads(data), "to_tables": lambda: to_tables(big_paper)}
    times = median_times(contenders, rounds=5)
    ratio = times["to_tables"] / times["load"]
    row(
        "to_tables, 10,000-event paper (vs loads)",
        f"{times['to_tables'] * 1000:.0f} ms vs {times['load'] * 1000:.0f} ms ({ratio:.2f}x)",
        "< 1x",
        ratio < 1,
    )

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        big, little = work / "big.jsonl", work / "little.jsonl"
        write_events(big, large)
        write_events(little, small)

        # 2. convert: constant memory, and the cost of validation.
        convert_rows(work, big, little, (large, small), args.rounds)

        # 3. The query: DuckDB over the dataset, pure Python over the JSON Lines.
        query = f"""
            SELECT actor, year, count(*) AS events
            FROM (SELECT unnest(actors) AS actor, year
                  FROM read_parquet('{work / "convert"}/*/*.parquet', hive_partitioning = true))
            GROUP BY ALL ORDER BY ALL
        """
        start = time.perf_counter()
        answer = duckdb.sql(query).fetchall()
        duck = time.perf_counter() - start
        start = time.perf_counter()
        counts = Counter(
            (actor, event.date.year) for event in cw.iter_jsonl(big, type=cw.Event) for actor in event.actors
        )
        python = time.perf_counter() - start
        assert answer == sorted((a, y, n) for (a, y), n in counts.items())
        row(
            f"events per actor per year, {large:,} events: DuckDB over the dataset",
            f"{duck:.2f} s",
            "reported",
            None,
        )
        row(
            "the same in pure Python over iter_jsonl",
            f"{python:.1f} s ({python / duck:.0f}x DuckDB's time)",
            "reported",
            None,
        )
    print()
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
