"""Results stated in prose against the rows they name (TEXT005/006), scoring standards
(TEXT007-010), one reason deducted under two rows (TEXT002) and the negation scope of
deduction reasons (TEXT001). Invented sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from auditor.extract.standards import foreign_rate, gap, overlap, read_standard, same_points
from auditor.extract.stated_results import results_in
from auditor.extract.statements import asserting_sentences, negated
from auditor.facts import Quote
from auditor.models import Location, Paragraph
from auditor.numbers import parse_number

REPORT = """# 某项目绩效评价报告

## 四、评价指标分析

(1) 项目完成及时性：{first}根据评分标准，本项指标得{score}分。

(2) 工程验收合格率：{second}根据评分标准，本项指标得{score2}分。

## 附件 评分表

| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |
|---|---|---|---|---|
| 产出 | 产出时效 | 项目完成及时性 | 5 | {score} |
| 产出 | 产出质量 | 工程验收合格率 | 5 | {score2} |
| 合计 | | | 10 | {total} |
"""


def _report(first: str = "项目按计划推进。", score: int = 5, second: str = "工程经验收合格。", score2: int = 5) -> str:
    return REPORT.format(first=first, score=score, second=second, score2=score2, total=score + score2)


# ---------------------------------------------------------------- missed in text, full points


@pytest.mark.parametrize(
    "first", ["项目原计划6月底竣工，实际8月底竣工，滞后2个月。", "受雨季影响，主体工程未按期完成。", "截至年底，项目尚未完成。"]
)
def test_missed_in_text_but_full_points(rule_findings, first: str) -> None:
    (f,) = rule_findings(_report(first=first), "TEXT005")
    assert f.severity == "warning" and "项目完成及时性" in f.message_zh and "5/5" in f.message_zh
    assert [p.role for p in f.places] == ["text", "score"]
    assert f.places[0].figure and f.places[0].figure in first  # the key words are highlighted
    # the row that lost points agrees with the sentence
    assert rule_findings(_report(first=first, score=3), "TEXT005") == []


@pytest.mark.parametrize(
    "first",
    [
        "项目未出现延期完成的情况。",  # a negated miss
        "项目不存在工期延误。",
        "若延期完成，按合同扣减费用。",  # a condition
        "是否按期完成？",  # a question
        "项目虽延期开工，但在合同约定工期内竣工。",  # a miss taken back
        "为避免进度滞后2个月以上，单位加派了人员。",  # a duty
        "项目组未雨绸缪，提前备料，项目按期推进。",  # 未 inside a longer word, no miss
        "并非未按期完成，而是提前完成。",  # double negation
        "除二标段外，其余标段均未按期完成。",  # an exception: which part is unsaid
    ],
)
def test_no_missed_claim(rule_findings, first: str) -> None:
    assert rule_findings(_report(first=first), "TEXT005") == []


def test_a_sentence_naming_another_indicator_is_linked_to_that_one(rule_findings) -> None:
    # the sentence names 工程验收合格率 inside 项目完成及时性's paragraph: linked by name, not position
    text = _report(first="工程验收合格率方面，验收工作延期完成。", score2=3)
    assert rule_findings(text, "TEXT005") == []
    (f,) = rule_findings(_report(first="工程验收合格率方面，验收工作延期完成。"), "TEXT005")
    assert "工程验收合格率" in f.message_zh


def test_two_indicators_in_one_sentence_are_not_checkable(rule_findings) -> None:
    first = "项目完成及时性和工程验收合格率两项中，有一项滞后2个月。"
    assert rule_findings(_report(first=first), "TEXT005") == []


def _para(text: str) -> Paragraph:
    return Paragraph(text=text, location=Location(file="x.md", block=0))


def test_a_name_inside_a_longer_name_links_to_the_longer() -> None:
    # rows 验收合格率 and 工程验收合格率 share words: the sentence prints the longer one
    names = {"验收合格率": "验收合格率", "工程验收合格率": "工程验收合格率"}
    (r,) = results_in(_para("工程验收合格率：验收工作延期完成。"), names)
    assert r.indicator == "工程验收合格率" and r.said == "missed" and r.phrase == "延期完成"
    # a sentence printing neither name in full, in a paragraph opening with neither: no link
    assert results_in(_para("本年度验收工作延期完成。"), names) == []


# ---------------------------------------------------------------- done in text, zero points


def test_met_in_text_but_zero_points(rule_findings) -> None:
    second = "工程已按期完成验收并交付使用。"
    (f,) = rule_findings(_report(second=second, score2=0), "TEXT006")
    assert "工程验收合格率" in f.message_zh and "0/5" in f.message_zh
    assert rule_findings(_report(second=second, score2=5), "TEXT006") == []


@pytest.mark.parametrize(
    "second",
    [
        "工程基本完成验收。",  # hedged
        "工程计划于次年完成验收。",  # a plan
        "确保工程按期完成验收。",  # a duty
        "工程部分已完成，部分滞后2个月。",  # a part done, a part late
        "工程尚未完成验收。",  # a negation
    ],
)
def test_no_met_claim(rule_findings, second: str) -> None:
    assert rule_findings(_report(second=second, score2=0), "TEXT006") == []


# ---------------------------------------------------------------- scoring standards

_Q = Quote(location=Location(file="x.md", block=0), text="")


def _std(text: str, weight: str | None = "5", name: str = "工作人员满意度", others: list[str] | None = None):
    std = read_standard(text, name, parse_number(weight) if weight else None, others or [], _Q)
    assert std is not None
    return std


def test_same_points_for_two_bands_with_full_marks_as_the_weight() -> None:
    text = "满意度≥90%得满分；85%≤满意度<90%得5分；80%≤满意度<85%得3分；满意度<80%不得分"
    pair = same_points(_std(text, "5"))
    assert pair is not None and pair[1].text == "85%≤满意度<90%得5分"
    assert same_points(_std(text, "6")) is None  # 满分 is 6 there: the bands differ
    assert same_points(_std(text, None)) is None  # no weight: 满分 unknown, nothing claimed


def test_overlap_and_gap() -> None:
    assert overlap(_std("满意度≥85%得3分；80%≤满意度<90%得2分；满意度<80%不得分")) is not None
    assert overlap(_std("满意度≥90%得3分；80%≤满意度<90%得2分；满意度<80%不得分")) is None
    # one figure both ends include in so many words
    assert overlap(_std("满意度≥90%得3分；80%≤满意度≤90%得2分")) is not None
    assert gap(_std("满意度≥90%得3分；80%≤满意度<85%得2分；满意度<80%不得分")) is not None
    # one figure both ends leave out
    assert gap(_std("满意度>90%得3分；80%≤满意度<90%得2分；满意度<80%不得分")) is not None
    assert gap(_std("满意度≥90%得3分；80%≤满意度<90%得2分；满意度<80%不得分")) is None


@pytest.mark.parametrize(
    "text",
    [
        "90%以上得3分；80%-90%得2分；80%以下不得分",  # loose ends: inclusive or not is unsaid
        "80%-89%得2分；90%以上得3分",  # whole percents written loosely
        "满意度≥90%得3分；其他情况酌情得1分",  # a clause not read as a band: gaps not judged
        "满意度≥90%得3分；满意度<60%不得分；其间按比例得分",
    ],
)
def test_no_overlap_or_gap_claimed(text: str) -> None:
    std = _std(text)
    assert overlap(std) is None and gap(std) is None


def test_descending_two_sided_bands() -> None:
    std = _std("①满意度≥95%，得10分；②95%>满意度≥85%，得6分；③85%>满意度≥60%，得3分；④满意度<60%，不得分", "10")
    assert [(b.lower, b.upper) for b in std.bands][1] == (Decimal(85), Decimal(95))
    assert same_points(std) is None and overlap(std) is None and gap(std) is None


def test_formula_on_another_rate() -> None:
    text = "①业务维护率≥100%，得4分；②若业务维护率<100%，得分=内容维护率*标准分(4分)。"
    assert foreign_rate(_std(text, "4", "业务维护率")) == "业务维护率"
    assert foreign_rate(_std(text.replace("内容维护率", "业务维护率"), "4", "业务维护率")) is None
    # one rate ending the other is the same rate
    assert foreign_rate(_std("若资金到位率<100%，得分=到位率×标准分", "2", "资金到位率")) is None
    # without a condition: foreign only when it is another row's name
    bare = "得分=内容维护率×标准分"
    assert foreign_rate(_std(bare, "3", "业务办理量达标率", ["内容维护率", "验收合格率"])) == "业务办理量达标率"
    assert foreign_rate(_std(bare, "3", "业务办理量达标率", ["验收合格率"])) is None


STANDARDS = """# 某项目绩效评价报告

