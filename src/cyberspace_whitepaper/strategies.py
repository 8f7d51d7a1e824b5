"""Hypothesis strategies for every model class (needs the ``hypothesis`` extra).

Every strategy here produces valid objects: building them never raises.
:func:`white_papers` goes further and produces whole papers that pass every
whole-paper rule: unique ids, references that resolve to the right kind,
locators that name places that exist, numbers counted 1..n, distinct names.

The strategies read the model's one description (``model/_shape.py``): each
field is drawn by the strategy for its kind of value and its constraint
(text, a pattern, an integer range, an exact decimal, an enum, a date, a
locator, a bool, a nested object; a tuple of these, or ``None``), so a field
added to the model is generated with no edit here. The roles the shape
declares are then woven in: references point into pools of ids of the kinds
they name, locators into the paper's places, ``numbering`` fields count 1..n
and ``distinct`` fields are made distinct among their siblings. The few rules
that the shape does not declare are written out once, in ``_CLASS_RULES``.

The strategies for single objects (:func:`events`, :func:`citations` ...)
produce objects that are valid on their own. Give them ``source_ids=``,
``places=`` and the like to make their references point into ids and
locators you already have; left out, references are arbitrary well-formed
identifiers and locators.

Installing the package registers these strategies with Hypothesis (its
``hypothesis`` entry point, in ``_hypothesis_plugin``), so
``st.from_type(WhitePaper)`` and ``st.builds`` with model-typed arguments
work without further set-up.

Arguments are checked when a strategy is made, not when it is drawn from:
a bad argument raises :class:`hypothesis.errors.InvalidArgument` at once.

Text is drawn from English-like words, Chinese characters and punctuation,
words that YAML would misread if they were left unquoted (``null``,
``yes``, ``2022-11-07`` ...), and any other Unicode the model accepts; it
may run over several lines.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import string
import types
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar, cast

import attrs

try:
    from hypothesis import assume
    from hypothesis import strategies as st
except ModuleNotFoundError as missing:  # pragma: no cover - tested in a subprocess
    if missing.name != "hypothesis":
        raise
    raise ModuleNotFoundError(
        "cyberspace_whitepaper.strategies needs Hypothesis: pip install 'cyberspace-whitepaper[hypothesis]'",
        name="hypothesis",
    ) from None
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import DrawFn, SearchStrategy

from .errors import a_or_an
from .model import (
    Actor,
    Alias,
    Chapter,
    Citation,
    Concept,
    Concern,
    Corpus,
    DocumentRef,
    Event,
    Expression,
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
from .model._checks import (
    FORMAT_CHARACTER_RANGES,
    IDENTIFIER_PATTERN,
    LANGUAGE_PATTERN,
    MAX_EXPONENT,
    MAX_IDENTIFIER_LENGTH,
    MAX_SIGNIFICANT_DIGITS,
    URL_PATTERN,
    Pattern,
    Range,
    Text,
    evaluate,
    identifier,
)
from .model._shape import FieldShape, Kind, entity_kinds, identity_of, model_classes, per_class, shape_of
from .vocab import DatePrecision, PaperPart, Scale

__all__ = [
    "actors",
    "aliases",
    "chapters",
    "citations",
    "concepts",
    "concerns",
    "corpora",
    "document_refs",
    "events",
    "expressions",
    "goals",
    "identifiers",
    "items",
    "localized_texts",
    "locators",
    "partial_dates",
    "parts",
    "principles",
    "proposals",
    "sections",
    "sources",
    "statistics",
    "white_papers",
]

T = TypeVar("T")

# --- text -----------------------------------------------------------------------

# The bidirectional overrides and isolates the model refuses (Trojan Source).
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Cc are the control characters and Cs the lone surrogates: the model refuses both.
_ANY_CHARACTER = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters=_BIDI)
# Names hold no format character (Cf) either: those the model lists, and any that
# a newer Unicode than the list's may add.
_FORMAT_CHARACTERS = "".join(
    chr(code) for first, last in FORMAT_CHARACTER_RANGES for code in range(first, last + 1)
)
_ANY_NAME_CHARACTER = st.characters(
    exclude_categories=("Cc", "Cs", "Cf"), exclude_characters=_FORMAT_CHARACTERS
)
_HAN = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.sampled_from("，。、：；（）《》“”"),
)
_LATIN = string.ascii_letters + string.digits + "  .,;:-'\"()/&%?!"
# Words that YAML 1.1 or 1.2 would read as something other than a string, or
# as syntax, if they were written without quotes.
_TRICKY_WORDS = (
    "null", "Null", "~", "true", "false", "yes", "No", "on", "OFF", "y", "0755",
    "0x1F", "1_000", "1.5", "-3", "1e5", ".nan", "-.inf", "2022-11-07", "12:30",
    "- a", "a: b", "#note", "'q'", '"q"', "[x]", "{y}", "*star", "&anchor", "!tag",
    "|", ">", "@", "`", "%", "<<", "?", "I.3", "III.1(2)", "preface", "\\",
)  # fmt: skip


def _tidy(text: str) -> str:
    # The model refuses blank text and text with white space at either end. (A map, not a
    # filter: a filter's retries cost time and budget.)
    return text.strip() or "-"


def _text_of(alphabet: SearchStrategy[str], max_size: int) -> SearchStrategy[str]:
    return st.text(alphabet, min_size=1, max_size=max_size).map(_tidy)


def _texts(any_character: SearchStrategy[str]) -> SearchStrategy[str]:
    """Lines of Latin, Chinese, tricky words or ``any_character``; or prose, with tabs and newlines inside."""
    lines = (
        _text_of(st.sampled_from(_LATIN), 40),
        _text_of(_HAN, 20),
        st.lists(st.sampled_from(_TRICKY_WORDS), min_size=1, max_size=3).map(" ".join),
        _text_of(any_character, 20),
        _text_of(st.one_of(st.sampled_from(_LATIN), _HAN, any_character), 30),
    )
    return st.one_of(
        *lines,
        _text_of(st.one_of(st.sampled_from(_LATIN + "\n\t"), _HAN, any_character), 60),
        st.lists(st.one_of(lines), min_size=2, max_size=3).map("\n".join),
    )


#: Every text field of prose (a summary, a note).
_TEXT = _texts(_ANY_CHARACTER)
#: Every text field of a name, a title or a term (:func:`~.model._checks.name_text`).
_NAME_TEXT = _texts(_ANY_NAME_CHARACTER)

# --- strings that match a pattern, exact decimals --------------------------------

_LOWER_DIGITS = string.ascii_lowercase + string.digits


def _slug(raw: str) -> str:
    """A drawn run of letters, digits and hyphens, made into an identifier."""
    slug = "-".join(part for part in raw.split("-") if part) or "x"
    return slug if slug[0].isalpha() else "x" + slug


# One string draw per identifier; "x" + 63 characters stays within the 64 allowed.
_SLUGS = st.text(_LOWER_DIGITS + "-", min_size=1, max_size=MAX_IDENTIFIER_LENGTH - 1).map(_slug)
# Identifier-shaped fields include units, to which Statistic's own rule gives "percent" a meaning.
_UNIT_WORDS = ("percent", "yuan", "people", "us-dollars", "users", "websites", "kilometres")
_IDENTIFIERS = st.one_of(_SLUGS, st.sampled_from(_UNIT_WORDS))
_LANGUAGES = st.one_of(
    st.sampled_from(("en", "zh", "zh-Hans", "zh-Hant-TW", "en-GB", "fr", "ru", "ar", "es")),
    st.builds(
        "".join,
        st.tuples(
            st.text(string.ascii_lowercase, min_size=2, max_size=3),
            st.sampled_from(("", "-Hans", "-Hant", "-Latn", "-Cyrl")),
            st.sampled_from(("", "-CN", "-GB", "-US", "-TW")),
        ),
    ),
)


@st.composite
def _urls(draw: DrawFn) -> str:
    scheme = draw(st.sampled_from(("https://", "http://")))
    labels = draw(st.lists(st.text(_LOWER_DIGITS, min_size=1, max_size=10), min_size=1, max_size=3))
    top = draw(st.sampled_from(("cn", "org", "com", "gov.cn", "int")))
    port = draw(st.sampled_from(("", "", ":8080")))
    path = draw(st.text(st.one_of(st.sampled_from(_LOWER_DIGITS + "/-_.~%?=&#"), _HAN), max_size=30))
    return f"{scheme}{'.'.join(labels)}.{top}{port}/{path}"


#: Readable strings for the model's own patterns; any other pattern is drawn from its regular expression.
_BY_PATTERN: dict[str, SearchStrategy[str]] = {
    IDENTIFIER_PATTERN: _IDENTIFIERS,
    LANGUAGE_PATTERN: _LANGUAGES,
    URL_PATTERN: _urls(),
}


def _pattern_strings(constraint: Pattern) -> SearchStrategy[str]:
    if constraint.pattern in _BY_PATTERN:
        return _BY_PATTERN[constraint.pattern]
    tests = constraint.tests()
    return st.from_regex(constraint.regex, fullmatch=True).filter(
        lambda value: all(evaluate(test, value) for test in tests)
    )


def identifiers() -> SearchStrategy[str]:
    """Identifiers: lower-case slugs such as ``xi-jinping``, at most 64 characters."""
    return _IDENTIFIERS


@st.composite
def _exact_decimals(draw: DrawFn, signed: bool = True) -> Decimal:
    # Small coefficients half the time, up to the model's 15 significant digits otherwise.
    coefficient = draw(st.one_of(st.integers(0, 999), st.integers(0, 10**MAX_SIGNIFICANT_DIGITS - 1)))
    # The exponent keeps the leading digit's exponent (the "adjusted" one) within the model's range.
    lead = len(str(coefficient)) - 1
    value = Decimal(coefficient).scaleb(draw(st.integers(-MAX_EXPONENT - lead, MAX_EXPONENT - lead)))
    return -value if signed and draw(st.booleans()) else value


@st.composite
def _shares(draw: DrawFn) -> Decimal:
    """Percent shares from 0 to 100, with up to 6 decimal places."""
    places = draw(st.integers(0, 6))
    return Decimal(draw(st.integers(0, 100 * 10**places))).scaleb(-places)


# --- dates and locators ----------------------------------------------------------------

_EARLIEST_DAY = datetime.date(1, 1, 1)
_LATEST_DAY = datetime.date(9999, 12, 31)


def _at_precision(day: datetime.date, precision: DatePrecision) -> PartialDate:
    if precision is DatePrecision.YEAR:
        return PartialDate(year=day.year)
    if precision is DatePrecision.MONTH:
        return PartialDate(year=day.year, month=day.month)
    return PartialDate.from_date(day)


def _no_later(date: PartialDate, day: datetime.date) -> PartialDate:
    """``date``, or ``day`` at its precision if ``date`` begins after ``day``."""
    return date if date.earliest <= day else _at_precision(day, date.precision)


@st.composite
def _partial_dates(draw: DrawFn, low: datetime.date, high: datetime.date) -> PartialDate:
    day = datetime.date.fromordinal(draw(st.integers(low.toordinal(), high.toordinal())))
    date = _at_precision(day, draw(st.sampled_from(DatePrecision)))
    # A coarser date begins earlier: never before ``low``.
    return date if date.earliest >= low else PartialDate.from_date(day)


def _check_date(name: str, value: object) -> datetime.date | None:
    # A datetime is a date too, but comparing one with a date raises TypeError.
    if value is not None and type(value) is not datetime.date:
        raise InvalidArgument(f"{name}={value!r} must be a datetime.date or None")
    return value


def partial_dates(
    *, min_value: datetime.date | None = None, max_value: datetime.date | None = None
) -> SearchStrategy[PartialDate]:
    """Dates of year, month or day precision whose earliest day lies from ``min_value`` to ``max_value``."""
    low = _check_date("min_value", min_value) or _EARLIEST_DAY
    high = _check_date("max_value", max_value) or _LATEST_DAY
    if low > high:
        raise InvalidArgument(f"min_value={low} is later than max_value={high}")
    return _partial_dates(low, high)


_CHAPTER_NUMBERS = st.one_of(st.integers(1, 12), st.integers(1, 3999))
_NUMBERS = st.one_of(st.integers(1, 12), st.integers(1, 999))
_LOCATORS: SearchStrategy[Locator] = st.one_of(
    st.builds(Locator, part=st.sampled_from(PaperPart)),
    st.builds(Locator, chapter=_CHAPTER_NUMBERS),
    st.builds(Locator, chapter=_CHAPTER_NUMBERS, section=_NUMBERS),
    st.builds(Locator, chapter=_CHAPTER_NUMBERS, section=_NUMBERS, item=_NUMBERS),
)


def locators() -> SearchStrategy[Locator]:
    """Locators of every form: ``preface``, ``conclusion``, ``I``, ``I.3``, ``III.1(2)``."""
    return _LOCATORS


# --- raw values: one strategy per kind of field, read from the shape ----------------------

#: A tuple of model objects holds at most this many drawn objects; the rest copy
#: them. Hypothesis caps how much one example may draw, and copies cost nothing.
_MOST_DRAWN = 3
#: A paper that may hold more entities than _ALL_DRAWN draws only _ENTITIES_DRAWN
#: of them, each kind its share, and copies the rest (with ids of their own).
_ALL_DRAWN = 40
_ENTITIES_DRAWN = 24
#: The most items of tuples that no argument bounds: aliases, terms, references.
_MOST_ITEMS = 3
#: Drawn for a reference or a locator whose choices are known only once the paper is built: the
#: builder then draws an index into them (exact, so that no two draws give the same paper).
_PICK: Any = object()
_PICKS = st.just(_PICK)


@attrs.frozen
class _Plan:
    """How the raw values of one strategy are drawn; hashable, so strategies are made once per plan.

    Attributes:
        pooled: entity kinds whose references are picked from pools of ids.
        placed: whether locators are picked from the places there are.
        woven: whether :func:`white_papers` gives entities their ids (else they are drawn).
        bounds: for tuples of a model class: (class, fewest, most, most drawn).
    """

    pooled: frozenset[str] = frozenset()
    placed: bool = False
    woven: bool = False
    bounds: tuple[tuple[type, int, int, int], ...] = ()

    def bound(self, shape: FieldShape) -> tuple[int, int, int]:
        for cls, low, high, drawn in self.bounds:
            if cls is shape.type:
                return max(low, shape.min_items), max(high, shape.min_items), drawn
        return shape.min_items, max(shape.min_items, 2), _MOST_DRAWN

    def pools(self, shape: FieldShape) -> bool:
        """Whether the field's references are drawn into pools of ids."""
        return shape.is_reference and not self.pooled.isdisjoint(shape.refers_to)


