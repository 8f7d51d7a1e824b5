"""Hypothesis strategies for every model class (needs the ``hypothesis`` extra).

Every strategy here produces valid objects: building them never raises.
:func:`white_papers` goes further and produces whole papers whose
references all resolve. It builds them top-down, the way the model reads:
first the ids, the sources and the paper's structure (preface, chapters,
sections, items, conclusion), then actors, events, ideas, figures and
documents, whose citations and references point into what already exists.
So every generated paper passes every whole-paper rule.

The strategies for single objects (:func:`events`, :func:`citations` ...)
produce objects that are valid on their own. Give them ``source_ids=``,
``places=`` and the like to make their references point into ids and
locators you already have; left out, references are arbitrary well-formed
identifiers and locators.

Installing the package registers these strategies with Hypothesis (through
its ``hypothesis`` entry point), so ``st.from_type(WhitePaper)`` and
``st.builds`` with model-typed arguments work without further set-up.

Arguments are checked when a strategy is made, not when it is drawn from:
a bad argument raises :class:`hypothesis.errors.InvalidArgument` at once.

Text is drawn from English-like words, Chinese characters and punctuation,
words that YAML would misread if they were left unquoted (``null``,
``yes``, ``2022-11-07`` ...), and any other Unicode the model accepts. Free
text (summaries and notes) may also hold newlines and tabs inside.
"""

from __future__ import annotations

import datetime
import functools
import re
import string
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import DrawFn, SearchStrategy

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
from .model._checks import IDENTIFIER_PATTERN, MAX_IDENTIFIER_LENGTH
from .model._statistics import MAX_EXPONENT, MAX_SIGNIFICANT_DIGITS
from .vocab import (
    ActorKind,
    Certainty,
    DatePrecision,
    DocumentKind,
    DocumentRelation,
    EventKind,
    GoalKind,
    PaperPart,
    PrincipleKind,
    Scale,
    SourceKind,
)

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

T = TypeVar("T")

# A note on speed. Making a strategy costs far more than drawing from one, and
# each draw costs far more than plain Python. So every strategy below is made
# once, at import, and whole papers are drawn by plain functions that pick
# from the paper's own ids and places by index, through cached strategies.

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


def _tidy(value: str) -> str:
    return value.strip()


def _text_of(alphabet: SearchStrategy[str], max_size: int) -> SearchStrategy[str]:
    # The model refuses blank text and text with white space at either end.
    return st.text(alphabet, min_size=1, max_size=max_size).map(_tidy).filter(bool)


_ENGLISH = _text_of(st.sampled_from(_LATIN), 40)
_CHINESE = _text_of(_HAN, 20)
_TRICKY = st.lists(st.sampled_from(_TRICKY_WORDS), min_size=1, max_size=3).map(" ".join)
_UNICODE = _text_of(_ANY_CHARACTER, 20)
_MIXED = _text_of(st.one_of(st.sampled_from(_LATIN), _HAN, _ANY_CHARACTER), 30)

#: One-line text: names, titles, terms.
_NAMES: SearchStrategy[str] = st.one_of(_ENGLISH, _CHINESE, _TRICKY, _UNICODE, _MIXED)
#: Chinese text, for the ``zh`` of a LocalizedText.
_CHINESE_NAMES: SearchStrategy[str] = st.one_of(_CHINESE, _MIXED)
#: Free text: summaries and notes, where tabs and newlines may stand inside.
_PROSE: SearchStrategy[str] = st.one_of(
    _NAMES, _text_of(st.one_of(st.sampled_from(_LATIN + "\n\t"), _HAN, _ANY_CHARACTER), 60)
)
_BOOLEANS = st.booleans()
_LOCALIZED_TEXTS: SearchStrategy[LocalizedText] = st.builds(
    LocalizedText, en=_NAMES, zh=st.none() | _CHINESE_NAMES, en_official=_BOOLEANS
)


def localized_texts() -> SearchStrategy[LocalizedText]:
    """Bilingual text: English always, Chinese often, ``en_official`` either way."""
    return _LOCALIZED_TEXTS


# --- argument checks ------------------------------------------------------------

_IDENTIFIER = re.compile(IDENTIFIER_PATTERN)


def _check_size(name: str, value: object) -> int:
    if type(value) is not int or value < 0:
        raise InvalidArgument(f"{name}={value!r} must be a non-negative integer")
    return value


def _check_sizes(min_name: str, min_value: object, max_name: str, max_value: object) -> tuple[int, int]:
    low = _check_size(min_name, min_value)
    high = _check_size(max_name, max_value)
    if low > high:
        raise InvalidArgument(f"{min_name}={low} is larger than {max_name}={high}")
    return low, high


