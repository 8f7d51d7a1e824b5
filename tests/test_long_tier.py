"""The long reliability tier: over 200,000 generated bad inputs, and a run of the atheris fuzzer.

Not run by default. Run it on purpose (about 25 minutes on 2 cores)::

    RELIABILITY_TIER=long python -m pytest tests/test_long_tier.py -s

``-s`` shows the figures: inputs tried by kind, exceptions other than library
errors (must be 0), the slowest input (must take under a second of CPU), and
libFuzzer's execution count. ``RELIABILITY_FUZZ_SECONDS`` sets how long
atheris runs (default 600); where atheris cannot be imported its test is
skipped and the rest still runs. ``RELIABILITY_LONG_FRACTION`` (default 1)
scales every count down for a quick trial of the tier itself.

The inputs:

- 50,000 arbitrary byte strings, each to ``loads`` as JSON, as YAML and to
  ``iter_jsonl``;
- 30,000 arbitrary JSON values (with non-string keys, NaN and lone
  surrogates), each to ``from_dict`` and through JSON text to ``loads``;
- 30,000 damaged copies of 300 generated papers, as JSON or YAML: cut short,
  a byte changed, bytes inserted, deleted or repeated, re-encoded;
- 100,000 single mutations of 400 generated papers, each checked to be
  reported at the mutated path as in ``tests/test_error_locations.py``.
"""

from __future__ import annotations

import collections
import gc
import io
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cyberspace_whitepaper as cw
import test_error_locations as locations
from cyberspace_whitepaper import strategies

pytestmark = pytest.mark.skipif(
    os.environ.get("RELIABILITY_TIER") != "long",
    reason="the long tier runs with RELIABILITY_TIER=long",
)

FRACTION = float(os.environ.get("RELIABILITY_LONG_FRACTION", "1"))
BINARIES = int(50_000 * FRACTION)
JSON_VALUES = int(30_000 * FRACTION)
DAMAGED = int(30_000 * FRACTION)
DAMAGES_PER_PAPER = 100
PAPERS = max(1, int(400 * FRACTION))
MUTATIONS_PER_PAPER = 250
MINIMUM = int(200_000 * FRACTION)
SLOW = 1.0  # seconds of this process's CPU time (not wall time, which a busy machine stretches)
ROOT = Path(__file__).parents[1]

LONG = settings(
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=list(HealthCheck),
)


class _Figures:
    """What the tier tried, and what came out."""

    def __init__(self) -> None:
        self.tried: collections.Counter[str] = collections.Counter()
        self.outcomes: collections.Counter[str] = collections.Counter()
        self.slowest = 0.0
        self.runs = 0

    def timed(self, kind: str, call: Callable[[], Any]) -> Any:
        """Run ``call`` within the time bound, and keep the slowest time seen."""
        # The collector is paused while an input is timed, and run between inputs: a full
        # collection of everything the test run holds is not the cost of one input.
        self.runs += 1
        if self.runs % 1000 == 0:
            gc.collect()
        gc.disable()
        started = time.process_time()
        try:
            return call()
        finally:
            elapsed = time.process_time() - started
            gc.enable()
            self.slowest = max(self.slowest, elapsed)
            assert elapsed < SLOW, (kind, elapsed)

    def run(self, kind: str, call: Callable[[], Any]) -> Any:
        """Run one loader on one input: the result, or None for a library error; anything else fails."""
        try:
            result = self.timed(kind, call)
        except cw.WhitePaperError as error:
            self.outcomes[type(error).__name__] += 1
            return None
        self.outcomes["loaded"] += 1
        return result


@pytest.fixture(scope="module")
def figures() -> Iterator[_Figures]:
    """The tier's figures; at the end, the number of inputs tried must reach 200,000."""
    found = _Figures()
    yield found
    total = sum(found.tried.values())
    # Under pytest-xdist each worker runs some of the tests and sees only its share.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    print(
        f"\nlong tier{f' ({worker} only)' if worker else ''}: {total} bad inputs tried "
        f"{dict(sorted(found.tried.items()))}; outcomes {dict(sorted(found.outcomes.items()))}; "
        f"0 other exceptions; slowest input {found.slowest:.3f} s"
    )
    if worker is None:
        assert total >= MINIMUM


def _round_trip(obj: Any) -> None:
    for item in obj if isinstance(obj, list) else [obj]:
        assert cw.loads(cw.dumps(item), type=type(item)) == item


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=6)
        | st.dictionaries(st.text() | st.integers() | st.none(), children, max_size=6)
    ),
    max_leaves=40,
)


