"""Dates (DATE*)."""

from auditor.engine.builder import FactsBuilder, fired, passes


def window(b: FactsBuilder) -> None:
    b.date("evaluation_start", "2024-06-18")
    b.date("evaluation_end", "2024-12-02")


def test_feedback_inside_the_evaluation() -> None:
    b = FactsBuilder()
    window(b)
    b.date("feedback", "2024-11-11", label="科室反馈")
    assert passes(b, "DATE001")


def test_feedback_before_the_evaluation_started() -> None:
    b = FactsBuilder()
    window(b)
    b.date("feedback", "2024-04-20", label="意见反馈")
    found = fired(b, "DATE001")
    assert len(found) == 1 and found[0].severity == "error" and "59" in found[0].message_zh


def test_self_assessment_signature_may_predate_the_evaluation() -> None:
    b = FactsBuilder()
    window(b)
    b.date("signature", "2024-03-01", label="自评报告落款")
    assert fired(b, "DATE001") == []


def test_month_precision_is_charitable() -> None:
    b = FactsBuilder()
    b.date("evaluation_start", "2024-06-01", precision="month")
    b.date("feedback", "2024-06-05")
    assert passes(b, "DATE001")


def test_report_before_fieldwork_end() -> None:
    b = FactsBuilder()
    window(b)
    b.date("fieldwork_end", "2024-08-01", precision="month")
    b.date("report_date", "2024-12-02")
    assert passes(b, "DATE002")
    b.date("report_date", "2024-07-15")
    assert len(fired(b, "DATE002")) == 1


def test_duration_vs_dates() -> None:
    b = FactsBuilder()
    b.duration("90", "日历天", "2024-01-01", "2024-03-30")
    b.duration("5", "月", "2024-06-18", "2024-11-17")
    assert passes(b, "DATE003")
    b.duration("60", "日历天", "2024-01-01", "2024-03-30")
    found = fired(b, "DATE003")
    assert len(found) == 1 and found[0].expected == "2024-01-01—2024-03-30 = 90日历天"


def test_date_stated_twice() -> None:
    b = FactsBuilder()
    b.date("evaluation_start", "2024-06-01", precision="month")
    b.date("evaluation_start", "2024-06-18")
    assert passes(b, "DATE004")
    b.date("evaluation_end", "2024-08-01", precision="month")
    b.date("evaluation_end", "2024-12-02")
    found = fired(b, "DATE004")
    assert len(found) == 1 and found[0].severity == "warning"


def test_end_before_start() -> None:
    b = FactsBuilder()
    window(b)
    assert passes(b, "DATE005")
    b = FactsBuilder()
    b.date("fieldwork_start", "2024-12-18")
    b.date("fieldwork_end", "2024-06-02")
    assert len(fired(b, "DATE005")) == 1


def test_survey_inside_and_outside_the_evaluation() -> None:
    b = FactsBuilder()
    window(b)
    b.date("report_date", "2024-12-02")
    b.date("survey", "2024-07-18", label="问卷提交时间")
    assert passes(b, "DATE006")
    b.date("survey", "2023-07-18", label="问卷提交时间")
    b.date("survey", "2025-01-05", label="问卷提交时间")
    found = fired(b, "DATE006")
    assert sorted(f.found for f in found) == ["2023-07-18", "2025-01-05"]


def test_evaluation_period_stated_twice_differently() -> None:
    b = FactsBuilder()
    window(b)
    b.date("evaluation_end", "2024-08-01", precision="month", label="于…至…开展绩效评价")
    found = fired(b, "DATE004")
    assert len(found) == 1 and found[0].message_zh.startswith("评价结束日期")
    assert "evaluation end" in found[0].message_en


SELF_FORM = "# 2023年度项目支出绩效自评表\n\n填报单位：某所　填报人：张三　填报日期：{date}\n"


def test_report_dated_before_the_year_it_assesses_ended(rule_findings) -> None:
    assert rule_findings(SELF_FORM.format(date="2024年3月15日"), "DATE007") == []
    (f,) = rule_findings(SELF_FORM.format(date="2023年2月9日"), "DATE007")
    assert f.severity == "warning"
    assert [p.role for p in f.places] == ["date", "year assessed"]
    assert "2023年度" in f.places[1].quote


def test_year_span_and_ex_ante_evaluations(rule_findings) -> None:
    span = "# 2021-2023年度项目绩效评价报告\n\n报告日期：2023年6月1日\n"
    assert len(rule_findings(span, "DATE007")) == 1  # the span ends with 2023
    ex_ante = "# 2024年度重点项目事前绩效评估报告\n\n报告日期：2023年10月8日\n"
    assert rule_findings(ex_ante, "DATE007") == []  # made before the year, by design


def test_assessed_year_from_a_basics_table(rule_findings) -> None:
    table = (
        "# 某项目绩效评价报告\n\n"
        "| 项目名称 | 某项目 | 开展评价年度 | 2023年 |\n|---|---|---|---|\n| 主管部门 | 某局 | 评价机构 | 某所 |\n\n"
        "报告日期：{date}\n"
    )
    assert rule_findings(table.format(date="2024年5月6日"), "DATE007") == []
    (f,) = rule_findings(table.format(date="2023年5月6日"), "DATE007")
    assert f.places[1].quote == "2023年"