@functools.cache
def _raw(cls: type, plan: _Plan) -> SearchStrategy[tuple[Any, ...]]:
    """An object's field values in field order, as drawn, before references and locators resolve."""
    fields = tuple((shape.optional, _raw_field(cls, shape, plan)) for shape in shape_of(cls))
    return _drawn_fields(fields)


@st.composite
def _drawn_fields(draw: DrawFn, fields: tuple[tuple[bool, SearchStrategy[Any]], ...]) -> tuple[Any, ...]:
    # One draw per field, and a bool for an optional one: st.none() | x would cost two draws more
    # (fixed_dictionaries one more still, a shuffle of its keys).
    return tuple(draw(field) if not optional or draw(_BOOLEANS) else None for optional, field in fields)


_BOOLEANS = st.booleans()


def _raw_field(cls: type, shape: FieldShape, plan: _Plan) -> SearchStrategy[Any]:
    if shape.identity is not None and plan.woven:
        return st.none()  # white_papers gives each entity its id
    if shape.distinct is not None and (shape.many or shape.kind not in (Kind.TEXT, Kind.MODEL)):
        raise TypeError(f"{cls.__name__}.{shape.name}: the strategies can make only text distinct")
    if shape.many and shape.kind is Kind.MODEL:
        low, high, drawn = plan.bound(shape)
        if shape.unique:
            high = min(high, drawn)  # copies would repeat
        if high <= drawn:
            return st.lists(_raw(shape.type, plan), min_size=low, max_size=high)
        return _copied(shape.type, plan, (low, high, drawn))
    one = _raw_value(shape, plan)
    if shape.many:
        most = max(shape.min_items, _MOST_ITEMS)
        # Picks repeat until they are resolved, and are made unique then.
        unique = shape.unique and one is not _PICKS
        return st.lists(one, min_size=shape.min_items, max_size=most, unique=unique)
    return one


