"""Run the atheris harness for a while, seeded with JSONTestSuite, and keep what it finds.

    python fuzz/run.py --seconds 600

Seeds: every file of ``../shared/jsontestsuite`` (``test_parsing`` and
``test_transform``), the test data (``tests/data``, including earlier
regressions) and the mini paper as YAML and as JSON Lines. The dictionary
``fuzz/tokens.dict`` gives libFuzzer JSON and YAML tokens (``NaN``,
``\\ud800``, ``&a``, ``*a``, ``!!``, ``<<`` ...).

Every crash, timeout or out-of-memory input libFuzzer saves is copied into
``tests/data/regressions/`` as ``<kind>-<sha1>.bin``, which the default
test tier replays; commit them. The script prints the number of executions
and of crashes, and exits 1 if there was any crash.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT.parent / "shared" / "jsontestsuite"
REGRESSIONS = ROOT / "tests" / "data" / "regressions"
HARNESS = ROOT / "fuzz" / "fuzz_loaders.py"
TOKENS = ROOT / "fuzz" / "tokens.dict"


def seed(corpus: Path) -> int:
    """Copy the seed inputs into ``corpus``; return how many there are."""
    sources = [
        *sorted((SUITE / "test_parsing").glob("*.json")),
        *sorted((SUITE / "test_transform").glob("*.json")),
        *sorted((ROOT / "tests" / "data").glob("*.json")),
        *sorted(REGRESSIONS.glob("*.bin")),
    ]
    if not (SUITE / "test_parsing").is_dir():
        raise SystemExit(f"JSONTestSuite not found at {SUITE}")
    for number, source in enumerate(sources):
        shutil.copyfile(source, corpus / f"seed-{number:04d}")
    mini = (ROOT / "tests" / "data" / "mini-paper.json").read_text("utf-8")
    import cyberspace_whitepaper as cw  # noqa: PLC0415 - only once the harness is known to run

    paper = cw.loads(mini)
    (corpus / "seed-yaml").write_text(cw.dumps(paper, format="yaml"), "utf-8")
    events = "".join(cw.dumps(e).replace("\n", "").replace("  ", "") + "\n" for e in paper.events)
    (corpus / "seed-jsonl").write_text(events, "utf-8")
    return len(sources) + 2


def keep(artifacts: Path) -> list[Path]:
    """Copy crash inputs into the regression folder, named by kind and content."""
    kept = []
    REGRESSIONS.mkdir(parents=True, exist_ok=True)
    for found in sorted(artifacts.iterdir()):
        kind = found.name.split("-", 1)[0]  # crash, timeout, oom, leak, slow-unit
        data = found.read_bytes()
        target = REGRESSIONS / f"{kind}-{hashlib.sha1(data).hexdigest()}.bin"  # noqa: S324 - a name, not security
        target.write_bytes(data)
        kept.append(target)
    return kept


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=int, default=600, help="how long to fuzz (default 600)")
    parser.add_argument("--max-len", type=int, default=65536, help="longest input (default 65536)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        corpus, artifacts = Path(work, "corpus"), Path(work, "artifacts")
        corpus.mkdir()
        artifacts.mkdir()
        seeds = seed(corpus)
        command = [
            sys.executable,
            str(HARNESS),
            str(corpus),
            f"-max_total_time={arguments.seconds}",
            f"-max_len={arguments.max_len}",
            # Instrumented code runs about ten times slower: ten seconds is a hang,
            # where the regression replay allows five uninstrumented.
            "-timeout=10",
            "-rss_limit_mb=2048",
            f"-dict={TOKENS}",
            f"-artifact_prefix={artifacts}/",
            "-print_final_stats=1",
        ]
        finished = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - our own harness
        log = finished.stderr
        runs = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
        kept = keep(artifacts)
    print(f"seeds: {seeds}")
    print(f"executions: {runs.group(1) if runs else 'unknown'}")
    print(f"seconds: {arguments.seconds}")
    print(f"crashes: {len(kept)}")
    for path in kept:
        print(f"  kept {path.relative_to(ROOT)}")
    if finished.returncode != 0 and not kept:
        print(log[-4000:], file=sys.stderr)
    return 1 if kept or finished.returncode != 0 else 0


if __name__ == "__main__":
    raise SystemExit(main())
