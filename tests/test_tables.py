"""The paper as related, keyed tables: ``to_tables`` and ``from_tables``, the layout read from the shape."""

# No "from __future__ import annotations": the model classes below need their annotations as types.

import collections
import datetime
import os
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import Event, LocalizedText, WhitePaper
from cyberspace_whitepaper.errors import ValidationError
from cyberspace_whitepaper.model._checks import exact_decimal, identifier, in_range, text
from cyberspace_whitepaper.model._provenance import Citation
from cyberspace_whitepaper.model._shape import (
    Kind,
    checked,
    describe,
    entity_kinds,
    model_classes,
    shape_of,
    walk,
)
from cyberspace_whitepaper.strategies import white_papers
from cyberspace_whitepaper.tables import Table, Tables, from_tables, to_tables
from cyberspace_whitepaper.vocab import Certainty

#: Under the "ci" profile the round trip sees at least 2,000 generated papers, in two halves
#: that pytest-xdist can run side by side.
CI = os.environ.get("HYPOTHESIS_PROFILE") == "ci"
ROUND_TRIP_HALF = 1000 if CI else settings().max_examples


def keys_of(table: Table, columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    names = table.schema.column_names
    indices = [names.index(column) for column in columns]
    return [tuple(row[i] for i in indices) for row in table.rows]


class TestRoundTrip:
    def test_bundled_paper(self) -> None:
        """The bundled paper comes back from its tables equal."""
        paper = cw.load_white_paper()
        assert from_tables(to_tables(paper)) == paper

    @pytest.mark.parametrize("half", [1, 2])
    @settings(max_examples=ROUND_TRIP_HALF, suppress_health_check=[HealthCheck.too_slow])
    @given(paper=white_papers())
    def test_generated_papers(self, half: int, paper: WhitePaper) -> None:
        """Every generated paper comes back from its tables equal (2 x 1,000 papers under the ci profile)."""
        assert from_tables(to_tables(paper)) == paper

    @given(paper=white_papers(max_chapters=2, max_events=3))
    def test_tables_are_a_function_of_the_paper(self, paper: WhitePaper) -> None:
        """The tables of the paper read back from tables are those tables again."""
        tables = to_tables(paper)
        assert to_tables(from_tables(tables)) == tables


def _only_value_is_default(shape: Any) -> bool:
    # schema_version can only be 1: any paper shows it.
    constraint = shape.constraint
    return bool(constraint is not None and getattr(constraint, "low", 0) == getattr(constraint, "high", 1))


def _fields_shown(paper: WhitePaper) -> set[tuple[type, str]]:
    """The (class, field) pairs to which this paper gives a value other than the field's default."""
    shown = set()
    for _path, obj in walk(paper):
        for shape in shape_of(type(obj)):
            value = getattr(obj, shape.name)
            if shape.required or value != shape.default or _only_value_is_default(shape):
                shown.add((type(obj), shape.name))
    return shown


class TestEveryField:
    def test_every_field_of_every_class_round_trips(self) -> None:
        """Every field of every model class, holding a value other than its default, survives the tables.

        The fields are read from the shape, so a field added to the model is
        in this test at once: if no generated paper gives it a value, or its
        value is lost in the tables, the test fails and names it.
        """
        wanted = {(cls, shape.name) for cls in model_classes(WhitePaper) for shape in shape_of(cls)}
        seen: set[tuple[type, str]] = set()

        def covers_every_field(paper: WhitePaper) -> bool:
            new = _fields_shown(paper) - seen
            if new:
                assert from_tables(to_tables(paper)) == paper, (
                    f"lost in the tables: {sorted(n for _, n in new)}"
                )
                seen.update(new)
            return wanted <= seen

        try:
            find(
                white_papers(),
                covers_every_field,
                settings=settings(phases=[Phase.generate], max_examples=2000, database=None),
            )
        except NoSuchExample:
            missing = sorted(f"{cls.__name__}.{name}" for cls, name in wanted - seen)
            pytest.fail(f"no generated paper gave these fields a value other than their default: {missing}")

    def test_every_plain_field_is_a_column_of_its_table(self) -> None:
        """Each plain field of an entity or part of the text is a column (four for a date) of its table."""
        tables = to_tables(cw.load_white_paper())
        layout_tables = {t.name: t.schema.column_names for t in tables}
        for _kind, kind_field in entity_kinds(WhitePaper):
            columns = layout_tables[kind_field.name]
            for shape in shape_of(kind_field.type):
                if shape.kind is Kind.MODEL or shape.many:
                    continue
                assert shape.name in columns, f"{kind_field.type.__name__}.{shape.name}"
                if shape.kind is Kind.DATE:
                    for suffix in ("precision", "earliest", "latest"):
                        assert f"{shape.name}_{suffix}" in columns


# --- a field added later: a model that extends the real one, unknown to the tables code ---------------


@attrs.frozen(kw_only=True, field_transformer=checked)
class _RichEvent(Event):
    """An event with one new field of each kind a field can be."""

    rating: int = attrs.field(default=0, metadata=describe("A score.", in_range(0, 5)))
    verified: bool = attrs.field(default=False, metadata=describe("Checked by hand."))
    cost: Decimal | None = attrs.field(default=None, metadata=describe("Its cost.", exact_decimal()))
    confidence: Certainty = attrs.field(default=Certainty.CONFIRMED, metadata=describe("How sure."))
    reported: cw.PartialDate | None = attrs.field(default=None, metadata=describe("When reported."))
    where_said: cw.Locator | None = attrs.field(default=None, metadata=describe("Where the paper says it."))
    note: str | None = attrs.field(default=None, metadata=describe("A note.", text()))
    hosts: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Who hosted it.", identifier(), unique=True, refers_to=("actor",))
    )
    tags: tuple[str, ...] = attrs.field(default=(), metadata=describe("Tags.", text(), unique=True))
    subtitle: LocalizedText | None = attrs.field(default=None, metadata=describe("A subtitle."))
    reviews: tuple[Citation, ...] = attrs.field(default=(), metadata=describe("Reviews of it."))


