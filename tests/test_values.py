"""The value types: PartialDate, Locator, LocalizedText, Scale and Statistic.magnitude."""

from __future__ import annotations

import datetime
import json
import unicodedata
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cyberspace_whitepaper as cw
from cyberspace_whitepaper import strategies
from cyberspace_whitepaper.model import MODEL_CLASSES
from cyberspace_whitepaper.model._checks import FORMAT_CHARACTER_RANGES, Text
from cyberspace_whitepaper.model._shape import Kind, shape_of
from cyberspace_whitepaper.vocab import DatePrecision, PaperPart, Scale

PRECISION_RANK = {DatePrecision.YEAR: 0, DatePrecision.MONTH: 1, DatePrecision.DAY: 2}


def date(value: str) -> cw.PartialDate:
    return cw.PartialDate.parse(value)


def where(value: str) -> cw.Locator:
    return cw.Locator.parse(value)


@st.composite
def date_strings(draw: st.DrawFn) -> str:
    """Every valid way of writing a date: a real day, cut to year, month or day."""
    day = draw(st.dates())
    return draw(st.sampled_from([f"{day.year:04d}", f"{day.year:04d}-{day.month:02d}", day.isoformat()]))


class TestPartialDate:
    @pytest.mark.parametrize(
        ("written", "precision", "earliest", "latest"),
        [
            ("2022", DatePrecision.YEAR, datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)),
            ("2022-11", DatePrecision.MONTH, datetime.date(2022, 11, 1), datetime.date(2022, 11, 30)),
            ("2024-02", DatePrecision.MONTH, datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
            ("2023-02", DatePrecision.MONTH, datetime.date(2023, 2, 1), datetime.date(2023, 2, 28)),
            ("2022-11-07", DatePrecision.DAY, datetime.date(2022, 11, 7), datetime.date(2022, 11, 7)),
            ("0001", DatePrecision.YEAR, datetime.date(1, 1, 1), datetime.date(1, 12, 31)),
            ("9999-12", DatePrecision.MONTH, datetime.date(9999, 12, 1), datetime.date(9999, 12, 31)),
        ],
    )
    def test_precision_earliest_and_latest(
        self, written: str, precision: DatePrecision, earliest: datetime.date, latest: datetime.date
    ) -> None:
        """A date knows its precision and the first and last day it can mean, leap years included."""
        parsed = date(written)
        assert (parsed.precision, parsed.earliest, parsed.latest) == (precision, earliest, latest)

    def test_never_invents_a_day(self) -> None:
        """A month stays a month: no day is made up for it, in the object or in its text."""
        parsed = date("2019-10")
        assert (parsed.year, parsed.month, parsed.day) == (2019, 10, None)
        assert str(parsed) == "2019-10"

    def test_order_is_by_earliest_day_then_precision(self) -> None:
        """2021-12-31 < 2022 < 2022-01 < 2022-01-01 < 2022-01-02 < 2022-02."""
        written = ["2022-02", "2022-01-01", "2022", "2022-01-02", "2021-12-31", "2022-01"]
        assert [str(d) for d in sorted(map(date, written))] == [
            "2021-12-31",
            "2022",
            "2022-01",
            "2022-01-01",
            "2022-01-02",
            "2022-02",
        ]

    @given(first=strategies.partial_dates(), second=strategies.partial_dates())
    def test_order_agrees_with_its_key(self, first: cw.PartialDate, second: cw.PartialDate) -> None:
        """For any two dates, <, <=, >, >= and == agree with (earliest day, precision)."""
        key_1 = (first.earliest, PRECISION_RANK[first.precision])
        key_2 = (second.earliest, PRECISION_RANK[second.precision])
        assert (first < second) == (key_1 < key_2)
        assert (first <= second) == (key_1 <= key_2)
        assert (first > second) == (key_1 > key_2)
        assert (first >= second) == (key_1 >= key_2)
        assert (first == second) == (key_1 == key_2)

    def test_comparing_with_another_type_raises(self) -> None:
        """A date is not ordered against a string or a datetime.datetime (a time of day it never has)."""
        with pytest.raises(TypeError):
            _ = date("2022") < "2023"  # type: ignore[operator]
        with pytest.raises(TypeError):
            _ = date("2022") < datetime.datetime(2023, 1, 1)  # type: ignore[operator]

    @given(written=date_strings())
    def test_parse_then_str_gives_the_same_text(self, written: str) -> None:
        """Every valid date string parses and prints back exactly."""
        assert str(cw.PartialDate.parse(written)) == written

    @given(value=strategies.partial_dates())
    def test_str_then_parse_gives_the_same_date(self, value: cw.PartialDate) -> None:
        """Every date prints as text that parses back to an equal date."""
        assert cw.PartialDate.parse(str(value)) == value

    @given(day=st.dates())
    def test_from_date_is_a_day_precision_date(self, day: datetime.date) -> None:
        """A datetime.date becomes a date of day precision meaning exactly that day."""
        value = cw.PartialDate.from_date(day)
        assert (value.precision, value.earliest, value.latest, str(value)) == (
            DatePrecision.DAY,
            day,
            day,
            day.isoformat(),
        )

    def test_contains(self) -> None:
        """A coarser date contains the finer dates within it, and not the other way round."""
        assert date("2022").contains(date("2022-11-07"))
        assert date("2022-11").contains(date("2022-11"))
        assert not date("2022-11").contains(date("2022"))
        assert not date("2022").contains(date("2023-01"))

    def test_each_comparison_operator_against_dates_and_days(self) -> None:
        """<, <=, > and >= each compare with a partial date and with a day; a coarser date sorts first."""
        year, day = date("2022"), date("2022-11-07")
        assert [year < day, year <= day, day > year, day >= year] == [True] * 4
        assert [day <= date("2022-11-07"), day >= date("2022-11-07")] == [True, True]
        assert [day <= datetime.date(2022, 11, 7), day >= datetime.date(2022, 11, 7)] == [True, True]
        assert [year <= datetime.date(2022, 1, 1), year >= datetime.date(2022, 1, 2)] == [True, False]

    @pytest.mark.parametrize("operator", ["__lt__", "__le__", "__gt__", "__ge__"])
    def test_comparison_with_what_is_not_a_date_is_not_implemented(self, operator: str) -> None:
        """Comparing with a string leaves Python to raise its TypeError."""
        assert getattr(date("2022"), operator)("2022") is NotImplemented
        with pytest.raises(TypeError):
            date("2022") < "2022"  # type: ignore[operator]  # noqa: B015

    def test_date_relations_name_what_they_cannot_compare(self) -> None:
        """before, after and overlaps take partial dates and days only, and say what they got."""
        message = "expected a PartialDate or a datetime.date, got str"
        for relation in ("before", "after", "overlaps"):
            with pytest.raises(TypeError) as caught:
                getattr(date("2022"), relation)("2022")
            assert str(caught.value) == message


