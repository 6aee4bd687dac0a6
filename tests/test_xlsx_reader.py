"""The .xlsx reader: sheets, merged ranges, printed number formats, cached formulas,
hidden rows/columns/sheets, locations ('Sheet1!F12'), guards against hostile files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.errors import InputError
from auditor.models import Document, Location, Paragraph, Table
from auditor.readers import legacy_office, read_document, xlsx_reader
from fixtures.render_xlsx import add_formulas


def _save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def _form(path: Path) -> Path:
    """A small self-assessment form: title rows, a funds block with merges and formats."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws["A1"] = "2022年度项目支出绩效自评表"
    ws.merge_cells("A1:F1")
    ws["F2"] = "金额单位：万元"
    ws.append(["项目资金", "", "全年预算数", "全年执行数", "执行率", "得分"])  # row 3
    ws.merge_cells("A3:B3")
    ws["A4"] = "年度资金总额"
    ws.merge_cells("A4:A6")
    ws["B4"] = "合计"
    ws["C4"], ws["D4"], ws["E4"], ws["F4"] = 50.0, 43.2, 0.864, 0.1 + 0.2
    ws["B5"], ws["C5"], ws["D5"] = "财政拨款", 40.0, 36.0
    ws["B6"], ws["C6"], ws["D6"] = "其他资金", 10.0, 7.2
    for ref in ("C4", "D4", "C5", "D5", "C6", "D6"):
        ws[ref].number_format = "0.00"
    ws["E4"].number_format = "0.00%"
    ws["C7"] = 1234567.5
    ws["C7"].number_format = "#,##0.00"
    ws["A7"] = "累计"
    ws["E7"] = 0.86
    ws["E7"].number_format = "0%"
    ws.append([])  # row 8 blank
    ws.append(["自评得分", 95])
    ws.append(["自评等级", "优"])
    ws["A11"] = "填报日期："
    ws["B11"] = openpyxl.utils.datetime.from_excel(45366)
    ws["B11"].number_format = 'yyyy"年"m"月"d"日"'
    ws["F12"] = "备注"
    return _save(wb, path)


def _table(doc: Document, n: int = 0) -> Table:
    return list(doc.tables())[n]


def test_title_rows_become_paragraphs_and_the_caption(tmp_path: Path) -> None:
    doc = read_document(str(_form(tmp_path / "f.xlsx")))
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paragraphs[:3] == ["自评表", "2022年度项目支出绩效自评表", "金额单位：万元"]
    assert doc.blocks[0].heading_level == 1  # the sheet name
    table = _table(doc)
    assert table.caption == "2022年度项目支出绩效自评表"
    assert table.location.sheet == "自评表" and table.location.cell == "A3:F7"


def test_merged_ranges_are_spans(tmp_path: Path) -> None:
    table = _table(read_document(str(_form(tmp_path / "f.xlsx"))))
    first = table.rows[0][0]
    assert (first.text, first.row_span, first.col_span) == ("项目资金", 1, 2)
    label = table.rows[1][0]
    assert (label.text, label.row_span, label.col_span) == ("年度资金总额", 3, 1)
    assert table.text_grid()[2][:2] == ["年度资金总额", "财政拨款"]


def test_cells_print_as_their_number_format_says(tmp_path: Path) -> None:
    grid = _table(read_document(str(_form(tmp_path / "f.xlsx")))).text_grid()
    assert grid[1][2:] == ["50.00", "43.20", "86.40%", "0.3"]
    assert grid[4][2] == "1,234,567.50" and grid[4][4] == "86%"


def test_footer_rows_become_paragraphs_with_dates_as_formatted(tmp_path: Path) -> None:
    doc = read_document(str(_form(tmp_path / "f.xlsx")))
    tail = [b for b in doc.blocks[-2:] if isinstance(b, Paragraph)]
    assert [p.text for p in tail] == ["填报日期： 2024年3月15日", "备注"]
    assert tail[0].location.describe() == "自评表!A11"


