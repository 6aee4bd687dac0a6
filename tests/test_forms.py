"""Self-assessment and monitoring forms read through the table layer, and the form
rules. Forms are written here as the TAB-separated text that web pages and converters
give (empty cells dropped, a leading TAB for an empty first cell), the hardest layout
the table layer must read; every expected figure is worked out by hand in the test."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from auditor.engine.api import audit_path
from auditor.extract import extract_facts
from auditor.models import Cell, Location
from auditor.readers import read_document
from auditor.tables.cells import classify

FUNDS_HEADER = "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分"
IND_HEADER = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施"


def national_form(
    funds: str = "年度资金总额\t50.00\t60.00\t57.00\t10\t95.00%\t9.5",
    rows: tuple[str, ...] = (
        "产出指标\t数量指标\t培训场次\t≥12场\t12场\t20\t20",
        "\t质量指标\t培训合格率\t≥90%\t96%\t20\t20",
        "\t时效指标\t按期完成率\t100%\t100%\t10\t10",
        "效益指标\t社会效益指标\t受训人员就业率\t≥60%\t61%\t30\t30",
        "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t95%\t10\t10",
    ),
    total: str = "总分\t100\t99.5\t优",
) -> str:
    return "\n".join(
        [
            "2024年度项目支出绩效自评表",
            "项目名称\t职业技能培训补助",
            FUNDS_HEADER,
            funds,
            "其中：当年财政拨款\t50.00\t55.00\t52.00\t—\t—\t—",
            "上年结转资金\t—\t5.00\t5.00\t—\t—\t—",
            "其他资金\t—\t—\t—",
            IND_HEADER,
            *rows,
            total,
        ]
    )


def write(tmp_path: Path, text: str, name: str = "form.txt") -> str:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def findings(tmp_path: Path, text: str, rule: str) -> list:
    return [f for f in audit_path(write(tmp_path, text)).findings if f.rule_id == rule]


def cell(text: str) -> Cell:
    return Cell(text=text, row=0, col=0, location=Location(file="x"))


@pytest.mark.parametrize(
    ("text", "kind", "value", "comparator", "unit"),
    [
        ("≥95%", "number", "95", "≥", "%"),
        ("735人次", "number", "735", None, "人次"),
        ("95%以上", "number", "95", "≥", "%"),
        ("≥1.2万人", "number", "1.2", "≥", "万人"),
        ("第O份", "text", None, None, None),
        ("4月30日前完成", "text", None, None, None),
        ("—", "placeholder", None, None, None),
        ("指标2", "placeholder", None, None, None),
        ("═", "comparator", None, "=", None),
        ("%", "unit", None, None, "%"),
    ],
)
def test_cell_kinds(text: str, kind: str, value: str | None, comparator: str | None, unit: str | None) -> None:
    v = classify(cell(text))
    assert v.kind == kind
    assert (str(v.number.value) if v.number else None) == value
    assert v.comparator == comparator
    assert v.unit == unit


def test_national_form_with_dropped_cells_is_read(tmp_path: Path) -> None:
    facts = extract_facts(read_document(write(tmp_path, national_form())))
    [funds] = facts.form_funds
    assert (funds.budget_initial.text, funds.budget_full.text, funds.spent.text) == ("50.00", "60.00", "57.00")
    assert (funds.weight.text, funds.rate.text, funds.score.text) == ("10", "95.00%", "9.5")
    assert funds.unit == "万元"
    names = [r.name for r in facts.form_rows]
    assert names == ["培训场次", "培训合格率", "按期完成率", "受训人员就业率", "学员满意度"]
    first = facts.form_rows[0]
    assert (first.level1, first.level2, first.comparator, first.target.value, first.unit) == (
        "产出指标", "数量指标", "≥", Decimal(12), "场"
    )
    # the second row's level1 is carried down from the row above (a merged cell)
    assert facts.form_rows[1].level1 == "产出指标"
    # 执行率 57 / 60 = 95.00 %: an execution-rate claim with its spending; the base is the
    # profile's (FORM022) since the form names none, so the claim carries no denominator
    [rate] = [r for r in facts.rates if r.kind == "execution_rate"]
    assert (rate.numerator.number.text, rate.denominator) == ("57.00", None)
    assert (funds.base_stated, funds.carryover.text) == (None, "5.00")
    # 年度资金总额 = 其中 rows, per column (placeholders count as nothing)
    sums = {s.key.rsplit(":", 1)[1]: [p.amount.text for p in s.parts] for s in facts.money_sums}
    assert sums["budget_full"] == ["55.00", "5.00"]
    [tree] = facts.score_trees
    assert (tree.kind, tree.root.weight.text, tree.root.score.text) == ("self", "100", "99.5")


def test_clean_form_gives_no_finding(tmp_path: Path) -> None:
    result = audit_path(write(tmp_path, national_form()))
    assert [f.rule_id for f in result.findings] == []
    assert result.coverage.checked >= 10


def test_funds_row_score_must_follow_the_rate(tmp_path: Path) -> None:
    # 10 × 90 % = 9; the form prints 10 (and the total moves with it: 100)
    text = national_form(funds="年度资金总额\t50.00\t60.00\t54.00\t10\t90.00%\t10", total="总分\t100\t100\t优")
    [f] = findings(tmp_path, text, "FORM001")
    assert "= 9 分" in f.message and f.found == "10"
    # 9.5 printed as a whole point (10) is rounding, not a slip
    text = national_form(funds="年度资金总额\t50.00\t60.00\t57.00\t10\t95.00%\t10", total="总分\t100\t100\t优")
    assert findings(tmp_path, text, "FORM001") == []
    # ... but printed to a tenth it must be 9.5
    text = national_form(funds="年度资金总额\t50.00\t60.00\t57.00\t10\t95.00%\t9.0", total="总分\t100\t99.0\t优")
    assert len(findings(tmp_path, text, "FORM001")) == 1


def test_missed_target_with_full_points(tmp_path: Path) -> None:
    rows = (
        "产出指标\t数量指标\t培训场次\t≥12场\t8场\t20\t20",  # 8 of 12: 13.33 points, not 20
        "\t质量指标\t培训合格率\t≥90%\t96%\t20\t20",
        "\t时效指标\t按期完成率\t100%\t100%\t10\t10",
        "效益指标\t社会效益指标\t受训人员就业率\t≥60%\t59%\t30\t30",  # 59/60 × 30 = 29.5: rounds to full
        "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t95%\t10\t10",
    )
    found = findings(tmp_path, national_form(rows=rows), "FORM002")
    assert len(found) == 1 and "培训场次" in found[0].message
    assert "13.33" in found[0].message


def test_control_rate_is_met_from_below(tmp_path: Path) -> None:
    rows = (
        "产出指标\t数量指标\t公用经费控制率\t100%\t92%\t50\t50",
        "效益指标\t社会效益指标\t项目完成率\t100%\t100%\t30\t30",
        "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t95%\t10\t10",
    )
    text = national_form(rows=rows, total="总分\t100\t99.5")
    assert findings(tmp_path, text, "FORM002") == []
    assert findings(tmp_path, text, "SCORE003") == []


def test_points_lost_need_a_reason(tmp_path: Path) -> None:
    rows = (
        "产出指标\t数量指标\t培训场次\t≥12场\t11场\t20\t18",
        "\t质量指标\t培训合格率\t≥90%\t86%\t20\t19\t部分学员未参加补考",
        "\t时效指标\t按期完成率\t100%\t100%\t10\t10",
        "效益指标\t社会效益指标\t受训人员就业率\t≥60%\t61%\t30\t30",
        "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t95%\t10\t10",
    )
    text = national_form(rows=rows, total="总分\t100\t96.5\t优")
    [f] = findings(tmp_path, text, "FORM003")
    assert "培训场次" in f.message
    assert findings(tmp_path, text, "SCORE003") == []


def test_total_row_against_the_rows(tmp_path: Path) -> None:
    # 9.5 + 20 + 20 + 10 + 30 + 10 = 99.5, printed 98.5
    found = findings(tmp_path, national_form(total="总分\t100\t98.5\t优"), "SCORE003")
    assert len(found) == 1 and found[0].found == "98.5"


def test_budget_change_and_unfilled_form(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "部门预算项目支出绩效自评表（2024年度）",
            "预算执行情况（10分）\t年度预算数（万元）\t年初预算\t调整后预算数\t预算执行数\t预算执行率\t权重\t得分\t原因",
            "\t总额\t120.00\t132.50\t\t\t10\t\t1.预算执行率未达到90%的需说明原因（100字以内）",
            "\t其中：财政资金\t120.00\t132.50\t\t\t/\t/",
            "\t单位资金\t0.00\t0.00\t0.00\t0.00%\t/\t/",
            "绩效指标（90分）\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t完成值\t权重\t得分\t未完成原因分析",
            "\t产出指标\t数量指标\t补助发放人数\t≥\t300\t人\t\t50\t\t",
            "\t效益指标\t社会效益指标\t补助按时发放率\t=\t100\t%\t\t40\t\t",
            "合计\t100",
            "评价结论\t结合自评情况，说明项目自评总分。（200字以内）",
        ]
    )
    [changed] = findings(tmp_path, text, "FORM004")
    assert "120.00" in changed.message and "132.50" in changed.message
    assert len(findings(tmp_path, text, "FORM006")) == 1
    # 0.00 / 0.00 / 0.00% is the template's "none", not a rate on a zero base
    assert findings(tmp_path, text, "RATE004") == []
    assert findings(tmp_path, text, "RATE003") == []
    # weights 10 + 50 + 40 = 100 = 合计
    assert findings(tmp_path, text, "SCORE001") == []


def test_header_self_score_over_missing_rows_is_not_summed(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "部门整体绩效自评表",
            "主管部门\t某局\t自评总分（分）\t95",
            "部门预算执行情况\t年初预算数\t全年预算数\t全年执行数\t执行率（%）\t执行率权重\t执行率得分（分）",
            "\t100\t100\t80\t80%\t10\t8",
            "指标名称\t计量单位\t年初指标值\t全年完成值\t得分系数（%）\t指标权重（分）\t指标得分（分）",
            "预算完成率\t%\t70%\t80%\t100%\t5\t5",
            "培训次数\t次\t10次\t12次\t100%\t5\t5",
        ]
    )
    result = audit_path(write(tmp_path, text))
    # 8 + 5 + 5 = 18 ≠ 95, but the rows read weigh 20 of 100: the rest of the form is not here
    assert [f for f in result.findings if f.rule_id.startswith("SCORE")] == []
    # the funds row: 10 × 80 % = 8
    assert [f for f in result.findings if f.rule_id == "FORM001"] == []


def test_form_continued_in_a_second_table_is_one_form(tmp_path: Path) -> None:
    text = national_form()
    lines = text.split("\n")
    # a converter's one-cell row splits the indicator block in two tables
    lines.insert(lines.index("\t时效指标\t按期完成率\t100%\t100%\t10\t10"), "生态效益指标")
    facts = extract_facts(read_document(write(tmp_path, "\n".join(lines))))
    assert len(facts.forms) == 1 and len(facts.score_trees) == 1
    assert audit_path(write(tmp_path, "\n".join(lines), "b.txt")).findings == []


def test_problems_none_while_points_were_lost(tmp_path: Path) -> None:
    rows = (
        "产出指标\t数量指标\t培训场次\t≥12场\t11场\t20\t18\t一期培训因场地调整推迟",
        "\t质量指标\t培训合格率\t≥90%\t96%\t20\t20",
        "\t时效指标\t按期完成率\t100%\t100%\t10\t10",
        "效益指标\t社会效益指标\t受训人员就业率\t≥60%\t61%\t30\t30",
        "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t95%\t10\t10",
    )
    base = national_form(rows=rows, total="总分\t100\t97.5\t优")
    [f] = findings(tmp_path, base + "\n存在问题\t无", "FORM007")
    assert f.places[0].quote == "无"
    assert findings(tmp_path, base + "\n存在问题\t一期培训推迟，已于次月补办", "FORM007") == []
    assert findings(tmp_path, national_form() + "\n存在问题\t无", "FORM007") == []


def monitoring_form(row: str) -> str:
    return "\n".join(
        [
            "2024年项目支出绩效运行监控表",
            "项目资金（万元）\t年初预算数\t1-6月执行数\t全年预计执行数\t执行率",
            "年度资金总额\t200\t80\t200\t40.00%",
            "一级指标\t二级指标\t三级指标\t年度指标值\t1-6月实际完成值\t全年预计完成值\t偏差原因\t完成目标可能性",
            row,
        ]
    )


def test_monitoring_forecast_against_likelihood(tmp_path: Path) -> None:
    # mid-year progress (40 of 100) is not a shortfall; a forecast below the target is
    ok = monitoring_form("产出指标\t数量指标\t改造户数\t≥100户\t40户\t100户\t\t确定能")
    assert [f.rule_id for f in audit_path(write(tmp_path, ok)).findings] == []
    bad = monitoring_form("产出指标\t数量指标\t改造户数\t≥100户\t40户\t80户\t\t确定能")
    rules = sorted(f.rule_id for f in audit_path(write(tmp_path, bad, "bad.txt")).findings)
    assert rules == ["FORM008", "FORM009"]
    # the mid-year execution rate is recomputed from its own amounts: 80 / 200 = 40 %
    facts = extract_facts(read_document(write(tmp_path, ok, "ok2.txt")))
    [rate] = facts.rates
    assert (rate.numerator.number.text, rate.denominator.number.text) == ("80", "200")


def test_rates_restated_in_the_indicator_rows(tmp_path: Path) -> None:
    def form(completion: str, balance: str) -> str:
        return "\n".join(
            [
                "部门整体绩效自评表",
                "部门预算执行情况\t年初预算数\t全年预算数\t全年执行数\t执行率（%）\t执行率权重\t执行率得分（分）",
                "\t200\t200\t160\t80%\t10\t8",
                "指标名称\t计量单位\t年初指标值\t全年完成值\t得分系数（%）\t指标权重（分）\t指标得分（分）",
                f"预算完成率\t%\t70%\t{completion}\t100%\t5\t5",
                f"结转结余率\t%\t≤25%\t{balance}\t100%\t5\t5",
            ]
        )

    ok = form("80%", "20%")
    assert findings(tmp_path, ok, "FORM010") == [] and findings(tmp_path, ok, "FORM011") == []
    bad = form("90%", "0")
    assert len(findings(tmp_path, bad, "FORM010")) == 1  # 90 % against the funds row's 80 %
    assert len(findings(tmp_path, bad, "FORM011")) == 1  # 20 % unspent, balance 0


def test_tables_with_figures_that_nothing_read_are_counted(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "附表 设备清单",
            "设备编号\t规格代码\t批次\t箱号",
            "1001\t2002\t3003\t4004",
            "1005\t2006\t3007\t4008",
        ]
    )
    result = audit_path(write(tmp_path, text))
    assert result.coverage.tables_not_understood == 1
    assert result.summary["tables_not_understood"] == 1
    # a form that is read is not counted
    assert audit_path(write(tmp_path, national_form(), "f.txt")).coverage.tables_not_understood == 0


def test_actual_status_word_target_placeholder_and_direction(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "2024年度项目支出绩效自评表",
            IND_HEADER,
            "产出指标\t数量指标\t培训场次\t≥12场\t完成\t50\t50",
            "\t质量指标\t新增指标\t/\t/\t10\t10",
            "效益指标\t社会效益指标\t项目完成率\t100%\t100%\t40\t35\t质量抽检一处不合格",
            "总分\t100\t95",
        ]
    )
    result = audit_path(write(tmp_path, text))
    got = {f.rule_id: f.message for f in result.findings}
    assert set(got) == {"FORM012", "FORM013", "FORM014"}
    assert "≥12场" in got["FORM013"] and "完成" in got["FORM013"]
    assert "新增指标" in got["FORM014"]
    assert "项目完成率" in got["FORM012"]