class TestLocator:
    def test_reading_order(self) -> None:
        """Locators sort as the paper reads: preface, chapters with their sections and items, conclusion."""
        written = ["conclusion", "II", "I.1(2)", "preface", "I.2", "I", "I.1", "I.1(1)", "X", "IX.10"]
        assert [str(loc) for loc in sorted(map(where, written))] == [
            "preface",
            "I",
            "I.1",
            "I.1(1)",
            "I.1(2)",
            "I.2",
            "II",
            "IX.10",
            "X",
            "conclusion",
        ]

    @given(first=strategies.locators(), second=strategies.locators())
    def test_order_is_total_and_agrees_with_equality(self, first: cw.Locator, second: cw.Locator) -> None:
        """Any two locators compare one way only, and compare equal only when they are equal."""
        assert sum([first < second, first == second, first > second]) == 1
        assert (first <= second) == (first < second or first == second)
        assert (first >= second) == (first > second or first == second)

    @pytest.mark.parametrize(
        ("child", "parent"),
        [("III.1(2)", "III.1"), ("III.1", "III"), ("III", None), ("preface", None), ("conclusion", None)],
    )
    def test_parent(self, child: str, parent: str | None) -> None:
        """parent() goes one level up: item to section to chapter to nothing."""
        found = where(child).parent()
        assert (None if found is None else str(found)) == parent

    @given(value=strategies.locators())
    def test_parent_is_one_level_up_and_before(self, value: cw.Locator) -> None:
        """A parent, where there is one, comes before its child in reading order and is its prefix."""
        parent = value.parent()
        if parent is not None:
            assert parent < value
            assert str(value).startswith(str(parent))

    @given(value=strategies.locators())
    def test_str_then_parse_gives_the_same_locator(self, value: cw.Locator) -> None:
        """Every locator prints as text that parses back to an equal locator."""
        assert cw.Locator.parse(str(value)) == value

    @given(chapter=st.integers(1, 3999), section=st.none() | st.integers(1, 999), item=st.integers(1, 999))
    def test_parse_then_str_gives_the_same_text(self, chapter: int, section: int | None, item: int) -> None:
        """Text written from any chapter, section and item numbers parses and prints back exactly."""
        numbers = cw.Locator(chapter=chapter, section=section, item=None if section is None else item)
        written = str(numbers)
        assert str(cw.Locator.parse(written)) == written

    @pytest.mark.parametrize(
        ("chapter", "roman"),
        [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (1994, "MCMXCIV"), (3999, "MMMCMXCIX")],
    )
    def test_chapters_are_roman_numerals(self, chapter: int, roman: str) -> None:
        """Chapter numbers are written as canonical Roman numerals."""
        assert str(cw.Locator(chapter=chapter)) == roman
        assert cw.Locator.parse(roman).chapter == chapter

    def test_parts(self) -> None:
        """preface and conclusion are locators of the unnumbered parts."""
        assert where("preface") == cw.Locator(part=PaperPart.PREFACE)
        assert str(cw.Locator(part=PaperPart.CONCLUSION)) == "conclusion"

    def test_each_comparison_operator(self) -> None:
        """<, <=, > and >= each follow the reading order; a locator is not compared with a string."""
        first, second = where("I.2"), where("II")
        assert [first < second, first <= second, second > first, second >= first] == [True] * 4
        assert [first <= where("I.2"), first >= where("I.2"), first > where("I.2")] == [True, True, False]
        for operator in ("__lt__", "__le__", "__gt__", "__ge__"):
            assert getattr(first, operator)("II") is NotImplemented

    def test_a_locator_is_read_from_a_string_only(self) -> None:
        """Anything but a string is a type problem at the locator itself."""
        with pytest.raises(cw.ValidationError) as caught:
            cw.Locator.parse(3)  # type: ignore[arg-type]
        assert [(p.path, p.code, p.message) for p in caught.value.problems] == [
            ("$", "type", "expected locator string, got 3")
        ]


