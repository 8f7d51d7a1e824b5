"""The tables as files (CSV, SQLite, Parquet, a Data Package) read by real clients; convert; releases."""

from __future__ import annotations

import collections
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import attrs
import pytest
import yaml
from hypothesis import given, settings

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import cli, dataset, tables
from cyberspace_whitepaper.errors import LoadError, ValidationError
from cyberspace_whitepaper.model import WhitePaper
from cyberspace_whitepaper.strategies import white_papers

ROOT = Path(__file__).parent.parent
PACKAGE_DATA = ROOT / "src" / "cyberspace_whitepaper" / "data"

#: The one query every client answers: how many events each actor took part in, per year.
DUCKDB_QUERY = """
    SELECT ea.actor_id, year(e.date_earliest) AS year, count(*) AS events
    FROM {events} AS e JOIN {event_actors} AS ea ON ea.event_id = e.id
    GROUP BY ALL ORDER BY ALL
"""
SQLITE_QUERY = """
    SELECT ea.actor_id, CAST(substr(e.date_earliest, 1, 4) AS INTEGER) AS year, count(*) AS events
    FROM events AS e JOIN event_actors AS ea ON ea.event_id = e.id
    GROUP BY 1, 2 ORDER BY 1, 2
"""


def events_per_actor_per_year(events: list[cw.Event] | tuple[cw.Event, ...]) -> list[tuple[str, int, int]]:
    """The query's answer, computed from the model."""
    counts = collections.Counter((actor, event.date.year) for event in events for actor in event.actors)
    return sorted((actor, year, count) for (actor, year), count in counts.items())


@pytest.fixture(scope="module")
def paper() -> WhitePaper:
    return cw.load_white_paper()


class TestCSV:
    def test_round_trip_through_files(self, paper: WhitePaper, tmp_path: Path) -> None:
        """The bundled paper written as CSV files reads back equal."""
        tables.write_csv(tables.to_tables(paper), tmp_path)
        assert tables.from_tables(tables.read_csv(tmp_path)) == paper

    @settings(max_examples=15)
    @given(generated=white_papers())
    def test_generated_papers_round_trip_through_files(self, generated: WhitePaper) -> None:
        """Generated papers (any Unicode, newlines, quotes in text) survive CSV files."""
        with tempfile.TemporaryDirectory() as folder:
            tables.write_csv(tables.to_tables(generated), folder)
            assert tables.from_tables(tables.read_csv(folder)) == generated

    def test_rfc_4180(self, paper: WhitePaper, tmp_path: Path) -> None:
        """UTF-8 without a byte order mark, a header row, CRLF line ends, a file per table."""
        written = tables.write_csv(tables.to_tables(paper), tmp_path)
        assert sorted(p.stem for p in written) == sorted(tables.to_tables(paper).names())
        data = (tmp_path / "labels.csv").read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")
        assert data.startswith(b"owner_table,owner,field,lang,text,en_official\r\n")
        assert "携手构建网络空间命运共同体".encode() in data
        assert data.count(b"\r\n") >= len(tables.to_tables(paper)["labels"]) + 1

    def test_a_bad_cell_is_located(self, paper: WhitePaper, tmp_path: Path) -> None:
        """A cell that is not of its column's type names its table, row, column and line."""
        tables.write_csv(tables.to_tables(paper), tmp_path)
        path = tmp_path / "events.csv"
        lines = path.read_bytes().split(b"\r\n")
        lines[2] = lines[2].replace(b",true", b",yes", 1).replace(b",false", b",yes", 1)
        path.write_bytes(b"\r\n".join(lines))
        with pytest.raises(ValidationError) as caught:
            tables.read_csv(tmp_path)
        (problem,) = caught.value.problems
        assert (problem.path, problem.line) == ("$.events[1].mentioned_in_paper", 3)
        assert problem.message == "events.csv: expected true or false, got 'yes'"

    def test_a_wrong_header_is_named(self, paper: WhitePaper, tmp_path: Path) -> None:
        """A file whose header is not the table's columns is refused."""
        tables.write_csv(tables.to_tables(paper), tmp_path)
        path = tmp_path / "goal_terms.csv"
        path.write_bytes(path.read_bytes().replace(b"goal_id,position,value", b"goal,position,value", 1))
        with pytest.raises(ValidationError, match=r"goal_terms.csv: expected the columns"):
            tables.read_csv(tmp_path)


