"""The PDF reader on small generated PDFs (tests/pdf_samples.py): paragraphs, headings,
running headers and page numbers, tables with merged cells, split rows, tables
continued across pages, and every way a PDF can be unreadable."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from auditor.errors import InputError
from auditor.models import Document, Paragraph, Table
from auditor.readers import pdf_reader, pdf_tables, read_document
from auditor.readers.pdf_reader import join_lines, read_pdf
from auditor.readers.pdf_tables import Char, PageFrame, find_table_cells, page_edges
from tests import pdf_samples as S


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


def _paras(doc: Document) -> list[Paragraph]:
    return list(doc.paragraphs())


def _tables(doc: Document) -> list[Table]:
    return list(doc.tables())


@pytest.fixture(scope="module")
def merged_doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return read_pdf(_write(tmp_path_factory.mktemp("pdf"), "merged.pdf", S.merged_table_pdf()))


@pytest.fixture(scope="module")
def split_doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return read_pdf(_write(tmp_path_factory.mktemp("pdf"), "split.pdf", S.split_row_pdf()))


@pytest.fixture(scope="module")
def paras_doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return read_pdf(_write(tmp_path_factory.mktemp("pdf"), "paras.pdf", S.paragraphs_pdf()))


# --- the font ---------------------------------------------------------------------------


def test_cjk_font_is_committed_and_covers_the_samples() -> None:
    font = S.cjk_font_path()
    assert font.is_file() and font.suffix == ".ttf"
    texts = [S.PARA_1, S.PARA_2, S.PARA_LONG, S.PARA_FULLWIDTH, S.PARA_ACROSS, "≥≤×÷％（）“”…"]
    texts += [t for row in S.SCORE_ROWS for t in row]
    assert S.missing_glyphs("".join(texts)) == set()
    assert S.missing_glyphs("A𠀀") == {"𠀀"}  # outside GB2312: reported, not silently dropped


# --- paragraphs and headings ------------------------------------------------------------


def test_paragraphs_headings_and_order(paras_doc: Document) -> None:
    got = [(p.heading_level, p.text, p.location.page) for p in _paras(paras_doc)]
    assert got == [
        (1, "社区养老服务补助项目绩效评价报告", 1),
        (2, "一、评价工作开展情况", 1),
        (None, S.PARA_LONG, 1),  # three wrapped lines joined without spaces
        (None, "评价工作于二〇二四年三月完成。", 1),
        (None, "1.资金拨付存在滞后。", 1),  # an unindented numbered item starts a paragraph
        (None, "2.绩效目标不够细化。", 1),
        (None, "问卷共回收120份，有效问卷116份，有效率96.67%。", 1),  # normalised
        (2, "二、资金拨付情况", 1),
        (None, S.PARA_ACROSS, 1),  # runs from page 1 onto page 2, located where it starts
        (None, "以上情况已与项目单位核实。", 2),
    ]
    assert paras_doc.pages == 2 and paras_doc.format == "pdf"


def test_locations_count_blocks_and_paragraphs(paras_doc: Document) -> None:
    for i, block in enumerate(paras_doc.blocks):
        assert block.location.block == i
        assert block.location.file.endswith("paras.pdf")
    assert [p.location.paragraph for p in _paras(paras_doc)] == list(range(10))


def test_page_numbers_and_running_header_are_dropped(tmp_path: Path) -> None:
    doc = read_pdf(_write(tmp_path, "cont.pdf", S.continued_table_pdf()))
    texts = [p.text for p in _paras(doc)]
    assert texts == ["二、资金支出明细", "以上支出均取得合规票据。"]
    assert not any("青禾县财政局" in t for t in texts)


def test_report_like_document(tmp_path: Path) -> None:
    doc = read_pdf(_write(tmp_path, "report.pdf", S.report_pdf(pages=5)))
    assert doc.pages == 5
    paras = _paras(doc)
    headings = [p for p in paras if p.heading_level is not None]
    assert headings[0].text == "一、评价内容第1部分" and {h.heading_level for h in headings} == {1}
    body = [p for p in paras if p.heading_level is None]
    assert body[0].text.startswith("第1部分第1段：本报告依据") and body[0].text.endswith(
        "预算执行率为91.53%。"
    )
    # every body paragraph is one whole generated paragraph: none split, none glued
    assert all(p.text.startswith("第") and p.text.count("段：") == 1 for p in body)
    assert not any(p.text.isdigit() or "绩效评价报告" in p.text for p in paras)  # header/page no.
    tables = _tables(doc)
    assert tables and all(t.n_cols == 4 and t.rows[0][0].text == "指标" for t in tables)
    assert [t.index for t in tables] == list(range(len(tables)))


# --- tables -----------------------------------------------------------------------------


def test_merged_cells_become_spans(merged_doc: Document) -> None:
    kinds = [b.kind for b in merged_doc.blocks]
    assert kinds == ["paragraph", "paragraph", "table", "paragraph"]
    (table,) = _tables(merged_doc)
    assert table.n_cols == 4 and table.n_rows == 5
    assert table.text_grid() == [
        ["一级指标", "二级指标", "分值", "得分"],
        ["决策", "项目立项", "8", "7.5"],
        ["决策", "绩效目标", "7", "6"],
        ["过程", "资金管理", "10", "8.2"],
        ["合计", "合计", "25", "21.7"],
    ]
    decision = table.rows[1][0]
    assert (decision.text, decision.row, decision.col, decision.row_span, decision.col_span) == (
        "决策",
        1,
        0,
        2,
        1,
    )
    total = table.rows[4][0]
    assert (total.text, total.row, total.col, total.row_span, total.col_span) == ("合计", 4, 0, 1, 2)
    assert [c.col for c in table.rows[2]] == [1, 2, 3]  # the merged cell appears once
    assert [c.col for c in table.rows[4]] == [0, 2, 3]
    cell = table.rows[3][3]
    loc = cell.location
    assert (loc.page, loc.block, loc.table, loc.row, loc.col) == (1, 2, 0, 3, 3)
    assert table.location.page == 1 and table.continued_from_pages == []


def test_table_text_is_not_repeated_as_paragraphs(merged_doc: Document) -> None:
    texts = [p.text for p in _paras(merged_doc)]
    assert texts == ["一、项目基本情况", S.PARA_1, S.PARA_2]


def test_split_rows_are_folded_back(split_doc: Document) -> None:
    a, b = _tables(split_doc)
    assert a.text_grid() == [
        ["指标名称", "指标值", "实际完成值", "完成情况"],
        ["服务人次", "≥1200人次", "1350人次", "已完成"],
        ["老年人满意度调查覆盖率", "≥90%", "93.6%", "已完成"],
        ["站点数量", "≥12个", "12个", "已完成"],
        ["备注：无", "", "", ""],  # a real row with one text: kept (the row above was not cut off)
    ]
    assert b.text_grid() == [
        ["指标名称", "指标值", "实际完成值", "完成情况"],
        ["专项资金拨付及时率", "100%", "86.04%", "部分完成"],
        ["培训场次", "≥6场", "8场", "已完成"],
    ]
    assert all(c.row_span == 1 and c.col_span == 1 for c in b.iter_cells())  # spans shrank
    assert [c.row for c in b.rows[2]] == [2, 2, 2, 2]
    assert [p.text for p in _paras(split_doc)] == ["三、绩效指标完成情况", "表中各项指标均按年度目标核定。"]


@pytest.mark.parametrize("repeat_header", [True, False])
def test_table_continued_on_next_page_is_joined(tmp_path: Path, repeat_header: bool) -> None:
    doc = read_pdf(_write(tmp_path, "cont.pdf", S.continued_table_pdf(repeat_header=repeat_header)))
    (table,) = _tables(doc)
    assert table.continued_from_pages == [1, 2]
    assert table.n_rows == 10  # header once + 9 rows
    grid = table.text_grid()
    assert grid[0] == S.CONT_HEADER
    assert [r[0] for r in grid[1:]] == [str(i) for i in range(1, 10)]
    assert grid[7] == ["7", "养老服务站运营补助第7批", "11,750.00"]
    assert [row[0].location.page for row in table.rows] == [1] * 7 + [2] * 3
    assert [row[0].location.row for row in table.rows] == list(range(10))


def test_row_broken_across_pages_is_folded_back(tmp_path: Path) -> None:
    doc = read_pdf(_write(tmp_path, "rowbreak.pdf", S.row_across_pages_pdf()))
    (table,) = _tables(doc)
    assert table.continued_from_pages == [1, 2]
    assert table.text_grid() == [
        S.ROW_BREAK_HEADER,
        ["产出", "数量", "服务人次达标", "5"],
        ["产出", "质量", "老年人满意度调查覆盖率", "4"],
        ["", "时效", "补助发放及时性", "3"],  # 质量 above was not cut off: a real row
    ]
    cell = table.grid()[2][2]
    assert cell is not None and (cell.text, cell.location.page, cell.location.row) == (
        "老年人满意度调查覆盖率",
        1,
        2,
    )
    assert table.rows[3][0].location.page == 2


def test_tables_not_joined_when_text_stands_between(tmp_path: Path) -> None:
    lay = S.Layout()
    lay.new_page()
    lay.y = 700
    lay.table([100, 100], [22, 22], S.simple_grid([["甲", "乙"], ["1", "2"]]))
    lay.new_page()
    lay.paragraph("表2 另一张表")
    lay.table([100, 100], [22, 22], S.simple_grid([["甲", "乙"], ["3", "4"]]))
    doc = read_pdf(_write(tmp_path, "two.pdf", lay.output()))
    t1, t2 = _tables(doc)
    assert t1.continued_from_pages == [] and t2.continued_from_pages == []
    assert (t1.location.page, t2.location.page) == (1, 2)


def test_edges_from_pdfium_give_pdfplumbers_cells(tmp_path: Path) -> None:
    """Our pdfium path reading feeds pdfplumber's table finder the same edges that
    pdfplumber's own (pdfminer-based) page.find_tables() uses: same cells."""
    for name, data in [("m.pdf", S.merged_table_pdf()), ("s.pdf", S.split_row_pdf())]:
        path = _write(tmp_path, name, data)
        with pdfplumber.open(path) as plumber:
            expected = [sorted(_r(c) for c in t.cells) for t in plumber.pages[0].find_tables()]
        pdf = pdfium.PdfDocument(path)
        try:
            page = pdf[0]
            frame = pdf_reader._frame(page)
            got = [
                sorted(_r(c) for c in cells) for cells in find_table_cells(page_edges(page.raw, frame), frame)
            ]
            page.close()
        finally:
            pdf.close()
        assert got == expected and len(got) >= 1


