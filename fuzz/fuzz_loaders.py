"""Coverage-guided fuzzing of the three text loaders with atheris (libFuzzer for Python).

Each input goes, as bytes, to ``loads`` (JSON), ``loads(format="yaml")`` and
``iter_jsonl``. A library error (:class:`WhitePaperError`) is the expected
answer to bad input; anything else escaping, a hang past ``-timeout`` or
memory past ``-rss_limit_mb`` is a crash, which libFuzzer saves as a file.
Whatever loads must survive a round trip, and every problem code of a
:class:`ValidationError` must be one that ``errors.PROBLEM_CODES`` documents.
With ``PROBLEM_CODES_SEEN=FILE`` set, each code is added to FILE when first met.

Run it through ``fuzz/run.py``, which seeds the corpus (JSONTestSuite, the
test data) and copies any crash into ``tests/data/regressions/``; the
default test tier replays that folder (``tests/test_regressions.py``).
Direct use, with libFuzzer's own flags::

    python fuzz/fuzz_loaders.py CORPUS_DIR -max_total_time=60 -max_len=65536
"""

from __future__ import annotations

import io
import os
import sys

import atheris

with atheris.instrument_imports():
    import cyberspace_whitepaper as cw
    from cyberspace_whitepaper.errors import PROBLEM_CODES

SEEN_FILE = os.environ.get("PROBLEM_CODES_SEEN")
SEEN: set[str] = set()


def note_codes(error: cw.ValidationError) -> None:
    """Fail on a problem code the docs do not list; record the codes met for the first time."""
    for problem in error.problems:
        if problem.code in SEEN:
            continue
        if problem.code not in PROBLEM_CODES:
            raise AssertionError(f"problem code not in errors.PROBLEM_CODES: {problem.code!r}")
        SEEN.add(problem.code)
        if SEEN_FILE:
            with open(SEEN_FILE, "a", encoding="utf-8") as file:
                file.write(f"{problem.code}\n")


def check(data: bytes) -> None:
    """Feed ``data`` to every text loader; let only library errors through silently."""
    for load in (
        lambda: cw.loads(data),
        lambda: cw.loads(data, format="yaml"),
        lambda: list(cw.iter_jsonl(io.BytesIO(data), type=cw.Event)),
    ):
        try:
            result = load()
        except cw.ValidationError as error:
            note_codes(error)
            continue
        except cw.WhitePaperError:
            continue
        for obj in result if isinstance(result, list) else [result]:
            if cw.loads(cw.dumps(obj), type=type(obj)) != obj:
                raise AssertionError("a loaded object did not survive a round trip")


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