| 一级指标 | 三级指标 | 分值 | 评分标准 | 得分 |
|---|---|---|---|---|
| 满意度 | 工作人员满意度 | {weight} | 满意度≥90%得满分；85%≤满意度<90%得5分；满意度<85%不得分 | {weight} |
| 产出 | 业务办理量达标率 | 3 | ①业务办理量达标率≥100%，得3分；②若业务办理量达标率<100%，得分={rate}*标准分 | 3 |
| 合计 | | {total} | | {total} |
"""


def test_standard_rules_on_a_table(rule_findings) -> None:
    text = STANDARDS.format(weight=5, total=8, rate="内容维护率")
    (f,) = rule_findings(text, "TEXT007")
    assert "工作人员满意度" in f.message_zh and "（5分）" in f.message_zh
    # one cell: one place, the first band highlighted, both quoted in the message
    assert [(p.role, p.figure) for p in f.places] == [("standard", "满意度≥90%得满分")]
    assert "85%≤满意度<90%得5分" in f.message_zh
    (g,) = rule_findings(text, "TEXT010")
    assert "内容维护率" in g.message_zh and "业务办理量达标率" in g.message_zh and g.places[0].figure == "内容维护率"
    clean = STANDARDS.format(weight=6, total=9, rate="业务办理量达标率")
    for rule in ("TEXT007", "TEXT008", "TEXT009", "TEXT010"):
        assert rule_findings(clean, rule) == []


# ---------------------------------------------------------------- one reason under two rows

TWICE = """# 某项目绩效评价报告

