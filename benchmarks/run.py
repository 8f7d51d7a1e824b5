"""Benchmark: cyberspace-whitepaper against pydantic v2 and msgspec on the same schema.

Run from the project's root, in a venv with the ``bench`` extra::

    python benchmarks/run.py            # full run, a few minutes
    python benchmarks/run.py --quick    # smaller workloads, fewer repeats

Every time is the median of several repeats, interleaved (one call of each
contender per round, the order rotating between rounds) in one process, with
a ``gc.collect()`` before each timed call and the collector otherwise left
as a user has it. Memory and import figures come from child processes, so
that nothing measured before disturbs them.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gc
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

BUNDLED = ROOT / "src" / "cyberspace_whitepaper" / "data" / "white-paper.json"
STAND_IN = ROOT / "tests" / "data" / "mini-paper.json"

# --- child processes: memory, measured away from everything else ------------


def _child_retained(side: str, path: str) -> None:
    """Bytes still allocated after loading every event of ``path`` and keeping them."""
    loader = _event_loader(side)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = loader(path)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(json.dumps({"bytes": after - before, "count": len(kept)}))


def _child_peak(path: str) -> None:
    """Peak of traced memory while iter_jsonl goes through ``path`` keeping nothing."""
    import cyberspace_whitepaper as cw

    gc.collect()
    tracemalloc.start()
    count = 0
    for _event in cw.iter_jsonl(path, type=cw.Event):
        count += 1
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(json.dumps({"peak": peak, "maxrss": _high_water_mark(), "count": count}))


def _high_water_mark() -> int:
    # VmHWM belongs to this process alone; ru_maxrss would carry the parent's
    # figure over the fork.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _event_loader(side: str) -> Callable[[str], list[Any]]:
    if side == "ours":
        import cyberspace_whitepaper as cw

        return lambda path: list(cw.iter_jsonl(path, type=cw.Event))
    if side == "pydantic":
        import models_pydantic as mp

        validate = mp.Event.model_validate_json

        def load_pydantic(path: str) -> list[Any]:
            with open(path, "rb") as file:
                return [validate(line) for line in file]

        return load_pydantic
    import models_msgspec as mm

    decode = mm.decoder(mm.Event).decode

    def load_msgspec(path: str) -> list[Any]:
        with open(path, "rb") as file:
            return [decode(line) for line in file]

    return load_msgspec


def _run_child(*args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# --- timing -----------------------------------------------------------------


class Timings(dict[str, float]):
    """Median wall-clock seconds per contender; ``cpu``: median CPU seconds of this process."""

    cpu: dict[str, float]


def interleaved(contenders: dict[str, Callable[[], Any]], repeats: int) -> Timings:
    """Median seconds of each contender over ``repeats`` rounds, one call of each per round."""
    names = list(contenders)
    for name in names:  # warm-up: caches, generated code, first-call imports
        contenders[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(repeats):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            function = contenders[name]
            gc.collect()
            start, start_cpu = time.perf_counter(), time.process_time()
            result = function()
            elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
            del result
            times[name].append(elapsed)
            cpu[name].append(elapsed_cpu)
    timings = Timings({name: statistics.median(values) for name, values in times.items()})
    timings.cpu = {name: statistics.median(values) for name, values in cpu.items()}
    return timings


def _import_times(repeats: int, bundled_code: str) -> dict[str, float]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "ours: import + load": [sys.executable, "-c", bundled_code],
        "pydantic: import models_pydantic": [sys.executable, "-c", "import models_pydantic"],
        "msgspec: import models_msgspec": [sys.executable, "-c", "import models_msgspec"],
    }
    env["PYTHONPATH"] = str(HERE)
    for command in commands.values():  # warm the file cache and byte-code
        subprocess.run(command, check=True, cwd=ROOT, env=dict(env, PYTHONDONTWRITEBYTECODE=""))

    def runner(command: list[str]) -> Callable[[], None]:
        return lambda: subprocess.run(command, check=True, cwd=ROOT, env=env) and None

    return interleaved({name: runner(command) for name, command in commands.items()}, repeats)


# --- the report -------------------------------------------------------------


def _machine() -> list[str]:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    versions = []
    for name in (
        "cyberspace_whitepaper",
        "attrs",
        "cattrs",
        "pydantic",
        "pydantic_core",
        "msgspec",
        "orjson",
    ):
        try:
            from importlib.metadata import version

            versions.append(f"{name} {version(name.replace('_', '-'))}")
        except Exception:
            versions.append(f"{name} (not installed)")
    return [
        f"date: {datetime.datetime.now(datetime.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"machine: {' '.join(platform.uname())}",
        f"cpu: {cpu} x {os.cpu_count()}",
        f"python: {sys.version.split()[0]} ({platform.python_implementation()})",
        "load average at start: " + " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "packages: " + ", ".join(versions),
    ]


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.1f}" if seconds < 10 else f"{seconds * 1000:.0f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or b is None else f"{a / b:.2f}"


class Report:
    """Collects rows and verdicts, and prints them as they come."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, dict[str, float]]] = []
        self.cpu_rows: list[tuple[str, dict[str, float]]] = []
        self.targets: list[tuple[str, float, float, str]] = []

    def row(self, label: str, result: dict[str, float], *, cpu: bool = False) -> None:
        if not cpu:
            self.rows.append((label, result))
            if isinstance(result, Timings):
                self.cpu_rows.append((label, result.cpu))
        ours = result.get("ours")
        print(
            f"{label:<46} {_ms(ours):>9} {_ms(result.get('pydantic')):>9} {_ms(result.get('msgspec')):>9}"
            f" {_ms(result.get('json')):>9} {_ms(result.get('orjson')):>9}"
            f" {_ratio(ours, result.get('pydantic')):>7} {_ratio(ours, result.get('msgspec')):>7}"
            f" {_ratio(ours, result.get('json')):>7} {_ratio(ours, result.get('orjson')):>7}",
            flush=True,
        )

    def cpu_table(self) -> None:
        print("\nThe same, in CPU time of this process (time.process_time), which other programs")
        print("on a shared machine disturb less than the wall clock:\n")
        self.header()
        for label, result in self.cpu_rows:
            self.row(label, result, cpu=True)

    def target(self, what: str, value: float, limit: float, unit: str = "x") -> None:
        self.targets.append((what, value, limit, unit))

    def header(self) -> None:
        print(
            f"{'workload / operation':<46} {'ours':>9} {'pydantic':>9} {'msgspec':>9}"
            f" {'json':>9} {'orjson':>9} {'/pyd':>7} {'/msgsp':>7} {'/json':>7} {'/orjson':>7}"
        )
        print(f"{'(milliseconds; ratios = ours / other)':<46}")

    def verdicts(self) -> None:
        print("\n## Targets (issue 6)\n")
        met = 0
        for what, value, limit, unit in self.targets:
            ok = value <= limit
            met += ok
            print(f"- {'MET    ' if ok else 'NOT MET'} {what}: {value:.2f}{unit} (target <= {limit:g}{unit})")
        print(f"\n{met} of {len(self.targets)} targets met.")


