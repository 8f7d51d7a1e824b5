"""The command line: every subcommand, its exit status and its exact output."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import cli, dataset

MINI_SHOW = """\
A Mini Paper
小白皮书

id         mini-paper
publisher  SCIO (scio)
published  2022-11-07
languages  zh, en

Contents
  preface    Preface / 前言
  I          One (1 section)

Principles
  basic       1. Respect

Counts
  goals      0
  concerns   0
  proposals  0
  events     1 (1 named in the paper)
  actors     1
  statistics 1
  documents  0
  sources    1
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Run the command line in this process; return its status, standard output and standard error."""
    status = cli.main([os.fspath(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(err: str, message: str) -> None:
    """Standard error holds exactly one line, this message, and no traceback."""
    assert err == message + "\n"
    assert "Traceback" not in err


@pytest.fixture
def mini(mini_paper_text: str) -> dict[str, Any]:
    """The mini paper as plain data, to change for a test."""
    data: dict[str, Any] = json.loads(mini_paper_text)
    return data


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def broken_paper(tmp_path: Path, mini: dict[str, Any]) -> Path:
    """A well-formed paper that breaks field and whole-paper rules."""
    bad = copy.deepcopy(mini)
    bad["principles"][0]["kind"] = "Basic"
    bad["colour"] = "red"
    return write_json(tmp_path / "broken.json", bad)


@pytest.fixture
def dangling_paper(tmp_path: Path, mini: dict[str, Any]) -> Path:
    """A paper whose fields are fine but whose references do not resolve."""
    bad = copy.deepcopy(mini)
    bad["events"][0]["actors"] = ["nobody"]
    bad["principles"][0]["located_in"] = "IX"
    return write_json(tmp_path / "dangling.json", bad)


@pytest.fixture
def syntax_error_paper(tmp_path: Path) -> Path:
    """A file that is not JSON at all."""
    path = tmp_path / "syntax.json"
    path.write_text('{\n  "id": "x",\n  "title": {"en": "T"},,\n}\n', encoding="utf-8")
    return path


@pytest.fixture
def events_paper(tmp_path: Path, mini: dict[str, Any]) -> Path:
    """The mini paper with events of every date precision, a range, and context events."""
    paper = copy.deepcopy(mini)

    def event(id: str, date: str, title: str, **more: Any) -> dict[str, Any]:
        return {"id": id, "date": date, "kind": "conference", "title": {"en": title}, **more}

    paper["events"] += [
        event("wic-2019", "2019-10", "Conference in October", place={"en": "Wuzhen"}),
        event("year-2020", "2020", "Something in 2020", mentioned_in_paper=True),
        event("range", "2022-11-06", "Two-day meeting", end="2022-11-07", mentioned_in_paper=True),
        event("launch", "2022-11-07", "Launch", mentioned_in_paper=True),
        event("later", "2023-01-05", "Later coverage"),
    ]
    # English that is our gloss is marked in the listing.
    paper["events"][-2]["title"] = {"en": "Launch", "zh": "发布", "en_official": False}
    return write_json(tmp_path / "events.json", paper)


class TestShow:
    def test_file(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """show prints the titles, metadata, chapters with section counts, principles and counts."""
        assert run(capsys, "show", mini_paper_path) == (0, MINI_SHOW, "")

    def test_marks_unofficial_english(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, mini: dict[str, Any]
    ) -> None:
        """English that is not the official wording carries a mark, explained at the end."""
        mini["chapters"][0]["title"] = {"en": "One", "zh": "一", "en_official": False}
        status, out, _ = run(capsys, "show", write_json(tmp_path / "p.json", mini))
        assert status == 0
        assert "  I          One* / 一 (1 section)\n" in out
        assert out.endswith("\n* English not official: our gloss or a machine translation.\n")

    def test_no_mark_without_unofficial_english(
        self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path
    ) -> None:
        """The note on unofficial English appears only when something is marked."""
        _, out, _ = run(capsys, "show", mini_paper_path)
        assert "*" not in out

    def test_bundled_paper_by_default(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """Without FILE, show works on the bundled paper: the same output as for a copy of it."""
        copy_path = tmp_path / "bundled.json"
        copy_path.write_text(cw.dumps(cw.load_white_paper()), encoding="utf-8")
        status, out, err = run(capsys, "show")
        assert (status, err) == (0, "")
        assert out == run(capsys, "show", copy_path)[1]
        assert out.startswith(
            "Jointly Build a Community with a Shared Future in Cyberspace\n携手构建网络空间命运共同体\n"
        )

    def test_missing_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A missing file is a one-line error with status 2."""
        status, out, err = run(capsys, "show", tmp_path / "nope.json")
        assert (status, out) == (2, "")
        assert_one_line_error(
            err,
            f"cyberspace-whitepaper: error: cannot read {tmp_path / 'nope.json'}: No such file or directory",
        )

    def test_folder(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A folder given as FILE is a one-line error with status 2."""
        folder = tmp_path / "folder.json"
        folder.mkdir()
        status, _, err = run(capsys, "show", folder)
        assert status == 2
        assert_one_line_error(err, f"cyberspace-whitepaper: error: cannot read {folder}: is a directory")

    def test_invalid_file(self, capsys: pytest.CaptureFixture[str], dangling_paper: Path) -> None:
        """An invalid file gives every problem on standard error and status 1."""
        status, out, err = run(capsys, "show", dangling_paper)
        assert (status, out) == (1, "")
        assert err == (
            f"{dangling_paper}: $.events[0].actors[0]: unknown actor 'nobody'\n"
            f"{dangling_paper}: $.principles[0].located_in: the paper has no IX\n"
        )


class TestValidate:
    def test_valid(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """A valid file is reported as valid, with status 0."""
        assert run(capsys, "validate", mini_paper_path) == (0, f"{mini_paper_path}: valid\n", "")

    def test_field_problems(self, capsys: pytest.CaptureFixture[str], broken_paper: Path) -> None:
        """Every problem of a broken file is printed, one per line, path first, with status 1."""
        assert run(capsys, "validate", broken_paper) == (
            1,
            (
                f"{broken_paper}: $.colour: unknown key 'colour'\n"
                f"{broken_paper}: $.principles[0].kind: 'Basic' is not one of 'basic', 'governance' "
                "(did you mean 'basic'?)\n"
            ),
            "",
        )

    def test_rule_problems(self, capsys: pytest.CaptureFixture[str], dangling_paper: Path) -> None:
        """Problems with whole-paper rules are printed the same way."""
        expected = (
            f"{dangling_paper}: $.events[0].actors[0]: unknown actor 'nobody'\n"
            f"{dangling_paper}: $.principles[0].located_in: the paper has no IX\n"
        )
        assert run(capsys, "validate", dangling_paper) == (1, expected, "")

    def test_syntax_error(self, capsys: pytest.CaptureFixture[str], syntax_error_paper: Path) -> None:
        """A file that is not well-formed gives its line and column, with status 1."""
        assert run(capsys, "validate", syntax_error_paper) == (
            1,
            f"{syntax_error_paper}: line 3, column 24: Expecting property name enclosed in double quotes\n",
            "",
        )

    def test_every_file(
        self,
        capsys: pytest.CaptureFixture[str],
        mini_paper_path: Path,
        syntax_error_paper: Path,
        dangling_paper: Path,
    ) -> None:
        """Every file is checked, in order, and the status is 1 if any is invalid."""
        status, out, _ = run(capsys, "validate", syntax_error_paper, mini_paper_path, dangling_paper)
        assert status == 1
        assert out.splitlines() == [
            f"{syntax_error_paper}: line 3, column 24: Expecting property name enclosed in double quotes",
            f"{mini_paper_path}: valid",
            f"{dangling_paper}: $.events[0].actors[0]: unknown actor 'nobody'",
            f"{dangling_paper}: $.principles[0].located_in: the paper has no IX",
        ]

    def test_missing_file_wins(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, dangling_paper: Path
    ) -> None:
        """A missing file is a one-line error; the other files are still checked; the status is 2."""
        missing = tmp_path / "missing.json"
        status, out, err = run(capsys, "validate", missing, dangling_paper)
        assert status == 2
        assert_one_line_error(
            err, f"cyberspace-whitepaper: error: cannot read {missing}: No such file or directory"
        )
        assert len(out.splitlines()) == 2

    def test_yaml(self, capsys: pytest.CaptureFixture[str], tmp_path: Path, mini_paper_path: Path) -> None:
        """YAML files are validated like JSON ones."""
        path = tmp_path / "paper.yaml"
        path.write_text(cw.dumps(cw.load(mini_paper_path), format="yaml"), encoding="utf-8")
        assert run(capsys, "validate", path) == (0, f"{path}: valid\n", "")

    def test_unknown_suffix(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A file whose format cannot be told from its name is invalid input, status 1."""
        path = tmp_path / "paper.txt"
        path.write_text("{}", encoding="utf-8")
        assert run(capsys, "validate", path) == (
            1,
            f"{path}: cannot tell the format of {str(path)!r}: expected .json, .yaml or .yml\n",
            "",
        )

    def test_over_a_hundred_problems(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, mini: dict[str, Any]
    ) -> None:
        """Past the first 100 problems, one line says how many more there are."""
        mini["actors"] += [{"id": f"a{i}", "name": {"en": "A"}, "kind": "bad"} for i in range(120)]
        path = write_json(tmp_path / "many.json", mini)
        status, out, _ = run(capsys, "validate", path)
        lines = out.splitlines()
        assert status == 1
        assert len(lines) == 101
        assert lines[0].startswith(f"{path}: $.actors[1].kind: 'bad' is not one of ")
        assert lines[-1] == f"{path}: and 20 more problems not shown"

    def test_json(
        self,
        capsys: pytest.CaptureFixture[str],
        dangling_paper: Path,
        syntax_error_paper: Path,
        mini_paper_path: Path,
    ) -> None:
        """--json prints every problem of every file as one JSON array."""
        status, out, err = run(
            capsys, "validate", "--json", dangling_paper, syntax_error_paper, mini_paper_path
        )
        assert (status, err) == (1, "")
        assert json.loads(out) == [
            {
                "file": str(dangling_paper),
                "path": "$.events[0].actors[0]",
                "code": "dangling-reference",
                "message": "unknown actor 'nobody'",
                "line": None,
                "column": None,
            },
            {
                "file": str(dangling_paper),
                "path": "$.principles[0].located_in",
                "code": "unknown-locator",
                "message": "the paper has no IX",
                "line": None,
                "column": None,
            },
            {
                "file": str(syntax_error_paper),
                "path": None,
                "code": "malformed",
                "message": "Expecting property name enclosed in double quotes",
                "line": 3,
                "column": 24,
            },
        ]

    def test_json_valid(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """--json prints an empty array when every file is valid."""
        assert run(capsys, "validate", "--json", mini_paper_path) == (0, "[]\n", "")

    def test_json_limit_and_omitted(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, mini: dict[str, Any]
    ) -> None:
        """--json names a limit as code "limit", and counts problems past the first 100."""
        deep = tmp_path / "deep.json"
        deep.write_text("[" * 100 + "]" * 100, encoding="utf-8")
        mini["actors"] += [{"id": f"a{i}", "name": {"en": "A"}, "kind": "bad"} for i in range(120)]
        many = write_json(tmp_path / "many.json", mini)
        status, out, _ = run(capsys, "validate", "--json", deep, many)
        records = json.loads(out)
        assert status == 1
        assert records[0] == {
            "file": str(deep),
            "path": None,
            "code": "limit",
            "message": "the input is nested too deeply (limit max_depth=64)",
            "line": 1,
            "column": 65,
        }
        assert records[-1] == {
            "file": str(many),
            "path": None,
            "code": "omitted",
            "message": "and 20 more problems not shown",
            "line": None,
            "column": None,
        }
        assert len(records) == 102

    def test_needs_a_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """validate without a file is a usage error."""
        status, out, err = run(capsys, "validate")
        assert (status, out) == (2, "")
        assert_one_line_error(
            err, "cyberspace-whitepaper validate: error: the following arguments are required: FILE"
        )


class TestExport:
    def test_json_to_stdout(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """--to json prints the canonical JSON of the paper."""
        assert run(capsys, "export", mini_paper_path, "--to", "json") == (
            0,
            cw.dumps(cw.load(mini_paper_path)),
            "",
        )

    def test_yaml_to_stdout(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """--to yaml prints the paper as YAML."""
        expected = cw.dumps(cw.load(mini_paper_path), format="yaml")
        assert run(capsys, "export", mini_paper_path, "--to", "yaml") == (0, expected, "")

    def test_dash_is_stdout(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """-o - means standard output."""
        assert run(capsys, "export", mini_paper_path, "--to", "json", "-o", "-")[1] == cw.dumps(
            cw.load(mini_paper_path)
        )

    def test_bundled_to_file_round_trips(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """The bundled paper exported to a file validates and loads back equal."""
        out = tmp_path / "paper.json"
        assert run(capsys, "export", "--to", "json", "-o", out) == (0, "", "")
        assert out.read_text(encoding="utf-8") == cw.dumps(cw.load_white_paper())
        assert run(capsys, "validate", out) == (0, f"{out}: valid\n", "")

    def test_replaces_atomically(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, mini_paper_path: Path
    ) -> None:
        """An existing OUT is replaced whole, keeping its mode, with no temporary file left."""
        out = tmp_path / "paper.yaml"
        out.write_text("old", encoding="utf-8")
        out.chmod(0o640)
        assert run(capsys, "export", mini_paper_path, "--to", "yaml", "-o", out) == (0, "", "")
        assert out.read_text(encoding="utf-8") == cw.dumps(cw.load(mini_paper_path), format="yaml")
        assert out.stat().st_mode & 0o777 == 0o640
        assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.yaml"]

    def test_invalid_input_leaves_out_alone(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, dangling_paper: Path
    ) -> None:
        """When FILE is invalid, OUT is not touched and the status is 1."""
        out = tmp_path / "out.json"
        out.write_text("old", encoding="utf-8")
        status, _, err = run(capsys, "export", dangling_paper, "--to", "json", "-o", out)
        assert status == 1
        assert err.startswith(f"{dangling_paper}: $.events[0].actors[0]: unknown actor 'nobody'\n")
        assert out.read_text(encoding="utf-8") == "old"

    def test_unwritable_out(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, mini_paper_path: Path
    ) -> None:
        """An OUT in a folder that does not exist is a one-line error with status 2."""
        out = tmp_path / "no" / "paper.json"
        status, stdout, err = run(capsys, "export", mini_paper_path, "--to", "json", "-o", out)
        assert (status, stdout) == (2, "")
        assert_one_line_error(
            err, f"cyberspace-whitepaper: error: cannot write {out}: No such file or directory"
        )

    def test_symlink_out_refused(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, mini_paper_path: Path
    ) -> None:
        """A symbolic link as OUT is refused, and what it points to is left alone."""
        target = tmp_path / "target.json"
        target.write_text("old", encoding="utf-8")
        link = tmp_path / "link.json"
        link.symlink_to(target)
        status, _, err = run(capsys, "export", mini_paper_path, "--to", "json", "-o", link)
        assert status == 2
        assert_one_line_error(
            err,
            f"cyberspace-whitepaper: error: cannot write {link}: refusing to write through a symbolic link",
        )
        assert target.read_text(encoding="utf-8") == "old"

    def test_needs_to(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """--to is required."""
        status, _, err = run(capsys, "export", mini_paper_path)
        assert status == 2
        assert_one_line_error(
            err, "cyberspace-whitepaper export: error: the following arguments are required: --to"
        )

    def test_unknown_format(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown format is a usage error that lists the known ones."""
        status, _, err = run(capsys, "export", "--to", "xml")
        assert status == 2
        assert_one_line_error(
            err,
            "cyberspace-whitepaper export: error: argument --to: invalid choice: 'xml' "
            "(choose from 'json', 'yaml', 'jsonld', 'schema', 'csv', 'sqlite', 'parquet', 'datapackage')",
        )

    def test_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--to schema prints the model's JSON Schema."""
        from cyberspace_whitepaper.export import json_schema

        status, out, err = run(capsys, "export", "--to", "schema")
        assert (status, err) == (0, "")
        assert json.loads(out) == json_schema()
        assert out.endswith("}\n")

    def test_schema_to_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--to schema -o OUT writes the same schema to a file."""
        out = tmp_path / "schema.json"
        assert run(capsys, "export", "--to", "schema", "-o", out) == (0, "", "")
        assert out.read_text(encoding="utf-8") == run(capsys, "export", "--to", "schema")[1]

    def test_jsonld(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """--to jsonld prints the paper as JSON-LD."""
        from cyberspace_whitepaper.export import to_jsonld

        status, out, err = run(capsys, "export", mini_paper_path, "--to", "jsonld")
        assert (status, err) == (0, "")
        assert json.loads(out) == to_jsonld(cw.load(mini_paper_path))

    def test_schema_of_a_corpus(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--to schema --type Corpus writes the corpus's schema, the shipped data/corpus.schema.json."""
        from cyberspace_whitepaper.export import json_schema

        out = tmp_path / "corpus.schema.json"
        assert run(capsys, "export", "--to", "schema", "--type", "Corpus", "-o", out) == (0, "", "")
        assert json.loads(out.read_text(encoding="utf-8")) == json_schema(cw.Corpus)
        shipped = Path(cw.__file__).parent / "data" / "corpus.schema.json"
        assert out.read_bytes() == shipped.read_bytes()

    def test_schema_of_any_class(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--type names any model class; the default is WhitePaper."""
        from cyberspace_whitepaper.export import json_schema

        status, out, _ = run(capsys, "export", "--to", "schema", "--type", "Event")
        assert (status, json.loads(out)) == (0, json_schema(cw.Event))
        assert (
            run(capsys, "export", "--to", "schema", "--type", "WhitePaper")[1]
            == run(capsys, "export", "--to", "schema")[1]
        )

    def test_type_is_for_the_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--type with another format is a usage error, as is a class the model does not have."""
        status, out, err = run(capsys, "export", "--to", "json", "--type", "Corpus")
        assert (status, out) == (2, "")
        assert_one_line_error(
            err, "cyberspace-whitepaper: error: --type applies to --to schema, not --to json"
        )
        status, _, err = run(capsys, "export", "--to", "schema", "--type", "Paper")
        assert status == 2
        assert err.startswith(
            "cyberspace-whitepaper export: error: argument --type: invalid choice: 'Paper' "
            "(choose from 'Actor',"
        )

    def test_schema_takes_no_file(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """The schema describes the model, so a FILE with --to schema is a usage error."""
        status, _, err = run(capsys, "export", mini_paper_path, "--to", "schema")
        assert status == 2
        assert_one_line_error(
            err, "cyberspace-whitepaper: error: export --to schema describes the model and takes no FILE"
        )

    def test_yaml_needs_pyyaml(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, mini_paper_path: Path
    ) -> None:
        """Without PyYAML, --to yaml is a one-line error that says what to install."""
        monkeypatch.setitem(sys.modules, "yaml", None)
        status, out, err = run(capsys, "export", mini_paper_path, "--to", "yaml")
        assert (status, out) == (2, "")
        assert_one_line_error(
            err, "cyberspace-whitepaper: error: YAML needs PyYAML: pip install 'cyberspace-whitepaper[yaml]'"
        )


class TestTimeline:
    def test_all(self, capsys: pytest.CaptureFixture[str], events_paper: Path) -> None:
        """Events come in date order, each date at its precision, ranges as start/end, context set apart."""
        assert run(capsys, "timeline", events_paper) == (
            0,
            (
                "2015-12-16             paper    speech            Speech\n"
                "2019-10                context  conference        Conference in October\n"
                "2020                   paper    conference        Something in 2020\n"
                "2022-11-06/2022-11-07  paper    conference        Two-day meeting\n"
                "2022-11-07             paper    conference        Launch* / 发布\n"
                "2023-01-05             context  conference        Later coverage\n"
            ),
            "",
        )

    def test_in_paper(self, capsys: pytest.CaptureFixture[str], events_paper: Path) -> None:
        """--in-paper keeps only the events the paper itself names."""
        _, out, _ = run(capsys, "timeline", events_paper, "--in-paper")
        assert [line.split()[0] for line in out.splitlines()] == [
            "2015-12-16",
            "2020",
            "2022-11-06/2022-11-07",
            "2022-11-07",
        ]

    @pytest.mark.parametrize(
        ("options", "dates"),
        [
            (["--from", "2022"], ["2022-11-06/2022-11-07", "2022-11-07", "2023-01-05"]),
            (["--from", "2022-11-07"], ["2022-11-06/2022-11-07", "2022-11-07", "2023-01-05"]),
            (["--from", "2022-11-08"], ["2023-01-05"]),
            (["--to", "2019"], ["2015-12-16", "2019-10"]),
            (["--to", "2020-06"], ["2015-12-16", "2019-10", "2020"]),
            (["--from", "2019-10-31", "--to", "2020-01-01"], ["2019-10", "2020"]),
            (["--from", "2016", "--to", "2018"], []),
        ],
    )
    def test_window(
        self, capsys: pytest.CaptureFixture[str], events_paper: Path, options: list[str], dates: list[str]
    ) -> None:
        """--from and --to keep every event any of whose days may fall between them."""
        status, out, _ = run(capsys, "timeline", events_paper, *options)
        assert status == 0
        assert [line.split()[0] for line in out.splitlines()] == dates

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("2022-13", "not a real date: '2022-13'"),
            ("2022-02-30", "not a real date: '2022-02-30'"),
            ("7 Nov 2022", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '7 Nov 2022'"),
            ("", "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got ''"),
        ],
    )
    def test_bad_date(self, capsys: pytest.CaptureFixture[str], value: str, message: str) -> None:
        """A date that is not YYYY, YYYY-MM or YYYY-MM-DD is a usage error."""
        status, out, err = run(capsys, "timeline", "--from", value)
        assert (status, out) == (2, "")
        assert_one_line_error(err, f"cyberspace-whitepaper timeline: error: argument --from: {message}")

    def test_from_after_to(self, capsys: pytest.CaptureFixture[str], events_paper: Path) -> None:
        """A window that ends before it begins is a usage error."""
        status, _, err = run(capsys, "timeline", events_paper, "--from", "2023", "--to", "2022-12")
        assert status == 2
        assert_one_line_error(err, "cyberspace-whitepaper timeline: error: --from 2023 is after --to 2022-12")

    def test_same_partial_date_both_ends(
        self, capsys: pytest.CaptureFixture[str], events_paper: Path
    ) -> None:
        """--from and --to of the same month keep that month's events."""
        _, out, _ = run(capsys, "timeline", events_paper, "--from", "2019-10", "--to", "2019-10")
        assert out == "2019-10  context  conference        Conference in October\n"

    def test_bundled_paper(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without FILE, the timeline is that of the bundled paper, one line per event."""
        status, out, _ = run(capsys, "timeline")
        assert status == 0
        paper = cw.load_white_paper()
        assert len(out.splitlines()) == len(paper.events)


class TestTimelineFormats:
    def test_csv(self, capsys: pytest.CaptureFixture[str], events_paper: Path) -> None:
        """--format csv writes a header and one row per event: ids, precision, actors' names."""
        status, out, err = run(capsys, "timeline", events_paper, "--format", "csv", "--to", "2019")
        assert (status, err) == (0, "")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [row["id"] for row in rows] == ["e1", "wic-2019"]
        assert rows[0]["date.precision"] == "day"
        assert rows[1]["date.precision"] == "month"
        assert (rows[0]["actors"], rows[0]["actors.names"]) == ("scio", "SCIO")
        assert (rows[1]["place.en"], rows[1]["mentioned_in_paper"], rows[1]["end"]) == ("Wuzhen", "false", "")
        assert "citations" not in rows[0]

    def test_csv_without_events(self, capsys: pytest.CaptureFixture[str], events_paper: Path) -> None:
        """With no event in the range, the CSV is its header alone."""
        _, out, _ = run(capsys, "timeline", events_paper, "--format", "csv", "--to", "1990")
        assert out.startswith("id,date,date.precision,end,end.precision,kind,title.en,")
        assert out.count("\n") == 1

    def test_json(self, capsys: pytest.CaptureFixture[str], events_paper: Path) -> None:
        """--format json writes each event as the library does, with its dates' precision and ids' names."""
        paper = cw.load(events_paper)
        status, out, _ = run(capsys, "timeline", events_paper, "--format", "json", "--in-paper")
        records = json.loads(out)
        assert status == 0
        assert [record["id"] for record in records] == ["e1", "year-2020", "range", "launch"]
        first = records[0]
        assert {key: first[key] for key in cw.to_dict(paper.get("e1"))} == cw.to_dict(paper.get("e1"))
        assert first["precision"] == {"date": "day", "end": None}
        assert first["names"] == {"scio": {"en": "SCIO", "zh": None, "en_official": True}}
        assert records[2]["precision"] == {"date": "day", "end": "day"}


class TestSearch:
    def test_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """search prints each hit's kind, id or place, field and snippet."""
        status, out, err = run(capsys, "search", "cybercrime", "--limit", "2")
        assert (status, err) == (0, "")
        assert out == (
            "section    IV.6  [title.en]\n"
            "           Cooperating to combat cybercrime and cyberterrorism\n"
            "proposal   combating-cybercrime-and-cyberterrorism  [name.en]\n"
            "           Cooperating to combat cybercrime and cyberterrorism\n"
        )

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """search --json gives the same hits as the library, as records."""
        _, out, _ = run(capsys, "search", "网络主权", "--kind", "principle", "--json")
        hits = cw.load_white_paper().search("网络主权", kind="principle")
        assert json.loads(out) == [
            {
                "kind": hit.kind,
                "id": hit.id,
                "locator": None,
                "field": hit.field,
                "snippet": hit.snippet,
                "certainty": "confirmed",
                "score": hit.score,
            }
            for hit in hits
        ]

    def test_unknown_kind(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """An unknown kind is a one-line usage error with a hint."""
        status, _, err = run(capsys, "search", "x", mini_paper_path, "--kind", "evnt")
        assert status == 2
        assert err.startswith("cyberspace-whitepaper search: error: no kind 'evnt' to search: one of paper, ")
        assert err.endswith(" (did you mean 'event'?)\n")

    def test_nothing_found(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """A search that finds nothing prints nothing, with status 0 (an empty array with --json)."""
        assert run(capsys, "search", "zebra", mini_paper_path) == (0, "", "")
        assert run(capsys, "search", "zebra", mini_paper_path, "--json") == (0, "[]\n", "")


class TestExportBase:
    def test_base(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """--base puts every id of the JSON-LD under the IRI given."""
        status, out, _ = run(
            capsys, "export", mini_paper_path, "--to", "jsonld", "--base", "https://example.org/x/"
        )
        assert status == 0
        assert json.loads(out)["@id"] == "https://example.org/x/mini-paper"

    def test_bad_base(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """A base that is not an absolute IRI ending in / or # is a usage error."""
        status, _, err = run(capsys, "export", mini_paper_path, "--to", "jsonld", "--base", "example")
        assert status == 2
        assert err.startswith(
            "cyberspace-whitepaper export: error: argument --base: base must be an absolute IRI"
        )


class TestGet:
    def test_entity(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """get --json prints one entity as canonical JSON."""
        paper = cw.load(mini_paper_path)
        assert run(capsys, "get", "e1", mini_paper_path, "--json") == (0, cw.dumps(paper.get("e1")), "")

    def test_entity_for_people(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """Without --json, get prints the entity's label, then a line per field set, ids with their names."""
        status, out, err = run(capsys, "get", "e1", mini_paper_path)
        assert (status, err) == (0, "")
        assert out == (
            "Speech (event e1, 2015-12-16)\n"
            "  id                  e1\n"
            "  date                2015-12-16\n"
            "  kind                speech\n"
            "  title               Speech\n"
            "  actors              scio (SCIO)\n"
            "  mentioned_in_paper  True\n"
            "  citations\n"
            "    1.\n"
            "      source     src (Src)\n"
            "      locator    I.1(1)\n"
            "      certainty  confirmed\n"
        )

    def test_bundled_paper(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without FILE, get looks in the bundled paper."""
        paper = cw.load_white_paper()
        entity = next(iter(paper.entities()))
        status, out, _ = run(capsys, "get", entity.id, "--json")
        assert status == 0
        assert cw.loads(out, type=type(entity)) == entity

    @pytest.mark.parametrize("place", ["I", "I.1", "I.1(1)", "preface"])
    def test_place(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path, place: str) -> None:
        """A place in the text, written as a locator, gives that part, chapter, section or item."""
        paper = cw.load(mini_paper_path)
        assert run(capsys, "get", place, mini_paper_path, "--json") == (0, cw.dumps(paper.section(place)), "")

    def test_missing_place(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """A locator of a place the paper does not have is a one-line error with status 2."""
        status, _, err = run(capsys, "get", "II.1", mini_paper_path)
        assert status == 2
        assert_one_line_error(err, f"cyberspace-whitepaper: error: no place II.1 in {mini_paper_path}")

    def test_unknown_id(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """An unknown id is a one-line error with status 2."""
        status, out, err = run(capsys, "get", "nothing", mini_paper_path)
        assert (status, out) == (2, "")
        assert_one_line_error(
            err, f"cyberspace-whitepaper: error: no entity with id 'nothing' in {mini_paper_path}"
        )

    def test_unknown_id_hint(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """An id close to a known one gets a hint."""
        status, _, err = run(capsys, "get", "scoi", mini_paper_path)
        assert status == 2
        assert_one_line_error(
            err,
            f"cyberspace-whitepaper: error: no entity with id 'scoi' in {mini_paper_path} "
            "(did you mean 'scio'?)",
        )

    def test_odd_id_escaped(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """An id with a line break is shown escaped, so the message stays on one line."""
        status, _, err = run(capsys, "get", "a\nb", mini_paper_path)
        assert status == 2
        assert_one_line_error(
            err, f"cyberspace-whitepaper: error: no entity with id 'a\\nb' in {mini_paper_path}"
        )


class TestUsage:
    def test_no_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without a command, one line says which commands there are."""
        status, out, err = run(capsys)
        assert (status, out) == (2, "")
        assert_one_line_error(
            err,
            "cyberspace-whitepaper: error: a command is needed: "
            "show, validate, export, timeline, get, search, diff, convert or concepts (see --help)",
        )

    def test_unknown_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown command is a usage error."""
        status, _, err = run(capsys, "shwo")
        assert status == 2
        assert_one_line_error(
            err,
            "cyberspace-whitepaper: error: argument COMMAND: invalid choice: 'shwo' "
            "(choose from 'show', 'validate', 'export', 'timeline', 'get', 'search', 'diff', 'convert', "
            "'concepts')",
        )

    def test_unknown_option(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown option is a usage error."""
        status, _, err = run(capsys, "show", "--colour")
        assert status == 2
        assert_one_line_error(err, "cyberspace-whitepaper: error: unrecognized arguments: --colour")

    def test_too_many_files(self, capsys: pytest.CaptureFixture[str], mini_paper_path: Path) -> None:
        """show takes one FILE at most."""
        status, _, err = run(capsys, "show", mini_paper_path, mini_paper_path)
        assert status == 2
        assert_one_line_error(err, f"cyberspace-whitepaper: error: unrecognized arguments: {mini_paper_path}")

    def test_help(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        """--help prints the usage and every command, with status 0."""
        monkeypatch.setenv("COLUMNS", "200")
        status, out, err = run(capsys, "--help")
        assert (status, err) == (0, "")
        assert out.startswith("usage: cyberspace-whitepaper [-h] [--version] COMMAND ...\n")
        for command in ("show", "validate", "export", "timeline", "get", "search"):
            assert f"\n    {command} " in out

    def test_command_help(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        """A command's --help prints its own usage, with status 0."""
        monkeypatch.setenv("COLUMNS", "200")
        status, out, _ = run(capsys, "timeline", "--help")
        assert status == 0
        assert out.startswith(
            "usage: cyberspace-whitepaper timeline [-h] [--in-paper] [--from DATE] [--to DATE] "
            "[--format {text,csv,json}] [FILE]\n"
        )

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the installed version."""
        assert run(capsys, "--version") == (
            0,
            f"cyberspace-whitepaper {version('cyberspace-whitepaper')}\n",
            "",
        )


class TestOutput:
    def test_terminal_that_cannot_show_chinese(
        self, monkeypatch: pytest.MonkeyPatch, mini_paper_path: Path
    ) -> None:
        """Text a terminal cannot encode is escaped rather than fatal."""
        stdout = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
        monkeypatch.setattr(sys, "stdout", stdout)
        assert cli.main(["show", str(mini_paper_path)]) == 0
        stdout.flush()
        text = stdout.buffer.getvalue().decode("ascii")  # type: ignore[attr-defined]
        assert text.startswith("A Mini Paper\n\\u5c0f\\u767d\\u76ae\\u4e66\n")

    def test_data_is_utf8_whatever_the_terminal(
        self, monkeypatch: pytest.MonkeyPatch, mini_paper_path: Path
    ) -> None:
        """JSON goes out as UTF-8 even where the terminal's encoding is narrower."""
        stdout = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
        monkeypatch.setattr(sys, "stdout", stdout)
        assert cli.main(["export", str(mini_paper_path), "--to", "json"]) == 0
        data = stdout.buffer.getvalue()  # type: ignore[attr-defined]
        assert data.decode("utf-8") == cw.dumps(cw.load(mini_paper_path))

    def test_stream_without_buffer(self, monkeypatch: pytest.MonkeyPatch, mini_paper_path: Path) -> None:
        """Data can also go to a text-only stream."""
        stdout = io.StringIO()
        monkeypatch.setattr(sys, "stdout", stdout)
        assert cli.main(["get", "scio", str(mini_paper_path), "--json"]) == 0
        assert stdout.getvalue() == cw.dumps(cw.load(mini_paper_path).get("scio"))

    def test_broken_pipe(self, monkeypatch: pytest.MonkeyPatch, mini_paper_path: Path) -> None:
        """A reader that goes away ends the program quietly, with status 141."""

        class Gone(io.StringIO):
            def write(self, text: str) -> int:
                raise BrokenPipeError

        monkeypatch.setattr(sys, "stdout", Gone())
        assert cli.main(["show", str(mini_paper_path)]) == 141

    def test_interrupt(self, monkeypatch: pytest.MonkeyPatch, mini_paper_path: Path) -> None:
        """Control-C ends the program with status 130 and no traceback."""

        def interrupted(*_args: object, **_kwargs: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(cli, "load", interrupted)
        assert cli.main(["show", str(mini_paper_path)]) == 130


class TestModule:
    def test_python_m(self, tmp_path: Path, dangling_paper: Path, mini_paper_path: Path) -> None:
        """python -m cyberspace_whitepaper runs the same command line, exit status included."""
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "cyberspace_whitepaper",
                "validate",
                str(mini_paper_path),
                str(dangling_paper),
            ],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=tmp_path,
            check=False,
        )
        assert (result.returncode, result.stderr) == (1, "")
        assert result.stdout == (
            f"{mini_paper_path}: valid\n"
            f"{dangling_paper}: $.events[0].actors[0]: unknown actor 'nobody'\n"
            f"{dangling_paper}: $.principles[0].located_in: the paper has no IX\n"
        )

    def test_bundled_name(self) -> None:
        """Messages name the bundled paper by its file."""
        assert f"bundled {dataset.DATA_FILE}" == cli.BUNDLED


# --- the crosswalk of a corpus -----------------------------------------------------------

CONCEPTS = """\
id                                              documents  years                          name
cyber-sovereignty                                       5  2010 2015 2017 2019 2022       respecting cyber sovereignty* / 尊重网络主权
peace-and-security                                      6  2010 2015 2017 2019 2022 2023  safeguarding peace and security* / 维护和平安全
openness-and-cooperation                                5  2010 2015 2017 2022 2023       promoting openness and cooperation* / 促进开放合作
good-order                                              5  2010 2015 2017 2022 2023       building good order* / 构建良好秩序
multilateral-democratic-transparent-governance          5  2015 2017 2019 2022 2023       multilateral, democratic and transparent internet governance* / 多边、民主、透明
shared-benefits                                         6  2010 2015 2017 2019 2022 2023  shared benefits* / 普惠
cybercrime-and-terrorism                                5  2010 2015 2017 2022 2023       combating cybercrime and cyberterrorism* / 网络犯罪和网络恐怖主义
critical-information-infrastructure                     3  2017 2019 2022                 protecting critical information infrastructure* / 关键信息基础设施
data-and-personal-information                           3  2017 2022 2023                 data security and personal information*

* English not official: our gloss or a machine translation.
"""  # noqa: E501 -- the exact lines the command prints

INFRASTRUCTURE = """\
protecting critical information infrastructure* / 关键信息基础设施 (critical-information-infrastructure)
The infrastructure that networks rest on should be built up and protected, with countries cooperating on its protection.

2017  International Strategy of Cooperation on Cyberspace / 网络空间国际合作战略
      IV.4   confirmed,inferred   critical internet resources*
      IV.8   confirmed,uncertain  Global Information Infrastructure Development and Protection / 加强全球信息基础设施建设和保护
2019  Jointly Build a Community with a Shared Future in Cyberspace / 携手构建网络空间命运共同体
      II.1   confirmed            no sabotage of other countries' information infrastructure*
      III.1  confirmed            building and protecting internet infrastructure*
2022  Jointly Build a Community with a Shared Future in Cyberspace / 携手构建网络空间命运共同体
      IV.4   confirmed            Strengthening international cooperation on protecting critical information infrastructure* / 加强关键信息基础设施保护国际合作

* English not official: our gloss or a machine translation.
"""  # noqa: E501


@pytest.fixture
def mini_corpus(tmp_path: Path, mini_paper_path: Path) -> Path:
    """A corpus of the mini paper and an undated speech, with two ideas whose names are official English."""
    paper = cw.load(mini_paper_path)
    cited = cw.Citation(source="src", certainty=cw.Certainty.INFERRED)
    corpus = cw.Corpus(
        id="mini-corpus",
        title=cw.LocalizedText(en="A mini corpus"),
        summary="One paper and a speech.",
        papers=(paper,),
        documents=(
            cw.DocumentRef(
                id="talk",
                title=cw.LocalizedText(en="A talk"),
                kind=cw.DocumentKind.SPEECH,
                relation=cw.DocumentRelation.CONTEXT,
            ),
        ),
        concepts=(
            cw.Concept(
                id="respect",
                name=cw.LocalizedText(en="Respect", zh="尊重"),
                summary="Respect.",
                expressions=(
                    cw.Expression(document="talk", wording=cw.LocalizedText(en="respect")),
                    cw.Expression(
                        document="mini-paper",
                        wording=cw.LocalizedText(en="Respect", zh="尊重"),
                        locator=cw.Locator.parse("I.1"),
                    ),
                ),
            ),
            cw.Concept(id="silence", name=cw.LocalizedText(en="Silence"), summary="Nothing said."),
        ),
        sources=paper.sources,
        citations=(cited,),
    )
    path = tmp_path / "corpus.json"
    cw.dump(corpus, path)
    return path


class TestConcepts:
    def test_list(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without ID, the bundled corpus's ideas: id, how many documents word each, their years, name."""
        assert run(capsys, "concepts") == (0, CONCEPTS, "")

    def test_history(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With ID, the idea's history: a line per document (year, title), one per wording under it."""
        assert run(capsys, "concepts", "critical-information-infrastructure") == (0, INFRASTRUCTURE, "")

    def test_by_name_or_alias(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An idea is found by its name in either language or an alias, as Corpus.concept finds it."""
        by_id = run(capsys, "concepts", "cyber-sovereignty")
        assert by_id[0] == 0
        for query in ("Respecting Cyber Sovereignty", "尊重网络主权", "The Principle of Sovereignty"):
            assert run(capsys, "concepts", query) == by_id

    def test_history_in_date_order(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Every idea's lines follow corpus.history: document by document, earliest first."""
        corpus = cw.load_corpus()
        for concept in corpus.concepts:
            _, out, _ = run(capsys, "concepts", concept.id)
            wordings = [line for line in out.splitlines() if line.startswith("      ")]
            history = corpus.history(concept.id)
            assert len(wordings) == len(history)
            for line, cell in zip(wordings, history, strict=True):
                assert line.split()[0] == (str(cell.locator) if cell.locator else "-")
                assert cell.wording.en in line

    def test_unknown_idea(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An idea the corpus lacks is a one-line usage error, with a close id to try."""
        status, out, err = run(capsys, "concepts", "cyber-soverignty")
        assert (status, out) == (2, "")
        assert_one_line_error(
            err,
            "cyberspace-whitepaper: error: no concept 'cyber-soverignty' in the bundled corpus "
            "(did you mean 'cyber-sovereignty'?)",
        )
        status, _, err = run(capsys, "concepts", "zzz")
        assert_one_line_error(err, "cyberspace-whitepaper: error: no concept 'zzz' in the bundled corpus")

    def test_json_list(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json gives each idea's id, name, the documents that word it (earliest first) and their years."""
        corpus = cw.load_corpus()
        status, out, err = run(capsys, "concepts", "--json")
        assert (status, err) == (0, "")
        records = json.loads(out)
        assert [record["id"] for record in records] == [concept.id for concept in corpus.concepts]
        first = records[0]
        assert list(first) == ["id", "name", "documents", "years"]
        assert first["name"] == {
            "en": "respecting cyber sovereignty",
            "zh": "尊重网络主权",
            "en_official": False,
        }
        assert first["documents"] == [
            "internet-in-china-2010",
            "xi-wic-2015-keynote-speech",
            "international-strategy-of-cooperation-on-cyberspace-2017",
            "wic-concept-paper-2019",
            "cyberspace-community-2022",
        ]
        assert first["years"] == [2010, 2015, 2017, 2019, 2022]

    def test_json_history(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json with ID: the idea as written, its expressions in history order with date and title."""
        corpus = cw.load_corpus()
        status, out, _ = run(capsys, "concepts", "good-order", "--json")
        assert status == 0
        record = json.loads(out)
        concept = corpus.concept("good-order")
        expressions = record.pop("expressions")
        assert record == {k: v for k, v in cw.to_dict(concept).items() if k != "expressions"}
        history = corpus.history("good-order")
        for written, cell in zip(expressions, history, strict=True):
            date, title = written.pop("published"), written.pop("title")
            assert cw.from_dict(written, type=cw.Expression) == cell
            assert date == str(corpus.date_of(cell.document))
            assert title["en"] == next(
                d.title.en for d in (*corpus.papers, *corpus.documents) if d.id == cell.document
            )
        assert len(expressions) == len(history)

    def test_a_corpus_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """--file FILE reads a corpus written as one document; the bundled one gives the same lines."""
        path = tmp_path / "corpus.json"
        cw.dump(cw.load_corpus(), path, type=cw.Corpus)
        assert run(capsys, "concepts", "--file", path) == (0, CONCEPTS, "")

    def test_a_small_corpus(self, capsys: pytest.CaptureFixture[str], mini_corpus: Path) -> None:
        """Official names need no footnote; an undated document is '????' and comes last; no place is '-'."""
        listed = (
            "id       documents  years  name\n"
            "respect          2  2022   Respect / 尊重\n"
            "silence          0         Silence\n"
        )
        assert run(capsys, "concepts", "--file", mini_corpus) == (0, listed, "")
        history = (
            "Respect / 尊重 (respect)\n"
            "Respect.\n"
            "\n"
            "2022  A Mini Paper / 小白皮书\n"
            "      I.1  none  Respect / 尊重\n"
            "????  A talk\n"
            "      -    none  respect\n"
        )
        assert run(capsys, "concepts", "respect", "--file", mini_corpus) == (0, history, "")

    def test_an_invalid_corpus_file(self, capsys: pytest.CaptureFixture[str], mini_corpus: Path) -> None:
        """A corpus file that breaks a rule: every problem, path first, and exit 1."""
        data = json.loads(mini_corpus.read_text(encoding="utf-8"))
        data["concepts"][0]["expressions"][1]["locator"] = "IX"
        bad = write_json(mini_corpus.parent / "bad.json", data)
        status, out, err = run(capsys, "concepts", "--file", bad)
        assert (status, out) == (1, "")
        assert err == f"{bad}: $.concepts[0].expressions[1].locator: the paper 'mini-paper' has no IX\n"

    def test_a_missing_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A corpus file that cannot be read is a one-line usage error."""
        status, _, err = run(capsys, "concepts", "--file", tmp_path / "none.json")
        assert status == 2
        assert_one_line_error(
            err,
            f"cyberspace-whitepaper: error: cannot read {tmp_path / 'none.json'}: No such file or directory",
        )
