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

Installing the package registers these strategies with Hypothesis (its
``hypothesis`` entry point, in ``_hypothesis_plugin``), so
``st.from_type(WhitePaper)`` and ``st.builds`` with model-typed arguments
work without further set-up.

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
import random
import re
import string
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TypeVar

import attrs

try:
    import hypothesis  # noqa: F401 -- imported here only to say what to install when it is missing
except ModuleNotFoundError:
    raise ModuleNotFoundError(
        "cyberspace_whitepaper.strategies needs Hypothesis: pip install 'cyberspace-whitepaper[hypothesis]'",
        name="hypothesis",
    ) from None
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import DrawFn, SearchStrategy

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
from .model._checks import IDENTIFIER_PATTERN, MAX_EXPONENT, MAX_IDENTIFIER_LENGTH, MAX_SIGNIFICANT_DIGITS
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
    _NAMES,
    _text_of(st.one_of(st.sampled_from(_LATIN + "\n\t"), _HAN, _ANY_CHARACTER), 60),
    st.lists(_NAMES, min_size=2, max_size=3).map("\n".join),
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


@st.composite
def _url(draw: DrawFn) -> str:
    scheme = draw(st.sampled_from(("https://", "http://")))
    labels = draw(st.lists(st.text(_LOWER_DIGITS, min_size=1, max_size=10), min_size=1, max_size=3))
    top = draw(st.sampled_from(("cn", "org", "com", "gov.cn", "int")))
    port = draw(st.sampled_from(("", "", ":8080")))
    path = draw(st.text(st.one_of(st.sampled_from(_LOWER_DIGITS + "/-_.~%?=&#"), _HAN), max_size=30))
    return f"{scheme}{'.'.join(labels)}.{top}{port}/{path}"


_URLS: SearchStrategy[str] = _url()
_UNITS = st.one_of(
    st.sampled_from(("percent", "yuan", "people", "us-dollars", "users", "websites", "kilometres")),
    _IDENTIFIERS,
)
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


# --- choosers: where the choices come from ------------------------------------------


class _Chooser:
    """Where the choices that build an object come from.

    :class:`_Drawing` draws each choice from Hypothesis, so that examples
    shrink choice by choice. :class:`_Seeded` takes them from a seeded
    random generator, and its texts, languages, addresses and units from
    a few values Hypothesis drew for the paper: Hypothesis caps how much
    one example may draw, and papers with hundreds of entities would go
    over the cap if every choice were drawn.
    """

    def flip(self) -> bool:
        raise NotImplementedError

    def integer(self, low: int, high: int) -> int:
        raise NotImplementedError

    def value(self, kind: SearchStrategy[T]) -> T:
        """A value of ``kind``: one of the module's text, language, URL or unit strategies."""
        raise NotImplementedError

    def identifiers(self, count: int) -> list[str]:
        """``count`` distinct identifiers."""
        raise NotImplementedError

    def pick(self, choices: Sequence[T]) -> T:
        return choices[self.integer(0, len(choices) - 1)] if len(choices) > 1 else choices[0]


class _Drawing(_Chooser):
    def __init__(self, draw: DrawFn):
        self.draw = draw

    def flip(self) -> bool:
        return self.draw(_BOOLEANS)

    def integer(self, low: int, high: int) -> int:
        # st.integers is cached by its arguments: no new strategy per call.
        return self.draw(st.integers(low, high))

    def value(self, kind: SearchStrategy[T]) -> T:
        return self.draw(kind)

    def identifiers(self, count: int) -> list[str]:
        return self.draw(_unique_ids(count))


@functools.lru_cache(maxsize=256)
def _unique_ids(count: int) -> SearchStrategy[list[str]]:
    return st.lists(_IDENTIFIERS, min_size=count, max_size=count, unique=True)


class _Seeded(_Chooser):
    def __init__(self, seed: int, values: dict[SearchStrategy[Any], tuple[Any, ...]]):
        self.random = random.Random(seed)  # noqa: S311 -- test data, not secrets
        self.values = values

    def flip(self) -> bool:
        return self.random.random() < 0.5

    def integer(self, low: int, high: int) -> int:
        return self.random.randint(low, high)

    def value(self, kind: SearchStrategy[T]) -> T:
        found: T = self.random.choice(self.values[kind])
        return found

    def identifiers(self, count: int) -> list[str]:
        found: dict[str, None] = {}
        while len(found) < count:
            words = self.random.randint(1, 3)
            found[
                "-".join(
                    self.random.choice(_LOWER)
                    + "".join(self.random.choices(_LOWER_DIGITS, k=self.random.randint(0, 8)))
                    for _ in range(words)
                )
            ] = None
        return list(found)