def _raw_value(shape: FieldShape, plan: _Plan) -> SearchStrategy[Any]:
    kind = shape.kind
    if plan.pools(shape) or (kind is Kind.LOCATOR and plan.placed):
        return _PICKS
    if kind is Kind.MODEL:
        return _raw(shape.type, plan)
    if kind is Kind.TEXT:
        return _TEXT if cast(Text, shape.constraint).invisible else _NAME_TEXT
    if kind is Kind.STRING:
        return _pattern_strings(cast(Pattern, shape.constraint))
    if kind is Kind.INTEGER:
        return st.integers(cast(Range, shape.constraint).low, cast(Range, shape.constraint).high)
    if kind is Kind.DECIMAL:
        return _exact_decimals()
    if kind is Kind.ENUM:
        return st.sampled_from(shape.type)
    if kind is Kind.DATE:
        return partial_dates()
    if kind is Kind.LOCATOR:
        return _LOCATORS
    assert kind is Kind.BOOLEAN, kind
    return st.booleans()


@st.composite
def _copied(draw: DrawFn, cls: type, plan: _Plan, bounds: tuple[int, int, int]) -> list[Any]:
    """Between ``low`` and ``high`` objects, of which at most ``drawn`` are drawn and the rest copy them."""
    low, high, drawn = bounds
    templates = draw(st.lists(_raw(cls, plan), min_size=min(low, drawn), max_size=drawn))
    if len(templates) < drawn:
        return templates
    return [templates[i % drawn] for i in range(draw(st.integers(max(low, drawn), high)))]


