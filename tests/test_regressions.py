"""Replays ``tests/data/regressions/``: inputs that once broke a loader, or that fuzzing found.

Each file goes, as bytes, to ``loads`` (JSON), ``loads(format="yaml")`` and
``iter_jsonl`` (as events), as ``fuzz/fuzz_loaders.py`` feeds atheris. It
may load, and then must survive a round trip, or raise a library error;
either way quickly, and without printing anything.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

import cyberspace_whitepaper as cw

REGRESSIONS = Path(__file__).parent / "data" / "regressions"
FILES = sorted(REGRESSIONS.glob("*.bin"))


def _loaders(data: bytes) -> dict[str, object]:
    return {
        "json": lambda: cw.loads(data),
        "yaml": lambda: cw.loads(data, format="yaml"),
        "jsonl": lambda: list(cw.iter_jsonl(io.BytesIO(data), type=cw.Event)),
    }


class TestRegressions:
    def test_there_are_regressions_to_replay(self) -> None:
        """The folder holds the cases found so far (fuzzing only ever adds to it)."""
        assert len(FILES) >= 6

    @pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
    def test_replay(self, path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A regression input loads and round-trips, or raises a library error, quickly and silently."""
        data = path.read_bytes()
        for form, load in _loaders(data).items():
            started = time.process_time()
            try:
                result = load()  # type: ignore[operator]
            except cw.WhitePaperError:
                result = []
            assert time.process_time() - started < 5, form
            for obj in result if isinstance(result, list) else [result]:
                assert cw.loads(cw.dumps(obj), type=type(obj)) == obj
        assert capsys.readouterr() == ("", "")

    def test_huge_exponent(self) -> None:
        """An exponent Decimal cannot hold (found by atheris): a located LoadError in JSON and YAML."""
        data = b'{ "min": -1.0e+28,"": 1.0e+' + b"9" * 46 + b"28 }"
        for form in ("json", "yaml"):
            with pytest.raises(cw.LoadError) as caught:
                cw.loads(data, format=form)  # type: ignore[call-overload]
            error = caught.value
            assert type(error) is cw.LoadError
            assert (error.line, error.column) == (1, 23)
            assert error.message.startswith("a number out of range: '1.0e+999")