@attrs.frozen(kw_only=True, field_transformer=checked)
class _RichPaper(WhitePaper):
    """A paper whose events are :class:`_RichEvent`."""

    events: tuple[_RichEvent, ...] = attrs.field(default=(), metadata=describe("Events, with more."))


def _enrich(paper: WhitePaper, draw: Any) -> _RichPaper:
    actors = [actor.id for actor in paper.actors]
    places = [locator for locator, _ in paper.places()]
    events = []
    for event in paper.events:
        fields = {a.name: getattr(event, a.name) for a in attrs.fields(Event)}
        events.append(
            _RichEvent(
                **fields,
                rating=draw(st.integers(0, 5)),
                verified=draw(st.booleans()),
                cost=draw(st.sampled_from([None, Decimal("12.50"), Decimal("0.001"), Decimal("7E+3")])),
                confidence=draw(st.sampled_from(list(Certainty))),
                reported=draw(st.sampled_from([None, cw.PartialDate(year=2022, month=11)])),
                where_said=draw(st.sampled_from([None, *places])),
                note=draw(st.sampled_from([None, "said twice", 'a, b "quoted"\nline'])),
                hosts=tuple(draw(st.lists(st.sampled_from(actors), unique=True, max_size=2))),
                tags=tuple(draw(st.lists(st.sampled_from(["a", "b", "c"]), unique=True, max_size=3))),
                subtitle=draw(
                    st.sampled_from([None, LocalizedText(en="More", zh="更多", en_official=False)])
                ),
                reviews=tuple(event.citations[:1]),
            )
        )
    fields = {a.name: getattr(paper, a.name) for a in attrs.fields(WhitePaper)}
    fields["events"] = tuple(events)
    return _RichPaper(**fields)


