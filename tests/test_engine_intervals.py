from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.engine.intervals import Interval, overlaps, printed_interval, round_to

D = Decimal


def test_printed_precision_gives_the_interval() -> None:
    i = printed_interval(D("84.94"), 2, "half_up")
    assert (i.lo, i.hi) == (D("84.935"), D("84.945"))


def test_truncation_and_either() -> None:
    assert printed_interval(D("24.35"), 2, "truncate") == Interval(D("24.35"), D("24.36"))
    either = printed_interval(D("24.35"), 2, "either")
    assert (either.lo, either.hi) == (D("24.345"), D("24.36"))
    neg = printed_interval(D("-5.18"), 2, "truncate")
    assert (neg.lo, neg.hi) == (D("-5.19"), D("-5.18"))


def test_exact_figures_have_no_width() -> None:
    assert printed_interval(D("70"), 0, "either", exact=True) == Interval(D(70), D(70))


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="rounding mode"):
        printed_interval(D("1"), 0, "banker")


def test_money_overlaps_across_units() -> None:
    yuan = printed_interval(D("413550.00"), 2, "half_up", unit="元")
    wan = printed_interval(D("41.36"), 2, "half_up", unit="万元")
    assert overlaps(wan, yuan)
    assert overlaps(yuan, wan)
    other = printed_interval(D("41.37"), 2, "half_up", unit="万元")
    assert not overlaps(other, yuan)


def test_interval_arithmetic() -> None:
    a, b = Interval(D(1), D(2)), Interval(D(10), D(20))
    assert a + b == Interval(D(11), D(22))
    assert b - a == Interval(D(8), D(19))
    assert (b / a).lo == D(5) and (b / a).hi == D(20)
    assert -a == Interval(D(-2), D(-1))
    assert a + 1 == Interval(D(2), D(3))
    with pytest.raises(ZeroDivisionError):
        _ = b / Interval(D(-1), D(1))


def test_sum_in_wan_against_total_in_yuan() -> None:
    parts = printed_interval(D("17"), 0, "half_up", unit="万元") + printed_interval(
        D("24.36"), 2, "half_up", unit="万元"
    )
    total = printed_interval(D("413550.00"), 2, "half_up", unit="元")
    assert parts.unit == "万元"
    assert overlaps(parts, total)


def test_round_to_modes() -> None:
    assert round_to(D("24.355"), 2, "half_up") == D("24.36")
    assert round_to(D("24.355"), 2, "truncate") == D("24.35")
    assert round_to(D("24.345"), 2, "half_even") == D("24.34")


values = st.decimals(min_value=-(10**6), max_value=10**6, places=6, allow_nan=False, allow_infinity=False)


@given(values, st.integers(min_value=0, max_value=4), st.sampled_from(["half_up", "half_even", "truncate"]))
def test_a_value_lies_in_the_interval_of_its_own_rounding(x: Decimal, decimals: int, mode: str) -> None:
    printed = round_to(x, decimals, mode)
    i = printed_interval(printed, decimals, mode)
    assert i.lo <= x <= i.hi
    e = printed_interval(printed, decimals, "either")
    assert e.lo <= x <= e.hi
