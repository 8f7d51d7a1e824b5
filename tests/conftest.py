"""Shared test set-up: Hypothesis profiles and paths to test data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from cyberspace_whitepaper import _engine

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