class TestSQLite:
    def test_round_trip_through_a_database(self, paper: WhitePaper, tmp_path: Path) -> None:
        """The bundled paper written to SQLite reads back equal."""
        path = tables.write_sqlite(tables.to_tables(paper), tmp_path / "paper.sqlite")
        assert tables.from_tables(tables.read_sqlite(path)) == paper

    @settings(max_examples=25)
    @given(generated=white_papers())
    def test_generated_papers_round_trip_through_a_database(self, generated: WhitePaper) -> None:
        """Generated papers survive SQLite, foreign keys on."""
        with tempfile.TemporaryDirectory() as folder:
            path = tables.write_sqlite(tables.to_tables(generated), Path(folder) / "p.sqlite")
            assert tables.from_tables(tables.read_sqlite(path)) == generated

    def test_every_key_is_declared_and_holds(self, paper: WhitePaper, tmp_path: Path) -> None:
        """Each table declares its primary and foreign keys, and foreign_key_check finds nothing."""
        laid_out = tables.to_tables(paper)
        path = tables.write_sqlite(laid_out, tmp_path / "paper.sqlite")
        with sqlite3.connect(path) as connection:
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
            for table in laid_out:
                info = connection.execute(f'PRAGMA table_info("{table.name}")').fetchall()
                primary = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
                assert tuple(primary) == table.schema.primary_key, table.name
                declared = connection.execute(f'PRAGMA foreign_key_list("{table.name}")').fetchall()
                found = collections.defaultdict(list)
                for row in declared:
                    found[row[0]].append((row[2], row[3], row[4]))
                assert sorted(
                    tuple((key.table, c, r) for c, r in zip(key.columns, key.referenced, strict=True))
                    for key in table.schema.foreign_keys
                ) == sorted(tuple(v) for v in found.values()), table.name

    def test_a_broken_key_is_refused(self, paper: WhitePaper, tmp_path: Path) -> None:
        """Tables with an event actor that is no actor cannot be written: SQLite enforces the key."""
        laid_out = tables.to_tables(paper)
        links = laid_out["event_actors"]
        broken = ((*links.rows[0][:2], "nobody"), *links.rows[1:])
        bad = tables.Tables(tuple(tables.Table(t.schema, broken) if t is links else t for t in laid_out))
        with pytest.raises(sqlite3.IntegrityError):
            tables.write_sqlite(bad, tmp_path / "bad.sqlite")
        assert not (tmp_path / "bad.sqlite").exists()

    def test_types_are_enforced(self, paper: WhitePaper, tmp_path: Path) -> None:
        """The tables are STRICT: a text where an integer goes is refused by SQLite itself."""
        path = tables.write_sqlite(tables.to_tables(paper), tmp_path / "paper.sqlite")
        with sqlite3.connect(path) as connection, pytest.raises(sqlite3.IntegrityError):
            connection.execute("UPDATE chapters SET \"number\" = 'one'")

    def test_the_query(self, paper: WhitePaper, tmp_path: Path) -> None:
        """SQLite answers events per actor per year as the model does."""
        path = tables.write_sqlite(tables.to_tables(paper), tmp_path / "paper.sqlite")
        with sqlite3.connect(path) as connection:
            assert connection.execute(SQLITE_QUERY).fetchall() == events_per_actor_per_year(paper.events)


class TestParquet:
    def test_round_trip_through_files(self, paper: WhitePaper, tmp_path: Path) -> None:
        """The bundled paper written as Parquet files reads back equal."""
        tables.write_parquet(tables.to_tables(paper), tmp_path)
        assert tables.from_tables(tables.read_parquet(tmp_path)) == paper

    def test_explicit_schema(self, paper: WhitePaper, tmp_path: Path) -> None:
        """Column types come from the layout: decimals as strings, days as date32, no nulls where required."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        tables.write_parquet(tables.to_tables(paper), tmp_path)
        schema = pq.read_schema(tmp_path / "statistics.parquet")
        assert schema.field("value").type == pa.string()
        assert schema.field("as_of_earliest").type == pa.date32()
        assert schema.field("approximate").type == pa.bool_()
        assert schema.field("position").type == pa.int64()
        assert not schema.field("id").nullable
        assert json.loads(schema.metadata[b"keys"])["primary_key"] == ["id"]

    def test_pandas_reads_it(self, paper: WhitePaper, tmp_path: Path) -> None:
        """pandas reads the Parquet files, decimals as their exact text."""
        import pandas as pd

        tables.write_parquet(tables.to_tables(paper), tmp_path)
        frame = pd.read_parquet(tmp_path / "statistics.parquet")
        assert list(frame["id"]) == [s.id for s in paper.statistics]
        assert list(frame["value"]) == [str(s.value) for s in paper.statistics]

    def test_import_never_loads_pyarrow(self) -> None:
        """import cyberspace_whitepaper, and making the tables, never import pyarrow."""
        code = (
            "import sys, cyberspace_whitepaper as cw\n"
            "cw.to_tables(cw.load_white_paper())\n"
            "print('pyarrow' in sys.modules, 'pandas' in sys.modules)\n"
        )
        found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert found.stdout == "False False\n"

    def test_without_pyarrow_says_how_to_install_it(
        self, paper: WhitePaper, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without pyarrow, writing Parquet is a ModuleNotFoundError naming the extra."""
        monkeypatch.setitem(sys.modules, "pyarrow", None)
        with pytest.raises(ModuleNotFoundError) as caught:
            tables.write_parquet(tables.to_tables(paper), tmp_path)
        assert str(caught.value) == (
            "Parquet needs pyarrow: pip install 'cyberspace-whitepaper[parquet]' (or pip install pyarrow)"
        )