def test_blank_rows_separate_tables_but_a_merge_across_keeps_one(tmp_path: Path) -> None:
    doc = read_document(str(_form(tmp_path / "f.xlsx")))
    # row 8 is blank: rows 3-7 are one table, rows 9-10 a second one
    assert len(list(doc.tables())) == 2
    assert _table(doc, 1).text_grid() == [["自评得分", "95"], ["自评等级", "优"]]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标", "分值"])
    ws["A2"] = "产出"
    ws.merge_cells("A2:A4")  # row 3 is empty but the merge crosses it
    ws["B2"], ws["B4"] = 10, 20
    doc = read_document(str(_save(wb, tmp_path / "m.xlsx")))
    assert len(list(doc.tables())) == 1
    assert _table(doc).text_grid() == [["指标", "分值"], ["产出", "10"], ["产出", "20"]]  # empty row 3 dropped
    assert _table(doc).rows[1][0].row_span == 2


def test_rows_inside_a_table_stay_rows(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["指标", "分值", "得分"])
    ws.append(["一、产出指标"])  # a section label row inside the grid
    ws.append(["数量", 10, 10])
    ws.append(["备注：", "无"])  # a label row at the bottom, all text: a paragraph
    ws.append(["合计：", 10, 10])  # figures: a table row, not a paragraph
    doc = read_document(str(_save(wb, tmp_path / "rows.xlsx")))
    assert [row[0] for row in _table(doc).text_grid()] == ["指标", "一、产出指标", "数量", "备注：", "合计："]
    assert not [b for b in doc.blocks if isinstance(b, Paragraph) and b.heading_level is None]


def test_locations_name_sheet_and_cell(tmp_path: Path) -> None:
    table = _table(read_document(str(_form(tmp_path / "f.xlsx"))))
    cell = next(c for c in table.iter_cells() if c.text == "43.20")
    assert (cell.location.sheet, cell.location.cell) == ("自评表", "D4")
    assert (cell.location.table, cell.location.row, cell.location.col) == (0, 1, 3)  # indices kept
    assert cell.location.describe() == "自评表!D4"
    assert cell.location.describe("en") == "自评表!D4"


def test_describe_quotes_sheet_names_as_excel_does() -> None:
    assert Location(file="f", sheet="Sheet1", cell="F12").describe() == "Sheet1!F12"
    assert Location(file="f", sheet="My Sheet", cell="A1").describe("en") == "'My Sheet'!A1"
    assert Location(file="f", sheet="Bob's", cell="A1").describe() == "'Bob''s'!A1"
    assert Location(file="f", sheet="Sheet1").describe("en") == "sheet Sheet1"
    assert Location(file="f", sheet="Sheet1").describe() == "工作表Sheet1"


