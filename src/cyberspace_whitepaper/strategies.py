"""Hypothesis strategies for every model class (needs the ``hypothesis`` extra).

Every strategy here produces valid objects: building them never raises.
:func:`white_papers` goes further and produces whole papers that pass every
whole-paper rule: ids unique, references that resolve to the right kind,
locators that name places that exist, numbers counted 1..n, names distinct.

The strategies read the model's one description (:func:`~.model._shape.shape_of`):
each field is drawn by the strategy for its kind of value and constraint
(text, a pattern, an integer range, an exact decimal, an enum, a date, a
locator, a bool, a nested object, a tuple or ``None`` of these), so a field
added to the model is generated with no edit here. What the shape declares
as a role is then woven in: references point into pools of ids of the
kinds they name, locators into the paper's places, ``numbering`` fields
count 1..n and ``distinct`` fields are made distinct among their siblings.
Only rules the shape does not declare are written out below, each once
(:data:`_CLASS_RULES`).

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
``yes``, ``2022-11-07`` ...), and any other Unicode the model accepts, and
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
from typing import Any, cast

import attrs

try:
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
from .model._checks import (
    IDENTIFIER_PATTERN,
    LANGUAGE_PATTERN,
    MAX_EXPONENT,
    MAX_IDENTIFIER_LENGTH,
    MAX_SIGNIFICANT_DIGITS,
    URL_PATTERN,
    ExactDecimal,
    Pattern,
    Range,
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
    "concerns",
    "document_refs",
    "events",
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

# --- text -----------------------------------------------------------------------

# The bidirectional overrides and isolates the model refuses (Trojan Source).
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Cc are the control characters and Cs the lone surrogates: the model refuses both.
_ANY_CHARACTER = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters=_BIDI)
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


def _text_of(alphabet: SearchStrategy[str], max_size: int) -> SearchStrategy[str]:
    # The model refuses blank text and text with white space at either end.
    return st.text(alphabet, min_size=1, max_size=max_size).map(str.strip).filter(bool)


_LINES = (
    _text_of(st.sampled_from(_LATIN), 40),
    _text_of(_HAN, 20),
    st.lists(st.sampled_from(_TRICKY_WORDS), min_size=1, max_size=3).map(" ".join),
    _text_of(_ANY_CHARACTER, 20),
    _text_of(st.one_of(st.sampled_from(_LATIN), _HAN, _ANY_CHARACTER), 30),
)
#: Every text field: a line of one of the kinds above, or prose where tabs and newlines stand inside.
_TEXT: SearchStrategy[str] = st.one_of(
    *_LINES,
    _text_of(st.one_of(st.sampled_from(_LATIN + "\n\t"), _HAN, _ANY_CHARACTER), 60),
    st.lists(st.one_of(_LINES), min_size=2, max_size=3).map("\n".join),
)

# --- strings that match a pattern ------------------------------------------------

_LOWER = string.ascii_lowercase
_LOWER_DIGITS = string.ascii_lowercase + string.digits


def _slug(raw: str) -> str:
    """A drawn run of letters, digits and hyphens, made into an identifier."""
    slug = "-".join(part for part in raw.split("-") if part)
    if not slug:
        return "x"
    return slug if slug[0].isalpha() else "x" + slug


# One string draw per identifier; "x" + 63 characters stays within the 64 allowed.
_SLUGS: SearchStrategy[str] = st.text(_LOWER_DIGITS + "-", min_size=1, max_size=MAX_IDENTIFIER_LENGTH - 1).map(
    _slug
)
# Identifier-shaped fields include units, and Statistic's own rule gives "percent" a meaning.
_IDENTIFIERS = st.one_of(
    _SLUGS, st.sampled_from(("percent", "yuan", "people", "us-dollars", "users", "websites", "kilometres"))
)
_LANGUAGES = st.one_of(
    st.sampled_from(("en", "zh", "zh-Hans", "zh-Hant-TW", "en-GB", "fr", "ru", "ar", "es")),
    st.builds(
        lambda language, script, region: language + script + region,
        st.text(_LOWER, min_size=2, max_size=3),
        st.sampled_from(("", "-Hans", "-Hant", "-Latn", "-Cyrl")),
        st.sampled_from(("", "-CN", "-GB", "-US", "-TW")),
    ),
)


@st.composite
def _url(draw: DrawFn) -> str:
    scheme = draw(st.sampled_from(("https://", "http://")))
    labels = draw(st.lists(st.text(_LOWER_DIGITS, min_size=1, max_size=10), min_size=1, max_size=3))
    top = draw(st.sampled_from(("cn", "org", "com", "gov.cn", "int")))
    port = draw(st.sampled_from(("", "", ":8080")))
    path = draw(st.text(st.one_of(st.sampled_from(_LOWER_DIGITS + "/-_.~%?=&#"), _HAN), max_size=30))
    return f"{scheme}{'.'.join(labels)}.{top}{port}/{path}"


#: Hand-made strategies for the model's patterns (readable values, and "percent" among units);
#: any other pattern is drawn from its regular expression.
_BY_PATTERN: dict[str, SearchStrategy[str]] = {
    IDENTIFIER_PATTERN: _IDENTIFIERS,
    LANGUAGE_PATTERN: _LANGUAGES,
    URL_PATTERN: _url(),
}


def _pattern_strings(constraint: Pattern) -> SearchStrategy[str]:
    known = _BY_PATTERN.get(constraint.pattern)
    if known is not None:
        return known
    return st.from_regex(constraint.regex, fullmatch=True).filter(
        lambda value: all(evaluate(test, value) for test in constraint.tests())
    )


def identifiers() -> SearchStrategy[str]:
    """Identifiers: lower-case slugs such as ``xi-jinping``, at most 64 characters."""
    return _IDENTIFIERS


# --- exact decimals -----------------------------------------------------------------


@st.composite
def _exact_decimals(draw: DrawFn) -> Decimal:
    # Small coefficients half the time, up to the model's 15 significant digits otherwise.
    coefficient = draw(st.one_of(st.integers(0, 999), st.integers(0, 10**MAX_SIGNIFICANT_DIGITS - 1)))
    # The exponent keeps the leading digit's exponent (the "adjusted" one) within the model's range.
    lead = len(str(coefficient)) - 1
    value = Decimal(coefficient).scaleb(draw(st.integers(-MAX_EXPONENT - lead, MAX_EXPONENT - lead)))
    return -value if draw(st.booleans()) else value


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
#: A paper that may hold more entities than this draws only _ENTITIES_DRAWN of
#: them one by one, each kind its share, and copies the rest (with ids of their own).
_ENTITIES_DRAWN_ALL = 40
_ENTITIES_DRAWN = 24
#: The most items of tuples that no argument bounds: aliases, terms, references.
_MOST_ITEMS = 3
#: A reference or a locator is drawn as a fraction (of 256) of the way into what it may point to:
#: one byte of Hypothesis' budget, and it shrinks to the first.
_FRACTIONS = st.integers(0, 255)


def _at(fraction: int, choices: Sequence[Any]) -> Any:
    return choices[fraction * len(choices) >> 8]


@attrs.frozen
class _Plan:
    """How the raw values of one strategy are drawn; hashable, so strategies are made once per plan.

    Attributes:
        pooled: entity kinds whose references are drawn as indexes into pools of ids.
        placed: whether locators are drawn as indexes into the places given.
        woven: whether the ids of entities are given by :func:`white_papers`, not drawn.
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


