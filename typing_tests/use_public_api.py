"""Uses the public API as a user would. Checked by ``mypy --strict``, never run."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import tables


def read_and_write(path: Path) -> str:
    paper: cw.WhitePaper = cw.load(path)
    event: cw.Event = cw.loads(b'{"id": "e"}', type=cw.Event)
    events: list[cw.Event] = list(cw.iter_jsonl(path, type=cw.Event))
    count: int = cw.dump_jsonl(events, path.with_suffix(".jsonl"))
    cw.dump(paper, path)
    data: bytes = cw.dumpb(paper)
    assert data == cw.dumps(paper).encode()
    plain = cw.to_dict(paper)
    again: cw.WhitePaper = cw.from_dict(plain)
    same_event: cw.Event = cw.from_dict(cw.to_dict(event), type=cw.Event)
    del count, again, same_event
    return cw.dumps(paper, format="yaml")


def build_in_code() -> cw.WhitePaper:
    scio = cw.Actor(
        id="scio", name=cw.LocalizedText(en="SCIO", zh="国务院新闻办公室"), kind=cw.ActorKind.GOVERNMENT_BODY
    )
    chapter = cw.Chapter(number=1, title=cw.LocalizedText(en="One"), summary="The first chapter.")
    paper = cw.WhitePaper(
        id="my-paper",
        title=cw.LocalizedText(en="My Paper"),
        publisher="scio",
        published=cw.PartialDate.parse("2022-11"),
        summary="A paper.",
        chapters=(chapter,),
        actors=(scio,),
    )
    return attrs.evolve(paper, summary="A better summary.")


def look_inside(paper: cw.WhitePaper) -> Decimal:
    first: cw.Event = paper.timeline()[0]
    where = paper.section("I")
    entity = paper.get("scio")
    assert isinstance(entity, cw.Actor)
    assert isinstance(where, cw.Chapter)
    precision: cw.DatePrecision = first.date.precision
    del precision
    return sum((s.magnitude for s in paper.statistics), Decimal(0))


def handle_errors(text: str) -> list[str]:
    try:
        cw.loads(text, limits=cw.Limits(max_depth=16))
    except cw.LoadError as error:
        return [f"{error.line}:{error.column}: {error.message}"]
    except cw.ValidationError as error:
        return [f"{problem.path} {problem.code} {problem.message}" for problem in error.problems]
    return []


def export(paper: cw.WhitePaper) -> tuple[str, object]:
    schema: dict[str, object] = cw.json_schema()
    linked = cw.to_jsonld(paper, base="https://example.org/id/")
    return str(schema["$schema"]), linked


def export_corpus(corpus: cw.Corpus) -> tuple[dict[str, object], dict[str, object]]:
    schema: dict[str, object] = cw.json_schema(cw.Corpus)
    linked: dict[str, object] = cw.to_jsonld(corpus, base="https://example.org/id/")
    return schema, linked


def lay_out(paper: cw.WhitePaper, folder: str) -> tuple[str, int]:
    laid_out: tables.Tables = cw.to_tables(paper)
    events: tables.Table = laid_out["events"]
    key: tuple[str, ...] = events.schema.primary_key
    again: cw.WhitePaper = cw.from_tables(tables.read_csv(folder))
    written = tables.write_csv(laid_out, folder)
    report: tables.ConvertReport = tables.convert_jsonl("events.jsonl", "dataset", type=cw.Event)
    del key, again, written
    return cw.data_version(), report.written


def across_a_corpus(corpus: cw.Corpus, folder: str) -> list[str | None]:
    hits: tuple[cw.SearchHit, ...] = corpus.search("sovereignty", kind="concept", paper=None, limit=5)
    some: tuple[cw.SearchHit, ...] = corpus.search("网络主权", paper=["internet-in-china-2010"])
    laid_out: tables.Tables = cw.to_tables(corpus)
    again: cw.Corpus = cw.from_tables(tables.read_sqlite(folder, type=cw.Corpus), type=cw.Corpus)
    package = tables.write_datapackage(corpus, folder)
    del some, laid_out, again, package
    return [hit.paper for hit in hits]
