"""JSON-LD generated from the model's shape, with a local context.

:func:`to_jsonld` turns a paper into one JSON-LD document: the paper is the
top node, and every part of its text and every entity hangs below it. A
corpus is written the same way: the corpus is the top node, its papers hang
below it as whole papers (``hasPart``), and its concepts as ``DefinedTerm``
nodes whose expressions name the paper and the place they quote. The
writer walks the model's shape (``shape_of``) for every object, so every
field of every class becomes a property, written by its kind of value, under
its term: the one ``_CLASSES`` (keyed by class and field) or
``_TERMS_BY_VALUE_CLASS`` gives it where a schema.org term fits;
``identifier``, ``position`` or ``has`` and a kind for an id, a number
counted 1..n or a tuple of entities; else ``cw:`` and its name in
lowerCamelCase. A new field is exported with no edit here. The context is
built from the same tables (:func:`jsonld_context`) and shipped as
``data/context.jsonld``. ``docs/interop.md`` describes the output.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, NamedTuple

import attrs

from ..model import (
    Actor,
    Alias,
    Chapter,
    Citation,
    Concept,
    Concern,
    Corpus,
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
from ..model._shape import (
    FieldShape,
    Kind,
    identity_of,
    is_whole_document,
    model_classes,
    per_class,
    shape_of,
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


@attrs.frozen
class Term:
    """A key of the context: the local name of its IRI, its prefix, and what its context entry adds."""

    key: str
    prefix: str = "cw"
    #: Extra keys of the context entry (``@type``, ``@container``, ``@language``).
    extra: tuple[tuple[str, str], ...] = ()
    #: For a date: whether it begins (``start``) or ends (``end``) its node's span; None: both.
    span: str | None = None


def _schema(key: str, *extra: tuple[str, str], span: str | None = None) -> Term:
    return Term(key, "schema", extra, span)


IDENTIFIER = _schema("identifier")
NAME = _schema("name")
DESCRIPTION = _schema("description")
PUBLISHER = _schema("publisher")
PUBLISHED = _schema("datePublished")
LANGUAGE = _schema("inLanguage")
URL = _schema("url", ("@type", "xsd:anyURI"))
_LANGUAGE_MAP = ("@container", "@language")
ALTERNATE_NAME = _schema("alternateName", _LANGUAGE_MAP)
UNOFFICIAL_ENGLISH = Term("unofficialEnglish", extra=(("@language", "en"),))
EARLIEST = Term("earliestDate", extra=(("@type", "xsd:date"),))
LATEST = Term("latestDate", extra=(("@type", "xsd:date"),))

_PART = {"title": NAME, "summary": DESCRIPTION}
_IDEA = {"name": NAME, "summary": DESCRIPTION}
HAS_PART = _schema("hasPart")


class _Class(NamedTuple):
    """How the nodes of a class are written, where the defaults do not fit."""

    schema_type: str | None  #: their schema.org type, beside ``cw:`` and the class's name
    fields: dict[str, Term]  #: the terms of fields that have a better one than the default
    derived: tuple[tuple[Term, Callable[[Any], Decimal]], ...] = ()  #: decimals the class computes


#: Looked up along the MRO, so a subclass is written as its base, with its own fields by default.
_CLASSES: dict[type, _Class] = {
    WhitePaper: _Class(
        "Report", {"publisher": PUBLISHER, "published": PUBLISHED, "languages": LANGUAGE, **_PART}
    ),
    Part: _Class("CreativeWork", _PART),
    Chapter: _Class("Chapter", _PART),
    Section: _Class("CreativeWork", _PART),
    Item: _Class("CreativeWork", _PART),
    Principle: _Class("DefinedTerm", _IDEA),
    Goal: _Class(
        "DefinedTerm", {"terms": Term("terms", extra=(("@container", "@list"), ("@language", "en"))), **_IDEA}
    ),
    Concern: _Class("DefinedTerm", _IDEA),
    Proposal: _Class("DefinedTerm", _IDEA),
    Event: _Class(
        "Event",
        {
            "date": _schema("startDate", span="start"),
            "end": _schema("endDate", span="end"),
            "place": _schema("location"),
            "actors": _schema("actor"),
            "documents": _schema("about"),
            **_PART,
        },
    ),
    # An Organization unless its kind says more (_SCHEMA_TYPES_BY_VALUE).
    Actor: _Class("Organization", {"name": NAME, "affiliation": _schema("affiliation")}),
    Statistic: _Class(
        "Observation",
        {
            "measure": _schema("variableMeasured"),
            "value": _schema("value"),
            "unit": _schema("unitText"),
            "as_of": _schema("observationDate"),
        },
        # Normalised, so 45.5 trillion is 45500000000000 rather than 45500000000000.0.
        ((Term("magnitude", extra=(("@type", "xsd:decimal"),)), lambda s: s.magnitude.normalize()),),
    ),
    DocumentRef: _Class(
        "CreativeWork", {"publishers": PUBLISHER, "published": PUBLISHED, "url": URL, **_PART}
    ),
    Source: _Class("CreativeWork", {"title": NAME, "url": URL, "language": LANGUAGE, "published": PUBLISHED}),
    # A corpus is a collection of its papers, each a part of it.
    Corpus: _Class("Collection", {"papers": HAS_PART, **_PART}),
    # The order of a concept's expressions is the order of their documents' dates: an RDF list keeps it.
    Concept: _Class(
        "DefinedTerm", {"expressions": Term("expressions", extra=(("@container", "@list"),)), **_IDEA}
    ),
}

#: The term of a field by the class of its values, where that class says what the field is.
_TERMS_BY_VALUE_CLASS: dict[type, Term] = {
    Citation: _schema("citation"),  # the evidence for the object that holds it
    Alias: Term("alias"),
    **dict.fromkeys((Part, Chapter, Section, Item), HAS_PART),  # the parts of the text below
}
_DEFAULT_CLASS = _Class(None, {})

#: Where a value of an enum field says more than the class: the node's schema.org type by that value.
_SCHEMA_TYPES_BY_VALUE: dict[type, dict[Any, str]] = {
    ActorKind: {
        ActorKind.PERSON: "Person",
        ActorKind.GOVERNMENT_BODY: "GovernmentOrganization",
        ActorKind.LEGISLATURE: "GovernmentOrganization",
        ActorKind.COUNTRY: "Country",
        ActorKind.MEDIA: "NewsMediaOrganization",
        ActorKind.RESEARCH_BODY: "ResearchOrganization",
    },
}

_DATE_TYPES = {
    DatePrecision.YEAR: "xsd:gYear",
    DatePrecision.MONTH: "xsd:gYearMonth",
    DatePrecision.DAY: "xsd:date",
}

# An absolute IRI (scheme, then no character an IRI may not hold) that ends
# where a name can follow: "/" or "#".
_BASE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*[/#]\Z")


_identity_of = per_class(identity_of)


@per_class
def _class(cls: type) -> _Class:
    return next((_CLASSES[klass] for klass in cls.__mro__ if klass in _CLASSES), _DEFAULT_CLASS)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)


def _default_term(shape: FieldShape) -> Term:
    if shape.identity is not None:
        return IDENTIFIER
    if shape.numbering is not None:
        return _schema("position")
    entity = identity_of(shape.type) if shape.kind is Kind.MODEL and shape.many else None
    if entity is not None and entity.identity is not None:
        return Term("has" + entity.identity.title().replace("-", ""))
    return Term(_camel(shape.name))


def _add(mapping: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key``, or make it a list of every value given for it."""
    if key not in mapping:
        mapping[key] = value
        return
    before = mapping[key] if isinstance(mapping[key], list) else [mapping[key]]
    mapping[key] = before + (value if isinstance(value, list) else [value])