class TestDuckDB:
    def test_the_query_over_parquet(self, paper: WhitePaper, tmp_path: Path) -> None:
        """DuckDB, reading the Parquet files, answers events per actor per year as the model does."""
        import duckdb

        tables.write_parquet(tables.to_tables(paper), tmp_path)
        query = DUCKDB_QUERY.format(
            events=f"'{tmp_path / 'events.parquet'}'", event_actors=f"'{tmp_path / 'event_actors.parquet'}'"
        )
        assert duckdb.sql(query).fetchall() == events_per_actor_per_year(paper.events)

    def test_the_query_over_csv(self, paper: WhitePaper, tmp_path: Path) -> None:
        """DuckDB, reading the CSV files, answers the same."""
        import duckdb

        tables.write_csv(tables.to_tables(paper), tmp_path)
        query = DUCKDB_QUERY.format(
            events=f"read_csv('{tmp_path / 'events.csv'}')",
            event_actors=f"read_csv('{tmp_path / 'event_actors.csv'}')",
        )
        assert duckdb.sql(query).fetchall() == events_per_actor_per_year(paper.events)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled paper's Data Package, written once."""
    folder = tmp_path_factory.mktemp("package")
    return tables.write_datapackage(cw.load_white_paper(), folder, version=dataset.data_version())


