"""JSON-LD generated from the model, with a local context.

:func:`to_jsonld` turns a paper into one JSON-LD document: the paper is the
top node, and every part of its text and every entity hangs below it. The
context is the one shipped as ``data/context.jsonld``; it is put in the
document itself unless ``context_url=`` names where you publish it, so no
processor ever needs the network to read our output.

Terms (each key is the local name of its IRI):

- schema.org wherever a term fits: the paper is a ``Report``; preface,
  chapters, sections and items are ``CreativeWork`` parts (chapters
  ``Chapter``) under ``hasPart``; events are ``Event``; actors ``Person``,
  ``GovernmentOrganization``, ``Organization`` ... by their kind;
  statistics ``Observation``; principles, goals, concerns and proposals
  ``DefinedTerm``; related documents and sources ``CreativeWork``; the
  evidence of each node ``citation``.
- our own small vocabulary, :data:`VOCAB` (prefix ``cw``), for the rest:
  ``kind``, ``certainty``, ``locatedIn``, ``supports`` ... Every node is also
  typed with ``cw:`` and the name of its model class (``cw:Principle``),
  for exact queries. ``docs/interop.md`` lists every term.

Values:

- titles and names are language maps: ``{"en": ..., "zh": ...}``, so
  Chinese is tagged ``zh`` and English ``en``. Where the English is our
  gloss or a machine translation (``en_official`` false), the node also
  carries that string under ``unofficialEnglish``.
- dates are typed at their precision: ``xsd:gYear``, ``xsd:gYearMonth``
  or ``xsd:date``. Figures are ``xsd:decimal``, exactly as written.
- every paper, part and entity has an IRI: the paper ``{base}{paper id}``,
  each entity ``{base}{id}`` (ids are unique in a paper), each part of the
  text ``{base}{paper id}/{locator}`` (``.../I.3``). Citations and aliases
  are blank nodes.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from decimal import Decimal
from importlib import resources
from typing import Any

from ..model import (
    Actor,
    Alias,
    Chapter,
    Citation,
    Concern,
    DocumentRef,
    Event,
    Goal,
    Item,
    LocalizedText,
    Locator,
    Part,
    PartialDate,
    Principle,
    Proposal,
    Section,
    Source,
    Statistic,
    WhitePaper,
)
from ..vocab import ActorKind, DatePrecision

__all__ = ["CONTEXT_FILE", "DEFAULT_BASE", "VOCAB", "jsonld_context", "to_jsonld"]

#: The namespace of our own terms. A name, not an address: nothing is served there.
VOCAB = "https://cyberspace-whitepaper.example/vocab#"
#: Where entity IRIs live unless ``base=`` says otherwise. ``.example`` is a
#: reserved domain (RFC 2606): pass a base you control to publish the graph.
DEFAULT_BASE = "https://cyberspace-whitepaper.example/id/"
#: Name of the shipped context inside the package's ``data`` folder.
CONTEXT_FILE = "context.jsonld"

SCHEMA = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"

_ID = {"@type": "@id"}
_LANGUAGES = {"@container": "@language"}

# (term, namespace prefix, extra definition). Each term is the local name
# of its IRI, so the context is "term -> prefix:term" throughout.
_TERMS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    # schema.org classes
    ("Report", "schema", {}),
    ("CreativeWork", "schema", {}),
    ("Chapter", "schema", {}),
    ("DefinedTerm", "schema", {}),
    ("Event", "schema", {}),
    ("Person", "schema", {}),
    ("Organization", "schema", {}),
    ("GovernmentOrganization", "schema", {}),
    ("NewsMediaOrganization", "schema", {}),
    ("ResearchOrganization", "schema", {}),
    ("Country", "schema", {}),
    ("Observation", "schema", {}),
    # schema.org properties
    ("identifier", "schema", {}),
    ("name", "schema", _LANGUAGES),
    ("alternateName", "schema", _LANGUAGES),
    ("description", "schema", {}),
    ("publisher", "schema", _ID),
    ("datePublished", "schema", {}),
    ("inLanguage", "schema", {}),
    ("hasPart", "schema", {}),
    ("position", "schema", {}),
    ("citation", "schema", {}),
    ("url", "schema", {"@type": "xsd:anyURI"}),
    ("startDate", "schema", {}),
    ("endDate", "schema", {}),
    ("location", "schema", _LANGUAGES),
    ("actor", "schema", _ID),
    ("about", "schema", _ID),
    ("affiliation", "schema", _ID),
    ("variableMeasured", "schema", _LANGUAGES),
    ("value", "schema", {"@type": "xsd:decimal"}),
    ("unitText", "schema", {}),
    ("observationDate", "schema", {}),
    # our own: the paper's collections
    ("hasPrinciple", "cw", {}),
    ("hasGoal", "cw", {}),
    ("hasConcern", "cw", {}),
    ("hasProposal", "cw", {}),
    ("hasEvent", "cw", {}),
    ("hasActor", "cw", {}),
    ("hasStatistic", "cw", {}),
    ("hasDocument", "cw", {}),
    ("hasSource", "cw", {}),
    # our own: everything else
    ("schemaVersion", "cw", {}),
    ("unofficialEnglish", "cw", {"@language": "en"}),
    ("kind", "cw", {}),
    ("alias", "cw", {}),
    ("locatedIn", "cw", _ID),
    ("introducedBy", "cw", _ID),
    ("supports", "cw", _ID),
    ("terms", "cw", {"@container": "@list", "@language": "en"}),
    ("mentionedInPaper", "cw", {}),
    ("role", "cw", {}),
    ("scale", "cw", {}),
    ("magnitude", "cw", {"@type": "xsd:decimal"}),
    ("approximate", "cw", {}),
    ("scope", "cw", {}),
    ("relation", "cw", {}),
    ("certainty", "cw", {}),
    ("note", "cw", {}),
    ("source", "cw", _ID),
    ("locator", "cw", _ID),
)

_ACTOR_TYPES: dict[ActorKind, str] = {
    ActorKind.PERSON: "Person",
    ActorKind.GOVERNMENT_BODY: "GovernmentOrganization",
    ActorKind.PARTY_BODY: "Organization",
    ActorKind.LEGISLATURE: "GovernmentOrganization",
    ActorKind.INTERNATIONAL_ORGANIZATION: "Organization",
    ActorKind.COUNTRY: "Country",
    ActorKind.MEDIA: "NewsMediaOrganization",
    ActorKind.PUBLISHER: "Organization",
    ActorKind.RESEARCH_BODY: "ResearchOrganization",
    ActorKind.OTHER: "Organization",
}

_DATE_TYPES = {
    DatePrecision.YEAR: "xsd:gYear",
    DatePrecision.MONTH: "xsd:gYearMonth",
    DatePrecision.DAY: "xsd:date",
}

# An absolute IRI (scheme, then no character an IRI may not hold) that ends
# where a name can follow: "/" or "#".
_BASE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*[/#]\Z")


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context, built from the term table; ``data/context.jsonld`` holds the same."""
    context: dict[str, Any] = {"schema": SCHEMA, "xsd": XSD, "cw": VOCAB}
    for term, prefix, extra in _TERMS:
        iri = f"{prefix}:{term}"
        context[term] = {"@id": iri, **extra} if extra else iri
    return {"@context": context}


