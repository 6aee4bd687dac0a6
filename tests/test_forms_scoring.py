"""The form rules that follow a scoring profile (issue 14 items 1, 3 and 5): the funds
row's rounding (FORM001 score_rounding), proportional or banded scoring of a missed
target (FORM002, FORM018), qualitative grade bands (FORM019), the total cost against the
funds block (FORM017) and the execution rate scored twice (FORM020). Forms are written
as TAB-separated text (tests/test_forms.py); every expected figure is worked out by hand
in the comment next to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor.engine.api import AuditOptions, audit_path
from tests.test_forms import national_form, write


def run(tmp_path: Path, text: str, rule: str, **params: Any) -> list:
    options = AuditOptions.make(params={rule: params} if params else None)
    return [f for f in audit_path(write(tmp_path, text), options).findings if f.rule_id == rule]


# ---------------------------------------------------------------- FORM001 rounding modes

# 执行率 86.00 %: 10 × 0.86 = 8.6 points
FUNDS_86 = "年度资金总额\t50.00\t60.00\t51.60\t10\t86.00%\t{score}"


def funds_form(score: str) -> str:
    return national_form(funds=FUNDS_86.format(score=score), total="总分\t100\t-\t优")


def test_funds_score_whole_points_accepted_by_default_and_by_whole(tmp_path: Path) -> None:
    # 9 is 8.6 rounded to a whole point: the printed precision allows it, so does 'whole'
    assert run(tmp_path, funds_form("9"), "FORM001") == []
    assert run(tmp_path, funds_form("9"), "FORM001", score_rounding="whole") == []


def test_funds_score_tenth_rejects_a_whole_point(tmp_path: Path) -> None:
    # a profile that scores to one decimal wants 8.6; 9 is 0.4 away (> 0.05 + the rate's
    # own rounding, 10 × 0.00005 = 0.0005)
    found = run(tmp_path, funds_form("9"), "FORM001", score_rounding="tenth")
    assert [f.found for f in found] == ["9"]
    assert run(tmp_path, funds_form("8.6"), "FORM001", score_rounding="tenth") == []


def test_funds_score_whole_rejects_a_truncated_score(tmp_path: Path) -> None:
    # 8 is 8.6 cut, not rounded: 0.6 from the product, more than half a point
    assert [f.found for f in run(tmp_path, funds_form("8"), "FORM001", score_rounding="whole")] == ["8"]


def test_funds_score_banded(tmp_path: Path) -> None:
    bands = [[95, 100], [85, 80], [0, 0]]  # 86 % falls in the 85 % band: 80 % of 10 = 8
    assert run(tmp_path, funds_form("8"), "FORM001", score_rounding="banded", score_bands=bands) == []
    found = run(tmp_path, funds_form("8.6"), "FORM001", score_rounding="banded", score_bands=bands)
    assert [(f.found, f.expected) for f in found] == [("8.6", "8")]


# ---------------------------------------------------------------- FORM002 / FORM018 scoring


def missed_form(score: str) -> str:
    # 培训合格率 ≥90 %, actual 72 %: proportional 20 × 72/90 = 16 points
    return national_form(
        rows=(
            "产出指标\t数量指标\t培训场次\t≥12场\t12场\t20\t20",
            f"\t质量指标\t培训合格率\t≥90%\t72%\t20\t{score}\t部分学员未通过考核",
            "\t时效指标\t按期完成率\t100%\t100%\t10\t10",
            "效益指标\t社会效益指标\t受训人员就业率\t≥60%\t61%\t30\t30",
            "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t95%\t10\t10",
        ),
        total="总分\t100\t-\t优",
    )


def test_score_above_proportional_flagged(tmp_path: Path) -> None:
    found = run(tmp_path, missed_form("18"), "FORM018")
    assert [(f.found, f.expected) for f in found] == [("18", "16")]
    # at the share, or below it (the scorer's judgement), nothing
    assert run(tmp_path, missed_form("16"), "FORM018") == []
    assert run(tmp_path, missed_form("12"), "FORM018") == []
    # full points are FORM002's, not counted twice
    assert run(tmp_path, missed_form("20"), "FORM018") == []
    assert len(run(tmp_path, missed_form("20"), "FORM002")) == 1


def test_banded_scoring(tmp_path: Path) -> None:
    # 72/90 = 80 % of the target: bands [[100,100],[80,80],[60,60],[0,0]] allow 80 % of 20 = 16
    banded = {"scoring": "banded", "bands": [[100, 100], [80, 80], [60, 60], [0, 0]]}
    assert [f.expected for f in run(tmp_path, missed_form("18"), "FORM018", **banded)] == ["16"]
    assert run(tmp_path, missed_form("16"), "FORM018", **banded) == []
    # a generous band that gives full points from 80 % on: full points are then allowed
    generous = {"scoring": "banded", "bands": [[80, 100], [0, 0]]}
    assert run(tmp_path, missed_form("20"), "FORM002", **generous) == []
    assert len(run(tmp_path, missed_form("20"), "FORM002", **banded)) == 1


# ---------------------------------------------------------------- FORM019 qualitative bands


def qualitative_form(actual: str, score: str) -> str:
    return national_form(
        rows=(
            "产出指标\t数量指标\t培训场次\t≥12场\t12场\t30\t30",
            "\t时效指标\t按期完成率\t100%\t100%\t20\t20",
            f"效益指标\t社会效益指标\t群众办事便利程度\t明显提升\t{actual}\t30\t{score}\t宣传覆盖不足",
            "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t95%\t10\t10",
        ),
        total="总分\t100\t-\t优",
    )


def test_qualitative_grade_against_its_band(tmp_path: Path) -> None:
    # 部分达成 earns 60–80 % of 30 = 18–24
    assert run(tmp_path, qualitative_form("部分达成预期指标", "21"), "FORM019") == []
    assert [f.found for f in run(tmp_path, qualitative_form("部分达成预期指标", "30"), "FORM019")] == ["30"]
    # 达成 earns 80–100 % = 24–30; 未达成 0–60 % = 0–18
    assert [f.found for f in run(tmp_path, qualitative_form("达成预期指标", "20"), "FORM019")] == ["20"]
    assert run(tmp_path, qualitative_form("未达成预期指标", "15"), "FORM019") == []
    # a description is no grade: not judged
    assert run(tmp_path, qualitative_form("群众办事更加便利", "10"), "FORM019") == []


def test_qualitative_bands_as_a_profile_sets_them(tmp_path: Path) -> None:
    # 湖北's note: 部分达成 50–80 %; 16 of 30 = 53 % is inside it, outside the default 60 %
    hubei = {"achieved": [80, 100], "partial": [50, 80], "missed": [0, 50]}
    assert len(run(tmp_path, qualitative_form("部分达成预期指标", "16"), "FORM019")) == 1
    assert run(tmp_path, qualitative_form("部分达成预期指标", "16"), "FORM019", bands=hubei) == []


# ---------------------------------------------------------------- FORM017 total cost


def cost_form(actual: str, name: str = "项目总成本") -> str:
    # spent 57.00 万元
    return national_form(
        rows=(
            "产出指标\t数量指标\t培训场次\t≥12场\t12场\t20\t20",
            f"\t成本指标\t{name}\t≤60万元\t{actual}\t10\t10",
            "\t时效指标\t按期完成率\t100%\t100%\t20\t20",
            "效益指标\t社会效益指标\t受训人员就业率\t≥60%\t61%\t30\t30",
            "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t95%\t10\t10",
        ),
    )


def test_total_cost_against_spent(tmp_path: Path) -> None:
    assert run(tmp_path, cost_form("57万元"), "FORM017") == []
    assert run(tmp_path, cost_form("570000元"), "FORM017") == []  # 57万元 in 元
    found = run(tmp_path, cost_form("60万元"), "FORM017")
    assert [f.found for f in found] == ["60万元"]
    assert "57.00" in found[0].message


def test_unit_cost_not_compared(tmp_path: Path) -> None:
    # a cost per trainee is not the funds block's spending
    assert run(tmp_path, cost_form("0.5万元", name="人均培训成本"), "FORM017") == []


# ---------------------------------------------------------------- FORM020 scored twice


def twice_form(name: str) -> str:
    return national_form(
        rows=(
            "产出指标\t数量指标\t培训场次\t≥12场\t12场\t20\t20",
            f"\t时效指标\t{name}\t≥90%\t95%\t20\t20",
            "\t时效指标\t按期完成率\t100%\t100%\t10\t10",
            "效益指标\t社会效益指标\t受训人员就业率\t≥60%\t61%\t20\t20",
            "满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\t95%\t10\t10",
        ),
    )


def test_execution_rate_scored_twice(tmp_path: Path) -> None:
    found = run(tmp_path, twice_form("预算执行率"), "FORM020")
    assert len(found) == 1 and "预算执行率" in found[0].message
    assert run(tmp_path, twice_form("政府采购执行率"), "FORM020") == []
    # a profile for 部门整体 forms that lists no family turns it off
    assert run(tmp_path, twice_form("预算执行率"), "FORM020", families=[]) == []
