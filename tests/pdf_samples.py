"""Build small PDFs for the PDF reader's tests and benchmark (and for anyone who needs
Chinese PDFs: the fixture generator can reuse `cjk_font_path`, `new_pdf`, `Layout`).

Everything is drawn at explicit positions (unit: points, origin top-left as in fpdf2) so
that tests know exactly where every line, rule and cell stands. All prose is invented.

The CJK font is a committed subset of WenQuanYi Micro Hei (Apache-2.0, see
tests/data/fonts/README.md): CI installs only from PyPI and has no CJK system font.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent / "data" / "fonts"
FONT_FILE = FONT_DIR / "WenQuanYiMicroHei-GB2312.ttf"
FONT = "cjk"

PAGE_W, PAGE_H = 595.28, 841.89  # A4 in points
MARGIN_L, MARGIN_R = 72.0, 72.0
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R
BODY = 12.0  # body font size, pt


def cjk_font_path() -> Path:
    """A TrueType font that draws Chinese (GB2312), ASCII and full-width forms.

    Order: $AUDITOR_CJK_FONT if set (to try another font), else the committed subset.
    """
    env = os.environ.get("AUDITOR_CJK_FONT")
    if env and Path(env).is_file():
        return Path(env)
    if not FONT_FILE.is_file():  # pragma: no cover - the file is committed
        raise FileNotFoundError(f"CJK test font missing: {FONT_FILE}")
    return FONT_FILE


@lru_cache(maxsize=4)
def _cmap(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    return frozenset(TTFont(path, lazy=True).getBestCmap())


def missing_glyphs(text: str, font: Path | None = None) -> set[str]:
    """Characters of `text` the font cannot draw (whitespace ignored)."""
    cmap = _cmap(str(font or cjk_font_path()))
    return {ch for ch in text if not ch.isspace() and ord(ch) not in cmap}


def new_pdf() -> FPDF:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN_L, 56, MARGIN_R)
    pdf.add_font(FONT, "", str(cjk_font_path()))
    pdf.set_font(FONT, size=BODY)
    pdf.set_creator("auditor tests")
    pdf.set_creation_date(_FIXED_DATE)
    return pdf


def _fixed_date():  # deterministic bytes: fpdf2 stamps the creation date otherwise
    import datetime as dt

    return dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


_FIXED_DATE = _fixed_date()


def wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Break `text` into lines no wider than `width`, character by character (Chinese
    has no spaces to break at)."""
    lines: list[str] = []
    cur = ""
    for ch in text:
        if cur and pdf.get_string_width(cur + ch) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    if cur:
        lines.append(cur)
    return lines


@dataclass
class GridCell:
    """One drawn cell: top-left grid position, spans, text lines (drawn as given)."""

    row: int
    col: int
    text: str | list[str] = ""
    row_span: int = 1
    col_span: int = 1
    align: str = "L"


class LayoutFull(Exception):
    """Raised by Layout.new_page when `max_pages` pages are already drawn."""