def _check_ids(name: str, value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidArgument(f"{name} must be a sequence of identifiers or None, got {value!r}")
    for index, item in enumerate(value):
        if type(item) is not str or len(item) > MAX_IDENTIFIER_LENGTH or not _IDENTIFIER.match(item):
            raise InvalidArgument(f"{name}[{index}]={item!r} is not a valid identifier")
    return tuple(value)


def _check_places(name: str, value: object) -> tuple[Locator, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidArgument(f"{name} must be a sequence of Locator or None, got {value!r}")
    for index, item in enumerate(value):
        if type(item) is not Locator:
            raise InvalidArgument(f"{name}[{index}]={item!r} is not a Locator")
    return tuple(value)


def _check_date(name: str, value: object) -> datetime.date | None:
    # A datetime is a date too, but comparing one with a date raises TypeError.
    if value is not None and type(value) is not datetime.date:
        raise InvalidArgument(f"{name}={value!r} must be a datetime.date or None")
    return value


# --- small values ---------------------------------------------------------------

_LOWER = string.ascii_lowercase
_LOWER_DIGITS = string.ascii_lowercase + string.digits
_HYPHENS = re.compile("-+")


def _slug(raw: str) -> str:
    """A drawn run of letters, digits and hyphens, made into an identifier."""
    slug = _HYPHENS.sub("-", raw).strip("-")
    if not slug:
        return "x"
    return slug if slug[0].isalpha() else "x" + slug


# One string draw per identifier; "x" + 63 characters stays within the 64 allowed.
_IDENTIFIERS: SearchStrategy[str] = st.text(
    _LOWER_DIGITS + "-", min_size=1, max_size=MAX_IDENTIFIER_LENGTH - 1
).map(_slug)


def identifiers() -> SearchStrategy[str]:
    """Identifiers: lower-case slugs such as ``xi-jinping``, at most 64 characters."""
    return _IDENTIFIERS


_LANGUAGES = st.one_of(
    st.sampled_from(("en", "zh", "zh-Hans", "zh-Hant-TW", "en-GB", "fr", "ru", "ar", "es")),
    st.builds(
        lambda language, script, region: language + script + region,
        st.text(_LOWER, min_size=2, max_size=3),
        st.sampled_from(("", "-Hans", "-Hant", "-Latn", "-Cyrl")),
        st.sampled_from(("", "-CN", "-GB", "-US", "-TW")),
    ),
)
_LANGUAGE_LISTS = st.lists(_LANGUAGES, unique=True, max_size=3).map(tuple)


@st.composite
def _url(draw: DrawFn) -> str:
    scheme = draw(st.sampled_from(("https://", "http://")))
    labels = draw(st.lists(st.text(_LOWER_DIGITS, min_size=1, max_size=10), min_size=1, max_size=3))
    top = draw(st.sampled_from(("cn", "org", "com", "gov.cn", "int")))
    port = draw(st.sampled_from(("", "", ":8080")))
    path = draw(st.text(st.one_of(st.sampled_from(_LOWER_DIGITS + "/-_.~%?=&#"), _HAN), max_size=30))
    return f"{scheme}{'.'.join(labels)}.{top}{port}/{path}"


_URLS: SearchStrategy[str] = _url()

_EARLIEST_DAY = datetime.date(1, 1, 1)
_LATEST_DAY = datetime.date(9999, 12, 31)
_PRECISIONS = st.sampled_from(DatePrecision)


def _cut(day: datetime.date, precision: DatePrecision, low: datetime.date) -> PartialDate:
    """``day`` at ``precision``, unless the coarser date would start before ``low``."""
    if precision is DatePrecision.YEAR:
        found = PartialDate(year=day.year)
    elif precision is DatePrecision.MONTH:
        found = PartialDate(year=day.year, month=day.month)
    else:
        return PartialDate.from_date(day)
    return found if found.earliest >= low else PartialDate.from_date(day)


def _draw_partial_date(draw: DrawFn, low: datetime.date, high: datetime.date) -> PartialDate:
    day = datetime.date.fromordinal(draw(st.integers(low.toordinal(), high.toordinal())))
    return _cut(day, draw(_PRECISIONS), low)


@st.composite
def _partial_dates(draw: DrawFn, low: datetime.date, high: datetime.date) -> PartialDate:
    return _draw_partial_date(draw, low, high)


def partial_dates(
    *, min_value: datetime.date | None = None, max_value: datetime.date | None = None
) -> SearchStrategy[PartialDate]:
    """Dates of year, month or day precision whose earliest day lies from ``min_value`` to ``max_value``."""
    low = _check_date("min_value", min_value) or _EARLIEST_DAY
    high = _check_date("max_value", max_value) or _LATEST_DAY
    if low > high:
        raise InvalidArgument(f"min_value={low} is later than max_value={high}")
    return _partial_dates(low, high)


# How long after its start a range may end: up to about ten years.
_RANGE_DAYS = st.integers(0, 3660)


def _draw_end(draw: DrawFn, date: PartialDate) -> PartialDate | None:
    if not draw(_BOOLEANS):
        return None
    ordinal = min(date.earliest.toordinal() + draw(_RANGE_DAYS), _LATEST_DAY.toordinal())
    end = _cut(datetime.date.fromordinal(ordinal), draw(_PRECISIONS), date.earliest)
    # The same earliest day at a coarser precision sorts before the date: never end before it.
    return max(end, date)


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


# --- what references may point to -------------------------------------------------


@attrs.frozen(kw_only=True)
class _Pool:
    """What the references of an object may point to; None means any well-formed value.

    ``texts``, when given, are the names, Chinese names and prose that every
    text is picked from (for big papers: see ``_Sizes.pooled_texts``).
    """

    sources: tuple[str, ...] | None = None
    actors: tuple[str, ...] | None = None
    affiliations: tuple[str, ...] | None = None
    events: tuple[str, ...] | None = None
    documents: tuple[str, ...] | None = None
    supports: tuple[str, ...] | None = None
    places: tuple[Locator, ...] | None = None
    not_after: datetime.date | None = None
    max_citations: int = 2
    texts: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None = None


_MAX_ALIASES = 2


def _pick(draw: DrawFn, choices: Sequence[T]) -> T:
    # st.integers is cached by its arguments, so this makes no new strategy per call.
    return choices[draw(st.integers(0, len(choices) - 1))] if len(choices) > 1 else choices[0]


def _draw_ref(draw: DrawFn, pool: tuple[str, ...] | None) -> str | None:
    """No reference, or one into ``pool`` (any identifier if ``pool`` is None)."""
    if pool == () or not draw(_BOOLEANS):
        return None
    return draw(_IDENTIFIERS) if pool is None else _pick(draw, pool)


def _draw_refs(draw: DrawFn, pool: tuple[str, ...] | None, max_size: int) -> tuple[str, ...]:
    """Distinct references into ``pool``, in the order drawn."""
    if pool == ():
        return ()
    count = draw(st.integers(0, max_size if pool is None else min(max_size, len(pool))))
    drawn = (draw(_IDENTIFIERS) if pool is None else _pick(draw, pool) for _ in range(count))
    return tuple(dict.fromkeys(drawn))


def _draw_place(draw: DrawFn, pool: _Pool) -> Locator | None:
    if pool.places == () or not draw(_BOOLEANS):
        return None
    return draw(_LOCATORS) if pool.places is None else _pick(draw, pool.places)


def _draw_name(draw: DrawFn, pool: _Pool) -> str:
    return draw(_NAMES) if pool.texts is None else _pick(draw, pool.texts[0])


def _draw_prose(draw: DrawFn, pool: _Pool) -> str:
    return draw(_PROSE) if pool.texts is None else _pick(draw, pool.texts[2])


def _draw_text(draw: DrawFn, pool: _Pool) -> LocalizedText:
    if pool.texts is None:
        return draw(_LOCALIZED_TEXTS)
    chinese = _pick(draw, pool.texts[1]) if draw(_BOOLEANS) else None
    return LocalizedText(en=_draw_name(draw, pool), zh=chinese, en_official=draw(_BOOLEANS))


def _maybe(draw: DrawFn, pool: _Pool, what: Any) -> Any:
    """``what(draw, pool)``, or None."""
    return what(draw, pool) if draw(_BOOLEANS) else None


_CERTAINTIES = st.sampled_from(Certainty)


def _draw_citation(draw: DrawFn, pool: _Pool) -> Citation:
    return Citation(
        source=draw(_IDENTIFIERS) if pool.sources is None else _pick(draw, pool.sources),
        locator=_draw_place(draw, pool),
        certainty=draw(_CERTAINTIES),
        note=_maybe(draw, pool, _draw_prose),
    )


def _draw_citations(draw: DrawFn, pool: _Pool) -> tuple[Citation, ...]:
    if pool.sources == () or pool.max_citations == 0:
        return ()
    return tuple(_draw_citation(draw, pool) for _ in range(draw(st.integers(0, pool.max_citations))))


def _draw_alias(draw: DrawFn, pool: _Pool) -> Alias:
    return Alias(text=_draw_name(draw, pool), language=draw(_LANGUAGES), source=_draw_ref(draw, pool.sources))


def _draw_aliases(draw: DrawFn, pool: _Pool) -> tuple[Alias, ...]:
    return tuple(_draw_alias(draw, pool) for _ in range(draw(st.integers(0, _MAX_ALIASES))))


# --- objects, one draw function each ----------------------------------------------

_SOURCE_KINDS = st.sampled_from(SourceKind)
_EVENT_KINDS = st.sampled_from(EventKind)
_ACTOR_KINDS = st.sampled_from(ActorKind)
_PRINCIPLE_KINDS = st.sampled_from(PrincipleKind)
_GOAL_KINDS = st.sampled_from(GoalKind)
_DOCUMENT_KINDS = st.sampled_from(DocumentKind)
_RELATIONS = st.sampled_from(DocumentRelation)
_SCALES = st.sampled_from(Scale)
_OPTIONAL_DATES = st.none() | partial_dates()
_OPTIONAL_URLS = st.none() | _URLS


def _draw_source(draw: DrawFn, pool: _Pool, source_id: str) -> Source:
    return Source(
        id=source_id,
        title=_draw_text(draw, pool),
        kind=draw(_SOURCE_KINDS),
        url=draw(_URLS),
        language=draw(_LANGUAGES),
        published=draw(_OPTIONAL_DATES),
        certainty=draw(_CERTAINTIES),
        note=_maybe(draw, pool, _draw_prose),
    )


def _draw_part(draw: DrawFn, pool: _Pool) -> Part:
    return Part(
        title=_draw_text(draw, pool), summary=_draw_prose(draw, pool), citations=_draw_citations(draw, pool)
    )


def _draw_item(draw: DrawFn, pool: _Pool, number: int) -> Item:
    return Item(
        number=number,
        title=_draw_text(draw, pool),
        summary=_maybe(draw, pool, _draw_prose),
        citations=_draw_citations(draw, pool),
    )


def _draw_section(draw: DrawFn, pool: _Pool, number: int, item_count: int) -> Section:
    # Items are numbered 1..n in order, as the paper's rules want.
    return Section(
        number=number,
        title=_draw_text(draw, pool),
        summary=_draw_prose(draw, pool),
        items=tuple(_draw_item(draw, pool, n) for n in range(1, item_count + 1)),
        citations=_draw_citations(draw, pool),
    )


def _draw_chapter(draw: DrawFn, pool: _Pool, number: int, shape: Sequence[int]) -> Chapter:
    return Chapter(
        number=number,
        title=_draw_text(draw, pool),
        summary=_draw_prose(draw, pool),
        sections=tuple(_draw_section(draw, pool, n, count) for n, count in enumerate(shape, 1)),
        citations=_draw_citations(draw, pool),
    )


def _draw_event_date(draw: DrawFn, pool: _Pool, mentioned: bool) -> PartialDate:
    # Only the events the paper mentions must happen no later than the paper.
    high = pool.not_after if mentioned and pool.not_after is not None else _LATEST_DAY
    return _draw_partial_date(draw, _EARLIEST_DAY, high)


def _draw_event(
    draw: DrawFn, pool: _Pool, *, event_id: str, mentioned: bool, date: PartialDate, title: LocalizedText
) -> Event:
    return Event(
        id=event_id,
        date=date,
        end=_draw_end(draw, date),
        kind=draw(_EVENT_KINDS),
        title=title,
        summary=_maybe(draw, pool, _draw_prose),
        place=_maybe(draw, pool, _draw_text),
        actors=_draw_refs(draw, pool.actors, 4),
        documents=_draw_refs(draw, pool.documents, 2),
        mentioned_in_paper=mentioned,
        citations=_draw_citations(draw, pool),
    )


def _draw_actor(draw: DrawFn, pool: _Pool, actor_id: str, affiliation: str | None) -> Actor:
    return Actor(
        id=actor_id,
        name=_draw_text(draw, pool),
        kind=draw(_ACTOR_KINDS),
        role=_maybe(draw, pool, _draw_name),
        affiliation=affiliation,
        aliases=_draw_aliases(draw, pool),
        citations=_draw_citations(draw, pool),
    )


def _draw_principle(
    draw: DrawFn, pool: _Pool, *, principle_id: str, kind: PrincipleKind, order: int, name: LocalizedText
) -> Principle:
    return Principle(
        id=principle_id,
        kind=kind,
        order=order,
        name=name,
        summary=_draw_prose(draw, pool),
        aliases=_draw_aliases(draw, pool),
        located_in=_draw_place(draw, pool),
        introduced_by=_draw_ref(draw, pool.events),
        citations=_draw_citations(draw, pool),
    )


def _draw_terms(draw: DrawFn, pool: _Pool) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_draw_name(draw, pool) for _ in range(draw(st.integers(0, 3)))))


