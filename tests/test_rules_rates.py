"""Rates and percentages (RATE*)."""

from auditor.engine.builder import FactsBuilder, fired, passes, run


def test_score_rate_in_table() -> None:
    b = FactsBuilder()
    b.tree(b.node("效益", "30", "21.94", rate="73.13%"), b.node("决策", "6", "3.5", rate="58.33%"))
    assert passes(b, "RATE001")
    b.tree(b.node("效益", "30", "21.94", rate="75.00%"))
    found = fired(b, "RATE001")
    assert len(found) == 1
    assert found[0].expected == "21.94/30 = [73.1167, 73.1500]%"  # 21.94 half-up: [21.935, 21.945]
    assert found[0].found == "75.00%"


def test_score_rate_in_text() -> None:
    b = FactsBuilder()
    b.section("决策", "20", "15", "75%")
    assert passes(b, "RATE002")
    b.section("采购管理", "2", "2", "50.00%")
    assert len(fired(b, "RATE002")) == 1


def test_score_rate_in_text_takes_the_weight_from_the_table() -> None:
    b = FactsBuilder()
    b.tree(b.node("采购管理", "2", "1"))
    b.section("采购管理", None, "1", "50.00%")
    assert passes(b, "RATE002")


def test_rate_with_numerator_and_denominator() -> None:
    b = FactsBuilder()
    b.rate("completion_rate", "办结率", "98.9%", "79072", "79919")
    b.rate("other", "在职人数控制率", "95.24%", "20", "21")
    b.rate("completion_rate", "达标率", "116.33%", "1396", "1200")
    assert passes(b, "RATE003")
    b.rate("other", "在职人数控制率", "93.24%", "20", "21")
    found = fired(b, "RATE003")
    assert len(found) == 1 and found[0].found == "93.24%"


def test_rate_recomputation_that_flips_a_target() -> None:
    b = FactsBuilder()
    b.target("预算执行率", "≥", "95%", "100%", "completed")
    b.rate("execution_rate", "预算执行率", "100%", "335.96", "379.63")  # really 88.50%
    found = fired(b, "RATE003")
    assert found and found[0].tags == ["target-flip"]


def test_zero_denominator() -> None:
    b = FactsBuilder()
    b.rate("completion_rate", "完成预算", "95%", "19", "20")
    assert passes(b, "RATE004")
    b.rate("completion_rate", "三公经费完成预算", "0%", "0", "0")
    found = fired(b, "RATE004")
    assert len(found) == 1 and found[0].severity == "warning"
    # RATE003 cannot recompute 0/0 and says nothing about it.
    assert fired(b, "RATE003") == []


def test_same_rate_stated_twice() -> None:
    b = FactsBuilder()
    b.rate("funding_rate", "资金到位率", "100%")
    b.rate("funding_rate", "资金到位率", "100.00%")
    assert passes(b, "RATE005")
    b.rate("satisfaction", "综合满意度", "93.32%")
    b.rate("satisfaction", "综合满意度", "97.88%")
    found = fired(b, "RATE005")
    assert len(found) == 1 and found[0].found == "93.32% ×1; 97.88% ×1"


def respondents(b: FactsBuilder) -> None:
    b.count("questionnaires_valid", 70, "有效问卷")
    b.count("questionnaires_group", 20, "工作人员", group="工作人员")
    b.count("questionnaires_group", 50, "社会公众", group="社会公众")


def test_score_rate_passed_off_as_a_share_of_respondents() -> None:
    b = FactsBuilder()
    respondents(b)
    b.tree(b.node("社会效益", "6", "5.42"))
    b.rate("share", "效果明显", "90%", text="90%的调查对象认为效果明显")
    assert passes(b, "RATE006")
    b.rate("share", "效果明显", "90.33%", text="90.33%的调查对象认为效果明显")
    found = fired(b, "RATE006")
    assert len(found) == 1 and "社会效益" in found[0].message_zh and "5.42/6" in found[0].message_zh
    # The impossible share is reported once, by the rule that explains it.
    assert fired(b, "SURVEY004") == []