# --- weaving: references, locators, siblings, and the rules the shape does not declare ----

#: What a value resolves to when it has nothing to point to.
_MISSING: Any = object()


@attrs.frozen
class _Own:
    """The entity whose fields are resolved: its kind, and the ids of its kind up to its own."""

    kind: str
    ids: Sequence[str]
    position: int

    @property
    def id(self) -> str:
        return self.ids[self.position]


@attrs.define
class _Builder:
    """Turns raw values into model objects: picks what they point to, numbers siblings, keeps names distinct.

    Attributes:
        draw: what picks are drawn with (None: the first choice is taken).
        plan: how the raw values were drawn.
        pools: the ids references may name, by entity kind.
        places: the locators that exist.
        not_after: the paper's last day, which what it mentions must not follow.
    """

    draw: DrawFn | None
    plan: _Plan
    pools: Mapping[str, Sequence[str]]
    places: Sequence[Locator] = ()
    not_after: datetime.date | None = None
    _targets: dict[tuple[str, ...], tuple[str, ...]] = attrs.field(factory=dict, repr=False)

    def one(self, cls: type, raw: Sequence[Any]) -> Any:
        values = self.values(cls, raw)
        return _MISSING if values is None else cls(**values)

    def many(
        self, cls: type, raws: Sequence[Sequence[Any]], ids: Sequence[str] | None = None
    ) -> tuple[Any, ...]:
        """The objects of a tuple, numbered 1..n and with distinct names where their shape says so."""
        numbered, distinct = _sibling_fields(cls)
        identity = identity_of(cls)
        # Copies of one drawn object resolve alike, but for their ids: even a same-kind reference
        # names an entity before the drawn one, so before its copies too.
        resolved: dict[int, dict[str, Any] | None] = {}
        counts: dict[tuple[Any, ...], int] = {}
        taken: set[tuple[Any, ...]] = set()
        built: list[Any] = []
        for position, raw in enumerate(raws):
            if id(raw) not in resolved:
                resolved[id(raw)] = self.values(cls, raw, ids, position)
            found = resolved[id(raw)]
            if found is None:
                continue
            values = dict(found)
            if identity is not None and ids is not None:
                values[identity.name] = ids[position]
            for shape in numbered:
                scope = (shape.name, *(values[name] for name in shape.numbering or ()))
                values[shape.name] = counts[scope] = counts.get(scope, 0) + 1
            for shape in distinct:
                _make_distinct(values, shape, taken, position + 1)
            built.append(cls(**values))
        return tuple(built)

    def values(
        self, cls: type, raw: Sequence[Any], ids: Sequence[str] | None = None, position: int = 0
    ) -> dict[str, Any] | None:
        """The resolved values of an object's fields; None if a required one has nothing to point to."""
        values = self.fields(cls, raw, ids, position)
        if values is not None and cls in _CLASS_RULES:
            _CLASS_RULES[cls](values, self)
        return values

    def fields(
        self,
        cls: type,
        raw: Sequence[Any],
        ids: Sequence[str] | None = None,
        position: int = 0,
        skip: Collection[str] = (),
    ) -> dict[str, Any] | None:
        shapes = shape_of(cls)
        identity = identity_of(cls)
        own = None
        if identity is not None and identity.identity is not None:
            own = _Own(identity.identity, ids or (raw[shapes.index(identity)],), position if ids else 0)
        values = {}
        for shape, drawn in zip(shapes, raw, strict=True):
            if shape.name in skip:
                continue
            value = own.id if own is not None and shape is identity else self.field(shape, drawn, own)
            if value is _MISSING:
                if not shape.optional:
                    return None
                value = None
            values[shape.name] = value
        return values

    def field(self, shape: FieldShape, raw: Any, own: _Own | None) -> Any:
        if raw is None:
            return None
        if not shape.many:
            return self.value(shape, raw, own)
        if shape.kind is Kind.MODEL:
            found = self.many(shape.type, raw)
        else:
            resolved = [self.value(shape, item, own) for item in raw]
            found = tuple(value for value in resolved if value is not _MISSING)
            found = tuple(dict.fromkeys(found)) if shape.unique else found
        return found if len(found) >= shape.min_items else _MISSING

    def value(self, shape: FieldShape, raw: Any, own: _Own | None) -> Any:
        if shape.kind is Kind.MODEL:
            return self.one(shape.type, raw)
        if shape.kind is Kind.LOCATOR and self.plan.placed:
            return self.pick(self.places) if self.places else _MISSING
        if not shape.is_reference:
            return raw
        target = raw
        if self.plan.pools(shape):
            pool = self.targets(shape.refers_to, own)
            if not pool:
                return _MISSING
            target = self.pick(pool)
        # An entity never points at itself.
        return _MISSING if own is not None and target == own.id else target

    def redraw(self, strategy: SearchStrategy[T], otherwise: T) -> T:
        """A value drawn from ``strategy``; ``otherwise`` when nothing is drawn (a draft)."""
        return otherwise if self.draw is None else self.draw(strategy)

    def pick(self, choices: Sequence[T]) -> T:
        if self.draw is None or len(choices) == 1:
            return choices[0]
        return choices[self.draw(st.integers(0, len(choices) - 1))]

    def targets(self, kinds: tuple[str, ...], own: _Own | None) -> Sequence[str]:
        if own is not None and own.kind in kinds and self.plan.woven:
            # References to the entity's own kind (an actor's affiliation) name only those listed
            # before it, so that they never run in a circle.
            earlier = own.ids[: own.position]
            return tuple(
                itertools.chain.from_iterable(
                    earlier if k == own.kind else self.pools.get(k, ()) for k in kinds
                )
            )
        if kinds not in self._targets:
            self._targets[kinds] = tuple(itertools.chain.from_iterable(self.pools.get(k, ()) for k in kinds))
        return self._targets[kinds]


