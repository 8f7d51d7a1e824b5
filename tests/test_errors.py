"""The error family: classes, order and cap of problems, and the text of every error.

Error messages are part of the API, so the texts here are exact.
"""

from __future__ import annotations

import copy
import io
import json
import pickle
from typing import Any

import pytest

from cyberspace_whitepaper import (
    LimitError,
    Limits,
    LoadError,
    Problem,
    ValidationError,
    WhitePaperError,
    from_dict,
    iter_jsonl,
    loads,
)

XI_JINPING = {"id": "xi-jinping", "name": {"en": "Xi Jinping", "zh": "习近平"}, "kind": "person"}


def _event(number: int, actors: list[str]) -> dict[str, Any]:
    return {
        "id": f"e{number}",
        "date": "2016-11-16",
        "kind": "conference",
        "title": {"en": f"Event {number}"},
        "actors": actors,
    }


def paper_with_events(mini_paper_text: str, actors: list[list[str]]) -> dict[str, Any]:
    """The mini paper as data, with Xi Jinping among its actors and extra events naming ``actors``."""
    data = json.loads(mini_paper_text)
    data["actors"].append(XI_JINPING)
    data["events"].extend(_event(number, names) for number, names in enumerate(actors, start=2))
    return data


def problem(path: str, code: str = "code", message: str = "message", line: int | None = None) -> Problem:
    return Problem(path=path, code=code, message=message, line=line)


class TestFamily:
    @pytest.mark.parametrize("cls", [LoadError, LimitError, ValidationError])
    def test_every_error_is_a_value_error_and_a_white_paper_error(self, cls: type[Exception]) -> None:
        """Callers catch our errors as ValueError (as for the standard library's json) or WhitePaperError."""
        assert issubclass(cls, ValueError)
        assert issubclass(cls, WhitePaperError)

    def test_a_limit_error_is_a_load_error(self) -> None:
        """Going over a limit is a kind of input that cannot be loaded."""
        assert issubclass(LimitError, LoadError)
        assert not issubclass(ValidationError, LoadError)

    def test_except_value_error_catches_a_bad_file(self, mini_paper_text: str) -> None:
        """Code written for json.loads (``except ValueError``) also catches our errors."""
        for text in ("", mini_paper_text.replace('"scio",', '"scio", "scio": 1,', 1)):
            with pytest.raises(ValueError, match=r".") as error:
                loads(text)
            assert isinstance(error.value, WhitePaperError)

    @pytest.mark.parametrize(
        "error",
        [
            LoadError("Expecting value", line=3, column=11),
            LimitError("the input is nested too deeply", limit="max_depth", value=64),
            LimitError("an integer has 19 digits", limit="max_integer_digits", value=18, line=14, column=57),
            ValidationError([problem("$.events[10]"), problem("$.events[2]", line=2)]),
            ValidationError([problem(f"$.events[{i}]") for i in range(150)]),
        ],
        ids=["load", "limit", "limit-with-position", "validation", "validation-capped"],
    )
    def test_errors_pickle_and_copy_whole(self, error: WhitePaperError) -> None:
        """An error survives pickling (as between processes) and copying with its class, data and text."""
        for twin in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
            assert type(twin) is type(error)
            assert vars(twin) == vars(error)
            assert str(twin) == str(error)
            assert twin.args == error.args


class TestValidationErrorOrder:
    def test_problems_are_sorted_by_path_with_numeric_indices(self) -> None:
        """Indices sort as numbers ($.events[2] before $.events[10]), names as text, shorter paths first."""
        paths = [
            "$.events[10]",
            "$.sources",
            "$.events[2].actors[0]",
            "$.events[2]",
            "$",
            "$.events[9]",
            "$.actors",
        ]
        error = ValidationError(problem(path) for path in paths)
        assert [p.path for p in error.problems] == [
            "$",
            "$.actors",
            "$.events[2]",
            "$.events[2].actors[0]",
            "$.events[9]",
            "$.events[10]",
            "$.sources",
        ]

    def test_same_path_sorts_by_code_and_lines_come_first(self) -> None:
        """Problems at one path sort by code; JSON Lines problems sort by line before path."""
        error = ValidationError(
            [
                problem("$.b", "z", line=1),
                problem("$.a", "y", line=2),
                problem("$.a", "x", line=2),
                problem("$.c", "x", line=1),
            ]
        )
        assert [(p.line, p.path, p.code) for p in error.problems] == [
            (1, "$.b", "z"),
            (1, "$.c", "x"),
            (2, "$.a", "x"),
            (2, "$.a", "y"),
        ]

    def test_a_loaded_paper_reports_events_in_numeric_order(self, mini_paper_text: str) -> None:
        """Dangling actors in events 2 and 10 of a paper come out with events[2] first."""
        actors = [["scio"]] * 11
        actors[0] = ["nobody-two"]
        actors[8] = ["nobody-ten"]
        with pytest.raises(ValidationError) as error:
            from_dict(paper_with_events(mini_paper_text, actors))
        assert [p.path for p in error.value.problems] == ["$.events[1].actors[0]", "$.events[9].actors[0]"]
        with pytest.raises(ValidationError) as error_from_text:
            loads(json.dumps(paper_with_events(mini_paper_text, actors)))
        assert error_from_text.value.problems == error.value.problems


