"""--annotate: Word comments anchored on the right paragraph or table cell; input untouched."""

from __future__ import annotations

import ctypes
import hashlib
import shutil
import subprocess
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
DRAFT = Path(__file__).resolve().parents[1] / "fixtures" / "generated" / "draft_project_eval.docx"


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


def _anchors(path: Path) -> list[str]:
    """The exact text each comment covers (between its range start and end)."""
    d = docx.Document(str(path))
    out = []
    for start in d.element.body.iter(f"{W}commentRangeStart"):
        cid, texts, el = start.get(f"{W}id"), [], start.getnext()
        while el is not None and not (el.tag == f"{W}commentRangeEnd" and el.get(f"{W}id") == cid):
            texts += [t.text or "" for t in el.iter(f"{W}t")]
            el = el.getnext()
        out.append("".join(texts))
    return out


def test_one_comment_per_slip_on_the_figure_itself(tmp_path: Path) -> None:
    src = _source(tmp_path)
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    doc = read_document(str(src))
    paras = list(doc.paragraphs())
    table = next(b for b in doc.blocks if isinstance(b, Table))
    total_cell = next(c for c in table.iter_cells() if c.text == "84.49")
    places = [
        Place(location=paras[0].location, quote=paras[0].text, role="differs", figure="84.94"),
        Place(location=paras[1].location, quote=paras[1].text, role="majority", figure="84.49"),
        Place(location=total_cell.location, quote=total_cell.text, role="majority", figure="84.49"),
    ]
    out = tmp_path / "draft.annotated.docx"
    anchored, missed = annotate_docx(str(src), [_finding(places)], str(out))
    assert (anchored, missed) == (1, 0)
    assert _anchors(out) == ["84.94"]  # the odd figure, not its paragraph, not the majority places
    copy = docx.Document(str(out))
    assert copy.paragraphs[0].text == "评价得分84.94分，评价等级为良。"  # runs split, text unchanged
    comments = list(copy.comments)
    assert len(comments) == 1 and comments[0].author == "auditor"
    text = comments[0].text
    assert text.startswith("[SCORE002] 总分不一致") and "此处：第1段（84.94）" in text
    assert "其他位置：第3段（84.49）；表格1 第3行第3列（84.49）" in text
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before


def test_the_draft_gets_one_comment_per_planted_slip_on_its_figure(tmp_path: Path) -> None:
    out = tmp_path / "draft.annotated.docx"
    result = CliRunner().invoke(main, [str(DRAFT), "--annotate", str(out), "--jobs", "1"])
    assert result.exit_code == 1
    assert f"已写出 {out}：6 条批注" in result.stderr
    assert _anchors(out) == ["24.56", "22", "85.93", "21.95", "3", "2024年4月18日"]
    comments = {c.text.split("]")[0][1:]: c.text for c in docx.Document(str(out)).comments}
    assert set(comments) == {"MONEY001", "COUNT001", "SCORE004", "SCORE008", "DED002", "DATE001"}
    benefit = comments["SCORE008"]
    # places named as a Word user finds them: heading, caption, row label, column header
    assert "此处：「（一）绩效评价综合结论」下，表1 绩效评价得分情况表，第5行「效益」，评价得分列（21.95）" in benefit
    assert "附件4 单位自评与评价得分对比表，第5行「效益」，评价得分列（22.95）" in benefit
    assert "涉及同一处的其他问题（3 个）：" in benefit
    assert all(f"· [{rule}] " in benefit for rule in ("RATE001", "SCORE003", "SCORE005"))