def _pooled(shape: FieldShape, plan: _Plan) -> bool:
    return shape.is_reference and not plan.pooled.isdisjoint(shape.refers_to)


@functools.cache
def _raw(cls: type, plan: _Plan) -> SearchStrategy[tuple[Any, ...]]:
    """The values of an object's fields in field order, as drawn, before references and locators are resolved."""
    # Not fixed_dictionaries, which draws a shuffle of its keys every time.
    return st.tuples(*(_raw_field(cls, shape, plan) for shape in shape_of(cls)))


def _raw_field(cls: type, shape: FieldShape, plan: _Plan) -> SearchStrategy[Any]:
    if shape.identity is not None and plan.woven:
        return st.none()  # white_papers gives each entity its id
    if shape.distinct is not None and (shape.many or shape.kind not in (Kind.TEXT, Kind.MODEL)):
        raise TypeError(f"{cls.__name__}.{shape.name}: strategies make only text distinct")
    if shape.many and shape.kind is Kind.MODEL:
        low, high, drawn = plan.bound(shape)
        if shape.unique:
            high = min(high, drawn)  # copies would repeat
        if high <= drawn:
            return st.lists(_raw(shape.type, plan), min_size=low, max_size=high)
        return _copied(shape.type, plan, low, high, drawn)
    one = _raw_value(shape, plan)
    if shape.many:
        return st.lists(one, min_size=shape.min_items, max_size=max(shape.min_items, _MOST_ITEMS), unique=shape.unique)
    return st.none() | one if shape.optional else one


