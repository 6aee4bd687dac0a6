"""Generate the bad-input corpus: `python tests/hostile/make_hostile.py OUT_DIR`.

Every case is built from scratch (or from the committed synthetic fixtures) so anyone can
regenerate it. `CASES` maps a case name to (file name, builder, what the CLI must do):
'error' = exit 2 with a message naming the file, 'read' = the file is readable (exit 0 or 1).
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "fixtures" / "generated"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)


def _docx_with_body(path: Path, body_xml: str, prolog: str = "") -> None:
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document)


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def truncated_docx(path: Path) -> None:
    data = (GENERATED / "project_eval.docx").read_bytes()
    path.write_bytes(data[: len(data) // 2])


def bitflipped_docx(path: Path) -> None:
    data = bytearray((GENERATED / "project_eval.docx").read_bytes())
    for i in range(200, len(data), 97):  # deterministic damage all over the archive
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def truncated_pdf(path: Path) -> None:
    data = (GENERATED / "project_eval.pdf").read_bytes()
    path.write_bytes(data[: len(data) // 3])


def bitflipped_pdf(path: Path) -> None:
    data = bytearray((GENERATED / "project_eval.pdf").read_bytes())
    for i in range(400, len(data), 61):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def zip_of_something_else(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "这不是 Word 文档")
        z.writestr("data/table.csv", "a,b\n1,2\n")


def zip_bomb(path: Path) -> None:
    # a document part that inflates to 1 GiB of zeros (about 1 MB compressed)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(1024):
                fh.write(chunk)


def billion_laughs(path: Path) -> None:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    _docx_with_body(path, _p("&lol9;"), prolog=f"<!DOCTYPE w:document [{entities}]>")


def xxe(path: Path) -> None:
    _docx_with_body(
        path, _p("&xxe;"), prolog='<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    )


def nested_tables(path: Path) -> None:
    depth = 200
    xml = _p("最内层")
    for _ in range(depth):
        xml = f"<w:tbl><w:tr><w:tc>{xml}</w:tc></w:tr></w:tbl>"
    _docx_with_body(path, _p("嵌套表格") + xml + _p("结束"))


def table_5000_rows(path: Path) -> None:
    rows = "".join(
        f"<w:tr><w:tc>{_p(f'事项{i}')}</w:tc><w:tc>{_p(str(i % 7))}</w:tc><w:tc>{_p(f'{i}.00')}</w:tc></w:tr>"
        for i in range(5000)
    )
    _docx_with_body(path, _p("支出明细表") + f"<w:tbl>{rows}</w:tbl>")


def pdf_500_pages(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for page in range(500):
        pdf.add_page()
        for line in range(30):
            pdf.cell(0, 8, f"Page {page + 1} line {line + 1}: score 84.94 total 100", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def encrypted_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "confidential evaluation report")
    pdf.output(str(path))


def _png_bytes() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (200, 120), (240, 240, 240)).save(buf, format="PNG")
    return buf.getvalue()


def image_only_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(io.BytesIO(_png_bytes()), x=10, y=10, w=180)
    pdf.output(str(path))


def pdf_named_docx(path: Path) -> None:
    path.write_bytes((GENERATED / "project_eval.pdf").read_bytes())


def docx_named_pdf(path: Path) -> None:
    path.write_bytes((GENERATED / "project_eval.docx").read_bytes())


def png_named_txt(path: Path) -> None:
    path.write_bytes(_png_bytes())


def empty_file(path: Path) -> None:
    path.write_bytes(b"")


def folder(path: Path) -> None:
    path.mkdir()


def broken_symlink(path: Path) -> None:
    os.symlink(path.parent / "does-not-exist.docx", path)


def gbk_txt(path: Path) -> None:
    path.write_bytes("项目绩效评价得分84.94分，评价等级为良。\n自评得分95分。\n".encode("gbk"))


def nul_txt(path: Path) -> None:
    path.write_bytes(b"\x00\x01\x02binary\x00\x00" * 5000)


def long_line_txt(path: Path) -> None:
    path.write_text("得分84.94分，" * (10 * 1024 * 1024 // 24), "utf-8")


def huge_pipe_table_md(path: Path) -> None:
    header = "| " + " | ".join(f"列{i}" for i in range(10)) + " |\n|" + "---|" * 10 + "\n"
    rows = "".join("| " + " | ".join(str(r * 10 + c) for c in range(10)) + " |\n" for r in range(10_000))
    path.write_text("# 大表\n\n" + header + rows, "utf-8")


# --- declared sizes --------------------------------------------------------------------


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{_p(text)}</w:tc>"


def _table(rows: list[str]) -> str:
    return "<w:tbl>" + "".join(rows) + "</w:tbl>"


def gridspan_huge(path: Path) -> None:
    row = "<w:tr>" + _tc("得分", '<w:gridSpan w:val="100000000"/>') + _tc("84.94") + "</w:tr>"
    _docx_with_body(path, _p("评分表") + _table([row, "<w:tr>" + _tc("合计") + _tc("100") + "</w:tr>"]))


def gridbefore_huge(path: Path) -> None:
    row = '<w:tr><w:trPr><w:gridBefore w:val="5000000"/></w:trPr>' + _tc("得分") + _tc("84.94") + "</w:tr>"
    _docx_with_body(path, _p("评分表") + _table([row]))


def gridspan_garbage(path: Path) -> None:
    """Non-integer and negative spans and offsets: read as 1 / 0, never a traceback."""
    rows = [
        "<w:tr>" + _tc("指标", '<w:gridSpan w:val="abc"/>') + _tc("分值", '<w:gridSpan w:val="-7"/>') + "</w:tr>",
        '<w:tr><w:trPr><w:gridBefore w:val="-3"/></w:trPr>' + _tc("产出", '<w:gridSpan w:val="1.5"/>')
        + _tc("20") + "</w:tr>",
        '<w:tr><w:trPr><w:gridBefore w:val="x"/></w:trPr>' + _tc("效益") + _tc("30") + "</w:tr>",
    ]
    _docx_with_body(path, _p("项目绩效评价得分84.94分，评价等级为良。") + _table(rows))


COMMENTS_CT = (
    '<Override PartName="/word/comments.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
)


def bad_comment_ids(path: Path) -> None:
    """Existing Word comments whose ids are not integers (--annotate must say so)."""
    body = _p("项目绩效评价得分84.94分，评价等级为良。") + _p("自评得分95分，评价等级为优。")
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )
    comments = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:comments xmlns:w="{W_NS}"><w:comment w:id="x1" w:author="a">{_p("审阅意见")}</w:comment>'
        f'<w:comment w:id="-4" w:author="b">{_p("另一条")}</w:comment></w:comments>'
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'comments" Target="comments.xml"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.replace("</Types>", COMMENTS_CT + "</Types>"))
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/comments.xml", comments)


# --- volume ------------------------------------------------------------------------------


def _docx_streamed(path: Path, parts) -> None:  # type: ignore[no-untyped-def]
    """A .docx whose body is written piece by piece (large cases stay cheap to build)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
            )
            for part in parts:
                fh.write(part.encode())
            fh.write(b"</w:body></w:document>")


