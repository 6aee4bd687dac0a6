"""Claims made in sentences of short reports, summaries and notices (invented sentences).

Totals with their parts across sentences and paragraphs, grade and score in one sentence,
amounts said paid out in full, an evaluated scope in 亿元, an execution rate from the two
amounts before it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.extract import extract_facts
from auditor.facts import Facts
from auditor.readers import read_document


def facts_of(tmp_path: Path, text: str) -> Facts:
    path = tmp_path / "r.md"
    path.write_text(text, encoding="utf-8")
    return extract_facts(read_document(str(path)))


# ---------------------------------------------------------------- grade and score


def test_score_and_grade_in_one_summary_sentence(rule_findings) -> None:
    text = "二、评价结论。经综合评价，该项目整体得分83.6分，评价等次为优秀。\n"
    (f,) = rule_findings(text, "GRADE001")
    assert f.expected == "良" and f.found == "优秀" and "standard" in f.message_en
    assert rule_findings(text.replace("优秀", "良好"), "GRADE001") == []


def test_grade_against_the_reports_own_bands(rule_findings) -> None:
    text = (
        "评价等级分为四档：85分（含）以上为优，75分（含）-85分为良，60分（含）-75分为中，60分以下为差。\n\n"
        "经综合评价，该项目整体得分83.6分，评价等次为优秀。\n"
    )
    (f,) = rule_findings(text, "GRADE001")
    assert f.expected == "良" and "report" in f.message_en
    assert rule_findings(text.replace("83.6", "86.2"), "GRADE001") == []


def test_grades_of_parts_are_not_the_reports(tmp_path: Path) -> None:
    facts = facts_of(
        tmp_path,
        "综合评价得分88分，评价等次良好。各乡镇排名依次是甲镇92分，评价等次优秀；乙镇78分，评价等次中。\n",
    )
    assert [(o.kind, o.grade or str(o.number.value)) for o in facts.overall] == [  # type: ignore[union-attr]
        ("total_score", "88"),
        ("grade", "良好"),
    ]


def test_a_grade_nobody_got_is_no_claim(tmp_path: Path) -> None:
    facts = facts_of(tmp_path, "评价结论为“良”的5个，“中”的2个，无等级为“优”和“差”的项目。\n")
    assert [o for o in facts.overall if o.kind == "grade"] == []


def test_framework_counts_do_not_hide_the_total(tmp_path: Path) -> None:
    facts = facts_of(
        tmp_path,
        "从决策、过程、产出、效益4个一级指标、10个二级指标对项目进行评价，最终得分91.2，等级为优。\n",
    )
    assert [(o.kind, o.grade or str(o.number.value)) for o in facts.overall] == [  # type: ignore[union-attr]
        ("total_score", "91.2"),
        ("grade", "优"),
    ]


def test_self_result_word(tmp_path: Path) -> None:
    facts = facts_of(tmp_path, "## 一、自评结论\n\n本单位该项目自评得分96分，自评结果为“优秀”。\n")
    assert {(o.kind, o.grade) for o in facts.overall if o.grade} == {("self_grade", "优秀")}


# ---------------------------------------------------------------- paid out in full

_FULL = "1、资金到位情况。专项资金80万元已全部拨付，及时安排到各乡镇。\n\n2、资金执行情况。专项资金共80万元，截至12月底已拨付{paid}万元，执行率{rate}。\n"


def test_fully_paid_vs_a_smaller_amount_paid(rule_findings) -> None:
    (f,) = rule_findings(_FULL.format(paid="72.5", rate="90.6%"), "MONEY010")
    assert f.severity == "warning" and "72.5" in f.message_zh and "7.5" in f.message_zh
    assert {p.role for p in f.places} == {"said in full", "amount", "base"}
    assert rule_findings(_FULL.format(paid="80", rate="100%"), "MONEY010") == []


def test_fully_paid_is_compared_only_with_the_same_verb(rule_findings) -> None:
    text = _FULL.format(paid="72.5", rate="90.6%").replace("已全部拨付", "已全部到位")
    assert rule_findings(text, "MONEY010") == []


def test_fully_paid_needs_the_same_amount_as_base(rule_findings) -> None:
    text = "专项资金80万元已全部拨付。\n\n另有配套资金共50万元，已拨付40万元。\n"
    assert rule_findings(text, "MONEY010") == []


def test_execution_rate_from_the_two_amounts_before_it(tmp_path: Path, rule_findings) -> None:
    facts = facts_of(tmp_path, _FULL.format(paid="72.5", rate="90.6%"))
    (rate,) = [r for r in facts.rates if r.kind == "execution_rate"]
    assert rate.numerator and rate.numerator.number.text == "72.5"
    assert rate.denominator and rate.denominator.number.text == "80"
    assert rule_findings(_FULL.format(paid="72.5", rate="90.6%"), "RATE003") == []
    (f,) = rule_findings(_FULL.format(paid="72.5", rate="95%"), "RATE003")
    assert "95%" in f.message_zh


def test_no_rate_operands_when_something_stands_between(tmp_path: Path) -> None:
    facts = facts_of(tmp_path, "项目资金共80万元，已拨付72.5万元，完成验收3个，执行率90.6%。\n")
    (rate,) = [r for r in facts.rates if r.kind == "execution_rate"]
    assert rate.numerator is None


# ---------------------------------------------------------------- evaluated scope


_SCOPE = "对2020-2022年环卫保洁项目开展绩效评价，涉及资金{scope}亿元。\n\n项目预算总额28,450.00万元，截至2022年底已经支出27,900.10万元。\n"


def test_evaluated_amount_in_yi_vs_budget_in_wan(rule_findings) -> None:
    (f,) = rule_findings(_SCOPE.format(scope="3.2"), "MONEY009")
    assert f.severity == "warning" and "3.2亿元" in f.message_zh
    assert [p.role for p in f.places] == ["scope", "funds", "funds"]
    assert rule_findings(_SCOPE.format(scope="2.85"), "MONEY009") == []  # 28,450万元 = 2.845亿元
    assert rule_findings(_SCOPE.format(scope="2.79"), "MONEY009") == []  # the amount spent


def test_amounts_involved_in_problems_are_no_scope(rule_findings) -> None:
    text = "检查发现问题3个，涉及资金12万元。\n\n项目预算总额50.00万元。\n"
    assert rule_findings(text, "MONEY009") == []


# ---------------------------------------------------------------- totals and parts


def test_parts_listed_after_a_count_of_parts(tmp_path: Path, rule_findings) -> None:
    text = (
        "下达培训经费60万元，资金来源为市级财政拨款。经费主要用于师资、教材、场地和差旅等，"
        "四个部分培训经费分别20万元、15万元、10万元、10万元，分别占培训经费比重为33%、25%、17%、17%。\n"
    )
    facts = facts_of(tmp_path, text)
    (b,) = facts.breakdowns
    assert (b.label, b.total.text, [p.number.text for p in b.parts]) == ("培训经费", "60", ["20", "15", "10", "10"])
    shares = [r for r in facts.rates if r.kind == "share"]
    assert [r.value.text for r in shares] == ["33%", "25%", "17%", "17%"]
    assert all(r.denominator and r.denominator.number.text == "60" for r in shares)
    # the parts are no budget of their own
    assert [m.amount.text for m in facts.money if m.quantity == "budget"] == []
    (f,) = rule_findings(text, "COUNT011")
    assert "20+15+10+10 = 55" in f.message_zh and "相差 5" in f.message_zh
    assert rule_findings(text, "RATE003") == []  # each share matches its amount
    assert rule_findings(text, "RATE005") == []  # four shares, four parts: no one rate stated twice
    assert rule_findings(text, "MONEY001") == []
    assert rule_findings(text.replace("10万元、10万元", "15万元、10万元"), "COUNT011") == []


@pytest.mark.parametrize(
    "text",
    [
        "2021年、2022年预算资金分别为50万元、60万元，预算资金较上年增长20%。",  # years, not parts
        "下达培训经费60万元。两个部分培训经费分别20万元、15万元、25万元。",  # count does not match
        "下达培训经费60万元。三个部分差旅费分别20万元、15万元、25万元。",  # not named by the total
    ],
)
def test_lists_that_are_no_parts(tmp_path: Path, text: str) -> None:
    assert facts_of(tmp_path, text + "\n").breakdowns == []


_GROUPS = (
    "一、基本情况\n\n2023年度，我局纳入绩效运行监控的项目共{total}个，年初预算共计560万元。\n\n"
    "业务项目共5个，分别为：甲、乙、丙、丁、戊。\n\n"
    "建设项目共6个，分别为：子；丑；寅；卯；辰；巳。\n\n"
    "二、监控工作开展情况\n"
)


def test_groups_in_the_next_paragraphs(tmp_path: Path, rule_findings) -> None:
    (b,) = [b for b in facts_of(tmp_path, _GROUPS.format(total="12")).breakdowns if not b.named]
    assert (b.total.text, [(p.label, p.number.text) for p in b.parts]) == (
        "12",
        [("业务项目", "5"), ("建设项目", "6")],
    )
    (f,) = rule_findings(_GROUPS.format(total="12"), "COUNT011")
    assert f.severity == "warning" and "5+6 = 11" in f.message_zh
    assert [p.role for p in f.places] == ["total", "part"]
    assert rule_findings(_GROUPS.format(total="11"), "COUNT011") == []


def test_groups_of_another_noun_are_not_parts(tmp_path: Path) -> None:
    text = _GROUPS.format(total="12").replace("建设项目共6个", "合作单位共6个")
    assert [b for b in facts_of(tmp_path, text).breakdowns if not b.named] == []


def test_a_notice_counts_what_it_evaluated(tmp_path: Path, rule_findings) -> None:
    text = "2023年共对6个项目进行了重点评价，其中项目支出评价3个、政策评价2个、部门整体评价1个，涉及单位5个，资金900万元。\n"
    (b,) = facts_of(tmp_path, text).breakdowns
    assert (b.label, b.total.text, [p.number.text for p in b.parts]) == ("项目", "6", ["3", "2", "1"])
    assert rule_findings(text, "COUNT011") == []


def test_parts_run_to_the_end_of_the_sentence(tmp_path: Path) -> None:
    text = "年度资金安排1,200.00万元，其中：中央补助资金900.00万元；省级补助资金250.00万元；社会资金50.00万元。\n"
    (b,) = facts_of(tmp_path, text).breakdowns
    assert [p.number.text for p in b.parts] == ["900.00", "250.00", "50.00"]


# ---------------------------------------------------------------- problems said to be none

_SELF_REPORT = (
    "# 某中学2023年度项目支出绩效自评报告\n\n一、自评结论\n\n（一）自评得分\n\n"
    "经自评，本项目自评得分{score}分，自评结果为“优秀”。\n\n"
    "（三）存在的问题和原因分析\n\n无。\n\n（四）下一步改进措施\n\n1、加强资金管理。\n\n2、提高资金效益。\n"
)


def test_no_problems_in_a_self_report_answer_to_the_self_score(tmp_path: Path, rule_findings) -> None:
    (plist,) = facts_of(tmp_path, _SELF_REPORT.format(score="95")).problems
    assert plist.says_none and plist.entries == []  # the next （四） ends the section
    (f,) = rule_findings(_SELF_REPORT.format(score="95"), "ZERO001")
    assert "95" in f.message_zh and "5" in f.message_zh
    assert rule_findings(_SELF_REPORT.format(score="100"), "ZERO001") == []


# ---------------------------------------------------------------- deadlines

_DEADLINE = "项目于2024年3月1日签订施工合同，合同约定合同签订后90日历天内完成全部建设内容，项目于{end}通过验收。\n"


def test_deadline_against_the_dates_of_its_paragraph(tmp_path: Path, rule_findings) -> None:
    (d,) = [d for d in facts_of(tmp_path, _DEADLINE.format(end="2024年7月20日")).durations if d.within]
    assert (d.value.text, d.unit, str(d.start), str(d.end)) == ("90", "日历天", "2024-03-01", "2024-07-20")
    (f,) = rule_findings(_DEADLINE.format(end="2024年7月20日"), "DATE008")
    assert f.severity == "warning" and "142" in f.message_zh
    assert rule_findings(_DEADLINE.format(end="2024年5月29日"), "DATE008") == []  # day 90
    assert rule_findings(_DEADLINE.format(end="2024年7月20日"), "DATE003") == []  # a deadline is no duration


def test_deadline_left_unlinked_when_the_dates_are_ambiguous(tmp_path: Path) -> None:
    text = (
        "一标段于2024年3月1日签订合同，二标段于2024年4月8日签订合同，均要求合同签订后90日历天内完成，"
        "项目于2024年7月20日通过验收。\n"
    )
    assert [d for d in facts_of(tmp_path, text).durations if d.within] == []


# ---------------------------------------------------------------- a count and the names it lists


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("业务项目共4个，分别为：办公运行经费、信息系统运维费、宣传经费。", True),
        ("业务项目共3个，分别为：办公运行经费、信息系统运维费、宣传经费。", False),
        # a name holding a 、: the list is split at ；
        ("维护项目共3个，分别为：道路、桥梁维护费；路灯电费；绿化养护费。", False),
        ("维护项目共4个，分别为：道路、桥梁维护费；路灯电费；绿化养护费。", True),
        # an open list names a few only
        ("业务项目共9个，包括：办公运行经费、信息系统运维费、宣传经费等。", False),
    ],
)
def test_count_vs_names_listed(rule_findings, text: str, fires: bool) -> None:
    found = rule_findings(text + "\n", "COUNT012")
    assert len(found) == int(fires)
    if fires:
        assert found[0].severity == "warning" and "3" in found[0].message_zh
    assert rule_findings(text + "\n", "COUNT011") == []  # names are not added up as amounts


def test_projects_per_grade_in_a_notice(tmp_path: Path, rule_findings) -> None:
    text = "2023年共对6个项目进行了评价，涉及资金900万元。评价结论为“优”的2个，“良”的{good}个，“中”的1个。\n"
    grades = [b for b in facts_of(tmp_path, text.format(good="3")).breakdowns if "评价等级" in b.label]
    assert [(p.label, p.number.text) for p in grades[0].parts] == [("优", "2"), ("良", "3"), ("中", "1")]
    assert rule_findings(text.format(good="3"), "COUNT011") == []
    (f,) = rule_findings(text.format(good="4"), "COUNT011")
    assert "2+4+1 = 7" in f.message_zh


# ---------------------------------------------------------------- more phrasings


def test_grade_word_before_its_label(rule_findings) -> None:
    text = "经综合评价，该项目总得分86.5分，属于“{g}”等级。\n"
    (f,) = rule_findings(text.format(g="优"), "GRADE001")
    assert f.expected == "良"
    assert rule_findings(text.format(g="良"), "GRADE001") == []


def test_execution_rate_with_the_funds_in_the_sentence_before(tmp_path: Path, rule_findings) -> None:
    text = "一、资金情况\n\n项目资金共2,000万元，资金来源为市级财政。截至11月30日已拨付1,860.4万元，执行率{rate}。\n"
    (rate,) = [r for r in facts_of(tmp_path, text.format(rate="93%")).rates if r.kind == "execution_rate"]
    assert rate.numerator and rate.denominator and rate.denominator.number.text == "2,000"
    assert rule_findings(text.format(rate="93%"), "RATE003") == []
    assert len(rule_findings(text.format(rate="95%"), "RATE003")) == 1
    # another amount in the sentence before: which is the base is not known
    other = text.replace("资金来源为市级财政", "其中配套资金300万元")
    (rate,) = [r for r in facts_of(tmp_path, other.format(rate="93%")).rates if r.kind == "execution_rate"]
    assert rate.denominator is None


def test_parts_of_the_funds_named_before_the_count(tmp_path: Path, rule_findings) -> None:
    text = (
        "下达专项资金50万元。专项资金主要用于设备购置、人员培训、宣传三个方面，"
        "分别为30万元、12万元、3万元，占比分别为60%、24%、6%。\n"
    )
    (b,) = facts_of(tmp_path, text).breakdowns
    assert (b.label, b.total.text, [p.number.text for p in b.parts]) == ("专项资金", "50", ["30", "12", "3"])
    (f,) = rule_findings(text, "COUNT011")
    assert "30+12+3 = 45" in f.message_zh
    assert rule_findings(text, "RATE003") == []
    assert len(rule_findings(text.replace("6%。", "8%。"), "RATE003")) == 1


def test_a_target_and_its_actual_are_not_one_rate_stated_twice(rule_findings) -> None:
    text = (
        "| 一级指标 | 二级指标 | 指标名称 | 目标值 | 完成值 |\n|---|---|---|---|---|\n"
        "| 产出指标 | 产出质量 | 学员考核通过率 | 100% | 97.50% |\n"
        "| 效益指标 | 社会效益 | 学员就业率 | 60%及以上 | 55.20% |\n"
    )
    assert rule_findings(text, "RATE005") == []
