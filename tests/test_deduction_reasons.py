"""Points taken as a reason column states them."""

from decimal import Decimal

import pytest

from auditor.extract.deduction_reasons import stated_deductions


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("佐证资料不足，扣1.5分", ["1.5"]),
        ("①目标不明确，扣1分；②指标未量化，扣减0.5分。", ["1", "0.5"]),
        ("如“故障率超50%扣100分”设置不合理，扣1分", ["1"]),
        ("扣除 2 分", ["2"]),
    ],
)
def test_points_taken(text: str, points: list[str]) -> None:
    got = stated_deductions(text)
    assert got is not None and [n.value for n in got] == [Decimal(p) for p in points]


@pytest.mark.parametrize("text", [None, "", "无", "每缺1项扣0.5分", "最多扣2分", "扣完为止，扣3分"])
def test_nothing_or_a_rule(text: str | None) -> None:
    assert stated_deductions(text) is None
