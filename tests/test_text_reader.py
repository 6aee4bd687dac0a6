"""Tests for the .md / .txt reader (auditor.readers.text_reader)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.errors import InputError
from auditor.models import Paragraph, Table
from auditor.readers import read_document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _write(tmp_path: Path, text: str, name: str = "doc.txt", encoding: str = "utf-8") -> str:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return str(p)


def _tables(doc) -> list[Table]:  # type: ignore[no-untyped-def]
    return [b for b in doc.blocks if isinstance(b, Table)]


def test_paragraphs_and_headings_md(tmp_path: Path) -> None:
    path = _write(tmp_path, "# 一、**项目**概况\n\n第一段 文字\n第二段\n\n## 二、评价结论\n", "a.md")
    doc = read_document(path)
    paras = list(doc.paragraphs())
    assert [p.text for p in paras] == ["一、项目概况", "第一段 文字", "第二段", "二、评价结论"]
    assert [p.heading_level for p in paras] == [1, None, None, 2]
    assert [p.location.line for p in paras] == [1, 3, 4, 6]
    assert [p.location.paragraph for p in paras] == [0, 1, 2, 3]


def test_pipe_table_with_and_without_separator(tmp_path: Path) -> None:
    text = "| 指标 | 分值 |\n|---|---:|\n| 产出 | 40 |\n\n说明\n\n| 甲 | 乙 |\n| 1 | 2 |\n"
    doc = read_document(_write(tmp_path, text, "t.md"))
    t1, t2 = _tables(doc)
    assert t1.text_grid() == [["指标", "分值"], ["产出", "40"]]
    assert t2.text_grid() == [["甲", "乙"], ["1", "2"]]
    assert t1.rows[1][1].location.line == 3


def test_tab_rows_layout_b(tmp_path: Path) -> None:
    text = (
        "前言\n\n指标\t分值\t得分\t得分率\n决策\t20\t15.00\t75.00%\n\t\t空\n合计\t100\t90\t90.00%\n\n后记\n"
    )
    doc = read_document(_write(tmp_path, text))
    (t,) = _tables(doc)
    assert t.n_cols == 4 and t.n_rows == 4
    assert [c.text for c in t.rows[2]] == ["", "", "空"]
    assert t.rows[3][0].location.line == 6
    assert [p.text for p in doc.paragraphs()] == ["前言", "后记"]


CELL_PER_LINE = "\n".join(
    [
        "附表",
        "",
        "\t一级",
        "",
        "指标",
        "\t三级指标",
        "\t分值",
        "\t得分",
        "",
        "\tA甲乙",
        "",
        "(10分)",
        "\tA11丙丁",
        "\t6",
        "\t5",
        "",
        "\t",
        "\tA12戊己",
        "\t4",
        "",
        "\t4",
        "",
        "\t合计",
        "\t10",
        "\t9",
        "",
        "这是表格之后的一段正文，它足够长，不应被当作单元格的续行。",
        "",
    ]
)


def test_cell_per_line_layout_c(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, CELL_PER_LINE))
    (t,) = _tables(doc)
    assert t.n_cols == 4
    grid = t.text_grid()
    assert grid[0] == ["一级\n指标", "三级指标", "分值", "得分"]
    assert grid[1] == ["A甲乙\n(10分)", "A11丙丁", "6", "5"]
    # a blank line inside a short row does not start a new row
    assert grid[2] == ["", "A12戊己", "4", "4"]
    # a short total row: its label spans the missing columns
    assert grid[3] == ["合计", "合计", "10", "9"]
    assert t.rows[3][0].col_span == 2
    paras = [p.text for p in doc.paragraphs()]
    assert paras[-1].startswith("这是表格之后")


def test_cell_per_line_paragraph_after_figure_row(tmp_path: Path) -> None:
    text = "\t项目\n\t甲\n\t合计\n\n\t份数\n\t3\n\t3\n2.第二个问题\n\t项目\n\t乙\n\t合计\n"
    doc = read_document(_write(tmp_path, text))
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Table", "Paragraph", "Table"]
    assert doc.blocks[1].text == "2.第二个问题"


def test_html_table_spans_and_nested(tmp_path: Path) -> None:
    text = (
        "前文\n<table><tr><th rowspan=2>指标</th><th colspan=2>得分</th></tr>\n"
        "<tr><td>甲&amp;乙</td><td>一<br>二</tr>\n"
        "<tr><td>x</td><td><table><tr><td>内</td></tr></table></td><td>9"
        "</table>\n后文\n"
    )
    doc = read_document(_write(tmp_path, text, "h.md"))
    (t,) = _tables(doc)
    assert t.n_cols == 3 and t.n_rows == 3
    head = t.rows[0][0]
    assert (head.row_span, head.col_span) == (2, 1)
    assert t.rows[0][1].col_span == 2
    assert [(c.col, c.text) for c in t.rows[1]] == [(1, "甲&乙"), (2, "一\n二")]
    inner = t.rows[2][1].tables[0]
    assert inner.text_grid() == [["内"]] and inner.index == t.index + 1
    assert t.rows[2][2].text == "9"
    assert [p.text for p in doc.paragraphs()] == ["前文", "后文"]


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("gbk", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("gb18030", b"")],
)
def test_encodings(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    p = tmp_path / "e.txt"
    p.write_bytes(prefix + "预算执行率\t９８．５％\n".encode(encoding))
    doc = read_document(str(p))
    (t,) = _tables(doc)
    assert t.text_grid() == [["预算执行率", "98.5%"]]


def test_full_width_digits_in_paragraph(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "得分为８４．９４分\n"))
    (p,) = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert p.text == "得分为84.94分"


def test_binary_garbage(tmp_path: Path) -> None:
    p = tmp_path / "g.txt"
    p.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(InputError) as exc:
        read_document(str(p))
    assert exc.value.reason == "corrupt"
    result = CliRunner().invoke(main, ["dump", str(p)])
    assert result.exit_code == 2


def test_control_chars_without_nul(tmp_path: Path) -> None:
    p = tmp_path / "c.txt"
    p.write_bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08" * 50)
    with pytest.raises(InputError) as exc:
        read_document(str(p))
    assert exc.value.reason == "corrupt"


needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="corpus not available")


def _find(doc, first: str, cols: int) -> list[Table]:  # type: ignore[no-untyped-def]
    return [t for t in doc.tables() if t.n_cols == cols and t.text_grid()[0][0].replace(" ", "") == first]


@needs_corpus
def test_corpus_004_annex_and_table_4_1() -> None:
    doc = read_document(str(CORPUS / "004_9702beb4dfdda539.txt"))
    annex = [t for t in doc.tables() if t.n_cols == 8 and "得分率" in t.text_grid()[0]]
    assert len(annex) == 1
    t = annex[0]
    assert [x.replace("\n", "") for x in t.text_grid()[0]] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "指标解释",
        "评价标准",
        "得分",
        "得分率",
    ]
    assert t.n_rows >= 31
    codes = [row[2][:3] for row in t.text_grid()[1:] if row[2][:1] in "ABCD"]
    assert " ".join(codes) == (
        "A11 A12 A21 A22 A23 B11 B12 B13 B21 B22 B23 B31 B32 B41 B42 B51 B61 B71 B72 B73 "
        "C11 C12 C13 C14 C21 C22 D11 D21 D31 D32"
    )
    t41 = [t for t in doc.tables() if (t.caption or "").startswith("表4-1")]
    assert len(t41) == 1
    assert (t41[0].n_rows, t41[0].n_cols) == (6, 4)
    assert t41[0].text_grid()[-1] == ["合计", "100", "86", "86.00%"]


@needs_corpus
def test_corpus_000_table1_and_annex() -> None:
    doc = read_document(str(CORPUS / "000_d151785e31374ea4.txt"))
    t1 = [t for t in doc.tables() if (t.caption or "").replace(" ", "").startswith("表1")]
    assert len(t1) == 1
    assert (t1[0].n_rows, t1[0].n_cols) == (6, 4)
    assert t1[0].text_grid()[-1] == ["合计", "100", "84.94", "84.94%"]
    annex = [t for t in doc.tables() if "评分表" in (t.caption or "")]
    assert len(annex) == 1
    assert annex[0].n_rows == 25
    assert annex[0].text_grid()[-1][0] == "合计"


def test_empty_html_table_and_unclosed_markup(tmp_path: Path) -> None:
    text = "<table></table>\n正文\n<table><tr><td>甲<td>1\n<tr><td>乙<td>2\n"
    doc = read_document(_write(tmp_path, text, "u.md"))
    (t,) = _tables(doc)
    assert t.text_grid() == [["甲", "1"], ["乙", "2"]]
    assert [p.text for p in doc.paragraphs()] == ["正文"]


def test_paragraph_markup_in_tab_cells(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "签章\t<p>单位：</p> <p>日期</p>\t\n"))
    (t,) = _tables(doc)
    assert t.rows[0][1].text == "单位：\n日期"
    assert t.n_cols == 3


def test_html_table_prose_on_same_line(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "见下表：<table><tr><td>甲</td></tr></table>以上。\n", "s.md"))
    kinds = [(type(b).__name__, getattr(b, "text", None)) for b in doc.blocks]
    assert kinds == [("Paragraph", "见下表："), ("Table", None), ("Paragraph", "以上。")]


# -- decoding edge cases --------------------------------------------------------------


def test_gbk_with_few_chinese_characters_is_not_taken_for_broken_utf8(tmp_path: Path) -> None:
    # mostly ASCII: UTF-8 decoding fails on only a handful of bytes, yet it is GBK
    p = tmp_path / "mostly_ascii.txt"
    p.write_bytes(("Report 2024 " * 300 + "\n得分\t95\n").encode("gbk"))
    doc = read_document(str(p))
    (t,) = _tables(doc)
    assert t.text_grid() == [["得分", "95"]]
    assert doc.notes == []


def test_utf8_with_a_stray_byte_is_read_with_a_note(tmp_path: Path) -> None:
    p = tmp_path / "stray.txt"
    body = "项目资金执行情况良好，年度预算执行率达到预期。\n" * 20
    p.write_bytes(body.encode() + b"\xff\n" + "结尾段落\n".encode())
    doc = read_document(str(p))
    texts = [x.text for x in doc.paragraphs()]
    assert texts[-1] == "结尾段落"
    assert texts[0].startswith("项目资金执行情况良好")  # not GB18030 mojibake
    assert any("UTF-8" in str(n) for n in doc.notes)


def test_gbk_truncated_last_character_is_read(tmp_path: Path) -> None:
    p = tmp_path / "cut.txt"
    p.write_bytes("绩效评价得分为九十分\n附注".encode("gbk")[:-1])
    doc = read_document(str(p))
    assert next(doc.paragraphs()).text == "绩效评价得分为九十分"
    assert any("GB18030" in str(n) for n in doc.notes)


def test_undecodable_noise_is_a_decode_error(tmp_path: Path) -> None:
    p = tmp_path / "noise.txt"
    p.write_bytes(bytes([0x81, 0x0A, 0xFF, 0x20]) * 200)
    with pytest.raises(InputError) as exc:
        read_document(str(p))
    assert exc.value.reason in ("decode", "corrupt")


def test_form_feed_is_a_line_break(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "第一页末尾。\f第二页开头。\n"))
    assert [p.text for p in doc.paragraphs()] == ["第一页末尾。", "第二页开头。"]


# -- normalisation and inline markup --------------------------------------------------


def test_spaces_inside_numbers(tmp_path: Path) -> None:
    doc = read_document(
        _write(tmp_path, "支出合计 1 396 万元，得分 84. 94 分，占比 12.5 %。\n项目\t2 048\t７５ ％\n")
    )
    (p,) = doc.paragraphs()
    assert p.text == "支出合计 1396 万元，得分 84.94 分，占比 12.5%。"
    (t,) = _tables(doc)
    assert t.text_grid() == [["项目", "2048", "75%"]]


def test_latex_remnants_read_as_comparison_signs(tmp_path: Path) -> None:
    text = r"分档：甲（分数 $\geq 85$ 分）；乙（ $70 \leq$ 分数 $< 85$ 分）；费用 $3$ 万元" + "\n"
    (p,) = read_document(_write(tmp_path, text, "m.md")).paragraphs()
    assert p.text == "分档：甲（分数≥85分）；乙（70≤分数<85分）；费用3万元"


def test_inline_html_and_entities(tmp_path: Path) -> None:
    text = "<b>单位</b>\t<strong>金额</strong>&nbsp;\n依据《关于印发<试行办法>的通知》&amp;附件\n"
    doc = read_document(_write(tmp_path, text))
    (t,) = _tables(doc)
    assert t.text_grid() == [["单位", "金额"]]
    (p,) = doc.paragraphs()
    # <试行办法> is a nested title, not a tag
    assert p.text == "依据《关于印发<试行办法>的通知》&附件"


def test_markdown_noise_in_paragraphs(tmp_path: Path) -> None:
    text = (
        "- 1、第一项说明\n> 引用的一句话\n---\n![图](images/a.png)\n"
        "详见[附表](#annex)与`代码`，签字：______\n\\*非强调\\*\n"
    )
    doc = read_document(_write(tmp_path, text, "n.md"))
    assert [p.text for p in doc.paragraphs()] == [
        "1、第一项说明",
        "引用的一句话",
        "详见附表与代码，签字：______",
        "*非强调*",
    ]


def test_dash_rule_rows_are_dropped_but_nil_cells_kept(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "类别\t金额\n结转\t-\n------\t----\n"))
    (t,) = _tables(doc)
    assert t.text_grid() == [["类别", "金额"], ["结转", "-"]]


# -- wrapped paragraphs ---------------------------------------------------------------


LONG_HALF = "本单位按照年度工作安排推进各项任务，完成了设备更新、系统维护和人员培训等工作，其中设备"


def test_paragraph_cut_by_a_page_break_is_joined(tmp_path: Path) -> None:
    text = f"{LONG_HALF}\n\n更新完成率达到百分之百。\n\n（二）下一项\n"
    doc = read_document(_write(tmp_path, text))
    paras = list(doc.paragraphs())
    assert [p.text for p in paras] == [LONG_HALF + "更新完成率达到百分之百。", "（二）下一项"]
    assert paras[0].location.line == 1 and paras[1].location.paragraph == 1


@pytest.mark.parametrize(
    "text",
    [
        "1.评价目的\n本次评价的目的在于考察资金使用情况。\n",  # numbered title, then body
        "评价结论\n\n经评价，该项目总体完成较好。\n",  # short title without a comma
        f"{LONG_HALF}\n\n（三）另起一项\n",  # next line opens an item
        f"{LONG_HALF}\n\n填表时间：某年某月\n",  # next line is a label
        f"{LONG_HALF}。\n\n下一段文字。\n",  # sentence complete
        f"{LONG_HALF}\n\n\n\n\n下一段文字。\n",  # too far apart
    ],
)
def test_lines_that_are_not_wraps_stay_apart(tmp_path: Path, text: str) -> None:
    assert len(list(read_document(_write(tmp_path, text)).paragraphs())) == 2


def test_short_line_ending_on_a_comma_is_joined(tmp_path: Path) -> None:
    text = "（2）程序规范性：项目经过了必要的决策环节，\n\n按规定程序申请设立。\n"
    (p,) = read_document(_write(tmp_path, text)).paragraphs()
    assert p.text == "（2）程序规范性：项目经过了必要的决策环节，按规定程序申请设立。"


def test_no_join_across_a_table(tmp_path: Path) -> None:
    text = f"{LONG_HALF}\n甲\t乙\n继续的文字。\n"
    doc = read_document(_write(tmp_path, text))
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Paragraph"]


@needs_corpus
def test_corpus_000_paragraph_text() -> None:
    doc = read_document(str(CORPUS / "000_d151785e31374ea4.txt"))
    texts = [p.text for p in doc.paragraphs()]
    assert any("优（得分≥90分）；良（80≤得分<90分）" in t for t in texts)
    # a sentence split over a page break reads as one paragraph, as in the .docx
    assert any("如数量指标“保障 3 个 24 小时" in t for t in texts)
    assert not any(t.startswith("<b>") or "</b>" in t for t in texts)
    for t in doc.tables():
        assert not any("<b>" in c.text for c in t.iter_cells())
