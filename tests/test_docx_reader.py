"""The .docx reader: reading order, merges, nested tables, headings, field and link text,
normalisation, locations, and refusal of hostile or broken files (zipguard)."""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from auditor.cli import main
from auditor.errors import InputError
from auditor.i18n import t
from auditor.models import Document, Paragraph, Table
from auditor.normalize import compact, normalize_text
from auditor.readers import read_document
from auditor.readers.docx_reader import W_P, iter_cells, iter_rows, iter_tables, paragraph_text, read_docx

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")

W = nsdecls("w")


# ---------------------------------------------------------------------------- helpers


def _save(document, path: Path) -> Path:  # type: ignore[no-untyped-def]
    document.save(str(path))
    return path


def _append_xml(paragraph, xml: str) -> None:  # type: ignore[no-untyped-def]
    paragraph._p.append(parse_xml(xml))


def _body_insert(document, xml: str) -> None:  # type: ignore[no-untyped-def]
    """Put a raw body-level element before the final w:sectPr."""
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(xml))


def _tables(doc: Document) -> list[Table]:
    return list(doc.tables())


def _texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def _all_text(doc: Document) -> str:
    parts = _texts(doc)
    for table in doc.tables():
        parts.extend(c.text for c in table.iter_cells())
    return "\n".join(parts)


def _rezip(
    src: Path,
    dst: Path,
    replace: dict[str, bytes] | None = None,
    drop: tuple[str, ...] = (),
    add: dict[str, bytes] | None = None,
) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            data = (replace or {}).get(info.filename, zin.read(info.filename))
            zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def _plain_docx(tmp_path: Path, name: str = "plain.docx") -> Path:
    d = docx.Document()
    d.add_paragraph("评价得分84.94分。")
    return _save(d, tmp_path / name)