def _draw_goal(
    draw: DrawFn, pool: _Pool, *, goal_id: str, kind: GoalKind, order: int, name: LocalizedText
) -> Goal:
    return Goal(
        id=goal_id,
        kind=kind,
        order=order,
        name=name,
        terms=_draw_terms(draw, pool),
        summary=_draw_prose(draw, pool),
        aliases=_draw_aliases(draw, pool),
        located_in=_draw_place(draw, pool),
        citations=_draw_citations(draw, pool),
    )


def _draw_concern(draw: DrawFn, pool: _Pool, concern_id: str, name: LocalizedText) -> Concern:
    return Concern(
        id=concern_id,
        name=name,
        summary=_draw_prose(draw, pool),
        aliases=_draw_aliases(draw, pool),
        located_in=_draw_place(draw, pool),
        citations=_draw_citations(draw, pool),
    )


def _draw_proposal(draw: DrawFn, pool: _Pool, proposal_id: str, number: int, name: LocalizedText) -> Proposal:
    return Proposal(
        id=proposal_id,
        number=number,
        name=name,
        summary=_draw_prose(draw, pool),
        aliases=_draw_aliases(draw, pool),
        located_in=_draw_place(draw, pool),
        supports=_draw_refs(draw, pool.supports, 4),
        citations=_draw_citations(draw, pool),
    )