def docx_50000_rows(path: Path) -> None:
    def parts():  # type: ignore[no-untyped-def]
        yield _p("支出明细表") + "<w:tbl>"
        for i in range(50_000):
            yield f"<w:tr>{_tc(f'事项{i}')}{_tc(str(i % 7))}{_tc(f'{i}.00')}</w:tr>"
        yield "</w:tbl>"

    _docx_streamed(path, parts())


def docx_300000_paragraphs(path: Path) -> None:
    _docx_streamed(path, (_p(f"第{i}段，本项目得分{i % 100}.5分。") for i in range(300_000)))


def text_million_lines(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(1_000_000):
            fh.write(f"第{i}行：支出{i}.00万元，完成率{i % 100}%。\n")


def text_150mb(path: Path) -> None:
    line = ("项目资金执行率为98.5%，得分9.5分。" * 8 + "\n").encode()
    with open(path, "wb") as fh:
        for _ in range(150 * 1024 * 1024 // len(line) + 1):
            fh.write(line)


def text_one_50mb_line(path: Path) -> None:
    piece = "资金到位率100%，得分84.94分；".encode()
    with open(path, "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(piece) + 1):
            fh.write(piece)


def md_10000_columns(path: Path) -> None:
    n = 10_000
    header = "| " + " | ".join(f"列{i}" for i in range(n)) + " |\n"
    sep = "|" + "---|" * n + "\n"
    rows = "".join("| " + " | ".join(f"{r * n + c}" for c in range(n)) + " |\n" for r in range(3))
    path.write_text("# 宽表\n\n" + header + sep + rows, "utf-8")


def md_200000_cell_row(path: Path) -> None:
    path.write_text("# 长行\n\n| 项目 | 金额 |\n|---|---|\n| " + " | ".join("1.5%" for _ in range(200_000)) + " |\n", "utf-8")


def _raw_pdf(path: Path, contents) -> None:  # type: ignore[no-untyped-def]
    """A minimal PDF (Helvetica, one content stream per page) written by hand, so
    pathological pages are cheap to build."""
    objs: list[bytes] = []
    pages = list(contents)
    n = len(pages)
    # 1 catalog, 2 pages, 3 font, then (page, stream) pairs
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, stream in enumerate(pages):
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objs.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    with open(path, "wb") as fh:
        fh.write(b"%PDF-1.4\n")
        offsets = []
        for k, body in enumerate(objs, start=1):
            offsets.append(fh.tell())
            fh.write(f"{k} 0 obj\n".encode() + body + b"\nendobj\n")
        xref = fh.tell()
        fh.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
        for off in offsets:
            fh.write(f"{off:010d} 00000 n \n".encode())
        fh.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())


def _text_page(lines: list[str]) -> bytes:
    out = [b"BT /F1 10 Tf 12 TL 40 800 Td"]
    for line in lines:
        out.append(f"({line}) Tj T*".encode())
    out.append(b"ET")
    return b"\n".join(out)


def pdf_2000_pages(path: Path) -> None:
    page = _text_page([f"line {k}: score 84.94 of 100, rate 95.5%" for k in range(40)])
    _raw_pdf(path, [page] * 2000)


def pdf_million_glyphs(path: Path) -> None:
    # 1,000,000 glyphs on one page: 2,000 lines of 500 characters at 1 pt
    line = "8" * 500
    body = [b"BT /F1 1 Tf 1 TL 10 830 Td"]
    body += [f"({line}) Tj T*".encode() for _ in range(2000)]
    body.append(b"ET")
    _raw_pdf(path, [_text_page(["score 84.94"]), b"\n".join(body)])


def pdf_path_segments(path: Path) -> None:
    # 1.5 million path segments on one page: 750,000 stroked two-point lines in one path
    body = [b"BT /F1 10 Tf 40 800 Td (score 84.94 total 100) Tj ET", b"0.1 w"]
    for i in range(750_000):
        x = 40 + (i % 500)
        y = 100 + (i // 500) % 600
        body.append(f"{x} {y} m {x + 1} {y} l".encode())
    body.append(b"S")
    _raw_pdf(path, [b"\n".join(body)])


# --- super-linear patterns ----------------------------------------------------------------


def md_long_heading(path: Path) -> None:
    # 3 KB of spaces inside a heading: cubic for `\s*(.*?)\s*#*\s*$` (60 s before the fix)
    path.write_text("# 标题" + " " * 3000 + "x\n\n项目得分84.94分。\n", "utf-8")


def md_long_heading_hashes(path: Path) -> None:
    path.write_text("# 标题" + "# " * 1500 + "a\n\n项目得分84.94分。\n", "utf-8")


def md_long_link_line(path: Path) -> None:
    lines = ["![" * 20_000, "![a](" * 10_000, "[a](http://" * 10_000, "[" * 30_000 + "](", "项目得分84.94分。"]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def text_60000_digits(path: Path) -> None:
    path.write_text("项目得分" + "1" * 60_000 + "分。\n", "utf-8")


def text_digit_groups(path: Path) -> None:
    path.write_text("支出" + "1,234" * 12_000 + ".5万元。\n" + "得分" + "1." * 20_000 + "分\n", "utf-8")


def text_3000_percentages(path: Path) -> None:
    path.write_text("完成率" + "、".join(f"{i % 100}.5%" for i in range(3000)) + "。\n", "utf-8")


def text_many_emphasis(path: Path) -> None:
    path.write_text("**" * 20_000 + "\n" + "__a" * 20_000 + "\n" + "$" * 20_000 + "\n" + "项目得分84.94分。\n", "utf-8")


# --- rules tripped by large legitimate documents ---------------------------------------------


def text_2000_scores(path: Path) -> None:
    # the overall score stated 2,000 times, with 1,000 different values
    lines = ["# 项目绩效评价报告", ""]
    lines += [f"经评价，本项目综合评价得分{80 + i % 10}.{i % 100:02d}分，评价等级为良。" for i in range(2000)]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def text_6000_percentages(path: Path) -> None:
    # one rate stated 6,000 times; the lines end in a comma, so they wrap into one paragraph
    lines = ["# 项目绩效评价报告", ""]
    lines += [f"项目资金执行率为{i % 100}.{i % 10}%，" for i in range(6000)]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def docx_wide_row(path: Path) -> None:
    # 1,500 real cells in one row: beyond the column limit (a declared span is clamped instead)
    row = "<w:tr>" + "".join(_tc(str(i)) for i in range(1500)) + "</w:tr>"
    _docx_with_body(path, _p("宽表") + _table([row]))


# --- just under the limits (auditor/limits.py): read, and measured by bench/bench_hostile.py ----


def md_at_paragraph_limit(path: Path) -> None:
    lines = ["# 项目绩效评价报告", ""]
    lines += [f"第{i}项：资金{i}.00万元，完成率{i % 100}%，得分{i % 10}.5分。" for i in range(24_000)]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def docx_at_cell_limit(path: Path) -> None:
    def parts():  # type: ignore[no-untyped-def]
        yield _p("支出明细表") + "<w:tbl>"
        for i in range(16_000):
            yield f"<w:tr>{_tc(f'事项{i}')}{_tc(str(i % 7))}{_tc(f'{i}.00')}</w:tr>"
        yield "</w:tbl>"

    _docx_streamed(path, parts())


def pdf_at_page_limit(path: Path) -> None:
    page = _text_page([f"line {k}: score 84.94 of 100, rate 95.5%" for k in range(20)])
    _raw_pdf(path, [page] * 1000)


def pdf_at_glyph_limit(path: Path) -> None:
    body = [b"BT /F1 1 Tf 1 TL 10 830 Td"] + [f"({'8' * 500}) Tj T*".encode() for _ in range(110)] + [b"ET"]
    _raw_pdf(path, [_text_page(["score 84.94"]), b"\n".join(body)])


def pdf_at_path_limit(path: Path) -> None:
    body = [b"BT /F1 10 Tf 40 800 Td (score 84.94 total 100) Tj ET", b"0.1 w"]
    body += [f"{40 + i % 500} {100 + (i // 500) % 600} m {41 + i % 500} {100 + (i // 500) % 600} l".encode() for i in range(95_000)]
    body.append(b"S")
    _raw_pdf(path, [b"\n".join(body)])


Builder = Callable[[Path], None]
CASES: dict[str, tuple[str, Builder, str]] = {
    "truncated-docx": ("truncated.docx", truncated_docx, "error"),
    "bitflipped-docx": ("bitflipped.docx", bitflipped_docx, "error"),
    "truncated-pdf": ("truncated.pdf", truncated_pdf, "error"),
    "bitflipped-pdf": ("bitflipped.pdf", bitflipped_pdf, "any"),
    "zip-of-something-else": ("other.docx", zip_of_something_else, "error"),
    "zip-bomb": ("bomb.docx", zip_bomb, "error"),
    "billion-laughs": ("laughs.docx", billion_laughs, "error"),
    "xxe": ("xxe.docx", xxe, "error"),
    "nested-tables": ("nested.docx", nested_tables, "any"),
    "table-5000-rows": ("rows5000.docx", table_5000_rows, "read"),
    "pdf-500-pages": ("pages500.pdf", pdf_500_pages, "read"),
    "encrypted-pdf": ("encrypted.pdf", encrypted_pdf, "error"),
    "image-only-pdf": ("scanned.pdf", image_only_pdf, "error"),
    "pdf-named-docx": ("really-a-pdf.docx", pdf_named_docx, "error"),
    "docx-named-pdf": ("really-a-docx.pdf", docx_named_pdf, "error"),
    "png-named-txt": ("picture.txt", png_named_txt, "error"),
    "empty-file": ("empty.docx", empty_file, "error"),
    "folder": ("a-folder.docx", folder, "error"),
    "broken-symlink": ("dangling.docx", broken_symlink, "error"),
    "gbk-txt": ("gbk.txt", gbk_txt, "read"),
    "nul-txt": ("binary.txt", nul_txt, "error"),
    "long-line-txt": ("longline.txt", long_line_txt, "error"),
    "huge-pipe-table-md": ("bigtable.md", huge_pipe_table_md, "error"),  # 100,000 cells
    # declared sizes
    "gridspan-huge": ("gridspan.docx", gridspan_huge, "read"),
    "gridbefore-huge": ("gridbefore.docx", gridbefore_huge, "read"),
    "docx-wide-row": ("widerow.docx", docx_wide_row, "error"),
    "gridspan-garbage": ("gridgarbage.docx", gridspan_garbage, "read"),
    "bad-comment-ids": ("comments.docx", bad_comment_ids, "read"),
    # volume
    "docx-50000-rows": ("rows50000.docx", docx_50000_rows, "error"),
    "docx-300000-paragraphs": ("paras300000.docx", docx_300000_paragraphs, "error"),
    "text-million-lines": ("million.txt", text_million_lines, "error"),
    "text-150mb": ("big150.txt", text_150mb, "error"),
    "text-one-50mb-line": ("line50.txt", text_one_50mb_line, "error"),
    "md-10000-columns": ("wide.md", md_10000_columns, "error"),
    "md-200000-cell-row": ("longrow.md", md_200000_cell_row, "error"),
    "pdf-2000-pages": ("pages2000.pdf", pdf_2000_pages, "error"),
    "pdf-million-glyphs": ("glyphs.pdf", pdf_million_glyphs, "error"),
    "pdf-path-segments": ("paths.pdf", pdf_path_segments, "error"),
    # super-linear patterns
    "md-long-heading": ("heading.md", md_long_heading, "read"),
    "md-long-heading-hashes": ("heading2.md", md_long_heading_hashes, "read"),
    "md-long-link-line": ("links.md", md_long_link_line, "read"),
    "text-60000-digits": ("digits.txt", text_60000_digits, "read"),
    "text-digit-groups": ("groups.txt", text_digit_groups, "read"),
    "text-3000-percentages": ("percent3000.txt", text_3000_percentages, "read"),
    "text-many-emphasis": ("emphasis.md", text_many_emphasis, "read"),
    # rules tripped by large legitimate documents
    "text-2000-scores": ("scores2000.md", text_2000_scores, "read"),
    "text-6000-percentages": ("percent6000.md", text_6000_percentages, "read"),
}


# Read at the limits; too slow to build and run in the CI suite (bench only).
AT_LIMIT: dict[str, tuple[str, Builder, str]] = {
    "md-24000-paragraphs": ("paras24000.md", md_at_paragraph_limit, "read"),
    "docx-48000-cells": ("cells48000.docx", docx_at_cell_limit, "read"),
    "pdf-1000-pages": ("pages1000.pdf", pdf_at_page_limit, "read"),
    "pdf-55000-glyphs": ("glyphs55000.pdf", pdf_at_glyph_limit, "read"),
    "pdf-190000-segments": ("paths190000.pdf", pdf_at_path_limit, "read"),
}


def build(name: str, out: Path) -> Path:
    filename, builder, _ = CASES[name] if name in CASES else AT_LIMIT[name]
    path = out / filename
    builder(path)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("hostile-cases")
    target.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        print(build(case, target))
