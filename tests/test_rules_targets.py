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
