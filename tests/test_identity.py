"""Statement identity: the "stated twice" rules group two statements only when they are
the same quantity (engine/identity.py, extract/qualifiers.py). Sentences are our own.

Each trap is paired with a near-identical report that does state one quantity twice with
two values, so a test cannot pass by the rule going silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.engine.api import audit_path
from auditor.extract.qualifiers import column_qualifier, qualifier_of
from auditor.findings import Finding


def _audit(tmp_path: Path, text: str) -> tuple[list[Finding], dict[str, dict[str, int]]]:
    path = tmp_path / "report.md"
    path.write_text(text, encoding="utf-8")
    result = audit_path(str(path))
    assert result.error is None
    return result.findings, result.coverage.by_rule


def _ids(findings: list[Finding]) -> list[str]:
    return sorted(f.rule_id for f in findings)


# ---------------------------------------------------------------- the qualifier lexicon


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("，其中第一批下达", "", "part"),
        ("、二期拨付", "", "part"),
        ("，三项工作分别", "", "part"),
        ("，剩余", "待拨付。", "remainder"),
        ("，尚有", "未到位", "remainder"),
        ("", "尚未支付", "remainder"),
        ("，剩余未实施部分概算", "", "remainder"),
        ("，申请预算资金", "", "planned"),
        ("，完成预算资金", "", "completed"),
        ("，年初预算", "", None),
        ("年初申报预算", "", None),  # how a budget is made: the budget itself
        ("，实际到位资金", "", None),
        ("资金分2次拨付到位，共计", "", None),  # how the whole was paid
    ],
)
def test_qualifier_of_words(before: str, after: str, expected: str | None) -> None:
    assert qualifier_of(before, after) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [("年度指标值", "target"), ("目标值(A)", "target"), ("实际完成值(B)", "completed"), ("得分", None)],
)
def test_column_qualifier(header: str, expected: str | None) -> None:
    assert column_qualifier(header) == expected


# ---------------------------------------------------------------- money


def test_instalments_and_remainder_are_not_the_amount_paid(tmp_path: Path) -> None:
    findings, _ = _audit(
        tmp_path,
        "河道清淤项目年初预算300万元。\n\n"
        "项目资金已到位210万元，其中首期到位90万元、第二期到位120万元，剩余90万元尚未到位。\n\n"
        "实际到位资金210万元。\n",
    )
    assert not [f for f in findings if f.rule_id.startswith("MONEY")]


def test_the_amount_paid_stated_twice_differently_is_still_found(tmp_path: Path) -> None:
    findings, _ = _audit(
        tmp_path,
        "河道清淤项目年初预算300万元。\n\n"
        "项目资金已到位210万元，其中首期到位90万元、第二期到位120万元。\n\n"
        "实际到位资金201万元。\n",
    )
    found = [f for f in findings if f.rule_id == "MONEY001"]
    assert len(found) == 1 and "210" in (found[0].found or "") and "201" in (found[0].found or "")
    # the instalments are not part of the comparison
    assert "90万元" not in (found[0].found or "")


def test_a_balance_is_what_remains(tmp_path: Path) -> None:
    findings, _ = _audit(tmp_path, "项目实际到位资金50.00万元，实际支出45.00万元，尚有结余资金4.00万元。\n")
    assert "MONEY007" in _ids(findings)  # the balance is still checked against received − spent


def test_a_carry_over_inside_spending_is_no_part_of_the_spending(tmp_path: Path) -> None:
    # "其中" introduces a different quantity (the carry-over), which stays a statement of it
    findings, _ = _audit(
        tmp_path,
        "全年支出决算数80.50万元，其中包含年初结转结余资金6.20万元。\n\n年初结转结余资金6.30万元。\n",
    )
    assert [f.rule_id for f in findings if f.rule_id == "MONEY001"] == ["MONEY001"]


def test_requested_and_completed_amounts_are_not_the_budget(tmp_path: Path) -> None:
    findings, _ = _audit(
        tmp_path, "年初预算64万元。\n\n单位申请预算资金70万元，完成预算资金58万元。\n\n全年预算64万元。\n"
    )
    assert not [f for f in findings if f.rule_id.startswith("MONEY00")]
    findings, _ = _audit(tmp_path, "年初预算64万元。\n\n全年预算资金64万元。\n\n年初预算资金46万元。\n")
    assert "MONEY001" in _ids(findings)


def test_a_remainder_is_not_grouped_with_its_estimate(tmp_path: Path) -> None:
    findings, _ = _audit(
        tmp_path,
        "道路改造工程概算520万元，已实施部分概算380万元，剩余未实施部分概算140万元。\n\n工程概算520万元。\n",
    )
    assert not [f for f in findings if f.rule_id.startswith("MONEY")]


_TWO_TABLES = """表1 设备购置

