"""JSON-LD: our output read by two independent processors, rdflib and pyld, offline.

Neither processor may touch the network: pyld gets a document loader that
serves only our shipped context and refuses every other address, and the
default output carries its context inline, so rdflib needs nothing else.
"""

import datetime
import json
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyld import jsonld
from rdflib.namespace import XSD

import cyberspace_whitepaper as cw
from cyberspace_whitepaper.export import jsonld as jsonld_module
from cyberspace_whitepaper.export import jsonld_context
from cyberspace_whitepaper.export.jsonld import DEFAULT_BASE, VOCAB
from cyberspace_whitepaper.model import _checks
from cyberspace_whitepaper.model._shape import Kind, checked, describe, model_classes, shape_of
from cyberspace_whitepaper.strategies import corpora, partial_dates, white_papers

# rdflib's own JSON-LD parser builds a ConjunctiveGraph inside, which rdflib
# 7.x itself marks deprecated; that warning is rdflib's business, not ours.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

DATA = resources.files("cyberspace_whitepaper").joinpath("data")
CONTEXT_URL = "https://cyberspace-whitepaper.example/context.jsonld"
REGENERATE = (
    'regenerate it with: python -c "import json; from cyberspace_whitepaper.export import jsonld_context; '
    'print(json.dumps(jsonld_context(), indent=2, ensure_ascii=False))" '
    "> src/cyberspace_whitepaper/data/context.jsonld"
)
SCHEMA = rdflib.Namespace("https://schema.org/")
CW = rdflib.Namespace(VOCAB)
PREFIXES = f"PREFIX schema: <https://schema.org/>\nPREFIX cw: <{VOCAB}>\n"


class NetworkRefusedError(Exception):
    """A JSON-LD processor asked for a document we do not serve."""


def offline_loader(url: str, options: Any = None) -> dict[str, Any]:
    """A pyld document loader: our shipped context at CONTEXT_URL, nothing else, never the network."""
    if url != CONTEXT_URL:
        raise NetworkRefusedError(url)
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(DATA.joinpath("context.jsonld").read_text(encoding="utf-8")),
    }


def graph_of(document: dict[str, Any]) -> rdflib.Graph:
    """The RDF graph rdflib reads from a JSON-LD document."""
    return rdflib.Graph().parse(data=json.dumps(document, ensure_ascii=False), format="json-ld")


def node_ids(value: Any) -> Iterator[str]:
    """Every @id of a node object in a (compact or expanded) JSON-LD tree, references included."""
    if isinstance(value, dict):
        if "@id" in value and len(value) > 1:
            yield value["@id"]
        for key, item in value.items():
            if key != "@context":
                yield from node_ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from node_ids(item)


def expected_iris(paper: cw.WhitePaper, base: str = DEFAULT_BASE) -> list[str]:
    """The IRI of the paper, of every part of its text, and of every entity."""
    paper_iri = base + paper.id
    iris = [paper_iri]
    if paper.preface is not None:
        iris.append(f"{paper_iri}/preface")
    for chapter in paper.chapters:
        chapter_at = cw.Locator(chapter=chapter.number)
        iris.append(f"{paper_iri}/{chapter_at}")
        for section in chapter.sections:
            section_at = cw.Locator(chapter=chapter.number, section=section.number)
            iris.append(f"{paper_iri}/{section_at}")
            iris.extend(
                f"{paper_iri}/{cw.Locator(chapter=chapter.number, section=section.number, item=item.number)}"
                for item in section.items
            )
    if paper.conclusion is not None:
        iris.append(f"{paper_iri}/conclusion")
    iris.extend(base + entity.id for entity in paper.entities())
    return iris


def localized_texts(obj: Any) -> Iterator[cw.LocalizedText]:
    """Every LocalizedText reachable from a model object."""
    if isinstance(obj, cw.LocalizedText):
        yield obj
    elif isinstance(obj, tuple):
        for item in obj:
            yield from localized_texts(item)
    elif attrs.has(type(obj)) and not isinstance(obj, (cw.PartialDate, cw.Locator)):
        for field in attrs.fields(type(obj)):
            yield from localized_texts(getattr(obj, field.name))


@pytest.fixture(scope="module")
def bundled() -> cw.WhitePaper:
    """The bundled paper."""
    return cw.load_white_paper()


@pytest.fixture(scope="module")
def bundled_graph(bundled: cw.WhitePaper) -> rdflib.Graph:
    """The bundled paper's JSON-LD, read by rdflib."""
    return graph_of(cw.to_jsonld(bundled))


@pytest.fixture
def mini(mini_paper_text: str) -> cw.WhitePaper:
    """The small hand-written paper."""
    return cw.loads(mini_paper_text)