#: What a seeded chooser picks its values from: a few of each, drawn per paper.
_SEEDED_KINDS: tuple[SearchStrategy[Any], ...] = (_NAMES, _CHINESE_NAMES, _PROSE, _LANGUAGES, _URLS, _UNITS)


@st.composite
def _seeded(draw: DrawFn) -> _Seeded:
    values = {kind: tuple(draw(st.lists(kind, min_size=1, max_size=8))) for kind in _SEEDED_KINDS}
    return _Seeded(draw(st.integers(0, 2**64 - 1)), values)


# --- dates ------------------------------------------------------------------------

_EARLIEST_DAY = datetime.date(1, 1, 1)
_LATEST_DAY = datetime.date(9999, 12, 31)
_PRECISION_MEMBERS = tuple(DatePrecision)
# How long after its start a range may end: up to about ten years.
_MOST_RANGE_DAYS = 3660


def _cut(day: datetime.date, precision: DatePrecision, low: datetime.date) -> PartialDate:
    """``day`` at ``precision``, unless the coarser date would start before ``low``."""
    if precision is DatePrecision.YEAR:
        found = PartialDate(year=day.year)
    elif precision is DatePrecision.MONTH:
        found = PartialDate(year=day.year, month=day.month)
    else:
        return PartialDate.from_date(day)
    return found if found.earliest >= low else PartialDate.from_date(day)


def _choose_date(
    chooser: _Chooser, low: datetime.date = _EARLIEST_DAY, high: datetime.date = _LATEST_DAY
) -> PartialDate:
    day = datetime.date.fromordinal(chooser.integer(low.toordinal(), high.toordinal()))
    return _cut(day, chooser.pick(_PRECISION_MEMBERS), low)


def _choose_optional_date(chooser: _Chooser) -> PartialDate | None:
    return _choose_date(chooser) if chooser.flip() else None


def _choose_end(chooser: _Chooser, date: PartialDate) -> PartialDate | None:
    if not chooser.flip():
        return None
    ordinal = min(date.earliest.toordinal() + chooser.integer(0, _MOST_RANGE_DAYS), _LATEST_DAY.toordinal())
    end = _cut(datetime.date.fromordinal(ordinal), chooser.pick(_PRECISION_MEMBERS), date.earliest)
    # The same earliest day at a coarser precision sorts before the date: never end before it.
    return max(end, date)


@st.composite
def _partial_dates(draw: DrawFn, low: datetime.date, high: datetime.date) -> PartialDate:
    return _choose_date(_Drawing(draw), low, high)


def partial_dates(
    *, min_value: datetime.date | None = None, max_value: datetime.date | None = None
) -> SearchStrategy[PartialDate]:
    """Dates of year, month or day precision whose earliest day lies from ``min_value`` to ``max_value``."""
    low = _check_date("min_value", min_value) or _EARLIEST_DAY
    high = _check_date("max_value", max_value) or _LATEST_DAY
    if low > high:
        raise InvalidArgument(f"min_value={low} is later than max_value={high}")
    return _partial_dates(low, high)


# --- what references may point to -------------------------------------------------


@attrs.frozen(kw_only=True)
class _Pool:
    """What the references of an object may point to; None means any well-formed value."""

    sources: tuple[str, ...] | None = None
    actors: tuple[str, ...] | None = None
    affiliations: tuple[str, ...] | None = None
    events: tuple[str, ...] | None = None
    documents: tuple[str, ...] | None = None
    supports: tuple[str, ...] | None = None
    places: tuple[Locator, ...] | None = None
    not_after: datetime.date | None = None
    max_citations: int = 2


_ANYTHING = _Pool()
_MAX_ALIASES = 2


def _choose_id(chooser: _Chooser) -> str:
    return chooser.value(_IDENTIFIERS)