@dataclass
class Layout:
    """A cursor over an fpdf2 document that knows the page furniture of a report."""

    pdf: FPDF = field(default_factory=new_pdf)
    y: float = 0.0
    header: str | None = None
    footer_numbers: bool = True
    page_no: int = 0
    leading: float = 1.5  # line height / font size
    max_pages: int | None = None

    def new_page(self) -> None:
        if self.max_pages is not None and self.page_no >= self.max_pages:
            raise LayoutFull
        self.pdf.add_page()
        self.page_no += 1
        self.y = 72.0
        size = self.pdf.font_size_pt
        if self.header:
            self.pdf.set_font_size(9)
            self.pdf.text(MARGIN_L, 40, self.header)
            self.pdf.line(MARGIN_L, 46, PAGE_W - MARGIN_R, 46)
        if self.footer_numbers:
            self.pdf.set_font_size(9)
            label = str(self.page_no)
            self.pdf.text((PAGE_W - self.pdf.get_string_width(label)) / 2, PAGE_H - 40, label)
        self.pdf.set_font_size(size)

    def room(self, height: float) -> bool:
        return self.y + height <= PAGE_H - 72

    def ensure(self, height: float) -> None:
        if not self.room(height):
            self.new_page()

    def heading(self, text: str, size: float = 16.0) -> None:
        self.ensure(size * 2.5)
        self.y += size * 0.5
        self.pdf.set_font_size(size)
        self.pdf.text(MARGIN_L, self.y + size, text)
        self.y += size * 1.8
        self.pdf.set_font_size(BODY)

    def paragraph(self, text: str, size: float = BODY, indent: bool = True) -> list[str]:
        """Draw a paragraph with a two-character first-line indent; returns its lines."""
        pdf = self.pdf
        pdf.set_font_size(size)
        first_indent = 2 * size if indent else 0.0
        lines = wrap(pdf, text, TEXT_W - first_indent)
        if len(lines) > 1:  # re-wrap the rest at full width
            rest = "".join(lines[1:])
            lines = lines[:1] + wrap(pdf, rest, TEXT_W)
        for i, line in enumerate(lines):
            self.ensure(size * self.leading)
            x = MARGIN_L + (first_indent if i == 0 else 0.0)
            pdf.text(x, self.y + size, line)
            self.y += size * self.leading
        pdf.set_font_size(BODY)
        return lines

    def table(
        self,
        col_widths: Sequence[float],
        row_heights: Sequence[float],
        cells: Iterable[GridCell],
        size: float = 10.5,
        x: float = MARGIN_L,
        rules: str = "all",
    ) -> tuple[float, float]:
        """Draw a ruled grid. Each cell gets its own rectangle (so a merged cell has no
        inner rule). `rules="none"` draws no lines. Returns the table's (top, bottom)."""
        pdf = self.pdf
        pdf.set_font_size(size)
        top = self.y
        xs = [x]
        for w in col_widths:
            xs.append(xs[-1] + w)
        ys = [top]
        for h in row_heights:
            ys.append(ys[-1] + h)
        pdf.set_line_width(0.5)
        for cell in cells:
            x0, x1 = xs[cell.col], xs[cell.col + cell.col_span]
            y0, y1 = ys[cell.row], ys[cell.row + cell.row_span]
            if rules == "all":
                pdf.rect(x0, y0, x1 - x0, y1 - y0)
            lines = cell.text if isinstance(cell.text, list) else wrap(pdf, cell.text, x1 - x0 - 6)
            block_h = len(lines) * size * 1.3
            ty = y0 + (y1 - y0 - block_h) / 2
            for line in lines:
                w = pdf.get_string_width(line)
                tx = x0 + 3 if cell.align == "L" else (x0 + x1 - w) / 2
                pdf.text(tx, ty + size, line)
                ty += size * 1.3
        pdf.set_font_size(BODY)
        self.y = ys[-1] + 6
        return top, ys[-1]

    def output(self, path: str | Path | None = None) -> bytes:
        data = bytes(self.pdf.output())
        if path is not None:
            Path(path).write_bytes(data)
        return data


def simple_grid(rows: Sequence[Sequence[str]]) -> list[GridCell]:
    return [GridCell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row)]


# --- the samples the tests use -------------------------------------------------------

PARA_1 = "本报告依据财政支出绩效评价的有关规定，对青禾县社区养老服务补助项目二〇二三年度的资金使用与产出效益进行了全面评价，形成如下结论。"
PARA_2 = "项目年初预算资金为128.50万元，实际到位128.50万元，实际支出117.62万元，预算执行率为91.53%。"
SCORE_ROWS = [
    ["一级指标", "二级指标", "分值", "得分"],
    ["决策", "项目立项", "8", "7.5"],
    ["", "绩效目标", "7", "6"],
    ["过程", "资金管理", "10", "8.2"],
    ["合计", "", "25", "21.7"],
]


def merged_table_pdf(path: str | Path | None = None) -> bytes:
    """Page 1: heading, a paragraph, a 5x4 scoring table with a vertical merge
    (决策 over two rows) and a horizontal merge (合计 over two columns), a paragraph."""
    lay = Layout()
    lay.new_page()
    lay.heading("一、项目基本情况")
    lay.paragraph(PARA_1)
    cells = [
        GridCell(0, 0, "一级指标"), GridCell(0, 1, "二级指标"), GridCell(0, 2, "分值"), GridCell(0, 3, "得分"),
        GridCell(1, 0, "决策", row_span=2), GridCell(1, 1, "项目立项"), GridCell(1, 2, "8"), GridCell(1, 3, "7.5"),
        GridCell(2, 1, "绩效目标"), GridCell(2, 2, "7"), GridCell(2, 3, "6"),
        GridCell(3, 0, "过程"), GridCell(3, 1, "资金管理"), GridCell(3, 2, "10"), GridCell(3, 3, "8.2"),
        GridCell(4, 0, "合计", col_span=2), GridCell(4, 2, "25"), GridCell(4, 3, "21.7"),
    ]  # fmt: skip
    lay.table([110, 150, 90, 90], [24] * 5, cells)
    lay.paragraph(PARA_2)
    return lay.output(path)


CONT_HEADER = ["序号", "支出内容", "金额（元）"]