def _damage(data: bytes, rng: random.Random) -> bytes:
    how = rng.randrange(6)
    at = rng.randrange(len(data) + 1)
    if how == 0:
        return data[:at]
    if how == 1 and data:
        at = min(at, len(data) - 1)
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
    if how == 2:
        return data[:at] + rng.randbytes(rng.randrange(1, 9)) + data[at:]
    if how == 3:
        return data[:at] + data[at + rng.randrange(1, 9) :]
    if how == 4:
        return data.decode("utf-8").encode(rng.choice(["utf-16", "utf-32", "gb18030", "utf-8-sig"]))
    chunk = data[at : at + rng.randrange(1, 40)]
    return data[: rng.randrange(len(data) + 1)] + chunk + data[at:]


class TestLongTier:
    @settings(LONG, max_examples=BINARIES)
    @given(data=st.binary(max_size=4096))
    def test_arbitrary_bytes(self, data: bytes, figures: _Figures) -> None:
        """Arbitrary bytes give a model object or a library error, from every text loader."""
        figures.tried["bytes"] += 1
        for result in (
            figures.run("json", lambda: cw.loads(data)),
            figures.run("yaml", lambda: cw.loads(data, format="yaml")),
            figures.run("jsonl", lambda: list(cw.iter_jsonl(io.BytesIO(data), type=cw.Event))),
        ):
            if result is not None:
                _round_trip(result)

    @settings(LONG, max_examples=JSON_VALUES)
    @given(value=json_values)
    def test_arbitrary_json_values(self, value: Any, figures: _Figures) -> None:
        """Arbitrary JSON values, as plain data and as text, give a model object or a library error."""
        figures.tried["json values"] += 1
        text = json.dumps(value, allow_nan=True)
        for result in (
            figures.run("from_dict", lambda: cw.from_dict(value)),
            figures.run("loads", lambda: cw.loads(text)),
            figures.run("loads bytes", lambda: cw.loads(text.encode("utf-8", "surrogatepass"))),
        ):
            if result is not None:
                _round_trip(result)

    @settings(LONG, max_examples=max(1, DAMAGED // DAMAGES_PER_PAPER))
    @given(paper=strategies.white_papers(), seed=st.integers(0, 2**32 - 1))
    def test_damaged_papers(self, paper: cw.WhitePaper, seed: int, figures: _Figures) -> None:
        """A generated paper's JSON or YAML, damaged, gives a model object or a library error."""
        rng = random.Random(seed)
        texts = {form: cw.dumps(paper, format=form).encode("utf-8") for form in ("json", "yaml")}
        for number in range(DAMAGES_PER_PAPER):
            form = ("json", "yaml")[number % 2]
            damaged = _damage(texts[form], rng)
            figures.tried["damaged papers"] += 1
            result = figures.run(form, lambda damaged=damaged, form=form: cw.loads(damaged, format=form))
            if result is not None:
                _round_trip(result)

    @settings(LONG, max_examples=PAPERS)
    @given(paper=strategies.white_papers(), seed=st.integers(0, 2**32 - 1))
    def test_mutations_are_located(self, paper: cw.WhitePaper, seed: int, figures: _Figures) -> None:
        """Every single mutation of a generated paper is reported at the mutated path."""
        mutator = locations._Mutator(cw.to_dict(paper), random.Random(seed))
        checker = locations.TestErrorLocations()
        for number in range(MUTATIONS_PER_PAPER):
            kind = locations.KINDS[number % len(locations.KINDS)]
            made = mutator.mutate(kind)
            if made is None:
                continue
            changed, path, alone = made
            figures.tried["mutations"] += 1
            target = locations.json_path(path)
            outcome = figures.timed(
                kind,
                lambda kind=kind, changed=changed, target=target, alone=alone, number=number: checker._check(
                    kind, changed, target, alone, also_text=number % 8 == 0
                ),
            )
            figures.outcomes[f"mutation: {outcome}"] += 1

    def test_atheris(self) -> None:
        """The atheris harness runs its time with no crash, hang or memory blow-up."""
        pytest.importorskip("atheris")
        seconds = int(os.environ.get("RELIABILITY_FUZZ_SECONDS", "600"))
        finished = subprocess.run(
            [sys.executable, str(ROOT / "fuzz" / "run.py"), "--seconds", str(seconds)],
            capture_output=True,
            text=True,
            check=False,
        )
        print(f"\natheris, {seconds} s:\n{finished.stdout}")
        assert finished.returncode == 0, finished.stdout + finished.stderr[-4000:]
        assert "crashes: 0" in finished.stdout
