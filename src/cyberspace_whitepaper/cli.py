"""The command line: ``cyberspace-whitepaper`` and ``python -m cyberspace_whitepaper``.

Argparse only. This module reads arguments, calls :mod:`~cyberspace_whitepaper.io`,
:mod:`~cyberspace_whitepaper.dataset` and :mod:`~cyberspace_whitepaper.export`,
and prints; it decides nothing about the data.

Exit status: 0 on success; 1 when a file is not valid data (every problem is
printed, one per line, as ``FILE: $.path: message`` or
``FILE: line L, column C: message``); 2 on a usage error, a file that cannot
be read or written, or an unknown id, with a one-line message on standard
error. A user's mistake never ends in a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import difflib
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NoReturn, TextIO

from . import dataset, query
from ._files import atomic_write
from .errors import LimitError, LoadError, NotFoundError, ValidationError, excerpt
from .io import dumps, load, to_dict
from .model import (
    Citation,
    Concept,
    Corpus,
    DocumentRef,
    Event,
    LocalizedText,
    Locator,
    PartialDate,
    WhitePaper,
)
from .model._shape import Kind, shape_of, values
from .vocab import Certainty

__all__ = ["main"]

PROG = "cyberspace-whitepaper"

#: How the bundled paper is named in messages.
BUNDLED = f"bundled {dataset.DATA_FILE}"

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

#: Shown after an English text that is not the official wording.
UNOFFICIAL_MARK = "*"
UNOFFICIAL_NOTE = "* English not official: our gloss or a machine translation."

EXPORT_FORMATS = ("json", "yaml", "jsonld", "schema")
TIMELINE_FORMATS = ("text", "csv", "json")
#: Formats of the paper as tables (``tables`` package); they write to a folder or a file, never stdout.
TABLE_FORMATS = ("csv", "sqlite", "parquet", "datapackage")


class _UsageError(Exception):
    """A mistake in how the program was called, or a file it cannot use: exit 2."""

    def __init__(self, message: str, *, prefix: str = PROG) -> None:
        super().__init__(message)
        self.line = f"{prefix}: error: {message}"


class _ExitRequest(Exception):  # noqa: N818 -- not an error: argparse is done
    """Argparse has finished (``--help``, ``--version``): exit with this status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _InvalidDataError(Exception):
    """A file is not valid data: the lines to print, exit 1."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines)
        self.lines = lines


class _Parser(argparse.ArgumentParser):
    # Argparse prints its usage text and calls sys.exit; we want one line, and
    # a return value rather than an exit, so that main() can be called in tests.
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message, prefix=self.prog)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            _emit(sys.stderr, message)
        raise _ExitRequest(status)


class _Version(argparse.Action):
    # Read from the installed metadata only when asked for: a plain
    # action="version" would read it on every run.
    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        from . import __version__  # noqa: PLC0415 -- lazy, see above

        _emit(sys.stdout, f"{PROG} {__version__}\n")
        parser.exit()


# --- output -------------------------------------------------------------------


def _emit(stream: TextIO, text: str) -> None:
    """Write text for people; characters the terminal cannot show are escaped, never fatal."""
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))


def _emit_data(text: str) -> None:
    """Write JSON or YAML to standard output as UTF-8, whatever the terminal's encoding."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _shown(name: str) -> str:
    """A file name fit for a one-line message: as typed, or escaped if it holds odd characters."""
    return name if name.isprintable() else repr(name)


def _text(value: LocalizedText) -> str:
    """English, then Chinese; the English marked when it is not the official wording."""
    english = value.en if value.en_official else value.en + UNOFFICIAL_MARK
    return f"{english} / {value.zh}" if value.zh else english


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# --- reading --------------------------------------------------------------------


def _problem_lines(label: str, error: LoadError | ValidationError) -> list[str]:
    if isinstance(error, LoadError):
        return [f"{label}: {error}"]
    lines = [f"{label}: {problem}" for problem in error.problems]
    if error.omitted:
        lines.append(f"{label}: and {error.omitted} more problems not shown")
    return lines


def _read_error(label: str, error: OSError) -> _UsageError:
    reason = error.strerror or str(error)
    return _UsageError(f"cannot read {label}: {reason}")


def _load_paper(file: str | None) -> tuple[WhitePaper, str]:
    """The paper in ``file``, or the bundled one; and how to name it in messages."""
    label = BUNDLED if file is None else _shown(file)
    try:
        paper = dataset.load_white_paper() if file is None else load(file)
    except OSError as error:
        raise _read_error(label, error) from None
    except (LoadError, ValidationError) as error:
        raise _InvalidDataError(_problem_lines(label, error)) from None
    return paper, label


