"""A deduction reason against the report's own analysis of the same indicator (TEXT001):
negation scope, double negation, 除…外, questions, plans, and sentences that merely repeat
the deduction. Invented sentences."""

from __future__ import annotations

import pytest

from auditor.extract.statements import asserting_sentences, negated
from auditor.models import Location, Paragraph

REPORT = """# 某项目绩效评价报告

## 四、评价指标分析

决策部分满分为10分，此次绩效评价得分8分，得分率为80%，具体分析如下：

(1) 目标细化程度：{first}根据评分标准，本项指标扣1分，得4分。

(2) 制度建设情况：该单位制定了资金管理办法。根据评分标准，本项指标扣1分，得4分。

## 附件 评分表

| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 | 扣分原因 |
|---|---|---|---|---|---|
| 决策 | 目标管理 | 目标细化程度 | 5 | 4 | ①年度目标未细化分解为可衡量的三级指标，扣1分 |
| 决策 | 制度管理 | 制度建设情况 | 5 | 4 | 未建立项目验收制度，扣1分 |
| 合计 | | | 10 | 8 | |
"""


def test_reason_denied_by_the_analysis(rule_findings) -> None:
    (f,) = rule_findings(REPORT.format(first="该单位已将年度目标细化分解为可衡量的三级指标，指标值清晰。"), "TEXT001")
    assert f.severity == "warning" and "目标细化程度" in f.message_zh
    assert [p.role for p in f.places] == ["deduction reason", "text"]
    assert f.places[0].quote == "年度目标未细化分解为可衡量的三级指标"
    assert "已将年度目标细化分解" in f.places[1].quote


@pytest.mark.parametrize(
    "first",
    [
        # the analysis repeats the deduction
        "因年度目标未细化分解为可衡量的三级指标，扣1分。",
        # the negation inside a longer phrase still scopes the phrase
        "该单位尚未能将年度目标细化分解为可衡量的三级指标。",
        # a plan, not a fact
        "下一步将把年度目标细化分解为可衡量的三级指标。",
        # a question
        "是否已将年度目标细化分解为可衡量的三级指标？",
        # an exception
        "除绩效目标表外，均已将年度目标细化分解为可衡量的三级指标。",
        # a condition
        "若已将年度目标细化分解为可衡量的三级指标，得满分。",
        # another indicator's words only
        "该单位已建立绩效目标管理台账。",
    ],
)
def test_no_contradiction(rule_findings, first: str) -> None:
    assert rule_findings(REPORT.format(first=first), "TEXT001") == []


def test_second_indicator_is_linked_by_its_own_name(rule_findings) -> None:
    # the phrase of 制度建设情况 asserted under 目标细化程度 is another indicator's business
    text = REPORT.format(first="该单位已建立项目验收制度。")
    assert rule_findings(text, "TEXT001") == []
    text = text.replace("该单位制定了资金管理办法。", "该单位已建立项目验收制度并严格执行。")
    (f,) = rule_findings(text, "TEXT001")
    assert "制度建设情况" in f.message_zh


# ---------------------------------------------------------------- the parts


@pytest.mark.parametrize(
    ("clause", "phrase"),
    [
        ("①绩效目标未细化分解为具体的绩效指标，如仅设1个数量指标，扣1分", "细化分解为具体的绩效指标"),
        ("未按要求开展自评工作,如自评表未补充特色指标,扣1分", "按要求开展自评工作"),
        ("项目单位缺乏资金使用台账，扣0.5分", "资金使用台账"),
        ("未能及时报送项目进度情况", "及时报送项目进度"),
    ],
)
def test_negated_phrase(clause: str, phrase: str) -> None:
    found = negated(clause)
    assert found is not None and found[0] == phrase


@pytest.mark.parametrize(
    "clause",
    [
        "未来三年持续推进项目建设，扣1分",  # 未来 is no negation
        "并非没有制定验收制度，扣1分",  # two negations cancel
        "是否按时完成项目建设，扣1分",  # a question
        "未完成，扣1分",  # too short to link anything
    ],
)
def test_nothing_negated(clause: str) -> None:
    assert negated(clause) is None


def _para(text: str) -> Paragraph:
    return Paragraph(text=text, location=Location(file="x.md", block=0))


@pytest.mark.parametrize(
    ("text", "asserts"),
    [
        ("单位已制定资金使用台账并按月登记。", True),
        ("单位并非没有资金使用台账，已按月登记。", True),  # double negation asserts
        ("单位资金使用台账尚未建立。", False),
        ("单位已设立账户，但没有资金使用台账。", False),  # the negation is in the phrase's clause
        ("单位未来将建立资金使用台账。", False),  # 未来 + a plan: no negation, no assertion
        ("是否已有资金使用台账？", False),
        ("除二季度外，均已建立资金使用台账。", False),
    ],
)
def test_negation_scope_in_the_text(text: str, asserts: bool) -> None:
    assert bool(asserting_sentences(_para(text), "资金使用台账")) is asserts


