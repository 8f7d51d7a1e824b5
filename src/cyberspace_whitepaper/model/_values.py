"""Value types: bilingual text, dates of partial precision, places in the paper."""

import calendar
import datetime
import re
from typing import Any, ClassVar, Self, TypeGuard

import attrs

from ..errors import excerpt
from ..vocab import DatePrecision, PaperPart
from ._checks import fail, identifier, in_range, language_tag, name_text
from ._shape import Kind, checked, describe, written_as_text

__all__ = ["Alias", "LocalizedText", "Locator", "PartialDate"]


@attrs.frozen(kw_only=True, field_transformer=checked)
class LocalizedText:
    """A piece of text in English, and in Chinese where known.

    Titles and names of the white paper are given in both languages. Where
    no official English wording was seen, the English is our gloss or a
    machine translation and ``en_official`` is false: never present such
    English as the paper's own.

    The model's bilingual texts are all names of something: names, titles,
    headings, labels, places (prose, such as a summary, is a plain string).
    So neither language may hold an invisible format character (a zero-width
    space, a joiner, a soft hyphen: Unicode category Cf), which would make
    two names that look the same differ.

    Attributes:
        en: the English text.
        zh: the Chinese text (simplified characters), if known.
        en_official: whether ``en`` is the official English wording.
    """

    en: str = attrs.field(metadata=describe("The English text.", name_text()))
    zh: str | None = attrs.field(
        default=None, metadata=describe("The Chinese text (simplified characters), if known.", name_text())
    )
    en_official: bool = attrs.field(
        default=True,
        metadata=describe(
            "Whether the English is the official wording; false when it is a gloss or machine translation."
        ),
    )

    def __str__(self) -> str:
        return self.en


@attrs.frozen(kw_only=True, field_transformer=checked)
class Alias:
    """Another wording of a name, and who uses it.

    The TDI report says "ineffective regulation" where the paper says
    "unsound regulation": the report's wording is kept as an alias of the
    official term, with the report as its source.

    Attributes:
        text: the other wording.
        language: its language tag (``en``, ``zh``).
        source: id of a source that uses this wording, if one is known.
    """

    text: str = attrs.field(metadata=describe("The other wording.", name_text()))
    language: str = attrs.field(
        default="en", metadata=describe("Language tag of the wording.", language_tag())
    )
    source: str | None = attrs.field(
        default=None,
        metadata=describe("Id of a source that uses this wording.", identifier(), refers_to=("source",)),
    )


_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
_PRECISION_RANK = {DatePrecision.YEAR: 0, DatePrecision.MONTH: 1, DatePrecision.DAY: 2}


