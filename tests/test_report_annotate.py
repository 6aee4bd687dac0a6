"""--annotate: Word comments anchored on the right paragraph or table cell; input untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.findings import Finding, Place
from auditor.models import Table
from auditor.readers import read_document
from auditor.report.annotate import AnnotateError, annotate_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _source(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("评价得分84.94分，评价等级为良。")
    d.add_paragraph("")
    d.add_paragraph("合计得分84.49分。")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "指标"
    t.cell(0, 2).text = "得分"
    t.cell(1, 0).text = "决策"
    t.cell(1, 1).text = "20"
    t.cell(1, 2).text = "15"
    t.cell(2, 0).text = "合计"
    t.cell(2, 2).text = "84.49"
    path = tmp_path / "draft.docx"
    d.save(str(path))
    return path


def _finding(places: list[Place]) -> Finding:
    return Finding(
        rule_id="SCORE002", rule_name="total-everywhere", severity="error",
        message="总分不一致", message_zh="总分不一致", message_en="total differs",
        places=places, expected="84.94", found="84.49", claim_key="total", fingerprint="abc",
    )


def _anchored_texts(path: Path) -> list[str]:
    d = docx.Document(str(path))
    out = []
    for start in d.element.body.iter(f"{W}commentRangeStart"):
        p = start.getparent()
        while p.tag != f"{W}p":
            p = p.getparent()
        out.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return out


def test_comments_anchor_on_paragraphs_and_cells(tmp_path: Path) -> None:
    src = _source(tmp_path)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    doc = read_document(str(src))
    paras = list(doc.paragraphs())
    table = next(b for b in doc.blocks if isinstance(b, Table))
    total_cell = next(c for c in table.iter_cells() if c.text == "84.49")
    header_score = next(c for c in table.iter_cells() if c.text == "得分")  # after a 2-column merge
    places = [
        Place(location=paras[0].location, quote=paras[0].text),
        Place(location=paras[1].location, quote=paras[1].text),
        Place(location=total_cell.location, quote=total_cell.text),
        Place(location=header_score.location, quote=header_score.text),
    ]
    out = tmp_path / "draft.annotated.docx"
    anchored, missed = annotate_docx(str(src), [_finding(places)], str(out))
    assert (anchored, missed) == (4, 0)
    assert _anchored_texts(out) == ["评价得分84.94分，评价等级为良。", "合计得分84.49分。", "得分", "84.49"]
    comments = list(docx.Document(str(out)).comments)
    assert len(comments) == 4
    assert all(c.author == "auditor" for c in comments)
    assert "SCORE002" in comments[0].text
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before


def test_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    src = _source(tmp_path)
    with pytest.raises(AnnotateError):
        annotate_docx(str(src), [], str(src))
    out = CliRunner().invoke(main, [str(src), "--annotate", str(src)])
    assert out.exit_code == 2
    assert "不能覆盖输入文件" in out.stderr


def test_cli_annotate_writes_a_copy(tmp_path: Path) -> None:
    src = _source(tmp_path)
    out = tmp_path / "copy.docx"
    result = CliRunner().invoke(main, [str(src), "--annotate", str(out)])
    assert result.exit_code in (0, 1)
    assert out.exists()
    assert docx.Document(str(out)).paragraphs[0].text == "评价得分84.94分，评价等级为良。"