@functools.cache
def _shipped_context() -> str:
    return resources.files("cyberspace_whitepaper").joinpath("data", CONTEXT_FILE).read_text("utf-8")


def to_jsonld(
    paper: WhitePaper, *, base: str = DEFAULT_BASE, context_url: str | None = None
) -> dict[str, Any]:
    """The paper as a JSON-LD document (a new dict on every call).

    ``base`` is the IRI every identifier is put under; it must be absolute
    and end with ``/`` or ``#``. With ``context_url``, the document refers
    to the context by that IRI (publish ``data/context.jsonld`` there);
    without it, the context is written into the document, which then needs
    nothing else to be read.

    >>> import cyberspace_whitepaper as cw
    >>> document = cw.to_jsonld(cw.load_white_paper())
    >>> document["@id"]
    'https://cyberspace-whitepaper.example/id/cyberspace-community-2022'
    >>> document["name"]["zh"]
    '携手构建网络空间命运共同体'
    """
    if not isinstance(paper, WhitePaper):
        raise TypeError(f"to_jsonld() takes a WhitePaper, got {type(paper).__name__}")
    if not isinstance(base, str) or not _BASE.match(base):
        raise ValueError(f"base must be an absolute IRI ending in '/' or '#', got {base!r}")
    if context_url is not None and (not isinstance(context_url, str) or not _BASE.match(context_url + "/")):
        raise ValueError(f"context_url must be an absolute IRI, got {context_url!r}")
    context = json.loads(_shipped_context())["@context"] if context_url is None else context_url
    return {"@context": context, **_Writer(paper, base).paper()}


