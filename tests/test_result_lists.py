"""Result lists read through the table layer, and each row's grade against its score."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.engine.api import audit_path
from auditor.extract import extract_facts
from auditor.readers import read_document

LIST = "\n".join(
    [
        "2024年度重点绩效评价结果",
        "序号\t主管部门\t项目名称\t资金量（万元）\t得分\t评价等级",
        "1\t市应急局\t应急物资储备\t140\t{a}\t{ga}",
        "2\t市体育局\t全民健身补助\t1180\t91\t优",
        "3\t市文旅局\t乡村旅游奖补\t\t\t",
    ]
)


def run(tmp_path: Path, a: str, ga: str) -> tuple[list[str], int]:
    path = tmp_path / f"list_{a}_{ga}.txt"
    path.write_text(LIST.format(a=a, ga=ga), encoding="utf-8")
    facts = extract_facts(read_document(str(path)))
    result = audit_path(str(path))
    return [f.rule_id for f in result.findings], len(facts.result_rows)


def test_rows_are_read(tmp_path: Path) -> None:
    path = tmp_path / "l.txt"
    path.write_text(LIST.format(a="85", ga="良"), encoding="utf-8")
    rows = extract_facts(read_document(str(path))).result_rows
    assert [(r.name, r.department, r.amount.text if r.amount else None, r.grade) for r in rows] == [
        ("应急物资储备", "市应急局", "140", "良"),
        ("全民健身补助", "市体育局", "1180", "优"),
        ("乡村旅游奖补", "市文旅局", None, None),  # cut short: nothing to check
    ]


def test_grade_against_score(tmp_path: Path) -> None:
    assert run(tmp_path, "85", "良")[0] == []
    assert run(tmp_path, "85", "良好")[0] == []  # 良 and 良好 are one grade
    assert run(tmp_path, "85", "优")[0] == ["GRADE003"]
    assert run(tmp_path, "59.5", "中")[0] == ["GRADE003"]


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def test_the_notice_counts_are_linked_only_to_the_list_just_below(tmp_path: Path) -> None:
    notice = "2023年共对3个项目进行了绩效评价，评价结论为“良”的2个，“中”的1个。具体评价结果如下：\n\n"
    table = "| 序号 | 项目名称 | 资金量(万元) | 评价等级 |\n|---|---|---|---|\n| 1 | 甲项目 | 120 | 良 |\n| 2 | 乙项目 | 80 | 中 |\n| 3 | 丙项目 | 60 | 中 |\n"
    filler = "".join(f"第{i}段说明文字。\n\n" for i in range(6))
    near = tmp_path / "near.md"
    near.write_text(notice + table, encoding="utf-8")
    far = tmp_path / "far.md"
    far.write_text(notice + filler + table, encoding="utf-8")
    [listed] = extract_facts(read_document(str(near))).result_lists
    assert listed.rows == 3 and listed.grades == {"良": 1, "中": 2}
    assert listed.stated is not None and [p.number.text for p in listed.stated.parts] == ["2", "1"]
    assert {f.rule_id for f in audit_path(str(near)).findings} >= {"GRADE004"}
    [alone] = extract_facts(read_document(str(far))).result_lists
    assert alone.stated is None  # six paragraphs away: another list's count, maybe
    assert "GRADE004" not in {f.rule_id for f in audit_path(str(far)).findings}


def test_the_corpus_notice_with_a_row_cut_off() -> None:
    """quzhou_zhongdianpingjia_2022 (verified in its annotation): 9 = 良8 + 中1; rows 1-8 show
    7 良 and 1 中; row 9's grade is cut off, so the per-grade counts cannot be contradicted."""
    if not CORPUS.exists():
        pytest.skip("corpus not available")
    for ext in ("docx", "txt"):
        path = str(CORPUS / f"quzhou_zhongdianpingjia_2022.{ext}")
        [listed] = extract_facts(read_document(path)).result_lists
        assert listed.rows == 9 and listed.grades is None
        assert listed.stated is not None and listed.stated.total.text == "9"
        result = audit_path(path)
        assert not {"GRADE004", "COUNT013"} & {f.rule_id for f in result.findings}
        assert result.coverage.by_rule["GRADE004"]["not_checkable"] == 1
        assert result.coverage.by_rule["COUNT013"]["passed"] == 1


def test_results_listed_in_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "notice.md"
    path.write_text(
        "三县一区绩效评价整体得分85.81分。排名依次是甲县91.75分，评价等次优秀；乙县90分，评价等次优秀；"
        "丙区81分，评价等次良好。另，决策得分18分，过程得分20分。\n",
        encoding="utf-8",
    )
    [listed] = extract_facts(read_document(str(path))).prose_results
    assert listed.ranked
    assert [(i.name, i.score.text, i.grade) for i in listed.items] == [
        ("甲县", "91.75", "优秀"), ("乙县", "90", "优秀"), ("丙区", "81", "良好")
    ]
    assert not {"GRADE005", "GRADE006"} & {f.rule_id for f in audit_path(str(path)).findings}


def test_the_corpus_ranking_sentence() -> None:
    """chizhou_laojiuxiaoqu_2020 (verified): 东至 91.75 > 青阳 90 > 贵池 81 > 石台 80.5 in
    descending order; 91.75 优秀, 90 优秀, 81 良好 fit the usual bands (石台's grade is cut off)."""
    if not CORPUS.exists():
        pytest.skip("corpus not available")
    for ext in ("docx", "txt"):
        path = str(CORPUS / f"chizhou_laojiuxiaoqu_2020.{ext}")
        [listed] = extract_facts(read_document(path)).prose_results
        assert [(i.name, i.score.text, i.grade) for i in listed.items] == [
            ("东至县", "91.75", "优秀"), ("青阳县", "90", "优秀"), ("贵池区", "81", "良好"), ("石台县", "80.5", None)
        ]
        result = audit_path(path)
        assert not {"GRADE005", "GRADE006"} & {f.rule_id for f in result.findings}
        assert result.coverage.by_rule["GRADE005"]["passed"] == 3
        assert result.coverage.by_rule["GRADE006"]["passed"] == 1