_UNITS = st.one_of(
    st.sampled_from(("percent", "yuan", "people", "us-dollars", "users", "websites", "kilometres")),
    _IDENTIFIERS,
)
_DECIMAL_PLACES = st.integers(0, 6)
_COEFFICIENTS = st.one_of(st.integers(0, 999), st.integers(0, 10**MAX_SIGNIFICANT_DIGITS - 1))
# For each count of digits, the exponents that keep the leading digit's
# exponent (the "adjusted" one) within the model's range.
_EXPONENTS = {
    digits: st.integers(-MAX_EXPONENT - (digits - 1), MAX_EXPONENT - (digits - 1))
    for digits in range(1, MAX_SIGNIFICANT_DIGITS + 1)
}


def _draw_figure(draw: DrawFn, unit: str) -> tuple[Decimal, Scale]:
    if unit == "percent":
        # A share from 0 to 100 at scale one, with up to 6 decimal places.
        places = draw(_DECIMAL_PLACES)
        whole = draw(st.integers(0, 100 * 10**places))
        return Decimal(whole).scaleb(-places), Scale.ONE
    coefficient = draw(_COEFFICIENTS)
    exponent = draw(_EXPONENTS[len(str(coefficient))])
    return Decimal(coefficient).scaleb(exponent), draw(_SCALES)