# --- value classes written on their owner's node rather than as nodes of their own ---------------


def _write_texts(writer: _Writer, node: dict[str, Any], key: str, texts: Iterable[LocalizedText]) -> None:
    """Bilingual texts: a language map, and the English that is not official listed apart."""
    for text in texts:
        languages = node.setdefault(key, {})
        _add(languages, "en", text.en)
        if text.zh is not None:
            _add(languages, "zh", text.zh)
        if not text.en_official:
            node.setdefault(UNOFFICIAL_ENGLISH.key, []).append(text.en)


def _write_aliases(writer: _Writer, node: dict[str, Any], key: str, aliases: Iterable[Alias]) -> None:
    """Aliases: each a blank node named in its language, and all of them the owner's alternateName."""
    for alias in aliases:
        node.setdefault(ALTERNATE_NAME.key, {}).setdefault(alias.language, []).append(alias.text)
        alias_node = writer.node(alias)  # its other fields, as any node's
        alias_node[NAME.key] = {alias.language: alias.text}
        node.setdefault(key, []).append(alias_node)


class _Form(NamedTuple):
    """How the values of a class are written on their owner's node, by a writer of their own."""

    reads: frozenset[str]  #: the fields the writer reads; any other is written as a node's field
    write: Callable[[_Writer, dict[str, Any], str, Iterable[Any]], None]
    terms: tuple[Term, ...]  #: the terms it writes
    whole: bool  #: no node of its own: every field must be one it reads