| 一级指标 | 三级指标 | 分值 | 得分 | 扣分原因 |
|---|---|---|---|---|
| 过程 | 资金使用合规性 | 4 | {a} | ①未建立项目资金使用明细台账，扣1分 |
| 过程 | 财务管理制度执行 | 4 | 3 | 未建立项目资金使用明细台账，扣1分 |
| 过程 | 档案管理 | 4 | 3 | 资料不全，扣1分 |
| 合计 | | 12 | {total} | |
"""


def test_one_reason_under_two_rows(rule_findings) -> None:
    (f,) = rule_findings(TWICE.format(a=3, total=9), "TEXT002")
    assert f.severity == "info" and "资金使用合规性" in f.message_zh and "财务管理制度执行" in f.message_zh
    assert len(f.places) == 2
    # a row that lost nothing is no second deduction (its reason text is then a slip of its own)
    assert rule_findings(TWICE.format(a=4, total=10), "TEXT002") == []


def test_a_reason_three_rows_share_is_boilerplate(rule_findings) -> None:
    text = TWICE.format(a=3, total=9).replace("资料不全，扣1分", "未建立项目资金使用明细台账，扣1分")
    assert rule_findings(text, "TEXT002") == []


# ---------------------------------------------------------------- negation scope (TEXT001)


@pytest.mark.parametrize(
    "clause",
    [
        "未雨绸缪建立资金使用台账，扣1分",  # 未 inside a longer word
        "并非未完成年度资金使用台账建设，扣1分",  # double negation
        "除二季度外未建立资金使用台账，扣1分",  # an exception
        "是否建立资金使用台账？扣1分",  # a question
    ],
)
def test_reason_clauses_that_negate_nothing(clause: str) -> None:
    assert negated(clause) is None


@pytest.mark.parametrize(
    ("text", "asserts"),
    [
        ("单位并非未建立资金使用台账，已按月登记。", True),  # double negation asserts
        ("单位未来将建立资金使用台账。", False),
        ("单位未雨绸缪，已建立资金使用台账。", True),  # 未 inside a longer word negates nothing
        ("因未建立资金使用台账，扣1分。", False),  # repeating the deduction agrees with it
        ("除二季度外，均已建立资金使用台账。", False),
        ("单位是否已建立资金使用台账？", False),
    ],
)
def test_assertion_scope(text: str, asserts: bool) -> None:
    assert bool(asserting_sentences(_para(text), "资金使用台账")) is asserts


def test_deduction_reason_and_assertion_highlighted(rule_findings) -> None:
    from tests.test_statements import REPORT as REASONS

    (f,) = rule_findings(REASONS.format(first="该单位已将年度目标细化分解为可衡量的三级指标，指标值清晰。"), "TEXT001")
    neg, text = f.places
    assert neg.figure == "未细化分解为可衡量的三级指标" and neg.figure in neg.quote
    assert text.figure == "细化分解为可衡量的三级指标" and text.figure in text.quote


def test_cascade_of_lower_bounds_is_one_ladder() -> None:
    # "≥95%得10分，≥90%得8分…": each band stops where the one above starts
    std = _std("综合满意度≥95%得10分，≥90%得8分，≥80%得6分，低于80%不得分。", "10")
    assert [(b.lower, b.upper) for b in std.bands] == [
        (Decimal(95), None),
        (Decimal(90), Decimal(95)),
        (Decimal(80), Decimal(90)),
        (None, Decimal(80)),
    ]
    assert overlap(std) is None and gap(std) is None and same_points(std) is None
    # a condition alone before its points stays with them
    assert [b.points for b in _std("满意度≥90%，得5分；满意度<90%，不得分").bands] == [Decimal(5), Decimal(0)]


def test_a_standard_scoring_two_measures_is_not_one_ladder() -> None:
    text = (
        "1.基本支出执行率占50%权重分，执行率≥95%得满分，每偏离1%扣除权重分5%，扣完为止；"
        "2.项目支出执行率占50%权重分，执行率≥95%得满分，每偏离1%扣除权重分5%，扣完为止；3.若执行率大于100%则不得分。"
    )
    std = _std(text, "2")
    assert same_points(std) is None and overlap(std) is None and gap(std) is None


# ---------------------------------------------------------------- a problem where nothing was lost

PROBLEMS = """# 某项目绩效评价报告

