"""Zero-value sections (ZERO*)."""

from auditor.engine.builder import FactsBuilder, fired, passes


def scored(b: FactsBuilder, total: str) -> None:
    b.tree(b.node("决策", "100", total), total=("100", total))


def test_no_problems_while_points_were_lost() -> None:
    b = FactsBuilder()
    scored(b, "84.94")
    b.problems("存在问题", ["预算编制质量不高"])
    assert run_checked_nothing(b)
    b.problems("问题清单", says_none=True)
    found = fired(b, "ZERO001")
    assert len(found) == 1 and "15.06" in found[0].message_zh


def run_checked_nothing(b: FactsBuilder) -> bool:
    from auditor.engine.builder import run

    result = run(b, "ZERO001")
    return not result.findings and result.coverage.by_rule["ZERO001"]["passed"] == 0


def test_no_problems_with_full_marks() -> None:
    b = FactsBuilder()
    scored(b, "100")
    b.problems("问题清单", says_none=True)
    assert passes(b, "ZERO001")


def test_self_assessment_problem_list_is_compared_with_the_self_score() -> None:
    b = FactsBuilder()
    scored(b, "84.94")
    b.overall("self_score", "100", "self_assessment")
    b.problems("自评报告存在的问题", says_none=True)
    assert passes(b, "ZERO001")


def test_zero_score_but_target_met() -> None:
    b = FactsBuilder()
    b.tree(b.node("效益", "10", "5", b.node("可持续性", "5", "0"), b.node("满意度", "5", "5")))
    b.target("可持续性", "text", None, None, "uncompleted")
    assert passes(b, "ZERO002")
    b = FactsBuilder()
    b.tree(b.node("效益", "10", "5", b.node("可持续性", "5", "0"), b.node("满意度", "5", "5")))
    b.target("可持续性", "text", None, None, "completed")
    found = fired(b, "ZERO002")
    assert len(found) == 1 and found[0].tags == ["target-flip"]


def test_zero_score_without_reason() -> None:
    b = FactsBuilder()
    b.tree(
        b.node(
            "管理",
            "4",
            "2",
            b.node("制度执行", "2", "0", reason="合同到期未重新招标"),
            b.node("采购", "2", "2"),
        )
    )
    assert passes(b, "ZERO003")
    b.tree(b.node("管理", "4", "1", b.node("制度执行", "2", "0"), b.node("采购", "2", "1", reason="扣1分")))
    assert len(fired(b, "ZERO003")) == 1


def test_points_lost_need_a_reason_where_the_table_gives_reasons() -> None:
    def table(reason: str | None) -> FactsBuilder:
        b = FactsBuilder()
        b.tree(
            b.node(
                "过程",
                "20",
                "18",
                b.node("管理制度健全性", "5", "4", reason="制度未及时修订，扣1分", level=2),
                b.node("制度执行有效性", "5", "4", reason=reason, level=2),
                b.node("资金使用合规性", "10", "10", level=2),
            )
        )
        return b

    assert passes(table("工单缺少验收签字，扣1分"), "ZERO004")
    for blank in (None, "", "无", "／"):
        found = fired(table(blank), "ZERO004")
        assert len(found) == 1 and "制度执行有效性" in found[0].message_zh, blank