def _choose_ref(chooser: _Chooser, pool: tuple[str, ...] | None) -> str | None:
    """No reference, or one into ``pool`` (any identifier if ``pool`` is None)."""
    if pool == () or not chooser.flip():
        return None
    return _choose_id(chooser) if pool is None else chooser.pick(pool)


def _choose_refs(chooser: _Chooser, pool: tuple[str, ...] | None, max_size: int) -> tuple[str, ...]:
    """Distinct references into ``pool``, in the order chosen."""
    if pool == ():
        return ()
    count = chooser.integer(0, max_size if pool is None else min(max_size, len(pool)))
    chosen = (_choose_id(chooser) if pool is None else chooser.pick(pool) for _ in range(count))
    return tuple(dict.fromkeys(chosen))


def _choose_place(chooser: _Chooser, pool: _Pool) -> Locator | None:
    if pool.places == () or not chooser.flip():
        return None
    return chooser.value(_LOCATORS) if pool.places is None else chooser.pick(pool.places)


def _choose_prose(chooser: _Chooser) -> str:
    return chooser.value(_PROSE)


def _choose_optional_prose(chooser: _Chooser) -> str | None:
    return chooser.value(_PROSE) if chooser.flip() else None


def _choose_text(chooser: _Chooser) -> LocalizedText:
    return LocalizedText(
        en=chooser.value(_NAMES),
        zh=chooser.value(_CHINESE_NAMES) if chooser.flip() else None,
        en_official=chooser.flip(),
    )


_CERTAINTY_MEMBERS = tuple(Certainty)


def _choose_citation(chooser: _Chooser, pool: _Pool) -> Citation:
    return Citation(
        source=_choose_id(chooser) if pool.sources is None else chooser.pick(pool.sources),
        locator=_choose_place(chooser, pool),
        certainty=chooser.pick(_CERTAINTY_MEMBERS),
        note=_choose_optional_prose(chooser),
    )


def _choose_citations(chooser: _Chooser, pool: _Pool) -> tuple[Citation, ...]:
    if pool.sources == () or pool.max_citations == 0:
        return ()
    return tuple(_choose_citation(chooser, pool) for _ in range(chooser.integer(0, pool.max_citations)))


def _choose_alias(chooser: _Chooser, pool: _Pool) -> Alias:
    return Alias(
        text=chooser.value(_NAMES),
        language=chooser.value(_LANGUAGES),
        source=_choose_ref(chooser, pool.sources),
    )


def _choose_aliases(chooser: _Chooser, pool: _Pool) -> tuple[Alias, ...]:
    return tuple(_choose_alias(chooser, pool) for _ in range(chooser.integer(0, _MAX_ALIASES)))


# --- objects, one function each ----------------------------------------------------

_SOURCE_KINDS = tuple(SourceKind)
_EVENT_KINDS = tuple(EventKind)
_ACTOR_KINDS = tuple(ActorKind)
_PRINCIPLE_KINDS = tuple(PrincipleKind)
_GOAL_KINDS = tuple(GoalKind)
_DOCUMENT_KINDS = tuple(DocumentKind)
_RELATIONS = tuple(DocumentRelation)
_SCALES = tuple(Scale)


def _choose_source(chooser: _Chooser, source_id: str) -> Source:
    return Source(
        id=source_id,
        title=_choose_text(chooser),
        kind=chooser.pick(_SOURCE_KINDS),
        url=chooser.value(_URLS),
        language=chooser.value(_LANGUAGES),
        other_languages=tuple(dict.fromkeys(chooser.value(_LANGUAGES) for _ in range(chooser.integer(0, 2)))),
        published=_choose_optional_date(chooser),
        certainty=chooser.pick(_CERTAINTY_MEMBERS),
        note=_choose_optional_prose(chooser),
    )


def _choose_part(chooser: _Chooser, pool: _Pool) -> Part:
    return Part(
        title=_choose_text(chooser),
        summary=_choose_prose(chooser),
        citations=_choose_citations(chooser, pool),
    )


def _choose_label(chooser: _Chooser) -> LocalizedText | None:
    return _choose_text(chooser) if chooser.flip() else None


def _choose_item(chooser: _Chooser, pool: _Pool, number: int) -> Item:
    return Item(
        number=number,
        label=_choose_label(chooser),
        title=_choose_text(chooser),
        summary=_choose_optional_prose(chooser),
        citations=_choose_citations(chooser, pool),
    )