def _write(text: str, out: str | None) -> None:
    """Text to the file ``out``, atomically, or to standard output for none or ``-``."""
    if out is None or out == "-":
        _emit_data(text)
        return
    try:
        atomic_write(out, (text.encode("utf-8"),))
    except OSError as error:
        reason = error.strerror or str(error)
        raise _UsageError(f"cannot write {_shown(out)}: {reason}") from None


def _json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- commands -----------------------------------------------------------------


def _show(args: argparse.Namespace) -> int:
    paper, _label = _load_paper(args.file)
    shown: list[LocalizedText] = []

    def text(value: LocalizedText) -> str:
        shown.append(value)
        return _text(value)

    lines: list[str] = []
    shown.append(paper.title)
    lines.append(paper.title.en if paper.title.en_official else paper.title.en + UNOFFICIAL_MARK)
    if paper.title.zh:
        lines.append(paper.title.zh)
    publisher = next((actor for actor in paper.actors if actor.id == paper.publisher), None)
    lines.append("")
    lines.append(f"id         {paper.id}")
    if publisher is None:  # pragma: no cover - the paper's rules make the publisher an actor
        lines.append(f"publisher  {paper.publisher}")
    else:
        lines.append(f"publisher  {text(publisher.name)} ({paper.publisher})")
    lines.append(f"published  {paper.published}")
    if paper.languages:
        lines.append(f"languages  {', '.join(paper.languages)}")
    lines.append("")
    lines.append("Contents")
    if paper.preface is not None:
        lines.append(f"  {'preface':<10} {text(paper.preface.title)}")
    for chapter in paper.chapters:
        numeral = str(Locator(chapter=chapter.number))
        sections = _plural(len(chapter.sections), "section")
        lines.append(f"  {numeral:<10} {text(chapter.title)} ({sections})")
    if paper.conclusion is not None:
        lines.append(f"  {'conclusion':<10} {text(paper.conclusion.title)}")
    if paper.principles:
        lines.append("")
        lines.append("Principles")
        for principle in sorted(paper.principles, key=lambda p: (p.kind != "basic", p.kind, p.order)):
            lines.append(f"  {principle.kind:<10} {principle.order:>2}. {text(principle.name)}")
    named = sum(1 for event in paper.events if event.mentioned_in_paper)
    counts = (
        ("goals", str(len(paper.goals))),
        ("concerns", str(len(paper.concerns))),
        ("proposals", str(len(paper.proposals))),
        ("events", f"{len(paper.events)} ({named} named in the paper)"),
        ("actors", str(len(paper.actors))),
        ("statistics", str(len(paper.statistics))),
        ("documents", str(len(paper.documents))),
        ("sources", str(len(paper.sources))),
    )
    lines.append("")
    lines.append("Counts")
    lines.extend(f"  {name:<10} {count}" for name, count in counts)
    if any(not value.en_official for value in shown):
        lines.append("")
        lines.append(UNOFFICIAL_NOTE)
    _emit(sys.stdout, "".join(line + "\n" for line in lines))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    found: list[dict[str, Any]] = []
    for file in args.files:
        label = _shown(file)
        try:
            load(file)
        except OSError as error:
            _emit(sys.stderr, _read_error(label, error).line + "\n")
            status = EXIT_USAGE
            continue
        except (LoadError, ValidationError) as error:
            status = max(status, EXIT_INVALID)
            if args.json:
                found.extend(_problem_records(file, error))
            else:
                _emit(sys.stdout, "".join(line + "\n" for line in _problem_lines(label, error)))
            continue
        if not args.json:
            _emit(sys.stdout, f"{label}: valid\n")
    if args.json:
        _emit_data(_json_text(found))
    return status


def _problem_records(file: str, error: LoadError | ValidationError) -> Iterable[dict[str, Any]]:
    """The problems of one file as plain records, for ``validate --json``."""
    if isinstance(error, LoadError):
        yield {
            "file": file,
            "path": None,
            "code": "limit" if isinstance(error, LimitError) else "malformed",
            "message": error.message,
            "line": error.line,
            "column": error.column,
        }
        return
    for problem in error.problems:
        yield {
            "file": file,
            "path": problem.path,
            "code": problem.code,
            "message": problem.message,
            "line": problem.line,
            "column": None,
        }
    if error.omitted:
        yield {
            "file": file,
            "path": None,
            "code": "omitted",
            "message": f"and {error.omitted} more problems not shown",
            "line": None,
            "column": None,
        }