_FORMS: dict[type, _Form] = {
    LocalizedText: _Form(frozenset({"en", "zh", "en_official"}), _write_texts, (UNOFFICIAL_ENGLISH,), True),
    Alias: _Form(
        frozenset({"text", "language"}),
        _write_aliases,
        (ALTERNATE_NAME, _schema(NAME.key, _LANGUAGE_MAP)),
        False,
    ),
}


class _Field(NamedTuple):
    """One field of a class as the writer needs it, worked out once per class."""

    shape: FieldShape
    term: Term
    write: Callable[[Any, Any], Any]  #: (writer, one value) -> JSON-LD
    form: _Form | None  #: the writer of its values, if they have one of their own
    dated: bool  #: it holds dates, which make the node's span
    types: dict[Any, str] | None  #: the node's schema.org type by the field's value, if it gives one


_WRITE_BY_KIND: dict[Kind, Callable[[Any, Any], Any]] = {
    Kind.LOCATOR: lambda writer, locator: f"{writer.paper_iri}/{locator}",
    Kind.DATE: lambda _writer, date: {"@value": str(date), "@type": _DATE_TYPES[date.precision]},
    Kind.DECIMAL: lambda _writer, value: _decimal(value),
    Kind.ENUM: lambda _writer, member: member.value,
    Kind.MODEL: lambda writer, obj: writer.node(obj),
}


@per_class
def _fields(cls: type) -> tuple[_Field, ...]:
    """Each field of ``cls`` written as a property, with its term (fields a value form reads are left out)."""
    shapes = shape_of(cls)
    names = {shape.name for shape in shapes}
    form = _FORMS.get(cls)
    read = form.reads if form is not None else frozenset()
    table = _class(cls).fields
    if set(table) - names or read - names:
        stale = sorted((set(table) | read) - names)
        raise TypeError(f"JSON-LD: the tables name fields {cls.__name__} does not have: {stale}")
    if form is not None and form.whole and names - read:
        # A language map has no room for a field its writer does not know: refuse, never drop.
        raise TypeError(f"JSON-LD: {cls.__name__} fields {sorted(names - read)} have no place in its form")
    return tuple(
        _Field(
            shape=shape,
            term=table.get(shape.name) or _TERMS_BY_VALUE_CLASS.get(shape.type) or _default_term(shape),
            write=(lambda writer, id: writer.base + id)
            if shape.is_reference
            else _WRITE_BY_KIND.get(shape.kind, lambda _writer, value: value),
            form=_FORMS.get(shape.type) if shape.kind is Kind.MODEL else None,
            dated=shape.kind is Kind.DATE,
            types=_SCHEMA_TYPES_BY_VALUE.get(shape.type) if shape.kind is Kind.ENUM else None,
        )
        for shape in shapes
        if shape.name not in read
    )