| 项目 | 预算数（万元） |
| --- | --- |
| 扫描仪 | 12.00 |
| 打印机 | 6.00 |
| 合计 | {a} |

表2 软件服务

| 项目 | 预算数（万元） |
| --- | --- |
| 授权 | 3.00 |
| 升级 | 2.00 |
| 合计 | {b} |
"""


def test_two_totals_called_heji_in_different_tables_are_not_checkable(tmp_path: Path) -> None:
    findings, coverage = _audit(tmp_path, _TWO_TABLES.format(a="18.00", b="5.00"))
    assert not [f for f in findings if f.rule_id.startswith("MONEY00")]
    # counted, not silent
    assert coverage["MONEY001"]["not_checkable"] == 1


def test_one_bare_total_still_joins_the_budget_it_states(tmp_path: Path) -> None:
    text = "| 项目 | 预算数（万元） |\n| --- | --- |\n| 扫描仪 | 12.00 |\n| 打印机 | 6.00 |\n| 合计 | 18.00 |\n\n全年预算19.00万元。\n"
    findings, coverage = _audit(tmp_path, text.replace("全年预算", "年初预算"))
    assert coverage["MONEY001"]["not_checkable"] == 0
    assert "MONEY001" in _ids(findings)


# ---------------------------------------------------------------- rates


def test_a_target_rate_is_not_a_second_value_of_the_achieved_rate(tmp_path: Path) -> None:
    text = (
        "| 一级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n| --- | --- | --- | --- |\n"
        "| 产出指标 | 设备完好率 | 100% | 96.40% |\n| 效益指标 | 用户满意度 | 95% | 91.20% |\n\n"
        "经核查，设备完好率指标值为100%，实际为96.40%。\n"
    )
    findings, _ = _audit(tmp_path, text)
    assert "RATE005" not in _ids(findings)


def test_an_achieved_rate_stated_twice_differently_is_still_found(tmp_path: Path) -> None:
    findings, _ = _audit(tmp_path, "经测算，设备完好率为96.40%。\n\n经核查，设备完好率为94.60%。\n")
    found = [f for f in findings if f.rule_id == "RATE005"]
    assert len(found) == 1
    # one value each: no majority, so no place is called the majority or the odd one out
    assert {p.role for p in found[0].places} == {"statement"}


def test_a_target_in_prose_is_not_checked_against_spending(tmp_path: Path) -> None:
    findings, _ = _audit(
        tmp_path,
        "全年预算50.00万元，实际到位50.00万元，实际支出49.00万元，预算执行率98.00%。\n\n"
        "预算执行率目标值为100%，实际完成98.00%。\n",
    )
    assert not [f for f in findings if f.rule_id in ("RATE005", "RATE007")]


_FUND_TABLE = """单位：万元

| 资金来源 | 年初预算数 | 全年预算数 | 全年执行数 | 执行率 |
| --- | --- | --- | --- | --- |
| 年度资金总额 | 60.00 | 75.00 | 72.00 | 96.00% |
| 其中：财政拨款 | 60.00 | 70.00 | 67.50 | 96.43% |
| 上年结转资金 | 0.00 | 5.00 | 4.50 | 90.00% |
| 其他资金 | 0.00 | 0.00 | 0.00 | {other} |
"""


def test_template_zero_rows_and_fund_lines_are_not_second_values(tmp_path: Path) -> None:
    findings, _ = _audit(tmp_path, _FUND_TABLE.format(other="0.00%"))
    assert not [f for f in findings if f.rule_id in ("RATE004", "RATE005")]


def test_a_rate_printed_for_a_zero_line_that_is_not_zero_is_still_found(tmp_path: Path) -> None:
    findings, _ = _audit(tmp_path, _FUND_TABLE.format(other="100.00%"))
    assert "RATE004" in _ids(findings)


def test_majority_is_named_only_where_there_is_one(tmp_path: Path) -> None:
    findings, _ = _audit(
        tmp_path, "经测算，设备完好率为96.40%。\n\n设备完好率为96.40%。\n\n经核查，设备完好率为94.60%。\n"
    )
    (f,) = [f for f in findings if f.rule_id == "RATE005"]
    assert [p.role for p in f.places] == ["differs", "majority", "majority"]