class TestContext:
    def test_shipped_context_is_what_the_term_table_gives(self) -> None:
        """data/context.jsonld is byte for byte the canonical text of jsonld_context()."""
        shipped = DATA.joinpath("context.jsonld").read_text(encoding="utf-8")
        expected = json.dumps(jsonld_context(), indent=2, ensure_ascii=False) + "\n"
        assert shipped == expected, f"the shipped context is out of date; {REGENERATE}"

    def test_output_carries_the_shipped_context(self, mini: cw.WhitePaper) -> None:
        """Without context_url the document holds the shipped context itself."""
        shipped = json.loads(DATA.joinpath("context.jsonld").read_text(encoding="utf-8"))
        assert cw.to_jsonld(mini)["@context"] == shipped["@context"]

    def test_every_key_is_a_term_of_the_context(self, bundled: cw.WhitePaper) -> None:
        """No key of our output is one a processor would drop for want of a definition."""
        document = cw.to_jsonld(bundled)
        context = document["@context"]
        unknown: set[str] = set()

        def walk(value: Any) -> None:
            if isinstance(value, list):
                for item in value:
                    walk(item)
            elif isinstance(value, dict):
                for key, item in value.items():
                    if key.startswith("@"):
                        continue
                    if key not in context:
                        unknown.add(key)
                        continue
                    definition = context[key]
                    if isinstance(definition, dict) and definition.get("@container") == "@language":
                        continue  # keys below are language tags
                    walk(item)

        walk({k: v for k, v in document.items() if k != "@context"})
        assert unknown == set()

    def test_vocabulary_namespace_is_fixed(self) -> None:
        """Our own terms live under one fixed namespace, whatever the base of the IRIs."""
        context = jsonld_context()["@context"]
        assert context["cw"] == VOCAB == "https://cyberspace-whitepaper.example/vocab#"
        assert context["schema"] == "https://schema.org/"


class TestToJsonld:
    def test_iris_come_from_the_base(self, mini: cw.WhitePaper) -> None:
        """Every node's IRI is under the base given."""
        base = "https://data.example.org/papers/"
        ids = list(node_ids(cw.to_jsonld(mini, base=base)))
        assert ids
        assert all(i.startswith(base) for i in ids), ids
        assert set(ids) == set(expected_iris(mini, base))

    def test_default_iris(self, mini: cw.WhitePaper) -> None:
        """The paper, its parts and its entities have IRIs of a fixed shape."""
        document = cw.to_jsonld(mini)
        assert document["@id"] == "https://cyberspace-whitepaper.example/id/mini-paper"
        item = document["hasPart"][1]["hasPart"][0]["hasPart"][0]
        assert item["@id"] == "https://cyberspace-whitepaper.example/id/mini-paper/I.1(1)"
        assert document["hasActor"][0]["@id"] == "https://cyberspace-whitepaper.example/id/scio"

    def test_base_must_be_an_absolute_iri_ending_in_a_separator(self, mini: cw.WhitePaper) -> None:
        """A base that could not prefix a name is refused."""
        for bad in ("https://example.org/x", "example.org/", "https://exa mple.org/"):
            with pytest.raises(ValueError, match=r"^base must be an absolute IRI ending in '/' or '#', got "):
                cw.to_jsonld(mini, base=bad)

    def test_only_a_paper_or_a_corpus(self) -> None:
        """to_jsonld() takes a WhitePaper or a Corpus."""
        with pytest.raises(
            TypeError, match=r"^to_jsonld\(\) takes a WhitePaper or a Corpus, got LocalizedText$"
        ):
            cw.to_jsonld(cw.LocalizedText(en="x"))  # type: ignore[arg-type]

    def test_context_by_reference(self, mini: cw.WhitePaper) -> None:
        """With context_url the document names its context instead of holding it."""
        assert cw.to_jsonld(mini, context_url=CONTEXT_URL)["@context"] == CONTEXT_URL

    def test_dates_are_typed_at_their_precision(self, mini: cw.WhitePaper) -> None:
        """A year is an xsd:gYear, a month an xsd:gYearMonth, a day an xsd:date."""
        document = cw.to_jsonld(mini)
        assert document["datePublished"] == {"@value": "2022-11-07", "@type": "xsd:date"}
        assert document["hasStatistic"][0]["observationDate"] == {"@value": "2021", "@type": "xsd:gYear"}
        month = attrs.evolve(mini, published=cw.PartialDate(year=2022, month=11))
        assert cw.to_jsonld(month)["datePublished"] == {"@value": "2022-11", "@type": "xsd:gYearMonth"}

    def test_figures_are_exact_decimals(self, mini: cw.WhitePaper) -> None:
        """A figure keeps its digits; its magnitude is written without an exponent."""
        statistic = cw.Statistic(
            id="st",
            measure=cw.LocalizedText(en="digital economy"),
            value=Decimal("45.5"),
            unit="yuan",
            scale=cw.Scale.TRILLION,
            scope="China",
        )
        node = cw.to_jsonld(attrs.evolve(mini, statistics=(statistic,)))["hasStatistic"][0]
        assert (node["value"], node["magnitude"], node["scale"]) == ("45.5", "45500000000000", "trillion")
        assert cw.to_jsonld(mini)["hasStatistic"][0]["value"] == "39.8"

    def test_unofficial_english_is_marked(self, bundled: cw.WhitePaper) -> None:
        """English that is our gloss is also listed under unofficialEnglish on its node."""
        principle = next(p for p in bundled.principles if not p.name.en_official)
        node = next(n for n in cw.to_jsonld(bundled)["hasPrinciple"] if n["identifier"] == principle.id)
        assert node["unofficialEnglish"] == [principle.name.en]
        assert node["name"] == {"en": principle.name.en, "zh": principle.name.zh}

    def test_every_actor_kind_has_a_schema_org_type(self, mini: cw.WhitePaper) -> None:
        """Each actor kind maps to a schema.org type, beside cw:Actor."""
        types = {}
        for kind in cw.ActorKind:
            actor = attrs.evolve(mini.actors[0], kind=kind)
            node = cw.to_jsonld(attrs.evolve(mini, actors=(actor,)))["hasActor"][0]
            assert node["@type"][1] == "cw:Actor"
            types[kind.value] = node["@type"][0]
        assert types["person"] == "Person"
        assert types["government-body"] == "GovernmentOrganization"
        assert types["country"] == "Country"
        assert set(types.values()) <= set(jsonld_context()["@context"])

    def test_output_is_deterministic_and_new_each_time(self, mini: cw.WhitePaper) -> None:
        """Two calls give equal documents, and changing one leaves the next alone."""
        first = cw.to_jsonld(mini)
        assert first == cw.to_jsonld(mini)
        first["@context"].clear()
        assert cw.to_jsonld(mini)["@context"]