def _export(args: argparse.Namespace) -> int:
    if args.corpus:
        return _export_corpus(args)
    if args.to in TABLE_FORMATS:
        return _export_tables(args)
    if args.to == "schema":
        if args.file is not None:
            raise _UsageError("export --to schema describes the model and takes no FILE")
        from .export import json_schema  # noqa: PLC0415 -- only this command needs it

        _write(_json_text(json_schema(_model_class_names()[args.type or "WhitePaper"])), args.output)
        return EXIT_OK
    if args.type is not None:
        raise _UsageError(f"--type applies to --to schema, not --to {args.to}")
    if args.base is not None and args.to != "jsonld":
        raise _UsageError(f"--base applies to --to jsonld, not --to {args.to}")
    paper, _label = _load_paper(args.file)
    if args.to == "jsonld":
        from .export import to_jsonld  # noqa: PLC0415 -- only this command needs it

        try:
            document = to_jsonld(paper) if args.base is None else to_jsonld(paper, base=args.base)
        except ValueError as error:
            raise _UsageError(f"argument --base: {error}", prefix=f"{PROG} export") from None
        text = _json_text(document)
    else:
        text = dumps(paper, format=args.to)
    _write(text, args.output)
    return EXIT_OK


def _timeline(args: argparse.Namespace) -> int:
    try:
        query.check_range(args.start, args.stop)
    except ValueError:
        message = f"--from {args.start} is after --to {args.stop}"
        raise _UsageError(message, prefix=f"{PROG} timeline") from None
    paper, _label = _load_paper(args.file)
    events = [
        event
        for event in paper.events_between(args.start, args.stop)
        if event.mentioned_in_paper or not args.in_paper
    ]
    if args.format == "json":
        _emit_data(_json_text([_event_record(paper, event) for event in events]))
    elif args.format == "csv":
        _emit_data(_event_csv(paper, events))
    else:
        width = max((len(_when(event)) for event in events), default=0)
        lines = [
            f"{_when(event):<{width}}  {'paper' if event.mentioned_in_paper else 'context':<7}  "
            f"{event.kind:<16}  {_text(event.title)}"
            for event in events
        ]
        _emit(sys.stdout, "".join(line.rstrip() + "\n" for line in lines))
    return EXIT_OK


def _when(event: Event) -> str:
    # EDTF's interval notation; each end keeps the precision its source gives.
    return str(event.date) if event.end is None else f"{event.date}/{event.end}"


def _event_record(paper: WhitePaper, event: Event) -> dict[str, Any]:
    """An event for ``timeline --format json``: its fields, its dates' precision, the names of its ids."""
    record: dict[str, Any] = to_dict(event)
    record["precision"] = {
        shape.name: None if (value := getattr(event, shape.name)) is None else str(value.precision)
        for shape in shape_of(Event)
        if shape.kind is Kind.DATE
    }
    names = {}
    for shape in shape_of(Event):
        for target in values(event, shape) if shape.refers_to else ():
            title = query.title_of(paper, target)
            names[target] = None if title is None else to_dict(title)
    record["names"] = names
    return record


def _event_csv(paper: WhitePaper, events: Sequence[Event]) -> str:
    """The events for ``timeline --format csv``: one row each, one column per value (see docs/cli.md)."""
    rows = [_flat_event(paper, event) for event in events]
    columns = list(_flat_event(paper, None).keys()) if not rows else list(rows[0])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _flat_event(paper: WhitePaper, event: Event | None) -> dict[str, str]:
    """One CSV row: scalars as written, records one level down (``title.en``), tuples joined by ``;``.

    A date field is followed by its precision (``date.precision``), a
    reference field by the English names of what it names (``actors.names``);
    tuples of records (citations) are left out. With no event, the header's keys.
    """
    row: dict[str, str] = {}

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    for shape in shape_of(Event):
        value = None if event is None else getattr(event, shape.name)
        if shape.kind is Kind.MODEL:
            if shape.many:
                continue
            for inner in shape_of(shape.type):
                inner_value = None if value is None else getattr(value, inner.name)
                row[f"{shape.name}.{inner.name}"] = cell(inner_value)
            continue
        row[shape.name] = ";".join(map(cell, value)) if shape.many and value is not None else cell(value)
        if shape.kind is Kind.DATE:
            row[f"{shape.name}.precision"] = "" if value is None else str(value.precision)
        if shape.refers_to:
            targets = () if event is None else values(event, shape)
            titles = [query.title_of(paper, target) for target in targets]
            row[f"{shape.name}.names"] = ";".join("" if title is None else title.en for title in titles)
    return row