def _choose_section(chooser: _Chooser, pool: _Pool, number: int, item_count: int) -> Section:
    # Items are numbered 1..n in order, as the paper's rules want.
    return Section(
        number=number,
        label=_choose_label(chooser),
        title=_choose_text(chooser),
        summary=_choose_prose(chooser),
        items=tuple(_choose_item(chooser, pool, n) for n in range(1, item_count + 1)),
        citations=_choose_citations(chooser, pool),
    )


def _choose_chapter(chooser: _Chooser, pool: _Pool, number: int, shape: Sequence[int]) -> Chapter:
    return Chapter(
        number=number,
        label=_choose_label(chooser),
        title=_choose_text(chooser),
        summary=_choose_prose(chooser),
        sections=tuple(_choose_section(chooser, pool, n, count) for n, count in enumerate(shape, 1)),
        citations=_choose_citations(chooser, pool),
    )


def _choose_event_date(chooser: _Chooser, pool: _Pool, mentioned: bool) -> PartialDate:
    # Only the events the paper mentions must happen no later than the paper.
    return _choose_date(chooser, high=pool.not_after if mentioned and pool.not_after else _LATEST_DAY)


def _choose_event(
    chooser: _Chooser, pool: _Pool, *, event_id: str, mentioned: bool, date: PartialDate, title: LocalizedText
) -> Event:
    return Event(
        id=event_id,
        date=date,
        end=_choose_end(chooser, date),
        kind=chooser.pick(_EVENT_KINDS),
        title=title,
        summary=_choose_optional_prose(chooser),
        place=_choose_text(chooser) if chooser.flip() else None,
        actors=_choose_refs(chooser, pool.actors, 4),
        documents=_choose_refs(chooser, pool.documents, 2),
        mentioned_in_paper=mentioned,
        citations=_choose_citations(chooser, pool),
    )


def _choose_actor(chooser: _Chooser, pool: _Pool, actor_id: str, affiliation: str | None) -> Actor:
    return Actor(
        id=actor_id,
        name=_choose_text(chooser),
        kind=chooser.pick(_ACTOR_KINDS),
        role=chooser.value(_NAMES) if chooser.flip() else None,
        affiliation=affiliation,
        aliases=_choose_aliases(chooser, pool),
        citations=_choose_citations(chooser, pool),
    )


def _choose_principle(
    chooser: _Chooser, pool: _Pool, *, principle_id: str, kind: PrincipleKind, order: int, name: LocalizedText
) -> Principle:
    return Principle(
        id=principle_id,
        kind=kind,
        order=order,
        name=name,
        summary=_choose_prose(chooser),
        aliases=_choose_aliases(chooser, pool),
        located_in=_choose_place(chooser, pool),
        introduced_by=_choose_ref(chooser, pool.events),
        citations=_choose_citations(chooser, pool),
    )


def _choose_terms(chooser: _Chooser) -> tuple[str, ...]:
    return tuple(dict.fromkeys(chooser.value(_NAMES) for _ in range(chooser.integer(0, 3))))


def _choose_goal(
    chooser: _Chooser, pool: _Pool, *, goal_id: str, kind: GoalKind, order: int, name: LocalizedText
) -> Goal:
    return Goal(
        id=goal_id,
        kind=kind,
        order=order,
        name=name,
        terms=_choose_terms(chooser),
        summary=_choose_prose(chooser),
        aliases=_choose_aliases(chooser, pool),
        located_in=_choose_place(chooser, pool),
        citations=_choose_citations(chooser, pool),
    )


def _choose_concern(chooser: _Chooser, pool: _Pool, concern_id: str, name: LocalizedText) -> Concern:
    return Concern(
        id=concern_id,
        name=name,
        summary=_choose_prose(chooser),
        aliases=_choose_aliases(chooser, pool),
        located_in=_choose_place(chooser, pool),
        citations=_choose_citations(chooser, pool),
    )