class TestRdflib:
    def test_bundled_paper_parses(self, bundled: cw.WhitePaper, bundled_graph: rdflib.Graph) -> None:
        """rdflib reads the bundled paper's JSON-LD, with a typed node for the paper and each entity."""
        assert len(bundled_graph) > 0
        report = rdflib.URIRef(DEFAULT_BASE + bundled.id)
        assert (report, rdflib.RDF.type, SCHEMA.Report) in bundled_graph
        assert (report, rdflib.RDF.type, CW.WhitePaper) in bundled_graph

    def test_four_basic_principles_in_order_with_both_labels(
        self, bundled: cw.WhitePaper, bundled_graph: rdflib.Graph
    ) -> None:
        """SPARQL finds the four basic principles in the paper's order, each with an @en and an @zh label."""
        query = (
            PREFIXES
            + """
            SELECT ?id ?en ?zh WHERE {
                ?p a cw:Principle ; cw:kind "basic" ; schema:position ?order ;
                   schema:identifier ?id ; schema:name ?en, ?zh .
                FILTER(lang(?en) = "en") FILTER(lang(?zh) = "zh")
            } ORDER BY ?order"""
        )
        rows = [(str(r[0]), r[1], r[2]) for r in bundled_graph.query(query)]
        basic = sorted(
            (p for p in bundled.principles if p.kind is cw.PrincipleKind.BASIC), key=lambda p: p.order
        )
        assert len(rows) == 4
        assert [r[0] for r in rows] == [p.id for p in basic]
        assert [(str(r[1]), str(r[2])) for r in rows] == [(p.name.en, p.name.zh) for p in basic]
        assert rows[0][0] == "respecting-cyber-sovereignty"

    def test_events_in_date_order(self, bundled: cw.WhitePaper, bundled_graph: rdflib.Graph) -> None:
        """SPARQL returns the events in date order, the order of paper.timeline()."""
        assert events_by_sparql(bundled_graph) == [e.id for e in bundled.timeline()]

    def test_every_entity_iri_is_unique(self, bundled: cw.WhitePaper) -> None:
        """No two nodes of the document share an IRI, and each expected IRI is there once."""
        ids = [i for i in node_ids(cw.to_jsonld(bundled)) if i]
        defined = Counter(ids)
        expected = expected_iris(bundled)
        assert len(expected) == len(set(expected))
        assert {i: n for i, n in defined.items() if n > 1} == {}
        assert set(defined) == set(expected)

    def test_chinese_carries_the_zh_tag(self, bundled: cw.WhitePaper, bundled_graph: rdflib.Graph) -> None:
        """Every Chinese text of the model is a literal tagged zh, and every zh literal is one of them."""
        assert_chinese_tagged(bundled, bundled_graph)

    def test_literal_types(self, mini: cw.WhitePaper) -> None:
        """Dates, figures and URLs arrive as typed literals."""
        graph = graph_of(cw.to_jsonld(mini))
        base = DEFAULT_BASE
        event = rdflib.URIRef(base + "e1")
        statistic = rdflib.URIRef(base + "st")
        source = rdflib.URIRef(base + "src")
        assert graph.value(event, SCHEMA.startDate) == rdflib.Literal("2015-12-16", datatype=XSD.date)
        assert graph.value(statistic, SCHEMA.observationDate) == rdflib.Literal("2021", datatype=XSD.gYear)
        value = graph.value(statistic, SCHEMA.value)
        assert isinstance(value, rdflib.Literal)
        assert value.datatype == XSD.decimal
        assert value.toPython() == Decimal("39.8")
        assert graph.value(source, SCHEMA.url) == rdflib.Literal("https://example.org/a", datatype=XSD.anyURI)

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(white_papers(min_events=2))
    def test_generated_papers(self, paper: cw.WhitePaper) -> None:
        """rdflib reads generated papers; IRIs are unique, events come in date order, Chinese is tagged zh."""
        document = cw.to_jsonld(paper)
        graph = graph_of(document)
        ids = list(node_ids(document))
        assert len(ids) == len(set(ids)) == len(expected_iris(paper))
        assert events_by_sparql(graph) == [e.id for e in paper.timeline()]
        assert_chinese_tagged(paper, graph)


def events_by_sparql(graph: rdflib.Graph) -> list[str]:
    """Event ids in date order by SPARQL: start, then end, then id, as paper.timeline() sorts."""
    # The dates are of three datatypes, which SPARQL does not order among
    # each other; their text (YYYY, YYYY-MM, YYYY-MM-DD) sorts as the dates do.
    query = (
        PREFIXES
        + """
        SELECT ?id WHERE {
            ?e a cw:Event ; schema:identifier ?id ; schema:startDate ?start .
            OPTIONAL { ?e schema:endDate ?end }
        } ORDER BY STR(?start) STR(COALESCE(?end, ?start)) ?id"""
    )
    return [str(row[0]) for row in graph.query(query)]