@written_as_text(Kind.DATE)
@attrs.frozen(kw_only=True, field_transformer=checked)
class PartialDate:
    """A calendar date known to the year, the month or the day.

    Written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (EDTF level 0). A date
    never gains a day or month its source did not give: "October 2019" stays
    ``2019-10``.

    A partial date is a span of days, from :attr:`earliest` to :attr:`latest`.
    Questions about time are asked with the relations, which compare spans:
    :meth:`contains`, :meth:`overlaps`, :meth:`before` and :meth:`after`
    ("entirely before", "entirely after"). Each also takes a
    :class:`datetime.date`, which is the span of its one day.

    The operators ``<``, ``<=``, ``>``, ``>=`` only *sort*: by earliest day,
    then by precision, so ``2022`` < ``2022-01`` < ``2022-01-01`` <
    ``2022-01-02``. A :class:`datetime.date` sorts as the day-precision date
    of the same day. Sorting is not a question about time: ``2022-11-07 <=
    2022`` is false although the day lies in 2022; ask
    ``PartialDate.parse("2022").contains(...)`` or use
    :meth:`WhitePaper.events_between`. A partial date never equals a
    ``datetime.date`` (a ``datetime.datetime``, whose time of day the paper
    never gives, is refused).

    Attributes:
        year: the year, 1 to 9999.
        month: the month, 1 to 12, if known.
        day: the day of the month, if known (needs ``month``).
    """

    year: int = attrs.field(metadata=describe("Year, 1 to 9999.", in_range(1, 9999)))
    month: int | None = attrs.field(default=None, metadata=describe("Month, 1 to 12.", in_range(1, 12)))
    day: int | None = attrs.field(default=None, metadata=describe("Day of the month.", in_range(1, 31)))

    PATTERN: ClassVar[str] = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"

    def __attrs_post_init__(self) -> None:
        self._check()

    def _check(self) -> None:
        if self.day is not None:
            if self.month is None:
                raise fail("$.day", "value", "a day needs a month")
            last = calendar.monthrange(self.year, self.month)[1]
            if self.day > last:
                raise fail(
                    "$.day",
                    "value",
                    f"{self.year:04d}-{self.month:02d} has {last} days, got day {self.day}",
                )

    @classmethod
    def parse(cls, value: str) -> Self:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; anything else is an error."""
        if type(value) is not str:
            raise fail("$", "type", f"expected date string, got {excerpt(value)}")
        match = _DATE.match(value)
        if match is None:
            raise fail(
                "$",
                "pattern",
                f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {excerpt(value)}",
            )
        year, month, day = match.groups()
        try:
            return cls(
                year=int(year),
                month=None if month is None else int(month),
                day=None if day is None else int(day),
            )
        except ValueError:
            # Re-raised with the whole string, since the caller sees one value.
            raise fail("$", "value", f"not a real date: {excerpt(value)}") from None

    @classmethod
    def from_date(cls, value: datetime.date) -> Self:
        """A day-precision date from a :class:`datetime.date`."""
        return cls(year=value.year, month=value.month, day=value.day)

    @property
    def precision(self) -> DatePrecision:
        """Whether the year, the month or the day is known."""
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    @property
    def earliest(self) -> datetime.date:
        """The first day this date can mean."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> datetime.date:
        """The last day this date can mean."""
        if self.day is not None and self.month is not None:
            return datetime.date(self.year, self.month, self.day)
        month = self.month or 12
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def contains(self, other: "PartialDate | datetime.date") -> bool:
        """Whether every day ``other`` can mean lies within this date: ``2022`` contains ``2022-11-07``."""
        first, last = _span(other)
        return self.earliest <= first and last <= self.latest

    def overlaps(self, other: "PartialDate | datetime.date") -> bool:
        """Whether some day lies within both dates: ``2022-11`` overlaps ``2022``, not ``2022-12``."""
        first, last = _span(other)
        return self.earliest <= last and first <= self.latest

    def before(self, other: "PartialDate | datetime.date") -> bool:
        """Whether this date ends before ``other`` begins.

        ``2022-10`` is before ``2022-11-07``; ``2022`` is not.
        """
        return self.latest < _span(other)[0]

    def after(self, other: "PartialDate | datetime.date") -> bool:
        """Whether this date begins after ``other`` ends.

        ``2023`` is after ``2022-11``; ``2022-12`` is not after ``2022``.
        """
        return self.earliest > _span(other)[1]

    def _key(self) -> tuple[int, int, int, int]:
        return (self.year, self.month or 1, self.day or 1, _PRECISION_RANK[self.precision])

    def __lt__(self, other: "PartialDate | datetime.date") -> bool:
        key = _sort_key(other)
        return NotImplemented if key is None else self._key() < key

    def __le__(self, other: "PartialDate | datetime.date") -> bool:
        key = _sort_key(other)
        return NotImplemented if key is None else self._key() <= key

    def __gt__(self, other: "PartialDate | datetime.date") -> bool:
        key = _sort_key(other)
        return NotImplemented if key is None else self._key() > key

    def __ge__(self, other: "PartialDate | datetime.date") -> bool:
        key = _sort_key(other)
        return NotImplemented if key is None else self._key() >= key

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _is_day(value: object) -> TypeGuard[datetime.date]:
    # A datetime is a date by inheritance, but it carries a time of day the paper never gives.
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def _span(value: "PartialDate | datetime.date") -> tuple[datetime.date, datetime.date]:
    """The first and last day of a partial date or of a day."""
    if isinstance(value, PartialDate):
        return value.earliest, value.latest
    if _is_day(value):
        return value, value
    raise TypeError(f"expected a PartialDate or a datetime.date, got {type(value).__name__}")


def _sort_key(value: object) -> tuple[int, int, int, int] | None:
    """How ``value`` sorts among partial dates, or None if it is not a date."""
    if isinstance(value, PartialDate):
        return value._key()
    if _is_day(value):
        return (value.year, value.month, value.day, _PRECISION_RANK[DatePrecision.DAY])
    return None


_ROMAN_VALUES = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_LOCATOR = re.compile(r"([IVXLCDM]+)(?:\.([1-9][0-9]{0,2})(?:\(([1-9][0-9]{0,2})\))?)?\Z")