def _r(bbox: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(round(v, 1) for v in bbox)


# --- small pieces -----------------------------------------------------------------------


def _line(text: str) -> pdf_reader.TextLine:
    chars = [Char(ch, i * 10.0, 0.0, i * 10.0 + 10, 12.0, 10.0) for i, ch in enumerate(text)]
    return pdf_reader.TextLine(len(chars), text, 0.0, 0.0, len(text) * 10.0, 12.0, 10.0)


def test_join_lines_spaces_only_between_latin_words() -> None:
    assert join_lines([_line("资金到位"), _line("率为100%")]) == "资金到位率为100%"
    assert join_lines([_line("实际支出128.50"), _line("万元")]) == "实际支出128.50万元"
    assert join_lines([_line("public"), _line("service")]) == "public service"
    assert join_lines([_line("1,234,"), _line("567")]) == "1,234,567"
    assert join_lines([_line("存在问题："), _line("1.资金滞后")]) == "存在问题：\n1.资金滞后"


def test_make_lines_orders_and_spaces() -> None:
    chars = [
        Char("B", 30.0, 100.0, 36.0, 112.0, 10.0),
        Char("甲", 0.0, 50.0, 10.0, 62.0, 10.0),
        Char("A", 0.0, 101.0, 6.0, 113.0, 10.0),
        Char("乙", 10.0, 50.5, 20.0, 62.5, 10.0),
        Char("乙", 10.2, 50.5, 20.2, 62.5, 10.0),  # drawn twice (fake bold)
    ]
    lines = pdf_reader.make_lines(chars)
    assert [ln.text for ln in lines] == ["甲乙", "A B"]


@pytest.mark.parametrize(
    ("rotation", "expected"),
    [(0, (10.0, 780.0)), (90, (20.0, 10.0)), (180, (590.0, 20.0)), (270, (780.0, 590.0))],
)
def test_page_frame_maps_rotated_pages_to_display_space(rotation: int, expected: tuple[float, float]) -> None:
    frame = PageFrame(0.0, 0.0, 600.0, 800.0, rotation)
    assert frame.point(10.0, 20.0) == expected
    assert (frame.width, frame.height) == ((800.0, 600.0) if rotation in (90, 270) else (600.0, 800.0))


# --- unreadable input -------------------------------------------------------------------


def _reason(path: str) -> InputError:
    with pytest.raises(InputError) as info:
        read_pdf(path)
    return info.value


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = _write(tmp_path, "enc.pdf", S.encrypted_pdf())
    assert _reason(path).reason == "encrypted"
    with pytest.raises(InputError) as info:
        read_document(path)  # through the dispatcher too
    assert info.value.reason == "encrypted"


def test_owner_password_only_is_readable(tmp_path: Path) -> None:
    lay = S.Layout()
    lay.pdf.set_encryption(owner_password="owner-only")
    lay.new_page()
    lay.paragraph(S.PARA_2)
    doc = read_pdf(_write(tmp_path, "perm.pdf", lay.output()))
    assert [p.text for p in _paras(doc)] == [S.PARA_2]


@pytest.mark.parametrize("maker", [S.image_only_pdf, S.blank_pages_pdf])
def test_no_text_layer(tmp_path: Path, maker) -> None:  # type: ignore[no-untyped-def]
    assert _reason(_write(tmp_path, "scan.pdf", maker())).reason == "no_text"


def test_truncated_pdf(tmp_path: Path) -> None:
    err = _reason(_write(tmp_path, "cut.pdf", S.truncated_pdf()))
    assert err.reason == "corrupt" and "truncated" in str(err.params["detail"])


def test_garbage_after_pdf_header(tmp_path: Path) -> None:
    assert _reason(_write(tmp_path, "junk.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100)).reason == "corrupt"


def test_too_many_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    err = _reason(_write(tmp_path, "long.pdf", S.report_pdf(pages=3)))
    assert err.reason == "too_many_pages" and err.params == {"pages": 3, "limit": 2}


def test_partly_scanned_pdf_reads_text_and_notes_the_rest(tmp_path: Path) -> None:
    lay = S.Layout(footer_numbers=False)
    lay.new_page()
    lay.paragraph(S.PARA_2)
    lay.pdf.add_page()  # a page with nothing on it
    doc = read_pdf(_write(tmp_path, "mixed.pdf", lay.output()))
    assert [p.text for p in _paras(doc)] == [S.PARA_2]
    assert [str(n) for n in doc.notes] == ["pages without a text layer (scanned?): 2"]


def test_table_finder_failure_keeps_the_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object) -> None:
        raise AssertionError("odd edges")

    monkeypatch.setattr(pdf_reader, "find_table_cells", boom)
    doc = read_pdf(_write(tmp_path, "m.pdf", S.merged_table_pdf()))
    assert _tables(doc) == []
    texts = [p.text for p in _paras(doc)]
    assert texts[:2] == ["一、项目基本情况", S.PARA_1] and any("一级指标" in t for t in texts)
    assert [str(n) for n in doc.notes] == ["page 1: tables not detected (AssertionError), read as text"]


def test_dispatcher_reads_pdf(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "r.pdf", S.merged_table_pdf()))
    assert doc.format == "pdf" and doc.summary() == {"blocks": 4, "paragraphs": 3, "tables": 1, "pages": 1}


# --- layouts that Word/LibreOffice PDFs of real reports have ---------------------------


def test_tables_drawn_one_under_the_other_with_other_columns_are_two_tables(tmp_path: Path) -> None:
    lay = S.Layout()
    lay.new_page()
    lay.table(
        [150, 150, 151],
        [22] * 3,
        S.simple_grid([["选项", "小计", "比例"], ["满意", "40", "80%"], ["一般", "10", "20%"]]),
    )
    lay.y -= 6  # the next table touches this one: one lattice on the page
    lay.table(
        [60, 100, 90, 100, 101],
        [22] * 2,
        S.simple_grid([["序号", "提交时间", "来源", "来源详情", "答案"], ["1", "3月5日", "微信", "", "无"]]),
    )
    lay.paragraph("以上为问卷统计。")
    doc = read_pdf(_write(tmp_path, "stacked.pdf", lay.output()))
    a, b = _tables(doc)
    assert a.text_grid() == [["选项", "小计", "比例"], ["满意", "40", "80%"], ["一般", "10", "20%"]]
    assert b.text_grid()[0] == ["序号", "提交时间", "来源", "来源详情", "答案"] and b.n_rows == 2


def test_a_table_with_a_title_row_and_merged_cells_is_not_cut(tmp_path: Path) -> None:
    lay = S.Layout()
    lay.new_page()
    cells = [
        S.GridCell(0, 0, "项目资金情况", col_span=3),
        S.GridCell(1, 0, "年初预算"), S.GridCell(1, 1, "调整预算"), S.GridCell(1, 2, "支出"),
        S.GridCell(2, 0, "合计", col_span=2), S.GridCell(2, 2, "41.36"),
    ]  # fmt: skip
    lay.table([150, 150, 151], [22] * 3, cells)
    doc = read_pdf(_write(tmp_path, "title.pdf", lay.output()))
    (table,) = _tables(doc)
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert table.rows[2][0].col_span == 2


def test_one_cell_tables_are_tables_but_shading_and_page_frames_are_not(tmp_path: Path) -> None:
    lay = S.Layout()
    lay.new_page()
    pdf = lay.pdf
    pdf.set_line_width(0.5)
    pdf.rect(30, 30, S.PAGE_W - 60, S.PAGE_H - 60)  # a frame around the page
    pdf.set_fill_color(225)
    pdf.rect(S.MARGIN_L, lay.y, S.TEXT_W, 26, style="F")  # shading behind a heading
    lay.heading("附件1 指标体系")
    lay.table([S.TEXT_W], [22], [S.GridCell(0, 0, "一级")])  # a table of one cell
    lay.paragraph("指标", indent=False)
    doc = read_pdf(_write(tmp_path, "boxes.pdf", lay.output()))
    (table,) = _tables(doc)
    assert table.text_grid() == [["一级"]]
    assert [p.text for p in _paras(doc)] == ["附件1 指标体系", "指标"]


def _row_split_by_repeated_header(tmp_path: Path, rest: list[str]) -> Table:
    lay = S.Layout()
    lay.new_page()
    widths = [90, 90, 90, 181]
    header = ["指标", "指标值", "完成情况", "说明"]
    lay.table(
        widths,
        [22] * 3,
        S.simple_grid(
            [header, ["数量", "≥100", "全部完成", "按计划完成"], ["满意度", "≥95%", "部分", "综合满意度为"]]
        ),
    )
    lay.y -= 6
    lay.table(widths, [22] * 2, S.simple_grid([header, rest]))
    (table,) = _tables(read_pdf(_write(tmp_path, "rehead.pdf", lay.output())))
    return table


def test_header_repeated_inside_a_table_where_a_row_broke_is_dropped(tmp_path: Path) -> None:
    table = _row_split_by_repeated_header(tmp_path, ["", "", "完成", "86.04%。"])
    assert table.text_grid()[1:] == [
        ["数量", "≥100", "全部完成", "按计划完成"],
        ["满意度", "≥95%", "部分完成", "综合满意度为86.04%。"],
    ]


def test_header_repeated_inside_a_numbered_list_is_dropped(tmp_path: Path) -> None:
    lay = S.Layout()
    lay.new_page()
    widths = [60, 250, 141]
    header = ["序号", "支出事项", "金额"]
    lay.table(
        widths, [22] * 3, S.simple_grid([header, ["1", "电费", "457.24"], ["2", "短信服务费", "2,016.84"]])
    )
    lay.y -= 6
    lay.table(widths, [22] * 2, S.simple_grid([header, ["3", "专线费用", "1,920.00"]]))
    (table,) = _tables(read_pdf(_write(tmp_path, "numbered.pdf", lay.output())))
    assert [row[0] for row in table.text_grid()] == ["序号", "1", "2", "3"]


def test_header_repeated_before_an_ordinary_row_is_kept(tmp_path: Path) -> None:
    table = _row_split_by_repeated_header(tmp_path, ["质量", "合格", "全部完成", "验收合格"])
    assert [row[0] for row in table.text_grid()] == ["指标", "数量", "满意度", "指标", "质量"]


def test_wrapped_line_ending_short_before_an_unbreakable_piece_goes_on(tmp_path: Path) -> None:
    lay = S.Layout()
    lay.new_page()
    pdf = lay.pdf
    assert S.missing_glyphs("〔〕号") == set()
    body = "根据有关文件规定本项目资金使用情况良好各项指标均已完成相关资料齐全"  # 33 characters
    lines = [
        body + "并经复核",  # 37 characters: a full line
        body + "并经复核",
        body,  # ends four characters short: "〔2019〕10" (five wide) did not fit
        "〔2019〕10号）执行。",
        body[:30],  # seven short: "资" would have fitted, so the paragraph ends here
        "资金已拨付到位。",
    ]
    y = 90.0
    for text in lines:
        pdf.text(S.MARGIN_L, y, text)
        y += 18
    doc = read_pdf(_write(tmp_path, "wrap.pdf", lay.output()))
    assert [p.text for p in _paras(doc)] == ["".join(lines[:4]), lines[4], lines[5]]


def _chars(*parts: tuple[str, float]) -> list[Char]:
    """Characters at 12 pt on one line; each part starts `gap` ems after the previous."""
    out: list[Char] = []
    x = 0.0
    for text, gap in parts:
        x += gap * 12
        for ch in text:
            w = 12.0 if pdf_reader.is_cjk(ch) else 6.0
            out.append(Char(ch, x, 100.0, x + w, 112.0, 12.0))
            x += w
    return out


def test_autospace_between_chinese_and_figures_is_no_space() -> None:
    def text(chars: list[Char]) -> str:
        (line,) = pdf_reader.make_lines(chars)
        return line.text

    assert text(_chars(("得分", 0), ("84.94", 0.2), ("分", 0.2))) == "得分84.94分"  # autospace
    assert text(_chars(("得分", 0), ("84.94", 0.32), ("分", 0.33))) == "得分 84.94 分"  # typed spaces
    spaced = _chars(("得分", 0), ("84.94", 0.2))  # autospace wide, but the PDF draws a space
    spaced.append(Char(" ", 24.5, 100.0, 26.0, 112.0, 12.0))
    assert text(spaced) == "得分 84.94"
    assert text(_chars(("中共中央", 0), ("国务院", 0.32))) == "中共中央 国务院"
    assert text(_chars(("中共中央", 0), ("国务院", 0.1))) == "中共中央国务院"
    assert text(_chars(("public", 0), ("service", 0.25))) == "public service"


def test_join_lines_keeps_a_wrapped_formula_whole() -> None:
    assert join_lines([_line("（3359600-"), _line("3543100）/3543100")]) == "（3359600-3543100）/3543100"
    assert join_lines([_line("详见表5-"), _line("2")]) == "详见表5-2"


def test_lead_em_measures_the_piece_no_line_break_may_split() -> None:
    assert pdf_tables.lead_em("〔2019〕10号）") == 5.0  # 〔2019〕10, then a break before 号
    assert pdf_tables.lead_em("为“良”。一级") == 4.0  # no break around curly quotes
    assert pdf_tables.lead_em(")*100 %。 实际") == 4.0  # "100 %" is one figure
    assert pdf_tables.lead_em("资金已拨付") == 1.0