def continued_table_pdf(path: str | Path | None = None, repeat_header: bool = True) -> bytes:
    """A table that starts low on page 1 and continues on page 2 with the same columns;
    page 2 repeats the header row when `repeat_header`."""
    lay = Layout(header="青禾县财政局绩效评价报告")
    lay.new_page()
    lay.heading("二、资金支出明细")
    lay.y = 560
    widths = [60, 260, 120]
    rows1 = [CONT_HEADER] + [
        [str(i), f"养老服务站运营补助第{i}批", f"{10000 + i * 250:,}.00"] for i in range(1, 7)
    ]
    lay.table(widths, [22] * len(rows1), simple_grid(rows1))
    lay.new_page()
    rows2 = ([CONT_HEADER] if repeat_header else []) + [
        [str(i), f"养老服务站运营补助第{i}批", f"{10000 + i * 250:,}.00"] for i in range(7, 10)
    ]
    lay.table(widths, [22] * len(rows2), simple_grid(rows2))
    lay.paragraph("以上支出均取得合规票据。")
    return lay.output(path)


ROW_BREAK_HEADER = ["一级指标", "二级指标", "三级指标", "得分"]


def row_across_pages_pdf(path: str | Path | None = None) -> bytes:
    """A table whose last row on page 1 is cut by the page break (Word's "allow row to
    break across pages"): 三级指标 ends "老年人满意度调" at the cell's right edge and goes on
    with "查覆盖率" in the first row of page 2, whose other cells are empty. Page 2 repeats
    the header. The row after it (empty 一级指标, short texts) is a real row."""
    lay = Layout()
    lay.new_page()
    lay.heading("四、评分情况")
    lay.y = 640
    widths = [70, 70, 80, 60]
    cells = simple_grid([ROW_BREAK_HEADER])
    cells += [
        GridCell(1, 0, "产出", row_span=2), GridCell(1, 1, "数量"), GridCell(1, 2, ["服务人次达标"]), GridCell(1, 3, "5"),
        GridCell(2, 1, "质量"), GridCell(2, 2, ["老年人满意度调"]), GridCell(2, 3, "4"),
    ]  # fmt: skip
    lay.table(widths, [22, 22, 22], cells)
    lay.new_page()
    cells = simple_grid([ROW_BREAK_HEADER])
    cells += [
        GridCell(1, 0, ""), GridCell(1, 1, ""), GridCell(1, 2, ["查覆盖率"]), GridCell(1, 3, ""),
        GridCell(2, 0, ""), GridCell(2, 1, "时效"), GridCell(2, 2, "补助发放及时性"), GridCell(2, 3, "3"),
    ]  # fmt: skip
    lay.table(widths, [22, 22, 22], cells)
    return lay.output(path)


def split_row_pdf(path: str | Path | None = None) -> bytes:
    """Two tables where a cell's second text line sits in its own physical row.

    Table A: a full-width rule is drawn between the two lines of 指标名称 in row 2, so the
    continuation row has text only in column 0 and the other cells are empty. Its last
    row (备注：无, other cells empty) is a real row and must stay.
    Table B: the rule is missing only in column 0 (a partial rule), so the continuation
    text lands in its own cell while the other columns span both physical rows.
    """
    lay = Layout()
    lay.new_page()
    lay.heading("三、绩效指标完成情况")
    widths = [84, 140, 90, 90]
    # Table A: rows: header, "产出数量" row, split row (2 physical rows), a normal row.
    cells_a = simple_grid(
        [["指标名称", "指标值", "实际完成值", "完成情况"], ["服务人次", "≥1200人次", "1350人次", "已完成"]]
    )
    cells_a += [
        GridCell(2, 0, ["老年人满意度调"]), GridCell(2, 1, "≥90%"), GridCell(2, 2, "93.6%"), GridCell(2, 3, "已完成"),
        GridCell(3, 0, ["查覆盖率"]), GridCell(3, 1, ""), GridCell(3, 2, ""), GridCell(3, 3, ""),
        GridCell(4, 0, "站点数量"), GridCell(4, 1, "≥12个"), GridCell(4, 2, "12个"), GridCell(4, 3, "已完成"),
        GridCell(5, 0, "备注：无"), GridCell(5, 1, ""), GridCell(5, 2, ""), GridCell(5, 3, ""),
    ]  # fmt: skip
    lay.table(widths, [22, 22, 16, 16, 22, 22], cells_a)
    lay.paragraph("表中各项指标均按年度目标核定。")
    # Table B: column 0 split by a partial rule; columns 1-3 span the two physical rows.
    cells_b = simple_grid([["指标名称", "指标值", "实际完成值", "完成情况"]])
    cells_b += [
        GridCell(1, 0, ["专项资金拨付及"]), GridCell(1, 1, "100%", row_span=2), GridCell(1, 2, "86.04%", row_span=2),
        GridCell(1, 3, "部分完成", row_span=2),
        GridCell(2, 0, ["时率"]),
        GridCell(3, 0, "培训场次"), GridCell(3, 1, "≥6场"), GridCell(3, 2, "8场"), GridCell(3, 3, "已完成"),
    ]  # fmt: skip
    lay.table(widths, [22, 16, 16, 22], cells_b)
    return lay.output(path)


