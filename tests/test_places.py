"""Places a reader can find (auditor/places.py, readers/docx_pages.py, readers/layout_pages.py),
end to end on the shipped draft (fixtures/generated/draft_project_eval.docx, 6 planted slips)."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.engine.api import AuditOptions, audit_path
from auditor.findings import FileResult, Finding, Place
from auditor.models import Location
from auditor.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "fixtures" / "generated" / "draft_project_eval.docx"
sys.path.insert(0, str(ROOT))

# Where Word would begin pages the draft's explicit breaks do not start (fixtures/word_layout.py).
PAGE_STARTS = ["二、绩效评价工作开展情况", "三、绩效评价结论", "2.绩效目标", "2.产出质量", "（四）绩效自评工作不够规范"]


@pytest.fixture(scope="module")
def draft() -> FileResult:
    return audit_path(str(DRAFT))


def _finding(result: FileResult, rule: str) -> Finding:
    return next(f for f in result.findings if f.rule_id == rule)


def _place(f: Finding, figure: str, role: str | None = None) -> Place:
    return next(p for p in f.places if p.figure == figure and (role is None or p.role == role))


def test_a_table_place_names_caption_row_and_column(draft: FileResult) -> None:
    total = _place(_finding(draft, "SCORE003"), "85.39", "total")
    loc = total.location
    assert (loc.heading, loc.caption, loc.row_label, loc.col_label) == (
        "（一）绩效评价综合结论", "表1 绩效评价得分情况表", "合计", "评价得分")
    assert loc.describe() == "「（一）绩效评价综合结论」下，表1 绩效评价得分情况表，第6行「合计」，评价得分列"
    assert loc.describe("en") == (
        'under "（一）绩效评价综合结论", table "表1 绩效评价得分情况表", row 6 "合计", column "评价得分"'
    )
    part = _place(_finding(draft, "SCORE003"), "21.95")
    assert part.location.row_label == "效益"


def test_the_row_label_is_the_most_specific_indicator(draft: FileResult) -> None:
    """附件1 rows read 过程 | 组织实施 | 制度执行有效性 | 5 …: the third-level name labels the row."""
    weight = _place(_finding(draft, "DED002"), "5")
    assert weight.location.row_label == "制度执行有效性"
    assert weight.location.col_label == "分值"
    assert "附件1 绩效评价指标体系及评分表，第12行「制度执行有效性」，分值列" in weight.location.describe()


def test_a_paragraph_place_names_its_heading(draft: FileResult) -> None:
    text = _place(_finding(draft, "DED002"), "3")
    assert (text.location.heading, text.location.section_paragraph) == ("2.组织实施", 2)
    assert text.location.describe() == "「2.组织实施」下第2段"
    assert text.location.describe("en") == 'paragraph 2 under "2.组织实施"'


def test_a_form_without_header_row_labels_the_value_by_its_key(draft: FileResult) -> None:
    """概要表 is label | value pairs: 评价分值 | 85.39 has no column header."""
    cover = next(p for p in _finding(draft, "SCORE004").places if p.location.caption == "项目绩效评价概要表")
    assert cover.location.row_label == "评价分值"
    assert cover.location.col_label is None
    # a block of figures under a row of names: the name above heads the column
    total = _place(_finding(draft, "MONEY003"), "42.65", "total")
    assert (total.location.row_label, total.location.col_label) == ("资金情况", "合计")


def test_no_place_is_a_bare_paragraph_or_table_number(draft: FileResult) -> None:
    bare = re.compile(r"^(第\d+段|表格\d+ 第\d+行第\d+列)$")
    places = [p for f in draft.findings for p in f.places]
    assert len(places) > 30
    for p in places:
        assert not bare.match(p.location.describe()), p.location
        assert p.location.heading or p.location.caption, p.location


def test_a_location_without_context_keeps_the_readers_numbers() -> None:
    assert Location(file="f", paragraph=11).describe() == "第12段"
    assert Location(file="f", page=3, table=1, row=3, col=0).describe("en") == "p.3 table 2 row 4 col 1"
    assert Location(file="f", sheet="My Sheet", cell="A1").describe() == "'My Sheet'!A1"


def test_json_places_carry_structured_fields_and_text() -> None:
    out = CliRunner().invoke(main, [str(DRAFT), "--format", "json"])
    assert out.exit_code == 1, out.output
    doc = json.loads(out.output)
    places = [p for f in doc["files"][0]["findings"] for p in f["places"]]
    total = next(p for p in places if p["location"]["row_label"] == "合计" and p["location"]["caption"] == "表1 绩效评价得分情况表")
    assert total["location"]["col_label"] == "评价得分"
    assert total["place_zh"].endswith("表1 绩效评价得分情况表，第6行「合计」，评价得分列")
    assert 'row 6 "合计"' in total["place_en"]
    rules = {f["rule_id"]: f for f in doc["files"][0]["findings"]}
    assert rules["SCORE003"]["rule_title_zh"] == "一级指标得分之和与总分不符"
    assert rules["SCORE003"]["rule_title_en"] == "First-level scores do not add up to the total"


def test_lang_en_text_report_names_rows_and_columns() -> None:
    out = CliRunner().invoke(main, [str(DRAFT), "--lang", "en"])
    assert 'table "表1 绩效评价得分情况表", row 5 "效益", column "评价得分"' in out.output
    assert "SCORE003 First-level scores do not add up to the total" in out.output
    zh = CliRunner().invoke(main, [str(DRAFT)])
    assert "表1 绩效评价得分情况表，第5行「效益」，评价得分列" in zh.output
    assert "SCORE003 一级指标得分之和与总分不符" in zh.output


def test_a_docx_without_word_layout_gives_no_page(draft: FileResult) -> None:
    """The draft has explicit page breaks but no rendered ones: explicit breaks alone
    cannot say where a full page flowed on, so no page is given."""
    assert all(p.location.page is None for f in draft.findings for p in f.places)


def test_word_rendered_page_breaks_give_pages(tmp_path: Path) -> None:
    from fixtures.word_layout import add_rendered_breaks

    saved = tmp_path / "word_saved.docx"
    add_rendered_breaks(DRAFT, saved, PAGE_STARTS)
    doc = read_document(str(saved))
    page = {b.text: b.location.page for b in doc.paragraphs()}
    # explicit breaks (概要表, 报告, 附件1-5) and Word's marks, each page counted once
    assert page["评价分值：85.39 评价等级：良"] == 1
    assert page["项目绩效评价概要表"] == 2
    assert page["三、绩效评价结论"] == 5
    assert page["2.绩效目标"] == 6
    assert page["附件1"] == 9
    assert page["附件5"] == 13
    result = audit_path(str(saved))
    slip = _place(_finding(result, "SCORE004"), "85.93", "differs")
    assert slip.location.page == 5
    assert slip.location.describe() == "第5页，「（一）绩效评价综合结论」下第1段"
    cell = _place(_finding(result, "SCORE003"), "85.39", "total")
    assert cell.location.page == 5
    annex = next(p for p in _finding(result, "SCORE004").places if p.location.caption == "附件4 单位自评与评价得分对比表")
    assert annex.location.page == 12
    assert annex.location.describe("en").startswith("p.12, ")


def test_pdf_places_carry_their_page(tmp_path: Path) -> None:
    from fixtures.make_fixtures import build_draft, render

    pdf = render(build_draft("draft_project_eval"), "pdf", tmp_path / "draft.pdf")
    result = audit_path(str(pdf))
    slip = _place(_finding(result, "SCORE004"), "85.93", "differs")
    assert slip.location.page is not None
    assert slip.location.heading == "（一）绩效评价综合结论"
    assert slip.location.describe().startswith(f"第{slip.location.page}页，「（一）绩效评价综合结论」下第")
    # the page is the PDF's: the text stands on that page
    import pdfplumber

    with pdfplumber.open(pdf) as p:
        text = "".join((p.pages[slip.location.page - 1].extract_text() or "").split())
    assert "85.93" in text


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice (soffice) is not installed")
def test_pages_option_lays_out_with_libreoffice() -> None:
    result = audit_path(str(DRAFT), AuditOptions.make(pages=True))
    places = [p for f in result.findings for p in f.places]
    paged = [p for p in places if p.location.page is not None]
    assert len(paged) >= len(places) - 3  # a few rows of a table split over two pages may stay unknown
    slip = _place(_finding(result, "SCORE004"), "85.93", "differs")
    cover = _place(_finding(result, "SCORE004"), "85.39", "majority")
    assert cover.location.page == 1
    assert slip.location.page is not None and slip.location.page > 2
    annex = next(p for p in _finding(result, "SCORE004").places if p.location.caption == "附件4 单位自评与评价得分对比表")
    assert annex.location.page is not None and annex.location.page > slip.location.page


def test_every_builtin_rule_has_a_title_in_both_languages() -> None:
    from auditor.engine.api import load_rules

    rules = load_rules(AuditOptions())
    assert len(rules) > 90
    for r in rules:
        assert r.title is not None, r.id
        assert re.search(r"[\u4e00-\u9fff]", r.title.zh) and r.title.en.isascii(), r.id
    assert len({r.title.zh for r in rules if r.title}) == len(rules)  # titles tell rules apart


def test_pages_without_libreoffice_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import auditor.readers.legacy_office as office

    monkeypatch.setattr(office, "office_binary", lambda: None)
    out = CliRunner().invoke(main, [str(DRAFT), "--pages", "--format", "json", "--jobs", "1"])
    assert "--pages：未找到 LibreOffice（soffice）" in out.stderr
    doc = json.loads(out.stdout)
    assert all(p["location"]["page"] is None for f in doc["files"][0]["findings"] for p in f["places"])