def _raw_value(shape: FieldShape, plan: _Plan) -> SearchStrategy[Any]:
    if _pooled(shape, plan) or (shape.kind is Kind.LOCATOR and plan.placed):
        return _FRACTIONS
    constraint = shape.constraint
    if shape.kind is Kind.MODEL:
        return _raw(shape.type, plan)
    if shape.kind is Kind.TEXT:
        return _TEXT
    if shape.kind is Kind.STRING:
        return _pattern_strings(cast(Pattern, constraint))
    if shape.kind is Kind.INTEGER:
        return st.integers(cast(Range, constraint).low, cast(Range, constraint).high)
    if shape.kind is Kind.DECIMAL:
        assert isinstance(constraint, ExactDecimal)
        return _exact_decimals()
    if shape.kind is Kind.ENUM:
        return st.sampled_from(shape.type)
    if shape.kind is Kind.DATE:
        return partial_dates()
    if shape.kind is Kind.LOCATOR:
        return _LOCATORS
    assert shape.kind is Kind.BOOLEAN, shape.kind
    return st.booleans()


@st.composite
def _copied(draw: DrawFn, cls: type, plan: _Plan, low: int, high: int, drawn: int) -> list[Any]:
    """Between ``low`` and ``high`` objects, of which at most ``drawn`` are drawn and the rest copy them."""
    templates = draw(st.lists(_raw(cls, plan), min_size=min(low, drawn), max_size=drawn))
    if len(templates) < drawn:
        return templates
    return [templates[i % drawn] for i in range(draw(st.integers(max(low, drawn), high)))]


# --- weaving: references, locators, siblings, and the rules the shape does not declare ----

#: A value that cannot be resolved: nothing to point to.
_MISSING: Any = object()


@attrs.define
class _Own:
    """The entity whose fields are resolved: its kind and id, and the ids of its kind listed before it."""

    kind: str
    ids: Sequence[str]
    position: int

    @property
    def id(self) -> str:
        return self.ids[self.position]