class TestAFieldAddedLater:
    @settings(max_examples=50 if CI else 20)
    @given(paper=white_papers(min_events=1), data=st.data())
    def test_new_fields_of_every_kind_round_trip(self, paper: WhitePaper, data: st.DataObject) -> None:
        """A model with new fields of every kind (the tables code never heard of them) round-trips."""
        rich = _enrich(paper, data.draw)
        tables = to_tables(rich)
        assert from_tables(tables, type=_RichPaper) == rich
        columns = tables["events"].schema.column_names
        for name in ("rating", "verified", "cost", "confidence", "reported_latest", "where_said", "note"):
            assert name in columns
        assert "event_hosts" in tables
        assert "event_tags" in tables
        # Events now hold citations in two fields: the citations table says which.
        assert "field" in tables["citations"].schema.column_names
        assert "subtitle" in tables["labels"].schema.columns[2].values

    def test_a_record_holding_objects_gets_a_key_of_its_own(self) -> None:
        """A record holding a tuple, a text and citations (as a crosswalk cell) is keyed and round-trips."""
        paper = cw.load_white_paper()
        events = []
        for index, event in enumerate(paper.events):
            fields = {a.name: getattr(event, a.name) for a in attrs.fields(Event)}
            quotes = (
                _Quote(
                    pages=(3, 1),
                    words=LocalizedText(en="we said so", zh="我们说过"),
                    where_said=cw.Locator.parse("I.1"),
                    citations=event.citations[:1],
                ),
            )
            events.append(_QuotedEvent(**fields, quotes=quotes if index < 2 else ()))
        fields = {a.name: getattr(paper, a.name) for a in attrs.fields(WhitePaper)}
        quoted = _QuotedPaper(**{**fields, "events": tuple(events)})
        tables = to_tables(quoted)
        assert tables["quotes"].schema.primary_key == ("key",)
        first = next(tables["quotes"].records())
        assert first["key"] == f"{paper.events[0].id}.quotes[0]"
        pages = [r["value"] for r in tables["quote_pages"].records() if r["quote_key"] == first["key"]]
        assert pages == [3, 1]
        assert any(r["owner_table"] == "quotes" for r in tables["citations"].records())
        assert any(r["owner_table"] == "quotes" and r["lang"] == "zh" for r in tables["labels"].records())
        assert from_tables(tables, type=_QuotedPaper) == quoted

    def test_two_tables_of_one_name_are_refused_by_name(self) -> None:
        """Two classes whose tables would share a name are a TypeError naming it, never a silent merge."""

        @attrs.frozen(kw_only=True, field_transformer=checked)
        class PagedCitation(Citation):
            pages: tuple[int, ...] = attrs.field(default=(), metadata=describe("Pages.", in_range(1, 9999)))

        @attrs.frozen(kw_only=True, field_transformer=checked)
        class PagedPaper(WhitePaper):
            citations: tuple[PagedCitation, ...] = attrs.field(default=(), metadata=describe("Evidence."))

        from cyberspace_whitepaper.tables._layout import layout_of

        with pytest.raises(TypeError, match=r"two tables would be named 'citations'"):
            layout_of(PagedPaper)


@attrs.frozen(kw_only=True, field_transformer=checked)
class _Quote:
    """Words an event is quoted with: a record holding a tuple, a text and citations."""

    pages: tuple[int, ...] = attrs.field(metadata=describe("Pages.", in_range(1, 9999)))
    words: LocalizedText = attrs.field(metadata=describe("The words."))
    where_said: cw.Locator | None = attrs.field(default=None, metadata=describe("Where the paper says it."))
    citations: tuple[Citation, ...] = attrs.field(default=(), metadata=describe("Evidence."))


@attrs.frozen(kw_only=True, field_transformer=checked)
class _QuotedEvent(Event):
    quotes: tuple[_Quote, ...] = attrs.field(default=(), metadata=describe("Quotes."))


@attrs.frozen(kw_only=True, field_transformer=checked)
class _QuotedPaper(WhitePaper):
    events: tuple[_QuotedEvent, ...] = attrs.field(default=(), metadata=describe("Events, quoted."))


