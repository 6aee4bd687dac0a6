"""Sub-score totals, totals across places, sections vs tables, labels (SCORE*)."""

from auditor.engine.builder import FactsBuilder, fired, passes


def project(b: FactsBuilder, effect: str = "21.94", total: str = "84.94", kind: str = "annex") -> None:
    b.tree(
        b.node(
            "决策",
            "20",
            "15.00",
            b.node("立项", "6", "5", level=2),
            b.node("目标", "6", "3"),
            b.node("投入", "8", "7"),
        ),
        b.node("过程", "20", "18.00"),
        b.node("产出", "30", "30.00"),
        b.node(
            "效益",
            "30",
            effect,
            b.node("社会", "12", "10.94"),
            b.node("持续", "8", "5"),
            b.node("满意", "10", "6"),
        ),
        total=("100", total),
        kind=kind,
    )


def test_weights_add_up() -> None:
    b = FactsBuilder()
    project(b)
    assert passes(b, "SCORE001")


def test_child_weights_off() -> None:
    b = FactsBuilder()
    b.tree(
        b.node("决策", "20", None, b.node("立项", "6"), b.node("目标", "6"), b.node("投入", "9")),
        total=("20", None),
    )
    found = fired(b, "SCORE001")
    assert len(found) == 1
    assert found[0].expected == "6+6+9 = 21" and found[0].found == "20"
    assert [p.role for p in found[0].places] == ["total", "part", "part", "part"]


def test_merged_cell_standing_for_two_groups_counts_once() -> None:
    # A converted table repeats one merged cell: '决策 40' stands for 决策+过程.
    b = FactsBuilder()
    b.tree(
        b.node("决策", "40", "33", merged=["决策", "过程"]),
        b.node("过程", None, None),
        b.node("产出", "30", "30"),
        b.node("效益", "30", "21.94"),
        total=("100", "84.94"),
    )
    assert passes(b, "SCORE001")
    assert passes(b, "SCORE003")


def test_child_scores_off() -> None:
    b = FactsBuilder()
    project(b, effect="21.94")
    assert passes(b, "SCORE002")
    b = FactsBuilder()
    b.tree(
        b.node(
            "效益",
            "30",
            "21.94",
            b.node("社会", "12", "10.94"),
            b.node("持续", "8", "5"),
            b.node("满意", "10", "5"),
        )
    )
    found = fired(b, "SCORE002")
    assert len(found) == 1 and found[0].expected == "10.94+5+5 = 20.94"
    assert "[20.935, 20.945]" in found[0].message_zh and "[21.935, 21.945]" in found[0].message_zh


def test_rounded_scores_within_their_intervals_pass() -> None:
    # 5.417 and 5.5166 print as 5.42 and 5.52; the parent 10.94 is 10.9336 rounded.
    b = FactsBuilder()
    b.tree(b.node("社会", "12", "10.93", b.node("便利", "6", "5.42"), b.node("安全", "6", "5.52")))
    assert passes(b, "SCORE002")


def test_first_level_total_and_grade_band_change() -> None:
    b = FactsBuilder()
    project(b, total="84.94")
    assert passes(b, "SCORE003")
    b = FactsBuilder()
    project(b, total="91.94")  # 84.94 良 printed as 91.94 优
    found = fired(b, "SCORE003")
    assert len(found) == 1
    assert found[0].tags == ["grade-band-change"] and found[0].severity == "error"
    b = FactsBuilder()
    project(b, total="85.94")  # wrong, but still 良
    assert fired(b, "SCORE003")[0].tags == []


def test_total_agrees_across_places() -> None:
    b = FactsBuilder()
    project(b)
    b.overall("total_score", "84.94", "cover")
    b.overall("total_score", "84.94", "conclusion")
    assert passes(b, "SCORE004")
    b.overall("total_score", "84.49", "summary")
    found = fired(b, "SCORE004")
    assert len(found) == 1
    assert found[0].found == "84.94 ×3; 84.49 ×1"
    assert found[0].places[0].role == "differs" and found[0].places[0].quote.endswith("84.49")
    assert found[0].tags == []


def test_total_disagreement_across_a_band_is_tagged() -> None:
    b = FactsBuilder()
    b.overall("total_score", "84.94", "cover")
    b.overall("total_score", "94.84", "summary")
    assert fired(b, "SCORE004")[0].tags == ["grade-band-change"]