@attrs.define
class _Builder:
    """Turns raw values into model objects: resolves indexes, numbers siblings, keeps names distinct.

    Attributes:
        plan: how the raw values were drawn.
        pools: the ids references may name, by entity kind.
        places: the locators that exist.
        not_after: the paper's last day, for what must not come after it.
    """

    plan: _Plan
    pools: Mapping[str, Sequence[str]]
    places: Sequence[Locator] = ()
    not_after: datetime.date | None = None
    _targets: dict[tuple[str, ...], tuple[str, ...]] = attrs.field(factory=dict, repr=False)

    def one(self, cls: type, raw: Sequence[Any]) -> Any:
        values = self.values(cls, raw)
        return _MISSING if values is None else cls(**values)

    def many(self, cls: type, raws: Sequence[Sequence[Any]], ids: Sequence[str] | None = None) -> tuple[Any, ...]:
        """Objects of a tuple, numbered 1..n and with distinct names where their shape says so."""
        numbered, distinct = _sibling_fields(cls)
        identity = identity_of(cls)
        # Copies of one drawn object resolve alike, but for their ids and same-kind references.
        reuse = identity is None or all(identity.identity not in shape.refers_to for shape in shape_of(cls))
        resolved: dict[int, dict[str, Any] | None] = {}
        counts: dict[tuple[Any, ...], int] = {}
        taken: set[tuple[Any, ...]] = set()
        built = []
        for position, raw in enumerate(raws):
            if reuse and id(raw) in resolved:
                values = resolved[id(raw)]
                if values is None:
                    continue
                values = dict(values)
                if identity is not None and ids is not None:
                    values[identity.name] = ids[position]
            else:
                values = self.values(cls, raw, ids, position)
                resolved[id(raw)] = None if values is None else dict(values)
                if values is None:
                    continue
            for shape in numbered:
                scope = (shape.name, *(values[name] for name in shape.numbering or ()))
                values[shape.name] = counts[scope] = counts.get(scope, 0) + 1
            for shape in distinct:
                _make_distinct(values, shape, taken, len(built) + 1)
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
            if shape is identity and own is not None:
                values[shape.name] = own.id
                continue
            value = self.field(shape, drawn, own)
            if value is _MISSING:
                if not shape.optional:
                    return None
                value = None
            values[shape.name] = value
        return values

    def field(self, shape: FieldShape, raw: Any, own: _Own | None) -> Any:
        if raw is None:
            return None
        if shape.many and shape.kind is Kind.MODEL:
            found = self.many(shape.type, raw)
        elif shape.many:
            resolved = [value for value in (self.value(shape, item, own) for item in raw) if value is not _MISSING]
            found = tuple(dict.fromkeys(resolved) if shape.unique else resolved)
        else:
            return self.value(shape, raw, own)
        return found if len(found) >= shape.min_items else _MISSING

    def value(self, shape: FieldShape, raw: Any, own: _Own | None) -> Any:
        if shape.kind is Kind.MODEL:
            return self.one(shape.type, raw)
        if shape.kind is Kind.LOCATOR and self.plan.placed:
            return _at(raw, self.places) if self.places else _MISSING
        if not shape.is_reference:
            return raw
        target = raw
        if _pooled(shape, self.plan):
            pool = self.targets(shape.refers_to, own)
            if not pool:
                return _MISSING
            target = _at(raw, pool)
        # An entity never points at itself.
        return _MISSING if own is not None and target == own.id else target

    def targets(self, kinds: tuple[str, ...], own: _Own | None) -> Sequence[str]:
        if own is not None and own.kind in kinds and self.plan.woven:
            # Same-kind references (an actor's affiliation) point only to entities listed earlier: no cycles.
            return tuple(
                itertools.chain.from_iterable(
                    own.ids[: own.position] if kind == own.kind else self.pools.get(kind, ()) for kind in kinds
                )
            )
        found = self._targets.get(kinds)
        if found is None:
            found = self._targets[kinds] = tuple(itertools.chain.from_iterable(self.pools.get(k, ()) for k in kinds))
        return found


@per_class
def _sibling_fields(cls: type) -> tuple[tuple[FieldShape, ...], tuple[FieldShape, ...]]:
    shapes = shape_of(cls)
    return tuple(s for s in shapes if s.numbering is not None), tuple(s for s in shapes if s.distinct is not None)


def _make_distinct(values: dict[str, Any], shape: FieldShape, taken: set[tuple[Any, ...]], position: int) -> None:
    """Mark a text, or each text of a model value (each language), that a sibling of the same scope has."""
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
    # The paper's date rule (model/_rules.py; not declared in the shape): events it mentions are not after it.
    if values["mentioned_in_paper"] and builder.not_after is not None:
        values["date"] = _no_later(values["date"], builder.not_after)
    # Event._check: a range does not end before it begins.
    if values["end"] is not None and values["end"] < values["date"]:
        values["date"], values["end"] = values["end"], values["date"]


def _statistic_rules(values: dict[str, Any], builder: _Builder) -> None:
    # The paper's date rule: its figures are not dated after it.
    if values["as_of"] is not None and builder.not_after is not None:
        values["as_of"] = _no_later(values["as_of"], builder.not_after)
    # Statistic._check: figures are not negative, and a percent is a share from 0 to 100 at scale one.
    value = abs(values["value"])
    if values["unit"] == "percent":
        value = value % 100 if value > 100 else value
        values["scale"] = Scale.ONE
    values["value"] = value


#: Rules of a class that its fields' shapes do not say: each class's own ``_check``, and the
#: paper's date rule. Each adjusts drawn values so that they keep the rule.
_CLASS_RULES: dict[type, Callable[[dict[str, Any], _Builder], None]] = {
    Event: _event_rules,
    Statistic: _statistic_rules,
}


# --- argument checks ------------------------------------------------------------