def test_hidden_rows_columns_and_sheets_are_skipped_and_noted(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    ws.append(["指标", "草稿", "分值", "得分"])
    ws.append(["产出", "旧值", 10, 9])
    ws.append(["作废行", "", 99, 99])
    ws.append(["效益", "", 20, 18])
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions["B"].hidden = True
    ws["A5"], ws["D5"] = "合计", 27
    ws.merge_cells("A5:B5")  # a merge over a hidden column spans the visible one only
    hidden = wb.create_sheet("底稿")
    hidden["A1"] = "不应读取的内容"
    hidden.sheet_state = "hidden"
    doc = read_document(str(_save(wb, tmp_path / "h.xlsx")))
    assert _table(doc).text_grid() == [["指标", "分值", "得分"], ["产出", "10", "9"], ["效益", "20", "18"], ["合计", "", "27"]]
    assert _table(doc).rows[3][0].col_span == 1
    assert "不应读取的内容" not in doc.model_dump_json()
    codes = {n.code: n for n in doc.notes}
    assert codes["rows_hidden"].text() == "工作表“表”：隐藏的第 3 行未读取"
    assert codes["cols_hidden"].text("en") == "sheet '表': hidden column(s) B not read"
    assert codes["sheet_hidden"].args == {"sheet": "底稿"}


def test_visible_sheets_in_tab_order_each_with_a_heading(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "封面"
    wb.active["A1"] = "绩效自评报告"
    second = wb.create_sheet("自评表")
    second.append(["指标", "分值"])
    second.append(["产出", 50])
    doc = read_document(str(_save(wb, tmp_path / "s.xlsx")))
    headings = [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.heading_level == 1]
    assert headings == ["封面", "自评表"]
    assert _table(doc).location.sheet == "自评表"


def test_formula_cached_value_is_read_and_a_missing_cache_is_noted(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目", "金额"])
    ws.append(["甲", 1.25])
    ws.append(["乙", 2.5])
    ws.append(["合计", 3.75])
    ws["C2"] = "=B2*2"  # openpyxl writes no cached value
    for r in range(2, 5):
        ws[f"B{r}"].number_format = "0.00"
    path = _save(wb, tmp_path / "f.xlsx")
    add_formulas(path, {"B4": "SUM(B2:B3)"})
    assert b"<f>SUM(B2:B3)</f><v>3.75</v>" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    doc = read_document(str(path))
    grid = _table(doc).text_grid()
    assert grid[3] == ["合计", "3.75"]
    assert grid[1] == ["甲", "1.25"]  # C2 printed nothing: no figure invented, no column
    note = next(n for n in doc.notes if n.code == "formula_no_value")
    assert note.args["ref"] == "Sheet!C2" and note.args["formula"] == "=B2*2"


def test_an_unrendered_format_falls_back_to_general_with_a_note(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["数", 12.5])
    ws["B1"].number_format = "[DBNum1]0.0"
    doc = read_document(str(_save(wb, tmp_path / "n.xlsx")))
    assert _table(doc).text_grid() == [["数", "12.5"]]
    assert [n.args["ref"] for n in doc.notes if n.code == "format_unrendered"] == ["Sheet!B1"]


# ---------------------------------------------------------------- bad input


def _cli(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(path)])
    return result.exit_code, result.output


def test_too_many_cells_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wb = openpyxl.Workbook()
    for _ in range(30):
        wb.active.append(list(range(10)))
    path = _save(wb, tmp_path / "大表.xlsx")
    monkeypatch.setattr(xlsx_reader, "MAX_CELLS", 200)
    code, out = _cli(path)
    assert code == 2 and "大表.xlsx" in out and "单元格过多" in out and "Traceback" not in out


def test_far_apart_cells_do_not_make_a_huge_grid(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "左上"
    wb.active["XFD1048576"] = "右下"
    with pytest.raises(InputError) as err:
        read_document(str(_save(wb, tmp_path / "far.xlsx")))
    assert err.value.reason == "too_many_cells"


def _rezip(src: Path, dst: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            zout.writestr(name, replace.get(name, zin.read(name)))
    return dst


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    path = _save(wb, tmp_path / "ok.xlsx")
    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    padded = sheet.replace(b"<sheetData>", b"<sheetData>" + b" " * (8 * 1024 * 1024))
    bomb = _rezip(path, tmp_path / "bomb.xlsx", {"xl/worksheets/sheet1.xml": padded})
    code, out = _cli(bomb)
    assert code == 2 and "bomb.xlsx" in out and "压缩包可疑" in out


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "x"
    path = _save(wb, tmp_path / "ok.xlsx")
    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    dtd = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    laughs = sheet.replace(b"?>", b"?>" + dtd, 1) if sheet.startswith(b"<?xml") else dtd + sheet
    hostile = _rezip(path, tmp_path / "laughs.xlsx", {"xl/worksheets/sheet1.xml": laughs})
    code, out = _cli(hostile)
    assert code == 2 and "laughs.xlsx" in out and "DTD" in out


def test_a_word_file_named_xlsx_and_an_encrypted_xlsx_get_one_line(tmp_path: Path) -> None:
    docx_bytes = (Path(__file__).resolve().parents[1] / "fixtures/generated/self_assessment.docx").read_bytes()
    fake = tmp_path / "表.xlsx"
    fake.write_bytes(docx_bytes)
    code, out = _cli(fake)
    assert code == 2 and "表.xlsx" in out and "xl/workbook.xml" in out
    locked = tmp_path / "加密.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"))
    code, out = _cli(locked)
    assert code == 2 and "加密.xlsx" in out and "加密" in out


@pytest.mark.parametrize("ext", [".xls", ".et"])
def test_legacy_sheets_without_libreoffice_get_one_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ext: str
) -> None:
    old = tmp_path / f"自评表{ext}"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "Workbook".encode("utf-16-le"))
    monkeypatch.setattr(legacy_office, "office_binary", lambda: None)
    code, out = _cli(old)
    assert code == 2 and f"自评表{ext}" in out and "LibreOffice" in out and "另存为 .xlsx" in out