# ---------------------------------------------------------------- one shortcoming, two indicators

TWICE = """# 某部门整体支出绩效评价报告

## 四、评价指标分析

B21制度执行情况（3分）：经查阅资料，该单位与某保洁服务公司签订的保洁服务合同，服务费68400元/年，2020年签订后到期又续签两年，{first}依据评分细则，扣减1分，本项指标得2分。

B31采购规范性（2分）：该单位大多按规定采购，但与某保洁服务公司签订的保洁服务合同，服务费68400元/年，2020年签订后到期又续签两年，未重新询价。依据评分细则，扣减{second}分，本项指标得{score}分。

B41资产管理规范性（2分）：该单位资产账实相符。依据评分细则，本项指标得2分。
"""


def test_one_shortcoming_in_two_deductions(rule_findings) -> None:
    (f,) = rule_findings(TWICE.format(first="未履行变更程序。", second="1", score="1"), "TEXT002")
    assert f.severity == "info" and "制度执行情况" in f.message_zh and "采购规范性" in f.message_zh
    assert "68400" in f.message_zh and len(f.places) == 2


def test_a_passage_under_an_indicator_that_lost_nothing_is_no_repeat(rule_findings) -> None:
    text = TWICE.format(first="未履行变更程序。", second="0", score="2").replace("扣减0分，", "")
    assert rule_findings(text, "TEXT002") == []


def test_boilerplate_with_points_is_no_repeat(rule_findings) -> None:
    text = TWICE.format(first="", second="1", score="1").replace("68400元/年，2020年", "按年付费，此前")
    assert rule_findings(text, "TEXT002") == []


# ---------------------------------------------------------------- every indicator met

ALL_MET = """# 某项目绩效评价报告

## 一、评价结论

| 一级指标 | 分值 | 得分 |
|---|---|---|
| 决策 | 20 | 18 |
| 过程 | 20 | 20 |
| 产出 | 30 | 30 |
| 效益 | 30 | {benefit} |
| 合计 | 100 | {total} |

## 二、绩效目标实现情况

{sentence}
"""


@pytest.mark.parametrize(
    ("sentence", "fires"),
    [
        ("各项产出指标和效益指标均已按计划完成。", True),
        ("年度绩效目标全部完成。", True),  # no area named: 产出, 效益, 满意度
        ("各项产出指标均已完成。", False),  # 产出 kept its points
        ("各项绩效指标基本完成。", False),  # hedged
        ("各项效益指标是否均已完成？", False),  # a question
        ("确保各项效益指标均按时完成。", False),  # a duty, not a fact
        ("效益指标未全部完成。", False),  # a negation
    ],
)
def test_every_indicator_met_vs_points_lost(rule_findings, sentence: str, fires: bool) -> None:
    found = rule_findings(ALL_MET.format(benefit="24", total="92", sentence=sentence), "TEXT003")
    assert len(found) == int(fires)
    if fires:
        assert "效益" in found[0].message_zh and "24/30" in found[0].message_zh
    assert rule_findings(ALL_MET.format(benefit="30", total="98", sentence=sentence), "TEXT003") == []


AREAS = """# 某项目绩效评价报告

| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |
|---|---|---|---|---|
| 过程 | 资金管理 | 资金到位率 | 4 | 4 |
| 过程 | 资金管理 | 资金使用合规性 | 4 | {use} |
| 过程 | 组织实施 | 管理制度健全性 | 4 | 4 |
| 合计 | | | 12 | {total} |

## 附件 单位自评报告

经自查，在资金到位、资金使用等方面均无问题。
"""


def test_no_problems_in_an_area_that_lost_points(rule_findings) -> None:
    (f,) = rule_findings(AREAS.format(use="2", total="10"), "TEXT004")
    assert f.severity == "warning" and "资金使用合规性" in f.message_zh and "2/4" in f.message_zh
    assert rule_findings(AREAS.format(use="4", total="12"), "TEXT004") == []
    # an area no row is named after is not checked
    text = AREAS.format(use="2", total="10").replace("资金到位、资金使用", "档案管理")
    assert rule_findings(text, "TEXT004") == []


UNMET = """# 某单位2023年度项目支出绩效自评报告

| 一级指标 | 分值 | 得分 |
|---|---|---|
| 预算执行 | 10 | 10 |
| 产出 | 50 | {output} |
| 效益 | 30 | 30 |
| 满意度 | 10 | 10 |
| 合计 | 100 | {total} |

3. 未完成的绩效目标。

无。
"""


def test_nothing_unmet_vs_points_lost(rule_findings) -> None:
    (f,) = rule_findings(UNMET.format(output="46", total="96"), "TEXT003")
    assert "产出" in f.message_zh and "46/50" in f.message_zh
    assert rule_findings(UNMET.format(output="50", total="100"), "TEXT003") == []
