"""Status labels (STATUS*)."""

from auditor.engine.builder import FactsBuilder, fired, passes


def test_completed_target_must_be_met() -> None:
    b = FactsBuilder()
    b.target("业务办理量达标率", "≥", "100%", "116.33%", "completed")
    b.target("故障维护及时性", "≤", "48", "36", "completed", unit="小时")
    assert passes(b, "STATUS001")
    b.target("综合满意度", "≥", "95%", "86.04%", "completed")
    found = fired(b, "STATUS001")
    assert len(found) == 1 and found[0].tags == ["target-flip"] and found[0].found == "86.04%"


def test_text_targets_are_not_compared() -> None:
    b = FactsBuilder()
    b.target("设备运转故障", "text", None, None, "completed")
    assert fired(b, "STATUS001") == []


def test_units_that_cannot_be_compared() -> None:
    b = FactsBuilder()
    b.target("满意度", "≥", "95%", "90", "completed")  # actual printed without %: not comparable
    assert fired(b, "STATUS001") == []


def test_uncompleted_target_must_be_missed() -> None:
    b = FactsBuilder()
    b.target("综合满意度", "≥", "95%", "86.04%", "uncompleted")
    assert passes(b, "STATUS002")
    b.target("资金到位率", "=", "100%", "100%", "uncompleted")
    assert len(fired(b, "STATUS002")) == 1


def test_partial_but_met_is_a_warning() -> None:
    b = FactsBuilder()
    b.target("综合满意度", "≥", "95%", "86.04%", "partial")
    assert passes(b, "STATUS003")
    b.target("综合满意度", "≥", "85%", "86.04%", "partial")
    found = fired(b, "STATUS003")
    assert len(found) == 1 and found[0].severity == "warning"


FORM = (
    "# 2023年度项目支出绩效自评表\n\n"
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |\n"
    "|---|---|---|---|---|---|---|---|\n"
    "| 产出指标 | 质量指标 | 安全隐患整改率 | ≥95% | {actual} | 10 | {score} | 个别隐患汛后整改 |\n"
    "| 效益指标 | 社会效益指标 | 群众满意度 | ≥90% | 93.5% | 10 | 10 |  |\n"
    "| 合计 |  |  |  |  | 20 | {total} |  |\n"
)


def form(actual: str, score: str) -> str:
    return FORM.format(actual=actual, score=score, total=int(score) + 10)


def test_self_form_target_met_but_points_lost(rule_findings) -> None:
    assert rule_findings(form("91.7%", "8"), "STATUS004") == []  # missed: points lost, consistent
    assert rule_findings(form("96.7%", "10"), "STATUS004") == []  # met: full marks, consistent
    (f,) = rule_findings(form("96.7%", "8"), "STATUS004")
    assert f.severity == "warning" and "安全隐患整改率" in f.message_zh
    assert [p.role for p in f.places] == ["target", "score", "weight"]
