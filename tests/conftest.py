"""Shared test set-up: Hypothesis profiles and paths to test data."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from cyberspace_whitepaper import _engine
from cyberspace_whitepaper.errors import PROBLEM_CODES, ValidationError

# A value the fast reader rejects but the detailed path accepts is a bug in
# the fast reader: in the tests it fails loudly instead of falling back.
_engine.CHECK_FALLBACKS = True

# "ci": more examples, no deadline (shared 2-core machines are noisy), no
# example database so that runs do not write files. "quick": for local loops.
settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("quick", max_examples=20, deadline=None)
# "mutation": quick, for tools/mutation.py. mutmut runs the suite twice in one
# process (to map tests to functions, then a clean run) before it forks a
# child per mutant, so each test method has had several executors.
settings.register_profile(
    "mutation",
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.differing_executors],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

TESTS = Path(__file__).parent
DATA = TESTS / "data"
#: shared/ lies beside the project's root, for developers and for CI alike.
SHARED = TESTS.parent.parent / "shared"
JSONTESTSUITE = SHARED / "jsontestsuite"


@pytest.fixture
def mini_paper_path() -> Path:
    """A small valid paper that exercises every kind of reference."""
    return DATA / "mini-paper.json"


@pytest.fixture
def mini_paper_text(mini_paper_path: Path) -> str:
    """The small valid paper as JSON text."""
    return mini_paper_path.read_text(encoding="utf-8")


#: Every Problem.code raised during the run: the catalogue, the fuzzers, the long tier, everything.
#: With PROBLEM_CODES_SEEN=FILE set, they are added to FILE at the end of the run.
SEEN_CODES: set[str] = set()


@pytest.fixture(autouse=True, scope="session")
def _only_documented_problem_codes() -> Iterator[None]:
    """Fail the run if a test met a problem code that ``errors.PROBLEM_CODES`` (and the docs) do not list."""
    original = ValidationError.__init__

    def recording(self: ValidationError, problems: Iterable[Any], *, omitted: int = 0) -> None:
        problems = list(problems)
        # Only the library's own errors: tests of the error class make up codes of their own.
        if sys._getframe(1).f_globals.get("__name__", "").startswith("cyberspace_whitepaper"):
            SEEN_CODES.update(problem.code for problem in problems)
        original(self, problems, omitted=omitted)

    ValidationError.__init__ = recording  # type: ignore[method-assign]
    try:
        yield
    finally:
        ValidationError.__init__ = original  # type: ignore[method-assign]
    seen_file = os.environ.get("PROBLEM_CODES_SEEN")
    if seen_file:
        # Each process (every pytest-xdist worker) adds the codes it met, one a line.
        with open(seen_file, "a", encoding="utf-8") as file:
            file.writelines(f"{code}\n" for code in sorted(SEEN_CODES))
    unknown = SEEN_CODES - set(PROBLEM_CODES)
    assert not unknown, f"problem codes not in errors.PROBLEM_CODES and docs/loading.md: {sorted(unknown)}"