def _get(args: argparse.Namespace) -> int:
    paper, label = _load_paper(args.file)
    try:
        found: object = paper.get(args.id)
    except NotFoundError as missing:
        found = _place(paper, args.id, label, missing)
    if args.json:
        _emit_data(dumps(found))
    else:
        heading = str(found) if query.is_entity(found) else f"{type(found).__name__} {args.id}"
        lines = [heading, *_described(paper, found)]
        _emit(sys.stdout, "".join(line.rstrip() + "\n" for line in lines))
    return EXIT_OK


def _place(paper: WhitePaper, text: str, label: str, missing: NotFoundError) -> object:
    """The part, chapter, section or item a locator such as ``I.3`` names; else a usage error."""
    try:
        where = Locator.parse(text)
    except ValidationError:
        hint = "" if missing.suggestion is None else f" (did you mean {missing.suggestion!r}?)"
        raise _UsageError(f"no entity with id {excerpt(text)} in {label}{hint}") from None
    try:
        return paper.section(where)
    except KeyError:
        raise _UsageError(f"no place {where} in {label}") from None


def _described(paper: WhitePaper, obj: Any, indent: str = "") -> list[str]:
    """An object for people: a line per field set, references with what they name, records numbered."""
    lines: list[str] = []
    shapes = shape_of(type(obj))
    width = max(len(shape.name) for shape in shapes)
    for shape in shapes:
        found = values(obj, shape)
        if not found:
            continue
        head = f"{indent}  {shape.name:<{width}}  "
        if shape.kind is Kind.MODEL and shape.type is not LocalizedText:
            lines.append(f"{indent}  {shape.name}")
            for index, item in enumerate(found, start=1):
                lines.append(f"{indent}    {index}.")
                lines.extend(_described(paper, item, indent + "    "))
            continue
        shown = []
        for value in found:
            text = _text(value) if isinstance(value, LocalizedText) else str(value)
            title = query.title_of(paper, value) if shape.refers_to else None
            shown.append(f"{text} ({_text(title)})" if title is not None else text)
        lines.append(head + ", ".join(shown))
    return lines


def _search(args: argparse.Namespace) -> int:
    if args.corpus or args.paper is not None:
        return _search_corpus(args)
    paper, _label = _load_paper(args.file)
    try:
        hits = paper.search(args.query, kind=args.kind, language=args.language, limit=args.limit)
    except ValueError as error:
        raise _UsageError(str(error), prefix=f"{PROG} search") from None
    _print_hits(hits, as_json=args.json, corpus=False)
    return EXIT_OK


def _print_hits(hits: tuple[query.SearchHit, ...], *, as_json: bool, corpus: bool) -> None:
    """Search hits, as JSON or as two lines each; a corpus's naming the paper each is in."""
    if as_json:
        records = []
        for hit in hits:
            record: dict[str, Any] = {
                "kind": hit.kind,
                "id": hit.id,
                "locator": None if hit.locator is None else str(hit.locator),
            }
            if corpus:
                record["paper"] = hit.paper
            record |= {
                "field": hit.field,
                "snippet": hit.snippet,
                "certainty": None if hit.certainty is None else str(hit.certainty),
                "score": hit.score,
            }
            records.append(record)
        _emit_data(_json_text(records))
        return
    lines = []
    for hit in hits:
        where = hit.id if hit.id is not None else str(hit.locator)
        if hit.paper is not None:
            where += f" in {hit.paper}"
        lines.append(f"{hit.kind:<10} {where}  [{hit.field}]")
        lines.append(f"           {hit.snippet}")
    _emit(sys.stdout, "".join(line.rstrip() + "\n" for line in lines))


DIFF_FORMATS = ("text", "json", "markdown")
#: Exit status of ``diff`` when the papers differ; invalid data is a usage error there, as for diff(1).
EXIT_DIFFERENT = 1


def _diff(args: argparse.Namespace) -> int:
    from . import diffreport  # noqa: PLC0415 -- only this command needs them
    from .diff import diff  # noqa: PLC0415

    load_side = _load_corpus if args.corpus else _load_paper
    try:
        old, _old_label = load_side(None if args.old == "-" else args.old)
        new, _new_label = load_side(None if args.new == "-" else args.new)
    except _InvalidDataError as error:
        # Exit 1 means "different" here, so a file that is not valid data is exit 2.
        _emit(sys.stderr, "".join(line + "\n" for line in error.lines))
        return EXIT_USAGE
    change = diff(old, new)
    if args.format == "json":
        _emit_data(_json_text(diffreport.data(change)))
    elif args.format == "markdown":
        _emit(sys.stdout, diffreport.markdown(change))
    else:
        _emit(sys.stdout, diffreport.text(change, color=_wants_color(sys.stdout)))
    return EXIT_DIFFERENT if change else EXIT_OK