@per_class
def _sibling_fields(cls: type) -> tuple[tuple[FieldShape, ...], tuple[FieldShape, ...]]:
    """The fields of ``cls`` numbered among their siblings, and those distinct among them."""
    numbered = tuple(shape for shape in shape_of(cls) if shape.numbering is not None)
    return numbered, tuple(shape for shape in shape_of(cls) if shape.distinct is not None)


def _make_distinct(
    values: dict[str, Any], shape: FieldShape, taken: set[tuple[Any, ...]], position: int
) -> None:
    """Mark with its place a text, or each text of a model value, that a sibling of its scope has."""
    value = values[shape.name]
    scope = (shape.name, *(values[name] for name in shape.distinct or ()))
    if value is None:
        return
    if shape.kind is Kind.TEXT:
        values[shape.name] = _new_text(value, scope, taken, position)
        return
    changes = {}
    for text in shape_of(type(value)):
        old = getattr(value, text.name)
        if text.kind is Kind.TEXT and not text.many and old is not None:
            new = _new_text(old, (*scope, text.name), taken, position)
            if new != old:
                changes[text.name] = new
    if changes:
        values[shape.name] = attrs.evolve(value, **changes)


def _new_text(text: str, scope: tuple[Any, ...], taken: set[tuple[Any, ...]], position: int) -> str:
    # The rules compare names after NFC: "Café" composed and decomposed are the same name.
    while (scope, unicodedata.normalize("NFC", text)) in taken:
        text = f"{text} [{position}]"
    taken.add((scope, unicodedata.normalize("NFC", text)))
    return text


def _event_rules(values: dict[str, Any], builder: _Builder) -> None:
    # The paper's date rule (model/_rules.py, not in the shape): the events it mentions are not after it.
    day = builder.not_after
    if values["mentioned_in_paper"] and day is not None and values["date"].earliest > day:
        values["date"] = builder.redraw(_partial_dates(_EARLIEST_DAY, day), _no_later(values["date"], day))
    # Event._check: a range does not end before it begins (a coarser end of the same first day would).
    if values["end"] is not None and values["end"] < values["date"]:
        end = builder.redraw(_partial_dates(values["date"].earliest, _LATEST_DAY), values["date"])
        values["end"] = max(end, values["date"])


def _statistic_rules(values: dict[str, Any], builder: _Builder) -> None:
    # The paper's date rule: its figures are not dated after it.
    day = builder.not_after
    if values["as_of"] is not None and day is not None and values["as_of"].earliest > day:
        values["as_of"] = builder.redraw(_partial_dates(_EARLIEST_DAY, day), _no_later(values["as_of"], day))
    # Statistic._check: a percent is a share from 0 to 100 at scale one; other figures are not negative.
    if values["unit"] == "percent" and not 0 <= values["value"] <= 100:
        values["value"] = builder.redraw(_shares(), Decimal(100))
    elif values["value"] < 0:
        values["value"] = builder.redraw(_exact_decimals(signed=False), -values["value"])
    if values["unit"] == "percent":
        values["scale"] = Scale.ONE


#: The rules of a class that the shape of its fields does not say (the class's own ``_check``,
#: and the paper's date rule): a drawn value that breaks one is drawn again within it.
_CLASS_RULES: dict[type, Callable[[dict[str, Any], _Builder], None]] = {
    Event: _event_rules,
    Statistic: _statistic_rules,
}


# --- arguments ------------------------------------------------------------------


def _check_size(name: str, value: object) -> int:
    if type(value) is not int or value < 0:
        raise InvalidArgument(f"{name}={value!r} must be a non-negative integer")
    return value


_IDENTIFIER_TESTS = identifier().tests()


