"""Self-assessment vs evaluator (SELF*)."""

from auditor.engine.builder import FactsBuilder, fired, passes


def reports(b: FactsBuilder, self_total: str, self_effect: str) -> None:
    b.tree(b.node("决策", "20", "15"), b.node("效益", "80", "69.94"), total=("100", "84.94"), kind="annex")
    b.tree(
        b.node("决策", "20", "20"),
        b.node("效益", "80", self_effect),
        total=("100", self_total),
        kind="self",
    )


def test_small_gap_passes() -> None:
    b = FactsBuilder()
    reports(b, "90", "70")
    assert passes(b, "SELF001")


def test_large_gap_names_the_indicators() -> None:
    b = FactsBuilder()
    reports(b, "100", "80")
    found = fired(b, "SELF001")
    assert len(found) == 1 and found[0].severity == "warning"
    assert "15.06" in found[0].message_zh
    assert "效益 80→69.94" in found[0].message_zh and "决策 20→15" in found[0].message_zh


def test_threshold_is_configurable() -> None:
    b = FactsBuilder()
    reports(b, "90", "70")
    assert len(fired(b, "SELF001", SELF001={"threshold": 5})) == 1


def test_first_level_gap() -> None:
    b = FactsBuilder()
    reports(b, "90", "70")
    assert passes(b, "SELF002")
    b = FactsBuilder()
    reports(b, "100", "80")
    found = fired(b, "SELF002")
    assert [f.message_en.split("'")[1] for f in found] == ["效益"]


def test_self_grade_vs_self_score() -> None:
    b = FactsBuilder()
    b.overall("self_score", "100", "self_assessment")
    b.overall("self_grade", "优", "self_assessment")
    assert passes(b, "SELF003")
    b = FactsBuilder()
    b.overall("self_score", "88", "self_assessment")
    b.overall("self_grade", "优", "self_assessment")
    found = fired(b, "SELF003")
    assert len(found) == 1 and found[0].tags == ["grade-band-change"]


def test_stated_gap_between_self_and_evaluator() -> None:
    def report(gap: str) -> FactsBuilder:
        b = FactsBuilder()
        b.overall("total_score", "85.39", "cover")
        b.overall("self_score", "94", "cover")
        b.overall("self_gap", gap, "self_assessment")
        return b

    assert passes(report("8.61"), "SELF004")
    found = fired(report("9.61"), "SELF004")
    assert len(found) == 1 and found[0].expected == "94−85.39 = 8.61" and found[0].found == "9.61"


SELF_TABLE = (
    "附件4 单位自评与评价得分对比表\n\n"
    "| 一级指标 | 分值 | 自评得分 | 评价得分 | {head} |\n|---|---|---|---|---|\n"
    "| 决策 | 20 | 20 | 16.5 | 3.5 |\n"
    "| 产出 | 30 | 29 | 28.5 | {row} |\n"
    "| 合计 | 50 | 49 | 45 | {total} |\n"
)


def self_table(head: str, row: str, total: str) -> str:
    return SELF_TABLE.format(head=head, row=row, total=total)


def test_difference_column_of_a_self_table(rule_findings) -> None:
    assert rule_findings(self_table("差异", "0.5", "4"), "SELF005") == []
    assert rule_findings(self_table("差值", "-0.5", "-4"), "SELF005") == []  # sign printed either way
    found = rule_findings(self_table("差异", "1.5", "5"), "SELF005")
    assert [f.message_en.split("'")[1] for f in found] == ["产出", "合计"]
    assert found[0].places[0].figure == "1.5" and found[0].places[0].location.col == 4  # zero-based: the fifth column
    assert "differ by 0.5" in found[0].message_en and "differ by 4" in found[1].message_en


def test_difference_header_that_is_prose_is_not_read(rule_findings) -> None:
    # "差异原因" is an explanation column, not a figure
    assert rule_findings(self_table("差异原因", "1.5", "5"), "SELF005") == []


def self_score_report(cover: str, text: str, table_total: str) -> str:
    return (
        f"| 自评方式 | 单位自评 | 自评分值 | {cover} | 自评等级 | 优 |\n|---|---|---|---|---|---|\n\n"
        f"单位开展了绩效自评，自评得分{text}分，自评等级为“优”。\n\n"
        + SELF_TABLE.format(head="差异", row="0.5", total="4").replace("| 合计 | 50 | 49 |", f"| 合计 | 50 | {table_total} |")
    )


def test_self_score_stated_the_same_everywhere(rule_findings) -> None:
    assert rule_findings(self_score_report("49", "49", "49"), "SELF006") == []
    (f,) = rule_findings(self_score_report("50", "49", "49"), "SELF006")
    assert [p.role for p in f.places] == ["differs", "majority", "majority"]
    assert f.places[0].figure == "50" and "自评分值" in f.places[0].quote
