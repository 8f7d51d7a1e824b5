"""A corpus as tables: its own records' tables, and its papers' tables with the paper's id as a key column."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import cli, tables
from cyberspace_whitepaper.errors import ValidationError
from cyberspace_whitepaper.model._shape import Kind, entity_kinds, is_whole_document, shape_of
from cyberspace_whitepaper.strategies import corpora
from cyberspace_whitepaper.tables import Table, Tables, from_tables, to_tables
from cyberspace_whitepaper.tables._layout import layout_of

#: A drawn corpus is big to draw (up to three papers, its crosswalk): Hypothesis is told so.
CORPUS_SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
CORPUS = cw.load_corpus()


def keys_of(table: Table, columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    names = table.schema.column_names
    indices = [names.index(column) for column in columns]
    return [tuple(row[i] for i in indices) for row in table.rows]


def check_keys(laid_out: Tables) -> None:
    """Primary keys never repeat nor hold an empty cell; every foreign key with a cell names a row.

    As Frictionless checks them: a key is skipped only when all its cells are empty.
    """
    for table in laid_out:
        keys = keys_of(table, table.schema.primary_key)
        assert len(set(keys)) == len(keys), table.name
        assert all(None not in key for key in keys), table.name
        for foreign in table.schema.foreign_keys:
            targets = set(keys_of(laid_out[foreign.table], foreign.referenced))
            for value in keys_of(table, foreign.columns):
                assert all(cell is None for cell in value) or value in targets, (table.name, foreign, value)


def errors_of(report: Any) -> list[tuple[str, str, str]]:
    """(resource, error type, the key's columns as the note names them) of each error frictionless finds."""
    return [
        (task.name, error.type, error.note.split('"')[1]) for task in report.tasks for error in task.errors
    ]


def naming_columns(table: Table) -> list[tuple[str, str]]:
    """(the column naming a paper, the value it is beside) of each key whose first column names the paper."""
    return [
        (key.columns[0], key.columns[1])
        for key in table.schema.foreign_keys
        if len(key.columns) == 2 and key.columns[0] == f"{key.columns[1]}_paper"
    ]


def _replace(laid_out: Tables, name: str, rows: tuple[tuple[Any, ...], ...]) -> Tables:
    return Tables(tuple(Table(t.schema, rows) if t.name == name else t for t in laid_out))


class TestRoundTrip:
    def test_bundled_corpus(self) -> None:
        """The bundled corpus comes back from its tables equal."""
        assert from_tables(to_tables(CORPUS), type=cw.Corpus) == CORPUS

    @CORPUS_SETTINGS
    @given(corpus=corpora(max_papers=3))
    def test_generated_corpora(self, corpus: cw.Corpus) -> None:
        """Every generated corpus comes back from its tables equal, and its keys hold."""
        laid_out = to_tables(corpus)
        check_keys(laid_out)
        assert from_tables(laid_out, type=cw.Corpus) == corpus

    @pytest.mark.parametrize(
        ("write", "read"),
        [
            (tables.write_csv, tables.read_csv),
            (tables.write_sqlite, tables.read_sqlite),
            (tables.write_parquet, tables.read_parquet),
        ],
        ids=["csv", "sqlite", "parquet"],
    )
    def test_through_files(self, write: Any, read: Any, tmp_path: Path) -> None:
        """The bundled corpus's tables, written as CSV, SQLite or Parquet and read back, give the corpus."""
        write(to_tables(CORPUS), tmp_path / "out")
        assert from_tables(read(tmp_path / "out", type=cw.Corpus), type=cw.Corpus) == CORPUS


class TestLayout:
    def test_each_papers_table_with_the_paper_as_a_key(self) -> None:
        """Every table of a paper's layout is in the corpus's, as it is, with the paper's id as first key."""
        corpus_tables = to_tables(CORPUS)
        paper_layout = layout_of(cw.WhitePaper)
        own_table = paper_layout.tables[cw.WhitePaper]
        for schema in paper_layout.schemas:
            held = corpus_tables[schema.name].schema
            beside = {name for name, _value in naming_columns(corpus_tables[schema.name])}
            own_columns = [c for c in held.columns if c.name not in beside]
            if schema.name == own_table:
                # The papers' own table: one row per paper, keyed by the paper's id, with its place.
                assert held.column_names[0] == "position"
                assert held.primary_key == schema.primary_key
                assert tuple(own_columns[1:]) == schema.columns
                assert len(corpus_tables[schema.name]) == len(CORPUS.papers)
            else:
                assert held.column_names[0] == "paper"
                assert held.primary_key == ("paper", *schema.primary_key)
                assert tuple(own_columns[1:]) == schema.columns

    def test_the_corpus_own_records_have_tables_named_after_it(self) -> None:
        """Each entity kind of the corpus but papers has a table ``corpus_FIELD``; crosswalk cells too."""
        names = to_tables(CORPUS).names()
        for _kind, shape in entity_kinds(cw.Corpus):
            if not is_whole_document(shape.type):
                assert f"corpus_{shape.name}" in names
        assert names[0] == "corpus"
        assert "corpus_expressions" in names
        assert not [name for name in names if name.startswith("corpus_") and name[7:] == "places"]

    def test_a_crosswalk_cell_has_a_key_and_its_place_is_in_its_paper(self) -> None:
        """A cell is keyed by concept, field and position; its locator is a key into its paper's places."""
        laid_out = to_tables(CORPUS)
        cells = list(laid_out["corpus_expressions"].records())
        concept = CORPUS.concepts[0]
        mine = [cell for cell in cells if cell["owner"] == concept.id]
        assert [cell["key"] for cell in mine] == [
            f"{concept.id}.expressions[{i}]" for i in range(len(concept.expressions))
        ]
        for cell, expression in zip(mine, concept.expressions, strict=True):
            assert cell["document"] == expression.document
            if expression.locator is None:
                assert cell["locator_paper"] is None
            else:
                assert (cell["locator_paper"], cell["locator"]) == (
                    expression.document,
                    str(expression.locator),
                )
        keys = {(key.columns, key.table) for key in laid_out["corpus_expressions"].schema.foreign_keys}
        assert (("locator_paper", "locator"), "places") in keys
        assert (("owner",), "corpus_concepts") in keys
        assert (("document",), "corpus_entities") in keys

    def test_a_citation_in_a_cell_is_a_place_in_the_cells_paper(self) -> None:
        """A citation inside a crosswalk cell names a place of the paper the cell quotes: its key says so."""
        concept = next(c for c in CORPUS.concepts if any(e.locator for e in c.expressions))
        index, cell = next((i, e) for i, e in enumerate(concept.expressions) if e.locator and e.citations)
        cited = attrs.evolve(cell.citations[0], locator=cell.locator)
        cells = list(concept.expressions)
        cells[index] = attrs.evolve(cell, citations=(cited, *cell.citations[1:]))
        concepts = tuple(
            attrs.evolve(c, expressions=tuple(cells)) if c is concept else c for c in CORPUS.concepts
        )
        corpus = attrs.evolve(CORPUS, concepts=concepts)
        laid_out = to_tables(corpus)
        check_keys(laid_out)
        (row,) = [
            r
            for r in laid_out["corpus_citations"].records()
            if (r["owner_table"], r["owner"], r["position"])
            == ("corpus_expressions", f"{concept.id}.expressions[{index}]", 0)
        ]
        assert (row["locator_paper"], row["locator"]) == (cell.document, str(cell.locator))
        assert from_tables(laid_out, type=cw.Corpus) == corpus

    def test_a_value_that_may_be_empty_names_its_paper_beside_it(self) -> None:
        """Beside each optional reference or locator into a paper, the paper's id, empty exactly with it."""
        laid_out = to_tables(CORPUS)
        seen = 0
        for table in laid_out:
            for column, value in naming_columns(table):
                for record in table.records():
                    assert (record[column] is None) == (record[value] is None), (table.name, column)
                    if table.name.startswith("corpus") or record[column] is None:
                        continue
                    assert record[column] == record["paper"]
                    seen += 1
        assert seen > 100

    def test_every_reference_of_a_paper_is_a_key_within_its_paper(self) -> None:
        """Every reference and locator of a paper is a foreign key whose first column names the paper."""
        laid_out = to_tables(CORPUS)
        paper_layout = layout_of(cw.WhitePaper)
        own_table = paper_layout.tables[cw.WhitePaper]
        for schema in paper_layout.schemas:
            for key in laid_out[schema.name].schema.foreign_keys:
                if key.table == own_table:
                    continue
                assert key.referenced[0] == "paper", (schema.name, key)
                assert key.columns[0] in ("paper", "id") or key.columns[0].endswith("_paper"), (
                    schema.name,
                    key,
                )

    def test_reads_the_shape(self) -> None:
        """Every plain field of the corpus's own classes is a column of its table (no list of fields kept)."""
        laid_out = to_tables(CORPUS)
        for _kind, shape in entity_kinds(cw.Corpus):
            if is_whole_document(shape.type):
                continue
            columns = laid_out[f"corpus_{shape.name}"].schema.column_names
            for field in shape_of(shape.type):
                if field.kind is not Kind.MODEL and not field.many:
                    assert field.name in columns, (shape.name, field.name)


class TestFromTablesErrors:
    def test_a_row_of_no_paper(self) -> None:
        """A paper's row whose paper is not in the corpus is named by its table and row."""
        laid_out = to_tables(CORPUS)
        events = laid_out["events"]
        stray = ("no-such-paper", *events.rows[0][1:])
        with pytest.raises(ValidationError) as caught:
            from_tables(_replace(laid_out, "events", (*events.rows, stray)), type=cw.Corpus)
        (problem,) = caught.value.problems
        assert (problem.path, problem.code) == (f"$.events[{len(events)}]", "inconsistent")

    def test_a_value_the_model_refuses_names_its_path_in_the_corpus(self) -> None:
        """A bad value in a paper's table is named by its JSON path in the corpus: paper, then entity."""
        laid_out = to_tables(CORPUS)
        events = laid_out["events"]
        index = events.schema.column_names.index("kind")
        first = (*events.rows[0][:index], "Meeting", *events.rows[0][index + 1 :])
        paper = CORPUS.papers.index(CORPUS.paper(str(events.rows[0][0])))
        with pytest.raises(ValidationError) as caught:
            from_tables(_replace(laid_out, "events", (first, *events.rows[1:])), type=cw.Corpus)
        assert caught.value.problems[0].path == f"$.papers[{paper}].events[0].kind"

    def test_a_wrong_locator_paper_is_refused(self) -> None:
        """A cell whose paper column disagrees with its document is a row the corpus does not give."""
        laid_out = to_tables(CORPUS)
        cells = laid_out["corpus_expressions"]
        names = cells.schema.column_names
        index = next(i for i, row in enumerate(cells.rows) if row[names.index("locator")] is not None)
        at = names.index("locator_paper")
        row = cells.rows[index]
        wrong = (
            *row[:at],
            "cyberspace-community-2022" if row[at] != "cyberspace-community-2022" else "x",
            *row[at + 1 :],
        )
        rows = (*cells.rows[:index], wrong, *cells.rows[index + 1 :])
        with pytest.raises(ValidationError) as caught:
            from_tables(_replace(laid_out, "corpus_expressions", rows), type=cw.Corpus)
        assert [(p.path, p.code) for p in caught.value.problems] == [
            ("$.corpus_expressions", "missing-row"),
            (f"$.corpus_expressions[{index}]", "inconsistent"),
        ]

    def test_two_rows_for_the_corpus(self) -> None:
        """The corpus's own table has one row."""
        laid_out = to_tables(CORPUS)
        row = laid_out["corpus"].rows[0]
        with pytest.raises(ValidationError) as caught:
            from_tables(_replace(laid_out, "corpus", (row, row)), type=cw.Corpus)
        assert str(caught.value) == "$.corpus: expected one row for the corpus, got 2"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus's Data Package, written once."""
    folder = tmp_path_factory.mktemp("corpus-package")
    return tables.write_datapackage(CORPUS, folder, version=cw.data_version())


def _broken_copy(package: Path, folder: Path, name: str, change: Any) -> Path:
    """A copy of the package with one table's CSV lines changed by ``change``, its size and sha256 updated."""
    copy = folder / "copy"
    shutil.copytree(package.parent, copy)
    path = copy / f"{name}.csv"
    lines = path.read_bytes().split(b"\r\n")
    header = lines[0].decode().split(",")
    data = b"\r\n".join(change(header, lines))
    path.write_bytes(data)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == name:
            resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
            resource["bytes"] = len(data)
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return copy / "datapackage.json"


class TestDataPackage:
    def test_frictionless_finds_it_valid(self, package: Path) -> None:
        """frictionless validates every resource, type, key and checksum of the corpus: all is well."""
        import frictionless

        report = frictionless.validate(str(package))
        assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])

    def test_an_actor_of_another_paper_fails_validation(self, package: Path, tmp_path: Path) -> None:
        """An event's actor that is an actor of another paper only breaks the key (paper, actor_id)."""
        import frictionless

        mine = {actor.id for actor in CORPUS.papers[0].actors}
        elsewhere = next(a.id for p in CORPUS.papers[1:] for a in p.actors if a.id not in mine)

        def change(header: list[str], lines: list[bytes]) -> list[bytes]:
            at = next(
                i for i, line in enumerate(lines) if line.startswith(CORPUS.papers[0].id.encode() + b",")
            )
            cells = lines[at].split(b",")
            cells[header.index("actor_id")] = elsewhere.encode()
            lines[at] = b",".join(cells)
            return lines

        report = frictionless.validate(str(_broken_copy(package, tmp_path, "event_actors", change)))
        assert not report.valid
        assert errors_of(report) == [("event_actors", "foreign-key", "paper, actor_id")]

    def test_a_cell_naming_a_place_its_paper_lacks_fails_validation(
        self, package: Path, tmp_path: Path
    ) -> None:
        """A cell's locator that is no place of its paper breaks the key (locator_paper, locator)."""
        import frictionless

        def change(header: list[str], lines: list[bytes]) -> list[bytes]:
            at = header.index("locator")
            row = next(i for i, line in enumerate(lines[1:], 1) if line and line.split(b",")[at])
            cells = lines[row].split(b",")
            cells[at] = b"IX.9"
            lines[row] = b",".join(cells)
            return lines

        report = frictionless.validate(str(_broken_copy(package, tmp_path, "corpus_expressions", change)))
        assert not report.valid
        assert errors_of(report) == [("corpus_expressions", "foreign-key", "locator_paper, locator")]

    def test_describes_the_corpus(self, package: Path) -> None:
        """The package is named after the corpus; it lists every table, and each source once."""
        descriptor = json.loads(package.read_text(encoding="utf-8"))
        assert descriptor["name"] == CORPUS.id
        assert [r["name"] for r in descriptor["resources"]] == list(to_tables(CORPUS).names())
        sources = {s.id for s in CORPUS.sources} | {s.id for p in CORPUS.papers for s in p.sources}
        assert len(descriptor["sources"]) == len(sources)
        assert descriptor["version"] == cw.data_version()


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
        self, fmt: str, read: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """export --corpus --to csv|sqlite|parquet -o OUT writes the bundled corpus's tables, silently."""
        out = tmp_path / "out"
        assert run(capsys, "export", "--corpus", "--to", fmt, "-o", out) == (0, "", "")
        assert from_tables(read(out, type=cw.Corpus), type=cw.Corpus) == CORPUS

    def test_export_datapackage(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """export --corpus --to datapackage writes the corpus's package, with the data version."""
        assert run(capsys, "export", "--corpus", "--to", "datapackage", "-o", tmp_path) == (0, "", "")
        descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
        assert (descriptor["name"], descriptor["version"]) == (CORPUS.id, cw.data_version())

    def test_a_corpus_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """export FILE --corpus reads FILE as a corpus, and states no data version for it."""
        smaller = attrs.evolve(CORPUS, concepts=CORPUS.concepts[:2])
        cw.dump(smaller, tmp_path / "corpus.json")
        out = tmp_path / "package"
        assert (
            run(capsys, "export", tmp_path / "corpus.json", "--corpus", "--to", "datapackage", "-o", out)[0]
            == 0
        )
        descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
        assert "version" not in descriptor
        assert from_tables(tables.read_csv(out, type=cw.Corpus), type=cw.Corpus) == smaller

    def test_json_and_usage_errors(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """export --corpus --to json writes the corpus; tables need -o; JSON-LD of a corpus is refused."""
        assert run(capsys, "export", "--corpus", "--to", "json", "-o", tmp_path / "c.json")[0] == 0
        assert cw.load(tmp_path / "c.json", type=cw.Corpus) == CORPUS
        assert run(capsys, "export", "--corpus", "--to", "csv") == (
            2,
            "",
            "cyberspace-whitepaper: error: export --to csv needs -o OUT (a folder)\n",
        )
        assert run(capsys, "export", "--corpus", "--to", "jsonld") == (
            2,
            "",
            "cyberspace-whitepaper: error: export --corpus writes json, yaml or tables, not --to jsonld\n",
        )
