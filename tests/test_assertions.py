"""Two free sentences, one denying and one asserting the same thing (TEXT012), and a claim
of no problem under a low execution rate (TEXT013): negation scope, double negation,
除…外, questions, scoped subjects, two indicators sharing words, deductions restated.
Invented sentences."""

from __future__ import annotations

import pytest

REPORT = """# 某区学生营养餐项目绩效评价报告

## 一、项目基本情况

项目由某区教育局负责实施。{positive}

## 二、存在的问题

（一）{negative}

## 三、建议

建议进一步加强项目管理。
"""


def _report(positive: str, negative: str) -> str:
    return REPORT.format(positive=positive, negative=negative)


@pytest.mark.parametrize(
    ("positive", "negative", "denied", "asserted"),
    [
        ("项目单位已建立项目资金管理制度。", "项目单位尚未建立项目资金管理制度。", "尚未建立项目资金管理制度", "已建立项目资金管理制度"),
        # inserted words in the assertion ("了合理的")
        ("评价组对项目实施提出了合理的问题及建议。", "评价组未提出问题及建议。", "未提出问题及建议", "提出了合理的问题及建议"),
        ("项目按时完成年度建设任务。", "项目未按时完成年度建设任务。", "未按时完成年度建设任务", "按时完成年度建设任务"),
        # general subjects on both sides (项目单位 / 该单位), discourse words and a date before the subject
        ("经核查，该单位2024年已建立项目资金管理制度。", "但项目单位尚未建立项目资金管理制度。", "尚未建立项目资金管理制度", "已建立项目资金管理制度"),
    ],
)
def test_denied_and_asserted(rule_findings, positive: str, negative: str, denied: str, asserted: str) -> None:
    (f,) = rule_findings(_report(positive, negative), "TEXT012")
    assert f.severity == "warning"
    assert [(p.role, p.figure) for p in f.places] == [("denial", denied), ("assertion", asserted)]
    assert denied in f.message_zh and asserted in f.message_zh


@pytest.mark.parametrize(
    ("positive", "negative"),
    [
        # a scoped subject against a general claim
        ("项目单位已建立项目资金管理制度。", "个别学校尚未建立项目资金管理制度。"),
        ("项目按时完成年度建设任务。", "部分工程未按时完成年度建设任务。"),
        ("项目单位已建立项目资金管理制度。", "3个乡镇尚未建立项目资金管理制度。"),
        # two named subjects
        ("区教育局已建立项目资金管理制度。", "区财政局尚未建立项目资金管理制度。"),
        # the future and foresight are no negation
        ("项目单位已建立项目资金管理制度。", "未来项目单位将建立项目资金管理制度。"),
        ("项目单位已建立项目资金管理制度。", "项目单位未雨绸缪建立项目资金管理制度。"),
        # a double negation asserts
        ("项目单位已建立项目资金管理制度。", "项目单位并非未建立项目资金管理制度。"),
        # an exception, a question, a condition, a duty
        ("项目单位已建立项目资金管理制度。", "除个别学校外，项目单位未建立项目资金管理制度的情况已整改。"),
        ("项目单位已建立项目资金管理制度。", "项目单位是否未建立项目资金管理制度？"),
        ("项目单位已建立项目资金管理制度。", "若项目单位未建立项目资金管理制度，应限期整改。"),
        # a deduction restated belongs to TEXT001
        ("项目单位已建立项目资金管理制度。", "因项目单位未建立项目资金管理制度，扣1分。"),
        # attributive: a kind of case, not a denial
        ("项目按时完成年度建设任务。", "项目存在未按时完成年度建设任务的情况。"),
        # a hedged assertion
        ("项目单位基本建立项目资金管理制度。", "项目单位尚未建立项目资金管理制度。"),
        # a plan is no assertion
        ("项目单位计划于明年建立项目资金管理制度。", "项目单位尚未建立项目资金管理制度。"),
        # the assertion's phrase goes on: another, longer object
        ("项目按时完成年度建设任务验收。", "项目未按时完成年度建设任务。"),
        # the denial is more specific than the assertion
        ("评价组提出了问题及建议。", "评价组未提出合理的问题及建议。"),
        # different years
        ("2024年项目单位已建立项目资金管理制度。", "2022年项目单位尚未建立项目资金管理制度。"),
        # too short a phrase to pair on
        ("项目已完成。", "项目未完成。"),
        # an absence found, no act denied
        ("项目单位发现存在截留资金情况并已整改。", "项目单位未发现存在截留资金情况。"),
    ],
)
def test_not_a_contradiction(rule_findings, positive: str, negative: str) -> None:
    assert rule_findings(_report(positive, negative), "TEXT012") == []