def _wants_color(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


# --- tables (issue 14) -------------------------------------------------------------


def _export_tables(args: argparse.Namespace) -> int:
    """``export --to csv|sqlite|parquet|datapackage -o OUT``: the paper as related, keyed tables."""

    if args.output is None or args.output == "-":
        where = "a database file" if args.to == "sqlite" else "a folder"
        raise _UsageError(f"export --to {args.to} needs -o OUT ({where})")
    paper, _label = _load_paper(args.file)
    _write_tables(paper, args)
    return EXIT_OK


def _write_tables(document: Any, args: argparse.Namespace) -> None:
    """A paper's or a corpus's tables to ``args.output`` in ``args.to``, or a usage error."""
    from . import tables  # noqa: PLC0415 -- only the table commands need it

    try:
        if args.to == "datapackage":
            # Bundled data states its data version; a user's file has none we know.
            version = dataset.data_version() if args.file is None else None
            tables.write_datapackage(document, args.output, version=version)
        elif args.to == "csv":
            tables.write_csv(tables.to_tables(document), args.output)
        elif args.to == "sqlite":
            tables.write_sqlite(tables.to_tables(document), args.output)
        else:
            tables.write_parquet(tables.to_tables(document), args.output)
    except OSError as error:
        reason = error.strerror or str(error)
        raise _UsageError(f"cannot write {_shown(args.output)}: {reason}") from None


def _model_class_names() -> dict[str, type]:
    from .model import MODEL_CLASSES  # noqa: PLC0415 -- read when the parser is built

    return {cls.__name__: cls for cls in MODEL_CLASSES if cls not in (PartialDate, Locator)}


class _Progress:
    """A one-line progress display on standard error, redrawn at most a few times a second."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.shown = 0.0

    def __call__(self, lines: int, done: int, total: int) -> None:
        import time  # noqa: PLC0415 -- only a terminal run needs it

        now = time.monotonic()
        if now - self.shown < 0.2 and done < total:
            return
        self.shown = now
        percent = 100 * done // total if total else 100
        _emit(sys.stderr, f"\r{self.label}: {percent:3d}%  {lines:,} lines")
        sys.stderr.flush()

    def close(self) -> None:
        _emit(sys.stderr, "\n")


def _convert(args: argparse.Namespace) -> int:
    """``convert FILE.jsonl --to parquet -o DIR``: stream records into a dataset partitioned by year."""
    from . import tables  # noqa: PLC0415 -- only this command needs it

    label = _shown(args.file)
    cls = _model_class_names()[args.type]
    progress = _Progress(label) if sys.stderr.isatty() and not args.quiet else None
    bad_lines: list[str] = []

    def bad(found: tables.BadLine) -> None:
        if progress is not None:
            progress.close()
        _emit(sys.stderr, f"{label}: line {found.line}: {found.message}\n")
        bad_lines.append(str(found.line))

    try:
        report = tables.convert_jsonl(
            args.file,
            args.output,
            type=cls,
            strict=args.strict,
            batch_size=args.batch_size,
            on_bad_line=bad,
            on_progress=progress,
        )
    except FileExistsError:
        raise _UsageError(f"{_shown(args.output)} exists: convert writes a new dataset") from None
    except OSError as error:
        if error.filename is not None and os.fspath(error.filename) == args.file:
            raise _read_error(label, error) from None
        reason = error.strerror or str(error)
        raise _UsageError(f"cannot write {_shown(args.output)}: {reason}") from None
    except (LoadError, ValidationError) as error:
        raise _InvalidDataError(_problem_lines(label, error)) from None
    finally:
        if progress is not None:
            progress.close()
    if not args.quiet:
        _emit(
            sys.stderr,
            f"{label}: {_plural(report.written, 'record')} written to {_shown(args.output)}, "
            f"{_plural(report.bad, 'bad line')} skipped\n",
        )
    return EXIT_INVALID if report.bad else EXIT_OK


def _add_table_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    convert = command(
        "convert",
        _convert,
        "stream a JSON Lines file of records into a Parquet dataset partitioned by year",
    )
    convert.add_argument("file", metavar="FILE", help="a JSON Lines file, one record a line")
    convert.add_argument("--to", required=True, choices=("parquet",), help="the output format")
    convert.add_argument(
        "-o", "--output", required=True, metavar="DIR", help="the dataset's folder (must not exist)"
    )
    convert.add_argument(
        "--type",
        default="Event",
        choices=sorted(_model_class_names()),
        metavar="CLASS",
        help="the model class of each record (default: Event)",
    )
    convert.add_argument("--strict", action="store_true", help="stop at the first bad line (exit 1)")
    convert.add_argument("--quiet", action="store_true", help="no progress bar and no summary")
    convert.add_argument(
        "--batch-size", type=int, default=8192, metavar="N", help="records held in memory at once"
    )


# --- the crosswalk of a corpus (issue 17) ---------------------------------------------

#: How the bundled corpus is named in messages.
BUNDLED_CORPUS = "the bundled corpus"


def _load_corpus(file: str | None) -> tuple[Corpus, str]:
    """The corpus in ``file``, or the bundled one; and how to name it in messages."""
    label = BUNDLED_CORPUS if file is None else _shown(file)
    try:
        corpus = dataset.load_corpus() if file is None else load(file, type=Corpus)
    except OSError as error:
        raise _read_error(label, error) from None
    except (LoadError, ValidationError) as error:
        raise _InvalidDataError(_problem_lines(label, error)) from None
    return corpus, label


def _concepts(args: argparse.Namespace) -> int:
    corpus, label = _load_corpus(args.file)
    if args.concept is None:
        if args.json:
            _emit_data(_json_text([_concept_summary(corpus, concept) for concept in corpus.concepts]))
        else:
            _emit(sys.stdout, _concept_table(corpus))
        return EXIT_OK
    try:
        concept = corpus.concept(args.concept)
    except KeyError:
        raise _UsageError(
            f"no concept {excerpt(args.concept)} in {label}{_concept_hint(corpus, args.concept)}"
        ) from None
    if args.json:
        _emit_data(_json_text(_concept_record(corpus, concept)))
    else:
        _emit(sys.stdout, _concept_history(corpus, concept))
    return EXIT_OK


def _concept_hint(corpus: Corpus, query: str) -> str:
    """A "did you mean" for an id or name close to what was asked, else nothing."""
    known = {
        name.casefold(): concept.id for concept in corpus.concepts for name in (concept.id, concept.name.en)
    }
    close = difflib.get_close_matches(query.casefold(), list(known), n=1, cutoff=0.6)
    return f" (did you mean {known[close[0]]!r}?)" if close else ""


def _wording_documents(corpus: Corpus, concept: Concept) -> list[str]:
    """The ids of the documents that word an idea, earliest first, each once."""
    return list(dict.fromkeys(expression.document for expression in corpus.history(concept.id)))


def _years(corpus: Corpus, documents: Iterable[str]) -> list[int]:
    return sorted({date.year for document in documents if (date := corpus.date_of(document)) is not None})


def _concept_summary(corpus: Corpus, concept: Concept) -> dict[str, Any]:
    """One idea for ``concepts --json``: id, name, the documents that word it and their years."""
    documents = _wording_documents(corpus, concept)
    return {
        "id": concept.id,
        "name": to_dict(concept.name),
        "documents": documents,
        "years": _years(corpus, documents),
    }


def _concept_table(corpus: Corpus) -> str:
    rows = []
    for concept in corpus.concepts:
        documents = _wording_documents(corpus, concept)
        years = " ".join(map(str, _years(corpus, documents)))
        rows.append((concept.id, str(len(documents)), years, _text(concept.name)))
    header = ("id", "documents", "years", "name")
    widths = [max(len(row[column]) for row in (header, *rows)) for column in range(3)]
    lines = [
        f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:<{widths[2]}}  {row[3]}"
        for row in (header, *rows)
    ]
    if any(not concept.name.en_official for concept in corpus.concepts):
        lines += ["", UNOFFICIAL_NOTE]
    return "".join(line.rstrip() + "\n" for line in lines)


def _document_title(corpus: Corpus, document: str) -> LocalizedText | None:
    """The title of a paper of the corpus, or of one of its other documents."""
    documents: tuple[WhitePaper | DocumentRef, ...] = (*corpus.papers, *corpus.documents)
    return next((d.title for d in documents if d.id == document), None)


def _certainties(citations: Iterable[Citation]) -> str:
    """The certainties of a cell's evidence, strongest first, each once: ``confirmed,uncertain``."""
    found = {citation.certainty for citation in citations}
    return ",".join(str(certainty) for certainty in Certainty if certainty in found) or "none"


def _concept_history(corpus: Corpus, concept: Concept) -> str:
    """An idea's history for people: a line per document (year, title), a line per wording under it."""
    history = corpus.history(concept.id)
    texts = [concept.name]
    lines = [f"{_text(concept.name)} ({concept.id})", concept.summary, ""]
    places = [str(e.locator) if e.locator is not None else "-" for e in history]
    certainties = [_certainties(e.citations) for e in history]
    place_width = max(map(len, places), default=0)
    certainty_width = max(map(len, certainties), default=0)
    last = None
    for expression, place, certainty in zip(history, places, certainties, strict=True):
        if expression.document != last:
            last = expression.document
            date = corpus.date_of(expression.document)
            title = _document_title(corpus, expression.document)
            if title is not None:
                texts.append(title)
            lines.append(
                f"{'????' if date is None else date.year:<4}  "
                + (expression.document if title is None else _text(title))
            )
        texts.append(expression.wording)
        lines.append(
            f"      {place:<{place_width}}  {certainty:<{certainty_width}}  {_text(expression.wording)}"
        )
    if any(not text.en_official for text in texts):
        lines += ["", UNOFFICIAL_NOTE]
    return "".join(line.rstrip() + "\n" for line in lines)


def _concept_record(corpus: Corpus, concept: Concept) -> dict[str, Any]:
    """An idea for ``concepts ID --json``: as the library writes it, its expressions in history order.

    Each expression also gives ``published`` (its document's date, or null)
    and ``title`` (its document's title), so a program needs nothing else.
    """
    record: dict[str, Any] = to_dict(concept)
    expressions = []
    for expression in corpus.history(concept.id):
        date = corpus.date_of(expression.document)
        title = _document_title(corpus, expression.document)
        expressions.append(
            {
                **to_dict(expression),
                "published": None if date is None else str(date),
                "title": None if title is None else to_dict(title),
            }
        )
    record["expressions"] = expressions
    return record


def _add_concept_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    concepts = command(
        "concepts",
        _concepts,
        "the crosswalk of a corpus: its ideas, or how the papers word one idea through the years",
    )
    concepts.add_argument(
        "concept",
        nargs="?",
        metavar="ID",
        help="an idea's id, name or alias (default: list the ideas)",
    )
    concepts.add_argument(
        "--file",
        metavar="FILE",
        help="a corpus as .json, .yaml or .yml (default: the bundled corpus)",
    )
    concepts.add_argument("--json", action="store_true", help="print it as JSON")


def _export_corpus(args: argparse.Namespace) -> int:
    """``export [FILE] --corpus --to FORMAT``: a corpus as JSON or YAML, or as tables with a paper column."""

    if args.to not in ("json", "yaml", *TABLE_FORMATS):
        raise _UsageError(f"export --corpus writes json, yaml or tables, not --to {args.to}")
    if args.base is not None:
        raise _UsageError(f"--base applies to --to jsonld, not --to {args.to}")
    if args.to in TABLE_FORMATS and (args.output is None or args.output == "-"):
        where = "a database file" if args.to == "sqlite" else "a folder"
        raise _UsageError(f"export --to {args.to} needs -o OUT ({where})")
    corpus, _label = _load_corpus(args.file)
    if args.to not in TABLE_FORMATS:
        _write(dumps(corpus, format=args.to), args.output)
        return EXIT_OK
    _write_tables(corpus, args)
    return EXIT_OK


def _search_corpus(args: argparse.Namespace) -> int:
    """``search QUERY [FILE] --corpus [--paper ID]``: papers and crosswalk, each hit naming its paper."""
    corpus, _label = _load_corpus(args.file)
    try:
        hits = corpus.search(
            args.query, kind=args.kind, language=args.language, paper=args.paper, limit=args.limit
        )
    except ValueError as error:
        raise _UsageError(str(error), prefix=f"{PROG} search") from None
    _print_hits(hits, as_json=args.json, corpus=True)
    return EXIT_OK


def _add_corpus_options(
    export: argparse.ArgumentParser, search: argparse.ArgumentParser, diff: argparse.ArgumentParser
) -> None:
    export.add_argument(
        "--corpus",
        action="store_true",
        help="a corpus: FILE holds one (default: the bundled corpus); its tables have a paper column",
    )
    search.add_argument(
        "--corpus",
        action="store_true",
        help="search a corpus, its papers and its crosswalk: FILE holds one (default: the bundled corpus)",
    )
    search.add_argument(
        "--paper", metavar="ID", help="with --corpus: only the hits of this paper (implies --corpus)"
    )
    diff.add_argument(
        "--corpus",
        action="store_true",
        help="OLD and NEW are corpora: files, or - for the bundled corpus; each paper is diffed as a paper",
    )


# --- the parser -----------------------------------------------------------------


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1, got {value!r}")
    return int(value)


def _date(value: str) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.problems[0].message) from None