class TestValidationErrorCap:
    def test_keeps_the_first_100_problems_and_counts_the_rest(self) -> None:
        """Of 150 problems, the first 100 in path order are kept and the text ends with "and 50 more"."""
        error = ValidationError(problem(f"$.events[{i}]", message=f"bad {i}") for i in reversed(range(150)))
        assert len(error.problems) == 100
        assert error.omitted == 50
        assert [p.path for p in error.problems] == [f"$.events[{i}]" for i in range(100)]
        lines = str(error).split("\n")
        assert len(lines) == 101
        assert lines[0] == "$.events[0]: bad 0"
        assert lines[99] == "$.events[99]: bad 99"
        assert lines[100] == "and 50 more"

    def test_exactly_100_problems_have_no_tail(self) -> None:
        """At the cap itself nothing is omitted, so there is no "and N more" line."""
        error = ValidationError(problem(f"$.events[{i}]") for i in range(100))
        assert (len(error.problems), error.omitted) == (100, 0)
        assert not str(error).endswith("more")
        assert len(str(error).split("\n")) == 100

    def test_a_paper_with_130_dangling_references(self, mini_paper_text: str) -> None:
        """A paper with 130 bad references reports the first 100 and says how many more there are."""
        data = paper_with_events(mini_paper_text, [[f"nobody-{i}"] for i in range(130)])
        with pytest.raises(ValidationError) as error:
            from_dict(data)
        assert len(error.value.problems) == 100
        assert error.value.omitted == 30
        assert error.value.problems[0] == Problem(
            path="$.events[1].actors[0]", code="dangling-reference", message="unknown actor 'nobody-0'"
        )
        assert str(error.value).endswith("\n$.events[100].actors[0]: unknown actor 'nobody-99'\nand 30 more")

    def test_a_json_lines_record_keeps_the_count(self, mini_paper_text: str) -> None:
        """Problems of a JSON Lines record carry their line, and the omitted count survives."""
        data = paper_with_events(mini_paper_text, [[f"nobody-{i}"] for i in range(130)])
        stream = io.BytesIO(json.dumps(data).encode() + b"\n")
        with pytest.raises(ValidationError) as error:
            list(iter_jsonl(stream))
        assert (len(error.value.problems), error.value.omitted) == (100, 30)
        assert {p.line for p in error.value.problems} == {1}
        assert str(error.value).endswith(
            "\nline 1: $.events[100].actors[0]: unknown actor 'nobody-99'\nand 30 more"
        )