# --- workloads ----------------------------------------------------------------


def _paper_rows(report: Report, label: str, data: bytes, repeats: int) -> None:
    import models_msgspec as mm
    import models_pydantic as mp
    import msgspec
    import orjson

    import cyberspace_whitepaper as cw
    from cyberspace_whitepaper.model._rules import check_paper

    decode = mm.decoder(mm.WhitePaper).decode
    validate = mp.WhitePaper.model_validate_json
    ours = cw.loads(data)
    theirs_p = validate(data)
    theirs_m = decode(data)
    plain = json.loads(data)
    _same_output(cw.dumps(ours), theirs_p.model_dump_json(indent=2), mm.encoder.encode(theirs_m), label)

    load = interleaved(
        {
            "ours": lambda: cw.loads(data),
            "pydantic": lambda: validate(data),
            "msgspec": lambda: decode(data),
            "json": lambda: json.loads(data),
            "orjson": lambda: orjson.loads(data),
        },
        repeats,
    )
    report.row(f"{label}: load (bytes -> objects)", load)
    serializer = mp.WhitePaper.__pydantic_serializer__
    encode = mm.encoder.encode
    dump = interleaved(
        {
            "ours": lambda: cw.dumpb(ours),
            "pydantic": lambda: serializer.to_json(theirs_p, indent=2),
            "msgspec": lambda: msgspec.json.format(encode(theirs_m), indent=2),
            "json": lambda: json.dumps(plain, ensure_ascii=False, indent=2).encode(),
            "orjson": lambda: orjson.dumps(plain, option=orjson.OPT_INDENT_2),
        },
        repeats,
    )
    report.row(f"{label}: dump (objects -> bytes)", dump)
    rules = interleaved({"ours": lambda: check_paper(ours)}, repeats)
    report.row(f"{label}: whole-paper rules alone", rules)
    report.target(f"{label}: load vs pydantic", load["ours"] / load["pydantic"], 1.0)
    report.target(f"{label}: load vs msgspec", load["ours"] / load["msgspec"], 1.6)
    report.target(f"{label}: dump vs pydantic", dump["ours"] / dump["pydantic"], 1.0)
    report.target(f"{label}: dump vs msgspec", dump["ours"] / dump["msgspec"], 2.0)