class TestKeys:
    @given(paper=white_papers())
    def test_primary_keys_are_unique_and_foreign_keys_resolve(self, paper: WhitePaper) -> None:
        """In the tables of any paper, primary keys never repeat and every foreign key names a row."""
        tables = to_tables(paper)
        for table in tables:
            keys = keys_of(table, table.schema.primary_key)
            assert len(set(keys)) == len(keys), table.name
            assert all(None not in key for key in keys), table.name
            for foreign in table.schema.foreign_keys:
                targets = set(keys_of(tables[foreign.table], foreign.referenced))
                for value in keys_of(table, foreign.columns):
                    assert None in value or value in targets, (table.name, foreign, value)

    def test_every_reference_field_is_a_foreign_key(self) -> None:
        """Every field that refers to entities or names a place is declared as a foreign key."""
        tables = to_tables(cw.load_white_paper())
        declared = {(t.name, c) for t in tables for fk in t.schema.foreign_keys for c in fk.columns}
        for cls in model_classes(WhitePaper):
            for shape in shape_of(cls):
                if (shape.refers_to or shape.kind is Kind.LOCATOR) and not shape.many:
                    assert any(column == shape.name for _, column in declared), f"{cls.__name__}.{shape.name}"

    def test_citations_name_their_item_kind_and_position(self) -> None:
        """Each citation row says what it cites (table and key) and its place among that item's citations."""
        paper = cw.load_white_paper()
        citations = list(to_tables(paper)["citations"].records())
        event = paper.events[0]
        rows = [r for r in citations if (r["owner_table"], r["owner"]) == ("events", event.id)]
        assert [r["position"] for r in rows] == list(range(len(event.citations)))
        assert [r["source"] for r in rows] == [c.source for c in event.citations]
        chapter_rows = [r for r in citations if r["owner_table"] == "chapters"]
        assert {r["owner"] for r in chapter_rows} <= {"I", "II", "III", "IV"}


class TestCells:
    def test_dates_keep_text_precision_and_bounds(self) -> None:
        """A date keeps its text and precision, with its first and last day as ISO days."""
        paper = cw.load_white_paper()
        by_id = {r["id"]: r for r in to_tables(paper)["events"].records()}
        for event in paper.events:
            row = by_id[event.id]
            assert row["date"] == str(event.date)
            assert row["date_precision"] == event.date.precision.value
            assert row["date_earliest"] == event.date.earliest
            assert row["date_latest"] == event.date.latest
            assert isinstance(row["date_earliest"], datetime.date)

    def test_decimals_stay_exact(self) -> None:
        """A statistic's value is the model's Decimal itself, never a float."""
        paper = cw.load_white_paper()
        values = dict(zip(*(to_tables(paper)["statistics"].column(c) for c in ("id", "value")), strict=True))
        for statistic in paper.statistics:
            assert type(values[statistic.id]) is Decimal
            assert str(values[statistic.id]) == str(statistic.value)

    def test_labels_put_english_and_chinese_side_by_side(self) -> None:
        """The title of the paper is two label rows, en and zh, with en_official on each."""
        paper = cw.load_white_paper()
        rows = [
            r
            for r in to_tables(paper)["labels"].records()
            if (r["owner_table"], r["owner"], r["field"]) == ("paper", paper.id, "title")
        ]
        assert {r["lang"]: r["text"] for r in rows} == {"en": paper.title.en, "zh": paper.title.zh}
        assert {r["en_official"] for r in rows} == {paper.title.en_official}


def _replace(tables: Tables, name: str, rows: tuple[tuple[Any, ...], ...]) -> Tables:
    return Tables(tuple(Table(t.schema, rows) if t.name == name else t for t in tables))