def assert_chinese_tagged(paper: cw.WhitePaper, graph: rdflib.Graph) -> None:
    """The literals tagged zh (primary subtag: not `zhv`) are exactly the Chinese texts of the paper."""
    chinese = {text.zh for text in localized_texts(paper) if text.zh is not None}
    chinese |= {
        alias.text
        for entity in paper.entities()
        for alias in getattr(entity, "aliases", ())
        if alias.language.split("-")[0] == "zh"
    }
    tagged = {
        str(o)
        for o in graph.objects()
        if isinstance(o, rdflib.Literal) and (o.language or "").split("-")[0] == "zh"
    }
    assert tagged == chinese
    objects = set(graph.objects())
    for text in localized_texts(paper):
        if text.zh is not None:
            assert rdflib.Literal(text.zh, lang="zh") in objects


class TestPyld:
    def test_expands_offline_and_loses_no_entity(self, bundled: cw.WhitePaper) -> None:
        """pyld expands the document without asking for anything, and every IRI we wrote is still there."""
        expanded = jsonld.expand(cw.to_jsonld(bundled), {"documentLoader": offline_loader})
        assert set(node_ids(expanded)) == set(expected_iris(bundled))
        assert any(
            node.get("@type") == ["https://schema.org/Report", VOCAB + "WhitePaper"] for node in expanded
        )

    def test_context_by_reference_through_a_local_loader(self, bundled: cw.WhitePaper) -> None:
        """With context_url, pyld gets the shipped context from our loader and expands the same."""
        by_reference = jsonld.expand(
            cw.to_jsonld(bundled, context_url=CONTEXT_URL), {"documentLoader": offline_loader}
        )
        inline = jsonld.expand(cw.to_jsonld(bundled), {"documentLoader": offline_loader})
        assert by_reference == inline

    def test_the_loader_refuses_other_addresses(self, mini: cw.WhitePaper) -> None:
        """A context anywhere else is refused: the test loader cannot reach the network."""
        with pytest.raises(jsonld.JsonLdError) as caught:
            jsonld.expand(
                cw.to_jsonld(mini, context_url="https://schema.org/"), {"documentLoader": offline_loader}
            )
        assert "https://schema.org/" in str(caught.value)

    def test_pyld_and_rdflib_read_the_same_graph(
        self, bundled: cw.WhitePaper, bundled_graph: rdflib.Graph
    ) -> None:
        """The two processors turn the document into the same RDF: same triples, blank nodes aside."""
        nquads = jsonld.to_rdf(
            cw.to_jsonld(bundled), {"documentLoader": offline_loader, "format": "application/n-quads"}
        )
        by_pyld = rdflib.Graph().parse(data=nquads, format="nt")  # default graph only: N-Triples
        # Citations and aliases are blank nodes, which have no names to compare
        # (a full isomorphism check takes far longer): compare the rest exactly,
        # and the blank-node triples by count and predicate.
        assert len(by_pyld) == len(bundled_graph)
        assert ground_triples(by_pyld) == ground_triples(bundled_graph)
        assert predicates(by_pyld) == predicates(bundled_graph)


def ground_triples(graph: rdflib.Graph) -> set[Any]:
    """The triples without a blank node."""
    return {t for t in graph if not any(isinstance(term, rdflib.BNode) for term in t)}


def predicates(graph: rdflib.Graph) -> Counter[Any]:
    """How many triples each predicate has."""
    return Counter(p for _s, p, _o in graph)


# --- every field, present and future ----------------------------------------------------


def _field(description: str, constraint: Any = None, **role: Any) -> Any:
    return attrs.field(metadata=describe(description, constraint, **role))


def _optional(description: str, constraint: Any = None, **role: Any) -> Any:
    return attrs.field(default=None, metadata=describe(description, constraint, **role))


@attrs.frozen(kw_only=True, field_transformer=checked)
class ScratchNote:
    """A model class no table of the JSON-LD writer knows: its objects are blank nodes."""

    body: str = _field("What the note says.", _checks.text())
    written: cw.PartialDate | None = _optional("When it was written.")


@attrs.frozen(kw_only=True, field_transformer=checked)
class Gadget:
    """A new kind of entity: its objects have IRIs of their own."""

    id: str = _field("Identifier.", _checks.identifier(), identity="gadget")
    label: cw.LocalizedText = _field("Its label.")
    made: cw.PartialDate | None = _optional("When it was made.")


@attrs.frozen(kw_only=True, field_transformer=checked)
class ScratchPaper(cw.WhitePaper):
    """A paper with a field of every kind that the JSON-LD writer has never been told about."""

    remark: str = _field("Free text.", _checks.text())
    code: str = _field("A pattern string.", _checks.slug("code"))
    count: int = _field("An integer.", _checks.in_range(0, 99))
    reviewed: bool = _field("A boolean.")
    weight: Decimal = _field("An exact decimal.", _checks.exact_decimal())
    status: cw.Certainty = _field("An enum.")
    revised: cw.PartialDate = _field("A date.")
    focus: cw.Locator = _field("A place in the paper.")
    reviewers: tuple[str, ...] = _field("References.", _checks.identifier(), refers_to=("actor",))
    favourite: str | None = _optional(
        "A reference to a new kind.", _checks.identifier(), refers_to=("gadget",)
    )
    subtitle: cw.LocalizedText = _field("A bilingual text.")
    notes: tuple[ScratchNote, ...] = _field("Objects of a new class.")
    endorsements: tuple[cw.Citation, ...] = _field("Objects of a class whose values name their term.")
    gadgets: tuple[Gadget, ...] = _field("Entities of a new kind.")