def _choose_proposal(
    chooser: _Chooser, pool: _Pool, proposal_id: str, number: int, name: LocalizedText
) -> Proposal:
    return Proposal(
        id=proposal_id,
        number=number,
        name=name,
        summary=_choose_prose(chooser),
        aliases=_choose_aliases(chooser, pool),
        located_in=_choose_place(chooser, pool),
        supports=_choose_refs(chooser, pool.supports, 4),
        citations=_choose_citations(chooser, pool),
    )


def _choose_figure(chooser: _Chooser, unit: str) -> tuple[Decimal, Scale]:
    if unit == "percent":
        # A share from 0 to 100 at scale one, with up to 6 decimal places.
        places = chooser.integer(0, 6)
        return Decimal(chooser.integer(0, 100 * 10**places)).scaleb(-places), Scale.ONE
    # Small coefficients half the time, up to the model's 15 significant digits otherwise.
    coefficient = chooser.integer(0, 999 if chooser.flip() else 10**MAX_SIGNIFICANT_DIGITS - 1)
    # The exponent keeps the leading digit's exponent (the "adjusted" one) within the model's range.
    lead = len(str(coefficient)) - 1
    exponent = chooser.integer(-MAX_EXPONENT - lead, MAX_EXPONENT - lead)
    return Decimal(coefficient).scaleb(exponent), chooser.pick(_SCALES)


def _choose_statistic(chooser: _Chooser, pool: _Pool, statistic_id: str) -> Statistic:
    unit = chooser.value(_UNITS)
    value, scale = _choose_figure(chooser, unit)
    # A figure of the paper refers to a date no later than the paper.
    as_of = _choose_date(chooser, high=pool.not_after or _LATEST_DAY) if chooser.flip() else None
    return Statistic(
        id=statistic_id,
        measure=_choose_text(chooser),
        value=value,
        unit=unit,
        scale=scale,
        approximate=chooser.flip(),
        as_of=as_of,
        scope=chooser.value(_NAMES),
        located_in=_choose_place(chooser, pool),
        citations=_choose_citations(chooser, pool),
    )