def report_pdf(path: str | Path | None = None, pages: int = 60) -> bytes:
    """A report-like document of exactly `pages` pages: running header, page numbers,
    headings, indented paragraphs (some running across a page break), and a ruled
    scoring table after every second section."""
    lay = Layout(header="青禾县社区养老服务补助项目绩效评价报告", max_pages=pages)
    lay.new_page()
    section = 0
    try:
        while True:
            section += 1
            lay.heading(f"{_cn_num(section)}、评价内容第{section}部分")
            for k in range(3):
                lay.paragraph(
                    f"第{section}部分第{k + 1}段：{PARA_1}其中本部分涉及资金{section * 3 + k}.{k}5万元，"
                    f"完成率为{80 + (section + k) % 20}.{k}%。" + PARA_2
                )
            if section % 2 == 0:
                rows = [["指标", "分值", "得分", "得分率"]] + [
                    [f"指标{section}-{i}", str(5 + i), f"{4 + i}.5", f"{(4.5 + i) / (5 + i) * 100:.2f}%"]
                    for i in range(8)
                ]
                lay.ensure(22 * len(rows) + 10)
                lay.table([180, 80, 80, 100], [22] * len(rows), simple_grid(rows))
    except LayoutFull:
        pass
    return lay.output(path)


def _cn_num(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


PARA_LONG = (
    "评价组通过查阅资料、实地走访和问卷调查等方式，核实了十二个社区养老服务站的建设与运营情况，"
    "抽查了三十六份补助发放凭证，并对服务对象开展了满意度调查，调查结果显示服务对象总体满意。"
)
PARA_FULLWIDTH = "问卷共回收１２０份，有效问卷１１６份，有效率９６．６７％。"
LIST_ITEMS = ["1.资金拨付存在滞后。", "2.绩效目标不够细化。"]
PARA_ACROSS = (
    "该项目资金由县财政局按季度拨付至各街道办事处，再由街道办事处按照服务站实际服务人次核定补助金额，"
    "评价组对拨付流程进行了逐笔核对，未发现超范围支出的情况，但部分季度的拨付时间晚于规定期限，"
    "影响了服务站的正常运营。"
)


def paragraphs_pdf(path: str | Path | None = None) -> bytes:
    """Headings of two sizes, wrapped and one-line paragraphs, a numbered list, full-width
    digits, and a paragraph that runs from the bottom of page 1 onto page 2."""
    lay = Layout()
    lay.new_page()
    lay.heading("社区养老服务补助项目绩效评价报告", size=20)
    lay.heading("一、评价工作开展情况", size=15)
    lay.paragraph(PARA_LONG)
    lay.paragraph("评价工作于二〇二四年三月完成。")
    for item in LIST_ITEMS:
        lay.paragraph(item, indent=False)
    lay.paragraph(PARA_FULLWIDTH)
    lay.heading("二、资金拨付情况", size=15)
    lay.y = PAGE_H - 72 - 2 * BODY * lay.leading  # room for exactly two lines on page 1
    lay.paragraph(PARA_ACROSS)
    lay.paragraph("以上情况已与项目单位核实。")
    return lay.output(path)


def encrypted_pdf(path: str | Path | None = None) -> bytes:
    lay = Layout()
    lay.pdf.set_encryption(owner_password="owner-pw", user_password="user-pw")
    lay.new_page()
    lay.paragraph(PARA_1)
    return lay.output(path)


def image_only_pdf(path: str | Path | None = None, pages: int = 2) -> bytes:
    """A 'scanned' PDF: each page is one picture, no text layer."""
    from PIL import Image, ImageDraw

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(_FIXED_DATE)
    for i in range(pages):
        img = Image.new("L", (200, 280), 255)
        draw = ImageDraw.Draw(img)
        for k in range(12):
            draw.rectangle((20, 20 + k * 20, 180 - (k * 7) % 60, 28 + k * 20), fill=40 + i)
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        pdf.add_page()
        pdf.image(buf, x=0, y=0, w=PAGE_W, h=PAGE_H)
    data = bytes(pdf.output())
    if path is not None:
        Path(path).write_bytes(data)
    return data


def blank_pages_pdf(path: str | Path | None = None, pages: int = 2) -> bytes:
    """Pages with nothing on them at all."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(_FIXED_DATE)
    for _ in range(pages):
        pdf.add_page()
    data = bytes(pdf.output())
    if path is not None:
        Path(path).write_bytes(data)
    return data


def truncated_pdf(path: str | Path | None = None) -> bytes:
    """The first 40% of a valid PDF: the header is right, the rest is gone."""
    full = merged_table_pdf()
    data = full[: int(len(full) * 0.4)]
    if path is not None:
        Path(path).write_bytes(data)
    return data