## 四、存在的问题

（一）项目完成及时性：部分附属工程推进较慢。

（二）资金使用和产出方面：资料归档不及时。

## 五、建议

加强管理。

## 附件 评分表

| 一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |
|---|---|---|---|---|
| 产出 | 产出时效 | 项目完成及时性 | 5 | {score} |
| 产出 | 产出质量 | 工程验收合格率 | 5 | 4 |
| 合计 | | | 10 | {total} |
"""


def test_problem_listed_under_a_row_that_lost_nothing(rule_findings) -> None:
    (f,) = rule_findings(PROBLEMS.format(score=5, total=9), "TEXT011")
    assert f.severity == "info" and "项目完成及时性" in f.message_zh and "5/5" in f.message_zh
    assert f.places[0].role == "problems" and f.places[0].figure == "项目完成及时性"
    assert rule_findings(PROBLEMS.format(score=4, total=8), "TEXT011") == []
    # a self-assessment's problem list answers to another table
    text = PROBLEMS.format(score=5, total=9).replace("## 四、存在的问题", "## 附件 单位自评报告\n\n## 四、存在的问题")
    assert rule_findings(text, "TEXT011") == []


def test_key_words_are_marked_in_the_html_report(tmp_path) -> None:
    from auditor.engine.api import audit_path
    from auditor.report.html_out import render_html

    path = tmp_path / "r.md"
    path.write_text(_report(first="项目原计划6月底竣工，实际8月底竣工，滞后2个月。"), encoding="utf-8")
    page = render_html([audit_path(str(path))])
    assert "<mark>滞后2个月</mark>" in page


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("工程验收合格率：工程已完成验收。", "met"),
        ("工程验收合格率：合格率已达到85%。", None),  # a figure reached says nothing of the target
        ("工程验收合格率：已完成验收12个标段。", None),  # a quantity done, not the indicator
        ("工程验收合格率：尚未完成验收的标段3个。", None),  # a quantity left, not the indicator
        ("工程验收合格率：合格率已达到年度目标。", "met"),
        ("工程验收合格率：验收滞后2个月。", "missed"),
    ],
)
def test_what_counts_as_a_stated_result(text: str, said: str | None) -> None:
    found = results_in(_para(text), {"工程验收合格率": "工程验收合格率"})
    assert [r.said for r in found] == ([said] if said else [])