def test_an_xlsx_saved_as_xls_is_read_and_text_as_xls_is_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active.append(["指标", "分值"])
    wb.save(buf)
    renamed = tmp_path / "表.xls"
    renamed.write_bytes(buf.getvalue())
    assert read_document(str(renamed)).format == "xlsx"
    text = tmp_path / "导出.xls"
    text.write_text("<table><tr><td>1</td></tr></table>", encoding="utf-8")
    code, out = _cli(text)
    assert code == 2 and "导出.xls" in out


def test_a_truncated_xlsx_gets_one_line(tmp_path: Path) -> None:
    data = (Path(__file__).resolve().parents[1] / "fixtures/generated/self_assessment.xlsx").read_bytes()
    cut = tmp_path / "断.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    code, out = _cli(cut)
    assert code == 2 and "断.xlsx" in out and ".xlsx" in out.split("断.xlsx", 1)[1] and "Traceback" not in out


def test_legacy_sheet_goes_through_office_conversion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The .xls path with a stand-in for soffice that 'converts' by copying an .xlsx: the
    result is read as the .xlsx, every location names the .xls, a note says so."""
    import sys

    source = Path(__file__).resolve().parents[1] / "fixtures/generated/self_assessment.xlsx"
    fake = tmp_path / "soffice"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import shutil, sys\nfrom pathlib import Path\n"
        "args = sys.argv[1:]\nassert args[args.index('--convert-to') + 1].startswith('xlsx')\n"
        "out = Path(args[args.index('--outdir') + 1]); out.mkdir(parents=True)\n"
        f"shutil.copy({str(source)!r}, out / (Path(args[-1]).stem + '.xlsx'))\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    old = tmp_path / "自评表.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "Workbook".encode("utf-16-le"))
    monkeypatch.setattr(legacy_office, "office_binary", lambda: str(fake))
    doc = read_document(str(old))
    assert doc.path == str(old) and doc.format == "xlsx"
    assert {c.location.file for t in doc.tables() for c in t.iter_cells()} == {str(old)}
    assert doc.notes[0].code == "converted_legacy" and doc.notes[0].args == {"ext": ".xls"}
    assert any(c.text == "98.05%" for t in doc.tables() for c in t.iter_cells())


def test_a_merge_over_a_hidden_row_spans_the_visible_rows(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["一级", "三级", "分值"])
    for name, weight in (("巡查次数", 10), ("旧指标", 5), ("监测点位", 20)):
        ws.append(["", name, weight])
    ws["A2"] = "产出指标"
    ws.merge_cells("A2:A4")
    ws.row_dimensions[3].hidden = True
    table = _table(read_document(str(_save(wb, tmp_path / "m.xlsx"))))
    assert table.text_grid() == [["一级", "三级", "分值"], ["产出指标", "巡查次数", "10"], ["产出指标", "监测点位", "20"]]
    assert table.rows[1][0].row_span == 2


def test_dump_and_facts_commands_read_a_workbook() -> None:
    form = Path(__file__).resolve().parents[1] / "fixtures/generated/self_assessment.xlsx"
    dump = CliRunner().invoke(main, ["dump", str(form)])
    assert dump.exit_code == 0 and "Sheet1!A4:H22" in dump.output and "Sheet1!A1] 项目支出绩效自评表" in dump.output
    facts = CliRunner().invoke(main, ["facts", str(form)])
    assert facts.exit_code == 0 and "@Sheet1!G7" in facts.output  # the execution rate's cell


def test_overlapping_merges_cannot_make_quadratic_work(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["SF500"] = "左上", "右下"  # a 500 x 500 used range: allowed
    path = _save(wb, tmp_path / "merges.xlsx")
    assert [p.text for p in read_document(str(path)).paragraphs()] == ["Sheet", "左上", "右下"]
    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    merges = b'<mergeCells count="50">' + b'<mergeCell ref="A1:SF500"/>' * 50 + b"</mergeCells>"
    sheet = sheet.replace(b"</sheetData>", b"</sheetData>" + merges)
    hostile = _rezip(path, tmp_path / "overlap.xlsx", {"xl/worksheets/sheet1.xml": sheet})
    with pytest.raises(InputError) as err:
        read_document(str(hostile))
    assert err.value.reason == "too_many_cells"
