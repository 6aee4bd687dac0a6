"""Rate extraction: values, kinds, formulas and operands, zero bases; percentages that
are thresholds or formula operands are not rates; corpus figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from auditor.extract.rates import extract_rates
from auditor.facts import Facts
from auditor.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")


def rates_of(tmp_path: Path, text: str) -> Facts:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    facts = Facts(file=str(path))
    extract_rates(read_document(str(path)), facts)
    return facts


def test_prose_rates_and_kinds(tmp_path: Path) -> None:
    text = (
        "实际到位资金9.00万元，资金到位率１００％。实际支出8.80万元，预算执行率为 97.78%。\n\n"
        "共发放问卷40份，回收有效问卷38份，问卷有效率95.00%。本年办结率达99.1%。\n"
    )
    f = rates_of(tmp_path, text)
    assert [(r.kind, r.label, r.value.text) for r in f.rates] == [
        ("funding_rate", "资金到位率", "100%"),
        ("execution_rate", "预算执行率", "97.78%"),
        ("recovery_rate", "问卷有效率", "95.00%"),
        ("completion_rate", "本年办结率", "99.1%"),
    ]
    assert all(r.value.percent for r in f.rates)


def test_thresholds_and_score_rates_are_not_read(tmp_path: Path) -> None:
    text = (
        "预算执行率≥95%得满分，每偏离1%扣除权重分5%。\n\n"
        "执行率占50%权重分。如满意度指标中“服务对象满意度=80%”偏低。\n\n"
        "决策部分满分为20分，得分15分，得分率为75%。\n"
    )
    assert rates_of(tmp_path, text).rates == []


def test_formula_operands(tmp_path: Path) -> None:
    text = "预算调整率=（2000000-2500000）/2500000×100%=-20.00%。预算执行率=(180/200)×100%=90%。\n"
    f = rates_of(tmp_path, text)
    adj, exe = f.rates
    assert (adj.kind, adj.value.value) == ("adjustment_rate", Decimal("-20.00"))
    assert adj.numerator is not None and adj.numerator.number.value == Decimal(-500000)
    assert adj.denominator is not None and adj.denominator.number.value == Decimal(2500000)
    assert adj.formula == "（2000000-2500000）/2500000×100%=-20.00%"
    assert exe.numerator is not None and exe.numerator.number.value == Decimal(180)
    assert exe.denominator is not None and exe.denominator.number.value == Decimal(200)


def test_weighted_satisfaction_formula(tmp_path: Path) -> None:
    text = "综合满意度=工作人员满意度×30%+社会公众满意度×70%=89.00%×30%+87.60%×70%=88.02%。\n"
    f = rates_of(tmp_path, text)
    # the groups' weights are kept too, labelled by group, so two statements of them meet
    assert [(r.label, r.value.text) for r in f.rates] == [
        ("工作人员满意度权重", "30%"),
        ("社会公众满意度权重", "70%"),
        ("综合满意度", "88.02%"),
    ]
    combined = f.rates[2]
    assert combined.formula is not None and "89.00%×30%+87.60%×70%" in combined.formula


def test_points_formula_is_not_a_percent_formula(tmp_path: Path) -> None:
    text = "工作人员满意度按第3题计算：满意度=（非常满意6份×100+满意4份×80）/10=92.00%。\n"
    f = rates_of(tmp_path, text)
    assert [(r.label, r.value.text, r.formula) for r in f.rates] == [("工作人员满意度", "92.00%", None)]


def test_zero_denominator(tmp_path: Path) -> None:
    f = rates_of(tmp_path, "“三公经费”财政拨款支出预算为0万元，支出决算为0万元，完成预算的0%。\n")
    (r,) = f.rates
    assert (r.kind, r.label, r.value.value) == ("completion_rate", "完成预算", Decimal(0))
    assert r.denominator is not None and r.denominator.number.value == 0 and r.denominator.unit == "万元"
    assert r.numerator is not None and r.numerator.number.value == 0


def test_share_of_respondents(tmp_path: Path) -> None:
    f = rates_of(tmp_path, "问卷结果显示，92.5%的调查对象认为服务更便捷，剩余7.5%的调查对象认为变化不大。\n")
    assert [(r.kind, r.value.text) for r in f.rates] == [("share", "92.5%"), ("share", "7.5%")]
    assert f.rates[0].label != f.rates[1].label


def test_table_rates_with_operands(tmp_path: Path) -> None:
    text = (
        "单位：万元\n\n| 支出项目 | 支出金额 | 结构占比 |\n|---|---|---|\n"
        "| 办公费 | 2.00 | 40.00% |\n| 差旅费 | 3.00 | 60.00% |\n| 合计 | 5.00 | 100.00% |\n"
    )
    f = rates_of(tmp_path, text)
    assert [(r.kind, r.label, r.value.text) for r in f.rates] == [
        ("share", "办公费结构占比", "40.00%"),
        ("share", "差旅费结构占比", "60.00%"),
        ("share", "合计结构占比", "100.00%"),
    ]
    assert f.rates[0].numerator is not None and f.rates[0].numerator.number.value == Decimal("2.00")
    assert f.rates[0].denominator is not None and f.rates[0].denominator.number.value == Decimal("5.00")


@needs_corpus
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_corpus_000(ext: str) -> None:
    doc = read_document(str(CORPUS / f"000_d151785e31374ea4.{ext}"))
    f = Facts(file=doc.path)
    extract_rates(doc, f)
    assert {r.value.value for r in f.rates if r.kind == "funding_rate"} == {Decimal(100)}
    assert {r.value.value for r in f.rates if r.kind == "execution_rate"} == {Decimal(100)}
    sat = {(r.label, r.value.text) for r in f.rates if r.kind == "satisfaction"}
    assert {("工作人员满意度", "88%"), ("社会公众满意度", "85.20%"), ("综合满意度", "86.04%")} <= sat
    shares = {r.value.text for r in f.rates if r.kind == "share" and "调查对象" in r.label}
    assert {"90.33%", "9.67%", "88%", "12%", "13.96%"} <= shares


@needs_corpus
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_corpus_004(ext: str) -> None:
    doc = read_document(str(CORPUS / f"004_9702beb4dfdda539.{ext}"))
    f = Facts(file=doc.path)
    extract_rates(doc, f)
    adj = [r for r in f.rates if r.label == "预算调整率"]
    assert {r.value.text for r in adj} == {"-5.18%"}
    with_ops = [r for r in adj if r.numerator is not None]
    assert len(with_ops) == 1
    r = with_ops[0]
    assert r.numerator is not None and r.numerator.number.value == Decimal(3359600 - 3543100)
    assert r.denominator is not None and r.denominator.number.value == Decimal(3543100)
    assert r.formula is not None and r.formula.endswith("=-5.18%")
    assert {r.value.text for r in f.rates if r.label == "基本支出预算调整率"} == {"42.54%"}
    (zero,) = [r for r in f.rates if r.label == "完成预算"]
    assert zero.value.value == 0 and zero.denominator is not None and zero.denominator.number.value == 0
    sat = {r.label: r.value.text for r in f.rates if r.kind == "satisfaction"}
    assert sat["办事群众综合满意度"] == "93.32%" and sat["工作人员综合满意度"] == "97.88%"


# ---------------------------------------------------------------- operands beside the rate


def rates_with_money(tmp_path: Path, text: str) -> Facts:
    """Money is read first, as in the pipeline: a rate finds its amounts in it."""
    from auditor.extract.money import extract_money

    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    doc = read_document(str(path))
    facts = Facts(file=str(path))
    extract_money(doc, facts)
    extract_rates(doc, facts)
    return facts


def ops(r) -> tuple[str | None, str | None]:  # type: ignore[no-untyped-def]
    return (
        r.numerator.number.text if r.numerator else None,
        r.denominator.number.text if r.denominator else None,
    )


def test_rate_row_takes_its_operands_from_the_same_column(tmp_path: Path) -> None:
    text = (
        "单位：万元\n\n| 类别 | 人员经费 | 项目支出 |\n|---|---|---|\n"
        "| 年初预算数 | 100.00 | 60.00 |\n| 调整预算数 | 90.00 | 50.00 |\n"
        "| 决算数 | 90.00 | 45.00 |\n| 预算完成率 | 100.00% | 90.00% |\n"
    )
    f = rates_with_money(tmp_path, text)
    got = [(r.label, r.value.text, *ops(r)) for r in f.rates]
    # 完成率 = 决算 / 调整预算 (the base that reproduces the rate, tried in formula order)
    assert got == [
        ("人员经费预算完成率", "100.00%", "90.00", "90.00"),
        ("项目支出预算完成率", "90.00%", "45.00", "50.00"),
    ]


def test_rate_column_of_the_only_row_is_the_projects_rate(tmp_path: Path) -> None:
    text = (
        "金额单位：万元\n\n| 资金来源 | 调整后预算 | 实际到位 | 实际支出 | 到位率 | 执行率 |\n"
        "|---|---|---|---|---|---|\n| 区级资金 | 40.00 | 40.00 | 36.00 | 100.00% | 90.00% |\n"
    )
    f = rates_with_money(tmp_path, text)
    got = [(r.kind, r.label, r.value.text, *ops(r)) for r in f.rates]
    assert got == [
        ("funding_rate", "资金到位率", "100.00%", "40.00", "40.00"),
        ("execution_rate", "预算执行率", "90.00%", "36.00", "40.00"),
    ]


def test_wrong_table_rate_keeps_the_formula_base(tmp_path: Path) -> None:
    text = (
        "金额单位：万元\n\n| 资金来源 | 调整后预算 | 实际到位 | 实际支出 | 执行率 |\n"
        "|---|---|---|---|---|\n| 区级资金 | 50.00 | 40.00 | 36.00 | 95.00% |\n"
    )
    (r,) = rates_with_money(tmp_path, text).rates
    assert ops(r) == ("36.00", "40.00")  # no base gives 95%: the first in formula order (到位)


def test_sentence_adjustment_rate_from_its_amounts(tmp_path: Path) -> None:
    f = rates_with_money(
        tmp_path, "基本支出：年初预算安排200.00万元，调整预算数为190.00万元，预算调整率为-5.00%。\n"
    )
    (r,) = f.rates
    assert r.kind == "adjustment_rate" and r.label == "基本支出预算调整率"
    assert r.numerator is not None and r.numerator.number.value == Decimal("-10.00")
    assert r.denominator is not None and r.denominator.number.text == "200.00"


def test_sentence_without_both_amounts_has_no_operands(tmp_path: Path) -> None:
    f = rates_with_money(tmp_path, "实际到位资金42.65万元，资金到位率100.00%。\n")
    assert [ops(r) for r in f.rates] == [(None, None)]


def test_scoring_form_is_read_for_its_budget_rate_only(tmp_path: Path) -> None:
    text = (
        "<table>\n<tr><td>项目资金（万元）</td><td></td><td>全年预算数</td><td>全年执行数</td>"
        "<td>分值</td><td>执行率</td><td>得分</td></tr>\n"
        "<tr><td>项目资金（万元）</td><td>年度资金总额</td><td>80.00</td><td>76.00</td><td>10</td>"
        "<td>95.00%</td><td>9.5</td></tr>\n"
        "<tr><td>满意度</td><td>群众满意度≥90%得满分</td><td></td><td></td><td>10</td><td>90.00%</td><td>9</td></tr>\n"
        "</table>\n"
    )
    f = rates_with_money(tmp_path, text)
    assert [(r.kind, r.value.text, *ops(r)) for r in f.rates] == [
        ("execution_rate", "95.00%", "76.00", "80.00")
    ]


def test_cover_table_satisfaction_row_is_read(tmp_path: Path) -> None:
    text = (
        "<table>\n<tr><td>评价分值</td><td>85.00</td></tr>\n"
        "<tr><td>满意度得分</td><td>工作人员满意度86.67%，综合满意度84.42%</td></tr>\n"
        "<tr><td>评分标准</td><td>满意度达到90%得满分</td></tr>\n</table>\n"
    )
    f = rates_of(tmp_path, text)
    assert [(r.label, r.value.text) for r in f.rates] == [
        ("工作人员满意度", "86.67%"),
        ("综合满意度", "84.42%"),
    ]


def test_group_weights_listed_for_a_weighted_satisfaction(tmp_path: Path) -> None:
    f = rates_of(tmp_path, "综合满意度按办事群众60%、工作人员40%加权计算。\n")
    assert [(r.kind, r.label, r.value.text) for r in f.rates] == [
        ("share", "办事群众满意度权重", "60%"),
        ("share", "工作人员满意度权重", "40%"),
    ]
    assert (
        rates_of(tmp_path, "工作人员占比40%，办事群众中60%表示满意。\n").rates[0].label
        != "工作人员满意度权重"
    )