def _same_output(ours: str, pydantic_text: str, msgspec_bytes: bytes, label: str) -> None:
    # The three models must agree on the data, or the comparison means nothing.
    a, b, c = json.loads(ours), json.loads(pydantic_text), json.loads(msgspec_bytes)
    if not a == b == c:
        raise SystemExit(f"{label}: the three models do not write the same data")


def _events_rows(report: Report, path: Path, count: int, repeats: int, folder: Path) -> None:
    import models_msgspec as mm
    import models_pydantic as mp
    import orjson

    import cyberspace_whitepaper as cw

    loaders = {side: _event_loader(side) for side in ("ours", "pydantic", "msgspec")}
    name = str(path)

    def per_line(function: Callable[[bytes], Any]) -> Callable[[], list[Any]]:
        def load() -> list[Any]:
            with open(name, "rb") as file:
                return [function(line) for line in file]

        return load

    label = f"{count:,} events (JSON Lines)"
    load = interleaved(
        {
            "ours": lambda: loaders["ours"](name),
            "pydantic": lambda: loaders["pydantic"](name),
            "msgspec": lambda: loaders["msgspec"](name),
            "json": per_line(json.loads),
            "orjson": per_line(orjson.loads),
        },
        repeats,
    )
    report.row(f"{label}: load", load)
    # The way iter_jsonl is meant to be used: each object handled and dropped, never all kept.
    stream = interleaved(
        {
            side: functools.partial(_stream, side, name)
            for side in ("ours", "pydantic", "msgspec", "json", "orjson")
        },
        repeats,
    )
    report.row(f"{label}: streamed, nothing kept", stream)
    by_line = interleaved(
        {
            "ours": per_line(lambda line: cw.loads(line, type=cw.Event)),
            "pydantic": per_line(mp.Event.model_validate_json),
            "msgspec": per_line(mm.decoder(mm.Event).decode),
        },
        repeats,
    )
    report.row(f"{label}: loads line by line, kept", by_line)
    ours, theirs_p, theirs_m = (loaders[side](name) for side in ("ours", "pydantic", "msgspec"))
    plain = per_line(json.loads)()
    serializer = mp.Event.__pydantic_serializer__
    encode = mm.encoder.encode
    out = str(folder / "out.jsonl")

    def writer(lines: Callable[[], Any]) -> Callable[[], None]:
        def write() -> None:
            with open(out, "wb") as file:
                file.writelines(lines())

        return write

    dump = interleaved(
        {
            "ours": lambda: cw.dump_jsonl(ours, out),
            "pydantic": writer(lambda: (serializer.to_json(e) + b"\n" for e in theirs_p)),
            "msgspec": writer(lambda: (encode(e) + b"\n" for e in theirs_m)),
            "json": writer(
                lambda: (
                    json.dumps(p, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" for p in plain
                )
            ),
            "orjson": writer(lambda: (orjson.dumps(p) + b"\n" for p in plain)),
        },
        repeats,
    )
    report.row(f"{label}: dump", dump)
    report.target(f"{label}: load vs pydantic", load["ours"] / load["pydantic"], 1.0)
    report.target(f"{label}: load vs msgspec", load["ours"] / load["msgspec"], 1.6)
    report.target(f"{label}: streamed vs pydantic", stream["ours"] / stream["pydantic"], 1.0)
    report.target(f"{label}: dump vs pydantic", dump["ours"] / dump["pydantic"], 1.0)
    report.target(f"{label}: dump vs msgspec", dump["ours"] / dump["msgspec"], 2.0)


def _stream(side: str, path: str) -> int:
    """Read every event of ``path`` and keep none: the count of events read."""
    count = 0
    if side == "ours":
        import cyberspace_whitepaper as cw

        for _event in cw.iter_jsonl(path, type=cw.Event):
            count += 1
        return count
    if side == "pydantic":
        import models_pydantic as mp

        read: Callable[[bytes], Any] = mp.Event.model_validate_json
    elif side == "msgspec":
        import models_msgspec as mm

        read = mm.decoder(mm.Event).decode
    else:
        import orjson

        read = json.loads if side == "json" else orjson.loads
    with open(path, "rb") as file:
        for line in file:
            read(line)
            count += 1
    return count


DIFFERENCES = """\
## What one side checks that the other cannot (or does not, in these models)

Checked alike by all three: unknown keys rejected; required fields; no
coercion (a number is not a string, 1 is not true, "1" is not 1); enums
exactly; id, language, URL, date and locator patterns with their lengths;
integer ranges; non-blank text without control or bidi characters; a real
calendar date; items that do not repeat; an end not before its start; a
percent from 0 to 100; at most 15 significant digits in a decimal.

Only ours:
- the whole-paper rules (unique ids, references that resolve to the right
  kind of entity, locators that exist, numbering 1..n, dates not after the
  paper): neither rival model has them; their cost is the "rules alone" row,
  included in our load times;
- duplicate keys in a JSON object are an error (pydantic and msgspec keep
  the last value silently);
- limits on document size, nesting depth, string length, digits and length
  of a number, items in an array and values in a document (pydantic and
  msgspec have none to configure);
- "did you mean" hints for unknown keys and enum values, and every problem
  reported at once with its path (pydantic reports all, without hints;
  msgspec stops at the first);
- decimals read exactly from the JSON text: pydantic reads a JSON number
  through a float, so 0.1000000000000000055511 passes as 0.1 and the 15-digit
  rule never sees the extra digits;
- dates and locators become typed values (PartialDate, Locator) that sort
  and compare; both rivals keep them as checked strings.

Only theirs:
- msgspec accepts a decimal written as a JSON string ("39.8"); pydantic and
  ours refuse it (pydantic here through a before-validator);
- pydantic's patterns run on Rust's regex engine, where \\s is Unicode
  White_Space; Python's str.isspace differs only on U+001C..U+001F, which all
  three reject anyway as control characters.
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="smaller workloads and fewer repeats (about a minute)"
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "retained":
            _child_retained(*rest)
        elif kind == "peak":
            _child_peak(*rest)
        return

    quick = args.quick
    repeats = 3 if quick else 7
    big_repeats = 3 if quick else 5
    n_paper = 2_000 if quick else 10_000
    n_events = 10_000 if quick else 100_000
    peak_small, peak_big = (10_000, 100_000) if quick else (100_000, 1_000_000)

    started = time.perf_counter()
    print("# cyberspace-whitepaper benchmark" + (" (--quick)" if quick else ""))
    print()
    for line in _machine():
        print(line)
    shm = Path("/dev/shm")
    folder = Path(tempfile.mkdtemp(prefix="cw-bench-", dir=shm if shm.is_dir() else None))
    try:
        _body(
            folder,
            quick=quick,
            repeats=repeats,
            big_repeats=big_repeats,
            n_paper=n_paper,
            n_events=n_events,
            peak_small=peak_small,
            peak_big=peak_big,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\n(total run time {time.perf_counter() - started:.0f} s; load average at the end: {load})")


def _body(
    folder: Path,
    *,
    quick: bool,
    repeats: int,
    big_repeats: int,
    n_paper: int,
    n_events: int,
    peak_small: int,
    peak_big: int,
) -> None:

    bundled = BUNDLED if BUNDLED.exists() else STAND_IN
    print(
        f"bundled paper: {bundled.relative_to(ROOT)}"
        + ("" if bundled == BUNDLED else " (stand-in: no bundled data yet)")
    )
    paper_data = generate.paper_json(n_events=n_paper, n_actors=n_paper)
    events_path = folder / "events.jsonl"
    events_path.write_bytes(generate.events_jsonl(n_events))
    print(
        f"generated paper: {n_paper:,} events and {n_paper:,} actors, {len(paper_data) / 1e6:.1f} MB;"
        f" JSON Lines: {n_events:,} events, {events_path.stat().st_size / 1e6:.1f} MB"
    )
    print(f"repeats: {repeats} (paper), {big_repeats} (JSON Lines); figures are medians\n")

    report = Report()
    print("## Times\n")
    report.header()
    _paper_rows(report, "bundled paper", bundled.read_bytes(), repeats)
    _paper_rows(report, f"generated paper ({n_paper // 1000}k)", paper_data, repeats)
    _events_rows(report, events_path, n_events, big_repeats, folder)
    report.cpu_table()

    _rules_scaling(report, n_paper)

    print("\n## Import time (fresh interpreter, wall clock)\n")
    if BUNDLED.exists():
        code = "import cyberspace_whitepaper; cyberspace_whitepaper.load_white_paper()"
    else:
        code = f"import cyberspace_whitepaper; cyberspace_whitepaper.load({str(STAND_IN)!r})"
    imports = _import_times(5 if quick else 11, code)
    for name, seconds in imports.items():
        print(f"{name:<36} {_ms(seconds):>8} ms")
    print(f"(ours: {code})")
    report.target(
        "import + load_white_paper vs importing the pydantic model",
        imports["ours: import + load"] / imports["pydantic: import models_pydantic"],
        1.0,
    )

    print(f"\n## Retained memory of {n_events:,} events (tracemalloc, after gc)\n")
    retained = {
        side: _run_child("retained", side, str(events_path)) for side in ("ours", "pydantic", "msgspec")
    }
    for side, found in retained.items():
        print(
            f"{side:<10} {found['bytes'] / 1e6:8.1f} MB",
            f"({found['bytes'] / found['count']:.0f} bytes per event)",
        )
    report.target(
        "retained memory of events vs pydantic",
        retained["ours"]["bytes"] / retained["pydantic"]["bytes"],
        0.6,
    )

    print(f"\n## Peak memory of iter_jsonl: {peak_small:,} against {peak_big:,} events (nothing kept)\n")
    small_path = folder / "peak-small.jsonl"
    big_path = folder / "peak-big.jsonl"
    with open(events_path, "rb") as source:
        lines = source.readlines()
    _write_repeated(small_path, lines, peak_small)
    _write_repeated(big_path, lines, peak_big)
    del lines
    peaks = {
        count: _run_child("peak", str(path))
        for count, path in ((peak_small, small_path), (peak_big, big_path))
    }
    for count, found in peaks.items():
        print(
            f"{count:>10,} events: traced peak {found['peak'] / 1e6:6.2f} MB,"
            f" process max RSS {found['maxrss'] / 1e6:6.1f} MB"
        )
    report.target(
        "iter_jsonl peak memory, 10x the events", peaks[peak_big]["peak"] / peaks[peak_small]["peak"], 1.5
    )

    report.verdicts()
    print()
    print(DIFFERENCES)


def _rules_scaling(report: Report, n_paper: int) -> None:
    import cyberspace_whitepaper as cw
    from cyberspace_whitepaper.model._rules import check_paper

    print("\n## Whole-paper rules: 1x against 10x the events and actors\n")
    papers = {
        "1x": cw.loads(generate.paper_json(n_events=n_paper, n_actors=n_paper)),
        # Ten times the paper is over the default limits (16 MiB, a million values).
        "10x": cw.loads(
            generate.paper_json(n_events=10 * n_paper, n_actors=10 * n_paper),
            limits=cw.Limits(max_bytes=2**30, max_nodes=10**8, max_array_items=10**6),
        ),
    }
    rules = interleaved({size: functools.partial(check_paper, paper) for size, paper in papers.items()}, 5)
    # The floor: a set of the same ids, which any membership test builds. Its
    # cost per id grows too once the table outgrows the processor's caches.
    ids = {size: [e.id for e in p.events] + [a.id for a in p.actors] for size, p in papers.items()}
    floor = interleaved({size: functools.partial(set, found) for size, found in ids.items()}, 5)
    papers.clear()
    ids.clear()
    print(f"check_paper: {_ms(rules['1x'])} ms at 1x, {_ms(rules['10x'])} ms at 10x:", end=" ")
    print(f"{rules['10x'] / rules['1x']:.2f} times")
    print(f"for scale, set() of the same papers' event and actor ids: {_ms(floor['1x'])} ms at 1x,", end=" ")
    print(f"{_ms(floor['10x'])} ms at 10x: {floor['10x'] / floor['1x']:.2f} times")
    report.target("rules at 10x / rules at 1x", rules["10x"] / rules["1x"], 11.0, " times")


def _write_repeated(path: Path, lines: list[bytes], count: int) -> None:
    with open(path, "wb") as out:
        written = 0
        while written < count:
            chunk = lines[: count - written]
            out.writelines(chunk)
            written += len(chunk)


if __name__ == "__main__":
    main()