ANALYSIS = """# 某项目绩效评价报告

## 四、评价指标分析

(1) 资金管理制度健全性：{first}根据评分标准，本项指标得4分。

(2) 业务管理制度健全性：{second}根据评分标准，本项指标得4分。

## 附件 评分表

| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |
|---|---|---|---|---|
| 过程 | 组织实施 | 资金管理制度健全性 | 5 | 4 |
| 过程 | 组织实施 | 业务管理制度健全性 | 5 | 4 |
| 合计 | | | 10 | 8 |
"""


def test_two_indicators_sharing_words_are_two_topics(rule_findings) -> None:
    # each analysis speaks of its own indicator: "已建立管理制度" under one and
    # "尚未建立管理制度" under the other do not contradict each other
    text = ANALYSIS.format(first="项目单位已建立相关管理制度。", second="项目单位尚未建立相关管理制度。")
    assert rule_findings(text, "TEXT012") == []


def test_one_indicator_denying_and_asserting(rule_findings) -> None:
    text = ANALYSIS.format(first="项目单位已建立相关管理制度。但项目单位尚未建立相关管理制度。", second="制度执行较好。")
    (f,) = rule_findings(text, "TEXT012")
    assert "资金管理制度健全性" in f.message_zh


# ---------------------------------------------------------------- TEXT013

LOW = """# 某区农田水利维修项目绩效自评报告

## 一、资金使用情况

{money}

## 二、存在的问题

{said}
"""


@pytest.mark.parametrize(
    "said",
    ["经自查，项目暂无问题。", "项目在资金管理、预算执行方面均不存在问题。", "无。"],
)
def test_no_problem_under_low_execution(rule_findings, said: str) -> None:
    money = "项目年度预算资金125万元，实际支出78万元，预算执行率为62.4%。"
    (f,) = rule_findings(LOW.format(money=money, said=said), "TEXT013")
    assert "62.4%" in f.message_zh and f.places[1].quote.endswith("预算执行率为62.4%。")


@pytest.mark.parametrize(
    ("money", "said", "profile_threshold"),
    [
        # high execution
        ("项目年度预算资金125万元，实际支出120万元，预算执行率为96%。", "经自查，项目暂无问题。", None),
        # a mid-year rate measures nothing of the year
        ("截至2024年6月底，预算执行率为45%。", "经自查，项目暂无问题。", None),
        # specific problems denied, not every problem
        ("项目年度预算资金125万元，实际支出78万元，预算执行率为62.4%。", "项目不存在截留、挤占、挪用等问题。", None),
        # an area other than money
        ("项目年度预算资金125万元，实际支出78万元，预算执行率为62.4%。", "项目在项目决策方面无问题。", None),
        # a duty claims nothing
        ("项目年度预算资金125万元，实际支出78万元，预算执行率为62.4%。", "项目单位应确保资金使用不出现问题。", None),
    ],
)
def test_no_problem_not_flagged(rule_findings, money: str, said: str, profile_threshold: None) -> None:
    assert rule_findings(LOW.format(money=money, said=said), "TEXT013") == []


def test_threshold_follows_the_profile(tmp_path) -> None:
    from auditor.engine.api import AuditOptions, audit_path

    money = "项目年度预算资金100万元，实际支出85万元，预算执行率为85%。"
    path = tmp_path / "r.md"
    path.write_text(LOW.format(money=money, said="经自查，项目暂无问题。"), encoding="utf-8")
    national = [f for f in audit_path(str(path)).findings if f.rule_id == "TEXT013"]
    sichuan = [f for f in audit_path(str(path), AuditOptions(profile="sichuan")).findings if f.rule_id == "TEXT013"]
    assert national == [] and len(sichuan) == 1  # 85 % passes 80 % (national), not 90 % (四川)


@pytest.mark.parametrize(
    ("positive", "negative"),
    [
        # a recommendation's verb is no fact
        ("建议部分之外，单位应进一步落实项目资金管理制度。", "项目单位未落实项目资金管理制度。"),
        ("项目单位进一步落实项目资金管理制度。", "项目单位未落实项目资金管理制度。"),
        # put right afterwards: a sequence
        ("项目单位整改后已建立项目资金管理制度。", "项目单位尚未建立项目资金管理制度。"),
        # inside a document title
        ("项目单位已建立项目资金管理制度。", "单位转发《关于项目单位尚未建立项目资金管理制度的通报》。"),
    ],
)
def test_sequences_titles_and_advice(rule_findings, positive: str, negative: str) -> None:
    assert rule_findings(_report(positive, negative), "TEXT012") == []