class TestValidationErrorText:
    def test_the_documented_example(self, mini_paper_text: str) -> None:
        """A misspelt actor in the fourth event reads exactly as the documentation shows."""
        data = paper_with_events(mini_paper_text, [["xi-jinping"], ["scio"], ["xi-jinpin"]])
        with pytest.raises(ValidationError) as error:
            from_dict(data)
        assert (
            str(error.value)
            == "$.events[3].actors[0]: unknown actor 'xi-jinpin' (did you mean 'xi-jinping'?)"
        )
        assert error.value.problems == (
            Problem(
                path="$.events[3].actors[0]",
                code="dangling-reference",
                message="unknown actor 'xi-jinpin' (did you mean 'xi-jinping'?)",
            ),
        )

    def test_one_line_per_problem(self, mini_paper_text: str) -> None:
        """Every problem is on its own line, path first, in path order."""
        data = paper_with_events(mini_paper_text, [["xi-jinpin"], ["scio", "scoi"]])
        data["summary"] = ""
        with pytest.raises(ValidationError) as error:
            from_dict(data)
        assert str(error.value) == "$.summary: must not be empty or blank"
        del data["summary"]
        data["title"]["en"] = " padded"
        data["languages"] = "zh"
        with pytest.raises(ValidationError) as error:
            from_dict(data)
        assert str(error.value) == (
            "$.languages: expected array, got string 'zh'\n"
            "$.summary: required key is missing\n"
            "$.title.en: must not start or end with white space: ' padded'"
        )

    def test_a_json_lines_problem_starts_with_its_line(self) -> None:
        """A problem from a JSON Lines record names the line before the path."""
        error = ValidationError([problem("$.publisher", message="unknown actor 'x'", line=2)])
        assert str(error) == "line 2: $.publisher: unknown actor 'x'"

    def test_a_message_never_fails_to_build(self, mini_paper_text: str) -> None:
        """A value too big to print (an int of over 4300 digits) is named by its type in the message."""
        data = json.loads(mini_paper_text)
        data["summary"] = 10**5000
        with pytest.raises(ValidationError) as error:
            from_dict(data)
        assert str(error.value) == "$.summary: expected string, got integer <int that cannot be shown>"


class TestLoadErrorText:
    def test_line_and_column_lead_the_message(self) -> None:
        """A LoadError reads "line L, column C: message" and keeps each part as an attribute."""
        error = LoadError("Expecting value", line=3, column=11)
        assert (error.message, error.line, error.column) == ("Expecting value", 3, 11)
        assert str(error) == "line 3, column 11: Expecting value"

    def test_without_column_or_position(self) -> None:
        """Without a column the message names the line; without a line, it is the message alone."""
        assert str(LoadError("too long", line=4)) == "line 4: too long"
        assert str(LoadError("empty document")) == "empty document"

    def test_from_a_truncated_file(self, mini_paper_text: str) -> None:
        """A real syntax error names where the text stops making sense."""
        with pytest.raises(LoadError) as error:
            loads(mini_paper_text[: mini_paper_text.index('"title":') + len('"title":')])
        assert str(error.value) == "line 3, column 11: Expecting value"

    def test_from_yaml(self, mini_paper_text: str) -> None:
        """YAML errors have the same form, with YAML's own line and column."""
        with pytest.raises(LoadError) as error:
            loads(
                mini_paper_text.replace('"publisher": "scio",', '"publisher": "scio", 1: "x",', 1),
                format="yaml",
            )
        assert str(error.value) == "line 4, column 24: keys must be strings, got 1"


class TestLimitErrorText:
    def test_names_the_limit_and_its_value(self) -> None:
        """A LimitError says which limit and its value, as text and as attributes."""
        error = LimitError("the input is nested too deeply", limit="max_depth", value=64)
        assert (error.limit, error.value) == ("max_depth", 64)
        assert str(error) == "the input is nested too deeply (limit max_depth=64)"

    def test_with_a_position(self, mini_paper_text: str) -> None:
        """A limit crossed at a known place also names the line and column."""
        with pytest.raises(LimitError) as error:
            loads(mini_paper_text.replace('"order": 1', '"order": 1234567890123456789', 1))
        assert (error.value.limit, error.value.value, error.value.line, error.value.column) == (
            "max_integer_digits",
            18,
            14,
            57,
        )
        assert (
            str(error.value) == "line 14, column 57: an integer has 19 digits (limit max_integer_digits=18)"
        )

    def test_names_the_configured_value(self, mini_paper_text: str) -> None:
        """The value named is the one in force, not the default."""
        with pytest.raises(LimitError) as error:
            loads(mini_paper_text, limits=Limits(max_depth=3))
        assert str(error.value) == "line 10, column 28: the input is nested too deeply (limit max_depth=3)"
        assert (error.value.limit, error.value.value) == ("max_depth", 3)


class TestProblemCodes:
    def test_the_docs_list_every_code_as_the_library_does(self) -> None:
        """docs/loading.md's table of problem codes is errors.PROBLEM_CODES, code for code, word for word."""
        from pathlib import Path

        from cyberspace_whitepaper.errors import PROBLEM_CODES

        text = (Path(__file__).parent.parent / "docs" / "loading.md").read_text(encoding="utf-8")
        rows = [line for line in text.splitlines() if line.startswith("| `")]
        documented = {row.split("`")[1]: row.split(" | ", 1)[1].rstrip(" |") for row in rows}
        assert documented == PROBLEM_CODES
