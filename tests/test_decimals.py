"""Exact decimals near every limit, read from JSON and YAML and built in code.

A figure holds at most 15 significant digits and an exponent within 15 (so
that any reader using doubles reads it exactly). Near those limits, and far
past what ``Decimal``'s context holds, every value is either refused with a
problem at the field (or, for a number too long to parse, a limit naming
the number), or kept exactly: read back equal, and written back to the same
text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import cyberspace_whitepaper as cw

STATISTIC = cw.Statistic(
    id="st", measure=cw.LocalizedText(en="share"), value=Decimal(1), unit="yuan", scope="China"
)
#: The outcomes a figure may have: kept, or refused at the field, or (in text) refused by a number limit.
FIELD_CODES = {"range", "precision", "value"}
NUMBER_LIMITS = {"max_number_length", "max_integer_digits"}

_EXPONENTS = st.one_of(
    st.integers(-20, 20),  # around the limit of 15 either way
    st.sampled_from([-1_000_000, -999_999, -10_000, 10_000, 999_999, 1_000_000, 10**17]),
)
DECIMALS = st.one_of(
    st.builds(
        lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
        st.sampled_from([0, 1]),
        st.lists(st.integers(0, 9), min_size=1, max_size=18),  # up to 3 past the 15 allowed
        _EXPONENTS,
    ),
    st.sampled_from([Decimal("-0"), Decimal("0E-30"), Decimal("-0.0"), Decimal("0E+30"), Decimal("1E-15")]),
    st.sampled_from(["1E-16", "9.99999999999999E+15", "1E+16", "123456789012345", "1234567890123456"]).map(
        Decimal
    ),
)


def _kept_exactly(statistic: cw.Statistic, value: Decimal) -> None:
    assert statistic.value == value
    text = cw.dumps(statistic)
    again = cw.loads(text, type=cw.Statistic)
    assert again == statistic
    assert cw.dumps(again) == text


def _refused_at_the_value(error: cw.ValidationError) -> None:
    assert {problem.path for problem in error.problems} == {"$.value"}, str(error)
    assert {problem.code for problem in error.problems} <= FIELD_CODES, str(error)


class TestDecimalsNearTheLimits:
    @given(value=DECIMALS)
    def test_built_in_code(self, value: Decimal) -> None:
        """Built in code, a figure is refused at $.value or kept exactly."""
        outcome: Any
        try:
            outcome = attrs.evolve(STATISTIC, value=value)
        except cw.ValidationError as error:
            outcome = error
        if isinstance(outcome, cw.ValidationError):
            _refused_at_the_value(outcome)
        else:
            _kept_exactly(outcome, value)

    @given(value=DECIMALS, form=st.sampled_from(["plain", "exponent"]))
    def test_read_from_json(self, value: Decimal, form: str) -> None:
        """Read from JSON text, a figure is refused at the field or by a number limit, or kept exactly."""
        token = _token(value, form)
        text = cw.dumps(STATISTIC).replace('"value": 1,', f'"value": {token},')
        self._check(lambda: cw.loads(text, type=cw.Statistic), value)

    @given(value=DECIMALS)
    def test_read_from_yaml(self, value: Decimal) -> None:
        """Read from YAML text (numbers with a point and a signed exponent), the same holds."""
        token = _token(value, "exponent")
        text = cw.dumps(STATISTIC, format="yaml").replace("value: 1\n", f"value: {token}\n")
        assert f"value: {token}\n" in text
        self._check(lambda: cw.loads(text, type=cw.Statistic, format="yaml"), value)

    @staticmethod
    def _check(load: Any, value: Decimal) -> None:
        outcome: Any
        try:
            outcome = load()
        except (cw.LimitError, cw.ValidationError) as error:
            outcome = error
        if isinstance(outcome, cw.LimitError):
            assert outcome.limit in NUMBER_LIMITS
        elif isinstance(outcome, cw.ValidationError):
            _refused_at_the_value(outcome)
        else:
            _kept_exactly(outcome, value)

    @pytest.mark.parametrize(
        ("token", "code"),
        [
            ("1e1000000", "range"),
            ("1.0000000000000000000000000001", "precision"),
            ("1234567890123456", "precision"),
            ("1E+16", "range"),
            ("1E-16", "range"),
        ],
    )
    def test_pinned_cases(self, token: str, code: str) -> None:
        """The cases of the reliability issue, refused with the problem the user expects."""
        text = cw.dumps(STATISTIC).replace('"value": 1,', f'"value": {token},')
        with pytest.raises(cw.ValidationError) as caught:
            cw.loads(text, type=cw.Statistic)
        assert [(p.path, p.code) for p in caught.value.problems] == [("$.value", code)]


def _token(value: Decimal, form: str) -> str:
    """The value as a JSON (and YAML) number: plain if asked and short, else a point and an exponent."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if form == "plain" and -30 <= exponent <= 30:
        return format(value, "f")
    mantissa = "".join(map(str, digits))
    adjusted = exponent + len(mantissa) - 1
    return f"{'-' if sign else ''}{mantissa[0]}.{mantissa[1:] or '0'}e{adjusted:+d}"