def _definition(shape: FieldShape, term: Term) -> dict[str, str]:
    """The context entry's extra keys: from the field's kind of value, then from the term."""
    extra = {}
    if shape.is_reference or shape.kind is Kind.LOCATOR:
        extra["@type"] = "@id"
    elif shape.kind is Kind.DECIMAL:
        extra["@type"] = "xsd:decimal"
    elif shape.type is LocalizedText:
        extra.update([_LANGUAGE_MAP])
    return extra | dict(term.extra)


@per_class
def _context(root: type) -> dict[str, Any]:
    """The context of a document class: prefixes, schema.org types, then the terms, schema.org's first.

    It defines the terms of ``root`` and every class below it, then those of
    the rest of the model (everything a corpus reaches), so that one context
    serves a paper and a corpus alike.
    """
    entries: dict[str, tuple[Term, Any, str]] = {}  # key -> (term, entry, the field that first gave it)

    def define(term: Term, where: str, shape: FieldShape | None = None) -> None:
        extra = _definition(shape, term) if shape else dict(term.extra)
        entry = {"@id": f"{term.prefix}:{term.key}", **extra} if extra else f"{term.prefix}:{term.key}"
        _, known, first = entries.setdefault(term.key, (term, entry, where))
        if known != entry:
            raise TypeError(
                f"JSON-LD: {where} would make {term.key!r} {entry!r}, but {first} made it {known!r}; "
                "give the field a term of its own in jsonld._CLASSES"
            )

    define(IDENTIFIER, "the parts of the text")
    for cls in dict.fromkeys([*model_classes(root), *model_classes(Corpus)]):
        for field in _fields(cls):
            define(field.term, f"{cls.__name__}.{field.shape.name}", field.shape)
            if field.dated:
                define(EARLIEST, f"{cls.__name__}'s dates")
                define(LATEST, f"{cls.__name__}'s dates")
        for term in [*(_FORMS[cls].terms if cls in _FORMS else ()), *(t for t, _ in _class(cls).derived)]:
            define(term, cls.__name__)
    types = [c.schema_type for c in _CLASSES.values()]
    types += [name for by_value in _SCHEMA_TYPES_BY_VALUE.values() for name in by_value.values()]
    context: dict[str, Any] = {"schema": SCHEMA, "xsd": XSD, "cw": VOCAB}
    context.update((name, f"schema:{name}") for name in types if name)
    ordered = sorted(entries.items(), key=lambda item: item[1][0].prefix != "schema")
    context.update((key, entry) for key, (_term, entry, _first) in ordered)
    return {"@context": context}


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context of a paper or a corpus, from the term table; as ``data/context.jsonld``."""
    return copy.deepcopy(_context(WhitePaper))


def to_jsonld(
    document: WhitePaper | Corpus, *, base: str = DEFAULT_BASE, context_url: str | None = None
) -> dict[str, Any]:
    """A paper or a corpus as a JSON-LD document (a new dict on every call).

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
    >>> corpus = cw.to_jsonld(cw.load_corpus())
    >>> corpus["@type"], corpus["hasPart"][0]["identifier"]
    (['Collection', 'cw:Corpus'], 'internet-in-china-2010')
    """
    if not isinstance(document, (WhitePaper, Corpus)):
        raise TypeError(f"to_jsonld() takes a WhitePaper or a Corpus, got {type(document).__name__}")
    if not isinstance(base, str) or not _BASE.match(base):
        raise ValueError(f"base must be an absolute IRI ending in '/' or '#', got {base!r}")
    if context_url is not None and (not isinstance(context_url, str) or not _BASE.match(context_url + "/")):
        raise ValueError(f"context_url must be an absolute IRI, got {context_url!r}")
    # A document of a subclass with fields of its own gets a context that defines them too.
    context = copy.deepcopy(_context(type(document))["@context"]) if context_url is None else context_url
    return {"@context": context, **_Writer(base).node(document)}


class _Writer:
    def __init__(self, base: str):
        self.base = base
        #: The id of the paper whose places the locators being written name (None: no paper's).
        self.scope: str | None = None
        # The parts of a paper's text are known by where they stand, not by an id of their own:
        # per paper, a list per object, taken in reading order, in case one object stands in two places.
        self.places: dict[str | None, dict[int, list[Locator]]] = {}

    @property
    def paper_iri(self) -> str:
        """The IRI of the paper whose places the locators being written name."""
        return f"{self.base}{self.scope}"

    def _enter(self, obj: Any, identity: FieldShape | None) -> None:
        """Set the scope for what ``obj`` holds, as the corpus rule on locators reads it.

        A paper is its own scope; any other object is in the scope of the paper
        its nearest reference that may name a paper names (a crosswalk cell's
        ``document``), or of whatever holds it.
        """
        cls = type(obj)
        if _is_document(cls) and identity is not None:
            self.scope = getattr(obj, identity.name)
            places = getattr(obj, "places", None)  # a corpus has no places of its own
            if places is not None and self.scope not in self.places:
                found = self.places[self.scope] = {}
                for locator, part in places():
                    found.setdefault(id(part), []).append(locator)
            return
        for shape in _paper_references(cls):
            self.scope = getattr(obj, shape.name)

    def node(self, obj: Any) -> dict[str, Any]:
        """A model object as a node: an IRI for an entity or a part of the text, else a blank node.

        A missing value or an empty tuple is left out, as JSON-LD would.
        """
        cls = type(obj)
        node: dict[str, Any] = {}
        identity = _identity_of(cls)
        outer = self.scope
        self._enter(obj, identity)
        places = self.places.get(self.scope, {})
        if identity is not None:
            node["@id"] = self.base + getattr(obj, identity.name)
        elif id(obj) in places:
            locator = places[id(obj)].pop(0)
            node["@id"] = f"{self.paper_iri}/{locator}"
            node[IDENTIFIER.key] = str(locator)
        schema_type = _class(cls).schema_type
        node["@type"] = None  # its place among the keys; filled in below
        spans: list[tuple[str | None, PartialDate]] = []
        for field in _fields(cls):
            shape = field.shape
            value = getattr(obj, shape.name)
            items = value if shape.many else () if value is None else (value,)
            if not items:
                continue
            if field.types:
                schema_type = field.types.get(items[0], schema_type)
            if field.dated:
                spans.extend((field.term.span, date) for date in items)
            if field.form:
                field.form.write(self, node, field.term.key, items)
                continue
            write = field.write
            _add(
                node,
                field.term.key,
                [write(self, item) for item in value] if shape.many else write(self, value),
            )
        for term, compute in _class(cls).derived:
            node[term.key] = _decimal(compute(obj))
        if spans:
            _span(node, spans)
        cw_type = f"cw:{cls.__name__}"
        node["@type"] = [schema_type, cw_type] if schema_type else cw_type
        self.scope = outer
        return node


@per_class
def _is_document(cls: type) -> bool:
    """Whether ``cls`` is a whole document (a paper, a corpus), or a subclass of one."""
    return any(is_whole_document(klass) for klass in cls.__mro__)


@per_class
def _paper_references(cls: type) -> tuple[FieldShape, ...]:
    """The fields of ``cls`` that hold one id that may name a paper: they set the scope of its locators."""
    return tuple(shape for shape in shape_of(cls) if not shape.many and "paper" in shape.refers_to)


def _span(node: dict[str, Any], dates: list[tuple[str | None, PartialDate]]) -> None:
    """The first and last day a node's dates may mean: from its start to its end, or its one date."""
    starts = [date for role, date in dates if role != "end"] or [date for _, date in dates]
    ends = [date for role, date in dates if role != "start"] or [date for _, date in dates]
    node[EARLIEST.key] = min(date.earliest for date in starts).isoformat()
    node[LATEST.key] = max(date.latest for date in ends).isoformat()


def _decimal(value: Decimal) -> str:
    # Fixed-point notation: xsd:decimal has no exponent ("4.55E+13" is not one).
    return format(value, "f")