class TestLocalizedText:
    def test_defaults(self) -> None:
        """Only the English is required; Chinese is unknown and the English official by default."""
        value = cw.LocalizedText(en="Cyber sovereignty")
        assert (value.zh, value.en_official) == (None, True)

    def test_str_is_the_english(self) -> None:
        """str() of a bilingual text is its English."""
        assert str(cw.LocalizedText(en="Preface", zh="前言")) == "Preface"

    def test_equal_texts_hash_alike(self) -> None:
        """Texts are values: equal when every field is, with equal hashes."""
        first = cw.LocalizedText(en="Preface", zh="前言", en_official=False)
        second = cw.LocalizedText(en="Preface", zh="前言", en_official=False)
        assert first == second
        assert hash(first) == hash(second)
        assert first != cw.LocalizedText(en="Preface", zh="前言")

    def test_chinese_is_kept_as_written(self) -> None:
        """Chinese text is written to JSON as itself, not as escapes."""
        text = cw.dumps(cw.LocalizedText(en="Preface", zh="前言"))
        assert '"zh": "前言"' in text


FORMAT_CHARACTERS = [chr(code) for first, last in FORMAT_CHARACTER_RANGES for code in range(first, last + 1)]


def _problems(call: object) -> tuple[cw.Problem, ...]:
    with pytest.raises(cw.ValidationError) as caught:
        call()  # type: ignore[operator]
    return caught.value.problems


