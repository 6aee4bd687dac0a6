"""Column formulas in a table header ("⑧=④*⑦"): which rows are read, the unit scale taken
from the rows, and what stays not checkable."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from auditor.engine.api import audit_path
from auditor.extract import extract_facts
from auditor.facts import Facts
from auditor.findings import Finding
from auditor.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def facts_of(tmp_path: Path, text: str) -> Facts:
    path = tmp_path / "table.md"
    path.write_text(text, encoding="utf-8")
    return extract_facts(read_document(str(path)))


HEAD = "| 序号 | 单位 | 标准(元/人) | 人数 | 补助资金 |\n|---|---|---|---|---|\n| ① | ② | ③ | ④ | ⑤=③×④ |\n"


def test_rows_under_the_header_are_read_with_the_scale_most_rows_share(tmp_path: Path) -> None:
    facts = facts_of(tmp_path, HEAD + "| 1 | 甲 | 1500 | 200 | 30 |\n| 2 | 乙 | 1500 | 120 | 18 |\n| 3 | 丙 | 1500 | 90 | 13.5 |\n")
    rows = facts.column_formulas
    assert [r.result.text for r in rows] == ["30", "18", "13.5"]
    # 1500 元 × 200 人 = 300,000 元 = 30 万元: the scale is 1/10000
    assert {r.scale for r in rows} == {Decimal("1e-4")}
    assert [r.computed for r in rows] == [Decimal(30), Decimal(18), Decimal("13.5")]


def test_a_repeated_header_ends_the_rows_and_a_product_skips_the_total_row(tmp_path: Path) -> None:
    text = (
        HEAD
        + "| 1 | 甲 | 1500 | 200 | 30 |\n| 2 | 乙 | 1500 | 120 | 18 |\n| 合计 | | 3000 | 320 | 48 |\n"
        + "| 序号 | 单位 | 标准(元/人) | 人数 | 补助资金 |\n| 3 | 丙 | 9 | 9 | 9 |\n"
    )
    rows = facts_of(tmp_path, text).column_formulas
    assert [r.result.text for r in rows] == ["30", "18"]


def test_rows_that_agree_on_no_scale_are_not_checkable(tmp_path: Path, rule_findings: Callable[[str, str], list[Finding]]) -> None:
    text = HEAD + "| 1 | 甲 | 1500 | 200 | 31 |\n| 2 | 乙 | 1500 | 120 | 19 |\n"
    rows = facts_of(tmp_path, text).column_formulas
    assert [r.scale for r in rows] == [None, None]
    assert rule_findings(text, "TABLE001") == []


def test_one_row_off_is_a_finding_with_its_arithmetic(rule_findings: Callable[[str, str], list[Finding]]) -> None:
    text = HEAD + "| 1 | 甲 | 1500 | 200 | 30 |\n| 2 | 乙 | 1500 | 120 | 18 |\n| 3 | 丙 | 1500 | 90 | 15.3 |\n"
    [finding] = rule_findings(text, "TABLE001")
    # 1500 × 90 ÷ 10000 = 13.5, printed 15.3
    assert "1500 × 90 ÷ 10,000 = 13.5" in finding.message and "15.3" in finding.message


def test_a_formula_in_the_header_row_above_the_numbers(tmp_path: Path) -> None:
    text = (
        "| 科目 | 预算数 | 支出数 | 结余(③=①-②) |\n|---|---|---|---|\n| 栏次 | ① | ② | ③ |\n"
        "| 甲 | 12.00 | 9.50 | 2.50 |\n| 乙 | 4.00 | 4.00 | 0.00 |\n| 合计 | 16.00 | 13.50 | 2.50 |\n"
    )
    rows = facts_of(tmp_path, text).column_formulas
    # a difference holds for the total row too
    assert [(r.result.text, r.computed) for r in rows] == [
        ("2.50", Decimal("2.50")), ("0.00", Decimal("0.00")), ("2.50", Decimal("2.50"))
    ]


def test_a_zero_divisor_leaves_the_row_out(tmp_path: Path) -> None:
    text = "| 项目 | 预算 | 支出 | 执行率 |\n|---|---|---|---|\n| 栏次 | ① | ② | ③=②/① |\n| 甲 | 0.00 | 0.00 | 0.00% |\n| 乙 | 10.00 | 9.00 | 90.00% |\n"
    rows = facts_of(tmp_path, text).column_formulas
    assert [r.result.text for r in rows] == ["90.00%"]


@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_the_subsidy_table_of_the_corpus(ext: str) -> None:
    """lvliang_hugong_2021: 补助资金 ⑧ = ④ × ⑦ in 万元 (元/人 × 人 / 10000), verified in its
    annotation for all five rows (row 4 uses 合格人数 918, not 培训人数 942)."""
    path = str(CORPUS / f"lvliang_hugong_2021.{ext}")
    rows = extract_facts(read_document(path)).column_formulas
    assert [(r.operands["4"].text, r.operands["7"].text, r.result.text) for r in rows] == [
        ("2600", "842", "218.92"), ("2600", "900", "234"), ("2600", "941", "244.66"),
        ("2600", "918", "238.68"), ("2600", "968", "251.68"),
    ]
    assert {r.scale for r in rows} == {Decimal("1e-4")}
    result = audit_path(path)
    assert not [f for f in result.findings if f.rule_id == "TABLE001"]
    assert result.coverage.by_rule["TABLE001"]["passed"] == 5