def scratch_paper(mini: cw.WhitePaper) -> ScratchPaper:
    """The mini paper, with every scratch field set."""
    return ScratchPaper(
        **{field.name: getattr(mini, field.name) for field in attrs.fields(cw.WhitePaper)},
        remark="A remark.",
        code="c-1",
        count=7,
        reviewed=True,
        weight=Decimal("2.50"),
        status=cw.Certainty.INFERRED,
        revised=cw.PartialDate(year=2023, month=2),
        focus=cw.Locator.parse("I.1"),
        reviewers=("scio",),
        favourite="g1",
        subtitle=cw.LocalizedText(en="Sub", zh="副", en_official=False),
        notes=(ScratchNote(body="Noted.", written=cw.PartialDate(year=2021)),),
        endorsements=(cw.Citation(source="src", certainty=cw.Certainty.CONFIRMED),),
        gadgets=(Gadget(id="g1", label=cw.LocalizedText(en="Widget"), made=cw.PartialDate(year=2020)),),
    )


def lower_camel(name: str) -> str:
    """The default term of a field: its name in lowerCamelCase."""
    head, *rest = name.split("_")
    return head + "".join(word.title() for word in rest)


class TestEveryField:
    def test_every_field_of_every_class_has_a_term_in_the_context(self) -> None:
        """Each field of each model class is written under a context term, or read by its value's form."""
        context = jsonld_context()["@context"]
        missing = []
        for cls in model_classes(cw.Corpus):  # a corpus reaches every class
            form = jsonld_module._FORMS.get(cls)
            written = {field.shape.name: field.term for field in jsonld_module._fields(cls)}
            for shape in shape_of(cls):
                if form is not None and shape.name in form.reads:
                    continue
                term = written.get(shape.name)
                entry = context.get(term.key) if term else None
                iri = entry["@id"] if isinstance(entry, dict) else entry
                if term is None or iri != f"{term.prefix}:{term.key}":
                    missing.append(f"{cls.__name__}.{shape.name}")
        assert missing == []

    def test_value_forms_read_fields_that_exist(self) -> None:
        """A value form reads fields its class has; a form without a node of its own reads them all."""
        for cls, form in jsonld_module._FORMS.items():
            names = {shape.name for shape in shape_of(cls)}
            assert form.reads <= names, cls
            if form.whole:
                assert form.reads == names, cls

    def test_a_field_a_language_map_cannot_hold_is_refused(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A bilingual-text class with a field its writer does not read is an error, never a silent drop."""

        @attrs.frozen(kw_only=True, field_transformer=checked)
        class Trilingual(cw.LocalizedText):
            fr: str | None = _optional("French.", _checks.text())

        monkeypatch.setitem(jsonld_module._FORMS, Trilingual, jsonld_module._FORMS[cw.LocalizedText])
        with pytest.raises(
            TypeError, match=r"^JSON-LD: Trilingual fields \['fr'\] have no place in its form$"
        ):
            jsonld_module._fields(Trilingual)

    def test_a_default_term_that_would_change_a_term_is_refused(self) -> None:
        """A new field whose default term is already a different term is an error naming both fields."""

        @attrs.frozen(kw_only=True, field_transformer=checked)
        class Clash:
            url: str = _field("A text where schema:url is an address.", _checks.text())
            sources: tuple[cw.Source, ...] = _field("Sources.")

        with pytest.raises(TypeError, match=r"^JSON-LD: Source\.url would make 'url' .*Clash\.url made it"):
            jsonld_module._context(Clash)

    def test_new_fields_of_every_kind_are_exported(self, mini: cw.WhitePaper) -> None:
        """Fields the writer was never told about are in the graph: as cw: and their lowerCamelCase name."""
        paper = scratch_paper(mini)
        new = [
            shape for shape in shape_of(ScratchPaper) if shape.name not in attrs.fields_dict(cw.WhitePaper)
        ]
        assert {shape.kind for shape in new} == set(Kind)
        document = cw.to_jsonld(paper)
        graph = graph_of(document)
        node = rdflib.URIRef(DEFAULT_BASE + paper.id)
        objects = {shape.name: set(graph.objects(node, CW[lower_camel(shape.name)])) for shape in new}
        place = rdflib.URIRef(f"{DEFAULT_BASE}{paper.id}/I.1")
        assert objects["remark"] == {rdflib.Literal("A remark.")}
        assert objects["code"] == {rdflib.Literal("c-1")}
        assert objects["count"] == {rdflib.Literal(7)}
        assert objects["reviewed"] == {rdflib.Literal(True)}
        assert objects["weight"] == {rdflib.Literal("2.50", datatype=XSD.decimal)}
        assert objects["status"] == {rdflib.Literal("inferred")}
        assert objects["revised"] == {rdflib.Literal("2023-02", datatype=XSD.gYearMonth)}
        assert objects["focus"] == {place}
        assert objects["reviewers"] == {rdflib.URIRef(DEFAULT_BASE + "scio")}
        assert objects["favourite"] == {rdflib.URIRef(DEFAULT_BASE + "g1")}
        assert objects["subtitle"] == {rdflib.Literal("Sub", lang="en"), rdflib.Literal("副", lang="zh")}
        assert rdflib.Literal("Sub", lang="en") in set(graph.objects(node, CW.unofficialEnglish))
        (note,) = objects["notes"]
        assert (note, rdflib.RDF.type, CW.ScratchNote) in graph
        assert graph.value(note, CW.body) == rdflib.Literal("Noted.")
        assert graph.value(note, CW.written) == rdflib.Literal("2021", datatype=XSD.gYear)
        assert graph.value(note, CW.earliestDate) == rdflib.Literal("2021-01-01", datatype=XSD.date)
        # Citations are the evidence for whatever holds them, under any field name.
        assert objects.pop("endorsements") == set()
        (endorsement,) = graph.objects(node, SCHEMA.citation)
        assert graph.value(endorsement, CW.source) == rdflib.URIRef(DEFAULT_BASE + "src")
        assert set(graph.objects(node, CW.hasGadget)) == {rdflib.URIRef(DEFAULT_BASE + "g1")}
        gadget = rdflib.URIRef(DEFAULT_BASE + "g1")
        assert (gadget, rdflib.RDF.type, CW.Gadget) in graph
        assert graph.value(gadget, SCHEMA.identifier) == rdflib.Literal("g1")
        assert graph.value(gadget, CW.label) == rdflib.Literal("Widget", lang="en")
        # The paper's span now runs over both of its dates: published (2022-11-07) and revised (2023-02).
        assert graph.value(node, CW.earliestDate) == rdflib.Literal("2022-11-07", datatype=XSD.date)
        assert graph.value(node, CW.latestDate) == rdflib.Literal("2023-02-28", datatype=XSD.date)
        # The paper keeps everything it had: the known fields are written as before.
        assert graph.value(node, SCHEMA.publisher) == rdflib.URIRef(DEFAULT_BASE + "scio")
        assert (node, rdflib.RDF.type, CW.ScratchPaper) in graph
        assert (node, rdflib.RDF.type, SCHEMA.Report) in graph

    def test_new_fields_have_context_terms_and_expand_offline(self, mini: cw.WhitePaper) -> None:
        """A paper with new fields gets a context defining each key, and pyld reads what rdflib reads."""
        document = cw.to_jsonld(scratch_paper(mini))
        context = document["@context"]
        assert all(key in context for key in document if not key.startswith("@"))
        nquads = jsonld.to_rdf(document, {"documentLoader": offline_loader, "format": "application/n-quads"})
        by_pyld = rdflib.Graph().parse(data=nquads, format="nt")
        assert ground_triples(by_pyld) == ground_triples(graph_of(document))


# --- date ranges ---------------------------------------------------------------------


def events_in_range_by_sparql(graph: rdflib.Graph, start: datetime.date, stop: datetime.date) -> set[str]:
    """Ids of the events whose earliest..latest days overlap start..stop, by a SPARQL range filter."""
    query = (
        PREFIXES
        + f"""
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        SELECT ?id WHERE {{
            ?e a cw:Event ; schema:identifier ?id ; cw:earliestDate ?earliest ; cw:latestDate ?latest .
            FILTER(?earliest <= "{stop.isoformat()}"^^xsd:date && ?latest >= "{start.isoformat()}"^^xsd:date)
        }}"""
    )
    return {str(row[0]) for row in graph.query(query)}


def events_in_range(paper: cw.WhitePaper, start: cw.PartialDate, stop: cw.PartialDate) -> set[str]:
    """The model's answer, as the CLI's --from/--to mean it: some day the event may cover is in range."""
    return {
        event.id
        for event in paper.events
        if event.date.earliest <= stop.latest and (event.end or event.date).latest >= start.earliest
    }


class TestDateRanges:
    def test_each_precision_gets_its_first_and_last_day(self, mini: cw.WhitePaper) -> None:
        """A year, a month and a day each give their first and last day as xsd:date; an end gives the last."""
        cases = [
            ("2020", None, "2020-01-01", "2020-12-31"),
            ("2024-02", None, "2024-02-01", "2024-02-29"),
            ("2015-12-16", None, "2015-12-16", "2015-12-16"),
            ("2015-12", "2016", "2015-12-01", "2016-12-31"),
            ("2022-11", "2022-11-07", "2022-11-01", "2022-11-07"),
        ]
        for date, end, earliest, latest in cases:
            event = attrs.evolve(
                mini.events[0],
                date=cw.PartialDate.parse(date),
                end=None if end is None else cw.PartialDate.parse(end),
                mentioned_in_paper=False,
            )
            node = cw.to_jsonld(attrs.evolve(mini, events=(event,)))["hasEvent"][0]
            assert (node["earliestDate"], node["latestDate"]) == (earliest, latest), (date, end)

    def test_other_dated_nodes_get_a_span(self, bundled: cw.WhitePaper, bundled_graph: rdflib.Graph) -> None:
        """The paper, related documents, sources and figures carry the first and last day of their date."""
        expected = {bundled.id: bundled.published}
        expected |= {d.id: d.published for d in bundled.documents if d.published is not None}
        expected |= {s.id: s.published for s in bundled.sources if s.published is not None}
        expected |= {s.id: s.as_of for s in bundled.statistics if s.as_of is not None}
        query = (
            PREFIXES
            + """
            SELECT ?id ?earliest ?latest WHERE {
                ?n schema:identifier ?id ; cw:earliestDate ?earliest ; cw:latestDate ?latest .
                FILTER NOT EXISTS { ?n a cw:Event }
            }"""
        )
        found = {str(r[0]): (r[1].toPython(), r[2].toPython()) for r in bundled_graph.query(query)}
        assert found == {key: (date.earliest, date.latest) for key, date in expected.items()}
        assert len(found) > len(bundled.sources) // 2

    def test_a_range_query_finds_events_of_every_precision(
        self, bundled: cw.WhitePaper, bundled_graph: rdflib.Graph
    ) -> None:
        """A SPARQL range filter over the bundled paper finds what the model finds, each year and month."""
        years = sorted({event.date.year for event in bundled.events})
        ranges = [(cw.PartialDate(year=y), cw.PartialDate(year=y)) for y in years]
        ranges += [
            (cw.PartialDate(year=2022, month=m), cw.PartialDate(year=2022, month=m)) for m in range(1, 13)
        ]
        ranges += [(cw.PartialDate.parse("2015-12-17"), cw.PartialDate.parse("2019-10"))]
        found: set[str] = set()
        for start, stop in ranges:
            by_sparql = events_in_range_by_sparql(bundled_graph, start.earliest, stop.latest)
            assert by_sparql == events_in_range(bundled, start, stop), (str(start), str(stop))
            found |= by_sparql
        precisions = {e.date.precision for e in bundled.events if e.id in found}
        assert precisions == set(cw.DatePrecision)

    def test_a_filter_on_the_start_date_alone_misses_a_month(self, bundled_graph: rdflib.Graph) -> None:
        """Why the span exists: an xsd:date filter on startDate misses an October event from 15 October on."""
        query = (
            PREFIXES
            + """
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            SELECT ?id WHERE {
                ?e a cw:Event ; schema:identifier ?id ; schema:startDate ?start .
                FILTER(?start >= "2019-10-15"^^xsd:date && ?start <= "2019-12-31"^^xsd:date)
            }"""
        )
        by_start = {str(row[0]) for row in bundled_graph.query(query)}
        by_span = events_in_range_by_sparql(
            bundled_graph, datetime.date(2019, 10, 15), datetime.date(2019, 12, 31)
        )
        assert by_span - by_start == {"sovereignty-in-cyberspace-2019"}

    def test_the_documented_range_query(self, bundled: cw.WhitePaper, bundled_graph: rdflib.Graph) -> None:
        """The range query of docs/interop.md, run as written, finds the model's events of 2019."""
        interop = (Path(__file__).parent.parent / "docs" / "interop.md").read_text(encoding="utf-8")
        blocks = re.findall(r"```sparql\n(.*?)```", interop, flags=re.DOTALL)
        (query,) = [block for block in blocks if "cw:earliestDate" in block and "cw:expressions" not in block]
        rows = [str(row[0]) for row in bundled_graph.query(query)]
        year = cw.PartialDate(year=2019)
        assert rows == sorted(events_in_range(bundled, year, year))
        assert "sovereignty-in-cyberspace-2019" in rows

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(white_papers(min_events=2), st.data())
    def test_generated_papers(self, paper: cw.WhitePaper, data: st.DataObject) -> None:
        """On generated papers, the SPARQL range filter and the model agree for any range of partial dates."""
        first = min(event.date.earliest for event in paper.events).toordinal()
        low = datetime.date.fromordinal(max(1, first - 400))  # some ranges before every event
        high = max((event.end or event.date).latest for event in paper.events)
        bounds = partial_dates(min_value=low, max_value=high)
        start, stop = sorted([data.draw(bounds), data.draw(bounds)], key=lambda d: d.earliest)
        graph = graph_of(cw.to_jsonld(paper))
        by_sparql = events_in_range_by_sparql(graph, start.earliest, stop.latest)
        assert by_sparql == events_in_range(paper, start, stop)


# --- a corpus ----------------------------------------------------------------------------


def documented_history_query(concept_id: str = "cyber-sovereignty") -> str:
    """The history query of docs/interop.md, as written, asking for the idea ``concept_id``."""
    interop = (Path(__file__).parent.parent / "docs" / "interop.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sparql\n(.*?)```", interop, flags=re.DOTALL)
    (query,) = [block for block in blocks if "cw:expressions" in block]
    assert query.count('"cyber-sovereignty"') == 1
    return query.replace('"cyber-sovereignty"', json.dumps(concept_id))


Cell = tuple[str, str, str | None, str | None]


def history_by_sparql(graph: rdflib.Graph, concept_id: str, base: str = DEFAULT_BASE) -> list[Cell]:
    """An idea's history by the documented query: (document id, English, Chinese, place IRI) per cell."""
    rows = graph.query(documented_history_query(concept_id))
    return [
        (
            str(row.document).removeprefix(base),
            str(row.en),
            None if row.zh is None else str(row.zh),
            None if row.place is None else str(row.place),
        )
        for row in rows
    ]


def history_of(corpus: cw.Corpus, concept_id: str, base: str = DEFAULT_BASE) -> list[Cell]:
    """The model's answer: corpus.history, with each place as the IRI of the part of its paper."""
    return [
        (
            e.document,
            e.wording.en,
            e.wording.zh,
            None if e.locator is None else f"{base}{e.document}/{e.locator}",
        )
        for e in corpus.history(concept_id)
    ]


def expected_corpus_iris(corpus: cw.Corpus, base: str = DEFAULT_BASE) -> set[str]:
    """The IRI of the corpus, of everything in each of its papers, and of its own entities."""
    iris = {base + corpus.id}
    for paper in corpus.papers:
        iris |= set(expected_iris(paper, base))
    for holder in (corpus.documents, corpus.concepts, corpus.actors, corpus.sources):
        iris |= {base + entity.id for entity in holder}
    return iris


@pytest.fixture(scope="module")
def corpus() -> cw.Corpus:
    """The bundled corpus."""
    return cw.load_corpus()


@pytest.fixture(scope="module")
def corpus_graph(corpus: cw.Corpus) -> rdflib.Graph:
    """The bundled corpus's JSON-LD, read by rdflib."""
    return graph_of(cw.to_jsonld(corpus))


class TestCorpus:
    def test_corpus_node_holds_the_papers(self, corpus: cw.Corpus, corpus_graph: rdflib.Graph) -> None:
        """The corpus is a schema:Collection and cw:Corpus whose hasPart are its papers, each a Report."""
        node = rdflib.URIRef(DEFAULT_BASE + corpus.id)
        assert (node, rdflib.RDF.type, SCHEMA.Collection) in corpus_graph
        assert (node, rdflib.RDF.type, CW.Corpus) in corpus_graph
        parts = set(corpus_graph.objects(node, SCHEMA.hasPart))
        assert parts == {rdflib.URIRef(DEFAULT_BASE + paper.id) for paper in corpus.papers}
        assert all((part, rdflib.RDF.type, SCHEMA.Report) in corpus_graph for part in parts)

    def test_every_iri_is_there(self, corpus: cw.Corpus) -> None:
        """Every node of the document has one of the expected IRIs, and every expected IRI is there."""
        document = cw.to_jsonld(corpus)
        assert set(node_ids(document)) == expected_corpus_iris(corpus)

    def test_concepts_are_defined_terms(self, corpus: cw.Corpus, corpus_graph: rdflib.Graph) -> None:
        """Each concept is a schema:DefinedTerm and cw:Concept named in English (and Chinese where known)."""
        for concept in corpus.concepts:
            node = rdflib.URIRef(DEFAULT_BASE + concept.id)
            assert (node, rdflib.RDF.type, SCHEMA.DefinedTerm) in corpus_graph
            assert (node, rdflib.RDF.type, CW.Concept) in corpus_graph
            names = set(corpus_graph.objects(node, SCHEMA.name))
            assert rdflib.Literal(concept.name.en, lang="en") in names
            if concept.name.zh is not None:
                assert rdflib.Literal(concept.name.zh, lang="zh") in names

    def test_the_documented_history_query(self, corpus: cw.Corpus, corpus_graph: rdflib.Graph) -> None:
        """The query of docs/interop.md gives the history of cyber-sovereignty, in corpus.history's order."""
        found = history_by_sparql(corpus_graph, "cyber-sovereignty")
        assert found == history_of(corpus, "cyber-sovereignty")
        assert [document for document, *_ in found][:3] == [
            "internet-in-china-2010",
            "internet-in-china-2010",
            "xi-wic-2015-keynote-speech",
        ]

    def test_every_history(self, corpus: cw.Corpus, corpus_graph: rdflib.Graph) -> None:
        """For every idea of the crosswalk, the query and corpus.history agree, cell for cell."""
        for concept in corpus.concepts:
            assert history_by_sparql(corpus_graph, concept.id) == history_of(corpus, concept.id), concept.id

    def test_places_are_parts_of_their_papers(self, corpus: cw.Corpus, corpus_graph: rdflib.Graph) -> None:
        """The place of a crosswalk cell is a node of its paper's text: reached from the paper by hasPart."""
        query = (
            PREFIXES
            + """
            SELECT ?document ?place WHERE {
                ?e a cw:Expression ; cw:document ?document ; cw:locator ?place .
                FILTER NOT EXISTS { ?document schema:hasPart+ ?place }
            }"""
        )
        assert list(corpus_graph.query(query)) == []
        cells = sum(1 for _concept, cell in corpus.crosswalk() if cell.locator is not None)
        placed = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?e a cw:Expression ; cw:locator ?place }"
        assert int(next(iter(corpus_graph.query(placed)))[0]) == cells > 0

    def test_chinese_carries_the_zh_tag(self, corpus: cw.Corpus, corpus_graph: rdflib.Graph) -> None:
        """Every Chinese wording and name of the crosswalk is a literal tagged zh."""
        objects = set(corpus_graph.objects())
        for concept, cell in corpus.crosswalk():
            for text in (concept.name, cell.wording):
                if text.zh is not None:
                    assert rdflib.Literal(text.zh, lang="zh") in objects

    def test_a_base_of_ones_own(self, corpus: cw.Corpus) -> None:
        """With base=, every IRI of the corpus, its papers and their places is under that base."""
        base = "https://data.example.org/corpus/"
        document = cw.to_jsonld(corpus, base=base)
        assert set(node_ids(document)) == expected_corpus_iris(corpus, base)
        graph = graph_of(document)
        assert history_by_sparql(graph, "good-order", base) == history_of(corpus, "good-order", base)

    def test_pyld_reads_what_rdflib_reads(self, corpus: cw.Corpus, corpus_graph: rdflib.Graph) -> None:
        """pyld expands the corpus offline, and its triples are rdflib's (lists and blank nodes aside)."""
        nquads = jsonld.to_rdf(
            cw.to_jsonld(corpus), {"documentLoader": offline_loader, "format": "application/n-quads"}
        )
        by_pyld = rdflib.Graph().parse(data=nquads, format="nt")
        assert len(by_pyld) == len(corpus_graph)
        assert ground_triples(by_pyld) == ground_triples(corpus_graph)
        assert predicates(by_pyld) == predicates(corpus_graph)

    def test_context_by_reference(self, corpus: cw.Corpus) -> None:
        """The shipped context serves a corpus too: by reference, pyld expands it as the inline one."""
        by_reference = jsonld.expand(
            cw.to_jsonld(corpus, context_url=CONTEXT_URL), {"documentLoader": offline_loader}
        )
        assert by_reference == jsonld.expand(cw.to_jsonld(corpus), {"documentLoader": offline_loader})

    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(corpora(max_papers=3))
    def test_generated_corpora(self, corpus: cw.Corpus) -> None:
        """On generated corpora: rdflib reads them, every IRI is there, and every history agrees."""
        document = cw.to_jsonld(corpus)
        assert set(node_ids(document)) == expected_corpus_iris(corpus)
        graph = graph_of(document)
        for concept in corpus.concepts:
            assert history_by_sparql(graph, concept.id) == history_of(corpus, concept.id)