def to_roman(number: int) -> str:
    """Write 1 to 3999 in Roman numerals, the way the paper numbers chapters."""
    parts = []
    for value, letters in _ROMAN_VALUES:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def _from_roman(letters: str) -> int | None:
    total = 0
    rest = letters
    for value, symbol in _ROMAN_VALUES:
        while rest.startswith(symbol):
            total += value
            rest = rest[len(symbol) :]
    # Only the canonical spelling counts: "IIII" and "IC" are not numbers here.
    if rest or not 1 <= total <= 3999 or to_roman(total) != letters:
        return None
    return total


@written_as_text(Kind.LOCATOR)
@attrs.frozen(kw_only=True, field_transformer=checked)
class Locator:
    """A place in the paper: ``preface``, ``conclusion``, ``I``, ``I.3``, ``III.1(2)``.

    Chapters are Roman numerals, sections Arabic numbers after a dot, and
    sub-items numbers in brackets, as in the official English text. Locators
    sort in reading order: preface, chapters, conclusion.

    Attributes:
        part: ``preface`` or ``conclusion``, for the unnumbered parts.
        chapter: the chapter number (I is 1).
        section: the section number within the chapter.
        item: the sub-item number within the section.
    """

    part: PaperPart | None = attrs.field(
        default=None, metadata=describe("The unnumbered part named, preface or conclusion.")
    )
    chapter: int | None = attrs.field(
        default=None, metadata=describe("Chapter number (I is 1).", in_range(1, 3999))
    )
    section: int | None = attrs.field(
        default=None, metadata=describe("Section number in the chapter.", in_range(1, 999))
    )
    item: int | None = attrs.field(
        default=None, metadata=describe("Sub-item number in the section.", in_range(1, 999))
    )

    # The lookahead keeps every Roman part from being empty at once ("", ".1").
    PATTERN: ClassVar[str] = (
        r"^(preface|conclusion|(?=[IVXLCDM])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})"
        r"(\.[1-9][0-9]{0,2}(\([1-9][0-9]{0,2}\))?)?)$"
    )

    def __attrs_post_init__(self) -> None:
        self._check()

    def _check(self) -> None:
        if self.part is not None:
            if (self.chapter, self.section, self.item) != (None, None, None):
                raise fail("$.part", "value", "a preface or conclusion locator has no numbers")
        elif self.chapter is None:
            raise fail("$.chapter", "missing", "a locator needs a part or a chapter")
        elif self.section is None and self.item is not None:
            raise fail("$.item", "value", "an item needs a section")

    @classmethod
    def parse(cls, value: str) -> Self:
        """Read ``preface``, ``conclusion``, ``I``, ``I.3`` or ``III.1(2)``."""
        if type(value) is not str:
            raise fail("$", "type", f"expected locator string, got {excerpt(value)}")
        if value in ("preface", "conclusion"):
            return cls(part=PaperPart(value))
        match = _LOCATOR.match(value)
        chapter = _from_roman(match.group(1)) if match else None
        if match is None or chapter is None:
            raise fail(
                "$",
                "pattern",
                f"expected a locator such as 'preface', 'I', 'I.3' or 'III.1(2)', got {excerpt(value)}",
            )
        section, item = match.group(2), match.group(3)
        return cls(
            chapter=chapter,
            section=None if section is None else int(section),
            item=None if item is None else int(item),
        )

    def parent(self) -> "Locator | None":
        """The locator one level up: ``III.1(2)`` -> ``III.1`` -> ``III`` -> ``None``."""
        if self.item is not None:
            return Locator(chapter=self.chapter, section=self.section)
        if self.section is not None:
            return Locator(chapter=self.chapter)
        return None

    def _key(self) -> tuple[int, int, int, int]:
        if self.part is PaperPart.PREFACE:
            return (0, 0, 0, 0)
        if self.part is PaperPart.CONCLUSION:
            return (2, 0, 0, 0)
        return (1, self.chapter or 0, self.section or 0, self.item or 0)

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, Locator):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: Any) -> bool:
        if not isinstance(other, Locator):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: Any) -> bool:
        if not isinstance(other, Locator):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: Any) -> bool:
        if not isinstance(other, Locator):
            return NotImplemented
        return self._key() >= other._key()

    def __str__(self) -> str:
        if self.part is not None:
            return self.part.value
        out = to_roman(self.chapter or 0)
        if self.section is not None:
            out += f".{self.section}"
            if self.item is not None:
                out += f"({self.item})"
        return out
