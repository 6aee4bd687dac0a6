"""Table canonicalization (auditor/readers/canonical.py): equal content gives equal
tables whichever program wrote the file. Small hand-built tables for each step, each
shown firing and staying silent, then the LibreOffice round trip of the real corpus."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import docx
import pytest
from test_rules_corpus import EXPECTED, _annotation

from auditor.engine.api import audit_path
from auditor.models import Cell, Document, Location, Paragraph, Table
from auditor.normalize import normalize_text
from auditor.readers import read_document
from auditor.readers.canonical import canonicalize
from auditor.readers.docx_reader import iter_tables, paragraph_text
from auditor.report.annotate import _cell_paragraph

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
F = "t.docx"

# A row spec is a list of (text, col, col_span) or (text, col, col_span, row_span).
RowSpec = list[tuple]


def _table(spec: list[RowSpec], n_cols: int, index: int = 0, block: int = 0) -> Table:
    rows: list[list[Cell]] = []
    for r, row in enumerate(spec):
        cells = []
        for text, col, span, *rest in row:
            loc = Location(file=F, block=block, table=index, row=r, col=col)
            cells.append(
                Cell(text=text, row=r, col=col, col_span=span, row_span=rest[0] if rest else 1, location=loc)
            )
        rows.append(cells)
    return Table(index=index, rows=rows, n_cols=n_cols, location=Location(file=F, block=block, table=index))


def _plain(texts: list[list[str]]) -> list[RowSpec]:
    return [[(t, c, 1) for c, t in enumerate(row)] for row in texts]


def _doc(*blocks: Paragraph | Table) -> Document:
    return Document(path=F, format="docx", blocks=list(blocks))


def _tables(doc: Document) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def _shape(t: Table) -> list[list[tuple[str, int, int, int]]]:
    return [[(c.text, c.col, c.col_span, c.row_span) for c in row] for row in t.rows]


# ---------------------------------------------------------------------------- 4. redundant grid lines


def test_grid_columns_no_cell_starts_in_are_collapsed() -> None:
    # a 3-column table written over a 6-column grid, every cell spanning two
    spec = [[("项目", 0, 2), ("预算", 2, 2), ("执行", 4, 2)], [("培训", 0, 2), ("10", 2, 2), ("9", 4, 2)]]
    doc = _doc(_table(spec, 6))
    before = doc.model_dump()
    out = canonicalize(doc)
    assert doc.model_dump() == before  # pure
    (t,) = _tables(out)
    assert t.n_cols == 3
    assert _shape(t) == [
        [("项目", 0, 1, 1), ("预算", 1, 1, 1), ("执行", 2, 1, 1)],
        [("培训", 0, 1, 1), ("10", 1, 1, 1), ("9", 2, 1, 1)],
    ]
    # the source position stays in the location, for --annotate
    assert [c.location.col for c in t.rows[1]] == [0, 2, 4]
    assert any("reduced to 2x3" in str(n) for n in out.notes)


def test_a_merged_cell_over_used_columns_is_left_alone() -> None:
    spec = [[("支出事项", 0, 2), ("金额", 2, 1)], [("差旅", 0, 1), ("会议", 1, 1), ("5", 2, 1)]]
    doc = _doc(_table(spec, 3))
    assert canonicalize(doc) is doc


def test_rows_no_cell_starts_in_are_collapsed_and_spans_shrink() -> None:
    # row 1 holds only the continuation of two vertical merges
    spec = [[("一级", 0, 1, 3), ("二级", 1, 1, 2)], [], [("三级", 1, 1)]]
    out = canonicalize(_doc(_table(spec, 2)))
    (t,) = _tables(out)
    assert t.n_rows == 2
    assert _shape(t) == [[("一级", 0, 1, 2), ("二级", 0 + 1, 1, 1)], [("三级", 1, 1, 1)]]
    assert t.rows[1][0].row == 1 and t.rows[1][0].location.row == 2


# ---------------------------------------------------------------------------- 1. glued tables


SURVEY = [["选项", "小计", "比例"], ["满意", "40", "80%"], ["一般", "10", "20%"]]
ANSWERS = [["序号", "时间", "答案"], ["1", "7月1日", "很好"]]


def test_two_glued_tables_with_crossing_layouts_are_cut_apart() -> None:
    # LibreOffice's union grid: 3 columns at {0,2,5}, then 3 columns at {0,1,3}
    spec = [[(t, c, s) for t, (c, s) in zip(row, [(0, 2), (2, 3), (5, 2)], strict=True)] for row in SURVEY]
    spec += [[(t, c, s) for t, (c, s) in zip(row, [(0, 1), (1, 2), (3, 4)], strict=True)] for row in ANSWERS]
    doc = _doc(Paragraph(text="第1题", location=Location(file=F, block=0)), _table(spec, 7, index=4, block=1))
    doc.blocks.append(Paragraph(text="下文", location=Location(file=F, block=2)))
    out = canonicalize(doc)
    a, b = _tables(out)
    assert a.text_grid() == SURVEY and b.text_grid() == ANSWERS
    assert a.index == 4 and b.index == 5  # a fresh index after the largest
    assert [blk.location.block for blk in out.blocks] == [0, 1, 2, 3]
    assert [c.location.row for c in b.rows[1]] == [4, 4, 4]  # source rows kept
    assert any("column layout changes" in str(n) for n in out.notes)


def test_nested_layouts_and_single_odd_rows_are_not_cut() -> None:
    # a title row and a total row with their own (nesting) layouts: one table
    spec = [[("表1 项目支出", 0, 4)]]
    spec += [[(t, c, 1) for c, t in enumerate(row)] for row in [["a", "b", "c", "d"], ["1", "2", "3", "4"]]]
    spec += [[("合计", 0, 2), ("10", 2, 2)]]
    doc = _doc(_table(spec, 4))
    assert canonicalize(doc) is doc
    # a single row crossing the layout is a form's odd row, not a second table
    odd = _table(
        _plain([["a", "b", "c", "d"], ["1", "2", "3", "4"], ["5", "6", "7", "8"]])
        + [[("x", 0, 1), ("y", 1, 2), ("z", 3, 1)]],
        4,
    )
    doc2 = _doc(odd)
    assert canonicalize(doc2) is doc2


# ---------------------------------------------------------------------------- 2 + 3. page breaks


HEADER = ["指标名称", "指标值", "完成情况", "说明"]
BODY = [
    ["网点维护率", "≥100%", "全部完成", "维护记录齐全，按月巡检。"],
    ["业务达标率", "≥100%", "全部完成", "全年办理业务达到计划。"],
    ["验收合格率", "合格", "全部完成", "服务经验收合格。"],
    ["故障发生率", "未发生", "全部完成", "未发生重大故障。"],
    ["整改及时性", "≤15日", "全部完成", "差评均在期限内整改。"],
]


def test_repeated_header_is_dropped_and_the_broken_row_joined() -> None:
    texts = [HEADER, *BODY, ["综合满意度", "≥95%", "部分", "问卷显示满意度"]]
    texts += [HEADER, ["", "", "完成", "为八成六，未达目标。"], ["回访率", "100%", "全部完成", "均已回访。"]]
    doc = _doc(_table(_plain(texts), 4))
    out = canonicalize(doc)
    (t,) = _tables(out)
    assert t.text_grid() == [
        HEADER,
        *BODY,
        ["综合满意度", "≥95%", "部分完成", "问卷显示满意度为八成六，未达目标。"],
        ["回访率", "100%", "全部完成", "均已回访。"],
    ]
    assert [c.row for c in t.rows[-1]] == [7] * 4 and t.rows[-1][0].location.row == 9
    assert any("repeats the header" in str(n) and "finishes the last row" in str(n) for n in out.notes)


def test_header_repeated_every_few_rows_is_a_stack_of_blocks_not_a_page_break() -> None:
    head = ["项目", "A.满意", "B.一般", "合计"]
    texts: list[list[str]] = []
    for n in range(3):
        texts += [head, ["份数", str(40 + n), "10", "50"], ["比率", "80%", "20%", "100%"]]
    doc = _doc(_table(_plain(texts), 4))
    assert canonicalize(doc) is doc


def test_a_row_with_blank_leading_cells_is_not_joined_without_a_page_break() -> None:
    # the same broken-looking row, but nothing shows a page boundary: left alone
    texts = [HEADER, *BODY, ["综合满意度", "≥95%", "部分", "问卷显示满意度"], ["", "", "完成", "为八成六。"]]
    doc = _doc(_table(_plain(texts), 4))
    assert canonicalize(doc) is doc


def test_a_repeated_header_after_few_rows_is_kept() -> None:
    texts = [HEADER, *BODY[:2], HEADER, *BODY[2:]]
    doc = _doc(_table(_plain(texts), 4))
    assert canonicalize(doc) is doc


# ---------------------------------------------------------------------------- wiring and anchors


def test_read_document_canonicalizes_and_annotate_still_finds_cells(tmp_path: Path) -> None:
    path = tmp_path / "grid.docx"
    d = docx.Document()
    table = d.add_table(rows=3, cols=6)
    for r, (a, b, c) in enumerate([("项目", "预算", "执行"), ("培训", "10", "9"), ("会议", "5", "5")]):
        for k, text in enumerate((a, b, c)):
            cell = table.cell(r, 2 * k).merge(table.cell(r, 2 * k + 1))
            cell.text = text
    d.save(str(path))
    doc = read_document(str(path))
    (t,) = _tables(doc)
    assert t.n_cols == 3 and t.text_grid()[1] == ["培训", "10", "9"]
    assert any("reduced" in str(n) for n in doc.notes)
    tables = list(iter_tables(docx.Document(str(path)).element.body))
    for cell in t.iter_cells():
        p = _cell_paragraph(tables, cell.location)
        assert p is not None and normalize_text(paragraph_text(p)) == cell.text


# ---------------------------------------------------------------------------- the corpus round trip


def _blocks(doc: Document) -> list[tuple]:
    out: list[tuple] = []
    for b in doc.blocks:
        if isinstance(b, Table):
            out.append(
                (
                    b.n_cols,
                    b.caption,
                    [(c.text, c.row, c.col, c.row_span, c.col_span) for c in b.iter_cells()],
                )
            )
        else:
            out.append((b.text, b.heading_level))
    return out


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")
def test_libreoffice_round_trip_of_the_corpus_gives_the_same_tables_and_findings(tmp_path: Path) -> None:
    stem = "000_d151785e31374ea4"
    source = CORPUS / f"{stem}.docx"
    out = tmp_path / "out"
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
        capture_output=True, timeout=300, check=True,
    )  # fmt: skip
    converted = out / f"{stem}.docx"
    doc = read_document(str(converted))
    assert any("glued" in str(n) for n in doc.notes)  # LibreOffice's structure was really different
    assert _blocks(doc) == _blocks(read_document(str(source)))
    # every cell is still found in the converted file by its location (for --annotate)
    tables = list(iter_tables(docx.Document(str(converted)).element.body))
    for t in doc.tables():
        for cell in t.iter_cells():
            p = _cell_paragraph(tables, cell.location)
            assert p is not None and normalize_text(paragraph_text(p)) in cell.text
    result = audit_path(str(converted))
    assert result.error is None
    assert Counter(_annotation(f, stem) for f in result.findings) == EXPECTED[stem]