class _Writer:
    def __init__(self, paper: WhitePaper, base: str):
        self.paper_ = paper
        self.base = base
        self.paper_iri = base + paper.id

    # --- IRIs ---------------------------------------------------------------

    def entity(self, entity_id: str) -> str:
        # The paper's own id is one of the targets an event can name.
        return self.paper_iri if entity_id == self.paper_.id else self.base + entity_id

    def entities(self, ids: Iterable[str]) -> list[str]:
        return [self.entity(i) for i in ids]

    def place(self, locator: Locator) -> str:
        return f"{self.paper_iri}/{locator}"

    # --- nodes --------------------------------------------------------------

    def paper(self) -> dict[str, Any]:
        paper = self.paper_
        node = self.node(self.paper_iri, "Report", "WhitePaper", paper.id)
        node["schemaVersion"] = paper.schema_version
        self.texts(node, name=paper.title)
        node["publisher"] = self.entity(paper.publisher)
        node["datePublished"] = _date(paper.published)
        _put(node, "inLanguage", list(paper.languages))
        node["description"] = paper.summary
        parts = []
        if paper.preface is not None:
            parts.append(self.part(paper.preface, Locator.parse("preface")))
        parts.extend(self.chapter(chapter) for chapter in paper.chapters)
        if paper.conclusion is not None:
            parts.append(self.part(paper.conclusion, Locator.parse("conclusion")))
        node["hasPart"] = parts
        _put(node, "hasPrinciple", [self.principle(p) for p in paper.principles])
        _put(node, "hasGoal", [self.goal(g) for g in paper.goals])
        _put(node, "hasConcern", [self.concern(c) for c in paper.concerns])
        _put(node, "hasProposal", [self.proposal(p) for p in paper.proposals])
        _put(node, "hasEvent", [self.event(e) for e in paper.events])
        _put(node, "hasActor", [self.actor(a) for a in paper.actors])
        _put(node, "hasStatistic", [self.statistic(s) for s in paper.statistics])
        _put(node, "hasDocument", [self.document(d) for d in paper.documents])
        _put(node, "hasSource", [self.source(s) for s in paper.sources])
        self.cite(node, paper.citations)
        return node

    def node(self, iri: str, schema_type: str, model_class: str, identifier: str) -> dict[str, Any]:
        return {"@id": iri, "@type": [schema_type, f"cw:{model_class}"], "identifier": identifier}

    def texts(self, node: dict[str, Any], **texts: LocalizedText | None) -> None:
        """Language maps for bilingual texts, and the English that is not official."""
        for key, value in texts.items():
            if value is None:
                continue
            node[key] = {"en": value.en} if value.zh is None else {"en": value.en, "zh": value.zh}
            if not value.en_official:
                node.setdefault("unofficialEnglish", []).append(value.en)

    def cite(self, node: dict[str, Any], citations: tuple[Citation, ...]) -> None:
        _put(node, "citation", [self.citation(c) for c in citations])

    def citation(self, citation: Citation) -> dict[str, Any]:
        node: dict[str, Any] = {"@type": "cw:Citation", "source": self.entity(citation.source)}
        if citation.locator is not None:
            node["locator"] = self.place(citation.locator)
        node["certainty"] = citation.certainty.value
        _put(node, "note", citation.note)
        return node

    def aliases(self, node: dict[str, Any], aliases: tuple[Alias, ...]) -> None:
        names: dict[str, list[str]] = {}
        nodes = []
        for alias in aliases:
            names.setdefault(alias.language, []).append(alias.text)
            alias_node: dict[str, Any] = {"@type": "cw:Alias", "name": {alias.language: alias.text}}
            if alias.source is not None:
                alias_node["source"] = self.entity(alias.source)
            nodes.append(alias_node)
        _put(node, "alternateName", names)
        _put(node, "alias", nodes)

    def part(self, part: Part, where: Locator) -> dict[str, Any]:
        node = self.node(self.place(where), "CreativeWork", "Part", str(where))
        self.texts(node, name=part.title)
        node["description"] = part.summary
        self.cite(node, part.citations)
        return node

    def chapter(self, chapter: Chapter) -> dict[str, Any]:
        where = Locator(chapter=chapter.number)
        node = self.node(self.place(where), "Chapter", "Chapter", str(where))
        node["position"] = chapter.number
        self.texts(node, name=chapter.title)
        node["description"] = chapter.summary
        _put(node, "hasPart", [self.section(chapter, s) for s in chapter.sections])
        self.cite(node, chapter.citations)
        return node

    def section(self, chapter: Chapter, section: Section) -> dict[str, Any]:
        where = Locator(chapter=chapter.number, section=section.number)
        node = self.node(self.place(where), "CreativeWork", "Section", str(where))
        node["position"] = section.number
        self.texts(node, name=section.title)
        node["description"] = section.summary
        _put(node, "hasPart", [self.item(where, i) for i in section.items])
        self.cite(node, section.citations)
        return node

    def item(self, section: Locator, item: Item) -> dict[str, Any]:
        where = Locator(chapter=section.chapter, section=section.section, item=item.number)
        node = self.node(self.place(where), "CreativeWork", "Item", str(where))
        node["position"] = item.number
        self.texts(node, name=item.title)
        _put(node, "description", item.summary)
        self.cite(node, item.citations)
        return node

    def idea(self, entity: Principle | Goal | Concern | Proposal, model_class: str) -> dict[str, Any]:
        node = self.node(self.entity(entity.id), "DefinedTerm", model_class, entity.id)
        self.texts(node, name=entity.name)
        node["description"] = entity.summary
        self.aliases(node, entity.aliases)
        if entity.located_in is not None:
            node["locatedIn"] = self.place(entity.located_in)
        return node

    def principle(self, principle: Principle) -> dict[str, Any]:
        node = self.idea(principle, "Principle")
        node["kind"] = principle.kind.value
        node["position"] = principle.order
        if principle.introduced_by is not None:
            node["introducedBy"] = self.entity(principle.introduced_by)
        self.cite(node, principle.citations)
        return node

    def goal(self, goal: Goal) -> dict[str, Any]:
        node = self.idea(goal, "Goal")
        node["kind"] = goal.kind.value
        node["position"] = goal.order
        _put(node, "terms", list(goal.terms))
        self.cite(node, goal.citations)
        return node

    def concern(self, concern: Concern) -> dict[str, Any]:
        node = self.idea(concern, "Concern")
        self.cite(node, concern.citations)
        return node

    def proposal(self, proposal: Proposal) -> dict[str, Any]:
        node = self.idea(proposal, "Proposal")
        node["position"] = proposal.number
        _put(node, "supports", self.entities(proposal.supports))
        self.cite(node, proposal.citations)
        return node

    def event(self, event: Event) -> dict[str, Any]:
        node = self.node(self.entity(event.id), "Event", "Event", event.id)
        node["kind"] = event.kind.value
        node["startDate"] = _date(event.date)
        if event.end is not None:
            node["endDate"] = _date(event.end)
        self.texts(node, name=event.title, location=event.place)
        _put(node, "description", event.summary)
        _put(node, "actor", self.entities(event.actors))
        _put(node, "about", self.entities(event.documents))
        node["mentionedInPaper"] = event.mentioned_in_paper
        self.cite(node, event.citations)
        return node

    def actor(self, actor: Actor) -> dict[str, Any]:
        node = self.node(self.entity(actor.id), _ACTOR_TYPES[actor.kind], "Actor", actor.id)
        node["kind"] = actor.kind.value
        self.texts(node, name=actor.name)
        _put(node, "role", actor.role)
        if actor.affiliation is not None:
            node["affiliation"] = self.entity(actor.affiliation)
        self.aliases(node, actor.aliases)
        self.cite(node, actor.citations)
        return node

    def statistic(self, statistic: Statistic) -> dict[str, Any]:
        node = self.node(self.entity(statistic.id), "Observation", "Statistic", statistic.id)
        self.texts(node, variableMeasured=statistic.measure)
        node["value"] = _decimal(statistic.value)
        node["unitText"] = statistic.unit
        node["scale"] = statistic.scale.value
        # Normalised, so 45.5 trillion is 45500000000000 rather than 45500000000000.0.
        node["magnitude"] = _decimal(statistic.magnitude.normalize())
        node["approximate"] = statistic.approximate
        if statistic.as_of is not None:
            node["observationDate"] = _date(statistic.as_of)
        node["scope"] = statistic.scope
        if statistic.located_in is not None:
            node["locatedIn"] = self.place(statistic.located_in)
        self.cite(node, statistic.citations)
        return node

    def document(self, document: DocumentRef) -> dict[str, Any]:
        node = self.node(self.entity(document.id), "CreativeWork", "DocumentRef", document.id)
        node["kind"] = document.kind.value
        self.texts(node, name=document.title)
        _put(node, "publisher", self.entities(document.publishers))
        if document.published is not None:
            node["datePublished"] = _date(document.published)
        _put(node, "url", document.url)
        node["relation"] = document.relation.value
        _put(node, "description", document.summary)
        self.cite(node, document.citations)
        return node

    def source(self, source: Source) -> dict[str, Any]:
        node = self.node(self.entity(source.id), "CreativeWork", "Source", source.id)
        node["kind"] = source.kind.value
        self.texts(node, name=source.title)
        node["url"] = source.url
        node["inLanguage"] = source.language
        if source.published is not None:
            node["datePublished"] = _date(source.published)
        node["certainty"] = source.certainty.value
        _put(node, "note", source.note)
        return node


def _put(node: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` unless the value is missing or empty: JSON-LD drops those anyway."""
    if value is None or (isinstance(value, (list, dict)) and not value):
        return
    node[key] = value


def _date(date: PartialDate) -> dict[str, str]:
    return {"@value": str(date), "@type": _DATE_TYPES[date.precision]}


def _decimal(value: Decimal) -> str:
    # Fixed-point notation: xsd:decimal has no exponent ("4.55E+13" is not one).
    return format(value, "f")