def _reason(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_docx(str(path))
    return info.value.reason


# ---------------------------------------------------------------------------- reading order, headings


def test_blocks_in_document_order_with_heading_levels(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("某某项目绩效评价报告", level=0)  # Title
    d.add_heading("一、基本情况", level=1)
    d.add_paragraph("项目预算120万元。")
    d.add_paragraph("")  # empty: left out, but still counted for paragraph indices
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "得分"
    table.cell(1, 0).text = "决策"
    table.cell(1, 1).text = "18"
    d.add_heading("（一）决策", level=2)
    zh = d.styles.add_style("标题 3", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("1. 项目立项", style=zh)
    custom = d.styles.add_style("报告小标题", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = d.styles["Heading 2"]
    d.add_paragraph("（二）过程", style=custom)
    p = d.add_paragraph("大纲级别四")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="3"/>'))
    body_text = d.add_heading("正文样式但大纲为正文", level=2)
    body_text._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="9"/>'))
    doc = read_docx(str(_save(d, tmp_path / "order.docx")))

    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["paragraph"] * 3 + ["table"] + ["paragraph"] * 5
    levels = [(b.text, b.heading_level) for b in doc.blocks if isinstance(b, Paragraph)]
    assert levels == [
        ("某某项目绩效评价报告", 1),
        ("一、基本情况", 1),
        ("项目预算120万元。", None),
        ("（一）决策", 2),
        ("1. 项目立项", 3),
        ("（二）过程", 2),
        ("大纲级别四", 4),
        ("正文样式但大纲为正文", None),
    ]
    assert doc.blocks[0].style == "Title"
    assert [b.location.block for b in doc.blocks] == list(range(len(doc.blocks)))
    # the empty paragraph is skipped but keeps its index: the table's neighbours say so
    assert doc.blocks[2].location.paragraph == 2
    assert doc.blocks[4].location.paragraph == 4


def test_paragraph_index_matches_python_docx_paragraphs(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("第一段")
    d.add_paragraph("")
    _body_insert(
        d, f"<w:sdt {W}><w:sdtContent><w:p><w:r><w:t>目录项 1</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    d.add_paragraph("第二段，得分１５分")
    t1 = d.add_table(rows=1, cols=1)
    t1.cell(0, 0).text = "表内文字"
    d.add_paragraph("第三段")
    path = _save(d, tmp_path / "anchors.docx")
    doc = read_docx(str(path))
    reference = docx.Document(str(path)).paragraphs
    anchored = [p for p in doc.paragraphs() if p.location.paragraph is not None]
    assert [p.text for p in anchored] == ["第一段", "第二段，得分15分", "第三段"]
    for p in anchored:
        assert normalize_text(reference[p.location.paragraph].text) == p.text
    # content-control paragraphs are read but have no python-docx paragraph index
    sdt = [p for p in doc.paragraphs() if p.text == "目录项 1"]
    assert len(sdt) == 1 and sdt[0].location.paragraph is None


def test_headers_and_footers_are_ignored(tmp_path: Path) -> None:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "页眉：内部资料"
    d.sections[0].footer.paragraphs[0].text = "第 3 页 共 40 页"
    d.add_paragraph("正文内容")
    doc = read_docx(str(_save(d, tmp_path / "hf.docx")))
    assert _texts(doc) == ["正文内容"]
    assert "页眉" not in _all_text(doc)


# ---------------------------------------------------------------------------- text of runs


def test_hyperlink_field_tab_break_and_deleted_text(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("详见")
    rid = d.part.relate_to("https://example.org/annex", RT.HYPERLINK, is_external=True)
    _append_xml(
        p, f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t>附件二</w:t></w:r></w:hyperlink>'
    )
    _append_xml(p, f'<w:fldSimple {W} w:instr=" PAGE "><w:r><w:t>，第7页</w:t></w:r></w:fldSimple>')
    q = d.add_paragraph("总分")
    for xml in (
        f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {W}><w:instrText xml:space="preserve"> =SUM(ABOVE) </w:instrText></w:r>',
        f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {W}><w:t>８６．５</w:t></w:r>",
        f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>',
        f'<w:del {W} w:id="1" w:author="审核" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>旧分数</w:delText></w:r></w:del>',
        f"<w:r {W}><w:t>分</w:t></w:r>",
    ):
        _append_xml(q, xml)
    r = d.add_paragraph().add_run("金额")
    r.add_tab()
    r.add_text("万元")
    table = d.add_table(rows=1, cols=1)
    cell = table.cell(0, 0)
    run = cell.paragraphs[0].add_run("第一行")
    run.add_break()
    run.add_text("第二行")
    cell.add_paragraph("第二段")
    doc = read_docx(str(_save(d, tmp_path / "runs.docx")))
    texts = _texts(doc)
    assert texts[0] == "详见附件二，第7页"
    assert texts[1] == "总分86.5分"  # field result read, field code and deleted text not
    assert texts[2] == "金额 万元"
    assert _tables(doc)[0].rows[0][0].text == "第一行\n第二行\n第二段"


def test_text_box_read_once(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("封面")
    ns = " ".join(
        [
            W,
            'xmlns:v="urn:schemas-microsoft-com:vml"',
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
        ]
    )
    _append_xml(
        p,
        f'<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        "<w:p><w:r><w:t>评价分值：８８</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>评价分值：８８</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
    )
    doc = read_docx(str(_save(d, tmp_path / "box.docx")))
    assert _texts(doc) == ["封面\n评价分值：88"]


def test_full_width_digits_are_normalised(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("综合得分８４．９４分，得分率８４．９４ ％，资金１，３９６元")
    t1 = d.add_table(rows=1, cols=1)
    t1.cell(0, 0).text = "≧９５％"
    doc = read_docx(str(_save(d, tmp_path / "fw.docx")))
    assert _texts(doc) == ["综合得分84.94分，得分率84.94%，资金1,396元"]
    assert _tables(doc)[0].rows[0][0].text == "≥95%"


# ---------------------------------------------------------------------------- tables


def test_merged_cells_horizontal_vertical_and_block(tmp_path: Path) -> None:
    d = docx.Document()
    t1 = d.add_table(rows=4, cols=4)
    t1.cell(0, 0).merge(t1.cell(0, 1)).text = "指标名称"  # horizontal
    t1.cell(0, 2).text = "分值"
    t1.cell(0, 3).text = "得分"
    t1.cell(1, 0).merge(t1.cell(2, 1)).text = "决策"  # 2x2 block
    t1.cell(1, 2).text = "6"
    t1.cell(2, 2).text = "4"
    t1.cell(1, 3).merge(t1.cell(3, 3)).text = "9"  # vertical over three rows
    t1.cell(3, 0).text = "合计"
    t1.cell(3, 1).text = ""
    t1.cell(3, 2).text = "10"
    doc = read_docx(str(_save(d, tmp_path / "merge.docx")))
    (table,) = _tables(doc)
    assert table.n_cols == 4 and table.n_rows == 4
    spans = {(c.row, c.col): (c.row_span, c.col_span, c.text) for c in table.iter_cells()}
    assert spans == {
        (0, 0): (1, 2, "指标名称"),
        (0, 2): (1, 1, "分值"),
        (0, 3): (1, 1, "得分"),
        (1, 0): (2, 2, "决策"),
        (1, 2): (1, 1, "6"),
        (1, 3): (3, 1, "9"),
        (2, 2): (1, 1, "4"),
        (3, 0): (1, 1, "合计"),
        (3, 1): (1, 1, ""),
        (3, 2): (1, 1, "10"),
    }
    assert table.text_grid() == [
        ["指标名称", "指标名称", "分值", "得分"],
        ["决策", "决策", "6", "9"],
        ["决策", "决策", "4", "9"],
        ["合计", "", "10", "9"],
    ]
    # every grid position is covered exactly once
    covered = [
        (r, c)
        for cell in table.iter_cells()
        for r in range(cell.row, cell.row + cell.row_span)
        for c in range(cell.col, cell.col + cell.col_span)
    ]
    assert sorted(covered) == [(r, c) for r in range(4) for c in range(4)]
    merged = table.rows[1][0]
    assert (merged.location.table, merged.location.row, merged.location.col) == (0, 1, 0)


def test_grid_before_keeps_columns(tmp_path: Path) -> None:
    d = docx.Document()
    t1 = d.add_table(rows=2, cols=3)
    for c, text in enumerate(["一级", "二级", "得分"]):
        t1.cell(0, c).text = text
    tr = t1.rows[1]._tr
    tr.remove(tr.tc_lst[0])
    tr.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {W} w:val="1"/>'))
    tr.tc_lst[0].append(parse_xml(f"<w:p {W}><w:r><w:t>目标</w:t></w:r></w:p>"))
    tr.tc_lst[1].append(parse_xml(f"<w:p {W}><w:r><w:t>3</w:t></w:r></w:p>"))
    doc = read_docx(str(_save(d, tmp_path / "gridbefore.docx")))
    (table,) = _tables(doc)
    assert [(c.col, c.text) for c in table.rows[1]] == [(1, "目标"), (2, "3")]
    assert table.text_grid()[1] == ["", "目标", "3"]


def test_nested_tables_get_reading_order_indices(tmp_path: Path) -> None:
    d = docx.Document()
    outer = d.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "外表"
    holder = outer.cell(1, 1)
    holder.text = "见下表"
    inner = holder.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内表"
    inner.cell(0, 1).text = "42"
    d.add_paragraph("中间段落")
    after = d.add_table(rows=1, cols=1)
    after.cell(0, 0).text = "后表"
    doc = read_docx(str(_save(d, tmp_path / "nested.docx")))
    tables = _tables(doc)
    assert [t.index for t in tables] == [0, 1, 2]
    first, nested, last = tables
    cell = first.rows[1][1]
    assert cell.text == "见下表"  # the nested table's text is not in the cell text
    assert cell.tables == [nested]
    assert [c.text for c in nested.rows[0]] == ["内表", "42"]
    assert nested.rows[0][1].location.table == 1
    assert nested.rows[0][1].location.block == first.location.block == 0
    assert last.rows[0][0].text == "后表" and last.location.block == 2
    # the same numbering is available on the XML, to find a table again
    body = docx.Document(str(tmp_path / "nested.docx")).element.body
    firsts = [paragraph_text(next(iter_cells(next(iter_rows(tbl)))).find(W_P)) for tbl in iter_tables(body)]
    assert firsts == ["外表", "内表", "后表"]


# ---------------------------------------------------------------------------- hostile and broken files


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "text.docx"
    path.write_text("这不是一个 Word 文件", encoding="utf-8")
    assert _reason(path) == "not_a_zip"


def test_zip_without_document_part(tmp_path: Path) -> None:
    path = _rezip(_plain_docx(tmp_path), tmp_path / "nodoc.docx", drop=("word/document.xml",))
    assert _reason(path) == "no_document_part"


def test_zip_declaring_a_huge_member(tmp_path: Path) -> None:
    path = _plain_docx(tmp_path, "huge.docx")
    data = bytearray(path.read_bytes())
    target = b"word/document.xml"
    pos = data.find(b"PK\x01\x02")
    patched = False
    while pos >= 0:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46 : pos + 46 + name_len]) == target:
            struct.pack_into("<I", data, pos + 24, 3_000_000_000)  # declared uncompressed size
            patched = True
        pos = data.find(b"PK\x01\x02", pos + 4)
    assert patched
    path.write_bytes(bytes(data))
    with pytest.raises(InputError) as info:
        read_docx(str(path))
    assert info.value.reason == "zip_bomb"
    assert "GB" in str(info.value.params["size"])


def test_zip_with_an_absurdly_compressible_member(tmp_path: Path) -> None:
    path = _rezip(
        _plain_docx(tmp_path), tmp_path / "ratio.docx", add={"word/media/pad.bin": b"\0" * 5_000_000}
    )
    with pytest.raises(InputError) as info:
        read_docx(str(path))
    assert info.value.reason == "zip_bomb"
    assert int(info.value.params["ratio"]) > 200


@pytest.mark.parametrize("member", ["word/document.xml", "word/styles.xml"])
def test_doctype_or_entity_declarations_are_refused(tmp_path: Path, member: str) -> None:
    src = _plain_docx(tmp_path)
    with zipfile.ZipFile(src) as z:
        original = z.read(member)
    decl, rest = original.split(b"?>", 1)
    hostile = (
        decl + b'?>\n<!-- comment first -->\n<!DOCTYPE lol [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;">]>' + rest
    )
    path = _rezip(src, tmp_path / "dtd.docx", replace={member: hostile})
    assert _reason(path) == "hostile_xml"


def test_corrupt_xml_is_reported_briefly(tmp_path: Path) -> None:
    src = _plain_docx(tmp_path)
    broken = b'<?xml version="1.0"?><w:document xmlns:w="urn:x"><w:body><w:p>'
    path = _rezip(src, tmp_path / "broken.docx", replace={"word/document.xml": broken})
    with pytest.raises(InputError) as info:
        read_docx(str(path))
    assert info.value.reason == "corrupt"
    assert len(str(info.value.params["detail"])) <= 200


def test_plain_file_passes_the_guard(tmp_path: Path) -> None:
    doc = read_docx(str(_plain_docx(tmp_path)))
    assert _texts(doc) == ["评价得分84.94分。"]


# ---------------------------------------------------------------------------- command line


def test_cli_prints_one_summary_line(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("报告", level=1)
    d.add_table(rows=1, cols=2).cell(0, 0).text = "得分"
    path = _save(d, tmp_path / "ok.docx")
    result = CliRunner().invoke(main, [str(path)])
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(path))
    assert "没有找到可核对的数据" in lines[0]


def _bad_inputs(tmp_path: Path) -> list[tuple[Path, str]]:
    text = tmp_path / "notzip.docx"
    text.write_text("plain text", encoding="utf-8")
    ole = tmp_path / "locked.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    nodoc = _rezip(_plain_docx(tmp_path), tmp_path / "nodoc.docx", drop=("word/document.xml",))
    src = _plain_docx(tmp_path, "src.docx")
    with zipfile.ZipFile(src) as z:
        xml = z.read("word/document.xml")
    dtd = _rezip(
        src,
        tmp_path / "dtd.docx",
        replace={"word/document.xml": xml.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "e">]>', 1)},
    )
    bomb = _rezip(src, tmp_path / "bomb.docx", add={"word/media/pad.bin": b"\0" * 5_000_000})
    broken = _rezip(src, tmp_path / "broken.docx", replace={"word/document.xml": b"<w:document"})
    return [
        (text, "input.not_a_zip"),
        (ole, "input.encrypted"),
        (nodoc, "input.no_document_part"),
        (dtd, "input.hostile_xml"),
        (bomb, "input.zip_bomb"),
        (broken, "input.corrupt"),
    ]


def test_cli_bad_inputs_exit_2_with_one_line(tmp_path: Path) -> None:
    for path, key in _bad_inputs(tmp_path):
        result = CliRunner().invoke(main, [str(path)])
        assert result.exit_code == 2, (path, result.output)
        assert "Traceback" not in result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert lines[0].startswith(f"{path}: ")
        expected = t(key, "zh").split("{")[0]  # the message's fixed start
        assert expected in lines[0], (key, lines[0])


def test_read_document_dispatches_docx(tmp_path: Path) -> None:
    doc = read_document(str(_plain_docx(tmp_path)))
    assert doc.format == "docx" and doc.summary()["paragraphs"] == 1


# ---------------------------------------------------------------------------- real reports


def _scoring_tables(doc: Document, *labels: str) -> list[Table]:
    out = []
    for table in doc.tables():
        head = compact("".join(table.text_grid()[0])) if table.rows else ""
        if all(label in head for label in labels):
            out.append(table)
    return out


@needs_corpus
def test_corpus_000_annex_is_one_table_of_25_rows() -> None:
    doc = read_document(str(CORPUS / "000_d151785e31374ea4.docx"))
    (annex,) = _scoring_tables(doc, "一级指标", "三级指标", "指标分值", "扣分原因")
    assert annex.n_rows == 25 and annex.n_cols == 9
    assert compact(annex.rows[-1][0].text) == "合计"
    assert annex.text_grid()[-1][7] == "84.94"
    # the weights of the 23 third-level rows add up to 100
    weights = [float(row[3]) for row in annex.text_grid()[1:-1]]
    assert len(weights) == 23 and sum(weights) == 100
    # the 过程 rows came from a part with 8 columns: one text cell spans two columns
    assert any(c.col_span == 2 for c in annex.iter_cells())
    assert any("8 columns" in str(note) for note in doc.notes)


@needs_corpus
def test_corpus_004_annex_is_reassembled() -> None:
    doc = read_document(str(CORPUS / "004_9702beb4dfdda539.docx"))
    candidates = _scoring_tables(doc, "三级指标", "分值", "指标解释", "得分率")
    assert len(candidates) == 1
    annex = candidates[0]
    assert annex.n_cols == 8 and annex.n_rows >= 31
    codes = [m.group(0) for row in annex.text_grid()[1:] if (m := re.match(r"[A-D]\d\d", compact(row[2])))]
    expected = [
        "A11",
        "A12",
        "A21",
        "A22",
        "A23",
        "B11",
        "B12",
        "B13",
        "B21",
        "B22",
        "B23",
        "B31",
        "B32",
        "B41",
        "B42",
        "B51",
        "B61",
        "B71",
        "B72",
        "B73",
        "C11",
        "C12",
        "C13",
        "C14",
        "C21",
        "C22",
        "D11",
        "D21",
        "D31",
        "D32",
    ]
    assert codes == expected
    grid = annex.text_grid()
    assert sum(float(row[3]) for row in grid[1:] if re.match(r"[A-D]\d\d", compact(row[2]))) == 100
    assert grid[-1][0] == "合计" and grid[-1][6] == "86.00"
    # the paragraphs after the annex are still body paragraphs
    texts = _texts(doc)
    assert "附件2." in texts and "绩效评价调查问卷结果分析" in texts


@needs_corpus
@pytest.mark.parametrize("name", ["000_d151785e31374ea4.docx", "004_9702beb4dfdda539.docx"])
def test_corpus_paragraph_anchors_and_block_numbers(name: str) -> None:
    path = str(CORPUS / name)
    doc = read_document(path)
    assert [b.location.block for b in doc.blocks] == list(range(len(doc.blocks)))
    reference = docx.Document(path).paragraphs
    for p in doc.paragraphs():
        assert p.location.paragraph is not None
        assert normalize_text(reference[p.location.paragraph].text) == p.text
    for table in doc.tables():
        for cell in table.iter_cells():
            assert cell.location.block == table.location.block