def _draw_statistic(draw: DrawFn, pool: _Pool, statistic_id: str) -> Statistic:
    unit = draw(_UNITS)
    value, scale = _draw_figure(draw, unit)
    as_of = None
    if draw(_BOOLEANS):
        # A figure of the paper refers to a date no later than the paper.
        as_of = _draw_partial_date(draw, _EARLIEST_DAY, pool.not_after or _LATEST_DAY)
    return Statistic(
        id=statistic_id,
        measure=_draw_text(draw, pool),
        value=value,
        unit=unit,
        scale=scale,
        approximate=draw(_BOOLEANS),
        as_of=as_of,
        scope=_draw_name(draw, pool),
        located_in=_draw_place(draw, pool),
        citations=_draw_citations(draw, pool),
    )


def _draw_document(draw: DrawFn, pool: _Pool, document_id: str) -> DocumentRef:
    return DocumentRef(
        id=document_id,
        title=_draw_text(draw, pool),
        kind=draw(_DOCUMENT_KINDS),
        publishers=_draw_refs(draw, pool.actors, 3),
        published=draw(_OPTIONAL_DATES),
        url=draw(_OPTIONAL_URLS),
        relation=draw(_RELATIONS),
        summary=_maybe(draw, pool, _draw_prose),
        citations=_draw_citations(draw, pool),
    )


# --- public strategies for single objects ---------------------------------------


def _pool_for(
    *,
    max_citations: object = 2,
    source_ids: object = None,
    places: object = None,
    actor_ids: object = None,
    affiliation_ids: object = None,
    event_ids: object = None,
    document_ids: object = None,
    support_ids: object = None,
    not_after: object = None,
) -> _Pool:
    """Check the arguments of a public strategy, and say what its references may point to."""
    return _Pool(
        sources=_check_ids("source_ids", source_ids),
        actors=_check_ids("actor_ids", actor_ids),
        affiliations=_check_ids("affiliation_ids", affiliation_ids),
        events=_check_ids("event_ids", event_ids),
        documents=_check_ids("document_ids", document_ids),
        supports=_check_ids("support_ids", support_ids),
        places=_check_places("places", places),
        not_after=_check_date("not_after", not_after),
        max_citations=_check_size("max_citations", max_citations),
    )


@st.composite
def _citations(draw: DrawFn, pool: _Pool) -> Citation:
    return _draw_citation(draw, pool)


def citations(
    *, source_ids: Sequence[str] | None = None, places: Sequence[Locator] | None = None
) -> SearchStrategy[Citation]:
    """Citations of one of ``source_ids``, about one of ``places`` or about no place."""
    pool = _pool_for(source_ids=source_ids, places=places)
    if pool.sources == ():
        raise InvalidArgument("source_ids must not be empty: a citation needs a source")
    return _citations(pool)


@st.composite
def _aliases(draw: DrawFn, pool: _Pool) -> Alias:
    return _draw_alias(draw, pool)


def aliases(*, source_ids: Sequence[str] | None = None) -> SearchStrategy[Alias]:
    """Aliases in any language, used by one of ``source_ids`` or by no known source."""
    return _aliases(_pool_for(source_ids=source_ids))


@st.composite
def _sources(draw: DrawFn) -> Source:
    return _draw_source(draw, _ANYTHING, draw(_IDENTIFIERS))


def sources() -> SearchStrategy[Source]:
    """Sources of every kind, with http(s) addresses. Sources cite nothing."""
    return _sources()


_ANYTHING = _Pool()


@st.composite
def _parts(draw: DrawFn, pool: _Pool) -> Part:
    return _draw_part(draw, pool)


def parts(
    *,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Part]:
    """A preface or conclusion, with up to ``max_citations`` citations."""
    return _parts(_pool_for(max_citations=max_citations, source_ids=source_ids, places=places))


@st.composite
def _items(draw: DrawFn, pool: _Pool) -> Item:
    return _draw_item(draw, pool, draw(_NUMBERS))


def items(
    *,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Item]:
    """Numbered sub-items of a section."""
    return _items(_pool_for(max_citations=max_citations, source_ids=source_ids, places=places))


def _shapes(max_sections: int, max_items: int) -> SearchStrategy[list[int]]:
    """How many items each section of a chapter has."""
    return st.lists(st.integers(0, max_items), max_size=max_sections)


@st.composite
def _sections(draw: DrawFn, pool: _Pool, item_counts: SearchStrategy[int]) -> Section:
    return _draw_section(draw, pool, draw(_NUMBERS), draw(item_counts))


def sections(
    *,
    max_items: int = 3,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Section]:
    """Numbered sections with up to ``max_items`` items, numbered 1..n."""
    pool = _pool_for(max_citations=max_citations, source_ids=source_ids, places=places)
    return _sections(pool, st.integers(0, _check_number("max_items", max_items)))


@st.composite
def _chapters(draw: DrawFn, pool: _Pool, shapes: SearchStrategy[list[int]]) -> Chapter:
    return _draw_chapter(draw, pool, draw(_NUMBERS), draw(shapes))


def chapters(
    *,
    max_sections: int = 3,
    max_items: int = 3,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Chapter]:
    """Chapters with up to ``max_sections`` sections of up to ``max_items`` items, all numbered 1..n."""
    pool = _pool_for(max_citations=max_citations, source_ids=source_ids, places=places)
    shapes = _shapes(_check_number("max_sections", max_sections), _check_number("max_items", max_items))
    return _chapters(pool, shapes)


