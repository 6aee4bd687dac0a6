from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor.engine.arith import computation, evaluate


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("预算调整率= （3359600-3543100）/3543100×100%=-5.18%", Decimal(-183500) / Decimal(3543100)),
        ("综合满意度=工作人员满意度88%*30%+社会公众满意度85.20%*70%=86.04%", Decimal("0.8604")),
        ("10*65%*100%=6.5", Decimal("6.5")),
        ("(1,396/1,200)×100%", Decimal(1396) / Decimal(1200)),
        ("2+3*4", Decimal(14)),
        ("-(2+3)*-2", Decimal(10)),
    ],
)
def test_printed_computations(text: str, value: Decimal) -> None:
    assert computation(text) == value


@pytest.mark.parametrize(
    "text", ["满意度为86.04%", "-5.18%", "2024-06-18", "1/0", "（1+2", "1+", "abc", "1" * 400 + "+1"]
)
def test_no_computation(text: str) -> None:
    assert computation(text) is None


def test_nesting_is_bounded() -> None:
    with pytest.raises(ValueError):
        evaluate("(" * 50 + "1" + ")" * 50)


@given(st.text(max_size=80))
def test_any_text_in_no_exception_out(text: str) -> None:
    computation(text)