class TestDataPackage:
    def test_frictionless_finds_it_valid(self, package: Path) -> None:
        """frictionless validates every resource, type, key and checksum, and finds nothing wrong."""
        import frictionless

        report = frictionless.validate(str(package))
        assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])

    def test_a_broken_foreign_key_fails_validation(self, package: Path, tmp_path: Path) -> None:
        """In a copy with one event actor that is no actor (sums updated), frictionless reports the key."""
        import frictionless

        copy = tmp_path / "copy"
        shutil.copytree(package.parent, copy)
        path = copy / "event_actors.csv"
        lines = path.read_bytes().split(b"\r\n")
        event, position, _actor = lines[1].split(b",")
        lines[1] = b",".join((event, position, b"nobody"))
        data = b"\r\n".join(lines)
        path.write_bytes(data)
        descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
        for resource in descriptor["resources"]:
            if resource["name"] == "event_actors":
                resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
                resource["bytes"] = len(data)
        (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
        report = frictionless.validate(str(copy / "datapackage.json"))
        assert not report.valid
        assert [error[1:] for error in report.flatten(["resourceName", "rowNumber", "type"])] == [
            [2, "foreign-key"]
        ]

    def test_describes_every_table(self, package: Path) -> None:
        """Each table is a resource with keys, size and sha256; the package has licence, sources, version."""
        descriptor = json.loads(package.read_text(encoding="utf-8"))
        laid_out = tables.to_tables(cw.load_white_paper())
        assert [r["name"] for r in descriptor["resources"]] == list(laid_out.names())
        for resource, table in zip(descriptor["resources"], laid_out, strict=True):
            data = (package.parent / resource["path"]).read_bytes()
            assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
            assert resource["bytes"] == len(data)
            assert resource["schema"]["primaryKey"] == list(table.schema.primary_key)
            assert len(resource["schema"]["foreignKeys"]) == len(table.schema.foreign_keys)
        assert descriptor["version"] == dataset.data_version()
        assert descriptor["licenses"][0]["name"] == "MIT"
        assert len(descriptor["sources"]) == len(cw.load_white_paper().sources)


class TestConvert:
    @pytest.fixture
    def events_file(self, paper: WhitePaper, tmp_path: Path) -> Path:
        path = tmp_path / "events.jsonl"
        cw.dump_jsonl(paper.events, path)
        return path

    def test_partitioned_by_year_and_queried_by_duckdb(
        self, paper: WhitePaper, events_file: Path, tmp_path: Path
    ) -> None:
        """Every event lands in its year's partition; DuckDB's query over the dataset matches the model."""
        import duckdb

        target = tmp_path / "dataset"
        report = tables.convert_jsonl(events_file, target, type=cw.Event, batch_size=7)
        years = sorted({f"year={e.date.year:04d}" for e in paper.events})
        assert report == tables.ConvertReport(
            lines=len(paper.events), written=len(paper.events), bad=0, partitions=tuple(years)
        )
        assert sorted(p.name for p in target.iterdir()) == years
        query = f"""
            SELECT actor_id, year, count(*) AS events
            FROM (SELECT unnest(actors) AS actor_id, year
                  FROM read_parquet('{target}/*/*.parquet', hive_partitioning = true))
            GROUP BY ALL ORDER BY ALL
        """
        assert duckdb.sql(query).fetchall() == events_per_actor_per_year(paper.events)

    def test_a_year_of_many_records_spans_files(
        self, paper: WhitePaper, events_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A year's file is closed after so many row groups and the next begun; no record is lost."""
        import duckdb

        from cyberspace_whitepaper.tables import _stream

        monkeypatch.setattr(_stream, "ROW_GROUPS_PER_FILE", 2)
        target = tmp_path / "dataset"
        tables.convert_jsonl(events_file, target, type=cw.Event, batch_size=1)
        busiest, count = collections.Counter(e.date.year for e in paper.events).most_common(1)[0]
        files = sorted(p.name for p in (target / f"year={busiest}").iterdir())
        assert files == [f"part-{n}.parquet" for n in range((count + 1) // 2)]
        total = duckdb.sql(f"SELECT count(*) FROM read_parquet('{target}/*/*.parquet')").fetchall()
        assert total == [(len(paper.events),)]

    def test_bad_lines_are_reported_and_skipped(self, events_file: Path, tmp_path: Path) -> None:
        """Lines that are not valid events are reported by number; the rest is written."""
        with events_file.open("ab") as file:
            file.write(b'{"id": "x"}\n\nnot json\n')
        found: list[tables.BadLine] = []
        report = tables.convert_jsonl(events_file, tmp_path / "d", type=cw.Event, on_bad_line=found.append)
        count = len(cw.load_white_paper().events)
        assert [line.line for line in found] == [count + 1, count + 3]
        assert found[1].message == "column 1: Expecting value"
        assert (report.written, report.bad, report.lines) == (count, 2, count + 3)

    def test_a_line_over_the_limit_is_skipped_whole(self, paper: WhitePaper, tmp_path: Path) -> None:
        """A line longer than max_bytes is reported and skipped to its end; the next line is read."""
        source = tmp_path / "events.jsonl"
        short = cw.dumpb(paper.events[0]).replace(b"\n", b"").replace(b"  ", b"")
        source.write_bytes(b'{"id": "' + b"x" * 5000 + b'"}\n' + short + b"\n")
        found: list[tables.BadLine] = []
        report = tables.convert_jsonl(
            source,
            tmp_path / "d",
            type=cw.Event,
            limits=cw.Limits(max_bytes=max(1024, len(short))),
            on_bad_line=found.append,
        )
        assert [line.line for line in found] == [1]
        assert (report.written, report.bad) == (1, 1)

    def test_strict_stops_at_the_first_bad_line(self, events_file: Path, tmp_path: Path) -> None:
        """With strict, the first bad line is the error, located by its line, and nothing is written."""
        with events_file.open("ab") as file:
            file.write(b"not json\n")
        with pytest.raises(LoadError) as caught:
            tables.convert_jsonl(events_file, tmp_path / "d", type=cw.Event, strict=True)
        assert caught.value.line == len(cw.load_white_paper().events) + 1
        assert list(tmp_path.iterdir()) == [events_file]

    def test_any_class_and_records_without_a_date(self, paper: WhitePaper, tmp_path: Path) -> None:
        """Statistics without an as_of date go to Hive's default partition; actors are not partitioned."""
        undated = [attrs.evolve(paper.statistics[0], id="undated", as_of=None), *paper.statistics[1:]]
        cw.dump_jsonl(undated, tmp_path / "s.jsonl")
        report = tables.convert_jsonl(tmp_path / "s.jsonl", tmp_path / "s", type=cw.Statistic)
        assert "year=__HIVE_DEFAULT_PARTITION__" in report.partitions
        cw.dump_jsonl(paper.actors, tmp_path / "a.jsonl")
        report = tables.convert_jsonl(tmp_path / "a.jsonl", tmp_path / "a", type=cw.Actor)
        assert report.partitions == ()
        assert [p.name for p in (tmp_path / "a").iterdir()] == ["part-0.parquet"]

    def test_every_line_checked_as_iter_jsonl_checks_it(self, paper: WhitePaper, tmp_path: Path) -> None:
        """convert keeps the lines iter_jsonl reads and fails the others with iter_jsonl's own error."""
        import pyarrow.parquet as pq

        plain = [cw.to_dict(event) for event in paper.events[:6]]
        compact = [json.dumps(p, ensure_ascii=False, separators=(",", ":")).encode() for p in plain]
        short = {key: value for key, value in plain[1].items() if key not in ("end", "place", "citations")}
        lines = [
            compact[0],  # as orjson writes it: the fast path
            json.dumps(plain[1]).encode(),  # spaced and escaped: the strict parser
            json.dumps(short, separators=(",", ":")).encode(),  # defaults left out
            compact[2].replace(b'{"id":', b'{"id":"twice","id":', 1),  # a key repeated
            compact[3].replace(b'"id":"', b'"id":"Not An Id ', 1),  # breaks the model
            compact[4].replace(b'{"id"', b'{"colour":1,"id"', 1),  # a key not known
            compact[5][:-1] + b',"mentioned_in_paper":NaN}',  # not JSON for this library
            compact[5],
        ]
        source = tmp_path / "mixed.jsonl"
        source.write_bytes(b"\n".join(lines) + b"\n")
        expected: dict[int, cw.Event | str] = {}
        for number, line in enumerate(lines, start=1):
            one = tmp_path / f"line-{number}.jsonl"
            one.write_bytes(line + b"\n")
            try:
                expected[number] = next(cw.iter_jsonl(one, type=cw.Event))
            except (LoadError, ValidationError) as error:
                expected[number] = str(error)
        assert sum(isinstance(found, str) for found in expected.values()) == 4

        found: list[tables.BadLine] = []
        tables.convert_jsonl(source, tmp_path / "d", type=cw.Event, on_bad_line=found.append)
        assert [bad.line for bad in found] == [n for n, e in expected.items() if isinstance(e, str)]
        ids = sorted(pq.read_table(tmp_path / "d").column("id").to_pylist())
        assert ids == sorted(e.id for e in expected.values() if isinstance(e, cw.Event))
        for number, line in enumerate(lines, start=1):
            if isinstance(expected[number], str):
                one = tmp_path / f"line-{number}.jsonl"
                with pytest.raises((LoadError, ValidationError)) as caught:
                    tables.convert_jsonl(one, tmp_path / f"strict-{number}", type=cw.Event, strict=True)
                assert str(caught.value) == expected[number], line

    def test_refuses_an_existing_folder(self, events_file: Path, tmp_path: Path) -> None:
        """convert writes a new dataset, never into one that exists."""
        with pytest.raises(FileExistsError):
            tables.convert_jsonl(events_file, tmp_path, type=cw.Event)


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = cli.main([os.fspath(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err


class TestCommandLine:
    @pytest.mark.parametrize(
        ("fmt", "read"),
        [("csv", tables.read_csv), ("sqlite", tables.read_sqlite), ("parquet", tables.read_parquet)],
    )
    def test_export_tables(
        self, fmt: str, read: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """export --to csv|sqlite|parquet -o OUT writes the bundled paper's tables, silently."""
        out = tmp_path / "out"
        assert run(capsys, "export", "--to", fmt, "-o", out) == (0, "", "")
        assert tables.from_tables(read(out)) == cw.load_white_paper()  # type: ignore[operator]

    def test_export_datapackage_states_the_data_version(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """export --to datapackage writes the CSV files and datapackage.json with the data version."""
        assert run(capsys, "export", "--to", "datapackage", "-o", tmp_path) == (0, "", "")
        descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
        assert descriptor["version"] == cw.data_version()

    def test_tables_need_an_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Tables are never written to standard output: -o is needed."""
        assert run(capsys, "export", "--to", "sqlite") == (
            2,
            "",
            "cyberspace-whitepaper: error: export --to sqlite needs -o OUT (a database file)\n",
        )

    def test_convert(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """convert writes the dataset and sums up; a bad line is printed by number and gives exit 1."""
        source = tmp_path / "events.jsonl"
        cw.dump_jsonl(cw.load_white_paper().events[:5], source)
        with source.open("ab") as file:
            file.write(b"[]\n")
        status, out, err = run(capsys, "convert", source, "--to", "parquet", "-o", tmp_path / "d")
        assert (status, out) == (1, "")
        assert err == (
            f"{source}: line 6: $: expected object (Event), got array []\n"
            f"{source}: 5 records written to {tmp_path / 'd'}, 1 bad line skipped\n"
        )
        assert "\r" not in err  # no progress bar: standard error is not a terminal

    def test_convert_usage_errors(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing input, an existing output or an output folder that cannot be made: exit 2, one line."""
        missing = tmp_path / "missing.jsonl"
        assert run(capsys, "convert", missing, "--to", "parquet", "-o", tmp_path / "d") == (
            2,
            "",
            f"cyberspace-whitepaper: error: cannot read {missing}: No such file or directory\n",
        )
        source = tmp_path / "events.jsonl"
        cw.dump_jsonl(cw.load_white_paper().events[:2], source)
        assert run(capsys, "convert", source, "--to", "parquet", "-o", tmp_path) == (
            2,
            "",
            f"cyberspace-whitepaper: error: {tmp_path} exists: convert writes a new dataset\n",
        )
        nowhere = tmp_path / "no" / "such" / "folder"
        assert run(capsys, "convert", source, "--to", "parquet", "-o", nowhere) == (
            2,
            "",
            f"cyberspace-whitepaper: error: cannot write {nowhere}: No such file or directory\n",
        )
        assert not list(tmp_path.glob(".*"))

    def test_progress_only_on_a_terminal(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """On a terminal convert shows its progress; --quiet silences it and the summary."""
        source = tmp_path / "events.jsonl"
        cw.dump_jsonl(cw.load_white_paper().events, source)
        monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
        status, _out, err = run(capsys, "convert", source, "--to", "parquet", "-o", tmp_path / "d")
        assert status == 0
        assert "\r" in err
        assert "100%" in err
        monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
        assert run(capsys, "convert", source, "--to", "parquet", "-o", tmp_path / "e", "--quiet") == (
            0,
            "",
            "",
        )


class TestDataRelease:
    def release(self) -> dict[str, object]:
        return json.loads((PACKAGE_DATA / dataset.RELEASE_FILE).read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    def test_bundled_data_matches_its_release(self) -> None:
        """The bundled data's sha256 is the one its release names: changed data needs a new data version."""
        files = self.release()["files"]
        assert isinstance(files, dict)
        assert dataset.DATA_FILE in files
        for name, entry in files.items():
            paper = cw.load(PACKAGE_DATA / name)
            found = hashlib.sha256(cw.dumpb(paper)).hexdigest()
            assert found == entry["sha256"], (
                f"The bundled data file {name} changed (sha256 {found}, "
                f"release.json says {entry['sha256']}). "
                "Give the data a new version in src/cyberspace_whitepaper/data/release.json (CalVer "
                "YEAR.MONTH.N), put the new sha256 there, update CITATION.cff (both copies), and add a "
                "'Data:' entry naming the new version to CHANGELOG.md."
            )

    def test_the_data_version_has_a_changelog_entry(self) -> None:
        """CHANGELOG.md has a "Data:" entry that names the current data version."""
        version = dataset.data_version()
        assert re.fullmatch(r"20[0-9]{2}\.(1[0-2]|[1-9])\.(0|[1-9][0-9]*)", version), version
        changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        entries = re.split(r"\n(?=- )", changelog)
        assert any(entry.startswith("- Data:") and version in entry for entry in entries), (
            f"CHANGELOG.md has no 'Data:' entry naming data version {version}: add one saying what changed."
        )

    def test_citation_files_agree(self) -> None:
        """CITATION.cff is the same in the repository and the package, and cites the current data version."""
        root = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
        assert (PACKAGE_DATA / "CITATION.cff").read_text(encoding="utf-8") == root
        citation = yaml.safe_load(root)
        assert citation["version"] == dataset.data_version()
        assert citation["date-released"] == self.release()["released"]
        assert {"cff-version", "message", "title", "authors"} <= citation.keys()

    def test_data_version_is_public(self) -> None:
        """cw.data_version() gives the release's version."""
        assert cw.data_version() == self.release()["data_version"]