class TestFromTablesErrors:
    def test_missing_table(self) -> None:
        """A table left out is named."""
        tables = to_tables(cw.load_white_paper())
        smaller = Tables(tuple(t for t in tables if t.name != "labels"))
        with pytest.raises(ValidationError) as caught:
            from_tables(smaller)
        assert str(caught.value) == "$.labels: the table 'labels' is missing"

    def test_a_cell_of_another_type(self) -> None:
        """A float where a decimal goes (or any value no column holds) is named by its cell."""
        tables = to_tables(cw.load_white_paper())
        statistics = tables["statistics"]
        index = statistics.schema.column_names.index("value")
        first = (*statistics.rows[0][:index], 45.5, *statistics.rows[0][index + 1 :])
        with pytest.raises(ValidationError) as caught:
            from_tables(_replace(tables, "statistics", (first, *statistics.rows[1:])))
        assert str(caught.value) == (
            "$.statistics[0].value: expected text, an integer, a boolean, a Decimal, a date or None, "
            "got float 45.5"
        )

    def test_orphan_row(self) -> None:
        """A citation whose owner does not exist is named by its table and row."""
        tables = to_tables(cw.load_white_paper())
        citations = tables["citations"]
        orphan = ("events", "no-such-event", 0, *citations.rows[0][3:])
        with pytest.raises(ValidationError) as caught:
            from_tables(_replace(tables, "citations", (*citations.rows, orphan)))
        (problem,) = caught.value.problems
        assert problem.path == f"$.citations[{len(citations)}]"
        assert problem.code == "inconsistent"
        assert "owner='no-such-event'" in problem.message

    def test_derived_cell_that_disagrees(self) -> None:
        """A date's precision that contradicts its text is an error."""
        tables = to_tables(cw.load_white_paper())
        events = tables["events"]
        index = events.schema.column_names.index("date_precision")
        first = list(events.rows[0])
        first[index] = "day" if first[index] != "day" else "year"
        with pytest.raises(ValidationError) as caught:
            from_tables(_replace(tables, "events", (tuple(first), *events.rows[1:])))
        assert [p.path for p in caught.value.problems] == ["$.events", "$.events[0]"]

    def test_a_value_the_model_refuses_names_its_paper_path(self) -> None:
        """A date that is not a date fails as it would in a file, at the paper's JSON path."""
        tables = to_tables(cw.load_white_paper())
        events = tables["events"]
        index = events.schema.column_names.index("date")
        rows = list(events.rows)
        position = rows[3][0]
        rows[3] = (*rows[3][:index], "2022-13", *rows[3][index + 1 :])
        with pytest.raises(ValidationError) as caught:
            from_tables(_replace(tables, "events", tuple(rows)))
        assert caught.value.problems[0].path == f"$.events[{position}].date"

    def test_a_dangling_reference_is_the_models_error(self) -> None:
        """An event's actor that is not an actor is reported by the paper's rules."""
        tables = to_tables(cw.load_white_paper())
        links = tables["event_actors"]
        rows = [*links.rows]
        rows[0] = (rows[0][0], rows[0][1], "nobody-at-all")
        with pytest.raises(ValidationError) as caught:
            from_tables(_replace(tables, "event_actors", tuple(rows)))
        assert any(p.code == "dangling-reference" for p in caught.value.problems)

    def test_rows_in_any_order(self) -> None:
        """Row order carries nothing: positions do, so shuffled rows read back the same paper."""
        paper = cw.load_white_paper()
        tables = to_tables(paper)
        shuffled = Tables(tuple(Table(t.schema, tuple(reversed(t.rows))) for t in tables))
        assert from_tables(shuffled) == paper


class TestCounts:
    def test_tables_count_what_the_paper_holds(self) -> None:
        """Each entity table has a row per entity, and the link tables a row per reference."""
        paper = cw.load_white_paper()
        tables = to_tables(paper)
        assert len(tables["events"]) == len(paper.events)
        assert len(tables["event_actors"]) == sum(len(e.actors) for e in paper.events)
        assert len(tables["citations"]) == sum(
            len(getattr(obj, shape.name))
            for _path, obj in walk(paper)
            for shape in shape_of(type(obj))
            if shape.type is Citation
        )
        assert len(tables["entities"]) == 1 + sum(1 for _ in paper.entities())
        assert collections.Counter(tables["places"].column("table_name")) == collections.Counter(
            {"parts": 2, "chapters": 4, "sections": 24, "items": len(tables["items"])}
        )