def test_section_sentence_vs_table() -> None:
    b = FactsBuilder()
    b.tree(
        b.node(
            "部门管理",
            "25",
            "22",
            b.node("采购管理", "2", "1", code="B6"),
            b.node("资产管理", "23", "21", code="B7"),
        )
    )
    b.section("采购管理", "2", "1", level=2)
    assert passes(b, "SCORE005") and passes(b, "SCORE006")
    b.section("采购管理", "2", "2", "50.00%", level=2, code="B6")
    found = fired(b, "SCORE005")
    assert len(found) == 1 and found[0].found == "2" and found[0].expected == "1"
    b.section("资产管理", "25", None, level=2)
    assert fired(b, "SCORE006")[0].found == "25"


def test_ambiguous_section_name_matches_nothing() -> None:
    b = FactsBuilder()
    b.tree(
        b.node("产出", "30", "30", b.node("满意度", "5", "5")),
        b.node("效益", "30", "20", b.node("满意度", "10", "6")),
    )
    b.section("满意度", None, "9", level=2)
    assert fired(b, "SCORE005") == []


def test_same_indicator_in_two_tables() -> None:
    b = FactsBuilder()
    project(b, kind="summary")
    project(b, kind="annex")
    assert passes(b, "SCORE007") and passes(b, "SCORE008")
    b = FactsBuilder()
    project(b, kind="summary")
    project(b, effect="20.94", kind="annex")
    found = fired(b, "SCORE008")
    assert [f.found for f in found] == ["21.94 ×1; 20.94 ×1"]


def test_self_assessment_table_is_not_compared_with_the_evaluators() -> None:
    b = FactsBuilder()
    project(b, kind="annex")
    project(b, effect="30", total="100", kind="self")
    assert fired(b, "SCORE008") == []


def test_score_within_weight() -> None:
    b = FactsBuilder()
    b.tree(b.node("资金到位率", "3", "3"), b.node("执行率", "3", "2.5"))
    assert passes(b, "SCORE009")
    b.tree(b.node("资金到位率", "3", "4"))
    assert len(fired(b, "SCORE009")) == 1


def test_one_code_two_names() -> None:
    b = FactsBuilder()
    b.tree(b.node("加强市民中心管理", "5", "2.5", code="C14"), kind="section")
    b.tree(b.node("C14加强市民中心管理", "5", "2.5", code="C14"), kind="annex")
    assert passes(b, "SCORE010")
    b.tree(b.node("加强行政服务中心管理", "5", "2.5", code="C14"), kind="annex")
    found = fired(b, "SCORE010")
    assert len(found) == 1 and found[0].severity == "warning"


def test_a_sub_total_error_that_would_move_the_grade_is_tagged() -> None:
    b = FactsBuilder()
    b.overall("total_score", "88.00", "cover")
    # 效益's items add up to 24.00, not 21.94: carried to the total, 88.00 would be 90.06 (优).
    b.tree(
        b.node("效益", "30", "21.94", b.node("社会", "12", "12"), b.node("满意", "18", "12")), kind="annex"
    )
    found = fired(b, "SCORE002")
    assert found[0].tags == ["grade-band-change"]
    b = FactsBuilder()
    b.overall("total_score", "84.00", "cover")
    b.tree(
        b.node("效益", "30", "21.94", b.node("社会", "12", "12"), b.node("满意", "18", "12")), kind="annex"
    )
    assert fired(b, "SCORE002")[0].tags == []


def test_group_rows_left_blank_stand_for_their_children() -> None:
    # a self-assessment form: 产出指标/数量指标 rows print no figures, only the leaves do
    def form(total_score: str) -> FactsBuilder:
        b = FactsBuilder()
        b.tree(
            b.node("年度资金总额", "10", "9.80"),
            b.node("产出指标", None, None, b.node("数量指标", None, None, b.node("巡查次数", "40", "40", level=3))),
            b.node("效益指标", None, None, b.node("社会效益", None, None, b.node("保护人口", "50", "48", level=3))),
            kind="self",
            total=("100", total_score),
        )
        return b

    assert passes(form("97.80"), "SCORE003") and passes(form("97.80"), "SCORE001")
    found = fired(form("98.80"), "SCORE003")
    assert len(found) == 1 and found[0].expected == "9.80+40+48 = 97.80"