class TestNameText:
    def test_the_list_is_unicodes_format_category(self) -> None:
        """The list holds every Cf character of this Python's Unicode, and else only unassigned ones."""
        listed = {ord(character) for character in FORMAT_CHARACTERS}
        here = {code for code in range(0x110000) if unicodedata.category(chr(code)) == "Cf"}
        assert sorted(here - listed) == []
        assert {unicodedata.category(chr(code)) for code in listed - here} <= {"Cn"}

    @pytest.mark.parametrize("character", FORMAT_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
    def test_a_name_refuses_each_format_character(self, character: str) -> None:
        """A name with a format character is refused at its text, built or read, naming the code point."""
        value = f"Respect{character}"
        expected = (
            cw.Problem(
                path="$.en",
                code="character",
                message=f"must not contain the character U+{ord(character):04X}: {value!r}",
            ),
        )
        assert _problems(lambda: cw.LocalizedText(en=value)) == expected
        assert _problems(lambda: cw.loads(json.dumps({"en": value}), type=cw.LocalizedText)) == expected
        assert _problems(lambda: cw.Alias(text=value))[0].code == "character"

    def test_prose_keeps_format_characters(self) -> None:
        """A summary may hold a joiner or a soft hyphen (only names refuse them), but no bidi override."""
        principle = cw.load_white_paper().principles[0]
        for prose in ("co\u00adoperation", "family \U0001f468\u200d\U0001f469", "\u200bquoted"):
            assert attrs.evolve(principle, summary=prose).summary == prose
        assert _problems(lambda: attrs.evolve(principle, summary="a\u202eb"))[0].code == "character"

    def test_every_field_that_names_its_object_holds_name_text(self) -> None:
        """The fields the shape declares names=True hold texts that refuse format characters."""
        naming = [shape for cls in MODEL_CLASSES for shape in shape_of(cls) if shape.names]
        assert naming
        for shape in naming:
            texts = shape_of(shape.type) if shape.kind is Kind.MODEL else (shape,)
            for text in texts:
                if text.kind is Kind.TEXT:
                    assert isinstance(text.constraint, Text)
                    assert not text.constraint.invisible, (shape.name, text.name)


class TestScale:
    @pytest.mark.parametrize(
        ("scale", "multiplier"),
        [
            (Scale.ONE, Decimal(1)),
            (Scale.THOUSAND, Decimal(1000)),
            (Scale.MILLION, Decimal(1_000_000)),
            (Scale.BILLION, Decimal(1_000_000_000)),
            (Scale.TRILLION, Decimal(1_000_000_000_000)),
        ],
    )
    def test_multiplier_is_exact(self, scale: Scale, multiplier: Decimal) -> None:
        """Each scale stands for an exact Decimal power of ten."""
        assert type(scale.multiplier) is Decimal
        assert scale.multiplier == multiplier

    def test_every_scale_has_a_multiplier(self) -> None:
        """No scale is left without its factor."""
        assert sorted(scale.multiplier for scale in Scale) == [Decimal(10) ** k for k in (0, 3, 6, 9, 12)]


def statistic(value: str, unit: str = "yuan", scale: Scale = Scale.ONE) -> cw.Statistic:
    return cw.Statistic(
        id="s", measure=cw.LocalizedText(en="m"), value=Decimal(value), unit=unit, scale=scale, scope="China"
    )


class TestMagnitude:
    @pytest.mark.parametrize(
        ("value", "unit", "scale", "magnitude"),
        [
            ("45.5", "yuan", Scale.TRILLION, "45500000000000"),
            ("39.8", "percent", Scale.ONE, "39.8"),
            ("1.032", "people", Scale.BILLION, "1032000000"),
            ("0.1", "yuan", Scale.THOUSAND, "100"),
            ("123456789012345", "yuan", Scale.TRILLION, "123456789012345000000000000"),
        ],
    )
    def test_magnitude_is_exact(self, value: str, unit: str, scale: Scale, magnitude: str) -> None:
        """value times scale, with no float rounding: 45.5 trillion is exactly 45500000000000."""
        assert statistic(value, unit, scale).magnitude == Decimal(magnitude)

    def test_value_keeps_its_digits(self) -> None:
        """39.8 stays 39.8: the value is the Decimal given, not a float near it."""
        assert str(statistic("39.8", "percent").value) == "39.8"
        assert statistic("39.8", "percent").value != Decimal(39.8)  # noqa: RUF032 -- the float, on purpose

    @given(figure=strategies.statistics())
    def test_magnitude_keeps_every_digit(self, figure: cw.Statistic) -> None:
        """For any figure, magnitude has the value's digits, shifted by the scale's power of ten."""
        magnitude = figure.magnitude
        assert magnitude == figure.value.scaleb(len(str(figure.scale.multiplier)) - 1)
        assert magnitude / figure.scale.multiplier == figure.value
        if not figure.value.is_zero():
            assert magnitude.normalize().as_tuple().digits == figure.value.normalize().as_tuple().digits
