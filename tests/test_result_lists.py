"""Result lists read through the table layer, and each row's grade against its score."""

from __future__ import annotations

from pathlib import Path

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