def test_reannotating_replaces_own_comments_and_keeps_peoples(tmp_path: Path) -> None:
    first = tmp_path / "first.docx"
    CliRunner().invoke(main, [str(DRAFT), "--annotate", str(first), "--jobs", "1"])
    d = docx.Document(str(first))
    d.add_comment(d.paragraphs[0].runs, text="请核对封面", author="张审核", initials="ZS")
    d.save(str(first))
    second = tmp_path / "second.docx"
    CliRunner().invoke(main, [str(first), "--annotate", str(second), "--jobs", "1"])
    comments = list(docx.Document(str(second)).comments)
    assert sorted(c.author for c in comments) == ["auditor"] * 6 + ["张审核"]
    assert len(_anchors(second)) == 7
    assert docx.Document(str(second)).paragraphs[0].text == docx.Document(str(DRAFT)).paragraphs[0].text


def test_refuses_a_target_or_an_input_that_is_not_docx(tmp_path: Path) -> None:
    out = CliRunner().invoke(main, [str(DRAFT), "--annotate", str(tmp_path / "x.pdf")])
    assert out.exit_code == 2 and "须保存为 .docx" in out.stderr
    assert not (tmp_path / "x.pdf").exists()
    pdf = DRAFT.parent / "project_eval.pdf"
    out = CliRunner().invoke(main, [str(pdf), "--annotate", str(tmp_path / "x.docx"), "--lang", "en"])
    assert out.exit_code == 2 and "a PDF cannot be annotated" in out.stderr
    assert not (tmp_path / "x.docx").exists()


def test_a_folder_is_annotated_into_an_output_folder(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    (reports / "sub").mkdir(parents=True)
    shutil.copy(DRAFT, reports / "sub" / "报告.docx")
    shutil.copy(DRAFT.parent / "project_eval.docx", reports / "clean.docx")
    shutil.copy(DRAFT.parent / "project_eval.md", reports / "clean.md")
    out = tmp_path / "annotated"
    result = CliRunner().invoke(main, [str(reports), "--annotate", str(out), "--jobs", "1", "--include", "*.md"])
    assert result.exit_code == 1
    assert len(list(docx.Document(str(out / "sub" / "报告.docx")).comments)) == 6
    assert len(list(docx.Document(str(out / "clean.docx")).comments)) == 0
    assert not (out / "clean.md").exists() and "clean.md：不是 .docx，未加批注" in result.stderr


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_shows_each_comment_at_its_figure(tmp_path: Path) -> None:
    """Rendered by LibreOffice to PDF with its comments: one note per slip, each sitting
    right after the figure it points at."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    out = tmp_path / "draft.annotated.docx"
    CliRunner().invoke(main, [str(DRAFT), "--annotate", str(out), "--jobs", "1"])
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--convert-to", export,
         "--outdir", str(tmp_path), str(out)],
        capture_output=True, timeout=300,
    )
    pdf = pdfium.PdfDocument(str(tmp_path / "draft.annotated.pdf"))
    notes = []
    for page in pdf:
        text = page.get_textpage()
        for k in range(raw.FPDFPage_GetAnnotCount(page)):
            annot = raw.FPDFPage_GetAnnot(page, k)
            if raw.FPDFAnnot_GetSubtype(annot) != raw.FPDF_ANNOT_TEXT:
                continue
            rect = raw.FS_RECTF()
            raw.FPDFAnnot_GetRect(annot, rect)
            size = raw.FPDFAnnot_GetStringValue(annot, b"Contents", None, 0)
            buf = ctypes.create_string_buffer(size)
            raw.FPDFAnnot_GetStringValue(annot, b"Contents", ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), size)
            near = text.get_text_bounded(rect.left - 40, rect.bottom - 2, rect.left + 8, rect.top - 2)
            notes.append((buf.raw.decode("utf-16-le").rstrip("\x00"), "".join(near.split())))
    assert len(notes) == 6
    figures = {"MONEY001": "24.56", "COUNT001": "22", "SCORE004": "85.93", "SCORE008": "21.95",
               "DED002": "得3分", "DATE001": "4月18日"}
    for contents, near in notes:
        rule = contents.split("]")[0][1:]
        assert figures.pop(rule) in near, (rule, near)
    assert not figures


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