def _parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description=(
            "The white paper 'Jointly Build a Community with a Shared Future in Cyberspace' "
            "(SCIO, 2022) as data. Without FILE, each command works on the bundled paper."
        ),
        epilog="Exit status: 0 ok, 1 invalid data, 2 usage error, unreadable file or unknown id.",
    )
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, run: Callable[[argparse.Namespace], int], summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.set_defaults(run=run)
        return sub

    file_help = "a paper as .json, .yaml or .yml (default: the bundled paper)"

    show = command("show", _show, "the paper at a glance: titles, chapters, principles, counts")
    show.add_argument("file", nargs="?", metavar="FILE", help=file_help)

    validate = command("validate", _validate, "check files; print every problem, one per line")
    validate.add_argument("files", nargs="+", metavar="FILE", help="papers as .json, .yaml or .yml")
    validate.add_argument("--json", action="store_true", help="print the problems as a JSON array")

    export = command(
        "export",
        _export,
        "write the paper as JSON, YAML or JSON-LD, the JSON Schema, or as tables (CSV, SQLite, Parquet, "
        "a Data Package)",
    )
    export.add_argument("file", nargs="?", metavar="FILE", help=file_help)
    export.add_argument(
        "--to", required=True, choices=EXPORT_FORMATS + TABLE_FORMATS, help="the output format"
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT atomically (default: standard output); for csv, parquet and datapackage "
        "a folder, for sqlite a database file",
    )
    export.add_argument(
        "--base", metavar="IRI", help="for jsonld: the IRI every id is put under (ends in / or #)"
    )
    export.add_argument(
        "--type",
        choices=sorted(_model_class_names()),
        metavar="CLASS",
        help="for schema: the model class it describes (default: WhitePaper; Corpus for a corpus)",
    )

    timeline = command("timeline", _timeline, "the events in date order, dates at their precision")
    timeline.add_argument("file", nargs="?", metavar="FILE", help=file_help)
    timeline.add_argument("--in-paper", action="store_true", help="only events the paper itself names")
    timeline.add_argument(
        "--from",
        dest="start",
        type=_date,
        metavar="DATE",
        help="only events on or after DATE (YYYY[-MM[-DD]])",
    )
    timeline.add_argument(
        "--to", dest="stop", type=_date, metavar="DATE", help="only events on or before DATE (YYYY[-MM[-DD]])"
    )
    timeline.add_argument(
        "--format", choices=TIMELINE_FORMATS, default="text", help="text for people (default), csv or json"
    )

    get = command("get", _get, "one entity (principle, event, actor ...) or one part of the text")
    get.add_argument("id", metavar="ID", help="an entity's id, or a place in the text such as I.3 or preface")
    get.add_argument("file", nargs="?", metavar="FILE", help=file_help)
    get.add_argument("--json", action="store_true", help="print it as JSON, as the library writes it")

    search = command("search", _search, "entities and parts of the text that match a query, best first")
    search.add_argument("query", metavar="QUERY", help="words in English or Chinese")
    search.add_argument("file", nargs="?", metavar="FILE", help=file_help)
    search.add_argument("--kind", metavar="K", help="only this kind: principle, event, section ...")
    search.add_argument("--language", choices=("en", "zh"), help="only texts in this language")
    search.add_argument("--limit", type=_count, default=10, metavar="N", help="at most N hits (default 10)")
    search.add_argument("--json", action="store_true", help="print the hits as a JSON array")

    diff = command("diff", _diff, "what changed between two papers, entity by entity; exit 1 if they differ")
    diff.add_argument("old", metavar="OLD", help="the older paper: a file, or - for the bundled paper")
    diff.add_argument("new", metavar="NEW", help="the newer paper: a file, or - for the bundled paper")
    diff.add_argument(
        "--format",
        choices=DIFF_FORMATS,
        default="text",
        help="text (default), json, or markdown for a changelog",
    )

    _add_table_commands(command)
    _add_concept_commands(command)
    _add_corpus_options(export, search, diff)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    try:
        args = _parser().parse_args(argv)
        if args.command is None:
            raise _UsageError(
                "a command is needed: show, validate, export, timeline, get, search, diff, convert"
                " or concepts (see --help)"
            )
        status: int = args.run(args)
    except _ExitRequest as done:
        return done.status
    except _UsageError as error:
        _emit(sys.stderr, error.line + "\n")
        return EXIT_USAGE
    except _InvalidDataError as error:
        _emit(sys.stderr, "".join(line + "\n" for line in error.lines))
        return EXIT_INVALID
    except ModuleNotFoundError as error:
        # An optional dependency (PyYAML for YAML) is not installed.
        _emit(sys.stderr, f"{PROG}: error: {error}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep Python from
        # complaining again when it flushes standard output at exit.
        with contextlib.suppress(AttributeError, OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 141
    return status