def _choose_document(chooser: _Chooser, pool: _Pool, document_id: str) -> DocumentRef:
    return DocumentRef(
        id=document_id,
        title=_choose_text(chooser),
        kind=chooser.pick(_DOCUMENT_KINDS),
        publishers=_choose_refs(chooser, pool.actors, 3),
        published=_choose_optional_date(chooser),
        url=chooser.value(_URLS) if chooser.flip() else None,
        relation=chooser.pick(_RELATIONS),
        summary=_choose_optional_prose(chooser),
        citations=_choose_citations(chooser, pool),
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
    return _choose_citation(_Drawing(draw), pool)


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
    return _choose_alias(_Drawing(draw), pool)


def aliases(*, source_ids: Sequence[str] | None = None) -> SearchStrategy[Alias]:
    """Aliases in any language, used by one of ``source_ids`` or by no known source."""
    return _aliases(_pool_for(source_ids=source_ids))


@st.composite
def _sources(draw: DrawFn) -> Source:
    chooser = _Drawing(draw)
    return _choose_source(chooser, _choose_id(chooser))


def sources() -> SearchStrategy[Source]:
    """Sources of every kind, with http(s) addresses. Sources cite nothing."""
    return _sources()


@st.composite
def _parts(draw: DrawFn, pool: _Pool) -> Part:
    return _choose_part(_Drawing(draw), pool)


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
    return _choose_item(_Drawing(draw), pool, draw(_NUMBERS))


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
    return _choose_section(_Drawing(draw), pool, draw(_NUMBERS), draw(item_counts))


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
    return _choose_chapter(_Drawing(draw), pool, draw(_NUMBERS), draw(shapes))


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
    chooser = _Drawing(draw)
    mentioned = chooser.flip()
    return _choose_event(
        chooser,
        pool,
        event_id=_choose_id(chooser),
        mentioned=mentioned,
        date=_choose_event_date(chooser, pool, mentioned),
        title=_choose_text(chooser),
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
    chooser = _Drawing(draw)
    actor_id = _choose_id(chooser)
    affiliation = _choose_ref(chooser, pool.affiliations)
    # An actor cannot belong to itself.
    return _choose_actor(chooser, pool, actor_id, None if affiliation == actor_id else affiliation)


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
    chooser = _Drawing(draw)
    return _choose_principle(
        chooser,
        pool,
        principle_id=_choose_id(chooser),
        kind=chooser.pick(_PRINCIPLE_KINDS),
        order=draw(_NUMBERS),
        name=_choose_text(chooser),
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
    chooser = _Drawing(draw)
    return _choose_goal(
        chooser,
        pool,
        goal_id=_choose_id(chooser),
        kind=chooser.pick(_GOAL_KINDS),
        order=draw(_NUMBERS),
        name=_choose_text(chooser),
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
    chooser = _Drawing(draw)
    return _choose_concern(chooser, pool, _choose_id(chooser), _choose_text(chooser))


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
    chooser = _Drawing(draw)
    return _choose_proposal(chooser, pool, _choose_id(chooser), draw(_NUMBERS), _choose_text(chooser))


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
    chooser = _Drawing(draw)
    return _choose_statistic(chooser, pool, _choose_id(chooser))


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
    chooser = _Drawing(draw)
    return _choose_document(chooser, pool, _choose_id(chooser))


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
#: Papers that may hold more entities than this are built by a seeded chooser.
_MOST_ENTITIES_DRAWN = 50


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
    def seeded(self) -> bool:
        """Whether papers this big are built by a seeded chooser (see :class:`_Chooser`)."""
        bounds: list[tuple[int, int]] = [getattr(self, name) for name in _ENTITY_FIELDS]
        return sum(high for _, high in bounds) > _MOST_ENTITIES_DRAWN


def _distinct(text: str, taken: set[str], position: int) -> str:
    """``text``, marked with ``position`` as often as needed to be new to ``taken``."""
    while text in taken:
        text = f"{text} [{position}]"
    taken.add(text)
    return text


def _choose_names(chooser: _Chooser, count: int) -> list[LocalizedText]:
    """Names unique in English, and in Chinese where they have it, as the paper's rules want."""
    taken_en: set[str] = set()
    taken_zh: set[str] = set()
    names = []
    for position in range(count):
        name = _choose_text(chooser)
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


def _choose_shape(chooser: _Chooser, sizes: _Sizes) -> list[list[int]]:
    """How many sections each chapter has, and how many items each section."""
    return [
        [chooser.integer(0, sizes.items) for _ in range(chooser.integer(0, sizes.sections))]
        for _ in range(chooser.integer(*sizes.chapters))
    ]


def _choose_white_paper(chooser: _Chooser, sizes: _Sizes) -> WhitePaper:
    # How many of each kind, then one id each, unique across the paper.
    counts = {name: chooser.integer(*getattr(sizes, name)) for name in _ENTITY_FIELDS}
    drawn_ids = chooser.identifiers(sum(counts.values()) + 1)
    paper_id = drawn_ids.pop()
    ids: dict[str, tuple[str, ...]] = {}
    for name in _ENTITY_FIELDS:
        ids[name], drawn_ids = tuple(drawn_ids[: counts[name]]), drawn_ids[counts[name] :]
    published = _choose_date(chooser)

    # The structure comes first, since citations and located_in point into it.
    has_preface, has_conclusion = chooser.flip(), chooser.flip()
    shape = _choose_shape(chooser, sizes)
    pool = _Pool(
        sources=ids["sources"],
        actors=ids["actors"],
        events=ids["events"],
        documents=(*ids["documents"], paper_id),
        supports=(*ids["principles"], *ids["goals"]),
        places=_existing_places(has_preface, shape, has_conclusion),
        not_after=published.latest,
        max_citations=sizes.citations,
    )
    preface = _choose_part(chooser, pool) if has_preface else None
    chapter_list = tuple(
        _choose_chapter(chooser, pool, n, item_counts) for n, item_counts in enumerate(shape, 1)
    )
    conclusion = _choose_part(chooser, pool) if has_conclusion else None
    source_list = tuple(_choose_source(chooser, source_id) for source_id in ids["sources"])

    actor_list = []
    for position, actor_id in enumerate(ids["actors"]):
        # An actor belongs only to an actor listed before it: never to itself, and no cycles.
        affiliation = _choose_ref(chooser, ids["actors"][:position])
        actor_list.append(_choose_actor(chooser, pool, actor_id, affiliation))

    event_list = []
    taken: set[str] = set()
    taken_zh: set[tuple[PartialDate, str | None]] = set()
    for position, event_id in enumerate(ids["events"]):
        mentioned = chooser.flip()
        date = _choose_event_date(chooser, pool, mentioned)
        title = _choose_text(chooser)
        # Event titles are unique per date.
        unique_title = _distinct(f"{date}|{title.en}", taken, position).split("|", 1)[1]
        if unique_title != title.en:
            title = attrs.evolve(title, en=unique_title)
        # And in Chinese: a clash drops the Chinese, which is optional.
        if title.zh is not None and (date, title.zh) in taken_zh:
            title = attrs.evolve(title, zh=None)
        taken_zh.add((date, title.zh))
        event_list.append(
            _choose_event(chooser, pool, event_id=event_id, mentioned=mentioned, date=date, title=title)
        )

    principle_kinds = [chooser.pick(_PRINCIPLE_KINDS) for _ in ids["principles"]]
    principle_list = tuple(
        _choose_principle(chooser, pool, principle_id=principle_id, kind=kind, order=order, name=name)
        for principle_id, kind, order, name in zip(
            ids["principles"],
            principle_kinds,
            _numbered_by_kind(principle_kinds),
            _choose_names(chooser, counts["principles"]),
            strict=True,
        )
    )
    goal_kinds = [chooser.pick(_GOAL_KINDS) for _ in ids["goals"]]
    goal_list = tuple(
        _choose_goal(chooser, pool, goal_id=goal_id, kind=kind, order=order, name=name)
        for goal_id, kind, order, name in zip(
            ids["goals"],
            goal_kinds,
            _numbered_by_kind(goal_kinds),
            _choose_names(chooser, counts["goals"]),
            strict=True,
        )
    )
    concern_list = tuple(
        _choose_concern(chooser, pool, concern_id, name)
        for concern_id, name in zip(ids["concerns"], _choose_names(chooser, counts["concerns"]), strict=True)
    )
    proposal_list = tuple(
        _choose_proposal(chooser, pool, proposal_id, number, name)
        for number, (proposal_id, name) in enumerate(
            zip(ids["proposals"], _choose_names(chooser, counts["proposals"]), strict=True), 1
        )
    )
    statistic_list = tuple(
        _choose_statistic(chooser, pool, statistic_id) for statistic_id in ids["statistics"]
    )
    document_list = tuple(_choose_document(chooser, pool, document_id) for document_id in ids["documents"])
    languages = tuple(dict.fromkeys(chooser.value(_LANGUAGES) for _ in range(chooser.integer(0, 3))))

    publisher = chooser.pick(ids["actors"])
    return WhitePaper(
        id=paper_id,
        kind=chooser.pick(_DOCUMENT_KINDS),
        title=_choose_text(chooser),
        publisher=publisher,
        co_publishers=_choose_refs(chooser, tuple(a for a in ids["actors"] if a != publisher), 2),
        published=published,
        languages=languages,
        summary=_choose_prose(chooser),
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
        citations=_choose_citations(chooser, pool),
    )


@st.composite
def _white_papers(draw: DrawFn, sizes: _Sizes) -> WhitePaper:
    chooser: _Chooser = draw(_seeded()) if sizes.seeded else _Drawing(draw)
    return _choose_white_paper(chooser, sizes)


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

    Hypothesis caps how much one example may draw, so a paper that may hold
    more than 50 entities is built from a drawn seed and a few drawn texts,
    languages, addresses and units, rather than choice by choice. Any size
    then works (a paper of 1,000 events takes a tenth of a second), but a failing
    example of such a paper shrinks little.
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
    return _white_papers(sizes)


# --- a corpus -------------------------------------------------------------------------


def expressions(
    *,
    document_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
    max_citations: int = 2,
) -> SearchStrategy[Expression]:
    """Cells of a crosswalk: a document's wording of an idea, citing some of ``source_ids``.

    Their locators are left out: a place needs the paper it is in, which
    :func:`corpora` weaves in.
    """
    documents = _check_ids("document_ids", document_ids)
    pool = _pool_for(max_citations=max_citations, source_ids=source_ids, places=())
    return st.builds(
        Expression,
        document=st.sampled_from(documents) if documents else _IDENTIFIERS,
        wording=_LOCALIZED_TEXTS,
        locator=st.none() | _LOCATORS,
        note=st.none() | _PROSE,
        citations=st.lists(_citations(pool), max_size=max_citations).map(tuple)
        if pool.sources != ()
        else st.just(()),
    )


def concepts(
    *,
    max_expressions: int = 3,
    document_ids: Sequence[str] | None = None,
    source_ids: Sequence[str] | None = None,
) -> SearchStrategy[Concept]:
    """Ideas of a crosswalk, each worded by up to ``max_expressions`` documents."""
    _check_size("max_expressions", max_expressions)
    pool = _pool_for(source_ids=source_ids, places=())
    return st.builds(
        Concept,
        id=_IDENTIFIERS,
        name=_LOCALIZED_TEXTS,
        summary=_PROSE,
        aliases=st.lists(aliases(source_ids=source_ids), max_size=_MAX_ALIASES).map(tuple),
        expressions=st.lists(
            expressions(document_ids=document_ids, source_ids=source_ids), max_size=max_expressions
        ).map(tuple),
        citations=st.lists(_citations(pool), max_size=2).map(tuple) if pool.sources != () else st.just(()),
    )


def _ids_of(paper: WhitePaper) -> set[str]:
    return {paper.id, *(entity.id for entity in paper.entities())}


@st.composite
def _corpora(draw: DrawFn, min_papers: int, max_papers: int) -> Corpus:
    papers = draw(
        st.lists(white_papers(max_events=3, max_actors=3), min_size=min_papers, max_size=max_papers)
    )
    # Papers drawn apart share no id: then no two records of one thing can disagree.
    taken: set[str] = set()
    for paper in papers:
        ids = _ids_of(paper)
        assume(not ids & taken)
        taken |= ids
    own = draw(st.lists(_IDENTIFIERS.filter(lambda i: i not in taken), min_size=5, max_size=5, unique=True))
    corpus_id, source_id, document_id, *actor_ids = own
    source = attrs.evolve(draw(sources()), id=source_id)
    pool = _pool_for(source_ids=(source_id,), places=())
    corpus_actors = [
        attrs.evolve(draw(actors(affiliation_ids=(), source_ids=(source_id,), places=())), id=actor_id)
        for actor_id in actor_ids[: draw(st.integers(0, 2))]
    ]
    document = attrs.evolve(
        draw(
            document_refs(
                publisher_ids=tuple(a.id for a in corpus_actors), source_ids=(source_id,), places=()
            )
        ),
        id=document_id,
    )
    paper_ids = tuple(paper.id for paper in papers)
    crosswalk = draw(
        st.lists(
            concepts(max_expressions=2, document_ids=(*paper_ids, document_id), source_ids=(source_id,)),
            max_size=2,
            unique_by=lambda c: c.id,
        ).filter(lambda found: not {c.id for c in found} & (taken | set(own)))
    )
    # Names of ideas are distinct; a place is one of the quoted paper's own.
    names: set[str] = set()
    woven = []
    for concept in crosswalk:
        texts = {unicodedata.normalize("NFC", t) for t in (concept.name.en, concept.name.zh) if t is not None}
        assume(not texts & names)
        names |= texts
        cells = []
        for cell in concept.expressions:
            quoted = next((p for p in papers if p.id == cell.document), None)
            places = [where for where, _part in quoted.places()] if quoted is not None else []
            locator = draw(st.none() | st.sampled_from(places)) if places else None
            cells.append(attrs.evolve(cell, locator=locator))
        woven.append(attrs.evolve(concept, expressions=tuple(cells)))
    return Corpus(
        id=corpus_id,
        title=draw(_LOCALIZED_TEXTS),
        summary=draw(_PROSE),
        papers=tuple(papers),
        documents=(document,),
        concepts=tuple(woven),
        actors=tuple(corpus_actors),
        sources=(source,),
        citations=tuple(draw(st.lists(_citations(pool), max_size=2))),
    )


def corpora(*, min_papers: int = 1, max_papers: int = 2) -> SearchStrategy[Corpus]:
    """Corpora of small papers that share no id, with a crosswalk quoting them and a document of its own."""
    low, high = _check_sizes("min_papers", min_papers, "max_papers", max_papers)
    if low < 1:
        raise InvalidArgument(f"min_papers={min_papers} must be at least 1: a corpus has a paper")
    return _corpora(low, high)