def _check_size(name: str, value: object) -> int:
    if type(value) is not int or value < 0:
        raise InvalidArgument(f"{name}={value!r} must be a non-negative integer")
    return value


def _check_ids(name: str, value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidArgument(f"{name} must be a sequence of identifiers or None, got {value!r}")
    for index, item in enumerate(value):
        if not all(evaluate(test, item) for test in _IDENTIFIER_TESTS):
            raise InvalidArgument(f"{name}[{index}]={item!r} is not a valid identifier")
    return tuple(value)


_IDENTIFIER_TESTS = identifier().tests()


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


def _bounds(arguments: Mapping[str, object]) -> dict[type, tuple[int, int]]:
    """Check the ``min_X``/``max_X`` arguments, each bounding the tuples of the field named ``X``."""
    found = {}
    for name, value in arguments.items():
        if not name.startswith("max_"):
            continue
        field = name.removeprefix("max_")
        if f"min_{field}" in arguments:
            low, high = _check_size(f"min_{field}", arguments[f"min_{field}"]), _check_size(name, value)
            if low > high:
                raise InvalidArgument(f"min_{field}={low} is larger than {name}={high}")
        else:
            low, high = 0, _check_size(name, value)
        cls = _tuple_fields(WhitePaper)[field].type
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


# --- public strategies for single objects ---------------------------------------

#: The entity kinds that each ``*_ids`` argument gives ids of.
_KINDS_OF_ARGUMENT = {
    "source_ids": ("source",),
    "actor_ids": ("actor",),
    "affiliation_ids": ("actor",),
    "publisher_ids": ("actor",),
    "event_ids": ("event",),
    "document_ids": ("document",),
    "support_ids": ("principle", "goal"),
}


def _objects(
    cls: type,
    *,
    sizes: Mapping[str, object] | None = None,
    ids: Mapping[str, object] | None = None,
    places: object = None,
    not_after: object = None,
) -> SearchStrategy[Any]:
    """Objects of ``cls`` whose references point into the ``ids`` given (by argument name), if any."""
    plan_bounds = _plan_bounds(_bounds(sizes or {}))
    pools: dict[str, tuple[str, ...]] = {}
    argument_of: dict[str, str] = {}
    for name, value in (ids or {}).items():
        checked = _check_ids(name, value)
        if checked is not None:
            for kind in _KINDS_OF_ARGUMENT[name]:
                pools[kind], argument_of[kind] = checked, name
    given_places = _check_places(places)
    plan = _Plan(pooled=frozenset(pools), placed=given_places is not None, bounds=plan_bounds)
    unmet = _unmet_reference(cls, frozenset(kind for kind, pool in pools.items() if not pool), plan)
    if unmet is not None:
        kind = next(kind for kind in unmet.refers_to if kind in pools)
        raise InvalidArgument(
            f"{argument_of[kind]} must not be empty: {a_or_an(cls.__name__.lower())} needs {a_or_an(kind)}"
        )
    return _built(cls, _Builder(plan, pools, given_places or (), _check_date("not_after", not_after)))


@st.composite
def _built(draw: DrawFn, cls: type, builder: _Builder) -> Any:
    # A composite rather than .map(): its repr stays short in Hypothesis' reports.
    return builder.one(cls, draw(_raw(cls, builder.plan)))


def _unmet_reference(cls: type, empty: frozenset[str], plan: _Plan) -> FieldShape | None:
    """A required reference of ``cls`` (or of what it must hold) whose pools are all empty, if any."""
    for shape in shape_of(cls):
        if shape.optional or (shape.many and not shape.min_items):
            continue
        if _pooled(shape, plan) and all(kind in empty for kind in shape.refers_to if kind in plan.pooled):
            return shape
        if shape.kind is Kind.MODEL:
            found = _unmet_reference(shape.type, empty, plan)
            if found is not None:
                return found
    return None


def localized_texts() -> SearchStrategy[LocalizedText]:
    """Bilingual text: English always, Chinese often, ``en_official`` either way."""
    return _objects(LocalizedText)


def citations(
    *, source_ids: Sequence[str] | None = None, places: Sequence[Locator] | None = None
) -> SearchStrategy[Citation]:
    """Citations of one of ``source_ids``, about one of ``places`` or about no place."""
    return _objects(Citation, ids={"source_ids": source_ids}, places=places)


def aliases(*, source_ids: Sequence[str] | None = None) -> SearchStrategy[Alias]:
    """Aliases in any language, used by one of ``source_ids`` or by no known source."""
    return _objects(Alias, ids={"source_ids": source_ids})


def sources() -> SearchStrategy[Source]:
    """Sources of every kind, with http(s) addresses. Sources cite nothing."""
    return _objects(Source)


def parts(
    *,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Part]:
    """A preface or conclusion, with up to ``max_citations`` citations."""
    return _objects(Part, sizes={"max_citations": max_citations}, ids={"source_ids": source_ids}, places=places)


def items(
    *,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Item]:
    """Numbered sub-items of a section."""
    return _objects(Item, sizes={"max_citations": max_citations}, ids={"source_ids": source_ids}, places=places)


def sections(
    *,
    max_items: int = 3,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Section]:
    """Numbered sections with up to ``max_items`` items, numbered 1..n."""
    return _objects(
        Section,
        sizes={"max_items": max_items, "max_citations": max_citations},
        ids={"source_ids": source_ids},
        places=places,
    )


def chapters(
    *,
    max_sections: int = 3,
    max_items: int = 3,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Chapter]:
    """Chapters with up to ``max_sections`` sections of up to ``max_items`` items, all numbered 1..n."""
    return _objects(
        Chapter,
        sizes={"max_sections": max_sections, "max_items": max_items, "max_citations": max_citations},
        ids={"source_ids": source_ids},
        places=places,
    )


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
    return _objects(
        Event,
        sizes={"max_citations": max_citations},
        ids={"actor_ids": actor_ids, "document_ids": document_ids, "source_ids": source_ids},
        places=places,
        not_after=not_after,
    )


def actors(
    *,
    max_citations: int = 2,
    affiliation_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Actor]:
    """People and bodies, each belonging to one of ``affiliation_ids`` (never itself) or to none."""
    return _objects(
        Actor,
        sizes={"max_citations": max_citations},
        ids={"affiliation_ids": affiliation_ids, "source_ids": source_ids},
        places=places,
    )


def principles(
    *,
    max_citations: int = 2,
    event_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Principle]:
    """Principles of either kind, introduced by one of ``event_ids`` or by none."""
    return _objects(
        Principle,
        sizes={"max_citations": max_citations},
        ids={"event_ids": event_ids, "source_ids": source_ids},
        places=places,
    )


def goals(
    *,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Goal]:
    """Goals of every kind."""
    return _objects(Goal, sizes={"max_citations": max_citations}, ids={"source_ids": source_ids}, places=places)


def concerns(
    *,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Concern]:
    """Concerns the paper names."""
    return _objects(
        Concern, sizes={"max_citations": max_citations}, ids={"source_ids": source_ids}, places=places
    )


def proposals(
    *,
    max_citations: int = 2,
    support_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Proposal]:
    """Proposals that support some of ``support_ids`` (ids of principles and goals)."""
    return _objects(
        Proposal,
        sizes={"max_citations": max_citations},
        ids={"support_ids": support_ids, "source_ids": source_ids},
        places=places,
    )


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
    return _objects(
        Statistic,
        sizes={"max_citations": max_citations},
        ids={"source_ids": source_ids},
        places=places,
        not_after=not_after,
    )


def document_refs(
    *,
    max_citations: int = 2,
    publisher_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[DocumentRef]:
    """Related documents, published by some of ``publisher_ids``."""
    return _objects(
        DocumentRef,
        sizes={"max_citations": max_citations},
        ids={"publisher_ids": publisher_ids, "source_ids": source_ids},
        places=places,
    )


# --- whole papers -----------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _unique_slugs(count: int) -> SearchStrategy[list[str]]:
    return st.lists(_SLUGS, min_size=count, max_size=count, unique=True)


def _copy_id(base: str, position: int, taken: set[str]) -> str:
    """An id for a copied entity, made from its template's: ``base-position``, unused in the paper."""
    stem = base[: MAX_IDENTIFIER_LENGTH - 8].rstrip("-")
    number = position
    while (candidate := f"{stem}-{number}") in taken:
        number += 1
    taken.add(candidate)
    return candidate


def _paper_kind() -> str:
    identity = identity_of(WhitePaper)
    assert identity is not None and identity.identity is not None
    return identity.identity


@st.composite
def _white_papers(draw: DrawFn, plan: _Plan) -> WhitePaper:
    raw = list(draw(_raw(WhitePaper, plan)))
    at = {shape.name: index for index, shape in enumerate(shape_of(WhitePaper))}
    kinds = entity_kinds(WhitePaper)
    # A kind whose entities need a reference to an empty kind has none either.
    empty = {kind for kind, shape in kinds if not raw[at[shape.name]]}
    while unmet := [(k, s) for k, s in kinds if k not in empty and _unmet_reference(s.type, frozenset(empty), plan)]:
        for kind, shape in unmet:
            raw[at[shape.name]] = []
            empty.add(kind)

    # One drawn id for the paper and each drawn entity (they shrink); copies' ids are made from them.
    counts = {kind: len(raw[at[shape.name]]) for kind, shape in kinds}
    templates = {kind: min(counts[kind], plan.bound(shape)[2]) for kind, shape in kinds}
    drawn = draw(_unique_slugs(1 + sum(templates.values())))
    taken, fresh = set(drawn), iter(drawn)
    paper_kind = _paper_kind()
    pools: dict[str, Sequence[str]] = {paper_kind: (next(fresh),)}
    for kind, _shape in kinds:
        ids = [next(fresh) for _ in range(templates[kind])]
        ids += [_copy_id(ids[i % templates[kind]], i, taken) for i in range(templates[kind], counts[kind])]
        pools[kind] = ids

    # The paper's date rule (model/_rules.py): what the paper mentions is not after it.
    builder = _Builder(plan, pools, not_after=cast(PartialDate, raw[at["published"]]).latest)
    # Locators point at places of the paper's text, which exist once the text is built: it is
    # built once to find them (any locator will do meanwhile), then again pointing at them.
    entities = {shape.name for _kind, shape in kinds}
    builder.places = (Locator(chapter=1),)
    draft = builder.fields(WhitePaper, raw, pools[paper_kind], skip=entities)
    assert draft is not None
    builder.places = [where for where, _part in WhitePaper.places(cast(WhitePaper, types.SimpleNamespace(**draft)))]
    values = builder.fields(WhitePaper, raw, pools[paper_kind], skip=entities)
    assert values is not None
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

    Hypothesis caps how much one example may draw, so a paper draws at most
    40 entities one by one (each kind its share) and at most 3 objects of
    each tuple inside them; the others copy those, with ids, numbers and
    names of their own. Any size then works (``docs/testing.md`` gives
    figures), and every part of a failing example still shrinks.
    """
    bounds = _bounds(locals())
    kinds = entity_kinds(WhitePaper)
    for shape in shape_of(WhitePaper):
        low = bounds[shape.type][0] if shape.type in bounds else None
        if low is not None and low < shape.min_items:
            raise InvalidArgument(
                f"min_{shape.name}={low} must be at least {shape.min_items}:"
                f" a paper has {a_or_an(shape.type.__name__.lower())}"
            )
        # A required reference (the publisher) needs an entity of its kind.
        holders = [(kind, s) for kind, s in kinds if kind in shape.refers_to and s.type in bounds]
        if not shape.optional and not shape.many and holders and all(bounds[s.type][0] < 1 for _k, s in holders):
            kind, holder = holders[0]
            raise InvalidArgument(
                f"min_{holder.name}={bounds[holder.type][0]} must be at least 1:"
                f" a paper's {shape.name} is {a_or_an(kind)}"
            )
    # Past _ENTITIES_DRAWN_ALL entities in all, each kind draws its share of _ENTITIES_DRAWN.
    highs = {shape.type: bounds.get(shape.type, (0, 2))[1] for _kind, shape in kinds}
    most = sum(highs.values())
    drawn = {
        cls: high if most <= _ENTITIES_DRAWN_ALL else max(1, _ENTITIES_DRAWN * high // most)
        for cls, high in highs.items()
    }
    pooled = frozenset(kind for kind, _shape in kinds) | {_paper_kind()}
    return _white_papers(_Plan(pooled=pooled, placed=True, woven=True, bounds=_plan_bounds(bounds, drawn)))