def test_execution_rate_against_money() -> None:
    b = FactsBuilder()
    b.money("received", "41.36")
    b.money("spent", "41.36")
    b.rate("execution_rate", "预算执行率", "100%")
    assert passes(b, "RATE007")
    b = FactsBuilder()
    b.money("received", "41.36")
    b.money("spent", "33.50")
    b.rate("execution_rate", "预算执行率", "100%")
    assert len(fired(b, "RATE007")) == 1


def test_rate_without_operands_is_not_checked_by_rate003() -> None:
    b = FactsBuilder()
    b.rate("completion_rate", "完成率", "90%")
    assert run(b, "RATE003").coverage.by_rule["RATE003"] == {
        "passed": 0,
        "failed": 0,
        "not_checkable": 0,
        "errors": 0,
    }


def test_printed_formula() -> None:
    b = FactsBuilder()
    r = b.rate("adjustment_rate", "预算调整率", "-5.18%")
    r.formula = "预算调整率=（3359600-3543100）/3543100×100%"
    s = b.rate("satisfaction", "综合满意度", "86.04%")
    s.formula = "综合满意度=工作人员满意度88%*30%+社会公众满意度85.20%*70%"
    assert passes(b, "RATE008")
    bad = b.rate("satisfaction", "综合满意度", "87.04%")
    bad.formula = "综合满意度=工作人员满意度88%×30%+社会公众满意度85.20%×70%"
    found = fired(b, "RATE008")
    assert len(found) == 1 and found[0].expected == "86.04" and found[0].found == "87.04%"


def test_formula_without_a_computation_is_not_checked() -> None:
    b = FactsBuilder()
    r = b.rate("completion_rate", "完成率", "100%")
    r.formula = "完成率=实际完成值/计划值"
    assert run(b, "RATE008").coverage.by_rule["RATE008"]["passed"] == 0


def test_group_weight_stated_twice_with_two_values() -> None:
    b = FactsBuilder()
    b.rate("share", "工作人员满意度权重", "40%", text="综合满意度=办事群众满意度×60%+工作人员满意度×40%")
    b.rate("share", "工作人员满意度权重", "40%", text="按办事群众60%、工作人员40%加权计算")
    assert passes(b, "RATE005")
    b.rate("share", "工作人员满意度权重", "45%", text="工作人员满意度×45%")
    found = fired(b, "RATE005")
    assert len(found) == 1 and "45%" in found[0].found


def test_table_rate_recomputed_from_its_row() -> None:
    b = FactsBuilder()
    b.rate("completion_rate", "人员经费预算完成率", "100.00%", numerator="196.50", denominator="196.50")
    assert passes(b, "RATE003")
    b.rate("completion_rate", "人员经费预算完成率", "105.00%", numerator="196.50", denominator="196.50")
    assert len(fired(b, "RATE003")) == 1


NIL_TABLE = (
    "金额单位：万元\n\n| 类别 | 基本支出 | 项目支出 | 年末结转和结余 |\n|---|---|---|---|\n"
    "| 年初预算数 | 126.35 | 227.96 | {a} |\n| 调整预算数 | 180.10 | 155.86 | {b} |\n"
    "| 决算数 | 180.10 | 155.86 | {c} |\n| 预算完成率 | 100.00% | 100.00% | 100.00% |\n"
)


def test_a_rate_printed_for_a_nil_column(rule_findings) -> None:
    def rate004(a: str, b: str, c: str) -> list:
        return rule_findings(NIL_TABLE.format(a=a, b=b, c=c), "RATE004")

    (f,) = rate004("-", "-", "-")
    assert f.places[0].figure == "100.00%" and f.places[1].quote == "-"
    assert rate004("5.00", "5.00", "5.00") == []  # a real column: its rate is checked elsewhere
    assert rate004("-", "-", "5.00") == []  # a figure among them: not a nil column
