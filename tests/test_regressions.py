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

import attrs
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


def _only(call: object) -> cw.Problem:
    with pytest.raises(cw.ValidationError) as caught:
        call()  # type: ignore[operator]
    assert len(caught.value.problems) == 1, str(caught.value)
    return caught.value.problems[0]


class TestReliabilityRows:
    """The rows of issue 12, each as it was found, each with the behaviour a user expects."""

    def test_an_exponent_too_large_is_a_range_problem_at_the_value(self) -> None:
        """`"value": 1e1000000` in JSON, and -1.5e1000000 in YAML: a range problem at the value itself."""
        for name, form in (
            ("json-decimal-exponent-1e1000000.bin", "json"),
            ("yaml-decimal-exponent-minus-1.5e1000000.bin", "yaml"),
        ):
            data = (REGRESSIONS / name).read_bytes()
            problem = _only(lambda data=data, form=form: cw.loads(data, format=form))
            assert (problem.path, problem.code) == ("$.statistics[0].value", "range")
            assert problem.message.startswith("must lie between 1e-15 and 1e16, got ")

    def test_an_exponent_too_large_in_code_is_the_librarys_error(self) -> None:
        """A Statistic built or evolved with Decimal('1e1000000') raises a ValidationError at $.value."""
        from decimal import Decimal

        import attrs

        statistic = cw.load_white_paper().statistics[0]
        for value in ("1e1000000", "-1.5e1000000", "1e-1000000"):
            problem = _only(lambda value=value: attrs.evolve(statistic, value=Decimal(value)))
            assert (problem.path, problem.code) == ("$.value", "range")

    def test_digits_are_counted_exactly(self) -> None:
        """A number of 29 significant digits is refused, never rounded to 1.0 and accepted."""
        data = (REGRESSIONS / "json-decimal-29-significant-digits.bin").read_bytes()
        problem = _only(lambda: cw.loads(data))
        assert problem == cw.Problem(
            path="$.statistics[0].value",
            code="precision",
            message="has 29 significant digits, at most 15 allowed",
        )

    def test_what_dump_saves_load_reads(self, tmp_path: Path) -> None:
        """A summary of 600,002 quotes doubles when escaped: dump refuses it, and writes nothing."""
        import attrs

        paper = attrs.evolve(cw.load_white_paper(), summary='"' * 600_002)
        target = tmp_path / "paper.json"
        with pytest.raises(cw.LimitError) as caught:
            cw.dump(paper, target)
        assert (caught.value.limit, caught.value.value) == ("max_string_length", 1024 * 1024)
        assert str(caught.value) == (
            "not saved, since it could not be loaded again: a string has 1200004 characters"
            " (limit max_string_length=1048576)"
        )
        assert list(tmp_path.iterdir()) == []
        with pytest.raises(cw.LimitError):
            cw.dump_jsonl([paper], tmp_path / "papers.jsonl")
        assert list(tmp_path.iterdir()) == []

    def test_affiliations_in_a_circle_of_any_length_are_refused(self) -> None:
        """a -> b -> c -> a is refused at its first member, with the circle named."""
        data = (REGRESSIONS / "json-affiliations-in-a-circle-of-three.bin").read_bytes()
        assert _only(lambda: cw.loads(data)) == cw.Problem(
            path="$.actors[1].affiliation",
            code="cycle",
            message="an actor cannot belong to itself through others: 'a' -> 'b' -> 'c' -> 'a'",
        )
        two = data.replace(b'"affiliation": "c"', b'"affiliation": "a"')
        assert _only(lambda: cw.loads(two)).message == (
            "an actor cannot belong to itself through others: 'a' -> 'b' -> 'a'"
        )

    def test_names_are_compared_after_unicode_normalisation(self) -> None:
        """'Café' composed and 'Café' decomposed are one name: the second is a duplicate."""
        data = (REGRESSIONS / "json-principle-names-nfc-and-nfd.bin").read_bytes()
        problem = _only(lambda: cw.loads(data))
        assert (problem.path, problem.code) == ("$.principles[1].name.en", "duplicate-name")

    def test_a_name_with_a_zero_width_space_is_refused(self) -> None:
        """'Respect' and 'Respect' + U+200B look alike: the second is refused, the code point named."""
        data = (REGRESSIONS / "json-principle-name-zero-width-space.bin").read_bytes()
        expected = cw.Problem(
            path="$.principles[1].name.en",
            code="character",
            message="must not contain the character U+200B: 'Respect\\u200b'",
        )
        assert _only(lambda: cw.loads(data)) == expected
        assert _only(lambda: cw.loads(data, format="yaml")) == expected
        name = cw.load_white_paper().principles[0].name
        chinese = "\u200b" + str(name.zh)
        assert _only(lambda: attrs.evolve(name, zh=chinese)) == cw.Problem(
            path="$.zh", code="character", message=f"must not contain the character U+200B: {chinese!r}"
        )

    def test_a_path_with_a_nul_is_an_os_error_naming_it(self, tmp_path: Path) -> None:
        """load and dump of 'a\\x00.json' raise OSError(EINVAL) with the path, as other bad paths do."""
        import errno

        for call in (
            lambda: cw.load("a\x00.json"),
            lambda: cw.dump(cw.load_white_paper(), tmp_path / "a\x00.json"),
        ):
            with pytest.raises(OSError, match="a path cannot contain a NUL character") as caught:
                call()
            assert caught.value.errno == errno.EINVAL
        assert list(tmp_path.iterdir()) == []