def _check_ids(name: str, value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidArgument(f"{name} must be a sequence of identifiers or None, got {value!r}")
    for index, item in enumerate(value):
        if not all(evaluate(test, item) for test in _IDENTIFIER_TESTS):
            raise InvalidArgument(f"{name}[{index}]={item!r} is not a valid identifier")
    return tuple(value)


def _check_places(value: object) -> tuple[Locator, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidArgument(f"places must be a sequence of Locator or None, got {value!r}")
    for index, item in enumerate(value):
        if type(item) is not Locator:
            raise InvalidArgument(f"places[{index}]={item!r} is not a Locator")
    return tuple(value)


@per_class
def _tuple_fields(root: type) -> dict[str, FieldShape]:
    """The tuples of model objects below ``root``, by field name: what ``min_X``/``max_X`` arguments bound."""
    return {
        shape.name: shape
        for cls in model_classes(root)
        for shape in shape_of(cls)
        if shape.kind is Kind.MODEL and shape.many
    }


def _bounds(root: type, arguments: Mapping[str, object]) -> dict[type, tuple[int, int]]:
    """Check the ``min_X``/``max_X`` arguments, each bounding the tuples of field ``X`` below ``root``."""
    found = {}
    for name, value in arguments.items():
        if not name.startswith("max_"):
            continue
        field = name.removeprefix("max_")
        low = _check_size(f"min_{field}", arguments[f"min_{field}"]) if f"min_{field}" in arguments else 0
        high = _check_size(name, value)
        if low > high:
            raise InvalidArgument(f"min_{field}={low} is larger than {name}={high}")
        cls = _tuple_fields(root)[field].type
        # What is numbered 1..n cannot outnumber the highest number the model allows.
        for shape in _sibling_fields(cls)[0]:
            most = cast(Range, shape.constraint).high
            if high > most:
                raise InvalidArgument(f"{name}={high} is over {most}, the highest number the model allows")
        found[cls] = (low, high)
    return found


def _plan_bounds(
    bounds: Mapping[type, tuple[int, int]], drawn: Mapping[type, int] | None = None
) -> tuple[tuple[type, int, int, int], ...]:
    return tuple((cls, low, high, (drawn or {}).get(cls, _MOST_DRAWN)) for cls, (low, high) in bounds.items())


#: The entity kinds whose ids each ``*_ids`` argument gives.
_KINDS_OF_ARGUMENT = {
    "source_ids": ("source",),
    "actor_ids": ("actor",),
    "affiliation_ids": ("actor",),
    "publisher_ids": ("actor",),
    "event_ids": ("event",),
    "document_ids": ("document",),
    "support_ids": ("principle", "goal"),
}


def _unmet_reference(cls: type, empty: Collection[str], plan: _Plan) -> FieldShape | None:
    """A reference that ``cls`` (or what it must hold) requires, all of whose pools are empty."""
    for shape in shape_of(cls):
        if shape.optional or (shape.many and not shape.min_items):
            continue
        if plan.pools(shape) and all(kind in empty for kind in shape.refers_to if kind in plan.pooled):
            return shape
        found = _unmet_reference(shape.type, empty, plan) if shape.kind is Kind.MODEL else None
        if found is not None:
            return found
    return None


# --- public strategies for single objects ---------------------------------------


def _objects(cls: type[T], arguments: Mapping[str, object]) -> SearchStrategy[T]:
    """Objects of ``cls``, for a public strategy's ``arguments`` (its ``locals()``), checked here.

    ``max_X`` bounds the tuples of field ``X``; each ``*_ids`` gives the ids
    that references of its kinds name; ``places`` the locators there are;
    ``not_after`` the day that what a paper mentions does not follow.
    """
    pools: dict[str, tuple[str, ...]] = {}
    argument_of = {}
    for name, value in arguments.items():
        ids = _check_ids(name, value) if name.endswith("_ids") else None
        if ids is not None:
            for kind in _KINDS_OF_ARGUMENT[name]:
                pools[kind], argument_of[kind] = ids, name
    places = _check_places(arguments.get("places"))
    plan = _Plan(
        pooled=frozenset(pools), placed=places is not None, bounds=_plan_bounds(_bounds(cls, arguments))
    )
    unmet = _unmet_reference(cls, {kind for kind, pool in pools.items() if not pool}, plan)
    if unmet is not None:
        kind = next(kind for kind in unmet.refers_to if kind in pools)
        noun = cls.__name__.lower()
        raise InvalidArgument(f"{argument_of[kind]} must not be empty: {a_or_an(noun)} needs {a_or_an(kind)}")
    not_after = _check_date("not_after", arguments.get("not_after"))
    return cast(SearchStrategy[T], _built(cls, _Builder(None, plan, pools, places or (), not_after)))


@st.composite
def _built(draw: DrawFn, cls: type, builder: _Builder) -> Any:
    # A composite rather than .map(), so that its repr stays short in Hypothesis' reports.
    raw = draw(_raw(cls, builder.plan))
    return attrs.evolve(builder, draw=draw).one(cls, raw)


def localized_texts() -> SearchStrategy[LocalizedText]:
    """Bilingual text: English always, Chinese often, ``en_official`` either way."""
    return _objects(LocalizedText, {})


def citations(
    *, source_ids: Sequence[str] | None = None, places: Sequence[Locator] | None = None
) -> SearchStrategy[Citation]:
    """Citations of one of ``source_ids``, about one of ``places`` or about no place."""
    return _objects(Citation, locals())


def aliases(*, source_ids: Sequence[str] | None = None) -> SearchStrategy[Alias]:
    """Aliases in any language, used by one of ``source_ids`` or by no known source."""
    return _objects(Alias, locals())


def sources() -> SearchStrategy[Source]:
    """Sources of every kind, with http(s) addresses. Sources cite nothing."""
    return _objects(Source, {})


def parts(
    *,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Part]:
    """A preface or conclusion, with up to ``max_citations`` citations."""
    return _objects(Part, locals())


def items(
    *,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Item]:
    """Numbered sub-items of a section."""
    return _objects(Item, locals())


def sections(
    *,
    max_items: int = 3,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Section]:
    """Numbered sections with up to ``max_items`` items, numbered 1..n."""
    return _objects(Section, locals())


def chapters(
    *,
    max_sections: int = 3,
    max_items: int = 3,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Chapter]:
    """Chapters with up to ``max_sections`` sections of up to ``max_items`` items, all numbered 1..n."""
    return _objects(Chapter, locals())


def events(
    *,
    max_citations: int = 2,
    actor_ids: Sequence[str] | None = None,
    document_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
    not_after: datetime.date | None = None,
) -> SearchStrategy[Event]:
    """Events, some of them ranges, whose actors, documents and citations point into the given ids.

    With ``not_after``, the events that the paper mentions start no later than that day.
    """
    return _objects(Event, locals())


def actors(
    *,
    max_citations: int = 2,
    affiliation_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Actor]:
    """People and bodies, each belonging to one of ``affiliation_ids`` (never to itself) or to none."""
    return _objects(Actor, locals())


def principles(
    *,
    max_citations: int = 2,
    event_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Principle]:
    """Principles of either kind, introduced by one of ``event_ids`` or by none."""
    return _objects(Principle, locals())


def goals(
    *,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Goal]:
    """Goals of every kind."""
    return _objects(Goal, locals())


def concerns(
    *,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Concern]:
    """Concerns the paper names."""
    return _objects(Concern, locals())


def proposals(
    *,
    max_citations: int = 2,
    support_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Proposal]:
    """Proposals that support some of ``support_ids`` (ids of principles and goals)."""
    return _objects(Proposal, locals())


def statistics(
    *,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
    not_after: datetime.date | None = None,
) -> SearchStrategy[Statistic]:
    """Figures as exact decimals (at most 15 significant digits), dated no later than ``not_after``.

    A ``percent`` lies from 0 to 100 at scale one; other figures are not negative.
    """
    return _objects(Statistic, locals())


def document_refs(
    *,
    max_citations: int = 2,
    publisher_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[DocumentRef]:
    """Related documents, published by some of ``publisher_ids``."""
    return _objects(DocumentRef, locals())


# --- whole papers -----------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _slug_lists(count: int) -> SearchStrategy[list[str]]:
    return st.lists(_SLUGS, min_size=count, max_size=count)


def _fresh_id(base: str, number: int, taken: set[str]) -> str:
    """``base``, or ``base-number`` (counting up) if it is taken; then taken."""
    found = base
    if found in taken:
        stem = base[: MAX_IDENTIFIER_LENGTH - 8].rstrip("-")
        while (found := f"{stem}-{number}") in taken:
            number += 1
    taken.add(found)
    return found


def _paper_kind() -> str:
    identity = identity_of(WhitePaper)
    assert identity is not None
    assert identity.identity is not None
    return identity.identity


@st.composite
def _white_papers(draw: DrawFn, plan: _Plan) -> WhitePaper:
    raw = list(draw(_raw(WhitePaper, plan)))
    at = {shape.name: index for index, shape in enumerate(shape_of(WhitePaper))}
    kinds = entity_kinds(WhitePaper)
    # A kind whose entities need a reference to an empty kind has none either.
    empty = {kind for kind, shape in kinds if not raw[at[shape.name]]}
    while unmet := [(k, s) for k, s in kinds if k not in empty and _unmet_reference(s.type, empty, plan)]:
        for kind, shape in unmet:
            raw[at[shape.name]] = []
            empty.add(kind)

    # One drawn id for the paper and each drawn entity (they shrink), made unique by a number
    # where one repeats, as copies' ids are made from their template's.
    counts = {kind: len(raw[at[shape.name]]) for kind, shape in kinds}
    drawn = {kind: min(counts[kind], plan.bound(shape)[2]) for kind, shape in kinds}
    taken: set[str] = set()
    fresh = iter([_fresh_id(slug, 1, taken) for slug in draw(_slug_lists(1 + sum(drawn.values())))])
    pools: dict[str, Sequence[str]] = {_paper_kind(): (next(fresh),)}
    for kind, _shape in kinds:
        ids = [next(fresh) for _ in range(drawn[kind])]
        pools[kind] = ids + [
            _fresh_id(ids[i % drawn[kind]], i + 1, taken) for i in range(drawn[kind], counts[kind])
        ]

    # The paper's date rule (model/_rules.py): what the paper mentions is not after it.
    builder = _Builder(None, plan, pools, not_after=cast(PartialDate, raw[at["published"]]).latest)
    # Locators point at places of the paper's text, which exist once the text is built: it is built
    # once to find them (taking the first choice of each pick, of any locator), then again.
    entities = {shape.name for _kind, shape in kinds}
    builder.places = (Locator(chapter=1),)
    draft = builder.fields(WhitePaper, raw, pools[_paper_kind()], skip=entities)
    text = cast(WhitePaper, types.SimpleNamespace(**(draft or {})))
    builder.places = [where for where, _part in WhitePaper.places(text)]
    builder.draw = draw
    values = builder.fields(WhitePaper, raw, pools[_paper_kind()], skip=entities)
    assert values is not None  # what the paper requires, its arguments ensure
    for kind, shape in kinds:
        values[shape.name] = builder.many(shape.type, raw[at[shape.name]], pools[kind])
    return WhitePaper(**values)


def white_papers(
    *,
    min_chapters: int = 1,
    max_chapters: int = 3,
    max_sections: int = 3,
    max_items: int = 3,
    min_principles: int = 0,
    max_principles: int = 4,
    min_goals: int = 0,
    max_goals: int = 4,
    min_concerns: int = 0,
    max_concerns: int = 3,
    min_proposals: int = 0,
    max_proposals: int = 4,
    min_events: int = 0,
    max_events: int = 6,
    min_actors: int = 1,
    max_actors: int = 5,
    min_statistics: int = 0,
    max_statistics: int = 4,
    min_documents: int = 0,
    max_documents: int = 3,
    min_sources: int = 1,
    max_sources: int = 4,
    max_citations: int = 2,
) -> SearchStrategy[WhitePaper]:
    """Whole white papers that pass every rule, as big as asked.

    ``min_X`` and ``max_X`` bound how many of each entity a paper has;
    ``max_sections`` is per chapter, ``max_items`` per section and
    ``max_citations`` per cited object. Every reference resolves: citations
    name the paper's sources and places that exist, events its actors and
    documents, proposals its principles and goals. A paper has at least one
    chapter and one actor (its publisher).

    Hypothesis caps how much one example may draw. So a paper that may hold
    more than 40 entities draws about 24 of them one by one (each kind its share),
    and each tuple inside draws at most 3 objects; the others copy those,
    with ids, numbers and names of their own. Any size then works
    (``docs/testing.md`` gives figures), and every part of a failing example
    still shrinks.
    """
    bounds = _bounds(WhitePaper, locals())
    kinds = entity_kinds(WhitePaper)
    for shape in shape_of(WhitePaper):
        low = bounds[shape.type][0] if shape.type in bounds else shape.min_items
        if low < shape.min_items:
            noun = a_or_an(shape.type.__name__.lower())
            raise InvalidArgument(
                f"min_{shape.name}={low} must be at least {shape.min_items}: a paper has {noun}"
            )
        # A reference the paper requires (its publisher) needs an entity of its kind.
        holders = [(kind, s) for kind, s in kinds if kind in shape.refers_to and s.type in bounds]
        needed = not shape.optional and not shape.many
        if needed and holders and all(bounds[s.type][0] < 1 for _kind, s in holders):
            kind, holder = holders[0]
            raise InvalidArgument(
                f"min_{holder.name}=0 must be at least 1: a paper's {shape.name} is {a_or_an(kind)}"
            )
    # Past _ALL_DRAWN entities in all, each kind draws its share of _ENTITIES_DRAWN.
    highs = {shape.type: bounds.get(shape.type, (0, 2))[1] for _kind, shape in kinds}
    total = sum(highs.values())
    drawn = {
        cls: high if total <= _ALL_DRAWN else max(1, _ENTITIES_DRAWN * high // total)
        for cls, high in highs.items()
    }
    pooled = frozenset(kind for kind, _shape in kinds) | {_paper_kind()}
    return _white_papers(_Plan(pooled=pooled, placed=True, woven=True, bounds=_plan_bounds(bounds, drawn)))


# --- a corpus -------------------------------------------------------------------------


def expressions(
    *,
    max_citations: int = 2,
    document_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Expression]:
    """Cells of a crosswalk: a document's wording of an idea, about one of ``places`` or about none.

    ``document_ids`` are the papers and other documents of the corpus the
    cells may quote.
    """
    return _objects(Expression, locals())


def concepts(
    *,
    max_expressions: int = 3,
    max_citations: int = 2,
    document_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
) -> SearchStrategy[Concept]:
    """Ideas of a crosswalk, each worded by up to ``max_expressions`` documents (about no place)."""
    return _objects(Concept, {**locals(), "places": ()})


#: The papers of a drawn corpus are small: a corpus is drawn whole, and a test may draw two.
_CORPUS_PAPERS = {
    "max_chapters": 1, "max_sections": 1, "max_items": 1, "max_principles": 1, "max_goals": 1,
    "max_concerns": 1, "max_proposals": 1, "max_events": 1, "max_actors": 2, "max_statistics": 1,
    "max_documents": 1, "max_sources": 1, "max_citations": 1,
}  # fmt: skip


@st.composite
def _corpora(draw: DrawFn, min_papers: int, max_papers: int) -> Corpus:
    papers = draw(st.lists(white_papers(**_CORPUS_PAPERS), min_size=min_papers, max_size=max_papers))
    # Papers that share no id: then no two records of one thing can disagree (the corpus rule).
    taken: set[str] = set()
    for paper in papers:
        ids = {paper.id, *(entity.id for entity in paper.entities())}
        assume(not ids & taken)
        taken |= ids
    slugs = draw(_slug_lists(6))
    corpus_id, source_id, document_id, *actor_ids = [_fresh_id(slug, 1, taken) for slug in slugs]
    source = attrs.evolve(draw(sources()), id=source_id)
    corpus_actors = [
        attrs.evolve(draw(actors(affiliation_ids=(), source_ids=(source_id,), places=())), id=actor_id)
        for actor_id in actor_ids[: draw(st.integers(0, 3))]
    ]
    document = attrs.evolve(
        draw(
            document_refs(
                publisher_ids=tuple(a.id for a in corpus_actors), source_ids=(source_id,), places=()
            )
        ),
        id=document_id,
    )
    quoted = (*(paper.id for paper in papers), document_id)
    ideas = draw(
        st.lists(
            concepts(max_expressions=2, max_citations=1, document_ids=quoted, source_ids=(source_id,)),
            max_size=2,
        )
    )
    # Ids fresh to the corpus; names distinct (after NFC); a cell's place is one of its paper's own.
    names: set[str] = set()
    woven = []
    for idea in ideas:
        texts = {unicodedata.normalize("NFC", t) for t in (idea.name.en, idea.name.zh) if t is not None}
        assume(not texts & names)
        names |= texts
        cells = []
        for cell in idea.expressions:
            source_paper = next((p for p in papers if p.id == cell.document), None)
            places = [where for where, _part in source_paper.places()] if source_paper is not None else []
            cells.append(
                attrs.evolve(cell, locator=draw(st.none() | st.sampled_from(places)) if places else None)
            )
        woven.append(attrs.evolve(idea, id=_fresh_id(idea.id, 1, taken), expressions=tuple(cells)))
    return Corpus(
        id=corpus_id,
        title=draw(localized_texts()),
        summary=draw(_TEXT),
        papers=tuple(papers),
        documents=(document,),
        concepts=tuple(woven),
        actors=tuple(corpus_actors),
        sources=(source,),
        citations=tuple(draw(st.lists(citations(source_ids=(source_id,), places=()), max_size=2))),
    )


def corpora(*, min_papers: int = 1, max_papers: int = 2) -> SearchStrategy[Corpus]:
    """Corpora of small papers that share no id, with a crosswalk quoting them and a document of its own."""
    low = _check_size("min_papers", min_papers)
    high = _check_size("max_papers", max_papers)
    if low > high:
        raise InvalidArgument(f"min_papers={low} is larger than max_papers={high}")
    if low < 1:
        raise InvalidArgument(f"min_papers={min_papers} must be at least 1: a corpus has a paper")
    return _corpora(low, high)
