"""Problem lists: entries at the first numbering level, where the section ends, "无",
and the self-assessment annex's own list."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.extract.problems import extract_problems
from auditor.facts import Facts
from auditor.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")


def problems_of(tmp_path: Path, text: str) -> Facts:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    facts = Facts(file=str(path))
    extract_problems(read_document(str(path)), facts)
    return facts


def test_numbered_entries_until_next_section(tmp_path: Path) -> None:
    text = (
        "## 五、存在问题\n\n### （一）预算编制不够细化\n\n说明文字。\n\n"
        "## （二）绩效管理不到位\n\n### 1. 目标不完整\n\n说明。\n\n### 2. 自评不规范\n\n说明。\n\n"
        "## 六、建议\n\n（一）加强预算管理。\n"
    )
    (p,) = problems_of(tmp_path, text).problems
    assert p.heading == "五、存在问题"
    assert p.entries == ["预算编制不够细化", "绩效管理不到位"]
    assert not p.says_none


def test_plain_paragraph_numbering_without_headings(tmp_path: Path) -> None:
    text = "四、存在的问题及原因分析\n\n（一）计划未分解到科室\n\n正文。\n\n（二）合同到期未重新采购\n\n五、有关建议\n"
    (p,) = problems_of(tmp_path, text).problems
    assert p.entries == ["计划未分解到科室", "合同到期未重新采购"]


def test_says_none(tmp_path: Path) -> None:
    (p,) = problems_of(tmp_path, "## 五、存在问题\n\n无。\n\n## 六、建议\n\n无。\n").problems
    assert p.says_none and p.entries == []


def test_self_assessment_annex_is_named(tmp_path: Path) -> None:
    text = (
        "## 某某局项目支出绩效报告（自评）\n\n### 一、基本情况\n\n正文。\n\n"
        "## 五、存在的问题\n\n项目资金使用规范，在资金分配、资金使用方面无问题。\n\n"
        "## 六、其他需要说明的问题\n\n无。\n\n附件8\n"
    )
    (p,) = problems_of(tmp_path, text).problems
    assert p.heading.startswith("某某局项目支出绩效报告（自评）") and p.heading.endswith("五、存在的问题")
    assert p.says_none


@needs_corpus
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_corpus_000(ext: str) -> None:
    doc = read_document(str(CORPUS / f"000_d151785e31374ea4.{ext}"))
    f = Facts(file=doc.path)
    extract_problems(doc, f)
    summary, body, own = f.problems
    assert summary.entries == body.entries == ["预算编制质量不高，缺乏合理性", "预算绩效管理工作开展不到位"]
    assert "自评" in own.heading and own.says_none


@needs_corpus
@pytest.mark.parametrize("ext", ["docx", "txt"])
def test_corpus_004(ext: str) -> None:
    doc = read_document(str(CORPUS / f"004_9702beb4dfdda539.{ext}"))
    f = Facts(file=doc.path)
    extract_problems(doc, f)
    assert [len(p.entries) for p in f.problems] == [3, 3]
    assert f.problems[0].entries[1] == "内部控制制度执行不到位"