@st.composite
def _events(draw: DrawFn, pool: _Pool) -> Event:
    mentioned = draw(_BOOLEANS)
    date = _draw_event_date(draw, pool, mentioned)
    return _draw_event(
        draw, pool, event_id=draw(_IDENTIFIERS), mentioned=mentioned, date=date, title=_draw_text(draw, pool)
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
    return _events(
        _pool_for(
            max_citations=max_citations,
            actor_ids=actor_ids,
            document_ids=document_ids,
            source_ids=source_ids,
            places=places,
            not_after=not_after,
        )
    )


@st.composite
def _actors(draw: DrawFn, pool: _Pool) -> Actor:
    actor_id = draw(_IDENTIFIERS)
    affiliation = _draw_ref(draw, pool.affiliations)
    # An actor cannot belong to itself.
    return _draw_actor(draw, pool, actor_id, None if affiliation == actor_id else affiliation)


def actors(
    *,
    max_citations: int = 2,
    affiliation_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Actor]:
    """People and bodies, each belonging to one of ``affiliation_ids`` or to none."""
    return _actors(
        _pool_for(
            max_citations=max_citations, affiliation_ids=affiliation_ids, source_ids=source_ids, places=places
        )
    )


@st.composite
def _principles(draw: DrawFn, pool: _Pool) -> Principle:
    kind, order = draw(_PRINCIPLE_KINDS), draw(_NUMBERS)
    return _draw_principle(
        draw, pool, principle_id=draw(_IDENTIFIERS), kind=kind, order=order, name=_draw_text(draw, pool)
    )


def principles(
    *,
    max_citations: int = 2,
    event_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Principle]:
    """Principles of either kind, introduced by one of ``event_ids`` or by none."""
    return _principles(
        _pool_for(max_citations=max_citations, event_ids=event_ids, source_ids=source_ids, places=places)
    )


@st.composite
def _goals(draw: DrawFn, pool: _Pool) -> Goal:
    kind, order = draw(_GOAL_KINDS), draw(_NUMBERS)
    return _draw_goal(
        draw, pool, goal_id=draw(_IDENTIFIERS), kind=kind, order=order, name=_draw_text(draw, pool)
    )


def goals(
    *,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Goal]:
    """Goals of every kind."""
    return _goals(_pool_for(max_citations=max_citations, source_ids=source_ids, places=places))


@st.composite
def _concerns(draw: DrawFn, pool: _Pool) -> Concern:
    return _draw_concern(draw, pool, draw(_IDENTIFIERS), _draw_text(draw, pool))


def concerns(
    *,
    max_citations: int = 2,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Concern]:
    """Concerns the paper names."""
    return _concerns(_pool_for(max_citations=max_citations, source_ids=source_ids, places=places))


@st.composite
def _proposals(draw: DrawFn, pool: _Pool) -> Proposal:
    return _draw_proposal(draw, pool, draw(_IDENTIFIERS), draw(_NUMBERS), _draw_text(draw, pool))


def proposals(
    *,
    max_citations: int = 2,
    support_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[Proposal]:
    """Proposals that support some of ``support_ids`` (ids of principles and goals)."""
    return _proposals(
        _pool_for(max_citations=max_citations, support_ids=support_ids, source_ids=source_ids, places=places)
    )


@st.composite
def _statistics(draw: DrawFn, pool: _Pool) -> Statistic:
    return _draw_statistic(draw, pool, draw(_IDENTIFIERS))


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
    return _statistics(
        _pool_for(max_citations=max_citations, source_ids=source_ids, places=places, not_after=not_after)
    )


@st.composite
def _document_refs(draw: DrawFn, pool: _Pool) -> DocumentRef:
    return _draw_document(draw, pool, draw(_IDENTIFIERS))


def document_refs(
    *,
    max_citations: int = 2,
    publisher_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    places: Sequence[Locator] | None = None,
) -> SearchStrategy[DocumentRef]:
    """Related documents, published by some of ``publisher_ids``."""
    return _document_refs(
        _pool_for(max_citations=max_citations, actor_ids=publisher_ids, source_ids=source_ids, places=places)
    )


# --- whole papers -----------------------------------------------------------------

#: Numbers of chapters, sections, items, orders and proposals run to 999.
_MAX_NUMBER = 999


def _check_number(name: str, value: object) -> int:
    checked = _check_size(name, value)
    if checked > _MAX_NUMBER:
        raise InvalidArgument(f"{name}={checked} is over {_MAX_NUMBER}, the highest number the model allows")
    return checked


_ENTITY_FIELDS = (
    "sources", "actors", "events", "documents", "principles", "goals", "concerns", "proposals", "statistics",
)  # fmt: skip
#: Up to this many entities, every text of a paper is drawn afresh.
_MOST_ENTITIES_WITH_FRESH_TEXT = 50


@attrs.frozen(kw_only=True)
class _Sizes:
    """Checked bounds of a paper's collections: (min, max) pairs, or a max alone."""

    chapters: tuple[int, int]
    sections: int
    items: int
    principles: tuple[int, int]
    goals: tuple[int, int]
    concerns: tuple[int, int]
    proposals: tuple[int, int]
    events: tuple[int, int]
    actors: tuple[int, int]
    statistics: tuple[int, int]
    documents: tuple[int, int]
    sources: tuple[int, int]
    citations: int

    @property
    def pooled_texts(self) -> bool:
        """Whether a paper this big picks its texts from a few drawn for it.

        Hypothesis caps how much one example may draw; a paper with hundreds
        of entities, each with fresh text, would go over the cap.
        """
        bounds: list[tuple[int, int]] = [getattr(self, name) for name in _ENTITY_FIELDS]
        return sum(high for _, high in bounds) > _MOST_ENTITIES_WITH_FRESH_TEXT


_TEXT_POOLS = st.tuples(
    st.lists(_NAMES, min_size=1, max_size=12).map(tuple),
    st.lists(_CHINESE_NAMES, min_size=1, max_size=6).map(tuple),
    st.lists(_PROSE, min_size=1, max_size=6).map(tuple),
)


@functools.lru_cache(maxsize=256)
def _unique_ids(count: int) -> SearchStrategy[list[str]]:
    return st.lists(_IDENTIFIERS, min_size=count, max_size=count, unique=True)


def _distinct(text: str, taken: set[str], position: int) -> str:
    """``text``, marked with ``position`` as often as needed to be new to ``taken``."""
    while text in taken:
        text = f"{text} [{position}]"
    taken.add(text)
    return text


def _draw_names(draw: DrawFn, pool: _Pool, count: int) -> list[LocalizedText]:
    """Names unique in English, and in Chinese where they have it, as the paper's rules want."""
    taken_en: set[str] = set()
    taken_zh: set[str] = set()
    names = []
    for position in range(count):
        name = _draw_text(draw, pool)
        en = _distinct(name.en, taken_en, position)
        # A clash in Chinese drops the Chinese, which is optional.
        zh = None if name.zh in taken_zh else name.zh
        if zh is not None:
            taken_zh.add(zh)
        names.append(name if (en, zh) == (name.en, name.zh) else attrs.evolve(name, en=en, zh=zh))
    return names


def _numbered_by_kind(kinds: Sequence[Any]) -> list[int]:
    """Each entity's order within its kind: 1, 2, 3 ... in the order they appear."""
    seen: dict[Any, int] = {}
    orders = []
    for kind in kinds:
        seen[kind] = seen.get(kind, 0) + 1
        orders.append(seen[kind])
    return orders


def _existing_places(preface: bool, shape: Sequence[Sequence[int]], conclusion: bool) -> tuple[Locator, ...]:
    places = [Locator(part=PaperPart.PREFACE)] if preface else []
    for chapter, item_counts in enumerate(shape, 1):
        places.append(Locator(chapter=chapter))
        for section, item_count in enumerate(item_counts, 1):
            places.append(Locator(chapter=chapter, section=section))
            places.extend(
                Locator(chapter=chapter, section=section, item=item) for item in range(1, item_count + 1)
            )
    if conclusion:
        places.append(Locator(part=PaperPart.CONCLUSION))
    return tuple(places)


@st.composite
def _white_papers(draw: DrawFn, sizes: _Sizes, shapes: SearchStrategy[list[list[int]]]) -> WhitePaper:
    # How many of each kind, then one id each, unique across the paper.
    counts = {name: draw(st.integers(*getattr(sizes, name))) for name in _ENTITY_FIELDS}
    drawn_ids = draw(_unique_ids(sum(counts.values()) + 1))
    paper_id = drawn_ids.pop()
    ids: dict[str, tuple[str, ...]] = {}
    for name in _ENTITY_FIELDS:
        ids[name], drawn_ids = tuple(drawn_ids[: counts[name]]), drawn_ids[counts[name] :]
    published = draw(partial_dates())

    # The structure comes first, since citations and located_in point into it.
    has_preface, has_conclusion = draw(_BOOLEANS), draw(_BOOLEANS)
    shape = draw(shapes)
    pool = _Pool(
        sources=ids["sources"],
        actors=ids["actors"],
        events=ids["events"],
        documents=(*ids["documents"], paper_id),
        supports=(*ids["principles"], *ids["goals"]),
        places=_existing_places(has_preface, shape, has_conclusion),
        not_after=published.latest,
        max_citations=sizes.citations,
        texts=draw(_TEXT_POOLS) if sizes.pooled_texts else None,
    )
    preface = _draw_part(draw, pool) if has_preface else None
    chapter_list = tuple(_draw_chapter(draw, pool, n, item_counts) for n, item_counts in enumerate(shape, 1))
    conclusion = _draw_part(draw, pool) if has_conclusion else None
    source_list = tuple(_draw_source(draw, pool, source_id) for source_id in ids["sources"])

    actor_list = []
    for position, actor_id in enumerate(ids["actors"]):
        # An actor belongs only to an actor listed before it: never to itself, and no cycles.
        affiliation = _draw_ref(draw, ids["actors"][:position])
        actor_list.append(_draw_actor(draw, pool, actor_id, affiliation))

    event_list = []
    taken: set[str] = set()
    for position, event_id in enumerate(ids["events"]):
        mentioned = draw(_BOOLEANS)
        date = _draw_event_date(draw, pool, mentioned)
        title = _draw_text(draw, pool)
        # Event titles are unique per date.
        unique_title = _distinct(f"{date}|{title.en}", taken, position).split("|", 1)[1]
        if unique_title != title.en:
            title = attrs.evolve(title, en=unique_title)
        event_list.append(
            _draw_event(draw, pool, event_id=event_id, mentioned=mentioned, date=date, title=title)
        )

    principle_kinds = [draw(_PRINCIPLE_KINDS) for _ in ids["principles"]]
    principle_list = tuple(
        _draw_principle(draw, pool, principle_id=principle_id, kind=kind, order=order, name=name)
        for principle_id, kind, order, name in zip(
            ids["principles"],
            principle_kinds,
            _numbered_by_kind(principle_kinds),
            _draw_names(draw, pool, counts["principles"]),
            strict=True,
        )
    )
    goal_kinds = [draw(_GOAL_KINDS) for _ in ids["goals"]]
    goal_list = tuple(
        _draw_goal(draw, pool, goal_id=goal_id, kind=kind, order=order, name=name)
        for goal_id, kind, order, name in zip(
            ids["goals"],
            goal_kinds,
            _numbered_by_kind(goal_kinds),
            _draw_names(draw, pool, counts["goals"]),
            strict=True,
        )
    )
    concern_list = tuple(
        _draw_concern(draw, pool, concern_id, name)
        for concern_id, name in zip(ids["concerns"], _draw_names(draw, pool, counts["concerns"]), strict=True)
    )
    proposal_list = tuple(
        _draw_proposal(draw, pool, proposal_id, number, name)
        for number, (proposal_id, name) in enumerate(
            zip(ids["proposals"], _draw_names(draw, pool, counts["proposals"]), strict=True), 1
        )
    )
    statistic_list = tuple(_draw_statistic(draw, pool, statistic_id) for statistic_id in ids["statistics"])
    document_list = tuple(_draw_document(draw, pool, document_id) for document_id in ids["documents"])

    return WhitePaper(
        id=paper_id,
        title=_draw_text(draw, pool),
        publisher=_pick(draw, ids["actors"]),
        published=published,
        languages=draw(_LANGUAGE_LISTS),
        summary=_draw_prose(draw, pool),
        preface=preface,
        chapters=chapter_list,
        conclusion=conclusion,
        principles=principle_list,
        goals=goal_list,
        concerns=concern_list,
        proposals=proposal_list,
        events=tuple(event_list),
        actors=tuple(actor_list),
        statistics=statistic_list,
        documents=document_list,
        sources=source_list,
        citations=_draw_citations(draw, pool),
    )


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

    Papers that may hold more than 50 entities pick their texts from a few
    drawn for each paper, so that they fit in what Hypothesis lets one
    example draw. Their smallest example is big, so a test of them needs
    ``suppress_health_check=[HealthCheck.large_base_example]`` (and, on a
    slow machine, ``HealthCheck.too_slow``).
    """
    sizes = _Sizes(
        chapters=_check_sizes("min_chapters", min_chapters, "max_chapters", max_chapters),
        sections=_check_number("max_sections", max_sections),
        items=_check_number("max_items", max_items),
        principles=_check_sizes("min_principles", min_principles, "max_principles", max_principles),
        goals=_check_sizes("min_goals", min_goals, "max_goals", max_goals),
        concerns=_check_sizes("min_concerns", min_concerns, "max_concerns", max_concerns),
        proposals=_check_sizes("min_proposals", min_proposals, "max_proposals", max_proposals),
        events=_check_sizes("min_events", min_events, "max_events", max_events),
        actors=_check_sizes("min_actors", min_actors, "max_actors", max_actors),
        statistics=_check_sizes("min_statistics", min_statistics, "max_statistics", max_statistics),
        documents=_check_sizes("min_documents", min_documents, "max_documents", max_documents),
        sources=_check_sizes("min_sources", min_sources, "max_sources", max_sources),
        citations=_check_size("max_citations", max_citations),
    )
    if sizes.chapters[0] < 1:
        raise InvalidArgument(f"min_chapters={min_chapters} must be at least 1: a paper has a chapter")
    if sizes.actors[0] < 1:
        raise InvalidArgument(f"min_actors={min_actors} must be at least 1: a paper's publisher is an actor")
    # These are numbered 1..n, and numbers run to 999.
    for name, value in (
        ("max_chapters", max_chapters),
        ("max_principles", max_principles),
        ("max_goals", max_goals),
        ("max_proposals", max_proposals),
    ):
        _check_number(name, value)
    shapes = st.lists(
        _shapes(sizes.sections, sizes.items), min_size=sizes.chapters[0], max_size=sizes.chapters[1]
    )
    return _white_papers(sizes, shapes)


# --- registration -------------------------------------------------------------------


def _register_hypothesis_strategies() -> None:
    """Register a strategy for every model class; Hypothesis calls this through its entry point."""
    registered: dict[type, SearchStrategy[Any]] = {
        WhitePaper: white_papers(),
        Part: parts(),
        Chapter: chapters(),
        Section: sections(),
        Item: items(),
        Principle: principles(),
        Goal: goals(),
        Concern: concerns(),
        Proposal: proposals(),
        Event: events(),
        Actor: actors(),
        Statistic: statistics(),
        DocumentRef: document_refs(),
        Source: sources(),
        Citation: citations(),
        Alias: aliases(),
        LocalizedText: localized_texts(),
        PartialDate: partial_dates(),
        Locator: locators(),
    }
    for cls, strategy in registered.items():
        st.register_type_strategy(cls, strategy)
