"""The public Hypothesis strategies: valid objects, references that resolve, checked arguments."""

# No "from __future__ import annotations": the model classes below need real types as annotations.

import datetime
import enum
import importlib.metadata
import re
import subprocess
import sys
import unicodedata
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import _hypothesis_plugin, strategies
from cyberspace_whitepaper.model import MODEL_CLASSES
from cyberspace_whitepaper.model._checks import (
    Pattern,
    Range,
    exact_decimal,
    identifier,
    in_range,
    language_tag,
    text,
    url,
)
from cyberspace_whitepaper.model._shape import checked, describe, model_classes, shape_of, walk

#: Each model class and the public strategy for it.
STRATEGY_OF: dict[type, Any] = {
    cw.Corpus: strategies.corpora,
    cw.Concept: strategies.concepts,
    cw.Expression: strategies.expressions,
    cw.WhitePaper: strategies.white_papers,
    cw.Part: strategies.parts,
    cw.Chapter: strategies.chapters,
    cw.Section: strategies.sections,
    cw.Item: strategies.items,
    cw.Principle: strategies.principles,
    cw.Goal: strategies.goals,
    cw.Concern: strategies.concerns,
    cw.Proposal: strategies.proposals,
    cw.Event: strategies.events,
    cw.Actor: strategies.actors,
    cw.Statistic: strategies.statistics,
    cw.DocumentRef: strategies.document_refs,
    cw.Source: strategies.sources,
    cw.Citation: strategies.citations,
    cw.Alias: strategies.aliases,
    cw.LocalizedText: strategies.localized_texts,
    cw.PartialDate: strategies.partial_dates,
    cw.Locator: strategies.locators,
}
#: Whole papers are slow to draw: the tests of their shape take a third of the profile's examples.
FEWER = settings(max_examples=max(10, settings().max_examples // 3))
CLASSES = pytest.mark.parametrize("cls", MODEL_CLASSES, ids=[cls.__name__ for cls in MODEL_CLASSES])
HAN = range(0x4E00, 0xA000)


def is_han(character: str) -> bool:
    return ord(character) in HAN


class TestCoverage:
    def test_every_model_class_has_a_strategy(self) -> None:
        """The module offers one public strategy per model class, and lists each in __all__."""
        assert set(STRATEGY_OF) == set(MODEL_CLASSES)
        assert {function.__name__ for function in STRATEGY_OF.values()} | {"identifiers"} == set(
            strategies.__all__
        )
        assert strategies.__all__ == sorted(strategies.__all__)

    def test_entry_point_registers_every_model_class(self) -> None:
        """The Hypothesis hook registers each model class with the public strategy of its name."""
        names = {cls: function.__name__ for cls, function in STRATEGY_OF.items()}
        assert names == _hypothesis_plugin.STRATEGY_NAMES

    def test_entry_point_is_declared(self) -> None:
        """The installed package declares one hook for Hypothesis to call, and it loads."""
        found = [
            entry
            for entry in importlib.metadata.entry_points(group="hypothesis")
            if entry.value.startswith("cyberspace_whitepaper.")
        ]
        assert len(found) == 1
        assert callable(found[0].load())


@CLASSES
class TestValidObjects:
    @given(data=st.data())
    def test_public_strategy_gives_valid_instances(self, cls: type[Any], data: st.DataObject) -> None:
        """Every drawn object is of its class, and validating it again (as evolve does) raises nothing."""
        drawn = data.draw(STRATEGY_OF[cls]())
        assert type(drawn) is cls
        assert attrs.evolve(drawn) == drawn

    @given(data=st.data())
    def test_from_type_works_through_the_entry_point(self, cls: type[Any], data: st.DataObject) -> None:
        """st.from_type gives valid instances of every model class with no set-up in the test."""
        drawn = data.draw(st.from_type(cls))
        assert type(drawn) is cls
        assert attrs.evolve(drawn) == drawn


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@attrs.frozen(kw_only=True, field_transformer=checked)
class Gadget:
    """A model class the strategies have never seen, with a field of every kind and every role."""

    id: str = attrs.field(metadata=describe("Id.", identifier(), identity="gadget"))
    colour: Colour = attrs.field(metadata=describe("An enum."))
    number: int = attrs.field(
        metadata=describe("Counted per colour.", in_range(1, 99), numbering=("colour",))
    )
    name: cw.LocalizedText = attrs.field(metadata=describe("Distinct per colour.", distinct=("colour",)))
    label: str = attrs.field(metadata=describe("Distinct text.", text(), distinct=()))
    code: str = attrs.field(metadata=describe("A new pattern.", Pattern(r"^[A-Z]{2}-[0-9]{3}$", "code", 6)))
    language: str = attrs.field(metadata=describe("A language tag.", language_tag()))
    link: str | None = attrs.field(default=None, metadata=describe("A URL.", url()))
    weight: Decimal = attrs.field(metadata=describe("An exact decimal.", exact_decimal()))
    flag: bool = attrs.field(default=False, metadata=describe("A bool."))
    made: cw.PartialDate | None = attrs.field(default=None, metadata=describe("A date."))
    where: cw.Locator | None = attrs.field(default=None, metadata=describe("A locator."))
    owner: str | None = attrs.field(
        default=None, metadata=describe("An actor.", identifier(), refers_to=("actor",))
    )
    parts: tuple[str, ...] = attrs.field(
        default=(), metadata=describe("Other gadgets.", identifier(), unique=True, refers_to=("gadget",))
    )
    tags: tuple[str, ...] = attrs.field(metadata=describe("Tags.", text(), unique=True, min_items=1))
    citations: tuple[cw.Citation, ...] = attrs.field(default=(), metadata=describe("Evidence."))


@attrs.frozen(kw_only=True, field_transformer=checked)
class Box:
    """Holds gadgets, so that their numbers and names are woven among siblings."""

    gadgets: tuple[Gadget, ...] = attrs.field(metadata=describe("Gadgets.", min_items=1))


def normal(value: str | None) -> str | None:
    return None if value is None else unicodedata.normalize("NFC", value)


class TestShapeDriven:
    @given(box=strategies._objects(Box, {"max_gadgets": 8}))
    def test_a_new_class_of_every_kind_of_field_is_generated(self, box: Box) -> None:
        """Fields of every kind and role, declared with describe(), are drawn valid with no edit here."""
        assert attrs.evolve(box) == box
        for colour in Colour:
            same = [gadget for gadget in box.gadgets if gadget.colour is colour]
            assert [gadget.number for gadget in same] == list(range(1, len(same) + 1))
            for language in ("en", "zh"):
                names = [normal(getattr(g.name, language)) for g in same if getattr(g.name, language)]
                assert len(names) == len(set(names))
        assert len({normal(gadget.label) for gadget in box.gadgets}) == len(box.gadgets)
        for gadget in box.gadgets:
            assert re.fullmatch(r"[A-Z]{2}-[0-9]{3}", gadget.code)
            assert gadget.id not in gadget.parts
            assert gadget.tags

    @given(
        gadget=strategies._objects(
            Gadget, {"actor_ids": ["scio"], "source_ids": ["xinhua"], "places": [cw.Locator.parse("I")]}
        )
    )
    def test_a_new_class_points_into_the_pools_given(self, gadget: Gadget) -> None:
        """A new reference field draws from the ids given for its kind, and a locator from the places."""
        assert gadget.owner in (None, "scio")
        assert gadget.where in (None, cw.Locator.parse("I"))
        assert {citation.source for citation in gadget.citations} <= {"xinhua"}

    def test_every_field_of_every_class_in_a_paper_is_generated(self) -> None:
        """Every field of every class of a paper, present and future, is drawn other than its default."""
        seen: set[tuple[type, str]] = set()

        @settings(
            max_examples=60,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=[HealthCheck.too_slow],
        )
        @given(
            paper=strategies.white_papers(
                min_principles=1,
                min_goals=1,
                min_concerns=1,
                min_proposals=1,
                min_events=1,
                min_statistics=1,
                min_documents=1,
            )
        )
        def look(paper: cw.WhitePaper) -> None:
            for _path, obj in walk(paper):
                for shape in shape_of(type(obj)):
                    if shape.required or getattr(obj, shape.name) != shape.default:
                        seen.add((type(obj), shape.name))

        look()
        fixed = {  # a field that the model allows only one value (schema_version)
            (cls, shape.name)
            for cls in model_classes(cw.WhitePaper)
            for shape in shape_of(cls)
            if isinstance(shape.constraint, Range) and shape.constraint.low == shape.constraint.high
        }
        every = {(cls, shape.name) for cls in model_classes(cw.WhitePaper) for shape in shape_of(cls)}
        assert every - fixed - seen == set()


def finds(strategy: Any, condition: Any) -> Any:
    """The first drawn example that meets ``condition``, unshrunk (shrinking whole papers is slow)."""
    return find(
        strategy, condition, settings=settings(database=None, max_examples=2000, phases=[Phase.generate])
    )


def values_of_key(plain: Any, key: str) -> list[Any]:
    """Every value stored under ``key`` anywhere in plain data."""
    found = []
    stack = [plain]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            found.extend(item for name, item in value.items() if name == key)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return found


def ids_of(paper: cw.WhitePaper) -> list[str]:
    return [paper.id, *(entity.id for entity in paper.entities())]


BIG_PAPERS = strategies.white_papers(
    min_events=500, max_events=500, min_actors=100, max_actors=100, min_sources=20, max_sources=20
)


class TestWhitePapers:
    @FEWER
    @given(paper=strategies.white_papers())
    def test_ids_are_unique_across_the_paper(self, paper: cw.WhitePaper) -> None:
        """No id is used twice, the paper's own id included."""
        ids = ids_of(paper)
        assert len(ids) == len(set(ids))

    @FEWER
    @given(paper=strategies.white_papers())
    def test_references_point_into_the_paper(self, paper: cw.WhitePaper) -> None:
        """Publisher, event actors and documents, supports and affiliations name the right kind."""
        actors = {actor.id for actor in paper.actors}
        assert paper.publisher in actors
        for event in paper.events:
            assert set(event.actors) <= actors
            assert set(event.documents) <= {document.id for document in paper.documents} | {paper.id}
        for proposal in paper.proposals:
            assert set(proposal.supports) <= {p.id for p in paper.principles} | {g.id for g in paper.goals}
        for position, actor in enumerate(paper.actors):
            assert actor.affiliation is None or actor.affiliation in {a.id for a in paper.actors[:position]}

    @FEWER
    @given(
        paper=strategies.white_papers(
            min_events=3, max_events=3, min_actors=2, max_actors=2, min_sources=0, max_sources=0
        )
    )
    def test_sizes_are_honoured(self, paper: cw.WhitePaper) -> None:
        """min_X and max_X fix how many of each entity a paper has; no sources means no citations."""
        assert (len(paper.events), len(paper.actors), len(paper.sources)) == (3, 2, 0)
        assert all(not citations for citations in values_of_key(cw.to_dict(paper), "citations"))

    @FEWER
    @given(paper=strategies.white_papers(max_chapters=2, max_sections=2, max_items=2))
    def test_structure_is_numbered_from_one(self, paper: cw.WhitePaper) -> None:
        """Chapters, sections and items are numbered 1..n, within the bounds asked for."""
        assert [c.number for c in paper.chapters] == list(range(1, len(paper.chapters) + 1))
        assert 1 <= len(paper.chapters) <= 2
        for chapter in paper.chapters:
            assert [s.number for s in chapter.sections] == list(range(1, len(chapter.sections) + 1))
            for section in chapter.sections:
                assert [i.number for i in section.items] == list(range(1, len(section.items) + 1))
                assert len(section.items) <= 2

    @FEWER
    @given(paper=strategies.white_papers())
    def test_dates_respect_the_paper(self, paper: cw.WhitePaper) -> None:
        """Ranges never end before they begin; figures and mentioned events are no later than the paper."""
        last_day = paper.published.latest
        for event in paper.events:
            assert event.end is None or event.end >= event.date
            assert not event.mentioned_in_paper or event.date.earliest <= last_day
        for statistic in paper.statistics:
            assert statistic.as_of is None or statistic.as_of.earliest <= last_day

    @settings(max_examples=10)
    @given(paper=BIG_PAPERS)
    def test_big_papers_can_be_drawn(self, paper: cw.WhitePaper) -> None:
        """A paper with 500 events, 100 actors and 20 sources is drawn whole and valid."""
        assert (len(paper.events), len(paper.actors), len(paper.sources)) == (500, 100, 20)
        assert cw.loads(cw.dumps(paper)) == paper

    def test_big_papers_are_cited(self) -> None:
        """Big papers have events with citations and actors (the simplest one, drawn first, has none)."""
        rich = []

        # Not find(): it would print the repr of the paper it found, a megabyte long.
        @settings(max_examples=10, database=None, phases=[Phase.generate])
        @given(paper=BIG_PAPERS)
        def look(paper: cw.WhitePaper) -> None:
            rich.append(any(e.citations for e in paper.events) and any(e.actors for e in paper.events))

        look()
        assert any(rich)

    @settings(max_examples=max(10, settings().max_examples // 10))
    @given(
        paper=strategies.white_papers(
            min_events=60, max_events=60, min_actors=30, max_actors=30, min_principles=12, max_principles=12
        )
    )
    def test_copies_in_big_papers_keep_the_rules(self, paper: cw.WhitePaper) -> None:
        """Entities past those drawn one by one copy them with ids, numbers and names of their own."""
        assert len({event.id for event in paper.events}) == 60
        for kind in cw.PrincipleKind:
            orders = [p.order for p in paper.principles if p.kind is kind]
            assert orders == list(range(1, len(orders) + 1))
        titles = [(event.date, event.title.en) for event in paper.events]
        assert len(set(titles)) == len(titles)
        for position, actor in enumerate(paper.actors):
            assert actor.affiliation is None or actor.affiliation in {a.id for a in paper.actors[:position]}

    def test_papers_use_every_kind_of_reference(self) -> None:
        """Some paper has events with actors, a located citation, a support and an introducing event."""

        def rich(paper: cw.WhitePaper) -> bool:
            return (
                any(event.actors and event.documents for event in paper.events)
                and any(proposal.supports for proposal in paper.proposals)
                and any(principle.introduced_by for principle in paper.principles)
                and any(citation.locator for chapter in paper.chapters for citation in chapter.citations)
            )

        papers = strategies.white_papers(
            min_events=3, min_principles=3, min_proposals=3, min_goals=1, min_chapters=2
        )
        assert rich(finds(papers, rich))


class TestText:
    def test_text_includes_chinese(self) -> None:
        """Chinese text is drawn, in the zh of a LocalizedText."""
        found = finds(strategies.localized_texts(), lambda t: t.zh is not None and any(map(is_han, t.zh)))
        assert any(map(is_han, found.zh))

    def test_text_includes_other_non_ascii(self) -> None:
        """English-side text also holds characters outside ASCII and outside Chinese."""
        found = finds(
            strategies.localized_texts(), lambda t: any(not c.isascii() and not is_han(c) for c in t.en)
        )
        assert not found.en.isascii()

    def test_text_includes_words_yaml_would_misread(self) -> None:
        """Words such as 'null' and 'yes' are drawn, so YAML output must quote them."""
        found = finds(strategies.localized_texts(), lambda t: t.en in ("null", "yes", "true", "~"))
        assert found.en in ("null", "yes", "true", "~")

    def test_prose_may_hold_newlines_inside(self) -> None:
        """Summaries may run over several lines."""
        found = finds(strategies.parts(), lambda part: "\n" in part.summary)
        assert part_lines(found) > 1

    @given(text=strategies.localized_texts())
    def test_text_has_no_edge_white_space(self, text: cw.LocalizedText) -> None:
        """Drawn text never starts or ends with white space."""
        for value in (text.en, text.zh):
            assert value is None or value == value.strip() != ""


def part_lines(part: cw.Part) -> int:
    return len(part.summary.splitlines())


class TestValues:
    @given(identifier=strategies.identifiers())
    def test_identifiers_are_slugs(self, identifier: str) -> None:
        """Identifiers are lower-case slugs of at most 64 characters that the model accepts."""
        assert len(identifier) <= 64
        assert cw.Alias(text="x", source=identifier).source == identifier

    @given(
        date=strategies.partial_dates(
            min_value=datetime.date(2022, 3, 15), max_value=datetime.date(2022, 11, 7)
        )
    )
    def test_partial_dates_start_within_bounds(self, date: cw.PartialDate) -> None:
        """The earliest day of a drawn date lies within min_value and max_value."""
        assert datetime.date(2022, 3, 15) <= date.earliest <= datetime.date(2022, 11, 7)

    def test_partial_dates_have_every_precision(self) -> None:
        """Dates of year, month and day precision are all drawn."""
        for precision in cw.DatePrecision:
            assert (
                finds(strategies.partial_dates(), lambda d, p=precision: d.precision is p).precision
                is precision
            )

    def test_locators_have_every_form(self) -> None:
        """Preface, conclusion, chapter, section and item locators are all drawn."""
        finds(strategies.locators(), lambda loc: loc.part is cw.PaperPart.PREFACE)
        finds(strategies.locators(), lambda loc: loc.part is cw.PaperPart.CONCLUSION)
        finds(strategies.locators(), lambda loc: loc.chapter is not None and loc.section is None)
        finds(strategies.locators(), lambda loc: loc.section is not None and loc.item is None)
        finds(strategies.locators(), lambda loc: loc.item is not None)

    @given(statistic=strategies.statistics())
    def test_figures_are_exact_within_the_model_limits(self, statistic: cw.Statistic) -> None:
        """Values have at most 15 significant digits and an exponent within 15; percents lie in 0..100."""
        value = statistic.value
        if not value.is_zero():
            assert len(value.normalize().as_tuple().digits) <= 15
            assert -15 <= value.adjusted() <= 15
        assert value >= 0
        if statistic.unit == "percent":
            assert value <= 100
            assert statistic.scale is cw.Scale.ONE

    def test_figures_include_percent_shares(self) -> None:
        """Shares in percent are drawn, with fractions, within 0 to 100."""
        found = finds(strategies.statistics(), lambda s: s.unit == "percent" and 0 < s.value < 100)
        assert found.scale is cw.Scale.ONE

    def test_figures_include_fractions_and_large_numbers(self) -> None:
        """Both small fractions and numbers with many digits are drawn."""
        finds(strategies.statistics(), lambda s: 0 < s.value < 1)
        finds(strategies.statistics(), lambda s: len(s.value.normalize().as_tuple().digits) >= 10)


class TestReferencePools:
    @given(
        event=strategies.events(
            actor_ids=["xi-jinping", "scio"],
            document_ids=["wic-2019"],
            source_ids=["xinhua"],
            places=[cw.Locator.parse("I.3")],
            not_after=datetime.date(2022, 11, 7),
        )
    )
    def test_events_point_into_the_given_ids(self, event: cw.Event) -> None:
        """An event's actors, documents, citations and (if mentioned) date keep to what was given."""
        assert set(event.actors) <= {"xi-jinping", "scio"}
        assert set(event.documents) <= {"wic-2019"}
        assert {c.source for c in event.citations} <= {"xinhua"}
        assert {c.locator for c in event.citations} <= {None, cw.Locator.parse("I.3")}
        assert not event.mentioned_in_paper or event.date.earliest <= datetime.date(2022, 11, 7)

    @given(citation=strategies.citations(source_ids=["xinhua"], places=[cw.Locator.parse("preface")]))
    def test_citations_point_into_the_given_ids(self, citation: cw.Citation) -> None:
        """A citation names one of the given sources and one of the given places, or no place."""
        assert citation.source == "xinhua"
        assert citation.locator in (None, cw.Locator.parse("preface"))

    @given(
        principle=strategies.principles(event_ids=["e1"]),
        proposal=strategies.proposals(support_ids=["p1", "g1"]),
        actor=strategies.actors(affiliation_ids=["cpc"]),
    )
    def test_ideas_and_actors_point_into_the_given_ids(
        self, principle: cw.Principle, proposal: cw.Proposal, actor: cw.Actor
    ) -> None:
        """Introducing events, supports and affiliations keep to the ids given."""
        assert principle.introduced_by in (None, "e1")
        assert set(proposal.supports) <= {"p1", "g1"}
        assert actor.affiliation in (None, "cpc")

    @given(
        document=strategies.document_refs(publisher_ids=["scio"]),
        alias=strategies.aliases(source_ids=["tdi"]),
        statistic=strategies.statistics(not_after=datetime.date(2022, 11, 7)),
    )
    def test_documents_aliases_and_figures_keep_to_what_was_given(
        self, document: cw.DocumentRef, alias: cw.Alias, statistic: cw.Statistic
    ) -> None:
        """Publishers and alias sources keep to the ids given, and figures to the latest date given."""
        assert set(document.publishers) <= {"scio"}
        assert alias.source in (None, "tdi")
        assert statistic.as_of is None or statistic.as_of.earliest <= datetime.date(2022, 11, 7)

    @given(actor=strategies.actors(affiliation_ids=["scio"]))
    def test_an_actor_never_belongs_to_itself(self, actor: cw.Actor) -> None:
        """Even when its drawn id is in affiliation_ids, an actor does not belong to itself."""
        assert actor.affiliation != actor.id

    @given(section=strategies.sections(max_items=4), chapter=strategies.chapters(max_sections=2, max_items=1))
    def test_sections_and_chapters_number_their_parts(self, section: cw.Section, chapter: cw.Chapter) -> None:
        """Items and sections are numbered 1..n, within the bounds asked for."""
        assert [i.number for i in section.items] == list(range(1, len(section.items) + 1))
        assert len(section.items) <= 4
        assert len(chapter.sections) <= 2
        assert all(len(s.items) <= 1 for s in chapter.sections)

    @given(part=strategies.parts(max_citations=0), item=strategies.items(source_ids=[]))
    def test_citations_can_be_turned_off(self, part: cw.Part, item: cw.Item) -> None:
        """max_citations=0, or no sources, gives objects without citations."""
        assert part.citations == item.citations == ()


class TestArguments:
    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (lambda: strategies.white_papers(max_events=-1), "max_events=-1 must be a non-negative integer"),
            (
                lambda: strategies.white_papers(max_events=True),
                "max_events=True must be a non-negative integer",
            ),
            (
                lambda: strategies.white_papers(max_actors=2.0),
                "max_actors=2.0 must be a non-negative integer",
            ),
            (
                lambda: strategies.white_papers(min_events=5, max_events=2),
                "min_events=5 is larger than max_events=2",
            ),
            (
                lambda: strategies.white_papers(min_actors=0),
                "min_actors=0 must be at least 1: a paper's publisher is an actor",
            ),
            (
                lambda: strategies.white_papers(min_chapters=0),
                "min_chapters=0 must be at least 1: a paper has a chapter",
            ),
            (
                lambda: strategies.white_papers(max_chapters=1000),
                "max_chapters=1000 is over 999, the highest number the model allows",
            ),
            (
                lambda: strategies.white_papers(max_proposals=1000),
                "max_proposals=1000 is over 999, the highest number the model allows",
            ),
            (
                lambda: strategies.white_papers(max_citations=-2),
                "max_citations=-2 must be a non-negative integer",
            ),
            (
                lambda: strategies.sections(max_items=1000),
                "max_items=1000 is over 999, the highest number the model allows",
            ),
            (lambda: strategies.chapters(max_sections=-1), "max_sections=-1 must be a non-negative integer"),
            (
                lambda: strategies.events(actor_ids="scio"),
                "actor_ids must be a sequence of identifiers or None, got 'scio'",
            ),
            (
                lambda: strategies.events(actor_ids=["scio", "Xi Jinping"]),
                "actor_ids[1]='Xi Jinping' is not a valid identifier",
            ),
            (lambda: strategies.proposals(support_ids=[7]), "support_ids[0]=7 is not a valid identifier"),
            (
                lambda: strategies.citations(source_ids=[]),
                "source_ids must not be empty: a citation needs a source",
            ),
            (lambda: strategies.citations(places=["I.3"]), "places[0]='I.3' is not a Locator"),
            (
                lambda: strategies.parts(places=cw.Locator.parse("I")),
                (
                    "places must be a sequence of Locator or None,"
                    " got Locator(part=None, chapter=1, section=None, item=None)"
                ),
            ),
            (
                lambda: strategies.partial_dates(
                    min_value=datetime.date(2022, 1, 2), max_value=datetime.date(2022, 1, 1)
                ),
                "min_value=2022-01-02 is later than max_value=2022-01-01",
            ),
            (
                lambda: strategies.partial_dates(max_value=datetime.datetime(2022, 1, 1)),
                "max_value=datetime.datetime(2022, 1, 1, 0, 0) must be a datetime.date or None",
            ),
            (
                lambda: strategies.statistics(not_after="2022-11-07"),
                "not_after='2022-11-07' must be a datetime.date or None",
            ),
        ],
    )
    def test_bad_arguments_fail_when_the_strategy_is_made(self, make: Any, message: str) -> None:
        """A bad argument raises InvalidArgument with an exact message at once, before any draw."""
        with pytest.raises(InvalidArgument) as caught:
            make()
        assert str(caught.value) == message


class TestWithoutHypothesis:
    def test_import_names_the_extra_to_install(self) -> None:
        """Without Hypothesis the package imports, and importing the strategies names the extra to install."""
        code = (
            "import sys\n"
            "sys.modules['hypothesis'] = None  # as if it were not installed\n"
            "import cyberspace_whitepaper\n"
            "import cyberspace_whitepaper.strategies\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        assert result.returncode == 1
        assert result.stderr.splitlines()[-1] == (
            "ModuleNotFoundError: cyberspace_whitepaper.strategies needs Hypothesis:"
            " pip install 'cyberspace-whitepaper[hypothesis]'"
        )
